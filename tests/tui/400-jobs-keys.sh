#!/bin/sh
# SPDX-License-Identifier: MIT
# Four documents audited at once by the TUI's own job runner while keys
# keep arriving: every key is answered (the help opens and closes each
# time, within two seconds) and all four jobs finish.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"
export VIGILORE_NO_AUTOSTART=1
MK="python3 $TOP/tests/unit/pipeline/mkpdf.py"
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

for i in 1 2 3 4; do
	$MK text "$TMP/site$i.pdf" 150
done
tui_start 100 30
see "home screen" "Running jobs"
for i in 1 2 3 4; do
	"$VO" audit --input "$TMP/site$i.pdf" --framework DRC_MINING_CODE \
	    --framework ISO_14001 --framework ISO_45001 --framework VPSHR \
	    --site "Site $i" --auditor A >/dev/null || not_ok "submit $i"
done
presses=0
answered=0
done_jobs=0
busy=0
end=$(( $(date +%s) + 90 ))
while [ "$(date +%s)" -lt "$end" ]; do
	keys '?'
	presses=$((presses + 1))
	wait_for "Help: Home" 2 >/dev/null && answered=$((answered + 1))
	keys Escape
	presses=$((presses + 1))
	wait_gone "Help: Home" 2 >/dev/null && answered=$((answered + 1))
	"$VO" jobs --json >"$TMP/jobs.json" 2>/dev/null || continue
	done_jobs=$(json "$TMP/jobs.json" \
	    "sum(1 for j in d if j['status'] == 'complete')")
	[ "$done_jobs" -lt 4 ] && busy=$((busy + 1))
	[ "$done_jobs" -ge 4 ] && [ "$presses" -ge 20 ] && break
done
is "all four jobs complete" "$done_jobs" 4
[ "$busy" -ge 1 ] && ok "keys answered while jobs ran ($busy rounds)" ||
    not_ok "keys answered while jobs ran"
is "every key answered ($presses presses)" "$answered" "$presses"
[ "$presses" -ge 20 ] && ok "keys kept coming ($presses)" ||
    not_ok "keys kept coming ($presses)"
keys q
wait_exit 10 && is "q leaves" "$EXIT_STATUS" 0 || not_ok "q leaves"

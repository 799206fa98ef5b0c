#!/bin/sh
# SPDX-License-Identifier: MIT
# A terminal without cursor addressing (TERM=dumb) is refused with exit 2
# and a message, like an unknown one. The UI's job runner reads documents
# through the extraction helper (a child process with a memory limit):
# with a 1 MB limit the helper cannot even start, so the job fails with
# the helper's cause, where an in-process read would have succeeded.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"
export VIGILORE_NO_AUTOSTART=1

TUI_TERM=dumb tui_start 80 24
if wait_exit 10; then
	is "TERM=dumb: exit 2" "$EXIT_STATUS" 2
	screen | grep -q "terminal type 'dumb' cannot move the cursor" &&
	    ok "TERM=dumb: message" || not_ok "TERM=dumb: message"
else
	not_ok "TERM=dumb: exit 2"
	not_ok "TERM=dumb: message"
fi

python3 "$TOP/tests/unit/pipeline/mkpdf.py" text "$TMP/site.pdf" 3
"$VO" audit --input "$TMP/site.pdf" --framework DRC_MINING_CODE \
    --site "Site H" --auditor A >/dev/null || not_ok "submit"
tui_start 100 30 VIGILORE_JOB_MAX_MEMORY_MB=1
see "home screen" "Running jobs"
st=
i=0
while [ $i -lt 200 ]; do
	st=$("$VO" jobs --json 2>/dev/null | python3 -c \
	    'import json,sys; d=json.load(sys.stdin); print(d[0]["status"] if d else "")')
	case $st in complete|failed) break ;; esac
	sleep 0.1
	i=$((i + 1))
done
is "job read through the helper fails under a 1 MB limit" "$st" failed
"$VO" jobs --json 2>/dev/null | grep -q "extraction" &&
    ok "cause names the extraction helper" ||
    not_ok "cause names the extraction helper"
keys q
wait_exit 10 && is "q leaves" "$EXIT_STATUS" 0 || not_ok "q leaves"

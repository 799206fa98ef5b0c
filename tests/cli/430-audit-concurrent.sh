#!/bin/sh
# SPDX-License-Identifier: MIT
# Four documents submitted at once all finish, on two workers, with a
# failing fifth that takes nothing else down.
. "$(dirname "$0")/../lib.sh"
export VIGILORE_NO_AUTOSTART=1
MK="python3 $TOP/tests/unit/pipeline/mkpdf.py"
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

for i in 1 2 3 4; do
	$MK text "$TMP/site$i.pdf" $((i * 10))
	"$VO" audit --input "$TMP/site$i.pdf" --framework DRC_MINING_CODE \
	    --framework ISO_14001 --framework ISO_45001 --framework VPSHR \
	    --site "Site $i" --auditor A >/dev/null || not_ok "submit $i"
done
: >"$TMP/empty.pdf"
"$VO" audit --input "$TMP/empty.pdf" --framework VPSHR --site X \
    --auditor A >/dev/null
expect_status 0 "two workers run the queue" "$VO" --workers 2 worker \
    --until-idle
"$VO" jobs --json >"$TMP/jobs.json"
is "four complete, one failed" "$(json "$TMP/jobs.json" \
    "sorted(j['status'] for j in d)")" \
    "['complete', 'complete', 'complete', 'complete', 'failed']"
is "each complete job has its report" "$(json "$TMP/jobs.json" \
    "all(j['report_id'] for j in d if j['status'] == 'complete')")" "True"
is "the two workers shared the work" "$(json "$TMP/jobs.json" \
    "len(set(j['worker'] for j in d)) >= 2")" "True"

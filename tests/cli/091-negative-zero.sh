#!/bin/sh
# SPDX-License-Identifier: MIT
# A number answer of minus zero ("-0", "-0.0e5", JSON -0.0) is zero: it
# was stored as -0.0 and shown "-0" in the report, its score "-0.0", and
# the CSV cell became the text "'-0" (escaped as a formula).
. "$(dirname "$0")/../lib.sh"

S=$("$VO" interview start --framework VPSHR --site Z --auditor A)
"$VO" interview answer "$S" vpshr_021 -0 >/dev/null
"$VO" interview answer "$S" vpshr_031 -0.0e5 >/dev/null
is "stored as 0" "$(sqlite3 "$VIGILORE_DB" "SELECT group_concat(value, ' ')
    FROM (SELECT value FROM answers ORDER BY question_id)")" "0.0 0.0"
"$VO" interview complete "$S" >/dev/null
REP=$(newest_report)
for f in json md csv; do
	"$VO" report "$REP" --format $f >"$TMP/r.$f"
	grep -n -- "-0\b" "$TMP/r.$f" | grep -v '[0-9]-0' >"$TMP/minus"
	is "no minus zero in the $f export" "$(cat "$TMP/minus")" ""
done

printf '{"vpshr_021": -0.0, "vpshr_031": 0}\n' >"$TMP/a.json"
"$VO" interview run --framework VPSHR --site Y --auditor A \
    --answers "$TMP/a.json" --json >"$TMP/run.json"
is "JSON -0.0 is stored as 0" "$(python3 -c '
import json, math, sys
d = json.load(open(sys.argv[1]))
print(" ".join(str(math.copysign(1, a["value"])) for a in d["answers"]
    if a["question_id"] == "vpshr_021"))' "$TMP/run.json")" "1.0"

#!/bin/sh
# SPDX-License-Identifier: MIT
# `vigilore reports` lists the reports of one second newest first by
# their number (REP-...-10 before REP-...-9; it was text order, with
# -9 ... -6 ahead of -11 and -10).
. "$(dirname "$0")/../lib.sh"

python3 "$TOP/tests/cli/answers_for.py" \
    "$TOP/assets/frameworks/iso_14001.json" >"$TMP/a.json"
i=1
while [ "$i" -le 11 ]; do
	"$VO" interview run --framework ISO_14001 --site "Site $i" \
	    --auditor A --answers "$TMP/a.json" >/dev/null 2>&1
	i=$((i + 1))
done
# Every run in the same second, so that only the number decides.
sqlite3 "$VIGILORE_DB" "UPDATE reports SET created_at = '2026-01-01T00:00:00Z'"
GOT=$("$VO" reports | sed -n 's/^REP-[^ ]*-\([0-9]*\) .*/\1/p' | tr '\n' ' ')
is "newest first by number" "$GOT" "11 10 9 8 7 6 5 4 3 2 1 "
GOT=$("$VO" reports --json --limit 3 --page 2 | python3 -c '
import json, sys
print(" ".join(r["report_id"].rsplit("-", 1)[1]
    for r in json.load(sys.stdin)["reports"]))')
is "pages follow the same order" "$GOT" "8 7 6"

#!/bin/sh
# SPDX-License-Identifier: MIT
# The reports screen sorted by date (newest first): reports of the same
# day come newest first too, as on the home screen and in
# `vigilore reports` (they came in ascending text order of their ids:
# -1, -10, -11, -2, ...).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

python3 "$TOP/tests/cli/answers_for.py" \
    "$TOP/assets/frameworks/iso_14001.json" >"$TMP/a.json"
i=1
while [ "$i" -le 11 ]; do
	"$VO" interview run --framework ISO_14001 --site "Site $i" \
	    --auditor A --answers "$TMP/a.json" >/dev/null 2>&1
	i=$((i + 1))
done
WANT=$("$VO" reports | sed -n 's/^\(REP-[^ ]*\).*/\1/p' | tr '\n' ' ')
tui_start 80 24
must_see "home" "Recent reports"
keys r
must_see "reports" "Sort: Date"
sleep 0.2
GOT=$(screen | sed -n 's/^ *\(REP-[^ ]*\).*/\1/p' | tr '\n' ' ')
is "same order as the command line, newest first" "$GOT" "$WANT"
case $GOT in
*-11\ *-10\ *-9\ *) ok "-11 before -10 before -9" ;;
*) not_ok "-11 before -10 before -9"; echo "#   got: $GOT" ;;
esac
keys Escape q
wait_exit 10 && is "exit 0" "$EXIT_STATUS" 0 || not_ok "exit 0"

#!/bin/sh
# SPDX-License-Identifier: MIT
# Exports from the report screen: a program killed in the middle of an
# export leaves the file of that name as it was (the export is written
# beside it and renamed, as in the CLI; it used to be written in place,
# so a kill left half a report under the final name); a directory or a
# path in a missing directory is refused with the reason, and nothing
# from libxlsxwriter is printed over the screen.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

python3 "$TOP/tests/cli/answers_for.py" \
    "$TOP/assets/frameworks/drc_mining_code.json" low >"$TMP/low.json"
"$VO" interview run --framework DRC_MINING_CODE --site "Mine Kill" \
    --auditor A --answers "$TMP/low.json" >/dev/null 2>&1
REP=$(newest_report)
SIZE=$("$VO" report "$REP" --format json | wc -c)
mkdir -p "$TMP/dir"

tui_start 100 30 VIGILORE_NO_JOBS=1
must_see "home" "Recent reports"
keys r
must_see "reports" "Mine Kill"
keys Enter
must_see "report" "$REP"

# A directory, then a path whose directory does not exist.
keys e
must_see "export formats" "j JSON"
keys m
must_see "export path asked" "Export to"
keys C-u
type_text "$TMP/dir"
keys Enter
see "a directory is refused as such" "is a directory"
[ -z "$(ls "$TMP/dir")" ] && ok "nothing left in the directory" ||
    not_ok "nothing left in the directory"
keys e
must_see "export formats again" "j JSON"
keys x
must_see "xlsx path asked" "Export to"
keys C-u
type_text "$TMP/none/r.xlsx"
keys Enter
see "a missing directory is named" \
    "cannot write '$TMP/none/r.xlsx': No such file or directory"
screen | grep -q "workbook_close\|System error\|xlsx\.t" &&
    not_ok "no library message over the screen" ||
    ok "no library message over the screen"
ls "$TMP" | grep -q '\.tmp' && not_ok "no temporary file left" ||
    ok "no temporary file left"

# The last good export, then a kill in the middle of the next one: the
# file size limit stops the program (SIGXFSZ) half way into the report.
echo "previous export" >"$TMP/keep.json"
PID=$(pgrep -f "^$VO\$" -n)
prlimit --pid "$PID" --fsize=$((SIZE / 2)) 2>/dev/null ||
    { ok "# SKIP prlimit refused"; exit 0; }
keys e
must_see "export formats, last time" "j JSON"
keys j
must_see "json path asked" "Export to"
keys C-u
type_text "$TMP/keep.json"
keys Enter
wait_exit 10
is "killed in the middle of the export" "$EXIT_STATUS" 153
is "the previous file is untouched" "$(cat "$TMP/keep.json")" \
    "previous export"

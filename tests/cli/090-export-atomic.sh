#!/bin/sh
# SPDX-License-Identifier: MIT
# report -o writes through a temporary file of its own beside the target
# and renames it: a stale or planted "FILE.tmp" (here a symbolic link to
# another file) is neither written through nor renamed into place (the
# fixed name "FILE.tmp" was opened with fopen "w"), an existing file keeps
# its mode, a FIFO or device is written as such (never replaced), and a
# path that cannot be written is told once with its reason (libxlsxwriter
# printed its own "[ERROR]" line too).
. "$(dirname "$0")/../lib.sh"

python3 "$TOP/tests/cli/answers_for.py" \
    "$TOP/assets/frameworks/vpshr.json" >"$TMP/a.json"
"$VO" interview run --framework VPSHR --site "Mine" --auditor A \
    --answers "$TMP/a.json" >/dev/null 2>&1
REP=$(newest_report)
"$VO" report "$REP" --format json >"$TMP/want.json"

echo "precious" >"$TMP/victim"
for ext in json xlsx; do
	ln -s "$TMP/victim" "$TMP/out.$ext.tmp"
	check "$ext export beside a planted FILE.tmp link" \
	    "$VO" report "$REP" --format $ext -o "$TMP/out.$ext"
	is "$ext: the file the link points to is untouched" \
	    "$(cat "$TMP/victim")" "precious"
	[ -f "$TMP/out.$ext" ] && [ ! -L "$TMP/out.$ext" ] &&
	    ok "$ext: the export is a file of its own" ||
	    not_ok "$ext: the export is a file of its own"
done
cmp -s "$TMP/out.json" "$TMP/want.json" && ok "the export is the report" ||
    not_ok "the export is the report"
python3 -c 'import zipfile,sys; zipfile.ZipFile(sys.argv[1]).testzip()' \
    "$TMP/out.xlsx" && ok "the workbook is a whole zip" ||
    not_ok "the workbook is a whole zip"
is "no temporary file left" "$(ls "$TMP" | grep -c '\.[0-9a-f]*\.tmp$')" 0

chmod 0640 "$TMP/out.json"
"$VO" report "$REP" --format md -o "$TMP/out.json" >/dev/null 2>&1
is "an existing file keeps its mode" "$(stat -c %a "$TMP/out.json")" 640
# 0666 too: the umask applies to a new file, not to a replaced one.
chmod 0666 "$TMP/out.json"
(umask 022; "$VO" report "$REP" --format md -o "$TMP/out.json") >/dev/null 2>&1
is "an existing file of mode 0666 keeps it" \
    "$(stat -c %a "$TMP/out.json")" 666
rm "$TMP/out.json"
(umask 027; "$VO" report "$REP" --format md -o "$TMP/out.json") >/dev/null 2>&1
is "a new file has 0666 less the umask" "$(stat -c %a "$TMP/out.json")" 640

# A FIFO stands for a device (never /dev/null itself: the old code
# renamed a regular file over it).
mkfifo "$TMP/fifo"
timeout 10 cat "$TMP/fifo" >"$TMP/fifo.out" &
expect_status 0 "a FIFO is written to" \
    "$VO" report "$REP" --format json -o "$TMP/fifo"
wait
[ -p "$TMP/fifo" ] && ok "the FIFO is still a FIFO" ||
    not_ok "the FIFO is still a FIFO"
cmp -s "$TMP/fifo.out" "$TMP/want.json" && ok "the report went through it" ||
    not_ok "the report went through it"

for ext in md xlsx; do
	expect_status 1 "$ext to a missing directory fails" \
	    "$VO" report "$REP" --format $ext -o "$TMP/none/r.$ext"
	is "$ext: one line naming the file and the reason" \
	    "$(cat "$TMP/.err")" \
	    "vigilore: cannot write '$TMP/none/r.$ext': No such file or directory"
done

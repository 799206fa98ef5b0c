#!/bin/sh
# SPDX-License-Identifier: MIT
# Tables of the command line (sessions, reports, interview progress) count
# display columns, not bytes: accented and wide (CJK) site names keep the
# columns aligned, and a name cut to fit its column is cut between
# characters and ends with an ellipsis, so the output stays valid UTF-8.
. "$(dirname "$0")/../lib.sh"
export VIGILORE_NOW=2026-12-03T10:00:00Z

long="Société Minière de Kolwézi — Concession Élargie"
python3 "$TOP/tests/cli/answers_for.py" "$TOP/assets/frameworks/vpshr.json" \
    >"$TMP/vpshr.json"
for site in "Plain Mine" "Kolwézi Étoile" "鉱山サイト北" "$long"; do
	check "interview at '$site'" "$VO" interview run --framework VPSHR \
	    --site "$site" --auditor "Zoé" --answers "$TMP/vpshr.json"
done

# Display column where each line's field after the site name starts.
cat >"$TMP/cols.py" <<'PY'
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in s)
data = sys.stdin.buffer.read()
text = data.decode("utf-8")           # fails on a character cut in two
needle = sys.argv[1]                  # text that follows the site column
cols = set()
for line in text.splitlines():
    i = line.find(needle)
    if i >= 0:
        cols.add(width(line[:i]))
print(len(cols), sorted(cols))
PY
"$VO" reports >"$TMP/reports.txt"
is "reports: the score column lines up under every site name" \
    "$(grep -v SAMPLE "$TMP/reports.txt" | grep REP- |
    sed 's/ \([0-9][0-9]*\.[0-9]\) / @\1 /' |
    python3 "$TMP/cols.py" "@" | cut -d' ' -f1)" 1
check "reports: valid UTF-8 although a long name was cut" \
    python3 -c 'import sys; open(sys.argv[1], encoding="utf-8").read()' \
    "$TMP/reports.txt"
is "reports: the long name is cut to its column" \
    "$(grep -c "Société Minière de Kolwézi — Concession" "$TMP/reports.txt")" 0
is "reports: ... after whole characters, with an ellipsis" \
    "$(grep -c "Société Minière de Kolwéz…" "$TMP/reports.txt")" 1

"$VO" sessions >"$TMP/sessions.txt"
is "sessions: the date column lines up under every site name" \
    "$(sed 's/ \(2026-12-03T\)/ @\1/' "$TMP/sessions.txt" |
    python3 "$TMP/cols.py" "@" | cut -d' ' -f1)" 1

#!/bin/sh
# SPDX-License-Identifier: MIT
# Resizes in the middle of an interview: 60x20 and 1x1 show the
# too-small notice (no garbage, no crash), 80x24 and 200x60 redraw the
# question; the typed text and the answers survive.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

SID=$("$VO" interview start --framework ISO_45001 --site "Site redimensionné" \
    --auditor "Kofi" 2>/dev/null | tail -n 1)
[ -n "$SID" ] || { not_ok "session started"; exit 1; }

tui_start 100 30
must_see "home" "Site redimensionné"
keys Enter
must_see "interview" "Question 1 of"
keys y
must_see "question 2" "Question 2 of"

resize 60 20
see "60x20: notice" "The terminal is too small"
see "60x20: wanted size" "at least 80x24"
see "60x20: current size" "now 60x20"
resize 80 24
see "80x24: question back" "Question 2 of"
screen | grep -q "too small" && not_ok "80x24: notice gone" ||
    ok "80x24: notice gone"
resize 200 60
see "200x60: question" "Question 2 of"
[ "$(screen | wc -l)" -eq 60 ] && ok "200x60: full height" ||
    not_ok "200x60: full height"
resize 1 1
sleep 0.3
resize 2 2
sleep 0.2
resize 1 1
sleep 0.3
resize 100 30
see "after 1x1: question redrawn" "Question 2 of"
see "after 1x1: hint line" "F9 Review"
keys y
see "keys still work after resizes" "Question 3 of"
"$VO" interview progress "$SID" --json | tr -d ' \n' |
    grep -q '"answered":2' && ok "answers stored" || not_ok "answers stored"
keys Escape
must_see "home" "Interviews"
# A site name of wide characters longer than its column: cut between
# characters, and the next column (the percentage) where it belongs.
"$VO" interview start --framework VPSHR --auditor "Kofi" \
    --site "日本語の鉱山サイト名前がとても長いテスト用の名称です日本語の鉱山" \
    >/dev/null 2>&1
keys Escape
wait_for "日本語" 5 >/dev/null
screen | grep "日本語" >"$TMP/wide"
cols=$(python3 -c '
import sys, unicodedata
line = open(sys.argv[1], encoding="utf-8").read().rstrip("\n")
w = 0
for ch in line:
    if ch == "%":
        print(w)
        break
    w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
' "$TMP/wide")
# The percentage "  0%" is drawn at column 100 - 36 = 64: its % at 67.
is "wide name cut whole, next column in place" "$cols" 67
keys q
wait_exit 10 && is "exit 0" "$EXIT_STATUS" 0 || not_ok "exit 0"

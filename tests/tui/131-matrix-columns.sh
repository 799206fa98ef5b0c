#!/bin/sh
# SPDX-License-Identifier: MIT
# The framework matrix: each count sits under its column heading (C, NC,
# RN/AR, NA end in the same column as the numbers below them; the
# headings were printed two columns left of the counts), in English and
# in French, at 80x24 and 200x60.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

"$VO" demo >/dev/null 2>&1

# "ok" when the last character of every heading is in the same column as
# the last digit of the count under it, on every row of the matrix.
aligned() {
	screen | python3 -c '
import re, sys
lines = sys.stdin.read().split("\n")
head = [i for i, l in enumerate(lines)
    if re.search(r"\bC\s+NC\s+(RN|AR)\s+NA\b", l)]
if not head:
    print("no heading"); sys.exit()
m = re.search(r"\b(C)\s+(NC)\s+(RN|AR)\s+(NA)\b", lines[head[0]])
ends = [m.end(k) for k in range(1, 5)]
rows = bad = 0
for l in lines[head[0] + 1:]:
    r = re.search(r"[A-Z][A-Z0-9_]+ +(\d+) +(\d+) +(\d+) +(\d+)\b", l)
    if r is None:
        break
    rows += 1
    cols = [r.end(k) for k in range(1, 5)]
    if cols != ends:
        bad += 1
        print("headings end at %s, counts at %s" % (ends, cols))
print("ok" if rows and not bad else "bad (%d rows)" % rows)'
}

tui_start 80 24
must_see "home" "Interviews"
keys d
must_see "dashboard" "National compliance map"
keys 4
must_see "matrix panel" "Framework matrix"
is "80x24: counts under their headings" "$(aligned)" ok
resize 200 60
must_see "large layout" "Risk hotspots"
is "200x60: counts under their headings" "$(aligned)" ok
keys q
wait_exit 10

tui_start 100 30 VIGILORE_LANG=fr
must_see "home in French" "Rapports"
keys d 4
must_see "matrix panel in French" "AR"
is "French: counts under their headings" "$(aligned)" ok

#!/bin/sh
# SPDX-License-Identifier: MIT
# The trend panel says "includes SAMPLE data" only when sample reports
# are among those of its twelve months: with the samples (December 2024)
# out of the window and one real report in it, the note was shown all
# the same (it looked at the latest report of each site, which is the
# matrix's rule); the matrix keeps its note.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

"$VO" demo >/dev/null 2>&1
python3 "$TOP/tests/cli/answers_for.py" \
    "$TOP/assets/frameworks/vpshr.json" >"$TMP/a.json"
VIGILORE_NOW=2026-12-03T10:00:00Z "$VO" interview run --framework VPSHR \
    --site "Real Mine" --auditor A --answers "$TMP/a.json" >/dev/null 2>&1

tui_start 100 30 VIGILORE_NOW=2026-12-03T10:00:00Z
must_see "home" "Interviews"
keys d 3
must_see "trend panel" "Compliance trend (12 months)"
must_see "the real report in the trend" "2026-12"
screen | grep "Compliance trend" | grep -q "SAMPLE" &&
    not_ok "no sample note without sample reports in the window" ||
    ok "no sample note without sample reports in the window"
keys 4
must_see "matrix panel" "Framework matrix"
screen | grep "Framework matrix" | grep -q "includes SAMPLE data" &&
    ok "the matrix keeps its note" || not_ok "the matrix keeps its note"
keys q
wait_exit 10

tui_start 100 30 VIGILORE_NOW=2025-01-20T10:00:00Z
must_see "home, January 2025" "Interviews"
keys d 3
must_see "trend panel, January 2025" "2024-12"
screen | grep "Compliance trend" | grep -q "includes SAMPLE data" &&
    ok "the note with the samples in the window" ||
    not_ok "the note with the samples in the window"

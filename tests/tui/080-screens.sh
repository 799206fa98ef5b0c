#!/bin/sh
# SPDX-License-Identifier: MIT
# The reports list (filters, search, sort, sample marks), a sample
# report, the jobs screen with a failed job (cancel, retry), and the
# help of each screen.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

"$VO" demo >/dev/null 2>&1
tui_start 110 30
must_see "home" "Recent reports"
keys r
must_see "reports list" "15 reports"
see "sample reports marked" "SAMPLE"
keys s
see "status filter: compliant" "3 reports"
keys s
see "status filter: review needed" "Status: review needed"
keys x
see "filters cleared" "15 reports"
keys /
type_text "kolwezi"
keys Enter
see "search: one report, singular" "1 report "
see "search finds the site" "Kolwezi Cobalt Mine"
keys x c
type_text "MJM-025"
keys Enter
see "site filter" "REP-2024-0003"
keys x F
type_text "2024-12-15"
keys Enter T
type_text "2024-12-20"
keys Enter
see "date range" "3 reports"
keys x o
see "sort by score" "Sort: Score"
first=$(screen | sed -n 's/^ *\(REP-[0-9-]*\) .*/\1/p' | head -n 1)
is "highest score first" "$first" "REP-2024-0008"
keys R
first=$(screen | sed -n 's/^ *\(REP-[0-9-]*\) .*/\1/p' | head -n 1)
wait_for "Sort: Score ↑" 5 >/dev/null
first=$(screen | sed -n 's/^ *\(REP-[0-9-]*\) .*/\1/p' | head -n 1)
is "reversed: lowest score first" "$first" "REP-2024-0003"
keys '?'
see "reports help" "Help: Reports"
keys Escape Enter
must_see "report screen" "Penalty exposure"
see "report: sample mark" "SAMPLE"
see "report: score" "38.5"
keys Tab
see "report: findings panel" "No findings"
keys Escape Escape
must_see "home again" "Recent reports"

# New interview: pick a known site by typing part of its name.
keys n
must_see "new interview form" "Start the interview"
keys NPage Up Up Up Up Up Up Up Up Up
type_text "kolw"
see "site filter finds one known site" "< KWZ-012  Kolwezi Cobalt Mine > (1/1)"
see "picking fills the operator" "Forest Mining Solutions"
see "and the coordinates" "-10.7143"
keys Escape
must_see "home again" "Recent reports"

# A document job that fails (the file is not a document).
printf 'not a pdf' >"$TMP/bad.pdf"
VIGILORE_NO_AUTOSTART=1 "$VO" audit --input "$TMP/bad.pdf" \
    --framework ISO_14001 --site "Bad file" --auditor T >/dev/null 2>&1
keys j
must_see "jobs screen" "Elapsed"
if "$VO" jobs --json 2>/dev/null | grep -q '"id"'; then
	see "the job is listed" "document"
	see "it fails with its reason" "failed" 20
	keys r
	see "retry queues it again" "Job queued again"
	see "and it runs again" "x2" 20
else
	ok "# SKIP no audit command"
	ok "# SKIP"
	ok "# SKIP"
	ok "# SKIP"
fi
keys '?'
see "jobs help" "Help: Jobs"
keys Escape Escape
keys q
wait_exit 10 && is "exit 0" "$EXIT_STATUS" 0 || not_ok "exit 0"

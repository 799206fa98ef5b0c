#!/bin/sh
# SPDX-License-Identifier: MIT
# Everything that matters fits 80x24: the SAMPLE mark in the reports
# list, the sample marks of the map list and the hotspots (with a
# legend; trend and matrix say they include sample data), the four
# dashboard tabs, the home key hints (French too, the
# global '?' never overwritten), and the help overlay hides the screen
# behind it.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

"$VO" demo >/dev/null 2>&1
# In January 2025 the samples (December 2024) are in the trend's window.
tui_start 80 24 VIGILORE_NOW=2025-01-20T10:00:00Z
must_see "home" "Recent reports"
keys r
must_see "reports list" "15 reports"
n=$(screen | grep -c '^ REP-2024-00[0-9][0-9] .*SAMPLE$')
is "reports list at 80 columns: every row marked SAMPLE" "$n" 15
screen | grep -q '^ Report .* Score *$' && ok "reports header not cut" ||
    not_ok "reports header not cut"
keys Enter
must_see "sample report" "Penalty exposure"
see "framework name without a score bar whole" \
    "Voluntary Principles on Security and Human Rights"
keys Escape
must_see "reports list again" "15 reports"
keys Escape d
must_see "dashboard" "National compliance map"
see "all four tabs fit" "4 Matrix"
see "map legend names the sample mark" "* sample data"
n=$(screen | grep -c 'KIN-001 .* \*$')
is "map list: sample site marked" "$n" 1
keys 2
must_see "hotspots" "Risk hotspots"
n=$(screen | grep -c '^ *[0-9]* *[0-9.]* *[A-Z]*-[0-9]* .* SAMPLE$')
is "hotspots: 15 sample sites marked SAMPLE" "$n" 15
keys 3
see "trend: sample data labelled" "includes SAMPLE data"
keys 4
see "matrix: sample data labelled" "includes SAMPLE data"
keys 2 '?'
must_see "help" "Help: Dashboard"
screen | sed -n '2,21p' | grep -q '──\|Risk hotspots\|SAMPLE' &&
    not_ok "help hides the screen behind it" ||
    ok "help hides the screen behind it"
keys Escape Escape L
must_see "French home" "Rapports récents"
last=$(screen | tail -n 1)
case $last in
*"L Langue"*"? Aide"*) ok "French home hints whole, '? Aide' intact" ;;
*) not_ok "French home hints whole, '? Aide' intact"; echo "#   $last" ;;
esac
keys r
must_see "French reports" "15 rapports"
n=$(screen | grep -c '^ REP-2024-00[0-9][0-9] .*EXEMPLE$')
is "French reports list: every row marked EXEMPLE" "$n" 15
keys Escape d
see "French short tabs" "4 Matrice"
keys Escape L q
wait_exit 10 && is "exit 0" "$EXIT_STATUS" 0 || not_ok "exit 0"

#!/bin/sh
# SPDX-License-Identifier: MIT
# NO_COLOR=1 and TERM=vt100: no colour escape sequences, statuses still
# told apart (glyphs and bold/reverse), every screen reachable, clean exit.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

"$VO" demo >/dev/null 2>&1

colours() {
	tm capture-pane -e -p -t "$TM_TARGET" |
	    grep -cE "$(printf '\033')\\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5|48;5)[;m]"
}

tui_start 100 30
must_see "colour run: home" "Recent reports"
[ "$(colours)" -gt 0 ] && ok "colour run uses colours" ||
    not_ok "colour run uses colours"
# The score of a non-compliant sample report is drawn red.
tm capture-pane -e -p -t "$TM_TARGET" | grep "REP-2024-0015" |
    grep -q "$(printf '\033')\[\([0-9;]*;\)\{0,1\}31m *39\.7" &&
    ok "colour run: a non-compliant score in red" ||
    not_ok "colour run: a non-compliant score in red"
keys q
wait_exit 10 >/dev/null

tui_start 100 30 NO_COLOR=1
must_see "NO_COLOR: home" "Recent reports"
is "NO_COLOR: no colour sequences" "$(colours)" 0
keys d
must_see "NO_COLOR: dashboard" "National compliance map"
is "NO_COLOR: dashboard without colour" "$(colours)" 0
screen | grep -q '▲' && screen | grep -q '●' &&
    ok "NO_COLOR: statuses as distinct glyphs" ||
    not_ok "NO_COLOR: statuses as distinct glyphs"
tm capture-pane -e -p -t "$TM_TARGET" | grep -q "$(printf '\033')\\[[0-9;]*7m" &&
    ok "NO_COLOR: reverse video marks the selection" ||
    not_ok "NO_COLOR: reverse video marks the selection"
keys q
wait_exit 10 && is "NO_COLOR: exit 0" "$EXIT_STATUS" 0 || not_ok "NO_COLOR: exit"

TUI_TERM=vt100 tui_start 80 24
must_see "vt100: home" "Recent reports"
is "vt100: no colour sequences" "$(colours)" 0
keys d
must_see "vt100: dashboard" "National compliance map"
keys 2
see "vt100: hotspots" "Risk hotspots"
keys Escape r
see "vt100: reports list" "reports"
keys Escape j
see "vt100: jobs" "No jobs"
keys Escape n
see "vt100: new interview" "< DRC Mining Code >"
keys Escape q
if wait_exit 10; then
	is "vt100: exit 0" "$EXIT_STATUS" 0
	screen | grep -q ' echo ' && ok "vt100: terminal sane" ||
	    not_ok "vt100: terminal sane"
else
	not_ok "vt100: exit 0"
	not_ok "vt100: terminal sane"
fi

#!/bin/sh
# SPDX-License-Identifier: MIT
# SIGTERM, SIGHUP and crash signals (SIGSEGV, SIGABRT) while the TUI is
# drawing: the program ends and the terminal is given back sane (echo,
# canonical mode, cursor, main screen).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

"$VO" demo >/dev/null 2>&1

# The vigilore process in the pane (a child of the pane's shell).
vo_pid() {
	_pp=$(tm display-message -p -t "$TM_TARGET" '#{pane_pid}')
	pgrep -P "$_pp" 2>/dev/null | head -n 1
}

for sig in TERM HUP SEGV ABRT; do
	tui_start 100 30
	must_see "$sig: dashboard up" "Interviews"
	keys d
	must_see "$sig: dashboard drawn" "National compliance map"
	pid=$(vo_pid)
	[ -n "$pid" ] || { not_ok "$sig: process found"; continue; }
	kill -s "$sig" "$pid"
	if wait_exit 10; then
		ok "$sig: program ended (status $EXIT_STATUS)"
		s=$(screen)
		echo "$s" | grep -q ' echo ' && echo "$s" | grep -q ' icanon ' &&
		    ! echo "$s" | grep -q ' -echo ' &&
		    ok "$sig: terminal sane (echo, icanon)" ||
		    not_ok "$sig: terminal sane (echo, icanon)"
		# Back on the main screen: the dashboard is gone.
		echo "$s" | grep -q "National compliance map" &&
		    not_ok "$sig: main screen restored" ||
		    ok "$sig: main screen restored"
	else
		not_ok "$sig: program ended"
		not_ok "$sig: terminal sane (echo, icanon)"
		not_ok "$sig: main screen restored"
	fi
done

#!/bin/sh
# SPDX-License-Identifier: MIT
# Starting and leaving the TUI: no terminal or an unknown TERM gives a
# message and exit 2; the home screen shows its panels, the key hint line
# and the help; q leaves with status 0 and the terminal sane.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

"$VO" demo >/dev/null 2>&1 || true

expect_status 2 "no terminal: exit 2" "$VO" </dev/null
grep -q "needs a terminal" "$TMP/.err" && ok "no terminal: message" ||
    not_ok "no terminal: message"

TUI_TERM=no-such-terminal tui_start 80 24
if wait_exit 10; then
	is "unknown TERM: exit 2" "$EXIT_STATUS" 2
	screen | grep -q "unknown terminal type 'no-such-terminal'" &&
	    ok "unknown TERM: message" || not_ok "unknown TERM: message"
else
	not_ok "unknown TERM: exit 2"
	not_ok "unknown TERM: message"
fi

TUI_TERM= tui_start 80 24
if wait_exit 10; then
	is "TERM unset: exit 2" "$EXIT_STATUS" 2
	screen | grep -q "TERM is not set" && ok "TERM unset: message" ||
	    not_ok "TERM unset: message"
else
	not_ok "TERM unset: exit 2"
	not_ok "TERM unset: message"
fi

tui_start 100 30
see "home: interviews panel" "Interviews"
see "home: recent reports with sample mark" "SAMPLE"
see "home: jobs panel" "Running jobs"
see "home: sync status" "Sync: local only"
see "home: key hint line" "n New  r Reports  d Dashboard  j Jobs  L Language"
keys '?'
see "help: opens on ?" "Help: Home"
keys Escape
wait_gone "Help: Home" 5 >/dev/null && ok "help: Esc closes it" ||
    not_ok "help: Esc closes it"
keys F1
see "help: opens on F1" "Help: Home"
keys x
wait_gone "Help: Home" 5 >/dev/null
keys q
if wait_exit 10; then
	is "q: exit 0" "$EXIT_STATUS" 0
	screen | grep -q ' echo ' && screen | grep -q ' icanon ' &&
	    ok "q: terminal sane (echo, icanon)" ||
	    not_ok "q: terminal sane (echo, icanon)"
else
	not_ok "q: exit 0"
	not_ok "q: terminal sane (echo, icanon)"
fi

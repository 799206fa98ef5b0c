# SPDX-License-Identifier: MIT
# Helpers for the TUI suites: run vigilore inside a private tmux server
# and look at the screen. Sourced after tests/lib.sh.
#
#   tui_start COLS ROWS [ENV=VALUE...]   start vigilore (VO) in a pane; the
#                                        pane prints "EXIT:<status>" and the
#                                        stty state when the program ends
#   keys KEY...                          tmux send-keys
#   screen                               the pane's text
#   wait_for TEXT [SECONDS]              poll until TEXT is on screen
#   wait_gone TEXT [SECONDS]             poll until TEXT is not on screen
#   wait_exit [SECONDS]                  wait for "EXIT:" and set EXIT_STATUS
#   resize COLS ROWS
#   tui_stop                             kill the tmux server
#
# The server uses its own socket (-L vo<pid>-<n>) and no configuration
# file.
# Polling (every 50 ms) instead of fixed sleeps keeps the suites fast.

TM_BASE=vo$$
TM_RUNS=0
TM_SOCK=$TM_BASE-0
TM_TARGET=vo:0.0
export LANG=C.UTF-8
export LC_ALL=C.UTF-8
# No sync server unless a suite asks for one.
unset DATABASE_URL

tm() {
	tmux -u -L "$TM_SOCK" -f /dev/null "$@"
}

tui_stop() {
	tm kill-server >/dev/null 2>&1 || true
}

trap 'tui_stop; [ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"' EXIT

tui_start() {
	_cols=$1; _rows=$2; shift 2
	tui_stop
	# A new socket each time: a server that is still shutting down
	# cannot take the new session with it.
	TM_RUNS=$((TM_RUNS + 1))
	TM_SOCK=$TM_BASE-$TM_RUNS
	# The shell catches SIGINT (a handler, so the program gets the
	# default back) and goes on to report the status after Ctrl-C.
	cat >"$TMP/run.sh" <<EOF
trap ':' INT
cd "$TMP"
env $* "$VO" ${VO_ARGS:-}
echo "EXIT:\$?"
stty -a | tr '\n' ' '
echo
echo "END-OF-RUN"
sleep 600
EOF
	tm new-session -d -s vo -x "$_cols" -y "$_rows" \
	    "VIGILORE_DB=$VIGILORE_DB VIGILORE_ASSETS=$VIGILORE_ASSETS \
	    HOME=$HOME TERM=${TUI_TERM-xterm-256color} sh $TMP/run.sh"
	tm set-option -t vo status off >/dev/null
	tm set-window-option -t vo aggressive-resize off >/dev/null 2>&1
}

keys() {
	tm send-keys -t "$TM_TARGET" "$@"
}

# Literal text (no key-name lookup).
type_text() {
	tm send-keys -t "$TM_TARGET" -l -- "$1"
}

screen() {
	tm capture-pane -p -t "$TM_TARGET" 2>/dev/null
}

wait_for() {
	_t=$(( ${2:-10} * 20 ))
	while [ "$_t" -gt 0 ]; do
		if screen | grep -F -q -- "$1"; then
			return 0
		fi
		sleep 0.05
		_t=$((_t - 1))
	done
	echo "# timed out waiting for '$1'; screen was:"
	screen | sed 's/^/#   |/'
	return 1
}

wait_gone() {
	_t=$(( ${2:-10} * 20 ))
	while [ "$_t" -gt 0 ]; do
		if ! screen | grep -F -q -- "$1"; then
			return 0
		fi
		sleep 0.05
		_t=$((_t - 1))
	done
	echo "# timed out waiting for '$1' to go; screen was:"
	screen | sed 's/^/#   |/'
	return 1
}

wait_exit() {
	EXIT_STATUS=
	wait_for "END-OF-RUN" "${1:-10}" >/dev/null || return 1
	EXIT_STATUS=$(screen | sed -n 's/.*EXIT:\([0-9]*\).*/\1/p' | head -n 1)
	return 0
}

resize() {
	tm resize-window -t vo -x "$1" -y "$2"
}

# Passes when TEXT is on screen within the timeout.
see() {
	if wait_for "$2" "${3:-10}" >"$TMP/.wait"; then ok "$1"; else
		not_ok "$1"; cat "$TMP/.wait"; return 1; fi
}

# Same, but the suite cannot go on without it: stop here.
must_see() {
	see "$@" || exit 1
}

#!/bin/sh
# SPDX-License-Identifier: MIT
# 500 random resizes in a row (from 1x1 to 220x70) during a live
# dashboard, under AddressSanitizer and UndefinedBehaviorSanitizer (the
# build/asan binary that `make test` builds), while another process keeps
# writing reports: no crash, no sanitizer report, the screen right
# afterwards, a clean exit.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

ASAN_VO=$TOP/build/asan/vigilore
if [ ! -x "$ASAN_VO" ]; then
	ok "# SKIP no ASan build (make asan)"
	exit 0
fi
"$VO" demo >/dev/null 2>&1
VO=$ASAN_VO
tui_start 100 30 VIGILORE_LOG=$TMP/vo.log ASAN_OPTIONS=detect_leaks=1:log_path=$TMP/asan \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=$TMP/ubsan
must_see "dashboard under ASan" "Interviews" 20
keys d
must_see "live dashboard" "National compliance map" 20

# A writer in the background: reports keep arriving.
(
	i=0
	while [ $i -lt 15 ] && [ ! -f "$TMP/stop" ]; do
		sid=$("$TOP/build/debug/vigilore" interview start --framework VPSHR \
		    --site "Resize $i" --site-code "RSZ-$i" --auditor w 2>/dev/null |
		    tail -n 1)
		"$TOP/build/debug/vigilore" interview complete "$sid" >/dev/null 2>&1
		i=$((i + 1))
		sleep 0.1
	done
) &
writer=$!

awk 'BEGIN { srand(3); for (i = 0; i < 500; i++)
    printf "%d %d\n", 1 + int(rand() * 220), 1 + int(rand() * 70) }' \
    >"$TMP/sizes"
# tmux coalesces its own pane resizes, so set the size of the pane's
# terminal directly: each change is a real TIOCSWINSZ and SIGWINCH.
tty=$(tm display-message -p -t "$TM_TARGET" '#{pane_tty}')
n=0
while read -r w h; do
	stty -F "$tty" rows "$h" cols "$w" 2>/dev/null || break
	n=$((n + 1))
	case $((n % 50)) in
	0) keys Tab ;;
	25) keys Down ;;
	esac
	# Now and then give the program time to draw at that size.
	[ $((n % 5)) -eq 0 ] && sleep 0.01
done <"$TMP/sizes"
is "500 resizes sent" "$n" 500
touch "$TMP/stop"
wait "$writer"
stty -F "$tty" rows 30 cols 100 2>/dev/null
resize 120 40
see "dashboard redrawn after the resizes" "National compliance map" 20
see "hint line intact" "Next panel"
keys q
if wait_exit 30; then
	is "clean exit" "$EXIT_STATUS" 0
else
	not_ok "clean exit"
fi
res=$(sed -n 's/.*leaving: \([0-9]*\) frames, \([0-9]*\) resizes.*/\2/p' "$TMP/vo.log")
frames=$(sed -n 's/.*leaving: \([0-9]*\) frames.*/\1/p' "$TMP/vo.log")
echo "# $frames frames drawn, $res resizes seen"
[ -n "$res" ] && [ "$res" -ge 100 ] && ok "the program saw the resizes ($res)" ||
    not_ok "the program saw the resizes ($res)"
if ls "$TMP"/asan* "$TMP"/ubsan* >/dev/null 2>&1; then
	not_ok "no sanitizer report"
	cat "$TMP"/asan* "$TMP"/ubsan* 2>/dev/null | head -n 30 | sed 's/^/#   /'
else
	ok "no sanitizer report"
fi

#!/bin/sh
# SPDX-License-Identifier: MIT
# Pause, quit, restart, resume at the same question; then Ctrl-C in the
# middle of the interview leaves the terminal sane and the answers
# stored; the interview is started from the command line here (the
# form has its own test).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

SID=$("$VO" interview start --framework VPSHR --site "Site de reprise" \
    --auditor "Awa Diallo" --site-code RES-001 2>/dev/null | tail -n 1)
[ -n "$SID" ] && ok "session started" || { not_ok "session started"; exit 1; }

answered() {
	"$VO" interview progress "$SID" --json | tr -d ' \n' |
	    sed -n 's/.*"progress":{"total":[0-9]*,"answered":\([0-9]*\).*/\1/p'
}

tui_start 100 30
must_see "home lists the session" "Site de reprise"
keys Enter
must_see "interview opens at the first question" "Question 1 of"
# Evidence for the first question, through the file picker (F2).
printf 'photo of the register\n' >"$TMP/evidence.txt"
keys F2
must_see "file picker" "Evidence file"
see "picker lists the folder" "evidence.txt"
keys Down Enter
see "picked file in the evidence field" "/evidence.txt"
keys Enter y
must_see "answered with evidence" "Question 2 of"
keys PPage
see "evidence recorded with the answer" "(1)"
keys NPage
must_see "back to question 2" "Question 2 of"
# Answer three yes/no questions with y (VPSHR opens with yes/no).
for i in 2 3; do
	keys y
	wait_for "Question $((i + 1)) of" 5 >/dev/null
done
see "moved to question 4" "Question 4 of"
# Move back one with PgUp: the position is the one shown.
keys PPage
see "PgUp goes back to question 3" "Question 3 of"
qtext=$(screen | sed -n '7p')
keys Escape
must_see "Esc pauses and goes home" "paused"
keys q
wait_exit 10 && is "quit: exit 0" "$EXIT_STATUS" 0 || not_ok "quit"
"$VO" sessions --json | grep -q '"status": "paused"' &&
    ok "session stored as paused" || not_ok "session stored as paused"
is "three answers stored" "$(answered)" 3

tui_start 100 30
must_see "restart: home lists the paused session" "paused"
keys Enter
see "resume at the same question" "Question 3 of"
[ "$(screen | sed -n '7p')" = "$qtext" ] && ok "same question text" ||
    not_ok "same question text"
"$VO" sessions --json | grep -q '"status": "in_progress"' &&
    ok "resumed session is in progress" || not_ok "resumed session is in progress"

# Ctrl-C in the middle of the interview.
keys PPage
see "back to question 2" "Question 2 of"
keys n
see "answer changed, on to question 3" "Question 3 of"
keys C-c
if wait_exit 10; then
	ok "Ctrl-C leaves the program"
	screen | grep -q ' echo ' && screen | grep -q ' icanon ' &&
	    ! screen | grep -q ' -echo ' &&
	    ok "Ctrl-C: terminal sane (echo, icanon)" ||
	    not_ok "Ctrl-C: terminal sane (echo, icanon)"
else
	not_ok "Ctrl-C leaves the program"
	not_ok "Ctrl-C: terminal sane (echo, icanon)"
fi
is "answers stored after Ctrl-C" "$(answered)" 3
"$VO" interview next "$SID" --json | tr -d '\n' | grep -q '"status": "paused"' &&
    ok "Ctrl-C pauses the session" || not_ok "Ctrl-C pauses the session"

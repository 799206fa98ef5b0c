#!/bin/sh
# SPDX-License-Identifier: MIT
# A whole interview through the screens only: the new-interview form
# (framework, new site, auditor), then every question of the ISO 14001
# bank answered with its widget (yes/no, options, check boxes, number,
# date, 1-5 scale, multi-line text with accented and wide characters),
# an invalid value refused inline, then review, completion as a job and
# the report screen. The stored session, answers and report are then
# checked through the command line. `vigilore interview next` is only
# used to read which question the screen should be showing.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

# The type and id of the question to answer, or "done".
next_q() {
	"$VO" interview next "$SID" --json 2>/dev/null | tr -d '\n' |
	    sed -n 's/.*"question": *{ *"id": *"\([^"]*\)", *"type": *"\([^"]*\)".*/\2 \1/p'
}

tui_start 100 30
must_see "home" "Interviews"
keys n
see "new interview form" "Start the interview"
# Framework: DRC is first; Right cycles to the next banks.
i=0
while ! screen | grep -q "< ISO 14001" && [ $i -lt 6 ]; do
	keys Right
	sleep 0.1
	i=$((i + 1))
done
see "framework chosen with its size" "< ISO 14001"
screen | grep -q "questions, [0-9]* without follow-ups, about" && ok "question count and time shown" ||
    not_ok "question count and time shown"
# Down to the Site row (framework + 5 categories), then the fields.
keys Down Down Down Down Down Down
keys Down
type_text "Mine de Kalemie"
keys Down
type_text "KAL-200"
keys Down
type_text "Tanganyika Minerals"
keys Down
type_text "-5.93"
keys Down
type_text "29.19"
keys Down
type_text "Zoé Mbuyi"
keys Down Down Down
keys Enter
must_see "interview screen" "Question 1 of"
SID=$("$VO" sessions --json | sed -n 's/.*"session_id": *"\([^"]*\)".*/\1/p' |
    head -n 1)
[ -n "$SID" ] && ok "session stored" || not_ok "session stored"
"$VO" dashboard --json | grep -q '"KAL-200"' && ok "new site stored" ||
    not_ok "new site stored"

# An invalid number is refused inline and kept, and so are numbers a
# double cannot keep as written (underflow, too many digits).
answered=0
bad_done=0
ms_done=0
prev=
n=0
while [ $n -lt 40 ]; do
	n=$((n + 1))
	cur=$(next_q)
	[ -z "$cur" ] && break
	type=${cur%% *}
	qid=${cur#* }
	if [ "$qid" = "$prev" ]; then
		echo "# question $qid did not move on"
		screen | sed 's/^/#   |/'
		break
	fi
	case $type in
	yes_no) keys y ;;
	multiple_choice) keys 4 ;;
	multi_select)
		if [ $ms_done -eq 0 ]; then
			# Option 1 is "None", exclusive: refused with another.
			keys 1 2 Enter
			if wait_for "'none' cannot be chosen with other" 5 \
			    >/dev/null; then
				ok "'none' with another option refused inline"
			else
				not_ok "'none' with another option refused inline"
			fi
			ms_done=1
			keys 1 3 Enter
		else
			keys 2 3 Enter
		fi ;;
	scale) keys 4 ;;
	date)
		type_text "2026-11-15"
		keys Enter ;;
	number)
		if [ $bad_done -eq 0 ]; then
			type_text "12abc"
			keys Enter
			if wait_for "12abc" 5 >/dev/null &&
			    wait_for "'12abc' is not a number" 5 >/dev/null; then
				ok "invalid number refused inline, input kept"
			else
				not_ok "invalid number refused inline, input kept"
			fi
			keys C-u
			# A number a double cannot keep: refused too.
			type_text "1e-400"
			keys Enter
			if wait_for "'1e-400' is too close to zero" 5 >/dev/null
			then
				ok "underflowing number refused inline"
			else
				not_ok "underflowing number refused inline"
			fi
			keys C-u
			type_text "99999999999999999999999"
			keys Enter
			if wait_for "has 23 significant digits" 5 >/dev/null
			then
				ok "number with 23 digits refused inline"
			else
				not_ok "number with 23 digits refused inline"
			fi
			bad_done=1
			keys C-u
		fi
		type_text "5"
		keys Enter ;;
	text)
		type_text "Vérifié sur place: ok"
		keys Enter
		type_text "日本語 ligne 2"
		keys C-d ;;
	*) echo "# unknown type $type"; break ;;
	esac
	# Wait until the store has the answer (the next question moves).
	t=0
	while [ $t -lt 100 ] && [ "$(next_q)" = "$cur" ]; do
		sleep 0.05
		t=$((t + 1))
	done
	[ "$(next_q)" != "$cur" ] && answered=$((answered + 1))
	prev=$qid
done
"$VO" interview progress "$SID" --json | tr -d ' \n' >"$TMP/prog"
total=$(sed -n 's/.*"progress":{"total":\([0-9]*\),"answered":\([0-9]*\).*/\1/p' "$TMP/prog")
done_=$(sed -n 's/.*"progress":{"total":\([0-9]*\),"answered":\([0-9]*\).*/\2/p' "$TMP/prog")
[ -n "$total" ] && [ "$total" = "$done_" ] && [ "$answered" -ge "$total" ] &&
    ok "every question answered through the screen ($answered of $total)" ||
    not_ok "every question answered through the screen ($answered, $done_ of $total)"
must_see "review screen after the last answer" "Press c to complete"
screen | grep -q "Every required question is answered" &&
    ok "review: nothing required left" || not_ok "review: nothing required left"
keys c
see "report opens when the job completes" "Penalty exposure" 20
REP=$("$VO" sessions --json | sed -n 's/.*"report_id": *"\(REP-[^"]*\)".*/\1/p' |
    head -n 1)
[ -n "$REP" ] && ok "session completed with report $REP" ||
    not_ok "session completed with a report"
screen | grep -q "$REP" && ok "report screen shows $REP" ||
    not_ok "report screen shows the report id"
"$VO" sessions --json | grep -q '"status": "completed"' &&
    ok "session status completed" || not_ok "session status completed"
"$VO" report "$REP" --format json >"$TMP/rep.json"
grep -q '"site"' "$TMP/rep.json" && grep -q 'KAL-200' "$TMP/rep.json" &&
    ok "stored report names the site" || not_ok "stored report names the site"
grep -q '日本語 ligne 2' "$TMP/rep.json" &&
    ok "wide and accented text stored intact" ||
    not_ok "wide and accented text stored intact"
# Report screen: findings panel, sort, detail, export.
keys Tab
see "findings panel" "Sorted by priority"
keys s
see "sort changes" "Sorted by Score"
keys Enter
see "finding detail" "Requirement"
keys Escape
keys e m
wait_for "Export to" 5 >/dev/null
keys Enter
if wait_for "Exported to $REP.md" 5 >/dev/null && [ -s "$TMP/$REP.md" ]; then
	ok "export to Markdown"
else
	not_ok "export to Markdown"
fi
keys q
wait_exit 10 && is "quit: exit 0" "$EXIT_STATUS" 0 || not_ok "quit"

#!/bin/sh
# SPDX-License-Identifier: MIT
# Every screen under AddressSanitizer, UndefinedBehaviorSanitizer and
# LeakSanitizer (the build/asan binary): an interview answered with
# several widgets, the category and unanswered lists, the evidence
# picker, review and completion as a job, the report (panels, sort,
# detail, exports), the reports list with filters, jobs, dashboard, help,
# French, then quit. No sanitizer report, no leak, exit 0.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

ASAN_VO=$TOP/build/asan/vigilore
if [ ! -x "$ASAN_VO" ]; then
	ok "# SKIP no ASan build (make asan)"
	exit 0
fi
"$VO" demo >/dev/null 2>&1
SID=$("$VO" interview start --framework ISO_14001 --site "Site ASan" \
    --auditor "Awa" --categories ems_context,aspects 2>/dev/null | tail -n 1)
[ -n "$SID" ] || { not_ok "session started"; exit 1; }
printf 'x\n' >"$TMP/proof.txt"
VO=$ASAN_VO
tui_start 100 30 ASAN_OPTIONS=detect_leaks=1:log_path=$TMP/asan \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=$TMP/ubsan
must_see "home" "Site ASan" 20
keys Enter
must_see "interview" "Question 1 of" 10
keys F2
must_see "picker" "proof.txt"
keys Down Enter Enter
keys y
must_see "question 2" "Question 2 of"
keys F7
see "category list" "Jump to category"
keys Escape F8
see "unanswered list" "Unanswered required questions"
keys Escape
# Answer whatever comes, by widget, until the review screen shows.
n=0
while [ $n -lt 15 ] && ! screen | grep -q "Press c to complete"; do
	n=$((n + 1))
	keys y
	sleep 0.1
	screen | grep -q "1 = poor" && keys 4
	screen | grep -q "Ctrl-D saves" && { type_text "Texte été 日本"; keys C-d; }
	screen | grep -q "(\*)\|( )" && keys 2
	sleep 0.1
done
keys F9
must_see "review" "Press c to complete"
keys c
must_see "report after the job" "Penalty exposure" 30
keys Tab s Enter
see "finding detail" "Requirement"
keys Escape e j
must_see "export path asked" "Export to"
type_text ".copy"
keys Enter
see "export" "Exported to"
keys Escape Escape r
must_see "reports list" "reports"
keys s f o R x /
type_text "asan"
keys Enter
see "search" "Site ASan"
keys Enter
see "report from the list" "Penalty exposure"
keys Escape Escape j
see "jobs" "interview"
keys Escape d
must_see "dashboard" "National compliance map"
keys 2 3 4 Tab Down Enter
keys Escape Escape
must_see "home" "Recent reports"
keys L '?'
see "help in French" "Aide"
keys Escape L q
if wait_exit 30; then
	is "clean exit" "$EXIT_STATUS" 0
else
	not_ok "clean exit"
fi
if ls "$TMP"/asan* "$TMP"/ubsan* >/dev/null 2>&1; then
	not_ok "no sanitizer report"
	cat "$TMP"/asan* "$TMP"/ubsan* 2>/dev/null | head -n 40 | sed 's/^/#   /'
else
	ok "no sanitizer report"
fi

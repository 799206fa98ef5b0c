#!/bin/sh
# SPDX-License-Identifier: MIT
# The TUI interview screen follows a sync pull of its own session: the
# question shows the newer value and the "changed elsewhere" mark at
# once (the sync thread wakes the UI), an untouched answer field takes
# the new value, and what the auditor is typing (answer field, notes) is
# kept; saving it then wins and clears the mark. Terminal A runs the TUI
# with a server (tmux), terminal B the command line.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"
. "$TOP/tests/tui/tmux.sh"
trap 'tui_stop; sh "$TOP/tests/pg/pg-cluster.sh" destroy "$PGDIR";
    rm -rf "$TMP"' EXIT

Q=vpshr_021
QTEXT="What percentage of security personnel"
ans_a() {
	sqlite3 "$TMP/A.db" "SELECT printf('%g', value) || '|' ||
	    coalesce(notes, '') ||
	    '|' || changed_elsewhere FROM answers WHERE session_id = '$S' AND
	    question_id = '$Q'"
}

check "db init --pg" "$VO" --pg "$CI" db init --pg
S=$("$VO" --db "$TMP/A.db" interview start --framework VPSHR \
    --site "Shared site" --auditor Ann 2>/dev/null | tail -n 1)
[ -n "$S" ] && ok "A starts a session" || { not_ok "A starts a session"; exit 1; }
check "A answers $Q" "$VO" --db "$TMP/A.db" interview answer "$S" $Q 5
check "A syncs" vo A sync --once
check "B syncs" vo B sync --once
# The TUI reopens a session at its stored position.
sqlite3 "$TMP/A.db" "UPDATE sessions SET current_qid = '$Q' WHERE id = '$S'"

VIGILORE_DB=$TMP/A.db
tui_start 100 30 "DATABASE_URL='$CI'" "PGPASSFILE=$PGPASSFILE" \
    VIGILORE_SYNC_POLL_MS=500
must_see "A's home lists the session" "Shared site"
see "A's TUI is online" "Sync: online" 15
keys Enter
must_see "the interview opens at $Q" "$QTEXT"
must_see "A's answer is shown" "Answered: 5"
if screen | grep -qF "changed elsewhere"; then
	not_ok "no mark before any conflict"
else
	ok "no mark before any conflict"
fi

# B changes the answer while A looks at it, A touching nothing.
check "B changes $Q to 70" "$VO" --db "$TMP/B.db" interview answer "$S" $Q 70
check "B syncs" vo B sync --once
see "A shows B's newer value without a key pressed" "Answered: 70" 10
see "A marks the question changed elsewhere" "[changed elsewhere]" 2
see "the untouched answer field takes the new value" "> 70" 2

# A types a value and a note, unsaved; B changes the answer again.
keys BSpace BSpace
type_text 42
keys Tab
type_text "half typed note"
see "A's typing shows" "half typed note" 3
check "B changes $Q to 90 with a note" "$VO" --db "$TMP/B.db" interview \
    answer "$S" $Q 90 --notes "from B"
check "B syncs" vo B sync --once
see "A shows the newer value" "Answered: 90" 10
see "the value A typed is kept" "> 42" 2
see "the note A is typing is kept" "half typed note" 2
see "still marked changed elsewhere" "[changed elsewhere]" 2
is "A's store holds B's answer" "$(ans_a)" "90|from B|1"

# A saves what it typed: the local answer wins, the mark goes.
keys Escape Enter
see "A moves on after saving" "Question" 5
wait_gone "$QTEXT" 5 >/dev/null
is "A's answer is stored with its note, unmarked" "$(ans_a)" \
    "42|half typed note|0"
keys Escape q
wait_exit 15 && is "A quits: exit 0" "$EXIT_STATUS" 0 || not_ok "A quits"
check "A syncs what the TUI left" vo A sync --once
check "B syncs" vo B sync --once
is "B gets A's answer" "$(sqlite3 "$TMP/B.db" "SELECT printf('%g', value)
    || '|' || notes FROM answers WHERE session_id = '$S' AND question_id = '$Q'")" \
    "42|half typed note"
is "B's answer was replaced by A's: B marks it" "$(sqlite3 "$TMP/B.db" \
    "SELECT changed_elsewhere FROM answers WHERE session_id = '$S' AND
    question_id = '$Q'")" 1

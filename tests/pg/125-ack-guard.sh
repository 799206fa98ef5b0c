#!/bin/sh
# SPDX-License-Identifier: MIT
# A batch whose acknowledgement leaves its outbox rows queued must stop
# the round with an error naming the store and the change, not send the
# same rows again and again (sync --once would never end). The fault is
# made with a trigger that silently keeps the newest outbox row.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

"$VO" --pg "$CI" db init --pg >/dev/null
S=$("$VO" --db "$TMP/A.db" interview start --framework VPSHR --site Guard \
    --auditor Gus)
"$VO" --db "$TMP/A.db" interview answer "$S" vpshr_002 yes >/dev/null
last=$(sqlite3 "$TMP/A.db" "SELECT max(seq) FROM outbox")
sqlite3 "$TMP/A.db" "CREATE TRIGGER keep_last BEFORE DELETE ON outbox
    WHEN old.seq = $last BEGIN SELECT RAISE(IGNORE); END;"
timeout 60 "$VO" --db "$TMP/A.db" --pg "$CI" sync --once >"$TMP/out" 2>&1
is "the round stops with an error (not a loop, not a success)" "$?" 1
grep -q "still holds change $last after its batch was acknowledged" \
    "$TMP/out" && ok "the error names the change left behind" ||
    { not_ok "the error names the change left behind"; sed 's/^/#   /' \
    "$TMP/out"; }
grep -q "A.db" "$TMP/out" && ok "the error names the store" ||
    not_ok "the error names the store"
is "the answer reached the server once" "$(q "SELECT count(*) FROM
    vosync.answer_history WHERE session_id = '$S'")" 1
sqlite3 "$TMP/A.db" "DROP TRIGGER keep_last"
check "with the fault gone, the next round ends cleanly" \
    "$VO" --db "$TMP/A.db" --pg "$CI" sync --once
is "nothing pending" "$(sqlite3 "$TMP/A.db" "SELECT count(*) FROM outbox")" 0
is "still once on the server" "$(q "SELECT count(*) FROM
    vosync.answer_history WHERE session_id = '$S'")" 1

#!/bin/sh
# SPDX-License-Identifier: MIT
# A server crash hands transaction ids out again. A transaction that
# ended without its end reaching the disk (a rollback, an asynchronous
# commit) is forgotten by an immediate stop: after the restart the server
# gives the next writer the same id. A pull cursor taken between that
# transaction's end and the crash (its snapshot xmin is above the id)
# then lies above rows written after the restart, which were never
# pulled. The pull keeps a cursor known to be durable (the server's WAL
# flushed past where it stood at the snapshot) and a new connection
# starts there, so A still receives what B pushed after the crash.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

"$VO" --pg "$CI" db init --pg >/dev/null
q "ALTER SYSTEM SET synchronous_commit = on" >/dev/null
q "SELECT pg_reload_conf()" >/dev/null
S=$("$VO" --db "$TMP/A.db" interview start --framework VPSHR --site \
    "Crash" --auditor Ann)
"$VO" --db "$TMP/A.db" interview answer "$S" vpshr_001 yes >/dev/null
check "A pushes" vo A sync --once
check "B pulls" vo B sync --once

# until_true COND: waits up to 20 s for a shell condition
until_true() {
	_i=0
	while ! eval "$1"; do
		_i=$((_i + 1)); [ $_i -lt 400 ] || return 1; sleep 0.05
	done
}
cursor() { sqlite3 "$TMP/A.db" "SELECT value FROM sync_state WHERE key =
    'cursor'" 2>/dev/null; }
VIGILORE_SYNC_POLL_MS=200 VIGILORE_SYNC_BACKOFF_MAX_MS=500 \
    VIGILORE_LOG="$TMP/A.log" "$VO" -vv --db "$TMP/A.db" --pg "$CI" sync \
    >"$TMP/a.out" 2>&1 &
pa=$!
until_true 'grep -q " online " "$TMP/a.out"' && ok "A goes online" ||
    not_ok "A goes online"

# The WAL writer is held, so the end records of these rollbacks stay in
# memory; A's next pull moves its cursor past them.
ww=$(q "SELECT pid FROM pg_stat_activity WHERE backend_type = 'walwriter'")
kill -STOP "$ww"
for i in $(seq 40); do
	echo "BEGIN; SELECT pg_current_xact_id(); ROLLBACK;"
done | psql -X -q "$CI" >/dev/null
top=$(q "SELECT pg_snapshot_xmax(pg_current_snapshot())")
until_true '[ "$(cursor)" -ge "$top" ]' &&
    ok "A's cursor passes the rolled back transactions" ||
    not_ok "A's cursor passes the rolled back transactions ($(cursor) < $top)"
cur=$(cursor)
# The server crashes (a process killed: every backend goes, the WAL in
# memory with them) and recovers by itself.
kill -KILL "$ww"
until_true 'q "SELECT 1" >/dev/null 2>&1' && ok "the server recovers" ||
    not_ok "the server recovers"
next=$(q "SELECT pg_snapshot_xmax(pg_current_snapshot())")
is "after the crash the server hands out ids below A's cursor again" \
    "$([ "$next" -lt "$cur" ] && echo y || echo "n ($next >= $cur)")" y

"$VO" --db "$TMP/B.db" interview answer "$S" vpshr_002 no >/dev/null
check "B pushes after the crash" vo B sync --once
xid=$(q "SELECT srv_xid FROM vosync.answer_history WHERE question_id =
    'vpshr_002'")
is "B's answer was written under a reused id" \
    "$([ "$xid" -lt "$cur" ] && echo y || echo "n ($xid >= $cur)")" y
has() { [ "$(sqlite3 "$TMP/A.db" "SELECT value FROM answers WHERE
    session_id = '$S' AND question_id = 'vpshr_002'" 2>/dev/null)" = \
    '"no"' ]; }
until_true has && ok "A receives B's answer" ||
    not_ok "A receives B's answer (A's cursor $(cursor), the row's xid $xid)"
kill -TERM $pa
wait $pa
is "A stops cleanly" "$?" 0
same_answers "A, B and the server hold the same answers and history" A B
check "A pulls again" vo A sync --once
is "pulling again quarantines nothing" "$(sqlite3 "$TMP/A.db" "SELECT
    count(*) FROM sync_quarantine")" 0

# A one-shot pull (sync --once: no later pull on its connection confirms
# its cursor) still leaves a durable cursor, even when the server commits
# asynchronously; else every sync --once would pull everything again
# from the last durable one.
q "ALTER SYSTEM SET synchronous_commit = off" >/dev/null
q "SELECT pg_reload_conf()" >/dev/null
"$VO" --db "$TMP/B.db" interview answer "$S" vpshr_003 yes >/dev/null
check "B pushes" vo B sync --once
check "A pulls once" vo A sync --once
is "A's durable cursor is its cursor" "$(sqlite3 "$TMP/A.db" "SELECT
    (SELECT value FROM sync_state WHERE key = 'cursor_safe') = (SELECT
    value FROM sync_state WHERE key = 'cursor')")" 1

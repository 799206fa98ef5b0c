#!/bin/sh
# SPDX-License-Identifier: MIT
# Load: 50 terminals (processes, each with its own store) each write 200
# answers (one session, with history and outbox rows, as the interview
# write path does) and sync at the same moment against one server. All
# 10,000 answers must arrive exactly once and every terminal must end
# with the same answers and history as the server.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

N=${VIGILORE_LOAD_TERMINALS:-50}
PER=${VIGILORE_LOAD_ANSWERS:-200}
"$VO" --pg "$CI" db init --pg >/dev/null

# Terminal t's answers, written in one local transaction.
write_answers() {
	"$VO" --db "$TMP/t$1.db" sync status >/dev/null 2>&1
	sqlite3 "$TMP/t$1.db" <<-SQL
	PRAGMA foreign_keys = ON;
	BEGIN IMMEDIATE;
	CREATE TEMP TABLE v AS SELECT (SELECT value FROM meta WHERE
	    key = 'device_id') AS dev, $(( $(date +%s) * 1000 )) AS wall,
	    printf('5e550000-0000-4000-8000-%012d', $1) AS sid;
	INSERT INTO sessions (id, framework, site_name, auditor, status,
	    started_at, updated_at, device, hlc)
	    SELECT sid, 'DRC_MINING_CODE', 'Load site $1', 'Auditor $1',
	    'in_progress', '2026-12-03T00:00:00Z', '2026-12-03T00:00:00Z',
	    dev, printf('%013d-%06d-%s', wall, 0, dev) FROM v;
	INSERT INTO outbox (tbl, row_id, hlc, created_at)
	    SELECT 'sessions', sid, printf('%013d-%06d-%s', wall, 0, dev),
	    '2026-12-03T00:00:00Z' FROM v;
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
	    WHERE i < $PER)
	INSERT INTO answers (id, session_id, question_id, state, value,
	    notes, confidence, evidence, author, device, hlc, answered_at)
	    SELECT printf('a%07d-0000-4000-8000-%012d', $1, i), sid,
	    printf('q%03d', i), 'answered', '"yes"', 'note ' || i,
	    (i % 10) / 10.0, '[]', 'Auditor $1', dev,
	    printf('%013d-%06d-%s', wall, i, dev), '2026-12-03T00:00:00Z'
	    FROM n, v;
	INSERT INTO answer_history (id, answer_id, session_id, question_id,
	    state, value, notes, confidence, evidence, author, device, hlc,
	    answered_at)
	    SELECT printf('h%07d', $1) || substr(id, 9), id, session_id,
	    question_id, state, value, notes, confidence, evidence, author,
	    device, hlc, answered_at FROM answers;
	INSERT INTO outbox (tbl, row_id, hlc, created_at)
	    SELECT 'answers', id, hlc, answered_at FROM answers;
	INSERT INTO outbox (tbl, row_id, hlc, created_at)
	    SELECT 'answer_history', id, hlc, answered_at FROM answer_history;
	COMMIT;
	SQL
}

t=1
while [ $t -le $N ]; do
	write_answers $t &
	t=$((t + 1))
done
wait
is "each terminal wrote $PER answers" "$(for t in $(seq 1 $N); do
    sqlite3 "$TMP/t$t.db" "SELECT count(*) FROM answers"; done | sort -u)" \
    "$PER"

start=$(date +%s)
for pass in 1 2; do
	t=1
	while [ $t -le $N ]; do
		vo t$t sync --once >"$TMP/sync$t.$pass" 2>&1 &
		t=$((t + 1))
	done
	wait
	fails=0
	for t in $(seq 1 $N); do
		grep -q "pending" "$TMP/sync$t.$pass" &&
		    ! grep -q "vigilore:" "$TMP/sync$t.$pass" ||
		    fails=$((fails + 1))
	done
	is "pass $pass: all $N terminals synced at once" "$fails" 0
done
echo "# $N terminals x $PER answers: 2 passes in $(( $(date +%s) - start ))s"

total=$((N * PER))
is "the server has all $total answers" "$(q "SELECT count(*) FROM
    vosync.answers")" "$total"
is "each exactly once (distinct ids and keys)" "$(q "SELECT count(DISTINCT
    id), count(DISTINCT (session_id, question_id)) FROM vosync.answers")" \
    "$total|$total"
is "the server history has every version, once" "$(q "SELECT count(*),
    count(DISTINCT (answer_id, hlc)) FROM vosync.answer_history")" \
    "$total|$total"
srv_answers | md5sum >"$TMP/srv.md5"
srv_history | md5sum >>"$TMP/srv.md5"
bad=0
for t in $(seq 1 $N); do
	{ dump_answers t$t | md5sum; dump_history t$t | md5sum; } |
	    cmp -s - "$TMP/srv.md5" || bad=$((bad + 1))
done
is "every terminal converged to the server's answers and history" \
    "$bad" 0
is "no terminal has anything pending" "$(for t in $(seq 1 $N); do
    sqlite3 "$TMP/t$t.db" "SELECT count(*) FROM outbox"; done | sort -u)" 0

#!/bin/sh
# SPDX-License-Identifier: MIT
# The pull cursor never skips a row, even when concurrent transactions
# commit out of the order of their ids. Three writer sessions each insert
# an answer in an open transaction (ids ascending), then commit in reverse
# order while terminal B pulls after every step. A naive "id > highest
# seen" cursor would lose the rows of the transactions that commit last;
# the snapshot-xmin rule must deliver all of them.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

"$VO" --pg "$CI" db init --pg >/dev/null
S=5e551011-0000-4000-8000-000000000001
q "INSERT INTO vosync.sessions (id, framework, site_name, auditor, lang,
    status, started_at, updated_at, device, hlc) VALUES ('$S',
    'VPSHR', 'Interleaved', 'Zoe', 'en', 'in_progress',
    '2026-12-03T00:00:00Z', '2026-12-03T00:00:00Z', 'dev-x',
    '1796000000000-000000-dev-x')" >/dev/null
check "B syncs the session" vo B sync --once
is "B has the session" "$(sqlite3 "$TMP/B.db" "SELECT count(*) FROM
    sessions WHERE id = '$S'")" 1

waitfor() {	# waitfor N: until N sessions are idle in transaction
	_i=0
	while [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE state =
	    'idle in transaction' AND application_name = 'psql'")" != "$1" ]
	do
		_i=$((_i + 1))
		[ $_i -lt 200 ] || { echo "# timeout waiting for $1"; return 1; }
		sleep 0.05
	done
}
# Answers reach the server as their history rows (vosync.answers is the
# view of the newest version), so the writers insert those.
row() {
	echo "INSERT INTO vosync.answer_history (id, answer_id, session_id,
	    question_id, state, value, evidence, author, device, hlc,
	    answered_at) VALUES ('c0000000-0000-4000-8000-00000000000$1',
	    'a0000000-0000-4000-8000-00000000000$1', '$S', 'q$1', 'answered',
	    '\"yes\"', '[]', 'Zoe', 'dev-x', '179600000000$1-000000-dev-x',
	    '2026-12-03T00:00:00Z');"
}
has() { sqlite3 "$TMP/B.db" "SELECT count(*) FROM answers WHERE
    session_id = '$S'"; }

for i in 1 2 3; do
	mkfifo "$TMP/f$i"
	psql -X -q "$CI" <"$TMP/f$i" >"$TMP/o$i" 2>&1 &
done
exec 3>"$TMP/f1" 4>"$TMP/f2" 5>"$TMP/f3"
echo "BEGIN;" >&3; row 1 >&3; waitfor 1
echo "BEGIN;" >&4; row 2 >&4; waitfor 2
echo "BEGIN;" >&5; row 3 >&5; waitfor 3
x1=$(q "SELECT backend_xid FROM pg_stat_activity WHERE state =
    'idle in transaction' ORDER BY backend_xid::text::bigint LIMIT 1")

echo "COMMIT;" >&5; waitfor 2
check "B pulls while 1 and 2 are open" vo B sync --once
is "row 3 (committed, above the oldest open id) is held back" "$(has)" 0
high=$(q "SELECT max(srv_xid) FROM vosync.answers")

echo "COMMIT;" >&4; waitfor 1
check "B pulls while 1 is open" vo B sync --once
is "rows 2 and 3 are still held back" "$(has)" 0
cur=$(sqlite3 "$TMP/B.db" "SELECT value FROM sync_state WHERE key =
    'cursor'")
is "B's cursor is at the oldest open transaction" "$cur" "$x1"

echo "COMMIT;" >&3; waitfor 0
exec 3>&- 4>&- 5>&-
wait
is "a naive cursor above the highest id seen would miss row 1 and 2" \
    "$(q "SELECT count(*) FROM vosync.answers WHERE srv_xid > '$high'")" 0
check "B pulls after every commit" vo B sync --once
is "B has all three rows" "$(has)" 3

# Random interleavings: writers commit in a random order, B pulls at
# random moments; in the end nothing is missing.
round=0
total=3
while [ $round -lt 4 ]; do
	round=$((round + 1))
	for i in 1 2 3; do
		rm -f "$TMP/f$i"; mkfifo "$TMP/f$i"
		psql -X -q "$CI" <"$TMP/f$i" >"$TMP/o$i" 2>&1 &
	done
	exec 3>"$TMP/f1" 4>"$TMP/f2" 5>"$TMP/f3"
	n=0
	for fd in 3 4 5; do
		n=$((n + 1))
		id=$(printf '%04d%04d' $round $n)
		hid=d0000000-0000-4000-8000-0000$id
		aid=b0000000-0000-4000-8000-0000$id
		sql="BEGIN; INSERT INTO vosync.answer_history (id,
		    answer_id, session_id, question_id, state, value, evidence,
		    author, device, hlc, answered_at) VALUES ('$hid', '$aid',
		    '$S', 'r$id', 'answered', '\"no\"', '[]', 'Zoe', 'dev-x',
		    '17960000$id-000000-dev-x', '2026-12-03T00:00:00Z');"
		echo "$sql" | tr -d '\n' >&$fd
		echo >&$fd
		waitfor $n
	done
	order=$(printf '3\n4\n5\n' | shuf | tr '\n' ' ')
	left=3
	for fd in $order; do
		echo "COMMIT;" >&$fd
		left=$((left - 1))
		waitfor $left
		[ $(( $(od -An -N1 -tu1 /dev/urandom) % 2 )) -eq 0 ] &&
		    vo B sync --once >/dev/null
	done
	exec 3>&- 4>&- 5>&-
	wait
	total=$((total + 3))
done
check "B pulls at the end" vo B sync --once
is "after random interleavings B has every row" "$(has)" "$total"
is "and the server has the same number" "$(q "SELECT count(*) FROM
    vosync.answers WHERE session_id = '$S'")" "$total"

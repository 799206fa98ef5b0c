# SPDX-License-Identifier: MIT
# Shared by the tests/pg suites, sourced after tests/lib.sh:
#   . "$(dirname "$0")/../lib.sh"; . "$(dirname "$0")/lib-pg.sh"
# Starts a throwaway PostgreSQL 15 cluster (tests/pg/pg-cluster.sh) on a
# free loopback port and destroys it on exit, pass or fail. The password
# travels only through a PGPASSFILE, never on a command line.
#   CI          conninfo of the test database (no password)
#   PGDIR       the cluster directory; pg_stop MODE / pg_restart
#   vo NAME ... runs vigilore on terminal NAME's own store ($TMP/NAME.db)
#   q SQL       one psql query, unaligned, '|' separated
#   dump_answers NAME / dump_history NAME / srv_answers / srv_history
#               canonical text of every answer (or history) row
# A private copy of the binary: the shared tree may be relinked meanwhile
# (copied again until the copy runs, in case a link was under way).
_i=0
while [ $_i -lt 40 ]; do
	cp "$VO" "$TMP/vigilore" 2>/dev/null && chmod +x "$TMP/vigilore" &&
	    "$TMP/vigilore" --help >/dev/null 2>&1 && break
	_i=$((_i + 1)); sleep 0.5
done
VO=$TMP/vigilore
PGDIR=$(mktemp -d /tmp/vo-pg.XXXXXX)
trap 'sh "$TOP/tests/pg/pg-cluster.sh" destroy "$PGDIR"; rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
if ! sh "$TOP/tests/pg/pg-cluster.sh" start "$PGDIR" >"$TMP/.pgstart" 2>&1
then
	echo "not ok 1 - cannot start a PostgreSQL cluster"
	sed 's/^/#   /' "$TMP/.pgstart"
	exit 1
fi
CI=$(cat "$PGDIR/conninfo")
PGPORT_TEST=$(cat "$PGDIR/port")
export PGPASSFILE="$TMP/pgpass"
echo "127.0.0.1:$PGPORT_TEST:*:vigilore:$(cat "$PGDIR/password")" \
    >"$PGPASSFILE"
chmod 0600 "$PGPASSFILE"
unset DATABASE_URL PGPASSWORD
export VIGILORE_CONFIG="$TMP/no-config"

pg_stop() { sh "$TOP/tests/pg/pg-cluster.sh" stop "$PGDIR" "${1:-fast}"; }
pg_restart() { sh "$TOP/tests/pg/pg-cluster.sh" restart "$PGDIR"; }

vo() {
	_t=$1; shift
	"$VO" --db "$TMP/$_t.db" --pg "$CI" "$@"
}

q() { psql -X -q -At -F '|' "$CI" -c "$1"; }

_ANS_COLS="id, session_id, question_id, state, value, notes,
    confidence, evidence, author, device, hlc, answered_at"
_HIST_COLS="id, answer_id, session_id, question_id, state, value, notes,
    confidence, evidence, author, device, hlc, answered_at"

dump_answers() {
	sqlite3 "$TMP/$1.db" "SELECT id, session_id, question_id, state,
	    value, notes, CASE WHEN confidence IS NULL THEN '' ELSE
	    printf('%.6f', confidence) END, evidence, author,
	    device, hlc, answered_at FROM answers ORDER BY session_id,
	    question_id"
}
dump_history() {
	sqlite3 "$TMP/$1.db" "SELECT id, answer_id, session_id, question_id,
	    state, value, notes, CASE WHEN confidence IS NULL THEN '' ELSE
	    printf('%.6f', confidence) END, evidence, author,
	    device, hlc, answered_at FROM answer_history ORDER BY id"
}
srv_answers() {
	q "SELECT id, session_id, question_id, state, value, notes,
	    round(confidence::numeric, 6), evidence, author, device, hlc,
	    answered_at FROM vosync.answers ORDER BY session_id COLLATE \"C\",
	    question_id COLLATE \"C\""
}
srv_history() {
	q "SELECT id, answer_id, session_id, question_id, state, value, notes,
	    round(confidence::numeric, 6), evidence, author, device, hlc,
	    answered_at FROM vosync.answer_history ORDER BY id COLLATE \"C\""
}

# same_answers "name" A B ...: answers and history identical on every
# terminal named and on the server (counts and contents).
same_answers() {
	_name=$1; shift
	srv_answers >"$TMP/.srv_a"
	srv_history >"$TMP/.srv_h"
	_bad=""
	for _t in "$@"; do
		dump_answers "$_t" >"$TMP/.t_a"
		dump_history "$_t" >"$TMP/.t_h"
		cmp -s "$TMP/.t_a" "$TMP/.srv_a" || _bad="$_bad $_t:answers"
		cmp -s "$TMP/.t_h" "$TMP/.srv_h" || _bad="$_bad $_t:history"
	done
	if [ -z "$_bad" ] && [ -s "$TMP/.srv_a" ]; then
		ok "$_name ($(wc -l <"$TMP/.srv_a") answers, $(wc -l \
		    <"$TMP/.srv_h") versions)"
	else
		not_ok "$_name"
		echo "#   differ:$_bad; server $(wc -l <"$TMP/.srv_a") answers"
		[ -n "$_bad" ] && diff "$TMP/.t_a" "$TMP/.srv_a" | head -n 6 |
		    sed 's/^/#   /'
	fi
}

# answers_file BANK SEED: an answers file for `interview run`.
answers_file() {
	python3 "$TOP/tests/pg/answers.py" "$TOP/assets/frameworks/$1.json" \
	    "$2" >"$TMP/ans-$1-$2.json"
	echo "$TMP/ans-$1-$2.json"
}

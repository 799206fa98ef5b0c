#!/bin/sh
# SPDX-License-Identifier: MIT
# A server schema changed by hand (a column or a view dropped, the
# version row lost or garbled): db init --pg does not call it "up to
# date" nor fail on "relation already exists", and sync does not send
# the user to db init; both name what is wrong.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

# tamper NAME SQL: a database NAME with the schema, changed by SQL.
tamper() {
	q "CREATE DATABASE $1" >/dev/null
	"$VO" --pg "$CI dbname=$1" db init --pg >/dev/null 2>&1
	psql -X -q "$CI dbname=$1" -c "$2" >/dev/null 2>&1
}
# says NAME WORDS...: the last error output holds every one of WORDS.
says() {
	_name=$1; shift
	for _w in "$@"; do
		grep -qF -- "$_w" "$TMP/.err" || { not_ok "$_name";
		    sed 's/^/#   /' "$TMP/.err"; return; }
	done
	ok "$_name"
}
no_init() {
	grep -q "db init" "$TMP/.err" && { not_ok "$1";
	    sed 's/^/#   /' "$TMP/.err"; } || ok "$1"
}

tamper t1 "ALTER TABLE vosync.sessions DROP COLUMN site_name"
expect_status 1 "db init --pg refuses a dropped column" \
    "$VO" --pg "$CI dbname=t1" db init --pg
says "naming the table and the column" "vosync.sessions" "site_name"
expect_status 1 "sync refuses it" "$VO" --db "$TMP/a.db" \
    --pg "$CI dbname=t1" sync --once
says "naming the table and the column" "vosync.sessions" "site_name"
no_init "without sending the user to db init"

tamper t2 "DROP VIEW vosync.answers"
expect_status 1 "db init --pg refuses a dropped view" \
    "$VO" --pg "$CI dbname=t2" db init --pg
says "naming it" "vosync.answers"

tamper t3 "DELETE FROM vosync.meta"
expect_status 1 "db init --pg refuses a lost version row" \
    "$VO" --pg "$CI dbname=t3" db init --pg
says "saying the version is missing" "no schema version"
grep -q "already exists" "$TMP/.err" && not_ok "not 'already exists'" ||
    ok "not 'already exists'"
expect_status 1 "sync refuses it" "$VO" --db "$TMP/b.db" \
    --pg "$CI dbname=t3" sync --once
says "saying the same" "no schema version"
no_init "without sending the user to db init"

tamper t4 "UPDATE vosync.meta SET value = 'abc'"
expect_status 1 "db init --pg refuses a garbled version" \
    "$VO" --pg "$CI dbname=t4" db init --pg
says "quoting it" "'abc'"
expect_status 1 "sync refuses it" "$VO" --db "$TMP/c.db" \
    --pg "$CI dbname=t4" sync --once
says "quoting it" "'abc'"

tamper t5 "SELECT 1"
check "an untouched schema is up to date" \
    "$VO" --pg "$CI dbname=t5" db init --pg
grep -q "up to date" "$TMP/.out" && ok "and says so" || not_ok "and says so"
check "and syncs" "$VO" --db "$TMP/d.db" --pg "$CI dbname=t5" sync --once

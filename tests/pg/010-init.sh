#!/bin/sh
# SPDX-License-Identifier: MIT
# Server schema: db init --pg creates it, is idempotent and safe when run
# concurrently; db stats --pg; configuration sources; no password leaks.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

expect_status 0 "sync status works with no server configured" \
    "$VO" --db "$TMP/a.db" sync status
expect_status 1 "sync --once without a server fails" \
    "$VO" --db "$TMP/a.db" sync --once
grep -q "no server configured" "$TMP/.err" && ok "and says why" ||
    not_ok "and says why"

expect_status 1 "sync before db init asks for it" vo a sync --once
grep -q "db init --pg" "$TMP/.err" && ok "message names db init --pg" ||
    not_ok "message names db init --pg"

# Four terminals initialising a fresh server at the same moment.
for i in 1 2 3 4; do
	"$VO" --pg "$CI" db init --pg >"$TMP/init$i.out" 2>&1 &
done
fails=0
for i in 1 2 3 4; do wait %$i 2>/dev/null || true; done
wait
for i in 1 2 3 4; do
	grep -q "schema version" "$TMP/init$i.out" || fails=$((fails + 1))
done
is "four concurrent db init all succeed" "$fails" 0
is "exactly one of them created the schema" \
    "$(grep -l ' 0 -> 1' "$TMP"/init?.out | wc -l | tr -d ' ')" 1
expect_status 0 "db init again" "$VO" --pg "$CI" db init --pg
grep -q "up to date" "$TMP/.out" && ok "db init is idempotent" ||
    not_ok "db init is idempotent"
is "schema version recorded" \
    "$(q "SELECT value FROM vosync.meta WHERE key='schema_version'")" 1
# Every travelling table but answers (a view of answer_history) has one.
is "pull cursor index exists" \
    "$(q "SELECT count(*) FROM pg_indexes WHERE schemaname='vosync'
    AND indexname LIKE '%_xid'")" 6
is "answers are the newest version per question" \
    "$(q "SELECT count(*) FROM pg_views WHERE schemaname='vosync'
    AND viewname = 'answers'")" 1

expect_status 0 "db stats --pg --json" "$VO" --pg "$CI" db stats --pg --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
assert d["schema_version"] == 1 and "counts" in d' "$TMP/.out" &&
    ok "db stats --pg --json is one JSON document" ||
    not_ok "db stats --pg --json is one JSON document"
expect_status 0 "db stats --pg" "$VO" --pg "$CI" db stats --pg

# Configuration: DATABASE_URL, then the config file.
DATABASE_URL="$CI" expect_status 0 "DATABASE_URL is used" \
    "$VO" --db "$TMP/a.db" sync --once
printf 'pg = %s\n' "$CI" >"$TMP/config"
VIGILORE_CONFIG="$TMP/config" expect_status 0 "the config file is used" \
    "$VO" --db "$TMP/a.db" sync --once
VIGILORE_CONFIG="$TMP/config" expect_status 0 \
    "sync status names the configured server" \
    "$VO" --db "$TMP/a.db" sync status --json
grep -q "port=$PGPORT_TEST" "$TMP/.out" && ok "status shows the server" ||
    not_ok "status shows the server"

# A password given in the conninfo never shows up in output or logs.
pw=$(cat "$PGDIR/password")
VIGILORE_LOG="$TMP/vo.log" expect_status 0 "conninfo with a password" \
    "$VO" -vv --db "$TMP/a.db" --pg "$CI password=$pw" sync --once
VIGILORE_LOG="$TMP/vo.log" expect_status 1 "a wrong password fails" \
    "$VO" -vv --db "$TMP/a.db" --pg "$CI password=wrong$pw" sync --once
cat "$TMP/.out" "$TMP/.err" >>"$TMP/all.out"
VIGILORE_LOG="$TMP/vo.log" expect_status 1 "an unreachable server fails" \
    "$VO" -vv --db "$TMP/a.db" --pg \
    "postgresql://vigilore:$pw@127.0.0.1:1/vigilore" sync --once
cat "$TMP/.out" "$TMP/.err" >>"$TMP/all.out"
VIGILORE_LOG="$TMP/vo.log" "$VO" --db "$TMP/a.db" \
    --pg "postgresql://vigilore:$pw@127.0.0.1:1/vigilore" sync status \
    >>"$TMP/all.out" 2>&1
"$VO" --db "$TMP/a.db" sync status --json >>"$TMP/all.out" 2>&1
if grep -q -- "$pw" "$TMP/all.out" "$TMP/vo.log"; then
	not_ok "the password appears nowhere"
else
	ok "the password appears nowhere"
fi
grep -q "cannot connect" "$TMP/all.out" &&
    ok "an unreachable server is reported" ||
    not_ok "an unreachable server is reported"

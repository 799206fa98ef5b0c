#!/bin/sh
# SPDX-License-Identifier: MIT
# Another program holds the store's write lock (a long write, a pull of
# another process): reading commands such as `sync status` still answer
# at once instead of waiting on the lock and failing with "cannot
# migrate"; the store needs no migration to be read.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

check "db init --pg" "$VO" --pg "$CI" db init --pg
"$VO" --db "$TMP/B.db" interview start --framework VPSHR --site "Locked" \
    --auditor Bo >/dev/null
check "B syncs" vo B sync --once
# The writer holds the lock for up to 30 s, until $TMP/release appears.
( echo "BEGIN IMMEDIATE; INSERT INTO meta VALUES ('lock-test', '1');"
  i=0; while [ ! -e "$TMP/release" ] && [ $i -lt 600 ]; do
	sleep 0.05; i=$((i + 1)); done
  echo "ROLLBACK;" ) | sqlite3 "$TMP/B.db" &
lp=$!
i=0
until [ "$(sqlite3 "$TMP/B.db" "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE;
    ROLLBACK; SELECT 'free'" 2>/dev/null)" != free ] || [ $i -ge 100 ]; do
	sleep 0.05; i=$((i + 1))
done
expect_status 0 "sync status answers while another writer holds the store" \
    vo B sync status
grep -q "cannot migrate" "$TMP/.err" && not_ok "no 'cannot migrate'" ||
    ok "no 'cannot migrate'"
grep -q "pending:" "$TMP/.out" && ok "and shows the state" ||
    not_ok "and shows the state"
kill -0 $lp 2>/dev/null && ok "the writer still held the lock" ||
    not_ok "the writer still held the lock"
touch "$TMP/release"
wait $lp
check "B syncs once the lock is gone" vo B sync --once

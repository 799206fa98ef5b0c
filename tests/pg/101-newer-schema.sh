#!/bin/sh
# SPDX-License-Identifier: MIT
# A server whose schema is newer than this program: sync and db stats
# say to upgrade vigilore, not to run db init --pg (which refuses).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

check "db init --pg" "$VO" --pg "$CI" db init --pg
q "UPDATE vosync.meta SET value = '99' WHERE key = 'schema_version'"
expect_status 1 "sync refuses a newer server schema" vo a sync --once
grep -q "upgrade vigilore" "$TMP/.err" && ok "and says to upgrade" ||
    { not_ok "and says to upgrade"; sed 's/^/#   /' "$TMP/.err"; }
grep -q "db init" "$TMP/.err" && not_ok "and does not ask for db init" ||
    ok "and does not ask for db init"
expect_status 1 "db init --pg refuses too" "$VO" --pg "$CI" db init --pg
grep -q "upgrade vigilore" "$TMP/.err" && ok "saying the same" ||
    not_ok "saying the same"
"$VO" --db "$TMP/a.db" --pg "$CI" sync status --json >"$TMP/st.json"
python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["last_error"]
assert e and "upgrade vigilore" in e, e' "$TMP/st.json" &&
    ok "sync status shows it as the last error" ||
    not_ok "sync status shows it as the last error"

#!/bin/sh
# SPDX-License-Identifier: MIT
# sync --once with the server away: exit 1, the connection error on
# stderr, and on stdout how much waits, not a "pushed 0 changes" that
# reads like a successful round; the queued changes stay queued.
. "$(dirname "$0")/../lib.sh"

S=$("$VO" interview start --framework VPSHR --site Away --auditor Al)
"$VO" interview answer "$S" vpshr_002 yes >/dev/null
n=$(sqlite3 "$VIGILORE_DB" "SELECT count(*) FROM outbox")
"$VO" --pg "postgresql://127.0.0.1:9/none?connect_timeout=2" sync --once \
    >"$TMP/out" 2>"$TMP/err"
is "exit 1" "$?" 1
is "stdout says nothing was synced and what waits" "$(cat "$TMP/out")" \
    "nothing synced, $n pending"
grep -q "cannot connect to server 'host=127.0.0.1 port=9" "$TMP/err" &&
    ok "stderr names the server and the failure" ||
    { not_ok "stderr names the server and the failure"; sed 's/^/#   /' \
    "$TMP/err"; }
is "the changes are still queued" "$(sqlite3 "$VIGILORE_DB" \
    "SELECT count(*) FROM outbox")" "$n"

#!/bin/sh
# SPDX-License-Identifier: MIT
# The newer HLC wins on the server for the upserted tables too (sessions
# here; sites, reports, findings and jobs share the statement), whatever
# the order the versions arrive in, and every version stays in the
# server's history (vosync.row_versions). A starts a session; B pauses it
# (older stamp) and A abandons it (newer stamp); A pushes first, then B's
# older version arrives: the server, A and B all end with A's version.
# Then the reverse order: the newer version arrives last and wins.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

"$VO" --pg "$CI" db init --pg >/dev/null
# Ahead of both stores' clocks, so the stamps follow these times.
base=$(( ($(date +%s) + 3600) * 1000 ))
at() { _ms=$1; shift; env VIGILORE_NOW=$((base + _ms)) "$@"; }
# sess T ID: the session's travelling columns on terminal T ('srv': server)
sess() {
	if [ "$1" = srv ]; then
		q "SELECT id, status, updated_at, device, hlc FROM
		    vosync.sessions WHERE id = '$2'"
	else
		sqlite3 -separator '|' "$TMP/$1.db" "SELECT id, status,
		    updated_at, device, hlc FROM sessions WHERE id = '$2'"
	fi
}
versions() { q "SELECT string_agg(body->>'status', ',' ORDER BY hlc) FROM
    vosync.row_versions WHERE tbl = 'sessions' AND row_id = '$1'"; }

S=$(at 0 "$VO" --db "$TMP/A.db" interview start --framework VPSHR \
    --site "Order" --auditor Ann)
check "A syncs its new session" vo A sync --once
check "B syncs" vo B sync --once
is "B has A's session" "$(sess B "$S" | cut -d'|' -f2)" in_progress

# The newer version first, the older one after it.
check "B pauses the session (older)" at 60000 "$VO" --db "$TMP/B.db" \
    interview pause "$S"
check "A abandons it (newer)" at 120000 "$VO" --db "$TMP/A.db" \
    interview abandon "$S"
check "A pushes the newer version" vo A sync --once
check "B pushes the older version" vo B sync --once
check "A syncs again" vo A sync --once
is "the server keeps the newer version (A's)" "$(sess srv "$S")" \
    "$(sess A "$S")"
is "and it is 'abandoned'" "$(sess srv "$S" | cut -d'|' -f2)" abandoned
is "B takes the newer version" "$(sess B "$S")" "$(sess A "$S")"
is "every version is in the server history" "$(versions "$S")" \
    "in_progress,paused,abandoned"

# The older version first, the newer one after it.
S2=$(at 180000 "$VO" --db "$TMP/A.db" interview start --framework VPSHR \
    --site "Order two" --auditor Ann)
vo A sync --once >/dev/null && vo B sync --once >/dev/null
check "A pauses the second session (older)" at 240000 "$VO" \
    --db "$TMP/A.db" interview pause "$S2"
check "B abandons it (newer)" at 300000 "$VO" --db "$TMP/B.db" \
    interview abandon "$S2"
check "A pushes the older version" vo A sync --once
check "B pushes the newer version" vo B sync --once
check "A syncs again" vo A sync --once
is "the newer version (B's) replaces the older on the server" \
    "$(sess srv "$S2")" "$(sess B "$S2")"
is "and it is 'abandoned'" "$(sess srv "$S2" | cut -d'|' -f2)" abandoned
is "A takes the newer version" "$(sess A "$S2")" "$(sess B "$S2")"
is "every version is in the server history" "$(versions "$S2")" \
    "in_progress,paused,abandoned"

#!/bin/sh
# SPDX-License-Identifier: MIT
# With a sync server configured that cannot be reached, the UI starts at
# once, says so in its status line, and keeps answering keys (the sync
# thread retries in the background; the UI never waits on the network).
# The status line shows online/offline, the changes waiting and since
# when, the last sync, and the last error (on the message row); a narrow
# terminal gets a shorter form rather than none.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

# One change waiting, queued today at 00:01 (UTC, the UI's time zone
# here; another day's would show its date, tests/pg/105).
S=$(VIGILORE_NOW=$(date -u +%Y-%m-%d)T00:01:00Z "$VO" interview start \
    --framework VPSHR --site "Waiting Site" --auditor Zoe)
[ -n "$S" ] || not_ok "a session to sync"

tui_start 110 30 "TZ=UTC DATABASE_URL='host=127.0.0.1 port=9 dbname=none connect_timeout=2'"
must_see "home starts" "Interviews"
see "status line: offline, retrying" "Sync: offline, retrying" 10
see "pending changes counted, with the oldest one's time" \
    "pending since 00:01" 5
see "the last round failed: marked on the status line" "· error" 10
see "and the error itself on the message row" "Sync error:" 5
is "the error names the server, never a password" \
    "$(screen | grep -c "Sync error:.*127.0.0.1")" 1
keys d
see "keys answered while the server is away" "National compliance map" 3
resize 80 24
see "80 columns: a shorter status, still offline with its count" \
    "offline" 5
keys Escape q
wait_exit 15 && is "exit 0" "$EXIT_STATUS" 0 || not_ok "exit 0"

#!/bin/sh
# SPDX-License-Identifier: MIT
# With a sync server configured that cannot be reached, the UI starts at
# once, says so in its status line, and keeps answering keys (the sync
# thread retries in the background; the UI never waits on the network).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

tui_start 100 30 "DATABASE_URL='host=127.0.0.1 port=9 dbname=none connect_timeout=2'"
must_see "home starts" "Interviews"
see "status line: offline, retrying" "Sync: offline, retrying" 10
see "pending changes counted" "pending"
keys d
see "keys answered while the server is away" "National compliance map" 3
keys Escape q
wait_exit 15 && is "exit 0" "$EXIT_STATUS" 0 || not_ok "exit 0"

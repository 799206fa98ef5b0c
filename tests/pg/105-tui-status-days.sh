#!/bin/sh
# SPDX-License-Identifier: MIT
# The TUI status line says on which day the oldest waiting change and the
# last sync were when that is not today: a change left unsynced since
# three days ago read "pending since 08:00", as if queued this morning.
# Today's times stay HH:MM.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"
. "$TOP/tests/tui/tmux.sh"
trap 'tui_stop; sh "$TOP/tests/pg/pg-cluster.sh" destroy "$PGDIR";
    rm -rf "$TMP"' EXIT

now=$(date +%s)
d4=$(date -u -d "@$((now - 4 * 86400))" +%Y-%m-%d)
d3=$(date -u -d "@$((now - 3 * 86400))" +%Y-%m-%d)
check "db init --pg" "$VO" --pg "$CI" db init --pg
VIGILORE_NOW=${d4}T08:00:00Z "$VO" --db "$TMP/A.db" interview start \
    --framework VPSHR --site "Synced long ago" --auditor Ann >/dev/null
check "A synced four days ago" env VIGILORE_NOW=${d4}T08:05:00Z \
    "$VO" --db "$TMP/A.db" --pg "$CI" sync --once
VIGILORE_NOW=${d3}T08:00:00Z "$VO" --db "$TMP/A.db" interview start \
    --framework VPSHR --site "Waiting since" --auditor Ann >/dev/null

# status_line: A's UI, offline, and its first row.
status_line() {
	VIGILORE_DB=$TMP/A.db tui_start 110 30 "TZ=UTC PGPASSFILE=$PGPASSFILE" \
	    "DATABASE_URL='host=127.0.0.1 port=9 dbname=none connect_timeout=2'"
	wait_for "Sync: offline" 10 || true
	line=$(screen | head -n 1)
}

status_line
case $line in
*"pending since $d3"*) ok "the oldest change shows its day ($d3)" ;;
*) not_ok "the oldest change shows its day ($d3)"; echo "#   $line" ;;
esac
case $line in
*"last $d4"*) ok "the last sync shows its day ($d4)" ;;
*) not_ok "the last sync shows its day ($d4)"; echo "#   $line" ;;
esac
keys q
wait_exit 15 || true

# Synced now: today's time, as HH:MM.
check "A syncs now" vo A sync --once
status_line
case $line in
*"last "[0-2][0-9]:[0-5][0-9]*) ok "today's last sync is HH:MM" ;;
*) not_ok "today's last sync is HH:MM"; echo "#   $line" ;;
esac
keys q
wait_exit 15 || true

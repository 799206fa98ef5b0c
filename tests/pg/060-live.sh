#!/bin/sh
# SPDX-License-Identifier: MIT
# Live sync: a headless terminal (vigilore sync) is woken by LISTEN/NOTIFY
# when another terminal pushes (its polling backstop is set to a minute,
# so only the notification can bring the rows in time); when the server
# goes away it reports offline, reconnects with back-off once the server
# is back, listens again and keeps receiving; SIGTERM stops it cleanly.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

"$VO" --pg "$CI" db init --pg >/dev/null
vo B sync --once >/dev/null
# until: waits up to 10 s for a shell condition
until_true() {
	_i=0
	while ! eval "$1"; do
		_i=$((_i + 1)); [ $_i -lt 200 ] || return 1; sleep 0.05
	done
}
has_site() { [ "$(sqlite3 "$TMP/B.db" "SELECT count(*) FROM sessions
    WHERE site_name = '$1'" 2>/dev/null)" = 1 ]; }
run_a() {
	"$VO" --db "$TMP/A.db" interview run --framework VPSHR --site "$1" \
	    --auditor Ann --answers "$(answers_file vpshr 1)" >/dev/null 2>&1
	vo A sync --once >/dev/null 2>&1
}

VIGILORE_SYNC_POLL_MS=60000 VIGILORE_SYNC_BACKOFF_MAX_MS=1000 \
    "$VO" --db "$TMP/B.db" --pg "$CI" sync >"$TMP/b.log" 2>&1 &
bpid=$!
until_true 'grep -q " online " "$TMP/b.log"' && ok "B goes online" ||
    not_ok "B goes online"
run_a "Live one"
until_true 'has_site "Live one"' &&
    ok "a push by A wakes B, which pulls at once" ||
    not_ok "a push by A wakes B, which pulls at once"

n=$(grep -c " offline " "$TMP/b.log")
pg_stop immediate
until_true '[ $(grep -c " offline " "$TMP/b.log") -gt $n ]' &&
    ok "B notices the server is gone" || not_ok "B notices the server is gone"
run_a "Offline work"
pg_restart
n=$(grep -c " online " "$TMP/b.log")
until_true '[ $(grep -c " online " "$TMP/b.log") -gt $n ]' &&
    ok "B reconnects when the server is back" ||
    not_ok "B reconnects when the server is back"
vo A sync --once >/dev/null 2>&1
until_true 'has_site "Offline work"' && ok "B catches up" ||
    not_ok "B catches up"
sleep 0.3
run_a "Live two"
until_true 'has_site "Live two"' &&
    ok "B listens again after reconnecting" ||
    not_ok "B listens again after reconnecting"

kill -TERM $bpid
wait $bpid
is "SIGTERM stops the headless terminal cleanly" "$?" 0
vo B sync status --json >"$TMP/st.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
assert d["last_sync"] and d["last_error"] is None and d["pending"] == 0' \
    "$TMP/st.json" && ok "B's status: synced, no error, nothing pending" ||
    not_ok "B's status: synced, no error, nothing pending"

# Running with --json prints one JSON document when stopped.
"$VO" --db "$TMP/B.db" --pg "$CI" sync --json >"$TMP/b.json" 2>"$TMP/b.err" &
bpid=$!
sleep 1
kill -TERM $bpid
wait $bpid
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
assert "online" in d and d["pending"] == 0' "$TMP/b.json" &&
    ok "sync --json ends with one JSON document" ||
    not_ok "sync --json ends with one JSON document"

# A server that freezes (its host still answering TCP) cannot hold the
# program: stopping cuts the stuck round after a short grace.
rm -f "$TMP/proxy.port" "$TMP/freeze"
python3 "$TOP/tests/pg/cutproxy.py" "$PGPORT_TEST" "$TMP/proxy.port" \
    "$TMP/arm" "$TMP/freeze" &
proxy=$!
i=0; while [ ! -f "$TMP/proxy.port" ] && [ $i -lt 100 ]; do
	sleep 0.05; i=$((i + 1)); done
pport=$(cat "$TMP/proxy.port")
echo "127.0.0.1:$pport:*:vigilore:$(cat "$PGDIR/password")" >>"$PGPASSFILE"
: >"$TMP/c.log"
VIGILORE_SYNC_POLL_MS=300 "$VO" --db "$TMP/C.db" --pg "host=127.0.0.1 \
port=$pport user=vigilore dbname=vigilore" sync >"$TMP/c.log" 2>&1 &
cpid=$!
until_true 'grep -q " online " "$TMP/c.log"' && ok "C goes online" ||
    not_ok "C goes online"
touch "$TMP/freeze"
sleep 1.5	# C's next round is now stuck on the frozen server
start=$(date +%s)
kill -TERM $cpid
i=0; while kill -0 $cpid 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1)); done
if kill -0 $cpid 2>/dev/null; then
	not_ok "a stuck round does not hold the program (still running)"
	kill -KILL $cpid
else
	ok "a stuck round does not hold the program ($(( $(date +%s) - \
start )) s)"
fi
wait $cpid 2>/dev/null

# While running, a round stuck on a frozen server is cut by the watchdog:
# the terminal goes offline, and online again when the server answers.
rm -f "$TMP/freeze"
: >"$TMP/d.log"
VIGILORE_SYNC_POLL_MS=300 VIGILORE_SYNC_ROUND_MAX_MS=1500 \
    VIGILORE_SYNC_SILENCE_MS=1500 VIGILORE_SYNC_BACKOFF_MAX_MS=500 "$VO" --db "$TMP/C.db" \
    --pg "host=127.0.0.1 port=$pport user=vigilore dbname=vigilore" sync \
    >"$TMP/d.log" 2>&1 &
dpid=$!
until_true 'grep -q " online " "$TMP/d.log"' && ok "C is online again" ||
    not_ok "C is online again"
n=$(grep -c " offline " "$TMP/d.log")
touch "$TMP/freeze"
until_true '[ $(grep -c " offline " "$TMP/d.log") -gt $n ]' &&
    ok "the frozen server is noticed within seconds" ||
    not_ok "the frozen server is noticed within seconds"
rm -f "$TMP/freeze"
n=$(grep -c " online " "$TMP/d.log")
until_true '[ $(grep -c " online " "$TMP/d.log") -gt $n ]' &&
    ok "and C reconnects when it answers again" ||
    not_ok "and C reconnects when it answers again"
kill -TERM $dpid
wait $dpid
kill $proxy 2>/dev/null

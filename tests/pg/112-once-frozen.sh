#!/bin/sh
# SPDX-License-Identifier: MIT
# `sync --once` against a frozen server: its backend is stopped with
# SIGSTOP in the middle of a push (held at the batch's last statement by
# a lock another session keeps on vosync.devices, then frozen and the
# lock released), so the host's kernel still answers TCP but no byte
# comes back. With VIGILORE_SYNC_SILENCE_MS=2000 the round must give up
# within seconds (exit 1, "no answer for N ms, connection cut", the
# store's last_error saved), and the next round must settle the batch in
# flight: nothing lost, nothing doubled. A normal round stays quick.
# VIGILORE_FROZEN_WAIT (s, default 12) is how long the test waits.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

until_true() {	# waits up to $2 s (default 10) for a shell condition
	_i=0; _max=$(( ${2:-10} * 20 ))
	while ! eval "$1"; do
		_i=$((_i + 1)); [ $_i -lt $_max ] || return 1; sleep 0.05
	done
}
now_ms() { python3 -c 'import time; print(int(time.monotonic() * 1000))'; }
locked() { q "SELECT pid FROM pg_stat_activity WHERE application_name =
    'vigilore' AND backend_type = 'client backend' AND
    wait_event_type = 'Lock'"; }
lock_held() { q "SELECT 1 FROM pg_locks WHERE relation =
    'vosync.devices'::regclass AND granted AND
    mode = 'AccessExclusiveLock'"; }

frozen=""
opid=""
lpid=""
cleanup() {
	[ -n "$frozen" ] && kill -CONT "$frozen" 2>/dev/null
	frozen=""
	[ -n "$opid" ] && kill -KILL "$opid" 2>/dev/null
	opid=""
	[ -n "$lpid" ] && kill "$lpid" 2>/dev/null && wait "$lpid" 2>/dev/null
	lpid=""
}
trap 'cleanup; sh "$TOP/tests/pg/pg-cluster.sh" destroy "$PGDIR";
    rm -rf "$TMP"' EXIT

unset VIGILORE_SYNC_POLL_MS VIGILORE_SYNC_ROUND_MAX_MS VIGILORE_SYNC_PING_MS
export VIGILORE_SYNC_SILENCE_MS=2000
"$VO" --pg "$CI" db init --pg >/dev/null

# A normal round is quick and unaffected by the watchdog.
"$VO" --db "$TMP/A.db" interview run --framework VPSHR --site "S1" \
    --auditor Ann --answers "$(answers_file vpshr 1)" >/dev/null 2>&1
t0=$(now_ms)
vo A sync --once >"$TMP/once1.out" 2>&1
rc=$?
ms=$(( $(now_ms) - t0 ))
if [ $rc -eq 0 ] && [ $ms -lt 3000 ]; then
	ok "a normal sync --once succeeds in $ms ms"
else
	not_ok "a normal sync --once succeeds quickly (exit $rc, $ms ms)"
	sed 's/^/#   /' "$TMP/once1.out" | head -n 5
fi

# The next push is held by a lock, then its backend is frozen.
"$VO" --db "$TMP/A.db" interview run --framework VPSHR --site "S2" \
    --auditor Ann --answers "$(answers_file vpshr 2)" >/dev/null 2>&1
PGAPPNAME=vo-locker psql -X -q "$CI" -c "BEGIN; LOCK TABLE vosync.devices
    IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(120)" >/dev/null 2>&1 &
lpid=$!
until_true '[ -n "$(lock_held)" ]' 10 || echo "# the lock was not taken"
t0=$(now_ms)
(
	"$VO" --db "$TMP/A.db" --pg "$CI" sync --once >"$TMP/once2.out" \
	    2>"$TMP/once2.err" &
	echo $! >"$TMP/once2.pid"
	wait $!
	echo $? >"$TMP/once2.rc"
) &
sub=$!
until_true '[ -s "$TMP/once2.pid" ]' 5
opid=$(cat "$TMP/once2.pid")
until_true '[ -n "$(locked)" ]' 10
frozen=$(locked)
if [ -z "$frozen" ]; then
	not_ok "sync --once's backend waits on the lock"
	cleanup; wait $sub; exit 1
fi
kill -STOP "$frozen"
q "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE
    application_name = 'vo-locker'" >/dev/null
wait "$lpid" 2>/dev/null
lpid=""
if until_true '[ -s "$TMP/once2.rc" ]' "${VIGILORE_FROZEN_WAIT:-12}"; then
	ms=$(( $(now_ms) - t0 ))
	opid=""
	rc=$(cat "$TMP/once2.rc")
	[ $ms -lt 8000 ] && ok "sync --once gives up on a frozen server in \
$ms ms" || not_ok "sync --once gives up in $ms ms (limit 8000)"
	is "it exits with status 1" "$rc" 1
	if grep -q "server '.*': no answer for [0-9]* ms, connection cut" \
	    "$TMP/once2.err"; then
		ok "it says the connection was cut"
	else
		not_ok "it says the connection was cut"
		sed 's/^/#   /' "$TMP/once2.err" | head -n 5
	fi
else
	ms=$(( $(now_ms) - t0 ))
	not_ok "sync --once gives up on a frozen server (still waiting \
after $ms ms)"
	not_ok "it exits with status 1"
	not_ok "it says the connection was cut"
	kill -KILL "$opid" 2>/dev/null
	opid=""
fi
wait $sub 2>/dev/null
vo A sync status --json >"$TMP/status.json" 2>&1
python3 - "$TMP/status.json" <<'PY' && ok "the store keeps the error and \
the pending changes" || not_ok "the store keeps the error and the pending \
changes"
import json, sys
j = json.load(open(sys.argv[1]))
e = j.get("last_error") or ""
print("#   last_error: %s; pending %s" % (e, j.get("pending")))
sys.exit(0 if "no answer for" in e and "connection cut" in e and
    j.get("pending", 0) > 0 else 1)
PY

# Thawed: the next rounds settle the batch in flight, nothing is lost.
kill -CONT "$frozen"
frozen=""
t0=$(now_ms)
vo A sync --once >"$TMP/once3.out" 2>&1
rc=$?
ms=$(( $(now_ms) - t0 ))
if [ $rc -eq 0 ] && [ $ms -lt 3000 ]; then
	ok "the next sync --once succeeds in $ms ms"
else
	not_ok "the next sync --once succeeds quickly (exit $rc, $ms ms)"
	sed 's/^/#   /' "$TMP/once3.out" | head -n 5
fi
vo A sync status --json >"$TMP/status.json" 2>&1
python3 - "$TMP/status.json" <<'PY' && ok "A has nothing pending and no \
error" || not_ok "A has nothing pending and no error"
import json, sys
j = json.load(open(sys.argv[1]))
sys.exit(0 if j.get("pending") == 0 and not j.get("last_error") else 1)
PY
vo B sync --once >/dev/null 2>&1
same_answers "A, B and the server hold the same answers" A B
is "each batch's rows arrived once" "$(q "SELECT count(*) FROM
    vosync.answer_history")" "$(sqlite3 "$TMP/A.db" "SELECT count(*) FROM
    answer_history")"
cleanup

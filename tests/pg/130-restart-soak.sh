#!/bin/sh
# SPDX-License-Identifier: MIT
# Restart soak: two headless terminals (vigilore sync, A and B) keep
# running while scripts write answers on both (each its own session and
# one session they share) and the server is stopped (fast and immediate,
# alternately) and started again SOAK_CYCLES times (5). Once the writes
# end and the server is up, A, B and the server must come to hold the
# same answers and history within SOAK_DEADLINE seconds (60; checked
# every half second): a row that never arrives is a lost row, not lag.
# On failure the rows missing on each side are listed with their srv_xid,
# next to each terminal's pull cursor and pending outbox, and the sync
# logs are kept in build/test-logs/soak-PID.
#
# Knobs: SOAK_CYCLES, SOAK_DEADLINE, SOAK_BACKOFF_MAX_MS (2000; "" keeps
# the 30 s default), SOAK_POLL_MS (1000; "" keeps 5 s), SOAK_SYNC_COMMIT,
# SOAK_KEEP=DIR (keeps the logs of a run that passed there).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

cycles=${SOAK_CYCLES:-5}
deadline=${SOAK_DEADLINE:-60}
backoff=${SOAK_BACKOFF_MAX_MS-2000}
pollms=${SOAK_POLL_MS-1000}

# The throwaway cluster runs with synchronous_commit off, as a server
# may: vigilore's own batches still commit synchronously, and the pull
# cursor never trusts transaction ids the server may hand out again
# after a crash. SOAK_SYNC_COMMIT=on runs a durable server instead.
if [ -n "${SOAK_SYNC_COMMIT:-}" ]; then
	q "ALTER SYSTEM SET synchronous_commit = $SOAK_SYNC_COMMIT" >/dev/null
	q "SELECT pg_reload_conf()" >/dev/null
fi
"$VO" --pg "$CI" db init --pg >/dev/null

SA=$("$VO" --db "$TMP/A.db" interview start --framework VPSHR --site \
    "Soak A" --auditor Ann)
SB=$("$VO" --db "$TMP/B.db" interview start --framework VPSHR --site \
    "Soak B" --auditor Bob)
SX=$("$VO" --db "$TMP/A.db" interview start --framework VPSHR --site \
    "Soak shared" --auditor Ann)
vo A sync --once >/dev/null 2>&1
vo B sync --once >/dev/null 2>&1

headless() {	# headless NAME: vigilore sync on NAME, logging
	env VIGILORE_SYNC_BACKOFF_MAX_MS="$backoff" \
	    VIGILORE_SYNC_POLL_MS="$pollms" VIGILORE_LOG="$TMP/$1.log" \
	    "$VO" -vv --db "$TMP/$1.db" --pg "$CI" sync >"$TMP/$1.out" 2>&1 &
}
headless A; pa=$!
headless B; pb=$!

QS="vpshr_001 vpshr_002 vpshr_003 vpshr_005 vpshr_010 vpshr_011 vpshr_012
    vpshr_013 vpshr_020"
# writer NAME OWN ROUNDS: answers every question of OWN and of the shared
# session, ROUNDS times, alternating yes and no.
writer() {
	_r=0
	while [ $_r -lt "$3" ] && [ ! -f "$TMP/stop-writers" ]; do
		for _q in $QS; do
			[ $(( (_r + ${#_q}) % 2 )) = 0 ] && _v=yes || _v=no
			"$VO" --db "$TMP/$1.db" interview answer "$2" "$_q" \
			    "$_v" >/dev/null 2>&1
			"$VO" --db "$TMP/$1.db" interview answer "$SX" "$_q" \
			    "$_v" >/dev/null 2>&1
		done
		_r=$((_r + 1))
	done
}
rnd() {	# rnd LO HI: a random number of tenths of a second, as seconds
	_x=$(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % ($2 - $1 + 1)
	    + $1 ))
	echo "$((_x / 10)).$((_x % 10))"
}

writer A "$SA" 1000 & wa=$!
writer B "$SB" 1000 & wb=$!
c=0
while [ $c -lt "$cycles" ]; do
	sleep "$(rnd 5 15)"
	[ $((c % 2)) = 0 ] && mode=immediate || mode=fast
	echo "$(date +%T.%N) stop $mode" >>"$TMP/chaos.log"
	pg_stop $mode
	sleep "$(rnd 3 12)"
	echo "$(date +%T.%N) restart" >>"$TMP/chaos.log"
	pg_restart || { sleep 1; pg_restart; }
	c=$((c + 1))
done
sleep 1
touch "$TMP/stop-writers"
wait $wa $wb
echo "$(date +%T.%N) writes ended" >>"$TMP/chaos.log"
nhist() { sqlite3 "$TMP/$1.db" "SELECT count(*) FROM answer_history"; }
[ "$(nhist A)" -gt 50 ] && [ "$(nhist B)" -gt 50 ] &&
    ok "both terminals wrote while the server came and went ($(nhist A) and \
$(nhist B) versions)" || not_ok "both terminals wrote ($(nhist A), $(nhist B))"

# converged: A, B and the server hold the same answers and history.
converged() {
	srv_answers >"$TMP/.c_sa" 2>/dev/null || return 1
	srv_history >"$TMP/.c_sh" 2>/dev/null || return 1
	for _t in A B; do
		dump_answers $_t | cmp -s - "$TMP/.c_sa" || return 1
		dump_history $_t | cmp -s - "$TMP/.c_sh" || return 1
	done
}
t0=$(date +%s.%N)
i=0
while ! converged && [ $i -lt $((deadline * 2)) ]; do
	sleep 0.5; i=$((i + 1))
done
took=$(echo "$(date +%s.%N) - $t0" | bc)
if converged; then
	ok "A, B and the server converge (after ${took%????????} s)"
	if [ -n "${SOAK_KEEP:-}" ]; then
		mkdir -p "$SOAK_KEEP" && cp "$TMP"/*.log "$SOAK_KEEP/"
	fi
else
	not_ok "A, B and the server converge within $deadline s"
	q "SELECT id, srv_xid FROM vosync.answer_history ORDER BY id" \
	    >"$TMP/.srv_ids"
	echo "#   server xid now $(q "SELECT pg_current_snapshot()")"
	for _t in A B; do
		sqlite3 "$TMP/$_t.db" "SELECT id FROM answer_history ORDER BY
		    id" >"$TMP/.$_t.ids"
		echo "#   $_t: cursor $(sqlite3 "$TMP/$_t.db" "SELECT value
		    FROM sync_state WHERE key = 'cursor'"), pending $(sqlite3 \
		    "$TMP/$_t.db" "SELECT count(*) FROM outbox"), \
$(wc -l <"$TMP/.$_t.ids") history rows, server $(wc -l <"$TMP/.srv_ids")"
		cut -d'|' -f1 "$TMP/.srv_ids" | comm -23 - "$TMP/.$_t.ids" |
		    while read -r id; do
			echo "#     missing on $_t: $(grep "^$id|" \
			    "$TMP/.srv_ids" | sed 's/|/ srv_xid=/') $(q "SELECT
			    device || ' ' || hlc FROM vosync.answer_history
			    WHERE id = '$id'")"
		done | head -n 20
		cut -d'|' -f1 "$TMP/.srv_ids" | comm -13 - "$TMP/.$_t.ids" |
		    sed "s/^/#     missing on the server (from $_t): /" |
		    head -n 20
	done
	sed 's/^/#   chaos: /' "$TMP/chaos.log"
	keep=$TOP/build/test-logs/soak-$$
	mkdir -p "$keep" && cp "$TMP"/*.log "$TMP"/*.db "$PGDIR/server.log" \
	    "$keep/" 2>/dev/null
	echo "#   logs kept in $keep"
fi

kill -TERM $pa $pb
wait $pa; ra=$?
wait $pb; rb=$?
is "both headless terminals stop cleanly" "$ra $rb" "0 0"

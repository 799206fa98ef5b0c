#!/bin/sh
# SPDX-License-Identifier: MIT
# A frozen server: the headless terminal's own backend is stopped with
# SIGSTOP, so its host's kernel still answers TCP (keepalives see nothing)
# but no byte comes back. With the default knobs the terminal must report
# offline within seconds (under 15 s), idle or in a round, and come back
# online (a new backend) with nothing pending. VIGILORE_FROZEN_WAIT (s,
# default 20) is how long the test waits for "offline".
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

"$VO" --pg "$CI" db init --pg >/dev/null
vo B sync --once >/dev/null
until_true() {	# waits up to $2 s (default 10) for a shell condition
	_i=0; _max=$(( ${2:-10} * 20 ))
	while ! eval "$1"; do
		_i=$((_i + 1)); [ $_i -lt $_max ] || return 1; sleep 0.05
	done
}
backend() { q "SELECT pid FROM pg_stat_activity WHERE application_name =
    'vigilore' AND backend_type = 'client backend'"; }
now_ms() { python3 -c 'import time; print(int(time.monotonic() * 1000))'; }

unset VIGILORE_SYNC_POLL_MS VIGILORE_SYNC_ROUND_MAX_MS \
    VIGILORE_SYNC_SILENCE_MS VIGILORE_SYNC_PING_MS
VIGILORE_SYNC_BACKOFF_MAX_MS=1000 "$VO" --db "$TMP/B.db" --pg "$CI" sync \
    >"$TMP/b.log" 2>&1 &
bpid=$!
frozen=""
cleanup() {
	[ -n "$frozen" ] && kill -CONT "$frozen" 2>/dev/null
	kill -TERM $bpid 2>/dev/null
	wait $bpid 2>/dev/null
}
until_true 'grep -q " online " "$TMP/b.log"' && ok "B goes online" ||
    not_ok "B goes online"
until_true '[ "$(backend | wc -l)" -eq 1 ]' 5
frozen=$(backend)
if [ -z "$frozen" ]; then
	not_ok "B's backend is found"
	cleanup; exit 1
fi
n=$(grep -c " offline " "$TMP/b.log")
kill -STOP "$frozen"
t0=$(now_ms)
"$VO" --db "$TMP/B.db" interview run --framework VPSHR --site "Frozen" \
    --auditor Ann --answers "$(answers_file vpshr 1)" >/dev/null 2>&1
if until_true '[ $(grep -c " offline " "$TMP/b.log") -gt $n ]' \
    "${VIGILORE_FROZEN_WAIT:-20}"; then
	ms=$(( $(now_ms) - t0 ))
	[ $ms -lt 15000 ] && ok "a frozen server is noticed in $ms ms" ||
	    not_ok "a frozen server is noticed in $ms ms (limit 15000)"
	grep " offline " "$TMP/b.log" | tail -n 1 | grep -q "pending=0" &&
	    not_ok "offline shows the pending changes" ||
	    ok "offline shows the pending changes"
else
	not_ok "a frozen server is noticed (not in ${VIGILORE_FROZEN_WAIT:-20} s)"
	not_ok "offline shows the pending changes"
fi
# The postmaster still answers: B reconnects on a new backend and pushes.
n=$(grep -c " online " "$TMP/b.log")
until_true 'tail -n 1 "$TMP/b.log" | grep -q " online pending=0 "' 10 &&
    ok "B is online on a new backend with nothing pending" ||
    not_ok "B is online on a new backend with nothing pending"
kill -CONT "$frozen"
frozen=""

# A slow but progressing round is never cut: a first pull through a
# proxy that lets the server's bytes through slowly (about 5 s in all)
# with a silence limit of 1.5 s.
for i in 2 3 4; do
	"$VO" --db "$TMP/A.db" interview run --framework VPSHR --site "S$i" \
	    --auditor Ann --answers "$(answers_file vpshr $i)" >/dev/null 2>&1
done
vo A sync --once >/dev/null 2>&1
python3 - "$PGPORT_TEST" "$TMP/slow.port" <<'PY' &
import os, socket, sys, threading, time
target, portfile = int(sys.argv[1]), sys.argv[2]
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", 0))
ls.listen(8)
open(portfile + ".tmp", "w").write(str(ls.getsockname()[1]))
os.rename(portfile + ".tmp", portfile)
def pump(a, b, slow):
    try:
        while True:
            d = a.recv(512 if slow else 65536)
            if not d:
                break
            b.sendall(d)
            if slow:
                time.sleep(0.02)
    except OSError:
        pass
    for s in (a, b):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
while True:
    c, _ = ls.accept()
    s = socket.create_connection(("127.0.0.1", target))
    threading.Thread(target=pump, args=(c, s, False), daemon=True).start()
    threading.Thread(target=pump, args=(s, c, True), daemon=True).start()
PY
proxy=$!
until_true '[ -f "$TMP/slow.port" ]' 5
sport=$(cat "$TMP/slow.port")
echo "127.0.0.1:$sport:*:vigilore:$(cat "$PGDIR/password")" >>"$PGPASSFILE"
t0=$(now_ms)
VIGILORE_SYNC_SILENCE_MS=1500 VIGILORE_SYNC_ROUND_MAX_MS=1500 \
    VIGILORE_SYNC_POLL_MS=60000 "$VO" --db "$TMP/E.db" --pg "host=127.0.0.1 \
port=$sport user=vigilore dbname=vigilore" sync >"$TMP/e.log" 2>&1 &
epid=$!
nh=$(q "SELECT count(*) FROM vosync.answer_history")
until_true '[ "$(sqlite3 "$TMP/E.db" "SELECT count(*) FROM sessions" \
    2>/dev/null)" = 4 ] && [ "$(sqlite3 "$TMP/E.db" "SELECT count(*)
    FROM answer_history" 2>/dev/null)" = "$nh" ]' 20
done_rc=$?
ms=$(( $(now_ms) - t0 ))
kill -TERM $epid; wait $epid
kill $proxy 2>/dev/null; wait $proxy 2>/dev/null
if [ $done_rc -ne 0 ]; then
	not_ok "a slow but progressing pull completes (not in $ms ms)"
	sed 's/^/#   /' "$TMP/e.log" | head -n 5
elif [ $ms -lt 3000 ]; then
	not_ok "the slow pull is slow ($ms ms; the test needs over 3000)"
elif awk '/ online /{on=1} / offline /&&on{bad=1} /cut/{bad=1}
    END{exit !bad}' "$TMP/e.log"; then
	not_ok "a slow but progressing pull ($ms ms) is not cut"
	sed 's/^/#   /' "$TMP/e.log" | head -n 5
else
	ok "a slow but progressing pull ($ms ms) is not cut"
fi
same_answers "E holds the server's answers" E
cleanup

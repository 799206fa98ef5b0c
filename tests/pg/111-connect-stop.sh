#!/bin/sh
# SPDX-License-Identifier: MIT
# A server that accepts the TCP connection and never says a word (a
# listener that never writes): SIGTERM stops a headless terminal that is
# still connecting within about a second, whatever connect_timeout says,
# and the connect timeout itself still bounds an attempt.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

now_ms() { python3 -c 'import time; print(int(time.monotonic() * 1000))'; }
python3 - "$TMP/mute.port" <<'PY' &
import os, socket, sys, time
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", 0))
ls.listen(16)
open(sys.argv[1] + ".tmp", "w").write(str(ls.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
held = []
while True:
    c, _ = ls.accept()
    held.append(c)	# read nothing, write nothing, keep it open
PY
mute=$!
i=0; while [ ! -f "$TMP/mute.port" ] && [ $i -lt 100 ]; do
	sleep 0.05; i=$((i + 1)); done
mport=$(cat "$TMP/mute.port")
MUTE="host=127.0.0.1 port=$mport user=vigilore dbname=vigilore \
sslmode=disable"

"$VO" --db "$TMP/B.db" --pg "$MUTE connect_timeout=60" sync \
    >"$TMP/b.log" 2>&1 &
bpid=$!
sleep 1.5	# B is now waiting for the server's first word
t0=$(now_ms)
kill -TERM $bpid
i=0; while kill -0 $bpid 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.05; i=$((i + 1)); done
ms=$(( $(now_ms) - t0 ))
if kill -0 $bpid 2>/dev/null; then
	not_ok "SIGTERM while connecting stops sync (still running after $ms ms)"
	kill -KILL $bpid
	wait $bpid 2>/dev/null
else
	wait $bpid
	rc=$?
	[ $ms -lt 2000 ] && [ $rc -eq 0 ] &&
	    ok "SIGTERM while connecting stops sync in $ms ms" ||
	    not_ok "SIGTERM while connecting stops sync in $ms ms (exit $rc)"
fi

# SIGINT too, during the first attempt (no grace to lean on).
"$VO" --db "$TMP/C.db" --pg "$MUTE connect_timeout=60" sync \
    >"$TMP/c.log" 2>&1 &
cpid=$!
sleep 0.5
t0=$(now_ms)
kill -INT $cpid
i=0; while kill -0 $cpid 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.05; i=$((i + 1)); done
ms=$(( $(now_ms) - t0 ))
if kill -0 $cpid 2>/dev/null; then
	not_ok "SIGINT while connecting stops sync (still running after $ms ms)"
	kill -KILL $cpid
	wait $cpid 2>/dev/null
else
	wait $cpid
	[ $ms -lt 2000 ] && ok "SIGINT while connecting stops sync in $ms ms" ||
	    not_ok "SIGINT while connecting stops sync in $ms ms"
fi

# The connect timeout still ends an attempt, with libpq's words.
t0=$(now_ms)
"$VO" --db "$TMP/D.db" --pg "$MUTE connect_timeout=2" sync --once \
    >"$TMP/d.out" 2>"$TMP/d.err"
rc=$?
ms=$(( $(now_ms) - t0 ))
[ $rc -eq 1 ] && [ $ms -ge 1800 ] && [ $ms -lt 6000 ] &&
    grep -q "timeout expired" "$TMP/d.err" &&
    ok "connect_timeout=2 ends the attempt after $ms ms" ||
    { not_ok "connect_timeout=2 ends the attempt after $ms ms (exit $rc)"
      sed 's/^/#   /' "$TMP/d.err"; }
kill $mute 2>/dev/null
wait $mute 2>/dev/null

# A real server is still reached the same way.
"$VO" --pg "$CI" db init --pg >/dev/null
vo E sync --once >"$TMP/e.out" 2>&1
is "a live server is still reached" "$?" 0

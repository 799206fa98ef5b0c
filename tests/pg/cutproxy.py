#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# A loopback TCP proxy the fault tests control:
#   python3 tests/pg/cutproxy.py TARGET_PORT PORTFILE ARMFILE [FREEZEFILE]
# Listens on a free port (written to PORTFILE) and forwards to TARGET_PORT.
# While ARMFILE exists, the first client message holding the query COMMIT is
# forwarded to the server, and then both connections are cut before the
# server's reply gets back: the client cannot know whether COMMIT won.
# While FREEZEFILE exists, nothing more is forwarded either way and the
# connections stay open: a server that froze with its host still up.
import os
import select
import socket
import sys
import threading
import time

target, portfile, armfile = int(sys.argv[1]), sys.argv[2], sys.argv[3]
freezefile = sys.argv[4] if len(sys.argv) > 4 else None
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", 0))
ls.listen(16)
with open(portfile + ".tmp", "w") as f:
    f.write(str(ls.getsockname()[1]))
os.rename(portfile + ".tmp", portfile)


# The simple-query message libpq sends for PQexec("COMMIT").
COMMIT = b"Q\x00\x00\x00\x0bCOMMIT\x00"


def pump(c):
    s = socket.create_connection(("127.0.0.1", target))
    try:
        while True:
            if freezefile and os.path.exists(freezefile):
                time.sleep(0.1)
                continue
            r, _, _ = select.select([c, s], [], [], 0.1)
            if c in r:
                d = c.recv(65536)
                if not d:
                    break
                cut = COMMIT in d and os.path.exists(armfile)
                s.sendall(d)
                if cut:
                    os.unlink(armfile)
                    time.sleep(0.5)     # the server commits meanwhile
                    break
            if s in r:
                d = s.recv(65536)
                if not d:
                    break
                c.sendall(d)
    finally:
        for x in (c, s):
            try:
                x.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            x.close()


while True:
    conn, _ = ls.accept()
    threading.Thread(target=pump, args=(conn,), daemon=True).start()

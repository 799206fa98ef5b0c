#!/bin/sh
# SPDX-License-Identifier: MIT
# A password given with --pg is not left readable in /proc/PID/cmdline
# (what ps shows every user) while the program runs: a headless `sync`
# against a server that is away keeps running, and its command line shows
# the server without the password.
. "$(dirname "$0")/../lib.sh"

for form in keywords uri; do
	if [ $form = keywords ]; then
		ci="host=127.0.0.1 port=9 dbname=none user=u password=Zq7SecretPw connect_timeout=1"
	else
		ci="postgresql://u:Zq7SecretPw@127.0.0.1:9/none?connect_timeout=1"
	fi
	rm -f "$TMP/out"
	"$VO" --pg "$ci" sync >"$TMP/out" 2>&1 &
	pid=$!
	i=0
	while [ ! -s "$TMP/out" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	tr '\0' ' ' </proc/$pid/cmdline >"$TMP/cmdline" 2>/dev/null
	kill -TERM $pid 2>/dev/null
	wait $pid
	is "still running while offline ($form)" \
	    "$(grep -c "sync" "$TMP/cmdline")" 1
	is "no password in its command line ($form)" \
	    "$(grep -c Zq7SecretPw "$TMP/cmdline")" 0
	is "the server is still named there ($form)" \
	    "$(grep -c "127.0.0.1" "$TMP/cmdline")" 1
	is "nor in its output ($form)" "$(grep -c Zq7SecretPw "$TMP/out")" 0
done

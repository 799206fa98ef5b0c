#!/bin/sh
# SPDX-License-Identifier: MIT
# A password typed into the conninfo never shows: not in an error (libpq
# quotes the bad token of a malformed string, or reads a password holding
# an unencoded '/' or '@' as host, port or database and names them), not
# in sync status, not in the store, not in the log.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

export VIGILORE_LOG="$TMP/vo.log"
n=0
for ci in \
    "postgres://u:Xq7SECRETpw@[::1" \
    "postgresql://u:Xq7SECRETpw%zz@127.0.0.1:1/db" \
    "postgresql://u:Xq7SEC/RETpw@127.0.0.1:1/db" \
    "postgresql://u:Xq7SEC@RETpw@127.0.0.1:1/db" \
    "host=127.0.0.1 port=1 password=Xq7SEC RETpw" \
    "password=Xq7SECRETpw garbage" \
    "host=127.0.0.1 port=$PGPORT_TEST user=vigilore password=Xq7SECRETpw"
do
	n=$((n + 1))
	"$VO" -vv --db "$TMP/s$n.db" --pg "$ci" sync --once \
	    >"$TMP/o$n" 2>&1
	"$VO" --db "$TMP/s$n.db" --pg "$ci" sync status --json \
	    >>"$TMP/o$n" 2>&1
	"$VO" --db "$TMP/s$n.db" --pg "$ci" sync status >>"$TMP/o$n" 2>&1
	"$VO" --pg "$ci" db stats --pg --json >>"$TMP/o$n" 2>&1
	DATABASE_URL="$ci" "$VO" --db "$TMP/s$n.db" sync --once \
	    >>"$TMP/o$n" 2>&1
	leak=""
	for piece in Xq7 SEC RETpw; do
		grep -q "$piece" "$TMP/o$n" && leak="$leak output:$piece"
		grep -aq "$piece" "$TMP/s$n.db" && leak="$leak store:$piece"
		grep -aq "$piece" "$TMP/vo.log" 2>/dev/null &&
		    leak="$leak log:$piece"
	done
	if [ -z "$leak" ]; then ok "no piece of the password shows ($n)"
	else
		not_ok "no piece of the password shows ($n: $ci)"
		echo "#  $leak"; grep -m 2 -E 'Xq7|SEC|RETpw' "$TMP/o$n" |
		    sed 's/^/#   /'
	fi
done

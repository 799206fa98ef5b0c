#!/bin/sh
# SPDX-License-Identifier: MIT
# A throwaway PostgreSQL 15 cluster for tests and benchmarks.
#
#   sh tests/pg/pg-cluster.sh start DIR   create DIR, initdb, start on a free
#                                         loopback port; writes DIR/conninfo
#                                         (no password) and DIR/password
#   sh tests/pg/pg-cluster.sh stop DIR [fast|immediate]
#   sh tests/pg/pg-cluster.sh restart DIR   start again after a stop
#   sh tests/pg/pg-cluster.sh destroy DIR   stop (immediate) and remove DIR
#
# The server never runs as root: initdb refuses it, so when run as root the
# cluster belongs to the user 'postgres' (or 'vigilore-test', created when
# missing). Connections use scram-sha-256 on 127.0.0.1 with a random
# password kept in DIR/password (mode 0600), so tests can check that a
# password never leaks. Tests run with fsync off (a throwaway cluster);
# VIGILORE_PG_DURABLE=1 keeps the server's durable defaults (benchmarks). Installs PostgreSQL 15 through
# packaging/install-deps when the binaries are missing.
set -eu

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
top=$(cd "$(dirname "$0")/../.." && pwd)

die() { echo "pg-cluster: $*" >&2; exit 1; }

[ $# -ge 2 ] || die "usage: pg-cluster.sh start|stop|restart|destroy DIR"
cmd=$1
dir=$2

if [ ! -x "$PGBIN/initdb" ]; then
	sh "$top/packaging/install-deps" >&2 || true
	[ -x "$PGBIN/initdb" ] || die "PostgreSQL 15 is not installed ($PGBIN)"
fi

runas=""
if [ "$(id -u)" -eq 0 ]; then
	if id postgres >/dev/null 2>&1; then
		runas=postgres
	else
		id vigilore-test >/dev/null 2>&1 ||
		    useradd -r -M -s /usr/sbin/nologin vigilore-test
		runas=vigilore-test
	fi
fi

# Runs a PostgreSQL program as the cluster owner.
as_owner() {
	if [ -n "$runas" ]; then
		runuser -u "$runas" -- "$@"
	else
		"$@"
	fi
}

port_free() {
	! ss -ltnH "sport = :$1" 2>/dev/null | grep -q .
}

start_server() {
	as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
	    -t 30 -o "-k $dir -h 127.0.0.1 -p $1" start >/dev/null
}

case $cmd in
start)
	mkdir -p "$dir"
	chmod 0755 "$dir"
	umask 077
	head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/password"
	cp "$dir/password" "$dir/pwfile"
	[ -n "$runas" ] && chown "$runas" "$dir" "$dir/pwfile"
	as_owner "$PGBIN/initdb" -D "$dir/data" -U vigilore \
	    --pwfile="$dir/pwfile" --auth-local=trust \
	    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
	    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2;
	    die "initdb failed"; }
	rm -f "$dir/pwfile"
	if [ -z "${VIGILORE_PG_DURABLE:-}" ]; then
		cat >>"$dir/data/postgresql.conf" <<-EOF
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		EOF
	fi
	cat >>"$dir/data/postgresql.conf" <<-EOF
	max_connections = 200
	shared_buffers = 64MB
	log_min_messages = warning
	EOF
	tries=0
	while :; do
		port=$(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 20000
		    + 20000 ))
		if port_free "$port" && start_server "$port"; then
			break
		fi
		tries=$((tries + 1))
		[ $tries -lt 10 ] || { cat "$dir/server.log" >&2;
		    die "cannot start the server"; }
	done
	echo "$port" >"$dir/port"
	as_owner "$PGBIN/psql" -X -q -h "$dir" -p "$port" -U vigilore \
	    -d postgres -c "CREATE DATABASE vigilore" >/dev/null
	echo "host=127.0.0.1 port=$port user=vigilore dbname=vigilore" \
	    >"$dir/conninfo"
	chmod 0644 "$dir/conninfo"
	echo "$port"
	;;
stop)
	mode=${3:-fast}
	[ -f "$dir/data/postmaster.pid" ] || exit 0
	as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m "$mode" -w -t 30 stop \
	    >/dev/null 2>&1 || true
	;;
restart)
	start_server "$(cat "$dir/port")"
	;;
destroy)
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w -t 30 \
		    stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
	;;
*)
	die "unknown command '$cmd'"
	;;
esac

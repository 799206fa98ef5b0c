#!/bin/sh
# SPDX-License-Identifier: MIT
# A store that can be read but not written (mode 0444, in a directory the
# user cannot write: a supervisor's copy of an auditor's store) is opened
# read-only: sessions, reports, report, frameworks, db stats, sync status
# and dashboard work; every write is refused with "read-only" and changes
# nothing. Read with its -wal and -shm (the log's changes are shown), and
# without them; a non-empty -wal without its -shm is refused, not read
# without its changes. Run as "nobody" when the suite runs as root (root
# ignores file modes).
. "$(dirname "$0")/../lib.sh"

reader_setup
# shellcheck disable=SC2086
as_reader() { $READER env HOME=/ VIGILORE_ASSETS="$VIGILORE_ASSETS" "$@"; }

S=$("$VO" interview start --framework VPSHR --site "Supervised Mine" \
    --auditor A)
"$VO" interview answer "$S" vpshr_001 yes >/dev/null
"$VO" interview complete "$S" >/dev/null
REP=$(newest_report)
S2=$("$VO" interview start --framework VPSHR --site "Second Mine" --auditor A)

# plain/: the store alone (its last connection removed -wal and -shm).
mkdir "$TMP/plain"
cp "$VIGILORE_DB" "$TMP/plain/s.db"
is "the store alone has no -wal" "$(ls "$TMP/plain")" "s.db"
# wal/ and nolog/: copied while another connection holds the log open,
# after a session was started that is in the -wal only.
python3 - "$VIGILORE_DB" "$VO" "$TMP" <<'PY'
import os, shutil, sqlite3, subprocess, sys
db, vo, tmp = sys.argv[1:]
c = sqlite3.connect(db)
c.execute("SELECT count(*) FROM sessions").fetchall()
subprocess.run([vo, "interview", "start", "--framework", "VPSHR", "--site",
    "Log Only Mine", "--auditor", "A"], check=True, stdout=subprocess.DEVNULL)
for d, sufs in (("wal", ("", "-wal", "-shm")), ("nolog", ("", "-wal")),
        ("badshm", ("", "-wal", "-shm"))):
    os.mkdir(os.path.join(tmp, d))
    for s in sufs:
        shutil.copy(db + s, os.path.join(tmp, d, "s.db" + s))
c.close()
PY
n=$(sqlite3 "file:$TMP/wal/s.db?immutable=1" \
    "SELECT count(*) FROM sites WHERE name = 'Log Only Mine'")
is "the last session is in the -wal only" "$n" 0
# open/: a directory the reader may write (SQLite makes -wal and -shm).
mkdir "$TMP/open"
cp "$TMP/plain/s.db" "$TMP/open/s.db"
for d in plain wal nolog badshm open; do chmod 0444 "$TMP/$d"/*; done
# badshm/: its -shm there but unreadable (another user's, mode 0600).
chmod 0000 "$TMP/badshm/s.db-shm"
for d in plain wal nolog badshm; do chmod 0555 "$TMP/$d"; done
chmod 0777 "$TMP/open"

sums() { cat "$TMP/$1"/* | md5sum; }
# Writes are refused as such, before anything else (here $S is complete,
# which a command loading it first would have said instead).
printf '{"vpshr_001": "yes"}\n' >"$TMP/answers.json"
chmod 0644 "$TMP/answers.json"
run="interview run --framework VPSHR --site X --auditor B"
printf 'The operator keeps a grievance register.\n' >"$TMP/doc.txt"
chmod 0644 "$TMP/doc.txt"
audit="audit --input $TMP/doc.txt --framework VPSHR --site X --auditor B"
job=00000000-0000-4000-8000-000000000000

reads() {
	_d=$1
	_db=$TMP/$_d/s.db
	expect_status 0 "$_d: sessions" as_reader "$VO" --db "$_db" sessions
	grep -q "Supervised Mine" "$TMP/.out" &&
	    ok "$_d: sessions lists the sessions" ||
	    not_ok "$_d: sessions lists the sessions"
	expect_status 0 "$_d: reports" as_reader "$VO" --db "$_db" reports
	grep -q "$REP" "$TMP/.out" && ok "$_d: reports lists $REP" ||
	    not_ok "$_d: reports lists $REP"
	expect_status 0 "$_d: report ID" as_reader "$VO" --db "$_db" \
	    report "$REP" --format json
	grep -q '"Supervised Mine"' "$TMP/.out" &&
	    ok "$_d: the report is shown" || not_ok "$_d: the report is shown"
	expect_status 0 "$_d: frameworks" as_reader "$VO" --db "$_db" \
	    frameworks
	expect_status 0 "$_d: db stats" as_reader "$VO" --db "$_db" db stats
	expect_status 0 "$_d: sync status" as_reader "$VO" --db "$_db" \
	    sync status
	expect_status 0 "$_d: dashboard" as_reader "$VO" --db "$_db" \
	    dashboard --json
	expect_status 0 "$_d: interview progress" as_reader "$VO" \
	    --db "$_db" interview progress "$S2"
}

writes() {
	_d=$1
	_db=$TMP/$_d/s.db
	_before=$(sums "$_d")
	for _c in "interview start --framework VPSHR --site X --auditor B" \
	    "interview answer $S2 vpshr_001 yes" "demo" "db cleanup" \
	    "interview abandon $S2" "interview answer $S vpshr_002 yes" \
	    "interview complete $S" "$run --answers $TMP/answers.json" \
	    "$audit" "cancel $job" "retry $job" "worker" \
	    "--pg postgresql://127.0.0.1:1/x sync --once"; do
		# shellcheck disable=SC2086
		as_reader timeout 20 "$VO" --db "$_db" $_c >"$TMP/o" 2>"$TMP/e"
		_rc=$?
		if [ "$_rc" -eq 1 ] && grep -q "the store '$_db' is read-only" \
		    "$TMP/e"; then
			ok "$_d: $_c is refused as read-only"
		else
			not_ok "$_d: $_c is refused as read-only (exit $_rc)"
			sed 's/^/#   /' "$TMP/e"
		fi
	done
	is "$_d: nothing changed" "$(sums "$_d")" "$_before"
}

reads plain
writes plain
is "plain: no -wal or -shm made" "$(ls "$TMP/plain")" "s.db"
reads wal
expect_status 0 "wal: sessions" as_reader "$VO" --db "$TMP/wal/s.db" sessions
grep -q "Log Only Mine" "$TMP/.out" &&
    ok "wal: the session in the -wal is listed" ||
    not_ok "wal: the session in the -wal is listed"
writes wal
reads open
writes open

expect_status 1 "nolog: a -wal without its -shm is refused" \
    as_reader "$VO" --db "$TMP/nolog/s.db" sessions
nl=$TMP/nolog/s.db
grep -q "the store '$nl' is read-only and its log '$nl-wal' cannot be read without '$nl-shm'" \
    "$TMP/.err" && ok "nolog: the message names the missing -shm" ||
    { not_ok "nolog: the message names the missing -shm"; \
    sed 's/^/#   /' "$TMP/.err"; }

expect_status 1 "badshm: a -wal with an unreadable -shm is refused" \
    as_reader "$VO" --db "$TMP/badshm/s.db" sessions
bs=$TMP/badshm/s.db
grep -q "the store '$bs' is read-only and its log '$bs-wal' cannot be read with '$bs-shm'" \
    "$TMP/.err" && ok "badshm: the message names the -shm" ||
    { not_ok "badshm: the message names the -shm"; \
    sed 's/^/#   /' "$TMP/.err"; sed 's/^/#   /' "$TMP/.out"; }

# A read-only file cannot be migrated: one of another version is refused.
mkdir "$TMP/old"
sqlite3 "$TMP/old/s.db" "CREATE TABLE t(x); PRAGMA user_version = 0"
chmod 0444 "$TMP/old/s.db"
chmod 0555 "$TMP/old"
expect_status 1 "old: a read-only store of an older schema is refused" \
    as_reader "$VO" --db "$TMP/old/s.db" sessions
grep -q "the store '$TMP/old/s.db' is read-only and has schema version 0" \
    "$TMP/.err" && ok "old: the message gives the version" ||
    { not_ok "old: the message gives the version"; \
    sed 's/^/#   /' "$TMP/.err"; }

# The writer's own store is still written as before.
expect_status 0 "a writable store is written" "$VO" interview answer "$S2" \
    vpshr_001 yes
chmod -R u+w "$TMP"

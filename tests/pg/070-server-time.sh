#!/bin/sh
# SPDX-License-Identifier: MIT
# The report keeps both device and server times: a terminal whose clock
# is 400 days behind completes an interview offline; its report shows
# the device's created_at and "server_received_at": null. Once pushed,
# the pushing terminal (on the pull that follows its push) and another
# terminal (on its pull) both show the server's write time of the report
# (vosync.reports.srv_time), in `report ID --format json` and in
# `reports --json`; the stored body never carries it. A terminal moved
# to another server shows that server's time.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

SLOW=2025-10-29T08:00:00Z
ISO="'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'"

# field FILE EXPR: a Python expression on the JSON in FILE (as d).
field() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
print(eval(sys.argv[2]))' "$1" "$2" 2>&1
}

check "db init --pg" "$VO" --pg "$CI" db init --pg
ans=$(answers_file iso_14001 3)
# Dates answered must not be in the future of the slow clock.
sed 's/"2026-/"2024-/g' "$ans" >"$TMP/ans-slow.json"
VIGILORE_NOW=$SLOW "$VO" --db "$TMP/A.db" interview run \
    --framework ISO_14001 --site "Likasi East" --site-code LKS-002 \
    --auditor Ann --answers "$TMP/ans-slow.json" --json >"$TMP/run.json" \
    2>"$TMP/run.err"
is "A (clock 400 days behind) completes an interview offline" "$?" 0
rep=$(field "$TMP/run.json" 'd["report_id"]')
is "the new report says it has not reached a server" \
    "$(field "$TMP/run.json" 'd["server_received_at"]')" None

"$VO" --db "$TMP/A.db" report "$rep" --format json >"$TMP/a0.json"
is "report JSON before sync: server_received_at null" \
    "$(field "$TMP/a0.json" 'd["server_received_at"]')" None
is "report JSON before sync: the device's created_at" \
    "$(field "$TMP/a0.json" 'd["created_at"]')" "$SLOW"
is "server_received_at sits right after created_at" \
    "$(field "$TMP/a0.json" 'list(d)[list(d).index("created_at") + 1]')" \
    server_received_at
"$VO" --db "$TMP/A.db" reports --json >"$TMP/al0.json"
is "reports --json before sync: device time, no server time" \
    "$(field "$TMP/al0.json" '[(r["created_at"], r["server_received_at"])
    for r in d["reports"] if r["report_id"] == "'"$rep"'"]')" \
    "[('$SLOW', None)]"

check "A syncs" env VIGILORE_NOW=$SLOW "$VO" --db "$TMP/A.db" --pg "$CI" \
    sync --once
srv=$(q "SELECT to_char(srv_time AT TIME ZONE 'UTC', $ISO) FROM
    vosync.reports WHERE report_id = '$rep'")
case $srv in
20[0-9][0-9]-*Z) ok "the server stamped the report ($srv)" ;;
*) not_ok "the server stamped the report: '$srv'" ;;
esac
is "the server time is the server's clock, not A's" "$(python3 -c '
import sys, datetime as t
s = t.datetime.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%SZ")
print(abs((t.datetime.utcnow() - s).total_seconds()) < 600)' "$srv" 2>&1)" \
    True
is "the stored body on the server has no server time" "$(q "SELECT
    count(*) FROM vosync.reports WHERE body LIKE '%server_received%'")" 0

"$VO" --db "$TMP/A.db" report "$rep" --format json >"$TMP/a1.json"
is "A (the pusher) learns the server time after its sync" \
    "$(field "$TMP/a1.json" 'd["server_received_at"]')" "$srv"
is "A keeps its own device time" \
    "$(field "$TMP/a1.json" 'd["created_at"]')" "$SLOW"
"$VO" --db "$TMP/A.db" reports --json >"$TMP/al1.json"
is "A's reports --json shows both times" \
    "$(field "$TMP/al1.json" '[(r["created_at"], r["server_received_at"])
    for r in d["reports"] if r["report_id"] == "'"$rep"'"]')" \
    "[('$SLOW', '$srv')]"
is "nothing of the server time is in A's stored body" "$(sqlite3 \
    "$TMP/A.db" "SELECT count(*) FROM reports WHERE body LIKE
    '%server_received%'")" 0

check "B syncs" vo B sync --once
"$VO" --db "$TMP/B.db" report "$rep" --format json >"$TMP/b1.json"
is "B (puller) shows the server time" \
    "$(field "$TMP/b1.json" 'd["server_received_at"]')" "$srv"
is "B shows A's device time" "$(field "$TMP/b1.json" 'd["created_at"]')" \
    "$SLOW"
"$VO" --db "$TMP/B.db" reports --json >"$TMP/bl1.json"
is "B's reports --json shows both times" \
    "$(field "$TMP/bl1.json" '[(r["created_at"], r["server_received_at"])
    for r in d["reports"] if r["report_id"] == "'"$rep"'"]')" \
    "[('$SLOW', '$srv')]"
cmp -s "$TMP/a1.json" "$TMP/b1.json" &&
    ok "the report JSON is identical on A and B" ||
    not_ok "the report JSON is identical on A and B"

# A report B makes offline, pushed, then pulled by A.
sleep 1
"$VO" --db "$TMP/B.db" interview run --framework ISO_14001 \
    --site "Likasi East" --site-code LKS-002 --auditor Bob \
    --answers "$ans" --json >"$TMP/run2.json" 2>/dev/null
rep2=$(field "$TMP/run2.json" 'd["report_id"]')
check "B pushes its report" vo B sync --once
check "A pulls it" vo A sync --once
srv2=$(q "SELECT to_char(srv_time AT TIME ZONE 'UTC', $ISO) FROM
    vosync.reports WHERE report_id = '$rep2'")
"$VO" --db "$TMP/A.db" report "$rep2" --format json >"$TMP/a2.json"
is "A shows the server time of B's report" \
    "$(field "$TMP/a2.json" 'd["server_received_at"]')" "$srv2"
is "A's older report keeps its server time" "$("$VO" --db "$TMP/A.db" \
    report "$rep" --format json | python3 -c 'import json,sys;
print(json.load(sys.stdin)["server_received_at"])')" "$srv"

# Another server: its own times replace the first one's.
sleep 1
q "CREATE DATABASE other" >/dev/null
CI2="${CI% dbname=vigilore} dbname=other"
"$VO" --pg "$CI2" db init --pg >/dev/null
check "A syncs with a new server" "$VO" --db "$TMP/A.db" --pg "$CI2" \
    sync --once
srv3=$(psql -X -At "$CI2" -c "SELECT to_char(srv_time AT TIME ZONE 'UTC',
    $ISO) FROM vosync.reports WHERE report_id = '$rep'")
[ -n "$srv3" ] && [ "$srv3" != "$srv" ] &&
    ok "the new server has its own time ($srv3)" ||
    not_ok "the new server has its own time: '$srv3' (was '$srv')"
is "A shows the new server's time" "$("$VO" --db "$TMP/A.db" report \
    "$rep" --format json | python3 -c 'import json,sys;
print(json.load(sys.stdin)["server_received_at"])')" "$srv3"

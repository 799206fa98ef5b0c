#!/bin/sh
# SPDX-License-Identifier: MIT
# Two terminals: A works with no server, the server starts, A syncs, B
# syncs and shows A's report; then the same answer changed on both: the
# newer HLC wins everywhere, the other version stays in history, and the
# terminal whose answer lost marks it "changed elsewhere".
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

pg_stop fast
ans=$(answers_file iso_14001 1)
"$VO" --db "$TMP/A.db" interview run --framework ISO_14001 \
    --site "Kolwezi North" --site-code KWZ-001 --auditor Ann \
    --answers "$ans" --json >"$TMP/run.json" 2>"$TMP/run.err"
is "A completes an interview with no server" "$?" 0
rep=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))
    ["report_id"])' "$TMP/run.json" 2>/dev/null)
[ -n "$rep" ] && ok "A has a report ($rep)" || not_ok "A has a report"
expect_status 1 "A cannot sync while the server is down" vo A sync --once
grep -q "cannot connect" "$TMP/.err" && ok "A says it is offline" ||
    not_ok "A says it is offline"
vo A sync status --json >"$TMP/st.json"
pending=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
print(d["pending"] > 0 and d["oldest_pending"] is not None and
d["last_error"] is not None)' "$TMP/st.json")
is "A shows pending changes, the oldest and the last error" "$pending" True

pg_restart
check "db init --pg" "$VO" --pg "$CI" db init --pg
check "A syncs" vo A sync --once
is "nothing pending on A" "$(vo A sync status --json | python3 -c \
    'import json,sys; print(json.load(sys.stdin)["pending"])')" 0
check "B syncs" vo B sync --once
is "B pulled A's rows without queueing them (no echo)" "$(sqlite3 \
    "$TMP/B.db" "SELECT (SELECT count(*) > 0 FROM answers) || '|' ||
    (SELECT count(*) FROM outbox)")" "1|0"
"$VO" --db "$TMP/B.db" reports --json >"$TMP/b-reports.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
assert any(r["report_id"] == sys.argv[2] for r in d["reports"])' \
    "$TMP/b-reports.json" "$rep" && ok "B lists A's report $rep" ||
    not_ok "B lists A's report '$rep'"
"$VO" --db "$TMP/B.db" report "$rep" --format json >"$TMP/b-rep.json" \
    2>&1 && "$VO" --db "$TMP/A.db" report "$rep" --format json \
    >"$TMP/a-rep.json" 2>&1 && cmp -s "$TMP/a-rep.json" "$TMP/b-rep.json" &&
    ok "the report is identical on both" ||
    not_ok "the report is identical on both"
"$VO" --db "$TMP/B.db" dashboard --json >"$TMP/b-dash.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
assert any(m["code"] == "KWZ-001" and m["report_id"] == sys.argv[2]
for m in d["markers"])' "$TMP/b-dash.json" "$rep" &&
    ok "B's dashboard shows A's site" || not_ok "B's dashboard shows A's site"
same_answers "A, B and the server hold the same answers" A B
is "server rows pushed by A only" "$(q "SELECT count(DISTINCT device)
    FROM vosync.answers")" 1

# The same answer changed on both terminals.
S=$("$VO" --db "$TMP/A.db" interview start --framework VPSHR \
    --site Shared --auditor Ann)
VIGILORE_NOW=2026-12-03T10:00:00Z "$VO" --db "$TMP/A.db" interview answer \
    "$S" vpshr_002 yes >/dev/null
vo A sync --once >/dev/null && vo B sync --once >/dev/null
is "B has A's session" "$(sqlite3 "$TMP/B.db" \
    "SELECT count(*) FROM sessions WHERE id = '$S'")" 1
check "A changes vpshr_003" env VIGILORE_NOW=2026-12-03T10:01:00Z \
    "$VO" --db "$TMP/A.db" interview answer "$S" vpshr_003 yes
check "B changes vpshr_003 later" env VIGILORE_NOW=2026-12-03T10:02:00Z \
    "$VO" --db "$TMP/B.db" interview answer "$S" vpshr_003 no
check "A syncs" vo A sync --once
check "B syncs" vo B sync --once
vo A sync --once --json >"$TMP/a3.json"
is "A syncs again and sends nothing back (no echo of B's answer)" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
print(d["ok"], d["batches"], d["pushed"], d["pending"])' "$TMP/a3.json")" \
    "True 0 0 0"
is "the newer answer (B's) wins on A" "$(sqlite3 "$TMP/A.db" "SELECT value
    FROM answers WHERE session_id = '$S' AND question_id = 'vpshr_003'")" \
    '"no"'
is "A marks the question changed elsewhere" "$(sqlite3 "$TMP/A.db" \
    "SELECT changed_elsewhere FROM answers WHERE session_id = '$S' AND
    question_id = 'vpshr_003'")" 1
is "B's own answer is not marked" "$(sqlite3 "$TMP/B.db" \
    "SELECT changed_elsewhere FROM answers WHERE session_id = '$S' AND
    question_id = 'vpshr_003'")" 0
is "both versions are in the server history" "$(q "SELECT
    string_agg(value, ',' ORDER BY hlc) FROM vosync.answer_history WHERE
    session_id = '$S' AND question_id = 'vpshr_003'")" '"yes","no"'
same_answers "A, B and the server converge" A B

# The comparison itself compares contents: one note changed, or one
# history row missing, on a copy of B, and it says they differ.
differs() {	# differs NAME SQL: same_answers on a copy of B damaged by SQL
	cp "$TMP/B.db" "$TMP/X.db"
	sqlite3 "$TMP/X.db" "$2"
	case $(same_answers "x" X) in
	"not ok"*) ok "$1" ;;
	*) not_ok "$1" ;;
	esac
}
differs "same_answers notices one answer's notes differing" "UPDATE
    answers SET notes = 'changed' WHERE question_id = 'vpshr_003'"
differs "same_answers notices one history row missing" "DROP TRIGGER
    answer_history_no_delete; DELETE FROM answer_history WHERE id =
    (SELECT max(id) FROM answer_history)"
differs "same_answers notices one history row's stamp differing" "DROP
    TRIGGER answer_history_no_update; UPDATE answer_history SET hlc =
    hlc || 'x' WHERE id = (SELECT min(id) FROM answer_history)"

# A terminal pointed at another server sends everything it has again.
q "CREATE DATABASE other" >/dev/null
CI2="${CI% dbname=vigilore} dbname=other"
"$VO" --pg "$CI2" db init --pg >/dev/null
check "A syncs with a new server" "$VO" --db "$TMP/A.db" --pg "$CI2" \
    sync --once
is "the new server gets all of A's answers" "$(psql -X -At "$CI2" -c \
    "SELECT count(*) FROM vosync.answers WHERE device = '$(sqlite3 \
    "$TMP/A.db" "SELECT value FROM meta WHERE key = 'device_id'")'")" \
    "$(sqlite3 "$TMP/A.db" "SELECT count(*) FROM answers WHERE device =
    (SELECT value FROM meta WHERE key = 'device_id')")"

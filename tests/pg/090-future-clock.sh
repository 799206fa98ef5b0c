#!/bin/sh
# SPDX-License-Identifier: MIT
# A terminal whose clock is 30 days ahead: its rows are stamped beyond the
# drift guard, so the push re-stamps them from the server clock instead of
# losing them. Every answer reaches the server with the device's
# answered_at and the server's srv_time; the old stamps stay local, listed
# by `sync status`; the store's clock is pulled back, so later writes are
# stamped near the server clock; and a terminal with a correct clock that
# changes one of those answers afterwards wins everywhere.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

now=$(date +%s)
FUT=$(( (now + 30 * 86400) * 1000 ))
FUTDAY=$(date -u -d "@$((now + 30 * 86400))" +%Y-%m-%d)
# A stamp's wall time is "near the server clock": within ten minutes.
near="$(( (now + 600) * 1000 ))"

field() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
print(eval(sys.argv[2]))' "$1" "$2" 2>&1
}
fvo() { VIGILORE_NOW=$FUT "$VO" --db "$TMP/F.db" --pg "$CI" "$@"; }
f_sql() { sqlite3 "$TMP/F.db" "$1"; }

check "db init --pg" "$VO" --pg "$CI" db init --pg
ans=$(answers_file vpshr 9)
VIGILORE_NOW=$FUT "$VO" --db "$TMP/F.db" interview run --framework VPSHR \
    --site "Future Pit" --site-code FUT-030 --auditor Fay --answers "$ans" \
    >/dev/null 2>"$TMP/run.err"
is "F (clock 30 days ahead) completes an interview" "$?" 0
S=$(VIGILORE_NOW=$FUT "$VO" --db "$TMP/F.db" interview start \
    --framework VPSHR --site Shared --auditor Fay)
for qid in vpshr_001 vpshr_002 vpshr_003; do
	VIGILORE_NOW=$FUT "$VO" --db "$TMP/F.db" interview answer "$S" \
	    "$qid" yes >/dev/null
done
DEV=$(f_sql "SELECT value FROM meta WHERE key = 'device_id'")
nA=$(f_sql "SELECT count(*) FROM answers")
nH=$(f_sql "SELECT count(*) FROM answer_history")
is "F's stamps are 30 days ahead" "$(f_sql "SELECT count(*) FROM
    answer_history WHERE hlc >= '$(( FUT - 60000 ))'")" "$nH"

fvo sync --once --json >"$TMP/f1.json" 2>"$TMP/f1.err"
is "F's sync succeeds, nothing refused or pending" "$?|$(field \
    "$TMP/f1.json" '(d["ok"], d["refused"], d["pending"])')" \
    "0|(True, 0, 0)"
is "F's sync says what it re-stamped" "$(field "$TMP/f1.json" \
    'd.get("restamped", 0) > '"$nH")" True
is "every answer of F is on the server" "$(q "SELECT count(*) FROM
    vosync.answers WHERE device = '$DEV'")" "$nA"
is "F's sessions and report are on the server" "$(q "SELECT count(*) FROM
    vosync.sessions WHERE device = '$DEV'")|$(q "SELECT count(*) FROM
    vosync.reports WHERE device = '$DEV'")" \
    "$(f_sql "SELECT count(*) FROM sessions")|$(f_sql "SELECT count(*)
    FROM reports")"
is "nothing of F is quarantined on the server" "$(q "SELECT count(*) FROM
    vosync.quarantine WHERE device = '$DEV'")" 0
is "the server keeps the device's answered_at" "$(q "SELECT
    string_agg(question_id || '=' || answered_at, ',' ORDER BY session_id
    COLLATE \"C\", question_id COLLATE \"C\") FROM vosync.answers")" \
    "$(f_sql "SELECT group_concat(question_id || '=' || answered_at, ',')
    FROM (SELECT * FROM answers ORDER BY session_id, question_id)")"
is "answered_at is the device's day, 30 days ahead" "$(q "SELECT
    bool_and(answered_at LIKE '$FUTDAY%') FROM vosync.answers")" t
is "srv_time is the server's clock, now" "$(q "SELECT
    bool_and(abs(extract(epoch FROM now() - srv_time)) < 600) FROM
    vosync.answer_history WHERE device = '$DEV'")" t
is "the server's stamps are near its clock" "$(q "SELECT
    bool_and(split_part(hlc, '-', 1)::bigint < $near) FROM
    vosync.answer_history")|$(q "SELECT bool_and(split_part(hlc, '-',
    1)::bigint < $near) FROM vosync.sessions")" "t|t"
is "F's answers carry the new stamps" "$(dump_answers F | md5sum)" \
    "$(srv_answers | md5sum)"
is "F keeps the old versions locally, recorded as re-stamped" \
    "$(f_sql "SELECT count(*) FROM answer_history WHERE hlc >=
    '$(( FUT - 60000 ))'")|$(f_sql "SELECT count(*) FROM sync_quarantine
    WHERE tbl = 'answer_history' AND reason LIKE '%re-stamped%'")" \
    "$nH|$nH"
is "F's clock is pulled back near the server's" "$(f_sql "SELECT
    substr(value, 1, 13) < '$near' FROM meta WHERE key = 'hlc_last'")" 1
vo F sync status --json >"$TMP/fst.json"
is "sync status lists the re-stamped records" "$(field "$TMP/fst.json" \
    'any("re-stamped" in r["reason"] and r["side"] == "push"
    for r in d["quarantine"])')" True

# A later write while F's clock is still ahead: re-stamped on the next push.
VIGILORE_NOW=$FUT "$VO" --db "$TMP/F.db" interview answer "$S" vpshr_005 \
    yes >/dev/null
fvo sync --once --json >"$TMP/f2.json" 2>"$TMP/f2.err"
is "F's later write is re-stamped and pushed" "$?|$(field "$TMP/f2.json" \
    '(d["ok"], d["refused"], d["restamped"] >= 1)')" "0|(True, 0, True)"
is "it reaches the server stamped near the server clock" "$(q "SELECT
    split_part(hlc, '-', 1)::bigint < $near FROM vosync.answers WHERE
    session_id = '$S' AND question_id = 'vpshr_005'")" t

# F's clock corrected: its next stamp follows the server clock, not the
# far-ahead stamps it wrote before.
"$VO" --db "$TMP/F.db" interview answer "$S" vpshr_010 yes >/dev/null
is "F's next write is stamped near the server clock" "$(f_sql "SELECT
    substr(hlc, 1, 13) < '$near' FROM answers WHERE session_id = '$S' AND
    question_id = 'vpshr_010'")" 1
check "F syncs with a correct clock" vo F sync --once

# B, with a correct clock, changes one of F's answers: B's change wins.
check "B syncs" vo B sync --once
is "B has F's answers" "$(sqlite3 "$TMP/B.db" "SELECT count(*) FROM
    answers")" "$(f_sql "SELECT count(*) FROM answers")"
sleep 1
check "B changes vpshr_003" "$VO" --db "$TMP/B.db" interview answer "$S" \
    vpshr_003 no
check "B syncs its change" vo B sync --once
check "F syncs" vo F sync --once
check "B syncs again" vo B sync --once
is "B's change wins on the server" "$(q "SELECT value FROM vosync.answers
    WHERE session_id = '$S' AND question_id = 'vpshr_003'")" '"no"'
is "B's change wins on F" "$(f_sql "SELECT value FROM answers WHERE
    session_id = '$S' AND question_id = 'vpshr_003'")" '"no"'
is "F marks the question changed elsewhere" "$(f_sql "SELECT
    changed_elsewhere FROM answers WHERE session_id = '$S' AND
    question_id = 'vpshr_003'")" 1
is "both versions are in the server history" "$(q "SELECT
    string_agg(value, ',' ORDER BY hlc) FROM vosync.answer_history WHERE
    session_id = '$S' AND question_id = 'vpshr_003'")" '"yes","no"'
same_answers "B and the server hold the same answers and history" B
is "F holds the same answers" "$(dump_answers F | md5sum)" \
    "$(srv_answers | md5sum)"
is "F's history is the server's plus the old far-ahead versions" \
    "$(sqlite3 "$TMP/F.db" "SELECT id, answer_id, session_id, question_id,
    state, value, notes, CASE WHEN confidence IS NULL THEN '' ELSE
    printf('%.6f', confidence) END, evidence, author, device, hlc,
    answered_at FROM answer_history WHERE id NOT IN (SELECT row_id FROM
    sync_quarantine WHERE reason LIKE '%re-stamped%') ORDER BY id" |
    md5sum)" "$(srv_history | md5sum)"

# A far-ahead row that is not this terminal's own (another device's row
# queued here: a store restored from another terminal, rows queued again
# for a new server) cannot be re-stamped: the guard refuses it instead of
# letting it win forever, and the rest still travels.
FID=f0000000-0000-4000-8000-00000000f0f0
f_sql "INSERT INTO sites (id, code, name, device, hlc, updated_at) VALUES
    ('$FID', 'FAR-001', 'Far ahead', 'other-dev',
    '$(printf '%013d' "$FUT")-000000-other-dev', '2026-12-03T00:00:00Z');
    INSERT INTO outbox (tbl, row_id, hlc, created_at) VALUES ('sites',
    '$FID', '$(printf '%013d' "$FUT")-000000-other-dev',
    '2026-12-03T00:00:00Z')"
"$VO" --db "$TMP/F.db" interview answer "$S" vpshr_011 yes >/dev/null
vo F sync --once --json >"$TMP/f3.json" 2>"$TMP/f3.err"
is "F's push goes through, the foreign far-ahead row refused" "$(field \
    "$TMP/f3.json" '(d["ok"], d["refused"], d["pending"])')" \
    "(True, 1, 0)"
is "the row never reaches the server, its reason is kept there" "$(q \
    "SELECT count(*) FROM vosync.sites WHERE id = '$FID'")|$(q "SELECT
    count(*) FROM vosync.quarantine WHERE row_id = '$FID' AND reason LIKE
    '%ahead of the server clock%'")" "0|1"
is "F's other change arrived" "$(q "SELECT value FROM vosync.answers WHERE
    session_id = '$S' AND question_id = 'vpshr_011'")" '"yes"'

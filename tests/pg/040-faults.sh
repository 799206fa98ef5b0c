#!/bin/sh
# SPDX-License-Identifier: MIT
# Faults during push. Each case ends with the server and the terminals
# holding exactly the same answers and history (counts and contents):
# the server stopped in immediate mode mid-push; the pushing process
# killed with SIGKILL mid-push; the connection cut right after COMMIT and
# before the reply; the same batch pushed twice; two terminals pushing the
# same session at once; a terminal whose clock is 400 days behind; a bad
# record quarantined without blocking the rest, and a far-future clock
# re-stamped from the server clock.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

"$VO" --pg "$CI" db init --pg >/dev/null
echo "evidence file" >"$TMP/ev.txt"
# interview TERMINAL BANK SEED: a completed interview, and a session whose
# answers carry notes, a confidence and evidence, one answered twice (so
# the comparisons of same_answers have more than values to compare).
interview() {
	"$VO" --db "$TMP/$1.db" interview run --framework "$2" --site \
	    "Site $1 $3" --auditor "Auditor $1" --answers "$(answers_file \
	    "$(echo "$2" | tr 'A-Z' 'a-z')" "$3")" >/dev/null 2>&1
	_s=$("$VO" --db "$TMP/$1.db" interview start --framework VPSHR \
	    --site "Notes $1 $3" --auditor "Auditor $1")
	"$VO" --db "$TMP/$1.db" interview answer "$_s" vpshr_001 yes \
	    --notes "gate 'B' seen, $1 $3" --confidence 0.75 \
	    --evidence "$TMP/ev.txt" >/dev/null 2>&1
	"$VO" --db "$TMP/$1.db" interview answer "$_s" vpshr_002 no \
	    --notes "first look $3" >/dev/null 2>&1
	"$VO" --db "$TMP/$1.db" interview answer "$_s" vpshr_002 yes \
	    --notes "second look $3" --confidence 0.5 >/dev/null 2>&1
}
pending() { sqlite3 "$TMP/$1.db" "SELECT count(*) FROM outbox"; }
# waits until a vigilore push holds an open transaction
wait_push() {
	_i=0
	while [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE
	    application_name = 'vigilore' AND state = 'idle in transaction'")" \
	    = 0 ]; do
		_i=$((_i + 1)); [ $_i -lt 200 ] || return 1; sleep 0.05
	done
}

# 1. Server stopped in immediate mode during a push.
interview A DRC_MINING_CODE 1
interview A ISO_45001 2
VIGILORE_SYNC_BATCH=40 VIGILORE_SYNC_DELAY_MS=800 vo A sync --once \
    >"$TMP/p1.out" 2>&1 &
pid=$!
wait_push && pg_stop immediate
wait $pid
is "the push fails when the server dies" "$?" 1
is "A still has changes pending" "$([ "$(pending A)" -gt 0 ] && echo y)" y
pg_restart
check "A syncs after the server is back" vo A sync --once
is "nothing pending" "$(pending A)" 0
check "B syncs" vo B sync --once
same_answers "server stopped mid-push: converged" A B

# 2. The pushing process killed with SIGKILL during a push.
interview A VPSHR 3
VIGILORE_SYNC_DELAY_MS=3000 vo A sync --once >/dev/null 2>&1 &
pid=$!
wait_push && kill -KILL $pid
wait $pid 2>/dev/null
is "the batch in flight is remembered" "$(sqlite3 "$TMP/A.db" \
    "SELECT count(*) FROM sync_state WHERE key = 'batch'")" 1
check "A syncs after the kill" vo A sync --once
check "B syncs" vo B sync --once
same_answers "SIGKILL mid-push: converged" A B

# 3. Connection cut right after COMMIT, before the reply.
interview A ISO_14001 4
rm -f "$TMP/proxy.port"
python3 "$TOP/tests/pg/cutproxy.py" "$PGPORT_TEST" "$TMP/proxy.port" \
    "$TMP/arm" &
proxy=$!
i=0; while [ ! -f "$TMP/proxy.port" ] && [ $i -lt 100 ]; do
	sleep 0.05; i=$((i + 1)); done
pport=$(cat "$TMP/proxy.port")
echo "127.0.0.1:$pport:*:vigilore:$(cat "$PGDIR/password")" >>"$PGPASSFILE"
nb=$(q "SELECT count(*) FROM vosync.batches")
touch "$TMP/arm"
"$VO" --db "$TMP/A.db" --pg "host=127.0.0.1 port=$pport user=vigilore \
dbname=vigilore" sync --once >"$TMP/cut.out" 2>&1
is "the cut push reports a failure" "$?" 1
is "the batch did commit on the server" \
    "$(q "SELECT count(*) FROM vosync.batches")" $((nb + 1))
is "A does not know: its batch is still in flight" "$(sqlite3 \
    "$TMP/A.db" "SELECT count(*) FROM sync_state WHERE key = 'batch'")" 1
nv=$(q "SELECT count(*) FROM vosync.row_versions")
# Settling only asks: a round that sent the batch again (even under its
# own id, which the server would skip) fails on this trigger.
q "CREATE FUNCTION vosync.t_nobatch() RETURNS trigger LANGUAGE plpgsql AS
    \$\$BEGIN RAISE EXCEPTION 'batch sent again'; END\$\$;
    CREATE TRIGGER t_nobatch BEFORE INSERT ON vosync.batches FOR EACH ROW
    EXECUTE FUNCTION vosync.t_nobatch()" >/dev/null
vo A sync --once --json >"$TMP/settle.json"
q "DROP TRIGGER t_nobatch ON vosync.batches" >/dev/null
is "the next round settles by asking, without replaying" "$(python3 -c \
    'import json,sys; d=json.load(open(sys.argv[1]));
print(d["ok"], d["settled"], d["batches"], d["pending"])' \
    "$TMP/settle.json")" "True 1 0 0"
is "no batch was applied twice" \
    "$(q "SELECT count(*) FROM vosync.batches")" $((nb + 1))
is "no version was added twice" \
    "$(q "SELECT count(*) FROM vosync.row_versions")" "$nv"
kill $proxy 2>/dev/null
check "B syncs" vo B sync --once
same_answers "cut after COMMIT: converged" A B

# 4. The same batch pushed twice (the acknowledgement lost).
# snap TABLE...: every row of each server table, server columns included
# (srv_xid, srv_time, srv_batch): a re-sent row that is merely rewritten
# shows here, and would be pulled again by every terminal.
snap() {
	for _t in "$@"; do
		echo "$_t $(q "SELECT count(*), md5(coalesce(string_agg(x::text,
		    E'\n' ORDER BY x::text), '')) FROM vosync.$_t x")"
	done
}
TRAVEL="sites sessions jobs reports findings answer_history row_versions
    quarantine"
interview A VPSHR 5
VIGILORE_SYNC_FAULT=no-ack vo A sync --once >/dev/null 2>&1
is "the batch committed but was not acknowledged" "$(sqlite3 \
    "$TMP/A.db" "SELECT count(*) FROM sync_state WHERE key = 'batch'")" 1
snap $TRAVEL batches devices >"$TMP/before.s"
check "the same batch is sent again, blind" \
    env VIGILORE_SYNC_FAULT=resend-blind "$VO" --db "$TMP/A.db" --pg "$CI" \
    sync --once
snap $TRAVEL batches devices >"$TMP/after.s"
if cmp -s "$TMP/before.s" "$TMP/after.s"; then
	ok "re-sending the batch changed nothing on the server"
else
	not_ok "re-sending the batch changed nothing on the server"
	diff "$TMP/before.s" "$TMP/after.s" | sed 's/^/#   /'
fi
interview A ISO_45001 6
VIGILORE_SYNC_FAULT=no-ack vo A sync --once >/dev/null 2>&1
srv_answers >"$TMP/before.a"
snap $TRAVEL >"$TMP/before.s"
check "the same rows are sent again under a new batch id" \
    env VIGILORE_SYNC_FAULT=resend-new-id "$VO" --db "$TMP/A.db" --pg \
    "$CI" sync --once
snap $TRAVEL >"$TMP/after.s"
if cmp -s "$TMP/before.s" "$TMP/after.s"; then
	ok "the rows and their versions are unchanged"
else
	not_ok "the rows and their versions are unchanged"
	diff "$TMP/before.s" "$TMP/after.s" | sed 's/^/#   /'
fi
srv_answers | cmp -s - "$TMP/before.a" && ok "contents unchanged" ||
    not_ok "contents unchanged"
check "B syncs" vo B sync --once
same_answers "pushed twice: converged" A B

# 5. Two terminals pushing the same session at once.
S=$("$VO" --db "$TMP/A.db" interview start --framework VPSHR --site Both \
    --auditor Ann)
vo A sync --once >/dev/null; vo B sync --once >/dev/null
base=$(( ($(date +%s) + 3600) * 1000 ))	# ahead of both stores' clocks
for n in 2 3 5 10 11 12; do
	qid=$(printf 'vpshr_%03d' $n)
	VIGILORE_NOW=$((base + n * 10000)) "$VO" --db "$TMP/A.db" \
	    interview answer "$S" $qid yes >/dev/null 2>&1
	VIGILORE_NOW=$((base + n * 10000 + (n % 2) * 2000 - 1000)) \
	    "$VO" --db "$TMP/B.db" interview answer "$S" $qid no \
	    >/dev/null 2>&1
done
VIGILORE_SYNC_DELAY_MS=300 vo A sync --once >"$TMP/a5.out" 2>&1 &
pa=$!
VIGILORE_SYNC_DELAY_MS=300 vo B sync --once >"$TMP/b5.out" 2>&1 &
pb=$!
wait $pa; ra=$?
wait $pb; rb=$?
is "both pushes succeed" "$ra $rb" "0 0"
vo A sync --once >/dev/null; vo B sync --once >/dev/null
same_answers "same session from two terminals: converged" A B
is "odd questions: B's later answer wins; even: A's" "$(q "SELECT
    string_agg(question_id || '=' || value, ' ' ORDER BY question_id)
    FROM vosync.answers WHERE session_id = '$S'")" \
    'vpshr_002="yes" vpshr_003="no" vpshr_005="no" vpshr_010="yes" vpshr_011="no" vpshr_012="yes"'
is "every version of both terminals is in the history" "$(q "SELECT
    count(*) FROM vosync.answer_history WHERE session_id = '$S'")" 12

# 6. A terminal whose clock is 400 days behind.
now=$(date +%s)
past=$(( (now - 400 * 86400) * 1000 ))
vo C sync --once >/dev/null
check "C (400 days behind) answers after seeing A's answer" \
    env VIGILORE_NOW=$past "$VO" --db "$TMP/C.db" interview answer "$S" \
    vpshr_002 no
check "C (400 days behind) syncs" env VIGILORE_NOW=$past "$VO" \
    --db "$TMP/C.db" --pg "$CI" sync --once
vo A sync --once >/dev/null; vo B sync --once >/dev/null
is "C's later answer wins despite its clock" "$(q "SELECT value FROM
    vosync.answers WHERE session_id = '$S' AND question_id =
    'vpshr_002'")" '"no"'
is "the server records C's clock skew" "$(q "SELECT clock_skew_ms <
    -399 * 86400000::bigint FROM vosync.devices WHERE device = '$(sqlite3 \
    "$TMP/C.db" "SELECT value FROM meta WHERE key = 'device_id'")'")" t
is "device and server times are both kept" "$(q "SELECT count(*) FROM
    vosync.answers WHERE session_id = '$S' AND question_id = 'vpshr_002'
    AND answered_at < '2026' AND srv_time > now() - interval '1 hour'")" 1
same_answers "400 days behind: converged" A B C
is "C's status shows its clock skew" "$(env VIGILORE_NOW=$past "$VO" \
    --db "$TMP/C.db" sync status --json | python3 -c 'import json,sys;
print(json.load(sys.stdin)["clock_skew_s"] < -399 * 86400)')" True

# 7. A bad record quarantined without blocking; a clock far ahead
# re-stamped from the server clock instead of lost.
interview D VPSHR 7
# An answer travels as its history row, which is append-only: lift the
# guard for the damage, then put it back.
sqlite3 "$TMP/D.db" "DROP TRIGGER answer_history_no_update;
    UPDATE answer_history SET confidence = 'not a number'
    WHERE id = (SELECT min(id) FROM answer_history);
    CREATE TRIGGER answer_history_no_update BEFORE UPDATE ON answer_history
    BEGIN SELECT RAISE(ABORT, 'answer_history is append-only'); END;"
future=$(( (now + 3 * 86400) * 1000 ))
S2=$(VIGILORE_NOW=$future "$VO" --db "$TMP/D.db" interview start \
    --framework VPSHR --site Future --auditor Fay)
VIGILORE_NOW=$future "$VO" --db "$TMP/D.db" interview answer "$S2" \
    vpshr_002 yes >/dev/null 2>&1
vo D sync --once --json >"$TMP/d.json"
is "D's push goes through: one bad record refused, the rest re-stamped" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
print(d["ok"], d["pending"], d["refused"], d["restamped"] >= 2,
d["quarantined"] >= 3)' "$TMP/d.json")" "True 0 1 True True"
is "the reason is kept on the server; nothing refused for the clock" \
    "$(q "SELECT count(*) FROM vosync.quarantine WHERE reason LIKE
    '%ahead of the server clock%'")|$(q "SELECT count(*) FROM
    vosync.quarantine WHERE reason LIKE '%double precision%'")" "0|1"
is "the rest of D's interview arrived" "$(q "SELECT count(*) > 15 FROM
    vosync.answers WHERE device = '$(sqlite3 "$TMP/D.db" "SELECT value
    FROM meta WHERE key = 'device_id'")'")" t
is "the far-ahead answer arrived, stamped near the server clock" "$(q \
    "SELECT value, split_part(hlc, '-', 1)::bigint < $(( (now + 3600) *
    1000 )) FROM vosync.answers WHERE session_id = '$S2'")" '"yes"|t'
vo D sync status --json >"$TMP/dst.json"
is "sync status lists the refused and the re-stamped records" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
q=d["quarantine"]; print(len(q) >= 3, any("re-stamped" in r["reason"]
for r in q), any("double precision" in r["reason"] for r in q),
all(r["side"] == "push" for r in q))' "$TMP/dst.json")" \
    "True True True True"

# 8. A failure of the server (not of the data) quarantines nothing: the
# batch stays queued until the server accepts it.
q "CREATE FUNCTION vosync.t_fail() RETURNS trigger LANGUAGE plpgsql AS
    \$\$BEGIN RAISE EXCEPTION 'refused for now'; END\$\$;
    CREATE TRIGGER t_fail BEFORE INSERT ON vosync.answer_history FOR EACH ROW
    EXECUTE FUNCTION vosync.t_fail()" >/dev/null
interview E VPSHR 8
expect_status 1 "a server-side failure fails the push" vo E sync --once
is "nothing is quarantined and everything stays queued" "$(sqlite3 \
    "$TMP/E.db" "SELECT count(*) FROM sync_quarantine")|$([ "$(pending \
    E)" -gt 0 ] && echo queued)" "0|queued"
q "DROP TRIGGER t_fail ON vosync.answer_history" >/dev/null
check "E syncs once the server accepts again" vo E sync --once
is "nothing pending on E" "$(pending E)" 0

# 9. A row refused before it is sent (its stamp is not an HLC stamp) is
# quarantined on the server and listed locally, not silently dropped with
# the acknowledgement; the rest of the batch travels.
S9=$("$VO" --db "$TMP/G.db" interview start --framework VPSHR --site Mangled \
    --auditor Gil)
"$VO" --db "$TMP/G.db" interview answer "$S9" vpshr_001 yes >/dev/null
"$VO" --db "$TMP/G.db" interview answer "$S9" vpshr_002 no >/dev/null
sqlite3 "$TMP/G.db" "UPDATE sessions SET hlc = 'not-a-stamp' WHERE
    id = '$S9'"
vo G sync --once --json >"$TMP/g.json"
is "G's push goes through with one record refused" "$(python3 -c 'import \
json,sys; d=json.load(open(sys.argv[1])); print(d["ok"], d["pending"],
d["refused"])' "$TMP/g.json")" "True 0 1"
is "the server keeps the refused record with its reason, not the row" \
    "$(q "SELECT count(*) FROM vosync.quarantine WHERE row_id = '$S9' AND
    reason LIKE '%malformed HLC%' AND body::text LIKE '%not-a-stamp%'")|$(q \
    "SELECT count(*) FROM vosync.sessions WHERE id = '$S9'")" "1|0"
is "the rest of the batch arrived" "$(q "SELECT count(*) FROM
    vosync.answers WHERE session_id = '$S9'")" 2
is "G's sync status lists the refused record" "$(vo G sync status --json |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print([(r["side"],
r["row_id"] == sys.argv[1], "malformed HLC" in r["reason"]) for r in
d["quarantine"]])' "$S9")" "[('push', True, True)]"

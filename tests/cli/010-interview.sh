#!/bin/sh
# SPDX-License-Identifier: MIT
# A whole interview through the command line: start, next, answer,
# follow-ups, change an answer, N/A, skip, pause/resume, progress,
# complete, reports and exports.
. "$(dirname "$0")/../lib.sh"
export VIGILORE_NOW=2026-12-03T10:00:00Z

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

check "frameworks lists four banks" sh -c \
    "[ \$('$VO' frameworks --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') = 4 ]"

S=$("$VO" interview start --framework DRC_MINING_CODE --site "Kolwezi Cobalt Mine" \
    --site-code KWZ-012 --auditor "Aline Mukendi" --email a.mukendi@example.cd \
    --lang fr --categories permits,community)
is "start prints a session id" "$(echo "$S" | grep -cE '^[0-9a-f-]{36}$')" 1

first=$("$VO" interview next "$S" --json | json 'd["question"]["id"]')
is "first question is drc_001" "$first" drc_001
lang=$("$VO" interview next "$S" --json | json 'd["language"]')
is "session language is French" "$lang" fr

check "answer drc_001 no" "$VO" interview answer "$S" drc_001 no --notes "titre expiré" --confidence 0.9
next=$("$VO" interview next "$S" --json | json 'd["question"]["id"]')
is "follow-up comes right after its trigger" "$next" drc_001a
check "answer the follow-up" "$VO" interview answer "$S" drc_001a "Demande en cours au CAMI"
check "change drc_001 to yes" "$VO" interview answer "$S" drc_001 yes
asked=$("$VO" interview progress "$S" --json | json 'd["progress"]["total"]')
"$VO" interview answer "$S" drc_001 no >/dev/null
asked2=$("$VO" interview progress "$S" --json | json 'd["progress"]["total"]')
is "an untriggered follow-up leaves progress" "$((asked2 - asked))" 1

printf 'evidence file\n' > "$TMP/permit scan é.txt"
check "evidence is hashed" "$VO" interview answer "$S" drc_001 no --evidence "$TMP/permit scan é.txt"
sha=$(sha256sum "$TMP/permit scan é.txt" | cut -d' ' -f1)
got=$(sqlite3 "$VIGILORE_DB" "select json_extract(evidence,'\$[0].sha256') from answers where question_id='drc_001'")
is "evidence SHA-256 stored" "$got" "$sha"

check "pause" "$VO" interview pause "$S"
st=$("$VO" interview progress "$S" --json | json 'd["status"]')
is "paused status" "$st" paused
check "resume" "$VO" interview resume "$S"

# Answer everything left with valid values.
n=0
while :; do
	line=$("$VO" interview next "$S" --json | python3 "$TOP/tests/cli/next_value.py")
	[ -n "$line" ] || break
	qid=$(printf '%s' "$line" | cut -f1)
	val=$(printf '%s' "$line" | cut -f2)
	"$VO" interview answer "$S" "$qid" "$val" >/dev/null || { not_ok "answer $qid=$val"; break; }
	n=$((n + 1))
	[ $n -lt 100 ] || break
done
ok "answered $n more questions"
done_=$("$VO" interview next "$S" --json | json 'd["done"]')
is "nothing left to ask" "$done_" True

"$VO" interview complete "$S" --json > "$TMP/report.json"
rid=$(json 'd["report_id"]' < "$TMP/report.json")
is "report id form" "$(echo "$rid" | grep -cE '^REP-2026-[A-Z0-9]{6}-[0-9]+$')" 1
is "report is not sample" "$(json 'd["sample"]' < "$TMP/report.json")" False
is "report names the session" "$(json 'd["session_id"]' < "$TMP/report.json")" "$S"
pen=$(json 'd["penalties"]["total_max_usd"]' < "$TMP/report.json")
ok "penalty exposure $pen"
is "completed session refuses answers" "$("$VO" interview answer "$S" drc_001 yes 2>/dev/null; echo $?)" 2
again=$("$VO" interview complete "$S" --json | json 'd["report_id"]')
is "completing twice returns the same report" "$again" "$rid"

check "reports lists it" sh -c "'$VO' reports --json | grep -q '$rid'"
check "report as csv" sh -c "'$VO' report '$rid' --format csv | head -1 | grep -q '^report_id,'"
check "report as markdown" sh -c "'$VO' report '$rid' --format md | grep -q '^# Compliance report'"
check "report -o writes a file" "$VO" report "$rid" --format json -o "$TMP/out.json"
is "exported JSON equals stored" "$(json 'd["id"]' < "$TMP/out.json")" "$(json 'd["id"]' < "$TMP/report.json")"
expect_status 2 "unknown report is bad input" "$VO" report REP-0000-XXXX-1
expect_status 2 "unknown format" "$VO" report "$rid" --format pdf

check "demo loads sample data" "$VO" demo
nsample=$("$VO" reports --json --limit 100 | json 'sum(1 for r in d["reports"] if r["sample"])')
is "15 sample reports" "$nsample" 15
check "demo twice adds nothing" "$VO" demo
nsample=$("$VO" reports --json --limit 100 | json 'd["total"]')
is "16 reports in all" "$nsample" 16
nc=$("$VO" reports --json --status non-compliant | json 'd["total"]')
ok "non-compliant filter: $nc"
site=$("$VO" reports --json --site KWZ-012 | json 'd["total"]')
is "site filter" "$site" 2
range=$("$VO" reports --json --from 2024-12-01 --to 2024-12-10 | json 'd["total"]')
is "date range filter" "$range" 4
page=$("$VO" reports --json --limit 5 --page 4 | json 'len(d["reports"])')
is "pagination" "$page" 1
expect_status 2 "bad --from" "$VO" reports --from 2024-13-01
check "sessions lists it" sh -c "'$VO' sessions --status completed | grep -q '$S'"
check "db stats" sh -c "'$VO' db stats --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"reports\"]==16'"

S2=$("$VO" interview start --framework VPSHR --site Goma --auditor Bob)
VIGILORE_NOW=2026-12-20T00:00:00Z "$VO" db cleanup --days 7 > "$TMP/clean"
is "cleanup abandons idle sessions" "$("$VO" interview progress "$S2" --json | json 'd["status"]')" abandoned
is "cleanup keeps the answers" "$(sqlite3 "$VIGILORE_DB" "select count(*) from answers where session_id='$S'") -gt 0" "$(sqlite3 "$VIGILORE_DB" "select count(*) from answers where session_id='$S'") -gt 0"

# interview run: one go from an answers file.
cat > "$TMP/answers.json" <<'JSON'
{"iso14001_001": "yes", "iso14001_002": true, "iso14001_003": "no"}
JSON
check "interview run" sh -c "'$VO' interview run --framework ISO_14001 --site Likasi --auditor Eve --answers '$TMP/answers.json' --json > '$TMP/run.json'"
is "run makes a report" "$(json 'd["kind"]' < "$TMP/run.json")" interview
echo '{"nope_001": "yes"}' > "$TMP/bad.json"
before=$(sqlite3 "$VIGILORE_DB" "select count(*) from sessions")
expect_status 2 "run refuses unknown question" "$VO" interview run --framework ISO_14001 --site L --auditor E --answers "$TMP/bad.json"
after=$(sqlite3 "$VIGILORE_DB" "select count(*) from sessions")
is "a refused run creates no session" "$after" "$before"
echo '{"iso14001_001": "maybe"}' > "$TMP/bad2.json"
expect_status 2 "run refuses a bad value" "$VO" interview run --framework ISO_14001 --site L --auditor E --answers "$TMP/bad2.json"
echo '{' > "$TMP/bad3.json"
expect_status 2 "run refuses malformed JSON" "$VO" interview run --framework ISO_14001 --site L --auditor E --answers "$TMP/bad3.json"
expect_status 2 "unknown framework" "$VO" interview start --framework NOPE --site A --auditor B
expect_status 2 "unknown category" "$VO" interview start --framework VPSHR --site A --auditor B --categories nope
expect_status 2 "bad language" "$VO" interview start --framework VPSHR --site A --auditor B --lang de
expect_status 2 "missing site" "$VO" interview start --framework VPSHR --auditor B
expect_status 2 "unknown session" "$VO" interview next 00000000-0000-4000-8000-000000000000
expect_status 2 "unknown command" "$VO" frobnicate
perm=$(stat -c %a "$VIGILORE_DB")
is "store created with mode 0600" "$perm" 600

# A follow-up comes right after the answer that triggers it, even when
# that answer was given out of order.
S3=$("$VO" interview start --framework DRC_MINING_CODE --site Order --auditor O)
"$VO" interview answer "$S3" drc_010 yes >/dev/null
is "follow-up right after an out-of-order answer" \
    "$("$VO" interview next "$S3" --json | json 'd["question"]["id"]')" drc_010a
"$VO" interview answer "$S3" drc_010a 3 >/dev/null
is "then back to the first unanswered question" \
    "$("$VO" interview next "$S3" --json | json 'd["question"]["id"]')" drc_001
check "multi-select values may have spaces around commas" \
    "$VO" interview answer "$S3" drc_004 "$(python3 -c "
import json; b=json.load(open('$TOP/assets/frameworks/drc_mining_code.json'))
q=[q for q in b['questions'] if q['id']=='drc_004'][0]; print(' , '.join(o['value'] for o in q['options'][1:3]))")"
"$VO" interview answer "$S3" drc_060 yes >/dev/null
"$VO" interview answer "$S3" drc_060a 1234567 >/dev/null
shown=$("$VO" interview complete "$S3" --json | json '[a["shown"] for a in d["answers"] if a["question_id"]=="drc_060a"][0]')
is "large numbers shown as given" "$shown" 1234567

# A store that can only be read: a clear message and exit 1, no crash.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	ro=$(mktemp -d /tmp/vo-ro.XXXXXX)
	chmod 0755 "$ro"
	cp "$VIGILORE_DB" "$ro/ro.db"
	chown 65534 "$ro/ro.db"
	chmod 0400 "$ro/ro.db"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$VO" --db "$ro/ro.db" \
	    interview answer "$S3" drc_001 yes >/dev/null 2>"$TMP/ro.err"
	rc=$?
	is "a read-only store fails with status 1" "$rc" 1
	check "and says it is read-only" grep -q "read-only" "$TMP/ro.err"
	rm -rf "$ro"
else
	ok "# SKIP read-only store check needs root and setpriv"
fi

# interview run says which answers of the file were not asked.
echo '{"drc_001": "yes", "drc_001a": "why not"}' > "$TMP/ignored.json"
"$VO" interview run --framework DRC_MINING_CODE --site R --auditor R \
    --answers "$TMP/ignored.json" --json >/dev/null 2>"$TMP/ign.err"
check "an answer that is not asked is reported, not silently dropped" \
    grep -q "'drc_001a' is not asked" "$TMP/ign.err"

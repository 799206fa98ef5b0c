#!/bin/sh
# SPDX-License-Identifier: MIT
# Rows on the server that no terminal could have pushed (written by hand,
# by a broken tool or an old version): an answer whose value is not JSON,
# whose evidence is not a JSON array, whose confidence lies outside 0..1,
# or whose stamp is far ahead of the server clock (it would win over every
# later answer, forever). The pull quarantines them and shows them; the
# good answer stays; the rest of the pull is applied.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

"$VO" --pg "$CI" db init --pg >/dev/null
S=$("$VO" --db "$TMP/A.db" interview start --framework VPSHR --site Hostile \
    --auditor Ann)
"$VO" --db "$TMP/A.db" interview answer "$S" vpshr_001 yes >/dev/null
"$VO" --db "$TMP/A.db" interview answer "$S" vpshr_002 no >/dev/null
check "A syncs" vo A sync --once
# bad <id> <question> <value> <evidence> <confidence> <hlc>
bad() {
	q "INSERT INTO vosync.answer_history (id, answer_id, session_id,
	    question_id, state, value, notes, confidence, evidence, author,
	    device, hlc, answered_at) SELECT '$1', answer_id, session_id,
	    question_id, state, $3, 'evil', $5, $4, author, 'evil-dev', $6,
	    answered_at FROM vosync.answer_history WHERE session_id = '$S'
	    AND question_id = '$2' AND device <> 'evil-dev'" >/dev/null
}
far=$(( $(date +%s) * 1000 + 400 * 86400000 ))
bad h1 vpshr_001 "'{not json'" "'[]'" NULL "'${far}-000000-evil-dev'"
bad h2 vpshr_002 "'\"yes\"'" "'not-an-array'" NULL \
    "hlc || '-z'"
bad h3 vpshr_002 "'\"yes\"'" "'[]'" 7.5 "hlc || '-zz'"
bad h4 vpshr_001 "'\"no\"'" "'[]'" NULL "'${far}-000001-evil-dev'"
"$VO" --db "$TMP/A.db" interview answer "$S" vpshr_003 yes >/dev/null
check "A pushes a good answer after them" vo A sync --once
check "B pulls" vo B sync --once
is "B has the good answers, none of the hostile ones" "$(sqlite3 \
    "$TMP/B.db" "SELECT question_id, value FROM answers WHERE
    session_id = '$S' ORDER BY question_id" | tr '\n' ' ')" \
    'vpshr_001|"yes" vpshr_002|"no" vpshr_003|"yes" '
is "nothing from the hostile device in B's history" "$(sqlite3 \
    "$TMP/B.db" "SELECT count(*) FROM answer_history WHERE
    device = 'evil-dev'")" 0
"$VO" --db "$TMP/B.db" sync status --json >"$TMP/st.json"
is "B shows them quarantined" "$(python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
print(sorted(set(q["row_id"] for q in d["quarantine"] if q["side"] ==
"pull" and q["table"] == "answer_history")),
len([q for q in d["quarantine"] if q["table"] == "answers"]) > 0)' \
    "$TMP/st.json")" "['h1', 'h2', 'h3', 'h4'] True"
"$VO" --db "$TMP/B.db" interview answer "$S" vpshr_001 no --notes "B again" \
    >/dev/null
check "B answers again and syncs" vo B sync --once
check "A syncs" vo A sync --once
is "B's newer answer reaches A (no stamp from the future wins)" \
    "$(sqlite3 "$TMP/A.db" "SELECT value, notes FROM answers WHERE
    session_id = '$S' AND question_id = 'vpshr_001'")" '"no"|B again'

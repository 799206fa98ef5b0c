#!/bin/sh
# SPDX-License-Identifier: MIT
# Processes answering different sessions in one store at the same moment
# all succeed; none ever reports "database is locked".
. "$(dirname "$0")/../lib.sh"
export VIGILORE_NOW=2026-12-03T10:00:00Z
WRITERS=4

writer() {
	_s=$1
	_fail=0
	while :; do
		_line=$("$VO" interview next "$_s" --json 2>>"$TMP/err.$_s" |
		    python3 "$TOP/tests/cli/next_value.py")
		[ -n "$_line" ] || break
		"$VO" interview answer "$_s" "$(printf '%s' "$_line" | cut -f1)" \
		    "$(printf '%s' "$_line" | cut -f2)" >/dev/null 2>>"$TMP/err.$_s" ||
		    _fail=$((_fail + 1))
		[ "$_fail" -lt 5 ] || break
	done
	echo "$_fail" > "$TMP/fail.$_s"
}

sessions=""
i=0
while [ $i -lt $WRITERS ]; do
	s=$("$VO" interview start --framework DRC_MINING_CODE --site "Site $i" --auditor "W$i")
	sessions="$sessions $s"
	i=$((i + 1))
done
for s in $sessions; do writer "$s" & done
wait
total_fail=0
for s in $sessions; do
	total_fail=$((total_fail + $(cat "$TMP/fail.$s")))
	left=$("$VO" interview next "$s" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['done'])")
	is "session ${s%%-*} fully answered" "$left" True
done
is "no failed answer" "$total_fail" 0
locked=$(cat "$TMP"/err.* | grep -ci 'locked')
is "never 'database is locked'" "$locked" 0
n=$(sqlite3 "$VIGILORE_DB" "select count(distinct session_id) from answers")
is "answers of every writer stored" "$n" "$WRITERS"

#!/bin/sh
# SPDX-License-Identifier: MIT
# Durability: a scripted interview is killed with SIGKILL at random
# moments, again and again. After each kill every answer whose command
# had returned success is stored, the store passes integrity_check, and
# the session resumes at the first unanswered question.
. "$(dirname "$0")/../lib.sh"
export VIGILORE_NOW=2026-12-03T10:00:00Z
ROUNDS=${VIGILORE_KILL_ROUNDS:-25}

S=$("$VO" interview start --framework DRC_MINING_CODE --site "Kill Site" --auditor K)
acked=$TMP/acked
: > "$acked"

# One writer: answers questions until none is left, logging each success
# only after the command returned 0.
cat > "$TMP/writer.sh" <<EOF2
while :; do
	line=\$("$VO" interview next "$S" --json | python3 "$TOP/tests/cli/next_value.py") || exit 1
	[ -n "\$line" ] || exit 0
	qid=\$(printf '%s' "\$line" | cut -f1)
	val=\$(printf '%s' "\$line" | cut -f2)
	"$VO" interview answer "$S" "\$qid" "\$val" --notes "round" >/dev/null 2>&1 &&
	    echo "\$qid" >> "$acked"
done
EOF2

kills=0
round=0
lost=0
bad_integrity=0
bad_resume=0
while [ $round -lt "$ROUNDS" ]; do
	round=$((round + 1))
	setsid sh "$TMP/writer.sh" &
	pid=$!
	# A random moment between 5 and 120 ms.
	delay=$(python3 -c "import random; print(random.uniform(0.005, 0.12))")
	sleep "$delay"
	if kill -0 "$pid" 2>/dev/null; then
		/bin/kill -s KILL -- "-$pid" 2>/dev/null
		kills=$((kills + 1))
	fi
	wait "$pid" 2>/dev/null
	# The killed group may take a moment to go; until then a reader can
	# find the store busy, which must not read as a lost answer.
	while /bin/kill -0 -- "-$pid" 2>/dev/null; do sleep 0.01; done
	# Every acknowledged answer must be there.
	for q in $(sort -u "$acked"); do
		n=$(sqlite3 -cmd ".timeout 5000" "$VIGILORE_DB" "select count(*) from answers where session_id='$S' and question_id='$q'")
		[ "$n" = 1 ] || { lost=$((lost + 1)); echo "# lost $q"; }
	done
	[ "$(sqlite3 "$VIGILORE_DB" 'pragma integrity_check')" = ok ] ||
	    bad_integrity=$((bad_integrity + 1))
	# The next question is the first asked one without an answer.
	next=$("$VO" interview next "$S" --json | python3 -c "
import json,sys; d=json.load(sys.stdin); q=d['question']; print(q['id'] if q else '')")
	stored=$(sqlite3 "$VIGILORE_DB" "select question_id from answers where session_id='$S'")
	case " $(echo $stored) " in
	*" $next "*) bad_resume=$((bad_resume + 1)); echo "# resumes at answered $next" ;;
	esac
	[ -n "$next" ] || break
done
ok "$kills kills over $round rounds, $(sort -u "$acked" | wc -l) acknowledged answers"
is "no acknowledged answer lost" "$lost" 0
is "integrity_check ok after every kill" "$bad_integrity" 0
is "resumes at an unanswered question every time" "$bad_resume" 0
hist=$(sqlite3 "$VIGILORE_DB" "select count(*) from answer_history where session_id='$S'")
cur=$(sqlite3 "$VIGILORE_DB" "select count(*) from answers where session_id='$S'")
check "history keeps at least one version per answer ($hist >= $cur)" test "$hist" -ge "$cur"

#!/bin/sh
# SPDX-License-Identifier: MIT
# Every kind of invalid value for every question type is refused with
# exit status 2 and a message naming the question, and the stored
# session is byte-for-byte what it was (compared as an SQL dump).
. "$(dirname "$0")/../lib.sh"
export VIGILORE_NOW=2026-12-03T10:00:00Z

S=$("$VO" interview start --framework DRC_MINING_CODE --site "Mine" --auditor "A")
"$VO" interview answer "$S" drc_001 no >/dev/null

# The first top-level question of each type in the DRC bank, and the
# options of the choice ones (from the bank itself).
pick() {
	python3 - "$TOP/assets/frameworks/drc_mining_code.json" "$1" <<'PY'
import json, sys
bank = json.load(open(sys.argv[1]))
kids = {k for q in bank["questions"] for v in q.get("follow_ups", {}).values() for k in v}
for q in bank["questions"]:
    if q["type"] == sys.argv[2] and q["id"] not in kids:
        extra = ""
        if q["type"] == "number":
            extra = "%s %s" % (q.get("min", ""), q.get("max", ""))
        print(q["id"], extra)
        break
PY
}

dump() { sqlite3 "$VIGILORE_DB" .dump | md5sum; }

# refused_intact NAME PATTERN CMD...: CMD exits 2, its stderr matches
# PATTERN, and the store is the same before and after.
refused_intact() {
	_name=$1 _pat=$2; shift 2
	_before=$(dump)
	"$@" >"$TMP/o" 2>"$TMP/e"
	_rc=$?
	_after=$(dump)
	if [ "$_rc" -eq 2 ] && [ "$_before" = "$_after" ] &&
	    grep -q "$_pat" "$TMP/e"; then
		ok "$_name"
	else
		not_ok "$_name (exit $_rc, store changed: $([ "$_before" = "$_after" ] && echo no || echo yes))"
		sed 's/^/#   /' "$TMP/e"
	fi
}

refuse() {
	_q=$1; shift
	refused_intact "refused $_q $*" "question '$_q'" \
	    "$VO" interview answer "$S" "$_q" "$@"
}

YN=$(pick yes_no | cut -d' ' -f1)
MC=$(pick multiple_choice | cut -d' ' -f1)
MS=$(pick multi_select | cut -d' ' -f1)
NUM=$(pick number | cut -d' ' -f1)
NMIN=$(pick number | cut -d' ' -f2)
NMAX=$(pick number | cut -d' ' -f3)
DT=$(pick date | cut -d' ' -f1)
SC=$(pick scale | cut -d' ' -f1)
# Every DRC text question is a follow-up: drc_001a is asked after "no".
TX=drc_001a
is "a question of each type found" "$(echo $YN $MC $MS $NUM $DT $SC $TX | wc -w)" 7

for v in Yes YES y 1 true "" " yes" "no "; do refuse "$YN" "$v"; done
for v in nonexistent "" "$(echo x | tr x ' ')"; do refuse "$MC" "$v"; done
for v in "" nonexistent ",," "a,,b"; do refuse "$MS" "$v"; done
opt=$(python3 -c "
import json; b=json.load(open('$TOP/assets/frameworks/drc_mining_code.json'))
q=[q for q in b['questions'] if q['id']=='$MS'][0]; print(q['options'][0]['value'])")
refuse "$MS" "$opt,$opt"
# "none" is exclusive: with a missing document it contradicts itself.
is "the multi-select has an exclusive 'none'" "$opt" none
opt2=$(python3 -c "
import json; b=json.load(open('$TOP/assets/frameworks/drc_mining_code.json'))
q=[q for q in b['questions'] if q['id']=='$MS'][0]
print(','.join(o['value'] for o in q['options'][1:3]))")
refuse "$MS" "none,$opt2"
refuse "$MS" "${opt2%,*},none"
grep -q "'none' cannot be chosen with other options ('${opt2%,*}'): it means none of them" "$TMP/e"
is "none with another option: the message names the options" "$?" 0
# interview next says so before the auditor answers.
S4=$("$VO" interview start --framework DRC_MINING_CODE --site Mine4 --auditor A)
"$VO" interview answer "$S4" drc_001 yes >/dev/null
"$VO" interview answer "$S4" drc_002 2025-01-01 >/dev/null
"$VO" interview answer "$S4" drc_003 yes >/dev/null
"$VO" interview next "$S4" >"$TMP/o"
grep -q "^    none  *None (only on its own)$" "$TMP/o"
is "interview next marks the exclusive option" "$?" 0
is "interview next --json: exclusive options" "$("$VO" interview next "$S4" \
    --json | python3 -c '
import json, sys
q = json.load(sys.stdin)["question"]
print(q["id"], [o["value"] for o in q["options"] if o["exclusive"]])')" \
    "drc_004 ['none']"
for v in abc "" 1e999 nan inf -inf 0x10 "1 2" "1,5" "+-1"; do refuse "$NUM" "$v"; done
[ -n "$NMIN" ] && refuse "$NUM" "$(python3 -c "print($NMIN - 1)")"
# Numbers a double cannot keep as written: underflow (to 0 or to a
# subnormal), overflow, more than 15 significant digits. $NUM has no
# maximum, so the range does not refuse them.
is "the number question has no maximum" "$NMAX" ""
for v in 1e-400 1e-310 1.8e308 99999999999999999999999 1234567890123456 \
    0.1234567890123456 1.00000000000000001; do refuse "$NUM" "$v"; done
refuse "$NUM" 1e-400
grep -q "'1e-400' is too close to zero to be stored" "$TMP/e"
is "underflow: the message names the value and says why" "$?" 0
refuse "$NUM" 99999999999999999999999
grep -q "'99999999999999999999999' has 23 significant digits; a number keeps at most 15 exactly" "$TMP/e"
is "too many digits: the message names the value and says why" "$?" 0
refuse "$NUM" 1e400
grep -q "'1e400' is too large to be stored" "$TMP/e"
is "overflow: the message names the value and says why" "$?" 0
# The same numbers in an --answers file (interview run), as JSON numbers
# and as strings: refused before anything is stored.
refuse_file() {
	printf '%s\n' "$1" >"$TMP/answers.json"
	refused_intact "--answers refused $1" "question '$NUM' (number): '$2' " \
	    "$VO" interview run --framework DRC_MINING_CODE --site Mine2 \
	    --auditor A --answers "$TMP/answers.json"
}
for v in 1e-400 -1e-400 1e-310 1e400 99999999999999999999999 \
    1234567890123456 0.1234567890123456; do
	refuse_file "{\"$YN\": \"yes\", \"$NUM\": $v}" "$v"
	refuse_file "{\"$NUM\": \"$v\"}" "$v"
done
refuse_file "{\"$NUM\" : 1.5e-400 }" 1.5e-400
printf '{"%s": ["%s", "none"]}\n' "$MS" "${opt2%,*}" >"$TMP/answers.json"
before=$(dump)
"$VO" interview run --framework DRC_MINING_CODE --site Mine2 --auditor A \
    --answers "$TMP/answers.json" >"$TMP/o" 2>"$TMP/e"
rc=$?
grep -q "question '$MS' (multi_select): 'none' cannot be chosen with other options" "$TMP/e"
is "--answers: none with another option is refused" "$rc:$?:$(dump)" "2:0:$before"
printf '{"%s": 12.5, "%s": "yes"}\n' "$NUM" "$YN" >"$TMP/answers.json"
"$VO" interview run --framework DRC_MINING_CODE --site Mine3 --auditor A \
    --answers "$TMP/answers.json" --json >"$TMP/o" 2>"$TMP/e"
is "--answers: a number with its digits kept is stored" "$?:$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print([a["value"] for a in d["answers"] if a["question_id"] == sys.argv[2]])
' "$TMP/o" "$NUM")" "0:[12.5]"
[ -n "$NMAX" ] && refuse "$NUM" "$(python3 -c "print($NMAX + 1)")"
for v in 2026-02-30 2026-13-01 2026-1-01 20260101 2026/01/01 "" tomorrow \
    2026-12-04 2099-01-01 1899-12-31; do refuse "$DT" "$v"; done
for v in 0 6 3.5 three "" -1 " 3" 03; do refuse "$SC" "$v"; done
refuse "$TX" ""
refuse "$TX" "$(python3 -c "print('x' * 1001)")"
refuse "$TX" "$(printf 'bad \377 byte')"
refuse "$YN" yes --confidence 1.5
refuse "$YN" yes --confidence -0.1
refuse "$YN" yes --confidence abc
refuse "$YN" yes --notes "$(python3 -c "print('n' * 1001)")"
refuse "$YN" yes --evidence /nonexistent/file.pdf
refuse "$YN" yes --evidence /tmp
refuse nope_999 yes
refuse "$YN" --skip
before=$(dump)
"$VO" interview answer "$S" "$TX" "$(python3 -c "print('é' * 1000)")" >/dev/null 2>&1
is "1000 accented characters are accepted" "$?" 0
"$VO" interview answer "$S" "$YN" yes --na >/dev/null 2>&1
is "a value and --na together are refused" "$?" 2
S2=$("$VO" interview start --framework DRC_MINING_CODE --site Mine --auditor A --categories permits)
before=$(dump)
"$VO" interview answer "$S2" "$SC" 3 >"$TMP/o" 2>"$TMP/e"
rc=$?
is "a question outside the chosen categories is refused" "$rc:$(dump)" "2:$before"
refuse "$TX" "$(printf 'ctrl \033[31mRED\033[0m \a')"
refuse "$YN" yes --notes "$(printf 'bell\a')"
refuse "$DT" 1600-01-01
grep -q 'before 1900' "$TMP/e"
is "a date before 1900 says so" "$?" 0
expect_status 2 "a value missing before the next option" "$VO" interview start --framework VPSHR --site --auditor b
grep -q "'--site' needs a value" "$TMP/.err"
is "the message names the option" "$?" 0

#!/bin/sh
# SPDX-License-Identifier: MIT
# Document audits from the command line: audit --wait, the report it
# stores, jobs/status, a queued job cancelled, retried and run by a
# worker, the XLSX export read back, and bad usage refused with exit 2.
. "$(dirname "$0")/../lib.sh"
export VIGILORE_NO_AUTOSTART=1
MK="python3 $TOP/tests/unit/pipeline/mkpdf.py"
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

$MK text "$TMP/site.pdf" 5
expect_status 0 "audit --wait --json on a 5-page PDF" \
    "$VO" audit --input "$TMP/site.pdf" --framework DRC_MINING_CODE \
    --framework ISO_45001 --site "Mine A" --site-code KWZ-001 \
    --auditor "Ann Auditor" --lang en --wait --json
cp "$TMP/.out" "$TMP/rep.json"
is "the report is a document audit" "$(json "$TMP/rep.json" "d['kind']")" \
    "document"
is "two frameworks" "$(json "$TMP/rep.json" "len(d['frameworks'])")" "2"
is "input pages recorded" "$(json "$TMP/rep.json" "d['input']['pages']")" "5"
is "every quote has a page in 1..5" "$(json "$TMP/rep.json" \
    "all(1 <= f['page'] <= 5 for f in d['findings'] if f['evidence'])")" \
    "True"
is "some findings quote evidence" "$(json "$TMP/rep.json" \
    "sum(1 for f in d['findings'] if f['evidence']) > 3")" "True"
is "a deficiency is non-compliant" "$(json "$TMP/rep.json" \
    "any(f['status'] == 'non_compliant' for f in d['findings'])")" "True"
is "articles only on non-compliant findings" "$(json "$TMP/rep.json" \
    "all(f['status'] == 'non_compliant' for f in d['findings'] if f['articles'])")" \
    "True"
rid=$(json "$TMP/rep.json" "d['report_id']")
case $rid in REP-*) ok "report id $rid" ;; *) not_ok "report id '$rid'" ;; esac
"$VO" reports >"$TMP/list" 2>&1
if grep -q "$rid" "$TMP/list"; then ok "reports lists it"; else
	not_ok "reports lists it"; fi
expect_status 0 "report ID --format json" "$VO" report "$rid" --format json
is "stored report is the same" "$(json "$TMP/.out" "d['report_id']")" "$rid"
expect_status 0 "report ID --format csv" "$VO" report "$rid" --format csv

expect_status 0 "report ID --format xlsx -o FILE" "$VO" report "$rid" \
    --format xlsx -o "$TMP/rep.xlsx"
is "workbook sheets" "$(python3 - "$TMP/rep.xlsx" <<'PY'
import sys, zipfile, xml.dom.minidom as m
z = zipfile.ZipFile(sys.argv[1])
wb = m.parseString(z.read("xl/workbook.xml"))
names = [s.getAttribute("name") for s in wb.getElementsByTagName("sheet")]
for n in z.namelist():
    if n.startswith("xl/worksheets/"):
        m.parseString(z.read(n))
print(",".join(names[:4]))
PY
)" "Summary,Framework Scores,Findings,Penalties"

# Formula injection: a site named like a formula stays text.
expect_status 0 "audit of a site named =HYPERLINK(...)" "$VO" audit --input \
    "$TMP/site.pdf" --framework VPSHR --site '=HYPERLINK("http://x","y")' \
    --auditor '@SUM(A1)' --wait --json
fid=$(json "$TMP/.out" "d['report_id']")
"$VO" report "$fid" --format csv >"$TMP/f.csv"
is "CSV: the formula is neutralised" "$(python3 - "$TMP/f.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
print(all(r["site_name"].startswith("'=") for r in rows) and
      all(r["page"] == "" or r["page"].isdigit() for r in rows))
PY
)" "True"
"$VO" report "$fid" --format xlsx -o "$TMP/f.xlsx"
is "XLSX: the formula is a string, no formula cell" "$(python3 - "$TMP/f.xlsx" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
ss = z.read("xl/sharedStrings.xml").decode()
sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
print('=HYPERLINK("http://x","y")' in ss and not any("<f>" in s for s in sheets))
PY
)" "True"

expect_status 0 "jobs --json" "$VO" jobs --json
is "two complete jobs" "$(json "$TMP/.out" \
    "[j['status'] for j in d]")" "['complete', 'complete']"

# A queued job (nobody runs it): cancel, retry, then a worker runs it.
"$VO" audit --input "$TMP/site.pdf" --framework VPSHR --site "Mine B" \
    --auditor Ann >"$TMP/id" 2>&1
id=$(cat "$TMP/id")
expect_status 0 "status of the queued job" "$VO" status "$id" --json
is "it is queued" "$(json "$TMP/.out" "d['status']")" "queued"
expect_status 0 "cancel a queued job" "$VO" cancel "$id"
expect_status 0 "status" "$VO" status "$id" --json
is "it is cancelled" "$(json "$TMP/.out" "d['status']")" "cancelled"
expect_status 2 "cancel it again: already ended" "$VO" cancel "$id"
expect_status 0 "retry the cancelled job" "$VO" retry "$id"
expect_status 0 "worker --until-idle runs it" "$VO" worker --until-idle
expect_status 0 "status" "$VO" status "$id" --json
is "it is complete" "$(json "$TMP/.out" "d['status']")" "complete"
expect_status 2 "retry a complete job" "$VO" retry "$id"
expect_status 2 "status of an unknown job" "$VO" status 0123456789abcdef

# Bad usage: exit 2 and a message, nothing queued.
expect_status 2 "audit without --input" "$VO" audit --framework VPSHR \
    --site S --auditor A
expect_status 2 "audit with a missing file" "$VO" audit --input \
    "$TMP/nope.pdf" --framework VPSHR --site S --auditor A
expect_status 2 "audit with an unknown framework" "$VO" audit --input \
    "$TMP/site.pdf" --framework NOPE --site S --auditor A
expect_status 2 "audit with a bad --lang" "$VO" audit --input \
    "$TMP/site.pdf" --framework VPSHR --site S --auditor A --lang de
says() {	# NAME TEXT: stderr of the last expect_status holds TEXT
	if grep -qi -- "$2" "$TMP/.err"; then ok "$1"; else
		not_ok "$1"; sed 's/^/#   /' "$TMP/.err"; fi
}
expect_status 2 "audit --input DIR" "$VO" audit --input "$TMP" \
    --framework VPSHR --site S --auditor A
says "it says the input is a directory" "is a directory"
expect_status 2 "audit --framework DIR is refused up front" "$VO" audit \
    --input "$TMP/site.pdf" --framework "$TMP" --site S --auditor A
says "it says the framework is a directory" "'$TMP': is a directory"
# A file nobody may read: as root, read it as an unprivileged user.
PD=$(mktemp -d "${TMPDIR:-/tmp}/vo-perm.XXXXXX")
chmod 755 "$PD"
echo "The permit is valid." >"$PD/locked.txt"
chmod 000 "$PD/locked.txt"
AS=
if [ "$(id -u)" -eq 0 ]; then AS="setpriv --reuid=65534 --regid=65534 \
    --clear-groups"; fi
if [ -n "$AS" ] && ! command -v setpriv >/dev/null 2>&1; then
	ok "# SKIP unreadable input: root without setpriv"
	ok "# SKIP unreadable input: message"
else
	expect_status 2 "audit --input on a mode-000 file" env \
	    VIGILORE_DB="$PD/store.db" $AS "$VO" audit --input \
	    "$PD/locked.txt" --framework VPSHR --site S --auditor A
	says "it says Permission denied" "locked.txt': Permission denied"
fi
rm -rf "$PD"
"$VO" jobs --json >"$TMP/jobs.json"
is "bad usage queued nothing" "$(json "$TMP/jobs.json" "len(d)")" "3"

# An enquiry report: a counterfactual ("Had the owner ensured ...") is a
# breach, its quote drops the page number, and the same sentence is not
# evidence for an unrelated requirement (DRC Art. 308, infrastructure).
{
	printf 'Enquiry into the fall of a driller from the first bench of the '
	printf 'quarry on 12 May.\n'
	printf 'Had\ni) the owner of the pit made sure that every worker was '
	printf 'issued protective equipment including a safety belt\nas '
	printf 'required\n57\n\f'
	printf 'the fall could have been averted.\n'
} >"$TMP/enquiry.txt"
expect_status 0 "audit of an enquiry report" "$VO" audit --input \
    "$TMP/enquiry.txt" --framework DRC_MINING_CODE --site S --auditor A \
    --lang en --wait --json
cp "$TMP/.out" "$TMP/enq.json"
is "the counterfactual is a breach of Art. 307 (workers)" "$(json \
    "$TMP/enq.json" "[f['verdict'] for f in d['findings'] if \
    f['ref'] == 'DRC Art. 307' and f['evidence'] and 'safety belt' in \
    f['evidence']]")" "['non_compliant']"
is "no finding is compliant" "$(json "$TMP/enq.json" \
    "any(f['verdict'] == 'compliant' for f in d['findings'])")" "False"
is "Art. 308 does not quote it" "$(json "$TMP/enq.json" \
    "[f['verdict'] for f in d['findings'] if f['ref'] == 'DRC Art. 308']")" \
    "['no_evidence']"
is "quotes do not end with the page number" "$(json "$TMP/enq.json" \
    "[f['evidence'][-8:] for f in d['findings'] if f['evidence']]")" \
    "['required']"

# A framework given as a document: its obligations are the requirements.
cat >"$TMP/fw.txt" <<'TXT'
Article 1 : Permits
The operator must hold a valid exploitation permit covering all extraction areas.
Article 2 : Emergencies
The operator shall conduct evacuation drills at least once a year.
TXT
expect_status 0 "audit against a framework document" "$VO" audit --input \
    "$TMP/site.pdf" --framework "$TMP/fw.txt" --site S --auditor A \
    --wait --json
is "its requirements were extracted" "$(json "$TMP/.out" \
    "sorted(f['ref'] for f in d['findings'])")" "['Article 1', 'Article 2']"

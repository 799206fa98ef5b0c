#!/bin/sh
# SPDX-License-Identifier: MIT
# Bad documents: each ends as a failed job with a clear reason, the
# program stays alive and the next job runs. Latin-1 text and a name with
# spaces and accents are not bad: they must be read correctly.
. "$(dirname "$0")/../lib.sh"
export VIGILORE_NO_AUTOSTART=1
MK="python3 $TOP/tests/unit/pipeline/mkpdf.py"
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

bad() {	# NAME FILE REASON
	expect_status 1 "$1 fails" "$VO" audit --input "$2" --framework \
	    DRC_MINING_CODE --site S --auditor A --wait
	if grep -qi -- "$3" "$TMP/.err"; then ok "$1: reason says '$3'"
	else not_ok "$1: reason says '$3'"; sed 's/^/#   /' "$TMP/.err"; fi
	"$VO" jobs --json >"$TMP/jobs.json"
	is "$1: the job is failed with its reason" "$(json "$TMP/jobs.json" \
	    "d[0]['status'] + ':' + str('$3'.lower() in d[0]['error'].lower())")" \
	    "failed:True"
}

: >"$TMP/empty.txt"
bad "empty file" "$TMP/empty.txt" "empty"
: >"$TMP/zero.pdf"
bad "0-byte PDF" "$TMP/zero.pdf" "empty"
printf '   \n\n  \n' >"$TMP/blank.txt"
bad "whitespace-only text" "$TMP/blank.txt" "no text"
$MK truncated "$TMP/truncated.pdf"
bad "truncated PDF" "$TMP/truncated.pdf" "corrupt"
$MK encrypted "$TMP/encrypted.pdf"
bad "encrypted PDF" "$TMP/encrypted.pdf" "encrypted"
$MK image "$TMP/image.pdf"
bad "image-only PDF" "$TMP/image.pdf" "no text layer"
$MK xrefloop "$TMP/loop.pdf"
bad "PDF whose xref and page tree loop" "$TMP/loop.pdf" "corrupt"
$MK zipbomb "$TMP/bomb.docx" 80
bad "zip bomb named .docx" "$TMP/bomb.docx" "zip bomb"
python3 - "$TMP/many.docx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("word/document.xml", "<w:document xmlns:w='x'/>")
    for i in range(2500):
        z.writestr("word/media/e%d.bin" % i, "")
PY
bad "DOCX with too many zip entries" "$TMP/many.docx" "entries"
printf 'PK\003\004garbage' >"$TMP/broken.docx"
bad "broken DOCX" "$TMP/broken.docx" "corrupt DOCX"
printf '%%PDF-1.4\n' >"$TMP/big.pdf"
truncate -s 200M "$TMP/big.pdf"
bad "200 MB file" "$TMP/big.pdf" "too large"
rm -f "$TMP/big.pdf" "$TMP/bomb.docx"

# Bounds: time and memory (the extraction runs in a child process).
$MK text "$TMP/long.pdf" 50
VIGILORE_JOB_TIMEOUT_MS=1 bad "a job over its time limit" "$TMP/long.pdf" \
    "time limit"
ISA=$TOP/../shared/corpus/isa-seabed-mining/isa-exploitation-regs-draft-2025-12-23_en.pdf
if [ -f "$ISA" ]; then
	VIGILORE_JOB_MAX_MEMORY_MB=64 bad "a document over the memory limit" \
	    "$ISA" "memory limit"
else
	ok "# SKIP memory limit: no corpus"
fi

# Not bad: Latin-1 text, and a file name with spaces and accents.
printf 'Le permis d\047exploitation est valide et renouvel\351 en 2025 pour '\
'toutes les zones d\047extraction du site.\n' >"$TMP/latin1.txt"
expect_status 0 "Latin-1 text is read" "$VO" audit --input "$TMP/latin1.txt" \
    --framework DRC_MINING_CODE --site S --auditor A --wait --json
is "Latin-1 decoded (renouvelé)" "$(json "$TMP/.out" \
    "any('renouvelé' in (f['evidence'] or '') for f in d['findings'])")" "True"
is "recorded as windows-1252" "$(json "$TMP/.out" "d['input']['encoding']")" \
    "windows-1252"
# An obligation is not a fact: "doit détenir" proves nothing either way.
printf 'L\047op\351rateur doit d\351tenir un titre minier valide.\n' \
    >"$TMP/rule.txt"
expect_status 0 "Latin-1 obligation is read" "$VO" audit --input \
    "$TMP/rule.txt" --framework DRC_MINING_CODE --site S --auditor A \
    --lang fr --wait --json
is "an obligation makes no compliant or non-compliant finding" "$(json \
    "$TMP/.out" "sorted(set(f['verdict'] for f in d['findings']))")" \
    "['no_evidence']"
$MK text "$TMP/rapport de site été.pdf" 2
expect_status 0 "file name with spaces and accents" "$VO" audit --input \
    "$TMP/rapport de site été.pdf" --framework ISO_45001 --site S \
    --auditor A --wait --json
is "its name is kept" "$(json "$TMP/.out" "d['input']['file']")" \
    "rapport de site été.pdf"
expect_status 0 "the program is alive: jobs" "$VO" jobs

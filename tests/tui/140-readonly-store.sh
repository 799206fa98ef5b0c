#!/bin/sh
# SPDX-License-Identifier: MIT
# The UI on a store that can be read but not written (mode 0444 in a
# directory the user cannot write, as tests/cli/093): it starts without
# an error (no job runner, no sync thread: both would write), the title
# bar says the store is read-only, home, reports, a report, the
# dashboard and the jobs screen browse as usual; a new interview,
# resuming one, cancelling or retrying a job are refused at once on the
# message row; an export to a file elsewhere is written; the same in
# French, where L changes the language without storing it. Nothing in
# the store changes. Run as "nobody" when the suite runs as root (root
# ignores file modes).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

reader_setup

# The writer's store: a completed interview (its report), one in
# progress (the later, so the first of the list), and a document audit
# waiting in the queue.
export VIGILORE_NOW=2026-03-01T10:00:00Z
S=$("$VO" interview start --framework VPSHR --site "Supervised Mine" \
    --auditor A)
"$VO" interview answer "$S" vpshr_001 yes >/dev/null
"$VO" interview complete "$S" >/dev/null
REP=$(newest_report)
VIGILORE_NOW=2026-03-02T10:00:00Z "$VO" interview start --framework VPSHR \
    --site "Open Mine" --auditor A >/dev/null
unset VIGILORE_NOW
printf 'The operator keeps a grievance register.\n' >"$TMP/doc.txt"
VIGILORE_NO_AUTOSTART=1 "$VO" audit --input "$TMP/doc.txt" \
    --framework VPSHR --site "Queued Mine" --auditor A >/dev/null 2>&1
n=$("$VO" jobs --json | python3 -c '
import json, sys; print(sum(1 for j in json.load(sys.stdin)
    if j["status"] == "queued"))')
is "a job waits in the queue" "$n" 1

mkdir "$TMP/ro" "$TMP/out"
cp "$VIGILORE_DB" "$TMP/ro/s.db"
chmod 0444 "$TMP/ro/s.db"
chmod 0555 "$TMP/ro"
chmod 0777 "$TMP/out"
RO=$TMP/ro/s.db
before=$(cat "$TMP/ro"/* | md5sum)

# The UI as the reader, on the read-only copy.
cat >"$TMP/vo-reader" <<EOF
#!/bin/sh
exec $READER env HOME=/ VIGILORE_ASSETS="$VIGILORE_ASSETS" \
    VIGILORE_DB="$RO" TERM="\$TERM" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    \${VIGILORE_LANG:+VIGILORE_LANG=\$VIGILORE_LANG} "$VO" "\$@"
EOF
chmod 0755 "$TMP/vo-reader"
REAL_VO=$VO
VO=$TMP/vo-reader

tui_start 100 30
must_see "home" "Recent reports"
see "the title bar says the store is read-only" "Read-only store"
sleep 1
if screen | grep -q "is read-only\|error\|Error"; then
	not_ok "no error at start-up"
	screen | sed 's/^/#   |/'
else
	ok "no error at start-up"
fi
see "the interviews are listed" "Open Mine"

# Refused at once: a new interview, resuming one.
keys n
see "n: a new interview is refused" \
    "Cannot start a new interview: the store '$RO' is read-only"
screen | grep -q "Start the interview" && not_ok "the form is not opened" ||
    ok "the form is not opened"
keys Enter
see "Enter on an open interview: resuming is refused" \
    "Cannot resume an interview: the store '$RO' is read-only"
screen | grep -q "Question 1 of" && not_ok "the interview is not opened" ||
    ok "the interview is not opened"

# Browsing: reports, a report and its export, the dashboard, the jobs.
keys r
must_see "reports" "Supervised Mine"
keys Enter
must_see "report" "$REP"
keys e
must_see "export formats" "j JSON"
keys j
must_see "export path asked" "Export to"
keys C-u
type_text "$TMP/out/r.json"
keys Enter
see "the export is written" "Exported to"
python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))
sys.exit(0 if d["report_id"] == sys.argv[2] else 1)' \
    "$TMP/out/r.json" "$REP" && ok "the exported file is the report" ||
    not_ok "the exported file is the report"
keys Escape Escape
must_see "home again" "Recent reports"
keys d
see "dashboard" "Dashboard"
keys Escape
keys j
must_see "jobs screen: the queued audit" "document  queued"
keys c
see "c: cancelling a job is refused" \
    "Cannot cancel a job: the store '$RO' is read-only"
keys r
see "r: retrying a job is refused" \
    "Cannot retry a job: the store '$RO' is read-only"
keys Escape
must_see "home once more" "Recent reports"
sleep 1
screen | grep -q "Sync error\|job runner" && not_ok "no background errors" ||
    ok "no background errors"
keys q
wait_exit 10 && is "q leaves with status 0" "$EXIT_STATUS" 0 ||
    not_ok "q leaves with status 0"

# French, forced, then L back to English and again to French.
# Wide enough for the French message on one row.
tui_start 120 30 VIGILORE_LANG=fr
must_see "French home" "Rapports récents"
see "French: the title bar says the store is read-only" \
    "Stockage en lecture seule"
keys n
fr="Impossible de démarrer un nouvel entretien : le stockage '$RO'"
see "French: a new interview is refused" "$fr est en lecture seule"
keys L
see "L: English for this run" "Recent reports"
see "L: the language is not kept, and says so" \
    "Language for this run only: '$RO' is read-only"
keys q
wait_exit 10 && is "French: q leaves with status 0" "$EXIT_STATUS" 0 ||
    not_ok "French: q leaves with status 0"

is "the store did not change" "$(cat "$TMP/ro"/* | md5sum)" "$before"
is "no -wal or -shm made" "$(ls "$TMP/ro")" "s.db"
VO=$REAL_VO
chmod -R u+w "$TMP"

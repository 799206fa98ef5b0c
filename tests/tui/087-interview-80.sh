#!/bin/sh
# SPDX-License-Identifier: MIT
# The interview at 80x24: the multi-select hint has its own row (the
# notes row does not overwrite it), the help is wrapped whole, refused
# values show their whole reason (two rows when long, in French in the
# French UI) without the command-line prefixes; a number with only a
# minimum says "at least"; a French interview completed in the UI opens
# its report in French (no empty site code shown), and the export path
# can be edited.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

"$VO" demo >/dev/null 2>&1
# Each part leaves its session abandoned: the next one is the only one
# on the home screen.
SID=$("$VO" interview start --framework DRC_MINING_CODE --site "Mine Un" \
    --auditor A --lang en 2>/dev/null | tail -n 1)
tui_start 80 24
must_see "home" "Mine Un"
keys Enter
must_see "first question" "Question 1 of"
# Evidence that cannot be read: a long reason on two rows.
keys Tab Tab Tab
type_text "$TMP/no/such/directory/with/a/rather/long/name/evidence.pdf"
keys Escape y
see "evidence error: named by its field" "Evidence: cannot open"
see "evidence error: not cut" "No such file or directory"
screen | grep -q -- "--evidence" && not_ok "no CLI option in the message" ||
    ok "no CLI option in the message"
keys Tab Tab Tab C-u Escape y
must_see "question 2" "Question 2 of"
see "date help whole" "A confirmation older than one year is a weakness."
type_text "2023-02-29"
keys Enter
see "date error whole" "expected YYYY-MM-DD (a real calendar day)"
screen | grep -q "question 'drc_002'" && not_ok "no CLI prefix" ||
    ok "no CLI prefix"
keys C-u
type_text "2024-01-10"
keys Enter
must_see "question 3" "Question 3 of"
keys y
must_see "multi-select question" "Which of these documents"
see "multi-select hint shown" "Space toggles, Enter confirms"
screen | grep -q '^  Notes *$' && ok "notes row not mixed with the hint" ||
    not_ok "notes row not mixed with the hint"
keys Escape
must_see "home again" "Recent reports"
keys q
wait_exit 10 >/dev/null

"$VO" interview abandon "$SID" >/dev/null 2>&1
SID=$("$VO" interview start --framework DRC_MINING_CODE --site "Mine Deux" \
    --auditor A --lang fr 2>/dev/null | tail -n 1)
tui_start 80 24
must_see "home" "Mine Deux"
keys Enter
must_see "French question" "Question 1 sur"
see "French colon spacing" "Catégorie : Permis"
keys o
must_see "French question 2" "Question 2 sur"
see "French help whole" "constitue une faiblesse."
type_text "2023-02-29"
keys Enter
see "French date error" "n'est pas une date : format attendu AAAA-MM-JJ"
see "French error wrapped, not cut" "existe)"
keys Escape q
wait_exit 10 >/dev/null

# A number with a minimum only.
"$VO" interview abandon "$SID" >/dev/null 2>&1
SID=$("$VO" interview start --framework DRC_MINING_CODE --site "Mine Trois" \
    --auditor A --lang en --categories community 2>/dev/null | tail -n 1)
tui_start 80 24
must_see "home" "Mine Trois"
keys Enter
must_see "community question 1" "Question 1 of"
keys y
must_see "follow-up number (0 to 100)" "Range 0 to 100"
type_text 5
keys Enter
see "number with a minimum only" "At least 0"
screen | grep -q "inf" && not_ok "no 'inf' shown" || ok "no 'inf' shown"
keys Escape q
wait_exit 10 >/dev/null

# A French interview of five questions, four answered by the CLI, the
# last and the completion in the UI.
"$VO" interview abandon "$SID" >/dev/null 2>&1
SID=$("$VO" interview start --framework DRC_MINING_CODE --site "Mine Quatre" \
    --auditor A --lang fr --categories permits 2>/dev/null | tail -n 1)
"$VO" interview answer "$SID" drc_002 2024-01-10 >/dev/null &&
"$VO" interview answer "$SID" drc_003 yes >/dev/null &&
"$VO" interview answer "$SID" drc_004 none >/dev/null &&
"$VO" interview answer "$SID" drc_005 yes >/dev/null ||
    not_ok "answers by the CLI"
tui_start 80 24
must_see "home" "Mine Quatre"
keys Enter
must_see "French interview" "Question 1 sur"
keys o
wait_for "Réponse" 5 >/dev/null
keys F9
must_see "review" "c "
keys c
must_see "report opens, its whole penalty amount" "USD 42912.25"
see "report in French" "Constats"
screen | grep -q "Site code\|Code du site" && not_ok "no empty site code" ||
    ok "no empty site code"
keys e
must_see "export formats" "j JSON"
keys j
must_see "export path asked" "Exporter vers"
keys C-u
type_text "$TMP/out/../report-fr.json"
mkdir -p "$TMP/out"
keys Enter
see "exported to the path given" "report-fr.json"
[ -s "$TMP/report-fr.json" ] && ok "file written where asked" ||
    not_ok "file written where asked"
keys Escape
must_see "home in English again" "Recent reports"

# A bad e-mail in the French form: the reason in French under the field.
keys L n
must_see "French form" "Nouvel entretien"
keys NPage Up Up
type_text "adresse-invalide"
keys Up
type_text "Zoé"
keys Up Up Up Up Up
type_text "Mine Cinq"
keys NPage Enter
see "e-mail reason in French under its field" \
    "Courriel : 'adresse-invalide' n'est pas une adresse e-mail"
keys Escape L
must_see "English again" "Recent reports"
keys q
wait_exit 10 && is "exit 0" "$EXIT_STATUS" 0 || not_ok "exit 0"

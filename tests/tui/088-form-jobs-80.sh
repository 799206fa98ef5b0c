#!/bin/sh
# SPDX-License-Identifier: MIT
# At 80x24, in English and in French: the new-interview form shows every
# field and its key hints without scrolling, whichever framework (the
# twelve DRC categories in two columns, the long VPSHR name whole), and
# a refused e-mail still leaves every field on screen; the jobs screen
# speaks French (headers, kind, stage) and writes "0 %"; percentages on
# the home screen, the interview and the report in French take the
# space, English keeps "45%"; the interview's category name is never cut;
# review needed is "AR" in French; French help text is wrapped, never cut.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

"$VO" demo >/dev/null 2>&1

# Every field label, the first and last categories, the Start row and
# the key hints are on screen (argument: a label for the TAP line).
form_whole() {
	_s=$(screen)
	_miss=
	for _t in "$@"; do
		printf '%s\n' "$_s" | grep -qF -- "$_t" || _miss="$_miss '$_t'"
	done
	if [ -z "$_miss" ]; then ok "$FORM"; else
		not_ok "$FORM"; echo "#   missing:$_miss"
		printf '%s\n' "$_s" | sed 's/^/#   |/'; fi
}

EN="Framework|Categories|Site|Site name|Site code|Operator|Latitude|Longitude|Auditor|E-mail|Language|Start the interview"
FR="Référentiel|Catégories|Site|Nom du site|Code du site|Exploitant|Latitude|Longitude|Auditeur|Courriel|Langue|Démarrer l'entretien"
fields() {
	_old=$IFS; IFS='|'; set -- $1; IFS=$_old
	form_whole "$@" "$2" "$3" "$4" "$5" "$6" "$7" "$8" "$9" \
	    "${10}" "${11}" "${12}"
}

tui_start 80 24
must_see "home" "Recent reports"
keys n
must_see "form" "DRC Mining Code"
FORM="English DRC form whole at 80x24 (focus on the framework)"
fields "$EN"
FORM="English DRC categories: first and last shown"
form_whole "Permits and titles" "Anti-corruption" "Processing"
see "English hints whole" "Enter Start"
keys NPage
wait_for "> " 2 >/dev/null
FORM="English form whole with the focus on Start"
form_whole "Framework" "Permits and titles" "Anti-corruption" "E-mail" \
    "Start the interview" "about 29 min"
for fw in "ISO 14001" "ISO 45001" "Voluntary Principles"; do
	keys PPage Right
	must_see "framework $fw" "$fw"
	FORM="English $fw form whole"
	fields "$EN"
done
keys PPage Down
see "category hints" "Space Toggle  Enter Start"
keys Escape q
wait_exit 10 >/dev/null

tui_start 80 24 VIGILORE_LANG=fr
must_see "French home" "Rapports récents"
keys n
must_see "French form" "Code minier de la RDC"
FORM="French DRC form whole at 80x24"
fields "$FR"
FORM="French DRC categories: the longest shown whole"
form_whole "Permis et titres miniers" "Arrêtés ministériels et provinciaux" \
    "Lutte contre la corruption" "Sécurité et stockage des minerais"
see "French hints whole, keys in French" "Entrée Démarrer"
keys Down
see "French category hints" "Espace Cocher  Entrée Démarrer"
keys Up
for fw in "ISO 14001" "ISO 45001" "Principes volontaires"; do
	keys Right
	must_see "French framework $fw" "$fw"
	FORM="French $fw form whole"
	fields "$FR"
done
see "French VPSHR name whole" "sur la sécurité et les droits de l'homme >"
keys Right
must_see "French DRC again" "Code minier de la RDC"
# A refused e-mail: the reason under its field, every field still shown.
keys NPage Up Up
type_text "adresse-invalide"
keys Up
type_text "Zoé"
keys Up Up Up Up Up
type_text "Mine Six"
keys NPage Enter
must_see "French e-mail reason" "n'est pas une adresse e-mail"
FORM="French form whole with the reason shown"
fields "$FR"
keys Escape
must_see "French home again" "Rapports récents"

# The jobs screen in French: a document job that fails.
printf 'not a pdf' >"$TMP/bad.pdf"
VIGILORE_NO_AUTOSTART=1 "$VO" audit --input "$TMP/bad.pdf" \
    --framework ISO_14001 --site "Bad file" --auditor T >/dev/null 2>&1
keys j
must_see "French jobs screen" "Écoulé"
head=$(screen | sed -n 2p)
case $head in
*Tâche*Type*Statut*Étape*Progression*Écoulé*) ok "French job headers" ;;
*) not_ok "French job headers"; echo "#   $head" ;;
esac
case $head in
*Job*|*Kind*) not_ok "no English header left"; echo "#   $head" ;;
*) ok "no English header left" ;;
esac
see "job kind in French" " document "
see "job failed, in French" "échoué" 20
row=$(screen | sed -n 3p)
case $row in
*[0-9]\ %*) ok "French job progress '0 %'" ;;
*) not_ok "French job progress '0 %'"; echo "#   $row" ;;
esac
keys '?'
must_see "French jobs help" "Aide : Tâches"
see "French help wrapped, not cut" "programme (et de tout autre"
keys Escape Escape
must_see "French home" "Rapports récents"
keys q
wait_exit 10 >/dev/null

# Percentages on the home screen and the report: "0 %" in French.
SID=$("$VO" interview start --framework DRC_MINING_CODE --site "Mine Sept" \
    --auditor A --lang fr 2>/dev/null | tail -n 1)
tui_start 80 24 VIGILORE_LANG=fr
must_see "French home with an interview" "Mine Sept"
line=$(screen | grep 'Mine Sept')
case $line in
*" 0 % "*) ok "home progress '0 %'" ;;
*) not_ok "home progress '0 %'"; echo "#   $line" ;;
esac
keys Enter
must_see "French interview" "Question 1 sur"
line=$(screen | sed -n 3p)
case $line in
*" 0 % "*"0/5 Permis et titres miniers"*)
	ok "interview progress '0 %', category name whole" ;;
*) not_ok "interview progress '0 %', category name whole"
	echo "#   $line" ;;
esac
keys Escape
must_see "French home again" "Mine Sept"
keys r
must_see "French reports" "15 rapports"
keys Enter
must_see "French report" "Couverture"
see "French coverage '0 %'" "Couverture 0 %"
see "review needed abbreviated in French" " AR 7 "
keys Escape Escape d 4
must_see "French matrix" "Matrice des référentiels"
see "French matrix header" "C    NC    AR    NA"
keys Escape q
wait_exit 10 >/dev/null

tui_start 80 24
must_see "English home with an interview" "Mine Sept"
line=$(screen | grep 'Mine Sept')
case $line in
*" 0% "*) ok "English progress '0%'" ;;
*) not_ok "English progress '0%'"; echo "#   $line" ;;
esac
keys r
must_see "reports" "15 reports"
keys Enter
see "English coverage '0%'" "Coverage 0%"
keys Escape Escape q
wait_exit 10 && is "exit 0" "$EXIT_STATUS" 0 || not_ok "exit 0"
"$VO" interview abandon "$SID" >/dev/null 2>&1

#!/bin/sh
# SPDX-License-Identifier: MIT
# A French run: the language chosen in the settings (L on the home
# screen, remembered in the store) and per interview; accented text.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

"$VO" demo >/dev/null 2>&1
tui_start 100 30
must_see "English first" "Recent reports"
keys L
see "home in French" "Rapports récents"
see "hint line in French" "n Nouveau  r Rapports  d Tableau de bord  j Tâches  L Langue"
see "sync status in French" "Synchro : local uniquement"
see "sample mark in French" "EXEMPLE"
keys q
wait_exit 10 >/dev/null

tui_start 100 30
must_see "French remembered after a restart" "Entretiens"
keys d
see "dashboard in French" "Carte nationale de conformité"
see "statuses in French" "non conforme"
keys 2
see "hotspots in French" "Points chauds de risque"
keys Escape '?'
see "help title in French" "Aide : Accueil"
keys Escape L
see "back to English" "Recent reports"
keys q
wait_exit 10 >/dev/null

# An English interface, a French interview: the interview speaks French.
SID=$("$VO" interview start --framework DRC_MINING_CODE --site "Mine de Likasi" \
    --auditor "Hélène" --lang fr 2>/dev/null | tail -n 1)
tui_start 100 30
must_see "home" "Mine de Likasi"
keys Enter
see "interview in French" "Question 1 sur"
see "French question text" "titre minier"
see "yes/no keys in French" "[o] Oui"
keys o
see "o answers oui" "Question 2 sur"
keys Escape
see "home back in English" "Recent reports"
keys q
wait_exit 10 && is "exit 0" "$EXIT_STATUS" 0 || not_ok "exit 0"

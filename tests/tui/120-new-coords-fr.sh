#!/bin/sh
# SPDX-License-Identifier: MIT
# The new-interview form's coordinate check speaks the interface's
# language and names the value it refuses (it was English-only, and
# gave neither the field nor the value).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

tui_start 80 24
must_see "home" "Recent reports"
keys L
see "home in French" "Rapports récents"
keys n
see "new interview" "Nouvel entretien"
# Start at once: the site name is asked for.
keys NPage Enter
see "site name required" "Le nom du site est obligatoire"
type_text "Mine de Likasi"
# Left column first: site code, operator, latitude.
keys Down Down Down
type_text "abc"
keys NPage Enter
see "auditor required" "Le nom de l'auditeur est obligatoire"
type_text "Hélène"
keys NPage Enter
see "latitude refused, in French, naming the value" \
    "Latitude : 'abc' n'est pas un nombre de -90 à 90"
case $(screen) in
*"both or neither"*) not_ok "no English phrase" ;;
*) ok "no English phrase" ;;
esac
keys BSpace BSpace BSpace
type_text "10"
keys NPage Enter
see "a latitude alone: the longitude is asked for" \
    "Longitude : obligatoire avec une latitude"
type_text "200"
keys NPage Enter
see "longitude out of range" \
    "Longitude : '200' n'est pas un nombre de -180 à 180"
keys Escape Escape q
wait_exit 10 && is "exit 0" "$EXIT_STATUS" 0 || not_ok "exit 0"

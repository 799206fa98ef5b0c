#!/bin/sh
# SPDX-License-Identifier: MIT
# Every piece of UI text in the screens has a French translation in
# core/i18n.c: screen titles, key hint labels, help lines, and the
# literals given to i18n_tr() and tui_trfmt().
. "$(dirname "$0")/../lib.sh"

cd "$TOP" || exit 1
strings() {
	# Titles and hint labels.
	sed -n 's/.*\.title = "\([^"]*\)".*/\1/p' tui/screen_*.c
	grep -ho '{ "[^"]*", "[^"]*" }' tui/screen_*.c tui/tui.c |
	    sed 's/{ "[^"]*", "\([^"]*\)" }/\1/'
	# i18n_tr("...") and tui_trfmt("...") on one line.
	grep -ho 'i18n_tr("[^"]*")' tui/*.c | sed 's/i18n_tr("\(.*\)")/\1/'
	grep -ho 'tui_trfmt("[^"]*"' tui/*.c | sed 's/tui_trfmt("\(.*\)"/\1/'
	# Help arrays: the quoted lines between "_help[] = {" and "NULL".
	for f in tui/screen_*.c; do
		sed -n '/_help\[\] = {/,/NULL/p' "$f" |
		    sed -n 's/^[[:space:]]*"\(.*\)",$/\1/p'
	done
}
# Hint labels that are names, not words.
skip='^(JSON|CSV|Markdown|XLSX|N/A)$'
missing=0
total=0
strings | sort -u | grep -vE "$skip" >"$TMP/strings"
while IFS= read -r s; do
	[ -n "$s" ] || continue
	total=$((total + 1))
	if ! grep -qF "{ \"$s\"," core/i18n.c &&
	    ! grep -qF "	\"$s\"," core/i18n.c &&
	    ! grep -qxF "	{ \"$s\"," core/i18n.c; then
		missing=$((missing + 1))
		echo "# no French for: $s"
	fi
done <"$TMP/strings"
[ "$total" -gt 50 ] && ok "UI strings found ($total)" || not_ok "UI strings found ($total)"
is "every UI string has a French translation" "$missing" 0

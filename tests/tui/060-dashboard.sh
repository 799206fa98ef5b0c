#!/bin/sh
# SPDX-License-Identifier: MIT
# The dashboard on the sample data: the 20 sample sites on the map (each
# listed beside it with its status glyph, markers drawn on the braille
# outline), hotspots in decreasing risk as `vigilore dashboard --json`
# ranks them, the trend and the matrix panels, the large layout at
# 200x60, and a live update when a report is stored by another process.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

"$VO" demo >/dev/null 2>&1
"$VO" dashboard --json >"$TMP/dash.json"
codes=$(tr -d ' \n' <"$TMP/dash.json" | sed 's/"hotspots".*//' | grep -o '"code":"[A-Z0-9-]*","name"' |
    sed 's/"code":"\([^"]*\)".*/\1/')
n=$(echo "$codes" | grep -c .)
# Hotspots are after the markers in the document: take the codes there.
hot=$(tr -d ' \n' <"$TMP/dash.json" | sed 's/.*"hotspots":\[//' |
    grep -o '"rank":[0-9]*,"code":"[A-Z0-9-]*"' | sed 's/.*"code":"//; s/"//')

tui_start 100 30
must_see "home" "Interviews"
keys d
must_see "dashboard: map panel" "National compliance map"
missing=0
for c in $codes; do
	screen | grep -q "$c" || { missing=$((missing + 1)); echo "# missing $c"; }
done
is "map: all $n sample sites listed" "$n:$missing" "20:0"
# Braille outline and markers left of the list.
screen | LC_ALL=C grep -qE "$(printf '\342[\240-\243]')" &&
    ok "map: braille outline drawn" ||
    not_ok "map: braille outline drawn"
marks=$(screen | sed -n '4,26p' | sed 's/ *[●◆▲○] [A-Z][A-Z][A-Z]-[0-9].*//' |
    grep -o '[●◆▲○]' | wc -l)
[ "$marks" -ge 10 ] && ok "map: site markers on the map ($marks cells)" ||
    not_ok "map: site markers on the map ($marks cells)"
see "map: legend" "non-compliant"
# Moving through the list.
keys Down Down
screen | grep -q "KBL-103" && ok "map: list moves" || not_ok "map: list moves"

keys 2
must_see "hotspots panel" "Risk hotspots"
shown=$(screen | sed -n 's/^ *[0-9][0-9]* *[0-9.][0-9.]* *\([A-Z][A-Z0-9]*-[0-9]*\) .*/\1/p')
want=$(echo "$hot" | head -n "$(echo "$shown" | grep -c .)")
[ -n "$shown" ] && [ "$shown" = "$want" ] &&
    ok "hotspots in order of risk ($(echo "$shown" | grep -c .) shown)" ||
    { not_ok "hotspots in order of risk"; echo "# shown: $shown"; echo "# want: $want"; }
first=$(echo "$hot" | head -n 1)
second=$(echo "$hot" | sed -n 2p)
r1=$(screen | sed -n "s/^ *1 *\([0-9.]*\) *$first .*/\1/p")
r2=$(screen | sed -n "s/^ *2 *\([0-9.]*\) *$second .*/\1/p")
[ -n "$r1" ] && [ -n "$r2" ] &&
    awk -v a="$r1" -v b="$r2" 'BEGIN { exit !(a + 0 >= b + 0) }' &&
    ok "risk decreasing ($r1, $r2)" ||
    not_ok "risk decreasing ($r1, $r2)"

keys 3
see "trend panel" "Compliance trend (12 months)"
keys 4
see "matrix panel" "Framework matrix"
see "matrix: a framework row" "DRC_MINING_CODE"

resize 200 60
see "large layout: four panels at once" "Framework matrix"
screen | grep -q "Risk hotspots" && screen | grep -q "National compliance" &&
    ok "large layout: map and hotspots together" ||
    not_ok "large layout: map and hotspots together"

# Live: another process stores a report for a not-assessed site.
keys 1
"$VO" interview start --framework VPSHR --site "Kisangani Gold Mine" \
    --site-code KIS-003 --auditor "Live test" >"$TMP/sid" 2>/dev/null
sid=$(tail -n 1 "$TMP/sid")
qid=$("$VO" interview next "$sid" --json | tr -d '\n' |
    sed -n 's/.*"question": *{ *"id": *"\([^"]*\)".*/\1/p')
"$VO" interview answer "$sid" "$qid" no >/dev/null 2>&1
"$VO" interview complete "$sid" >/dev/null 2>&1
"$VO" dashboard --json | tr -d ' \n' |
    grep -q '"code":"KIS-003","name":"KisanganiGoldMine","region":"[^"]*","latitude":[-0-9.]*,"longitude":[-0-9.]*,"status":"non_compliant"' &&
    ok "new report changes the site's status" ||
    not_ok "new report changes the site's status"
t=0
while [ $t -lt 100 ] && ! screen | grep "KIS-003" | grep -q " 0\.0"; do
	sleep 0.05
	t=$((t + 1))
done
screen | grep "KIS-003" | grep -q " 0\.0" &&
    ok "dashboard redrawn by itself with the new score ($((t * 50)) ms)" ||
    { not_ok "dashboard redrawn by itself with the new score"; screen | grep KIS; }
# Its hotspot entry lists its worst finding (the question answered no).
keys 2
ref=$("$VO" dashboard --json | tr -d '\n' |
    sed -n 's/.*"code": *"KIS-003"[^]]*"top_issues": *\[ *{ *"framework": *"[^"]*", *"ref": *"\([^"]*\)".*/\1/p')
[ -n "$ref" ] && ok "json: worst finding of KIS-003 ($ref)" ||
    not_ok "json: worst finding of KIS-003"
i=0
while [ $i -lt 20 ] && ! screen | grep -qF "$ref"; do
	keys Down
	sleep 0.05
	i=$((i + 1))
done
[ -n "$ref" ] && screen | grep -qF "$ref" &&
    ok "hotspots: the worst finding shown under the site" ||
    not_ok "hotspots: the worst finding shown under the site"
keys q
wait_exit 10 && is "exit 0" "$EXIT_STATUS" 0 || not_ok "exit 0"

#!/bin/sh
# SPDX-License-Identifier: MIT
# `vigilore dashboard --json` on the sample data: 20 markers whose
# statuses follow the 80/60 thresholds from their latest scores (no
# report: not assessed), hotspots ranked by decreasing risk, 12 trend
# months, matrix rows; and the same numbers after a newer report.
. "$(dirname "$0")/../lib.sh"

check_json() {
	python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def ok(c, m):
    print(("ok" if c else "not ok") + " - " + m)
m = d["markers"]
ok(len(m) == 20, "20 markers (%d)" % len(m))
bad = []
for x in m:
    s = x["score"]
    want = "not_assessed" if s is None else "compliant" if s >= 80 else \
        "review_needed" if s >= 60 else "non_compliant"
    if x["status"] != want:
        bad.append(x["code"])
ok(not bad, "statuses follow 80/60 from the latest scores %s" % bad)
ok(all(x["latitude"] is not None and x["longitude"] is not None for x in m),
   "every sample marker has coordinates")
ok(sum(1 for x in m if x["status"] == "not_assessed") == 5,
   "five sample sites without a report are not assessed")
h = d["hotspots"]
ok(len(h) == 15, "a hotspot per assessed site (%d)" % len(h))
ok(all(h[i]["risk_score"] >= h[i + 1]["risk_score"] for i in range(len(h) - 1)),
   "hotspots in decreasing risk")
ok(all(0 <= x["risk_score"] <= 100 for x in h), "risk scores within 0-100")
ok(len(d["trend"]) == 12, "12 trend months")
ok(len(d["framework_matrix"]) >= 4, "matrix rows for the four frameworks")
PY
}

"$VO" demo >/dev/null 2>&1
"$VO" dashboard --json >"$TMP/d1.json"
check_json "$TMP/d1.json"
kws=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print([x for x in d['markers'] if x['code']=='KWZ-012'][0]['status'])" "$TMP/d1.json")
is "KWZ-012 (67.3) review needed" "$kws" "review_needed"

# A newer report for KWZ-012 decides its status now.
sid=$("$VO" interview start --framework VPSHR --site "Kolwezi Cobalt Mine" \
    --site-code KWZ-012 --auditor t 2>/dev/null | tail -n 1)
qid=$("$VO" interview next "$sid" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['question']['id'])")
"$VO" interview answer "$sid" "$qid" yes >/dev/null
"$VO" interview complete "$sid" >/dev/null
"$VO" dashboard --json >"$TMP/d2.json"
kws=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); x=[x for x in d['markers'] if x['code']=='KWZ-012'][0]; print(x['status'], x['score'] >= 80)" "$TMP/d2.json")
is "latest report decides: KWZ-012 now compliant" "$kws" "compliant True"
check_json "$TMP/d2.json" | sed 's/ - / - after a new report: /'
expect_status 2 "bad option: exit 2" "$VO" dashboard --nope
if command -v valgrind >/dev/null 2>&1; then
	check "valgrind clean: dashboard --json" valgrind -q --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
	    "$VO" dashboard --json
	check "valgrind clean: dashboard" valgrind -q --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
	    "$VO" dashboard
else
	ok "# SKIP valgrind not installed"
fi

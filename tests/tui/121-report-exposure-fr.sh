#!/bin/sh
# SPDX-License-Identifier: MIT
# The report header at 80x24 in French: the penalty exposure keeps its
# whole amount (it was cut to "USD 1688" of USD 1688499.78, the French
# label being longer); the label is shortened instead.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

python3 "$TOP/tests/cli/answers_for.py" \
    "$TOP/assets/frameworks/drc_mining_code.json" low >"$TMP/low.json"
"$VO" interview run --framework DRC_MINING_CODE --site "Mine Basse" \
    --auditor A --answers "$TMP/low.json" >/dev/null 2>&1
TOTAL=$("$VO" reports --json | python3 -c '
import json, subprocess, sys
r = json.load(sys.stdin)["reports"][0]["report_id"]
d = json.loads(subprocess.run([sys.argv[1], "report", r], capture_output=True,
    text=True).stdout)
print("%.2f" % d["penalties"]["total_max_usd"])' "$VO")
tui_start 80 24
must_see "home" "Recent reports"
keys r
must_see "reports" "Mine Basse"
keys Enter
see "English: the whole amount" "USD $TOTAL"
keys Escape Escape
must_see "home again" "Recent reports"
keys L
must_see "home in French" "Rapports récents"
keys r
must_see "reports in French" "Mine Basse"
keys Enter
see "French: the whole amount" "USD $TOTAL"
keys Escape Escape q
wait_exit 10 && is "exit 0" "$EXIT_STATUS" 0 || not_ok "exit 0"

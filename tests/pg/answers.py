#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes an answers file for `vigilore interview run`: one valid value per
# question of a bank, varied by SEED so two runs give different answers.
#   python3 tests/pg/answers.py BANK.json SEED > answers.json
import json
import sys

bank = json.load(open(sys.argv[1]))
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
out = {}
for i, q in enumerate(bank["questions"]):
    k = i + seed
    t = q["type"]
    if t == "yes_no":
        v = "yes" if k % 3 else "no"
    elif t == "multiple_choice":
        v = q["options"][k % len(q["options"])]["value"]
    elif t == "multi_select":
        v = [q["options"][k % len(q["options"])]["value"]]
    elif t == "number":
        r = q.get("rule") or {}
        lo, hi = r.get("worst", 0), r.get("best", 10)
        v = min(lo, hi) + (k % 5) * abs(hi - lo) / 4
    elif t == "date":
        v = "2026-%02d-%02d" % (1 + k % 11, 1 + k % 27)
    elif t == "scale":
        v = 1 + k % 5
    else:
        v = "note %d from seed %d" % (i, seed)
    out[q["id"]] = v
json.dump(out, sys.stdout)

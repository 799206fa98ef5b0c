#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Prints an --answers file for `vigilore interview run`: a valid value
for every question of the bank given as argv[1]; with argv[2] = "low",
the least compliant values instead. Test helper."""
import json
import sys

bank = json.load(open(sys.argv[1]))
low = len(sys.argv) > 2 and sys.argv[2] == "low"
out = {}
for q in bank["questions"]:
    t = q["type"]
    if t == "yes_no":
        good = q["compliant"]
        out[q["id"]] = ("no" if good == "yes" else "yes") if low else good
    elif t in ("multiple_choice", "multi_select"):
        opts = sorted(q["options"], key=lambda o: o["score"])
        v = (opts[0] if low else opts[-1])["value"]
        out[q["id"]] = [v] if t == "multi_select" else v
    elif t == "number":
        lo, hi = q.get("min", 0), q.get("max", 100)
        r = q.get("rule")
        if r:
            out[q["id"]] = r["worst"] if low else r["best"]
        else:
            out[q["id"]] = lo
    elif t == "date":
        out[q["id"]] = "2020-01-01" if low else "2026-11-30"
    elif t == "scale":
        out[q["id"]] = 1 if low else 5
    else:
        out[q["id"]] = "Noted during the site visit."
print(json.dumps(out, ensure_ascii=False, indent=1))

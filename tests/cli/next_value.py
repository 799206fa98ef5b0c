#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Reads `vigilore interview next --json` on stdin and prints
"QID<TAB>VALUE" with a valid value for the current question, or nothing
when the session has no question left. Used by the CLI test scripts."""
import json
import sys

doc = json.load(sys.stdin)
q = doc.get("question")
if not q:
    sys.exit(0)
t = q["type"]
if t == "yes_no":
    v = "yes"
elif t in ("multiple_choice", "multi_select"):
    v = q["options"][0]["value"]
elif t == "number":
    v = q.get("min")
    v = "1" if v is None else "%g" % v
elif t == "date":
    v = "2026-01-15"
elif t == "scale":
    v = "4"
else:
    v = "Observed on site, é à ü"
print("%s\t%s" % (q["id"], v))

#!/bin/sh
# SPDX-License-Identifier: MIT
# Wall time of 1,000 scripted `vigilore interview run`s (start, every
# answer of the DRC bank, complete with scoring and penalties), each a
# separate process on one store.
set -u
RUNS=${BENCH_RUNS:-1000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export VIGILORE_DB=$tmp/bench.db
python3 tests/cli/answers_for.py assets/frameworks/drc_mining_code.json > "$tmp/all.json"
# Only the questions these answers ask: a follow-up whose trigger is not
# given would be ignored (with a note) and must not count as an answer.
python3 - "$tmp/all.json" assets/frameworks/drc_mining_code.json \
    > "$tmp/a.json" <<'PY'
import json, sys
answers = json.load(open(sys.argv[1]))
bank = json.load(open(sys.argv[2]))
child = set()
asked = set()
for q in bank["questions"]:
    for kids in (q.get("follow_ups") or {}).values():
        child.update(kids)
for q in bank["questions"]:           # parents come before their follow-ups
    if q["id"] in child and q["id"] not in asked:
        continue
    asked.add(q["id"])
    v = answers.get(q["id"])
    for key, kids in (q.get("follow_ups") or {}).items():
        if key == v or (isinstance(v, list) and key in v):
            asked.update(kids)
json.dump({k: v for k, v in answers.items() if k in asked}, sys.stdout)
PY
n=$(python3 -c "import json; print(len(json.load(open('$tmp/a.json'))))")
start=$(date +%s.%N)
i=0
while [ $i -lt "$RUNS" ]; do
	"$VO" interview run --framework DRC_MINING_CODE --site "Bench $i" \
	    --auditor B --answers "$tmp/a.json" >/dev/null || { echo "run $i failed"; exit 1; }
	i=$((i + 1))
done
end=$(date +%s.%N)
python3 -c "
t = $end - $start
print('   %d interview runs (%d answers each): %.1f s wall, %.1f ms per run, %.0f answers/s' % ($RUNS, $n, t, 1000 * t / $RUNS, $RUNS * $n / t))"

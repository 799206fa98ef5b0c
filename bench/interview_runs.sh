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
python3 tests/cli/answers_for.py assets/frameworks/drc_mining_code.json > "$tmp/a.json"
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

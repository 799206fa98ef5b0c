#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every test suite and prints one closing line: "N passed, N failed".
#
# A suite is a program printing TAP lines ("ok ..." / "not ok ..."):
# cmocka unit tests (CMOCKA_MESSAGE_OUTPUT=TAP) and shell tests using
# tests/lib.sh. A suite that exits non-zero without a "not ok" line (a
# crash, a sanitizer report) counts as one failure. Logs of failing
# suites are kept in build/test-logs/run-PID.
#
# Suites: every unit test in build/debug and build/asan; the threaded
# ones (tests/unit/*/*_mt_test.c) in build/tsan too; tests/cli/*.sh;
# tests/tui/*.sh; tests/pg/*.sh. VIGILORE_TEST_ONLY=glob limits the run.
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
# Each run keeps its logs in a directory of its own, so two runs side by
# side (developers sharing a tree) never delete or mix each other's logs;
# the directories of runs that have ended go when the next run starts.
mkdir -p "$top/build/test-logs"
for d in "$top"/build/test-logs/*; do
	[ -e "$d" ] || continue
	case ${d##*/} in
	run-*) kill -0 "${d##*-}" 2>/dev/null && continue ;;
	esac
	rm -rf "$d"
done
logs=$top/build/test-logs/run-$$
mkdir -p "$logs"
passed=0
failed=0
skipped=0
only=${VIGILORE_TEST_ONLY:-*}

export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:abort_on_error=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
export CMOCKA_MESSAGE_OUTPUT=TAP
export VIGILORE_ASSETS=$top/assets

run_suite() {
	name=$1
	shift
	case $name in
	$only) ;;
	*) return 0 ;;
	esac
	log=$logs/$(echo "$name" | tr '/ ' '__').log
	start=$(date +%s)
	# A hung suite fails after its time limit instead of hanging CI.
	timeout -k 10 "${VIGILORE_SUITE_TIMEOUT:-900}" "$@" >"$log" 2>&1 </dev/null
	rc=$?
	[ "$rc" -eq 124 ] && echo "not ok - $name timed out" >>"$log"
	end=$(date +%s)
	# TAP: "ok 3 # SKIP why" and "not ok 3 # SKIP why" are skips.
	skip=$(grep -aciE '^(not )?ok [^#]*# *skip' "$log")
	ok=$(grep -a '^ok ' "$log" | grep -aciE -v '# *skip')
	nok=$(grep -a '^not ok ' "$log" | grep -aciE -v '# *skip')
	if [ "$rc" -ne 0 ] && [ "$nok" -eq 0 ]; then
		nok=1
		echo "not ok - $name exited with status $rc" >>"$log"
	fi
	passed=$((passed + ok))
	failed=$((failed + nok))
	skipped=$((skipped + skip))
	if [ "$nok" -eq 0 ]; then
		printf 'PASS %-44s %4d ok %s %3ss\n' "$name" "$ok" \
		    "$([ "$skip" -gt 0 ] && echo "($skip skipped)")" $((end - start))
		grep -aiE '# *skip' "$log" | head -n 3 | sed 's/^/     /'
		rm -f "$log"
	else
		printf 'FAIL %-44s %4d ok %3d failed  %3ss  (log: %s)\n' \
		    "$name" "$ok" "$nok" $((end - start)) "$log"
		grep -aE '^not ok|ERROR|runtime error|Sanitizer' "$log" | head -n 8 |
		    sed 's/^/     /'
	fi
}

run_suite "check/source" sh tests/checksrc.sh
for variant in debug asan; do
	for t in build/$variant/tests/*/*_test; do
		[ -x "$t" ] || continue
		run_suite "$variant/${t#build/$variant/tests/}" "$t"
	done
done
for t in build/tsan/tests/*/*_mt_test; do
	[ -x "$t" ] || continue
	run_suite "tsan/${t#build/tsan/tests/}" "$t"
done
for dir in cli tui pg; do
	for t in tests/$dir/[0-9]*.sh; do
		[ -f "$t" ] || continue
		run_suite "$dir/$(basename "$t" .sh)" sh "$t"
	done
done

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]

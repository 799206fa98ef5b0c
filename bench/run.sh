#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every benchmark: the compiled ones (bench/*.c, built into
# BUILD/bench/) and the scripts (bench/*.sh, given the binary in $VO).
# Each prints its own figures and ratios. Targets are reported, never
# asserted: timing belongs here, not in tests.
set -u
cd "$(dirname "$0")/.."
BUILD=${1:-build/release}
export VIGILORE_ASSETS=$PWD/assets
export VO=$PWD/$BUILD/vigilore
export BENCH_BUILD=$PWD/$BUILD
for b in "$BUILD"/bench/*; do
	[ -x "$b" ] || continue
	echo "== $(basename "$b")"
	"$b" || echo "   (exited with status $?)"
done
for s in bench/*.sh; do
	[ -f "$s" ] && [ "$s" != bench/run.sh ] || continue
	echo "== $(basename "$s" .sh)"
	sh "$s" || echo "   (exited with status $?)"
done

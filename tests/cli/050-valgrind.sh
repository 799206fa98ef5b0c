#!/bin/sh
# SPDX-License-Identifier: MIT
# A full command-line interview under valgrind: no memory errors, no
# leaks (definite or indirect).
. "$(dirname "$0")/../lib.sh"
export VIGILORE_NOW=2026-12-03T10:00:00Z
if ! command -v valgrind >/dev/null 2>&1; then
	not_ok "valgrind is not installed (packaging/install-deps installs it)"
	exit 0
fi
VG="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99"

python3 "$TOP/tests/cli/answers_for.py" "$TOP/assets/frameworks/drc_mining_code.json" low > "$TMP/a.json"
vg() {
	_name=$1; shift
	$VG "$VO" "$@" >"$TMP/vg.out" 2>"$TMP/vg.err"
	_rc=$?
	if [ $_rc -eq 0 ] || { [ $_rc -eq 2 ] && [ "${EXPECT2:-}" = 1 ]; }; then
		ok "valgrind clean: $_name"
	else
		not_ok "valgrind: $_name (exit $_rc)"
		sed 's/^/#   /' "$TMP/vg.err" | head -n 30
	fi
}
vg "interview run (whole DRC bank)" interview run --framework DRC_MINING_CODE \
    --site "Valgrind Mine" --site-code VG-001 --auditor V --answers "$TMP/a.json" --json
S=$("$VO" interview start --framework ISO_45001 --site V --auditor V)
vg "interview next" interview next "$S" --json
vg "interview answer" interview answer "$S" iso45001_001 yes --notes "ok" --confidence 0.5
vg "interview progress" interview progress "$S"
EXPECT2=1 vg "a refused answer" interview answer "$S" iso45001_001 maybe
vg "interview complete" interview complete "$S"
vg "demo" demo
vg "reports" reports --json
rid=$("$VO" reports --json --site VG-001 | python3 -c "import json,sys; print(json.load(sys.stdin)['reports'][0]['report_id'])")
vg "report csv" report "$rid" --format csv
vg "report md" report "$rid" --format md -o "$TMP/r.md"
vg "db stats" db stats --json
vg "sessions" sessions --json

# SPDX-License-Identifier: MIT
# Helpers for shell test suites; prints TAP lines read by tests/run.sh.
#   . tests/lib.sh
#   check "name" command args...     passes when the command exits 0
#   expect_status N "name" cmd...    passes when the command exits N
#   is "name" "$got" "$want"
# VO is the binary under test (VIGILORE_BIN or build/debug/vigilore);
# each suite gets a fresh TMP directory, removed on exit.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
VO=${VIGILORE_BIN:-$TOP/build/debug/vigilore}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/vo-test.XXXXXX")
export VIGILORE_ASSETS=$TOP/assets
export VIGILORE_DB=$TMP/store.db
export HOME=$TMP
trap 'rm -rf "$TMP"' EXIT
_n=0

ok() { _n=$((_n + 1)); echo "ok $_n - $1"; }
not_ok() { _n=$((_n + 1)); echo "not ok $_n - $1"; }

check() {
	_name=$1; shift
	if "$@" >"$TMP/.out" 2>&1; then ok "$_name"; else
		not_ok "$_name"; sed 's/^/#   /' "$TMP/.out" | head -n 20; fi
}

expect_status() {
	_want=$1; _name=$2; shift 2
	"$@" >"$TMP/.out" 2>"$TMP/.err"
	_got=$?
	if [ "$_got" -eq "$_want" ]; then ok "$_name"; else
		not_ok "$_name (exit $_got, wanted $_want)"
		sed 's/^/#   /' "$TMP/.err" | head -n 10; fi
}

is() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		not_ok "$1"; echo "#   got:  $2"; echo "#   want: $3"; fi
}

# newest_report: the id of the newest report in the suite's store.
newest_report() {
	"$VO" reports --json | python3 -c 'import json, sys
print(json.load(sys.stdin)["reports"][0]["report_id"])'
}

# reader_setup: READER is the prefix that runs a command as a user whom
# file modes bind: "nobody" when the suite runs as root (root ignores
# them), nothing otherwise. Skips the suite when root cannot do that.
reader_setup() {
	READER=""
	[ "$(id -u)" -eq 0 ] || return 0
	if ! command -v runuser >/dev/null 2>&1 ||
	    ! id nobody >/dev/null 2>&1; then
		echo "ok 1 # SKIP root without runuser or a 'nobody' user"
		exit 0
	fi
	READER="runuser -u nobody --"
	chmod 0755 "$TMP"	# the reader must reach the files
}

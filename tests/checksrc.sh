#!/bin/sh
# SPDX-License-Identifier: MIT
# Source checks (STYLE.md C1, C13), printing TAP lines:
#  - layers: only tui/ includes curses; only db/ includes sqlite3.h or
#    libpq-fe.h; core/base/ includes no project header outside itself;
#    db/ includes no core/ header outside core/base/;
#  - banned calls: strcpy strcat sprintf vsprintf gets strtok atoi atol
#    alloca pthread_cancel, and raw allocators outside core/base/xmalloc.c;
#  - no // comments, no trailing whitespace in C sources.
cd "$(dirname "$0")/.."
n=0
fail() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/#   /' "$2" | head -n 20; }
pass() { n=$((n + 1)); echo "ok $n - $1"; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
csrc=$(git ls-files '*.c' '*.h' 2>/dev/null | grep -v '^tests/' ; ls core/*.[ch] core/*/*.[ch] db/*.[ch] tui/*.[ch] 2>/dev/null)
csrc=$(echo "$csrc" | sort -u)

grep -nE '#include *[<"](n?curses|ncursesw/)' $csrc 2>/dev/null | grep -v '^tui/' > "$out"
[ -s "$out" ] && fail "curses only in tui/" "$out" || pass "curses only in tui/"

grep -nE '#include *[<"](sqlite3|libpq-fe)\.h' $csrc 2>/dev/null | grep -v '^db/' > "$out"
[ -s "$out" ] && fail "sqlite3.h and libpq-fe.h only in db/" "$out" || pass "sqlite3.h and libpq-fe.h only in db/"

grep -nE '#include *"(core/[a-z_]+\.h|db/|tui/)' core/base/*.[ch] > "$out"
[ -s "$out" ] && fail "core/base includes only itself" "$out" || pass "core/base includes only itself"

grep -nE '#include *"(core/[a-z_]+\.h|tui/)' db/*.[ch] > "$out"
[ -s "$out" ] && fail "db/ includes no core/ or tui/ header" "$out" || pass "db/ includes no core/ or tui/ header"

grep -nE '#include *"tui/' core/*.[ch] core/*/*.[ch] 2>/dev/null > "$out"
[ -s "$out" ] && fail "core/ includes no tui/ header" "$out" || pass "core/ includes no tui/ header"

grep -nwE '(strcpy|strcat|sprintf|vsprintf|gets|strtok|atoi|atol|alloca|pthread_cancel) *\(' $csrc > "$out"
[ -s "$out" ] && fail "no banned calls" "$out" || pass "no banned calls"

grep -nwE '(malloc|calloc|realloc|strdup|strndup) *\(' $csrc | grep -v '^core/base/xmalloc\.c' |
    grep -vE ':[[:space:]]*(\*|/\*)' > "$out"
[ -s "$out" ] && fail "raw allocators only in xmalloc.c" "$out" || pass "raw allocators only in xmalloc.c"

grep -nE '^[^"]*[^:"]//' $csrc | grep -v 'https\?://' > "$out"
[ -s "$out" ] && fail "no // comments" "$out" || pass "no // comments"

grep -nE '[[:space:]]+$' $csrc > "$out"
[ -s "$out" ] && fail "no trailing whitespace" "$out" || pass "no trailing whitespace"

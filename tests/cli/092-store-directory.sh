#!/bin/sh
# SPDX-License-Identifier: MIT
# A store path that is a directory is named as one (the message was
# SQLite's "unable to open database file"), for a command and for
# $VIGILORE_DB, and nothing is created inside the directory.
. "$(dirname "$0")/../lib.sh"

mkdir "$TMP/dir"
expect_status 1 "--db DIR fails" "$VO" --db "$TMP/dir" sessions
is "--db DIR: the message says it is a directory" "$(cat "$TMP/.err")" \
    "vigilore: the store '$TMP/dir' is a directory: give the path of a file"
VIGILORE_DB=$TMP/dir expect_status 1 "VIGILORE_DB=DIR fails" \
    "$VO" interview start --framework VPSHR --site S --auditor A
grep -q "'$TMP/dir' is a directory" "$TMP/.err" &&
    ok "VIGILORE_DB=DIR: the message says it is a directory" ||
    not_ok "VIGILORE_DB=DIR: the message says it is a directory"
is "nothing created in the directory" "$(ls -A "$TMP/dir")" ""

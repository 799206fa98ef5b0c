#!/bin/sh
# SPDX-License-Identifier: MIT
# The config file as users write it and as it goes wrong: a value in
# quotes, garbage lines around it; a directory where the file should be
# is an error naming it, not "no server configured"; with no server, the
# message names the config file that was looked at.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-pg.sh"

check "db init --pg" "$VO" --pg "$CI" db init --pg

mkdir "$TMP/confdir"
VIGILORE_CONFIG="$TMP/confdir" expect_status 1 \
    "a directory as the config file fails" \
    "$VO" --db "$TMP/a.db" sync --once
grep -q "cannot read '$TMP/confdir': Is a directory" "$TMP/.err" &&
    ok "saying so and naming it" ||
    { not_ok "saying so and naming it"; sed 's/^/#   /' "$TMP/.err"; }
VIGILORE_CONFIG="$TMP/confdir" expect_status 1 "sync status too" \
    "$VO" --db "$TMP/a.db" sync status

VIGILORE_CONFIG="$TMP/nowhere/config" expect_status 1 \
    "a missing config file is no server" "$VO" --db "$TMP/a.db" sync --once
grep -q "no server configured.*'$TMP/nowhere/config'" "$TMP/.err" &&
    ok "the message names the file looked at" ||
    { not_ok "the message names the file looked at";
    sed 's/^/#   /' "$TMP/.err"; }
mkdir -p "$TMP/home"
(unset VIGILORE_CONFIG XDG_CONFIG_HOME; HOME=$TMP/home \
    "$VO" --db "$TMP/a.db" sync --once) 2>"$TMP/.err" >/dev/null
grep -q "'$TMP/home/.config/vigilore/config'" "$TMP/.err" &&
    ok "the default file is named too" ||
    { not_ok "the default file is named too"; sed 's/^/#   /' "$TMP/.err"; }

printf 'garbage line\n# pg = host=nowhere\n[server]\npgx = 1\n  pg   =  "%s"  \r\n' \
    "$CI" >"$TMP/dq"
VIGILORE_CONFIG="$TMP/dq" check "a value in double quotes, garbage around" \
    "$VO" --db "$TMP/a.db" sync --once
printf "pg='%s'\n" "$CI" >"$TMP/sq"
VIGILORE_CONFIG="$TMP/sq" check "a value in single quotes" \
    "$VO" --db "$TMP/a.db" sync --once
printf "pg = host='127.0.0.1' port=%s user=vigilore dbname='vigilore'\n" \
    "$PGPORT_TEST" >"$TMP/inner"
VIGILORE_CONFIG="$TMP/inner" check "quoted values inside the conninfo" \
    "$VO" --db "$TMP/a.db" sync --once

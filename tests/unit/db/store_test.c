/* SPDX-License-Identifier: MIT */
/* Unit tests for db/store: creation, identity, migration guard, clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "core/base/xmalloc.h"
#include "db/store.h"
#include "tests/unit/fixture.h"

static void
test_open_creates_private_file(void **state)
{
	struct store *s;
	struct stat sb;
	char *path = fixture_path("sub/dir/a.db"), *cause = NULL;

	(void)state;
	assert_int_equal(store_open(path, &s, &cause), DB_OK);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(strlen(store_device_code(s)), STORE_DEVICE_CODE_LEN);
	assert_int_equal(strlen(store_device_id(s)), 36);
	store_close(s);
	free(path);
}

static void
test_identity_survives_reopen(void **state)
{
	struct store *a, *b;
	char *path = fixture_path("b.db"), *cause = NULL, *id;

	(void)state;
	assert_int_equal(store_open(path, &a, &cause), DB_OK);
	id = xstrdup(store_device_id(a));
	store_close(a);
	assert_int_equal(store_open(path, &b, &cause), DB_OK);
	assert_string_equal(store_device_id(b), id);
	store_close(b);
	free(id);
	free(path);
}

static void
test_hlc_monotonic_across_connections(void **state)
{
	struct store *a, *b;
	char *path = fixture_path("c.db"), *cause = NULL;
	char h1[HLC_TEXT_MAX], h2[HLC_TEXT_MAX], h3[HLC_TEXT_MAX];

	(void)state;
	setenv("VIGILORE_NOW", "1000", 1);	/* a frozen clock */
	assert_int_equal(store_open(path, &a, &cause), DB_OK);
	assert_int_equal(store_open(path, &b, &cause), DB_OK);
	assert_int_equal(store_begin(a, &cause), DB_OK);
	store_hlc_next(a, h1);
	assert_int_equal(store_commit(a, &cause), DB_OK);
	assert_int_equal(store_begin(b, &cause), DB_OK);
	store_hlc_next(b, h2);
	store_hlc_next(b, h3);
	assert_int_equal(store_commit(b, &cause), DB_OK);
	assert_true(strcmp(h1, h2) < 0);
	assert_true(strcmp(h2, h3) < 0);
	unsetenv("VIGILORE_NOW");
	store_close(a);
	store_close(b);
	free(path);
}

static void
test_newer_schema_refused(void **state)
{
	struct store *s;
	sqlite3 *db;
	char *path = fixture_path("d.db"), *cause = NULL;

	(void)state;
	assert_int_equal(store_open(path, &s, &cause), DB_OK);
	store_close(s);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(path, &s, &cause), DB_ERROR);
	assert_non_null(strstr(cause, "newer"));
	assert_non_null(strstr(cause, path));
	free(cause);
	free(path);
}

static void
test_not_a_store(void **state)
{
	struct store *s;
	char *path = fixture_path("e.db"), *cause = NULL;
	FILE *f;

	(void)state;
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("this is not a database, just some text that is long enough "
	    "to fill a header of one hundred bytes or so for SQLite to look "
	    "at and refuse.\n", f);
	fclose(f);
	assert_int_not_equal(store_open(path, &s, &cause), DB_OK);
	assert_null(s);
	assert_non_null(strstr(cause, path));
	free(cause);
	free(path);
}

static void
test_counter_and_integrity(void **state)
{
	struct store *s;
	char *path = fixture_path("f.db"), *cause = NULL, *ok;

	(void)state;
	assert_int_equal(store_open(path, &s, &cause), DB_OK);
	assert_int_equal(store_begin(s, &cause), DB_OK);
	assert_int_equal(store_counter_next(s, "x"), 1);
	assert_int_equal(store_counter_next(s, "x"), 2);
	assert_int_equal(store_counter_next(s, "y"), 1);
	store_rollback(s);
	assert_int_equal(store_begin(s, &cause), DB_OK);
	assert_int_equal(store_counter_next(s, "x"), 1);
	assert_int_equal(store_commit(s, &cause), DB_OK);
	ok = store_integrity_check(s);
	assert_string_equal(ok, "ok");
	free(ok);
	store_close(s);
	free(path);
}

static void
test_default_path(void **state)
{
	char *p;

	(void)state;
	p = store_default_path("/x/y.db");
	assert_string_equal(p, "/x/y.db");
	free(p);
	setenv("VIGILORE_DB", "/env/store.db", 1);
	p = store_default_path(NULL);
	assert_string_equal(p, "/env/store.db");
	free(p);
	unsetenv("VIGILORE_DB");
	setenv("XDG_DATA_HOME", "/xdg", 1);
	p = store_default_path(NULL);
	assert_string_equal(p, "/xdg/vigilore/vigilore.db");
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_creates_private_file),
		cmocka_unit_test(test_identity_survives_reopen),
		cmocka_unit_test(test_hlc_monotonic_across_connections),
		cmocka_unit_test(test_newer_schema_refused),
		cmocka_unit_test(test_not_a_store),
		cmocka_unit_test(test_counter_and_integrity),
		cmocka_unit_test(test_default_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

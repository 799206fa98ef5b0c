/* SPDX-License-Identifier: MIT */
/* Sync table descriptions and COPY text helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/base/buf.h"
#include "core/base/xmalloc.h"
#include "db/pg.h"
#include "db/store.h"
#include "db/sync_tables.h"

static void
test_find(void **state)
{
	(void)state;
	assert_null(sync_tables_find(""));
	assert_null(sync_tables_find("outbox"));
	assert_non_null(sync_tables_find("answers"));
	assert_string_equal(sync_tables_find("answers")->key,
	    "session_id, question_id");
	assert_int_equal(sync_tables_col(sync_tables_find("answers"), "hlc"),
	    10);
	assert_int_equal(sync_tables_col(sync_tables_find("answers"), "x"),
	    -1);
	/* Jobs travel up but are never pulled. */
	assert_int_equal(sync_tables_find("jobs")->pull, 0);
	assert_int_equal(sync_tables_find("answer_history")->append_only, 1);
}

/* The descriptions match the local schema v1, column by column. */
static void
test_matches_local_schema(void **state)
{
	char dir[] = "/tmp/vo-sync-test.XXXXXX", *path, *cause = NULL;
	struct store *s;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/store.db", dir);
	assert_int_equal(store_open(path, &s, &cause), DB_OK);
	if (sync_tables_check(s, &cause) != DB_OK)
		fail_msg("%s", cause);
	store_close(s);
	unlink(path);
	free(path);
	path = xasprintf("%s/store.db-wal", dir);
	unlink(path);
	free(path);
	path = xasprintf("%s/store.db-shm", dir);
	unlink(path);
	free(path);
	rmdir(dir);
}

static void
test_copy_roundtrip(void **state)
{
	static const char *const in[] = {
		"", "plain", "tab\there", "line\nbreak\r\n", "back\\slash",
		"\\N", "é ünïcode", NULL
	};
	struct buf b;
	char *fields[16];
	size_t i;
	int n;

	(void)state;
	buf_init(&b, 0);
	for (i = 0; in[i] != NULL; i++) {
		if (i > 0)
			buf_putc(&b, '\t');
		sync_tables_copy_field(&b, in[i]);
	}
	buf_putc(&b, '\t');
	sync_tables_copy_field(&b, NULL);
	assert_null(strchr(b.data, '\n'));
	n = sync_tables_copy_split(b.data, fields, 16);
	assert_int_equal(n, 8);
	for (i = 0; in[i] != NULL; i++)
		assert_string_equal(fields[i], in[i]);
	assert_null(fields[7]);
	buf_release(&b);
}

static void
test_copy_split_bad(void **state)
{
	char bad1[] = "a\\x", bad2[] = "a\tb\tc", bad3[] = "x\\N";
	char *fields[2];

	(void)state;
	assert_int_equal(sync_tables_copy_split(bad1, fields, 2), -1);
	assert_int_equal(sync_tables_copy_split(bad2, fields, 2), -1);
	assert_int_equal(sync_tables_copy_split(bad3, fields, 2), -1);
	assert_int_equal(sync_tables_copy_split(bad3, fields, 0), -1);
}

static void
test_cols(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	sync_tables_cols(sync_tables_find("answers"), &b, "s.");
	assert_true(strncmp(b.data, "s.id, s.session_id, ", 20) == 0);
	buf_reset(&b);
	sync_tables_set_excluded(sync_tables_find("sites"), &b);
	assert_true(strncmp(b.data, "id = excluded.id, code = excluded.code",
	    38) == 0);
	buf_release(&b);
}

/*
 * Answers travel as their history rows: every answer column exists in
 * answer_history under the same name, but the id, which is answer_id.
 */
static void
test_via(void **state)
{
	const struct sync_table *a = sync_tables_find("answers"), *h;
	struct buf b;
	size_t i;

	(void)state;
	assert_non_null(a->via);
	h = sync_tables_find(a->via);
	assert_non_null(h);
	assert_null(h->via);
	assert_true(h->append_only);
	for (i = 0; a->cols[i] != NULL; i++)
		assert_true(sync_tables_col(h, strcmp(a->cols[i], "id") == 0 ?
		    a->via_id : a->cols[i]) >= 0);
	buf_init(&b, 0);
	sync_tables_via_cols(a, &b, 1);
	assert_true(strncmp(b.data, "answer_id AS id, session_id, ", 29) ==
	    0);
	assert_null(strstr(b.data, "session_id AS"));
	buf_reset(&b);
	sync_tables_via_cols(a, &b, 0);
	assert_true(strncmp(b.data, "answer_id, session_id, ", 23) == 0);
	buf_release(&b);
}

/* A password never survives scrubbing, in either conninfo form. */
static void
test_scrub(void **state)
{
	char *s;

	(void)state;
	s = pg_conninfo_scrub("host=db port=5433 user=ann password=s3cret "
	    "dbname=vo sslmode=require");
	assert_null(strstr(s, "s3cret"));
	assert_non_null(strstr(s, "host=db"));
	assert_non_null(strstr(s, "port=5433"));
	assert_non_null(strstr(s, "sslmode=require"));
	free(s);
	s = pg_conninfo_scrub("postgresql://ann:s3cret@db:5433/vo");
	assert_null(strstr(s, "s3cret"));
	assert_non_null(strstr(s, "user=ann"));
	free(s);
	s = pg_conninfo_scrub("host='unterminated");
	assert_string_equal(s, "(malformed conninfo)");
	free(s);
	s = pg_conninfo_scrub("");
	assert_string_equal(s, "(libpq defaults)");
	free(s);
}

static void
test_resolve(void **state)
{
	char dir[] = "/tmp/vo-sync-conf.XXXXXX", *path, *out, *cause = NULL;
	FILE *f;

	(void)state;
	unsetenv("DATABASE_URL");
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/config", dir);
	setenv("VIGILORE_CONFIG", path, 1);
	assert_int_equal(pg_conninfo_resolve(NULL, &out, &cause), 0);
	assert_null(out);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("# comment\nlang = fr\npg = host=cfg dbname=x  \n", f);
	fclose(f);
	assert_int_equal(pg_conninfo_resolve(NULL, &out, &cause), 1);
	assert_string_equal(out, "host=cfg dbname=x");
	free(out);
	setenv("DATABASE_URL", "postgresql://env/x", 1);
	assert_int_equal(pg_conninfo_resolve(NULL, &out, &cause), 1);
	assert_string_equal(out, "postgresql://env/x");
	free(out);
	assert_int_equal(pg_conninfo_resolve("host=arg", &out, &cause), 1);
	assert_string_equal(out, "host=arg");
	free(out);
	unsetenv("DATABASE_URL");
	/* The last line wins, an empty one too: no server. */
	f = fopen(path, "a");
	assert_non_null(f);
	fputs("pg = ''\n", f);
	fclose(f);
	assert_int_equal(pg_conninfo_resolve(NULL, &out, &cause), 0);
	assert_null(out);
	unsetenv("VIGILORE_CONFIG");
	unlink(path);
	free(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_matches_local_schema),
		cmocka_unit_test(test_copy_roundtrip),
		cmocka_unit_test(test_copy_split_bad),
		cmocka_unit_test(test_cols),
		cmocka_unit_test(test_via),
		cmocka_unit_test(test_scrub),
		cmocka_unit_test(test_resolve),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

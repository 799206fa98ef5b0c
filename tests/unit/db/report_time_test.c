/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the server time of a report (reports.server_received_at):
 * the report JSON shows it beside the device's created_at, null until a
 * sync server stamped it; the stored body never carries it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>
#include <sqlite3.h>

#include "core/base/xmalloc.h"
#include "core/report.h"
#include "db/reports.h"
#include "db/store.h"
#include "tests/unit/fixture.h"

static json_t *
report_time_new(const char *uuid, const char *rep)
{
	return json_pack("{s:s, s:i, s:s, s:s, s:s, s:b, s:{s:s, s:s}, "
	    "s:{s:s, s:n}, s:s, s:s, s:s, s:n, s:[], s:[]}", "format",
	    "vigilore-report", "format_version", 1, "id", uuid, "report_id",
	    rep, "kind", "interview", "sample", 0, "site", "code", "TST-001",
	    "name", "Test site", "auditor", "name", "Ann", "email",
	    "language", "en", "audit_date", "2025-10-29", "created_at",
	    "2025-10-29T08:00:00Z", "score", "frameworks", "findings");
}

/* Runs SQL on the store file through a connection of its own. */
static void
report_time_sql(const char *path, const char *sql, char *out, size_t len)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	const unsigned char *t;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && out != NULL) {
		t = sqlite3_column_text(st, 0);
		snprintf(out, len, "%s", t != NULL ? (const char *)t : "NULL");
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* The key after "created_at" in R, or "". */
static const char *
report_time_after_created(json_t *r)
{
	const char *key;
	json_t *v;
	int next = 0;

	json_object_foreach(r, key, v) {
		if (next)
			return key;
		next = strcmp(key, "created_at") == 0;
	}
	return "";
}

static void
test_null_until_stamped(void **state)
{
	struct store *s;
	json_t *r, *l;
	char *path = fixture_path("a.db"), *cause = NULL, got[256];

	(void)state;
	assert_int_equal(store_open(path, &s, &cause), DB_OK);
	r = report_time_new("00000000-0000-4000-8000-000000000001",
	    "REP-2025-TEST-1");
	assert_int_equal(store_begin(s, &cause), DB_OK);
	assert_int_equal(report_save(s, r, &cause), 0);
	assert_int_equal(store_commit(s, &cause), DB_OK);
	/* The saved report says where it stands too. */
	assert_true(json_is_null(json_object_get(r, "server_received_at")));
	json_decref(r);

	assert_int_equal(report_load(s, "REP-2025-TEST-1", &l, &cause), 0);
	assert_non_null(json_object_get(l, "server_received_at"));
	assert_true(json_is_null(json_object_get(l, "server_received_at")));
	assert_string_equal(report_time_after_created(l),
	    "server_received_at");
	assert_string_equal(json_string_value(json_object_get(l,
	    "created_at")), "2025-10-29T08:00:00Z");
	json_decref(l);

	report_time_sql(path, "UPDATE reports SET server_received_at = "
	    "'2026-12-03T10:00:00Z'", NULL, 0);
	assert_int_equal(report_load(s, "REP-2025-TEST-1", &l, &cause), 0);
	assert_string_equal(json_string_value(json_object_get(l,
	    "server_received_at")), "2026-12-03T10:00:00Z");
	assert_string_equal(json_string_value(json_object_get(l,
	    "created_at")), "2025-10-29T08:00:00Z");
	assert_string_equal(report_time_after_created(l),
	    "server_received_at");
	/* Every other field is still there, in its order. */
	assert_string_equal(json_string_value(json_object_get(l,
	    "format")), "vigilore-report");
	assert_non_null(json_object_get(l, "findings"));
	json_decref(l);

	report_time_sql(path, "SELECT count(*) FROM reports WHERE body LIKE "
	    "'%server_received%'", got, sizeof got);
	assert_string_equal(got, "0");
	store_close(s);
	free(path);
}

static void
test_body_never_carries_it(void **state)
{
	struct store *s;
	json_t *r, *l;
	char *path = fixture_path("b.db"), *cause = NULL, got[256];

	(void)state;
	assert_int_equal(store_open(path, &s, &cause), DB_OK);
	/* A loaded report saved again (under a new id) with a stale time. */
	r = report_time_new("00000000-0000-4000-8000-000000000002",
	    "REP-2025-TEST-2");
	json_object_set_new(r, "server_received_at",
	    json_string("1999-01-01T00:00:00Z"));
	assert_int_equal(store_begin(s, &cause), DB_OK);
	assert_int_equal(report_save(s, r, &cause), 0);
	assert_int_equal(store_commit(s, &cause), DB_OK);
	json_decref(r);
	report_time_sql(path, "SELECT count(*) FROM reports WHERE body LIKE "
	    "'%server_received%'", got, sizeof got);
	assert_string_equal(got, "0");
	assert_int_equal(report_load(s, "REP-2025-TEST-2", &l, &cause), 0);
	assert_true(json_is_null(json_object_get(l, "server_received_at")));
	json_decref(l);
	store_close(s);
	free(path);
}

static void
test_list_shows_both_times(void **state)
{
	struct store *s;
	struct db_report_filter f;
	struct db_report *v;
	json_t *r;
	char *path = fixture_path("c.db"), *cause = NULL;
	size_t n, total;

	(void)state;
	assert_int_equal(store_open(path, &s, &cause), DB_OK);
	r = report_time_new("00000000-0000-4000-8000-000000000003",
	    "REP-2025-TEST-3");
	assert_int_equal(store_begin(s, &cause), DB_OK);
	assert_int_equal(report_save(s, r, &cause), 0);
	assert_int_equal(store_commit(s, &cause), DB_OK);
	json_decref(r);
	memset(&f, 0, sizeof f);
	assert_int_equal(db_report_list(s, &f, &v, &n, &total, &cause),
	    DB_OK);
	assert_int_equal(n, 1);
	assert_null(v[0].server_received_at);
	assert_string_equal(v[0].created_at, "2025-10-29T08:00:00Z");
	db_report_list_free(v, n);
	report_time_sql(path, "UPDATE reports SET server_received_at = "
	    "'2026-12-03T10:00:01Z'", NULL, 0);
	assert_int_equal(db_report_list(s, &f, &v, &n, &total, &cause),
	    DB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].server_received_at, "2026-12-03T10:00:01Z");
	db_report_list_free(v, n);
	store_close(s);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_until_stamped),
		cmocka_unit_test(test_body_never_carries_it),
		cmocka_unit_test(test_list_shows_both_times),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

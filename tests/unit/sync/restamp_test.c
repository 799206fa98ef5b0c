/* SPDX-License-Identifier: MIT */
/*
 * Re-stamping queued rows stamped far ahead of the server clock: new
 * versions from the server clock, old stamps recorded, the store's clock
 * pulled back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/base/xmalloc.h"
#include "db/answers.h"
#include "db/pg_int.h"
#include "db/sessions.h"
#include "db/store.h"
#include "db/sync_restamp.h"
#include "tests/unit/fixture.h"

#define SRV_MS	INT64_C(1796292000000)		/* 2026-12-03T10:00:00Z */
#define AHEAD_MS (INT64_C(30) * 86400 * 1000)	/* 30 days */

struct restamp_test {
	char		 dir[64];
	char		*path;
	struct store	*s;
};

static void
set_now(int64_t ms)
{
	char v[32];

	snprintf(v, sizeof v, "%lld", (long long)ms);
	setenv("VIGILORE_NOW", v, 1);
}

static int64_t
count(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;

	assert_int_equal(sqlite3_prepare_v2(store_handle(s), sql, -1, &st,
	    NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void
put_answer(struct store *s, const char *sid, const char *qid,
    const char *value)
{
	struct db_answer a;
	char *cause = NULL;

	memset(&a, 0, sizeof a);
	a.session_id = (char *)sid;
	a.question_id = (char *)qid;
	a.state = (char *)"answered";
	a.value = (char *)value;
	a.author = (char *)"Fay";
	assert_int_equal(store_begin(s, &cause), DB_OK);
	assert_int_equal(db_answer_put(s, &a, &cause), DB_OK);
	assert_int_equal(store_commit(s, &cause), DB_OK);
}

static int
setup(void **state)
{
	struct restamp_test *t = xcalloc(1, sizeof *t);
	struct db_session ses;
	char *cause = NULL;

	snprintf(t->dir, sizeof t->dir, "/tmp/vo-sync-restamp.XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	t->path = xasprintf("%s/store.db", t->dir);
	assert_int_equal(store_open(t->path, &t->s, &cause), DB_OK);
	/* A device clock 30 days ahead of the server's. */
	set_now(SRV_MS + AHEAD_MS);
	memset(&ses, 0, sizeof ses);
	ses.id = (char *)"11111111-1111-4111-8111-111111111111";
	ses.framework = (char *)"VPSHR";
	ses.site_name = (char *)"Future Pit";
	ses.auditor = (char *)"Fay";
	ses.lang = (char *)"en";
	ses.status = (char *)"in_progress";
	assert_int_equal(store_begin(t->s, &cause), DB_OK);
	assert_int_equal(db_session_insert(t->s, &ses, &cause), DB_OK);
	assert_int_equal(store_commit(t->s, &cause), DB_OK);
	put_answer(t->s, ses.id, "q1", "\"yes\"");
	put_answer(t->s, ses.id, "q2", "\"no\"");
	put_answer(t->s, ses.id, "q1", "\"no\"");
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct restamp_test *t = *state;

	unsetenv("VIGILORE_NOW");
	store_close(t->s);
	fixture_unlink_store(t->path);
	rmdir(t->dir);
	free(t->path);
	free(t);
	return 0;
}

static void
test_restamp(void **state)
{
	struct restamp_test *t = *state;
	char *cause = NULL, limit[32], sql[512], hlc[HLC_TEXT_MAX];
	size_t n = 0;

	snprintf(limit, sizeof limit, "%013lld",
	    (long long)(SRV_MS + PG_MAX_DRIFT_MS + 1));
	snprintf(sql, sizeof sql, "SELECT count(*) FROM outbox WHERE hlc >= "
	    "'%s'", limit);
	assert_int_equal(count(t->s, sql), 4);

	/* Nothing queued after the last change: nothing done. */
	assert_int_equal(sync_restamp(t->s, SRV_MS, count(t->s, "SELECT "
	    "max(seq) FROM outbox"), 0, &n, &cause), DB_OK);
	assert_int_equal(n, 0);
	assert_int_equal(count(t->s, sql), 4);

	assert_int_equal(sync_restamp(t->s, SRV_MS, 0, 1, &n, &cause), DB_OK);
	assert_int_equal(n, 4);		/* the session, three versions */
	assert_int_equal(count(t->s, sql), 0);
	assert_int_equal(count(t->s, "SELECT count(*) FROM outbox"), 4);
	/* Three new history rows beside the three old ones. */
	assert_int_equal(count(t->s, "SELECT count(*) FROM answer_history"),
	    6);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM answer_history WHERE "
	    "hlc < '%s' AND id IN (SELECT row_id FROM outbox)", limit);
	assert_int_equal(count(t->s, sql), 3);
	/* Each answer holds the stamp of its newest new version. */
	assert_int_equal(count(t->s, "SELECT count(*) FROM answers a WHERE "
	    "hlc = (SELECT max(h.hlc) FROM answer_history h JOIN outbox o ON "
	    "o.row_id = h.id WHERE h.session_id = a.session_id AND "
	    "h.question_id = a.question_id)"), 2);
	assert_int_equal(count(t->s, "SELECT count(*) FROM answers WHERE "
	    "question_id = 'q1' AND value = '\"no\"'"), 1);
	/* The device's times are kept. */
	assert_int_equal(count(t->s, "SELECT count(DISTINCT answered_at) "
	    "FROM answer_history"), 1);
	/* The new stamps start at the server clock, in the old order. */
	snprintf(sql, sizeof sql, "SELECT count(*) FROM outbox WHERE hlc "
	    "LIKE '%013lld-%%'", (long long)SRV_MS);
	assert_int_equal(count(t->s, sql), 4);
	assert_int_equal(count(t->s, "SELECT count(*) FROM sync_quarantine "
	    "WHERE side = 'push' AND reason LIKE '%re-stamped%'"), 4);
	/* The store's clock is pulled back to the newest new stamp. */
	assert_int_equal(count(t->s, "SELECT count(*) FROM meta WHERE key = "
	    "'hlc_last' AND value = (SELECT max(hlc) FROM outbox)"), 1);

	/* Once more: nothing left to re-stamp. */
	assert_int_equal(sync_restamp(t->s, SRV_MS, 0, 100, &n, &cause),
	    DB_OK);
	assert_int_equal(n, 4);

	/* A corrected clock now stamps after the new versions. */
	set_now(SRV_MS + 1000);
	assert_int_equal(store_begin(t->s, &cause), DB_OK);
	store_hlc_next(t->s, hlc);
	store_rollback(t->s);
	assert_true(strncmp(hlc, limit, 13) < 0);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM outbox WHERE hlc >= "
	    "'%s'", hlc);
	assert_int_equal(count(t->s, sql), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_restamp, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

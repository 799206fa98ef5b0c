/* SPDX-License-Identifier: MIT */
/* Local sync bookkeeping: state keys, quarantine, statistics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/base/xmalloc.h"
#include "db/store.h"
#include "db/sync_local.h"
#include "tests/unit/fixture.h"

struct local_test {
	char		 dir[64];
	char		*path;
	struct store	*s;
};

static int
setup(void **state)
{
	struct local_test *t = xcalloc(1, sizeof *t);
	char *cause = NULL;

	snprintf(t->dir, sizeof t->dir, "/tmp/vo-sync-local.XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	t->path = xasprintf("%s/store.db", t->dir);
	assert_int_equal(store_open(t->path, &t->s, &cause), DB_OK);
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct local_test *t = *state;

	store_close(t->s);
	fixture_unlink_store(t->path);
	rmdir(t->dir);
	free(t->path);
	free(t);
	return 0;
}

static void
test_parse_iso(void **state)
{
	(void)state;
	assert_int_equal(sync_local_parse_iso(NULL), 0);
	assert_int_equal(sync_local_parse_iso(""), 0);
	assert_int_equal(sync_local_parse_iso("2026-12-03"), 0);
	assert_int_equal(sync_local_parse_iso("2026-13-03T00:00:00Z"), 0);
	assert_int_equal(sync_local_parse_iso("1970-01-01T00:00:01Z"), 1000);
	assert_true(sync_local_parse_iso("2026-12-03T10:00:00Z") ==
	    INT64_C(1796292000000));
}

static void
test_state(void **state)
{
	struct local_test *t = *state;
	char *v, *cause = NULL;

	assert_null(sync_local_get(t->s, "cursor"));
	assert_int_equal(sync_local_set(t->s, "cursor", "42", &cause), DB_OK);
	v = sync_local_get(t->s, "cursor");
	assert_string_equal(v, "42");
	free(v);
	assert_int_equal(sync_local_set(t->s, "cursor", "43", &cause), DB_OK);
	v = sync_local_get(t->s, "cursor");
	assert_string_equal(v, "43");
	free(v);
	assert_int_equal(sync_local_set(t->s, "cursor", NULL, &cause), DB_OK);
	assert_null(sync_local_get(t->s, "cursor"));
}

static void
test_quarantine_and_stats(void **state)
{
	struct local_test *t = *state;
	struct sync_local_refused *r;
	struct sync_local_stats st;
	char *cause = NULL;
	size_t n;

	assert_int_equal(sync_local_stats(t->s, &st, &cause), DB_OK);
	assert_int_equal(st.pending, 0);
	assert_int_equal(st.quarantined, 0);
	assert_int_equal(st.last_sync_ms, 0);
	assert_null(st.last_error);
	sync_local_stats_release(&st);

	assert_int_equal(sync_local_quarantine(t->s, "push", "answers", "a1",
	    NULL, "first", NULL, &cause), DB_OK);
	assert_int_equal(sync_local_quarantine(t->s, "pull", "sites", NULL,
	    "h", "second", "{}", &cause), DB_OK);
	assert_int_equal(sync_local_set(t->s, "last_sync",
	    "2026-12-03T10:00:00Z", &cause), DB_OK);
	assert_int_equal(sync_local_set(t->s, "last_error", "", &cause),
	    DB_OK);
	assert_int_equal(sync_local_set(t->s, "clock_skew_s", "-3600",
	    &cause), DB_OK);
	assert_int_equal(sync_local_stats(t->s, &st, &cause), DB_OK);
	assert_int_equal(st.quarantined, 2);
	assert_true(st.last_sync_ms == INT64_C(1796292000000));
	assert_null(st.last_error);	/* empty means none */
	assert_true(st.clock_skew_ms == INT64_C(-3600000));
	sync_local_stats_release(&st);

	assert_int_equal(sync_local_refused_list(t->s, 1, &r, &n, &cause),
	    DB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].reason, "second");	/* newest first */
	assert_null(r[0].row_id);
	sync_local_refused_free(r, n);
	assert_int_equal(sync_local_refused_list(t->s, 10, &r, &n, &cause),
	    DB_OK);
	assert_int_equal(n, 2);
	assert_string_equal(r[1].tbl, "answers");
	assert_string_equal(r[1].side, "push");
	sync_local_refused_free(r, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_iso),
		cmocka_unit_test_setup_teardown(test_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quarantine_and_stats,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

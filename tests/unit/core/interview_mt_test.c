/* SPDX-License-Identifier: MIT */
/*
 * Threads answering different sessions of one store at once, each with
 * its own connection (the threading model of DESIGN.md): every answer
 * is stored, none fails with "database is locked". Runs under TSan too.
 */
#include <pthread.h>
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
#include "core/framework.h"
#include "core/interview.h"
#include "db/answers.h"
#include "db/store.h"

#define MT_THREADS	4
#define MT_ANSWERS	40

struct mt_arg {
	const char		*path;
	const struct framework_set *set;
	char			*session;
	int			 failures;
	char			*cause;
};

static void *
mt_writer(void *p)
{
	struct mt_arg *a = p;
	struct interview_input in;
	struct interview *iv;
	struct store *s;
	int i;

	if (store_open(a->path, &s, &a->cause) != DB_OK) {
		a->failures++;
		return NULL;
	}
	if (interview_load(s, a->set, a->session, &iv, &a->cause) !=
	    INTERVIEW_OK) {
		a->failures++;
		store_close(s);
		return NULL;
	}
	memset(&in, 0, sizeof in);
	for (i = 0; i < MT_ANSWERS; i++) {
		in.value = i % 2 ? "yes" : "no";
		if (interview_answer(s, iv, "drc_001", &in, &a->cause) !=
		    INTERVIEW_OK) {
			a->failures++;
			break;
		}
	}
	interview_free(iv);
	store_close(s);
	return NULL;
}

static void
test_threads_share_a_store(void **state)
{
	struct interview_params p = { .framework = "DRC_MINING_CODE",
	    .site_name = "MT", .auditor = "T" };
	struct framework_set set;
	struct mt_arg args[MT_THREADS];
	pthread_t th[MT_THREADS];
	struct store *s;
	char dir[] = "/tmp/vo-mt.XXXXXX", *path, *cause = NULL;
	size_t n;
	int i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/mt.db", dir);
	assert_int_equal(framework_set_load_default(&set, &cause), 0);
	assert_int_equal(store_open(path, &s, &cause), DB_OK);
	for (i = 0; i < MT_THREADS; i++) {
		memset(&args[i], 0, sizeof args[i]);
		args[i].path = path;
		args[i].set = &set;
		assert_int_equal(interview_start(s, &set, &p, &args[i].session,
		    &cause), INTERVIEW_OK);
	}
	for (i = 0; i < MT_THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, mt_writer,
		    &args[i]), 0);
	for (i = 0; i < MT_THREADS; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < MT_THREADS; i++) {
		if (args[i].cause != NULL)
			print_error("thread %d: %s\n", i, args[i].cause);
		assert_int_equal(args[i].failures, 0);
		assert_int_equal(db_answer_history_count(s, args[i].session,
		    &n, &cause), DB_OK);
		assert_int_equal(n, MT_ANSWERS);
		free(args[i].session);
	}
	store_close(s);
	framework_set_release(&set);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads_share_a_store),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

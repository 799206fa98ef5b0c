/* SPDX-License-Identifier: MIT */
/*
 * Durable answer-commit latency: the time interview_answer() takes to
 * validate, write (answer, history, outbox, session) and COMMIT with
 * synchronous=FULL, on a fresh store in a temporary directory. Prints
 * the median and the 99th percentile over N answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/base/xmalloc.h"
#include "core/framework.h"
#include "core/interview.h"
#include "db/store.h"

#define BENCH_ANSWERS 2000

static double
bench_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(void)
{
	struct interview_params p = { .framework = "DRC_MINING_CODE",
	    .site_name = "Bench", .auditor = "Bench" };
	struct interview_input in;
	struct framework_set set;
	struct interview *iv;
	struct store *store;
	char dir[] = "/tmp/vo-bench.XXXXXX", *path, *id, *cause = NULL;
	double *lat, t;
	int i;

	if (mkdtemp(dir) == NULL)
		return 1;
	path = xasprintf("%s/bench.db", dir);
	if (framework_set_load_default(&set, &cause) == -1 ||
	    store_open(path, &store, &cause) != DB_OK ||
	    interview_start(store, &set, &p, &id, &cause) != INTERVIEW_OK ||
	    interview_load(store, &set, id, &iv, &cause) != INTERVIEW_OK) {
		fprintf(stderr, "bench: %s\n", cause);
		return 1;
	}
	lat = xcalloc(BENCH_ANSWERS, sizeof *lat);
	memset(&in, 0, sizeof in);
	for (i = 0; i < BENCH_ANSWERS; i++) {
		/* Alternate the answer so every commit is a real change. */
		in.value = i % 2 ? "yes" : "no";
		t = bench_now_us();
		if (interview_answer(store, iv, "drc_001", &in, &cause) !=
		    INTERVIEW_OK) {
			fprintf(stderr, "bench: %s\n", cause);
			return 1;
		}
		lat[i] = bench_now_us() - t;
	}
	qsort(lat, BENCH_ANSWERS, sizeof *lat, bench_cmp);
	printf("durable answer commit (synchronous=FULL, WAL), %d answers:\n"
	    "   median %.0f us, p99 %.0f us, max %.0f us\n", BENCH_ANSWERS,
	    lat[BENCH_ANSWERS / 2], lat[BENCH_ANSWERS * 99 / 100],
	    lat[BENCH_ANSWERS - 1]);
	interview_free(iv);
	store_close(store);
	framework_set_release(&set);
	free(lat);
	free(id);
	unlink(path);
	free(path);
	for (i = 0; i < 3; i++) {
		char *f = xasprintf("%s/bench.db%s", dir, i == 0 ? "-wal" :
		    i == 1 ? "-shm" : "");

		unlink(f);
		free(f);
	}
	rmdir(dir);
	return 0;
}

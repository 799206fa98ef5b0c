/* SPDX-License-Identifier: MIT */
/*
 * The job runner with real threads and a real store (also run under
 * ThreadSanitizer): several documents at once all finish, cancel and
 * retry, a failing document leaves the others alone, a job whose process
 * died is taken up again, the time limit fails a job with its reason.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/base/xmalloc.h"
#include "core/framework.h"
#include "core/interview.h"
#include "core/jobs.h"
#include "core/pipeline.h"
#include "db/jobs.h"
#include "db/store.h"

static char dir[64];
static atomic_int nevents;

static const char *const doc_lines[] = {
	"The site holds a valid exploitation permit covering all extraction "
	"areas, renewed in March 2025.\n",
	"No evacuation drill has been conducted since 2022 and the emergency "
	"procedure is outdated.\n",
	"All workers are provided with helmets, boots and respirators, "
	"inspected weekly.\n",
	"Hazardous waste is not segregated and drums were dumped in an "
	"unauthorised pit.\n",
};

static char *
write_doc(const char *name, int pages)
{
	char *path;
	FILE *f;
	int p, k;

	path = xasprintf("%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	for (p = 0; p < pages; p++) {
		for (k = 0; k < 4; k++)
			fputs(doc_lines[(p + k) % 4], f);
		fputc('\f', f);
	}
	fclose(f);
	return path;
}

static void
on_event(void *arg, const struct jobs_event *ev)
{
	(void)arg;
	(void)ev;
	atomic_fetch_add(&nevents, 1);
}

static char *
submit(struct store *s, const char *input)
{
	struct pipeline_request req;
	char id[UUID_TEXT_LEN], *cause = NULL;
	char *fws[2];

	memset(&req, 0, sizeof req);
	fws[0] = (char *)"DRC_MINING_CODE";
	fws[1] = (char *)"ISO_45001";
	req.input = (char *)input;
	req.frameworks = fws;
	req.nframeworks = 2;
	req.site = (char *)"Mine";
	req.auditor = (char *)"Tester";
	assert_int_equal(jobs_submit_document(s, &req, id, &cause), 0);
	return xstrdup(id);
}

static void
run_until_idle(const char *db, int workers, int64_t timeout_ms)
{
	struct jobs_config cfg;
	struct jobs_runner *r;
	char *cause = NULL;

	memset(&cfg, 0, sizeof cfg);
	cfg.db_path = db;
	cfg.nworkers = workers;
	cfg.until_idle = 1;
	cfg.timeout_ms = timeout_ms;
	cfg.notify = on_event;
	if (jobs_runner_new(&cfg, &r, &cause) != 0)
		fail_msg("runner: %s", cause);
	jobs_runner_wait_idle(r);
	jobs_runner_free(r);
}

static void
expect_status(struct store *s, const char *id, const char *status)
{
	struct db_job j;
	char *cause = NULL;

	assert_int_equal(db_job_get(s, id, &j, &cause), DB_OK);
	if (strcmp(j.status, status) != 0)
		fail_msg("job %s is %s (%s), wanted %s", id, j.status,
		    j.error != NULL ? j.error : "", status);
	if (strcmp(status, "complete") == 0) {
		assert_non_null(j.report_id);
		assert_int_equal(j.progress, 100);
	}
	db_job_release(&j);
}

static void
test_four_at_once(void **state)
{
	struct store *s;
	char *db, *cause = NULL, *ids[5], *path, name[32];
	int i;

	(void)state;
	db = xasprintf("%s/four.db", dir);
	assert_int_equal(store_open(db, &s, &cause), DB_OK);
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof name, "site %d é.txt", i);
		path = write_doc(name, 3 + i);
		ids[i] = submit(s, path);
		free(path);
	}
	/* A fifth that fails must not take the others down. */
	ids[4] = submit(s, "/nonexistent/site.pdf");
	atomic_store(&nevents, 0);
	run_until_idle(db, 2, 0);
	for (i = 0; i < 4; i++)
		expect_status(s, ids[i], "complete");
	expect_status(s, ids[4], "failed");
	assert_true(atomic_load(&nevents) >= 5);
	for (i = 0; i < 5; i++)
		free(ids[i]);
	store_close(s);
	free(db);
}

static void
test_cancel_retry(void **state)
{
	struct store *s;
	struct db_job j;
	char *db, *cause = NULL, *id, *path;

	(void)state;
	db = xasprintf("%s/cancel.db", dir);
	assert_int_equal(store_open(db, &s, &cause), DB_OK);
	path = write_doc("cancel.txt", 2);
	id = submit(s, path);
	assert_int_equal(store_begin(s, &cause), DB_OK);
	assert_int_equal(db_job_cancel(s, id, &cause), DB_OK);
	assert_int_equal(store_commit(s, &cause), DB_OK);
	expect_status(s, id, "cancelled");
	/* A cancelled job cannot be cancelled again. */
	assert_int_equal(store_begin(s, &cause), DB_OK);
	assert_int_equal(db_job_cancel(s, id, &cause), DB_CONFLICT);
	store_rollback(s);
	XFREE(cause);
	run_until_idle(db, 1, 0);
	expect_status(s, id, "cancelled");
	assert_int_equal(store_begin(s, &cause), DB_OK);
	assert_int_equal(db_job_retry(s, id, &cause), DB_OK);
	assert_int_equal(store_commit(s, &cause), DB_OK);
	expect_status(s, id, "queued");
	run_until_idle(db, 1, 0);
	expect_status(s, id, "complete");
	/* A complete job cannot be retried. */
	assert_int_equal(store_begin(s, &cause), DB_OK);
	assert_int_equal(db_job_retry(s, id, &cause), DB_CONFLICT);
	store_rollback(s);
	XFREE(cause);
	assert_int_equal(db_job_get(s, id, &j, &cause), DB_OK);
	assert_int_equal(j.attempts, 1);
	db_job_release(&j);
	free(id);
	free(path);
	store_close(s);
	free(db);
}

static void
test_recover(void **state)
{
	struct store *s;
	struct db_job j;
	char *db, *cause = NULL, *id, *path, worker[128];

	(void)state;
	db = xasprintf("%s/recover.db", dir);
	assert_int_equal(store_open(db, &s, &cause), DB_OK);
	path = write_doc("recover.txt", 2);
	id = submit(s, path);
	/* A worker of a process that no longer exists claimed it. */
	snprintf(worker, sizeof worker, "%s:999999:1", store_device_id(s));
	assert_int_equal(store_begin(s, &cause), DB_OK);
	assert_int_equal(db_job_claim(s, worker, &j, &cause), DB_OK);
	assert_int_equal(store_commit(s, &cause), DB_OK);
	assert_string_equal(j.status, "processing");
	db_job_release(&j);
	run_until_idle(db, 1, 0);
	expect_status(s, id, "complete");
	assert_int_equal(db_job_get(s, id, &j, &cause), DB_OK);
	assert_int_equal(j.attempts, 2);
	db_job_release(&j);
	free(id);
	free(path);
	store_close(s);
	free(db);
}

static void
test_timeout(void **state)
{
	struct store *s;
	struct db_job j;
	char *db, *cause = NULL, *id, *path;

	(void)state;
	db = xasprintf("%s/timeout.db", dir);
	assert_int_equal(store_open(db, &s, &cause), DB_OK);
	path = write_doc("slow.txt", 400);
	id = submit(s, path);
	run_until_idle(db, 1, 1);
	assert_int_equal(db_job_get(s, id, &j, &cause), DB_OK);
	assert_string_equal(j.status, "failed");
	assert_non_null(strstr(j.error, "time limit"));
	db_job_release(&j);
	free(id);
	free(path);
	store_close(s);
	free(db);
}

/* Interview completion runs as a job too. */
static void
test_interview_job(void **state)
{
	struct interview_params p;
	struct framework_set set;
	struct interview *iv;
	struct store *s;
	struct db_job j;
	char *db, *cause = NULL, *sid = NULL, id[UUID_TEXT_LEN];

	(void)state;
	db = xasprintf("%s/interview.db", dir);
	assert_int_equal(store_open(db, &s, &cause), DB_OK);
	memset(&set, 0, sizeof set);
	assert_int_equal(framework_set_load_default(&set, &cause), 0);
	memset(&p, 0, sizeof p);
	p.framework = "VPSHR";
	p.site_name = "Mine";
	p.auditor = "Tester";
	if (interview_start(s, &set, &p, &sid, &cause) != 0)
		fail_msg("start: %s", cause);
	assert_int_equal(jobs_submit_interview(s, sid, id, &cause), 0);
	run_until_idle(db, 1, 0);
	assert_int_equal(db_job_get(s, id, &j, &cause), DB_OK);
	if (strcmp(j.status, "complete") != 0)
		fail_msg("interview job %s: %s", j.status, j.error);
	assert_non_null(j.report_id);
	db_job_release(&j);
	assert_int_equal(interview_load(s, &set, sid, &iv, &cause), 0);
	assert_string_equal(iv->status, "completed");
	interview_free(iv);
	framework_set_release(&set);
	free(sid);
	store_close(s);
	free(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_four_at_once),
		cmocka_unit_test(test_cancel_retry),
		cmocka_unit_test(test_recover),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_interview_job),
	};
	pid_t pid;
	int rc;

	snprintf(dir, sizeof dir, "/tmp/vo-jobs.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	if (getenv("VIGILORE_ASSETS") == NULL)
		setenv("VIGILORE_ASSETS", "assets", 1);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	/* Remove our directory and nothing else. */
	pid = fork();
	if (pid == 0) {
		execl("/bin/rm", "rm", "-rf", dir, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return rc;
}

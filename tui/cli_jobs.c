/* SPDX-License-Identifier: MIT */
/*
 * Commands of the background pipeline: audit (queue a document audit,
 * optionally wait for it with a progress bar), jobs, status, cancel,
 * retry, and worker (run queued jobs headless). A queued job runs in a
 * worker: the one "audit --wait" starts in this process, the TUI's, or a
 * detached "vigilore worker --until-idle" that audit and retry start
 * (unless VIGILORE_NO_AUTOSTART is set).
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "core/extract.h"
#include "core/framework.h"
#include "core/jobs.h"
#include "core/pipeline.h"
#include "core/report.h"
#include "db/jobs.h"
#include "db/store.h"
#include "tui/cli.h"
#include "tui/cli_cmds.h"

static json_t *
cli_jobs_json(const struct db_job *j)
{
	return json_pack("{s:s, s:s, s:s, s:s?, s:i, s:s?, s:i, s:s?, s:b, "
	    "s:s?, s:s, s:s, s:s?, s:s?}",
	    "id", j->id, "kind", j->kind, "status", j->status,
	    "stage", j->stage, "progress", j->progress, "error", j->error,
	    "attempts", j->attempts, "worker", j->worker,
	    "cancel_requested", j->cancel_requested,
	    "report_id", j->report_id, "created_at", j->created_at,
	    "updated_at", j->updated_at, "started_at", j->started_at,
	    "finished_at", j->finished_at);
}

/* This program's path, for the extraction helper; static, or NULL. */
static const char *
cli_jobs_self(void)
{
	static char exe[PATH_MAX];
	ssize_t n;

	if (exe[0] != '\0')
		return exe;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0) {
		exe[0] = '\0';
		return NULL;
	}
	exe[n] = '\0';
	return exe;
}

/*
 * Starts "vigilore --db PATH worker --until-idle" detached, so a queued
 * job runs even when nobody waits for it. Best effort.
 */
static void
cli_jobs_autostart(struct cli_ctx *ctx)
{
	char exe[PATH_MAX];
	ssize_t n;
	pid_t pid;
	int fd;

	if (getenv("VIGILORE_NO_AUTOSTART") != NULL)
		return;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return;
	exe[n] = '\0';
	fflush(NULL);
	pid = fork();
	if (pid != 0)
		return;
	/* Child: detach, then a grandchild does the work. */
	setsid();
	if (fork() != 0)
		_exit(0);
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	execl(exe, exe, "--db", store_path(ctx->store), "worker",
	    "--until-idle", (char *)NULL);
	_exit(127);
}

/* Prints the progress bar of job J on stderr. */
static void
cli_jobs_bar(const struct db_job *j, int tty)
{
	static char last[64];
	char line[64];
	int w = 30, k = j->progress * w / 100, i;

	snprintf(line, sizeof line, "%s %d", j->stage != NULL ? j->stage :
	    "", j->progress);
	if (!tty) {
		/* Not a terminal: one line per stage. */
		if (j->stage != NULL && strncmp(last, j->stage,
		    strlen(j->stage)) != 0)
			fprintf(stderr, "%s\n", j->stage);
		snprintf(last, sizeof last, "%s", line);
		return;
	}
	fputs("\r[", stderr);
	for (i = 0; i < w; i++)
		fputc(i < k ? '#' : '.', stderr);
	fprintf(stderr, "] %3d%% %-14s", j->progress, j->stage != NULL ?
	    j->stage : "");
	snprintf(last, sizeof last, "%s", line);
}

static void
cli_jobs_print_report(json_t *r)
{
	json_t *f, *s;
	size_t i, shown = 0;

	printf("report %s: %s\n", json_string_value(json_object_get(r,
	    "report_id")), json_string_value(json_object_get(r, "summary")));
	json_array_foreach(json_object_get(r, "findings"), i, f) {
		s = json_object_get(f, "score");
		if (!json_is_number(s) || json_number_value(s) >= 0.5)
			continue;
		if (shown++ == 10)
			break;
		printf("  %-22s %-13s p.%-4lld %s\n",
		    json_string_value(json_object_get(f, "ref")),
		    json_string_value(json_object_get(f, "status")),
		    (long long)json_integer_value(json_object_get(f, "page")),
		    json_string_value(json_object_get(f, "requirement")));
	}
}

/* Waits for job ID with a runner of our own; prints its outcome. */
static int
cli_jobs_wait(struct cli_ctx *ctx, const char *id, int json)
{
	struct jobs_config cfg;
	struct jobs_runner *runner;
	struct db_job j;
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	char *cause = NULL;
	json_t *r;
	int tty = isatty(2), rc, nq, np, nc, nf, nx;

	memset(&cfg, 0, sizeof cfg);
	cfg.db_path = store_path(ctx->store);
	cfg.nworkers = ctx->workers;
	cfg.extract_helper = cli_jobs_self();
	if (jobs_runner_new(&cfg, &runner, &cause) != 0)
		return cli_fail_cause(CLI_FAIL, cause);
	jobs_runner_kick(runner);
	for (;;) {
		if (db_job_get(ctx->store, id, &j, &cause) != DB_OK) {
			jobs_runner_free(runner);
			return cli_fail_cause(CLI_FAIL, cause);
		}
		cli_jobs_bar(&j, tty);
		if (strcmp(j.status, "queued") != 0 &&
		    strcmp(j.status, "processing") != 0)
			break;
		db_job_release(&j);
		nanosleep(&ts, NULL);
	}
	if (tty)
		fputc('\n', stderr);
	jobs_runner_free(runner);
	/* Jobs ours put back or others queued meanwhile still need a worker. */
	if (db_job_counts(ctx->store, &nq, &np, &nc, &nf, &nx, &cause) ==
	    DB_OK && nq > 0)
		cli_jobs_autostart(ctx);
	XFREE(cause);
	if (strcmp(j.status, "complete") != 0) {
		rc = cli_error(CLI_FAIL, "job %s %s: %s", j.id, j.status,
		    j.error != NULL ? j.error : "no reason given");
		if (json)
			cli_print_json(cli_jobs_json(&j));
		db_job_release(&j);
		return rc;
	}
	rc = report_load(ctx->store, j.report_id, &r, &cause);
	db_job_release(&j);
	if (rc != 0)
		return cli_fail_cause(CLI_FAIL, cause);
	if (json)
		return cli_print_json(r);
	cli_jobs_print_report(r);
	json_decref(r);
	return CLI_OK;
}

/*
 * 0 when PATH is a regular file this process can open for reading; else
 * -1 and *WHY says what is wrong with it ("Is a directory", "Permission
 * denied", "No such file or directory": strerror).
 */
static int
cli_jobs_readable(const char *path, const char **why)
{
	struct stat sb;
	int fd;

	if (stat(path, &sb) != 0) {
		*why = strerror(errno);
		return -1;
	}
	if (S_ISDIR(sb.st_mode)) {
		*why = strerror(EISDIR);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		*why = "not a regular file";
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		*why = strerror(errno);
		return -1;
	}
	close(fd);
	return 0;
}

int
cli_cmd_audit(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *input = NULL, *site = NULL, *auditor = NULL;
	const char *code = NULL, *op = NULL, *email = NULL, *lang = NULL;
	const char **fws = NULL;
	size_t nfws = 0, npos, i;
	int wait = 0, json = 0, rc;
	const struct cli_opt opts[] = {
		{ .name = "--input", .value = &input },
		{ .name = "--framework", .list = &fws, .nlist = &nfws },
		{ .name = "--site", .value = &site },
		{ .name = "--auditor", .value = &auditor },
		{ .name = "--site-code", .value = &code },
		{ .name = "--operator", .value = &op },
		{ .name = "--email", .value = &email },
		{ .name = "--lang", .value = &lang },
		{ .name = "--wait", .flag = &wait },
		{ .name = "--json", .flag = &json },
		{ .name = NULL }
	};
	struct pipeline_request req;
	struct framework_set set;
	struct stat sb;
	char id[UUID_TEXT_LEN], *cause = NULL, *abs;
	const char *why;

	rc = cli_parse("audit", argc - 1, argv + 1, opts, NULL, 0, &npos);
	if (rc != 0) {
		free(fws);
		return rc;
	}
	rc = CLI_USAGE;
	if (input == NULL || nfws == 0 || site == NULL || auditor == NULL) {
		cli_error(CLI_USAGE, "audit: --input, --framework, --site and "
		    "--auditor are required");
		goto out_fws;
	}
	if (site[0] == '\0' || auditor[0] == '\0') {
		cli_error(CLI_USAGE, "audit: --site and --auditor must not be "
		    "empty");
		goto out_fws;
	}
	if (lang != NULL && strcmp(lang, "en") != 0 &&
	    strcmp(lang, "fr") != 0) {
		cli_error(CLI_USAGE, "--lang '%s': expected en or fr", lang);
		goto out_fws;
	}
	if (cli_jobs_readable(input, &why) != 0) {
		cli_error(CLI_USAGE, "--input '%s': %s", input, why);
		goto out_fws;
	}
	memset(&set, 0, sizeof set);
	if (framework_set_load_default(&set, &cause) != 0) {
		rc = cli_fail_cause(CLI_FAIL, cause);
		goto out_fws;
	}
	for (i = 0; i < nfws; i++) {
		if (framework_set_find(&set, fws[i]) != NULL)
			continue;
		if (stat(fws[i], &sb) != 0) {
			cli_error(CLI_USAGE, "--framework '%s': not a bundled "
			    "framework (see 'vigilore frameworks') and no "
			    "such file", fws[i]);
			framework_set_release(&set);
			goto out_fws;
		}
		if (cli_jobs_readable(fws[i], &why) != 0) {
			cli_error(CLI_USAGE, "--framework '%s': %s", fws[i],
			    why);
			framework_set_release(&set);
			goto out_fws;
		}
	}
	memset(&req, 0, sizeof req);
	abs = realpath(input, NULL);
	req.input = xstrdup(abs != NULL ? abs : input);
	free(abs);
	req.frameworks = xcalloc(nfws, sizeof *req.frameworks);
	for (i = 0; i < nfws; i++) {
		/* Files by absolute path; a worker may run elsewhere. */
		abs = framework_set_find(&set, fws[i]) == NULL ?
		    realpath(fws[i], NULL) : NULL;
		req.frameworks[req.nframeworks++] = xstrdup(abs != NULL ? abs :
		    fws[i]);
		free(abs);
	}
	framework_set_release(&set);
	req.site = xstrdup(site);
	req.auditor = xstrdup(auditor);
	req.site_code = code != NULL ? xstrdup(code) : NULL;
	req.operator = op != NULL ? xstrdup(op) : NULL;
	req.email = email != NULL ? xstrdup(email) : NULL;
	req.lang = lang != NULL ? xstrdup(lang) : NULL;
	ctx->writes = 1;
	if (cli_store(ctx) == NULL) {
		pipeline_request_release(&req);
		rc = CLI_FAIL;
		goto out_fws;
	}
	rc = jobs_submit_document(ctx->store, &req, id, &cause);
	pipeline_request_release(&req);
	if (rc != 0) {
		rc = cli_fail_cause(CLI_FAIL, cause);
		goto out_fws;
	}
	if (wait)
		rc = cli_jobs_wait(ctx, id, json);
	else {
		cli_jobs_autostart(ctx);
		if (json)
			rc = cli_print_json(json_pack("{s:s, s:s}", "job", id,
			    "status", "queued"));
		else {
			printf("%s\n", id);
			rc = CLI_OK;
		}
	}
out_fws:
	free(fws);
	return rc;
}

int
cli_cmd_jobs(struct cli_ctx *ctx, int argc, char **argv)
{
	int json = 0, rc;
	const struct cli_opt opts[] = {
		{ .name = "--json", .flag = &json },
		{ .name = NULL }
	};
	struct db_job *v;
	size_t n, i, npos;
	char *cause = NULL;
	json_t *arr;

	rc = cli_parse("jobs", argc - 1, argv + 1, opts, NULL, 0, &npos);
	if (rc != 0)
		return rc;
	if (cli_store(ctx) == NULL)
		return CLI_FAIL;
	if (db_job_list(ctx->store, 0, &v, &n, &cause) != DB_OK)
		return cli_fail_cause(CLI_FAIL, cause);
	if (json) {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, cli_jobs_json(&v[i]));
		db_job_list_free(v, n);
		return cli_print_json(arr);
	}
	for (i = 0; i < n; i++) {
		printf("%.8s  %-9s %-10s %-12s %3d%%  %s\n", v[i].id,
		    v[i].kind, v[i].status, v[i].stage != NULL ? v[i].stage :
		    "", v[i].progress, v[i].report_id != NULL ?
		    v[i].report_id : v[i].error != NULL ? v[i].error : "");
	}
	if (n == 0)
		printf("no jobs\n");
	db_job_list_free(v, n);
	return CLI_OK;
}

int
cli_cmd_status(struct cli_ctx *ctx, int argc, char **argv)
{
	int json = 0, rc;
	const struct cli_opt opts[] = {
		{ .name = "--json", .flag = &json },
		{ .name = NULL }
	};
	struct db_job j;
	char *pos[1], *cause = NULL;
	size_t npos;

	rc = cli_parse("status", argc - 1, argv + 1, opts, pos, 1, &npos);
	if (rc != 0)
		return rc;
	if (npos != 1)
		return cli_error(CLI_USAGE, "status: give a job id");
	if (cli_store(ctx) == NULL)
		return CLI_FAIL;
	if (db_job_get(ctx->store, pos[0], &j, &cause) != DB_OK)
		return cli_fail_cause(CLI_USAGE, cause);
	if (json) {
		rc = cli_print_json(cli_jobs_json(&j));
		db_job_release(&j);
		return rc;
	}
	printf("job       %s\nkind      %s\nstatus    %s\nstage     %s\n"
	    "progress  %d%%\nattempts  %d\n", j.id, j.kind, j.status,
	    j.stage != NULL ? j.stage : "", j.progress, j.attempts);
	if (j.error != NULL)
		printf("error     %s\n", j.error);
	if (j.report_id != NULL)
		printf("report    %s\n", j.report_id);
	db_job_release(&j);
	return CLI_OK;
}

/* cancel and retry: one job id, one store call in a transaction. */
static int
cli_jobs_change(struct cli_ctx *ctx, int argc, char **argv,
    enum db_status (*fn)(struct store *, const char *, char **))
{
	const struct cli_opt opts[] = { { .name = NULL } };
	char *pos[1], *cause = NULL;
	size_t npos;
	enum db_status ds;
	int rc;

	rc = cli_parse(argv[0], argc - 1, argv + 1, opts, pos, 1, &npos);
	if (rc != 0)
		return rc;
	if (npos != 1)
		return cli_error(CLI_USAGE, "%s: give a job id", argv[0]);
	ctx->writes = 1;
	if (cli_store(ctx) == NULL)
		return CLI_FAIL;
	if (store_begin(ctx->store, &cause) != DB_OK)
		return cli_fail_cause(CLI_FAIL, cause);
	ds = fn(ctx->store, pos[0], &cause);
	if (ds != DB_OK) {
		store_rollback(ctx->store);
		return cli_fail_cause(ds == DB_NOTFOUND || ds == DB_CONFLICT ?
		    CLI_USAGE : CLI_FAIL, cause);
	}
	if (store_commit(ctx->store, &cause) != DB_OK)
		return cli_fail_cause(CLI_FAIL, cause);
	return CLI_OK;
}

int
cli_cmd_cancel(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_jobs_change(ctx, argc, argv, db_job_cancel);
}

int
cli_cmd_retry(struct cli_ctx *ctx, int argc, char **argv)
{
	int rc;

	rc = cli_jobs_change(ctx, argc, argv, db_job_retry);
	if (rc == CLI_OK)
		cli_jobs_autostart(ctx);
	return rc;
}

int
cli_cmd_worker(struct cli_ctx *ctx, int argc, char **argv)
{
	int until_idle = 0, rc, sig;
	const struct cli_opt opts[] = {
		{ .name = "--until-idle", .flag = &until_idle },
		{ .name = NULL }
	};
	struct jobs_config cfg;
	struct jobs_runner *runner;
	sigset_t set;
	size_t npos;
	char *cause = NULL;

	rc = cli_parse("worker", argc - 1, argv + 1, opts, NULL, 0, &npos);
	if (rc != 0)
		return rc;
	ctx->writes = 1;
	if (cli_store(ctx) == NULL)
		return CLI_FAIL;
	memset(&cfg, 0, sizeof cfg);
	cfg.db_path = store_path(ctx->store);
	cfg.nworkers = ctx->workers;
	cfg.until_idle = until_idle;
	cfg.extract_helper = cli_jobs_self();
	/* Block the stop signals before the workers inherit the mask. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (jobs_runner_new(&cfg, &runner, &cause) != 0)
		return cli_fail_cause(CLI_FAIL, cause);
	if (until_idle)
		jobs_runner_wait_idle(runner);
	else
		sigwait(&set, &sig);
	jobs_runner_free(runner);
	return CLI_OK;
}

/*
 * extract FILE [--json]: the text the pipeline reads, page by page.
 * "extract --helper --max-memory MB -- FILE" is the isolated child the
 * job runner starts (core/extract.h): JSON on stdout, whatever happens.
 */
int
cli_cmd_extract(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *mem = NULL;
	int json = 0, helper = 0, rc, i;
	const struct cli_opt opts[] = {
		{ .name = "--json", .flag = &json },
		{ .name = "--helper", .flag = &helper },
		{ .name = "--max-memory", .value = &mem },
		{ .name = NULL }
	};
	struct extract_doc *d;
	char *pos[1], *cause = NULL;
	size_t npos;
	long mb = 0;
	json_t *pages;

	(void)ctx;
	rc = cli_parse("extract", argc - 1, argv + 1, opts, pos, 1, &npos);
	if (rc != 0)
		return rc;
	if (npos != 1)
		return cli_error(CLI_USAGE, "extract: give a file");
	if (mem != NULL && cli_parse_int("--max-memory", mem, 64, 1 << 20,
	    &mb) != 0)
		return CLI_USAGE;
	if (helper)
		return extract_helper_main(pos[0], (size_t)mb << 20) == 0 ?
		    CLI_OK : CLI_FAIL;
	if (extract_file(pos[0], NULL, &d, &cause) != 0)
		return cli_fail_cause(CLI_FAIL, cause);
	if (json) {
		pages = json_array();
		for (i = 0; i < d->npages; i++)
			json_array_append_new(pages, json_pack("{s:i, s:s, "
			    "s:b}", "page", i + 1, "text", d->pages[i].text,
			    "flagged", d->pages[i].flagged));
		rc = cli_print_json(json_pack("{s:s, s:b, s:o}", "format",
		    d->format, "cp1252", d->cp1252, "pages", pages));
		extract_doc_free(d);
		return rc;
	}
	for (i = 0; i < d->npages; i++)
		printf("%s--- page %d%s\n%s\n", i > 0 ? "\n" : "", i + 1,
		    d->pages[i].flagged ? " (image only, no text layer)" : "",
		    d->pages[i].text);
	extract_doc_free(d);
	return CLI_OK;
}

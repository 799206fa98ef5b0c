/* SPDX-License-Identifier: MIT */
/*
 * Sync benchmarks against a throwaway PostgreSQL cluster with the
 * server's durable defaults (fsync and synchronous_commit on; started with
 * tests/pg/pg-cluster.sh and destroyed at the end):
 *
 *   push     answers per second through sync_push (each answer one
 *            answer_history row COPYed in, one transaction per batch),
 *            against a naive baseline measured in the same run: one
 *            INSERT per round trip for the same rows (answer and history)
 *   pull     rows per second applied by sync_pull on a fresh store
 *   notify   latency from the start of terminal A's push of one answer
 *            to terminal B's sync thread having applied it and written
 *            the UI's wake descriptor (B polls only every minute, so the
 *            NOTIFY is what wakes it): median and p99
 *
 * Answers are written through the real write path (db_answer_put: answer,
 * history and outbox in one transaction). Figures only; targets are
 * printed beside them, never asserted.
 */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/base/log.h"
#include "core/base/uuid.h"
#include "core/base/xmalloc.h"
#include "core/sync.h"
#include "db/answers.h"
#include "db/pg.h"
#include "db/sessions.h"
#include "db/store.h"
#include "db/sync_pull.h"
#include "db/sync_push.h"

#define BENCH_PUSH 100000	/* answers pushed by sync_push */
#define BENCH_NAIVE 4000	/* answers pushed by the baseline */
#define BENCH_PER_SESSION 1000
#define BENCH_NOTIFY 200	/* one-answer pushes timed */

static char bench_dir[] = "/tmp/vo-sync-bench.XXXXXX";

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Runs tests/pg/pg-cluster.sh CMD DIR; 0 on success. */
static int
bench_cluster(const char *cmd, const char *dir)
{
	pid_t pid;
	int status;

	pid = fork();
	if (pid == -1)
		return -1;
	if (pid == 0) {
		if (freopen("/dev/null", "w", stdout) == NULL)
			_exit(127);
		execlp("sh", "sh", "tests/pg/pg-cluster.sh", cmd, dir,
		    (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) == -1)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static char *
bench_read(const char *path)
{
	char line[512], *nl;
	FILE *f;

	f = fopen(path, "r");
	if (f == NULL || fgets(line, sizeof line, f) == NULL) {
		if (f != NULL)
			fclose(f);
		return NULL;
	}
	fclose(f);
	nl = strchr(line, '\n');
	if (nl != NULL)
		*nl = '\0';
	return xstrdup(line);
}

/* SIGINT/SIGTERM (e.g. from timeout): the cluster goes too. */
static void
bench_signal(int sig)
{
	extern char **environ;
	char *argv[] = { (char *)"sh", (char *)"tests/pg/pg-cluster.sh",
	    (char *)"destroy", bench_dir, NULL };
	pid_t pid;

	(void)sig;
	pid = fork();
	if (pid == 0) {
		execve("/bin/sh", argv, environ);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	_exit(1);
}

static void
bench_die(const char *what, char *cause)
{
	fprintf(stderr, "sync bench: %s: %s\n", what,
	    cause != NULL ? cause : "failed");
	free(cause);
	bench_cluster("destroy", bench_dir);
	exit(1);
}

static struct store *
bench_store(const char *name)
{
	struct store *s;
	char *path, *cause = NULL;

	path = xasprintf("%s/%s.db", bench_dir, name);
	if (store_open(path, &s, &cause) != DB_OK)
		bench_die("store", cause);
	free(path);
	return s;
}

/* Writes N answers (N / BENCH_PER_SESSION sessions) into S. */
static void
bench_answers(struct store *s, int n, const char *tag)
{
	struct db_session ses;
	struct db_answer a;
	char sid[UUID_TEXT_LEN], qid[32], val[32], now[32], *cause = NULL;
	int i;

	clock_format_iso(clock_now_ms(), now, sizeof now);
	if (store_begin(s, &cause) != DB_OK)
		bench_die("begin", cause);
	for (i = 0; i < n; i++) {
		if (i % BENCH_PER_SESSION == 0) {
			memset(&ses, 0, sizeof ses);
			uuid_generate(sid);
			ses.id = sid;
			ses.framework = (char *)"DRC_MINING_CODE";
			ses.site_name = (char *)"Bench site";
			ses.auditor = (char *)"Bench";
			ses.lang = (char *)"en";
			ses.status = (char *)"in_progress";
			ses.started_at = now;
			ses.updated_at = now;
			if (db_session_insert(s, &ses, &cause) != DB_OK)
				bench_die("session", cause);
		}
		memset(&a, 0, sizeof a);
		snprintf(qid, sizeof qid, "%s_%05d", tag, i %
		    BENCH_PER_SESSION);
		snprintf(val, sizeof val, "%d", i % 5 + 1);
		a.session_id = sid;
		a.question_id = qid;
		a.state = (char *)"answered";
		a.value = val;
		a.notes = (char *)"bench note";
		a.confidence = 0.8;
		a.has_confidence = 1;
		a.evidence = (char *)"[]";
		a.author = (char *)"Bench";
		if (db_answer_put(s, &a, &cause) != DB_OK)
			bench_die("answer", cause);
	}
	if (store_commit(s, &cause) != DB_OK)
		bench_die("commit", cause);
}

/*
 * The baseline: the same server rows, one INSERT per round trip, each its
 * own transaction. The push writes one row per answer (its
 * answer_history version; the server's answers are a view of them), so
 * the baseline inserts that row. Values are made by this program (no
 * quotes in them).
 */
static double
bench_naive(struct pg *pg, int n)
{
	char *sql, *cause = NULL, sid[UUID_TEXT_LEN], id[UUID_TEXT_LEN];
	double t;
	int i;

	uuid_generate(sid);
	t = bench_now();
	for (i = 0; i < n; i++) {
		uuid_generate(id);
		sql = xasprintf("INSERT INTO vosync.answer_history (id, "
		    "answer_id, session_id, question_id, state, value, notes, "
		    "confidence, evidence, author, device, hlc, answered_at) "
		    "VALUES (gen_random_uuid()::text, '%s', '%s', "
		    "'naive_%05d', 'answered', '3', 'bench note', 0.8, '[]', "
		    "'Bench', 'naive', '%013lld-%06d-naive', "
		    "'2026-12-03T00:00:00Z') ON CONFLICT DO NOTHING", id, sid,
		    i, (long long)clock_now_ms(), i);
		if (pg_exec(pg, sql, &cause) != DB_OK)
			bench_die("naive insert", cause);
		free(sql);
	}
	return n / (bench_now() - t);
}

/*
 * CPU seconds used so far by the cluster's server processes (children
 * of the postmaster): a figure that, unlike wall time, hardly depends
 * on what else the machine is running. -1 when /proc cannot tell.
 */
static double
bench_server_cpu(void)
{
	char *path, *line, *p, buf[1024];
	unsigned long long ut, st;
	double sum = 0;
	long ppid, master, tick = sysconf(_SC_CLK_TCK);
	struct dirent *de;
	FILE *f;
	DIR *d;

	path = xasprintf("%s/data/postmaster.pid", bench_dir);
	line = bench_read(path);
	free(path);
	if (line == NULL || tick <= 0)
		return -1;
	master = strtol(line, NULL, 10);
	free(line);
	d = opendir("/proc");
	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		path = xasprintf("/proc/%s/stat", de->d_name);
		f = fopen(path, "r");
		free(path);
		if (f == NULL)
			continue;
		p = fgets(buf, sizeof buf, f);
		fclose(f);
		if (p == NULL || (p = strrchr(buf, ')')) == NULL)
			continue;
		/* After "(comm)": state ppid ... utime (14th) stime. */
		if (sscanf(p + 2, "%*c %ld %*d %*d %*d %*d %*u %*u %*u %*u "
		    "%*u %llu %llu", &ppid, &ut, &st) != 3)
			continue;
		if (ppid == master || strtol(de->d_name, NULL, 10) == master)
			sum += (double)(ut + st) / tick;
	}
	closedir(d);
	return sum;
}

static double
bench_self_cpu(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) == -1)
		return -1;
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* Waits until B's status generation passes GEN; returns the new one. */
static uint64_t
bench_wait(struct sync *b, int fd, uint64_t gen)
{
	struct sync_status st;
	struct pollfd pfd;
	char buf[64];
	double until = bench_now() + 10;

	for (;;) {
		sync_get(b, &st);
		if (st.generation > gen)
			return st.generation;
		if (bench_now() > until)
			bench_die("notify", xstrdup("no wake-up in 10 s"));
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 100) > 0)
			while (read(fd, buf, sizeof buf) > 0)
				;
	}
}

int
main(void)
{
	struct sync_push_result pr;
	struct sync_pull_result pl;
	struct sync_status st;
	struct store *a, *b, *n;
	struct sync *bs;
	struct pg *pg;
	char *conninfo, *pw, *path, *cause = NULL, *pass, *ci;
	double t, push_rate, naive_rate, pull_rate, *lat, cpu_srv, cpu_self;
	char *load;
	uint64_t gen;
	FILE *f;
	int i, from, wake[2];

	setvbuf(stdout, NULL, _IOLBF, 0);
	setenv("VIGILORE_PG_DURABLE", "1", 1);	/* fsync on, as in service */
	if (getenv("VIGILORE_LOG") != NULL)
		log_open(getenv("VIGILORE_LOG"), LOG_LEVEL_DEBUG);
	signal(SIGINT, bench_signal);
	signal(SIGTERM, bench_signal);
	/* Output piped into head(1) that exits: the cluster goes too. */
	signal(SIGPIPE, bench_signal);
	if (mkdtemp(bench_dir) == NULL || bench_cluster("start",
	    bench_dir) == -1) {
		printf("   (skipped: cannot start a PostgreSQL cluster)\n");
		return 0;
	}
	path = xasprintf("%s/conninfo", bench_dir);
	ci = bench_read(path);
	free(path);
	path = xasprintf("%s/password", bench_dir);
	pw = bench_read(path);
	free(path);
	pass = xasprintf("%s/pgpass", bench_dir);
	f = fopen(pass, "w");
	if (f == NULL || ci == NULL || pw == NULL)
		bench_die("cluster", NULL);
	fprintf(f, "127.0.0.1:*:*:vigilore:%s\n", pw);
	fclose(f);
	chmod(pass, 0600);
	setenv("PGPASSFILE", pass, 1);
	setenv("VIGILORE_SYNC_POLL_MS", "60000", 1);
	conninfo = ci;
	if (pg_open(conninfo, &pg, &cause) != DB_OK ||
	    pg_schema_init(pg, &from, &cause) != DB_OK)
		bench_die("server", cause);

	/* Push. */
	a = bench_store("a");
	t = bench_now();
	bench_answers(a, BENCH_PUSH, "q");
	printf("local writes: %d answers through db_answer_put in %.2f s\n",
	    BENCH_PUSH, bench_now() - t);
	memset(&pr, 0, sizeof pr);
	cpu_srv = bench_server_cpu();
	cpu_self = bench_self_cpu();
	t = bench_now();
	if (sync_push(a, pg, 0, 0, &pr, &cause) != DB_OK)
		bench_die("push", cause);
	t = bench_now() - t;
	cpu_self = bench_self_cpu() - cpu_self;
	cpu_srv = cpu_srv < 0 ? -1 : bench_server_cpu() - cpu_srv;
	push_rate = BENCH_PUSH / t;
	printf("push: %d answers (%zu rows with history and sessions, %zu "
	    "batches) in %.2f s: %.0f answers/s (target >= 50000)\n",
	    BENCH_PUSH, pr.rows, pr.batches, t, push_rate);
	/* The machine's load skews wall time; CPU time much less. */
	printf("push CPU: server %.2f s, client %.2f s (load average %s)\n",
	    cpu_srv, cpu_self, (load = bench_read("/proc/loadavg")) != NULL ?
	    load : "?");
	free(load);
	naive_rate = bench_naive(pg, BENCH_NAIVE);
	printf("baseline, one INSERT per round trip (the answer's history "
	    "row): "
	    "%.0f answers/s\n", naive_rate);
	printf("push / baseline: %.1fx (target >= 20x)\n",
	    push_rate / naive_rate);

	/* Pull into a fresh terminal. */
	n = bench_store("n");
	memset(&pl, 0, sizeof pl);
	t = bench_now();
	if (sync_pull(n, pg, &pl, &cause) != DB_OK)
		bench_die("pull", cause);
	t = bench_now() - t;
	pull_rate = pl.rows / t;
	printf("pull: %zu rows (%zu applied) in %.2f s: %.0f rows/s\n",
	    pl.rows, pl.applied, t, pull_rate);
	store_close(n);

	/* Notification to B's store and wake-up. */
	b = bench_store("b");
	if (pipe(wake) == -1)
		bench_die("pipe", NULL);
	fcntl(wake[0], F_SETFL, O_NONBLOCK);
	fcntl(wake[1], F_SETFL, O_NONBLOCK);
	bs = sync_new(store_path(b), conninfo, wake[1], &cause);
	if (bs == NULL)
		bench_die("sync thread", cause);
	/* Let B catch up with the pushed rows first. */
	for (i = 0; i < 600; i++) {
		sync_get(bs, &st);
		if (st.online && st.last_sync_ms > 0)
			break;
		usleep(100000);
	}
	sync_get(bs, &st);
	gen = st.generation;
	lat = xcalloc(BENCH_NOTIFY, sizeof *lat);
	for (i = 0; i < BENCH_NOTIFY; i++) {
		bench_answers(a, 1, "live");
		t = bench_now();
		memset(&pr, 0, sizeof pr);
		if (sync_push(a, pg, 0, 0, &pr, &cause) != DB_OK)
			bench_die("push", cause);
		gen = bench_wait(bs, wake[0], gen);
		lat[i] = (bench_now() - t) * 1000;
	}
	qsort(lat, BENCH_NOTIFY, sizeof *lat, bench_cmp);
	printf("notification to dashboard (push start -> B applied and "
	    "woken), %d pushes: median %.1f ms, p99 %.1f ms (target p99 < "
	    "1000 ms)\n", BENCH_NOTIFY, lat[BENCH_NOTIFY / 2],
	    lat[BENCH_NOTIFY * 99 / 100]);
	free(lat);
	sync_free(bs);
	close(wake[0]);
	close(wake[1]);
	store_close(b);
	store_close(a);
	pg_close(pg);
	bench_cluster("destroy", bench_dir);
	free(conninfo);
	free(pw);
	free(pass);
	return 0;
}

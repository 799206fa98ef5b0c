/* SPDX-License-Identifier: MIT */
/*
 * Key-to-screen latency of the terminal UI while background jobs run.
 *
 * A fresh store gets the sample data and a queue of document audits
 * (a generated 1.5 MB text, two frameworks each); the TUI ($VO, default
 * build/release/vigilore) is started on a pseudo-terminal of 100x30, so
 * its own job runner works through the queue while we type. On the live
 * dashboard we then press 3 and 4 in turn (trend and matrix panels, a
 * redraw of the whole body each) and time from writing the key to the
 * moment the panel's title arrives on the terminal; then we type into the
 * search field of the reports list and time each character's echo.
 * Prints the median, p99 and maximum of each, and how many jobs were
 * processing before and after.
 * Target: p99 under 16 ms.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BENCH_KEYS	400
#define BENCH_TYPED	200
#define BENCH_JOBS	12
#define BENCH_BUF	(1 << 20)

static char bench_dir[] = "/tmp/vo-bench-tui.XXXXXX";
static char bench_out[BENCH_BUF];
static size_t bench_len;

static double
bench_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Runs ARGV with stdout to OUT (may be NULL); returns the exit status. */
static int
bench_run(char *const argv[], char *out, size_t outlen)
{
	int fd[2], st;
	pid_t pid;
	ssize_t n;
	size_t len = 0;

	if (pipe(fd) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fd[1]);
	while ((n = read(fd[0], out != NULL ? out + len : bench_out,
	    out != NULL ? outlen - 1 - len : sizeof bench_out)) > 0) {
		if (out != NULL)
			len += (size_t)n;
		if (out != NULL && len + 1 >= outlen)
			break;
	}
	if (out != NULL)
		out[len] = '\0';
	close(fd[0]);
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int
bench_count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* Reads the terminal until MARK shows in what arrived since the reset. */
static int
bench_wait(int fd, const char *mark, int timeout_ms)
{
	struct pollfd p;
	double end = bench_now_ms() + timeout_ms;
	ssize_t n;

	for (;;) {
		bench_out[bench_len] = '\0';
		if (strstr(bench_out, mark) != NULL)
			return 0;
		if (bench_now_ms() > end)
			return -1;
		p.fd = fd;
		p.events = POLLIN;
		if (poll(&p, 1, 50) <= 0)
			continue;
		n = read(fd, bench_out + bench_len,
		    sizeof bench_out - 1 - bench_len);
		if (n <= 0)
			return -1;
		bench_len += (size_t)n;
		if (bench_len > sizeof bench_out / 2) {
			/* Keep the tail only. */
			memmove(bench_out, bench_out + bench_len - 4096, 4096);
			bench_len = 4096;
		}
	}
}

static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
bench_report(const char *what, double *lat, int n, int before, int after)
{
	double p99;

	qsort(lat, (size_t)n, sizeof lat[0], bench_cmp);
	p99 = lat[(int)((n - 1) * 0.99)];
	printf("   tui key-to-screen latency, %s (%d keys, jobs processing: "
	    "%d before, %d after):\n", what, n, before, after);
	printf("   median %.2f ms, p99 %.2f ms, max %.2f ms "
	    "(target p99 < 16 ms: %s)\n", lat[n / 2], p99, lat[n - 1],
	    p99 < 16 ? "met" : "missed");
}

static void
bench_doc(const char *path)
{
	static const char *const words[] = {
		"the", "operator", "shall", "maintain", "records", "of",
		"tailings", "storage", "facility", "inspections", "water",
		"discharge", "permits", "community", "consultation", "safety",
		"training", "emergency", "response", "plan", "security",
		"personnel", "human", "rights", "mining", "title", "royalty",
		"payment", "export", "licence", "environmental", "impact",
	};
	FILE *f;
	size_t i, nw = sizeof words / sizeof words[0];
	unsigned x = 7;

	f = fopen(path, "w");
	if (f == NULL)
		return;
	for (i = 0; i < 250000; i++) {
		x = x * 1103515245u + 12345u;
		fputs(words[(x >> 16) % nw], f);
		fputc(i % 17 == 16 ? '.' : ' ', f);
		if (i % 170 == 169)
			fputs("\n\n", f);
	}
	fclose(f);
}

int
main(void)
{
	const char *vo = getenv("VO");
	char db[256], doc[256], out[1 << 16], *argv[16];
	double lat[BENCH_KEYS], t0;
	struct winsize ws = { .ws_row = 30, .ws_col = 100 };
	int fd, i, n = 0, before, after, st, rc = 0;
	pid_t pid;
	const char *mark;
	char key, typed[2];

	if (vo == NULL)
		vo = "build/release/vigilore";
	if (access(vo, X_OK) != 0) {
		printf("   tui latency: no binary '%s'\n", vo);
		return 0;
	}
	if (mkdtemp(bench_dir) == NULL)
		return 1;
	snprintf(db, sizeof db, "%s/store.db", bench_dir);
	snprintf(doc, sizeof doc, "%s/site.txt", bench_dir);
	setenv("VIGILORE_DB", db, 1);
	setenv("VIGILORE_NO_AUTOSTART", "1", 1);
	setenv("LANG", "C.UTF-8", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("TERM", "xterm-256color", 1);
	unsetenv("NO_COLOR");
	bench_doc(doc);

	argv[0] = (char *)vo;
	argv[1] = (char *)"demo";
	argv[2] = NULL;
	bench_run(argv, out, sizeof out);
	for (i = 0; i < BENCH_JOBS; i++) {
		argv[1] = (char *)"audit";
		argv[2] = (char *)"--input";
		argv[3] = doc;
		argv[4] = (char *)"--framework";
		argv[5] = (char *)"DRC_MINING_CODE";
		argv[6] = (char *)"--framework";
		argv[7] = (char *)"ISO_14001";
		argv[8] = (char *)"--site";
		argv[9] = (char *)"Bench";
		argv[10] = (char *)"--auditor";
		argv[11] = (char *)"bench";
		argv[12] = NULL;
		bench_run(argv, out, sizeof out);
	}

	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		printf("   tui latency: forkpty: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		execl(vo, vo, (char *)NULL);
		_exit(127);
	}
	if (bench_wait(fd, "Interviews", 10000) != 0 ||
	    write(fd, "d", 1) != 1 ||
	    bench_wait(fd, "National compliance map", 10000) != 0) {
		printf("   tui latency: the TUI did not start\n");
		rc = 1;
		goto out;
	}
	/* Let the runner take jobs. */
	usleep(300 * 1000);
	argv[1] = (char *)"jobs";
	argv[2] = (char *)"--json";
	argv[3] = NULL;
	bench_run(argv, out, sizeof out);
	before = bench_count(out, "\"processing\"");

	for (i = 0; i < BENCH_KEYS; i++) {
		key = i % 2 == 0 ? '3' : '4';
		mark = key == '3' ? "Compliance trend" : "Framework matrix";
		bench_len = 0;
		bench_out[0] = '\0';
		t0 = bench_now_ms();
		if (write(fd, &key, 1) != 1)
			break;
		if (bench_wait(fd, mark, 2000) != 0)
			break;
		lat[n++] = bench_now_ms() - t0;
	}
	bench_run(argv, out, sizeof out);
	after = bench_count(out, "\"processing\"");
	if (n == 0) {
		printf("   tui latency: no key measured\n");
		rc = 1;
		goto out;
	}
	bench_report("dashboard panel switch", lat, n, before, after);

	/* Typing in a text field: the reports list's search prompt. */
	n = 0;
	if (write(fd, "\033", 1) == 1 && bench_wait(fd, "Interviews", 5000) ==
	    0 && write(fd, "r", 1) == 1 &&
	    bench_wait(fd, "reports", 5000) == 0 && write(fd, "/", 1) == 1 &&
	    bench_wait(fd, "Search", 5000) == 0) {
		bench_run(argv, out, sizeof out);
		before = bench_count(out, "\"processing\"");
		for (i = 0; i < BENCH_TYPED; i++) {
			/* Letters no escape sequence ends with. */
			key = "zyxw"[i % 4];
			if (i % 30 == 29) {
				/* Clear the field now and then (not timed). */
				if (write(fd, "\025", 1) != 1)
					break;
				usleep(20 * 1000);
				bench_len = 0;
			}
			bench_len = 0;
			bench_out[0] = '\0';
			t0 = bench_now_ms();
			if (write(fd, &key, 1) != 1)
				break;
			typed[0] = key;
			typed[1] = '\0';
			if (bench_wait(fd, typed, 2000) != 0)
				break;
			lat[n++] = bench_now_ms() - t0;
		}
		bench_run(argv, out, sizeof out);
		after = bench_count(out, "\"processing\"");
		if (n > 0)
			bench_report("typing in a field", lat, n, before, after);
	}
out:
	if (write(fd, "q", 1) != 1)
		kill(pid, SIGTERM);
	for (i = 0; i < 100 && waitpid(pid, &st, WNOHANG) == 0; i++)
		usleep(50 * 1000);
	if (i == 100) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	}
	close(fd);
	unlink(doc);
	unlink(db);
	snprintf(db, sizeof db, "%s/store.db-wal", bench_dir);
	unlink(db);
	snprintf(db, sizeof db, "%s/store.db-shm", bench_dir);
	unlink(db);
	rmdir(bench_dir);
	return rc;
}

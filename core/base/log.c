/* SPDX-License-Identifier: MIT */
/*
 * Thread-safe line logger. Off (level -1) until log_open() succeeds; each
 * line carries a monotonic timestamp, the thread name and the function.
 */
#include "log.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int log_level_current = -1;
static int log_fd = -1;
static _Thread_local char log_thread[16] = "main";

int
log_open(const char *path, enum log_level level)
{
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd == -1)
		return -1;
	if (log_fd != -1)
		close(log_fd);
	log_fd = fd;
	log_level_current = (int)level;
	return 0;
}

void
log_close(void)
{
	if (log_fd != -1)
		close(log_fd);
	log_fd = -1;
	log_level_current = -1;
}

void
log_thread_name(const char *name)
{
	snprintf(log_thread, sizeof log_thread, "%s", name);
}

void
log_write(enum log_level level, const char *func, const char *fmt, ...)
{
	static const char *names[] = { "error", "warn", "info", "debug" };
	char line[2048];
	struct timespec ts;
	va_list ap;
	int n, m;

	if (log_fd == -1)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	n = snprintf(line, sizeof line, "%lld.%06ld %s %s %s: ",
	    (long long)ts.tv_sec, ts.tv_nsec / 1000, log_thread,
	    names[level], func);
	if (n < 0 || (size_t)n >= sizeof line)
		return;
	va_start(ap, fmt);
	m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	n += m;
	if ((size_t)n > sizeof line - 2)
		n = (int)sizeof line - 2;
	line[n++] = '\n';
	(void)!write(log_fd, line, (size_t)n);
}

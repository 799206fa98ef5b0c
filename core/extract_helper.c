/* SPDX-License-Identifier: MIT */
/*
 * Extraction in a child process (see "Isolation" in core/extract.h).
 * The parent spawns the helper with posix_spawn (safe from a threaded
 * program), reads its JSON from a pipe under the deadline, and turns
 * every way the child can end into a cause. The child sets its own
 * resource limits before it touches the document.
 */
#include "core/extract.h"
#include "core/extract_int.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/base/buf.h"
#include "core/base/clock.h"
#include "core/base/xmalloc.h"

extern char **environ;

static const char *
extract_helper_base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

int
extract_helper_main(const char *path, size_t max_memory)
{
	struct extract_limits l;
	struct extract_doc *d;
	struct rlimit rl;
	json_t *out, *pages;
	char *cause = NULL;
	int i;

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
	/* (Sanitizers reserve terabytes of address space: no limit.) */
	if (max_memory > 0) {
		rl.rlim_cur = rl.rlim_max = (rlim_t)max_memory;
		setrlimit(RLIMIT_AS, &rl);
	}
#else
	(void)max_memory;
#endif
	rl.rlim_cur = rl.rlim_max = 600;	/* CPU seconds, a last guard */
	setrlimit(RLIMIT_CPU, &rl);
	extract_limits_default(&l);
	if (extract_file(path, &l, &d, &cause) != 0) {
		out = json_pack("{s:b, s:s}", "ok", 0, "cause", cause);
		free(cause);
	} else {
		pages = json_array();
		for (i = 0; i < d->npages; i++)
			json_array_append_new(pages, json_pack("{s:s, s:b}",
			    "text", d->pages[i].text, "flagged",
			    d->pages[i].flagged));
		out = json_pack("{s:b, s:s, s:b, s:o}", "ok", 1, "format",
		    d->format, "cp1252", d->cp1252, "pages", pages);
		extract_doc_free(d);
	}
	if (json_dumpf(out, stdout, JSON_COMPACT) != 0) {
		json_decref(out);
		return 1;
	}
	json_decref(out);
	fflush(stdout);
	return 0;
}

/* Builds the document from the helper's JSON. */
static int
extract_helper_parse(const char *name, const char *text,
    struct extract_doc **out, char **cause)
{
	struct extract_doc *d;
	json_t *j, *pages, *p;
	json_error_t je;
	const char *t;
	size_t i;

	j = json_loads(text, 0, &je);
	if (j == NULL) {
		*cause = xasprintf("'%s': the extraction helper gave no "
		    "answer", name);
		return -1;
	}
	if (!json_is_true(json_object_get(j, "ok"))) {
		t = json_string_value(json_object_get(j, "cause"));
		*cause = xstrdup(t != NULL ? t : "extraction failed");
		json_decref(j);
		return -1;
	}
	d = xcalloc(1, sizeof *d);
	t = json_string_value(json_object_get(j, "format"));
	snprintf(d->format, sizeof d->format, "%s", t != NULL ? t : "");
	d->cp1252 = json_is_true(json_object_get(j, "cp1252"));
	pages = json_object_get(j, "pages");
	d->pages = xcalloc(json_array_size(pages) + 1, sizeof *d->pages);
	json_array_foreach(pages, i, p) {
		t = json_string_value(json_object_get(p, "text"));
		d->pages[i].text = xstrdup(t != NULL ? t : "");
		d->pages[i].flagged = json_is_true(json_object_get(p,
		    "flagged"));
		d->nflagged += d->pages[i].flagged;
		d->nchars += strlen(d->pages[i].text);
		d->npages++;
	}
	json_decref(j);
	*out = d;
	return 0;
}

int
extract_helper_run(const char *path, const struct extract_limits *l,
    struct extract_doc **out, char **cause)
{
	posix_spawn_file_actions_t fa;
	const char *name = extract_helper_base(path);
	char mem[32], *argv[8];
	struct pollfd pfd;
	struct buf b;
	char chunk[65536];
	int fds[2], st = 0, killed = 0, rc = -1, wait_ms;
	ssize_t k;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) != 0) {
		*cause = xasprintf("'%s': cannot start the extraction helper: "
		    "%s", name, strerror(errno));
		return -1;
	}
	snprintf(mem, sizeof mem, "%zu", l->max_memory >> 20);
	argv[0] = (char *)l->helper;
	argv[1] = (char *)"extract";
	argv[2] = (char *)"--helper";
	argv[3] = (char *)"--max-memory";
	argv[4] = mem;
	argv[5] = (char *)"--";
	argv[6] = (char *)path;
	argv[7] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	/* Never a word on the terminal (the TUI may own it). */
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawn(&pid, l->helper, &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		close(fds[0]);
		close(fds[1]);
		*cause = xasprintf("'%s': cannot start the extraction helper "
		    "'%s'", name, l->helper);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	/* Text plus JSON escapes: generous, but bounded. */
	buf_init(&b, l->max_text * 2 + (1 << 20));
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	for (;;) {
		wait_ms = 200;
		if (l->deadline_ms != 0 && clock_mono_ms() > l->deadline_ms) {
			*cause = xasprintf("'%s': extraction took longer than "
			    "the time limit", name);
			killed = 1;
			break;
		}
		if (l->cancel != NULL && atomic_load(l->cancel)) {
			*cause = xasprintf("'%s': cancelled", name);
			killed = 1;
			break;
		}
		if (poll(&pfd, 1, wait_ms) <= 0)
			continue;
		k = read(fds[0], chunk, sizeof chunk);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		if (buf_append(&b, chunk, (size_t)k) != 0) {
			*cause = xasprintf("'%s': more than %zu MB of text",
			    name, l->max_text >> 20);
			killed = 1;
			break;
		}
	}
	close(fds[0]);
	if (killed)
		kill(pid, SIGKILL);
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		;
	if (killed)
		goto out;
	if (WIFSIGNALED(st)) {
		if (WTERMSIG(st) == SIGXCPU)
			*cause = xasprintf("'%s': extraction used more than "
			    "its CPU time limit", name);
		else
			*cause = xasprintf("'%s': extraction stopped by signal "
			    "%d: the document crashed the PDF library or "
			    "needed more than the memory limit of %zu MB", name,
			    WTERMSIG(st), l->max_memory >> 20);
		goto out;
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || b.len == 0) {
		*cause = xasprintf("'%s': extraction failed (exit %d; out of "
		    "memory past %zu MB?)", name, WIFEXITED(st) ?
		    WEXITSTATUS(st) : -1, l->max_memory >> 20);
		goto out;
	}
	rc = extract_helper_parse(name, b.data, out, cause);
out:
	buf_release(&b);
	return rc;
}

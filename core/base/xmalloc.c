/* SPDX-License-Identifier: MIT */
/*
 * The only file allowed to call the raw allocators. Every wrapper aborts
 * the program on failure: durability comes from committed SQLite
 * transactions and resumable jobs, not from surviving out-of-memory.
 */
#include "xmalloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static xmalloc_fatal_fn *xmalloc_fatal_hook;

void
xmalloc_set_fatal_hook(xmalloc_fatal_fn *fn)
{
	xmalloc_fatal_hook = fn;
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	if (xmalloc_fatal_hook != NULL)
		xmalloc_fatal_hook();
	va_start(ap, fmt);
	fputs("vigilore: fatal: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

void *
xmalloc(size_t size)
{
	void *p;

	if (size == 0)
		fatalx("xmalloc: zero size");
	p = malloc(size);
	if (p == NULL)
		fatalx("xmalloc: allocating %zu bytes: %s", size, strerror(errno));
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		fatalx("xcalloc: zero size");
	p = calloc(n, size);
	if (p == NULL)
		fatalx("xcalloc: allocating %zu * %zu bytes", n, size);
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		fatalx("xreallocarray: zero size");
	if (SIZE_MAX / n < size)
		fatalx("xreallocarray: %zu * %zu overflows", n, size);
	p = realloc(old, n * size);
	if (p == NULL)
		fatalx("xreallocarray: allocating %zu * %zu bytes", n, size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t maxlen)
{
	size_t len;
	char *p;

	len = strnlen(s, maxlen);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int len;
	char *p;

	va_copy(ap2, ap);
	len = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (len < 0)
		fatalx("xvasprintf: bad format '%s'", fmt);
	p = xmalloc((size_t)len + 1);
	vsnprintf(p, (size_t)len + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

/* SPDX-License-Identifier: MIT */
/* Bounded growable buffer; see buf.h for the invariants. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

void
buf_init(struct buf *b, size_t max)
{
	b->cap = 64;
	b->data = xmalloc(b->cap);
	b->data[0] = '\0';
	b->len = 0;
	b->max = max;
}

void
buf_release(struct buf *b)
{
	XFREE(b->data);
	b->len = b->cap = 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

int
buf_append(struct buf *b, const void *p, size_t len)
{
	size_t need;

	if (len == 0)
		return 0;
	need = b->len + len + 1;
	if (need < b->len || (b->max != 0 && need - 1 > b->max))
		return -1;
	if (need > b->cap) {
		size_t cap = b->cap > 0 ? b->cap : 64;

		while (cap < need)
			cap *= 2;
		b->data = xreallocarray(b->data, cap, 1);
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int
buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int
buf_putc(struct buf *b, char c)
{
	return buf_append(b, &c, 1);
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int rc;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	rc = buf_puts(b, s);
	free(s);
	return rc;
}

char *
buf_detach(struct buf *b)
{
	char *s = b->data;

	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

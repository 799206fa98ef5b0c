/* SPDX-License-Identifier: MIT */
#ifndef VO_BUF_H
#define VO_BUF_H

/*
 * A growable byte buffer, always NUL-terminated, never NULL after init.
 * It has a maximum size: appending past it fails instead of growing, so
 * untrusted input (documents, files) cannot exhaust memory.
 */

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;		/* always NUL-terminated */
	size_t	 len;		/* bytes used, without the NUL */
	size_t	 cap;		/* bytes allocated */
	size_t	 max;		/* most bytes ever allowed (0 = no limit) */
};

void	 buf_init(struct buf *, size_t max);
void	 buf_release(struct buf *);
void	 buf_reset(struct buf *);
/* 0 on success, -1 when the maximum would be exceeded (buffer unchanged). */
int	 buf_append(struct buf *, const void *, size_t);
int	 buf_puts(struct buf *, const char *);
int	 buf_putc(struct buf *, char);
int	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * Returns the owned string and leaves the buffer empty with nothing
 * allocated; appending to it again allocates afresh.
 */
char	*buf_detach(struct buf *);

#endif

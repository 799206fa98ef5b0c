/* SPDX-License-Identifier: MIT */
#ifndef VO_XMALLOC_H
#define VO_XMALLOC_H

/*
 * Allocation wrappers that never return NULL. On exhaustion they run the
 * registered fatal hook (the TUI restores the terminal there), log and exit.
 * Asking for zero bytes is a bug. Safe from any thread.
 */

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

/* Called once before exiting on a fatal error; may be NULL. */
typedef void xmalloc_fatal_fn(void);
void	 xmalloc_set_fatal_hook(xmalloc_fatal_fn *);

/* Programmer error: log, run the hook, abort. */
void	 fatalx(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

#define XFREE(p) do { free(p); (p) = NULL; } while (0)

#endif

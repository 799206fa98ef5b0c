/* SPDX-License-Identifier: MIT */
#ifndef VO_HLC_H
#define VO_HLC_H

/*
 * Hybrid logical clock stamps: wall-clock milliseconds, a counter and the
 * device id. The text form "WWWWWWWWWWWWW-CCCCCC-DEVICE" sorts the same
 * way as the stamps compare, so SQL can order rows with a plain
 * comparison. Pure functions; thread-safe.
 */

#include <stddef.h>
#include <stdint.h>

#define HLC_TEXT_MAX 64

struct hlc {
	int64_t	 wall_ms;
	uint32_t counter;
	char	 device[40];
};

/* The next stamp after LAST (may be NULL) at wall time NOW_MS. */
void	 hlc_next(const struct hlc *last, int64_t now_ms, const char *device,
	    struct hlc *out /* OUT */);
/* Merge a received stamp REMOTE into LAST at NOW_MS (receive rule). */
void	 hlc_recv(const struct hlc *last, const struct hlc *remote,
	    int64_t now_ms, const char *device, struct hlc *out /* OUT */);
void	 hlc_format(const struct hlc *, char *out, size_t len);
/* 0 and *OUT on success, -1 on a malformed stamp. */
int	 hlc_parse(const char *, struct hlc *out /* OUT */);
int	 hlc_compare(const struct hlc *, const struct hlc *);

#endif

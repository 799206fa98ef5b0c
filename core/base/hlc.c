/* SPDX-License-Identifier: MIT */
/* Hybrid logical clock (Kulkarni et al.), text-sortable. */
#include "hlc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
hlc_next(const struct hlc *last, int64_t now_ms, const char *device,
    struct hlc *out)
{
	memset(out, 0, sizeof *out);
	if (last != NULL && last->wall_ms >= now_ms) {
		out->wall_ms = last->wall_ms;
		out->counter = last->counter + 1;
	} else {
		out->wall_ms = now_ms;
		out->counter = 0;
	}
	snprintf(out->device, sizeof out->device, "%s", device);
}

void
hlc_recv(const struct hlc *last, const struct hlc *remote, int64_t now_ms,
    const char *device, struct hlc *out)
{
	int64_t lw = last != NULL ? last->wall_ms : 0;
	uint32_t lc = last != NULL ? last->counter : 0;
	int64_t w = now_ms;

	if (lw > w)
		w = lw;
	if (remote->wall_ms > w)
		w = remote->wall_ms;
	memset(out, 0, sizeof *out);
	out->wall_ms = w;
	if (w == lw && w == remote->wall_ms)
		out->counter = (lc > remote->counter ? lc : remote->counter) + 1;
	else if (w == lw)
		out->counter = lc + 1;
	else if (w == remote->wall_ms)
		out->counter = remote->counter + 1;
	else
		out->counter = 0;
	snprintf(out->device, sizeof out->device, "%s", device);
}

void
hlc_format(const struct hlc *h, char *out, size_t len)
{
	snprintf(out, len, "%013" PRId64 "-%06" PRIu32 "-%s", h->wall_ms,
	    h->counter, h->device);
}

int
hlc_parse(const char *s, struct hlc *out)
{
	char *end;
	long long w;
	unsigned long c;

	memset(out, 0, sizeof *out);
	if (s == NULL || strlen(s) < 22 || s[13] != '-' || s[20] != '-')
		return -1;
	w = strtoll(s, &end, 10);
	if (end != s + 13 || w < 0)
		return -1;
	c = strtoul(s + 14, &end, 10);
	if (end != s + 20 || c > UINT32_MAX)
		return -1;
	if (strlen(s + 21) >= sizeof out->device)
		return -1;
	out->wall_ms = w;
	out->counter = (uint32_t)c;
	snprintf(out->device, sizeof out->device, "%s", s + 21);
	return 0;
}

int
hlc_compare(const struct hlc *a, const struct hlc *b)
{
	if (a->wall_ms != b->wall_ms)
		return a->wall_ms < b->wall_ms ? -1 : 1;
	if (a->counter != b->counter)
		return a->counter < b->counter ? -1 : 1;
	return strcmp(a->device, b->device);
}

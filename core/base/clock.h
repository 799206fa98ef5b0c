/* SPDX-License-Identifier: MIT */
#ifndef VO_CLOCK_H
#define VO_CLOCK_H

/*
 * Every wall-clock read goes through here so tests can pin time with
 * VIGILORE_NOW (an ISO date "2026-12-03", a UTC date-time
 * "2026-12-03T10:00:00Z", or epoch milliseconds). Thread-safe.
 */

#include <stdint.h>
#include <time.h>

/* Milliseconds since the epoch, UTC. */
int64_t	 clock_now_ms(void);
/* Today (by clock_now_ms) as days since the epoch, UTC. */
int64_t	 clock_today_days(void);
/* Monotonic milliseconds, for elapsed times and timeouts. */
int64_t	 clock_mono_ms(void);
/* Sleeps MS milliseconds (a signal may end it early). */
void	 clock_sleep_ms(int64_t ms);
/* Writes "YYYY-MM-DDTHH:MM:SSZ" for MS into OUT (at least 21 bytes). */
void	 clock_format_iso(int64_t ms, char *out, size_t len);
/* Writes "YYYY-MM-DD" for MS into OUT (at least 11 bytes). */
void	 clock_format_date(int64_t ms, char *out, size_t len);
/*
 * Parses a strict ISO calendar date "YYYY-MM-DD" that exists.
 * Returns 0 and the days since the epoch in *days (OUT), or -1.
 */
int	 clock_parse_date(const char *, int64_t *days);
/* Days since the epoch for a broken-down UTC date (no validation). */
int64_t	 clock_days_from_civil(int y, unsigned m, unsigned d);

#endif

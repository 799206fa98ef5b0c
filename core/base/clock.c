/* SPDX-License-Identifier: MIT */
/* Wall and monotonic clocks with a test override; calendar helpers. */
#include "clock.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t
clock_days_from_civil(int y, unsigned m, unsigned d)
{
	/* Howard Hinnant's days_from_civil: exact for the proleptic calendar. */
	int era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int64_t)era * 146097 + (int64_t)doe - 719468;
}

static int
clock_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
clock_parse_date(const char *s, int64_t *days)
{
	static const unsigned mdays[] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, i;
	unsigned m, d, dim;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (!isdigit((unsigned char)s[i]))
			return -1;
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return -1;
	dim = mdays[m - 1] + (m == 2 && clock_is_leap(y));
	if (d > dim)
		return -1;
	*days = clock_days_from_civil(y, m, d);
	return 0;
}

static int
clock_override(int64_t *ms)
{
	const char *s = getenv("VIGILORE_NOW");
	char *end;
	int64_t days;
	unsigned hh, mm, ss;
	long long v;

	if (s == NULL || *s == '\0')
		return 0;
	if (strlen(s) >= 10 && s[4] == '-') {
		char date[11];

		memcpy(date, s, 10);
		date[10] = '\0';
		if (clock_parse_date(date, &days) != 0)
			return 0;
		hh = mm = ss = 0;
		if (s[10] == 'T' &&
		    sscanf(s + 11, "%2u:%2u:%2u", &hh, &mm, &ss) != 3)
			return 0;
		*ms = (days * 86400 + hh * 3600 + mm * 60 + ss) * 1000;
		return 1;
	}
	v = strtoll(s, &end, 10);
	if (*end != '\0')
		return 0;
	*ms = v;
	return 1;
}

int64_t
clock_now_ms(void)
{
	struct timespec ts;
	int64_t ms;

	if (clock_override(&ms))
		return ms;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
clock_today_days(void)
{
	int64_t ms = clock_now_ms();

	return ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
}

int64_t
clock_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
clock_sleep_ms(int64_t ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

void
clock_format_iso(int64_t ms, char *out, size_t len)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
clock_format_date(int64_t ms, char *out, size_t len)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%d", &tm);
}

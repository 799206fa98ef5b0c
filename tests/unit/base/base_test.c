/* SPDX-License-Identifier: MIT */
/* Unit tests for core/base: buf, clock, hlc, uuid. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/base/buf.h"
#include "core/base/clock.h"
#include "core/base/hlc.h"
#include "core/base/uuid.h"

static void
test_buf_bounded(void **state)
{
	struct buf b;
	char *s;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_puts(&b, "abcd"), 0);
	assert_int_equal(buf_puts(&b, "efgh"), 0);
	assert_int_equal(buf_putc(&b, 'i'), -1);
	assert_string_equal(b.data, "abcdefgh");
	s = buf_detach(&b);
	assert_string_equal(s, "abcdefgh");
	assert_int_equal(b.len, 0);
	free(s);
	buf_release(&b);
}

static void
test_clock_parse_date(void **state)
{
	int64_t d;

	(void)state;
	assert_int_equal(clock_parse_date("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(clock_parse_date("2024-02-29", &d), 0);
	assert_int_equal(clock_parse_date("2023-02-29", &d), -1);
	assert_int_equal(clock_parse_date("2024-13-01", &d), -1);
	assert_int_equal(clock_parse_date("2024-1-01", &d), -1);
	assert_int_equal(clock_parse_date("20240101", &d), -1);
	assert_int_equal(clock_parse_date("2024-04-31", &d), -1);
	assert_int_equal(clock_parse_date(NULL, &d), -1);
	assert_int_equal(clock_parse_date("2000-03-01", &d), 0);
	assert_int_equal(d, 11017);
}

static void
test_clock_override(void **state)
{
	(void)state;
	setenv("VIGILORE_NOW", "2026-12-03T10:00:00Z", 1);
	assert_int_equal(clock_now_ms(), (int64_t)1796292000 * 1000);
	setenv("VIGILORE_NOW", "1000", 1);
	assert_int_equal(clock_now_ms(), 1000);
	unsetenv("VIGILORE_NOW");
	assert_true(clock_now_ms() > (int64_t)1700000000 * 1000);
}

static void
test_hlc_order(void **state)
{
	struct hlc a, b, c, parsed;
	char ta[HLC_TEXT_MAX], tb[HLC_TEXT_MAX];

	(void)state;
	hlc_next(NULL, 5000, "dev-a", &a);
	hlc_next(&a, 4000, "dev-a", &b);	/* clock went back */
	assert_int_equal(b.wall_ms, 5000);
	assert_int_equal(b.counter, 1);
	assert_true(hlc_compare(&a, &b) < 0);
	hlc_format(&a, ta, sizeof ta);
	hlc_format(&b, tb, sizeof tb);
	assert_true(strcmp(ta, tb) < 0);
	assert_int_equal(hlc_parse(tb, &parsed), 0);
	assert_int_equal(hlc_compare(&parsed, &b), 0);
	hlc_recv(&b, &(struct hlc){ .wall_ms = 9000, .counter = 3 }, 6000,
	    "dev-a", &c);
	assert_int_equal(c.wall_ms, 9000);
	assert_int_equal(c.counter, 4);
	assert_int_equal(hlc_parse("garbage", &parsed), -1);
}

static void
test_uuid(void **state)
{
	char a[UUID_TEXT_LEN], b[UUID_TEXT_LEN];

	(void)state;
	uuid_generate(a);
	uuid_generate(b);
	assert_true(uuid_is_valid(a));
	assert_string_not_equal(a, b);
	assert_int_equal(a[14], '4');
	assert_false(uuid_is_valid("not-a-uuid"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_bounded),
		cmocka_unit_test(test_clock_parse_date),
		cmocka_unit_test(test_clock_override),
		cmocka_unit_test(test_hlc_order),
		cmocka_unit_test(test_uuid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for core/answer (parsing and validation of answer values,
 * notes and confidence, per type) and report_csv_field. The questions
 * come from tests/data/banks/valid/types.json, one of each type; run
 * from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/answer.h"
#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "core/framework.h"
#include "core/report.h"

#define TYPES_BANK	"tests/data/banks/valid/types.json"

static struct framework *answer_fw;
static int64_t answer_today;	/* 2026-12-03 */

static int
answer_setup(void **state)
{
	char *cause = NULL;

	(void)state;
	answer_fw = framework_load_file(TYPES_BANK, &cause);
	if (answer_fw == NULL) {
		print_error("%s\n", cause);
		free(cause);
		return -1;
	}
	if (clock_parse_date("2026-12-03", &answer_today) != 0)
		return -1;
	return 0;
}

static int
answer_teardown(void **state)
{
	(void)state;
	framework_free(answer_fw);
	return 0;
}

static const struct question *
answer_q(const char *id)
{
	int qi = framework_question_index(answer_fw, id);

	if (qi < 0)
		fail_msg("no question '%s' in %s", id, TYPES_BANK);
	return &answer_fw->questions[qi];
}

/* VALUE typed for QID must be refused, with a cause naming QID. */
static void
answer_text_refused(const char *qid, const char *value)
{
	json_t *out = (json_t *)1;
	char *cause = NULL;

	if (answer_parse_text(answer_q(qid), value, answer_today, &out,
	    &cause) != -1)
		fail_msg("%s: '%s' was accepted", qid, value);
	assert_null(out);
	assert_non_null(cause);
	if (strstr(cause, qid) == NULL)
		fail_msg("cause '%s' does not name '%s'", cause, qid);
	free(cause);
}

/* VALUE typed for QID is accepted; returns the value as compact JSON. */
static char *
answer_text_ok(const char *qid, const char *value)
{
	json_t *out = NULL;
	char *cause = NULL, *s;

	if (answer_parse_text(answer_q(qid), value, answer_today, &out,
	    &cause) != 0)
		fail_msg("%s: '%.40s' refused: %s", qid, value, cause);
	s = json_dumps(out, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(out);
	return s;
}

/* VALUE typed for QID is accepted, whatever it is stored as. */
static void
answer_text_accepted(const char *qid, const char *value)
{
	free(answer_text_ok(qid, value));
}

static void
answer_text_is(const char *qid, const char *value, const char *json)
{
	char *s = answer_text_ok(qid, value);

	assert_string_equal(s, json);
	free(s);
}

/* JSON value V (stolen) for QID must be refused. */
static void
answer_json_refused(const char *qid, json_t *v)
{
	json_t *out = (json_t *)1;
	char *cause = NULL;

	if (answer_check_json(answer_q(qid), v, answer_today, &out,
	    &cause) != -1)
		fail_msg("%s: JSON value accepted", qid);
	assert_null(out);
	assert_non_null(strstr(cause, qid));
	free(cause);
	json_decref(v);
}

/* JSON value V (stolen) for QID is accepted and normalised to JSON. */
static void
answer_json_is(const char *qid, json_t *v, const char *json)
{
	json_t *out = NULL;
	char *cause = NULL, *s;

	if (answer_check_json(answer_q(qid), v, answer_today, &out,
	    &cause) != 0)
		fail_msg("%s: JSON value refused: %s", qid, cause);
	s = json_dumps(out, JSON_COMPACT | JSON_ENCODE_ANY);
	assert_string_equal(s, json);
	free(s);
	json_decref(out);
	json_decref(v);
}

static char *
answer_repeat(const char *unit, size_t n)
{
	size_t len = strlen(unit), i;
	char *s = xmalloc(len * n + 1);

	for (i = 0; i < n; i++)
		memcpy(s + i * len, unit, len);
	s[len * n] = '\0';
	return s;
}

static void
test_yes_no(void **state)
{
	(void)state;
	answer_text_refused("t_yes_no", "Yes");
	answer_text_refused("t_yes_no", "1");
	answer_text_refused("t_yes_no", "");
	answer_text_refused("t_yes_no", "oui");
	answer_text_refused("t_yes_no", "yes ");
	answer_text_is("t_yes_no", "yes", "\"yes\"");
	answer_text_is("t_yes_no", "no", "\"no\"");
	answer_json_is("t_yes_no", json_true(), "\"yes\"");
	answer_json_is("t_yes_no", json_false(), "\"no\"");
	answer_json_is("t_yes_no", json_string("no"), "\"no\"");
	answer_json_refused("t_yes_no", json_integer(1));
	answer_json_refused("t_yes_no", json_string("YES"));
	answer_json_refused("t_yes_no", json_null());
}

static void
test_choice(void **state)
{
	(void)state;
	answer_text_refused("t_choice", "d");
	answer_text_refused("t_choice", "A");
	answer_text_refused("t_choice", "");
	answer_text_refused("t_choice", "a,b");
	answer_text_is("t_choice", "b", "\"b\"");
	answer_json_is("t_choice", json_string("c"), "\"c\"");
	answer_json_refused("t_choice", json_integer(1));
	answer_json_refused("t_choice", json_pack("[s]", "a"));
}

static void
test_multi_select(void **state)
{
	(void)state;
	answer_text_refused("t_multi", "");
	answer_text_refused("t_multi", "a,a");
	answer_text_refused("t_multi", "a,zz");
	answer_text_refused("t_multi", "A");
	answer_text_refused("t_multi", "a,");
	answer_text_is("t_multi", "a", "[\"a\"]");
	answer_text_is("t_multi", "c,a", "[\"c\",\"a\"]");
	answer_text_is("t_multi", "a, b", "[\"a\",\"b\"]");
	answer_json_refused("t_multi", json_array());
	answer_json_refused("t_multi", json_pack("[ss]", "b", "b"));
	answer_json_refused("t_multi", json_pack("[ss]", "b", "x"));
	answer_json_refused("t_multi", json_pack("[i]", 1));
	answer_json_refused("t_multi", json_string("a"));
	answer_json_is("t_multi", json_pack("[ss]", "b", "c"),
	    "[\"b\",\"c\"]");
}

/* "none" of t_multi is exclusive: chosen alone, never with others. */
static void
test_multi_select_exclusive(void **state)
{
	json_t *out = NULL;
	char *cause = NULL;

	(void)state;
	answer_text_is("t_multi", "none", "[\"none\"]");
	answer_json_is("t_multi", json_pack("[s]", "none"), "[\"none\"]");
	answer_text_refused("t_multi", "none,a");
	answer_text_refused("t_multi", "a,none");
	answer_text_refused("t_multi", "b, none, c");
	answer_json_refused("t_multi", json_pack("[ss]", "c", "none"));
	/* The message names the exclusive option and the others. */
	assert_int_equal(answer_parse_text(answer_q("t_multi"), "b,none,c",
	    answer_today, &out, &cause), -1);
	assert_null(out);
	assert_string_equal(cause, "question 't_multi' (multi_select): "
	    "'none' cannot be chosen with other options ('b', 'c'): it means "
	    "none of them, so it is chosen alone");
	free(cause);
}

static void
test_number(void **state)
{
	(void)state;
	answer_text_refused("t_number", "abc");
	answer_text_refused("t_number", "1e999");
	answer_text_refused("t_number", "nan");
	answer_text_refused("t_number", "inf");
	answer_text_refused("t_number", "-inf");
	answer_text_refused("t_number", "0x10");
	answer_text_refused("t_number", "");
	answer_text_refused("t_number", "12abc");
	answer_text_refused("t_number", " 5");
	answer_text_refused("t_number", "-0.5");	/* below min 0 */
	answer_text_refused("t_number", "100.01");	/* above max 100 */
	answer_text_refused("t_number", "1e3");
	answer_text_is("t_number", "42.5", "42.5");
	answer_text_is("t_number", "0", "0.0");
	answer_text_is("t_number", "100", "100.0");
	answer_text_is("t_number", "1e1", "10.0");
	answer_json_is("t_number", json_integer(7), "7.0");
	answer_json_is("t_number", json_real(99.5), "99.5");
	answer_json_is("t_number", json_string("3"), "3.0");
	answer_json_refused("t_number", json_integer(101));
	answer_json_refused("t_number", json_real(-1));
	answer_json_refused("t_number", json_true());
	answer_json_refused("t_number", json_string("nan"));
}

/*
 * A number whose decimal text a double cannot keep is refused, not stored
 * as another number: underflow to 0 or to a subnormal, overflow, more
 * than 15 significant digits. t_number2 has no range.
 */
static void
test_number_representable(void **state)
{
	json_t *out = NULL;
	char *cause = NULL, max[64];
	const char *p;

	(void)state;
	answer_text_refused("t_number2", "1e-400");
	answer_text_refused("t_number2", "-1e-400");
	answer_text_refused("t_number2", "1e-310");	/* subnormal */
	answer_text_refused("t_number2", "99999999999999999999999");
	answer_text_refused("t_number2", "1234567890123456");
	answer_text_refused("t_number2", "0.1234567890123456");
	answer_text_refused("t_number2", "1.8e308");
	answer_text_refused("t_number2", "-1e400");
	/* Zeros around the digits are not significant. */
	answer_text_is("t_number2", "123456789012345", "123456789012345.0");
	answer_text_accepted("t_number2", "0.000123456789012345000");
	answer_text_accepted("t_number2", "1e300");
	answer_text_accepted("t_number2", "1e-300");
	answer_text_is("t_number2", "0e-999", "0.0");
	answer_text_is("t_number2", "-0.00e400", "0.0");
	/* The largest value the overflow message gives is accepted. */
	assert_int_equal(answer_parse_text(answer_q("t_number2"), "1e400",
	    answer_today, &out, &cause), -1);
	p = strstr(cause, "(at most ");
	assert_non_null(p);
	snprintf(max, sizeof max, "%.*s", (int)strcspn(p + 9, ")"), p + 9);
	free(cause);
	answer_text_accepted("t_number2", max);
	/* JSON numbers: the digits a double kept are all there is. */
	answer_json_refused("t_number2", json_real(0.1 + 0.2));
	answer_json_refused("t_number2", json_real(1e-310));
	answer_json_refused("t_number2", json_integer(1234567890123456789LL));
	answer_json_is("t_number2", json_real(0.3), "0.29999999999999999");
	answer_json_is("t_number2", json_integer(123456789012345LL),
	    "123456789012345.0");
	answer_json_refused("t_number2", json_string("1e-400"));
}

/* Numbers of number questions in an --answers file keep their text. */
static void
test_quote_numbers(void **state)
{
	static const char *in[] = {
		"{\"t_number\": 1e-400, \"t_scale\": 3, \"t_number2\":-5.0}",
		" { \"t_multi\" : [1, {\"t_number\": 2}], \"t_number\":\n7 } ",
		"{\"t_n\\u0075mber\": 12}",
		"{\"t_number\": 01}",
		"{\"t_text\": \"x\\\"y\", \"t_number\": 2}",
		"[1, 2]",
		"{\"t_number\" 1}",
	};
	static const char *want[] = {
		"{\"t_number\": \"1e-400\", \"t_scale\": 3, "
		    "\"t_number2\":\"-5.0\"}",
		" { \"t_multi\" : [1, {\"t_number\": 2}], \"t_number\":\n"
		    "\"7\" } ",
		"{\"t_n\\u0075mber\": \"12\"}",
		"{\"t_number\": 01}",
		"{\"t_text\": \"x\\\"y\", \"t_number\": \"2\"}",
		"[1, 2]",
		"{\"t_number\" 1}",
	};
	size_t i, len;
	char *s;

	(void)state;
	for (i = 0; i < sizeof in / sizeof in[0]; i++) {
		s = answer_quote_numbers(answer_fw, in[i], strlen(in[i]),
		    &len);
		assert_string_equal(s, want[i]);
		assert_int_equal(len, strlen(want[i]));
		free(s);
	}
}

static void
test_date(void **state)
{
	(void)state;
	answer_text_refused("t_date", "2026-02-30");
	answer_text_refused("t_date", "2026-1-01");
	answer_text_refused("t_date", "20260101");
	answer_text_refused("t_date", "2026-12-04");	/* tomorrow */
	answer_text_refused("t_date", "2027-01-01");
	answer_text_refused("t_date", "2025-02-29");	/* not a leap year */
	answer_text_refused("t_date", "2026-13-01");
	answer_text_refused("t_date", "");
	answer_text_refused("t_date", "03/12/2026");
	answer_text_is("t_date", "2026-12-03", "\"2026-12-03\"");
	answer_text_is("t_date", "2024-02-29", "\"2024-02-29\"");
	answer_json_is("t_date", json_string("2000-01-01"), "\"2000-01-01\"");
	answer_json_refused("t_date", json_integer(20260101));
	answer_json_refused("t_date", json_string("2026-12-04"));
}

static void
test_scale(void **state)
{
	(void)state;
	answer_text_refused("t_scale", "0");
	answer_text_refused("t_scale", "6");
	answer_text_refused("t_scale", "3.5");
	answer_text_refused("t_scale", "three");
	answer_text_refused("t_scale", "");
	answer_text_refused("t_scale", "-1");
	answer_text_refused("t_scale", "03");
	answer_text_is("t_scale", "1", "1");
	answer_text_is("t_scale", "5", "5");
	answer_json_is("t_scale", json_integer(3), "3");
	answer_json_is("t_scale", json_string("2"), "2");
	answer_json_refused("t_scale", json_integer(0));
	answer_json_refused("t_scale", json_integer(6));
	answer_json_refused("t_scale", json_real(3.5));
	answer_json_refused("t_scale", json_real(3.0));
}

static void
test_text(void **state)
{
	char *s;

	(void)state;
	answer_text_refused("t_text", "");
	s = answer_repeat("a", 1001);
	answer_text_refused("t_text", s);
	free(s);
	s = answer_repeat("\xc3\xa9", 1001);	/* 1001 x e-acute */
	answer_text_refused("t_text", s);
	free(s);
	answer_text_refused("t_text", "bad \xc3\x28 byte");
	answer_text_refused("t_text", "overlong \xc0\xaf");
	answer_text_refused("t_text", "surrogate \xed\xa0\x80");
	answer_text_refused("t_text", "cut \xe2\x82");
	answer_text_refused("t_text", "\xf5\x80\x80\x80");
	answer_json_refused("t_text", json_integer(5));

	/* 1000 characters pass, however many bytes they take. */
	s = answer_repeat("a", 1000);
	free(answer_text_ok("t_text", s));
	free(s);
	s = answer_repeat("\xc3\xa9", 1000);	/* 2000 bytes */
	assert_int_equal(answer_utf8_length(s), 1000);
	free(answer_text_ok("t_text", s));
	free(s);
	s = answer_repeat("\xf0\x9f\x98\x80", 1000);	/* 4000 bytes */
	free(answer_text_ok("t_text", s));
	free(s);
	answer_text_is("t_text", "Réserve \"Nord\"",
	    "\"Réserve \\\"Nord\\\"\"");
	assert_int_equal(answer_utf8_length("Kolwezi \xe2\x82\xac"), 9);
	assert_int_equal(answer_utf8_length("\xff"), -1);
}

static void
test_notes(void **state)
{
	char *s, *cause = NULL;

	(void)state;
	assert_int_equal(answer_check_notes(NULL, &cause), 0);
	assert_int_equal(answer_check_notes("", &cause), 0);
	s = answer_repeat("\xc3\xa9", 1000);
	assert_int_equal(answer_check_notes(s, &cause), 0);
	free(s);
	assert_null(cause);
	s = answer_repeat("n", 1001);
	assert_int_equal(answer_check_notes(s, &cause), -1);
	assert_non_null(strstr(cause, "1001"));
	free(cause);
	cause = NULL;
	free(s);
	assert_int_equal(answer_check_notes("bad \xc3\x28", &cause), -1);
	assert_non_null(cause);
	free(cause);
}

static void
test_confidence(void **state)
{
	static const char *const bad[] = {
		"-0.1", "1.1", "x", "", "nan", "inf", "0x1", "1e1", "0.5x"
	};
	char *cause;
	double d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		d = -7;
		if (answer_parse_confidence(bad[i], &d, &cause) != -1)
			fail_msg("confidence '%s' accepted", bad[i]);
		assert_non_null(cause);
		assert_true(d == -7);
		free(cause);
	}
	cause = NULL;
	assert_int_equal(answer_parse_confidence(NULL, &d, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(answer_parse_confidence("0", &d, &cause), 0);
	assert_true(d == 0);
	assert_int_equal(answer_parse_confidence("1", &d, &cause), 0);
	assert_true(d == 1);
	assert_int_equal(answer_parse_confidence("0.5", &d, &cause), 0);
	assert_true(d == 0.5);
	assert_int_equal(answer_parse_confidence("1.0", &d, &cause), 0);
	assert_true(d == 1);
	assert_null(cause);
}

static void
answer_csv_is(const char *text, const char *want)
{
	char *s = report_csv_field(text);

	assert_string_equal(s, want);
	free(s);
}

static void
test_csv_field(void **state)
{
	(void)state;
	answer_csv_is(NULL, "");
	answer_csv_is("", "");
	answer_csv_is("plain text", "plain text");
	answer_csv_is("a=b", "a=b");
	answer_csv_is("Kolwezi, Lualaba", "\"Kolwezi, Lualaba\"");
	answer_csv_is("say \"hi\"", "\"say \"\"hi\"\"\"");
	answer_csv_is("two\nlines", "\"two\nlines\"");
	answer_csv_is("cr\rhere", "\"cr\rhere\"");
	/* Formula triggers get an apostrophe, inside quotes. */
	answer_csv_is("=SUM(A1:A9)", "\"'=SUM(A1:A9)\"");
	answer_csv_is("+1", "\"'+1\"");
	answer_csv_is("-2+3", "\"'-2+3\"");
	answer_csv_is("@cmd", "\"'@cmd\"");
	answer_csv_is("\tx", "\"'\tx\"");
	answer_csv_is("=\"a\",b", "\"'=\"\"a\"\",b\"");
	answer_csv_is("Réserve", "Réserve");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yes_no),
		cmocka_unit_test(test_choice),
		cmocka_unit_test(test_multi_select),
		cmocka_unit_test(test_multi_select_exclusive),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_number_representable),
		cmocka_unit_test(test_quote_numbers),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_scale),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_confidence),
		cmocka_unit_test(test_csv_field),
	};

	return cmocka_run_group_tests(tests, answer_setup, answer_teardown);
}

/* SPDX-License-Identifier: MIT */
/*
 * Validation and scoring of answer values. Every refusal says which
 * question, what was given and what is expected, because the auditor
 * reads it in the field with no one to ask.
 */
#include "core/answer.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/base/clock.h"
#include "core/base/xmalloc.h"

/* 1 when S holds a control character other than tab and newline. */
static int
answer_has_controls(const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
			return 1;
	}
	return 0;
}

long
answer_utf8_length(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;
	int extra, i;
	unsigned cp;

	while (*p != '\0') {
		if (*p < 0x80) {
			extra = 0;
			cp = *p;
		} else if ((*p & 0xe0) == 0xc0) {
			extra = 1;
			cp = *p & 0x1f;
		} else if ((*p & 0xf0) == 0xe0) {
			extra = 2;
			cp = *p & 0x0f;
		} else if ((*p & 0xf8) == 0xf0) {
			extra = 3;
			cp = *p & 0x07;
		} else
			return -1;
		for (i = 1; i <= extra; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return -1;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
		    (extra == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return -1;
		p += extra + 1;
		n++;
	}
	return n;
}

static int
answer_fail(char **cause, const struct question *q, const char *given,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
answer_fail(char **cause, const struct question *q, const char *given,
    const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (given != NULL)
		*cause = xasprintf("question '%s' (%s): '%.80s' %s", q->id,
		    question_type_name(q->type), given, msg);
	else
		*cause = xasprintf("question '%s' (%s): %s", q->id,
		    question_type_name(q->type), msg);
	free(msg);
	return -1;
}

static const struct question_option *
answer_option(const struct question *q, const char *value)
{
	size_t i;

	for (i = 0; i < q->noptions; i++) {
		if (strcmp(q->options[i].value, value) == 0)
			return &q->options[i];
	}
	return NULL;
}

/* "a, b, c" of the option values, for messages. */
static char *
answer_option_list(const struct question *q)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	for (i = 0; i < q->noptions; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", q->options[i].value);
	return buf_detach(&b);
}

/* A plain decimal number: no hex, no inf/nan, no trailing junk. */
static int
answer_is_decimal(const char *s)
{
	const char *p = s;
	int digits = 0;

	if (*p == '-' || *p == '+')
		p++;
	while (isdigit((unsigned char)*p)) {
		p++;
		digits++;
	}
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p)) {
			p++;
			digits++;
		}
	}
	if (digits == 0)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return *p == '\0';
}

/*
 * Significant digits of the decimal text S (answer_is_decimal): from the
 * first non-zero digit to the last one, so "0.0250" and "2500" have 2.
 * 0 for zero.
 */
static int
answer_significant_digits(const char *s)
{
	const char *p;
	int n = 0, pending = 0, seen = 0;

	for (p = s; *p != '\0' && *p != 'e' && *p != 'E'; p++) {
		if (!isdigit((unsigned char)*p))
			continue;
		if (*p == '0') {
			if (seen)
				pending++;
			continue;
		}
		seen = 1;
		n += pending + 1;
		pending = 0;
	}
	return n;
}

/*
 * The double of the decimal text S (answer_is_decimal), refused when it
 * is not the number written: more digits than a double keeps exactly
 * (ANSWER_NUMBER_DIGITS), too large (it would be infinite) or too close
 * to zero (it would become 0, or a subnormal with fewer digits).
 */
static int
answer_decimal_value(const struct question *q, const char *s, double *out,
    char **cause)
{
	double d;
	int n;

	n = answer_significant_digits(s);
	if (n > ANSWER_NUMBER_DIGITS)
		return answer_fail(cause, q, s, "has %d significant digits; a "
		    "number keeps at most %d exactly", n,
		    ANSWER_NUMBER_DIGITS);
	/* + 0.0 makes minus zero plain zero ("-0" is 0). */
	d = strtod(s, NULL) + 0.0;
	/*
	 * DBL_MAX to 14 digits, which rounds down: "%.3g" gave 1.8e+308,
	 * itself too large.
	 */
	if (isinf(d))
		return answer_fail(cause, q, s, "is too large to be stored "
		    "(at most %.14g)", DBL_MAX);
	if (n > 0 && fabs(d) < DBL_MIN)
		return answer_fail(cause, q, s, "is too close to zero to be "
		    "stored (it would become %s)", d == 0 ? "0" :
		    "less precise");
	*out = d;
	return 0;
}

/*
 * The same rule for a number that came as JSON, whose text is gone: an
 * integer or a double that needs more than ANSWER_NUMBER_DIGITS digits,
 * or a subnormal.
 */
static int
answer_json_number_value(const struct question *q, json_t *v, double *out,
    char **cause)
{
	char text[64];
	double d;

	if (json_is_integer(v)) {
		snprintf(text, sizeof text, "%lld",
		    (long long)json_integer_value(v));
		return answer_decimal_value(q, text, out, cause);
	}
	d = json_real_value(v) + 0.0;
	snprintf(text, sizeof text, "%.*g", ANSWER_NUMBER_DIGITS, d);
	if (isfinite(d) && strtod(text, NULL) != d) {
		snprintf(text, sizeof text, "%.17g", d);
		return answer_fail(cause, q, text, "has more than %d "
		    "significant digits; a number keeps at most %d exactly",
		    ANSWER_NUMBER_DIGITS, ANSWER_NUMBER_DIGITS);
	}
	if (d != 0 && fabs(d) < DBL_MIN)
		return answer_fail(cause, q, text, "is too close to zero to be "
		    "stored (it would become less precise)");
	*out = d;
	return 0;
}

static int
answer_check_number(const struct question *q, double v, const char *given,
    char **cause)
{
	if (!isfinite(v))
		return answer_fail(cause, q, given, "is not a finite number");
	if (q->has_min && v < q->min)
		return answer_fail(cause, q, given, "is below the minimum %g",
		    q->min);
	if (q->has_max && v > q->max)
		return answer_fail(cause, q, given, "is above the maximum %g",
		    q->max);
	return 0;
}

static int
answer_check_date(const struct question *q, const char *s, int64_t today,
    char **cause)
{
	int64_t days;

	if (clock_parse_date(s, &days) == -1) {
		if (strlen(s) == 10 && s[4] == '-' && strncmp(s, "1900", 4) < 0 &&
		    isdigit((unsigned char)s[0]))
			return answer_fail(cause, q, s, "is before 1900");
		return answer_fail(cause, q, s, "is not a date: expected "
		    "YYYY-MM-DD (a real calendar day)");
	}
	if (days > today)
		return answer_fail(cause, q, s, "is in the future");
	return 0;
}

static int
answer_check_text(const struct question *q, const char *s, char **cause)
{
	long n = answer_utf8_length(s);

	if (n < 0)
		return answer_fail(cause, q, NULL, "the text is not valid "
		    "UTF-8");
	if (n == 0)
		return answer_fail(cause, q, NULL, "the text is empty (skip "
		    "the question instead)");
	if (answer_has_controls(s))
		return answer_fail(cause, q, NULL, "the text holds control "
		    "characters (only tab and newline are allowed)");
	if (n > ANSWER_TEXT_MAX)
		return answer_fail(cause, q, NULL, "the text has %ld "
		    "characters; at most %d are allowed", n, ANSWER_TEXT_MAX);
	return 0;
}

static int
answer_check_choice(const struct question *q, const char *s, char **cause)
{
	char *list;

	if (answer_option(q, s) != NULL)
		return 0;
	list = answer_option_list(q);
	answer_fail(cause, q, s, "is not an option (one of: %s)", list);
	free(list);
	return -1;
}

/*
 * An exclusive option ("none of these") is chosen alone: with others the
 * answer contradicts itself. V is a valid list of option values.
 */
static int
answer_check_exclusive(const struct question *q, json_t *v, char **cause)
{
	const struct question_option *o = NULL;
	struct buf b;
	json_t *e;
	size_t i;

	if (json_array_size(v) < 2)
		return 0;
	json_array_foreach(v, i, e) {
		o = answer_option(q, json_string_value(e));
		if (o != NULL && o->exclusive)
			break;
	}
	if (o == NULL || !o->exclusive)
		return 0;
	buf_init(&b, 0);
	json_array_foreach(v, i, e) {
		if (strcmp(json_string_value(e), o->value) != 0)
			buf_printf(&b, "%s'%s'", b.len > 0 ? ", " : "",
			    json_string_value(e));
	}
	answer_fail(cause, q, NULL, "'%s' cannot be chosen with other options "
	    "(%s): it means none of them, so it is chosen alone", o->value,
	    b.data);
	buf_release(&b);
	return -1;
}

static void
answer_trim_end(char *s)
{
	size_t len = strlen(s);

	while (len > 0 && s[len - 1] == ' ')
		s[--len] = '\0';
}

int
answer_parse_text(const struct question *q, const char *value, int64_t today,
    json_t **out, char **cause)
{
	json_t *arr;
	char *copy, *p, *comma;
	double d;
	int rc;

	*out = NULL;
	if (value == NULL)
		return answer_fail(cause, q, NULL, "no value given");
	switch (q->type) {
	case QUESTION_YES_NO:
		if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
			return answer_fail(cause, q, value, "is not an answer: "
			    "expected yes or no");
		*out = json_string(value);
		return 0;
	case QUESTION_MULTIPLE_CHOICE:
		if (answer_check_choice(q, value, cause) == -1)
			return -1;
		*out = json_string(value);
		return 0;
	case QUESTION_MULTI_SELECT:
		arr = json_array();
		copy = xstrdup(value);
		rc = 0;
		for (p = copy; p != NULL; p = comma) {
			comma = strchr(p, ',');
			if (comma != NULL)
				*comma++ = '\0';
			while (*p == ' ')
				p++;
			answer_trim_end(p);
			json_array_append_new(arr, json_string(p));
		}
		free(copy);
		rc = answer_check_json(q, arr, today, out, cause);
		json_decref(arr);
		return rc;
	case QUESTION_NUMBER:
		if (!answer_is_decimal(value))
			return answer_fail(cause, q, value, "is not a number");
		if (answer_decimal_value(q, value, &d, cause) == -1 ||
		    answer_check_number(q, d, value, cause) == -1)
			return -1;
		*out = json_real(d);
		return 0;
	case QUESTION_DATE:
		if (answer_check_date(q, value, today, cause) == -1)
			return -1;
		*out = json_string(value);
		return 0;
	case QUESTION_SCALE:
		if (strlen(value) != 1 || value[0] < '1' || value[0] > '5')
			return answer_fail(cause, q, value, "is not on the "
			    "scale: expected a whole number from 1 to 5");
		*out = json_integer(value[0] - '0');
		return 0;
	case QUESTION_TEXT:
		if (answer_check_text(q, value, cause) == -1)
			return -1;
		*out = json_string(value);
		return 0;
	}
	return answer_fail(cause, q, NULL, "unknown question type");
}

int
answer_check_json(const struct question *q, json_t *v, int64_t today,
    json_t **out, char **cause)
{
	json_t *e;
	size_t i, j;
	double d;

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return answer_fail(cause, q, NULL, "no value given");
	switch (q->type) {
	case QUESTION_YES_NO:
		if (json_is_boolean(v)) {
			*out = json_string(json_is_true(v) ? "yes" : "no");
			return 0;
		}
		if (!json_is_string(v))
			return answer_fail(cause, q, NULL, "expected \"yes\" "
			    "or \"no\"");
		return answer_parse_text(q, json_string_value(v), today, out,
		    cause);
	case QUESTION_MULTIPLE_CHOICE:
	case QUESTION_DATE:
	case QUESTION_TEXT:
		if (!json_is_string(v))
			return answer_fail(cause, q, NULL, "expected a string");
		return answer_parse_text(q, json_string_value(v), today, out,
		    cause);
	case QUESTION_MULTI_SELECT:
		if (!json_is_array(v))
			return answer_fail(cause, q, NULL, "expected a list of "
			    "options");
		if (json_array_size(v) == 0)
			return answer_fail(cause, q, NULL, "choose at least one "
			    "option");
		json_array_foreach(v, i, e) {
			if (!json_is_string(e))
				return answer_fail(cause, q, NULL, "expected "
				    "option values as strings");
			if (answer_check_choice(q, json_string_value(e),
			    cause) == -1)
				return -1;
			for (j = 0; j < i; j++) {
				if (strcmp(json_string_value(e),
				    json_string_value(json_array_get(v, j))) ==
				    0)
					return answer_fail(cause, q,
					    json_string_value(e), "is chosen "
					    "twice");
			}
		}
		if (answer_check_exclusive(q, v, cause) == -1)
			return -1;
		*out = json_deep_copy(v);
		return 0;
	case QUESTION_NUMBER:
		if (json_is_string(v))
			return answer_parse_text(q, json_string_value(v), today,
			    out, cause);
		if (!json_is_number(v))
			return answer_fail(cause, q, NULL, "expected a number");
		if (answer_json_number_value(q, v, &d, cause) == -1 ||
		    answer_check_number(q, d, NULL, cause) == -1)
			return -1;
		*out = json_real(d);
		return 0;
	case QUESTION_SCALE:
		if (json_is_string(v))
			return answer_parse_text(q, json_string_value(v), today,
			    out, cause);
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > 5)
			return answer_fail(cause, q, NULL, "expected a whole "
			    "number from 1 to 5");
		*out = json_integer(json_integer_value(v));
		return 0;
	}
	return answer_fail(cause, q, NULL, "unknown question type");
}

int
answer_check_notes(const char *notes, char **cause)
{
	long n;

	if (notes == NULL)
		return 0;
	n = answer_utf8_length(notes);
	if (n < 0) {
		*cause = xstrdup("--notes: the text is not valid UTF-8");
		return -1;
	}
	if (n > ANSWER_TEXT_MAX) {
		*cause = xasprintf("--notes: %ld characters; at most %d are "
		    "allowed", n, ANSWER_TEXT_MAX);
		return -1;
	}
	if (answer_has_controls(notes)) {
		*cause = xstrdup("--notes: the text holds control characters "
		    "(only tab and newline are allowed)");
		return -1;
	}
	return 0;
}

int
answer_parse_confidence(const char *text, double *out, char **cause)
{
	double d;

	if (text == NULL || !answer_is_decimal(text)) {
		*cause = xasprintf("--confidence '%s': expected a number from "
		    "0 to 1", text != NULL ? text : "");
		return -1;
	}
	d = strtod(text, NULL);
	if (!(d >= 0 && d <= 1)) {
		*cause = xasprintf("--confidence '%s': must lie between 0 and "
		    "1", text);
		return -1;
	}
	*out = d;
	return 0;
}

int
answer_score(const struct question *q, json_t *v, int64_t today,
    double *score)
{
	const struct question_option *o;
	json_t *e;
	size_t i;
	double s, d;
	int64_t days, age;

	switch (q->type) {
	case QUESTION_YES_NO:
		*score = (strcmp(json_string_value(v), "yes") == 0) ==
		    q->compliant_yes ? 1.0 : 0.0;
		return 1;
	case QUESTION_MULTIPLE_CHOICE:
		o = answer_option(q, json_string_value(v));
		if (o == NULL)
			return 0;
		*score = o->score;
		return 1;
	case QUESTION_MULTI_SELECT:
		s = 1.0;
		json_array_foreach(v, i, e) {
			o = answer_option(q, json_string_value(e));
			if (o != NULL && o->score < s)
				s = o->score;
		}
		*score = s;
		return json_array_size(v) > 0;
	case QUESTION_NUMBER:
		if (q->rule != RULE_LINEAR)
			return 0;
		d = (json_number_value(v) - q->worst) / (q->best - q->worst);
		*score = d < 0 ? 0 : d > 1 ? 1 : d;
		return 1;
	case QUESTION_DATE:
		if (q->rule != RULE_MAX_AGE_DAYS ||
		    clock_parse_date(json_string_value(v), &days) == -1)
			return 0;
		age = today - days;
		*score = age <= q->days ? 1.0 : age <= 2 * (int64_t)q->days ?
		    0.5 : 0.0;
		return 1;
	case QUESTION_SCALE:
		*score = ((double)json_integer_value(v) - 1) / 4;
		return 1;
	case QUESTION_TEXT:
		return 0;
	}
	return 0;
}

int
answer_triggers(const struct question *q, json_t *v, const char *trigger)
{
	json_t *e;
	size_t i;

	if (v == NULL)
		return 0;
	if (json_is_string(v))
		return strcmp(json_string_value(v), trigger) == 0;
	if (q->type == QUESTION_MULTI_SELECT && json_is_array(v)) {
		json_array_foreach(v, i, e) {
			if (strcmp(json_string_value(e), trigger) == 0)
				return 1;
		}
	}
	return 0;
}

/* Numbers as people wrote them: 1234567, not 1.23457e+06. */
static char *
answer_number_text(double d)
{
	if (d == floor(d) && fabs(d) < 1e15)
		return xasprintf("%.0f", d);
	return xasprintf("%.15g", d);
}

char *
answer_display(const struct question *q, json_t *v, const char *lang)
{
	const struct question_option *o;
	struct buf b;
	json_t *e;
	size_t i;

	if (v == NULL)
		return xstrdup("");
	switch (q->type) {
	case QUESTION_MULTIPLE_CHOICE:
		o = answer_option(q, json_string_value(v));
		return xstrdup(o != NULL ? bank_str(&o->label, lang) :
		    json_string_value(v));
	case QUESTION_MULTI_SELECT:
		buf_init(&b, 0);
		json_array_foreach(v, i, e) {
			o = answer_option(q, json_string_value(e));
			buf_printf(&b, "%s%s", i > 0 ? ", " : "",
			    o != NULL ? bank_str(&o->label, lang) :
			    json_string_value(e));
		}
		return buf_detach(&b);
	case QUESTION_NUMBER:
		return answer_number_text(json_number_value(v));
	case QUESTION_SCALE:
		return xasprintf("%lld/5", (long long)json_integer_value(v));
	case QUESTION_YES_NO:
	case QUESTION_DATE:
	case QUESTION_TEXT:
		break;
	}
	return xstrdup(json_is_string(v) ? json_string_value(v) : "");
}

static size_t
answer_skip_ws(const char *s, size_t i, size_t len)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
	    s[i] == '\r'))
		i++;
	return i;
}

/* S[I] is '"': the index after the closing quote (LEN if none). */
static size_t
answer_skip_string(const char *s, size_t i, size_t len)
{
	for (i++; i < len; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '"')
			return i + 1;
	}
	return len;
}

/* The index after the JSON value at S[I] (a string, container or word). */
static size_t
answer_skip_value(const char *s, size_t i, size_t len)
{
	int depth = 0;

	if (i < len && s[i] == '"')
		return answer_skip_string(s, i, len);
	if (i < len && s[i] != '{' && s[i] != '[') {
		while (i < len && strchr(",}] \t\r\n", s[i]) == NULL)
			i++;
		return i;
	}
	while (i < len) {
		if (s[i] == '"') {
			i = answer_skip_string(s, i, len);
			continue;
		}
		if (s[i] == '{' || s[i] == '[')
			depth++;
		else if ((s[i] == '}' || s[i] == ']') && --depth == 0)
			return i + 1;
		i++;
	}
	return len;
}

/*
 * The length of the JSON number at S[I] (RFC 8259 grammar, followed by
 * the end of the value), or 0.
 */
static size_t
answer_json_number_len(const char *s, size_t i, size_t len)
{
	size_t j = i, k;

	if (j < len && s[j] == '-')
		j++;
	if (j < len && s[j] == '0')
		j++;
	else if (j < len && s[j] >= '1' && s[j] <= '9') {
		while (j < len && isdigit((unsigned char)s[j]))
			j++;
	} else
		return 0;
	if (j < len && s[j] == '.') {
		k = ++j;
		while (j < len && isdigit((unsigned char)s[j]))
			j++;
		if (j == k)
			return 0;
	}
	if (j < len && (s[j] == 'e' || s[j] == 'E')) {
		j++;
		if (j < len && (s[j] == '+' || s[j] == '-'))
			j++;
		k = j;
		while (j < len && isdigit((unsigned char)s[j]))
			j++;
		if (j == k)
			return 0;
	}
	/* "01" or "1x" is no number: left for the parser to refuse. */
	if (j < len && strchr(",}] \t\r\n", s[j]) == NULL)
		return 0;
	return j - i;
}

/* 1 when the JSON string token S[I..END) names a number question of FW. */
static int
answer_is_number_key(const struct framework *fw, const char *s, size_t i,
    size_t end)
{
	json_t *key;
	int qi = -1;

	key = json_loadb(s + i, end - i, JSON_DECODE_ANY, NULL);
	if (json_is_string(key))
		qi = framework_question_index(fw, json_string_value(key));
	json_decref(key);
	return qi >= 0 && fw->questions[qi].type == QUESTION_NUMBER;
}

char *
answer_quote_numbers(const struct framework *fw, const char *text,
    size_t len, size_t *outlen)
{
	struct buf b;
	size_t i, key, keyend, n, copied = 0;

	buf_init(&b, 0);
	i = answer_skip_ws(text, 0, len);
	if (i == len || text[i] != '{')
		goto out;
	for (i++;;) {
		i = answer_skip_ws(text, i, len);
		if (i == len || text[i] != '"')
			break;
		key = i;
		keyend = i = answer_skip_string(text, i, len);
		i = answer_skip_ws(text, i, len);
		if (i == len || text[i] != ':')
			break;
		i = answer_skip_ws(text, i + 1, len);
		n = answer_json_number_len(text, i, len);
		if (n > 0 && answer_is_number_key(fw, text, key, keyend)) {
			buf_append(&b, text + copied, i - copied);
			buf_putc(&b, '"');
			buf_append(&b, text + i, n);
			buf_putc(&b, '"');
			copied = i + n;
		}
		i = answer_skip_ws(text, answer_skip_value(text, i, len), len);
		if (i == len || text[i] != ',')
			break;
		i++;
	}
out:
	buf_append(&b, text + copied, len - copied);
	*outlen = b.len;
	return buf_detach(&b);
}

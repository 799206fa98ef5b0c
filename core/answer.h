/* SPDX-License-Identifier: MIT */
#ifndef VO_ANSWER_H
#define VO_ANSWER_H

/*
 * Answer values: parsing, validation and scoring per question type.
 * A value is a JSON value (jansson): "yes"/"no" for yes_no, an option
 * value string for multiple_choice, an array of option values for
 * multi_select, a number, a "YYYY-MM-DD" string, an integer 1..5, or a
 * string of at most ANSWER_TEXT_MAX characters. Pure functions; any
 * thread.
 */

#include <jansson.h>
#include <stdint.h>

#include "core/framework.h"

#define ANSWER_TEXT_MAX	1000	/* characters, for text answers and notes */
/*
 * Significant digits a number answer may have: DBL_DIG, the most a double
 * gives back exactly. A value with more, or one that would overflow or
 * underflow, is refused rather than stored as some other number.
 */
#define ANSWER_NUMBER_DIGITS	15

/*
 * Parses VALUE as typed on the command line for Q (multi-select values
 * comma-separated) and validates it. TODAY is days since the epoch.
 * Returns 0 and an owned JSON value in *out, or -1 and a cause naming the
 * question, the input and the problem.
 */
int	 answer_parse_text(const struct question *q, const char *value,
	    int64_t today, json_t **out /* OUT */, char **cause);

/*
 * Validates a JSON value for Q (from an --answers file or the TUI) and
 * returns 0 and a normalised owned copy in *out (booleans become
 * "yes"/"no"), or -1 and a cause.
 */
int	 answer_check_json(const struct question *q, json_t *value,
	    int64_t today, json_t **out /* OUT */, char **cause);

/*
 * TEXT (LEN bytes) is an --answers file, a JSON object {question id:
 * value}. Returns an owned copy (*OUTLEN bytes) in which every number
 * given to a number question of FW is written as a string ("1e-400"), so
 * that answer_check_json checks the digits as the auditor wrote them: a
 * parsed double has lost them (1e-400 became 0, and an integer too large
 * for 64 bits failed to parse without naming its question). The rest is
 * copied as it is, errors included, for the JSON parser to report.
 */
char	*answer_quote_numbers(const struct framework *fw, const char *text,
	    size_t len, size_t *outlen /* OUT */);

/* Notes (<= 1000 characters, UTF-8) and confidence (0..1) checks. */
int	 answer_check_notes(const char *notes, char **cause);
int	 answer_parse_confidence(const char *text, double *out, char **cause);

/*
 * Score in [0,1] of a valid VALUE for Q. Returns 1 and *score, or 0 when
 * the question is unscored (text, or a number/date without a rule).
 */
int	 answer_score(const struct question *q, json_t *value, int64_t today,
	    double *score /* OUT */);

/* 1 when VALUE for Q triggers follow-ups keyed by TRIGGER. */
int	 answer_triggers(const struct question *q, json_t *value,
	    const char *trigger);

/* The value as people read it, labels in LANG. Returns an owned string. */
char	*answer_display(const struct question *q, json_t *value,
	    const char *lang);

/* Number of UTF-8 characters in S, or -1 when S is not valid UTF-8. */
long	 answer_utf8_length(const char *s);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for core/framework: every kind of invalid bank is refused
 * with a cause naming the file, the question and the reason; the four
 * real banks load and meet the minimums. Run from the repository
 * root (tests/run.sh does), as the small banks live in tests/data/banks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/framework.h"

#define BANKS_DIR	"tests/data/banks"

/*
 * Loads BANKS_DIR/invalid/NAME.json, which must be refused; the cause
 * must name the file, QID (unless NULL) and contain REASON.
 */
static void
banks_refused(const char *name, const char *qid, const char *reason)
{
	struct framework *fw;
	char path[256], quoted[128], *cause = NULL;

	snprintf(path, sizeof path, "%s/invalid/%s.json", BANKS_DIR, name);
	fw = framework_load_file(path, &cause);
	if (fw != NULL)
		fail_msg("bank '%s' was accepted", path);
	assert_non_null(cause);
	print_message("# %s -> %s\n", name, cause);
	if (strstr(cause, path) == NULL)
		fail_msg("cause '%s' does not name the file '%s'", cause, path);
	if (qid != NULL) {
		snprintf(quoted, sizeof quoted, "question '%s'", qid);
		if (strstr(cause, quoted) == NULL)
			fail_msg("cause '%s' does not name %s", cause, quoted);
	}
	if (strstr(cause, reason) == NULL)
		fail_msg("cause '%s' does not say '%s'", cause, reason);
	free(cause);
}

static void
test_valid_base_loads(void **state)
{
	struct framework *fw;
	char *cause = NULL;

	(void)state;
	/* The invalid banks are each this one with a single fault. */
	fw = framework_load_file(BANKS_DIR "/valid/base.json", &cause);
	if (fw == NULL)
		fail_msg("%s", cause);
	assert_string_equal(fw->id, "TEST_BANK");
	assert_int_equal(fw->nquestions, 2);
	assert_int_equal(fw->questions[0].type, QUESTION_YES_NO);
	assert_int_equal(fw->questions[0].compliant_yes, 1);
	assert_int_equal(fw->questions[1].noptions, 2);
	assert_int_equal(fw->questions[1].parent, -1);
	framework_free(fw);
}

/* "exclusive" is a boolean of multi_select options, not of them all. */
static void
test_exclusive_option(void **state)
{
	(void)state;
	banks_refused("exclusive_on_choice", "q2",
	    "option 'a': \"exclusive\" is for multi_select options only");
	banks_refused("exclusive_not_bool", "q2",
	    "\"exclusive\" must be true or false");
	banks_refused("exclusive_every_option", "q2",
	    "every option is \"exclusive\"");
}

static void
test_unknown_type(void **state)
{
	(void)state;
	banks_refused("unknown_type", "q1", "unknown type 'checkbox'");
}

static void
test_choice_without_options(void **state)
{
	(void)state;
	banks_refused("choice_without_options", "q2", "\"options\"");
}

static void
test_option_score_range(void **state)
{
	(void)state;
	banks_refused("option_score_range", "q2", "score 1.5 is outside 0..1");
}

static void
test_follow_up_unknown(void **state)
{
	(void)state;
	banks_refused("follow_up_unknown", "q1",
	    "follow-up to unknown question 'q9'");
}

static void
test_follow_up_cycle(void **state)
{
	(void)state;
	banks_refused("follow_up_cycle", "q1", "cycle");
}

static void
test_weight_6(void **state)
{
	(void)state;
	banks_refused("weight_6", "q1", "weight 6 is outside 0..5");
}

static void
test_duplicate_id(void **state)
{
	(void)state;
	banks_refused("duplicate_id", "q1", "duplicate question id");
}

static void
test_unknown_category(void **state)
{
	(void)state;
	banks_refused("unknown_category", "q2", "unknown category 'zz'");
}

static void
test_yes_no_without_compliant(void **state)
{
	(void)state;
	banks_refused("yes_no_without_compliant", "q1", "\"compliant\"");
}

static void
test_linear_on_date(void **state)
{
	(void)state;
	banks_refused("linear_on_date", "q2", "linear rule on a date");
}

static void
test_follow_up_before_parent(void **state)
{
	(void)state;
	banks_refused("follow_up_before_parent", "q2",
	    "placed before its parent 'q1'");
}

/* A misspelt key is refused, not ignored: it would change the bank. */
static void
test_unknown_keys(void **state)
{
	(void)state;
	banks_refused("unknown_key_question", "q1",
	    "unknown key \"follow_up\" in the question");
	banks_refused("unknown_key_root", NULL,
	    "unknown key \"question\" in the bank");
	banks_refused("unknown_key_option", "q2",
	    "unknown key \"scor\" in an option");
}

static void
test_malformed_json(void **state)
{
	(void)state;
	banks_refused("malformed", NULL, "line ");
}

static void
test_missing_file(void **state)
{
	struct framework *fw;
	char *cause = NULL;

	(void)state;
	fw = framework_load_file(BANKS_DIR "/invalid/no_such_bank.json",
	    &cause);
	assert_null(fw);
	assert_non_null(strstr(cause, "no_such_bank.json"));
	free(cause);
}

static void
test_set_refuses_any_invalid(void **state)
{
	struct framework_set set;
	char *cause = NULL;

	(void)state;
	/* One bad bank in a directory fails the whole load. */
	assert_int_equal(framework_set_load(BANKS_DIR "/invalid", &set,
	    &cause), -1);
	assert_non_null(cause);
	assert_int_equal(set.n, 0);
	free(cause);
	cause = NULL;
	if (framework_set_load(BANKS_DIR "/valid", &set, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(set.n, 2);
	assert_non_null(framework_set_find(&set, "test_bank"));
	assert_non_null(framework_set_find(&set, "TEST_TYPES"));
	assert_null(framework_set_find(&set, "DRC_MINING_CODE"));
	framework_set_release(&set);
}

static int
banks_has_fr(const struct bank_text *t)
{
	return t->en != NULL && *t->en != '\0' && t->fr != NULL &&
	    *t->fr != '\0';
}

static void
test_real_banks(void **state)
{
	struct framework_set set;
	const struct framework *fw, *drc;
	const char *assets = getenv("VIGILORE_ASSETS");
	char dir[1024], *cause = NULL;
	int types[QUESTION_SCALE + 1];
	size_t i, k, q, total = 0, nexclusive = 0;

	(void)state;
	snprintf(dir, sizeof dir, "%s/frameworks",
	    assets != NULL && *assets != '\0' ? assets : "assets");
	if (framework_set_load(dir, &set, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(set.n, 4);
	assert_non_null(framework_set_find(&set, "DRC_MINING_CODE"));
	assert_non_null(framework_set_find(&set, "ISO_14001"));
	assert_non_null(framework_set_find(&set, "ISO_45001"));
	assert_non_null(framework_set_find(&set, "VPSHR"));

	memset(types, 0, sizeof types);
	for (i = 0; i < set.n; i++) {
		fw = set.items[i];
		total += fw->nquestions;
		for (k = 0; k < fw->ncategories; k++) {
			if (!banks_has_fr(&fw->categories[k].name))
				fail_msg("%s: category '%s' lacks en+fr",
				    fw->id, fw->categories[k].id);
		}
		for (q = 0; q < fw->nquestions; q++) {
			const struct question *bq = &fw->questions[q];

			types[bq->type]++;
			/* Bank order keeps every follow-up after its parent. */
			assert_true(bq->parent < (int)q);
			/* "None" of a multi-select is chosen alone. */
			for (k = 0; k < bq->noptions; k++) {
				if (bq->type == QUESTION_MULTI_SELECT &&
				    strcmp(bq->options[k].value, "none") == 0 &&
				    !bq->options[k].exclusive)
					fail_msg("%s: '%s' option 'none' is "
					    "not exclusive", fw->id, bq->id);
				nexclusive += bq->options[k].exclusive;
			}
		}
	}
	assert_true(total >= 80);
	/* drc_004, iso14001_021, iso45001_013. */
	assert_int_equal(nexclusive, 3);
	for (i = 0; i <= QUESTION_SCALE; i++) {
		if (types[i] == 0)
			fail_msg("no question of type %s",
			    question_type_name((enum question_type)i));
	}

	drc = framework_set_find(&set, "drc_mining_code");
	assert_non_null(drc);
	assert_true(drc->nquestions >= 30);
	assert_true(banks_has_fr(&drc->name));
	for (q = 0; q < drc->nquestions; q++) {
		const struct question *dq = &drc->questions[q];
		int found = 0;

		if (!banks_has_fr(&dq->text))
			fail_msg("DRC question '%s' lacks en+fr", dq->id);
		/* Every article a question names has a penalty entry. */
		if (dq->article == NULL)
			continue;
		for (k = 0; k < drc->npenalties; k++)
			found |= strcmp(drc->penalties[k].article,
			    dq->article) == 0;
		if (!found)
			fail_msg("DRC question '%s': article '%s' has no "
			    "penalty", dq->id, dq->article);
	}
	framework_set_release(&set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_base_loads),
		cmocka_unit_test(test_unknown_type),
		cmocka_unit_test(test_exclusive_option),
		cmocka_unit_test(test_choice_without_options),
		cmocka_unit_test(test_option_score_range),
		cmocka_unit_test(test_follow_up_unknown),
		cmocka_unit_test(test_follow_up_cycle),
		cmocka_unit_test(test_weight_6),
		cmocka_unit_test(test_duplicate_id),
		cmocka_unit_test(test_unknown_category),
		cmocka_unit_test(test_yes_no_without_compliant),
		cmocka_unit_test(test_linear_on_date),
		cmocka_unit_test(test_follow_up_before_parent),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_malformed_json),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_set_refuses_any_invalid),
		cmocka_unit_test(test_real_banks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/*
 * Scoring of whole interviews on the four real banks, against figures
 * computed by hand from the banks' weights, options and rules (the
 * arithmetic sits next to each expected number). Each test runs one
 * session on a fresh temporary store, through the same calls the CLI
 * and the TUI use: interview_start, interview_answer, interview_complete.
 *
 * Today is pinned to 2026-12-03 (VIGILORE_NOW), so for a 365-day rule
 * 2025-12-03 is 365 days old (1), 2025-12-02 366 (0.5), 2024-12-03 730
 * (0.5), 2024-12-02 731 (0); for 180 days 2026-06-06 is 180 (1),
 * 2026-06-05 181 (0.5), 2025-12-08 360 (0.5), 2025-12-07 361 (0).
 *
 * Report scores are 0..100 rounded to one decimal; category and
 * framework scores are sum(w*s)/sum(w) over the scored findings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/answer.h"
#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "core/framework.h"
#include "core/interview.h"
#include "core/report.h"
#include "db/store.h"
#include "tests/unit/fixture.h"

struct score_fx {
	char		 dir[64];
	char		 path[96];
	struct store	*store;
	struct framework_set set;
	struct interview *iv;
	json_t		*report;
};

static int
score_setup(void **state)
{
	struct score_fx *fx;
	const char *assets = getenv("VIGILORE_ASSETS");
	char banks[1024], *cause = NULL;

	setenv("VIGILORE_NOW", "2026-12-03T09:00:00Z", 1);
	fx = xcalloc(1, sizeof *fx);
	snprintf(fx->dir, sizeof fx->dir, "/tmp/vigilore-score-XXXXXX");
	if (mkdtemp(fx->dir) == NULL) {
		free(fx);
		return -1;
	}
	snprintf(fx->path, sizeof fx->path, "%s/store.db", fx->dir);
	if (store_open(fx->path, &fx->store, &cause) != DB_OK) {
		print_error("%s\n", cause);
		free(cause);
		free(fx);
		return -1;
	}
	snprintf(banks, sizeof banks, "%s/frameworks",
	    assets != NULL && *assets != '\0' ? assets : "assets");
	if (framework_set_load(banks, &fx->set, &cause) != 0) {
		print_error("%s\n", cause);
		free(cause);
		store_close(fx->store);
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int
score_teardown(void **state)
{
	struct score_fx *fx = *state;

	json_decref(fx->report);
	interview_free(fx->iv);
	store_close(fx->store);
	framework_set_release(&fx->set);
	fixture_unlink_store(fx->path);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

static void
score_start(struct score_fx *fx, const char *framework,
    const char *categories, const char *lang)
{
	struct interview_params p;
	char *id = NULL, *cause = NULL;

	memset(&p, 0, sizeof p);
	p.framework = framework;
	p.site_name = "Mine de test";
	p.site_code = "TST-001";
	p.auditor = "A. Auditor";
	p.lang = lang;
	p.categories = categories;
	if (interview_start(fx->store, &fx->set, &p, &id, &cause) !=
	    INTERVIEW_OK)
		fail_msg("interview_start: %s", cause);
	if (interview_load(fx->store, &fx->set, id, &fx->iv, &cause) !=
	    INTERVIEW_OK)
		fail_msg("interview_load: %s", cause);
	free(id);
}

static int
score_qi(struct score_fx *fx, const char *qid)
{
	int qi = framework_question_index(fx->iv->fw, qid);

	if (qi < 0)
		fail_msg("no question '%s' in %s", qid, fx->iv->fw->id);
	return qi;
}

static void
score_input(struct score_fx *fx, const char *qid,
    const struct interview_input *in, int want)
{
	char *cause = NULL;
	int rc;

	rc = interview_answer(fx->store, fx->iv, qid, in, &cause);
	if (rc != want)
		fail_msg("%s: interview_answer returned %d, wanted %d (%s)",
		    qid, rc, want, cause != NULL ? cause : "no cause");
	if (want == INTERVIEW_INVALID)
		assert_non_null(cause);
	free(cause);
}

static void
score_answer(struct score_fx *fx, const char *qid, const char *value)
{
	struct interview_input in;

	memset(&in, 0, sizeof in);
	in.value = value;
	score_input(fx, qid, &in, INTERVIEW_OK);
}

static void
score_na(struct score_fx *fx, const char *qid)
{
	struct interview_input in;

	memset(&in, 0, sizeof in);
	in.na = 1;
	score_input(fx, qid, &in, INTERVIEW_OK);
}

static void
score_skip(struct score_fx *fx, const char *qid)
{
	struct interview_input in;

	memset(&in, 0, sizeof in);
	in.skip = 1;
	score_input(fx, qid, &in, INTERVIEW_OK);
}

/* Each of these is refused and changes nothing. */
static void
score_refused(struct score_fx *fx, const char *qid, const char *value,
    int na, int skip)
{
	struct interview_input in;
	struct interview_progress before, after;

	interview_progress(fx->iv, &before);
	memset(&in, 0, sizeof in);
	in.value = value;
	in.na = na;
	in.skip = skip;
	score_input(fx, qid, &in, INTERVIEW_INVALID);
	interview_progress(fx->iv, &after);
	assert_int_equal(before.total, after.total);
	assert_int_equal(before.done, after.done);
	interview_progress_release(&before);
	interview_progress_release(&after);
}

static void
score_next_is(struct score_fx *fx, const char *qid)
{
	int qi = interview_next(fx->iv);

	if (qid == NULL) {
		if (qi != -1)
			fail_msg("next is '%s', wanted none",
			    fx->iv->fw->questions[qi].id);
		return;
	}
	if (qi < 0)
		fail_msg("no next question, wanted '%s'", qid);
	assert_string_equal(fx->iv->fw->questions[qi].id, qid);
}

static void
score_asked(struct score_fx *fx, const char *qid, int want)
{
	if (interview_is_asked(fx->iv, (size_t)score_qi(fx, qid)) != want)
		fail_msg("'%s' asked: wanted %d", qid, want);
}

static void
score_progress(struct score_fx *fx, int total, int done, int required,
    int required_done)
{
	struct interview_progress p;

	interview_progress(fx->iv, &p);
	assert_int_equal(p.total, total);
	assert_int_equal(p.done, done);
	assert_int_equal(p.required, required);
	assert_int_equal(p.required_done, required_done);
	assert_int_equal(p.percent, done * 100 / total);
	interview_progress_release(&p);
}

static void
score_complete(struct score_fx *fx)
{
	char *cause = NULL;

	if (interview_complete(fx->store, &fx->set, fx->iv, &fx->report,
	    &cause) != INTERVIEW_OK)
		fail_msg("interview_complete: %s", cause);
	assert_non_null(fx->report);
	assert_string_equal(fx->iv->status, "completed");
}

static void
score_num(json_t *v, double want, const char *what)
{
	if (!json_is_number(v))
		fail_msg("%s: not a number, wanted %.4f", what, want);
	if (fabs(json_number_value(v) - want) > 1e-6)
		fail_msg("%s: got %.6f, wanted %.6f", what,
		    json_number_value(v), want);
}

static json_t *
score_fw(struct score_fx *fx)
{
	json_t *fws = json_object_get(fx->report, "frameworks");

	assert_int_equal(json_array_size(fws), 1);
	return json_array_get(fws, 0);
}

static void
score_framework_is(struct score_fx *fx, const char *id, double score,
    size_t ncats)
{
	json_t *fw = score_fw(fx);

	assert_string_equal(json_string_value(json_object_get(fw, "id")), id);
	score_num(json_object_get(fw, "score"), score, "framework score");
	assert_int_equal(json_array_size(json_object_get(fw, "categories")),
	    ncats);
}

static void
score_category_is(struct score_fx *fx, const char *id, double score,
    int scored, int total)
{
	json_t *c;
	size_t i;

	json_array_foreach(json_object_get(score_fw(fx), "categories"), i,
	    c) {
		if (strcmp(json_string_value(json_object_get(c, "id")), id) !=
		    0)
			continue;
		score_num(json_object_get(c, "score"), score, id);
		assert_int_equal(json_integer_value(json_object_get(c,
		    "scored")), scored);
		assert_int_equal(json_integer_value(json_object_get(c,
		    "total")), total);
		return;
	}
	fail_msg("no category '%s' in the report", id);
}

static void
score_overall_is(struct score_fx *fx, double score, const char *status,
    double coverage)
{
	score_num(json_object_get(fx->report, "score"), score, "score");
	assert_string_equal(json_string_value(json_object_get(fx->report,
	    "status")), status);
	score_num(json_object_get(fx->report, "coverage"), coverage,
	    "coverage");
}

static void
score_counts_are(struct score_fx *fx, int compliant, int non_compliant,
    int review_needed, int not_applicable, int critical, size_t nfindings)
{
	json_t *c = json_object_get(fx->report, "counts");

	assert_int_equal(json_integer_value(json_object_get(c, "compliant")),
	    compliant);
	assert_int_equal(json_integer_value(json_object_get(c,
	    "non_compliant")), non_compliant);
	assert_int_equal(json_integer_value(json_object_get(c,
	    "review_needed")), review_needed);
	assert_int_equal(json_integer_value(json_object_get(c,
	    "not_applicable")), not_applicable);
	assert_int_equal(json_integer_value(json_object_get(c, "critical")),
	    critical);
	assert_int_equal(json_array_size(json_object_get(fx->report,
	    "findings")), nfindings);
}

static json_t *
score_finding(struct score_fx *fx, const char *qid)
{
	json_t *f;
	size_t i;

	json_array_foreach(json_object_get(fx->report, "findings"), i, f) {
		if (strcmp(json_string_value(json_object_get(f,
		    "question_id")), qid) == 0)
			return f;
	}
	return NULL;
}

/* Finding of QID: STATUS, PRIORITY and score S (NAN: null score). */
static void
score_finding_is(struct score_fx *fx, const char *qid, const char *status,
    const char *priority, double s)
{
	json_t *f = score_finding(fx, qid);

	if (f == NULL)
		fail_msg("no finding for '%s'", qid);
	assert_string_equal(json_string_value(json_object_get(f, "status")),
	    status);
	assert_string_equal(json_string_value(json_object_get(f,
	    "priority")), priority);
	if (isnan(s))
		assert_true(json_is_null(json_object_get(f, "score")));
	else
		score_num(json_object_get(f, "score"), s, qid);
}

static void
score_no_finding(struct score_fx *fx, const char *qid)
{
	if (score_finding(fx, qid) != NULL)
		fail_msg("'%s' has a finding; it should have none", qid);
}

static void
score_penalty_total_is(struct score_fx *fx, double total, size_t narts)
{
	json_t *p = json_object_get(fx->report, "penalties");

	score_num(json_object_get(p, "total_max_usd"), total, "penalties");
	assert_int_equal(json_array_size(json_object_get(p, "articles")),
	    narts);
}

static void
score_penalty_article_is(struct score_fx *fx, const char *article,
    double max_usd, int findings)
{
	json_t *a;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(fx->report,
	    "penalties"), "articles"), i, a) {
		if (strcmp(json_string_value(json_object_get(a, "article")),
		    article) != 0)
			continue;
		score_num(json_object_get(a, "max_usd"), max_usd, article);
		assert_int_equal(json_integer_value(json_object_get(a,
		    "findings")), findings);
		return;
	}
	fail_msg("article '%s' not in the penalties", article);
}

/*
 * answer_score on the real banks' rules, both directions of the linear
 * rule, the date bands at their edges, the scale, polarity and the
 * multi-select minimum.
 */
static void
score_rule_is(struct score_fx *fx, const char *fwid, const char *qid,
    const char *value, double want)
{
	const struct framework *fw = framework_set_find(&fx->set, fwid);
	const struct question *q;
	json_t *v = NULL;
	char *cause = NULL;
	int64_t today;
	double s = -1;
	int qi;

	assert_non_null(fw);
	qi = framework_question_index(fw, qid);
	assert_true(qi >= 0);
	q = &fw->questions[qi];
	today = clock_today_days();
	if (answer_parse_text(q, value, today, &v, &cause) != 0)
		fail_msg("%s '%s': %s", qid, value, cause);
	if (isnan(want)) {
		if (answer_score(q, v, today, &s) != 0)
			fail_msg("%s '%s' scored %g; it is unscored", qid,
			    value, s);
	} else {
		if (answer_score(q, v, today, &s) != 1)
			fail_msg("%s '%s' unscored", qid, value);
		if (fabs(s - want) > 1e-9)
			fail_msg("%s '%s': score %g, wanted %g", qid, value, s,
			    want);
	}
	json_decref(v);
}

static void
test_rules(void **state)
{
	struct score_fx *fx = *state;
	int64_t d;

	assert_int_equal(clock_parse_date("2026-12-03", &d), 0);
	assert_int_equal(clock_today_days(), d);
	/* Linear, worst 10 > best 0: s = (v - 10) / (0 - 10), clamped. */
	score_rule_is(fx, "ISO_45001", "iso45001_030", "0", 1);
	score_rule_is(fx, "ISO_45001", "iso45001_030", "3", 0.7);
	score_rule_is(fx, "ISO_45001", "iso45001_030", "10", 0);
	score_rule_is(fx, "ISO_45001", "iso45001_030", "25", 0);
	/* Linear, worst 0 < best 100: s = v / 100. */
	score_rule_is(fx, "ISO_14001", "iso14001_033", "45", 0.45);
	score_rule_is(fx, "ISO_14001", "iso14001_033", "100", 1);
	/* Linear 0..6 with a stated range 0..100: clamped at 1. */
	score_rule_is(fx, "DRC_MINING_CODE", "drc_010a", "3", 0.5);
	score_rule_is(fx, "DRC_MINING_CODE", "drc_010a", "50", 1);
	/* Dates, 180 days. */
	score_rule_is(fx, "ISO_45001", "iso45001_023", "2026-12-03", 1);
	score_rule_is(fx, "ISO_45001", "iso45001_023", "2026-06-06", 1);
	score_rule_is(fx, "ISO_45001", "iso45001_023", "2026-06-05", 0.5);
	score_rule_is(fx, "ISO_45001", "iso45001_023", "2025-12-08", 0.5);
	score_rule_is(fx, "ISO_45001", "iso45001_023", "2025-12-07", 0);
	/* Dates, 365 days. */
	score_rule_is(fx, "VPSHR", "vpshr_004", "2025-12-03", 1);
	score_rule_is(fx, "VPSHR", "vpshr_004", "2025-12-02", 0.5);
	score_rule_is(fx, "VPSHR", "vpshr_004", "2024-12-03", 0.5);
	score_rule_is(fx, "VPSHR", "vpshr_004", "2024-12-02", 0);
	/* Scale (v - 1) / 4. */
	score_rule_is(fx, "VPSHR", "vpshr_032", "1", 0);
	score_rule_is(fx, "VPSHR", "vpshr_032", "3", 0.5);
	score_rule_is(fx, "VPSHR", "vpshr_032", "4", 0.75);
	score_rule_is(fx, "VPSHR", "vpshr_032", "5", 1);
	/* Polarity: drc_013 (child labour) is compliant on "no". */
	score_rule_is(fx, "DRC_MINING_CODE", "drc_013", "no", 1);
	score_rule_is(fx, "DRC_MINING_CODE", "drc_013", "yes", 0);
	score_rule_is(fx, "DRC_MINING_CODE", "drc_014", "yes", 1);
	score_rule_is(fx, "DRC_MINING_CODE", "drc_014", "no", 0);
	/* Multi-select: the lowest option score. */
	score_rule_is(fx, "ISO_14001", "iso14001_021", "energy,noise", 0.6);
	score_rule_is(fx, "ISO_14001", "iso14001_021", "noise,tailings,air",
	    0.2);
	score_rule_is(fx, "ISO_14001", "iso14001_021", "none", 1);
	score_rule_is(fx, "DRC_MINING_CODE", "drc_004", "other,tax_clearance",
	    0.3);
	score_rule_is(fx, "DRC_MINING_CODE", "drc_004", "other", 0.5);
	/* Unscored: text, and numbers without a rule. */
	score_rule_is(fx, "ISO_45001", "iso45001_011", "4", NAN);
	score_rule_is(fx, "DRC_MINING_CODE", "drc_001a", "pending", NAN);
}

/*
 * ISO 14001, categories aspects and performance only: a follow-up
 * triggered ("no"), N/A, an unanswered required question, date bands.
 */
static void
test_iso14001(void **state)
{
	struct score_fx *fx = *state;
	json_t *again = NULL;
	char *cause = NULL;

	score_start(fx, "ISO_14001", "aspects,performance", NULL);
	/* The subset really limits the questions asked. */
	score_asked(fx, "iso14001_001", 0);
	score_asked(fx, "iso14001_020", 0);
	score_asked(fx, "iso14001_041", 0);
	score_next_is(fx, "iso14001_010");
	/* 9 required questions in the two categories; no follow-up yet. */
	score_progress(fx, 9, 0, 9, 0);
	score_refused(fx, "iso14001_001", "yes", 0, 0);

	score_answer(fx, "iso14001_010", "no");		/* s 0, w 3 */
	score_next_is(fx, "iso14001_010a");		/* right after */
	score_answer(fx, "iso14001_010a", "No register of aspects yet.");
	score_answer(fx, "iso14001_011", "every_2_years");	/* 0.5, w 2 */
	score_asked(fx, "iso14001_011a", 0);
	score_answer(fx, "iso14001_012", "yes");	/* 1, w 2 */
	/* iso14001_013 (required, w 3) stays unanswered. */
	score_refused(fx, "iso14001_013", NULL, 0, 1);	/* required: no skip */
	score_refused(fx, "iso14001_013", "maybe", 0, 0);
	score_answer(fx, "iso14001_030", "yes");	/* 1, w 2.5 */
	score_answer(fx, "iso14001_031", "annually");	/* 0.85, w 2.5 */
	score_answer(fx, "iso14001_032", "2025-12-03");	/* 365 d: 1, w 2 */
	score_refused(fx, "iso14001_032", "2026-12-04", 0, 0);	/* future */
	score_na(fx, "iso14001_033");			/* N/A: left out */
	score_refused(fx, "iso14001_034", NULL, 1, 0);	/* N/A not allowed */
	score_answer(fx, "iso14001_034", "2024-12-03");	/* 730 d: 0.5, w 2.5 */
	score_next_is(fx, "iso14001_013");
	/* Asked: 9 + 010a = 10; done 9; required 9, 8 done. */
	score_progress(fx, 10, 9, 9, 8);
	score_complete(fx);

	/* aspects: (3*0 + 2*0.5 + 2*1) / (3+2+2) = 3/7 = 42.857 -> 42.9 */
	score_category_is(fx, "aspects", 42.9, 3, 4);
	/*
	 * performance: (2.5*1 + 2.5*0.85 + 2*1 + 2.5*0.5) /
	 * (2.5+2.5+2+2.5) = 7.875/9.5 = 82.895 -> 82.9
	 */
	score_category_is(fx, "performance", 82.9, 4, 5);
	/* framework: (3 + 7.875) / (7 + 9.5) = 10.875/16.5 = 65.909 */
	score_framework_is(fx, "ISO_14001", 65.9, 2);
	/* overall = the one framework; coverage 8 of 9 required = 88.9 */
	score_overall_is(fx, 65.9, "review_needed", 88.9);
	/*
	 * compliant 012, 030, 031 (0.85), 032; non-compliant 010;
	 * review 011 (0.5), 034 (0.5), 013 (unanswered); N/A 033;
	 * critical 010. Nine findings: the text follow-up makes none.
	 */
	score_counts_are(fx, 4, 1, 3, 1, 1, 9);
	score_finding_is(fx, "iso14001_010", "non_compliant", "critical", 0);
	score_finding_is(fx, "iso14001_011", "review_needed", "medium", 0.5);
	score_finding_is(fx, "iso14001_013", "review_needed", "medium", NAN);
	score_finding_is(fx, "iso14001_031", "compliant", "low", 0.85);
	score_finding_is(fx, "iso14001_032", "compliant", "low", 1);
	score_finding_is(fx, "iso14001_033", "not_applicable", "low", NAN);
	score_finding_is(fx, "iso14001_034", "review_needed", "medium", 0.5);
	score_no_finding(fx, "iso14001_010a");
	score_no_finding(fx, "iso14001_001");
	score_penalty_total_is(fx, 0, 0);
	/* The completed session is closed. */
	score_refused(fx, "iso14001_013", "yes", 0, 0);
	/* Completing again returns the stored report, unchanged. */
	if (interview_complete(fx->store, &fx->set, fx->iv, &again,
	    &cause) != INTERVIEW_OK)
		fail_msg("second interview_complete: %s", cause);
	assert_string_equal(json_string_value(json_object_get(again,
	    "report_id")), json_string_value(json_object_get(fx->report,
	    "report_id")));
	score_num(json_object_get(again, "score"), 65.9, "stored score");
	assert_int_equal(json_array_size(json_object_get(again, "findings")),
	    9);
	json_decref(again);
}

/*
 * ISO 45001, three categories: multi-select minimum, linear rule with
 * worst > best, a date in the 0 band and one in the 0.5 band, scale,
 * a number without a rule (unscored), full coverage.
 */
static void
test_iso45001(void **state)
{
	struct score_fx *fx = *state;

	score_start(fx, "ISO_45001",
	    "hazard_management,operational_control,performance", NULL);
	score_asked(fx, "iso45001_001", 0);
	score_asked(fx, "iso45001_040", 0);
	score_progress(fx, 14, 0, 14, 0);
	score_answer(fx, "iso45001_010", "yes");	/* 1, w 3 */
	score_answer(fx, "iso45001_011", "4");		/* no rule: unscored */
	score_answer(fx, "iso45001_012", "no");		/* 0, w 3 */
	/* min(working_at_height 0.2, mobile_equipment 0.3) = 0.2, w 3 */
	score_answer(fx, "iso45001_013",
	    "working_at_height,mobile_equipment");
	score_answer(fx, "iso45001_014", "yes");	/* 1, w 2.5 */
	score_answer(fx, "iso45001_020", "yes");	/* 1, w 3 */
	score_answer(fx, "iso45001_021", "no");		/* 0, w 2 */
	score_answer(fx, "iso45001_022", "yes");	/* 1, w 3 */
	score_answer(fx, "iso45001_023", "2026-06-05");	/* 181 d of 180: 0.5 */
	score_answer(fx, "iso45001_024", "4");		/* (4-1)/4 = 0.75 */
	score_answer(fx, "iso45001_030", "12");		/* clamp: 0 ... */
	score_answer(fx, "iso45001_030", "3");		/* (3-10)/-10 = 0.7 */
	score_answer(fx, "iso45001_031", "yes");	/* 1, w 2.5 */
	score_answer(fx, "iso45001_032", "2024-12-02");	/* 731 d: 0, w 2 */
	score_answer(fx, "iso45001_033", "2026-01-01");	/* 336 d: 1, w 2 */
	score_next_is(fx, NULL);
	score_progress(fx, 14, 14, 14, 14);
	score_complete(fx);

	/*
	 * hazard_management: (3*1 + 3*0 + 3*0.2 + 2.5*1) / (3+3+3+2.5)
	 * = 6.1/11.5 = 53.04 -> 53.0; 011 makes no finding.
	 */
	score_category_is(fx, "hazard_management", 53.0, 4, 4);
	/*
	 * operational_control: (3*1 + 2*0 + 3*1 + 2*0.5 + 2*0.75) /
	 * (3+2+3+2+2) = 8.5/12 = 70.83 -> 70.8
	 */
	score_category_is(fx, "operational_control", 70.8, 5, 5);
	/*
	 * performance: (3*0.7 + 2.5*1 + 2*0 + 2*1) / (3+2.5+2+2)
	 * = 6.6/9.5 = 69.47 -> 69.5
	 */
	score_category_is(fx, "performance", 69.5, 4, 4);
	/* framework: (6.1 + 8.5 + 6.6) / (11.5 + 12 + 9.5) = 21.2/33 = 64.24 */
	score_framework_is(fx, "ISO_45001", 64.2, 3);
	score_overall_is(fx, 64.2, "review_needed", 100);
	/*
	 * compliant 010 014 020 022 031 033; non-compliant 012, 013 (0.2),
	 * 021, 032 (0); review 023 (0.5), 024 (0.75), 030 (0.7).
	 */
	score_counts_are(fx, 6, 4, 3, 0, 4, 13);
	score_finding_is(fx, "iso45001_013", "non_compliant", "critical",
	    0.2);
	score_finding_is(fx, "iso45001_023", "review_needed", "medium", 0.5);
	score_finding_is(fx, "iso45001_024", "review_needed", "medium", 0.75);
	score_finding_is(fx, "iso45001_030", "review_needed", "medium", 0.7);
	score_finding_is(fx, "iso45001_032", "non_compliant", "critical", 0);
	score_finding_is(fx, "iso45001_033", "compliant", "low", 1);
	score_no_finding(fx, "iso45001_011");
	assert_int_equal(json_array_size(json_object_get(fx->report,
	    "critical_recommendations")), 4);
}

/* VPSHR public and private security; N/A; polarity "no". */
static void
score_vpshr_common(struct score_fx *fx)
{
	score_start(fx, "VPSHR", "public_security,private_security", NULL);
	score_asked(fx, "vpshr_001", 0);
	score_asked(fx, "vpshr_030", 0);
	score_answer(fx, "vpshr_010", "yes");		/* 1, w 2.5 */
	score_na(fx, "vpshr_011");			/* N/A */
	score_answer(fx, "vpshr_012", "no");		/* 0, w 2 */
	score_asked(fx, "vpshr_013a", 0);
	score_refused(fx, "vpshr_013a", "reported_only", 0, 0);
	/* "yes" to abuses by public forces: compliant is "no", so s 0. */
	score_answer(fx, "vpshr_013", "yes");		/* 0, w 4 */
	score_next_is(fx, "vpshr_013a");
	score_answer(fx, "vpshr_013a", "reported_only");	/* 0.4, w 3 */
	score_answer(fx, "vpshr_020", "yes");		/* 1, w 3.5 */
	score_answer(fx, "vpshr_021", "45");		/* 45/100, w 2 */
	score_answer(fx, "vpshr_022", "no");		/* 0, w 3 */
	score_na(fx, "vpshr_023");			/* N/A */
	score_answer(fx, "vpshr_024", "identity_only");	/* 0.3, w 2.5 */
	score_next_is(fx, NULL);
	/* 9 asked + the follow-up; 9 required, all done. */
	score_progress(fx, 10, 10, 9, 9);
}

/* The follow-up is triggered and scored. */
static void
test_vpshr_follow_up_on(void **state)
{
	struct score_fx *fx = *state;

	score_vpshr_common(fx);
	score_complete(fx);
	/*
	 * public_security: (2.5*1 + 2*0 + 4*0 + 3*0.4) / (2.5+2+4+3)
	 * = 3.7/11.5 = 32.17 -> 32.2; 011 is N/A.
	 */
	score_category_is(fx, "public_security", 32.2, 4, 5);
	/*
	 * private_security: (3.5*1 + 2*0.45 + 3*0 + 2.5*0.3) /
	 * (3.5+2+3+2.5) = 5.15/11 = 46.82 -> 46.8; 023 is N/A.
	 */
	score_category_is(fx, "private_security", 46.8, 4, 5);
	/* framework: (3.7 + 5.15) / (11.5 + 11) = 8.85/22.5 = 39.33 */
	score_framework_is(fx, "VPSHR", 39.3, 2);
	score_overall_is(fx, 39.3, "non_compliant", 100);
	/* compliant 010 020; non 012 013 013a 021 022 024; N/A 011 023 */
	score_counts_are(fx, 2, 6, 0, 2, 6, 10);
	score_finding_is(fx, "vpshr_013", "non_compliant", "critical", 0);
	score_finding_is(fx, "vpshr_013a", "non_compliant", "critical", 0.4);
	score_finding_is(fx, "vpshr_021", "non_compliant", "critical", 0.45);
	score_finding_is(fx, "vpshr_011", "not_applicable", "low", NAN);
	score_finding_is(fx, "vpshr_023", "not_applicable", "low", NAN);
}

/* The follow-up is triggered, answered, then un-triggered. */
static void
test_vpshr_follow_up_off(void **state)
{
	struct score_fx *fx = *state;
	int qa;

	score_vpshr_common(fx);
	qa = score_qi(fx, "vpshr_013a");
	score_answer(fx, "vpshr_013", "no");		/* now 1, w 4 */
	score_asked(fx, "vpshr_013a", 0);
	/* The follow-up's answer is kept but leaves progress. */
	assert_int_equal(fx->iv->answers[qa].state, INTERVIEW_ANSWERED);
	score_progress(fx, 9, 9, 9, 9);
	score_refused(fx, "vpshr_013a", "not_reported", 0, 0);
	/* Triggered again, it comes back answered; then off for good. */
	score_answer(fx, "vpshr_013", "yes");
	score_asked(fx, "vpshr_013a", 1);
	score_progress(fx, 10, 10, 9, 9);
	score_answer(fx, "vpshr_013", "no");
	score_next_is(fx, NULL);
	score_progress(fx, 9, 9, 9, 9);
	score_complete(fx);
	/*
	 * public_security: (2.5*1 + 2*0 + 4*1) / (2.5+2+4) = 6.5/8.5
	 * = 76.47 -> 76.5; the follow-up no longer counts.
	 */
	score_category_is(fx, "public_security", 76.5, 3, 4);
	score_category_is(fx, "private_security", 46.8, 4, 5);
	/* framework: (6.5 + 5.15) / (8.5 + 11) = 11.65/19.5 = 59.74 */
	score_framework_is(fx, "VPSHR", 59.7, 2);
	score_overall_is(fx, 59.7, "non_compliant", 100);
	/* compliant 010 013 020; non 012 021 022 024; N/A 011 023 */
	score_counts_are(fx, 3, 4, 0, 2, 4, 9);
	score_finding_is(fx, "vpshr_013", "compliant", "low", 1);
	score_no_finding(fx, "vpshr_013a");
}

/*
 * DRC environment, safety and trading: follow-ups on and off, scored
 * date follow-up, polarity, linear worst > best, N/A, an unanswered
 * required question, a skipped optional one, and penalties: three
 * non-compliant findings share article 307, counted once.
 */
static void
test_drc(void **state)
{
	struct score_fx *fx = *state;
	json_t *f, *recs;

	score_start(fx, "DRC_MINING_CODE", "environmental,safety,trading",
	    NULL);
	score_asked(fx, "drc_001", 0);
	score_asked(fx, "drc_050", 0);
	/* 5 + 4 + 4 required questions, no follow-up yet. */
	score_progress(fx, 13, 0, 13, 0);
	score_answer(fx, "drc_020", "no");		/* 0, w 3, art 307 */
	score_next_is(fx, "drc_020a");
	score_answer(fx, "drc_020a", "2025-06-01");	/* 550 d of 365: 0.5 */
	/* (2-1)/4 = 0.25, w 2 */
	score_answer(fx, "drc_021", "2");
	score_answer(fx, "drc_022", "never");
	score_next_is(fx, "drc_022a");
	score_answer(fx, "drc_022a", "No monitoring at all.");
	score_progress(fx, 15, 5, 13, 3);
	score_answer(fx, "drc_022", "quarterly");	/* 0.6, w 2.5 */
	score_asked(fx, "drc_022a", 0);
	score_progress(fx, 14, 4, 13, 3);
	/* compliant "no": 1, w 3 */
	score_answer(fx, "drc_023", "no");
	score_na(fx, "drc_024");			/* N/A */
	score_answer(fx, "drc_030", "yes");		/* 1, w 3 */
	/* (4-10)/(0-10) = 0.6 */
	score_answer(fx, "drc_031", "4");
	score_answer(fx, "drc_032", "no");		/* 0, w 2.5, art 307 */
	/* drc_033 (required, w 1.5) stays unanswered. */
	score_answer(fx, "drc_040", "yes");		/* 1, w 3 */
	/* "no" compliant: 0, w 4 */
	score_answer(fx, "drc_041", "yes");
	score_asked(fx, "drc_041a", 1);	/* next is still drc_033 */
	score_skip(fx, "drc_041a");			/* optional text */
	score_answer(fx, "drc_042", "no");		/* 0, w 3, art 305 */
	score_answer(fx, "drc_043", "12");		/* no rule: unscored */
	score_next_is(fx, "drc_033");
	/* Asked 13 + 020a + 041a = 15, done 14; required 13, 12 done. */
	score_progress(fx, 15, 14, 13, 12);
	score_complete(fx);

	/*
	 * environmental: (3*0 + 2*0.5 + 2*0.25 + 2.5*0.6 + 3*1) /
	 * (3+2+2+2.5+3) = 6/12.5 = 48.0; 024 N/A.
	 */
	score_category_is(fx, "environmental", 48.0, 5, 6);
	/*
	 * safety: (3*1 + 2.5*0.6 + 2.5*0) / (3+2.5+2.5) = 4.5/8 = 56.25
	 * -> 56.3; 033 unanswered, not scored.
	 */
	score_category_is(fx, "safety", 56.3, 3, 4);
	/* trading: (3*1 + 4*0 + 3*0) / (3+4+3) = 30.0; 043 unscored. */
	score_category_is(fx, "trading", 30.0, 3, 3);
	/* framework: (6 + 4.5 + 3) / (12.5 + 8 + 10) = 13.5/30.5 = 44.26 */
	score_framework_is(fx, "DRC_MINING_CODE", 44.3, 3);
	/* coverage: 12 of 13 required = 92.3 (one decimal) */
	score_overall_is(fx, 44.3, "non_compliant", 92.3);
	/*
	 * compliant 023 030 040; non-compliant 020 021 032 041 042;
	 * review 020a (0.5) 022 (0.6) 031 (0.6) 033 (unanswered); N/A 024.
	 * Findings: 6 + 4 + 3 = 13.
	 */
	score_counts_are(fx, 3, 5, 4, 1, 5, 13);
	score_finding_is(fx, "drc_020", "non_compliant", "critical", 0);
	score_finding_is(fx, "drc_020a", "review_needed", "medium", 0.5);
	score_finding_is(fx, "drc_021", "non_compliant", "critical", 0.25);
	score_finding_is(fx, "drc_022", "review_needed", "medium", 0.6);
	score_finding_is(fx, "drc_023", "compliant", "low", 1);
	score_finding_is(fx, "drc_024", "not_applicable", "low", NAN);
	score_finding_is(fx, "drc_031", "review_needed", "medium", 0.6);
	score_finding_is(fx, "drc_033", "review_needed", "medium", NAN);
	score_finding_is(fx, "drc_041", "non_compliant", "critical", 0);
	score_no_finding(fx, "drc_022a");
	score_no_finding(fx, "drc_041a");
	score_no_finding(fx, "drc_043");

	/*
	 * Penalties: 307 (020, 021, 032) once at 42912.25, 302 (041) at
	 * 128736.67, 305 (042) at 85824.43: 42912.25 + 128736.67 +
	 * 85824.43 = 257473.35. The review findings on 307 add nothing.
	 */
	score_penalty_total_is(fx, 257473.35, 3);
	score_penalty_article_is(fx, "307", 42912.25, 3);
	score_penalty_article_is(fx, "302", 128736.67, 1);
	score_penalty_article_is(fx, "305", 85824.43, 1);
	f = score_finding(fx, "drc_020");
	score_num(json_object_get(f, "penalty_usd"), 42912.25, "020 penalty");
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(f, "articles"), 0)), "307");
	f = score_finding(fx, "drc_022");
	score_num(json_object_get(f, "penalty_usd"), 0, "022 penalty");
	assert_int_equal(json_array_size(json_object_get(f, "articles")), 0);
	/* Excluded (criminal) articles are listed, never added. */
	assert_int_equal(json_array_size(json_object_get(json_object_get(
	    fx->report, "penalties"), "excluded")), 2);
	/* Critical recommendations, heaviest first: 041 (w 4) ... 021 (w 2). */
	recs = json_object_get(fx->report, "critical_recommendations");
	assert_int_equal(json_array_size(recs), 5);
	assert_non_null(strstr(json_string_value(json_array_get(recs, 0)),
	    "DRC Art. 302"));
	assert_non_null(strstr(json_string_value(json_array_get(recs, 4)),
	    "DRC Art. 307"));
}

/*
 * DRC permits, in French: multi-select minimum, N/A date, a follow-up
 * text, two non-compliant findings on article 301 counted once, and
 * article 299, whose bank penalty has a maximum of 0.
 */
static void
test_drc_permits_fr(void **state)
{
	struct score_fx *fx = *state;
	json_t *fw, *cat;

	score_start(fx, "DRC_MINING_CODE", "permits", "fr");
	score_progress(fx, 5, 0, 5, 0);
	score_answer(fx, "drc_001", "no");		/* 0, w 3, art 299 */
	score_next_is(fx, "drc_001a");
	score_answer(fx, "drc_001a", "Renouvellement en cours.");
	score_na(fx, "drc_002");			/* N/A */
	score_answer(fx, "drc_003", "yes");		/* 1, w 2.5 */
	/* min(safety_certificates 0.2, tax_clearance 0.3) = 0.2, w 3 */
	score_answer(fx, "drc_004", "safety_certificates,tax_clearance");
	score_answer(fx, "drc_005", "no");		/* 0, w 2, art 301 */
	score_progress(fx, 6, 6, 5, 5);
	score_complete(fx);

	/* permits: (3*0 + 2.5*1 + 3*0.2 + 2*0) / (3+2.5+3+2) = 3.1/10.5 */
	score_category_is(fx, "permits", 29.5, 4, 5);
	score_framework_is(fx, "DRC_MINING_CODE", 29.5, 1);
	score_overall_is(fx, 29.5, "non_compliant", 100);
	/* compliant 003; non-compliant 001 004 005; N/A 002 */
	score_counts_are(fx, 1, 3, 0, 1, 3, 5);
	score_finding_is(fx, "drc_004", "non_compliant", "critical", 0.2);
	/*
	 * 301 once at 42912.25 (004, 005); 299's only entry has a zero
	 * maximum (the excluded criminal case), so it is listed among the
	 * excluded penalties, not among the articles.
	 */
	score_penalty_total_is(fx, 42912.25, 1);
	score_penalty_article_is(fx, "301", 42912.25, 2);
	/* Names in the report's language. */
	fw = score_fw(fx);
	assert_string_equal(json_string_value(json_object_get(fw, "name")),
	    "Code minier de la RDC");
	cat = json_array_get(json_object_get(fw, "categories"), 0);
	assert_string_equal(json_string_value(json_object_get(cat, "name")),
	    "Permis et titres miniers");
	assert_string_equal(json_string_value(json_object_get(
	    score_finding(fx, "drc_002"), "answer")), "sans objet");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rules, score_setup,
		    score_teardown),
		cmocka_unit_test_setup_teardown(test_iso14001, score_setup,
		    score_teardown),
		cmocka_unit_test_setup_teardown(test_iso45001, score_setup,
		    score_teardown),
		cmocka_unit_test_setup_teardown(test_vpshr_follow_up_on,
		    score_setup, score_teardown),
		cmocka_unit_test_setup_teardown(test_vpshr_follow_up_off,
		    score_setup, score_teardown),
		cmocka_unit_test_setup_teardown(test_drc, score_setup,
		    score_teardown),
		cmocka_unit_test_setup_teardown(test_drc_permits_fr,
		    score_setup, score_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

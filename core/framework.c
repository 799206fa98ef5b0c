/* SPDX-License-Identifier: MIT */
/*
 * Loading and validating framework banks. The loader is strict: a bank
 * either loads whole and valid or not at all, with a message naming the
 * file, the question and the reason. Loaded banks are never modified.
 */
#include "core/framework.h"

#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/assets.h"
#include "core/base/xmalloc.h"

/* The keys each object of a bank may have (docs/bank-format.md). */
static const char *const framework_keys_root[] = {
	"id", "version", "name", "description", "estimated_minutes",
	"categories", "questions", "requirements", "penalties",
	"excluded_penalties", NULL
};
static const char *const framework_keys_category[] = { "id", "name", NULL };
static const char *const framework_keys_question[] = {
	"id", "category", "ref", "article", "type", "text", "help", "weight",
	"required", "allow_na", "evidence_required", "compliant", "options",
	"min", "max", "rule", "follow_ups", NULL
};
static const char *const framework_keys_option[] = {
	"value", "label", "score", "exclusive", NULL
};
static const char *const framework_keys_rule[] = {
	"kind", "worst", "best", "days", NULL
};
static const char *const framework_keys_requirement[] = {
	"ref", "category", "article", "text", "keywords", NULL
};
static const char *const framework_keys_penalty[] = {
	"article", "key", "applies_to", "legal_reference", "description",
	"min_usd", "max_usd", "keywords", NULL
};
static const char *const framework_keys_excluded[] = {
	"article", "reason", "description", "max_usd", NULL
};
static const char *const framework_keys_i18n[] = { "en", "fr", NULL };

static const char *const framework_type_names[] = {
	"yes_no", "multiple_choice", "multi_select", "text", "number", "date",
	"scale"
};

const char *
question_type_name(enum question_type t)
{
	return framework_type_names[t];
}

const char *
bank_str(const struct bank_text *t, const char *lang)
{
	if (lang != NULL && strcmp(lang, "fr") == 0 && t->fr != NULL)
		return t->fr;
	return t->en != NULL ? t->en : "";
}

/* Load context: the file and the question being read, for messages. */
struct framework_ctx {
	const char	*path;
	const char	*qid;
	char		*cause;
};

static int
framework_fail(struct framework_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
framework_fail(struct framework_ctx *c, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (c->cause != NULL)
		return -1;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (c->qid != NULL)
		c->cause = xasprintf("bank '%s', question '%s': %s", c->path,
		    c->qid, msg);
	else
		c->cause = xasprintf("bank '%s': %s", c->path, msg);
	free(msg);
	return -1;
}

static char *
framework_dup_string(struct framework_ctx *c, json_t *obj, const char *key,
    int required)
{
	json_t *v = json_object_get(obj, key);

	if (v == NULL || json_is_null(v)) {
		if (required)
			framework_fail(c, "missing \"%s\"", key);
		return NULL;
	}
	if (!json_is_string(v) || json_string_length(v) == 0) {
		framework_fail(c, "\"%s\" must be a non-empty string", key);
		return NULL;
	}
	return xstrdup(json_string_value(v));
}

/*
 * Refuses a key of OBJ not in KNOWN (NULL-terminated): a typo such as
 * "follow_up" would otherwise be ignored and silently change the bank.
 */
static int
framework_known_keys(struct framework_ctx *c, json_t *obj,
    const char *const *known, const char *what)
{
	const char *key;
	json_t *v;
	size_t i;

	json_object_foreach(obj, key, v) {
		for (i = 0; known[i] != NULL; i++) {
			if (strcmp(known[i], key) == 0)
				break;
		}
		if (known[i] == NULL)
			return framework_fail(c, "unknown key \"%s\" in %s",
			    key, what);
	}
	return 0;
}

/* {"en": ..., "fr": ...} or a plain string (English only). */
static int
framework_i18n(struct framework_ctx *c, json_t *obj, const char *key,
    int required, struct bank_text *out)
{
	json_t *v = json_object_get(obj, key);

	memset(out, 0, sizeof *out);
	if (v == NULL || json_is_null(v)) {
		if (required)
			return framework_fail(c, "missing \"%s\"", key);
		return 0;
	}
	if (json_is_string(v)) {
		out->en = xstrdup(json_string_value(v));
		return 0;
	}
	if (!json_is_object(v))
		return framework_fail(c, "\"%s\" must be {\"en\",\"fr\"}", key);
	if (framework_known_keys(c, v, framework_keys_i18n, key) == -1)
		return -1;
	out->en = framework_dup_string(c, v, "en", 1);
	out->fr = framework_dup_string(c, v, "fr", 0);
	return c->cause != NULL ? -1 : 0;
}

static void
framework_i18n_release(struct bank_text *t)
{
	XFREE(t->en);
	XFREE(t->fr);
}

static int
framework_bool(struct framework_ctx *c, json_t *obj, const char *key,
    int dflt, int *out)
{
	json_t *v = json_object_get(obj, key);

	if (v == NULL) {
		*out = dflt;
		return 0;
	}
	if (!json_is_boolean(v))
		return framework_fail(c, "\"%s\" must be true or false", key);
	*out = json_is_true(v);
	return 0;
}

static int
framework_number(struct framework_ctx *c, json_t *obj, const char *key,
    int required, double *out, int *present)
{
	json_t *v = json_object_get(obj, key);

	if (present != NULL)
		*present = 0;
	if (v == NULL || json_is_null(v)) {
		if (required)
			return framework_fail(c, "missing \"%s\"", key);
		return 0;
	}
	if (!json_is_number(v) || !isfinite(json_number_value(v)))
		return framework_fail(c, "\"%s\" must be a finite number", key);
	*out = json_number_value(v);
	if (present != NULL)
		*present = 1;
	return 0;
}

static int
framework_strings(struct framework_ctx *c, json_t *obj, const char *key,
    char ***out, size_t *n)
{
	json_t *v = json_object_get(obj, key), *e;
	size_t i;

	*out = NULL;
	*n = 0;
	if (v == NULL)
		return 0;
	if (!json_is_array(v))
		return framework_fail(c, "\"%s\" must be an array", key);
	if (json_array_size(v) == 0)
		return 0;
	*out = xcalloc(json_array_size(v), sizeof **out);
	json_array_foreach(v, i, e) {
		if (!json_is_string(e))
			return framework_fail(c, "\"%s\" must hold strings",
			    key);
		(*out)[(*n)++] = xstrdup(json_string_value(e));
	}
	return 0;
}

static void
framework_strings_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int
framework_type(const char *s, enum question_type *out)
{
	size_t i;

	for (i = 0; i < sizeof framework_type_names /
	    sizeof framework_type_names[0]; i++) {
		if (strcmp(s, framework_type_names[i]) == 0) {
			*out = (enum question_type)i;
			return 0;
		}
	}
	return -1;
}

static int
framework_options(struct framework_ctx *c, json_t *jq, struct question *q)
{
	json_t *v = json_object_get(jq, "options"), *e;
	int choice = q->type == QUESTION_MULTIPLE_CHOICE ||
	    q->type == QUESTION_MULTI_SELECT;
	size_t i, j, nexclusive = 0;

	if (!choice) {
		if (v != NULL)
			return framework_fail(c, "\"options\" given for a %s "
			    "question", question_type_name(q->type));
		return 0;
	}
	if (!json_is_array(v) || json_array_size(v) < 2)
		return framework_fail(c, "a %s question needs at least 2 "
		    "\"options\"", question_type_name(q->type));
	q->options = xcalloc(json_array_size(v), sizeof *q->options);
	json_array_foreach(v, i, e) {
		struct question_option *o = &q->options[i];

		if (!json_is_object(e))
			return framework_fail(c, "option %zu is not an object",
			    i + 1);
		if (framework_known_keys(c, e, framework_keys_option,
		    "an option") == -1)
			return -1;
		q->noptions++;
		o->value = framework_dup_string(c, e, "value", 1);
		if (o->value == NULL)
			return -1;
		if (framework_i18n(c, e, "label", 1, &o->label) == -1)
			return -1;
		if (framework_number(c, e, "score", 1, &o->score, NULL) == -1)
			return -1;
		if (o->score < 0 || o->score > 1)
			return framework_fail(c, "option '%s': score %g is "
			    "outside 0..1", o->value, o->score);
		if (framework_bool(c, e, "exclusive", 0, &o->exclusive) == -1)
			return -1;
		if (o->exclusive && q->type != QUESTION_MULTI_SELECT)
			return framework_fail(c, "option '%s': \"exclusive\" "
			    "is for multi_select options only (a %s question "
			    "takes one option anyway)", o->value,
			    question_type_name(q->type));
		nexclusive += o->exclusive;
		for (j = 0; j < i; j++) {
			if (strcmp(q->options[j].value, o->value) == 0)
				return framework_fail(c, "duplicate option "
				    "'%s'", o->value);
		}
	}
	if (nexclusive == q->noptions)
		return framework_fail(c, "every option is \"exclusive\": make "
		    "it a multiple_choice question");
	return 0;
}

static int
framework_rule(struct framework_ctx *c, json_t *jq, struct question *q)
{
	json_t *r = json_object_get(jq, "rule");
	const char *kind;
	double days;

	q->rule = RULE_NONE;
	if (r == NULL || json_is_null(r))
		return 0;
	if (!json_is_object(r) || !json_is_string(json_object_get(r, "kind")))
		return framework_fail(c, "\"rule\" needs a \"kind\"");
	if (framework_known_keys(c, r, framework_keys_rule, "the rule") == -1)
		return -1;
	kind = json_string_value(json_object_get(r, "kind"));
	if (strcmp(kind, "linear") == 0) {
		if (q->type != QUESTION_NUMBER)
			return framework_fail(c, "a linear rule on a %s "
			    "question", question_type_name(q->type));
		if (framework_number(c, r, "worst", 1, &q->worst, NULL) == -1 ||
		    framework_number(c, r, "best", 1, &q->best, NULL) == -1)
			return -1;
		if (q->worst == q->best)
			return framework_fail(c, "linear rule: worst equals "
			    "best");
		q->rule = RULE_LINEAR;
	} else if (strcmp(kind, "max_age_days") == 0) {
		if (q->type != QUESTION_DATE)
			return framework_fail(c, "a max_age_days rule on a %s "
			    "question", question_type_name(q->type));
		if (framework_number(c, r, "days", 1, &days, NULL) == -1)
			return -1;
		if (days < 1 || days > 36500 || days != floor(days))
			return framework_fail(c, "max_age_days: days %g must "
			    "be a whole number from 1 to 36500", days);
		q->days = (int)days;
		q->rule = RULE_MAX_AGE_DAYS;
	} else
		return framework_fail(c, "unknown rule kind '%s'", kind);
	return 0;
}

static int
framework_question(struct framework_ctx *c, struct framework *fw, json_t *jq,
    struct question *q)
{
	json_t *v;
	char *type;
	size_t i;

	q->parent = -1;
	if (!json_is_object(jq))
		return framework_fail(c, "a question is not an object");
	q->id = framework_dup_string(c, jq, "id", 1);
	if (q->id == NULL)
		return -1;
	c->qid = q->id;
	if (framework_known_keys(c, jq, framework_keys_question,
	    "the question") == -1)
		return -1;
	for (i = 0; i < fw->nquestions; i++) {
		if (strcmp(fw->questions[i].id, q->id) == 0)
			return framework_fail(c, "duplicate question id");
	}
	q->category = framework_dup_string(c, jq, "category", 1);
	if (q->category == NULL)
		return -1;
	if (framework_category(fw, q->category) == NULL)
		return framework_fail(c, "unknown category '%s'", q->category);
	q->ref = framework_dup_string(c, jq, "ref", 0);
	q->article = framework_dup_string(c, jq, "article", 0);
	type = framework_dup_string(c, jq, "type", 1);
	if (type == NULL)
		return -1;
	if (framework_type(type, &q->type) == -1) {
		framework_fail(c, "unknown type '%s'", type);
		free(type);
		return -1;
	}
	free(type);
	if (framework_i18n(c, jq, "text", 1, &q->text) == -1 ||
	    framework_i18n(c, jq, "help", 0, &q->help) == -1)
		return -1;
	if (framework_number(c, jq, "weight", 1, &q->weight, NULL) == -1)
		return -1;
	if (q->weight < 0 || q->weight > 5)
		return framework_fail(c, "weight %g is outside 0..5",
		    q->weight);
	if (framework_bool(c, jq, "required", 1, &q->required) == -1 ||
	    framework_bool(c, jq, "evidence_required", 0,
	    &q->evidence_required) == -1 ||
	    framework_bool(c, jq, "allow_na", 0, &q->allow_na) == -1)
		return -1;
	v = json_object_get(jq, "compliant");
	if (q->type == QUESTION_YES_NO) {
		if (!json_is_string(v) ||
		    (strcmp(json_string_value(v), "yes") != 0 &&
		    strcmp(json_string_value(v), "no") != 0))
			return framework_fail(c, "a yes_no question needs "
			    "\"compliant\": \"yes\" or \"no\"");
		q->compliant_yes = strcmp(json_string_value(v), "yes") == 0;
	} else if (v != NULL)
		return framework_fail(c, "\"compliant\" is for yes_no only");
	if (framework_options(c, jq, q) == -1)
		return -1;
	if (q->type != QUESTION_NUMBER && (json_object_get(jq, "min") != NULL ||
	    json_object_get(jq, "max") != NULL))
		return framework_fail(c, "\"min\"/\"max\" are for numbers only");
	if (framework_number(c, jq, "min", 0, &q->min, &q->has_min) == -1 ||
	    framework_number(c, jq, "max", 0, &q->max, &q->has_max) == -1)
		return -1;
	if (q->has_min && q->has_max && q->min >= q->max)
		return framework_fail(c, "min %g is not below max %g", q->min,
		    q->max);
	if (framework_rule(c, jq, q) == -1)
		return -1;
	c->qid = NULL;
	return 0;
}

/* Follow-ups are resolved once every question is read. */
static int
framework_follow_ups(struct framework_ctx *c, struct framework *fw,
    json_t *jqs)
{
	json_t *jq, *fu, *targets, *t;
	const char *trigger;
	size_t i, j, k;
	int child, p, steps;

	json_array_foreach(jqs, i, jq) {
		struct question *q = &fw->questions[i];

		c->qid = q->id;
		fu = json_object_get(jq, "follow_ups");
		if (fu == NULL)
			continue;
		if (!json_is_object(fu))
			return framework_fail(c, "\"follow_ups\" must be an "
			    "object");
		json_object_foreach(fu, trigger, targets) {
			int known = 0;

			if (q->type == QUESTION_YES_NO)
				known = strcmp(trigger, "yes") == 0 ||
				    strcmp(trigger, "no") == 0;
			for (k = 0; k < q->noptions; k++)
				known |= strcmp(trigger,
				    q->options[k].value) == 0;
			if (!known)
				return framework_fail(c, "follow-up trigger "
				    "'%s' is not a possible answer", trigger);
			if (!json_is_array(targets))
				return framework_fail(c, "follow-ups of '%s' "
				    "must be a list of ids", trigger);
			json_array_foreach(targets, j, t) {
				struct question *cq;

				child = json_is_string(t) ?
				    framework_question_index(fw,
				    json_string_value(t)) : -1;
				if (child < 0)
					return framework_fail(c, "follow-up "
					    "to unknown question '%s'",
					    json_is_string(t) ?
					    json_string_value(t) : "?");
				cq = &fw->questions[child];
				if (cq->parent != -1 && cq->parent != (int)i)
					return framework_fail(c, "'%s' is "
					    "already a follow-up of '%s'",
					    cq->id,
					    fw->questions[cq->parent].id);
				if (child == (int)i)
					return framework_fail(c, "follow-up "
					    "cycle through itself");
				cq->parent = (int)i;
				cq->triggers = xreallocarray(cq->triggers,
				    cq->ntriggers + 1, sizeof *cq->triggers);
				cq->triggers[cq->ntriggers++] =
				    xstrdup(trigger);
			}
		}
	}
	/* A cycle shows as a parent chain longer than the bank. */
	for (i = 0; i < fw->nquestions; i++) {
		c->qid = fw->questions[i].id;
		steps = 0;
		for (p = fw->questions[i].parent; p != -1;
		    p = fw->questions[p].parent) {
			if (++steps > (int)fw->nquestions)
				return framework_fail(c, "follow-up cycle");
		}
		p = fw->questions[i].parent;
		if (p > (int)i)
			return framework_fail(c, "follow-up placed before its "
			    "parent '%s'", fw->questions[p].id);
	}
	c->qid = NULL;
	return 0;
}

static int
framework_categories(struct framework_ctx *c, struct framework *fw,
    json_t *root)
{
	json_t *v = json_object_get(root, "categories"), *e;
	size_t i, j;

	if (!json_is_array(v) || json_array_size(v) == 0)
		return framework_fail(c, "\"categories\" must be a non-empty "
		    "array");
	fw->categories = xcalloc(json_array_size(v), sizeof *fw->categories);
	json_array_foreach(v, i, e) {
		struct category *cat = &fw->categories[i];

		if (!json_is_object(e))
			return framework_fail(c, "category %zu is not an "
			    "object", i + 1);
		if (framework_known_keys(c, e, framework_keys_category,
		    "a category") == -1)
			return -1;
		fw->ncategories++;
		cat->id = framework_dup_string(c, e, "id", 1);
		if (cat->id == NULL ||
		    framework_i18n(c, e, "name", 1, &cat->name) == -1)
			return -1;
		for (j = 0; j < i; j++) {
			if (strcmp(fw->categories[j].id, cat->id) == 0)
				return framework_fail(c, "duplicate category "
				    "'%s'", cat->id);
		}
	}
	return 0;
}

static int
framework_requirements(struct framework_ctx *c, struct framework *fw,
    json_t *root)
{
	json_t *v = json_object_get(root, "requirements"), *e;
	size_t i;

	if (v == NULL)
		return 0;
	if (!json_is_array(v))
		return framework_fail(c, "\"requirements\" must be an array");
	if (json_array_size(v) == 0)
		return 0;
	fw->requirements = xcalloc(json_array_size(v),
	    sizeof *fw->requirements);
	json_array_foreach(v, i, e) {
		struct requirement *r = &fw->requirements[i];

		if (!json_is_object(e))
			return framework_fail(c, "requirement %zu is not an "
			    "object", i + 1);
		if (framework_known_keys(c, e, framework_keys_requirement,
		    "a requirement") == -1)
			return -1;
		fw->nrequirements++;
		r->ref = framework_dup_string(c, e, "ref", 1);
		r->category = framework_dup_string(c, e, "category", 1);
		r->article = framework_dup_string(c, e, "article", 0);
		if (r->ref == NULL || r->category == NULL)
			return -1;
		if (framework_category(fw, r->category) == NULL)
			return framework_fail(c, "requirement '%s': unknown "
			    "category '%s'", r->ref, r->category);
		if (framework_i18n(c, e, "text", 1, &r->text) == -1 ||
		    framework_strings(c, e, "keywords", &r->keywords,
		    &r->nkeywords) == -1)
			return -1;
	}
	return 0;
}

static int
framework_penalties(struct framework_ctx *c, struct framework *fw,
    json_t *root)
{
	json_t *v = json_object_get(root, "penalties"), *e;
	size_t i;

	if (v != NULL && !json_is_array(v))
		return framework_fail(c, "\"penalties\" must be an array");
	if (v != NULL && json_array_size(v) > 0) {
		fw->penalties = xcalloc(json_array_size(v),
		    sizeof *fw->penalties);
		json_array_foreach(v, i, e) {
			struct penalty *p = &fw->penalties[i];

			if (!json_is_object(e))
				return framework_fail(c, "penalty %zu is not "
				    "an object", i + 1);
			if (framework_known_keys(c, e, framework_keys_penalty,
			    "a penalty") == -1)
				return -1;
			fw->npenalties++;
			p->article = framework_dup_string(c, e, "article", 1);
			p->key = framework_dup_string(c, e, "key", 0);
			p->applies_to = framework_dup_string(c, e,
			    "applies_to", 0);
			p->legal_reference = framework_dup_string(c, e,
			    "legal_reference", 0);
			if (p->article == NULL ||
			    framework_i18n(c, e, "description", 1,
			    &p->description) == -1 ||
			    framework_number(c, e, "min_usd", 0, &p->min_usd,
			    NULL) == -1 ||
			    framework_number(c, e, "max_usd", 1, &p->max_usd,
			    NULL) == -1 ||
			    framework_strings(c, e, "keywords", &p->keywords,
			    &p->nkeywords) == -1)
				return -1;
			if (p->max_usd < 0 || p->min_usd < 0 ||
			    p->min_usd > p->max_usd)
				return framework_fail(c, "penalty '%s': bad "
				    "amounts", p->article);
		}
	}
	v = json_object_get(root, "excluded_penalties");
	if (v == NULL || !json_is_array(v) || json_array_size(v) == 0)
		return 0;
	fw->excluded = xcalloc(json_array_size(v), sizeof *fw->excluded);
	json_array_foreach(v, i, e) {
		struct excluded_penalty *x = &fw->excluded[i];

		if (!json_is_object(e))
			return framework_fail(c, "excluded penalty %zu is not "
			    "an object", i + 1);
		if (framework_known_keys(c, e, framework_keys_excluded,
		    "an excluded penalty") == -1)
			return -1;
		fw->nexcluded++;
		x->article = framework_dup_string(c, e, "article", 1);
		x->reason = framework_dup_string(c, e, "reason", 0);
		if (x->article == NULL || framework_i18n(c, e, "description",
		    1, &x->description) == -1 || framework_number(c, e,
		    "max_usd", 1, &x->max_usd, NULL) == -1)
			return -1;
	}
	return 0;
}

struct framework *
framework_load_file(const char *path, char **cause)
{
	struct framework_ctx c = { .path = path };
	struct framework *fw;
	json_error_t jerr;
	json_t *root, *jqs, *jq;
	double minutes = 0;
	size_t i;

	root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		*cause = xasprintf("bank '%s': line %d: %s", path, jerr.line,
		    jerr.text);
		return NULL;
	}
	fw = xcalloc(1, sizeof *fw);
	fw->path = xstrdup(path);
	if (!json_is_object(root)) {
		framework_fail(&c, "not a JSON object");
		goto fail;
	}
	if (framework_known_keys(&c, root, framework_keys_root,
	    "the bank") == -1)
		goto fail;
	fw->id = framework_dup_string(&c, root, "id", 1);
	fw->version = framework_dup_string(&c, root, "version", 0);
	if (fw->id == NULL ||
	    framework_i18n(&c, root, "name", 1, &fw->name) == -1 ||
	    framework_i18n(&c, root, "description", 0, &fw->description) ==
	    -1 || framework_number(&c, root, "estimated_minutes", 0,
	    &minutes, NULL) == -1)
		goto fail;
	fw->estimated_minutes = (int)minutes;
	if (framework_categories(&c, fw, root) == -1)
		goto fail;
	jqs = json_object_get(root, "questions");
	if (!json_is_array(jqs) || json_array_size(jqs) == 0) {
		framework_fail(&c, "\"questions\" must be a non-empty array");
		goto fail;
	}
	fw->questions = xcalloc(json_array_size(jqs), sizeof *fw->questions);
	json_array_foreach(jqs, i, jq) {
		int rc = framework_question(&c, fw, jq, &fw->questions[i]);

		fw->nquestions++;
		if (rc == -1)
			goto fail;
	}
	if (framework_follow_ups(&c, fw, jqs) == -1 ||
	    framework_requirements(&c, fw, root) == -1 ||
	    framework_penalties(&c, fw, root) == -1)
		goto fail;
	json_decref(root);
	return fw;
fail:
	*cause = c.cause != NULL ? c.cause :
	    xasprintf("bank '%s': invalid", path);
	json_decref(root);
	framework_free(fw);
	return NULL;
}

void
framework_free(struct framework *fw)
{
	size_t i, j;

	if (fw == NULL)
		return;
	for (i = 0; i < fw->nquestions; i++) {
		struct question *q = &fw->questions[i];

		free(q->id);
		free(q->category);
		free(q->ref);
		free(q->article);
		framework_i18n_release(&q->text);
		framework_i18n_release(&q->help);
		for (j = 0; j < q->noptions; j++) {
			free(q->options[j].value);
			framework_i18n_release(&q->options[j].label);
		}
		free(q->options);
		framework_strings_free(q->triggers, q->ntriggers);
	}
	free(fw->questions);
	for (i = 0; i < fw->ncategories; i++) {
		free(fw->categories[i].id);
		framework_i18n_release(&fw->categories[i].name);
	}
	free(fw->categories);
	for (i = 0; i < fw->nrequirements; i++) {
		struct requirement *r = &fw->requirements[i];

		free(r->ref);
		free(r->category);
		free(r->article);
		framework_i18n_release(&r->text);
		framework_strings_free(r->keywords, r->nkeywords);
	}
	free(fw->requirements);
	for (i = 0; i < fw->npenalties; i++) {
		struct penalty *p = &fw->penalties[i];

		free(p->key);
		free(p->article);
		free(p->applies_to);
		free(p->legal_reference);
		framework_i18n_release(&p->description);
		framework_strings_free(p->keywords, p->nkeywords);
	}
	free(fw->penalties);
	for (i = 0; i < fw->nexcluded; i++) {
		free(fw->excluded[i].article);
		free(fw->excluded[i].reason);
		framework_i18n_release(&fw->excluded[i].description);
	}
	free(fw->excluded);
	free(fw->id);
	free(fw->path);
	free(fw->version);
	framework_i18n_release(&fw->name);
	framework_i18n_release(&fw->description);
	free(fw);
}

static int
framework_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
framework_set_load(const char *dir, struct framework_set *set, char **cause)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL, *path;
	size_t nnames = 0, len, i;
	struct framework *fw;
	int rc = 0;

	memset(set, 0, sizeof *set);
	d = opendir(dir);
	if (d == NULL) {
		*cause = xasprintf("cannot open the banks directory '%s': %m "
		    "(set VIGILORE_ASSETS to the assets directory)", dir);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0 ||
		    de->d_name[0] == '.')
			continue;
		names = xreallocarray(names, nnames + 1, sizeof *names);
		names[nnames++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (nnames > 0)
		qsort(names, nnames, sizeof *names, framework_name_cmp);
	for (i = 0; i < nnames && rc == 0; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		fw = framework_load_file(path, cause);
		free(path);
		if (fw == NULL) {
			rc = -1;
			break;
		}
		if (framework_set_find(set, fw->id) != NULL) {
			*cause = xasprintf("bank '%s': framework id '%s' is "
			    "used twice", fw->path, fw->id);
			framework_free(fw);
			rc = -1;
			break;
		}
		set->items = xreallocarray(set->items, set->n + 1,
		    sizeof *set->items);
		set->items[set->n++] = fw;
	}
	framework_strings_free(names, nnames);
	if (rc == 0 && set->n == 0) {
		*cause = xasprintf("no framework banks in '%s'", dir);
		rc = -1;
	}
	if (rc == -1)
		framework_set_release(set);
	return rc;
}

int
framework_set_load_default(struct framework_set *set, char **cause)
{
	char *dir = xasprintf("%s/frameworks", assets_dir());
	int rc;

	rc = framework_set_load(dir, set, cause);
	free(dir);
	return rc;
}

void
framework_set_release(struct framework_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		framework_free(set->items[i]);
	free(set->items);
	set->items = NULL;
	set->n = 0;
}

const struct framework *
framework_set_find(const struct framework_set *set, const char *id)
{
	size_t i;

	if (id == NULL)
		return NULL;
	for (i = 0; i < set->n; i++) {
		if (strcasecmp(set->items[i]->id, id) == 0)
			return set->items[i];
	}
	return NULL;
}

int
framework_question_index(const struct framework *fw, const char *qid)
{
	size_t i;

	for (i = 0; i < fw->nquestions; i++) {
		if (fw->questions[i].id != NULL &&
		    strcmp(fw->questions[i].id, qid) == 0)
			return (int)i;
	}
	return -1;
}

const struct category *
framework_category(const struct framework *fw, const char *id)
{
	size_t i;

	for (i = 0; i < fw->ncategories; i++) {
		if (strcmp(fw->categories[i].id, id) == 0)
			return &fw->categories[i];
	}
	return NULL;
}

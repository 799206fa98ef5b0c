/* SPDX-License-Identifier: MIT */
/*
 * The interview engine; see interview.h for the model. Reads go through
 * a snapshot (struct interview) loaded from the store; every write is one
 * short transaction followed by a reload, so the snapshot always matches
 * what is stored.
 */
#include "core/interview.h"

#include <libgen.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/answer.h"
#include "core/base/buf.h"
#include "core/base/clock.h"
#include "core/base/uuid.h"
#include "core/base/xmalloc.h"
#include "core/filehash.h"
#include "core/report.h"
#include "db/answers.h"
#include "db/sessions.h"
#include "db/sites.h"
#include "db/store.h"

/* Validates the comma list of categories against FW; owned JSON array. */
static int
interview_parse_categories(const struct framework *fw, const char *list,
    json_t **out, char **cause)
{
	char *copy, *p, *comma;
	json_t *arr;
	size_t i;

	*out = NULL;
	if (list == NULL)
		return 0;
	arr = json_array();
	copy = xstrdup(list);
	for (p = copy; p != NULL; p = comma) {
		comma = strchr(p, ',');
		if (comma != NULL)
			*comma++ = '\0';
		while (*p == ' ')
			p++;
		p[strcspn(p, " ")] = '\0';
		if (framework_category(fw, p) == NULL) {
			struct buf b;

			buf_init(&b, 0);
			for (i = 0; i < fw->ncategories; i++)
				buf_printf(&b, "%s%s", i > 0 ? ", " : "",
				    fw->categories[i].id);
			*cause = xasprintf("--categories: '%s' is not a "
			    "category of %s (one of: %s)", p, fw->id, b.data);
			buf_release(&b);
			free(copy);
			json_decref(arr);
			return -1;
		}
		json_array_append_new(arr, json_string(p));
	}
	free(copy);
	if (json_array_size(arr) == 0) {
		json_decref(arr);
		*cause = xstrdup("--categories: no category given");
		return -1;
	}
	*out = arr;
	return 0;
}

static int
interview_check_field(const char *name, const char *value, int required,
    size_t max, char **cause)
{
	long n;

	if (value == NULL || *value == '\0') {
		if (!required)
			return 0;
		*cause = xasprintf("%s: a value is required", name);
		return -1;
	}
	n = answer_utf8_length(value);
	if (n < 0) {
		*cause = xasprintf("%s: not valid UTF-8", name);
		return -1;
	}
	if ((size_t)n > max) {
		*cause = xasprintf("%s: %ld characters, at most %zu", name, n,
		    max);
		return -1;
	}
	return 0;
}

int
interview_start(struct store *store, const struct framework_set *set,
    const struct interview_params *p, char **id, char **cause)
{
	const struct framework *fw;
	struct db_session s;
	struct db_site site;
	json_t *cats = NULL;
	char uuid[UUID_TEXT_LEN];
	const char *lang = p->lang != NULL ? p->lang : "en";
	int rc;

	*id = NULL;
	fw = framework_set_find(set, p->framework);
	if (fw == NULL) {
		struct buf b;
		size_t i;

		buf_init(&b, 0);
		for (i = 0; i < set->n; i++)
			buf_printf(&b, "%s%s", i > 0 ? ", " : "",
			    set->items[i]->id);
		*cause = xasprintf("--framework: unknown framework '%s' (one "
		    "of: %s)", p->framework != NULL ? p->framework : "",
		    b.data);
		buf_release(&b);
		return INTERVIEW_INVALID;
	}
	if (interview_check_field("--site", p->site_name, 1, 200, cause) ||
	    interview_check_field("--auditor", p->auditor, 1, 200, cause) ||
	    interview_check_field("--site-code", p->site_code, 0, 40, cause) ||
	    interview_check_field("--operator", p->operator, 0, 200, cause) ||
	    interview_check_field("--email", p->email, 0, 254, cause))
		return INTERVIEW_INVALID;
	if (p->email != NULL && *p->email != '\0' &&
	    (strchr(p->email, '@') == NULL || strchr(p->email, ' ') != NULL)) {
		*cause = xasprintf("--email: '%s' is not an e-mail address",
		    p->email);
		return INTERVIEW_INVALID;
	}
	if (strcmp(lang, "en") != 0 && strcmp(lang, "fr") != 0) {
		*cause = xasprintf("--lang: '%s' is not a language: en or fr",
		    lang);
		return INTERVIEW_INVALID;
	}
	if (interview_parse_categories(fw, p->categories, &cats, cause) == -1)
		return INTERVIEW_INVALID;

	memset(&s, 0, sizeof s);
	uuid_generate(uuid);
	s.id = uuid;
	s.framework = fw->id;
	s.site_code = (char *)(p->site_code != NULL && *p->site_code != '\0' ?
	    p->site_code : NULL);
	s.site_name = (char *)p->site_name;
	s.operator = (char *)(p->operator != NULL && *p->operator != '\0' ?
	    p->operator : NULL);
	s.auditor = (char *)p->auditor;
	s.email = (char *)(p->email != NULL && *p->email != '\0' ? p->email :
	    NULL);
	s.lang = (char *)lang;
	s.categories = cats != NULL ? json_dumps(cats, JSON_COMPACT) : NULL;
	s.status = (char *)"in_progress";
	json_decref(cats);

	/* A new site code makes a site, so the dashboard knows it. */
	memset(&site, 0, sizeof site);
	site.code = s.site_code;
	site.name = s.site_name;
	site.operator = s.operator;
	rc = INTERVIEW_ERROR;
	if (store_begin(store, cause) == DB_OK) {
		if ((site.code == NULL || db_site_exists(store, site.code) ||
		    db_site_upsert(store, &site, cause) == DB_OK) &&
		    db_session_insert(store, &s, cause) == DB_OK &&
		    store_commit(store, cause) == DB_OK)
			rc = INTERVIEW_OK;
		else
			store_rollback(store);
	}
	free(s.categories);
	if (rc == INTERVIEW_OK)
		*id = xstrdup(uuid);
	return rc;
}

static void
interview_answer_release(struct interview_answer *a)
{
	json_decref(a->value);
	json_decref(a->evidence);
	free(a->notes);
	free(a->answered_at);
	memset(a, 0, sizeof *a);
}

void
interview_free(struct interview *iv)
{
	size_t i;

	if (iv == NULL)
		return;
	for (i = 0; iv->answers != NULL && i < iv->fw->nquestions; i++)
		interview_answer_release(&iv->answers[i]);
	free(iv->answers);
	free(iv->in_subset);
	json_decref(iv->categories);
	free(iv->id);
	free(iv->site_code);
	free(iv->site_name);
	free(iv->operator);
	free(iv->auditor);
	free(iv->email);
	free(iv->lang);
	free(iv->status);
	free(iv->current_qid);
	free(iv->report_id);
	free(iv->started_at);
	free(iv->updated_at);
	free(iv->completed_at);
	free(iv);
}

static enum interview_state
interview_state_parse(const char *s)
{
	if (strcmp(s, "answered") == 0)
		return INTERVIEW_ANSWERED;
	if (strcmp(s, "na") == 0)
		return INTERVIEW_NA;
	return INTERVIEW_SKIPPED;
}

int
interview_load(struct store *store, const struct framework_set *set,
    const char *id, struct interview **out, char **cause)
{
	struct db_session s;
	struct db_answer *ans;
	struct interview *iv;
	enum db_status st;
	size_t nans, i, k;
	const char *last_hlc = NULL;
	int qi;

	*out = NULL;
	st = db_session_get(store, id, &s, cause);
	if (st != DB_OK)
		return st == DB_NOTFOUND ? INTERVIEW_INVALID : INTERVIEW_ERROR;
	iv = xcalloc(1, sizeof *iv);
	iv->fw = framework_set_find(set, s.framework);
	if (iv->fw == NULL) {
		*cause = xasprintf("session '%s' uses framework '%s', which is "
		    "not installed", s.id, s.framework);
		db_session_release(&s);
		free(iv);
		return INTERVIEW_ERROR;
	}
	iv->id = s.id;
	iv->site_code = s.site_code;
	iv->site_name = s.site_name;
	iv->operator = s.operator;
	iv->auditor = s.auditor;
	iv->email = s.email;
	iv->lang = s.lang;
	iv->status = s.status;
	iv->current_qid = s.current_qid;
	iv->report_id = s.report_id;
	iv->started_at = s.started_at;
	iv->updated_at = s.updated_at;
	iv->completed_at = s.completed_at;
	iv->today = clock_today_days();
	if (s.categories != NULL)
		iv->categories = json_loads(s.categories, 0, NULL);
	free(s.categories);
	free(s.framework);
	free(s.device);
	free(s.hlc);

	iv->in_subset = xcalloc(iv->fw->nquestions, 1);
	for (i = 0; i < iv->fw->nquestions; i++) {
		json_t *c;

		if (!json_is_array(iv->categories)) {
			iv->in_subset[i] = 1;
			continue;
		}
		json_array_foreach(iv->categories, k, c) {
			if (strcmp(json_string_value(c),
			    iv->fw->questions[i].category) == 0)
				iv->in_subset[i] = 1;
		}
	}
	iv->answers = xcalloc(iv->fw->nquestions, sizeof *iv->answers);
	iv->last_qi = -1;
	st = db_answer_list(store, iv->id, &ans, &nans, cause);
	if (st != DB_OK) {
		interview_free(iv);
		return INTERVIEW_ERROR;
	}
	for (i = 0; i < nans; i++) {
		struct interview_answer *a;

		qi = framework_question_index(iv->fw, ans[i].question_id);
		if (qi < 0)
			continue;	/* from another bank version; kept */
		a = &iv->answers[qi];
		a->state = interview_state_parse(ans[i].state);
		if (ans[i].value != NULL)
			a->value = json_loads(ans[i].value, JSON_DECODE_ANY,
			    NULL);
		if (a->state == INTERVIEW_ANSWERED && a->value == NULL)
			a->state = INTERVIEW_UNANSWERED;
		a->notes = ans[i].notes;
		ans[i].notes = NULL;
		a->confidence = ans[i].confidence;
		a->has_confidence = ans[i].has_confidence;
		a->evidence = json_loads(ans[i].evidence != NULL ?
		    ans[i].evidence : "[]", 0, NULL);
		a->answered_at = ans[i].answered_at;
		ans[i].answered_at = NULL;
		a->changed_elsewhere = ans[i].changed_elsewhere;
		/* HLC stamps sort as text: the greatest is the latest. */
		if (last_hlc == NULL || strcmp(ans[i].hlc, last_hlc) > 0) {
			last_hlc = ans[i].hlc;
			iv->last_qi = qi;
		}
	}
	db_answer_list_free(ans, nans);
	*out = iv;
	return INTERVIEW_OK;
}

int
interview_is_asked(const struct interview *iv, size_t qi)
{
	const struct question *q;
	const struct interview_answer *pa;
	size_t t;

	if (qi >= iv->fw->nquestions || !iv->in_subset[qi])
		return 0;
	q = &iv->fw->questions[qi];
	if (q->parent < 0)
		return 1;
	if (!interview_is_asked(iv, (size_t)q->parent))
		return 0;
	pa = &iv->answers[q->parent];
	if (pa->state != INTERVIEW_ANSWERED)
		return 0;
	for (t = 0; t < q->ntriggers; t++) {
		if (answer_triggers(&iv->fw->questions[q->parent], pa->value,
		    q->triggers[t]))
			return 1;
	}
	return 0;
}

int
interview_next(const struct interview *iv)
{
	size_t i;

	/* Follow-ups of the answer just given come first. */
	for (i = 0; iv->last_qi >= 0 && i < iv->fw->nquestions; i++) {
		if (iv->fw->questions[i].parent == iv->last_qi &&
		    interview_is_asked(iv, i) &&
		    iv->answers[i].state == INTERVIEW_UNANSWERED)
			return (int)i;
	}
	for (i = 0; i < iv->fw->nquestions; i++) {
		if (interview_is_asked(iv, i) &&
		    iv->answers[i].state == INTERVIEW_UNANSWERED)
			return (int)i;
	}
	return -1;
}

int
interview_step(const struct interview *iv, int qi, int dir)
{
	int i;

	for (i = qi + dir; i >= 0 && i < (int)iv->fw->nquestions; i += dir) {
		if (interview_is_asked(iv, (size_t)i))
			return i;
	}
	return -1;
}

void
interview_progress(const struct interview *iv, struct interview_progress *out)
{
	const struct framework *fw = iv->fw;
	size_t i, k;

	memset(out, 0, sizeof *out);
	out->cats = xcalloc(fw->ncategories, sizeof *out->cats);
	for (k = 0; k < fw->ncategories; k++)
		out->cats[k].cat = &fw->categories[k];
	for (i = 0; i < fw->nquestions; i++) {
		const struct question *q = &fw->questions[i];
		struct interview_progress_cat *c = NULL;
		int done;

		if (!interview_is_asked(iv, i))
			continue;
		for (k = 0; k < fw->ncategories; k++) {
			if (strcmp(fw->categories[k].id, q->category) == 0)
				c = &out->cats[k];
		}
		done = iv->answers[i].state != INTERVIEW_UNANSWERED;
		out->total++;
		out->done += done;
		c->total++;
		c->done += done;
		if (q->required) {
			out->required++;
			c->required++;
			out->required_done += done;
			c->required_done += done;
		}
	}
	/* Only the categories with questions asked are listed. */
	for (i = k = 0; i < fw->ncategories; i++) {
		if (out->cats[i].total > 0)
			out->cats[k++] = out->cats[i];
	}
	out->ncats = k;
	out->percent = out->total > 0 ? out->done * 100 / out->total : 100;
	out->minutes_left = (out->total - out->done + 1) / 2;
}

void
interview_progress_release(struct interview_progress *p)
{
	XFREE(p->cats);
	p->ncats = 0;
}

/* Reloads IV in place from the store after a write. */
static int
interview_reload(struct store *store, struct interview *iv, char **cause)
{
	struct interview *fresh;
	struct framework_set one;
	struct framework *fw = (struct framework *)iv->fw;
	int rc;

	one.items = &fw;
	one.n = 1;
	rc = interview_load(store, &one, iv->id, &fresh, cause);
	if (rc != INTERVIEW_OK)
		return rc;
	{
		struct interview tmp = *iv;

		*iv = *fresh;
		*fresh = tmp;
	}
	interview_free(fresh);
	return INTERVIEW_OK;
}

static int
interview_writable(const struct interview *iv, char **cause)
{
	if (strcmp(iv->status, "completed") == 0 ||
	    strcmp(iv->status, "abandoned") == 0) {
		*cause = xasprintf("session '%s' is %s: it cannot change",
		    iv->id, iv->status);
		return -1;
	}
	return 0;
}

/* Evidence files: {name, sha256, size} for each path. */
static int
interview_evidence(const struct interview_input *in, json_t **out,
    char **cause)
{
	char hex[FILEHASH_HEX_LEN], *copy;
	long long size;
	size_t i;

	*out = json_array();
	for (i = 0; i < in->nevidence; i++) {
		if (filehash_sha256(in->evidence[i], hex, &size, cause) == -1) {
			char *c = *cause;

			*cause = xasprintf("--evidence: %s", c);
			free(c);
			json_decref(*out);
			*out = NULL;
			return -1;
		}
		copy = xstrdup(in->evidence[i]);
		json_array_append_new(*out, json_pack("{s:s, s:s, s:I}",
		    "name", basename(copy), "sha256", hex, "size",
		    (json_int_t)size));
		free(copy);
	}
	return 0;
}

int
interview_answer(struct store *store, struct interview *iv, const char *qid,
    const struct interview_input *in, char **cause)
{
	const struct question *q;
	struct db_answer a;
	struct db_session s;
	json_t *value = NULL, *evidence = NULL;
	double conf = 0;
	int qi, rc;

	if (interview_writable(iv, cause) == -1)
		return INTERVIEW_INVALID;
	qi = framework_question_index(iv->fw, qid);
	if (qi < 0) {
		*cause = xasprintf("no question '%s' in %s", qid, iv->fw->id);
		return INTERVIEW_INVALID;
	}
	q = &iv->fw->questions[qi];
	if (!interview_is_asked(iv, (size_t)qi)) {
		if (!iv->in_subset[qi])
			*cause = xasprintf("question '%s' is in category '%s', "
			    "not chosen for this session", qid, q->category);
		else
			*cause = xasprintf("question '%s' is a follow-up of "
			    "'%s' and is not asked with its current answer",
			    qid, iv->fw->questions[q->parent].id);
		return INTERVIEW_INVALID;
	}
	if (in->na + in->skip + (in->value != NULL) + (in->json != NULL) != 1) {
		*cause = xasprintf("question '%s': give one value, or --na, or "
		    "--skip", qid);
		return INTERVIEW_INVALID;
	}
	if (in->na && !q->allow_na) {
		*cause = xasprintf("question '%s' does not allow \"not "
		    "applicable\"", qid);
		return INTERVIEW_INVALID;
	}
	if (in->skip && q->required) {
		*cause = xasprintf("question '%s' is required and cannot be "
		    "skipped", qid);
		return INTERVIEW_INVALID;
	}
	if (in->value != NULL &&
	    answer_parse_text(q, in->value, iv->today, &value, cause) == -1)
		return INTERVIEW_INVALID;
	if (in->json != NULL &&
	    answer_check_json(q, in->json, iv->today, &value, cause) == -1)
		return INTERVIEW_INVALID;
	if (answer_check_notes(in->notes, cause) == -1 ||
	    (in->confidence != NULL &&
	    answer_parse_confidence(in->confidence, &conf, cause) == -1) ||
	    interview_evidence(in, &evidence, cause) == -1) {
		char *c = *cause;

		*cause = xasprintf("question '%s': %s", qid, c);
		free(c);
		json_decref(value);
		return INTERVIEW_INVALID;
	}

	memset(&a, 0, sizeof a);
	a.session_id = iv->id;
	a.question_id = (char *)qid;
	a.state = (char *)(in->na ? "na" : in->skip ? "skipped" : "answered");
	a.value = value != NULL ? json_dumps(value, JSON_COMPACT |
	    JSON_ENCODE_ANY) : NULL;
	a.notes = (char *)(in->notes != NULL && *in->notes != '\0' ?
	    in->notes : NULL);
	a.has_confidence = in->confidence != NULL;
	a.confidence = conf;
	a.evidence = json_dumps(evidence, JSON_COMPACT);
	a.author = iv->auditor;
	json_decref(value);
	json_decref(evidence);

	/*
	 * The answer and the session's activity stamp go in one
	 * transaction; an answer to a paused session resumes it.
	 */
	memset(&s, 0, sizeof s);
	s.id = iv->id;
	s.status = (char *)"in_progress";
	s.current_qid = iv->current_qid;
	s.report_id = iv->report_id;
	rc = INTERVIEW_ERROR;
	if (store_begin(store, cause) == DB_OK) {
		if (db_answer_put(store, &a, cause) == DB_OK &&
		    db_session_update(store, &s, cause) == DB_OK &&
		    store_commit(store, cause) == DB_OK)
			rc = INTERVIEW_OK;
		else
			store_rollback(store);
	}
	free(a.value);
	free(a.evidence);
	if (rc != INTERVIEW_OK)
		return rc;
	return interview_reload(store, iv, cause);
}

static int
interview_update(struct store *store, struct interview *iv,
    const char *status, const char *qid, char **cause)
{
	struct db_session s;

	memset(&s, 0, sizeof s);
	s.id = iv->id;
	s.status = (char *)status;
	s.current_qid = (char *)qid;
	s.report_id = iv->report_id;
	s.completed_at = iv->completed_at;
	if (store_begin(store, cause) != DB_OK)
		return INTERVIEW_ERROR;
	if (db_session_update(store, &s, cause) != DB_OK ||
	    store_commit(store, cause) != DB_OK) {
		store_rollback(store);
		return INTERVIEW_ERROR;
	}
	return interview_reload(store, iv, cause);
}

int
interview_set_position(struct store *store, struct interview *iv,
    const char *qid, char **cause)
{
	if (qid != NULL && framework_question_index(iv->fw, qid) < 0) {
		*cause = xasprintf("no question '%s' in %s", qid, iv->fw->id);
		return INTERVIEW_INVALID;
	}
	if (iv->current_qid != NULL && qid != NULL &&
	    strcmp(iv->current_qid, qid) == 0)
		return INTERVIEW_OK;
	if (interview_writable(iv, cause) == -1)
		return INTERVIEW_INVALID;
	return interview_update(store, iv, iv->status, qid, cause);
}

int
interview_set_status(struct store *store, struct interview *iv,
    const char *status, char **cause)
{
	if (interview_writable(iv, cause) == -1)
		return INTERVIEW_INVALID;
	if (strcmp(status, "paused") != 0 &&
	    strcmp(status, "in_progress") != 0 &&
	    strcmp(status, "abandoned") != 0) {
		*cause = xasprintf("'%s' is not a status a session can be "
		    "given", status);
		return INTERVIEW_INVALID;
	}
	return interview_update(store, iv, status, iv->current_qid, cause);
}

/* One finding of an asked question, or NULL when it makes none. */
static json_t *
interview_finding(const struct interview *iv, size_t qi)
{
	const struct question *q = &iv->fw->questions[qi];
	const struct interview_answer *a = &iv->answers[qi];
	const struct category *cat = framework_category(iv->fw, q->category);
	const char *lang = iv->lang;
	int fr = strcmp(lang, "fr") == 0;
	const char *ref = q->ref != NULL ? q->ref : q->id;
	json_t *f, *arts = json_array();
	char *shown = NULL;
	double s;

	f = json_pack("{s:s, s:s, s:s, s:s, s:s}", "framework", iv->fw->id,
	    "category", q->category, "ref", ref, "question_id", q->id,
	    "requirement", bank_str(&q->text, lang));
	json_object_set_new(f, "weight", json_real(q->weight));
	json_object_set_new(f, "evidence", json_null());
	json_object_set_new(f, "page", json_null());
	switch (a->state) {
	case INTERVIEW_UNANSWERED:
		if (!q->required)
			goto none;
		json_object_set_new(f, "answer", json_null());
		json_object_set_new(f, "score", json_null());
		json_object_set_new(f, "status", json_string("review_needed"));
		json_object_set_new(f, "priority", json_string("medium"));
		json_object_set_new(f, "gap", json_string(fr ?
		    "Question obligatoire sans réponse." :
		    "Required question left unanswered."));
		json_object_set_new(f, "recommendation", json_pack("s++", fr ?
		    "Compléter l'évaluation de " : "Complete the assessment of ",
		    ref, "."));
		break;
	case INTERVIEW_NA:
		json_object_set_new(f, "answer", json_string(fr ?
		    "sans objet" : "not applicable"));
		json_object_set_new(f, "score", json_null());
		json_object_set_new(f, "status", json_string("not_applicable"));
		json_object_set_new(f, "priority", json_string("low"));
		json_object_set_new(f, "gap", json_null());
		json_object_set_new(f, "recommendation", json_null());
		break;
	case INTERVIEW_SKIPPED:
		goto none;
	case INTERVIEW_ANSWERED:
		if (!answer_score(q, a->value, iv->today, &s))
			goto none;
		shown = answer_display(q, a->value, lang);
		json_object_set_new(f, "answer", json_string(shown));
		json_object_set_new(f, "score", json_real(s));
		json_object_set_new(f, "status",
		    json_string(report_finding_status(s)));
		if (s >= 0.8) {
			json_object_set_new(f, "gap", json_null());
			json_object_set_new(f, "recommendation", json_null());
		} else {
			json_object_set_new(f, "gap", json_pack("s+++", fr ?
			    "Réponse « " : "Answer \"", shown, fr ? " » : " :
			    "\": ", bank_str(&q->text, lang)));
			json_object_set_new(f, "recommendation", json_pack(
			    "s++++", s < 0.5 ? (fr ? "Corriger sans délai "
			    "l'écart à " : "Correct without delay the gap "
			    "against ") : (fr ? "Revoir et améliorer " :
			    "Review and improve "), ref, " (", cat != NULL ?
			    bank_str(&cat->name, lang) : q->category, ")."));
			if (s < 0.5 && q->article != NULL)
				json_array_append_new(arts,
				    json_string(q->article));
		}
		break;
	}
	json_object_set_new(f, "articles", arts);
	free(shown);
	return f;
none:
	json_decref(f);
	json_decref(arts);
	return NULL;
}

/* Every asked question with its answer, for the report's appendix. */
static json_t *
interview_answers_json(const struct interview *iv)
{
	json_t *arr = json_array(), *e;
	size_t i;
	char *shown;

	for (i = 0; i < iv->fw->nquestions; i++) {
		const struct interview_answer *a = &iv->answers[i];

		if (!interview_is_asked(iv, i))
			continue;
		shown = a->state == INTERVIEW_ANSWERED ? answer_display(
		    &iv->fw->questions[i], a->value, iv->lang) : NULL;
		e = json_pack("{s:s, s:s, s:o, s:s?, s:s?, s:o, s:O}",
		    "question_id", iv->fw->questions[i].id,
		    "state", a->state == INTERVIEW_ANSWERED ? "answered" :
		    a->state == INTERVIEW_NA ? "na" : a->state ==
		    INTERVIEW_SKIPPED ? "skipped" : "unanswered",
		    "value", a->value != NULL ? json_incref(a->value) :
		    json_null(), "shown", shown, "notes", a->notes,
		    "confidence", a->has_confidence ? json_real(a->confidence) :
		    json_null(), "evidence", a->evidence != NULL ? a->evidence :
		    json_null());
		json_array_append_new(arr, e);
		free(shown);
	}
	return arr;
}

/* Builds the report of IV (not yet saved). */
static json_t *
interview_build_report(struct store *store, const struct framework_set *set,
    const struct interview *iv)
{
	struct interview_progress p;
	json_t *r, *findings = json_array(), *f;
	char uuid[UUID_TEXT_LEN], now[32], date[16], *rid;
	int64_t ms = clock_now_ms();
	size_t i;

	for (i = 0; i < iv->fw->nquestions; i++) {
		if (!interview_is_asked(iv, i))
			continue;
		f = interview_finding(iv, i);
		if (f != NULL)
			json_array_append_new(findings, f);
	}
	interview_progress(iv, &p);
	uuid_generate(uuid);
	clock_format_iso(ms, now, sizeof now);
	clock_format_date(ms, date, sizeof date);
	rid = report_next_id(store);
	r = json_pack("{s:s, s:i, s:s, s:s, s:s, s:b, s:{s:s?, s:s, s:s?}, "
	    "s:{s:s, s:s?}, s:s, s:n, s:n, s:s, s:s, s:s, s:f, s:[{s:s}], "
	    "s:o, s:o}",
	    "format", "vigilore-report", "format_version", REPORT_FORMAT_VERSION,
	    "id", uuid, "report_id", rid, "kind", "interview", "sample", 0,
	    "site", "code", iv->site_code, "name", iv->site_name,
	    "operator", iv->operator,
	    "auditor", "name", iv->auditor, "email", iv->email,
	    "session_id", iv->id, "job_id", "input",
	    "language", iv->lang, "audit_date", date, "created_at", now,
	    "coverage", p.required > 0 ? round(1000.0 * p.required_done /
	    p.required) / 10 : 100.0, "frameworks", "id", iv->fw->id,
	    "findings", findings, "answers", interview_answers_json(iv));
	free(rid);
	interview_progress_release(&p);
	if (r == NULL)
		fatalx("%s: cannot build the report of '%s'", __func__, iv->id);
	report_finalize(r, set);
	return r;
}

int
interview_complete(struct store *store, const struct framework_set *set,
    struct interview *iv, json_t **report, char **cause)
{
	struct db_session s;
	json_t *r;
	char now[32];

	*report = NULL;
	if (strcmp(iv->status, "completed") == 0 && iv->report_id != NULL)
		return report_load(store, iv->report_id, report, cause) == 0 ?
		    INTERVIEW_OK : INTERVIEW_ERROR;
	if (interview_writable(iv, cause) == -1)
		return INTERVIEW_INVALID;
	if (store_begin(store, cause) != DB_OK)
		return INTERVIEW_ERROR;
	r = interview_build_report(store, set, iv);
	clock_format_iso(clock_now_ms(), now, sizeof now);
	memset(&s, 0, sizeof s);
	s.id = iv->id;
	s.status = (char *)"completed";
	s.current_qid = NULL;
	s.report_id = (char *)json_string_value(json_object_get(r,
	    "report_id"));
	s.completed_at = now;
	if (report_save(store, r, cause) == -1 ||
	    db_session_update(store, &s, cause) != DB_OK ||
	    store_commit(store, cause) != DB_OK) {
		store_rollback(store);
		json_decref(r);
		return INTERVIEW_ERROR;
	}
	*report = r;
	return interview_reload(store, iv, cause);
}

json_t *
interview_to_json(const struct interview *iv)
{
	struct interview_progress p;
	json_t *j, *cats = json_array();
	size_t k;
	int next = interview_next(iv);

	interview_progress(iv, &p);
	for (k = 0; k < p.ncats; k++)
		json_array_append_new(cats, json_pack("{s:s, s:s, s:i, s:i, "
		    "s:i, s:i, s:i}", "id", p.cats[k].cat->id, "name",
		    bank_str(&p.cats[k].cat->name, iv->lang), "total",
		    p.cats[k].total, "answered", p.cats[k].done, "required",
		    p.cats[k].required, "required_answered",
		    p.cats[k].required_done, "percent", p.cats[k].total > 0 ?
		    p.cats[k].done * 100 / p.cats[k].total : 100));
	j = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s, s:s?, s:s, s:s, s:O?, "
	    "s:s?, s:s?, s:s, s:s, s:s?, s:{s:i, s:i, s:i, s:i, s:i, s:i, "
	    "s:o}}",
	    "session_id", iv->id, "framework", iv->fw->id,
	    "site_name", iv->site_name, "site_code", iv->site_code,
	    "operator", iv->operator, "auditor", iv->auditor,
	    "email", iv->email, "language", iv->lang, "status", iv->status,
	    "categories", iv->categories,
	    "next_question", next >= 0 ? iv->fw->questions[next].id : NULL,
	    "report_id", iv->report_id, "started_at", iv->started_at,
	    "updated_at", iv->updated_at, "completed_at", iv->completed_at,
	    "progress", "total", p.total, "answered", p.done,
	    "required", p.required, "required_answered", p.required_done,
	    "percent", p.percent, "minutes_left", p.minutes_left,
	    "categories", cats);
	interview_progress_release(&p);
	return j;
}

json_t *
interview_question_json(const struct interview *iv, size_t qi)
{
	const struct question *q = &iv->fw->questions[qi];
	const struct interview_answer *a = &iv->answers[qi];
	const struct category *cat = framework_category(iv->fw, q->category);
	json_t *j, *opts = json_array(), *rule = json_null();
	size_t i;

	for (i = 0; i < q->noptions; i++)
		json_array_append_new(opts, json_pack("{s:s, s:s, s:f, s:b}",
		    "value", q->options[i].value, "label",
		    bank_str(&q->options[i].label, iv->lang), "score",
		    q->options[i].score, "exclusive", q->options[i].exclusive));
	if (q->rule == RULE_LINEAR)
		rule = json_pack("{s:s, s:f, s:f}", "kind", "linear", "worst",
		    q->worst, "best", q->best);
	else if (q->rule == RULE_MAX_AGE_DAYS)
		rule = json_pack("{s:s, s:i}", "kind", "max_age_days", "days",
		    q->days);
	j = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s, s:s, s:f, s:b, s:b, "
	    "s:b, s:o, s:o, s:s?, s:s?}",
	    "id", q->id, "type", question_type_name(q->type),
	    "category", q->category, "category_name", cat != NULL ?
	    bank_str(&cat->name, iv->lang) : q->category, "ref", q->ref,
	    "text", bank_str(&q->text, iv->lang),
	    "help", bank_str(&q->help, iv->lang), "weight", q->weight,
	    "required", q->required, "evidence_required", q->evidence_required,
	    "allow_na", q->allow_na, "options", opts, "rule", rule,
	    "article", q->article, "follow_up_of", q->parent >= 0 ?
	    iv->fw->questions[q->parent].id : NULL);
	if (q->type == QUESTION_NUMBER) {
		json_object_set_new(j, "min", q->has_min ? json_real(q->min) :
		    json_null());
		json_object_set_new(j, "max", q->has_max ? json_real(q->max) :
		    json_null());
	}
	json_object_set_new(j, "state", json_string(a->state ==
	    INTERVIEW_ANSWERED ? "answered" : a->state == INTERVIEW_NA ? "na" :
	    a->state == INTERVIEW_SKIPPED ? "skipped" : "unanswered"));
	json_object_set_new(j, "value", a->value != NULL ?
	    json_incref(a->value) : json_null());
	json_object_set_new(j, "changed_elsewhere",
	    json_boolean(a->changed_elsewhere));
	return j;
}

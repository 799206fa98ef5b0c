/* SPDX-License-Identifier: MIT */
/*
 * The document audit (see core/pipeline.h). One call owns its document,
 * its index, its stemmers and its report; the framework set it reads is
 * immutable. Frameworks given as documents become a private framework
 * with one category, so the report code scores them like any bank.
 */
#include "core/pipeline.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/buf.h"
#include "core/base/clock.h"
#include "core/base/log.h"
#include "core/base/uuid.h"
#include "core/base/xmalloc.h"
#include "core/extract_text.h"
#include "core/filehash.h"
#include "core/framework.h"
#include "core/judge.h"
#include "core/llm.h"
#include "core/report.h"
#include "core/requirements.h"
#include "db/passages.h"

#define PIPELINE_PASSAGE_MIN 160
#define PIPELINE_PASSAGE_MAX 700
#define PIPELINE_HITS 6
#define PIPELINE_MAX_REQUIREMENTS 5000

void
pipeline_request_release(struct pipeline_request *r)
{
	size_t i;

	for (i = 0; i < r->nframeworks; i++)
		free(r->frameworks[i]);
	free(r->frameworks);
	free(r->input);
	free(r->site);
	free(r->site_code);
	free(r->operator);
	free(r->auditor);
	free(r->email);
	free(r->lang);
	memset(r, 0, sizeof *r);
}

static json_t *
pipeline_str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

json_t *
pipeline_request_to_json(const struct pipeline_request *r)
{
	json_t *fw;
	size_t i;

	fw = json_array();
	for (i = 0; i < r->nframeworks; i++)
		json_array_append_new(fw, json_string(r->frameworks[i]));
	return json_pack("{s:s, s:o, s:s, s:o, s:o, s:s, s:o, s:o}",
	    "input", r->input, "frameworks", fw, "site", r->site,
	    "site_code", pipeline_str_or_null(r->site_code),
	    "operator", pipeline_str_or_null(r->operator),
	    "auditor", r->auditor,
	    "email", pipeline_str_or_null(r->email),
	    "lang", pipeline_str_or_null(r->lang));
}

static char *
pipeline_json_dup(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? xstrdup(s) : NULL;
}

int
pipeline_request_from_json(json_t *j, struct pipeline_request *r,
    char **cause)
{
	json_t *fw, *it;
	size_t i;

	memset(r, 0, sizeof *r);
	fw = json_object_get(j, "frameworks");
	if (!json_is_object(j) || !json_is_array(fw) ||
	    json_array_size(fw) == 0 ||
	    !json_is_string(json_object_get(j, "input"))) {
		*cause = xstrdup("job payload is not a document audit request");
		return -1;
	}
	r->input = pipeline_json_dup(j, "input");
	r->site = pipeline_json_dup(j, "site");
	r->site_code = pipeline_json_dup(j, "site_code");
	r->operator = pipeline_json_dup(j, "operator");
	r->auditor = pipeline_json_dup(j, "auditor");
	r->email = pipeline_json_dup(j, "email");
	r->lang = pipeline_json_dup(j, "lang");
	r->frameworks = xcalloc(json_array_size(fw), sizeof *r->frameworks);
	json_array_foreach(fw, i, it) {
		if (!json_is_string(it))
			continue;
		r->frameworks[r->nframeworks++] =
		    xstrdup(json_string_value(it));
	}
	if (r->site == NULL)
		r->site = xstrdup("");
	if (r->auditor == NULL)
		r->auditor = xstrdup("");
	return 0;
}

/* 1 when the text at P ends a sentence or a paragraph. */
static int
pipeline_boundary(const char *p)
{
	if (*p == '\n' && p[1] == '\n')
		return 1;
	if (*p != '.' && *p != ';' && *p != '!' && *p != '?')
		return 0;
	return p[1] == ' ' || p[1] == '\n' || p[1] == '\0';
}

size_t
pipeline_split_passages(const char *page, size_t min, size_t max,
    size_t **starts, size_t **lens)
{
	size_t n = 0, cap = 0, s, e, i, len;

	*starts = NULL;
	*lens = NULL;
	len = strlen(page);
	s = 0;
	while (s < len) {
		while (s < len && (page[s] == ' ' || page[s] == '\n'))
			s++;
		if (s >= len)
			break;
		/* Grow sentence by sentence to at least MIN bytes. */
		e = s;
		for (i = s; i < len; i++) {
			if (i - s >= max)
				break;
			if (pipeline_boundary(page + i)) {
				e = i + (page[i] != '\n');
				if (e - s >= min || page[i] == '\n')
					break;
			}
		}
		if (e == s || i - s >= max) {
			/* No boundary in reach: cut at a space. */
			e = i;
			if (e < len) {
				while (e > s + min / 2 && page[e] != ' ' &&
				    page[e] != '\n')
					e--;
				if (e <= s + min / 2)
					e = i;
			}
			/* Never cut inside a UTF-8 sequence. */
			while (e > s && e < len &&
			    ((unsigned char)page[e] & 0xc0) == 0x80)
				e--;
			if (e == s)
				e = i > s ? i : s + 1;
		}
		while (e > s && (page[e - 1] == ' ' || page[e - 1] == '\n'))
			e--;
		if (e > s) {
			if (n == cap) {
				cap = cap == 0 ? 64 : cap * 2;
				*starts = xreallocarray(*starts, cap,
				    sizeof **starts);
				*lens = xreallocarray(*lens, cap,
				    sizeof **lens);
			}
			(*starts)[n] = s;
			(*lens)[n] = e - s;
			n++;
		}
		s = e > s ? e : s + 1;
	}
	return n;
}

struct pipeline_passage {
	int	 page;		/* 1-based */
	size_t	 start, len;	/* bytes in the page text */
};

/* One requirement to judge, whatever its source. */
struct pipeline_req {
	const char	*framework;	/* id */
	const char	*category;
	const char	*ref;
	const char	*text;
	const char	*keywords;	/* ";"-separated, the run's, or "" */
	const char	*article;	/* or "" */
	double		 weight;
};

struct pipeline_run {
	const struct pipeline_request *req;
	pipeline_progress_fn	*progress;
	void			*arg;
	struct extract_doc	*doc;
	const char		*lang;		/* document language */
	const char		*rlang;		/* report language */
	struct framework_set	 set;		/* borrowed + own items */
	struct framework	**own;
	size_t			 nown;
	struct requirements_set	**extracted;
	size_t			 nextracted;
	struct pipeline_req	*reqs;
	size_t			 nreqs;
	char			**kw;		/* owned keyword strings */
	size_t			 nkw;
	struct pipeline_passage	*passages;
	size_t			 npassages;
	json_t			*fwlist;	/* report "frameworks" */
	const struct pipeline_model *model;	/* or NULL */
};

static int
pipeline_step(struct pipeline_run *r, const char *stage, int pct,
    char **cause)
{
	if (r->progress == NULL)
		return 0;
	return r->progress(r->arg, stage, pct, cause);
}

static void
pipeline_add_req(struct pipeline_run *r, const struct pipeline_req *q)
{
	if (r->nreqs >= PIPELINE_MAX_REQUIREMENTS)
		return;
	r->reqs = xreallocarray(r->reqs, r->nreqs + 1, sizeof *r->reqs);
	r->reqs[r->nreqs++] = *q;
}

/* Keywords of a bundled requirement, ";"-separated, owned by the run. */
static const char *
pipeline_keywords(struct pipeline_run *r, char **kw, size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(&b, ';');
		buf_puts(&b, kw[i]);
	}
	r->kw = xreallocarray(r->kw, r->nkw + 1, sizeof *r->kw);
	r->kw[r->nkw] = buf_detach(&b);
	buf_release(&b);
	return r->kw[r->nkw++];
}

static const char *
pipeline_base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/* A framework document: extract it and wrap its requirements. */
static int
pipeline_framework_doc(struct pipeline_run *r, const char *path,
    const struct extract_limits *lim, char **cause)
{
	struct extract_doc *doc;
	struct requirements_set *rs;
	struct framework *fw;
	struct pipeline_req q;
	char *id, *dot;
	size_t i;

	if (extract_file(path, lim, &doc, cause) != 0)
		return -1;
	id = xstrdup(pipeline_base(path));
	dot = strrchr(id, '.');
	if (dot != NULL && dot != id)
		*dot = '\0';
	rs = requirements_extract(doc, id);
	extract_doc_free(doc);
	fw = xcalloc(1, sizeof *fw);
	fw->id = id;
	fw->path = xstrdup(path);
	fw->version = xstrdup("");
	fw->name.en = xstrdup(pipeline_base(path));
	fw->name.fr = xstrdup(pipeline_base(path));
	fw->description.en = xstrdup("");
	fw->description.fr = xstrdup("");
	fw->categories = xcalloc(1, sizeof *fw->categories);
	fw->ncategories = 1;
	fw->categories[0].id = xstrdup("requirements");
	fw->categories[0].name.en = xstrdup("Requirements");
	fw->categories[0].name.fr = xstrdup("Exigences");
	r->own = xreallocarray(r->own, r->nown + 1, sizeof *r->own);
	r->own[r->nown++] = fw;
	r->extracted = xreallocarray(r->extracted, r->nextracted + 1,
	    sizeof *r->extracted);
	r->extracted[r->nextracted++] = rs;
	for (i = 0; i < rs->n; i++) {
		/* A unit with obligations is judged through them. */
		if (rs->v[i].weight == 0 || strlen(rs->v[i].text) < 30)
			continue;
		memset(&q, 0, sizeof q);
		q.framework = fw->id;
		q.category = "requirements";
		q.ref = rs->v[i].ref[0] != '\0' ? rs->v[i].ref : fw->id;
		q.text = rs->v[i].text;
		q.keywords = "";
		q.article = rs->v[i].article;
		q.weight = rs->v[i].weight;
		pipeline_add_req(r, &q);
	}
	log_info("framework document '%s': %zu units, %zu requirements",
	    path, rs->nunits, rs->n);
	if (rs->n == 0) {
		*cause = xasprintf("'%s': no numbered article or obligation "
		    "found in the framework document", pipeline_base(path));
		return -1;
	}
	return 0;
}

static int
pipeline_frameworks(struct pipeline_run *r, const struct framework_set *set,
    const struct extract_limits *lim, char **cause)
{
	const struct framework *fw;
	struct pipeline_req q;
	struct stat sb;
	size_t i, k, before;

	for (i = 0; i < r->req->nframeworks; i++) {
		const char *arg = r->req->frameworks[i];

		for (k = 0; k < i; k++) {
			if (strcasecmp(arg, r->req->frameworks[k]) == 0)
				break;
		}
		if (k < i)
			continue;
		before = r->nreqs;
		fw = set != NULL ? framework_set_find(set, arg) : NULL;
		if (fw != NULL) {
			if (fw->nrequirements == 0) {
				*cause = xasprintf("framework '%s' has no "
				    "requirement clauses to audit against",
				    fw->id);
				return -1;
			}
			for (k = 0; k < fw->nrequirements; k++) {
				memset(&q, 0, sizeof q);
				q.framework = fw->id;
				q.category = fw->requirements[k].category;
				q.ref = fw->requirements[k].ref;
				q.text = bank_str(&fw->requirements[k].text,
				    r->lang);
				q.keywords = pipeline_keywords(r,
				    fw->requirements[k].keywords,
				    fw->requirements[k].nkeywords);
				q.article = fw->requirements[k].article;
				if (q.article == NULL)
					q.article = "";
				q.weight = 3;
				pipeline_add_req(r, &q);
			}
			json_array_append_new(r->fwlist, json_pack("{s:s, s:s, "
			    "s:s}", "id", fw->id, "name", bank_str(&fw->name,
			    r->rlang), "requirements", "bundled"));
		} else if (stat(arg, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			*cause = xasprintf("framework '%s': is a directory, "
			    "not a framework document", arg);
			return -1;
		} else if (access(arg, R_OK) == 0) {
			if (pipeline_framework_doc(r, arg, lim, cause) != 0)
				return -1;
			json_array_append_new(r->fwlist, json_pack("{s:s, s:s, "
			    "s:s}", "id", r->own[r->nown - 1]->id, "name",
			    r->own[r->nown - 1]->name.en, "requirements",
			    "extracted"));
		} else {
			*cause = xasprintf("unknown framework '%s': not a "
			    "bundled framework id (see 'vigilore frameworks') "
			    "and no such file", arg);
			return -1;
		}
		log_debug("framework '%s': %zu requirements", arg,
		    r->nreqs - before);
	}
	/* The set the report is scored with: the banks and our own. */
	r->set.n = (set != NULL ? set->n : 0) + r->nown;
	r->set.items = xcalloc(r->set.n + 1, sizeof *r->set.items);
	for (i = 0; set != NULL && i < set->n; i++)
		r->set.items[i] = set->items[i];
	for (k = 0; k < r->nown; k++)
		r->set.items[i + k] = r->own[k];
	return 0;
}

/* Builds the passages and their index. */
static int
pipeline_index(struct pipeline_run *r, struct extract_text_stemmer *st,
    struct passages_index *ix, char **cause)
{
	size_t *starts, *lens, n, i;
	char *piece, *stems;
	int pg;

	for (pg = 0; pg < r->doc->npages; pg++) {
		n = pipeline_split_passages(r->doc->pages[pg].text,
		    PIPELINE_PASSAGE_MIN, PIPELINE_PASSAGE_MAX, &starts, &lens);
		for (i = 0; i < n; i++) {
			r->passages = xreallocarray(r->passages,
			    r->npassages + 1, sizeof *r->passages);
			r->passages[r->npassages].page = pg + 1;
			r->passages[r->npassages].start = starts[i];
			r->passages[r->npassages].len = lens[i];
			piece = xstrndup(r->doc->pages[pg].text + starts[i],
			    lens[i]);
			stems = extract_text_stem(st, piece, r->lang);
			free(piece);
			if (passages_index_add(ix, (int)r->npassages, stems,
			    cause) != DB_OK) {
				free(stems);
				free(starts);
				free(lens);
				return -1;
			}
			free(stems);
			r->npassages++;
		}
		free(starts);
		free(lens);
	}
	return 0;
}

/* Penalty article for a non-compliant finding on a DRC requirement. */
static const char *
pipeline_article(const struct pipeline_run *r, const struct pipeline_req *q,
    const char *evidence)
{
	const struct framework *fw;
	char *hay, *f;
	size_t i, k;
	const char *hit = NULL;

	/* Only a framework with a penalty table (the DRC code) has any. */
	fw = framework_set_find(&r->set, q->framework);
	if (fw == NULL || fw->npenalties == 0)
		return NULL;
	if (q->article != NULL && q->article[0] != '\0')
		return q->article;
	/* Secondary hint: a penalty keyword in the requirement or quote. */
	hay = xasprintf("%s %s", q->text, evidence != NULL ? evidence : "");
	f = extract_text_fold(hay);
	free(hay);
	for (i = 0; hit == NULL && i < fw->npenalties; i++) {
		for (k = 0; k < fw->penalties[i].nkeywords; k++) {
			char *kwf = extract_text_fold(
			    fw->penalties[i].keywords[k]);

			if (kwf[0] != '\0' && strstr(f, kwf) != NULL)
				hit = fw->penalties[i].article;
			free(kwf);
			if (hit != NULL)
				break;
		}
	}
	free(f);
	return hit;
}

static void
pipeline_texts(const char *lang, enum judge_verdict v, const char *ref,
    const char *req, char **gap, char **rec)
{
	int fr = strcmp(lang, "fr") == 0;

	*gap = *rec = NULL;
	switch (v) {
	case JUDGE_COMPLIANT:
		break;
	case JUDGE_NON_COMPLIANT:
		*gap = xasprintf(fr ? "Le document signale un manquement à %s "
		    "(voir l'extrait cité)." : "The document reports a "
		    "deficiency against %s (see the quoted passage).", ref);
		*rec = xasprintf(fr ? "Corriger le manquement et conserver la "
		    "preuve que : %s" : "Correct the deficiency and keep "
		    "evidence that: %s", req);
		break;
	case JUDGE_REVIEW:
		*gap = xstrdup(fr ? "Preuve partielle ou ambiguë : "
		    "à vérifier sur le site." : "Partial or ambiguous "
		    "evidence: verify on site.");
		*rec = xasprintf(fr ? "Vérifier et documenter que : %s" :
		    "Verify and document that: %s", req);
		break;
	case JUDGE_NO_EVIDENCE:
		*gap = xstrdup(fr ? "Aucun passage du document ne traite de "
		    "cette exigence." : "No passage of the document addresses "
		    "this requirement.");
		*rec = xasprintf(fr ? "Fournir une preuve documentée "
		    "que : %s" : "Provide documented evidence that: %s", req);
		break;
	}
}

/*
 * Asks the model about finding F (requirement Q, quote QUOTE). On an
 * answer, F takes the refined verdict and keeps the deterministic one
 * under "deterministic"; on a failure F is unchanged but for the reason.
 */
static void
pipeline_refine(struct pipeline_run *r, const struct pipeline_req *q,
    const char *quote, json_t *f)
{
	struct llm_verdict v;
	char *err = NULL;
	int none;

	if (llm_refine(r->model->config, r->model->cache, q->text, quote,
	    r->rlang, json_string_value(json_object_get(f, "verdict")), &v,
	    &err) != 0) {
		json_object_set_new(f, "refinement_error", json_string(err));
		free(err);
		return;
	}
	json_object_set_new(f, "deterministic", json_pack("{s:O, s:O, s:O}",
	    "status", json_object_get(f, "status"), "score",
	    json_object_get(f, "score"), "verdict", json_object_get(f,
	    "verdict")));
	none = strcmp(v.status, "no_evidence") == 0;
	json_object_set_new(f, "verdict", json_string(v.status));
	json_object_set_new(f, "score", none ? json_null() :
	    json_real(v.score));
	json_object_set_new(f, "status", json_string(none ? "review_needed" :
	    report_finding_status(v.score)));
	json_object_set_new(f, "priority", json_string(none ? "medium" :
	    report_finding_priority(v.score)));
	if (v.gap != NULL)
		json_object_set_new(f, "gap", json_string(v.gap));
	if (v.recommendation != NULL)
		json_object_set_new(f, "recommendation",
		    json_string(v.recommendation));
	json_object_set_new(f, "refined_by", json_string(
	    r->model->config->model));
	if (strcmp(json_string_value(json_object_get(f, "status")),
	    "non_compliant") != 0)
		json_object_set_new(f, "articles", json_array());
	else if (json_array_size(json_object_get(f, "articles")) == 0) {
		const char *a = pipeline_article(r, q, quote);

		if (a != NULL)
			json_array_append_new(json_object_get(f, "articles"),
			    json_string(a));
	}
	llm_verdict_release(&v);
}

/* Judges one requirement and appends its finding. */
static int
pipeline_judge(struct pipeline_run *r, struct judge *jg,
    struct passages_index *ix, const struct pipeline_req *q,
    json_t *findings, size_t *judged, char **cause)
{
	struct passages_hit hits[PIPELINE_HITS];
	struct judge_result res, best;
	const struct pipeline_passage *ps, *bestp = NULL;
	const char *page, *article = NULL;
	char *terms, *kwterms, *search, *piece, *quote = NULL, *gap, *rec;
	double bestcov = -1;
	json_t *f, *arts;
	int n, i;

	terms = judge_terms(jg, q->text, NULL, r->lang);
	kwterms = judge_phrases(jg, q->keywords, r->lang);
	search = judge_terms(jg, q->text, q->keywords, r->lang);
	if (passages_index_search(ix, search, hits, PIPELINE_HITS, &n,
	    cause) != DB_OK) {
		free(terms);
		free(kwterms);
		free(search);
		return -1;
	}
	memset(&best, 0, sizeof best);
	best.verdict = JUDGE_NO_EVIDENCE;
	/* First pass: the best coverage among passages with evidence. */
	for (i = 0; i < n; i++) {
		ps = &r->passages[hits[i].id];
		page = r->doc->pages[ps->page - 1].text;
		piece = xstrndup(page + ps->start, ps->len);
		judge_passage(jg, terms, kwterms, piece, r->lang, &res);
		free(piece);
		if (res.verdict == JUDGE_NO_EVIDENCE)
			continue;
		/*
		 * Among passages about as relevant as the best one, the
		 * lowest score wins: an audit surfaces the deficiency.
		 */
		if (bestp == NULL || res.coverage > bestcov + 0.15 ||
		    (res.coverage >= bestcov - 0.15 &&
		    res.score < best.score)) {
			if (res.coverage > bestcov)
				bestcov = res.coverage;
			best = res;
			bestp = ps;
		}
	}
	free(terms);
	free(kwterms);
	free(search);
	if (bestp != NULL) {
		page = r->doc->pages[bestp->page - 1].text;
		if (best.len >= 40)
			quote = xstrndup(page + bestp->start + best.start,
			    best.len);
		else
			quote = xstrndup(page + bestp->start,
			    judge_trim(page + bestp->start, bestp->len));
		(*judged)++;
	}
	pipeline_texts(r->rlang, best.verdict, q->ref, q->text, &gap, &rec);
	arts = json_array();
	if (best.verdict == JUDGE_NON_COMPLIANT) {
		article = pipeline_article(r, q, quote);
		if (article != NULL)
			json_array_append_new(arts, json_string(article));
	}
	f = json_pack("{s:s, s:s, s:s, s:n, s:s, s:n, s:o, s:o, s:o, s:f, "
	    "s:s, s:o, s:o, s:o, s:o, s:f}",
	    "framework", q->framework,
	    "category", q->category != NULL ? q->category : "",
	    "ref", q->ref,
	    "question_id",
	    "requirement", q->text,
	    "answer",
	    "evidence", quote != NULL ? json_string(quote) : json_null(),
	    "page", bestp != NULL ? json_integer(bestp->page) : json_null(),
	    "score", best.verdict == JUDGE_NO_EVIDENCE ? json_null() :
	    json_real(best.score),
	    "weight", q->weight,
	    "status", best.verdict == JUDGE_NO_EVIDENCE ? "review_needed" :
	    report_finding_status(best.score),
	    "priority", best.verdict == JUDGE_NO_EVIDENCE ?
	    json_string("medium") :
	    json_string(report_finding_priority(best.score)),
	    "gap", gap != NULL ? json_string(gap) : json_null(),
	    "recommendation", rec != NULL ? json_string(rec) : json_null(),
	    "articles", arts,
	    "penalty_usd", 0.0);
	if (f == NULL)
		fatalx("%s: json_pack failed", __func__);
	json_object_set_new(f, "verdict", json_string(judge_verdict_name(
	    best.verdict)));
	if (r->model != NULL && quote != NULL)
		pipeline_refine(r, q, quote, f);
	json_object_set_new(f, "coverage", json_real(
	    (double)((int)(best.coverage * 100 + 0.5)) / 100));
	json_array_append_new(findings, f);
	free(quote);
	free(gap);
	free(rec);
	return 0;
}

static json_t *
pipeline_report_head(struct pipeline_run *r, const char *job_id,
    const char *sha, json_t *flagged)
{
	char uuid[UUID_TEXT_LEN], now[32], date[16];
	int64_t ms;

	uuid_generate(uuid);
	ms = clock_now_ms();
	clock_format_iso(ms, now, sizeof now);
	clock_format_date(ms, date, sizeof date);
	return json_pack("{s:s, s:i, s:s, s:s, s:b, s:{s:o, s:s, s:o}, "
	    "s:{s:s, s:o}, s:n, s:o, s:{s:s, s:s, s:i, s:s, s:s, s:o}, "
	    "s:s, s:s, s:s}",
	    "format", "vigilore-report",
	    "format_version", REPORT_FORMAT_VERSION,
	    "id", uuid,
	    "kind", "document",
	    "sample", 0,
	    "site", "code", pipeline_str_or_null(r->req->site_code),
	    "name", r->req->site,
	    "operator", pipeline_str_or_null(r->req->operator),
	    "auditor", "name", r->req->auditor,
	    "email", pipeline_str_or_null(r->req->email),
	    "session_id",
	    "job_id", pipeline_str_or_null(job_id),
	    "input", "file", pipeline_base(r->req->input), "sha256", sha,
	    "pages", r->doc->npages, "format", r->doc->format,
	    "encoding", r->doc->cp1252 ? "windows-1252" : "utf-8",
	    "flagged_pages", flagged,
	    "language", r->rlang,
	    "audit_date", date,
	    "created_at", now);
}

static void
pipeline_run_release(struct pipeline_run *r)
{
	size_t i;

	for (i = 0; i < r->nown; i++)
		framework_free(r->own[i]);
	free(r->own);
	for (i = 0; i < r->nextracted; i++)
		requirements_set_free(r->extracted[i]);
	free(r->extracted);
	for (i = 0; i < r->nkw; i++)
		free(r->kw[i]);
	free(r->kw);
	free(r->reqs);
	free(r->passages);
	free(r->set.items);
	json_decref(r->fwlist);
	extract_doc_free(r->doc);
}

int
pipeline_audit(const struct pipeline_request *req,
    const struct framework_set *set, const struct extract_limits *limits,
    const struct pipeline_model *model, const char *job_id,
    pipeline_progress_fn *progress, void *arg, json_t **out, char **cause)
{
	struct pipeline_run r;
	struct extract_limits def;
	struct extract_text_stemmer *st = NULL;
	struct passages_index *ix = NULL;
	struct judge *jg = NULL;
	char sha[FILEHASH_HEX_LEN];
	long long size;
	json_t *report = NULL, *findings, *flagged;
	size_t i, judged = 0;
	struct judge_tally tally;
	int pct, last = -1, rc = -1, k, normative;

	*out = NULL;
	memset(&r, 0, sizeof r);
	r.req = req;
	r.model = model != NULL && model->config != NULL ? model : NULL;
	r.progress = progress;
	r.arg = arg;
	r.fwlist = json_array();
	if (limits == NULL) {
		extract_limits_default(&def);
		limits = &def;
	}
	if (req->nframeworks == 0) {
		*cause = xstrdup("no framework to audit against");
		goto out;
	}
	if (pipeline_step(&r, "extract", 0, cause) != 0)
		goto out;
	if (extract_file(req->input, limits, &r.doc, cause) != 0)
		goto out;
	if (filehash_sha256(req->input, sha, &size, cause) != 0)
		goto out;
	{
		struct buf all;

		buf_init(&all, 1 << 20);
		for (k = 0; k < r.doc->npages && all.len < (1 << 19); k++)
			buf_puts(&all, r.doc->pages[k].text);
		r.lang = extract_text_guess_lang(all.data);
		buf_release(&all);
	}
	r.rlang = req->lang != NULL ? (strcmp(req->lang, "fr") == 0 ? "fr" :
	    "en") : r.lang;
	if (pipeline_step(&r, "requirements", 30, cause) != 0)
		goto out;
	if (pipeline_frameworks(&r, set, limits, cause) != 0)
		goto out;
	if (pipeline_step(&r, "index", 35, cause) != 0)
		goto out;
	st = extract_text_stemmer_new();
	if (passages_index_new(&ix, cause) != DB_OK)
		goto out;
	if (pipeline_index(&r, st, ix, cause) != 0)
		goto out;
	if (pipeline_step(&r, "evidence", 45, cause) != 0)
		goto out;
	jg = judge_new();
	/*
	 * A document that is mostly obligations is a regulation or a
	 * guideline, not a record of the site: it proves nothing.
	 */
	memset(&tally, 0, sizeof tally);
	for (k = 0; k < r.doc->npages; k++)
		judge_count(jg, r.doc->pages[k].text, &tally);
	normative = judge_normative(&tally);
	judge_set_normative(jg, normative);
	log_info("'%s': %zu statements of fact (%zu observed), %zu "
	    "obligations, %zu recommendations, %zu articles%s",
	    pipeline_base(r.req->input), tally.facts, tally.observed,
	    tally.rules, tally.advice, tally.articles,
	    normative ? ": normative text, not site evidence" : "");
	findings = json_array();
	for (i = 0; i < r.nreqs; i++) {
		pct = 45 + (int)(50 * i / (r.nreqs > 0 ? r.nreqs : 1));
		if (pct != last) {
			last = pct;
			if (pipeline_step(&r, "evidence", pct, cause) != 0) {
				json_decref(findings);
				goto out;
			}
		}
		if (pipeline_judge(&r, jg, ix, &r.reqs[i], findings, &judged,
		    cause) != 0) {
			json_decref(findings);
			goto out;
		}
	}
	if (pipeline_step(&r, "report", 95, cause) != 0) {
		json_decref(findings);
		goto out;
	}
	flagged = json_array();
	for (k = 0; k < r.doc->npages; k++) {
		if (r.doc->pages[k].flagged)
			json_array_append_new(flagged, json_integer(k + 1));
	}
	report = pipeline_report_head(&r, job_id, sha, flagged);
	if (report == NULL)
		fatalx("%s: json_pack failed", __func__);
	json_object_set(report, "frameworks", r.fwlist);
	json_object_set_new(report, "findings", findings);
	json_object_set_new(report, "coverage", json_real(r.nreqs == 0 ? 0 :
	    (double)((int)(1000.0 * judged / r.nreqs + 0.5)) / 10));
	report_finalize(report, &r.set);
	*out = report;
	rc = 0;
out:
	judge_free(jg);
	passages_index_free(ix);
	extract_text_stemmer_free(st);
	pipeline_run_release(&r);
	return rc;
}

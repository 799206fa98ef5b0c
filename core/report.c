/* SPDX-License-Identifier: MIT */
/*
 * Completing, storing and exporting reports. Scoring follows DESIGN.md:
 * category and framework score = sum(w*s)/sum(w) over scored findings,
 * overall = mean of the framework scores; penalty exposure counts each
 * violated article once per report at its maximum fine.
 */
#include "core/report.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/afile.h"
#include "core/base/buf.h"
#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "db/reports.h"
#include "db/store.h"

const char *
report_status_of_score(double score)
{
	if (score >= 80)
		return "compliant";
	if (score >= 60)
		return "review_needed";
	return "non_compliant";
}

const char *
report_finding_status(double s)
{
	if (s >= 0.8)
		return "compliant";
	if (s >= 0.5)
		return "review_needed";
	return "non_compliant";
}

const char *
report_finding_priority(double s)
{
	if (s < 0.5)
		return "critical";
	if (s < 0.8)
		return "medium";
	return "low";
}

/* Rounds to one decimal, as people read scores. */
static double
report_round1(double v)
{
	return round(v * 10) / 10;
}

static const char *
report_str(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static int
report_is_fr(json_t *report)
{
	const char *lang = report_str(report, "language");

	return lang != NULL && strcmp(lang, "fr") == 0;
}

/* Scores of one framework's categories from the findings. */
static void
report_score_framework(json_t *fwj, const struct framework *fw,
    json_t *findings, const char *lang)
{
	json_t *cats = json_array(), *f, *cj;
	double wsum = 0, wssum = 0, cw, cws;
	size_t i, k;
	int scored, total;

	for (k = 0; fw != NULL && k < fw->ncategories; k++) {
		cw = cws = 0;
		scored = total = 0;
		json_array_foreach(findings, i, f) {
			const char *fid = report_str(f, "framework");
			const char *cid = report_str(f, "category");
			json_t *s = json_object_get(f, "score");
			double w = json_number_value(json_object_get(f,
			    "weight"));

			if (fid == NULL || strcmp(fid, fw->id) != 0 ||
			    cid == NULL || strcmp(cid, fw->categories[k].id) != 0)
				continue;
			total++;
			if (!json_is_number(s))
				continue;
			scored++;
			cw += w;
			cws += w * json_number_value(s);
		}
		if (total == 0)
			continue;
		cj = json_pack("{s:s, s:s, s:o, s:i, s:i}",
		    "id", fw->categories[k].id,
		    "name", bank_str(&fw->categories[k].name, lang),
		    "score", cw > 0 ? json_real(report_round1(100 * cws / cw)) :
		    json_null(), "scored", scored, "total", total);
		json_array_append_new(cats, cj);
		wsum += cw;
		wssum += cws;
	}
	json_object_set_new(fwj, "categories", cats);
	json_object_set_new(fwj, "score", wsum > 0 ?
	    json_real(report_round1(100 * wssum / wsum)) : json_null());
	if (fw != NULL)
		json_object_set_new(fwj, "name", json_string(bank_str(&fw->name,
		    lang)));
}

/* Penalty entries of FW for ARTICLE: the largest maximum, or NULL. */
static const struct penalty *
report_penalty(const struct framework *fw, const char *article)
{
	const struct penalty *best = NULL;
	size_t i;

	for (i = 0; fw != NULL && i < fw->npenalties; i++) {
		if (strcmp(fw->penalties[i].article, article) != 0)
			continue;
		if (best == NULL || fw->penalties[i].max_usd > best->max_usd)
			best = &fw->penalties[i];
	}
	return best;
}

static void
report_penalties(json_t *report, const struct framework_set *set,
    const char *lang)
{
	json_t *findings = json_object_get(report, "findings");
	json_t *arts = json_array(), *excl = json_array(), *f, *a, *e;
	json_t *frameworks = json_object_get(report, "frameworks"), *fwj;
	const struct framework *fw;
	const struct penalty *p;
	double total = 0, fpen;
	size_t i, j, k;
	int found;

	json_array_foreach(findings, i, f) {
		fw = framework_set_find(set, report_str(f, "framework"));
		fpen = 0;
		if (strcmp(report_str(f, "status"), "non_compliant") != 0) {
			json_object_set_new(f, "articles", json_array());
			json_object_set_new(f, "penalty_usd", json_real(0));
			continue;
		}
		json_array_foreach(json_object_get(f, "articles"), j, a) {
			p = report_penalty(fw, json_string_value(a));
			/* A zero maximum is an excluded case, listed apart. */
			if (p == NULL || p->max_usd <= 0)
				continue;
			fpen += p->max_usd;
			found = 0;
			json_array_foreach(arts, k, e) {
				if (strcmp(report_str(e, "article"),
				    p->article) == 0) {
					json_object_set_new(e, "findings",
					    json_integer(json_integer_value(
					    json_object_get(e, "findings")) + 1));
					found = 1;
				}
			}
			if (found)
				continue;
			total += p->max_usd;
			json_array_append_new(arts, json_pack("{s:s, s:s, s:f, "
			    "s:i}", "article", p->article, "description",
			    bank_str(&p->description, lang), "max_usd",
			    p->max_usd, "findings", 1));
		}
		json_object_set_new(f, "penalty_usd", json_real(fpen));
	}
	json_array_foreach(frameworks, i, fwj) {
		fw = framework_set_find(set, report_str(fwj, "id"));
		for (k = 0; fw != NULL && k < fw->nexcluded; k++)
			json_array_append_new(excl, json_pack("{s:s, s:s, s:f, "
			    "s:s}", "article", fw->excluded[k].article,
			    "description",
			    bank_str(&fw->excluded[k].description, lang),
			    "max_usd", fw->excluded[k].max_usd, "reason",
			    fw->excluded[k].reason != NULL ?
			    fw->excluded[k].reason : ""));
	}
	json_object_set_new(report, "penalties", json_pack("{s:f, s:o, s:o, "
	    "s:s}", "total_max_usd", round(total * 100) / 100, "articles",
	    arts, "excluded", excl, "disclaimer", strcmp(lang, "fr") == 0 ?
	    "Exposition estimée à partir des écarts constatés : amendes "
	    "administratives et réglementaires maximales, chaque article "
	    "comptant une fois. Les cas pénaux (fraude, obstruction) sont "
	    "cités pour référence et jamais additionnés." :
	    "Exposure estimated from the gaps found: maximum administrative "
	    "and regulatory fines, each article counted once. Criminal "
	    "matters (fraud, obstruction) are listed for reference and never "
	    "added."));
}

/* Critical recommendations: score < 0.5, heaviest first. */
static int
report_weight_cmp(const void *a, const void *b)
{
	double wa = json_number_value(json_object_get(*(json_t *const *)a,
	    "weight"));
	double wb = json_number_value(json_object_get(*(json_t *const *)b,
	    "weight"));

	return wa < wb ? 1 : wa > wb ? -1 : 0;
}

static void
report_critical(json_t *report)
{
	json_t *findings = json_object_get(report, "findings"), *f;
	json_t **crit, *out = json_array();
	size_t i, n = 0;

	crit = xcalloc(json_array_size(findings) + 1, sizeof *crit);
	json_array_foreach(findings, i, f) {
		json_t *s = json_object_get(f, "score");

		if (json_is_number(s) && json_number_value(s) < 0.5 &&
		    report_str(f, "recommendation") != NULL)
			crit[n++] = f;
	}
	if (n > 0)
		qsort(crit, n, sizeof *crit, report_weight_cmp);
	for (i = 0; i < n; i++)
		json_array_append_new(out, json_string(report_str(crit[i],
		    "recommendation")));
	free(crit);
	json_object_set_new(report, "critical_recommendations", out);
}

/* A status as people read it in the report's language. */
static const char *
report_status_words(const char *status, int fr)
{
	if (status == NULL)
		return "";
	if (strcmp(status, "compliant") == 0)
		return fr ? "conforme" : "compliant";
	if (strcmp(status, "review_needed") == 0)
		return fr ? "à revoir" : "review needed";
	return fr ? "non conforme" : "non-compliant";
}

static void
report_summary(json_t *report)
{
	json_t *score = json_object_get(report, "score");
	json_t *counts = json_object_get(report, "counts");
	json_t *site = json_object_get(report, "site");
	json_t *fws = json_object_get(report, "frameworks"), *fwj, *c;
	const char *worst_name = NULL, *worst_fw = NULL;
	double worst = 101, pen;
	long long nc, nn, nr, na, ncrit;
	int fr = report_is_fr(report);
	struct buf b;
	size_t i, k;

	buf_init(&b, 0);
	if (json_is_number(score))
		buf_printf(&b, fr ? "Score global %.1f/100 (%s), couverture "
		    "%.0f %%. " : "Overall score %.1f/100 (%s), coverage "
		    "%.0f%%. ", json_number_value(score),
		    report_status_words(report_str(report, "status"), fr),
		    json_number_value(json_object_get(report, "coverage")));
	else
		buf_printf(&b, fr ? "Aucune réponse notée. " :
		    "No scored answer. ");
	nc = json_integer_value(json_object_get(counts, "compliant"));
	nn = json_integer_value(json_object_get(counts, "non_compliant"));
	nr = json_integer_value(json_object_get(counts, "review_needed"));
	na = json_integer_value(json_object_get(counts, "not_applicable"));
	ncrit = json_integer_value(json_object_get(counts, "critical"));
	if (fr)
		buf_printf(&b, "Site %s : %lld conforme%s, %lld non conforme%s, "
		    "%lld à revoir, %lld sans objet ; %lld critique%s. ",
		    report_str(site, "name"), nc, nc > 1 ? "s" : "", nn,
		    nn > 1 ? "s" : "", nr, na, ncrit, ncrit > 1 ? "s" : "");
	else
		buf_printf(&b, "Site %s: %lld compliant, %lld non-compliant, "
		    "%lld to review, %lld not applicable; %lld critical. ",
		    report_str(site, "name"), nc, nn, nr, na, ncrit);
	json_array_foreach(fws, i, fwj) {
		json_array_foreach(json_object_get(fwj, "categories"), k, c) {
			json_t *s = json_object_get(c, "score");

			if (json_is_number(s) && json_number_value(s) < worst) {
				worst = json_number_value(s);
				worst_name = report_str(c, "name");
				worst_fw = report_str(fwj, "id");
			}
		}
	}
	if (worst_name != NULL)
		buf_printf(&b, fr ? "Catégorie la plus faible : %s (%s, "
		    "%.1f/100). " : "Weakest category: %s (%s, %.1f/100). ",
		    worst_name, worst_fw, worst);
	pen = json_number_value(json_object_get(json_object_get(report,
	    "penalties"), "total_max_usd"));
	if (pen > 0)
		buf_printf(&b, fr ? "Exposition potentielle aux amendes : "
		    "jusqu'à %.2f USD." : "Potential penalty exposure: up to "
		    "USD %.2f.", pen);
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	json_object_set_new(report, "summary", json_string(b.data));
	buf_release(&b);
}

void
report_finalize(json_t *report, const struct framework_set *set)
{
	json_t *findings = json_object_get(report, "findings");
	json_t *fws = json_object_get(report, "frameworks"), *f, *fwj, *s;
	const char *lang = report_is_fr(report) ? "fr" : "en";
	const char *st;
	int nc = 0, nn = 0, nr = 0, na = 0, crit = 0, nscored = 0;
	double sum = 0;
	size_t i;

	if (!json_is_array(findings)) {
		findings = json_array();
		json_object_set_new(report, "findings", findings);
	}
	json_array_foreach(findings, i, f) {
		st = report_str(f, "status");
		s = json_object_get(f, "score");
		if (json_is_number(s)) {
			json_object_set_new(f, "priority", json_string(
			    report_finding_priority(json_number_value(s))));
			if (json_number_value(s) < 0.5)
				crit++;
		}
		if (st == NULL)
			continue;
		if (strcmp(st, "compliant") == 0)
			nc++;
		else if (strcmp(st, "non_compliant") == 0)
			nn++;
		else if (strcmp(st, "review_needed") == 0)
			nr++;
		else
			na++;
	}
	json_array_foreach(fws, i, fwj) {
		report_score_framework(fwj, framework_set_find(set,
		    report_str(fwj, "id")), findings, lang);
		s = json_object_get(fwj, "score");
		if (json_is_number(s)) {
			sum += json_number_value(s);
			nscored++;
		}
	}
	if (nscored > 0) {
		double score = report_round1(sum / nscored);

		json_object_set_new(report, "score", json_real(score));
		json_object_set_new(report, "status",
		    json_string(report_status_of_score(score)));
	} else {
		json_object_set_new(report, "score", json_null());
		json_object_set_new(report, "status", json_null());
	}
	json_object_set_new(report, "counts", json_pack("{s:i, s:i, s:i, s:i, "
	    "s:i}", "compliant", nc, "non_compliant", nn, "review_needed", nr,
	    "not_applicable", na, "critical", crit));
	report_penalties(report, set, lang);
	report_critical(report);
	report_summary(report);
}

char *
report_next_id(struct store *store)
{
	char year[8], name[32];
	time_t t = (time_t)(clock_now_ms() / 1000);
	struct tm tm;
	long long n;

	gmtime_r(&t, &tm);
	strftime(year, sizeof year, "%Y", &tm);
	snprintf(name, sizeof name, "report:%s", year);
	n = (long long)store_counter_next(store, name);
	return xasprintf("REP-%s-%s-%lld", year, store_device_code(store), n);
}

static char *
report_dup(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s != NULL ? xstrdup(s) : NULL;
}

/*
 * Sets "server_received_at" of REPORT to AT (or null), in place, right
 * after the device's "created_at" where there is one: the field comes
 * from the store, never from the stored body.
 */
static void
report_put_received(json_t *report, const char *at)
{
	json_t *tail, *val;
	const char *key;
	void *tmp;
	int past = 0;

	json_object_del(report, "server_received_at");
	tail = json_object();
	json_object_foreach_safe(report, tmp, key, val) {
		if (past) {
			json_object_set(tail, key, val);
			json_object_del(report, key);
		} else if (strcmp(key, "created_at") == 0)
			past = 1;
	}
	json_object_set_new(report, "server_received_at", at != NULL ?
	    json_string(at) : json_null());
	json_object_update(report, tail);
	json_decref(tail);
}

int
report_save(struct store *store, json_t *report, char **cause)
{
	struct db_report r;
	struct db_finding *fs;
	json_t *findings = json_object_get(report, "findings"), *f, *ids, *fwj;
	json_t *site = json_object_get(report, "site");
	json_t *auditor = json_object_get(report, "auditor");
	json_t *counts = json_object_get(report, "counts"), *s, *body;
	size_t i, n;
	int rc;

	memset(&r, 0, sizeof r);
	r.id = report_dup(report, "id");
	r.report_id = report_dup(report, "report_id");
	r.kind = report_dup(report, "kind");
	r.job_id = report_dup(report, "job_id");
	r.session_id = report_dup(report, "session_id");
	r.site_code = report_dup(site, "code");
	r.site_name = report_dup(site, "name");
	r.operator = report_dup(site, "operator");
	r.auditor = report_dup(auditor, "name");
	r.email = report_dup(auditor, "email");
	ids = json_array();
	json_array_foreach(json_object_get(report, "frameworks"), i, fwj)
		json_array_append(ids, json_object_get(fwj, "id"));
	r.frameworks = json_dumps(ids, JSON_COMPACT);
	json_decref(ids);
	s = json_object_get(report, "score");
	r.has_score = json_is_number(s);
	r.score = json_number_value(s);
	r.coverage = json_number_value(json_object_get(report, "coverage"));
	r.compliant = (int)json_integer_value(json_object_get(counts,
	    "compliant"));
	r.non_compliant = (int)json_integer_value(json_object_get(counts,
	    "non_compliant"));
	r.review_needed = (int)json_integer_value(json_object_get(counts,
	    "review_needed"));
	r.not_applicable = (int)json_integer_value(json_object_get(counts,
	    "not_applicable"));
	r.critical = (int)json_integer_value(json_object_get(counts,
	    "critical"));
	r.penalty_usd = json_number_value(json_object_get(json_object_get(
	    report, "penalties"), "total_max_usd"));
	r.audit_date = report_dup(report, "audit_date");
	r.created_at = report_dup(report, "created_at");
	r.sample = json_is_true(json_object_get(report, "sample"));
	/* The server's time is the store's to say, not the body's. */
	body = json_copy(report);
	json_object_del(body, "server_received_at");
	r.body = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(body);
	if (r.id == NULL || r.report_id == NULL || r.kind == NULL ||
	    r.site_name == NULL || r.audit_date == NULL ||
	    r.created_at == NULL || r.body == NULL) {
		*cause = xasprintf("report '%s' lacks an id, kind, site, date "
		    "or body", r.report_id != NULL ? r.report_id : "?");
		db_report_release(&r);
		return -1;
	}
	n = json_array_size(findings);
	fs = xcalloc(n + 1, sizeof *fs);
	json_array_foreach(findings, i, f) {
		s = json_object_get(f, "score");
		fs[i].framework = (char *)report_str(f, "framework");
		fs[i].category = (char *)report_str(f, "category");
		fs[i].ref = (char *)report_str(f, "ref");
		fs[i].question_id = (char *)report_str(f, "question_id");
		fs[i].requirement = (char *)report_str(f, "requirement");
		fs[i].evidence = (char *)report_str(f, "evidence");
		fs[i].page = (int)json_integer_value(json_object_get(f,
		    "page"));
		fs[i].has_score = json_is_number(s);
		fs[i].score = json_number_value(s);
		fs[i].weight = json_number_value(json_object_get(f, "weight"));
		fs[i].status = (char *)report_str(f, "status");
		fs[i].priority = (char *)report_str(f, "priority");
		fs[i].gap = (char *)report_str(f, "gap");
		fs[i].recommendation = (char *)report_str(f,
		    "recommendation");
		fs[i].articles = json_is_array(json_object_get(f,
		    "articles")) ? json_dumps(json_object_get(f, "articles"),
		    JSON_COMPACT) : xstrdup("[]");
		fs[i].penalty_usd = json_number_value(json_object_get(f,
		    "penalty_usd"));
	}
	rc = db_report_insert(store, &r, fs, n, cause) == DB_OK ? 0 : -1;
	if (rc == 0)
		report_put_received(report, NULL);
	for (i = 0; i < n; i++)
		free(fs[i].articles);
	free(fs);
	db_report_release(&r);
	return rc;
}

int
report_load(struct store *store, const char *id, json_t **out, char **cause)
{
	json_error_t jerr;
	enum db_status st;
	char *body, *received;

	*out = NULL;
	st = db_report_body(store, id, &body, &received, cause);
	if (st != DB_OK)
		return st == DB_NOTFOUND ? -2 : -1;
	*out = json_loads(body, 0, &jerr);
	free(body);
	if (*out == NULL || !json_is_object(*out)) {
		*cause = xasprintf("report '%s' is stored damaged: %s", id,
		    *out == NULL ? jerr.text : "not an object");
		json_decref(*out);
		*out = NULL;
		free(received);
		return -1;
	}
	report_put_received(*out, received);
	free(received);
	return 0;
}

int
report_format_parse(const char *name, enum report_format *out)
{
	if (strcmp(name, "json") == 0)
		*out = REPORT_FORMAT_JSON;
	else if (strcmp(name, "csv") == 0)
		*out = REPORT_FORMAT_CSV;
	else if (strcmp(name, "md") == 0 || strcmp(name, "markdown") == 0)
		*out = REPORT_FORMAT_MD;
	else
		return -1;
	return 0;
}

char *
report_csv_field(const char *text)
{
	struct buf b;
	const char *p;
	int quote, guard;

	if (text == NULL)
		return xstrdup("");
	guard = text[0] == '=' || text[0] == '+' || text[0] == '-' ||
	    text[0] == '@' || text[0] == '\t' || text[0] == '\r';
	quote = guard || strpbrk(text, ",\"\r\n") != NULL;
	buf_init(&b, 0);
	if (quote)
		buf_putc(&b, '"');
	if (guard)
		buf_putc(&b, '\'');
	for (p = text; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(&b, '"');
		buf_putc(&b, *p);
	}
	if (quote)
		buf_putc(&b, '"');
	return buf_detach(&b);
}

static void
report_csv_put(FILE *f, const char *text, const char *sep)
{
	char *s = report_csv_field(text);

	fputs(s, f);
	fputs(sep, f);
	free(s);
}

static void
report_csv_num(FILE *f, json_t *v, const char *sep)
{
	if (json_is_number(v))
		fprintf(f, "%.10g", json_number_value(v));
	fputs(sep, f);
}

static void
report_export_csv(json_t *report, FILE *f)
{
	json_t *fi;
	size_t i;

	fputs("report_id,site_code,site_name,framework,category,ref,"
	    "question_id,requirement,answer,evidence,page,score,weight,status,"
	    "priority,gap,recommendation,articles,penalty_usd,sample\r\n", f);
	json_array_foreach(json_object_get(report, "findings"), i, fi) {
		char *arts = json_dumps(json_object_get(fi, "articles"),
		    JSON_COMPACT | JSON_ENCODE_ANY);

		report_csv_put(f, report_str(report, "report_id"), ",");
		report_csv_put(f, report_str(json_object_get(report, "site"),
		    "code"), ",");
		report_csv_put(f, report_str(json_object_get(report, "site"),
		    "name"), ",");
		report_csv_put(f, report_str(fi, "framework"), ",");
		report_csv_put(f, report_str(fi, "category"), ",");
		report_csv_put(f, report_str(fi, "ref"), ",");
		report_csv_put(f, report_str(fi, "question_id"), ",");
		report_csv_put(f, report_str(fi, "requirement"), ",");
		report_csv_put(f, report_str(fi, "answer"), ",");
		report_csv_put(f, report_str(fi, "evidence"), ",");
		report_csv_num(f, json_object_get(fi, "page"), ",");
		report_csv_num(f, json_object_get(fi, "score"), ",");
		report_csv_num(f, json_object_get(fi, "weight"), ",");
		report_csv_put(f, report_str(fi, "status"), ",");
		report_csv_put(f, report_str(fi, "priority"), ",");
		report_csv_put(f, report_str(fi, "gap"), ",");
		report_csv_put(f, report_str(fi, "recommendation"), ",");
		report_csv_put(f, arts, ",");
		report_csv_num(f, json_object_get(fi, "penalty_usd"), ",");
		fputs(json_is_true(json_object_get(report, "sample")) ?
		    "true\r\n" : "false\r\n", f);
		free(arts);
	}
}

/* Markdown table cells: no pipes or newlines inside. */
static void
report_md_cell(FILE *f, const char *s)
{
	const char *p;

	fputs("| ", f);
	for (p = s != NULL ? s : ""; *p != '\0'; p++) {
		if (*p == '|')
			fputs("\\|", f);
		else if (*p == '\n' || *p == '\r')
			fputc(' ', f);
		else
			fputc(*p, f);
	}
	fputc(' ', f);
}

static void
report_md_score(FILE *f, json_t *v, double scale)
{
	if (json_is_number(v))
		fprintf(f, "| %.1f ", scale * json_number_value(v));
	else
		fputs("| n/a ", f);
}

static void
report_export_md(json_t *report, FILE *f)
{
	json_t *site = json_object_get(report, "site");
	json_t *pen = json_object_get(report, "penalties");
	json_t *fwj, *c, *fi, *a;
	size_t i, k;

	fprintf(f, "# Compliance report %s\n\n", report_str(report,
	    "report_id"));
	if (json_is_true(json_object_get(report, "sample")))
		fputs("> **SAMPLE DATA** — from the older service's "
		    "demonstration set, not an audit.\n\n", f);
	fprintf(f, "- Site: %s (%s)\n- Auditor: %s\n- Date: %s\n- Kind: %s\n",
	    report_str(site, "name"), report_str(site, "code") != NULL ?
	    report_str(site, "code") : "no code",
	    report_str(json_object_get(report, "auditor"), "name"),
	    report_str(report, "audit_date"), report_str(report, "kind"));
	if (json_is_number(json_object_get(report, "score")))
		fprintf(f, "- Score: %.1f/100 (%s)\n",
		    json_number_value(json_object_get(report, "score")),
		    report_str(report, "status"));
	fprintf(f, "- Coverage: %.0f%%\n\n", json_number_value(
	    json_object_get(report, "coverage")));
	if (report_str(report, "summary") != NULL)
		fprintf(f, "## Summary\n\n%s\n\n", report_str(report,
		    "summary"));
	fputs("## Scores\n\n| Framework | Category | Score |\n|---|---|---|\n",
	    f);
	json_array_foreach(json_object_get(report, "frameworks"), i, fwj) {
		report_md_cell(f, report_str(fwj, "name"));
		report_md_cell(f, "(all)");
		report_md_score(f, json_object_get(fwj, "score"), 1);
		fputs("|\n", f);
		json_array_foreach(json_object_get(fwj, "categories"), k, c) {
			report_md_cell(f, "");
			report_md_cell(f, report_str(c, "name"));
			report_md_score(f, json_object_get(c, "score"), 1);
			fputs("|\n", f);
		}
	}
	fputs("\n## Findings\n\n| Ref | Requirement | Answer / evidence | "
	    "Score | Status | Priority | Gap | Recommendation |\n"
	    "|---|---|---|---|---|---|---|---|\n", f);
	json_array_foreach(json_object_get(report, "findings"), i, fi) {
		report_md_cell(f, report_str(fi, "ref"));
		report_md_cell(f, report_str(fi, "requirement"));
		report_md_cell(f, report_str(fi, "answer") != NULL ?
		    report_str(fi, "answer") : report_str(fi, "evidence"));
		report_md_score(f, json_object_get(fi, "score"), 100);
		report_md_cell(f, report_str(fi, "status"));
		report_md_cell(f, report_str(fi, "priority"));
		report_md_cell(f, report_str(fi, "gap"));
		report_md_cell(f, report_str(fi, "recommendation"));
		fputs("|\n", f);
	}
	if (pen != NULL) {
		fprintf(f, "\n## Penalty exposure\n\nTotal (each article once, "
		    "at its maximum): USD %.2f\n\n", json_number_value(
		    json_object_get(pen, "total_max_usd")));
		json_array_foreach(json_object_get(pen, "articles"), i, a)
			fprintf(f, "- Art. %s: %s — up to USD %.2f (%lld "
			    "findings)\n", report_str(a, "article"),
			    report_str(a, "description"), json_number_value(
			    json_object_get(a, "max_usd")), json_integer_value(
			    json_object_get(a, "findings")));
		json_array_foreach(json_object_get(pen, "excluded"), i, a)
			fprintf(f, "- Excluded, for reference only: Art. %s, "
			    "%s — up to USD %.2f\n", report_str(a, "article"),
			    report_str(a, "description"), json_number_value(
			    json_object_get(a, "max_usd")));
		fprintf(f, "\n%s\n", report_str(pen, "disclaimer"));
	}
}

int
report_export(json_t *report, enum report_format fmt, FILE *f, char **cause)
{
	char *s;

	switch (fmt) {
	case REPORT_FORMAT_JSON:
		s = json_dumps(report, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(10));
		if (s != NULL) {
			fputs(s, f);
			fputc('\n', f);
		}
		free(s);
		break;
	case REPORT_FORMAT_CSV:
		report_export_csv(report, f);
		break;
	case REPORT_FORMAT_MD:
		report_export_md(report, f);
		break;
	}
	if (fflush(f) != 0 || ferror(f)) {
		*cause = xstrdup("cannot write the report");
		return -1;
	}
	return 0;
}

int
report_export_path(json_t *report, enum report_format fmt, const char *path,
    char **cause)
{
	struct afile a;
	char *c = NULL;

	if (afile_open(&a, path, cause) == -1)
		return -1;
	if (report_export(report, fmt, a.f, &c) == -1) {
		free(c);
		*cause = xasprintf("cannot write '%s': %s", path,
		    strerror(errno != 0 ? errno : EIO));
		afile_abort(&a);
		return -1;
	}
	return afile_commit(&a, cause);
}

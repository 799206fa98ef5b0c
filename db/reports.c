/* SPDX-License-Identifier: MIT */
/* Report storage, lookup and filtered listing. */
#include "db/reports.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/uuid.h"
#include "core/base/xmalloc.h"
#include "db/outbox.h"
#include "db/sqlu.h"

void
db_report_release(struct db_report *r)
{
	free(r->id);
	free(r->report_id);
	free(r->kind);
	free(r->job_id);
	free(r->session_id);
	free(r->site_code);
	free(r->site_name);
	free(r->operator);
	free(r->auditor);
	free(r->email);
	free(r->frameworks);
	free(r->audit_date);
	free(r->created_at);
	free(r->body);
	free(r->server_received_at);
	memset(r, 0, sizeof *r);
}

static void
db_report_bind_real(sqlite3_stmt *st, int idx, double v, int has)
{
	if (has)
		sqlite3_bind_double(st, idx, v);
	else
		sqlite3_bind_null(st, idx);
}

enum db_status
db_report_insert(struct store *store, const struct db_report *r,
    const struct db_finding *f, size_t nf, char **cause)
{
	sqlite3_stmt *st;
	char hlc[HLC_TEXT_MAX], fid[UUID_TEXT_LEN];
	size_t i;
	int rc;

	store_hlc_next(store, hlc);
	st = sqlu_prepare(store, "INSERT INTO reports (id, report_id, kind, "
	    "job_id, session_id, site_code, site_name, operator, auditor, "
	    "email, frameworks, score, coverage, compliant, non_compliant, "
	    "review_needed, not_applicable, critical, penalty_usd, audit_date, "
	    "created_at, sample, body, device, hlc) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
	    "?19, ?20, ?21, ?22, ?23, ?24, ?25)");
	sqlu_bind(st, 1, r->id);
	sqlu_bind(st, 2, r->report_id);
	sqlu_bind(st, 3, r->kind);
	sqlu_bind(st, 4, r->job_id);
	sqlu_bind(st, 5, r->session_id);
	sqlu_bind(st, 6, r->site_code);
	sqlu_bind(st, 7, r->site_name);
	sqlu_bind(st, 8, r->operator);
	sqlu_bind(st, 9, r->auditor);
	sqlu_bind(st, 10, r->email);
	sqlu_bind(st, 11, r->frameworks);
	db_report_bind_real(st, 12, r->score, r->has_score);
	sqlite3_bind_double(st, 13, r->coverage);
	sqlite3_bind_int(st, 14, r->compliant);
	sqlite3_bind_int(st, 15, r->non_compliant);
	sqlite3_bind_int(st, 16, r->review_needed);
	sqlite3_bind_int(st, 17, r->not_applicable);
	sqlite3_bind_int(st, 18, r->critical);
	sqlite3_bind_double(st, 19, r->penalty_usd);
	sqlu_bind(st, 20, r->audit_date);
	sqlu_bind(st, 21, r->created_at);
	sqlite3_bind_int(st, 22, r->sample);
	sqlu_bind(st, 23, r->body);
	sqlu_bind(st, 24, store_device_id(store));
	sqlu_bind(st, 25, hlc);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlu_fail(store, rc, "cannot save the report", cause);
	outbox_add(store, "reports", r->id, hlc);

	st = sqlu_prepare(store, "INSERT INTO findings (id, report_uuid, seq, "
	    "framework, category, ref, question_id, requirement, evidence, "
	    "page, score, weight, status, priority, gap, recommendation, "
	    "articles, penalty_usd, device, hlc) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
	    "?20)");
	for (i = 0; i < nf; i++) {
		uuid_generate(fid);
		sqlite3_reset(st);
		sqlu_bind(st, 1, fid);
		sqlu_bind(st, 2, r->id);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)i);
		sqlu_bind(st, 4, f[i].framework);
		sqlu_bind(st, 5, f[i].category);
		sqlu_bind(st, 6, f[i].ref);
		sqlu_bind(st, 7, f[i].question_id);
		sqlu_bind(st, 8, f[i].requirement);
		sqlu_bind(st, 9, f[i].evidence);
		if (f[i].page > 0)
			sqlite3_bind_int(st, 10, f[i].page);
		else
			sqlite3_bind_null(st, 10);
		db_report_bind_real(st, 11, f[i].score, f[i].has_score);
		sqlite3_bind_double(st, 12, f[i].weight);
		sqlu_bind(st, 13, f[i].status);
		sqlu_bind(st, 14, f[i].priority);
		sqlu_bind(st, 15, f[i].gap);
		sqlu_bind(st, 16, f[i].recommendation);
		sqlu_bind(st, 17, f[i].articles != NULL ? f[i].articles : "[]");
		sqlite3_bind_double(st, 18, f[i].penalty_usd);
		sqlu_bind(st, 19, store_device_id(store));
		sqlu_bind(st, 20, hlc);
		rc = sqlite3_step(st);
		if (rc != SQLITE_DONE) {
			sqlite3_finalize(st);
			return sqlu_fail(store, rc, "cannot save a finding",
			    cause);
		}
		outbox_add(store, "findings", fid, hlc);
	}
	sqlite3_finalize(st);
	return DB_OK;
}

enum db_status
db_report_body(struct store *store, const char *id, char **body,
    char **received, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	*body = NULL;
	if (received != NULL)
		*received = NULL;
	st = sqlu_prepare(store, "SELECT body, server_received_at FROM "
	    "reports WHERE id = ?1 OR report_id = ?1");
	sqlu_bind(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*body = sqlu_text(st, 0);
		if (received != NULL)
			*received = sqlu_text(st, 1);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	if (rc == SQLITE_DONE) {
		*cause = xasprintf("no report '%s' in '%s'", id,
		    store_path(store));
		return DB_NOTFOUND;
	}
	return sqlu_fail(store, rc, "cannot read the report", cause);
}

int
db_report_exists(struct store *store, const char *report_id)
{
	sqlite3_stmt *st;
	int rc;

	st = sqlu_prepare(store, "SELECT 1 FROM reports WHERE report_id = ?1");
	sqlu_bind(st, 1, report_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW;
}

/* The status of a 0..100 score, as SQL, matching DESIGN.md's bands. */
#define REPORT_STATUS_SQL "(CASE WHEN score IS NULL THEN NULL " \
	"WHEN score >= 80 THEN 'compliant' WHEN score >= 60 THEN " \
	"'review_needed' ELSE 'non_compliant' END)"

#define REPORT_WHERE " WHERE (?1 IS NULL OR site_code = ?1) AND " \
	"(?2 IS NULL OR " REPORT_STATUS_SQL " = ?2) AND " \
	"(?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(frameworks) " \
	"WHERE json_each.value = ?3)) AND (?4 IS NULL OR audit_date >= ?4) " \
	"AND (?5 IS NULL OR audit_date <= ?5) AND (?6 IS NULL OR " \
	"instr(lower(site_name || ' ' || coalesce(site_code, '') || ' ' || " \
	"coalesce(auditor, '') || ' ' || report_id), lower(?6)) > 0)"

static void
db_report_bind_filter(sqlite3_stmt *st, const struct db_report_filter *f)
{
	sqlu_bind(st, 1, f->site_code);
	sqlu_bind(st, 2, f->status);
	sqlu_bind(st, 3, f->framework);
	sqlu_bind(st, 4, f->from);
	sqlu_bind(st, 5, f->to);
	sqlu_bind(st, 6, f->search);
}

enum db_status
db_report_list(struct store *store, const struct db_report_filter *f,
    struct db_report **out, size_t *n, size_t *total, char **cause)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = sqlu_prepare(store, "SELECT count(*) FROM reports" REPORT_WHERE);
	db_report_bind_filter(st, f);
	rc = sqlite3_step(st);
	*total = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return sqlu_fail(store, rc, "cannot list reports", cause);

	st = sqlu_prepare(store, "SELECT id, report_id, kind, job_id, "
	    "session_id, site_code, site_name, operator, auditor, email, "
	    "frameworks, score, coverage, compliant, non_compliant, "
	    "review_needed, not_applicable, critical, penalty_usd, audit_date, "
	    "created_at, sample, server_received_at FROM reports" REPORT_WHERE
	    /* REP-...-10 after REP-...-9: the number, then the text. */
	    " ORDER BY audit_date DESC, created_at DESC, CAST(substr("
	    "report_id, length(rtrim(report_id, '0123456789')) + 1) AS "
	    "INTEGER) DESC, report_id DESC "
	    "LIMIT ?7 OFFSET ?8");
	db_report_bind_filter(st, f);
	sqlite3_bind_int(st, 7, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int(st, 8, f->offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_report *r;

		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = sqlu_text(st, 0);
		r->report_id = sqlu_text(st, 1);
		r->kind = sqlu_text(st, 2);
		r->job_id = sqlu_text(st, 3);
		r->session_id = sqlu_text(st, 4);
		r->site_code = sqlu_text(st, 5);
		r->site_name = sqlu_text(st, 6);
		r->operator = sqlu_text(st, 7);
		r->auditor = sqlu_text(st, 8);
		r->email = sqlu_text(st, 9);
		r->frameworks = sqlu_text(st, 10);
		r->has_score = sqlite3_column_type(st, 11) != SQLITE_NULL;
		r->score = sqlite3_column_double(st, 11);
		r->coverage = sqlite3_column_double(st, 12);
		r->compliant = sqlite3_column_int(st, 13);
		r->non_compliant = sqlite3_column_int(st, 14);
		r->review_needed = sqlite3_column_int(st, 15);
		r->not_applicable = sqlite3_column_int(st, 16);
		r->critical = sqlite3_column_int(st, 17);
		r->penalty_usd = sqlite3_column_double(st, 18);
		r->audit_date = sqlu_text(st, 19);
		r->created_at = sqlu_text(st, 20);
		r->sample = sqlite3_column_int(st, 21);
		r->server_received_at = sqlu_text(st, 22);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_report_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return sqlu_fail(store, rc, "cannot list reports", cause);
	}
	return DB_OK;
}

void
db_report_list_free(struct db_report *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		db_report_release(&v[i]);
	free(v);
}

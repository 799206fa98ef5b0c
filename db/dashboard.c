/* SPDX-License-Identifier: MIT */
/*
 * Dashboard queries over the v1 tables (sites, reports, findings). All
 * statements are read-only and parameterised; each runs in SQLite's
 * implicit read transaction, so one query sees one consistent snapshot.
 * Called from the thread owning the store (the UI thread, or the
 * command line).
 */
#include "db/dashboard.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/xmalloc.h"
#include "db/sqlu.h"

/*
 * Latest scored report per site key; shared by several queries. One
 * seek per site in the reports_latest index (db/schema.c).
 */
#define DASHBOARD_DB_LATEST						\
	"WITH keys AS (SELECT DISTINCT coalesce(site_code, site_name) "	\
	"AS k FROM reports WHERE score IS NOT NULL), "			\
	"ids AS (SELECT (SELECT r.id FROM reports r WHERE "		\
	"coalesce(r.site_code, r.site_name) = keys.k AND "		\
	"r.score IS NOT NULL ORDER BY r.audit_date DESC, "		\
	"r.created_at DESC, r.hlc DESC LIMIT 1) AS id FROM keys), "	\
	"latest AS (SELECT r.* FROM ids CROSS JOIN reports r "		\
	"ON r.id = ids.id) "

static enum db_status
dashboard_db_fail(sqlite3 *db, const char *what, char **cause)
{
	enum db_status st = sqlu_status(sqlite3_errcode(db));

	*cause = xasprintf("cannot read the %s: %s", what, sqlite3_errmsg(db));
	return st == DB_OK ? DB_ERROR : st;
}

static int
dashboard_db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
	return sqlite3_prepare_v2(db, sql, -1, st, NULL) == SQLITE_OK ? 0 : -1;
}

enum db_status
dashboard_db_sites(struct store *s, struct dashboard_db_site **out,
    size_t *n, char **cause)
{
	sqlite3 *db = store_handle(s);
	sqlite3_stmt *st;
	struct dashboard_db_site *v = NULL, *e;
	size_t nv = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (dashboard_db_prepare(db, "SELECT code, name, region, latitude, "
	    "longitude, sample FROM sites ORDER BY code", &st) != 0)
		return dashboard_db_fail(db, "sites", cause);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, nv + 1, sizeof *v);
		e = &v[nv++];
		memset(e, 0, sizeof *e);
		e->code = sqlu_text(st, 0);
		e->name = sqlu_text(st, 1);
		e->region = sqlu_text(st, 2);
		if (sqlite3_column_type(st, 3) != SQLITE_NULL &&
		    sqlite3_column_type(st, 4) != SQLITE_NULL) {
			e->has_coords = 1;
			e->lat = sqlite3_column_double(st, 3);
			e->lon = sqlite3_column_double(st, 4);
		}
		e->sample = sqlite3_column_int(st, 5);
	}
	if (rc != SQLITE_DONE) {
		dashboard_db_free_sites(v, nv);
		rc = dashboard_db_fail(db, "sites", cause);
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	*out = v;
	*n = nv;
	return DB_OK;
}

void
dashboard_db_free_sites(struct dashboard_db_site *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].code);
		free(v[i].name);
		free(v[i].region);
	}
	free(v);
}

enum db_status
dashboard_db_latest(struct store *s, struct dashboard_db_report **out,
    size_t *n, char **cause)
{
	sqlite3 *db = store_handle(s);
	sqlite3_stmt *st;
	struct dashboard_db_report *v = NULL, *e;
	size_t nv = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (dashboard_db_prepare(db, DASHBOARD_DB_LATEST
	    "SELECT l.id, l.report_id, l.site_code, l.site_name, l.frameworks,"
	    " l.audit_date, l.score, l.compliant, l.non_compliant,"
	    " l.review_needed, l.not_applicable, l.critical, l.penalty_usd,"
	    " l.sample, (SELECT count(*) FROM findings f"
	    " WHERE f.report_uuid = l.id)"
	    " FROM latest l ORDER BY coalesce(l.site_code, l.site_name)",
	    &st) != 0)
		return dashboard_db_fail(db, "latest reports", cause);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, nv + 1, sizeof *v);
		e = &v[nv++];
		memset(e, 0, sizeof *e);
		e->uuid = sqlu_text(st, 0);
		e->report_id = sqlu_text(st, 1);
		e->site_code = sqlu_text(st, 2);
		e->site_name = sqlu_text(st, 3);
		e->frameworks = sqlu_text(st, 4);
		e->audit_date = sqlu_text(st, 5);
		e->score = sqlite3_column_double(st, 6);
		e->compliant = sqlite3_column_int(st, 7);
		e->non_compliant = sqlite3_column_int(st, 8);
		e->review_needed = sqlite3_column_int(st, 9);
		e->not_applicable = sqlite3_column_int(st, 10);
		e->critical = sqlite3_column_int(st, 11);
		e->penalty_usd = sqlite3_column_double(st, 12);
		e->sample = sqlite3_column_int(st, 13);
		e->nfindings = sqlite3_column_int(st, 14);
	}
	if (rc != SQLITE_DONE) {
		dashboard_db_free_reports(v, nv);
		rc = dashboard_db_fail(db, "latest reports", cause);
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	*out = v;
	*n = nv;
	return DB_OK;
}

void
dashboard_db_free_reports(struct dashboard_db_report *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].uuid);
		free(v[i].report_id);
		free(v[i].site_code);
		free(v[i].site_name);
		free(v[i].frameworks);
		free(v[i].audit_date);
	}
	free(v);
}

enum db_status
dashboard_db_worst(struct store *s, const char *uuid, int limit,
    struct dashboard_db_finding **out, size_t *n, char **cause)
{
	sqlite3 *db = store_handle(s);
	sqlite3_stmt *st;
	struct dashboard_db_finding *v = NULL, *e;
	size_t nv = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (dashboard_db_prepare(db, "SELECT framework, ref, requirement, "
	    "status, priority, score, weight FROM findings "
	    "WHERE report_uuid = ?1 AND status IN "
	    "('non_compliant', 'review_needed') "
	    "ORDER BY status = 'non_compliant' DESC, coalesce(weight, 0) DESC,"
	    " coalesce(score, 0.5) ASC, seq ASC LIMIT ?2", &st) != 0)
		return dashboard_db_fail(db, "worst findings", cause);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, nv + 1, sizeof *v);
		e = &v[nv++];
		memset(e, 0, sizeof *e);
		e->framework = sqlu_text(st, 0);
		e->ref = sqlu_text(st, 1);
		e->requirement = sqlu_text(st, 2);
		e->status = sqlu_text(st, 3);
		e->priority = sqlu_text(st, 4);
		e->score = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 :
		    sqlite3_column_double(st, 5);
		e->weight = sqlite3_column_double(st, 6);
	}
	if (rc != SQLITE_DONE) {
		dashboard_db_free_findings(v, nv);
		rc = dashboard_db_fail(db, "worst findings", cause);
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	*out = v;
	*n = nv;
	return DB_OK;
}

void
dashboard_db_free_findings(struct dashboard_db_finding *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].framework);
		free(v[i].ref);
		free(v[i].requirement);
		free(v[i].status);
		free(v[i].priority);
	}
	free(v);
}

enum db_status
dashboard_db_months(struct store *s, const char *from, const char *to,
    struct dashboard_db_month **out, size_t *n, char **cause)
{
	sqlite3 *db = store_handle(s);
	sqlite3_stmt *st;
	struct dashboard_db_month *v = NULL, *e;
	size_t nv = 0;
	const unsigned char *m;
	int rc;

	*out = NULL;
	*n = 0;
	if (dashboard_db_prepare(db, "SELECT substr(audit_date, 1, 7), "
	    "avg(score), count(*), sum(sample != 0) FROM reports WHERE "
	    "score IS NOT NULL AND audit_date >= ?1 AND audit_date <= ?2 "
	    "GROUP BY 1 ORDER BY 1",
	    &st) != 0)
		return dashboard_db_fail(db, "monthly scores", cause);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		m = sqlite3_column_text(st, 0);
		if (m == NULL || strlen((const char *)m) != 7)
			continue;
		v = xreallocarray(v, nv + 1, sizeof *v);
		e = &v[nv++];
		memcpy(e->month, m, 8);
		e->avg = sqlite3_column_double(st, 1);
		e->n = sqlite3_column_int(st, 2);
		e->sample = sqlite3_column_int(st, 3);
	}
	if (rc != SQLITE_DONE) {
		free(v);
		rc = dashboard_db_fail(db, "monthly scores", cause);
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	*out = v;
	*n = nv;
	return DB_OK;
}

enum db_status
dashboard_db_matrix(struct store *s, struct dashboard_db_cell **out,
    size_t *n, char **cause)
{
	sqlite3 *db = store_handle(s);
	sqlite3_stmt *st;
	struct dashboard_db_cell *v = NULL, *e;
	size_t nv = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (dashboard_db_prepare(db, DASHBOARD_DB_LATEST
	    "SELECT f.framework, f.status, count(*) FROM latest l "
	    "CROSS JOIN findings f ON f.report_uuid = l.id "
	    "GROUP BY 1, 2 ORDER BY 1, 2",
	    &st) != 0)
		return dashboard_db_fail(db, "framework matrix", cause);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, nv + 1, sizeof *v);
		e = &v[nv++];
		e->framework = sqlu_text(st, 0);
		e->status = sqlu_text(st, 1);
		e->n = sqlite3_column_int(st, 2);
	}
	if (rc != SQLITE_DONE) {
		dashboard_db_free_cells(v, nv);
		rc = dashboard_db_fail(db, "framework matrix", cause);
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	*out = v;
	*n = nv;
	return DB_OK;
}

void
dashboard_db_free_cells(struct dashboard_db_cell *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].framework);
		free(v[i].status);
	}
	free(v);
}

enum db_status
dashboard_db_jobs(struct store *s, int active, int limit,
    struct dashboard_db_job **out, size_t *n, char **cause)
{
	sqlite3 *db = store_handle(s);
	sqlite3_stmt *st;
	struct dashboard_db_job *v = NULL, *e;
	size_t nv = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (dashboard_db_prepare(db, "SELECT id, kind, status, stage, "
	    "progress, error, attempts, cancel_requested, report_id, "
	    "created_at, started_at, finished_at FROM jobs "
	    "WHERE ?1 = 0 OR status IN ('queued', 'processing') "
	    "ORDER BY created_at DESC, hlc DESC LIMIT ?2", &st) != 0)
		return dashboard_db_fail(db, "jobs", cause);
	sqlite3_bind_int(st, 1, active);
	sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, nv + 1, sizeof *v);
		e = &v[nv++];
		memset(e, 0, sizeof *e);
		e->id = sqlu_text(st, 0);
		e->kind = sqlu_text(st, 1);
		e->status = sqlu_text(st, 2);
		e->stage = sqlu_text(st, 3);
		e->progress = sqlite3_column_int(st, 4);
		e->error = sqlu_text(st, 5);
		e->attempts = sqlite3_column_int(st, 6);
		e->cancel_requested = sqlite3_column_int(st, 7);
		e->report_id = sqlu_text(st, 8);
		e->created_at = sqlu_text(st, 9);
		e->started_at = sqlu_text(st, 10);
		e->finished_at = sqlu_text(st, 11);
	}
	if (rc != SQLITE_DONE) {
		dashboard_db_free_jobs(v, nv);
		rc = dashboard_db_fail(db, "jobs", cause);
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	*out = v;
	*n = nv;
	return DB_OK;
}

void
dashboard_db_free_jobs(struct dashboard_db_job *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].kind);
		free(v[i].status);
		free(v[i].stage);
		free(v[i].error);
		free(v[i].report_id);
		free(v[i].created_at);
		free(v[i].started_at);
		free(v[i].finished_at);
	}
	free(v);
}

int64_t
dashboard_db_version(struct store *s)
{
	sqlite3 *db = store_handle(s);
	sqlite3_stmt *st;
	int64_t v = -1;

	if (dashboard_db_prepare(db, "PRAGMA data_version", &st) != 0)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (v < 0)
		return -1;
	/* data_version ignores this connection's own commits. */
	return v * 1000003 + sqlite3_total_changes(db);
}

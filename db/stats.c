/* SPDX-License-Identifier: MIT */
/* Monitoring counts over the local store. */
#include "db/stats.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "db/sqlu.h"

static int
db_stats_counts(struct store *store, const char *sql, const char *arg,
    struct db_count **out, size_t *n)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	st = sqlu_prepare(store, sql);
	sqlu_bind(st, 1, arg);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[*n].key = sqlu_text(st, 0);
		(*out)[*n].n = (long)sqlite3_column_int64(st, 1);
		(*n)++;
	}
	sqlite3_finalize(st);
	return rc;
}

static long
db_stats_one(struct store *store, const char *sql)
{
	sqlite3_stmt *st;
	long v = 0;

	st = sqlu_prepare(store, sql);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

enum db_status
db_stats_collect(struct store *store, int days, struct db_stats *out,
    char **cause)
{
	char since[16];
	int rc;

	memset(out, 0, sizeof *out);
	if (days > 0)
		clock_format_date(clock_now_ms() - (int64_t)days * 86400000,
		    since, sizeof since);
	rc = db_stats_counts(store, "SELECT status, count(*) FROM sessions "
	    "GROUP BY status ORDER BY status", NULL, &out->sessions,
	    &out->nsessions);
	if (rc == SQLITE_DONE)
		rc = db_stats_counts(store, "SELECT status, count(*) FROM jobs "
		    "GROUP BY status ORDER BY status", NULL, &out->jobs,
		    &out->njobs);
	if (rc == SQLITE_DONE)
		rc = db_stats_counts(store, "SELECT audit_date, count(*) FROM "
		    "reports WHERE ?1 IS NULL OR audit_date >= ?1 GROUP BY "
		    "audit_date ORDER BY audit_date", days > 0 ? since : NULL,
		    &out->audits, &out->naudits);
	if (rc != SQLITE_DONE) {
		db_stats_release(out);
		return sqlu_fail(store, rc, "cannot collect statistics", cause);
	}
	out->active_sessions = db_stats_one(store, "SELECT count(*) FROM "
	    "sessions WHERE status IN ('in_progress', 'paused')");
	out->reports = db_stats_one(store, "SELECT count(*) FROM reports");
	out->sample_reports = db_stats_one(store, "SELECT count(*) FROM "
	    "reports WHERE sample = 1");
	out->answers = db_stats_one(store, "SELECT count(*) FROM answers");
	out->outbox = db_stats_one(store, "SELECT count(*) FROM outbox");
	return DB_OK;
}

static void
db_stats_free_counts(struct db_count *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].key);
	free(v);
}

void
db_stats_release(struct db_stats *s)
{
	db_stats_free_counts(s->sessions, s->nsessions);
	db_stats_free_counts(s->jobs, s->njobs);
	db_stats_free_counts(s->audits, s->naudits);
	memset(s, 0, sizeof *s);
}

/* SPDX-License-Identifier: MIT */
/*
 * Sync bookkeeping in the local store (see db/sync_local.h). Short
 * statements only; the callers own the transactions.
 */
#include "db/sync_local.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/base/clock.h"
#include "core/base/log.h"
#include "core/base/xmalloc.h"
#include "db/pg_int.h"
#include "db/sync_tables.h"

char *
sync_local_get(struct store *s, const char *key)
{
	sqlite3 *db = store_handle(s);
	sqlite3_stmt *st;
	char *v = NULL;

	if (sqlite3_prepare_v2(db, "SELECT value FROM sync_state "
	    "WHERE key = ?1", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

static enum db_status
sync_local_fail(struct store *s, const char *what, char **cause)
{
	sqlite3 *db = store_handle(s);
	int rc = sqlite3_errcode(db);

	if (cause != NULL)
		*cause = xasprintf("cannot %s in '%s': %s", what,
		    store_path(s), sqlite3_errmsg(db));
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? DB_BUSY : DB_ERROR;
}

enum db_status
sync_local_set(struct store *s, const char *key, const char *value,
    char **cause)
{
	sqlite3 *db = store_handle(s);
	sqlite3_stmt *st;
	int rc;

	if (value == NULL)
		rc = sqlite3_prepare_v2(db, "DELETE FROM sync_state "
		    "WHERE key = ?1", -1, &st, NULL);
	else
		rc = sqlite3_prepare_v2(db, "INSERT INTO sync_state(key, "
		    "value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE "
		    "SET value = excluded.value", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return sync_local_fail(s, "save the sync state", cause);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (value != NULL)
		sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sync_local_fail(s, "save the sync state", cause);
	return DB_OK;
}

enum db_status
sync_local_quarantine(struct store *s, const char *side, const char *tbl,
    const char *row_id, const char *hlc, const char *reason,
    const char *body, char **cause)
{
	sqlite3 *db = store_handle(s);
	sqlite3_stmt *st;
	char now[32];
	int rc;

	clock_format_iso(clock_now_ms(), now, sizeof now);
	rc = sqlite3_prepare_v2(db, "INSERT INTO sync_quarantine(side, tbl, "
	    "row_id, hlc, reason, body, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return sync_local_fail(s, "quarantine a record", cause);
	sqlite3_bind_text(st, 1, side, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, row_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, hlc, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sync_local_fail(s, "quarantine a record", cause);
	log_warn("quarantined %s row '%s' (%s): %s", tbl,
	    row_id != NULL ? row_id : "?", side, reason);
	return DB_OK;
}

static char *
sync_local_col(sqlite3_stmt *st, int c)
{
	const unsigned char *v = sqlite3_column_text(st, c);

	return v != NULL ? xstrdup((const char *)v) : NULL;
}

enum db_status
sync_local_refused_list(struct store *s, size_t max,
    struct sync_local_refused **out, size_t *n, char **cause)
{
	struct sync_local_refused *r;
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(store_handle(s), "SELECT side, tbl, row_id, "
	    "reason, at FROM sync_quarantine ORDER BY id DESC LIMIT ?1", -1,
	    &st, NULL) != SQLITE_OK)
		return sync_local_fail(s, "read the quarantine", cause);
	sqlite3_bind_int64(st, 1, (sqlite3_int64)max);
	while (sqlite3_step(st) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		r = &(*out)[(*n)++];
		r->side = sync_local_col(st, 0);
		r->tbl = sync_local_col(st, 1);
		r->row_id = sync_local_col(st, 2);
		r->reason = sync_local_col(st, 3);
		r->at = sync_local_col(st, 4);
	}
	sqlite3_finalize(st);
	return DB_OK;
}

void
sync_local_refused_free(struct sync_local_refused *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(r[i].side);
		free(r[i].tbl);
		free(r[i].row_id);
		free(r[i].reason);
		free(r[i].at);
	}
	free(r);
}

int64_t
sync_local_parse_iso(const char *s)
{
	int y, mo, d, h, mi, sec;
	char z;

	if (s == NULL || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d,
	    &h, &mi, &sec, &z) != 7 || z != 'Z' || mo < 1 || mo > 12 ||
	    d < 1 || d > 31)
		return 0;
	return ((clock_days_from_civil(y, (unsigned)mo, (unsigned)d) * 24 +
	    h) * 60 + mi) * 60000LL + sec * 1000LL;
}

enum db_status
sync_local_stats(struct store *s, struct sync_local_stats *out,
    char **cause)
{
	sqlite3 *db = store_handle(s);
	sqlite3_stmt *st;
	char *v;

	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM outbox), "
	    "(SELECT min(created_at) FROM outbox), "
	    "(SELECT count(*) FROM sync_quarantine)", -1, &st, NULL) !=
	    SQLITE_OK)
		return sync_local_fail(s, "read the sync state", cause);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return sync_local_fail(s, "read the sync state", cause);
	}
	out->pending = sqlite3_column_int64(st, 0);
	out->oldest_pending_ms = sync_local_parse_iso(
	    (const char *)sqlite3_column_text(st, 1));
	out->quarantined = sqlite3_column_int64(st, 2);
	sqlite3_finalize(st);
	out->cursor = sync_local_get(s, "cursor");
	out->server_id = sync_local_get(s, "server_id");
	out->batch = sync_local_get(s, "batch");
	out->last_error = sync_local_get(s, "last_error");
	if (out->last_error != NULL && *out->last_error == '\0')
		XFREE(out->last_error);
	v = sync_local_get(s, "last_sync");
	out->last_sync_ms = sync_local_parse_iso(v);
	free(v);
	v = sync_local_get(s, "clock_skew_s");
	out->clock_skew_ms = v != NULL ? strtoll(v, NULL, 10) * 1000 : 0;
	free(v);
	return DB_OK;
}

void
sync_local_stats_release(struct sync_local_stats *st)
{
	free(st->cursor);
	free(st->server_id);
	free(st->last_error);
	free(st->batch);
	memset(st, 0, sizeof *st);
}

/*
 * Queues every local travelling row again (a new server) and forgets the
 * old server's report times. In a txn.
 */
static int
sync_local_requeue(struct store *s)
{
	const struct sync_table *t;
	char *sql, now[32];
	size_t i;
	int rc;

	clock_format_iso(clock_now_ms(), now, sizeof now);
	for (i = 0; i < sync_tables_count; i++) {
		t = &sync_tables[i];
		sql = xasprintf("INSERT INTO outbox(tbl, row_id, hlc, "
		    "created_at) SELECT '%s', id, hlc, '%s' FROM %s", t->name,
		    now, t->name);
		rc = sqlite3_exec(store_handle(s), sql, NULL, NULL, NULL);
		free(sql);
		if (rc != SQLITE_OK)
			return -1;
	}
	/* The old server's times say nothing about the new one. */
	if (sqlite3_exec(store_handle(s), "UPDATE reports SET "
	    "server_received_at = NULL", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	return 0;
}

enum db_status
sync_local_bind_server(struct store *s, struct pg *pg, char **cause)
{
	PGresult *res;
	enum db_status st;
	char *have;

	res = pg_query(pg, "SELECT value FROM vosync.server "
	    "WHERE key = 'server_id'", 0, NULL, PGRES_TUPLES_OK, &st, cause);
	if (res == NULL)
		return st;
	if (PQntuples(res) != 1) {
		PQclear(res);
		*cause = xasprintf("server '%s' has no id: run 'vigilore db "
		    "init --pg'", pg->name);
		return DB_ERROR;
	}
	have = sync_local_get(s, "server_id");
	if (have != NULL && strcmp(have, PQgetvalue(res, 0, 0)) == 0) {
		free(have);
		PQclear(res);
		return DB_OK;
	}
	st = store_begin(s, cause);
	if (st != DB_OK)
		goto out;
	if (have != NULL) {
		log_warn("store '%s' now syncs with another server (%s, was "
		    "%s): queueing every row again", store_path(s),
		    PQgetvalue(res, 0, 0), have);
		if (sync_local_requeue(s) == -1) {
			st = sync_local_fail(s, "queue rows", cause);
			store_rollback(s);
			goto out;
		}
	}
	st = sync_local_set(s, "server_id", PQgetvalue(res, 0, 0), cause);
	if (st == DB_OK)
		st = sync_local_set(s, "cursor", "0", cause);
	if (st == DB_OK)
		st = sync_local_set(s, "cursor_safe", "0", cause);
	if (st == DB_OK)
		st = sync_local_set(s, "batch", NULL, cause);
	if (st == DB_OK)
		st = sync_local_set(s, "upto", NULL, cause);
	if (st != DB_OK) {
		store_rollback(s);
		goto out;
	}
	st = store_commit(s, cause);
	/* What this connection pulled belongs to the old server. */
	pg->pull_from[0] = pg->pend_xid[0] = pg->pend_lsn[0] = '\0';
out:
	free(have);
	PQclear(res);
	return st;
}

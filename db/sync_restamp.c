/* SPDX-License-Identifier: MIT */
/*
 * Re-stamping queued rows stamped far ahead of the server clock (see
 * db/sync_restamp.h). Runs on the push's thread, with its struct store.
 */
#include "db/sync_restamp.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/base/hlc.h"
#include "core/base/log.h"
#include "core/base/uuid.h"
#include "core/base/xmalloc.h"
#include "db/outbox.h"
#include "db/pg_int.h"
#include "db/sqlu.h"
#include "db/sync_local.h"
#include "db/sync_tables.h"

#define SYNC_RESTAMP_REASON "HLC stamp more than 24 h ahead of the server " \
	"clock (device clock skew): re-stamped"

/* A queued row to re-stamp: its id and old stamp. */
struct sync_restamp_row {
	char	*id;
	char	*hlc;
};

/*
 * The first stamp text beyond the guard: a well-formed stamp sorts at or
 * after it exactly when its wall time is more than PG_MAX_DRIFT_MS ahead
 * of SRV_MS (the text form sorts as the stamps compare).
 */
static void
sync_restamp_limit(int64_t srv_ms, char *out, size_t len)
{
	snprintf(out, len, "%013" PRId64,
	    (int64_t)(srv_ms + PG_MAX_DRIFT_MS + 1));
}

static enum db_status
sync_restamp_fail(struct store *s, const char *what, char **cause)
{
	sqlite3 *db = store_handle(s);

	*cause = xasprintf("cannot %s in '%s': %s", what, store_path(s),
	    sqlite3_errmsg(db));
	return sqlu_status(sqlite3_errcode(db));
}

/*
 * 1 when a change queued after AFTER is stamped at or beyond LIMIT, 0
 * when none is, -1 on a failure. A read on the outbox alone, no
 * transaction: every local write queues its own stamp, so a row whose
 * current version is ahead has a queued entry that says so, even when
 * that entry lies beyond UPTO (then the whole re-stamp runs now rather
 * than letting the guard refuse the row in this batch). The common case
 * (nothing ahead) costs one scan of the queue's stamps, no lookups.
 */
static int
sync_restamp_needed(struct store *s, const char *limit, int64_t after,
    int64_t upto)
{
	sqlite3_stmt *st;
	int rc;

	(void)upto;
	rc = sqlite3_prepare_v2(store_handle(s), "SELECT 1 FROM outbox WHERE "
	    "seq > ?1 AND hlc >= ?2 LIMIT 1", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_text(st, 2, limit, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * The newest stamp this store holds below LIMIT, in *FLOOR: the store's
 * clock when it is not ahead itself, else the newest row of any
 * travelling table (ours or pulled). 0 when there is none. Every stamp
 * that may have travelled is below LIMIT, so the new stamps follow them.
 */
static int
sync_restamp_floor(struct store *s, const char *limit, struct hlc *floor)
{
	const struct sync_table *t;
	sqlite3_stmt *st;
	struct hlc h;
	char *v, *sql;
	size_t i;
	int have = 0;

	v = store_meta_get(s, "hlc_last");
	if (v != NULL && strcmp(v, limit) < 0 && hlc_parse(v, floor) == 0) {
		free(v);
		return 1;
	}
	free(v);
	for (i = 0; i < sync_tables_count; i++) {
		t = &sync_tables[i];
		sql = xasprintf("SELECT max(hlc) FROM %s WHERE hlc < ?1",
		    t->name);
		if (sqlite3_prepare_v2(store_handle(s), sql, -1, &st, NULL) !=
		    SQLITE_OK) {
			free(sql);
			continue;
		}
		free(sql);
		sqlite3_bind_text(st, 1, limit, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_type(st, 0) == SQLITE_TEXT &&
		    hlc_parse((const char *)sqlite3_column_text(st, 0), &h) ==
		    0 && (!have || hlc_compare(&h, floor) > 0)) {
			*floor = h;
			have = 1;
		}
		sqlite3_finalize(st);
	}
	return have;
}

/* The queued rows of T of this device stamped at or beyond LIMIT. */
static enum db_status
sync_restamp_rows(struct store *s, const struct sync_table *t,
    const char *limit, struct sync_restamp_row **out, size_t *n,
    char **cause)
{
	sqlite3_stmt *st;
	char *sql;
	int rc;

	*out = NULL;
	*n = 0;
	sql = xasprintf("SELECT id, hlc FROM %s WHERE id IN (SELECT row_id "
	    "FROM outbox WHERE tbl = ?1) AND hlc >= ?2 AND device = ?3 "
	    "ORDER BY hlc", t->name);
	rc = sqlite3_prepare_v2(store_handle(s), sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return sync_restamp_fail(s, "read queued changes", cause);
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, limit, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, store_device_id(s), -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[*n].id = sqlu_text(st, 0);
		(*out)[(*n)++].hlc = sqlu_text(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sync_restamp_fail(s, "read queued changes", cause);
	return DB_OK;
}

static void
sync_restamp_rows_free(struct sync_restamp_row *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].hlc);
	}
	free(v);
}

/* Runs SQL with text parameters P (NPARAMS of them). */
static enum db_status
sync_restamp_exec(struct store *s, const char *sql, const char *const *p,
    int nparams, char **cause)
{
	sqlite3_stmt *st;
	int i, rc;

	if (sqlite3_prepare_v2(store_handle(s), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return sync_restamp_fail(s, "re-stamp a queued change", cause);
	for (i = 0; i < nparams; i++)
		sqlite3_bind_text(st, i + 1, p[i], -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sync_restamp_fail(s, "re-stamp a queued change", cause);
	return DB_OK;
}

/*
 * Gives row R of T the stamp NEW and queues it in place of its old
 * version. An answer version is a new history row (the history is
 * append-only), and the answer takes the new stamp when it held the old.
 */
static enum db_status
sync_restamp_row(struct store *s, const struct sync_table *t,
    const struct sync_restamp_row *r, const char *new, char **cause)
{
	const char *p[3];
	char hid[UUID_TEXT_LEN], *sql, *reason;
	enum db_status st;

	p[0] = t->name;
	p[1] = r->id;
	st = sync_restamp_exec(s, "DELETE FROM outbox WHERE tbl = ?1 AND "
	    "row_id = ?2", p, 2, cause);
	if (st != DB_OK)
		return st;
	if (strcmp(t->name, "answer_history") == 0) {
		uuid_generate(hid);
		p[0] = hid;
		p[1] = new;
		p[2] = r->id;
		st = sync_restamp_exec(s, "INSERT INTO answer_history (id, "
		    "answer_id, session_id, question_id, state, value, notes, "
		    "confidence, evidence, author, device, hlc, answered_at) "
		    "SELECT ?1, answer_id, session_id, question_id, state, "
		    "value, notes, confidence, evidence, author, device, ?2, "
		    "answered_at FROM answer_history WHERE id = ?3", p, 3,
		    cause);
		if (st != DB_OK)
			return st;
		p[0] = new;
		p[1] = r->hlc;
		p[2] = r->id;
		st = sync_restamp_exec(s, "UPDATE answers SET hlc = ?1 WHERE "
		    "(session_id, question_id) = (SELECT session_id, "
		    "question_id FROM answer_history WHERE id = ?3) AND "
		    "hlc = ?2", p, 3, cause);
		if (st != DB_OK)
			return st;
		outbox_add(s, t->name, hid, new);
		reason = xasprintf("%s %s from the server clock; sent as "
		    "history row '%s'", SYNC_RESTAMP_REASON, new, hid);
	} else {
		sql = xasprintf("UPDATE %s SET hlc = ?1 WHERE id = ?2",
		    t->name);
		p[0] = new;
		p[1] = r->id;
		st = sync_restamp_exec(s, sql, p, 2, cause);
		free(sql);
		if (st != DB_OK)
			return st;
		outbox_add(s, t->name, r->id, new);
		reason = xasprintf("%s %s from the server clock",
		    SYNC_RESTAMP_REASON, new);
	}
	st = sync_local_quarantine(s, "push", t->name, r->id, r->hlc, reason,
	    NULL, cause);
	free(reason);
	return st;
}

/* Re-stamps every queued row beyond LIMIT; in the caller's transaction. */
static enum db_status
sync_restamp_all(struct store *s, int64_t srv_ms, const char *limit,
    size_t *n, char **cause)
{
	const struct sync_table *t;
	struct sync_restamp_row *rows;
	struct hlc cur, old, next;
	char new[HLC_TEXT_MAX], *last;
	enum db_status st = DB_OK;
	size_t i, j, nrows;
	int have;

	have = sync_restamp_floor(s, limit, &cur);
	for (i = 0; i < sync_tables_count && st == DB_OK; i++) {
		t = &sync_tables[i];
		if (t->via != NULL)
			continue;
		st = sync_restamp_rows(s, t, limit, &rows, &nrows, cause);
		for (j = 0; j < nrows && st == DB_OK; j++) {
			/* A malformed stamp is left to the guard. */
			if (hlc_parse(rows[j].hlc, &old) == -1)
				continue;
			hlc_next(have ? &cur : NULL, srv_ms,
			    store_device_id(s), &next);
			cur = next;
			have = 1;
			hlc_format(&cur, new, sizeof new);
			st = sync_restamp_row(s, t, &rows[j], new, cause);
			if (st == DB_OK)
				(*n)++;
		}
		sync_restamp_rows_free(rows, nrows);
	}
	if (st != DB_OK || !have)
		return st;
	/*
	 * Pull the store's clock back to the newest stamp that can travel.
	 * An HLC must never hand out a stamp below one it handed out before
	 * for the same rows: a later write would then lose to an earlier
	 * one. Lowering is safe here because every stamp above CUR is
	 * beyond the guard, and those never leave this store: the queued
	 * ones were all just re-stamped (in this transaction, so no write
	 * can slip in between), the old versions are no longer queued, and
	 * the server refuses any that would still come. Every stamp that
	 * did or will travel (ours before, the pulled ones, the new ones) is
	 * at or below CUR, so stamps handed out from now on still follow
	 * all of them. The far-ahead history rows kept locally lose nothing:
	 * the answers row, not the history, decides locally, and it now
	 * holds the new stamp.
	 */
	hlc_format(&cur, new, sizeof new);
	last = store_meta_get(s, "hlc_last");
	if (last == NULL || strcmp(last, limit) >= 0 || strcmp(last, new) < 0)
		st = store_meta_set(s, "hlc_last", new, cause);
	free(last);
	return st;
}

enum db_status
sync_restamp(struct store *s, int64_t srv_ms, int64_t after, int64_t upto,
    size_t *n, char **cause)
{
	enum db_status st;
	char limit[32];
	size_t done = 0;
	int r;

	sync_restamp_limit(srv_ms, limit, sizeof limit);
	r = sync_restamp_needed(s, limit, after, upto);
	if (r == 0)
		return DB_OK;
	if (r == -1)
		return sync_restamp_fail(s, "read queued changes", cause);
	st = store_begin(s, cause);
	if (st != DB_OK)
		return st;
	st = sync_restamp_all(s, srv_ms, limit, &done, cause);
	if (st != DB_OK) {
		store_rollback(s);
		return st;
	}
	st = store_commit(s, cause);
	if (st != DB_OK)
		return st;
	if (done > 0)
		log_warn("re-stamped %zu queued change%s stamped more than "
		    "24 h ahead of the server clock", done, done == 1 ? "" :
		    "s");
	*n += done;
	return DB_OK;
}

/* SPDX-License-Identifier: MIT */
/*
 * Pull: server rows -> local store (see db/sync_pull.h for the cursor
 * rule). Runs on the thread that owns the struct store and struct pg.
 */
#include "db/sync_pull.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/base/clock.h"
#include "core/base/hlc.h"
#include "core/base/log.h"
#include "core/base/xmalloc.h"
#include "db/pg_int.h"
#include "db/sync_local.h"
#include "db/sync_tables.h"

#define SYNC_PULL_FETCH 5000
/* How long a first pull waits for its cursor to be durable: 1 s. */
#define SYNC_PULL_FLUSH_TRIES 50
#define SYNC_PULL_FLUSH_WAIT_MS 20

/* The local upsert of table T (newer HLC wins; no outbox row). */
static char *
sync_pull_sql(const struct sync_table *t)
{
	struct buf b;
	char *out;
	size_t i, n = sync_tables_ncols(t);

	buf_init(&b, 0);
	buf_printf(&b, "INSERT %sINTO %s (", t->append_only ? "OR IGNORE " :
	    "", t->name);
	sync_tables_cols(t, &b, "");
	buf_puts(&b, ") VALUES (");
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s?%zu", i > 0 ? ", " : "", i + 1);
	buf_putc(&b, ')');
	if (!t->append_only) {
		buf_printf(&b, " ON CONFLICT(%s) DO UPDATE SET ", t->key);
		sync_tables_set_excluded(t, &b);
		if (strcmp(t->name, "answers") == 0)
			buf_printf(&b, ", changed_elsewhere = CASE WHEN "
			    "answers.device = ?%zu THEN 1 ELSE "
			    "answers.changed_elsewhere END", n + 1);
		buf_printf(&b, " WHERE excluded.hlc > %s.hlc", t->name);
	}
	out = buf_detach(&b);
	buf_release(&b);
	return out;
}

/*
 * 1 when the local answer for row ROW of RES was written by DEVICE and is
 * older (so the upsert replaces one of ours). OURS is prepared by the
 * caller.
 */
static int
sync_pull_was_ours(sqlite3_stmt *ours, const PGresult *res, int row,
    const struct sync_table *t, const char *device)
{
	int yes;

	sqlite3_reset(ours);
	sqlite3_bind_text(ours, 1, PQgetvalue(res, row,
	    sync_tables_col(t, "session_id")), -1, SQLITE_STATIC);
	sqlite3_bind_text(ours, 2, PQgetvalue(res, row,
	    sync_tables_col(t, "question_id")), -1, SQLITE_STATIC);
	sqlite3_bind_text(ours, 3, device, -1, SQLITE_STATIC);
	sqlite3_bind_text(ours, 4, PQgetvalue(res, row,
	    sync_tables_col(t, "hlc")), -1, SQLITE_STATIC);
	yes = sqlite3_step(ours) == SQLITE_ROW;
	sqlite3_reset(ours);
	return yes;
}

/*
 * Why row ROW of RES cannot be applied although the store would take it,
 * or NULL: a stamp far ahead of the server clock (no terminal can push
 * one past the drift guard; applied, it would win over every later
 * version forever), and for answers a value that is not JSON, evidence
 * that is not a JSON array, or a confidence outside 0..1 (what a terminal
 * checks before it writes). Such rows come from a hand-written or broken
 * server row; they are quarantined. CHK is "SELECT json_valid(?1),
 * json_type(?2)", prepared by the caller.
 */
static const char *
sync_pull_refuse(const struct sync_table *t, const PGresult *res, int row,
    int64_t srv_ms, sqlite3_stmt *chk)
{
	struct hlc h;
	const char *why = NULL;
	double conf;
	int c, cv, ce, cc;

	c = sync_tables_col(t, "hlc");
	if (c >= 0 && !PQgetisnull(res, row, c) &&
	    hlc_parse(PQgetvalue(res, row, c), &h) == 0 && srv_ms > 0 &&
	    h.wall_ms > srv_ms + PG_MAX_DRIFT_MS)
		return "stamped far ahead of the server clock";
	cv = sync_tables_col(t, "value");
	ce = sync_tables_col(t, "evidence");
	cc = sync_tables_col(t, "confidence");
	if (chk == NULL || cv < 0 || ce < 0 || cc < 0)
		return NULL;
	if (!PQgetisnull(res, row, cc)) {
		conf = strtod(PQgetvalue(res, row, cc), NULL);
		if (!(conf >= 0.0 && conf <= 1.0))
			return "confidence outside 0..1";
	}
	sqlite3_reset(chk);
	sqlite3_clear_bindings(chk);
	if (!PQgetisnull(res, row, cv))
		sqlite3_bind_text(chk, 1, PQgetvalue(res, row, cv), -1,
		    SQLITE_STATIC);
	if (!PQgetisnull(res, row, ce))
		sqlite3_bind_text(chk, 2, PQgetvalue(res, row, ce), -1,
		    SQLITE_STATIC);
	if (sqlite3_step(chk) != SQLITE_ROW)
		why = NULL;
	else if (!PQgetisnull(res, row, cv) &&
	    sqlite3_column_int(chk, 0) != 1)
		why = "value is not JSON";
	else if (!PQgetisnull(res, row, ce) &&
	    (sqlite3_column_type(chk, 1) == SQLITE_NULL ||
	    strcmp((const char *)sqlite3_column_text(chk, 1), "array") != 0))
		why = "evidence is not a JSON array";
	sqlite3_reset(chk);
	return why;
}

/* 1 when the pulled row ROW_ID at HLC of TBL is already quarantined. */
static int
sync_pull_known(sqlite3 *db, const char *tbl, const char *row_id,
    const char *hlc)
{
	sqlite3_stmt *st;
	int yes = 0;

	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sync_quarantine WHERE "
	    "side = 'pull' AND tbl = ?1 AND row_id IS ?2 AND hlc IS ?3", -1,
	    &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, row_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, hlc, -1, SQLITE_STATIC);
	yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

/*
 * Applies the rows of RES to table T inside the caller's transaction.
 * Keeps the newest stamp seen in MAXHLC. -1 on a store failure.
 */
static int
sync_pull_apply(struct store *s, const struct sync_table *t,
    const PGresult *res, int64_t srv_ms, char *maxhlc,
    struct sync_pull_result *out, char **cause)
{
	sqlite3 *db = store_handle(s);
	const char *device = store_device_id(s), *v, *why;
	sqlite3_stmt *st, *was = NULL, *chk = NULL;
	char *sql, *reason;
	int r, c, n, rc, hc, ours, isans;

	isans = strcmp(t->name, "answers") == 0;
	sql = sync_pull_sql(t);
	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	free(sql);
	if (rc == SQLITE_OK && isans)
		rc = sqlite3_prepare_v2(db, "SELECT 1 FROM answers WHERE "
		    "session_id = ?1 AND question_id = ?2 AND device = ?3 AND "
		    "hlc < ?4", -1, &was, NULL);
	if (rc == SQLITE_OK && sync_tables_col(t, "value") >= 0)
		rc = sqlite3_prepare_v2(db, "SELECT json_valid(?1), "
		    "CASE WHEN json_valid(?2) THEN json_type(?2) END", -1, &chk,
		    NULL);
	if (rc != SQLITE_OK) {
		*cause = xasprintf("cannot apply %s in '%s': %s", t->name,
		    store_path(s), sqlite3_errmsg(db));
		sqlite3_finalize(st);
		sqlite3_finalize(was);
		return -1;
	}
	n = (int)sync_tables_ncols(t);
	hc = sync_tables_col(t, "hlc");
	for (r = 0; r < PQntuples(res); r++) {
		out->rows++;
		why = sync_pull_refuse(t, res, r, srv_ms, chk);
		if (why != NULL) {
			rc = SQLITE_CONSTRAINT;
			goto refuse;
		}
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		for (c = 0; c < n; c++) {
			if (PQgetisnull(res, r, c))
				continue;
			v = PQgetvalue(res, r, c);
			switch (t->types[c]) {
			case SYNC_COL_INT:
				sqlite3_bind_int64(st, c + 1,
				    strtoll(v, NULL, 10));
				break;
			case SYNC_COL_REAL:
				sqlite3_bind_double(st, c + 1,
				    strtod(v, NULL));
				break;
			default:
				sqlite3_bind_text(st, c + 1, v, -1,
				    SQLITE_STATIC);
				break;
			}
		}
		ours = 0;
		if (isans) {
			sqlite3_bind_text(st, n + 1, device, -1,
			    SQLITE_STATIC);
			ours = sync_pull_was_ours(was, res, r, t, device);
		}
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) {
			if (sqlite3_changes(db) > 0) {
				out->applied++;
				out->conflicts += ours;
			}
			v = PQgetvalue(res, r, hc);
			if (strcmp(v, maxhlc) > 0 &&
			    strlen(v) < HLC_TEXT_MAX)
				snprintf(maxhlc, HLC_TEXT_MAX, "%s", v);
			continue;
		}
		if ((rc & 0xff) != SQLITE_CONSTRAINT &&
		    (rc & 0xff) != SQLITE_MISMATCH) {
			*cause = xasprintf("cannot apply %s in '%s': %s",
			    t->name, store_path(s), sqlite3_errmsg(db));
			sqlite3_finalize(st);
			sqlite3_finalize(was);
			sqlite3_finalize(chk);
			return -1;
		}
		why = sqlite3_errmsg(db);
refuse:
		/* Pulled again (a new connection starts a little back). */
		if (sync_pull_known(db, t->name, PQgetvalue(res, r, 0),
		    PQgetvalue(res, r, hc)))
			continue;
		reason = xstrdup(why);
		rc = sync_local_quarantine(s, "pull", t->name,
		    PQgetvalue(res, r, 0), PQgetvalue(res, r, hc), reason,
		    NULL, cause);
		free(reason);
		if (rc != DB_OK) {
			sqlite3_finalize(st);
			sqlite3_finalize(was);
			sqlite3_finalize(chk);
			return -1;
		}
		out->quarantined++;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(was);
	sqlite3_finalize(chk);
	return 0;
}

/*
 * The server's time of every report version in the round's range, ours
 * included (the main pull skips our own rows), stored beside the device's
 * own times in reports.server_received_at, where the local version is the
 * same (same HLC). Run after the reports themselves were applied, in the
 * same snapshot: one small query a round, report ids and times only.
 */
static enum db_status
sync_pull_stamp(struct store *s, struct pg *pg, const char *const *params,
    struct sync_pull_result *out, char **cause)
{
	sqlite3 *db = store_handle(s);
	sqlite3_stmt *st = NULL;
	PGresult *res;
	enum db_status rc;
	int r;

	res = pg_query(pg, "SELECT report_id, hlc, to_char(srv_time AT TIME "
	    "ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM "
	    "vosync.reports WHERE srv_xid >= $1::bigint AND srv_xid < "
	    "$2::bigint",
	    2, params, PGRES_TUPLES_OK, &rc, cause);
	if (res == NULL)
		return rc;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return DB_OK;
	}
	rc = store_begin(s, cause);
	if (rc != DB_OK) {
		PQclear(res);
		return rc;
	}
	if (sqlite3_prepare_v2(db, "UPDATE reports SET server_received_at = ?3 "
	    "WHERE report_id = ?1 AND hlc = ?2 AND server_received_at IS NOT "
	    "?3", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	for (r = 0; r < PQntuples(res); r++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, PQgetvalue(res, r, 0), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 2, PQgetvalue(res, r, 1), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 3, PQgetvalue(res, r, 2), -1,
		    SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto fail;
		out->stamped += (size_t)sqlite3_changes(db);
	}
	sqlite3_finalize(st);
	PQclear(res);
	return store_commit(s, cause);
fail:
	*cause = xasprintf("cannot store the server time of reports in "
	    "'%s': %s", store_path(s), sqlite3_errmsg(db));
	sqlite3_finalize(st);
	store_rollback(s);
	PQclear(res);
	return DB_ERROR;
}

/*
 * Merges the newest remote stamp into this store's clock. In a txn; a
 * failure fails the pull's last transaction, so the cursor stays.
 */
static enum db_status
sync_pull_merge_clock(struct store *s, const char *maxhlc, int64_t srv_ms,
    char **cause)
{
	struct hlc last, remote, next;
	char *prev, out[HLC_TEXT_MAX];
	int have;

	if (*maxhlc == '\0' || hlc_parse(maxhlc, &remote) == -1)
		return DB_OK;
	/* Drift guard: never jump to a stamp far ahead of the server. */
	if (remote.wall_ms > srv_ms + PG_MAX_DRIFT_MS)
		return DB_OK;
	prev = store_meta_get(s, "hlc_last");
	have = prev != NULL && hlc_parse(prev, &last) == 0;
	free(prev);
	if (have && hlc_compare(&last, &remote) >= 0)
		return DB_OK;
	hlc_recv(have ? &last : NULL, &remote, clock_now_ms(),
	    store_device_id(s), &next);
	hlc_format(&next, out, sizeof out);
	return store_meta_set(s, "hlc_last", out, cause);
}

/*
 * Whether the server's WAL is flushed up to LSN (*flushed) and up to the
 * pending cursor's position of this connection (*pend, 0 without one).
 */
static enum db_status
sync_pull_flushed(struct pg *pg, const char *lsn, int *flushed, int *pend,
    char **cause)
{
	const char *params[2];
	PGresult *res;
	enum db_status st;

	params[0] = lsn;
	params[1] = pg->pend_lsn[0] != '\0' ? pg->pend_lsn : lsn;
	res = pg_query(pg, "SELECT pg_current_wal_flush_lsn() >= "
	    "$1::pg_lsn, pg_current_wal_flush_lsn() >= $2::pg_lsn", 2, params,
	    PGRES_TUPLES_OK, &st, cause);
	if (res == NULL)
		return st;
	*flushed = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	*pend = pg->pend_lsn[0] != '\0' &&
	    strcmp(PQgetvalue(res, 0, 1), "t") == 0;
	PQclear(res);
	return DB_OK;
}

enum db_status
sync_pull(struct store *s, struct pg *pg, struct sync_pull_result *out,
    char **cause)
{
	const struct sync_table *t;
	const char *params[3], *safe;
	char *cursor, *xmin = NULL, *lsn = NULL, *oldsafe = NULL;
	char maxhlc[HLC_TEXT_MAX] = "", fetch[64], now[32];
	PGresult *res = NULL;
	enum db_status st;
	struct buf sql;
	int64_t srv_ms = 0;
	size_t i;
	int more, flushed = 0, pend_flushed = 0, tries;

	st = sync_local_bind_server(s, pg, cause);
	if (st != DB_OK)
		return st;
	/*
	 * A new connection starts at the cursor known to be durable (the
	 * server may have crashed since the last pull and handed out the
	 * ids above it again); a connection that pulled before goes on
	 * where it stopped (no crash can have happened while it lives).
	 */
	oldsafe = sync_local_get(s, "cursor_safe");
	if (pg->pull_from[0] != '\0')
		cursor = xstrdup(pg->pull_from);
	else if (oldsafe != NULL)
		cursor = xstrdup(oldsafe);
	else if ((cursor = sync_local_get(s, "cursor")) == NULL)
		cursor = xstrdup("0");
	buf_init(&sql, 0);
	st = pg_exec(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
	    cause);
	if (st != DB_OK)
		goto out;
	/* The WAL position is read after the snapshot was taken. */
	res = pg_query(pg, "SELECT pg_snapshot_xmin(pg_current_snapshot())"
	    "::text, (extract(epoch FROM now()) * 1000)::bigint, "
	    "pg_current_wal_insert_lsn()::text", 0, NULL, PGRES_TUPLES_OK,
	    &st, cause);
	if (res == NULL)
		goto fail;
	xmin = xstrdup(PQgetvalue(res, 0, 0));
	srv_ms = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
	lsn = xstrdup(PQgetvalue(res, 0, 2));
	PQclear(res);
	res = NULL;
	params[0] = cursor;
	params[1] = xmin;
	params[2] = store_device_id(s);
	for (i = 0; i < sync_tables_count; i++) {
		t = &sync_tables[i];
		if (!t->pull || strcmp(cursor, xmin) == 0)
			continue;
		buf_reset(&sql);
		buf_puts(&sql, "DECLARE vo_pull NO SCROLL CURSOR FOR SELECT ");
		/*
		 * A table kept as rows of another (answers): every version
		 * in the range, applied newest-HLC-wins like any other row.
		 */
		if (t->via != NULL)
			sync_tables_via_cols(t, &sql, 0);
		else
			sync_tables_cols(t, &sql, "");
		buf_printf(&sql, " FROM vosync.%s WHERE srv_xid >= $1::bigint "
		    "AND srv_xid < $2::bigint AND device <> $3", t->via != NULL ?
		    t->via : t->name);
		res = pg_query(pg, sql.data, 3, params, PGRES_COMMAND_OK, &st,
		    cause);
		if (res == NULL)
			goto fail;
		PQclear(res);
		snprintf(fetch, sizeof fetch, "FETCH %d FROM vo_pull",
		    SYNC_PULL_FETCH);
		do {
			res = pg_query(pg, fetch, 0, NULL, PGRES_TUPLES_OK,
			    &st, cause);
			if (res == NULL)
				goto fail;
			more = PQntuples(res) == SYNC_PULL_FETCH;
			if (PQntuples(res) > 0) {
				/*
				 * Applied chunk by chunk: re-applying is
				 * harmless, and the cursor moves only at the
				 * end.
				 */
				st = store_begin(s, cause);
				if (st != DB_OK)
					goto fail;
				if (sync_pull_apply(s, t, res, srv_ms, maxhlc,
				    out, cause) == -1) {
					store_rollback(s);
					st = DB_ERROR;
					goto fail;
				}
				st = store_commit(s, cause);
				if (st != DB_OK)
					goto fail;
			}
			PQclear(res);
			res = NULL;
		} while (more);
		st = pg_exec(pg, "CLOSE vo_pull", cause);
		if (st != DB_OK)
			goto fail;
	}
	if (strcmp(cursor, xmin) != 0) {
		st = sync_pull_stamp(s, pg, params, out, cause);
		if (st != DB_OK)
			goto fail;
	}
	st = pg_exec(pg, "COMMIT", cause);
	if (st != DB_OK)
		goto fail;
	/*
	 * A connection's first pull (sync --once, a reconnection) has no
	 * later pull on the same connection to confirm its cursor, and the
	 * next connection would start again from the old durable one: it
	 * waits a little for the server's WAL writer (wal_writer_delay,
	 * 200 ms by default) instead. Outside the snapshot, so as not to
	 * hold back other terminals' pulls meanwhile.
	 */
	for (tries = 0;; tries++) {
		st = sync_pull_flushed(pg, lsn, &flushed, &pend_flushed,
		    cause);
		if (st != DB_OK)
			goto out;
		if (flushed || pg->pull_from[0] != '\0' ||
		    tries == SYNC_PULL_FLUSH_TRIES)
			break;
		clock_sleep_ms(SYNC_PULL_FLUSH_WAIT_MS);
	}
	/*
	 * The new cursor is durable once the server's WAL is flushed past
	 * where it stood when the snapshot was taken: the end of every
	 * transaction below the cursor is then on disk, and a crash cannot
	 * hand their ids out again. Until then it waits as pend_xid.
	 */
	safe = NULL;
	if (flushed)
		safe = xmin;
	else if (pend_flushed)
		safe = pg->pend_xid;
	st = store_begin(s, cause);
	if (st != DB_OK)
		goto out;
	clock_format_iso(clock_now_ms(), now, sizeof now);
	st = sync_pull_merge_clock(s, maxhlc, srv_ms, cause);
	if (st == DB_OK)
		st = sync_local_set(s, "cursor", xmin, cause);
	if (st == DB_OK && safe == NULL && oldsafe == NULL)
		st = sync_local_set(s, "cursor_safe", cursor, cause);
	else if (st == DB_OK && safe != NULL)
		st = sync_local_set(s, "cursor_safe", safe, cause);
	if (st == DB_OK)
		st = sync_local_set(s, "last_pull", now, cause);
	if (st == DB_OK)
		st = store_commit(s, cause);
	else
		store_rollback(s);
	if (st != DB_OK)
		goto out;
	snprintf(pg->pull_from, sizeof pg->pull_from, "%s", xmin);
	if (flushed)
		pg->pend_xid[0] = pg->pend_lsn[0] = '\0';
	else if (pg->pend_xid[0] == '\0' || pend_flushed) {
		snprintf(pg->pend_xid, sizeof pg->pend_xid, "%s", xmin);
		snprintf(pg->pend_lsn, sizeof pg->pend_lsn, "%s", lsn);
	}
	if (out->rows > 0)
		log_info("pulled %zu rows (%zu applied) below xid %s",
		    out->rows, out->applied, xmin);
	log_debug("pull cursor %s (durable: %s)", xmin, safe != NULL ? safe :
	    oldsafe != NULL ? oldsafe : cursor);
	goto out;
fail:
	PQclear(res);
	if (st != DB_OFFLINE)
		pg_exec(pg, "ROLLBACK", NULL);
out:
	buf_release(&sql);
	free(cursor);
	free(xmin);
	free(lsn);
	free(oldsafe);
	return st;
}

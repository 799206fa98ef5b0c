/* SPDX-License-Identifier: MIT */
/*
 * Push: local outbox -> server, one server transaction per batch (see
 * db/sync_push.h for the protocol). Runs on the thread that owns the
 * struct store and the struct pg given to it.
 */
#include "db/sync_push.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/buf.h"
#include "core/base/clock.h"
#include "core/base/hlc.h"
#include "core/base/log.h"
#include "core/base/uuid.h"
#include "core/base/xmalloc.h"
#include "db/pg_int.h"
#include "db/sync_local.h"
#include "db/sync_restamp.h"
#include "db/sync_tables.h"

#define SYNC_PUSH_MAXTABLES 16

/* A row refused before sending (malformed, or stamped too far ahead). */
struct sync_push_bad {
	const char	*tbl;
	char		*row_id;
	char		*hlc;
	const char	*reason;
	char		*body;		/* the COPY line */
};

/* The rows of one batch, as COPY text per table. */
struct sync_push_stage {
	struct buf	 data[SYNC_PUSH_MAXTABLES];
	size_t		 nrows[SYNC_PUSH_MAXTABLES];
	size_t		 total;
	int64_t		 srv_ms;	/* the server clock, for the guard */
	size_t		 restamped;	/* rows re-stamped before reading */
	struct sync_push_bad *bad;
	size_t		 nbad;
};

/*
 * The next batch, read from the local store while the server works on
 * the current one: outbox rows after AFTER, up to UPTO.
 */
struct sync_push_ahead {
	struct store		*s;
	size_t			 batch;
	int64_t			 after;		/* the current batch's upto */
	int64_t			 upto;
	int			 have;		/* stg holds the next batch */
	struct sync_push_stage	 stg;
};

/* A row the server refused, to be recorded locally with the ack. */
struct sync_push_refused {
	char	*tbl;
	char	*row_id;
	char	*hlc;
	char	*reason;
};

struct sync_push_batch {
	char			 id[UUID_TEXT_LEN];
	int64_t			 upto;
	struct sync_push_refused *refused;
	size_t			 nrefused;
};

static const char *
sync_push_fault(void)
{
	const char *f = getenv("VIGILORE_SYNC_FAULT");

	return f != NULL ? f : "";
}

static void
sync_push_refused_add(struct sync_push_batch *b, const char *tbl,
    const char *row_id, const char *hlc, const char *reason)
{
	struct sync_push_refused *r;

	b->refused = xreallocarray(b->refused, b->nrefused + 1,
	    sizeof *b->refused);
	r = &b->refused[b->nrefused++];
	r->tbl = xstrdup(tbl);
	r->row_id = row_id != NULL ? xstrdup(row_id) : NULL;
	r->hlc = hlc != NULL ? xstrdup(hlc) : NULL;
	r->reason = xstrdup(reason);
}

static void
sync_push_batch_release(struct sync_push_batch *b)
{
	size_t i;

	for (i = 0; i < b->nrefused; i++) {
		free(b->refused[i].tbl);
		free(b->refused[i].row_id);
		free(b->refused[i].hlc);
		free(b->refused[i].reason);
	}
	free(b->refused);
	b->refused = NULL;
	b->nrefused = 0;
}

static void
sync_push_stage_init(struct sync_push_stage *stg)
{
	size_t i;

	memset(stg, 0, sizeof *stg);
	for (i = 0; i < SYNC_PUSH_MAXTABLES; i++)
		buf_init(&stg->data[i], 0);
}

static void
sync_push_stage_release(struct sync_push_stage *stg)
{
	size_t i;

	for (i = 0; i < SYNC_PUSH_MAXTABLES; i++)
		buf_release(&stg->data[i]);
	for (i = 0; i < stg->nbad; i++) {
		free(stg->bad[i].row_id);
		free(stg->bad[i].hlc);
		free(stg->bad[i].body);
	}
	free(stg->bad);
}

/*
 * Why the row of ST cannot travel, or NULL: no id or device, a malformed
 * HLC stamp, or one further ahead of the server clock than the drift
 * guard allows (a device clock in the future must not win forever).
 */
static const char *
sync_push_check(sqlite3_stmt *st, int idc, int devc, int hlcc,
    int64_t srv_ms)
{
	struct hlc h;

	if (sqlite3_column_type(st, idc) != SQLITE_TEXT)
		return "no id";
	if (sqlite3_column_type(st, devc) != SQLITE_TEXT)
		return "no device";
	if (sqlite3_column_type(st, hlcc) != SQLITE_TEXT ||
	    hlc_parse((const char *)sqlite3_column_text(st, hlcc), &h) == -1)
		return "malformed HLC stamp";
	if (h.wall_ms > srv_ms + PG_MAX_DRIFT_MS)
		return "HLC stamp more than 24 h ahead of the server clock "
		    "(device clock skew)";
	return NULL;
}

/* Appends the current row of statement ST as one COPY text line. */
static void
sync_push_row(sqlite3_stmt *st, int ncols, struct buf *b)
{
	char num[64];
	int c;

	for (c = 0; c < ncols; c++) {
		if (c > 0)
			buf_putc(b, '\t');
		switch (sqlite3_column_type(st, c)) {
		case SQLITE_NULL:
			sync_tables_copy_field(b, NULL);
			break;
		case SQLITE_INTEGER:
			snprintf(num, sizeof num, "%lld",
			    (long long)sqlite3_column_int64(st, c));
			buf_puts(b, num);
			break;
		case SQLITE_FLOAT:
			snprintf(num, sizeof num, "%.17g",
			    sqlite3_column_double(st, c));
			buf_puts(b, num);
			break;
		default:
			sync_tables_copy_field(b,
			    (const char *)sqlite3_column_text(st, c));
			break;
		}
	}
	buf_putc(b, '\n');
}

/*
 * Reads the current version of every row queued up to UPTO, in one read
 * transaction. Rows deleted since they were queued are skipped.
 */
static enum db_status
sync_push_collect(struct store *s, int64_t after, int64_t upto,
    struct sync_push_stage *stg, char **cause)
{
	sqlite3 *db = store_handle(s);
	const struct sync_table *t;
	struct sync_push_bad *bad;
	sqlite3_stmt *st;
	struct buf sql, line;
	const char *why;
	enum db_status rs;
	size_t i;
	int rc, ncols, idc, devc, hlcc;

	/* Rows stamped beyond the guard get a new version first. */
	rs = sync_restamp(s, stg->srv_ms, after, upto, &stg->restamped,
	    cause);
	if (rs != DB_OK)
		return rs;
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	buf_init(&sql, 0);
	for (i = 0; i < sync_tables_count; i++) {
		t = &sync_tables[i];
		if (t->via != NULL)
			continue;	/* travels as rows of t->via */
		buf_reset(&sql);
		buf_puts(&sql, "SELECT ");
		sync_tables_cols(t, &sql, "");
		buf_printf(&sql, " FROM %s WHERE id IN (SELECT row_id FROM "
		    "outbox WHERE tbl = ?1 AND seq > ?3 AND seq <= ?2)",
		    t->name);
		if (sqlite3_prepare_v2(db, sql.data, -1, &st, NULL) !=
		    SQLITE_OK) {
			buf_release(&sql);
			goto fail_txn;
		}
		sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, upto);
		sqlite3_bind_int64(st, 3, after);
		ncols = (int)sync_tables_ncols(t);
		idc = sync_tables_col(t, "id");
		devc = sync_tables_col(t, "device");
		hlcc = sync_tables_col(t, "hlc");
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			why = sync_push_check(st, idc, devc, hlcc,
			    stg->srv_ms);
			if (why == NULL) {
				sync_push_row(st, ncols, &stg->data[i]);
				stg->nrows[i]++;
				stg->total++;
				continue;
			}
			stg->bad = xreallocarray(stg->bad, stg->nbad + 1,
			    sizeof *stg->bad);
			bad = &stg->bad[stg->nbad++];
			bad->tbl = t->name;
			bad->reason = why;
			bad->row_id = sqlite3_column_type(st, idc) ==
			    SQLITE_NULL ? NULL : xstrdup((const char *)
			    sqlite3_column_text(st, idc));
			bad->hlc = sqlite3_column_type(st, hlcc) ==
			    SQLITE_NULL ? NULL : xstrdup((const char *)
			    sqlite3_column_text(st, hlcc));
			buf_init(&line, 0);
			sync_push_row(st, ncols, &line);
			bad->body = buf_detach(&line);
			buf_release(&line);
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			buf_release(&sql);
			goto fail_txn;
		}
	}
	buf_release(&sql);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	return DB_OK;
fail_txn:
	*cause = xasprintf("cannot read queued changes from '%s': %s",
	    store_path(s), sqlite3_errmsg(db));
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return DB_ERROR;
fail:
	*cause = xasprintf("cannot read queued changes from '%s': %s",
	    store_path(s), sqlite3_errmsg(db));
	return sqlite3_errcode(db) == SQLITE_BUSY ? DB_BUSY : DB_ERROR;
}

/* The last seq of the next BATCH outbox rows after AFTER; 0 if none. */
static int64_t
sync_push_next_upto(struct store *s, int64_t after, size_t batch)
{
	sqlite3_stmt *st;
	int64_t upto = 0;

	if (sqlite3_prepare_v2(store_handle(s), "SELECT max(seq) FROM "
	    "(SELECT seq FROM outbox WHERE seq > ?2 ORDER BY seq LIMIT ?1)",
	    -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)batch);
	sqlite3_bind_int64(st, 2, after);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		upto = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return upto;
}

/* Reads the next batch ahead (any failure: read it again later). */
static void
sync_push_read_ahead(struct sync_push_ahead *a)
{
	char *cause = NULL;

	a->upto = sync_push_next_upto(a->s, a->after, a->batch);
	if (a->upto == 0)
		return;
	if (sync_push_collect(a->s, a->after, a->upto, &a->stg, &cause) !=
	    DB_OK) {
		log_debug("read ahead: %s", cause);
		free(cause);
		return;
	}
	a->have = 1;
}

/*
 * Per connection: the staging tables and the prepared statements. Done
 * again after every reconnect.
 */
static enum db_status
sync_push_prepare(struct pg *pg, char **cause)
{
	const struct sync_table *t;
	PGresult *res;
	struct buf sql;
	enum db_status st = DB_OK;
	char name[64];
	size_t i;

	if (pg->prepared)
		return DB_OK;
	buf_init(&sql, 0);
	for (i = 0; i < sync_tables_count && st == DB_OK; i++) {
		t = &sync_tables[i];
		if (t->via != NULL)
			continue;
		buf_reset(&sql);
		buf_printf(&sql, "CREATE TEMP TABLE IF NOT EXISTS stage_%s "
		    "ON COMMIT DELETE ROWS AS SELECT ", t->name);
		sync_tables_cols(t, &sql, "");
		buf_printf(&sql, " FROM vosync.%s WITH NO DATA", t->name);
		st = pg_exec(pg, sql.data, cause);
		if (st != DB_OK)
			break;

		/* Every version that reaches the server is kept. */
		buf_reset(&sql);
		buf_printf(&sql, "INSERT INTO vosync.row_versions (tbl, row_id,"
		    " hlc, device, batch, body) SELECT '%s', s.id, s.hlc,"
		    " s.device, $1::uuid, to_jsonb(s) FROM pg_temp.stage_%s s"
		    " ON CONFLICT DO NOTHING", t->name, t->name);
		snprintf(name, sizeof name, "vo_hist_%s", t->name);
		res = PQprepare(pg->conn, name, sql.data, 1, NULL);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			st = pg_fail(pg, res, "prepare", cause);
		PQclear(res);
		if (st != DB_OK)
			break;

		/* Newer HLC wins per merge key. */
		buf_reset(&sql);
		buf_printf(&sql, "INSERT INTO vosync.%s AS t (", t->name);
		sync_tables_cols(t, &sql, "");
		buf_puts(&sql, ", srv_xid, srv_batch) SELECT ");
		/*
		 * No DISTINCT ON: a batch holds each merge key once, as the
		 * local tables keep the same keys unique.
		 */
		sync_tables_cols(t, &sql, "");
		buf_printf(&sql, ", " PG_XACT_ID ", $1::uuid FROM "
		    "pg_temp.stage_%s s", t->name);
		if (t->append_only) {
			/*
			 * Cheaper than ON CONFLICT DO NOTHING; a concurrent
			 * insert of the same id (the same store pushed by two
			 * processes at once) fails with 23505 and the batch is
			 * sent again row by row, which then skips it. OFFSET 0
			 * keeps the test a primary-key probe per staged row:
			 * as an anti-join the planner hashes the whole table,
			 * which grows with every batch.
			 */
			buf_printf(&sql, " WHERE NOT EXISTS (SELECT 1 FROM "
			    "vosync.%s x WHERE x.id = s.id OFFSET 0)",
			    t->name);
		} else {
			buf_printf(&sql, " ON CONFLICT (%s) DO UPDATE SET ",
			    t->key);
			sync_tables_set_excluded(t, &sql);
			buf_puts(&sql, ", srv_xid = excluded.srv_xid, "
			    "srv_time = now(), srv_batch = excluded.srv_batch"
			    " WHERE t.hlc < excluded.hlc");
		}
		snprintf(name, sizeof name, "vo_up_%s", t->name);
		res = PQprepare(pg->conn, name, sql.data, 1, NULL);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			st = pg_fail(pg, res, "prepare", cause);
		PQclear(res);
	}
	buf_release(&sql);
	if (st == DB_OK)
		pg->prepared = 1;
	return st;
}

/*
 * COPYs DATA into the staging table of T, or with DIRECT into the table
 * itself. With AHEAD, the next batch is read while the server works.
 */
static enum db_status
sync_push_copy(struct pg *pg, const struct sync_table *t, const char *data,
    size_t len, int direct, struct sync_push_ahead *ahead, char **cause)
{
	PGresult *res;
	enum db_status st = DB_OK;
	struct buf sql;

	buf_init(&sql, 0);
	if (direct)
		buf_printf(&sql, "COPY vosync.%s (", t->name);
	else
		buf_printf(&sql, "COPY pg_temp.stage_%s (", t->name);
	sync_tables_cols(t, &sql, "");
	buf_puts(&sql, ") FROM STDIN");
	res = PQexec(pg->conn, sql.data);
	buf_release(&sql);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		st = pg_fail(pg, res, "copy", cause);
		PQclear(res);
		return st;
	}
	PQclear(res);
	if (PQputCopyData(pg->conn, data, (int)len) != 1 ||
	    PQputCopyEnd(pg->conn, NULL) != 1)
		return pg_fail(pg, NULL, "copy", cause);
	if (ahead != NULL)
		sync_push_read_ahead(ahead);
	while ((res = PQgetResult(pg->conn)) != NULL) {
		if (st == DB_OK && PQresultStatus(res) != PGRES_COMMAND_OK)
			st = pg_fail(pg, res, "copy", cause);
		PQclear(res);
	}
	return st;
}

/* Runs a prepared statement of table T. */
static PGresult *
sync_push_run(struct pg *pg, const char *stmt, const struct sync_table *t,
    int nparams, const char *const *params, enum db_status *st,
    char **cause)
{
	PGresult *res;
	char name[64];

	snprintf(name, sizeof name, "%s_%s", stmt, t->name);
	res = PQexecPrepared(pg->conn, name, nparams, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK) {
		*st = pg_fail(pg, res, t->name, cause);
		PQclear(res);
		return NULL;
	}
	*st = DB_OK;
	return res;
}

/*
 * Stages DATA (COPY lines) of T and applies it. With AHEAD, the upsert
 * runs on the server while the next batch is read locally.
 *
 * With DIRECT (the whole batch at once), append-only rows are copied
 * straight into their table: no staging, and COPY writes whole pages.
 * A row already there (the same store pushed twice at once, a batch
 * sent again under a new id) fails the batch with 23505, and the batch
 * is sent again row by row through staging, which skips it.
 */
static enum db_status
sync_push_apply(struct pg *pg, struct sync_push_batch *b,
    const struct sync_table *t, const char *data, size_t len, int direct,
    struct sync_push_ahead *ahead, char **cause)
{
	const char *params[1];
	PGresult *res;
	enum db_status st;
	char name[64];

	if (direct && t->append_only && t->versioned)
		return sync_push_copy(pg, t, data, len, 1, ahead, cause);
	st = sync_push_copy(pg, t, data, len, 0, NULL, cause);
	if (st != DB_OK)
		return st;
	params[0] = b->id;
	if (!t->versioned) {
		res = sync_push_run(pg, "vo_hist", t, 1, params, &st, cause);
		if (res == NULL)
			return st;
		PQclear(res);
	}
	if (ahead == NULL) {
		res = sync_push_run(pg, "vo_up", t, 1, params, &st, cause);
		if (res == NULL)
			return st;
		PQclear(res);
		return DB_OK;
	}
	snprintf(name, sizeof name, "vo_up_%s", t->name);
	if (PQsendQueryPrepared(pg->conn, name, 1, params, NULL, NULL,
	    0) != 1)
		return pg_fail(pg, NULL, t->name, cause);
	sync_push_read_ahead(ahead);
	st = DB_OK;
	while ((res = PQgetResult(pg->conn)) != NULL) {
		if (st == DB_OK && PQresultStatus(res) != PGRES_COMMAND_OK)
			st = pg_fail(pg, res, t->name, cause);
		PQclear(res);
	}
	if (st == DB_OK && PQstatus(pg->conn) != CONNECTION_OK)
		st = pg_fail(pg, NULL, t->name, cause);
	return st;
}

/* Records one refused row in vosync.quarantine (inside the batch). */
static enum db_status
sync_push_quarantine(struct pg *pg, struct sync_push_batch *b,
    const char *device, const char *tbl, const char *row_id,
    const char *hlc, const char *reason, const char *body, size_t *nquar,
    char **cause)
{
	const char *params[7];
	PGresult *res;
	enum db_status st;

	params[0] = b->id;
	params[1] = device;
	params[2] = tbl;
	params[3] = row_id;
	params[4] = hlc;
	params[5] = reason;
	params[6] = body;
	res = pg_query(pg, "INSERT INTO vosync.quarantine (batch, device, "
	    "tbl, row_id, hlc, reason, body) VALUES ($1::uuid, $2, $3, $4, "
	    "$5, $6, to_jsonb($7::text)) ON CONFLICT (batch, tbl, row_id) DO "
	    "NOTHING", 7, params, PGRES_COMMAND_OK, &st, cause);
	if (res == NULL)
		return st;
	PQclear(res);
	sync_push_refused_add(b, tbl, row_id, hlc, reason);
	(*nquar)++;
	return DB_OK;
}

/*
 * The slow path after a data error: every row in its own savepoint;
 * rows the server refuses go to vosync.quarantine with the reason.
 */
static enum db_status
sync_push_rowwise(struct pg *pg, struct sync_push_batch *b,
    const char *device, const struct sync_table *t, char *data,
    size_t *nquar, char **cause)
{
	char *line, *next, *copy, *body, *fields[64], *why = NULL;
	char tname[64];
	enum db_status st;
	int n, hcol;

	hcol = sync_tables_col(t, "hlc");
	for (line = data; *line != '\0'; line = next) {
		next = strchr(line, '\n');
		next = next != NULL ? next + 1 : line + strlen(line);
		st = pg_exec(pg, "SAVEPOINT vo_row", cause);
		if (st != DB_OK)
			return st;
		st = sync_push_apply(pg, b, t, line, (size_t)(next - line),
		    0, NULL, &why);
		if (st == DB_OK) {
			snprintf(tname, sizeof tname, "DELETE FROM "
			    "pg_temp.stage_%s", t->name);
			st = pg_exec(pg, tname, cause);
			if (st == DB_OK)
				st = pg_exec(pg, "RELEASE SAVEPOINT vo_row",
				    cause);
			if (st != DB_OK)
				return st;
			continue;
		}
		if (st != DB_CONFLICT) {
			/* Not this row's fault: the batch waits. */
			*cause = why;
			return st;
		}
		st = pg_exec(pg, "ROLLBACK TO SAVEPOINT vo_row", cause);
		if (st != DB_OK) {
			free(why);
			return st;
		}
		copy = xstrndup(line, (size_t)(next - line - 1));
		body = xstrdup(copy);
		n = sync_tables_copy_split(copy, fields, 64);
		st = sync_push_quarantine(pg, b, device, t->name, n > 0 ?
		    fields[0] : NULL, n > hcol && hcol >= 0 ? fields[hcol] :
		    NULL, why, body, nquar, cause);
		free(copy);
		free(body);
		XFREE(why);
		if (st != DB_OK)
			return st;
	}
	return DB_OK;
}

/*
 * One server transaction for batch B. *dup: the batch id was already on
 * the server (nothing was done). DB_OFFLINE after COMMIT was sent means
 * the outcome is unknown.
 */
static enum db_status
sync_push_send(struct store *s, struct pg *pg, struct sync_push_batch *b,
    struct sync_push_stage *stg, int rowwise, struct sync_push_ahead *ahead,
    int *dup, size_t *nquar, char **cause)
{
	const char *device = store_device_id(s), *params[5], *delay;
	size_t last;
	char nrows[32], nq[32], now[32];
	PGresult *res;
	enum db_status st;
	size_t i;

	*dup = 0;
	*nquar = 0;
	sync_push_batch_release(b);
	/*
	 * The outbox rows go once the server said COMMIT, so the commit must
	 * be on its disk by then: on a server whose synchronous_commit is
	 * off (a setting for data one can afford to lose), a crash would
	 * forget batches already acknowledged here, which no terminal would
	 * ever send again.
	 */
	st = pg_exec(pg, "BEGIN; SELECT set_config('synchronous_commit', "
	    "'on', true) WHERE current_setting('synchronous_commit') = 'off'",
	    cause);
	if (st != DB_OK)
		return st;
	params[0] = b->id;
	params[1] = device;
	res = pg_query(pg, "INSERT INTO vosync.batches (id, device) VALUES "
	    "($1::uuid, $2) ON CONFLICT (id) DO NOTHING RETURNING 1", 2,
	    params, PGRES_TUPLES_OK, &st, cause);
	if (res == NULL)
		goto fail;
	if (PQntuples(res) == 0) {
		PQclear(res);
		*dup = 1;
		return pg_exec(pg, "ROLLBACK", cause);
	}
	PQclear(res);
	/* The srv_batch default of rows copied straight in. */
	res = pg_query(pg, "SELECT set_config('vosync.batch', $1, true)", 1,
	    params, PGRES_TUPLES_OK, &st, cause);
	if (res == NULL)
		goto fail;
	PQclear(res);
	for (i = 0; i < stg->nbad; i++) {
		st = sync_push_quarantine(pg, b, device, stg->bad[i].tbl,
		    stg->bad[i].row_id, stg->bad[i].hlc, stg->bad[i].reason,
		    stg->bad[i].body, nquar, cause);
		if (st != DB_OK)
			goto fail;
	}
	for (last = 0, i = 0; i < sync_tables_count; i++) {
		if (stg->nrows[i] > 0)
			last = i;
	}
	for (i = 0; i < sync_tables_count; i++) {
		if (stg->nrows[i] == 0)
			continue;
		if (rowwise)
			st = sync_push_rowwise(pg, b, device, &sync_tables[i],
			    stg->data[i].data, nquar, cause);
		else
			st = sync_push_apply(pg, b, &sync_tables[i],
			    stg->data[i].data, stg->data[i].len, 1,
			    i == last ? ahead : NULL, cause);
		if (st != DB_OK)
			goto fail;
	}
	snprintf(nrows, sizeof nrows, "%zu", stg->total);
	snprintf(nq, sizeof nq, "%zu", *nquar);
	snprintf(now, sizeof now, "%" PRId64, clock_now_ms());
	/*
	 * The batch record, the device record and the notification (once
	 * per batch, ids only: the listeners pull) in one round trip.
	 */
	params[0] = b->id;
	params[1] = device;
	params[2] = nrows;
	params[3] = nq;
	params[4] = now;
	res = pg_query(pg, "WITH b AS (UPDATE vosync.batches SET nrows = "
	    "$3::int, nquarantined = $4::int WHERE id = $1::uuid), d AS ("
	    "INSERT INTO vosync.devices AS d (device, last_batch, rows_pushed,"
	    " clock_skew_ms) VALUES ($2, $1::uuid, $3::bigint, $5::bigint - "
	    "(extract(epoch FROM now()) * 1000)::bigint) ON CONFLICT (device) "
	    "DO UPDATE SET last_seen = now(), last_batch = excluded.last_batch,"
	    " rows_pushed = d.rows_pushed + excluded.rows_pushed, "
	    "clock_skew_ms = excluded.clock_skew_ms) SELECT pg_notify('"
	    PG_CHANNEL "', $1::text || ' ' || $2::text)", 5, params,
	    PGRES_TUPLES_OK, &st, cause);
	if (res == NULL)
		goto fail;
	PQclear(res);
	delay = getenv("VIGILORE_SYNC_DELAY_MS");
	if (delay != NULL)
		clock_sleep_ms(strtol(delay, NULL, 10));
	res = PQexec(pg->conn, "COMMIT");
	if (PQresultStatus(res) != PGRES_COMMAND_OK ||
	    strcmp(PQcmdStatus(res), "COMMIT") != 0) {
		st = pg_fail(pg, res, "commit", cause);
		PQclear(res);
		if (st == DB_OFFLINE)
			log_warn("batch %s: commit outcome unknown; the next "
			    "round asks the server", b->id);
		return st == DB_OK ? DB_ERROR : st;
	}
	PQclear(res);
	return DB_OK;
fail:
	if (st != DB_OFFLINE)
		pg_exec(pg, "ROLLBACK", NULL);
	return st;
}

/*
 * Outbox rows of tables that do not travel (a table added without a sync
 * description) are kept in the quarantine instead of vanishing with the
 * acknowledgement. In the ack transaction.
 */
static int
sync_push_untravelled(struct store *s, int64_t upto)
{
	struct buf sql;
	sqlite3_stmt *st;
	char now[32];
	size_t i;
	int rc;

	clock_format_iso(clock_now_ms(), now, sizeof now);
	buf_init(&sql, 0);
	buf_puts(&sql, "INSERT INTO sync_quarantine (side, tbl, row_id, hlc, "
	    "reason, at) SELECT 'push', tbl, row_id, hlc, 'table ''' || tbl || "
	    "''' does not travel', ?2 FROM outbox WHERE seq <= ?1 AND tbl NOT "
	    "IN (");
	for (i = 0; i < sync_tables_count; i++)
		buf_printf(&sql, "%s'%s'", i > 0 ? ", " : "",
		    sync_tables[i].name);
	buf_putc(&sql, ')');
	rc = sqlite3_prepare_v2(store_handle(s), sql.data, -1, &st, NULL);
	buf_release(&sql);
	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, upto);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Acknowledges batch B: its outbox rows go, refused rows are recorded.
 * With NEXT, the batch read ahead becomes the one in flight in the same
 * transaction (one local commit per batch, not two).
 */
static enum db_status
sync_push_ack(struct store *s, struct sync_push_batch *b,
    const struct sync_push_batch *next, char **cause)
{
	sqlite3_stmt *st;
	enum db_status rc;
	char upto[32];
	size_t i;

	rc = store_begin(s, cause);
	if (rc != DB_OK)
		return rc;
	if (sync_push_untravelled(s, b->upto) == -1 ||
	    sqlite3_prepare_v2(store_handle(s), "DELETE FROM outbox WHERE "
	    "seq <= ?1", -1, &st, NULL) != SQLITE_OK) {
		*cause = xasprintf("cannot acknowledge in '%s': %s",
		    store_path(s), sqlite3_errmsg(store_handle(s)));
		store_rollback(s);
		return DB_ERROR;
	}
	sqlite3_bind_int64(st, 1, b->upto);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		*cause = xasprintf("cannot acknowledge in '%s': %s",
		    store_path(s), sqlite3_errmsg(store_handle(s)));
		store_rollback(s);
		return DB_ERROR;
	}
	sqlite3_finalize(st);
	snprintf(upto, sizeof upto, "%" PRId64, next != NULL ? next->upto : 0);
	rc = sync_local_set(s, "batch", next != NULL ? next->id : NULL, cause);
	if (rc == DB_OK)
		rc = sync_local_set(s, "upto", next != NULL ? upto : NULL,
		    cause);
	for (i = 0; i < b->nrefused && rc == DB_OK; i++)
		rc = sync_local_quarantine(s, "push", b->refused[i].tbl,
		    b->refused[i].row_id, b->refused[i].hlc,
		    b->refused[i].reason, NULL, cause);
	if (rc != DB_OK) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, cause);
}

/*
 * Starts a new batch: the next BATCH outbox rows. 0: nothing queued.
 * ACKED: the last seq this round acknowledged; a queued row at or below
 * it means the acknowledgement did not remove its rows, and sending them
 * again would loop for ever, so the round stops with an error instead.
 */
static int
sync_push_begin_batch(struct store *s, size_t batch, int64_t known,
    int64_t acked, struct sync_push_batch *b, enum db_status *rc,
    char **cause)
{
	sqlite3_stmt *st;
	char upto[32];
	int64_t first = 0;
	int have = 0;

	*rc = DB_OK;
	if (known > 0) {
		b->upto = known;
		have = 1;
	} else if (sqlite3_prepare_v2(store_handle(s), "SELECT min(seq), "
	    "max(seq) FROM (SELECT seq FROM outbox ORDER BY seq LIMIT ?1)", -1,
	    &st, NULL) != SQLITE_OK) {
		*cause = xasprintf("cannot read the outbox of '%s': %s",
		    store_path(s), sqlite3_errmsg(store_handle(s)));
		*rc = DB_ERROR;
		return -1;
	} else {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)batch);
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_type(st, 1) != SQLITE_NULL) {
			first = sqlite3_column_int64(st, 0);
			b->upto = sqlite3_column_int64(st, 1);
			have = 1;
		}
		sqlite3_finalize(st);
	}
	if (!have)
		return 0;
	if (first > 0 && first <= acked) {
		*cause = xasprintf("the outbox of '%s' still holds change %"
		    PRId64 " after its batch was acknowledged up to %" PRId64,
		    store_path(s), first, acked);
		*rc = DB_ERROR;
		return -1;
	}
	uuid_generate(b->id);
	snprintf(upto, sizeof upto, "%" PRId64, b->upto);
	*rc = store_begin(s, cause);
	if (*rc != DB_OK)
		return -1;
	*rc = sync_local_set(s, "batch", b->id, cause);
	if (*rc == DB_OK)
		*rc = sync_local_set(s, "upto", upto, cause);
	if (*rc == DB_OK)
		*rc = store_commit(s, cause);
	else
		store_rollback(s);
	return *rc == DB_OK ? 1 : -1;
}

/* 1 when the batch in flight is already on the server. */
static int
sync_push_settle(struct pg *pg, const char *id, enum db_status *st,
    char **cause)
{
	PGresult *res;
	int found;

	res = pg_query(pg, "SELECT 1 FROM vosync.batches WHERE id = "
	    "$1::uuid", 1, &id, PGRES_TUPLES_OK, st, cause);
	if (res == NULL)
		return -1;
	found = PQntuples(res) == 1;
	PQclear(res);
	return found;
}

/* Remembers this device's clock skew against the server (seconds). */
static void
sync_push_note_skew(struct store *s, int64_t skew_ms)
{
	char now[32], *old;

	snprintf(now, sizeof now, "%" PRId64, skew_ms / 1000);
	old = sync_local_get(s, "clock_skew_s");
	if (old == NULL || strcmp(old, now) != 0)
		sync_local_set(s, "clock_skew_s", now, NULL);
	free(old);
}

enum db_status
sync_push(struct store *s, struct pg *pg, size_t batch, size_t max_batches,
    struct sync_push_result *res, char **cause)
{
	struct sync_push_batch b, next;
	struct sync_push_stage stg;
	struct sync_push_ahead ahead;
	enum db_status st = DB_OK;
	const char *fault = sync_push_fault();
	char *id, *upto;
	size_t nquar, done = 0;
	int64_t t0, t1, t2, srv_ms, mono, acked = 0;
	PGresult *res0;
	int found, dup, r, use_ahead, start;

	if (batch == 0)
		batch = SYNC_PUSH_BATCH;
	memset(&b, 0, sizeof b);
	memset(&next, 0, sizeof next);
	memset(&ahead, 0, sizeof ahead);
	ahead.s = s;
	ahead.batch = batch;
	sync_push_stage_init(&ahead.stg);
	st = sync_push_prepare(pg, cause);
	if (st != DB_OK)
		sync_push_stage_release(&ahead.stg);
	if (st != DB_OK)
		return st;
	res0 = pg_query(pg, "SELECT (extract(epoch FROM now()) * 1000)"
	    "::bigint", 0, NULL, PGRES_TUPLES_OK, &st, cause);
	if (res0 == NULL) {
		sync_push_stage_release(&ahead.stg);
		return st;
	}
	srv_ms = strtoll(PQgetvalue(res0, 0, 0), NULL, 10);
	PQclear(res0);
	mono = clock_mono_ms();
	sync_push_note_skew(s, clock_now_ms() - srv_ms);
	while (max_batches == 0 || done < max_batches) {
		use_ahead = 0;
		if (next.upto > 0) {
			/* Started by the last acknowledgement; read ahead. */
			memcpy(b.id, next.id, sizeof b.id);
			b.upto = next.upto;
			next.upto = 0;
			use_ahead = 1;
			goto send;
		}
		id = sync_local_get(s, "batch");
		upto = sync_local_get(s, "upto");
		if (id != NULL && upto != NULL) {
			snprintf(b.id, sizeof b.id, "%s", id);
			b.upto = strtoll(upto, NULL, 10);
			free(id);
			free(upto);
			if (strcmp(fault, "resend-new-id") == 0)
				uuid_generate(b.id);
			else if (strcmp(fault, "resend-blind") != 0) {
				found = sync_push_settle(pg, b.id, &st, cause);
				if (found < 0)
					break;
				if (found) {
					log_info("batch %s was applied: "
					    "acknowledged", b.id);
					st = sync_push_ack(s, &b, NULL, cause);
					if (st != DB_OK)
						break;
					acked = b.upto;
					res->settled++;
					continue;
				}
				log_info("batch %s never reached the server: "
				    "sending it again", b.id);
			}
		} else {
			free(id);
			free(upto);
			r = sync_push_begin_batch(s, batch, ahead.have ?
			    ahead.upto : 0, acked, &b, &st, cause);
			if (r <= 0)
				break;
			use_ahead = ahead.have;
		}
send:
		t0 = clock_mono_ms();
		if (use_ahead) {
			/* Read while the server worked on the last batch. */
			stg = ahead.stg;
			st = DB_OK;
		} else {
			sync_push_stage_release(&ahead.stg);
			sync_push_stage_init(&stg);
			stg.srv_ms = srv_ms + (t0 - mono);
			st = sync_push_collect(s, 0, b.upto, &stg, cause);
		}
		sync_push_stage_init(&ahead.stg);
		ahead.stg.srv_ms = srv_ms + (t0 - mono);
		ahead.have = 0;
		ahead.after = b.upto;
		t1 = clock_mono_ms();
		if (st == DB_OK)
			st = sync_push_send(s, pg, &b, &stg, 0, *fault == '\0' ?
			    &ahead : NULL, &dup, &nquar, cause);
		t2 = clock_mono_ms();
		if (st == DB_CONFLICT) {
			log_warn("batch %s: %s; sending row by row", b.id,
			    *cause);
			XFREE(*cause);
			if (ahead.have) {
				sync_push_stage_release(&ahead.stg);
				sync_push_stage_init(&ahead.stg);
				ahead.have = 0;
			}
			st = sync_push_send(s, pg, &b, &stg, 1, NULL, &dup,
			    &nquar, cause);
		}
		if (st == DB_OK && strcmp(fault, "no-ack") == 0) {
			sync_push_stage_release(&stg);
			sync_push_stage_release(&ahead.stg);
			sync_push_batch_release(&b);
			*cause = xasprintf("batch %s committed; "
			    "acknowledgement skipped (VIGILORE_SYNC_FAULT)",
			    b.id);
			return DB_OFFLINE;
		}
		/*
		 * The batch read ahead starts with this acknowledgement,
		 * unless the round ends here.
		 */
		start = st == DB_OK && ahead.have && (max_batches == 0 ||
		    done + 1 < max_batches);
		if (start) {
			uuid_generate(next.id);
			next.upto = ahead.upto;
		}
		if (st == DB_OK)
			st = sync_push_ack(s, &b, start ? &next : NULL, cause);
		if (st == DB_OK)
			acked = b.upto;
		else
			next.upto = 0;
		log_debug("batch %s: %zu rows: read %lld ms, server %lld ms, "
		    "ack %lld ms", b.id, stg.total, (long long)(t1 - t0),
		    (long long)(t2 - t1), (long long)(clock_mono_ms() - t2));
		if (st == DB_OK) {
			if (dup)
				res->settled++;
			else {
				res->batches++;
				res->rows += stg.total - (nquar -
				    stg.nbad);
				res->quarantined += nquar;
			}
			done++;
		}
		res->restamped += stg.restamped;
		sync_push_stage_release(&stg);
		if (st != DB_OK)
			break;
	}
	sync_push_stage_release(&ahead.stg);
	sync_push_batch_release(&b);
	return st;
}

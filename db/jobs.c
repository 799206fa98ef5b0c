/* SPDX-License-Identifier: MIT */
/*
 * The jobs table (see db/jobs.h). Writes run in the caller's transaction
 * and queue an outbox row; reads need none. Any thread may call these on
 * its own store.
 */
#include "db/jobs.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "db/outbox.h"
#include "db/sqlu.h"

#define JOB_COLUMNS "id, kind, status, stage, progress, error, attempts, " \
	"worker, cancel_requested, payload, report_id, created_at, " \
	"updated_at, started_at, finished_at"

void
db_job_release(struct db_job *j)
{
	free(j->id);
	free(j->kind);
	free(j->status);
	free(j->stage);
	free(j->error);
	free(j->worker);
	free(j->payload);
	free(j->report_id);
	free(j->created_at);
	free(j->updated_at);
	free(j->started_at);
	free(j->finished_at);
	memset(j, 0, sizeof *j);
}

void
db_job_list_free(struct db_job *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		db_job_release(&v[i]);
	free(v);
}

static void
db_job_read(sqlite3_stmt *st, struct db_job *j)
{
	j->id = sqlu_text(st, 0);
	j->kind = sqlu_text(st, 1);
	j->status = sqlu_text(st, 2);
	j->stage = sqlu_text(st, 3);
	j->progress = sqlite3_column_int(st, 4);
	j->error = sqlu_text(st, 5);
	j->attempts = sqlite3_column_int(st, 6);
	j->worker = sqlu_text(st, 7);
	j->cancel_requested = sqlite3_column_int(st, 8);
	j->payload = sqlu_text(st, 9);
	j->report_id = sqlu_text(st, 10);
	j->created_at = sqlu_text(st, 11);
	j->updated_at = sqlu_text(st, 12);
	j->started_at = sqlu_text(st, 13);
	j->finished_at = sqlu_text(st, 14);
}

/* Stamps row ID with a new HLC and queues it for sync. */
static void
db_job_touch(struct store *store, const char *id)
{
	sqlite3_stmt *st;
	char hlc[HLC_TEXT_MAX];

	store_hlc_next(store, hlc);
	st = sqlu_prepare(store, "UPDATE jobs SET hlc = ?2, device = ?3 "
	    "WHERE id = ?1");
	sqlu_bind(st, 1, id);
	sqlu_bind(st, 2, hlc);
	sqlu_bind(st, 3, store_device_id(store));
	sqlite3_step(st);
	sqlite3_finalize(st);
	outbox_add(store, "jobs", id, hlc);
}

enum db_status
db_job_insert(struct store *store, const char *id, const char *kind,
    const char *payload, char **cause)
{
	sqlite3_stmt *st;
	char hlc[HLC_TEXT_MAX], now[32];
	int rc;

	store_hlc_next(store, hlc);
	clock_format_iso(clock_now_ms(), now, sizeof now);
	st = sqlu_prepare(store, "INSERT INTO jobs (id, kind, status, stage, "
	    "progress, attempts, payload, created_at, updated_at, device, hlc)"
	    " VALUES (?1, ?2, 'queued', 'queued', 0, 0, ?3, ?4, ?4, ?5, ?6)");
	sqlu_bind(st, 1, id);
	sqlu_bind(st, 2, kind);
	sqlu_bind(st, 3, payload);
	sqlu_bind(st, 4, now);
	sqlu_bind(st, 5, store_device_id(store));
	sqlu_bind(st, 6, hlc);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlu_fail(store, rc, "cannot queue the job", cause);
	outbox_add(store, "jobs", id, hlc);
	return DB_OK;
}

enum db_status
db_job_get(struct store *store, const char *id, struct db_job *out,
    char **cause)
{
	sqlite3_stmt *st;
	int rc, n = 0;

	memset(out, 0, sizeof *out);
	if (strlen(id) < 8) {
		*cause = xasprintf("no job '%s' (give at least 8 characters "
		    "of its id)", id);
		return DB_NOTFOUND;
	}
	st = sqlu_prepare(store, "SELECT " JOB_COLUMNS " FROM jobs WHERE "
	    "id = ?1 OR (length(?1) < 36 AND substr(id, 1, length(?1)) = ?1)"
	    " LIMIT 2");
	sqlu_bind(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (++n == 1)
			db_job_read(st, out);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_job_release(out);
		return sqlu_fail(store, rc, "cannot read jobs", cause);
	}
	if (n == 1)
		return DB_OK;
	db_job_release(out);
	*cause = n == 0 ? xasprintf("no job '%s' in '%s'", id,
	    store_path(store)) : xasprintf("job id '%s' is ambiguous: give "
	    "more characters", id);
	return DB_NOTFOUND;
}

enum db_status
db_job_list(struct store *store, size_t limit, struct db_job **out,
    size_t *n, char **cause)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = sqlu_prepare(store, "SELECT " JOB_COLUMNS " FROM jobs ORDER BY "
	    "created_at DESC, rowid DESC LIMIT ?1");
	sqlite3_bind_int64(st, 1, limit > 0 ? (sqlite3_int64)limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		memset(&(*out)[*n], 0, sizeof **out);
		db_job_read(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_job_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return sqlu_fail(store, rc, "cannot list jobs", cause);
	}
	return DB_OK;
}

enum db_status
db_job_claim(struct store *store, const char *worker, struct db_job *out,
    char **cause)
{
	sqlite3_stmt *st;
	char now[32], *id;
	int rc;

	memset(out, 0, sizeof *out);
	st = sqlu_prepare(store, "SELECT id FROM jobs WHERE status = 'queued'"
	    " ORDER BY created_at, rowid LIMIT 1");
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE)
			return DB_NOTFOUND;
		return sqlu_fail(store, rc, "cannot read the job queue", cause);
	}
	id = sqlu_text(st, 0);
	sqlite3_finalize(st);
	clock_format_iso(clock_now_ms(), now, sizeof now);
	st = sqlu_prepare(store, "UPDATE jobs SET status = 'processing', "
	    "worker = ?2, attempts = attempts + 1, started_at = ?3, "
	    "updated_at = ?3, stage = 'starting', progress = 0, error = NULL "
	    "WHERE id = ?1 AND status = 'queued'");
	sqlu_bind(st, 1, id);
	sqlu_bind(st, 2, worker);
	sqlu_bind(st, 3, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(id);
		return sqlu_fail(store, rc, "cannot claim a job", cause);
	}
	db_job_touch(store, id);
	rc = db_job_get(store, id, out, cause);
	free(id);
	return rc;
}

enum db_status
db_job_progress(struct store *store, const char *id, const char *stage,
    int progress, int *cancel, char **cause)
{
	sqlite3_stmt *st;
	char now[32];
	int rc;

	*cancel = 0;
	clock_format_iso(clock_now_ms(), now, sizeof now);
	st = sqlu_prepare(store, "UPDATE jobs SET stage = ?2, progress = ?3, "
	    "updated_at = ?4 WHERE id = ?1 AND status = 'processing' "
	    "RETURNING cancel_requested");
	sqlu_bind(st, 1, id);
	sqlu_bind(st, 2, stage);
	sqlite3_bind_int(st, 3, progress < 0 ? 0 : progress > 100 ? 100 :
	    progress);
	sqlu_bind(st, 4, now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*cancel = sqlite3_column_int(st, 0);
		rc = sqlite3_step(st);
	} else if (rc == SQLITE_DONE)
		*cancel = 1;	/* no longer ours: stop */
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlu_fail(store, rc, "cannot record job progress",
		    cause);
	db_job_touch(store, id);
	return DB_OK;
}

enum db_status
db_job_finish(struct store *store, const char *id, const char *status,
    const char *error, const char *report_id, char **cause)
{
	sqlite3_stmt *st;
	char now[32];
	int rc;

	clock_format_iso(clock_now_ms(), now, sizeof now);
	st = sqlu_prepare(store, "UPDATE jobs SET status = ?2, error = ?3, "
	    "report_id = ?4, finished_at = ?5, updated_at = ?5, "
	    "stage = ?2, progress = CASE WHEN ?2 = 'complete' THEN 100 ELSE "
	    "progress END WHERE id = ?1");
	sqlu_bind(st, 1, id);
	sqlu_bind(st, 2, status);
	sqlu_bind(st, 3, error);
	sqlu_bind(st, 4, report_id);
	sqlu_bind(st, 5, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlu_fail(store, rc, "cannot finish the job", cause);
	db_job_touch(store, id);
	return DB_OK;
}

/*
 * Runs an UPDATE of job ID whose SQL takes the id as ?1 and the time
 * as ?2, then stamps the row for sync. WHAT names the action in errors.
 */
static enum db_status
db_job_update(struct store *store, const char *sql, const char *id,
    const char *what, char **cause)
{
	sqlite3_stmt *st;
	char now[32];
	int rc;

	clock_format_iso(clock_now_ms(), now, sizeof now);
	st = sqlu_prepare(store, sql);
	sqlu_bind(st, 1, id);
	sqlu_bind(st, 2, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlu_fail(store, rc, what, cause);
	db_job_touch(store, id);
	return DB_OK;
}

enum db_status
db_job_requeue(struct store *store, const char *id, char **cause)
{
	return db_job_update(store, "UPDATE jobs SET status = 'queued', "
	    "stage = 'queued', progress = 0, worker = NULL, updated_at = ?2 "
	    "WHERE id = ?1 AND status = 'processing'", id,
	    "cannot requeue the job", cause);
}

enum db_status
db_job_cancel(struct store *store, const char *id, char **cause)
{
	struct db_job j;
	const char *sql;
	enum db_status ds;

	ds = db_job_get(store, id, &j, cause);
	if (ds != DB_OK)
		return ds;
	if (strcmp(j.status, "queued") == 0)
		sql = "UPDATE jobs SET status = 'cancelled', stage = "
		    "'cancelled', error = 'cancelled before it started', "
		    "finished_at = ?2, updated_at = ?2 WHERE id = ?1";
	else if (strcmp(j.status, "processing") == 0)
		sql = "UPDATE jobs SET cancel_requested = 1, updated_at = ?2 "
		    "WHERE id = ?1";
	else {
		*cause = xasprintf("job '%s' is already %s", j.id, j.status);
		db_job_release(&j);
		return DB_CONFLICT;
	}
	ds = db_job_update(store, sql, j.id, "cannot cancel the job", cause);
	db_job_release(&j);
	return ds;
}

enum db_status
db_job_retry(struct store *store, const char *id, char **cause)
{
	struct db_job j;
	enum db_status ds;

	ds = db_job_get(store, id, &j, cause);
	if (ds != DB_OK)
		return ds;
	if (strcmp(j.status, "failed") != 0 &&
	    strcmp(j.status, "cancelled") != 0) {
		*cause = xasprintf("job '%s' is %s: only failed or cancelled "
		    "jobs can be retried", j.id, j.status);
		db_job_release(&j);
		return DB_CONFLICT;
	}
	ds = db_job_update(store, "UPDATE jobs SET status = 'queued', stage "
	    "= 'queued', progress = 0, error = NULL, worker = NULL, "
	    "cancel_requested = 0, finished_at = NULL, started_at = NULL, "
	    "report_id = NULL, updated_at = ?2 WHERE id = ?1", j.id,
	    "cannot retry the job", cause);
	db_job_release(&j);
	return ds;
}

/* 1 when the process of worker id W ("DEVICE:PID:N") is alive. */
static int
db_job_worker_alive(const char *w, const char *device, int own_pid)
{
	const char *p;
	size_t dl = strlen(device);
	long pid;

	if (w == NULL || strncmp(w, device, dl) != 0 || w[dl] != ':')
		return 1;	/* another device's: not ours to judge */
	p = w + dl + 1;
	pid = strtol(p, NULL, 10);
	if (pid <= 0 || pid == own_pid)
		return 0;
	if (kill((pid_t)pid, 0) == 0 || errno == EPERM)
		return 1;
	return 0;
}

enum db_status
db_job_recover(struct store *store, int own_pid, int *n, char **cause)
{
	sqlite3_stmt *st;
	char **ids = NULL, *w;
	size_t nids = 0, i;
	enum db_status ds = DB_OK;
	int rc;

	*n = 0;
	st = sqlu_prepare(store, "SELECT id, worker FROM jobs WHERE status = "
	    "'processing'");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		w = sqlu_text(st, 1);
		if (!db_job_worker_alive(w, store_device_id(store), own_pid)) {
			ids = xreallocarray(ids, nids + 1, sizeof *ids);
			ids[nids++] = sqlu_text(st, 0);
		}
		free(w);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		ds = sqlu_fail(store, rc, "cannot read jobs", cause);
	for (i = 0; i < nids; i++) {
		if (ds == DB_OK) {
			ds = db_job_requeue(store, ids[i], cause);
			if (ds == DB_OK)
				(*n)++;
		}
		free(ids[i]);
	}
	free(ids);
	return ds;
}

enum db_status
db_job_counts(struct store *store, int *queued, int *processing,
    int *complete, int *failed, int *cancelled, char **cause)
{
	sqlite3_stmt *st;
	const char *s;
	int rc, c;

	*queued = *processing = *complete = *failed = *cancelled = 0;
	st = sqlu_prepare(store, "SELECT status, count(*) FROM jobs GROUP BY "
	    "status");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s = (const char *)sqlite3_column_text(st, 0);
		c = sqlite3_column_int(st, 1);
		if (strcmp(s, "queued") == 0)
			*queued = c;
		else if (strcmp(s, "processing") == 0)
			*processing = c;
		else if (strcmp(s, "complete") == 0)
			*complete = c;
		else if (strcmp(s, "failed") == 0)
			*failed = c;
		else if (strcmp(s, "cancelled") == 0)
			*cancelled = c;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlu_fail(store, rc, "cannot count jobs", cause);
	return DB_OK;
}

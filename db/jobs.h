/* SPDX-License-Identifier: MIT */
#ifndef VO_DB_JOBS_H
#define VO_DB_JOBS_H

/*
 * The jobs table: background work (document audits, interview scoring)
 * with its status, stage, progress, error and attempts.
 *
 *   queued -> processing -> complete | failed | cancelled
 *   failed | cancelled -> queued        (retry)
 *   processing -> queued                (interrupted: its worker died)
 *
 * A claim is one UPDATE of the oldest queued row inside the caller's
 * BEGIN IMMEDIATE transaction, so two workers (threads or processes)
 * never take the same job. Every function here runs inside a transaction
 * the caller opened (store_begin) except the reads; writes queue an
 * outbox row, since jobs travel. Worker ids are "DEVICE:PID:N", which
 * lets a new process find the jobs of a dead one.
 */

#include <stddef.h>

#include "db/store.h"

struct db_job {
	char	*id;
	char	*kind;		/* "document", "interview" */
	char	*status;
	char	*stage;		/* or NULL */
	int	 progress;	/* 0..100 */
	char	*error;		/* or NULL */
	int	 attempts;
	char	*worker;	/* or NULL */
	int	 cancel_requested;
	char	*payload;	/* JSON text */
	char	*report_id;	/* REP-..., or NULL */
	char	*created_at, *updated_at, *started_at, *finished_at;
};

void	 db_job_release(struct db_job *);
void	 db_job_list_free(struct db_job *, size_t);

/* Queues a job of KIND with PAYLOAD; ID is its new UUID. */
enum db_status db_job_insert(struct store *, const char *id,
	    const char *kind, const char *payload, char **cause);

/* Job ID, or the only job whose id starts with ID (8+ characters). */
enum db_status db_job_get(struct store *, const char *id,
	    struct db_job *out /* OUT */, char **cause);

/* Every job, newest first, at most LIMIT (0: all). */
enum db_status db_job_list(struct store *, size_t limit,
	    struct db_job **out /* OUT */, size_t *n /* OUT */, char **cause);

/*
 * Takes the oldest queued job for WORKER: processing, attempts + 1.
 * DB_NOTFOUND when nothing is queued.
 */
enum db_status db_job_claim(struct store *, const char *worker,
	    struct db_job *out /* OUT */, char **cause);

/* Stage and progress of job ID; *CANCEL (OUT) is its cancel request. */
enum db_status db_job_progress(struct store *, const char *id,
	    const char *stage, int progress, int *cancel /* OUT */,
	    char **cause);

/*
 * Ends job ID with STATUS ("complete", "failed", "cancelled"), ERROR
 * (or NULL) and REPORT_ID (or NULL).
 */
enum db_status db_job_finish(struct store *, const char *id,
	    const char *status, const char *error, const char *report_id,
	    char **cause);

/*
 * Puts job ID back in the queue as if never started (its worker was
 * stopped or died), keeping its attempts.
 */
enum db_status db_job_requeue(struct store *, const char *id, char **cause);

/*
 * Cancels job ID: a queued job at once, a processing one by request (its
 * worker stops at the next stage). DB_CONFLICT when it already ended.
 */
enum db_status db_job_cancel(struct store *, const char *id, char **cause);

/* Queues a failed or cancelled job again. DB_CONFLICT otherwise. */
enum db_status db_job_retry(struct store *, const char *id, char **cause);

/*
 * Processing jobs of this device whose worker process is gone (or is
 * OWN_PID, a restart of the same process id) go back to the queue. *N
 * (OUT) is how many.
 */
enum db_status db_job_recover(struct store *, int own_pid, int *n /* OUT */,
	    char **cause);

/* Counts of jobs by status, for the dashboard and db stats. */
enum db_status db_job_counts(struct store *, int *queued, int *processing,
	    int *complete, int *failed, int *cancelled, char **cause);

#endif

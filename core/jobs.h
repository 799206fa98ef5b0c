/* SPDX-License-Identifier: MIT */
#ifndef VO_JOBS_H
#define VO_JOBS_H

/*
 * The job runner: a pool of pthreads (default: one per core) that take
 * jobs from the store's jobs table and run them: document audits
 * (core/pipeline.h) and interview scoring (core/interview.h).
 *
 * Design:
 * - Each worker opens its own store connection; nothing mutable is
 *   shared between workers except the runner's lock-protected flags.
 *   The framework set is loaded once and only read.
 * - A claim is a BEGIN IMMEDIATE transaction (db_job_claim), so workers
 *   of several processes on one store never run the same job.
 * - Progress is written as the stages advance; the job's cancel request
 *   is read back at each step, and the job stops at the next step.
 * - Each job has a time limit (checked at every step; default 10 min,
 *   VIGILORE_JOB_TIMEOUT_MS) and the pipeline's size limits. With an
 *   extraction helper (jobs_config.extract_helper), documents are read
 *   in a child process with a memory limit (1.5 GB,
 *   VIGILORE_JOB_MAX_MEMORY_MB) that is killed at the deadline, so a
 *   document that crashes or hangs the PDF library fails alone. A
 *   document that exceeds a bound fails with that reason; the program
 *   and the other jobs go on.
 * - Stopping the runner (jobs_runner_free) asks running jobs to stop and
 *   puts them back in the queue; a job whose process died is put back by
 *   the next runner that starts (db_job_recover). Either way it is taken
 *   up again at the next start.
 * - Workers block every signal, so SIGINT/SIGTERM/SIGWINCH reach the
 *   main thread. The notify callback runs on worker threads: it must only
 *   copy the event and wake its owner (a queue plus the TUI's wake fd).
 *
 * Lock order: the runner lock is the only lock; it is never held while a
 * job runs or while the store is used.
 */

#include <stdatomic.h>
#include <stdint.h>

#include "core/base/uuid.h"

struct framework_set;
struct pipeline_request;
struct store;

#define JOBS_TIMEOUT_MS_DEFAULT (10 * 60 * 1000)

struct jobs_event {
	char	 id[UUID_TEXT_LEN];
	char	 status[16];	/* queued processing complete failed ... */
	char	 stage[24];
	int	 progress;	/* 0..100 */
};

/* Called on a worker thread after every change of a job. */
typedef void jobs_notify_fn(void *arg, const struct jobs_event *);

struct jobs_config {
	const char	*db_path;	/* the store every worker opens */
	int		 nworkers;	/* 0: the number of cores */
	int64_t		 timeout_ms;	/* per job; 0: the default */
	int		 until_idle;	/* exit once nothing is queued */
	/* This program, to extract in a child process, or NULL. */
	const char	*extract_helper;
	jobs_notify_fn	*notify;	/* may be NULL */
	void		*arg;
};

struct jobs_runner;

/*
 * Recovers interrupted jobs and starts the workers. Returns 0 and an
 * owned *OUT, or -1 and a cause.
 */
int	 jobs_runner_new(const struct jobs_config *,
	    struct jobs_runner **out /* OUT */, char **cause);
/* Wakes idle workers: a job was queued. Any thread. */
void	 jobs_runner_kick(struct jobs_runner *);
/* Waits until the queue is empty and every worker idle (until_idle). */
void	 jobs_runner_wait_idle(struct jobs_runner *);
/* Stops the workers (running jobs go back to the queue) and frees. */
void	 jobs_runner_free(struct jobs_runner *);

/* Queues a document audit; ID (OUT) is the job id. */
int	 jobs_submit_document(struct store *, const struct pipeline_request *,
	    char id[UUID_TEXT_LEN], char **cause);
/* Queues the completion (scoring) of interview session SESSION_ID. */
int	 jobs_submit_interview(struct store *, const char *session_id,
	    char id[UUID_TEXT_LEN], char **cause);

/*
 * Runs the oldest queued job on the calling thread, with STORE and the
 * framework set SET. Returns 1 when a job ran (whatever its outcome), 0
 * when the queue was empty, -1 and a cause on a store failure. STOP (may
 * be NULL) is polled at every step: when it becomes non-zero the job
 * goes back to the queue. HELPER (may be NULL) is the program that
 * extracts documents in a child process.
 */
int	 jobs_run_one(struct store *, const struct framework_set *,
	    const char *worker, int64_t timeout_ms, const atomic_int *stop,
	    const char *helper, jobs_notify_fn *, void *arg, char **cause);

#endif

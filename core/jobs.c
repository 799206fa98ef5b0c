/* SPDX-License-Identifier: MIT */
/*
 * The job runner (see core/jobs.h for the design). A worker loops:
 * claim a job in a short transaction, run it with no lock held, record
 * the outcome in another transaction, notify. Between jobs it sleeps on
 * the runner's condition variable, woken by jobs_runner_kick() or after
 * half a second (jobs queued by other processes).
 */
#include "core/jobs.h"

#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/base/log.h"
#include "core/base/xmalloc.h"
#include "core/framework.h"
#include "core/interview.h"
#include "core/llm.h"
#include "core/pipeline.h"
#include "core/report.h"
#include "db/jobs.h"
#include "db/store.h"

#define JOBS_IDLE_WAIT_MS 500

struct jobs_runner {
	struct jobs_config	 cfg;
	char			*db_path;
	char			*helper;	/* or NULL */
	struct framework_set	 set;
	pthread_t		*threads;
	int			 nthreads;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;		/* work may be queued */
	pthread_cond_t		 idle_cond;	/* a worker went idle */
	int			 kicked;	/* under lock */
	int			 running;	/* workers inside a job */
	int			 alive;		/* workers not yet exited */
	atomic_int		 stop;
};

struct jobs_worker_arg {
	struct jobs_runner	*r;
	int			 n;
};

/* The per-job context handed to the pipeline's progress callback. */
struct jobs_ctx {
	struct store		*store;
	const char		*id;
	int64_t			 deadline;
	int64_t			 timeout_ms;
	const atomic_int	*stop;
	int			 interrupted;	/* stopped by the runner */
	int			 cancelled;	/* stopped by request */
	jobs_notify_fn		*notify;
	void			*arg;
	const char		*helper;	/* extraction helper or NULL */
};

static void
jobs_notify(struct jobs_ctx *c, const char *status, const char *stage,
    int progress)
{
	struct jobs_event ev;

	if (c->notify == NULL)
		return;
	memset(&ev, 0, sizeof ev);
	snprintf(ev.id, sizeof ev.id, "%s", c->id);
	snprintf(ev.status, sizeof ev.status, "%s", status);
	snprintf(ev.stage, sizeof ev.stage, "%s", stage);
	ev.progress = progress;
	c->notify(c->arg, &ev);
}

/* Pipeline progress: store it, then say whether to stop. */
static int
jobs_progress(void *arg, const char *stage, int progress, char **cause)
{
	struct jobs_ctx *c = arg;
	char *err = NULL;
	int cancel = 0;

	if (c->stop != NULL && atomic_load(c->stop)) {
		c->interrupted = 1;
		*cause = xstrdup("interrupted: the program is stopping");
		return -1;
	}
	if (store_begin(c->store, &err) == DB_OK) {
		if (db_job_progress(c->store, c->id, stage, progress, &cancel,
		    &err) == DB_OK)
			store_commit(c->store, &err);
		else
			store_rollback(c->store);
	}
	if (err != NULL) {
		log_warn("job %s: %s", c->id, err);
		free(err);
	}
	jobs_notify(c, "processing", stage, progress);
	if (cancel) {
		c->cancelled = 1;
		*cause = xstrdup("cancelled by request");
		return -1;
	}
	if (c->deadline != 0 && clock_mono_ms() > c->deadline) {
		*cause = xasprintf("took longer than the time limit of %lld s",
		    (long long)(c->timeout_ms / 1000));
		return -1;
	}
	return 0;
}

/* Records the end of job ID; with REPORT, stores it in the same commit. */
static int
jobs_finish(struct store *store, const char *id, const char *status,
    const char *error, json_t *report, char **cause)
{
	char *rid = NULL;
	const char *have;

	if (store_begin(store, cause) != DB_OK)
		return -1;
	if (report != NULL) {
		have = json_string_value(json_object_get(report, "report_id"));
		if (have != NULL)
			rid = xstrdup(have);
		else {
			rid = report_next_id(store);
			json_object_set_new(report, "report_id",
			    json_string(rid));
			if (report_save(store, report, cause) != 0) {
				store_rollback(store);
				free(rid);
				return -1;
			}
		}
	}
	if (db_job_finish(store, id, status, error, rid, cause) != DB_OK) {
		store_rollback(store);
		free(rid);
		return -1;
	}
	free(rid);
	if (store_commit(store, cause) != DB_OK)
		return -1;
	return 0;
}

static int
jobs_run_document(struct jobs_ctx *c, const struct framework_set *set,
    json_t *payload, json_t **report, char **cause)
{
	struct pipeline_request req;
	struct pipeline_model model;
	struct extract_limits lim;
	struct llm_config llm;
	const char *mb;
	int rc, have;

	if (pipeline_request_from_json(payload, &req, cause) != 0)
		return -1;
	extract_limits_default(&lim);
	lim.deadline_ms = c->deadline;
	lim.cancel = c->stop;
	lim.helper = c->helper;
	mb = getenv("VIGILORE_JOB_MAX_MEMORY_MB");
	if (mb != NULL && strtol(mb, NULL, 10) > 0)
		lim.max_memory = (size_t)strtol(mb, NULL, 10) << 20;
	have = llm_config_from_env(&llm);
	model.config = &llm;
	model.cache = c->store;
	rc = pipeline_audit(&req, set, &lim, have ? &model : NULL, c->id,
	    jobs_progress, c, report, cause);
	llm_config_release(&llm);
	pipeline_request_release(&req);
	return rc;
}

static int
jobs_run_interview(struct jobs_ctx *c, const struct framework_set *set,
    json_t *payload, json_t **report, char **cause)
{
	struct interview *iv;
	const char *sid;
	int rc;

	sid = json_string_value(json_object_get(payload, "session"));
	if (sid == NULL) {
		*cause = xstrdup("job payload names no interview session");
		return -1;
	}
	if (jobs_progress(c, "scoring", 10, cause) != 0)
		return -1;
	if (interview_load(c->store, set, sid, &iv, cause) != 0)
		return -1;
	rc = interview_complete(c->store, set, iv, report, cause);
	interview_free(iv);
	return rc;
}

int
jobs_run_one(struct store *store, const struct framework_set *set,
    const char *worker, int64_t timeout_ms, const atomic_int *stop,
    const char *helper, jobs_notify_fn *notify, void *arg, char **cause)
{
	struct db_job job;
	struct jobs_ctx c;
	json_t *payload, *report = NULL;
	json_error_t je;
	char *err = NULL;
	enum db_status ds;
	int rc;

	if (store_begin(store, cause) != DB_OK)
		return -1;
	ds = db_job_claim(store, worker, &job, cause);
	if (ds != DB_OK) {
		store_rollback(store);
		if (ds == DB_NOTFOUND) {
			XFREE(*cause);
			return 0;
		}
		return -1;
	}
	if (store_commit(store, cause) != DB_OK) {
		db_job_release(&job);
		return -1;
	}
	memset(&c, 0, sizeof c);
	c.store = store;
	c.id = job.id;
	c.timeout_ms = timeout_ms > 0 ? timeout_ms : JOBS_TIMEOUT_MS_DEFAULT;
	if (timeout_ms <= 0 && getenv("VIGILORE_JOB_TIMEOUT_MS") != NULL &&
	    strtol(getenv("VIGILORE_JOB_TIMEOUT_MS"), NULL, 10) > 0)
		c.timeout_ms = strtol(getenv("VIGILORE_JOB_TIMEOUT_MS"), NULL,
		    10);
	c.deadline = clock_mono_ms() + c.timeout_ms;
	c.stop = stop;
	c.notify = notify;
	c.arg = arg;
	c.helper = helper;
	log_info("job %s (%s) claimed by %s, attempt %d", job.id, job.kind,
	    worker, job.attempts);
	jobs_notify(&c, "processing", "starting", 0);
	payload = json_loads(job.payload, 0, &je);
	if (payload == NULL) {
		err = xasprintf("job payload is not JSON: %s", je.text);
		rc = -1;
	} else if (strcmp(job.kind, "document") == 0)
		rc = jobs_run_document(&c, set, payload, &report, &err);
	else if (strcmp(job.kind, "interview") == 0)
		rc = jobs_run_interview(&c, set, payload, &report, &err);
	else {
		err = xasprintf("unknown job kind '%s'", job.kind);
		rc = -1;
	}
	json_decref(payload);
	if (rc == 0) {
		if (jobs_finish(store, job.id, "complete", NULL, report,
		    cause) != 0) {
			/* The store failed us: let the job be taken again. */
			log_error("job %s: %s", job.id, *cause);
			json_decref(report);
			db_job_release(&job);
			return -1;
		}
		jobs_notify(&c, "complete", "complete", 100);
		log_info("job %s complete", job.id);
	} else if (c.interrupted) {
		if (store_begin(store, cause) == DB_OK) {
			if (db_job_requeue(store, job.id, cause) == DB_OK)
				store_commit(store, cause);
			else
				store_rollback(store);
		}
		XFREE(*cause);
		jobs_notify(&c, "queued", "queued", 0);
		log_info("job %s interrupted, back in the queue", job.id);
	} else {
		log_info("job %s %s: %s", job.id, c.cancelled ? "cancelled" :
		    "failed", err);
		if (jobs_finish(store, job.id, c.cancelled ? "cancelled" :
		    "failed", err, NULL, cause) != 0) {
			free(err);
			db_job_release(&job);
			return -1;
		}
		jobs_notify(&c, c.cancelled ? "cancelled" : "failed",
		    c.cancelled ? "cancelled" : "failed", 0);
	}
	free(err);
	json_decref(report);
	db_job_release(&job);
	return 1;
}

static void *
jobs_worker(void *p)
{
	struct jobs_worker_arg *wa = p;
	struct jobs_runner *r = wa->r;
	struct store *store = NULL;
	struct timespec ts;
	sigset_t all;
	char name[16], worker[96], *cause = NULL;
	int rc;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	snprintf(name, sizeof name, "worker-%d", wa->n);
	log_thread_name(name);
	if (store_open(r->db_path, &store, &cause) != DB_OK) {
		log_error("%s", cause);
		free(cause);
		goto out;
	}
	snprintf(worker, sizeof worker, "%s:%ld:%d", store_device_id(store),
	    (long)getpid(), wa->n);
	while (!atomic_load(&r->stop)) {
		pthread_mutex_lock(&r->lock);
		r->running++;
		pthread_mutex_unlock(&r->lock);
		rc = jobs_run_one(store, &r->set, worker, r->cfg.timeout_ms,
		    &r->stop, r->helper, r->cfg.notify, r->cfg.arg, &cause);
		pthread_mutex_lock(&r->lock);
		r->running--;
		if (rc < 0) {
			log_error("%s", cause);
			XFREE(cause);
		}
		if (rc == 1) {
			pthread_mutex_unlock(&r->lock);
			continue;
		}
		pthread_cond_broadcast(&r->idle_cond);
		if (r->cfg.until_idle && r->running == 0) {
			/* Nobody is working and the queue was empty. */
			pthread_mutex_unlock(&r->lock);
			break;
		}
		if (!r->kicked && !atomic_load(&r->stop)) {
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += (long)JOBS_IDLE_WAIT_MS * 1000000L;
			ts.tv_sec += ts.tv_nsec / 1000000000L;
			ts.tv_nsec %= 1000000000L;
			pthread_cond_timedwait(&r->cond, &r->lock, &ts);
		}
		r->kicked = 0;
		pthread_mutex_unlock(&r->lock);
	}
out:
	store_close(store);
	pthread_mutex_lock(&r->lock);
	r->alive--;
	pthread_cond_broadcast(&r->idle_cond);
	pthread_mutex_unlock(&r->lock);
	free(wa);
	return NULL;
}

int
jobs_runner_new(const struct jobs_config *cfg, struct jobs_runner **out,
    char **cause)
{
	struct jobs_runner *r;
	struct jobs_worker_arg *wa;
	struct store *store;
	long ncpu;
	int i, n = 0;

	*out = NULL;
	if (store_open(cfg->db_path, &store, cause) != DB_OK)
		return -1;
	if (store_begin(store, cause) != DB_OK) {
		store_close(store);
		return -1;
	}
	if (db_job_recover(store, (int)getpid(), &n, cause) != DB_OK) {
		store_rollback(store);
		store_close(store);
		return -1;
	}
	if (store_commit(store, cause) != DB_OK) {
		store_close(store);
		return -1;
	}
	store_close(store);
	if (n > 0)
		log_info("%d interrupted job(s) back in the queue", n);
	r = xcalloc(1, sizeof *r);
	r->cfg = *cfg;
	r->db_path = xstrdup(cfg->db_path);
	r->cfg.db_path = r->db_path;
	r->helper = cfg->extract_helper != NULL ?
	    xstrdup(cfg->extract_helper) : NULL;
	r->cfg.extract_helper = r->helper;
	if (framework_set_load_default(&r->set, cause) != 0) {
		free(r->db_path);
		free(r->helper);
		free(r);
		return -1;
	}
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->cond, NULL);
	pthread_cond_init(&r->idle_cond, NULL);
	atomic_init(&r->stop, 0);
	r->nthreads = cfg->nworkers;
	if (r->nthreads <= 0) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		r->nthreads = ncpu > 0 ? (int)ncpu : 1;
	}
	if (r->nthreads > 64)
		r->nthreads = 64;
	r->threads = xcalloc((size_t)r->nthreads, sizeof *r->threads);
	for (i = 0; i < r->nthreads; i++) {
		wa = xcalloc(1, sizeof *wa);
		wa->r = r;
		wa->n = i + 1;
		pthread_mutex_lock(&r->lock);
		r->alive++;
		pthread_mutex_unlock(&r->lock);
		if (pthread_create(&r->threads[i], NULL, jobs_worker, wa) != 0)
			fatalx("%s: cannot start worker %d", __func__, i + 1);
	}
	*out = r;
	return 0;
}

void
jobs_runner_kick(struct jobs_runner *r)
{
	pthread_mutex_lock(&r->lock);
	r->kicked = 1;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
}

void
jobs_runner_wait_idle(struct jobs_runner *r)
{
	pthread_mutex_lock(&r->lock);
	while (r->alive > 0)
		pthread_cond_wait(&r->idle_cond, &r->lock);
	pthread_mutex_unlock(&r->lock);
}

void
jobs_runner_free(struct jobs_runner *r)
{
	int i;

	if (r == NULL)
		return;
	atomic_store(&r->stop, 1);
	jobs_runner_kick(r);
	for (i = 0; i < r->nthreads; i++)
		pthread_join(r->threads[i], NULL);
	framework_set_release(&r->set);
	pthread_mutex_destroy(&r->lock);
	pthread_cond_destroy(&r->cond);
	pthread_cond_destroy(&r->idle_cond);
	free(r->threads);
	free(r->db_path);
	free(r->helper);
	free(r);
}

static int
jobs_submit(struct store *store, const char *kind, json_t *payload,
    char id[UUID_TEXT_LEN], char **cause)
{
	char *text;

	text = json_dumps(payload, JSON_COMPACT);
	json_decref(payload);
	if (text == NULL) {
		*cause = xstrdup("cannot encode the job payload");
		return -1;
	}
	uuid_generate(id);
	if (store_begin(store, cause) != DB_OK) {
		free(text);
		return -1;
	}
	if (db_job_insert(store, id, kind, text, cause) != DB_OK) {
		store_rollback(store);
		free(text);
		return -1;
	}
	free(text);
	if (store_commit(store, cause) != DB_OK)
		return -1;
	return 0;
}

int
jobs_submit_document(struct store *store, const struct pipeline_request *req,
    char id[UUID_TEXT_LEN], char **cause)
{
	return jobs_submit(store, "document", pipeline_request_to_json(req),
	    id, cause);
}

int
jobs_submit_interview(struct store *store, const char *session_id,
    char id[UUID_TEXT_LEN], char **cause)
{
	return jobs_submit(store, "interview", json_pack("{s:s}", "session",
	    session_id), id, cause);
}

/* SPDX-License-Identifier: MIT */
/*
 * The sync round and the sync thread (see core/sync.h for the design).
 *
 * Threads: sync_once() runs on its caller, under a watchdog thread of
 * its own (the sync thread's, started on a struct sync that holds only
 * the watchdog's fields). sync_new() starts one thread that owns its own
 * struct store and struct pg, and its watchdog; the only shared state is
 * struct sync's status (under its mutex), the stop flag and the kick
 * pipe. The threads block every signal, so they reach the UI thread.
 */
#include "core/sync.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/base/log.h"
#include "core/base/uuid.h"
#include "core/base/xmalloc.h"
#include "db/pg.h"
#include "db/sync_local.h"
#include "db/sync_pull.h"
#include "db/sync_push.h"

#define SYNC_BACKOFF_MIN_MS 500
#define SYNC_BACKOFF_MAX_MS 30000
#define SYNC_POLL_MS 5000

struct sync {
	char		*path;
	char		*conninfo;
	int		 wake_fd;
	int		 kick[2];	/* pipe: kick and stop */
	pthread_t	 thread;
	pthread_mutex_t	 lock;
	struct sync_status status;	/* under lock */
	int		 stop;		/* under lock */
	int		 done;		/* under lock: the thread ended */
	int		 sock;		/* under lock: the connection, or -1 */
	pthread_cond_t	 ended;		/* signalled when done is set */
	pthread_t	 watchdog;
	pthread_cond_t	 tick;		/* wakes the watchdog to stop */
	int64_t		 busy_since;	/* under lock: mono ms, 0 = idle */
	int64_t		 busy_max;	/* under lock: see sync_busy() */
	int64_t		 round_max;	/* longest a round may take */
	int64_t		 silence_max;	/* longest the server may be mute */
	int64_t		 ping_ms;	/* idle: a ping at most this often */
	int		 cut;		/* under lock: this wait was cut */
	int64_t		 cut_ms;	/* under lock: silence when cut */
};

/* How long sync_free() lets a round finish before cutting it short. */
#define SYNC_STOP_GRACE_MS 1000
/*
 * Where the kernel cannot say when the server last sent a byte (a Unix
 * socket, no TCP_INFO), a round taking longer is cut by the watchdog:
 * beyond the server's own statement timeout (db/pg.c), so only a server
 * that stopped answering altogether gets there.
 */
#define SYNC_ROUND_MAX_MS 90000
/*
 * The watchdog cuts the connection when the server has owed us an
 * answer and sent nothing for this long. Far above any one statement of
 * a round (a batch, a page of the pull), and the round itself may take
 * as long as it keeps hearing from the server.
 */
#define SYNC_SILENCE_MS 10000
/* Idle on LISTEN, a "SELECT 1" at most this often finds a mute server. */
#define SYNC_PING_MS 2000

static int64_t
sync_env_ms(const char *name, int64_t def)
{
	const char *v = getenv(name);
	char *end;
	long long n;

	if (v == NULL || *v == '\0')
		return def;
	n = strtoll(v, &end, 10);
	return *end == '\0' && n > 0 ? n : def;
}

static void
sync_copy_text(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src != NULL ? src : "");
}

int
sync_status_read(struct store *s, const char *server,
    struct sync_status *out, char **cause)
{
	struct sync_local_stats ls;
	char *name;

	memset(out, 0, sizeof *out);
	if (server != NULL) {
		out->configured = 1;
		name = pg_conninfo_scrub(server);
		sync_copy_text(out->server, sizeof out->server, name);
		free(name);
	}
	if (sync_local_stats(s, &ls, cause) != DB_OK)
		return -1;
	out->pending = ls.pending;
	out->oldest_pending_ms = ls.oldest_pending_ms;
	out->last_sync_ms = ls.last_sync_ms;
	out->quarantined = ls.quarantined;
	out->clock_skew_ms = ls.clock_skew_ms;
	sync_copy_text(out->cursor, sizeof out->cursor, ls.cursor);
	sync_copy_text(out->last_error, sizeof out->last_error,
	    ls.last_error);
	sync_local_stats_release(&ls);
	return 0;
}

static void	sync_cut_cause(struct sync *, struct pg *, char **);

/*
 * Push everything, then pull everything; records the outcome locally.
 * With SY, a failure the watchdog caused is recorded as a cut.
 */
static enum db_status
sync_round_run(struct sync *sy, struct store *s, struct pg *pg,
    struct sync_round *r, char **cause)
{
	struct sync_push_result pr;
	struct sync_pull_result pl;
	enum db_status st;
	char now[32];

	memset(&pr, 0, sizeof pr);
	memset(&pl, 0, sizeof pl);
	st = sync_local_bind_server(s, pg, cause);
	if (st == DB_OK)
		st = sync_push(s, pg, (size_t)sync_env_ms("VIGILORE_SYNC_BATCH",
		    SYNC_PUSH_BATCH), 0, &pr, cause);
	if (st == DB_OK)
		st = sync_pull(s, pg, &pl, cause);
	r->batches += pr.batches;
	r->pushed += pr.rows;
	r->settled += pr.settled;
	r->refused += pr.quarantined;
	r->received += pl.rows;
	r->applied += pl.applied;
	r->conflicts += pl.conflicts;
	r->local_refused += pl.quarantined;
	r->restamped += pr.restamped;
	if (st == DB_OK) {
		clock_format_iso(clock_now_ms(), now, sizeof now);
		sync_local_set(s, "last_sync", now, NULL);
		sync_local_set(s, "last_error", "", NULL);
	} else {
		if (sy != NULL)
			sync_cut_cause(sy, pg, cause);
		sync_local_set(s, "last_error", *cause, NULL);
	}
	return st;
}

static void	sync_set_conn(struct sync *, struct pg *);
static void	sync_drop_conn(struct sync *, struct pg **);
static void	sync_busy(struct sync *, int64_t);
static void	sync_idle(struct sync *);
static int	sync_stopping(struct sync *);
static void	*sync_watch(void *);

/* pg_open_cancel()'s callback: the thread is asked to stop. */
static int
sync_cancel(void *arg)
{
	return sync_stopping(arg);
}

/*
 * Connects and checks the schema. With SY (a watchdog runs), a stop
 * cancels the attempt and the socket is published for the watchdog as
 * soon as the connection is up; with WANT_LISTEN (the sync thread), the
 * connection LISTENs.
 */
static enum db_status
sync_connect(struct sync *sy, int want_listen, const char *conninfo,
    struct pg **out, char **cause)
{
	enum db_status st;

	st = pg_open_cancel(conninfo, sy != NULL ? sync_cancel : NULL, sy,
	    out, cause);
	if (st != DB_OK)
		return st;
	if (sy != NULL) {
		sync_set_conn(sy, *out);
		sync_busy(sy, sy->silence_max);
	}
	st = pg_schema_check(*out, cause);
	if (st == DB_OK && sy != NULL && want_listen)
		st = pg_listen(*out, cause);
	if (sy != NULL) {
		sync_idle(sy);
		if (st != DB_OK) {
			sync_cut_cause(sy, *out, cause);
			sync_set_conn(sy, NULL);
		}
	}
	if (st != DB_OK) {
		pg_close(*out);
		*out = NULL;
	}
	return st;
}

/*
 * Readies SY's lock, conditions and watchdog knobs (no thread yet);
 * sync_watch_release() undoes it.
 */
static void
sync_watch_init(struct sync *sy)
{
	pthread_mutex_init(&sy->lock, NULL);
	pthread_cond_init(&sy->ended, NULL);
	pthread_cond_init(&sy->tick, NULL);
	sy->sock = -1;
	sy->round_max = sync_env_ms("VIGILORE_SYNC_ROUND_MAX_MS",
	    SYNC_ROUND_MAX_MS);
	sy->silence_max = sync_env_ms("VIGILORE_SYNC_SILENCE_MS",
	    SYNC_SILENCE_MS);
	sy->ping_ms = sync_env_ms("VIGILORE_SYNC_PING_MS", SYNC_PING_MS);
}

static void
sync_watch_release(struct sync *sy)
{
	pthread_cond_destroy(&sy->tick);
	pthread_cond_destroy(&sy->ended);
	pthread_mutex_destroy(&sy->lock);
}

/* Asks the watchdog (and the sync thread) to stop; joins the watchdog. */
static void
sync_watch_stop(struct sync *sy)
{
	pthread_mutex_lock(&sy->lock);
	sy->stop = 1;
	pthread_cond_signal(&sy->tick);
	pthread_mutex_unlock(&sy->lock);
	pthread_join(sy->watchdog, NULL);
}

/*
 * The round runs here, on the caller's thread, but under the sync
 * thread's watchdog (a thread of its own for the round): the schema
 * check and the round are cut after VIGILORE_SYNC_SILENCE_MS of server
 * silence, so a frozen server cannot hold the caller. The batch in flight
 * is settled by the next round, as after any lost connection.
 */
int
sync_once(struct store *s, const char *conninfo, struct sync_round *out,
    char **cause)
{
	struct sync sy;
	struct pg *pg;
	enum db_status st;
	int rc;

	memset(out, 0, sizeof *out);
	memset(&sy, 0, sizeof sy);
	sync_watch_init(&sy);
	rc = pthread_create(&sy.watchdog, NULL, sync_watch, &sy);
	if (rc != 0) {
		sync_watch_release(&sy);
		*cause = xasprintf("cannot start sync: %s", strerror(rc));
		sync_local_set(s, "last_error", *cause, NULL);
		return -1;
	}
	st = sync_connect(&sy, 0, conninfo, &pg, cause);
	if (st != DB_OK)
		sync_local_set(s, "last_error", *cause, NULL);
	else {
		sync_busy(&sy, sy.round_max);
		st = sync_round_run(&sy, s, pg, out, cause);
		sync_idle(&sy);
		sync_drop_conn(&sy, &pg);
	}
	sync_watch_stop(&sy);
	sync_watch_release(&sy);
	return st == DB_OK ? 0 : -1;
}

/* Tells the UI to look again. */
static void
sync_wake(struct sync *sy)
{
	uint64_t one = 1;
	ssize_t n;

	if (sy->wake_fd == -1)
		return;
	n = write(sy->wake_fd, &one, sizeof one);
	(void)n;	/* a full pipe already means "look again" */
}

/* Refreshes the shared status from the store; wakes the UI on change. */
static void
sync_publish(struct sync *sy, struct store *s, int online,
    const char *error, const struct sync_round *r)
{
	struct sync_status fresh, old;
	char *cause = NULL;

	if (sync_status_read(s, sy->conninfo, &fresh, &cause) == -1) {
		log_warn("%s", cause);
		free(cause);
	}
	pthread_mutex_lock(&sy->lock);
	old = sy->status;
	fresh.online = online;
	fresh.pushed = old.pushed + (r != NULL ? r->pushed : 0);
	fresh.pulled = old.pulled + (r != NULL ? r->applied : 0);
	fresh.conflicts = old.conflicts + (r != NULL ? r->conflicts : 0);
	fresh.generation = old.generation +
	    (r != NULL && r->applied > 0 ? 1 : 0);
	if (error != NULL)
		sync_copy_text(fresh.last_error, sizeof fresh.last_error,
		    error);
	sy->status = fresh;
	pthread_mutex_unlock(&sy->lock);
	if (old.online != fresh.online || old.pending != fresh.pending ||
	    old.generation != fresh.generation ||
	    old.last_sync_ms != fresh.last_sync_ms ||
	    strcmp(old.last_error, fresh.last_error) != 0)
		sync_wake(sy);
}

/*
 * Publishes (or, with PG NULL, withdraws) the connection's socket, so
 * sync_free() can cut a round that hangs on a frozen server. Withdrawn
 * before the connection is closed, so the descriptor is never reused
 * under sync_free()'s feet.
 */
static void
sync_set_conn(struct sync *sy, struct pg *pg)
{
	pthread_mutex_lock(&sy->lock);
	sy->sock = pg != NULL ? pg_socket(pg) : -1;
	pthread_mutex_unlock(&sy->lock);
}

static void
sync_drop_conn(struct sync *sy, struct pg **pg)
{
	sync_set_conn(sy, NULL);
	pg_close(*pg);
	*pg = NULL;
}

/*
 * The thread starts waiting on the server: the watchdog cuts the
 * connection once the server has kept silent for silence_max while it
 * owes an answer, or, where the kernel cannot tell, once the wait has
 * lasted MAX.
 */
static void
sync_busy(struct sync *sy, int64_t max)
{
	pthread_mutex_lock(&sy->lock);
	sy->busy_since = clock_mono_ms();
	sy->busy_max = max;
	sy->cut = 0;
	pthread_mutex_unlock(&sy->lock);
}

static void
sync_idle(struct sync *sy)
{
	pthread_mutex_lock(&sy->lock);
	sy->busy_since = 0;
	pthread_mutex_unlock(&sy->lock);
}

/*
 * After a failed wait on PG: when the watchdog cut it, *CAUSE (may be
 * NULL) becomes a message saying so.
 */
static void
sync_cut_cause(struct sync *sy, struct pg *pg, char **cause)
{
	int64_t ms = -1;

	pthread_mutex_lock(&sy->lock);
	if (sy->cut)
		ms = sy->cut_ms;
	pthread_mutex_unlock(&sy->lock);
	if (ms < 0)
		return;
	free(*cause);
	*cause = xasprintf("server '%s': no answer for %lld ms, connection "
	    "cut", pg_name(pg), (long long)ms);
}

static int
sync_stopping(struct sync *sy)
{
	int stop;

	pthread_mutex_lock(&sy->lock);
	stop = sy->stop;
	pthread_mutex_unlock(&sy->lock);
	return stop;
}

/* Empties the kick pipe; 1 if anything was there. */
static int
sync_drain(struct sync *sy)
{
	char b[64];
	int any = 0;

	while (read(sy->kick[0], b, sizeof b) > 0)
		any = 1;
	return any;
}

/*
 * A cheap round trip on an idle connection, under the watchdog, so a
 * server that froze is noticed while nothing else is asked of it. 0, or
 * -1 and *cause.
 */
static int
sync_ping(struct sync *sy, struct pg *pg, char **cause)
{
	enum db_status st;

	sync_busy(sy, sy->silence_max);
	st = pg_exec(pg, "SELECT 1", cause);
	sync_idle(sy);
	if (st == DB_OK)
		return 0;
	sync_cut_cause(sy, pg, cause);
	return -1;
}

/*
 * Waits up to MS for a kick, a stop or (with PG) a notification, pinging
 * PG every ping_ms. Returns 1 when a round should run now, 0 on timeout,
 * -1 and *cause when the connection died.
 */
static int
sync_wait(struct sync *sy, struct pg *pg, const char *self, int64_t ms,
    char **cause)
{
	struct pollfd pfd[2];
	int64_t now, deadline = clock_mono_ms() + ms, left, ping;
	int n, nfds, got;

	/*
	 * A notification that came in during the round was read with its
	 * results and waits in libpq: the socket stays quiet, so poll()
	 * would sleep on it until the next ping.
	 */
	if (pg != NULL) {
		got = pg_notifications(pg, self);
		if (got < 0)
			return -1;
		if (got > 0)
			return 1;
	}
	ping = clock_mono_ms() + sy->ping_ms;
	for (;;) {
		now = clock_mono_ms();
		left = deadline - now;
		if (left <= 0 || sync_stopping(sy))
			return 0;
		if (pg != NULL && now >= ping) {
			if (sync_ping(sy, pg, cause) == -1)
				return -1;
			/* What came in with the answer is queued in libpq. */
			got = pg_notifications(pg, self);
			if (got < 0)
				return -1;
			if (got > 0)
				return 1;
			ping = clock_mono_ms() + sy->ping_ms;
			continue;
		}
		if (pg != NULL && ping - now < left)
			left = ping - now;
		pfd[0].fd = sy->kick[0];
		pfd[0].events = POLLIN;
		nfds = 1;
		if (pg != NULL) {
			pfd[1].fd = pg_socket(pg);
			pfd[1].events = POLLIN;
			nfds = 2;
		}
		n = poll(pfd, (nfds_t)nfds, (int)left);
		if (n == -1 && errno != EINTR)
			return 0;
		if (n <= 0)
			continue;
		if (pfd[0].revents != 0 && sync_drain(sy))
			return 1;
		if (nfds == 2 && pfd[1].revents != 0) {
			got = pg_notifications(pg, self);
			if (got < 0)
				return -1;
			if (got > 0)
				return 1;
		}
	}
}

static void *
sync_main(void *arg)
{
	struct sync *sy = arg;
	struct store *s = NULL;
	struct pg *pg = NULL;
	struct sync_round r;
	sigset_t all;
	enum db_status st;
	char *cause = NULL;
	int64_t backoff = SYNC_BACKOFF_MIN_MS, poll_ms, max_ms, wait;
	unsigned char rnd;
	int w;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	log_thread_name("sync");
	poll_ms = sync_env_ms("VIGILORE_SYNC_POLL_MS", SYNC_POLL_MS);
	max_ms = sync_env_ms("VIGILORE_SYNC_BACKOFF_MAX_MS",
	    SYNC_BACKOFF_MAX_MS);
	if (store_open(sy->path, &s, &cause) != DB_OK) {
		log_error("%s", cause);
		pthread_mutex_lock(&sy->lock);
		sync_copy_text(sy->status.last_error,
		    sizeof sy->status.last_error, cause);
		pthread_mutex_unlock(&sy->lock);
		free(cause);
		sync_wake(sy);
		pthread_mutex_lock(&sy->lock);
		sy->done = 1;
		pthread_cond_signal(&sy->ended);
		pthread_mutex_unlock(&sy->lock);
		return NULL;
	}
	sync_publish(sy, s, 0, NULL, NULL);
	while (!sync_stopping(sy)) {
		if (pg == NULL) {
			st = sync_connect(sy, 1, sy->conninfo, &pg, &cause);
			if (st != DB_OK) {
				log_info("offline: %s", cause);
				sync_local_set(s, "last_error", cause, NULL);
				sync_publish(sy, s, 0, cause, NULL);
				XFREE(cause);
				/* Exponential back-off, jitter 50-100%. */
				uuid_random_bytes(&rnd, 1);
				wait = backoff / 2 + backoff * rnd / 512;
				backoff = backoff * 2 > max_ms ? max_ms :
				    backoff * 2;
				sync_wait(sy, NULL, NULL, wait, NULL);
				continue;
			}
			sync_set_conn(sy, pg);
			log_info("online: %s", pg_name(pg));
			backoff = SYNC_BACKOFF_MIN_MS;
		}
		memset(&r, 0, sizeof r);
		sync_busy(sy, sy->round_max);
		st = sync_round_run(sy, s, pg, &r, &cause);
		sync_idle(sy);
		if (st == DB_OFFLINE) {
			log_info("lost the server: %s", cause);
			sync_drop_conn(sy, &pg);
			sync_publish(sy, s, 0, cause, &r);
			XFREE(cause);
			continue;
		}
		sync_publish(sy, s, 1, st == DB_OK ? NULL : cause, &r);
		if (st != DB_OK)
			log_warn("%s", cause);
		XFREE(cause);
		w = sync_wait(sy, pg, store_device_id(s),
		    st == DB_OK ? poll_ms : backoff, &cause);
		if (w < 0) {
			log_info("lost the server '%s'%s%s", pg_name(pg),
			    cause != NULL ? ": " : "",
			    cause != NULL ? cause : "");
			sync_drop_conn(sy, &pg);
			if (cause != NULL)
				sync_local_set(s, "last_error", cause, NULL);
			sync_publish(sy, s, 0, cause, NULL);
			XFREE(cause);
		}
	}
	if (pg != NULL)
		sync_drop_conn(sy, &pg);
	store_close(s);
	pthread_mutex_lock(&sy->lock);
	sy->done = 1;
	pthread_cond_signal(&sy->ended);
	pthread_mutex_unlock(&sy->lock);
	return NULL;
}

/*
 * The watchdog: a wait on a server that stopped answering (its host
 * still acknowledging TCP, so keepalives see nothing) is cut by shutting
 * the connection's socket; the round or ping then fails as offline and
 * the sync thread reconnects with back-off. What counts is the server's
 * silence while it owes an answer, read from the kernel's TCP figures
 * (pg_socket_silence()), whatever libpq call waits: a long round that
 * keeps receiving is never cut. Where the kernel cannot tell, the length
 * of the wait itself is the measure (busy_max).
 */
static void *
sync_watch(void *arg)
{
	struct sync *sy = arg;
	struct timespec ts;
	sigset_t all;
	int64_t now, quiet, limit;
	int k;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	pthread_mutex_lock(&sy->lock);
	while (!sy->stop) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 250 * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&sy->tick, &sy->lock, &ts);
		if (sy->busy_since == 0 || sy->cut || sy->sock == -1)
			continue;
		now = clock_mono_ms();
		k = pg_socket_silence(sy->sock, &quiet);
		if (k == 0)
			continue;
		if (k == 1) {
			limit = sy->silence_max;
			if (quiet > now - sy->busy_since)
				quiet = now - sy->busy_since;
		} else {
			limit = sy->busy_max;
			quiet = now - sy->busy_since;
		}
		if (quiet < limit)
			continue;
		log_warn("the server has not answered for %lld ms: cutting "
		    "the connection", (long long)quiet);
		shutdown(sy->sock, SHUT_RDWR);
		sy->cut = 1;
		sy->cut_ms = quiet;
	}
	pthread_mutex_unlock(&sy->lock);
	return NULL;
}

struct sync *
sync_new(const char *store_path, const char *conninfo, int wake_fd,
    char **cause)
{
	struct sync *sy;
	int i, rc;

	sy = xcalloc(1, sizeof *sy);
	sy->path = xstrdup(store_path);
	sy->conninfo = xstrdup(conninfo);
	sy->wake_fd = wake_fd;
	if (pipe(sy->kick) == -1) {
		*cause = xasprintf("cannot start sync: %s", strerror(errno));
		free(sy->path);
		free(sy->conninfo);
		free(sy);
		return NULL;
	}
	for (i = 0; i < 2; i++) {
		fcntl(sy->kick[i], F_SETFL, fcntl(sy->kick[i], F_GETFL) |
		    O_NONBLOCK);
		fcntl(sy->kick[i], F_SETFD, FD_CLOEXEC);
	}
	sync_watch_init(sy);
	sy->status.configured = 1;
	rc = pthread_create(&sy->watchdog, NULL, sync_watch, sy);
	if (rc == 0) {
		rc = pthread_create(&sy->thread, NULL, sync_main, sy);
		if (rc != 0)
			sync_watch_stop(sy);
	}
	if (rc != 0) {
		*cause = xasprintf("cannot start sync: %s", strerror(rc));
		close(sy->kick[0]);
		close(sy->kick[1]);
		sync_watch_release(sy);
		free(sy->path);
		free(sy->conninfo);
		free(sy);
		return NULL;
	}
	return sy;
}

void
sync_kick(struct sync *sy)
{
	ssize_t n;

	if (sy == NULL)
		return;
	n = write(sy->kick[1], "k", 1);
	(void)n;	/* a full pipe is already a kick */
}

void
sync_free(struct sync *sy)
{
	struct timespec until;

	if (sy == NULL)
		return;
	pthread_mutex_lock(&sy->lock);
	sy->stop = 1;
	pthread_cond_signal(&sy->tick);
	pthread_mutex_unlock(&sy->lock);
	sync_kick(sy);
	pthread_join(sy->watchdog, NULL);
	/*
	 * A round blocked on a server that stopped answering (a frozen host
	 * with a live kernel keeps TCP happy) must not hold the program: after
	 * a grace period, shut the connection's socket, which makes libpq
	 * return at once.
	 */
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += SYNC_STOP_GRACE_MS / 1000;
	until.tv_nsec += (SYNC_STOP_GRACE_MS % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&sy->lock);
	while (!sy->done) {
		if (pthread_cond_timedwait(&sy->ended, &sy->lock, &until) ==
		    ETIMEDOUT) {
			if (sy->sock != -1) {
				log_warn("sync is stuck on the server: "
				    "cutting the connection");
				shutdown(sy->sock, SHUT_RDWR);
			}
			break;
		}
	}
	pthread_mutex_unlock(&sy->lock);
	pthread_join(sy->thread, NULL);
	close(sy->kick[0]);
	close(sy->kick[1]);
	sync_watch_release(sy);
	free(sy->path);
	free(sy->conninfo);
	free(sy);
}

void
sync_get(struct sync *sy, struct sync_status *out)
{
	pthread_mutex_lock(&sy->lock);
	*out = sy->status;
	pthread_mutex_unlock(&sy->lock);
}

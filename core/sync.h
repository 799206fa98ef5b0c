/* SPDX-License-Identifier: MIT */
#ifndef VO_SYNC_H
#define VO_SYNC_H

/*
 * Offline-first sync with the shared PostgreSQL server.
 *
 * Design (the details live in db/sync_push.h and db/sync_pull.h):
 * - Every local write of a travelling row queues an outbox row in the
 *   same SQLite transaction. A round pushes the outbox in batches (one
 *   server transaction each, idempotent by batch id, newer HLC wins per
 *   row, every version kept in vosync.row_versions), then pulls what
 *   other terminals wrote with a cursor that never skips a row (the
 *   snapshot-xmin rule), applying it locally without queueing it again.
 * - Nothing is lost: a crash or a lost server at any point leaves the old
 *   or the new state on each side; the next round finishes the job (an
 *   unknown COMMIT outcome is settled by asking the server).
 * - The sync thread (sync_new) keeps one connection: it LISTENs on the
 *   "vosync" channel (one NOTIFY per pushed batch, ids only) and pulls as
 *   soon as another terminal pushes; it also runs a round every
 *   VIGILORE_SYNC_POLL_MS (default 5000) as a backstop, and after
 *   sync_kick(). When the server goes away it reconnects with exponential
 *   back-off and jitter (0.5 s up to 30 s), preparing its statements and
 *   listening again, then runs a round at once to catch up. Keepalives
 *   and timeouts (db/pg.h) notice a dead connection or host within
 *   seconds; the UI thread never waits on the network. A server that
 *   stopped answering while its host still acknowledges TCP (a frozen
 *   backend) is cut by a watchdog thread: whenever the sync thread waits
 *   on the server (a round, the schema check, a ping) and the kernel's
 *   TCP figures show the server has owed us an answer and sent nothing
 *   for VIGILORE_SYNC_SILENCE_MS (default 10 s), it shuts the socket, so
 *   the thread goes offline and reconnects. It measures silence, not the
 *   round: a first pull of a million rows may take minutes as long as the
 *   server keeps sending. Idle on LISTEN, the thread sends "SELECT 1" every
 *   VIGILORE_SYNC_PING_MS (2 s), so a frozen server is noticed idle too
 *   (within about 12 s by default). Where the kernel cannot tell (a Unix
 *   socket), a round is cut after VIGILORE_SYNC_ROUND_MAX_MS (90 s) and a
 *   ping after the silence limit. A connection attempt is cut by a stop
 *   within a tenth of a second; sync_free() cuts a stuck round after one
 *   second.
 * - The UI learns about changes through its wake-up descriptor: the
 *   thread writes an 8-byte 1 (eventfd or pipe) after every round that
 *   changed something and on every online/offline change; the UI then
 *   calls sync_get() for a struct sync_status (plain view data).
 * - Knobs (environment, milliseconds unless said): VIGILORE_SYNC_POLL_MS
 *   (backstop, 5000), VIGILORE_SYNC_BACKOFF_MAX_MS (30000),
 *   VIGILORE_SYNC_SILENCE_MS (watchdog, 10000), VIGILORE_SYNC_PING_MS
 *   (idle ping, 2000), VIGILORE_SYNC_ROUND_MAX_MS (watchdog without TCP
 *   figures, 90000), VIGILORE_SYNC_BATCH (outbox rows per push batch,
 *   10000).
 * - Clock skew: stamps more than PG_MAX_DRIFT_MS ahead of the server
 *   clock never reach the server (a device clock in the future cannot
 *   win forever). The push re-stamps this device's queued rows that are
 *   that far ahead from the server clock before sending them (a new
 *   answer_history row per answer version; the old one stays local,
 *   listed by `sync status` as re-stamped) and pulls the store's clock
 *   back, so the auditor's work still arrives and later local writes
 *   follow the server clock (db/sync_restamp.h); rows still found beyond
 *   the guard (another device's, malformed) are quarantined on the
 *   server. A slow clock catches up through the HLC receive rule on
 *   every pull. The device's own times (answered_at, created_at, ...)
 *   travel as written; server rows keep the server time (srv_time) next
 *   to them.
 */

#include <stdint.h>

#include "db/store.h"

struct sync;

/* What the status line and `sync status` show. Plain data, copyable. */
struct sync_status {
	int	 configured;		/* a server is configured */
	int	 online;		/* connected (sync thread) */
	int64_t	 pending;		/* local changes waiting */
	int64_t	 oldest_pending_ms;	/* time of the oldest, 0 = none */
	int64_t	 last_sync_ms;		/* last complete round, 0 = never */
	int64_t	 quarantined;		/* records refused, kept aside */
	uint64_t pushed;		/* rows pushed by this process */
	uint64_t pulled;		/* rows applied by this process */
	uint64_t conflicts;		/* our answers changed elsewhere */
	uint64_t generation;		/* bumped when pulled rows landed */
	char	 server[256];		/* scrubbed conninfo, or "" */
	char	 cursor[32];		/* pull cursor (a transaction id) */
	char	 last_error[256];	/* "" when the last round was good */
	int64_t	 clock_skew_ms;		/* device clock - server clock */
};

/* The outcome of one round. */
struct sync_round {
	uint64_t batches;		/* push batches committed */
	uint64_t pushed;		/* rows pushed */
	uint64_t settled;		/* batches found already applied */
	uint64_t refused;		/* rows the server quarantined */
	uint64_t received;		/* rows pulled */
	uint64_t applied;		/* pulled rows that changed the store */
	uint64_t conflicts;		/* our answers replaced */
	uint64_t local_refused;		/* pulled rows quarantined locally */
	uint64_t restamped;		/* rows re-stamped from far ahead */
};

/*
 * Local status of STORE without touching the network; SERVER (may be
 * NULL) is the configured conninfo, shown scrubbed.
 */
int	 sync_status_read(struct store *, const char *server,
	    struct sync_status *out /* OUT */, char **cause);

/*
 * One round now, on the calling thread: connect, push everything, pull
 * everything. Records last_sync or last_error in the store. 0 or -1 and
 * *cause (the server is named without its password). The sync thread's
 * watchdog (a thread for the round's length) cuts the connection after
 * VIGILORE_SYNC_SILENCE_MS of server silence, as in the sync thread:
 * the round then fails with "no answer for N ms, connection cut", and
 * the batch in flight is settled by the next round.
 */
int	 sync_once(struct store *, const char *conninfo,
	    struct sync_round *out /* OUT */, char **cause);

/*
 * Starts the sync thread for the store at STORE_PATH (it opens its own
 * connection to the file) and the server CONNINFO. WAKE_FD (or -1) is
 * written to when the status changes. Returns NULL and *cause on failure.
 */
struct sync *sync_new(const char *store_path, const char *conninfo,
	    int wake_fd, char **cause);
/*
 * Stops and joins the thread; accepts NULL. Returns within about a
 * second, a connection attempt under way included.
 */
void	 sync_free(struct sync *);
/* A copy of the current status. Any thread. */
void	 sync_get(struct sync *, struct sync_status *out /* OUT */);
/* Local data changed: push soon. Any thread; never blocks. */
void	 sync_kick(struct sync *);

#endif

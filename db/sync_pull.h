/* SPDX-License-Identifier: MIT */
#ifndef VO_SYNC_PULL_H
#define VO_SYNC_PULL_H

/*
 * Pull: everyone else's sites, sessions, reports, findings, answers and
 * answer history, applied to the local store without queueing them in
 * the outbox (no echo).
 *
 * The cursor never skips a row. Every server row carries srv_xid, the id
 * of the transaction that last wrote it. In one REPEATABLE READ
 * transaction a round reads X = pg_snapshot_xmin(pg_current_snapshot()):
 * every transaction with an id below X has ended, so each row it wrote is
 * visible in this snapshot (or was rewritten later by a transaction whose
 * id is >= X). The round takes rows with cursor <= srv_xid < X and then
 * sets the cursor to X. A transaction still open (or one that commits
 * late, out of id order) has an id >= X and is picked up by a later
 * round. Proof by test: tests/pg/030-interleaved.sh.
 *
 * A crash must not undo the cursor. The end of a transaction that rolled
 * back (or committed asynchronously) may still be in the server's memory
 * when the server crashes; it then hands those ids out again, below a
 * cursor taken after they ended, and their new rows would never be
 * pulled. So X counts as durable only once the server's WAL is flushed
 * past pg_current_wal_insert_lsn() read after the snapshot (the end of
 * every transaction below X is then on disk): sync_state.cursor_safe
 * keeps the newest durable cursor, and the first pull of a connection
 * starts there; later pulls on the same connection (no crash can have
 * happened while it lives) go on from the last X, and a cursor not yet
 * flushed is checked again by the next pull. The price is a few rows
 * pulled twice after a reconnection, applied as no-ops (a row refused
 * again is not quarantined twice). Proof by test:
 * tests/pg/131-crash-xid-reuse.sh. `sync status` shows the newest X.
 *
 * The price of the snapshot rule: a
 * transaction left open anywhere on the server holds every pull back
 * (nothing is skipped, but nothing newer arrives) until it ends; the
 * server's idle_in_transaction_session_timeout bounds that, and
 * `vigilore db stats --pg` shows the oldest open transaction.
 *
 * Applying: per merge key, the newer HLC wins (the same rule as the
 * server); answer history is insert-or-ignore. An answer of ours replaced
 * by another terminal's newer one is marked changed_elsewhere. A row the
 * local store refuses (a constraint) is quarantined and shown, and the
 * round goes on. The local HLC is merged with the newest stamp seen, so
 * a terminal with a slow clock still writes after what it has seen.
 *
 * Server time: every report version in the round's range (this
 * terminal's own, pushed earlier in the round, as well as the others')
 * has its server write time (srv_time) stored in
 * reports.server_received_at when the local version has the same HLC;
 * a pushing terminal thus learns it on the pull that follows its push,
 * at the cost of one small query per round.
 */

#include <stddef.h>

#include "db/store.h"

struct pg;

struct sync_pull_result {
	size_t	 rows;		/* rows received */
	size_t	 applied;	/* rows that changed the local store */
	size_t	 conflicts;	/* our answers replaced (changed elsewhere) */
	size_t	 quarantined;	/* rows the local store refused */
	size_t	 stamped;	/* reports given their server time */
};

enum db_status sync_pull(struct store *, struct pg *,
	    struct sync_pull_result *res, char **cause);

#endif

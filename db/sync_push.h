/* SPDX-License-Identifier: MIT */
#ifndef VO_SYNC_PUSH_H
#define VO_SYNC_PUSH_H

/*
 * Push: drains the local outbox to the server in batches.
 *
 * A batch is the outbox rows up to a seq ("upto") and gets a UUID. Its id
 * and upto are saved locally before anything is sent. On the server one
 * transaction: records the batch id in vosync.batches (a batch already
 * there was applied: nothing more is done), records malformed rows and
 * rows stamped more than PG_MAX_DRIFT_MS ahead of the server clock in
 * vosync.quarantine (the drift guard, checked while the batch is read),
 * COPYs the current version of every other queued row into
 * per-connection staging tables, appends every version to
 * vosync.row_versions, upserts where the newer HLC wins (per merge key,
 * see db/sync_tables.h), and sends one NOTIFY with the batch and device
 * ids. Answers are the exception that carries the volume: each version
 * is one answer_history row, COPYed straight into that append-only
 * table, and the server's answers are the view of the newest HLC per
 * question (the same rule, applied when read), so an answer costs the
 * server one row, not an upsert and a history row. Only after COMMIT
 * returned are the outbox rows deleted (the acknowledgement), and the
 * batch commits synchronously even where the server's
 * synchronous_commit is off, so a server crash cannot forget a batch
 * already acknowledged (tests/pg/130-restart-soak.sh). When
 * COMMIT's outcome is unknown (the connection dropped), the next round
 * asks the server whether the batch id is there and acknowledges or
 * sends again: never a blind replay. A statement that fails on the data
 * (SQLSTATE class 22 or 23) sends the batch again row by row, each in a
 * savepoint, quarantining the rows the server refuses, so one bad record
 * never blocks the rest; any other failure leaves the batch queued.
 *
 * While the server applies a batch, the next one is read from the local
 * store (it becomes the batch in flight only after the current one is
 * acknowledged).
 *
 * Re-stamping instead of losing (db/sync_restamp.h): the server clock is
 * read at the start of sync_push(). Before a batch is read, when a row
 * of this device queued in it is stamped beyond the drift guard, every
 * such queued row gets a new version stamped from the server-derived
 * clock (the server time read plus the monotonic time since), in one
 * local transaction: a new answer_history row for an answer (the old one
 * stays local, recorded in sync_quarantine as re-stamped), a new hlc for
 * any other row; and the store's clock is pulled back. So the guard
 * only ever sees rows that were stamped far ahead by another device (or
 * malformed); a device clock in the future still cannot win, since its
 * far-ahead stamps never reach the server. res->restamped counts them.
 *
 * Fault hooks for tests (environment): VIGILORE_SYNC_FAULT = "no-ack"
 * (commit, then skip the acknowledgement and fail), "resend-blind"
 * (skip the settle check), "resend-new-id" (forget the batch in flight and
 * send it again under a new id); VIGILORE_SYNC_DELAY_MS: sleep before each
 * COMMIT.
 */

#include <stddef.h>

#include "db/store.h"

struct pg;

#define SYNC_PUSH_BATCH 10000

struct sync_push_result {
	size_t	 batches;	/* batches committed */
	size_t	 rows;		/* rows sent in them */
	size_t	 quarantined;	/* rows refused by the server */
	size_t	 settled;	/* batches found already applied */
	size_t	 restamped;	/* rows re-stamped (db/sync_restamp.h) */
};

/*
 * Pushes until the outbox is empty (or MAX_BATCHES batches when not 0),
 * BATCH outbox rows at a time (0 = SYNC_PUSH_BATCH). Adds to *RES.
 * DB_OFFLINE when the server went away (the next round settles).
 */
enum db_status sync_push(struct store *, struct pg *, size_t batch,
	    size_t max_batches, struct sync_push_result *res, char **cause);

#endif

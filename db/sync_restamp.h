/* SPDX-License-Identifier: MIT */
#ifndef VO_SYNC_RESTAMP_H
#define VO_SYNC_RESTAMP_H

/*
 * Re-stamping instead of losing: the drift guard of the push refuses rows
 * stamped more than PG_MAX_DRIFT_MS ahead of the server clock (a device
 * clock in the future must not win forever). Refused, the auditor's work
 * would never reach the server, and the store's clock (meta 'hlc_last'),
 * left far ahead, would stamp every later write far ahead too.
 *
 * So before a batch is read, the push calls sync_restamp() with the
 * server-derived clock. When a row queued in the batch is stamped beyond
 * the guard, every such row of this device in the whole outbox gets a new
 * version stamped from the server clock, in one local transaction, in
 * the order of their old stamps:
 *   - an answer (which travels as its history row): a new answer_history
 *     row with the same values and device times (answered_at), a new id
 *     and the new stamp; the answers row takes the new stamp when it held
 *     that version; the new history row is queued and the old one, which
 *     the history keeps (append-only), no longer is;
 *   - any other row: its hlc is replaced and it is queued again.
 * Each old stamp is recorded in sync_quarantine (side "push", reason
 * "re-stamped ...") so `sync status` shows it. The device's own times
 * (answered_at, created_at, updated_at) are left as the device wrote
 * them; the server keeps its srv_time beside them. Finally the store's
 * clock is pulled back to the newest new stamp (see the comment in
 * db/sync_restamp.c on why lowering it is safe).
 */

#include <stddef.h>
#include <stdint.h>

#include "db/store.h"

/*
 * SRV_MS: the server clock now (milliseconds). When a change queued
 * after outbox seq AFTER (the batch being read, (AFTER, UPTO], or a later
 * one) is stamped more than PG_MAX_DRIFT_MS ahead of it, re-stamps every
 * queued row of this device that is, and adds their number to *N. Opens
 * its own transaction (call it outside one).
 */
enum db_status sync_restamp(struct store *, int64_t srv_ms, int64_t after,
	    int64_t upto, size_t *n, char **cause);

#endif

/* SPDX-License-Identifier: MIT */
#ifndef VO_DB_OUTBOX_H
#define VO_DB_OUTBOX_H

/*
 * The sync outbox: every write of a travelling row queues (table, row id,
 * HLC) in the same transaction, so a change can never be stored without
 * being queued, nor queued without being stored.
 */

#include "db/store.h"

/* Queues a change. In a transaction; a failure is a bug (fatalx). */
void	 outbox_add(struct store *, const char *table, const char *row_id,
	    const char *hlc);

#endif

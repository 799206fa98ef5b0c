/* SPDX-License-Identifier: MIT */
/* Queueing local changes for sync, inside the writer's transaction. */
#include "db/outbox.h"

#include <sqlite3.h>

#include "core/base/clock.h"
#include "core/base/xmalloc.h"

void
outbox_add(struct store *s, const char *table, const char *row_id,
    const char *hlc)
{
	sqlite3 *db = store_handle(s);
	sqlite3_stmt *st;
	char now[32];
	int rc;

	clock_format_iso(clock_now_ms(), now, sizeof now);
	rc = sqlite3_prepare_v2(db, "INSERT INTO outbox(tbl, row_id, hlc, "
	    "created_at) VALUES (?1, ?2, ?3, ?4)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		fatalx("%s: %s", __func__, sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, row_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, hlc, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		fatalx("%s: %s", __func__, sqlite3_errmsg(db));
}

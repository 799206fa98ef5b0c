/* SPDX-License-Identifier: MIT */
/* The language-model response cache (see db/llm_cache.h). */
#include "db/llm_cache.h"

#include <stdlib.h>

#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "db/sqlu.h"

char *
llm_cache_get(struct store *store, const char *key)
{
	sqlite3_stmt *st;
	char *v = NULL;

	if (sqlite3_prepare_v2(store_handle(store), "SELECT response FROM "
	    "llm_cache WHERE key = ?1", -1, &st, NULL) != SQLITE_OK)
		return NULL;	/* a store from before the cache existed */
	sqlu_bind(st, 1, key);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlu_text(st, 0);
	sqlite3_finalize(st);
	return v;
}

enum db_status
llm_cache_put(struct store *store, const char *key, const char *model,
    const char *response, char **cause)
{
	sqlite3_stmt *st;
	char now[32];
	int rc;

	if (sqlite3_prepare_v2(store_handle(store), "INSERT OR REPLACE INTO "
	    "llm_cache (key, model, response, created_at) VALUES (?1, ?2, ?3, "
	    "?4)", -1, &st, NULL) != SQLITE_OK)
		return sqlu_fail(store, SQLITE_ERROR, "cannot cache the model "
		    "response", cause);
	clock_format_iso(clock_now_ms(), now, sizeof now);
	sqlu_bind(st, 1, key);
	sqlu_bind(st, 2, model);
	sqlu_bind(st, 3, response);
	sqlu_bind(st, 4, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlu_fail(store, rc, "cannot cache the model response",
		    cause);
	return DB_OK;
}

/* SPDX-License-Identifier: MIT */
#ifndef VO_DB_LLM_CACHE_H
#define VO_DB_LLM_CACHE_H

/*
 * The language-model response cache (table llm_cache): KEY is the hex
 * SHA-256 of the model and the prompt. Local only, never synced. Each
 * call is its own statement (no transaction needed: one row, and a lost
 * cache entry costs only a new request).
 */

#include "db/store.h"

/* The cached response for KEY (owned), or NULL when there is none. */
char	*llm_cache_get(struct store *, const char *key);
/* Stores RESPONSE for KEY (replacing any). */
enum db_status llm_cache_put(struct store *, const char *key,
	    const char *model, const char *response, char **cause);

#endif

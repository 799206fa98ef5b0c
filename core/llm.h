/* SPDX-License-Identifier: MIT */
#ifndef VO_LLM_H
#define VO_LLM_H

/*
 * Optional refinement of a judgement by a language model, through an
 * OpenAI-compatible chat-completions endpoint (libcurl). Configured by
 * VIGILORE_LLM_URL (the full .../chat/completions URL) and
 * VIGILORE_LLM_KEY (sent as a Bearer token); VIGILORE_LLM_MODEL names
 * the model. Without both, nothing here is used and the deterministic
 * path is complete on its own.
 *
 * Each request has a connect timeout and a total timeout. A 429 or 5xx
 * answer, or a transport error, is retried up to LLM_RETRIES times,
 * after the Retry-After the server asked for (capped) or a short
 * back-off. Answers are cached in the store (db/llm_cache.h) by the
 * SHA-256 of model and prompt. The model must answer a JSON object
 * {"status", "score", "gap", "recommendation"}; anything else is an
 * error, and the caller keeps its deterministic verdict.
 *
 * Thread-safe: one call owns its curl handle; the store is the caller's.
 */

#include "db/store.h"

#define LLM_RETRIES 3

struct llm_config {
	char	*url;
	char	*key;
	char	*model;
	long	 connect_timeout_ms;	/* default 5 s */
	long	 timeout_ms;		/* whole request, default 60 s */
	int	 retries;		/* default LLM_RETRIES */
	long	 retry_cap_ms;		/* longest Retry-After wait, 10 s */
	long	 backoff_ms;		/* first back-off, doubled, 500 ms */
};

/*
 * Fills C from the environment. Returns 1 when a model is configured,
 * 0 when not (C is then empty). VIGILORE_LLM_TIMEOUT_MS and
 * VIGILORE_LLM_RETRY_CAP_MS override the timeouts (tests).
 */
int	 llm_config_from_env(struct llm_config *c /* OUT */);
void	 llm_config_release(struct llm_config *);

struct llm_verdict {
	char	 status[16];	/* compliant, non_compliant, review_needed,
				   no_evidence */
	double	 score;		/* 0..1 */
	char	*gap;		/* owned or NULL */
	char	*recommendation;	/* owned or NULL */
	int	 cached;	/* came from the cache */
	int	 requests;	/* HTTP requests made (retries included) */
};

void	 llm_verdict_release(struct llm_verdict *);

/*
 * Asks the model to judge PASSAGE against REQUIREMENT (in LANG), given
 * the deterministic verdict DET. CACHE (may be NULL) is the store for
 * the response cache. Returns 0 and *OUT, or -1 and an owned cause.
 */
int	 llm_refine(const struct llm_config *, struct store *cache,
	    const char *requirement, const char *passage, const char *lang,
	    const char *det, struct llm_verdict *out /* OUT */,
	    char **cause /* OUT */);

#endif

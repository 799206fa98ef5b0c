/* SPDX-License-Identifier: MIT */
#ifndef VO_PIPELINE_H
#define VO_PIPELINE_H

/*
 * The document audit: one site document against one or more frameworks,
 * from the file to a finished report (docs/report-format.md, kind
 * "document"):
 *
 *   extract       text with page numbers (core/extract.h)        0-30
 *   requirements  bundled clauses of each bank, or extracted from a
 *                 framework document (core/requirements.h)       30-35
 *   index         passages of the site document, stemmed, in an
 *                 FTS5 index (db/passages.h)                     35-45
 *   evidence      best passages per requirement, judged
 *                 (core/judge.h)                                 45-95
 *   report        findings, scores, penalties (core/report.h)    95-100
 *
 * Every finding with evidence quotes a sentence that occurs, byte for
 * byte, in the extracted text of the page it names. A requirement that
 * no passage addresses is a review-needed finding without a score that
 * lowers the report's coverage.
 *
 * pipeline_audit() runs on any thread; it owns everything it creates and
 * shares nothing, so several run at once. It reports progress through a
 * callback, which also tells it to stop (cancel or time limit).
 */

#include <jansson.h>
#include <stddef.h>

#include "core/extract.h"

struct framework_set;
struct llm_config;
struct store;

struct pipeline_request {
	char	 *input;	/* path of the site document */
	char	**frameworks;	/* bank ids or framework document paths */
	size_t	  nframeworks;
	char	 *site;
	char	 *site_code;	/* or NULL */
	char	 *operator;	/* or NULL */
	char	 *auditor;
	char	 *email;	/* or NULL */
	char	 *lang;		/* "en", "fr", or NULL: the document's */
};

void	 pipeline_request_release(struct pipeline_request *);
/* The request as the JSON payload of a job (owned). */
json_t	*pipeline_request_to_json(const struct pipeline_request *);
/* Reads a job payload. 0, or -1 and a cause. */
int	 pipeline_request_from_json(json_t *, struct pipeline_request *out,
	    char **cause);

/*
 * Progress callback: STAGE (static string) and PROGRESS 0..100. Returns
 * 0 to go on, or -1 with an owned *CAUSE to stop (cancelled, time limit).
 */
typedef int pipeline_progress_fn(void *arg, const char *stage, int progress,
	    char **cause);

/*
 * The optional language model: its configuration and the store that
 * caches its answers (may be NULL). Findings it refines keep the
 * deterministic verdict beside the refined one ("deterministic").
 */
struct pipeline_model {
	const struct llm_config	*config;
	struct store		*cache;
};

/*
 * Audits REQ's document against its frameworks, looked up in SET (bank
 * ids) or read as framework documents (paths). LIMITS bound extraction
 * (NULL: defaults). MODEL (NULL: none) refines the judgements. JOB_ID
 * (may be NULL) is written into the report.
 * Returns 0 and the finished report in *OUT (owned; without "report_id",
 * which the store assigns), or -1 and an owned *CAUSE.
 */
int	 pipeline_audit(const struct pipeline_request *req,
	    const struct framework_set *set,
	    const struct extract_limits *limits,
	    const struct pipeline_model *model, const char *job_id,
	    pipeline_progress_fn *progress, void *arg,
	    json_t **out /* OUT */, char **cause /* OUT */);

/*
 * The passages of DOC's page text: byte ranges of whole sentences, about
 * MIN..MAX bytes each, never crossing a page. For tests: returns the
 * number of passages and fills *STARTS and *LENS (owned arrays).
 */
size_t	 pipeline_split_passages(const char *page, size_t min, size_t max,
	    size_t **starts /* OUT */, size_t **lens /* OUT */);

#endif

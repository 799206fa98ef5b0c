/* SPDX-License-Identifier: MIT */
#ifndef VO_DB_REPORTS_H
#define VO_DB_REPORTS_H

/*
 * Reports and their findings. A report row holds the summary columns
 * used for listing and the dashboard, and the whole report JSON (body).
 * Inserts run inside the caller's transaction and queue the rows for
 * sync.
 */

#include <stddef.h>

#include "db/store.h"

struct db_report {
	char	*id;		/* UUID */
	char	*report_id;	/* REP-... */
	char	*kind;		/* interview | document */
	char	*job_id, *session_id;
	char	*site_code, *site_name, *operator, *auditor, *email;
	char	*frameworks;	/* JSON array of framework ids */
	double	 score;		/* 0..100 */
	int	 has_score;
	double	 coverage;
	int	 compliant, non_compliant, review_needed, not_applicable;
	int	 critical;
	double	 penalty_usd;
	char	*audit_date;	/* YYYY-MM-DD */
	char	*created_at;
	int	 sample;
	char	*body;		/* JSON text of the whole report */
	char	*server_received_at; /* server time, NULL until synced */
};

struct db_finding {
	char	*framework, *category, *ref, *question_id;
	char	*requirement, *evidence;
	int	 page;		/* 0 = none */
	double	 score;
	int	 has_score;
	double	 weight;
	char	*status, *priority, *gap, *recommendation;
	char	*articles;	/* JSON array */
	double	 penalty_usd;
};

struct db_report_filter {
	const char	*site_code;
	const char	*status;	/* compliant|review_needed|non_compliant */
	const char	*framework;
	const char	*from, *to;	/* audit dates, inclusive */
	const char	*search;	/* substring of site, auditor, report id */
	int		 limit;		/* 0 = all */
	int		 offset;
};

void	 db_report_release(struct db_report *);

/* Inserts R and its findings (borrowed). In a transaction. */
enum db_status db_report_insert(struct store *, const struct db_report *r,
	    const struct db_finding *f, size_t nf, char **cause);

/*
 * The body of the report whose UUID or REP- id is ID (owned) and, when
 * RECEIVED is not NULL, the server's time for it (owned; NULL until the
 * report has reached a sync server, see db/sync_pull.h).
 */
enum db_status db_report_body(struct store *, const char *id,
	    char **body /* OUT */, char **received /* OUT */, char **cause);

/* Summary rows (body left NULL), newest audit first. *total: all matches. */
enum db_status db_report_list(struct store *, const struct db_report_filter *,
	    struct db_report **out /* OUT */, size_t *n /* OUT */,
	    size_t *total /* OUT */, char **cause);
void	 db_report_list_free(struct db_report *, size_t);

/* 1 when a report with this REP- id exists. */
int	 db_report_exists(struct store *, const char *report_id);

#endif

/* SPDX-License-Identifier: MIT */
#ifndef VO_DB_DASHBOARD_H
#define VO_DB_DASHBOARD_H

/*
 * Read-only queries behind the dashboard (core/dashboard.h turns them
 * into view data). Nothing here writes. "Latest report of a site" means
 * the scored report with the latest audit_date (then created_at, then
 * hlc) among those of the same site code, or of the same site name when
 * the report has no code. Functions take the calling thread's store.
 * Row arrays are owned by the caller: free with dashboard_db_free_*.
 */

#include <stddef.h>
#include <stdint.h>

#include "db/store.h"

struct dashboard_db_site {
	char	*code;
	char	*name;
	char	*region;		/* or NULL */
	double	 lat, lon;
	int	 has_coords;
	int	 sample;
};

struct dashboard_db_report {
	char	*uuid;			/* reports.id */
	char	*report_id;		/* REP-... */
	char	*site_code;		/* or NULL */
	char	*site_name;
	char	*frameworks;		/* JSON text as stored */
	char	*audit_date;		/* YYYY-MM-DD */
	double	 score;			/* 0-100 */
	int	 compliant, non_compliant, review_needed, not_applicable;
	int	 critical;
	double	 penalty_usd;
	int	 sample;
	int	 nfindings;		/* rows in findings */
};

struct dashboard_db_finding {
	char	*framework;
	char	*ref;			/* or NULL */
	char	*requirement;		/* or NULL */
	char	*status;		/* non_compliant, review_needed, ... */
	char	*priority;		/* or NULL */
	double	 score;			/* -1 when NULL */
	double	 weight;
};

struct dashboard_db_month {
	char	 month[8];		/* YYYY-MM */
	double	 avg;
	int	 n;
	int	 sample;		/* of the N, sample reports */
};

struct dashboard_db_cell {
	char	*framework;
	char	*status;
	int	 n;
};

/* Every site, ordered by code. */
enum db_status dashboard_db_sites(struct store *,
	    struct dashboard_db_site **out /* OUT */, size_t *n /* OUT */,
	    char **cause);
void	 dashboard_db_free_sites(struct dashboard_db_site *, size_t);

/* The latest scored report of each site, ordered by site key. */
enum db_status dashboard_db_latest(struct store *,
	    struct dashboard_db_report **out /* OUT */, size_t *n /* OUT */,
	    char **cause);
void	 dashboard_db_free_reports(struct dashboard_db_report *, size_t);

/*
 * The worst findings of report UUID (non-compliant before review-needed,
 * then heavier weight, then lower score), at most LIMIT.
 */
enum db_status dashboard_db_worst(struct store *, const char *uuid,
	    int limit, struct dashboard_db_finding **out /* OUT */,
	    size_t *n /* OUT */, char **cause);
void	 dashboard_db_free_findings(struct dashboard_db_finding *, size_t);

/* Average score and count of scored reports per month, FROM..TO dates. */
enum db_status dashboard_db_months(struct store *, const char *from,
	    const char *to, struct dashboard_db_month **out /* OUT */,
	    size_t *n /* OUT */, char **cause);

/* Findings of the latest reports counted by (framework, status). */
enum db_status dashboard_db_matrix(struct store *,
	    struct dashboard_db_cell **out /* OUT */, size_t *n /* OUT */,
	    char **cause);
void	 dashboard_db_free_cells(struct dashboard_db_cell *, size_t);

struct dashboard_db_job {
	char	*id;
	char	*kind;			/* interview | document */
	char	*status;		/* queued ... cancelled */
	char	*stage;			/* or NULL */
	int	 progress;		/* 0-100 */
	char	*error;			/* or NULL */
	int	 attempts;
	int	 cancel_requested;
	char	*report_id;		/* or NULL */
	char	*created_at;
	char	*started_at;		/* or NULL */
	char	*finished_at;		/* or NULL */
};

/*
 * Jobs, newest first: only queued and processing ones when ACTIVE, else
 * all (at most LIMIT, 0 = no limit).
 */
enum db_status dashboard_db_jobs(struct store *, int active, int limit,
	    struct dashboard_db_job **out /* OUT */, size_t *n /* OUT */,
	    char **cause);
void	 dashboard_db_free_jobs(struct dashboard_db_job *, size_t);

/*
 * A number that changes whenever another connection (thread or process)
 * has committed to the store: PRAGMA data_version plus the changes made
 * through this connection. Cheap; the UI polls it to know when to
 * recompute. -1 on error.
 */
int64_t	 dashboard_db_version(struct store *);

#endif

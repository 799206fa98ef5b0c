/* SPDX-License-Identifier: MIT */
#ifndef VO_DASHBOARD_H
#define VO_DASHBOARD_H

/*
 * Dashboard view data, computed from the stored sites and reports only.
 * Plain data: no colours, no layout (the TUI and `vigilore dashboard
 * --json` both draw from it).
 *
 * Map: one marker per site, its status from the score of the site's
 * latest report (>= 80 compliant, >= 60 review needed, else
 * non-compliant; no scored report: not assessed). A report whose site
 * code is not in the sites table adds a marker without coordinates.
 *
 * Risk score (0-100, higher is worse), from the latest report of a site:
 *
 *	risk = 0.6 * (100 - score)
 *	     + 0.3 * 100 * non_compliant / (compliant + non_compliant
 *	                                    + review_needed)
 *	     + 0.1 * min(100, 10 * critical)
 *
 * that is: how far the site is from full compliance weighs most, then
 * the share of its findings that are outright non-compliant, then the
 * number of critical findings (ten or more count fully). Rounded to one
 * decimal. Hotspots are every assessed site in decreasing risk (ties:
 * lower score first, then code), each with up to DASHBOARD_ISSUES of its
 * worst findings (non-compliant first, then heavier weight, lower score).
 *
 * Trend: the average score of the reports audited in each of the 12
 * calendar months ending with the current one (clock_now_ms), oldest
 * first; a month without reports has n == 0.
 *
 * Framework matrix: findings of each site's latest report counted by
 * framework and status. A report stored without finding rows (the
 * sample reports) contributes its summary counts instead, split evenly
 * over the frameworks it names (the remainder going to the first).
 *
 * Functions run on the thread that owns the store.
 */

#include <stddef.h>
#include <stdint.h>

struct store;

#define DASHBOARD_MONTHS 12
#define DASHBOARD_ISSUES 3

enum dashboard_status {
	DASHBOARD_NOT_ASSESSED = 0,
	DASHBOARD_COMPLIANT,
	DASHBOARD_REVIEW_NEEDED,
	DASHBOARD_NON_COMPLIANT
};

struct dashboard_marker {
	char			*code;
	char			*name;
	char			*region;	/* or NULL */
	double			 lat, lon;
	int			 has_coords;
	int			 has_score;
	double			 score;		/* 0-100 when has_score */
	enum dashboard_status	 status;
	char			*report_id;	/* latest report or NULL */
	char			*audit_date;	/* or NULL */
	int			 sample;	/* latest report is sample */
};

struct dashboard_issue {
	char		*framework;
	char		*ref;		/* or NULL */
	char		*requirement;	/* or NULL */
	char		*status;	/* non_compliant | review_needed */
	double		 score;		/* 0-1, -1 when unscored */
};

struct dashboard_hotspot {
	char			*code;		/* or NULL */
	char			*name;
	char			*report_id;
	char			*audit_date;
	double			 risk;
	double			 score;
	enum dashboard_status	 status;
	int			 compliant, non_compliant, review_needed;
	int			 critical;
	double			 penalty_usd;
	int			 sample;
	struct dashboard_issue	*issues;
	size_t			 nissues;
};

struct dashboard_month {
	char		 month[8];	/* YYYY-MM */
	int		 n;		/* reports that month */
	int		 sample;	/* of the N, sample reports */
	double		 avg;		/* 0-100 when n > 0 */
};

struct dashboard_matrix_row {
	char		*framework;
	int		 compliant, non_compliant, review_needed;
	int		 not_applicable;
};

struct dashboard {
	struct dashboard_marker		*markers;
	size_t				 nmarkers;
	struct dashboard_hotspot	*hotspots;
	size_t				 nhotspots;
	struct dashboard_month		 trend[DASHBOARD_MONTHS];
	struct dashboard_matrix_row	*matrix;
	size_t				 nmatrix;
};

/* The status of a site or report with SCORE (0-100). */
enum dashboard_status dashboard_status_of(double score);
/* "compliant", "review_needed", "non_compliant", "not_assessed". */
const char	*dashboard_status_name(enum dashboard_status);
/* The risk score defined above. */
double		 dashboard_risk(double score, int compliant, int non_compliant,
		    int review_needed, int critical);
/* The 12 month labels ending with the month of NOW_MS, n and avg zero. */
void		 dashboard_months(int64_t now_ms,
		    struct dashboard_month out[DASHBOARD_MONTHS] /* OUT */);
/*
 * Fills *d (OUT; release with dashboard_release) from the store at
 * NOW_MS. Returns 0, or -1 and an owned *cause.
 */
int		 dashboard_load(struct store *, int64_t now_ms,
		    struct dashboard *d, char **cause);
void		 dashboard_release(struct dashboard *);
/* A number that changes when the data behind the dashboard may have. */
int64_t		 dashboard_version(struct store *);

#endif

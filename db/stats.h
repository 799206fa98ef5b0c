/* SPDX-License-Identifier: MIT */
#ifndef VO_DB_STATS_H
#define VO_DB_STATS_H

/*
 * The monitoring queries of the older service, over the local store:
 * sessions by status, jobs by status, audits per day.
 */

#include <stddef.h>

#include "db/store.h"

struct db_count {
	char	*key;		/* a status or a date */
	long	 n;
};

struct db_stats {
	long		 active_sessions;	/* in_progress + paused */
	struct db_count	*sessions;		/* by status */
	size_t		 nsessions;
	struct db_count	*jobs;			/* by status */
	size_t		 njobs;
	struct db_count	*audits;		/* reports per audit date */
	size_t		 naudits;
	long		 reports, sample_reports, answers, outbox;
};

/* Audits per day cover the last DAYS days (0 = all). */
enum db_status db_stats_collect(struct store *, int days,
	    struct db_stats *out /* OUT */, char **cause);
void	 db_stats_release(struct db_stats *);

#endif

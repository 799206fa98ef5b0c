/* SPDX-License-Identifier: MIT */
#ifndef VO_SAMPLE_H
#define VO_SAMPLE_H

/*
 * The labelled sample data (assets/sample): the 20 DRC sites and the 15
 * sample reports of the older service. Every row is stored with its
 * sample flag set, and sample reports say so in their summary; they are
 * never presented as computed. Loading twice adds nothing.
 */

#include <stddef.h>

#include "core/framework.h"

struct store;

/* Loads the sample data; *nsites and *nreports (OUT) count new rows. */
int	 sample_load(struct store *, const struct framework_set *,
	    size_t *nsites, size_t *nreports, char **cause);

#endif

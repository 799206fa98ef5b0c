/* SPDX-License-Identifier: MIT */
#ifndef VO_DB_SITES_H
#define VO_DB_SITES_H

/*
 * Mine sites, keyed for people by their code. Upserts run inside the
 * caller's transaction and queue the row for sync.
 */

#include <stddef.h>

#include "db/store.h"

struct db_site {
	char	*id;
	char	*code;
	char	*name;
	char	*operator;	/* or NULL */
	double	 latitude, longitude;
	int	 has_coords;
	char	*region;	/* or NULL */
	int	 sample;
};

void	 db_site_release(struct db_site *);

/*
 * Inserts the site, or updates the one with the same code (keeping its
 * id; coordinates only replaced when S has some). In a transaction.
 */
enum db_status db_site_upsert(struct store *, const struct db_site *s,
	    char **cause);

/* 1 when a site with CODE is stored. */
int	 db_site_exists(struct store *, const char *code);

/* Every site, by code. */
enum db_status db_site_list(struct store *, struct db_site **out /* OUT */,
	    size_t *n /* OUT */, char **cause);
void	 db_site_list_free(struct db_site *, size_t);

#endif

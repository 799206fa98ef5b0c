/* SPDX-License-Identifier: MIT */
#ifndef VO_PASSAGES_H
#define VO_PASSAGES_H

/*
 * A full-text index over the passages of one site document: an in-memory
 * SQLite database with an FTS5 table ranked by BM25. Core hands in
 * passages already folded (accents stripped, lower case) and stemmed with
 * Snowball (core/text.h), and queries stemmed the same way, so the index
 * is accent-insensitive and stemmed in English and French; FTS5's
 * unicode61 tokenizer with remove_diacritics 2 is a second guard.
 *
 * One index per job; an index belongs to one thread at a time.
 */

#include "db/store.h"

struct passages_index;

enum db_status passages_index_new(struct passages_index **out /* OUT */,
	    char **cause /* OUT */);
void	 passages_index_free(struct passages_index *);	/* accepts NULL */

/* Adds passage ID with its stemmed text STEMS. */
enum db_status passages_index_add(struct passages_index *, int id,
	    const char *stems, char **cause);

struct passages_hit {
	int	 id;		/* passage id given to passages_index_add() */
	double	 rank;		/* BM25, larger is better (negated FTS5 rank) */
};

/*
 * The best passages for the stemmed words WORDS (space-separated; any of
 * them may match), best first. Fills at most MAX hits and sets *N.
 */
enum db_status passages_index_search(struct passages_index *,
	    const char *words, struct passages_hit *hits /* OUT */, int max,
	    int *n /* OUT */, char **cause);

#endif

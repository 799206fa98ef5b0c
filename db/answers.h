/* SPDX-License-Identifier: MIT */
#ifndef VO_DB_ANSWERS_H
#define VO_DB_ANSWERS_H

/*
 * Answers: the current version per (session, question), and an
 * append-only history of every version. db_answer_put() writes both (and
 * the outbox) and must run inside a transaction, so an answer is durable
 * the moment the transaction commits.
 */

#include <stddef.h>

#include "db/store.h"

struct db_answer {
	char	*id;
	char	*session_id;
	char	*question_id;
	char	*state;		/* answered | na | skipped */
	char	*value;		/* JSON text, or NULL unless answered */
	char	*notes;		/* or NULL */
	double	 confidence;
	int	 has_confidence;
	char	*evidence;	/* JSON array of {"name","sha256"} */
	char	*author;
	char	*device;
	char	*hlc;
	char	*answered_at;
	int	 changed_elsewhere;
};

void	 db_answer_release(struct db_answer *);

/*
 * Writes a new version of the answer of A->session_id / A->question_id:
 * keeps the existing answer id (or makes one), stamps device and HLC,
 * appends the version to the history and queues it for sync. The id,
 * device, hlc and answered_at fields of A are ignored.
 */
enum db_status db_answer_put(struct store *, const struct db_answer *a,
	    char **cause);

/* Current answers of SESSION_ID, in no particular order. */
enum db_status db_answer_list(struct store *, const char *session_id,
	    struct db_answer **out /* OUT */, size_t *n /* OUT */,
	    char **cause);
void	 db_answer_list_free(struct db_answer *, size_t);

/* Number of history rows of SESSION_ID (all versions). */
enum db_status db_answer_history_count(struct store *, const char *session_id,
	    size_t *n /* OUT */, char **cause);

#endif

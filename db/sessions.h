/* SPDX-License-Identifier: MIT */
#ifndef VO_DB_SESSIONS_H
#define VO_DB_SESSIONS_H

/*
 * Interview sessions in the local store. Writers must hold a transaction
 * (store_begin); every write stamps the row with a fresh HLC and queues
 * it in the outbox. Strings in a struct db_session are owned by it.
 */

#include <stddef.h>

#include "db/store.h"

struct db_session {
	char	*id;
	char	*framework;
	char	*site_code;	/* or NULL */
	char	*site_name;
	char	*operator;	/* or NULL */
	char	*auditor;
	char	*email;		/* or NULL */
	char	*lang;
	char	*categories;	/* JSON array of category ids, or NULL = all */
	char	*status;	/* in_progress|paused|completed|abandoned */
	char	*current_qid;	/* or NULL */
	char	*report_id;	/* or NULL */
	char	*started_at;
	char	*updated_at;
	char	*completed_at;	/* or NULL */
	char	*device;
	char	*hlc;
};

void	 db_session_release(struct db_session *);

/* Inserts S (id set by the caller). In a transaction. */
enum db_status db_session_insert(struct store *, const struct db_session *s,
	    char **cause);

/*
 * Loads the session whose id is ID, or starts with ID when ID has at
 * least 8 characters and matches one session only.
 */
enum db_status db_session_get(struct store *, const char *id,
	    struct db_session *out /* OUT */, char **cause);

/*
 * Updates status, current question, report id and completion time of
 * the session S->id from S. In a transaction.
 */
enum db_status db_session_update(struct store *, const struct db_session *s,
	    char **cause);

/* All sessions, newest first; STATUS NULL for every status. */
enum db_status db_session_list(struct store *, const char *status,
	    struct db_session **out /* OUT */, size_t *n /* OUT */,
	    char **cause);
void	 db_session_list_free(struct db_session *, size_t);

/*
 * Marks in-progress and paused sessions idle for more than DAYS days as
 * abandoned. Deletes nothing. In a transaction. *n: sessions changed.
 */
enum db_status db_session_abandon_idle(struct store *, int days,
	    size_t *n /* OUT */, char **cause);

#endif

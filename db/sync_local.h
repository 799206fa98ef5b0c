/* SPDX-License-Identifier: MIT */
#ifndef VO_SYNC_LOCAL_H
#define VO_SYNC_LOCAL_H

/*
 * The terminal's side of sync bookkeeping, in the local store (tables
 * sync_state and sync_quarantine of schema v1):
 *
 *   server_id      the server this store syncs with (vosync.server);
 *                  a different server resets the cursor and queues every
 *                  local row again
 *   cursor         pull cursor: every server row whose writing
 *                  transaction id (srv_xid) is below it has been seen
 *                  (what `sync status` shows)
 *   cursor_safe    the same, known to survive a server crash: the pull
 *                  of a new connection starts here (db/sync_pull.h)
 *   batch, upto    the push batch in flight: its id and the last outbox
 *                  seq it covers; settled on the next round by asking the
 *                  server whether the batch id is there
 *   last_sync      ISO time of the last complete round; last_error the
 *                  last failure (empty after a good round)
 *   clock_skew_s   this device's clock minus the server's, in seconds
 *
 * Called from the sync thread or the command line, each with its own
 * struct store.
 */

#include <stdint.h>

#include "db/store.h"

struct pg;

/* A sync_state value (owned) or NULL. */
char	*sync_local_get(struct store *, const char *key);
/* Sets KEY (VALUE NULL deletes). Outside or inside a transaction. */
enum db_status sync_local_set(struct store *, const char *key,
	    const char *value, char **cause);

/* Records a refused record. Inside or outside a transaction. */
enum db_status sync_local_quarantine(struct store *, const char *side,
	    const char *tbl, const char *row_id, const char *hlc,
	    const char *reason, const char *body, char **cause);

/* A record refused by sync, as shown to people. Strings owned. */
struct sync_local_refused {
	char	*side;		/* "push" (server refused) or "pull" */
	char	*tbl;
	char	*row_id;	/* or NULL */
	char	*reason;
	char	*at;		/* ISO time */
};

/* The newest MAX refused records, newest first. */
enum db_status sync_local_refused_list(struct store *, size_t max,
	    struct sync_local_refused **out /* OUT */, size_t *n /* OUT */,
	    char **cause);
void	 sync_local_refused_free(struct sync_local_refused *, size_t);

struct sync_local_stats {
	int64_t	 pending;		/* outbox rows waiting */
	int64_t	 oldest_pending_ms;	/* created_at of the oldest, or 0 */
	int64_t	 quarantined;		/* rows in sync_quarantine */
	int64_t	 last_sync_ms;		/* 0 = never */
	int64_t	 clock_skew_ms;		/* device - server, last seen */
	char	*cursor;		/* or NULL */
	char	*server_id;		/* or NULL */
	char	*last_error;		/* or NULL */
	char	*batch;			/* batch in flight, or NULL */
};

enum db_status sync_local_stats(struct store *,
	    struct sync_local_stats *out /* OUT */, char **cause);
void	 sync_local_stats_release(struct sync_local_stats *);

/*
 * Makes sure the store syncs with the server behind PG: records its id
 * on first contact; when it differs, resets the cursor and the batch in
 * flight and queues every local travelling row again.
 */
enum db_status sync_local_bind_server(struct store *, struct pg *,
	    char **cause);

/* Parses "YYYY-MM-DDTHH:MM:SSZ" into epoch ms; 0 when malformed. */
int64_t	 sync_local_parse_iso(const char *);

#endif

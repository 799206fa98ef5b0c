/* SPDX-License-Identifier: MIT */
#ifndef VO_PG_INT_H
#define VO_PG_INT_H

/* Private to db/pg*.c and db/sync*.c: the libpq connection. */

#include <libpq-fe.h>

#include "db/pg.h"

/*
 * The writing transaction's 64-bit id as a bigint, the type of every
 * srv_xid column (the pull cursor compares it with the snapshot's xmin).
 */
#define PG_XACT_ID "pg_current_xact_id()::text::bigint"

struct pg {
	PGconn	*conn;
	char	*name;		/* scrubbed conninfo */
	int	 prepared;	/* statements and staging tables ready */
	int	 listening;	/* LISTEN issued on this connection */
	/*
	 * The pull on this connection (db/sync_pull.c): rows below pull_from
	 * were pulled through it; pend_xid is a cursor not yet known to be
	 * durable on the server, until its WAL flush reaches pend_lsn.
	 */
	char	 pull_from[32];
	char	 pend_xid[32];
	char	 pend_lsn[32];
};

/*
 * Maps a failed result (or connection) to a status and an owned cause
 * "server 'NAME': WHAT: message". RES may be NULL. DB_OFFLINE: the
 * connection is gone or the server is shutting down (class 08, 57P);
 * DB_BUSY: serialization, deadlock or lock timeout; DB_CONFLICT: the data
 * itself was refused (class 22 data exception, 23 integrity); DB_ERROR:
 * anything else (permissions, disk full, ...), which says nothing about
 * the rows.
 */
enum db_status pg_fail(struct pg *, const PGresult *res, const char *what,
	    char **cause);
/* Runs SQL with text parameters; returns the result or NULL + cause. */
PGresult *pg_query(struct pg *, const char *sql, int nparams,
	    const char *const *params, ExecStatusType want,
	    enum db_status *st /* OUT */, char **cause);

#endif

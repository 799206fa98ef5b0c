/* SPDX-License-Identifier: MIT */
#ifndef VO_PG_H
#define VO_PG_H

/*
 * The shared PostgreSQL server: where to find it, one connection, and the
 * server schema.
 *
 * Configuration: --pg CONNINFO, else $DATABASE_URL, else the line
 * "pg = CONNINFO" of the config file ($VIGILORE_CONFIG, else
 * $XDG_CONFIG_HOME/vigilore/config, else ~/.config/vigilore/config);
 * none means local only. CONNINFO is anything libpq takes (key=value
 * or a postgresql:// URL), and libpq's own environment works too
 * (PGHOST, PGPASSFILE, PGSSLMODE, ...). A password is never printed:
 * every message names the server by pg_conninfo_scrub().
 *
 * Connections get keepalives, a connect timeout, a TCP user timeout and
 * statement / idle-in-transaction timeouts unless the conninfo sets its
 * own, so a dead server is noticed within seconds.
 *
 * The server schema lives in the schema "vosync" and is versioned in
 * vosync.meta; pg_schema_init() creates or migrates it under an advisory
 * lock, so two terminals running it at once are safe. A struct pg is used
 * by one thread at a time.
 */

#include <stdint.h>

#include "db/store.h"

#define PG_SCHEMA_VERSION 1
#define PG_CHANNEL "vosync"
/* A row stamped further ahead of the server clock is quarantined. */
#define PG_MAX_DRIFT_MS (24LL * 3600 * 1000)

struct pg;

/*
 * Finds the conninfo: ARG (from --pg), $DATABASE_URL or the config file.
 * Returns 1 and an owned *out, 0 when none is configured, or -1 and an
 * owned *cause (unreadable config file).
 */
int	 pg_conninfo_resolve(const char *arg, char **out /* OUT */,
	    char **cause /* OUT */);
/* The config file pg_conninfo_resolve() reads (owned). */
char	*pg_config_path(void);
/*
 * CONNINFO without its password, as "host=... port=... dbname=...
 * user=..." (owned). Malformed input gives "(malformed conninfo)".
 */
char	*pg_conninfo_scrub(const char *conninfo);

/*
 * Connects. DB_OFFLINE when the server cannot be reached. The connect
 * timeout (connect_timeout, else $PGCONNECT_TIMEOUT, else 5 s) bounds the
 * whole attempt, every host of the conninfo included.
 */
enum db_status pg_open(const char *conninfo, struct pg **out /* OUT */,
	    char **cause /* OUT */);
/*
 * pg_open() that also gives up (DB_OFFLINE, "cancelled") within about a
 * tenth of a second of CANCEL(ARG) returning nonzero; CANCEL may be NULL.
 * CANCEL runs on the calling thread.
 */
enum db_status pg_open_cancel(const char *conninfo, int (*cancel)(void *),
	    void *arg, struct pg **out /* OUT */, char **cause /* OUT */);
void	 pg_close(struct pg *);		/* accepts NULL */
/* The scrubbed conninfo (borrowed). */
const char *pg_name(const struct pg *);
/* 1 while the connection looks usable. */
int	 pg_ok(const struct pg *);

/*
 * Creates or migrates the server schema to PG_SCHEMA_VERSION. *from is
 * the version found (0 = none). Idempotent; safe concurrently.
 */
enum db_status pg_schema_init(struct pg *, int *from /* OUT */,
	    char **cause);
/* DB_OK when the schema is at PG_SCHEMA_VERSION; DB_ERROR otherwise. */
enum db_status pg_schema_check(struct pg *, char **cause);

/* The connection's socket, for poll(2). */
int	 pg_socket(const struct pg *);
/*
 * Whether the server at the other end of SOCK (a connection's socket)
 * owes us an answer, from the kernel's TCP figures: 1 and *MS, how long
 * it has sent nothing since our last byte went out (a request awaiting a
 * reply, or a send the server stopped taking in; both in the same kernel
 * tick counts as owed, so ask only while waiting on the server); 0 when
 * it does not (it spoke last); -1 when the kernel cannot tell (not TCP,
 * no TCP_INFO). Reads only the socket, so any thread may ask while another
 * uses the connection, as long as the descriptor stays open.
 */
int	 pg_socket_silence(int sock, int64_t *ms /* OUT */);
/* LISTEN on PG_CHANNEL (again after a reconnect). */
enum db_status pg_listen(struct pg *, char **cause);
/*
 * Reads what the server sent without blocking and counts the
 * notifications whose payload is not from device SELF. Returns the count,
 * or -1 when the connection is gone.
 */
int	 pg_notifications(struct pg *, const char *self);

/* Runs SQL (no parameters, no rows wanted). */
enum db_status pg_exec(struct pg *, const char *sql, char **cause);

/*
 * Monitoring figures of the server as a JSON text (owned): rows per
 * table, batches, devices, quarantine, dead tuples, oldest open
 * transaction, active sessions and audits per day.
 */
enum db_status pg_stats_json(struct pg *, char **out /* OUT */,
	    char **cause);

#endif

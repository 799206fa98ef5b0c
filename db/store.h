/* SPDX-License-Identifier: MIT */
#ifndef VO_STORE_H
#define VO_STORE_H

/*
 * The local store: one SQLite file in WAL mode, opened once per thread
 * (a struct store is never shared between threads). The schema is created
 * and migrated by version (PRAGMA user_version) on open.
 *
 * Durability: synchronous=FULL, so a write whose call returned DB_OK
 * survives a crash or power loss. Every write runs inside
 * store_begin()/store_commit(), which is BEGIN IMMEDIATE with a busy
 * timeout, so two processes writing at once wait for each other instead
 * of failing with "database is locked".
 *
 * Only db/ includes sqlite3.h; the rest of the program uses these calls
 * and the per-table modules (db/sessions.h, db/answers.h, ...).
 *
 * Rows that travel between terminals carry a UUID, the device id and an
 * HLC stamp (see core/base/hlc.h); store_hlc_next() hands out stamps that
 * are monotonic across every process sharing the file.
 */

#include <stdint.h>

#include "core/base/hlc.h"

enum db_status {
	DB_OK = 0,
	DB_NOTFOUND,		/* no such row */
	DB_BUSY,		/* locked past the busy timeout */
	DB_CONFLICT,		/* constraint: the row exists or is stale */
	DB_OFFLINE,		/* server unreachable (sync only) */
	DB_CORRUPT,		/* the file is damaged or not a store */
	DB_ERROR		/* anything else; see cause */
};

#define STORE_SCHEMA_VERSION 1
#define STORE_BUSY_TIMEOUT_MS 10000
#define STORE_DEVICE_CODE_LEN 6	/* in report ids: REP-2026-K7QZ2M-12 */

struct store;

/*
 * Resolves the store path: ARG (from --db) if set, else $VIGILORE_DB, else
 * $XDG_DATA_HOME/vigilore/vigilore.db, else ~/.local/share/vigilore/...
 * Returns an owned string.
 */
char	*store_default_path(const char *arg);

/*
 * Opens (creating with mode 0600 and parent directories when missing) and
 * migrates the store at PATH. Returns DB_OK and an owned *out, or an error
 * and an owned *cause naming the file.
 *
 * A store that exists but cannot be written (mode 0444, a read-only
 * mount, a copy of another user's store) is opened read-only, so that it
 * can be read (sessions, reports, stats): nothing is migrated or created,
 * and store_begin refuses every write with "the store ... is read-only".
 * It must be at this program's schema version. With its -wal and -shm
 * files (or a directory where SQLite may create them) it is read with
 * every change in the log; without them it is read as an immutable file,
 * and a non-empty -wal whose -shm is missing or unreadable is refused
 * rather than read without its latest changes.
 */
enum db_status store_open(const char *path, struct store **out /* OUT */,
	    char **cause /* OUT */);
void	 store_close(struct store *);	/* accepts NULL */
const char *store_path(const struct store *);
int	 store_readonly(const struct store *);	/* 1 when opened read-only */
/* DB_OK, or DB_ERROR and "the store ... is read-only" as a cause. */
enum db_status store_writable(struct store *, char **cause);

/* This terminal's identity, created with the store. Borrowed strings. */
const char *store_device_id(const struct store *);	/* UUID */
const char *store_device_code(const struct store *);	/* 6 chars, A-Z2-9 */

/*
 * BEGIN IMMEDIATE / COMMIT / ROLLBACK. Not nestable. store_begin fails
 * with a clear cause when the file can only be read.
 */
enum db_status store_begin(struct store *, char **cause);
enum db_status store_commit(struct store *, char **cause);
void	 store_rollback(struct store *);

/*
 * Inside a transaction: the next HLC stamp for this device, written back
 * to the store so the next caller (any process) gets a later one.
 */
void	 store_hlc_next(struct store *, char out[HLC_TEXT_MAX]);

/* Small key/value settings (auditor identity, language, counters). */
char	*store_meta_get(struct store *, const char *key);	/* owned or NULL */
enum db_status store_meta_set(struct store *, const char *key,
	    const char *value, char **cause);

/*
 * Next value of a named counter (inside a transaction), e.g. the report
 * number of this device for a year. Starts at 1.
 */
int64_t	 store_counter_next(struct store *, const char *name);

/* "ok" or the first problem; owned string. */
char	*store_integrity_check(struct store *);

/* For db/ modules only: the raw handle. */
struct sqlite3;
struct sqlite3 *store_handle(struct store *);

#endif

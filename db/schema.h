/* SPDX-License-Identifier: MIT */
#ifndef VO_SCHEMA_H
#define VO_SCHEMA_H

/*
 * The local schema, versioned by PRAGMA user_version. schema_migrate()
 * applies every step above the file's version, each in its own
 * transaction, so a crash mid-migration leaves the old version intact.
 */

#include "db/store.h"

struct sqlite3;

enum db_status schema_migrate(struct sqlite3 *, const char *path,
	    char **cause);
/*
 * For a store opened read-only, which cannot be migrated: DB_OK when it
 * is at STORE_SCHEMA_VERSION, else a cause saying why it cannot be read.
 */
enum db_status schema_check(struct sqlite3 *, const char *path,
	    char **cause);

#endif

/* SPDX-License-Identifier: MIT */
/* Helpers for binding, reading columns and reporting SQLite errors. */
#include "db/sqlu.h"

#include "core/base/xmalloc.h"

char *
sqlu_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t;

	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return NULL;
	t = sqlite3_column_text(st, col);
	return xstrdup(t != NULL ? (const char *)t : "");
}

void
sqlu_bind(sqlite3_stmt *st, int idx, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, idx);
	else
		sqlite3_bind_text(st, idx, s, -1, SQLITE_STATIC);
}

sqlite3_stmt *
sqlu_prepare(struct store *s, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(store_handle(s), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		fatalx("cannot prepare '%.60s': %s", sql,
		    sqlite3_errmsg(store_handle(s)));
	return st;
}

enum db_status
sqlu_status(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return DB_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_BUSY;
	case SQLITE_CONSTRAINT:
		return DB_CONFLICT;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return DB_CORRUPT;
	default:
		return DB_ERROR;
	}
}

enum db_status
sqlu_fail(struct store *s, int rc, const char *what, char **cause)
{
	*cause = xasprintf("%s in '%s': %s", what, store_path(s),
	    sqlite3_errmsg(store_handle(s)));
	return sqlu_status(rc);
}

/* SPDX-License-Identifier: MIT */
#ifndef VO_SQLU_H
#define VO_SQLU_H

/* Small SQLite helpers shared by the db/ modules. db/ only. */

#include <sqlite3.h>

#include "db/store.h"

/* Owned copy of a text column, or NULL for SQL NULL. */
char	*sqlu_text(sqlite3_stmt *, int col);
/* Binds S, or NULL when S is NULL. The text must outlive the step. */
void	 sqlu_bind(sqlite3_stmt *, int idx, const char *s);
/* Prepares SQL on the store's handle; a failure is a bug (fatalx). */
sqlite3_stmt *sqlu_prepare(struct store *, const char *sql);
/* The db_status of an SQLite result code. */
enum db_status sqlu_status(int rc);
/* Maps an SQLite result to db_status and sets *cause about WHAT. */
enum db_status sqlu_fail(struct store *, int rc, const char *what,
	    char **cause);

#endif

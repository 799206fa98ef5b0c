/* SPDX-License-Identifier: MIT */
#ifndef VO_SYNC_TABLES_H
#define VO_SYNC_TABLES_H

/*
 * The travelling tables, described once for both sides of sync: the local
 * SQLite tables of schema v1 and their mirrors in the server schema
 * (db/pg.c). Columns are listed in the same order on both sides; the
 * local-only columns answers.changed_elsewhere and
 * reports.server_received_at do not travel.
 *
 * Each table has a merge key (the conflict target): the row's identity
 * for "newer HLC wins". For most tables it is the UUID; answers merge on
 * (session_id, question_id) because two terminals answering the same
 * question of a shared session make two different ids for one answer;
 * sites merge on their code and reports on their REP- label. The winner's
 * id replaces the loser's, so every side ends with the same id.
 * answer_history is append-only: insert or ignore.
 *
 * The server keeps every version of a row in vosync.row_versions, except
 * for answers, whose every version is already a row of answer_history
 * ("versioned"), and answer_history itself, which is append-only. Answers
 * travel only as their history rows ("via"): one server row per answer
 * version instead of two, and the newest HLC per merge key is the
 * current answer on every side.
 *
 * Tables are listed in dependency order (parents first), which is the
 * order pulled rows are applied in. Pure data; thread-safe.
 */

#include <stddef.h>

#include "core/base/buf.h"
#include "db/store.h"

enum sync_col_type {
	SYNC_COL_TEXT = 't',
	SYNC_COL_INT = 'i',
	SYNC_COL_REAL = 'r'
};

struct sync_table {
	const char		 *name;
	const char *const	 *cols;		/* NULL-terminated */
	const char		 *types;	/* a sync_col_type per col */
	const char		 *key;		/* merge key: "col" or "a, b" */
	int			  append_only;	/* insert or ignore */
	int			  pull;		/* applied on other terminals */
	int			  versioned;	/* has its own history table */
	/*
	 * The server keeps this table's rows only as rows of table VIA,
	 * whose column VIA_ID holds this table's id (answers: every version
	 * is an answer_history row, and the server's answers are a view,
	 * the newest HLC per merge key). Pushes skip the table; pulls read
	 * VIA. NULL for a table of its own.
	 */
	const char		 *via;
	const char		 *via_id;
};

extern const struct sync_table sync_tables[];
extern const size_t sync_tables_count;

/* The table called NAME, or NULL. */
const struct sync_table *sync_tables_find(const char *name);
size_t	 sync_tables_ncols(const struct sync_table *);
/* Index of column NAME in T, or -1. */
int	 sync_tables_col(const struct sync_table *, const char *name);

/*
 * Appends "PREFIXa, PREFIXb, ..." (PREFIX may be "" or e.g. "s.") to B.
 * With SET, appends "a = excluded.a, ..." instead.
 */
void	 sync_tables_cols(const struct sync_table *, struct buf *b,
	    const char *prefix);
void	 sync_tables_set_excluded(const struct sync_table *, struct buf *b);
/*
 * For a table kept VIA another: appends T's columns as columns of the VIA
 * table ("answer_id, session_id, ..."), each with " AS col" when AS.
 */
void	 sync_tables_via_cols(const struct sync_table *, struct buf *b,
	    int as);

/*
 * Appends S to B escaped for COPY text format (backslash, tab, newline,
 * carriage return); NULL becomes \N.
 */
void	 sync_tables_copy_field(struct buf *b, const char *s);
/*
 * Splits one COPY text line (without its newline) into at most MAX fields
 * in place, undoing the escapes; \N fields become NULL. Returns the number
 * of fields, or -1 on a malformed line. For tests and the pull decoder.
 */
int	 sync_tables_copy_split(char *line, char **fields, int max);

/*
 * Checks the descriptions against the local schema of S: every column
 * exists with the same type, and every local column travels (except the
 * local-only ones). DB_ERROR and *cause naming the first difference.
 */
enum db_status sync_tables_check(struct store *s, char **cause);

#endif

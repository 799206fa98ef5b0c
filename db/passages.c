/* SPDX-License-Identifier: MIT */
/*
 * The evidence index (see db/passages.h): an in-memory SQLite database,
 * one FTS5 table, no persistence. A query is the OR of its distinct
 * words, each quoted so that no word is read as FTS5 syntax.
 */
#include "db/passages.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/base/xmalloc.h"

struct passages_index {
	sqlite3		*db;
	sqlite3_stmt	*ins;
	sqlite3_stmt	*sel;
};

enum db_status
passages_index_new(struct passages_index **out, char **cause)
{
	struct passages_index *x;
	int rc;

	x = xcalloc(1, sizeof *x);
	rc = sqlite3_open_v2(":memory:", &x->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(x->db, "CREATE VIRTUAL TABLE passages USING "
		    "fts5(stems, tokenize = 'unicode61 remove_diacritics 2');",
		    NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(x->db, "INSERT INTO passages(rowid, "
		    "stems) VALUES (?, ?)", -1, &x->ins, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(x->db, "SELECT rowid, rank FROM "
		    "passages WHERE passages MATCH ? ORDER BY rank LIMIT ?",
		    -1, &x->sel, NULL);
	if (rc != SQLITE_OK) {
		*cause = xasprintf("cannot create the evidence index: %s",
		    x->db != NULL ? sqlite3_errmsg(x->db) : "out of memory");
		passages_index_free(x);
		return DB_ERROR;
	}
	*out = x;
	return DB_OK;
}

void
passages_index_free(struct passages_index *x)
{
	if (x == NULL)
		return;
	sqlite3_finalize(x->ins);
	sqlite3_finalize(x->sel);
	sqlite3_close(x->db);
	free(x);
}

enum db_status
passages_index_add(struct passages_index *x, int id, const char *stems,
    char **cause)
{
	int rc;

	sqlite3_reset(x->ins);
	sqlite3_bind_int(x->ins, 1, id);
	sqlite3_bind_text(x->ins, 2, stems, -1, SQLITE_STATIC);
	rc = sqlite3_step(x->ins);
	sqlite3_reset(x->ins);
	if (rc != SQLITE_DONE) {
		*cause = xasprintf("cannot index passage %d: %s", id,
		    sqlite3_errmsg(x->db));
		return DB_ERROR;
	}
	return DB_OK;
}

enum db_status
passages_index_search(struct passages_index *x, const char *words,
    struct passages_hit *hits, int max, int *n, char **cause)
{
	struct buf q;
	const char *p, *w;
	size_t len;
	int rc;

	*n = 0;
	buf_init(&q, 0);
	for (p = words; *p != '\0';) {
		while (*p == ' ')
			p++;
		w = p;
		while (*p != '\0' && *p != ' ')
			p++;
		len = (size_t)(p - w);
		if (len == 0)
			continue;
		if (q.len > 0)
			buf_puts(&q, " OR ");
		/* Folded words hold no quote, but be safe anyway. */
		buf_putc(&q, '"');
		for (; w < p; w++) {
			if (*w != '"')
				buf_putc(&q, *w);
		}
		buf_putc(&q, '"');
	}
	if (q.len == 0) {
		buf_release(&q);
		return DB_OK;
	}
	sqlite3_reset(x->sel);
	sqlite3_bind_text(x->sel, 1, q.data, -1, SQLITE_STATIC);
	sqlite3_bind_int(x->sel, 2, max);
	while ((rc = sqlite3_step(x->sel)) == SQLITE_ROW && *n < max) {
		hits[*n].id = sqlite3_column_int(x->sel, 0);
		hits[*n].rank = -sqlite3_column_double(x->sel, 1);
		(*n)++;
	}
	sqlite3_reset(x->sel);
	buf_release(&q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		*cause = xasprintf("evidence search failed: %s",
		    sqlite3_errmsg(x->db));
		return DB_ERROR;
	}
	return DB_OK;
}

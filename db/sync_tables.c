/* SPDX-License-Identifier: MIT */
/*
 * Descriptions of the travelling tables (see db/sync_tables.h) and the
 * small text helpers that build SQL and COPY data from them. The column
 * lists must match db/schema.c; tests/unit/sync/tables_test.c checks it.
 */
#include "db/sync_tables.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/xmalloc.h"

static const char *const sync_tables_sites[] = {
	"id", "code", "name", "operator", "latitude", "longitude", "region",
	"sample", "device", "hlc", "updated_at", NULL
};
static const char *const sync_tables_sessions[] = {
	"id", "framework", "site_code", "site_name", "operator", "auditor",
	"email", "lang", "categories", "status", "current_qid", "report_id",
	"started_at", "updated_at", "completed_at", "device", "hlc", NULL
};
static const char *const sync_tables_answers[] = {
	"id", "session_id", "question_id", "state", "value", "notes",
	"confidence", "evidence", "author", "device", "hlc", "answered_at",
	NULL
};
static const char *const sync_tables_history[] = {
	"id", "answer_id", "session_id", "question_id", "state", "value",
	"notes", "confidence", "evidence", "author", "device", "hlc",
	"answered_at", NULL
};
static const char *const sync_tables_jobs[] = {
	"id", "kind", "status", "stage", "progress", "error", "attempts",
	"worker", "cancel_requested", "payload", "report_id", "created_at",
	"updated_at", "started_at", "finished_at", "device", "hlc", NULL
};
static const char *const sync_tables_reports[] = {
	"id", "report_id", "kind", "job_id", "session_id", "site_code",
	"site_name", "operator", "auditor", "email", "frameworks", "score",
	"coverage", "compliant", "non_compliant", "review_needed",
	"not_applicable", "critical", "penalty_usd", "audit_date",
	"created_at", "sample", "body", "device", "hlc", NULL
};
static const char *const sync_tables_findings[] = {
	"id", "report_uuid", "seq", "framework", "category", "ref",
	"question_id", "requirement", "evidence", "page", "score", "weight",
	"status", "priority", "gap", "recommendation", "articles",
	"penalty_usd", "device", "hlc", NULL
};

/*
 * Dependency order. Jobs travel to the server (monitoring) but are not
 * pulled: another terminal's queued job is not ours to run.
 */
const struct sync_table sync_tables[] = {
	{ "sites", sync_tables_sites, "ttttrrtittt", "code", 0, 1, 0, NULL,
	  NULL },
	{ "sessions", sync_tables_sessions, "ttttttttttttttttt", "id", 0, 1,
	  0, NULL, NULL },
	{ "jobs", sync_tables_jobs, "ttttitititttttttt", "id", 0, 0, 0, NULL,
	  NULL },
	{ "reports", sync_tables_reports, "tttttttttttrriiiiirttittt",
	  "report_id", 0, 1, 0, NULL, NULL },
	{ "findings", sync_tables_findings, "ttittttttirrtttttrtt", "id", 0,
	  1, 0, NULL, NULL },
	{ "answers", sync_tables_answers, "ttttttrttttt",
	  "session_id, question_id", 0, 1, 1, "answer_history", "answer_id" },
	{ "answer_history", sync_tables_history, "tttttttrttttt", "id", 1, 1,
	  1, NULL, NULL },
};
const size_t sync_tables_count = sizeof sync_tables / sizeof sync_tables[0];

const struct sync_table *
sync_tables_find(const char *name)
{
	size_t i;

	for (i = 0; i < sync_tables_count; i++) {
		if (strcmp(sync_tables[i].name, name) == 0)
			return &sync_tables[i];
	}
	return NULL;
}

size_t
sync_tables_ncols(const struct sync_table *t)
{
	size_t n;

	for (n = 0; t->cols[n] != NULL; n++)
		;
	return n;
}

int
sync_tables_col(const struct sync_table *t, const char *name)
{
	int i;

	for (i = 0; t->cols[i] != NULL; i++) {
		if (strcmp(t->cols[i], name) == 0)
			return i;
	}
	return -1;
}

void
sync_tables_cols(const struct sync_table *t, struct buf *b,
    const char *prefix)
{
	size_t i;

	for (i = 0; t->cols[i] != NULL; i++)
		buf_printf(b, "%s%s%s", i > 0 ? ", " : "", prefix, t->cols[i]);
}

void
sync_tables_set_excluded(const struct sync_table *t, struct buf *b)
{
	size_t i;

	for (i = 0; t->cols[i] != NULL; i++)
		buf_printf(b, "%s%s = excluded.%s", i > 0 ? ", " : "",
		    t->cols[i], t->cols[i]);
}

void
sync_tables_via_cols(const struct sync_table *t, struct buf *b, int as)
{
	const char *src;
	size_t i;

	for (i = 0; t->cols[i] != NULL; i++) {
		src = strcmp(t->cols[i], "id") == 0 ? t->via_id : t->cols[i];
		buf_printf(b, "%s%s", i > 0 ? ", " : "", src);
		if (as && src != t->cols[i])
			buf_printf(b, " AS %s", t->cols[i]);
	}
}

void
sync_tables_copy_field(struct buf *b, const char *s)
{
	const char *p, *run;

	if (s == NULL) {
		buf_puts(b, "\\N");
		return;
	}
	for (p = run = s; *p != '\0'; p++) {
		switch (*p) {
		case '\\':
		case '\t':
		case '\n':
		case '\r':
			buf_append(b, run, (size_t)(p - run));
			buf_putc(b, '\\');
			buf_putc(b, *p == '\\' ? '\\' : *p == '\t' ? 't' :
			    *p == '\n' ? 'n' : 'r');
			run = p + 1;
			break;
		default:
			break;
		}
	}
	buf_append(b, run, (size_t)(p - run));
}

int
sync_tables_copy_split(char *line, char **fields, int max)
{
	char *r, *w;
	int n = 0, isnull = 0;

	if (max < 1)
		return -1;
	r = w = line;
	fields[n++] = w;
	for (;;) {
		if (*r == '\0' || *r == '\t') {
			if (isnull)
				fields[n - 1] = NULL;
			isnull = 0;
			if (*r == '\0') {
				*w = '\0';
				return n;
			}
			*w++ = '\0';
			r++;
			if (n == max)
				return -1;
			fields[n++] = w;
			continue;
		}
		if (*r != '\\') {
			*w++ = *r++;
			continue;
		}
		r++;
		switch (*r) {
		case '\\':
			*w++ = '\\';
			break;
		case 't':
			*w++ = '\t';
			break;
		case 'n':
			*w++ = '\n';
			break;
		case 'r':
			*w++ = '\r';
			break;
		case 'N':
			/* \N is NULL only as the whole field. */
			if (w != fields[n - 1] ||
			    (r[1] != '\0' && r[1] != '\t'))
				return -1;
			isnull = 1;
			break;
		default:
			return -1;
		}
		r++;
	}
}

/* The column type SQLite's affinity rules give a declared type. */
static int
sync_tables_affinity(const char *decl)
{
	if (decl == NULL)
		return SYNC_COL_TEXT;
	if (strstr(decl, "INT") != NULL)
		return SYNC_COL_INT;
	if (strstr(decl, "CHAR") != NULL || strstr(decl, "CLOB") != NULL ||
	    strstr(decl, "TEXT") != NULL)
		return SYNC_COL_TEXT;
	if (strstr(decl, "REAL") != NULL || strstr(decl, "FLOA") != NULL ||
	    strstr(decl, "DOUB") != NULL)
		return SYNC_COL_REAL;
	return SYNC_COL_TEXT;
}

enum db_status
sync_tables_check(struct store *s, char **cause)
{
	static const char *const local_only[] = {
		"answers.changed_elsewhere", "reports.server_received_at",
		NULL
	};
	const struct sync_table *t;
	sqlite3_stmt *st;
	const char *col, *decl;
	char *sql, full[128];
	size_t i, j, n, seen;
	int c, rc, known;

	for (i = 0; i < sync_tables_count; i++) {
		t = &sync_tables[i];
		n = sync_tables_ncols(t);
		if (strlen(t->types) != n) {
			*cause = xasprintf("sync table '%s': %zu types for %zu "
			    "columns", t->name, strlen(t->types), n);
			return DB_ERROR;
		}
		sql = xasprintf("PRAGMA table_info(%s)", t->name);
		rc = sqlite3_prepare_v2(store_handle(s), sql, -1, &st, NULL);
		free(sql);
		if (rc != SQLITE_OK) {
			*cause = xasprintf("sync table '%s': %s", t->name,
			    sqlite3_errmsg(store_handle(s)));
			return DB_ERROR;
		}
		seen = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			col = (const char *)sqlite3_column_text(st, 1);
			decl = (const char *)sqlite3_column_text(st, 2);
			c = sync_tables_col(t, col);
			if (c >= 0) {
				seen++;
				if (sync_tables_affinity(decl) ==
				    t->types[c])
					continue;
				*cause = xasprintf("sync table '%s': column "
				    "'%s' is %s locally, '%c' in the "
				    "description", t->name, col, decl,
				    t->types[c]);
				sqlite3_finalize(st);
				return DB_ERROR;
			}
			snprintf(full, sizeof full, "%s.%s", t->name, col);
			known = 0;
			for (j = 0; local_only[j] != NULL; j++)
				known |= strcmp(local_only[j], full) == 0;
			if (!known) {
				*cause = xasprintf("sync table '%s': local "
				    "column '%s' does not travel", t->name,
				    col);
				sqlite3_finalize(st);
				return DB_ERROR;
			}
		}
		sqlite3_finalize(st);
		if (seen != n) {
			*cause = xasprintf("sync table '%s': %zu of %zu "
			    "columns exist locally", t->name, seen, n);
			return DB_ERROR;
		}
	}
	return DB_OK;
}

/* SPDX-License-Identifier: MIT */
/* Interview sessions: insert, load, update, list, idle clean-up. */
#include "db/sessions.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "db/outbox.h"
#include "db/sqlu.h"

#define SESSION_COLUMNS "id, framework, site_code, site_name, operator, " \
	"auditor, email, lang, categories, status, current_qid, report_id, " \
	"started_at, updated_at, completed_at, device, hlc"

void
db_session_release(struct db_session *s)
{
	free(s->id);
	free(s->framework);
	free(s->site_code);
	free(s->site_name);
	free(s->operator);
	free(s->auditor);
	free(s->email);
	free(s->lang);
	free(s->categories);
	free(s->status);
	free(s->current_qid);
	free(s->report_id);
	free(s->started_at);
	free(s->updated_at);
	free(s->completed_at);
	free(s->device);
	free(s->hlc);
	memset(s, 0, sizeof *s);
}

static void
db_session_read(sqlite3_stmt *st, struct db_session *s)
{
	s->id = sqlu_text(st, 0);
	s->framework = sqlu_text(st, 1);
	s->site_code = sqlu_text(st, 2);
	s->site_name = sqlu_text(st, 3);
	s->operator = sqlu_text(st, 4);
	s->auditor = sqlu_text(st, 5);
	s->email = sqlu_text(st, 6);
	s->lang = sqlu_text(st, 7);
	s->categories = sqlu_text(st, 8);
	s->status = sqlu_text(st, 9);
	s->current_qid = sqlu_text(st, 10);
	s->report_id = sqlu_text(st, 11);
	s->started_at = sqlu_text(st, 12);
	s->updated_at = sqlu_text(st, 13);
	s->completed_at = sqlu_text(st, 14);
	s->device = sqlu_text(st, 15);
	s->hlc = sqlu_text(st, 16);
}

enum db_status
db_session_insert(struct store *store, const struct db_session *s,
    char **cause)
{
	sqlite3_stmt *st;
	char hlc[HLC_TEXT_MAX], now[32];
	int rc;

	store_hlc_next(store, hlc);
	clock_format_iso(clock_now_ms(), now, sizeof now);
	st = sqlu_prepare(store, "INSERT INTO sessions (" SESSION_COLUMNS
	    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
	    "?13, ?13, NULL, ?14, ?15)");
	sqlu_bind(st, 1, s->id);
	sqlu_bind(st, 2, s->framework);
	sqlu_bind(st, 3, s->site_code);
	sqlu_bind(st, 4, s->site_name);
	sqlu_bind(st, 5, s->operator);
	sqlu_bind(st, 6, s->auditor);
	sqlu_bind(st, 7, s->email);
	sqlu_bind(st, 8, s->lang != NULL ? s->lang : "en");
	sqlu_bind(st, 9, s->categories);
	sqlu_bind(st, 10, s->status != NULL ? s->status : "in_progress");
	sqlu_bind(st, 11, s->current_qid);
	sqlu_bind(st, 12, s->report_id);
	sqlu_bind(st, 13, now);
	sqlu_bind(st, 14, store_device_id(store));
	sqlu_bind(st, 15, hlc);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlu_fail(store, rc, "cannot save the session", cause);
	outbox_add(store, "sessions", s->id, hlc);
	return DB_OK;
}

enum db_status
db_session_get(struct store *store, const char *id, struct db_session *out,
    char **cause)
{
	sqlite3_stmt *st;
	size_t len = strlen(id);
	int rc, n = 0;

	memset(out, 0, sizeof *out);
	if (len < 8) {
		*cause = xasprintf("no session '%s' (give at least 8 "
		    "characters of its id)", id);
		return DB_NOTFOUND;
	}
	st = sqlu_prepare(store, "SELECT " SESSION_COLUMNS " FROM sessions "
	    "WHERE id = ?1 OR (length(?1) < 36 AND substr(id, 1, length(?1)) "
	    "= ?1) LIMIT 2");
	sqlu_bind(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (++n == 1)
			db_session_read(st, out);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_session_release(out);
		return sqlu_fail(store, rc, "cannot read sessions", cause);
	}
	if (n == 1)
		return DB_OK;
	db_session_release(out);
	*cause = n == 0 ? xasprintf("no session '%s' in '%s'", id,
	    store_path(store)) : xasprintf("session id '%s' is ambiguous: "
	    "give more characters", id);
	return DB_NOTFOUND;
}

enum db_status
db_session_update(struct store *store, const struct db_session *s,
    char **cause)
{
	sqlite3_stmt *st;
	char hlc[HLC_TEXT_MAX], now[32];
	int rc;

	store_hlc_next(store, hlc);
	clock_format_iso(clock_now_ms(), now, sizeof now);
	st = sqlu_prepare(store, "UPDATE sessions SET status = ?2, "
	    "current_qid = ?3, report_id = ?4, completed_at = ?5, "
	    "updated_at = ?6, hlc = ?7, device = ?8 WHERE id = ?1");
	sqlu_bind(st, 1, s->id);
	sqlu_bind(st, 2, s->status);
	sqlu_bind(st, 3, s->current_qid);
	sqlu_bind(st, 4, s->report_id);
	sqlu_bind(st, 5, s->completed_at);
	sqlu_bind(st, 6, now);
	sqlu_bind(st, 7, hlc);
	sqlu_bind(st, 8, store_device_id(store));
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlu_fail(store, rc, "cannot update the session", cause);
	if (sqlite3_changes(store_handle(store)) != 1) {
		*cause = xasprintf("no session '%s'", s->id);
		return DB_NOTFOUND;
	}
	outbox_add(store, "sessions", s->id, hlc);
	return DB_OK;
}

enum db_status
db_session_list(struct store *store, const char *status,
    struct db_session **out, size_t *n, char **cause)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = sqlu_prepare(store, "SELECT " SESSION_COLUMNS " FROM sessions "
	    "WHERE ?1 IS NULL OR status = ?1 ORDER BY updated_at DESC, id");
	sqlu_bind(st, 1, status);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		db_session_read(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_session_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return sqlu_fail(store, rc, "cannot list sessions", cause);
	}
	return DB_OK;
}

void
db_session_list_free(struct db_session *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		db_session_release(&v[i]);
	free(v);
}

enum db_status
db_session_abandon_idle(struct store *store, int days, size_t *n,
    char **cause)
{
	struct db_session *v;
	enum db_status rc;
	size_t nv, i;
	char cutoff[32];

	*n = 0;
	clock_format_iso(clock_now_ms() - (int64_t)days * 86400000, cutoff,
	    sizeof cutoff);
	rc = db_session_list(store, NULL, &v, &nv, cause);
	if (rc != DB_OK)
		return rc;
	for (i = 0; i < nv && rc == DB_OK; i++) {
		if ((strcmp(v[i].status, "in_progress") != 0 &&
		    strcmp(v[i].status, "paused") != 0) ||
		    strcmp(v[i].updated_at, cutoff) >= 0)
			continue;
		free(v[i].status);
		v[i].status = xstrdup("abandoned");
		rc = db_session_update(store, &v[i], cause);
		if (rc == DB_OK)
			(*n)++;
	}
	db_session_list_free(v, nv);
	return rc;
}

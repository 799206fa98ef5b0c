/* SPDX-License-Identifier: MIT */
/*
 * Answers and their append-only history. A put is an upsert of the
 * current row plus one history row plus one outbox row, all in the
 * caller's transaction.
 */
#include "db/answers.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/base/uuid.h"
#include "core/base/xmalloc.h"
#include "db/outbox.h"
#include "db/sqlu.h"

void
db_answer_release(struct db_answer *a)
{
	free(a->id);
	free(a->session_id);
	free(a->question_id);
	free(a->state);
	free(a->value);
	free(a->notes);
	free(a->evidence);
	free(a->author);
	free(a->device);
	free(a->hlc);
	free(a->answered_at);
	memset(a, 0, sizeof *a);
}

/*
 * Binds the columns an answer and its history row share, in their
 * common order (state, value, notes, confidence, evidence, author,
 * device, hlc, answered_at), from parameter FIRST on.
 */
static void
db_answer_bind_version(sqlite3_stmt *st, int first, const struct db_answer *a,
    const char *evidence, const char *device, const char *hlc,
    const char *now)
{
	sqlu_bind(st, first, a->state);
	sqlu_bind(st, first + 1, a->value);
	sqlu_bind(st, first + 2, a->notes);
	if (a->has_confidence)
		sqlite3_bind_double(st, first + 3, a->confidence);
	else
		sqlite3_bind_null(st, first + 3);
	sqlu_bind(st, first + 4, evidence);
	sqlu_bind(st, first + 5, a->author);
	sqlu_bind(st, first + 6, device);
	sqlu_bind(st, first + 7, hlc);
	sqlu_bind(st, first + 8, now);
}

enum db_status
db_answer_put(struct store *store, const struct db_answer *a, char **cause)
{
	sqlite3_stmt *st;
	char hlc[HLC_TEXT_MAX], now[32], newid[UUID_TEXT_LEN], hid[UUID_TEXT_LEN];
	char *id = NULL;
	const char *evidence = a->evidence != NULL ? a->evidence : "[]";
	int rc;

	store_hlc_next(store, hlc);
	clock_format_iso(clock_now_ms(), now, sizeof now);
	st = sqlu_prepare(store, "SELECT id FROM answers WHERE session_id = ?1 "
	    "AND question_id = ?2");
	sqlu_bind(st, 1, a->session_id);
	sqlu_bind(st, 2, a->question_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlu_text(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sqlu_fail(store, rc, "cannot read answers", cause);
	if (id == NULL) {
		uuid_generate(newid);
		id = xstrdup(newid);
	}

	st = sqlu_prepare(store, "INSERT INTO answers (id, session_id, "
	    "question_id, state, value, notes, confidence, evidence, author, "
	    "device, hlc, answered_at, changed_elsewhere) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0) ON CONFLICT(id) DO "
	    "UPDATE SET state = ?4, value = ?5, notes = ?6, confidence = ?7, "
	    "evidence = ?8, author = ?9, device = ?10, hlc = ?11, "
	    "answered_at = ?12, changed_elsewhere = 0");
	sqlu_bind(st, 1, id);
	sqlu_bind(st, 2, a->session_id);
	sqlu_bind(st, 3, a->question_id);
	db_answer_bind_version(st, 4, a, evidence, store_device_id(store), hlc,
	    now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(id);
		return sqlu_fail(store, rc, "cannot save the answer", cause);
	}

	uuid_generate(hid);
	st = sqlu_prepare(store, "INSERT INTO answer_history (id, answer_id, "
	    "session_id, question_id, state, value, notes, confidence, "
	    "evidence, author, device, hlc, answered_at) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	sqlu_bind(st, 1, hid);
	sqlu_bind(st, 2, id);
	sqlu_bind(st, 3, a->session_id);
	sqlu_bind(st, 4, a->question_id);
	db_answer_bind_version(st, 5, a, evidence, store_device_id(store), hlc,
	    now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(id);
		return sqlu_fail(store, rc, "cannot save the answer history",
		    cause);
	}
	/*
	 * One queued change: the answer travels as its history row (see
	 * db/sync_tables.h), which the server and other terminals turn back
	 * into the answer, newest HLC winning.
	 */
	outbox_add(store, "answer_history", hid, hlc);
	free(id);
	return DB_OK;
}

enum db_status
db_answer_list(struct store *store, const char *session_id,
    struct db_answer **out, size_t *n, char **cause)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = sqlu_prepare(store, "SELECT id, session_id, question_id, state, "
	    "value, notes, confidence, evidence, author, device, hlc, "
	    "answered_at, changed_elsewhere FROM answers WHERE session_id = ?1");
	sqlu_bind(st, 1, session_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_answer *a;

		if (*n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		a = &(*out)[(*n)++];
		memset(a, 0, sizeof *a);
		a->id = sqlu_text(st, 0);
		a->session_id = sqlu_text(st, 1);
		a->question_id = sqlu_text(st, 2);
		a->state = sqlu_text(st, 3);
		a->value = sqlu_text(st, 4);
		a->notes = sqlu_text(st, 5);
		a->has_confidence = sqlite3_column_type(st, 6) != SQLITE_NULL;
		a->confidence = sqlite3_column_double(st, 6);
		a->evidence = sqlu_text(st, 7);
		a->author = sqlu_text(st, 8);
		a->device = sqlu_text(st, 9);
		a->hlc = sqlu_text(st, 10);
		a->answered_at = sqlu_text(st, 11);
		a->changed_elsewhere = sqlite3_column_int(st, 12);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_answer_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return sqlu_fail(store, rc, "cannot read answers", cause);
	}
	return DB_OK;
}

void
db_answer_list_free(struct db_answer *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		db_answer_release(&v[i]);
	free(v);
}

enum db_status
db_answer_history_count(struct store *store, const char *session_id,
    size_t *n, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	st = sqlu_prepare(store, "SELECT count(*) FROM answer_history WHERE "
	    "session_id = ?1");
	sqlu_bind(st, 1, session_id);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return sqlu_fail(store, rc, "cannot count answers", cause);
	return DB_OK;
}

/* SPDX-License-Identifier: MIT */
/*
 * Schema steps. Nothing has been released yet, so the v1 script is still
 * the place for new tables; once a build ships, changes become new steps
 * appended to schema_steps[] and are never edited again.
 *
 * Conventions: every row that travels to the server has a UUID id, the
 * writing device and an HLC stamp ("hlc"); timestamps are ISO-8601 UTC
 * text; JSON columns hold JSON text. The outbox gets a row in the same
 * transaction as every travelling write (db/outbox.c).
 */
#include "db/schema.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/base/xmalloc.h"

static const char schema_v1[] =
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"CREATE TABLE counters ("
	"  name TEXT PRIMARY KEY,"
	"  value INTEGER NOT NULL);"

	/* Sites: code is what people use; id travels. */
	"CREATE TABLE sites ("
	"  id TEXT PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  operator TEXT,"
	"  latitude REAL,"
	"  longitude REAL,"
	"  region TEXT,"
	"  sample INTEGER NOT NULL DEFAULT 0,"
	"  device TEXT NOT NULL,"
	"  hlc TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL);"

	/* Interview sessions. categories: JSON array or NULL for all. */
	"CREATE TABLE sessions ("
	"  id TEXT PRIMARY KEY,"
	"  framework TEXT NOT NULL,"
	"  site_code TEXT,"
	"  site_name TEXT NOT NULL,"
	"  operator TEXT,"
	"  auditor TEXT NOT NULL,"
	"  email TEXT,"
	"  lang TEXT NOT NULL DEFAULT 'en',"
	"  categories TEXT,"
	"  status TEXT NOT NULL CHECK (status IN"
	"    ('in_progress','paused','completed','abandoned')),"
	"  current_qid TEXT,"
	"  report_id TEXT,"
	"  started_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  completed_at TEXT,"
	"  device TEXT NOT NULL,"
	"  hlc TEXT NOT NULL);"
	"CREATE INDEX sessions_status ON sessions(status, updated_at);"

	/*
	 * The current answer per (session, question). state: answered, na
	 * (not applicable) or skipped (optional question passed over).
	 * value: JSON text, NULL unless answered. evidence: JSON array of
	 * {"name","sha256"}.
	 */
	"CREATE TABLE answers ("
	"  id TEXT PRIMARY KEY,"
	"  session_id TEXT NOT NULL REFERENCES sessions(id),"
	"  question_id TEXT NOT NULL,"
	"  state TEXT NOT NULL CHECK (state IN ('answered','na','skipped')),"
	"  value TEXT,"
	"  notes TEXT,"
	"  confidence REAL,"
	"  evidence TEXT NOT NULL DEFAULT '[]',"
	"  author TEXT NOT NULL,"
	"  device TEXT NOT NULL,"
	"  hlc TEXT NOT NULL,"
	"  answered_at TEXT NOT NULL,"
	"  changed_elsewhere INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (session_id, question_id));"

	/* Append-only: every version of every answer, never updated. */
	"CREATE TABLE answer_history ("
	"  id TEXT PRIMARY KEY,"
	"  answer_id TEXT NOT NULL,"
	"  session_id TEXT NOT NULL,"
	"  question_id TEXT NOT NULL,"
	"  state TEXT NOT NULL,"
	"  value TEXT,"
	"  notes TEXT,"
	"  confidence REAL,"
	"  evidence TEXT NOT NULL,"
	"  author TEXT NOT NULL,"
	"  device TEXT NOT NULL,"
	"  hlc TEXT NOT NULL,"
	"  answered_at TEXT NOT NULL,"
	"  UNIQUE (answer_id, hlc));"
	"CREATE INDEX answer_history_session ON answer_history(session_id);"
	"CREATE TRIGGER answer_history_no_update BEFORE UPDATE ON answer_history"
	"  BEGIN SELECT RAISE(ABORT, 'answer_history is append-only'); END;"
	"CREATE TRIGGER answer_history_no_delete BEFORE DELETE ON answer_history"
	"  BEGIN SELECT RAISE(ABORT, 'answer_history is append-only'); END;"

	/* Background work (interview scoring, document audits). */
	"CREATE TABLE jobs ("
	"  id TEXT PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('interview','document')),"
	"  status TEXT NOT NULL CHECK (status IN"
	"    ('queued','processing','complete','failed','cancelled')),"
	"  stage TEXT,"
	"  progress INTEGER NOT NULL DEFAULT 0,"
	"  error TEXT,"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  worker TEXT,"
	"  cancel_requested INTEGER NOT NULL DEFAULT 0,"
	"  payload TEXT NOT NULL,"
	"  report_id TEXT,"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  started_at TEXT,"
	"  finished_at TEXT,"
	"  device TEXT NOT NULL,"
	"  hlc TEXT NOT NULL);"
	"CREATE INDEX jobs_status ON jobs(status, created_at);"

	/* Reports: id is the UUID, report_id the REP-... label for people. */
	"CREATE TABLE reports ("
	"  id TEXT PRIMARY KEY,"
	"  report_id TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('interview','document')),"
	"  job_id TEXT,"
	"  session_id TEXT,"
	"  site_code TEXT,"
	"  site_name TEXT NOT NULL,"
	"  operator TEXT,"
	"  auditor TEXT,"
	"  email TEXT,"
	"  frameworks TEXT NOT NULL,"
	"  score REAL,"
	"  coverage REAL,"
	"  compliant INTEGER NOT NULL DEFAULT 0,"
	"  non_compliant INTEGER NOT NULL DEFAULT 0,"
	"  review_needed INTEGER NOT NULL DEFAULT 0,"
	"  not_applicable INTEGER NOT NULL DEFAULT 0,"
	"  critical INTEGER NOT NULL DEFAULT 0,"
	"  penalty_usd REAL NOT NULL DEFAULT 0,"
	"  audit_date TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  sample INTEGER NOT NULL DEFAULT 0,"
	"  body TEXT NOT NULL,"
	"  device TEXT NOT NULL,"
	"  hlc TEXT NOT NULL);"
	"CREATE INDEX reports_site ON reports(site_code, audit_date);"
	"CREATE INDEX reports_date ON reports(audit_date, score);"

	"CREATE TABLE findings ("
	"  id TEXT PRIMARY KEY,"
	"  report_uuid TEXT NOT NULL REFERENCES reports(id),"
	"  seq INTEGER NOT NULL,"
	"  framework TEXT NOT NULL,"
	"  category TEXT,"
	"  ref TEXT,"
	"  question_id TEXT,"
	"  requirement TEXT,"
	"  evidence TEXT,"
	"  page INTEGER,"
	"  score REAL,"
	"  weight REAL,"
	"  status TEXT NOT NULL CHECK (status IN ('compliant','non_compliant',"
	"    'review_needed','not_applicable')),"
	"  priority TEXT,"
	"  gap TEXT,"
	"  recommendation TEXT,"
	"  articles TEXT NOT NULL DEFAULT '[]',"
	"  penalty_usd REAL NOT NULL DEFAULT 0,"
	"  device TEXT NOT NULL,"
	"  hlc TEXT NOT NULL);"
	"CREATE INDEX findings_report ON findings(report_uuid, seq);"
	"CREATE INDEX findings_status ON findings(framework, status);"

	/*
	 * Outbox for sync: one row per travelling write, in the same
	 * transaction. Drained by db/sync (the sync issue).
	 */
	"CREATE TABLE outbox ("
	"  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  tbl TEXT NOT NULL,"
	"  row_id TEXT NOT NULL,"
	"  hlc TEXT NOT NULL,"
	"  created_at TEXT NOT NULL);"

	/*
	 * sync (db/sync*.c): local sync state (server id, pull cursor,
	 * the batch in flight, last sync and error) and the records a sync
	 * could not apply, kept and shown instead of blocking the queue.
	 */
	"CREATE TABLE sync_state ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"CREATE TABLE sync_quarantine ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  side TEXT NOT NULL CHECK (side IN ('push','pull')),"
	"  tbl TEXT NOT NULL,"
	"  row_id TEXT,"
	"  hlc TEXT,"
	"  reason TEXT NOT NULL,"
	"  body TEXT,"
	"  at TEXT NOT NULL);"

	/*
	 * pipeline (db/llm_cache.c): answers of the optional language model,
	 * by SHA-256 of model and prompt, so an audit run again asks nothing
	 * twice. Local only: it does not travel.
	 */
	"CREATE TABLE llm_cache ("
	"  key TEXT PRIMARY KEY,"
	"  model TEXT NOT NULL,"
	"  response TEXT NOT NULL,"
	"  created_at TEXT NOT NULL);"

	/*
	 * dashboard (db/dashboard.c): the latest scored report of each site
	 * is one seek in this index per site, however many reports there are.
	 */
	"CREATE INDEX reports_latest ON reports("
	"  coalesce(site_code, site_name), audit_date, created_at, hlc)"
	"  WHERE score IS NOT NULL;"

	/*
	 * sync (db/sync_pull.c): the server's clock when the report's
	 * current version was written there (vosync.reports.srv_time), ISO
	 * UTC; NULL until the report has reached the server. Local only: it
	 * is filled by every pull, for our reports as for the others'.
	 */
	"ALTER TABLE reports ADD COLUMN server_received_at TEXT;";

/* schema_steps[v] takes a store from version v-1 to v. */
static const char *const schema_steps[STORE_SCHEMA_VERSION + 1] = {
	NULL,
	schema_v1,
};

static int
schema_user_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * A store already at this version is left alone: no write lock, so that
 * opening it never waits on (nor fails for) another program writing to
 * it. Otherwise the version is read again inside BEGIN IMMEDIATE, so two
 * processes opening a new file at once do not both run the same step.
 */
enum db_status
schema_migrate(sqlite3 *db, const char *path, char **cause)
{
	char *err = NULL, *sql;
	int v, rc;

	if (schema_user_version(db) == STORE_SCHEMA_VERSION)
		return DB_OK;
	for (;;) {
		rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &err);
		if (rc != SQLITE_OK)
			break;
		v = schema_user_version(db);
		if (v < 0) {
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			*cause = xasprintf("'%s' is not a VigilOre store: %s",
			    path, sqlite3_errmsg(db));
			return DB_CORRUPT;
		}
		if (v > STORE_SCHEMA_VERSION) {
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			*cause = xasprintf("'%s' has schema version %d, newer "
			    "than this program's %d: upgrade vigilore", path, v,
			    STORE_SCHEMA_VERSION);
			return DB_ERROR;
		}
		if (v == STORE_SCHEMA_VERSION) {
			sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
			return DB_OK;
		}
		sql = xasprintf("%s PRAGMA user_version = %d; COMMIT;",
		    schema_steps[v + 1], v + 1);
		rc = sqlite3_exec(db, sql, NULL, NULL, &err);
		free(sql);
		if (rc != SQLITE_OK) {
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			break;
		}
	}
	*cause = xasprintf("cannot migrate '%s': %s", path,
	    err != NULL ? err : sqlite3_errmsg(db));
	sqlite3_free(err);
	return rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT ? DB_CORRUPT :
	    rc == SQLITE_BUSY ? DB_BUSY : DB_ERROR;
}

enum db_status
schema_check(sqlite3 *db, const char *path, char **cause)
{
	int v;

	v = schema_user_version(db);
	if (v < 0) {
		*cause = xasprintf("'%s' is not a VigilOre store: %s", path,
		    sqlite3_errmsg(db));
		return DB_CORRUPT;
	}
	if (v > STORE_SCHEMA_VERSION) {
		*cause = xasprintf("'%s' has schema version %d, newer than "
		    "this program's %d: upgrade vigilore", path, v,
		    STORE_SCHEMA_VERSION);
		return DB_ERROR;
	}
	if (v < STORE_SCHEMA_VERSION) {
		*cause = xasprintf("the store '%s' is read-only and has schema "
		    "version %d, older than this program's %d: it cannot be "
		    "brought up to date (open it once where it can be "
		    "written)", path, v, STORE_SCHEMA_VERSION);
		return DB_ERROR;
	}
	return DB_OK;
}

/* SPDX-License-Identifier: MIT */
/*
 * Opening, configuring and migrating the local SQLite store, transactions,
 * HLC stamps and small settings. One struct store per thread.
 */
#include "db/store.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/buf.h"
#include "core/base/clock.h"
#include "core/base/uuid.h"
#include "core/base/xmalloc.h"
#include "db/schema.h"
#include "db/sqlu.h"

struct store {
	sqlite3	*db;
	char	*path;
	char	 device_id[UUID_TEXT_LEN];
	char	 device_code[8];
	int	 in_txn;
	int	 readonly;	/* the file cannot be written: reads only */
};

char *
store_default_path(const char *arg)
{
	const char *env, *home;

	if (arg != NULL)
		return xstrdup(arg);
	env = getenv("VIGILORE_DB");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	env = getenv("XDG_DATA_HOME");
	if (env != NULL && *env == '/')
		return xasprintf("%s/vigilore/vigilore.db", env);
	home = getenv("HOME");
	if (home == NULL || *home == '\0')
		home = ".";
	return xasprintf("%s/.local/share/vigilore/vigilore.db", home);
}

/* mkdir -p for the parent directories of PATH, mode 0700. */
static int
store_make_parents(const char *path)
{
	char *dir = xstrdup(path), *p;
	int rc = 0;

	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	free(dir);
	return rc;
}

/* Creates the file with mode 0600 before SQLite does (it would use 0644). */
static int
store_create_file(const char *path)
{
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1)
		return -1;
	close(fd);
	return 0;
}


static char *
store_meta_get_raw(sqlite3 *db, const char *key)
{
	sqlite3_stmt *st;
	char *v = NULL;

	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1",
	    -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

static int
store_meta_put_raw(sqlite3 *db, const char *key, const char *value)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(db, "INSERT INTO meta(key, value) "
	    "VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
	    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * Device identity: created once per store file, in one transaction. Once
 * there it is only read, without the write lock, so that opening the
 * store never waits on another program writing to it; a read-only store
 * must have it already.
 */
static enum db_status
store_load_identity(struct store *s, char **cause)
{
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	char *id, *code;
	unsigned char rnd[STORE_DEVICE_CODE_LEN];
	char newcode[STORE_DEVICE_CODE_LEN + 1];
	size_t i;
	int rc;

	id = store_meta_get_raw(s->db, "device_id");
	code = store_meta_get_raw(s->db, "device_code");
	if (id != NULL && code != NULL) {
		rc = SQLITE_OK;
		goto done;
	}
	free(id);
	free(code);
	if (s->readonly) {
		*cause = xasprintf("the store '%s' is read-only and was never "
		    "set up (it has no device identity): open it once where "
		    "it can be written", s->path);
		return DB_ERROR;
	}
	rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	id = store_meta_get_raw(s->db, "device_id");
	code = store_meta_get_raw(s->db, "device_code");
	if (id == NULL || code == NULL) {
		free(id);
		free(code);
		id = xmalloc(UUID_TEXT_LEN);
		uuid_generate(id);
		uuid_random_bytes(rnd, sizeof rnd);
		/* 32 symbols, so the modulo is unbiased: 30 bits of id. */
		for (i = 0; i < STORE_DEVICE_CODE_LEN; i++)
			newcode[i] = alphabet[rnd[i] % (sizeof alphabet - 1)];
		newcode[STORE_DEVICE_CODE_LEN] = '\0';
		code = xstrdup(newcode);
		if (store_meta_put_raw(s->db, "device_id", id) != SQLITE_OK ||
		    store_meta_put_raw(s->db, "device_code", code) !=
		    SQLITE_OK) {
			free(id);
			free(code);
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			goto fail;
		}
	}
	rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
done:
	snprintf(s->device_id, sizeof s->device_id, "%s", id);
	snprintf(s->device_code, sizeof s->device_code, "%s", code);
	free(id);
	free(code);
	if (rc == SQLITE_OK)
		return DB_OK;
fail:
	*cause = xasprintf("cannot set up the store '%s': %s", s->path,
	    sqlite3_errmsg(s->db));
	return sqlu_status(sqlite3_errcode(s->db));
}

/* PATH as an SQLite URI ("file:" and the path, %-escaped) with QUERY. */
static char *
store_uri(const char *path, const char *query)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	struct buf b;

	buf_init(&b, 0);
	buf_puts(&b, "file:");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if (isalnum(*p) || strchr("/-._~", *p) != NULL)
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%c%c", hex[*p >> 4], hex[*p & 0xf]);
	}
	buf_printf(&b, "?%s", query);
	return buf_detach(&b);
}

/* 1 when the file PATH exists and is not empty. */
static int
store_has_content(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && sb.st_size > 0;
}

/*
 * Opens S->path read-only through its URI with QUERY and reads its schema
 * (errors show at the first read). An SQLite result code; on failure
 * *WHY (owned) says what SQLite said.
 */
static int
store_open_uri(struct store *s, const char *query, char **why)
{
	char *uri;
	int rc;

	uri = store_uri(s->path, query);
	rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
		rc = sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_schema",
		    NULL, NULL, NULL);
	}
	if (rc != SQLITE_OK)
		*why = xstrdup(s->db != NULL ? sqlite3_errmsg(s->db) :
		    "out of memory");
	return rc;
}

/*
 * Opens the store S->path, which exists but cannot be written (its mode,
 * a read-only mount), for reading only. A WAL database needs its -shm
 * file: with -wal and -shm there (or a directory where SQLite may create
 * them), mode=ro reads it with every change in the log. Otherwise
 * immutable=1 reads the file alone, which is right only when there is no
 * log to read: a non-empty -wal whose -shm is missing or cannot be used
 * (not readable by this user) is refused, rather than showing the store
 * without its latest changes.
 */
static enum db_status
store_open_readonly(struct store *s, char **cause)
{
	char *wal, *shm, *why = NULL;
	enum db_status st = DB_OK;
	int rc;

	rc = store_open_uri(s, "mode=ro", &why);
	if (rc == SQLITE_OK)
		return DB_OK;
	/* Only a log that cannot be opened is worked around. */
	if (rc != SQLITE_CANTOPEN && rc != SQLITE_READONLY) {
		*cause = xasprintf("cannot open the read-only store '%s': %s",
		    s->path, why);
		free(why);
		return sqlu_status(rc);
	}
	sqlite3_close_v2(s->db);
	s->db = NULL;
	wal = xasprintf("%s-wal", s->path);
	shm = xasprintf("%s-shm", s->path);
	if (store_has_content(wal)) {
		if (access(shm, F_OK) == -1)
			*cause = xasprintf("the store '%s' is read-only and its "
			    "log '%s' cannot be read without '%s', which is "
			    "missing and cannot be created: copy the store "
			    "with its -wal and -shm files, or into a directory "
			    "you can write", s->path, wal, shm);
		else
			*cause = xasprintf("the store '%s' is read-only and its "
			    "log '%s' cannot be read with '%s' (%s): copy the "
			    "store with its -wal and -shm files into a "
			    "directory you can write", s->path, wal, shm, why);
		st = DB_ERROR;
		goto out;
	}
	free(why);
	why = NULL;
	rc = store_open_uri(s, "mode=ro&immutable=1", &why);
	if (rc != SQLITE_OK) {
		*cause = xasprintf("cannot open the read-only store '%s': %s",
		    s->path, why);
		st = sqlu_status(rc);
	}
out:
	free(why);
	free(wal);
	free(shm);
	return st;
}

enum db_status
store_open(const char *path, struct store **out, char **cause)
{
	struct stat sb;
	struct store *s;
	enum db_status st;
	char *err = NULL;
	int rc;

	*out = NULL;
	if (path == NULL || *path == '\0') {
		*cause = xstrdup("the store path is empty: give --db PATH");
		return DB_ERROR;
	}
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		*cause = xasprintf("the store '%s' is a directory: give the "
		    "path of a file", path);
		return DB_ERROR;
	}
	if (access(path, F_OK) == -1) {
		if (store_make_parents(path) == -1 ||
		    store_create_file(path) == -1) {
			*cause = xasprintf("cannot create the store '%s': %s",
			    path, strerror(errno));
			return DB_ERROR;
		}
	}
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	if (access(path, W_OK) == -1 && (errno == EACCES || errno == EROFS ||
	    errno == EPERM)) {
		/* Read commands work; store_begin says "read-only". */
		s->readonly = 1;
		st = store_open_readonly(s, cause);
		if (st == DB_OK)
			st = schema_check(s->db, path, cause);
		if (st == DB_OK)
			st = store_load_identity(s, cause);
		if (st != DB_OK) {
			store_close(s);
			return st;
		}
		sqlite3_extended_result_codes(s->db, 0);
		*out = s;
		return DB_OK;
	}
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		*cause = xasprintf("cannot open the store '%s': %s", path,
		    s->db != NULL ? sqlite3_errmsg(s->db) : "out of memory");
		store_close(s);
		return sqlu_status(rc);
	}
	sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(s->db, 0);
	rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON;"
	    /*
	     * 32 MiB of page cache (the default is 2): a sync push reads
	     * every queued row by id, and with the small cache each lookup
	     * went back to the kernel for the same pages.
	     */
	    "PRAGMA cache_size = -32768;", NULL, NULL, &err);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_READONLY)
			*cause = xasprintf("the store '%s' is read-only: check "
			    "the permissions of the file and its directory",
			    path);
		else
			*cause = xasprintf("cannot open the store '%s': %s",
			    path, err != NULL ? err : sqlite3_errmsg(s->db));
		sqlite3_free(err);
		store_close(s);
		return sqlu_status(rc);
	}
	st = schema_migrate(s->db, path, cause);
	if (st == DB_OK)
		st = store_load_identity(s, cause);
	if (st != DB_OK) {
		store_close(s);
		return st;
	}
	*out = s;
	return DB_OK;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	if (s->db != NULL)
		sqlite3_close_v2(s->db);
	free(s->path);
	free(s);
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

int
store_readonly(const struct store *s)
{
	return s->readonly;
}

const char *
store_device_id(const struct store *s)
{
	return s->device_id;
}

const char *
store_device_code(const struct store *s)
{
	return s->device_code;
}

struct sqlite3 *
store_handle(struct store *s)
{
	return s->db;
}

enum db_status
store_writable(struct store *s, char **cause)
{
	/* SQLite opens a file it may not write read-only, silently. */
	if (s->readonly || sqlite3_db_readonly(s->db, "main") == 1) {
		*cause = xasprintf("the store '%s' is read-only: check the "
		    "permissions of the file and its directory", s->path);
		return DB_ERROR;
	}
	return DB_OK;
}

enum db_status
store_begin(struct store *s, char **cause)
{
	int rc;

	if (s->in_txn)
		fatalx("%s: nested transaction on '%s'", __func__, s->path);
	if (store_writable(s, cause) != DB_OK)
		return DB_ERROR;
	rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		*cause = xasprintf("cannot write to '%s': %s", s->path,
		    sqlite3_errmsg(s->db));
		return sqlu_status(rc);
	}
	s->in_txn = 1;
	return DB_OK;
}

enum db_status
store_commit(struct store *s, char **cause)
{
	int rc;

	rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		*cause = xasprintf("cannot commit to '%s': %s", s->path,
		    sqlite3_errmsg(s->db));
		store_rollback(s);
		return sqlu_status(rc);
	}
	s->in_txn = 0;
	return DB_OK;
}

void
store_rollback(struct store *s)
{
	if (sqlite3_get_autocommit(s->db) == 0)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_txn = 0;
}

void
store_hlc_next(struct store *s, char out[HLC_TEXT_MAX])
{
	struct hlc last, next;
	char *prev;
	int have;

	if (!s->in_txn)
		fatalx("%s: called outside a transaction", __func__);
	prev = store_meta_get_raw(s->db, "hlc_last");
	have = prev != NULL && hlc_parse(prev, &last) == 0;
	free(prev);
	hlc_next(have ? &last : NULL, clock_now_ms(), s->device_id, &next);
	hlc_format(&next, out, HLC_TEXT_MAX);
	if (store_meta_put_raw(s->db, "hlc_last", out) != SQLITE_OK)
		fatalx("%s: cannot save the clock: %s", __func__,
		    sqlite3_errmsg(s->db));
}

char *
store_meta_get(struct store *s, const char *key)
{
	return store_meta_get_raw(s->db, key);
}

enum db_status
store_meta_set(struct store *s, const char *key, const char *value,
    char **cause)
{
	int rc;

	rc = store_meta_put_raw(s->db, key, value);
	if (rc != SQLITE_OK) {
		*cause = xasprintf("cannot save setting '%s' in '%s': %s", key,
		    s->path, sqlite3_errmsg(s->db));
		return sqlu_status(rc);
	}
	return DB_OK;
}

int64_t
store_counter_next(struct store *s, const char *name)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	if (!s->in_txn)
		fatalx("%s: called outside a transaction", __func__);
	if (sqlite3_prepare_v2(s->db, "INSERT INTO counters(name, value) "
	    "VALUES (?1, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 "
	    "RETURNING value", -1, &st, NULL) != SQLITE_OK)
		fatalx("%s: %s", __func__, sqlite3_errmsg(s->db));
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (v < 0)
		fatalx("%s: counter '%s': %s", __func__, name,
		    sqlite3_errmsg(s->db));
	return v;
}

char *
store_integrity_check(struct store *s)
{
	sqlite3_stmt *st;
	char *v = NULL;

	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st,
	    NULL) != SQLITE_OK)
		return xstrdup(sqlite3_errmsg(s->db));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v != NULL ? v : xstrdup(sqlite3_errmsg(s->db));
}

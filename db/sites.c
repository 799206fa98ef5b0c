/* SPDX-License-Identifier: MIT */
/* Sites: upsert by code and listing. */
#include "db/sites.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/base/uuid.h"
#include "core/base/xmalloc.h"
#include "db/outbox.h"
#include "db/sqlu.h"

void
db_site_release(struct db_site *s)
{
	free(s->id);
	free(s->code);
	free(s->name);
	free(s->operator);
	free(s->region);
	memset(s, 0, sizeof *s);
}

enum db_status
db_site_upsert(struct store *store, const struct db_site *s, char **cause)
{
	sqlite3_stmt *st;
	char hlc[HLC_TEXT_MAX], now[32], uuid[UUID_TEXT_LEN];
	char *id = NULL;
	int rc;

	st = sqlu_prepare(store, "SELECT id FROM sites WHERE code = ?1");
	sqlu_bind(st, 1, s->code);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlu_text(st, 0);
	sqlite3_finalize(st);
	if (id == NULL) {
		uuid_generate(uuid);
		id = xstrdup(uuid);
	}
	store_hlc_next(store, hlc);
	clock_format_iso(clock_now_ms(), now, sizeof now);
	st = sqlu_prepare(store, "INSERT INTO sites (id, code, name, operator, "
	    "latitude, longitude, region, sample, device, hlc, updated_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
	    "ON CONFLICT(id) DO UPDATE SET name = ?3, operator = "
	    "coalesce(?4, operator), latitude = coalesce(?5, latitude), "
	    "longitude = coalesce(?6, longitude), region = coalesce(?7, "
	    "region), sample = ?8, device = ?9, hlc = ?10, updated_at = ?11");
	sqlu_bind(st, 1, id);
	sqlu_bind(st, 2, s->code);
	sqlu_bind(st, 3, s->name);
	sqlu_bind(st, 4, s->operator);
	if (s->has_coords) {
		sqlite3_bind_double(st, 5, s->latitude);
		sqlite3_bind_double(st, 6, s->longitude);
	}
	sqlu_bind(st, 7, s->region);
	sqlite3_bind_int(st, 8, s->sample);
	sqlu_bind(st, 9, store_device_id(store));
	sqlu_bind(st, 10, hlc);
	sqlu_bind(st, 11, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(id);
		return sqlu_fail(store, rc, "cannot save the site", cause);
	}
	outbox_add(store, "sites", id, hlc);
	free(id);
	return DB_OK;
}

int
db_site_exists(struct store *store, const char *code)
{
	sqlite3_stmt *st;
	int rc;

	st = sqlu_prepare(store, "SELECT 1 FROM sites WHERE code = ?1");
	sqlu_bind(st, 1, code);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW;
}

enum db_status
db_site_list(struct store *store, struct db_site **out, size_t *n,
    char **cause)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = sqlu_prepare(store, "SELECT id, code, name, operator, latitude, "
	    "longitude, region, sample FROM sites ORDER BY code");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_site *s;

		if (*n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		s = &(*out)[(*n)++];
		memset(s, 0, sizeof *s);
		s->id = sqlu_text(st, 0);
		s->code = sqlu_text(st, 1);
		s->name = sqlu_text(st, 2);
		s->operator = sqlu_text(st, 3);
		s->has_coords = sqlite3_column_type(st, 4) != SQLITE_NULL &&
		    sqlite3_column_type(st, 5) != SQLITE_NULL;
		s->latitude = sqlite3_column_double(st, 4);
		s->longitude = sqlite3_column_double(st, 5);
		s->region = sqlu_text(st, 6);
		s->sample = sqlite3_column_int(st, 7);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_site_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return sqlu_fail(store, rc, "cannot list sites", cause);
	}
	return DB_OK;
}

void
db_site_list_free(struct db_site *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		db_site_release(&v[i]);
	free(v);
}

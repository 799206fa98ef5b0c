/* SPDX-License-Identifier: MIT */
/*
 * Command-line face of sync:
 *
 *   vigilore sync [--once] [--json]     one round, or keep running
 *   vigilore sync status [--json]       local sync state (no network)
 *   vigilore db init --pg               create / migrate the server schema
 *   vigilore db stats --pg [--json]     the server's monitoring figures
 *
 * The server comes from --pg CONNINFO, $DATABASE_URL or the config file
 * (db/pg.h); its password is never printed. Main thread only; the
 * running form starts the sync thread of core/sync.h and prints a line
 * whenever its status changes, until SIGINT or SIGTERM.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "core/sync.h"
#include "db/pg.h"
#include "db/store.h"
#include "db/sync_local.h"
#include "tui/cli.h"
#include "tui/cli_cmds.h"

/* Refused records listed by "sync status" (the newest). */
#define CLI_SYNC_REFUSED 10

static volatile sig_atomic_t cli_sync_stop;

static void
cli_sync_signal(int sig)
{
	(void)sig;
	cli_sync_stop = 1;
}

/* Parses flags; any other argument is an error. */
static int
cli_sync_flags(const char *cmd, int argc, char **argv, int *once, int *json,
    int *pg)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (once != NULL && strcmp(argv[i], "--once") == 0)
			*once = 1;
		else if (json != NULL && strcmp(argv[i], "--json") == 0)
			*json = 1;
		else if (pg != NULL && strcmp(argv[i], "--pg") == 0)
			*pg = 1;
		else {
			cli_error(CLI_USAGE, "%s: unexpected argument '%s'",
			    cmd, argv[i]);
			return cli_usage(cmd);
		}
	}
	return 0;
}

/* The configured server, or NULL after printing why (exit status in *rc). */
static char *
cli_sync_server(struct cli_ctx *ctx, int required, int *rc)
{
	char *conninfo = NULL, *cause = NULL, *path;
	int r;

	*rc = CLI_OK;
	r = pg_conninfo_resolve(ctx->pg_arg, &conninfo, &cause);
	if (r == -1) {
		*rc = cli_fail_cause(CLI_FAIL, cause);
		return NULL;
	}
	if (r == 0 && required) {
		path = pg_config_path();
		*rc = cli_error(CLI_FAIL, "no server configured: give --pg "
		    "CONNINFO, set DATABASE_URL, or add 'pg = CONNINFO' to "
		    "the config file '%s'", path);
		free(path);
	}
	return conninfo;
}

static json_t *
cli_sync_time(int64_t ms)
{
	char iso[32];

	if (ms <= 0)
		return json_null();
	clock_format_iso(ms, iso, sizeof iso);
	return json_string(iso);
}

static json_t *
cli_sync_status_json(const struct sync_status *st, int with_online)
{
	json_t *j;

	j = json_object();
	json_object_set_new(j, "configured", json_boolean(st->configured));
	json_object_set_new(j, "server", st->configured ?
	    json_string(st->server) : json_null());
	if (with_online)
		json_object_set_new(j, "online", json_boolean(st->online));
	json_object_set_new(j, "pending", json_integer(st->pending));
	json_object_set_new(j, "oldest_pending",
	    cli_sync_time(st->oldest_pending_ms));
	json_object_set_new(j, "cursor", *st->cursor != '\0' ?
	    json_string(st->cursor) : json_null());
	json_object_set_new(j, "last_sync", cli_sync_time(st->last_sync_ms));
	json_object_set_new(j, "last_error", *st->last_error != '\0' ?
	    json_string(st->last_error) : json_null());
	json_object_set_new(j, "quarantined", json_integer(st->quarantined));
	json_object_set_new(j, "clock_skew_s",
	    json_integer(st->clock_skew_ms / 1000));
	return j;
}

static void
cli_sync_status_text(const struct sync_status *st)
{
	long long skew;
	char t[32];

	printf("server:      %s\n", st->configured ? st->server :
	    "(none: local only)");
	printf("pending:     %lld change%s", (long long)st->pending,
	    st->pending == 1 ? "" : "s");
	if (st->oldest_pending_ms > 0) {
		clock_format_iso(st->oldest_pending_ms, t, sizeof t);
		printf(" (oldest %s)", t);
	}
	putchar('\n');
	printf("cursor:      %s\n", *st->cursor != '\0' ? st->cursor : "-");
	if (st->last_sync_ms > 0)
		clock_format_iso(st->last_sync_ms, t, sizeof t);
	printf("last sync:   %s\n", st->last_sync_ms > 0 ? t : "never");
	printf("last error:  %s\n", *st->last_error != '\0' ? st->last_error :
	    "-");
	printf("quarantined: %lld\n", (long long)st->quarantined);
	skew = st->clock_skew_ms / 1000;
	if (skew != 0)
		printf("clock skew:  %+lld s against the server%s\n",
		    skew, skew > 3600 || skew < -3600 ?
		    " (set this device's clock)" : "");
}

static int
cli_sync_status(struct cli_ctx *ctx, int argc, char **argv)
{
	struct sync_local_refused *ref;
	struct sync_status st;
	struct store *s;
	json_t *j, *arr, *r;
	char *conninfo, *cause = NULL;
	size_t nref, i;
	int json = 0, rc;

	rc = cli_sync_flags("sync", argc, argv, NULL, &json, NULL);
	if (rc != 0)
		return rc;
	conninfo = cli_sync_server(ctx, 0, &rc);
	if (rc != CLI_OK)
		return rc;
	s = cli_store(ctx);
	if (s == NULL) {
		free(conninfo);
		return CLI_FAIL;
	}
	if (sync_status_read(s, conninfo, &st, &cause) == -1) {
		free(conninfo);
		return cli_fail_cause(CLI_FAIL, cause);
	}
	free(conninfo);
	if (sync_local_refused_list(s, CLI_SYNC_REFUSED, &ref, &nref, &cause) !=
	    DB_OK)
		return cli_fail_cause(CLI_FAIL, cause);
	if (json) {
		j = cli_sync_status_json(&st, 0);
		arr = json_array();
		for (i = 0; i < nref; i++) {
			r = json_object();
			json_object_set_new(r, "side", json_string(
			    ref[i].side));
			json_object_set_new(r, "table",
			    json_string(ref[i].tbl));
			json_object_set_new(r, "row_id", ref[i].row_id != NULL ?
			    json_string(ref[i].row_id) : json_null());
			json_object_set_new(r, "reason", json_string(
			    ref[i].reason));
			json_object_set_new(r, "at", json_string(ref[i].at));
			json_array_append_new(arr, r);
		}
		json_object_set_new(j, "quarantine", arr);
		sync_local_refused_free(ref, nref);
		return cli_print_json(j);
	}
	cli_sync_status_text(&st);
	for (i = 0; i < nref; i++)
		printf("  %s %s %s '%s': %s\n", ref[i].at, ref[i].side,
		    ref[i].tbl, ref[i].row_id != NULL ? ref[i].row_id : "?",
		    ref[i].reason);
	sync_local_refused_free(ref, nref);
	return CLI_OK;
}

static int
cli_sync_once(struct store *s, const char *conninfo, int json)
{
	struct sync_round r;
	struct sync_status st;
	char *cause = NULL, *err = NULL;
	const struct {
		const char	*key;
		const uint64_t	*value;
	} counts[] = {
		{ "batches", &r.batches }, { "pushed", &r.pushed },
		{ "settled", &r.settled }, { "refused", &r.refused },
		{ "received", &r.received }, { "applied", &r.applied },
		{ "conflicts", &r.conflicts },
		{ "local_refused", &r.local_refused },
		{ "restamped", &r.restamped }
	};
	json_t *j;
	size_t i;
	int ok;

	ok = sync_once(s, conninfo, &r, &cause) == 0;
	if (!ok)
		err = cause;
	cause = NULL;
	if (sync_status_read(s, conninfo, &st, &cause) == -1) {
		free(err);
		return cli_fail_cause(CLI_FAIL, cause);
	}
	if (json) {
		j = cli_sync_status_json(&st, 0);
		json_object_set_new(j, "ok", json_boolean(ok));
		for (i = 0; i < sizeof counts / sizeof counts[0]; i++)
			json_object_set_new(j, counts[i].key, json_integer(
			    (json_int_t)*counts[i].value));
		cli_print_json(j);
	} else if (!ok && r.batches == 0 && r.settled == 0 &&
	    r.received == 0) {
		/* Not "pushed 0 changes": nothing was tried to the end. */
		printf("nothing synced, %lld pending\n", (long long)st.pending);
	} else {
		printf("pushed %llu change%s in %llu batch%s",
		    (unsigned long long)r.pushed, r.pushed == 1 ? "" : "s",
		    (unsigned long long)r.batches, r.batches == 1 ? "" : "es");
		if (r.settled > 0)
			printf(" (%llu settled)",
			    (unsigned long long)r.settled);
		printf(", pulled %llu (%llu applied)",
		    (unsigned long long)r.received,
		    (unsigned long long)r.applied);
		if (r.refused + r.local_refused > 0)
			printf(", %llu quarantined", (unsigned long long)
			    (r.refused + r.local_refused));
		if (r.restamped > 0)
			printf(", %llu re-stamped from far ahead",
			    (unsigned long long)r.restamped);
		printf(", %lld pending\n", (long long)st.pending);
	}
	if (!ok)
		return cli_fail_cause(CLI_FAIL, err);
	return CLI_OK;
}

/* A headless terminal: sync until SIGINT/SIGTERM. */
static int
cli_sync_run(struct store *s, const char *conninfo, int json)
{
	struct sync_status st, last;
	struct sigaction sa;
	struct pollfd pfd;
	struct sync *sy;
	char *cause = NULL, buf[64], t[32];
	int wake[2], i;
	ssize_t n;

	if (pipe(wake) == -1)
		return cli_error(CLI_FAIL, "sync: %s", strerror(errno));
	for (i = 0; i < 2; i++)
		fcntl(wake[i], F_SETFL, fcntl(wake[i], F_GETFL) | O_NONBLOCK);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = cli_sync_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sy = sync_new(store_path(s), conninfo, wake[1], &cause);
	if (sy == NULL) {
		close(wake[0]);
		close(wake[1]);
		return cli_fail_cause(CLI_FAIL, cause);
	}
	memset(&last, 0, sizeof last);
	last.pending = -1;
	while (!cli_sync_stop) {
		pfd.fd = wake[0];
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 1000) > 0) {
			while ((n = read(wake[0], buf, sizeof buf)) > 0)
				;
		}
		sync_get(sy, &st);
		if (json || (st.online == last.online &&
		    st.pending == last.pending &&
		    st.pulled == last.pulled && st.pushed == last.pushed &&
		    strcmp(st.last_error, last.last_error) == 0))
			continue;
		clock_format_iso(clock_now_ms(), t, sizeof t);
		printf("%s %s pending=%lld pushed=%llu pulled=%llu%s%s\n", t,
		    st.online ? "online" : "offline", (long long)st.pending,
		    (unsigned long long)st.pushed,
		    (unsigned long long)st.pulled,
		    *st.last_error != '\0' ? " error: " : "", st.last_error);
		fflush(stdout);
		last = st;
	}
	sync_get(sy, &st);
	sync_free(sy);
	close(wake[0]);
	close(wake[1]);
	if (json)
		cli_print_json(cli_sync_status_json(&st, 1));
	return CLI_OK;
}

int
cli_cmd_sync(struct cli_ctx *ctx, int argc, char **argv)
{
	struct store *s;
	char *conninfo;
	int once = 0, json = 0, rc;

	if (argc > 1 && strcmp(argv[1], "status") == 0)
		return cli_sync_status(ctx, argc - 2, argv + 2);
	rc = cli_sync_flags("sync", argc - 1, argv + 1, &once, &json, NULL);
	if (rc != 0)
		return rc;
	conninfo = cli_sync_server(ctx, 1, &rc);
	if (conninfo == NULL)
		return rc;
	ctx->writes = 1;
	s = cli_store(ctx);
	if (s == NULL) {
		free(conninfo);
		return CLI_FAIL;
	}
	if (once)
		rc = cli_sync_once(s, conninfo, json);
	else
		rc = cli_sync_run(s, conninfo, json);
	free(conninfo);
	return rc;
}

static int
cli_db_pg_stats(struct pg *pg, int json)
{
	json_t *j, *v, *counts;
	json_error_t jerr;
	char *text, *cause = NULL;
	const char *k;

	if (pg_stats_json(pg, &text, &cause) != DB_OK)
		return cli_fail_cause(CLI_FAIL, cause);
	j = json_loads(text, 0, &jerr);
	free(text);
	if (j == NULL)
		return cli_error(CLI_FAIL, "server '%s': bad statistics: %s",
		    pg_name(pg), jerr.text);
	json_object_set_new(j, "server", json_string(pg_name(pg)));
	if (json)
		return cli_print_json(j);
	printf("server:          %s\n", pg_name(pg));
	printf("schema version:  %lld\n", (long long)json_integer_value(
	    json_object_get(j, "schema_version")));
	counts = json_object_get(j, "counts");
	json_object_foreach(counts, k, v)
		printf("%-16s %lld\n", k, (long long)json_integer_value(v));
	printf("active sessions: %lld\n", (long long)json_integer_value(
	    json_object_get(j, "active_sessions")));
	printf("devices:         %zu\n", json_array_size(json_object_get(j,
	    "devices")));
	printf("oldest open transaction: %lld s\n", (long long)
	    json_integer_value(json_object_get(j, "oldest_transaction_s")));
	json_decref(j);
	return CLI_OK;
}

int
cli_db_pg(struct cli_ctx *ctx, int argc, char **argv)
{
	struct pg *pg;
	char *conninfo, *cause = NULL;
	int json = 0, flag = 0, from, rc;
	enum db_status st;

	if (argc < 2 || (strcmp(argv[1], "init") != 0 &&
	    strcmp(argv[1], "stats") != 0))
		return cli_usage("db");
	rc = cli_sync_flags("db", argc - 2, argv + 2, NULL,
	    strcmp(argv[1], "stats") == 0 ? &json : NULL, &flag);
	if (rc != 0)
		return rc;
	conninfo = cli_sync_server(ctx, 1, &rc);
	if (conninfo == NULL)
		return rc;
	st = pg_open(conninfo, &pg, &cause);
	free(conninfo);
	if (st != DB_OK)
		return cli_fail_cause(CLI_FAIL, cause);
	if (strcmp(argv[1], "stats") == 0)
		rc = cli_db_pg_stats(pg, json);
	else if (pg_schema_init(pg, &from, &cause) != DB_OK)
		rc = cli_fail_cause(CLI_FAIL, cause);
	else {
		if (from == PG_SCHEMA_VERSION)
			printf("server '%s': schema version %d, up to date\n",
			    pg_name(pg), from);
		else
			printf("server '%s': schema version %d -> %d\n",
			    pg_name(pg), from, PG_SCHEMA_VERSION);
		rc = CLI_OK;
	}
	pg_close(pg);
	return rc;
}

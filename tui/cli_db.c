/* SPDX-License-Identifier: MIT */
/* Commands: db stats and db cleanup over the local store. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "db/sessions.h"
#include "db/stats.h"
#include "db/store.h"
#include "tui/cli.h"
#include "tui/cli_cmds.h"

static json_t *
cli_db_counts(const struct db_count *v, size_t n)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < n; i++)
		json_object_set_new(o, v[i].key, json_integer(v[i].n));
	return o;
}

static int
cli_db_stats(struct cli_ctx *ctx, int argc, char **argv)
{
	struct db_stats s;
	int json = 0, rc;
	const char *days = NULL;
	const struct cli_opt opts[] = {
		{ .name = "--json", .flag = &json },
		{ .name = "--days", .value = &days },
		{ .name = NULL }
	};
	char *pos[1], *cause = NULL;
	size_t npos, i;
	long ndays = 30;

	rc = cli_parse("db", argc, argv, opts, pos, 0, &npos);
	if (rc != 0)
		return rc;
	if (days != NULL && cli_parse_int("--days", days, 0, 100000,
	    &ndays) != 0)
		return CLI_USAGE;
	if (cli_store(ctx) == NULL)
		return CLI_FAIL;
	if (db_stats_collect(ctx->store, (int)ndays, &s, &cause) != DB_OK)
		return cli_fail_cause(CLI_FAIL, cause);
	if (json) {
		rc = cli_print_json(json_pack("{s:s, s:i, s:o, s:o, s:o, s:i, "
		    "s:i, s:i, s:i}", "store", store_path(ctx->store),
		    "active_sessions", (int)s.active_sessions,
		    "sessions_by_status", cli_db_counts(s.sessions,
		    s.nsessions), "jobs_by_status", cli_db_counts(s.jobs,
		    s.njobs), "audits_per_day", cli_db_counts(s.audits,
		    s.naudits), "reports", (int)s.reports, "sample_reports",
		    (int)s.sample_reports, "answers", (int)s.answers,
		    "outbox_pending", (int)s.outbox));
		db_stats_release(&s);
		return rc;
	}
	printf("store            %s\n", store_path(ctx->store));
	printf("active sessions  %ld\n", s.active_sessions);
	for (i = 0; i < s.nsessions; i++)
		printf("  sessions %-12s %ld\n", s.sessions[i].key,
		    s.sessions[i].n);
	for (i = 0; i < s.njobs; i++)
		printf("  jobs %-16s %ld\n", s.jobs[i].key, s.jobs[i].n);
	printf("reports          %ld (%ld sample)\n", s.reports,
	    s.sample_reports);
	printf("answers          %ld\n", s.answers);
	printf("audits per day (last %ld days):\n", ndays);
	for (i = 0; i < s.naudits; i++)
		printf("  %s %ld\n", s.audits[i].key, s.audits[i].n);
	db_stats_release(&s);
	return CLI_OK;
}

static int
cli_db_cleanup(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *days = NULL;
	const struct cli_opt opts[] = {
		{ .name = "--days", .value = &days }, { .name = NULL }
	};
	char *pos[1], *cause = NULL;
	size_t npos, n;
	long ndays = 7;
	int rc;

	rc = cli_parse("db", argc, argv, opts, pos, 0, &npos);
	if (rc != 0)
		return rc;
	if (days != NULL && cli_parse_int("--days", days, 0, 100000,
	    &ndays) != 0)
		return CLI_USAGE;
	ctx->writes = 1;
	if (cli_store(ctx) == NULL)
		return CLI_FAIL;
	if (store_begin(ctx->store, &cause) != DB_OK)
		return cli_fail_cause(CLI_FAIL, cause);
	if (db_session_abandon_idle(ctx->store, (int)ndays, &n, &cause) !=
	    DB_OK || store_commit(ctx->store, &cause) != DB_OK) {
		store_rollback(ctx->store);
		return cli_fail_cause(CLI_FAIL, cause);
	}
	printf("%zu sessions idle for more than %ld days marked abandoned "
	    "(nothing deleted)\n", n, ndays);
	return CLI_OK;
}

int
cli_cmd_db(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";
	int i;

	/* The server's side of "db" belongs to sync (tui/cli_sync.c). */
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--pg") == 0)
			return cli_db_pg(ctx, argc, argv);
	}
	if (strcmp(sub, "init") == 0)
		return cli_db_pg(ctx, argc, argv);
	if (strcmp(sub, "stats") == 0)
		return cli_db_stats(ctx, argc - 2, argv + 2);
	if (strcmp(sub, "cleanup") == 0)
		return cli_db_cleanup(ctx, argc - 2, argv + 2);
	if (*sub != '\0')
		cli_error(CLI_USAGE, "db: unknown subcommand '%s'", sub);
	return cli_usage("db");
}

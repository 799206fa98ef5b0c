/* SPDX-License-Identifier: MIT */
/*
 * Command-line dispatch: global options, the command table, usage and
 * the shared error helpers. Commands are thin: they parse, call core, and
 * print. Runs on the main thread only.
 */
#include "tui/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "core/base/log.h"
#include "core/base/xmalloc.h"
#include "db/pg.h"
#include "db/store.h"
#include "tui/cli_cmds.h"

#define VIGILORE_VERSION "0.1.0"

/*
 * The command table. Each area adds its own rows; keep one row per
 * command, in the order "vigilore --help" should list them.
 */
static const struct cli_command cli_commands[] = {
	{ "frameworks", cli_cmd_frameworks,
	  "frameworks [--json]" },
	{ "interview", cli_cmd_interview,
	  "interview start --framework ID --site NAME --auditor NAME\n"
	  "          [--site-code C] [--operator O] [--email E] [--lang en|fr]\n"
	  "          [--categories A,B]\n"
	  "interview next SESSION [--json]\n"
	  "interview answer SESSION QID VALUE [--notes T] [--confidence X]\n"
	  "          [--evidence FILE]...\n"
	  "interview answer SESSION QID --na|--skip\n"
	  "interview progress SESSION [--json]\n"
	  "interview pause|resume|abandon SESSION\n"
	  "interview complete SESSION [--json]\n"
	  "interview run --framework ID --site NAME --auditor NAME\n"
	  "          --answers FILE.json [--site-code C] [--json]" },
	{ "sessions", cli_cmd_sessions,
	  "sessions [--json] [--status S]" },
	{ "reports", cli_cmd_reports,
	  "reports [--json] [--site CODE] [--status S] [--framework ID]\n"
	  "        [--from DATE] [--to DATE] [--search TEXT] [--page N] "
	  "[--limit N]" },
	{ "report", cli_cmd_report,
	  "report ID [--format json|csv|md|xlsx] [-o FILE]" },
	{ "demo", cli_cmd_demo,
	  "demo                  load the sample sites and reports (labelled "
	  "sample)" },
	{ "db", cli_cmd_db,
	  "db stats [--json]\n"
	  "db cleanup [--days N]\n"
	  "db init --pg\n"
	  "db stats --pg [--json]" },
	{ "sync", cli_cmd_sync,
	  "sync [--once] [--json]    push and pull (once, or keep running)\n"
	  "sync status [--json]" },
	{ "audit", cli_cmd_audit,
	  "audit --input FILE --framework ID_OR_FILE [--framework ...]\n"
	  "          --site NAME --auditor NAME [--site-code C] [--operator O]\n"
	  "          [--email E] [--lang en|fr] [--wait] [--json]" },
	{ "jobs", cli_cmd_jobs,
	  "jobs [--json]" },
	{ "status", cli_cmd_status,
	  "status JOB [--json]" },
	{ "cancel", cli_cmd_cancel,
	  "cancel JOB" },
	{ "retry", cli_cmd_retry,
	  "retry JOB" },
	{ "worker", cli_cmd_worker,
	  "worker [--until-idle]    run queued jobs ([--workers N] before)" },
	{ "extract", cli_cmd_extract,
	  "extract FILE [--json]    the text an audit reads, page by page" },
	{ "dashboard", cli_cmd_dashboard,
	  "dashboard [--json]    map markers, risk hotspots, trend, framework "
	  "matrix" },
};

#define CLI_NCOMMANDS (sizeof cli_commands / sizeof cli_commands[0])

/* One command's usage lines; indented lines continue the line above. */
static void
cli_print_command(FILE *f, const struct cli_command *c)
{
	const char *p, *nl;

	for (p = c->usage; p != NULL; p = nl) {
		nl = strchr(p, '\n');
		fprintf(f, "  %s%.*s\n", *p == ' ' ? "" : "vigilore ",
		    nl != NULL ? (int)(nl - p) : (int)strlen(p), p);
		if (nl != NULL)
			nl++;
	}
}

static void
cli_print_usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: vigilore [--db PATH] [--pg CONNINFO] [--workers N] "
	    "[-v] COMMAND [ARGS]\n\n");
	for (i = 0; i < CLI_NCOMMANDS; i++)
		cli_print_command(f, &cli_commands[i]);
	fprintf(f, "\nWith no command, vigilore starts the terminal UI.\n"
	    "Store: --db PATH, else $VIGILORE_DB, else "
	    "$XDG_DATA_HOME/vigilore/vigilore.db\n");
}

int
cli_usage(const char *name)
{
	size_t i;

	for (i = 0; i < CLI_NCOMMANDS; i++) {
		if (strcmp(cli_commands[i].name, name) == 0) {
			fprintf(stderr, "usage:\n");
			cli_print_command(stderr, &cli_commands[i]);
			return CLI_USAGE;
		}
	}
	cli_print_usage(stderr);
	return CLI_USAGE;
}

int
cli_error(int status, const char *fmt, ...)
{
	va_list ap;

	fputs("vigilore: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

int
cli_fail_cause(int status, char *cause)
{
	cli_error(status, "%s", cause != NULL ? cause : "unknown error");
	free(cause);
	return status;
}

int
cli_print_json(json_t *j)
{
	char *s;

	s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(10));
	json_decref(j);
	if (s == NULL)
		return cli_error(CLI_FAIL, "cannot encode JSON output");
	puts(s);
	free(s);
	return CLI_OK;
}

/* The length of the character at P and its display width *W. */
static utf8proc_ssize_t
cli_char(const utf8proc_uint8_t *p, int *w)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	n = utf8proc_iterate(p, -1, &cp);
	if (n < 1) {
		/* A stray byte: one column, as a terminal shows it. */
		*w = 1;
		return 1;
	}
	*w = utf8proc_charwidth(cp);
	return n;
}

static int
cli_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	int used = 0, w;

	while (*p != '\0') {
		p += cli_char(p, &w);
		used += w;
	}
	return used;
}

void
cli_cell(const char *s, int width, int cut)
{
	const utf8proc_uint8_t *p;
	utf8proc_ssize_t n;
	int used = 0, w;

	p = (const utf8proc_uint8_t *)(s != NULL ? s : "");
	if (cut && cli_width((const char *)p) <= width)
		cut = 0;
	while (*p != '\0') {
		n = cli_char(p, &w);
		/* A cut name ends with an ellipsis, so it reads as cut. */
		if (cut && used + w > width - 1) {
			fputs("\xe2\x80\xa6", stdout);
			used++;
			break;
		}
		fwrite(p, 1, (size_t)n, stdout);
		used += w;
		p += n;
	}
	for (; used < width; used++)
		putchar(' ');
}

static int
cli_is_alias(const struct cli_opt *opts, const char *arg)
{
	const struct cli_opt *o;
	size_t len = strcspn(arg, "=");

	for (o = opts; o->name != NULL; o++) {
		if (o->alias != NULL && strlen(o->alias) == len &&
		    strncmp(o->alias, arg, len) == 0)
			return 1;
	}
	return 0;
}

/* 1 when ARG is one of the options in OPTS ("--name" or "--name=..."). */
static int
cli_is_option(const struct cli_opt *opts, const char *arg)
{
	const struct cli_opt *o;
	size_t len = strcspn(arg, "=");

	if (strncmp(arg, "--", 2) != 0)
		return cli_is_alias(opts, arg);
	for (o = opts; o->name != NULL; o++) {
		if (strlen(o->name) == len && strncmp(o->name, arg, len) == 0)
			return 1;
	}
	return 0;
}

int
cli_parse(const char *cmd, int argc, char **argv, const struct cli_opt *opts,
    char **pos, size_t maxpos, size_t *npos)
{
	const struct cli_opt *o;
	const char *arg, *eq, *val;
	size_t namelen;
	int i;

	*npos = 0;
	for (i = 0; i < argc; i++) {
		arg = argv[i];
		if (strcmp(arg, "--") == 0) {
			for (i++; i < argc; i++) {
				if (*npos == maxpos)
					goto extra;
				pos[(*npos)++] = argv[i];
			}
			break;
		}
		/* "-x" is an option only when it is a known alias. */
		if (arg[0] != '-' || arg[1] == '\0' ||
		    (arg[1] != '-' && !cli_is_alias(opts, arg))) {
			if (*npos == maxpos)
				goto extra;
			pos[(*npos)++] = argv[i];
			continue;
		}
		eq = strchr(arg, '=');
		namelen = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
		for (o = opts; o->name != NULL; o++) {
			if ((strlen(o->name) == namelen &&
			    strncmp(o->name, arg, namelen) == 0) ||
			    (o->alias != NULL && strlen(o->alias) == namelen &&
			    strncmp(o->alias, arg, namelen) == 0))
				break;
		}
		if (o->name == NULL) {
			cli_error(CLI_USAGE, "%s: unknown option '%.*s'", cmd,
			    (int)namelen, arg);
			return cli_usage(cmd);
		}
		if (o->flag != NULL) {
			if (eq != NULL)
				return cli_error(CLI_USAGE, "%s: option '%s' "
				    "takes no value", cmd, o->name);
			*o->flag = 1;
			continue;
		}
		if (eq != NULL)
			val = eq + 1;
		else if (i + 1 < argc && !cli_is_option(opts, argv[i + 1]))
			val = argv[++i];
		else
			return cli_error(CLI_USAGE, "%s: option '%s' needs a "
			    "value", cmd, o->name);
		if (o->list != NULL) {
			*o->list = xreallocarray(*o->list, *o->nlist + 1,
			    sizeof **o->list);
			(*o->list)[(*o->nlist)++] = val;
		} else
			*o->value = val;
	}
	return 0;
extra:
	cli_error(CLI_USAGE, "%s: unexpected argument '%s'", cmd, argv[i]);
	return cli_usage(cmd);
}

int
cli_parse_int(const char *name, const char *text, long min, long max,
    long *out)
{
	char *end;
	long v;

	v = strtol(text, &end, 10);
	if (*text == '\0' || *end != '\0' || v < min || v > max)
		return cli_error(CLI_USAGE, "%s '%s': expected a whole number "
		    "from %ld to %ld", name, text, min, max);
	*out = v;
	return 0;
}

struct store *
cli_store(struct cli_ctx *ctx)
{
	char *path, *cause = NULL;

	if (ctx->store != NULL)
		return ctx->store;
	path = store_default_path(ctx->db_arg);
	if (store_open(path, &ctx->store, &cause) != DB_OK) {
		cli_fail_cause(CLI_FAIL, cause);
		ctx->store = NULL;
	}
	free(path);
	if (ctx->store != NULL && ctx->writes &&
	    store_writable(ctx->store, &cause) != DB_OK) {
		cli_fail_cause(CLI_FAIL, cause);
		store_close(ctx->store);
		ctx->store = NULL;
	}
	return ctx->store;
}

/*
 * A password given with --pg would stay readable by every user of the
 * machine in /proc/PID/cmdline (ps) for the life of the process, a
 * long-running `sync` included: the program keeps a copy and overwrites
 * the argument in place with the scrubbed conninfo (no password).
 */
static char *
cli_hide_conninfo(char *arg)
{
	char *copy = xstrdup(arg), *shown;
	size_t n = strlen(arg);

	shown = pg_conninfo_scrub(copy);
	memset(arg, 0, n);
	snprintf(arg, n + 1, "%s", shown);
	free(shown);
	return copy;
}

int
cli_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "pg", required_argument, NULL, 'p' },
		{ "workers", required_argument, NULL, 'w' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_ctx ctx;
	const char *logpath;
	char *end, *pg_copy = NULL;
	size_t i;
	int c, rc;
	long n;

	memset(&ctx, 0, sizeof ctx);
	ctx.prog = argv[0];
	/* "+": stop at the first non-option, the command name. */
	while ((c = getopt_long(argc, argv, "+vh", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			ctx.db_arg = optarg;
			break;
		case 'p':
			free(pg_copy);
			pg_copy = cli_hide_conninfo(optarg);
			ctx.pg_arg = pg_copy;
			break;
		case 'w':
			n = strtol(optarg, &end, 10);
			if (*end != '\0' || n < 1 || n > 256)
				return cli_error(CLI_USAGE, "--workers '%s': "
				    "expected a number from 1 to 256", optarg);
			ctx.workers = (int)n;
			break;
		case 'v':
			ctx.verbose++;
			break;
		case 'h':
			cli_print_usage(stdout);
			return CLI_OK;
		case 'V':
			printf("vigilore %s\n", VIGILORE_VERSION);
			return CLI_OK;
		default:
			cli_print_usage(stderr);
			return CLI_USAGE;
		}
	}
	logpath = getenv("VIGILORE_LOG");
	if (ctx.verbose > 0 || logpath != NULL)
		log_open(logpath != NULL ? logpath : "vigilore.log",
		    ctx.verbose > 1 ? LOG_LEVEL_DEBUG : LOG_LEVEL_INFO);
	argc -= optind;
	argv += optind;
	optind = 0;	/* commands parse their own options afresh */
	if (argc == 0) {
		rc = cli_cmd_tui(&ctx, argc, argv);
	} else {
		rc = -1;
		for (i = 0; i < CLI_NCOMMANDS; i++) {
			if (strcmp(argv[0], cli_commands[i].name) == 0) {
				rc = cli_commands[i].fn(&ctx, argc, argv);
				break;
			}
		}
		if (rc == -1)
			rc = cli_error(CLI_USAGE, "unknown command '%s' (see "
			    "'vigilore --help')", argv[0]);
	}
	store_close(ctx.store);
	log_close();
	free(pg_copy);
	return rc;
}

/* SPDX-License-Identifier: MIT */
#ifndef VO_CLI_H
#define VO_CLI_H

/*
 * The command-line face: global options, the command table and the
 * helpers every command shares. Each command lives in tui/cli_<area>.c
 * and is listed in cli_commands[] (tui/cli.c).
 *
 * Exit status: CLI_OK, CLI_FAIL (could not do it) or CLI_USAGE (bad usage
 * or invalid input; the message on stderr names the input and the
 * problem). With --json a command prints exactly one JSON document.
 */

#include <jansson.h>

enum cli_status {
	CLI_OK = 0,
	CLI_FAIL = 1,
	CLI_USAGE = 2
};

struct store;

struct cli_ctx {
	const char	*db_arg;	/* --db, or NULL */
	const char	*pg_arg;	/* --pg, or NULL */
	int		 workers;	/* --workers, 0 = number of cores */
	int		 verbose;	/* -v count */
	struct store	*store;		/* opened on first cli_store() */
	int		 writes;	/* the command writes: cli_store */
					/* refuses a read-only store */
	const char	*prog;
};

typedef int cli_command_fn(struct cli_ctx *, int argc, char **argv);

struct cli_command {
	const char	*name;		/* "interview", "reports", ... */
	cli_command_fn	*fn;		/* argv[0] is the command name */
	const char	*usage;		/* one or more lines, no trailing \n */
};

int	 cli_main(int argc, char **argv);

/*
 * The store, opened (and migrated) on first use; NULL after printing why.
 * A store that can only be read is opened read-only, for reading; a
 * command that writes sets ctx->writes first, and is refused then with
 * "the store ... is read-only" before it does anything.
 */
struct store *cli_store(struct cli_ctx *);

/* Prints "vigilore: MESSAGE" on stderr and returns STATUS. */
int	 cli_error(int status, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Same, then frees CAUSE. */
int	 cli_fail_cause(int status, char *cause);
/* Prints USAGE of the command NAME and returns CLI_USAGE. */
int	 cli_usage(const char *name);
/* Dumps J (stolen) as one JSON document on stdout; returns CLI_OK. */
int	 cli_print_json(json_t *j);
/*
 * Prints S (UTF-8, NULL as "") on stdout as a table cell WIDTH terminal
 * columns wide: padded with spaces, and with CUT, cut at a character
 * boundary and ended with an ellipsis when wider. Widths count display columns, not bytes, so
 * accented and wide names keep a table aligned and the output valid.
 */
void	 cli_cell(const char *s, int width, int cut);

/*
 * Command options: "--name VALUE", "--name=VALUE" or a flag "--name";
 * "-o" style short aliases are allowed. Everything else is positional,
 * so values such as "-5" stay values. An option given twice keeps the
 * last value, except list options, which collect every value.
 */
struct cli_opt {
	const char	*name;		/* "--framework" */
	const char	*alias;		/* "-o", or NULL */
	const char	**value;	/* for options with a value */
	int		*flag;		/* for flags */
	const char	***list;	/* for repeatable options */
	size_t		*nlist;
};

/*
 * Parses ARGV[0..ARGC) against OPTS (terminated by a NULL name); fills at
 * most MAXPOS positionals into POS. Returns 0, or prints the problem for
 * command CMD and returns CLI_USAGE. *list arrays are owned by the caller.
 */
int	 cli_parse(const char *cmd, int argc, char **argv,
	    const struct cli_opt *opts, char **pos, size_t maxpos,
	    size_t *npos /* OUT */);
/* Parses a whole number in [MIN,MAX] for option NAME; CLI_USAGE if not. */
int	 cli_parse_int(const char *name, const char *text, long min, long max,
	    long *out /* OUT */);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * `vigilore` with no command: checks that there is a terminal the UI can
 * drive (standard input and output are terminals, TERM names a known
 * terminal type), opens the store and runs the UI (tui/tui.c). Anything
 * missing gives a clear message and exit status 2, before curses starts,
 * so it can never hang or leave the terminal in a strange state.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curses.h>
#include <term.h>
#include <unistd.h>

#include "core/base/xmalloc.h"
#include "core/i18n.h"
#include "db/pg.h"
#include "db/store.h"
#include "tui/cli_cmds.h"
#include "tui/tui.h"

int
cli_cmd_tui(struct cli_ctx *ctx, int argc, char **argv)
{
	struct store *st;
	struct tui_options opt;
	const char *term;
	char *cup;
	char *lang, *path, *pg = NULL, *cause = NULL;
	int err = 0, rc;

	(void)argc;
	(void)argv;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_error(CLI_USAGE, "the terminal UI needs a terminal "
		    "on standard input and output (see 'vigilore --help' for "
		    "the commands)");
	term = getenv("TERM");
	if (term == NULL || *term == '\0')
		return cli_error(CLI_USAGE, "TERM is not set: cannot start "
		    "the terminal UI (try TERM=xterm-256color)");
	if (setupterm(term, STDOUT_FILENO, &err) != OK) {
		return cli_error(CLI_USAGE, "unknown terminal type '%s': "
		    "cannot start the terminal UI (try TERM=xterm-256color)",
		    term);
	}
	/* A terminal without cursor addressing ("dumb") cannot show it. */
	cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1) {
		del_curterm(cur_term);
		return cli_error(CLI_USAGE, "terminal type '%s' cannot move "
		    "the cursor: cannot start the terminal UI (try "
		    "TERM=xterm-256color)", term);
	}
	del_curterm(cur_term);
	setlocale(LC_ALL, "");
	st = cli_store(ctx);
	if (st == NULL)
		return CLI_FAIL;
	lang = store_meta_get(st, "ui.lang");
	if (lang == NULL && getenv("VIGILORE_LANG") != NULL)
		lang = xstrdup(getenv("VIGILORE_LANG"));
	i18n_set_lang(lang);
	free(lang);
	if (getenv("VIGILORE_LANG") != NULL)
		i18n_set_lang(getenv("VIGILORE_LANG"));
	memset(&opt, 0, sizeof opt);
	if (pg_conninfo_resolve(ctx->pg_arg, &pg, &cause) == -1) {
		rc = cli_fail_cause(CLI_FAIL, cause);
		return rc;
	}
	path = xstrdup(store_path(st));
	opt.db_path = path;
	opt.nworkers = ctx->workers;
	opt.pg = pg;
	rc = tui_run(st, &opt);
	free(path);
	free(pg);
	return rc;
}

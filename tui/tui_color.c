/* SPDX-License-Identifier: MIT */
/*
 * Colour roles to curses attributes: the only place that knows colours.
 * With NO_COLOR set (any non-empty value, see no-color.org) or a
 * terminal without colours, every role maps to a monochrome attribute
 * chosen so that statuses stay apart: compliant bold, non-compliant
 * reverse, review-needed underlined, not assessed dim. Glyphs
 * (tui_status_glyph) differ by shape as well. UI thread only.
 */
#include "tui/tui.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"

static attr_t tui_color_attrs[TUI_COLOR_COUNT];
static int tui_color_on;
static int tui_color_utf8 = -1;

struct tui_color_def {
	short	 fg, bg;
	attr_t	 extra;		/* added in colour */
	attr_t	 mono;		/* used without colour */
};

static const struct tui_color_def tui_color_defs[TUI_COLOR_COUNT] = {
	[TUI_COLOR_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[TUI_COLOR_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE },
	[TUI_COLOR_HEADER] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[TUI_COLOR_HINT] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[TUI_COLOR_HINT_KEY] = { COLOR_WHITE, COLOR_CYAN, A_BOLD,
	    A_NORMAL },
	[TUI_COLOR_FOCUS] = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE },
	[TUI_COLOR_DIM] = { -1, -1, A_DIM, A_DIM },
	[TUI_COLOR_COMPLIANT] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[TUI_COLOR_REVIEW] = { COLOR_YELLOW, -1, A_BOLD, A_UNDERLINE },
	[TUI_COLOR_NONCOMPLIANT] = { COLOR_RED, -1, A_BOLD, A_REVERSE },
	[TUI_COLOR_NOT_ASSESSED] = { -1, -1, A_DIM, A_DIM },
	[TUI_COLOR_MAP] = { COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[TUI_COLOR_BAR] = { COLOR_BLUE, -1, A_BOLD, A_BOLD },
	[TUI_COLOR_ERROR] = { COLOR_RED, -1, A_BOLD, A_BOLD | A_REVERSE },
	[TUI_COLOR_OK] = { COLOR_GREEN, -1, A_NORMAL, A_BOLD },
	[TUI_COLOR_SAMPLE] = { COLOR_MAGENTA, -1, A_NORMAL, A_UNDERLINE },
};

void
tui_color_init(void)
{
	const char *nc;
	int i;

	nc = getenv("NO_COLOR");
	tui_color_on = has_colors() && (nc == NULL || *nc == '\0');
	if (tui_color_on && start_color() == ERR)
		tui_color_on = 0;
	if (tui_color_on)
		use_default_colors();
	for (i = 0; i < TUI_COLOR_COUNT; i++) {
		if (!tui_color_on || i == TUI_COLOR_NORMAL ||
		    COLOR_PAIRS <= i) {
			tui_color_attrs[i] = tui_color_defs[i].mono;
			continue;
		}
		init_pair((short)i, tui_color_defs[i].fg, tui_color_defs[i].bg);
		tui_color_attrs[i] = COLOR_PAIR(i) | tui_color_defs[i].extra;
	}
}

attr_t
tui_attr(enum tui_color c)
{
	if ((int)c < 0 || c >= TUI_COLOR_COUNT)
		return A_NORMAL;
	return tui_color_attrs[c];
}

int
tui_color_enabled(void)
{
	return tui_color_on;
}

int
tui_utf8(void)
{
	const char *cs;

	if (tui_color_utf8 == -1) {
		cs = nl_langinfo(CODESET);
		tui_color_utf8 = cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
		    strcmp(cs, "utf8") == 0);
	}
	return tui_color_utf8;
}

enum tui_color
tui_status_color(const char *st)
{
	if (st == NULL)
		return TUI_COLOR_NOT_ASSESSED;
	if (strcmp(st, "compliant") == 0 || strcmp(st, "complete") == 0 ||
	    strcmp(st, "completed") == 0)
		return TUI_COLOR_COMPLIANT;
	if (strcmp(st, "review_needed") == 0 || strcmp(st, "paused") == 0 ||
	    strcmp(st, "queued") == 0 || strcmp(st, "processing") == 0 ||
	    strcmp(st, "medium") == 0)
		return TUI_COLOR_REVIEW;
	if (strcmp(st, "non_compliant") == 0 || strcmp(st, "failed") == 0 ||
	    strcmp(st, "critical") == 0)
		return TUI_COLOR_NONCOMPLIANT;
	if (strcmp(st, "in_progress") == 0 || strcmp(st, "low") == 0)
		return TUI_COLOR_NORMAL;
	return TUI_COLOR_NOT_ASSESSED;
}

const char *
tui_status_label(const char *st)
{
	static const char *const map[][2] = {
		{ "compliant", "compliant" },
		{ "non_compliant", "non-compliant" },
		{ "review_needed", "review needed" },
		{ "not_applicable", "not applicable" },
		{ "not_assessed", "not assessed" },
		{ "in_progress", "in progress" },
		{ "paused", "paused" },
		{ "completed", "completed" },
		{ "abandoned", "abandoned" },
		{ "queued", "queued" },
		{ "processing", "processing" },
		{ "complete", "complete" },
		{ "failed", "failed" },
		{ "cancelled", "cancelled" },
		{ "critical", "critical" },
		{ "medium", "medium" },
		{ "low", "low" },
	};
	size_t i;

	if (st == NULL)
		return i18n_tr("not assessed");
	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (strcmp(map[i][0], st) == 0)
			return i18n_tr(map[i][1]);
	}
	return st;
}

const char *
tui_status_glyph(const char *st)
{
	int u = tui_utf8();

	if (st != NULL && strcmp(st, "compliant") == 0)
		return u ? "●" : "C";
	if (st != NULL && strcmp(st, "review_needed") == 0)
		return u ? "◆" : "R";
	if (st != NULL && strcmp(st, "non_compliant") == 0)
		return u ? "▲" : "N";
	return u ? "○" : "o";
}

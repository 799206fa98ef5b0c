/* SPDX-License-Identifier: MIT */
/*
 * One report: overall score, status and coverage, penalty exposure,
 * per-framework and per-category scores as bars (the Scores panel), and
 * the findings (the Findings panel), sortable by priority, score or
 * their order, with the detail of a finding on Enter. `e` exports the
 * report (JSON, CSV or Markdown, through report_export) into the current
 * directory. Sample reports carry a SAMPLE mark everywhere.
 */
#include "tui/tui.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/xmalloc.h"
#include "core/export_xlsx.h"
#include "core/i18n.h"
#include "core/report.h"

enum {
	REPORT_PANEL_SCORES = 0,
	REPORT_PANEL_FINDINGS
};

enum {
	REPORT_SORT_PRIORITY = 0,
	REPORT_SORT_SCORE,
	REPORT_SORT_ORDER,
	REPORT_NSORT
};

struct screen_report {
	char		*id;
	json_t		*r;
	json_t		**findings;	/* borrowed from r, sorted */
	size_t		 nfindings;
	int		 panel;
	int		 sort;
	int		 sel;
	int		 top;
	int		 detail;	/* showing the selected finding */
	int		 exporting;	/* waiting for j/c/m */
	int		 scroll;	/* scores panel */
	/* The export path being edited (0: none, else the format key). */
	int		 path_fmt;
	struct tui_edit	 path;
	int		 lang_set;	/* speaking another language */
	int		 saved_lang;
};

/* The language the next report screen speaks (NULL: the UI's). */
static char screen_report_next[4];

void
screen_report_speak(const char *lang)
{
	snprintf(screen_report_next, sizeof screen_report_next, "%s",
	    lang != NULL ? lang : "");
}

static const char *const screen_report_help[] = {
	"Scores: overall, per framework and per category, with coverage and",
	"the penalty exposure (each violated article counted once at its",
	"maximum fine). Findings: s changes the order (priority, score, as",
	"recorded); Enter shows a finding in full. e exports the report as",
	"JSON, CSV, Markdown or XLSX: the file name is asked next (in the",
	"current directory unless you give a path; Enter writes it).",
	NULL
};

static const struct tui_hint screen_report_hints[] = {
	{ "Tab", "Switch panel" }, { "s", "Sort" }, { "Enter", "Open" },
	{ "e", "Export" }, { NULL, NULL }
};

static const struct tui_hint screen_report_hints_export[] = {
	{ "j", "JSON" }, { "c", "CSV" }, { "m", "Markdown" },
	{ "x", "XLSX" }, { "Esc", "Cancel" }, { NULL, NULL }
};

static const struct tui_hint screen_report_hints_path[] = {
	{ "Enter", "Write" }, { "Esc", "Cancel" }, { NULL, NULL }
};

static const char *
screen_report_str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

static int
screen_report_prio_rank(json_t *f)
{
	const char *p = screen_report_str(f, "priority");

	if (strcmp(p, "critical") == 0)
		return 0;
	if (strcmp(p, "medium") == 0)
		return 1;
	return 2;
}

static double
screen_report_num(json_t *o, const char *key, double dflt)
{
	json_t *v = json_object_get(o, key);

	return json_is_number(v) ? json_number_value(v) : dflt;
}

static int screen_report_sort_key;

static int
screen_report_cmp(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	double sx, sy, wx, wy;
	int px, py;

	sx = screen_report_num(x, "score", 2);
	sy = screen_report_num(y, "score", 2);
	wx = screen_report_num(x, "weight", 0);
	wy = screen_report_num(y, "weight", 0);
	if (screen_report_sort_key == REPORT_SORT_PRIORITY) {
		px = screen_report_prio_rank(x);
		py = screen_report_prio_rank(y);
		if (px != py)
			return px - py;
		if (wx != wy)
			return wx > wy ? -1 : 1;
	}
	if (sx != sy)
		return sx < sy ? -1 : 1;
	return 0;
}

static void
screen_report_sort(struct screen_report *sr)
{
	json_t *arr = json_object_get(sr->r, "findings");
	size_t i;

	free(sr->findings);
	sr->nfindings = json_array_size(arr);
	sr->findings = xcalloc(sr->nfindings + 1, sizeof *sr->findings);
	for (i = 0; i < sr->nfindings; i++)
		sr->findings[i] = json_array_get(arr, i);
	if (sr->sort != REPORT_SORT_ORDER && sr->nfindings > 1) {
		screen_report_sort_key = sr->sort;
		/* qsort is not stable: order ties by their place. */
		qsort(sr->findings, sr->nfindings, sizeof *sr->findings,
		    screen_report_cmp);
	}
}

static void
screen_report_enter(struct tui_screen *s, void *arg)
{
	struct screen_report *sr;
	char *cause = NULL;

	sr = xcalloc(1, sizeof *sr);
	sr->id = arg;
	s->data = sr;
	tui_edit_init(&sr->path, 4096, 0);
	if (screen_report_next[0] != '\0') {
		/* Opened at the end of an interview: speak its language. */
		sr->lang_set = 1;
		sr->saved_lang = i18n_lang();
		i18n_set_lang(screen_report_next);
		screen_report_next[0] = '\0';
	}
	if (report_load(tui_store(), sr->id, &sr->r, &cause) != 0) {
		tui_message(1, "%s", cause != NULL ? cause : sr->id);
		free(cause);
		sr->r = NULL;
		return;
	}
	sr->panel = REPORT_PANEL_SCORES;
	screen_report_sort(sr);
}

static void
screen_report_leave(struct tui_screen *s)
{
	struct screen_report *sr = s->data;

	if (sr->lang_set)
		i18n_set_lang(sr->saved_lang == I18N_FR ? "fr" : "en");
	tui_edit_release(&sr->path);
	free(sr->findings);
	json_decref(sr->r);
	free(sr->id);
	free(sr);
}

/*
 * Writes the report as FMT ('j' JSON, 'c' CSV, 'm' Markdown, else XLSX)
 * to PATH, beside the file and then renamed: never a half report.
 */
static void
screen_report_export(struct screen_report *sr, int fmt, const char *path)
{
	char *cause = NULL, *t;
	int rc;

	if (fmt == 'j' || fmt == 'c' || fmt == 'm')
		rc = report_export_path(sr->r, fmt == 'j' ? REPORT_FORMAT_JSON :
		    fmt == 'c' ? REPORT_FORMAT_CSV : REPORT_FORMAT_MD, path,
		    &cause);
	else
		rc = export_xlsx_write(sr->r, path, &cause);
	if (rc != 0) {
		tui_message(1, "%s", cause != NULL ? cause : path);
		free(cause);
	} else {
		t = tui_trfmt("Exported to %s", path);
		tui_message(0, "%s", t);
		free(t);
	}
}

/* Writes the export whose path was edited. */
static void
screen_report_export_to(struct screen_report *sr)
{
	char *path = tui_edit_text(&sr->path);
	int fmt = sr->path_fmt;

	sr->path_fmt = 0;
	if (*path == '\0')
		tui_message(1, "%s", i18n_tr("No file name given"));
	else
		screen_report_export(sr, fmt, path);
	free(path);
}

static int
screen_report_typing(struct tui_screen *s)
{
	struct screen_report *sr = s->data;

	return sr != NULL && sr->path_fmt != 0;
}

static int
screen_report_key(struct tui_screen *s, const struct tui_key *k)
{
	struct screen_report *sr = s->data;
	int n = (int)sr->nfindings;
	char *t;

	if (sr->r == NULL)
		return 0;
	if (sr->path_fmt != 0) {
		if ((k->code == 0 && (k->ch == '\r' || k->ch == '\n')) ||
		    k->code == KEY_ENTER)
			screen_report_export_to(sr);
		else if (k->code == 0 && k->ch == TUI_KEY_ESC)
			sr->path_fmt = 0;
		else
			tui_edit_key(&sr->path, k);
		return 1;
	}
	if (sr->exporting) {
		sr->exporting = 0;
		if (k->code == 0 && (k->ch == 'j' || k->ch == 'J' ||
		    k->ch == 'c' || k->ch == 'C' || k->ch == 'm' ||
		    k->ch == 'M' || k->ch == 'x' || k->ch == 'X')) {
			/* The path next, in the current directory by default. */
			sr->path_fmt = tolower(k->ch);
			t = xasprintf("%s.%s", screen_report_str(sr->r,
			    "report_id"), sr->path_fmt == 'j' ? "json" :
			    sr->path_fmt == 'c' ? "csv" : sr->path_fmt == 'm' ?
			    "md" : "xlsx");
			tui_edit_set(&sr->path, t);
			free(t);
		}
		return 1;
	}
	if (sr->detail) {
		if ((k->code == 0 && (k->ch == TUI_KEY_ESC || k->ch == '\r' ||
		    k->ch == '\n')) || k->code == KEY_ENTER) {
			sr->detail = 0;
			return 1;
		}
		if (k->code == KEY_DOWN && sr->sel + 1 < n) {
			sr->sel++;
			return 1;
		}
		if (k->code == KEY_UP && sr->sel > 0) {
			sr->sel--;
			return 1;
		}
		return k->code != 0 || k->ch != 'q';
	}
	if ((k->code == 0 && k->ch == '\t') || k->code == KEY_BTAB) {
		sr->panel = !sr->panel;
		return 1;
	}
	if (k->code == 0 && k->ch == 'e') {
		sr->exporting = 1;
		return 1;
	}
	if (k->code == 0 && k->ch == 's') {
		sr->sort = (sr->sort + 1) % REPORT_NSORT;
		screen_report_sort(sr);
		sr->panel = REPORT_PANEL_FINDINGS;
		return 1;
	}
	if (k->code == KEY_DOWN) {
		if (sr->panel == REPORT_PANEL_SCORES)
			sr->scroll++;
		else if (sr->sel + 1 < n)
			sr->sel++;
		return 1;
	}
	if (k->code == KEY_UP) {
		if (sr->panel == REPORT_PANEL_SCORES) {
			if (sr->scroll > 0)
				sr->scroll--;
		} else if (sr->sel > 0)
			sr->sel--;
		return 1;
	}
	if (k->code == KEY_NPAGE) {
		sr->sel = sr->sel + 10 < n ? sr->sel + 10 : (n > 0 ? n - 1 : 0);
		return 1;
	}
	if (k->code == KEY_PPAGE) {
		sr->sel = sr->sel > 10 ? sr->sel - 10 : 0;
		return 1;
	}
	if (((k->code == 0 && (k->ch == '\r' || k->ch == '\n')) ||
	    k->code == KEY_ENTER) && n > 0) {
		sr->panel = REPORT_PANEL_FINDINGS;
		sr->detail = 1;
		return 1;
	}
	return 0;
}

static void
screen_report_header(struct screen_report *sr, int y, int w)
{
	json_t *r = sr->r, *site, *counts, *pen, *score;
	const char *status, *code, *lbl;
	char *pct, *usd;
	int x;
	attr_t sa;

	site = json_object_get(r, "site");
	x = tui_printf(y, 1, w - 2, A_BOLD, "%s  %s",
	    screen_report_str(r, "report_id"), screen_report_str(site, "name"));
	if (json_is_true(json_object_get(r, "sample")))
		tui_put(y, x + 3, 10, tui_attr(TUI_COLOR_SAMPLE) | A_BOLD,
		    i18n_tr("SAMPLE"));
	tui_printf(y, w - 30, 29, A_NORMAL, "%s %s", i18n_tr("Date"),
	    screen_report_str(r, "audit_date"));
	y++;
	code = screen_report_str(site, "code");
	if (*code != '\0')
		tui_printf(y, 1, w - 2, tui_attr(TUI_COLOR_DIM),
		    "%s %s · %s %s", tui_lbl("Site code"), code,
		    tui_lbl("Auditor"), screen_report_str(json_object_get(r,
		    "auditor"), "name"));
	else
		tui_printf(y, 1, w - 2, tui_attr(TUI_COLOR_DIM), "%s %s",
		    tui_lbl("Auditor"), screen_report_str(json_object_get(r,
		    "auditor"), "name"));
	y++;
	score = json_object_get(r, "score");
	status = screen_report_str(r, "status");
	sa = tui_attr(tui_status_color(status)) | A_BOLD;
	if (json_is_number(score)) {
		x = tui_printf(y, 1, 20, sa, "%s %5.1f", i18n_tr("Score"),
		    json_number_value(score));
		tui_bar(y, x + 2, 20, json_number_value(score) / 100, sa);
		x += 24;
		x += tui_put(y, x, 16, sa, tui_status_label(status));
	} else
		x = tui_put(y, 1, 20, A_NORMAL, i18n_tr("Score")) + 2;
	pct = tui_trfmt("%.0f%%", screen_report_num(r, "coverage", 0));
	tui_printf(y, x + 2, w - x - 3, A_NORMAL, "%s %s",
	    i18n_tr("Coverage"), pct);
	free(pct);
	y++;
	counts = json_object_get(r, "counts");
	pen = json_object_get(r, "penalties");
	x = tui_printf(y, 1, w - 2, A_NORMAL, "%s ",
	    i18n_tr("Findings"));
	x += tui_printf(y, 1 + x, 8, tui_attr(TUI_COLOR_COMPLIANT), "C %lld",
	    (long long)json_integer_value(json_object_get(counts,
	    "compliant")));
	x += tui_printf(y, 2 + x, 8, tui_attr(TUI_COLOR_NONCOMPLIANT),
	    "NC %lld", (long long)json_integer_value(json_object_get(counts,
	    "non_compliant")));
	x += tui_printf(y, 3 + x, 8, tui_attr(TUI_COLOR_REVIEW), "%s %lld",
	    i18n_tr("RN"), (long long)json_integer_value(json_object_get(counts,
	    "review_needed")));
	x += tui_printf(y, 4 + x, 8, tui_attr(TUI_COLOR_DIM), "NA %lld",
	    (long long)json_integer_value(json_object_get(counts,
	    "not_applicable")));
	x += tui_printf(y, 6 + x, 16, tui_attr(TUI_COLOR_NONCOMPLIANT),
	    "%s %lld", i18n_tr("critical"), (long long)json_integer_value(
	    json_object_get(counts, "critical")));
	/* The amount is never cut: a shorter label (or none) instead. */
	usd = xasprintf("USD %.2f", screen_report_num(pen, "total_max_usd",
	    0));
	lbl = tui_lbl("Penalty exposure");
	if (tui_width(lbl) + 1 + tui_width(usd) > w - x - 9)
		lbl = tui_lbl("Penalties");
	if (tui_width(lbl) + 1 + tui_width(usd) > w - x - 9)
		lbl = "";
	tui_printf(y, 8 + x, w - x - 9, A_BOLD, "%s%s%s", lbl,
	    *lbl != '\0' ? " " : "", usd);
	free(usd);
}

static void
screen_report_scores(struct screen_report *sr, int y, int rows, int w)
{
	json_t *fws, *fw, *cats, *cat, *score;
	size_t i, j;
	int line = 0, yy;
	const char *st;

	fws = json_object_get(sr->r, "frameworks");
	if (sr->scroll > 0 && sr->scroll > (int)json_array_size(fws) * 12)
		sr->scroll = (int)json_array_size(fws) * 12;
	json_array_foreach(fws, i, fw) {
		if (json_is_string(fw)) {
			if (line - sr->scroll >= 0 && line - sr->scroll < rows)
				tui_put(y + line - sr->scroll, 1, w - 2,
				    A_BOLD, json_string_value(fw));
			line++;
			continue;
		}
		yy = y + line - sr->scroll;
		score = json_object_get(fw, "score");
		if (yy >= y && yy < y + rows) {
			/* Without a score bar the name has the whole row. */
			tui_put(yy, 1, json_is_number(score) ? 40 : w - 2,
			    A_BOLD, screen_report_str(fw, "name")[0] != '\0' ?
			    screen_report_str(fw, "name") :
			    screen_report_str(fw, "id"));
			if (json_is_number(score)) {
				st = report_status_of_score(
				    json_number_value(score));
				tui_bar(yy, 42, w - 52, json_number_value(
				    score) / 100, tui_attr(
				    tui_status_color(st)));
				tui_printf(yy, w - 8, 7, A_BOLD, "%5.1f",
				    json_number_value(score));
			}
		}
		line++;
		cats = json_object_get(fw, "categories");
		json_array_foreach(cats, j, cat) {
			yy = y + line - sr->scroll;
			line++;
			if (yy < y || yy >= y + rows)
				continue;
			score = json_object_get(cat, "score");
			tui_put(yy, 3, 38, A_NORMAL, screen_report_str(cat,
			    "name"));
			if (!json_is_number(score)) {
				tui_put(yy, 42, 10, tui_attr(TUI_COLOR_DIM),
				    "-");
				continue;
			}
			st = report_status_of_score(json_number_value(score));
			tui_bar(yy, 42, w - 52, json_number_value(score) / 100,
			    tui_attr(tui_status_color(st)));
			tui_printf(yy, w - 8, 7, A_NORMAL, "%5.1f",
			    json_number_value(score));
		}
		line++;
	}
	yy = y + line - sr->scroll;
	if (yy >= y && yy < y + rows)
		tui_wrap(yy, 1, w - 2, y + rows - yy, tui_attr(TUI_COLOR_DIM),
		    screen_report_str(sr->r, "summary"));
}

static void
screen_report_findings(struct screen_report *sr, int y, int rows, int w)
{
	static const char *const sorts[REPORT_NSORT] = {
		"priority", "Score", "order"
	};
	json_t *f;
	int i;
	attr_t a;
	const char *st;
	char *t;

	t = tui_trfmt("Sorted by %s", i18n_tr(sorts[sr->sort]));
	tui_put(y, 1, w - 2, tui_attr(TUI_COLOR_DIM), t);
	free(t);
	y++;
	rows--;
	if (sr->nfindings == 0) {
		tui_put(y, 2, w - 2, tui_attr(TUI_COLOR_DIM),
		    i18n_tr("No findings"));
		return;
	}
	if (sr->sel < sr->top)
		sr->top = sr->sel;
	if (sr->sel >= sr->top + rows)
		sr->top = sr->sel - rows + 1;
	for (i = sr->top; i < (int)sr->nfindings && i - sr->top < rows; i++) {
		f = sr->findings[i];
		a = i == sr->sel ? tui_attr(TUI_COLOR_FOCUS) : A_NORMAL;
		st = screen_report_str(f, "status");
		if (a != A_NORMAL) {
			attrset(a);
			mvhline(y + i - sr->top, 0, ' ', w);
			attrset(A_NORMAL);
		}
		tui_put(y + i - sr->top, 1, 2, tui_attr(tui_status_color(st)),
		    tui_status_glyph(st));
		tui_put(y + i - sr->top, 3, 9, a == A_NORMAL ? tui_attr(
		    tui_status_color(screen_report_str(f, "priority"))) : a,
		    tui_status_label(screen_report_str(f, "priority")));
		tui_put(y + i - sr->top, 12, 16, a, screen_report_str(f,
		    "ref"));
		if (json_is_number(json_object_get(f, "score")))
			tui_printf(y + i - sr->top, 29, 5, a, "%4.2f",
			    screen_report_num(f, "score", 0));
		tui_put(y + i - sr->top, 35, w - 36, a, screen_report_str(f,
		    "requirement"));
	}
}

static void
screen_report_detail(struct screen_report *sr, int y, int rows, int w)
{
	json_t *f = sr->findings[sr->sel], *arts, *a;
	int end = y + rows;
	size_t i;
	char buf[256];
	size_t len = 0;

	tui_section(y++, 0, w, i18n_tr("Finding"));
	tui_printf(y++, 1, w - 2, A_BOLD, "%s  %s  %s",
	    screen_report_str(f, "framework"), screen_report_str(f, "ref"),
	    screen_report_str(f, "category"));
	tui_printf(y++, 1, w - 2, tui_attr(tui_status_color(
	    screen_report_str(f, "status"))), "%s %s · %s %s · %s %.2f",
	    tui_lbl("Status"), tui_status_label(screen_report_str(f,
	    "status")), tui_lbl("Priority"), tui_status_label(
	    screen_report_str(f, "priority")), i18n_tr("Score"),
	    screen_report_num(f, "score", 0));
	y++;
	tui_put(y++, 1, w - 2, tui_attr(TUI_COLOR_HEADER),
	    i18n_tr("Requirement"));
	y += tui_wrap(y, 2, w - 4, 3, A_NORMAL, screen_report_str(f,
	    "requirement"));
	if (json_is_string(json_object_get(f, "answer")) && y < end) {
		tui_printf(y++, 2, w - 4, A_NORMAL, "%s %s",
		    tui_lbl("Answer"), screen_report_str(f, "answer"));
	}
	if (json_is_string(json_object_get(f, "evidence")) && y < end) {
		tui_put(y++, 1, w - 2, tui_attr(TUI_COLOR_HEADER),
		    i18n_tr("Evidence"));
		y += tui_wrap(y, 2, w - 4, 3, A_NORMAL, screen_report_str(f,
		    "evidence"));
	}
	if (json_is_string(json_object_get(f, "gap")) && y < end) {
		tui_put(y++, 1, w - 2, tui_attr(TUI_COLOR_HEADER),
		    i18n_tr("Gap"));
		y += tui_wrap(y, 2, w - 4, end - y, A_NORMAL,
		    screen_report_str(f, "gap"));
	}
	if (json_is_string(json_object_get(f, "recommendation")) && y < end) {
		tui_put(y++, 1, w - 2, tui_attr(TUI_COLOR_HEADER),
		    i18n_tr("Recommendation"));
		y += tui_wrap(y, 2, w - 4, end - y, A_NORMAL,
		    screen_report_str(f, "recommendation"));
	}
	arts = json_object_get(f, "articles");
	buf[0] = '\0';
	json_array_foreach(arts, i, a) {
		if (json_is_string(a) && len + strlen(json_string_value(a)) +
		    3 < sizeof buf)
			len += (size_t)snprintf(buf + len, sizeof buf - len,
			    "%s%s", len > 0 ? ", " : "", json_string_value(a));
	}
	if (len > 0 && y < end)
		tui_printf(y++, 1, w - 2, tui_attr(TUI_COLOR_NONCOMPLIANT),
		    "%s %s · %s USD %.2f", tui_lbl("Articles"), buf,
		    tui_lbl("Penalty exposure"), screen_report_num(f,
		    "penalty_usd", 0));
}

static void
screen_report_draw(struct tui_screen *s)
{
	struct screen_report *sr = s->data;
	int top = tui_body_top(), rows = tui_body_rows(), w = COLS, y;
	static const char *const names[2] = { "Score", "Findings" };
	int i, x;

	if (sr->r == NULL)
		return;
	screen_report_header(sr, top, w);
	y = top + 5;
	x = 1;
	for (i = 0; i < 2; i++)
		x += tui_printf(y, x, w - x, i == sr->panel ?
		    tui_attr(TUI_COLOR_FOCUS) | A_BOLD : A_NORMAL, " %s ",
		    i18n_tr(names[i])) + 1;
	if (sr->exporting)
		tui_printf(y, x + 2, w - x - 3, A_BOLD,
		    "%s j JSON · c CSV · m Markdown · x XLSX",
		    tui_lbl("Export"));
	else if (sr->path_fmt != 0) {
		x += 2 + tui_printf(y, x + 2, w - x - 3, A_BOLD, "%s ",
		    tui_lbl("Export to"));
		tui_edit_draw(&sr->path, y, x, w - x - 1, 1, 1);
	}
	y++;
	if (sr->detail && sr->nfindings > 0)
		screen_report_detail(sr, y, top + rows - y, w);
	else if (sr->panel == REPORT_PANEL_SCORES)
		screen_report_scores(sr, y, top + rows - y, w);
	else
		screen_report_findings(sr, y, top + rows - y, w);
}

static const struct tui_hint *
screen_report_hints_fn(struct tui_screen *s)
{
	struct screen_report *sr = s->data;

	if (sr->path_fmt != 0)
		return screen_report_hints_path;
	return sr->exporting ? screen_report_hints_export :
	    screen_report_hints;
}

const struct tui_screen_ops screen_report_ops = {
	.name = "report",
	.title = "Report",
	.enter = screen_report_enter,
	.leave = screen_report_leave,
	.key = screen_report_key,
	.draw = screen_report_draw,
	.hints = screen_report_hints_fn,
	.help = screen_report_help,
	.typing = screen_report_typing,
};

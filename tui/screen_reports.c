/* SPDX-License-Identifier: MIT */
/*
 * The list of reports, filtered by site code, status, framework, date
 * range and a free-text search (site, code, auditor, report id), sorted
 * by date, score or site, either way. Filters run in the store
 * (db_report_list); the sort is done here. Sample reports carry a
 * SAMPLE mark. The list reloads when the store changes.
 */
#include "tui/tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/xmalloc.h"
#include "core/framework.h"
#include "core/i18n.h"
#include "db/reports.h"

enum {
	REPORTS_SORT_DATE = 0,
	REPORTS_SORT_SCORE,
	REPORTS_SORT_SITE,
	REPORTS_NSORT
};

struct screen_reports {
	struct db_report	*v;
	size_t			 n;
	size_t			 total;
	int			 sel, top;
	char			*site;		/* filters, NULL = any */
	int			 status;	/* 0 any, 1..3 */
	int			 framework;	/* 0 any, else index + 1 */
	char			*from, *to, *search;
	int			 sort;
	int			 reverse;
	int			 prompt;	/* 0, or the key asking */
	struct tui_edit		 edit;
};

static const char *const screen_reports_statuses[] = {
	NULL, "compliant", "review_needed", "non_compliant"
};

static const char *const screen_reports_help[] = {
	"Every stored report, newest audit first. Filters: / search, c site",
	"code, s status, f framework, F from date, T to date (YYYY-MM-DD),",
	"x clears them. o changes the sort (date, score, site), R reverses.",
	"Enter opens a report. Sample reports are marked SAMPLE.",
	NULL
};

static const struct tui_hint screen_reports_hints[] = {
	{ "Enter", "Open" }, { "/", "Search" }, { "c", "Site" },
	{ "s", "Status" }, { "f", "Framework" }, { "F/T", "Date" },
	{ "o", "Sort" }, { "x", "Clear filters" }, { NULL, NULL }
};

static const struct tui_hint screen_reports_hints_prompt[] = {
	{ "Enter", "Filter" }, { "Esc", "Cancel" }, { NULL, NULL }
};

static const char *
screen_reports_fw(int i)
{
	const struct framework_set *fws = tui_frameworks();

	if (i <= 0 || fws == NULL || (size_t)i > fws->n)
		return NULL;
	return fws->items[i - 1]->id;
}

static int
screen_reports_cmp_dir;
static int
screen_reports_cmp_key;

/* Report ids by their closing number: REP-...-9 before REP-...-10. */
static int
screen_reports_idcmp(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), da = na, db = nb;

	while (da > 0 && a[da - 1] >= '0' && a[da - 1] <= '9')
		da--;
	while (db > 0 && b[db - 1] >= '0' && b[db - 1] <= '9')
		db--;
	if (da == db && strncmp(a, b, da) == 0 && na != nb)
		return na < nb ? -1 : 1;
	return strcmp(a, b);
}

static int
screen_reports_cmp(const void *a, const void *b)
{
	const struct db_report *x = a, *y = b;
	int c = 0;

	switch (screen_reports_cmp_key) {
	case REPORTS_SORT_SCORE:
		if (x->score != y->score)
			c = x->score > y->score ? -1 : 1;
		break;
	case REPORTS_SORT_SITE:
		c = strcmp(x->site_name, y->site_name);
		break;
	default:
		c = -strcmp(x->audit_date, y->audit_date);
		break;
	}
	/* Ties newest first, as the store lists them. */
	if (c == 0)
		c = -strcmp(x->created_at, y->created_at);
	if (c == 0)
		c = -screen_reports_idcmp(x->report_id, y->report_id);
	return c * screen_reports_cmp_dir;
}

static void
screen_reports_enter(struct tui_screen *s, void *arg)
{
	struct screen_reports *r;

	(void)arg;
	r = xcalloc(1, sizeof *r);
	tui_edit_init(&r->edit, 80, 0);
	s->data = r;
}

static void
screen_reports_leave(struct tui_screen *s)
{
	struct screen_reports *r = s->data;

	db_report_list_free(r->v, r->n);
	tui_edit_release(&r->edit);
	free(r->site);
	free(r->from);
	free(r->to);
	free(r->search);
	free(r);
}

static void
screen_reports_recalc(struct tui_screen *s)
{
	struct screen_reports *r = s->data;
	struct db_report_filter f;
	char *cause = NULL;

	db_report_list_free(r->v, r->n);
	r->v = NULL;
	r->n = 0;
	memset(&f, 0, sizeof f);
	f.site_code = r->site;
	f.status = screen_reports_statuses[r->status];
	f.framework = screen_reports_fw(r->framework);
	f.from = r->from;
	f.to = r->to;
	f.search = r->search;
	if (db_report_list(tui_store(), &f, &r->v, &r->n, &r->total,
	    &cause) != DB_OK) {
		tui_message(1, "%s", cause);
		free(cause);
		return;
	}
	screen_reports_cmp_key = r->sort;
	screen_reports_cmp_dir = r->reverse ? -1 : 1;
	if (r->n > 1)
		qsort(r->v, r->n, sizeof *r->v, screen_reports_cmp);
	if (r->sel >= (int)r->n)
		r->sel = r->n > 0 ? (int)r->n - 1 : 0;
}

static void
screen_reports_event(struct tui_screen *s, unsigned ev)
{
	if (ev & (TUI_EVENT_DATA | TUI_EVENT_JOB))
		s->needs_recalc = s->needs_draw = 1;
}

static int
screen_reports_typing(struct tui_screen *s)
{
	struct screen_reports *r = s->data;

	return r->prompt != 0;
}

static void
screen_reports_apply(struct screen_reports *r)
{
	char *t, **dst;

	t = tui_edit_text(&r->edit);
	switch (r->prompt) {
	case 'c':
		dst = &r->site;
		break;
	case 'F':
		dst = &r->from;
		break;
	case 'T':
		dst = &r->to;
		break;
	default:
		dst = &r->search;
		break;
	}
	free(*dst);
	*dst = *t != '\0' ? t : NULL;
	if (*dst == NULL)
		free(t);
	r->prompt = 0;
	r->sel = 0;
}

static int
screen_reports_key(struct tui_screen *s, const struct tui_key *k)
{
	struct screen_reports *r = s->data;
	const struct framework_set *fws;
	int enter, n = (int)r->n;
	const char *cur;

	enter = (k->code == 0 && (k->ch == '\r' || k->ch == '\n')) ||
	    k->code == KEY_ENTER;
	if (r->prompt) {
		if (enter) {
			screen_reports_apply(r);
			s->needs_recalc = 1;
			return 1;
		}
		if (k->code == 0 && k->ch == TUI_KEY_ESC) {
			r->prompt = 0;
			return 1;
		}
		tui_edit_key(&r->edit, k);
		return 1;
	}
	if (k->code == KEY_DOWN) {
		if (r->sel + 1 < n)
			r->sel++;
		return 1;
	}
	if (k->code == KEY_UP) {
		if (r->sel > 0)
			r->sel--;
		return 1;
	}
	if (k->code == KEY_NPAGE) {
		r->sel = r->sel + 10 < n ? r->sel + 10 : (n > 0 ? n - 1 : 0);
		return 1;
	}
	if (k->code == KEY_PPAGE) {
		r->sel = r->sel > 10 ? r->sel - 10 : 0;
		return 1;
	}
	if (enter) {
		if (n > 0)
			tui_push(&screen_report_ops,
			    xstrdup(r->v[r->sel].report_id));
		return 1;
	}
	if (k->code != 0)
		return 0;
	switch (k->ch) {
	case '/':
	case 'c':
	case 'F':
	case 'T':
		r->prompt = (int)k->ch;
		cur = k->ch == '/' ? r->search : k->ch == 'c' ? r->site :
		    k->ch == 'F' ? r->from : r->to;
		tui_edit_set(&r->edit, cur);
		return 1;
	case 's':
		r->status = (r->status + 1) % 4;
		break;
	case 'f':
		fws = tui_frameworks();
		r->framework = fws == NULL ? 0 :
		    (r->framework + 1) % (int)(fws->n + 1);
		break;
	case 'o':
		r->sort = (r->sort + 1) % REPORTS_NSORT;
		break;
	case 'R':
		r->reverse = !r->reverse;
		break;
	case 'x':
		XFREE(r->site);
		XFREE(r->from);
		XFREE(r->to);
		XFREE(r->search);
		r->status = r->framework = 0;
		break;
	default:
		return 0;
	}
	r->sel = 0;
	s->needs_recalc = 1;
	return 1;
}

static void
screen_reports_draw(struct tui_screen *s)
{
	struct screen_reports *r = s->data;
	static const char *const sorts[REPORTS_NSORT] = {
		"Date", "Score", "Site"
	};
	int top = tui_body_top(), rows = tui_body_rows(), w = COLS;
	int y = top, i, list, x, idw, smw, stw, sitew;
	int xd, xc, xs, xsc, xst, xsm;
	const struct db_report *e;
	const char *st, *lbl;
	attr_t a;
	char *t;

	/* Filter bar. */
	x = tui_printf(y, 1, w - 2, A_NORMAL, "%s %s  %s %s  %s %s  ",
	    tui_lbl("Site"), r->site != NULL ? r->site : i18n_tr("All"),
	    tui_lbl("Status"), r->status == 0 ? i18n_tr("All") :
	    tui_status_label(screen_reports_statuses[r->status]),
	    tui_lbl("Framework"), r->framework == 0 ? i18n_tr("All") :
	    screen_reports_fw(r->framework));
	tui_printf(y, 1 + x, w - x - 2, A_NORMAL, "%s %s %s %s",
	    i18n_tr("From"), r->from != NULL ? r->from : "…", i18n_tr("To"),
	    r->to != NULL ? r->to : "…");
	y++;
	if (r->n == 1)
		t = tui_trfmt("%d report", (int)r->n);
	else
		t = tui_trfmt("%d reports", (int)r->n);
	x = tui_put(y, 1, w - 2, A_BOLD, t);
	free(t);
	tui_printf(y, x + 3, w - x - 4, tui_attr(TUI_COLOR_DIM),
	    "%s %s %s%s%s", tui_lbl("Sort"), i18n_tr(sorts[r->sort]),
	    r->reverse ? "↑" : "↓", r->search != NULL ? "   / " : "",
	    r->search != NULL ? r->search : "");
	y++;
	/*
	 * Columns fit the width: the report id as wide as the longest one
	 * (at most 20), the site name takes what is left, the status is a
	 * glyph below 100 columns, and the SAMPLE mark always shows.
	 */
	idw = tui_width(i18n_tr("Report"));
	for (i = 0; i < (int)r->n; i++)
		if (tui_width(r->v[i].report_id) > idw)
			idw = tui_width(r->v[i].report_id);
	if (idw > 20)
		idw = 20;
	smw = tui_width(i18n_tr("SAMPLE"));
	stw = w >= 100 ? 14 : 1;
	xd = 1 + idw + 1;
	xc = xd + 11;
	xs = xc + 10;
	sitew = w - 1 - xs - (1 + 6 + 1 + stw + 1 + smw + 1);
	if (sitew < 8)
		sitew = 8;
	xsc = xs + sitew + 1;
	xst = xsc + 7;
	xsm = xst + stw + 1;
	a = tui_attr(TUI_COLOR_HEADER);
	attrset(a);
	mvhline(y, 0, ' ', w);
	attrset(A_NORMAL);
	tui_put(y, 1, idw, a, i18n_tr("Report"));
	tui_put(y, xd, 10, a, i18n_tr("Date"));
	tui_put(y, xc, 9, a, i18n_tr("Code"));
	tui_put(y, xs, sitew, a, i18n_tr("Site"));
	tui_put(y, xsc + 6 - tui_width(i18n_tr("Score")), 6, a,
	    i18n_tr("Score"));
	if (stw > 1)
		tui_put(y, xst, stw, a, i18n_tr("Status"));
	y++;
	list = top + rows - y - (r->prompt ? 1 : 0);
	if (r->sel < r->top)
		r->top = r->sel;
	if (r->sel >= r->top + list)
		r->top = r->sel - list + 1;
	for (i = r->top; i < (int)r->n && i - r->top < list; i++) {
		e = &r->v[i];
		a = i == r->sel ? tui_attr(TUI_COLOR_FOCUS) : A_NORMAL;
		if (a != A_NORMAL) {
			attrset(a);
			mvhline(y, 0, ' ', w);
			attrset(A_NORMAL);
		}
		st = !e->has_score ? NULL : e->score >= 80 ? "compliant" :
		    e->score >= 60 ? "review_needed" : "non_compliant";
		tui_put(y, 1, idw, a, e->report_id);
		tui_put(y, xd, 10, a, e->audit_date);
		tui_put(y, xc, 9, a, e->site_code != NULL ? e->site_code : "-");
		tui_put(y, xs, sitew, a, e->site_name);
		if (e->has_score)
			tui_printf(y, xsc, 6, a == A_NORMAL ? tui_attr(
			    tui_status_color(st)) : a, "%6.1f", e->score);
		if (stw > 1)
			lbl = st != NULL ? tui_status_label(st) : "-";
		else
			lbl = st != NULL ? tui_status_glyph(st) : "-";
		tui_put(y, xst, stw, a == A_NORMAL && st != NULL ?
		    tui_attr(tui_status_color(st)) : a, lbl);
		if (e->sample)
			tui_put(y, xsm, w - xsm - 1,
			    tui_attr(TUI_COLOR_SAMPLE), i18n_tr("SAMPLE"));
		y++;
	}
	if (r->prompt) {
		y = top + rows - 1;
		lbl = r->prompt == '/' ? "Search" : r->prompt == 'c' ?
		    "Site code" : r->prompt == 'F' ? "From" : "To";
		x = tui_printf(y, 1, 20, A_BOLD, "%s ", tui_lbl(lbl));
		tui_edit_draw(&r->edit, y, 1 + x, 40, 1, 1);
	}
}

static const struct tui_hint *
screen_reports_hints_fn(struct tui_screen *s)
{
	struct screen_reports *r = s->data;

	return r->prompt ? screen_reports_hints_prompt : screen_reports_hints;
}

const struct tui_screen_ops screen_reports_ops = {
	.name = "reports",
	.title = "Reports",
	.enter = screen_reports_enter,
	.leave = screen_reports_leave,
	.key = screen_reports_key,
	.event = screen_reports_event,
	.recalc = screen_reports_recalc,
	.draw = screen_reports_draw,
	.hints = screen_reports_hints_fn,
	.help = screen_reports_help,
	.typing = screen_reports_typing,
};

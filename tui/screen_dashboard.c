/* SPDX-License-Identifier: MIT */
/*
 * The live dashboard: (a) the national map (DRC outline in braille cells,
 * one marker per site coloured and shaped by status) with a site list,
 * (b) risk hotspots with their worst findings, (c) the 12-month trend,
 * (d) the framework matrix. All four come from dashboard_load(); the
 * screen reloads on TUI_EVENT_DATA (any commit to the store, from any
 * thread or process) and redraws from memory otherwise, so keys never
 * wait on a query. On a large terminal (160x45 and up) the four panels
 * share the screen; smaller, one panel shows at a time (Tab, 1-4).
 */
#include "tui/tui.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assets.h"
#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "core/dashboard.h"
#include "core/geo.h"
#include "core/i18n.h"

enum {
	DASH_MAP = 0,
	DASH_HOTSPOTS,
	DASH_TREND,
	DASH_MATRIX,
	DASH_NPANELS
};

struct screen_dashboard {
	struct dashboard	 d;
	int			 loaded;
	struct geo_shape	 shape;
	int			 have_shape;
	struct geo_canvas	 canvas;	/* cached outline */
	struct geo_view		 view;
	int			 cw, ch;	/* size of the cached canvas */
	int			 panel;
	int			 sel_site;
	int			 top_site;
	int			 sel_hot;
	int			 top_hot;
};

static const char *const screen_dashboard_help[] = {
	"The dashboard is computed from the stored reports and sites and",
	"redraws by itself whenever a report or a job changes.",
	"Map: each site is a marker; its status comes from the score of",
	"its latest report: 80 and up compliant, 60 and up review needed,",
	"below 60 non-compliant; no report: not assessed.",
	"Hotspots: risk = 0.6 (100 - score) + 0.3 non-compliant share",
	"+ 0.1 critical findings (x10, at most 100).",
	"Trend: average score of the reports audited each month.",
	"Matrix: findings of each site's latest report by status.",
	NULL
};

static const struct tui_hint screen_dashboard_hints[] = {
	{ "Tab", "Next panel" }, { "1-4", "Select" }, { "↑↓", "Move" },
	{ "Enter", "Open" }, { NULL, NULL }
};

static void
screen_dashboard_enter(struct tui_screen *s, void *arg)
{
	struct screen_dashboard *sd;
	char *path, *cause = NULL;

	(void)arg;
	sd = xcalloc(1, sizeof *sd);
	s->data = sd;
	path = xasprintf("%s/map/drc-outline.geojson", assets_dir());
	if (geo_load(path, &sd->shape, &cause) == 0)
		sd->have_shape = 1;
	else {
		tui_message(1, "%s", cause);
		free(cause);
	}
	free(path);
}

static void
screen_dashboard_leave(struct tui_screen *s)
{
	struct screen_dashboard *sd = s->data;

	if (sd->loaded)
		dashboard_release(&sd->d);
	if (sd->have_shape)
		geo_release(&sd->shape);
	if (sd->canvas.cells != NULL)
		geo_canvas_release(&sd->canvas);
	free(sd);
}

static void
screen_dashboard_recalc(struct tui_screen *s)
{
	struct screen_dashboard *sd = s->data;
	struct dashboard d;
	char *cause = NULL;

	if (dashboard_load(tui_store(), clock_now_ms(), &d, &cause) != 0) {
		tui_message(1, "%s", cause);
		free(cause);
		return;
	}
	if (sd->loaded)
		dashboard_release(&sd->d);
	sd->d = d;
	sd->loaded = 1;
	if (sd->sel_site >= (int)d.nmarkers)
		sd->sel_site = d.nmarkers > 0 ? (int)d.nmarkers - 1 : 0;
	if (sd->sel_hot >= (int)d.nhotspots)
		sd->sel_hot = d.nhotspots > 0 ? (int)d.nhotspots - 1 : 0;
}

static void
screen_dashboard_event(struct tui_screen *s, unsigned ev)
{
	if (ev & (TUI_EVENT_DATA | TUI_EVENT_JOB))
		s->needs_recalc = 1;
	if (ev & (TUI_EVENT_DATA | TUI_EVENT_JOB | TUI_EVENT_RESIZE))
		s->needs_draw = 1;
}

static int
screen_dashboard_large(void)
{
	return COLS >= 160 && tui_body_rows() >= 42;
}

static int
screen_dashboard_key(struct tui_screen *s, const struct tui_key *k)
{
	struct screen_dashboard *sd = s->data;
	int *sel, n, panel = sd->panel;

	if (k->code == 0 && k->ch == '\t') {
		sd->panel = (sd->panel + 1) % DASH_NPANELS;
		return 1;
	}
	if (k->code == KEY_BTAB) {
		sd->panel = (sd->panel + DASH_NPANELS - 1) % DASH_NPANELS;
		return 1;
	}
	if (k->code == 0 && k->ch >= '1' && k->ch <= '4') {
		sd->panel = (int)(k->ch - '1');
		return 1;
	}
	if (k->code == 0 && (k->ch == 'r' || k->ch == TUI_CTRL('L'))) {
		s->needs_recalc = 1;
		return 1;
	}
	if (panel == DASH_HOTSPOTS) {
		sel = &sd->sel_hot;
		n = (int)sd->d.nhotspots;
	} else {
		sel = &sd->sel_site;
		n = (int)sd->d.nmarkers;
	}
	if (k->code == KEY_DOWN || (k->code == 0 && k->ch == 'j')) {
		if (*sel + 1 < n)
			(*sel)++;
		return 1;
	}
	if (k->code == KEY_UP || (k->code == 0 && k->ch == 'k')) {
		if (*sel > 0)
			(*sel)--;
		return 1;
	}
	if (k->code == KEY_NPAGE) {
		*sel = *sel + 10 < n ? *sel + 10 : (n > 0 ? n - 1 : 0);
		return 1;
	}
	if (k->code == KEY_PPAGE) {
		*sel = *sel > 10 ? *sel - 10 : 0;
		return 1;
	}
	if (k->code == KEY_HOME) {
		*sel = 0;
		return 1;
	}
	if (k->code == KEY_END) {
		*sel = n > 0 ? n - 1 : 0;
		return 1;
	}
	if ((k->code == 0 && (k->ch == '\r' || k->ch == '\n')) ||
	    k->code == KEY_ENTER) {
		const char *rid = NULL;

		if (panel == DASH_HOTSPOTS && n > 0)
			rid = sd->d.hotspots[*sel].report_id;
		else if (panel == DASH_MAP && n > 0)
			rid = sd->d.markers[*sel].report_id;
		if (rid != NULL)
			tui_push(&screen_report_ops, xstrdup(rid));
		return 1;
	}
	return 0;
}

/* Marker IDX on the map drawn at (Y, X); FOCUS reverses it. */
static void
screen_dashboard_marker(struct screen_dashboard *sd, int y, int x, int idx,
    int focus)
{
	const struct dashboard_marker *m = &sd->d.markers[idx];
	const char *st = dashboard_status_name(m->status);
	attr_t attr;
	int dx, dy;

	if (!m->has_coords ||
	    !geo_project(&sd->view, m->lon, m->lat, &dx, &dy))
		return;
	attr = tui_attr(tui_status_color(st));
	if (focus)
		attr = tui_attr(TUI_COLOR_FOCUS) | A_BOLD;
	tui_put(y + dy / 4, x + dx / 2, 1, attr, tui_status_glyph(st));
}

/* The map with markers, in the rectangle (Y, X, H, W). */
static void
screen_dashboard_map(struct screen_dashboard *sd, int y, int x, int h, int w)
{
	int r, c, i;
	unsigned int cp;
	wchar_t ws[2];
	cchar_t cc;

	if (h < 2 || w < 4)
		return;
	if (!sd->have_shape) {
		tui_put(y, x, w, tui_attr(TUI_COLOR_DIM),
		    i18n_tr("Map outline unavailable"));
		return;
	}
	if (sd->canvas.cells == NULL || sd->cw != w || sd->ch != h) {
		if (sd->canvas.cells != NULL)
			geo_canvas_release(&sd->canvas);
		geo_canvas_init(&sd->canvas, w, h);
		geo_fit(&sd->shape, w, h, &sd->view);
		geo_canvas_outline(&sd->canvas, &sd->view, &sd->shape);
		sd->cw = w;
		sd->ch = h;
	}
	for (r = 0; r < h; r++) {
		for (c = 0; c < w; c++) {
			cp = geo_canvas_char(&sd->canvas, c, r);
			if (cp == 0)
				continue;
			if (tui_utf8()) {
				ws[0] = (wchar_t)cp;
				ws[1] = L'\0';
				tui_cchar(&cc, ws, tui_attr(TUI_COLOR_MAP));
				mvadd_wch(y + r, x + c, &cc);
			} else
				tui_put(y + r, x + c, 1,
				    tui_attr(TUI_COLOR_MAP), ".");
		}
	}
	/* Markers: unselected first, the selected one last. */
	for (i = 0; i < (int)sd->d.nmarkers; i++) {
		if (i != sd->sel_site)
			screen_dashboard_marker(sd, y, x, i, 0);
	}
	if (sd->sel_site < (int)sd->d.nmarkers)
		screen_dashboard_marker(sd, y, x, sd->sel_site,
		    sd->panel == DASH_MAP);
}

static void
screen_dashboard_legend(int y, int x, int w)
{
	static const char *const st[] = {
		"compliant", "review_needed", "non_compliant", "not_assessed"
	};
	int i, used = 0;

	for (i = 0; i < 4 && used < w; i++) {
		used += tui_put(y, x + used, w - used,
		    tui_attr(tui_status_color(st[i])), tui_status_glyph(st[i]));
		used += tui_put(y, x + used, w - used, A_NORMAL, " ");
		used += tui_put(y, x + used, w - used, A_NORMAL,
		    tui_status_label(st[i]));
		used += tui_put(y, x + used, w - used, A_NORMAL, "  ");
	}
	used += tui_put(y, x + used, w - used, tui_attr(TUI_COLOR_SAMPLE),
	    "*");
	tui_printf(y, x + used, w - used, A_NORMAL, " %s",
	    i18n_tr("sample data"));
}

/* The list of sites beside the map. */
static void
screen_dashboard_sites(struct screen_dashboard *sd, int y, int x, int h,
    int w)
{
	int i, row, namew;
	const struct dashboard_marker *m;
	attr_t a;
	char score[16];

	if (h < 1 || w < 10)
		return;
	if (sd->sel_site < sd->top_site)
		sd->top_site = sd->sel_site;
	if (sd->sel_site >= sd->top_site + h)
		sd->top_site = sd->sel_site - h + 1;
	namew = w - 8 - 2 - 7 - 2;
	for (row = 0; row < h; row++) {
		i = sd->top_site + row;
		if (i >= (int)sd->d.nmarkers)
			break;
		m = &sd->d.markers[i];
		a = i == sd->sel_site && sd->panel == DASH_MAP ?
		    tui_attr(TUI_COLOR_FOCUS) : A_NORMAL;
		if (a != A_NORMAL) {
			attrset(a);
			mvhline(y + row, x, ' ', w);
			attrset(A_NORMAL);
		}
		tui_put(y + row, x, 2, tui_attr(tui_status_color(
		    dashboard_status_name(m->status))),
		    tui_status_glyph(dashboard_status_name(m->status)));
		tui_put(y + row, x + 2, 8, a, m->code);
		tui_put(y + row, x + 10, namew, a, m->name);
		if (m->has_score)
			snprintf(score, sizeof score, "%5.1f", m->score);
		else
			snprintf(score, sizeof score, "%5s", "-");
		tui_put(y + row, x + w - 7, 6, a, score);
		if (m->sample)
			tui_put(y + row, x + w - 1, 1, a == A_NORMAL ?
			    tui_attr(TUI_COLOR_SAMPLE) : a, "*");
	}
}

static void
screen_dashboard_panel_map(struct screen_dashboard *sd, int y, int x, int h,
    int w)
{
	int mapw, listw;

	tui_section(y, x, w, i18n_tr("National compliance map"));
	mapw = w * 55 / 100;
	if (mapw > (h - 2) * 3)
		mapw = (h - 2) * 3;
	listw = w - mapw - 2;
	screen_dashboard_map(sd, y + 1, x, h - 2, mapw);
	screen_dashboard_sites(sd, y + 1, x + mapw + 2, h - 2, listw);
	screen_dashboard_legend(y + h - 1, x, w);
}

static void
screen_dashboard_panel_hotspots(struct screen_dashboard *sd, int y, int x,
    int h, int w)
{
	int i, row = 1, j, namew, nrank, smw;
	const struct dashboard_hotspot *hs;
	attr_t a;

	tui_section(y, x, w, i18n_tr("Risk hotspots"));
	if (sd->d.nhotspots == 0) {
		tui_put(y + 1, x + 1, w - 1, tui_attr(TUI_COLOR_DIM),
		    i18n_tr("No assessed sites"));
		return;
	}
	/* Keep the selection visible: scroll by whole entries. */
	if (sd->sel_hot < sd->top_hot)
		sd->top_hot = sd->sel_hot;
	nrank = 0;
	for (;;) {
		int rows = 0;

		for (i = sd->top_hot; i <= sd->sel_hot; i++)
			rows += 1 + (int)sd->d.hotspots[i].nissues;
		if (rows <= h - 1 || sd->top_hot >= sd->sel_hot)
			break;
		sd->top_hot++;
	}
	smw = tui_width(i18n_tr("SAMPLE"));
	namew = w - 4 - 9 - 9 - 8 - smw - 1;
	for (i = sd->top_hot; i < (int)sd->d.nhotspots && row < h; i++) {
		hs = &sd->d.hotspots[i];
		a = i == sd->sel_hot && sd->panel == DASH_HOTSPOTS ?
		    tui_attr(TUI_COLOR_FOCUS) : A_NORMAL;
		if (a != A_NORMAL) {
			attrset(a);
			mvhline(y + row, x, ' ', w);
			attrset(A_NORMAL);
		}
		tui_printf(y + row, x, 4, a, "%3d", i + 1);
		tui_printf(y + row, x + 4, 9, a | A_BOLD, "%5.1f",
		    hs->risk);
		tui_put(y + row, x + 13, 9, a, hs->code != NULL ? hs->code :
		    "-");
		tui_put(y + row, x + 22, namew, a, hs->name);
		tui_printf(y + row, x + w - 8 - smw, 7, tui_attr(
		    tui_status_color(dashboard_status_name(hs->status))),
		    "%5.1f", hs->score);
		if (hs->sample)
			tui_put(y + row, x + w - smw - 1, smw,
			    tui_attr(TUI_COLOR_SAMPLE), i18n_tr("SAMPLE"));
		row++;
		nrank++;
		for (j = 0; j < (int)hs->nissues && row < h; j++, row++) {
			const struct dashboard_issue *is = &hs->issues[j];

			tui_put(y + row, x + 6, 2,
			    tui_attr(tui_status_color(is->status)),
			    tui_status_glyph(is->status));
			tui_printf(y + row, x + 8, w - 8, tui_attr(
			    TUI_COLOR_DIM), "%s %s", is->ref != NULL ?
			    is->ref : is->framework, is->requirement != NULL ?
			    is->requirement : "");
		}
	}
	(void)nrank;
}

/*
 * On the title row of a panel that aggregates reports: says that sample
 * reports are among them (sample data is always labelled). TREND: the
 * trend panel, whose reports are those of its twelve months (not the
 * latest of each site, as in the matrix).
 */
static void
screen_dashboard_sample_note(struct screen_dashboard *sd, int y, int x,
    int w, int trend)
{
	const char *t = i18n_tr("includes SAMPLE data");
	size_t i;
	int any = 0, tw;

	if (trend) {
		for (i = 0; i < DASHBOARD_MONTHS; i++)
			any |= sd->d.trend[i].sample > 0;
	} else {
		for (i = 0; i < sd->d.nmarkers; i++)
			any |= sd->d.markers[i].sample &&
			    sd->d.markers[i].has_score;
	}
	tw = tui_width(t) + 2;
	if (!any || tw > w / 2)
		return;
	tui_printf(y, x + w - tw - 2, tw, tui_attr(TUI_COLOR_SAMPLE), " %s ",
	    t);
}

static void
screen_dashboard_panel_trend(struct screen_dashboard *sd, int y, int x,
    int h, int w)
{
	int i, row, any = 0, barw;
	const struct dashboard_month *m;

	tui_section(y, x, w, i18n_tr("Compliance trend (12 months)"));
	screen_dashboard_sample_note(sd, y, x, w, 1);
	barw = w - 8 - 14;
	for (i = 0; i < DASHBOARD_MONTHS; i++)
		any |= sd->d.trend[i].n > 0;
	for (i = 0, row = 1; i < DASHBOARD_MONTHS && row < h; i++, row++) {
		m = &sd->d.trend[i];
		tui_put(y + row, x, 8, tui_attr(TUI_COLOR_DIM), m->month);
		if (m->n == 0) {
			tui_put(y + row, x + 8, barw, tui_attr(TUI_COLOR_DIM),
			    "·");
			continue;
		}
		tui_bar(y + row, x + 8, barw, m->avg / 100.0, tui_attr(
		    tui_status_color(dashboard_status_name(
		    dashboard_status_of(m->avg)))));
		tui_printf(y + row, x + 9 + barw, 13, A_NORMAL, "%5.1f (%d)",
		    m->avg, m->n);
	}
	if (!any && row < h)
		tui_put(y + row, x, w, tui_attr(TUI_COLOR_DIM),
		    i18n_tr("No reports in the last 12 months"));
}

/* The bar segment of matrix column K: shades, or letters without UTF-8. */
static const char *
screen_dashboard_shade(int k)
{
	static const char *const utf[4] = { "█", "▓", "▒", "░" };
	static const char *const ascii[4] = { "C", "N", "R", "-" };

	return tui_utf8() ? utf[k] : ascii[k];
}

static void
screen_dashboard_panel_matrix(struct screen_dashboard *sd, int y, int x,
    int h, int w)
{
	static const char *const st[] = {
		"compliant", "non_compliant", "review_needed", "not_applicable"
	};
	int i, row = 1, k, cx, tot, v[4], bx, bw, seg, used;
	const struct dashboard_matrix_row *r;

	tui_section(y, x, w, i18n_tr("Framework matrix"));
	screen_dashboard_sample_note(sd, y, x, w, 0);
	if (row < h) {
		tui_put(y + row, x, 18, tui_attr(TUI_COLOR_HEADER),
		    i18n_tr("Framework"));
		/* Right-aligned as the counts below ("%5d"). */
		for (k = 0; k < 4; k++)
			tui_printf(y + row, x + 18 + k * 6, 6,
			    tui_attr(tui_status_color(st[k])), "%5s",
			    k == 0 ? "C" : k == 1 ? "NC" : k == 2 ?
			    i18n_tr("RN") : "NA");
		row++;
	}
	bx = x + 18 + 24 + 1;
	bw = w - (bx - x);
	for (i = 0; i < (int)sd->d.nmatrix && row < h; i++, row++) {
		r = &sd->d.matrix[i];
		v[0] = r->compliant;
		v[1] = r->non_compliant;
		v[2] = r->review_needed;
		v[3] = r->not_applicable;
		tui_put(y + row, x, 17, A_NORMAL, r->framework);
		tot = 0;
		for (k = 0; k < 4; k++) {
			tui_printf(y + row, x + 18 + k * 6, 6, A_NORMAL,
			    "%5d", v[k]);
			tot += v[k];
		}
		if (bw < 4 || tot == 0)
			continue;
		cx = bx;
		used = 0;
		for (k = 0; k < 4; k++) {
			seg = (int)lround((double)v[k] * bw / tot);
			if (used + seg > bw)
				seg = bw - used;
			for (; seg > 0; seg--, cx++, used++)
				tui_put(y + row, cx, 1,
				    tui_attr(tui_status_color(st[k])),
				    screen_dashboard_shade(k));
		}
	}
}

static void
screen_dashboard_tabs(struct screen_dashboard *sd, int y, int w)
{
	static const char *const names[DASH_NPANELS] = {
		"National compliance map", "Risk hotspots",
		"Compliance trend (12 months)", "Framework matrix"
	};
	static const char *const shorts[DASH_NPANELS] = {
		"Map", "Hotspots", "Trend", "Matrix"
	};
	const char *const *n = names;
	int i, x = 1, need = 1;
	attr_t a;

	/* The short names when the long ones do not all fit. */
	for (i = 0; i < DASH_NPANELS; i++)
		need += tui_width(i18n_tr(names[i])) + 5;
	if (need > w - 1)
		n = shorts;
	for (i = 0; i < DASH_NPANELS && x < w; i++) {
		a = i == sd->panel ? tui_attr(TUI_COLOR_FOCUS) | A_BOLD :
		    A_NORMAL;
		x += tui_printf(y, x, w - x, a, " %d %s ", i + 1,
		    i18n_tr(n[i]));
		x += 1;
	}
}

static void
screen_dashboard_draw(struct tui_screen *s)
{
	struct screen_dashboard *sd = s->data;
	int top = tui_body_top(), rows = tui_body_rows(), w = COLS;
	int hw, hh;

	if (!sd->loaded)
		return;
	if (screen_dashboard_large()) {
		hw = w / 2;
		hh = rows / 2;
		screen_dashboard_panel_map(sd, top, 0, hh, hw - 1);
		screen_dashboard_panel_hotspots(sd, top, hw + 1, hh,
		    w - hw - 1);
		screen_dashboard_panel_trend(sd, top + hh, 0, rows - hh,
		    hw - 1);
		screen_dashboard_panel_matrix(sd, top + hh, hw + 1, rows - hh,
		    w - hw - 1);
		return;
	}
	screen_dashboard_tabs(sd, top, w);
	switch (sd->panel) {
	case DASH_MAP:
		screen_dashboard_panel_map(sd, top + 1, 0, rows - 1, w);
		break;
	case DASH_HOTSPOTS:
		screen_dashboard_panel_hotspots(sd, top + 1, 0, rows - 1, w);
		break;
	case DASH_TREND:
		screen_dashboard_panel_trend(sd, top + 1, 0, rows - 1, w);
		break;
	default:
		screen_dashboard_panel_matrix(sd, top + 1, 0, rows - 1, w);
		break;
	}
}

static const struct tui_hint *
screen_dashboard_hints_fn(struct tui_screen *s)
{
	(void)s;
	return screen_dashboard_hints;
}

const struct tui_screen_ops screen_dashboard_ops = {
	.name = "dashboard",
	.title = "Dashboard",
	.enter = screen_dashboard_enter,
	.leave = screen_dashboard_leave,
	.key = screen_dashboard_key,
	.event = screen_dashboard_event,
	.recalc = screen_dashboard_recalc,
	.draw = screen_dashboard_draw,
	.hints = screen_dashboard_hints_fn,
	.help = screen_dashboard_help,
};

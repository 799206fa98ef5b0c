/* SPDX-License-Identifier: MIT */
/*
 * New interview: a form of rows moved through with Up/Down (or Tab).
 * Framework (Left/Right; its description, question count and estimated
 * time shown), one check box per category (Space), a known-site picker
 * (type to filter, Left/Right to choose; choosing fills the site fields),
 * site name, code, operator, latitude, longitude, auditor and e-mail
 * (remembered from the last interview in the store's settings), the
 * interview language, and Start. Errors are shown inline and nothing
 * typed is lost.
 */
#include "tui/tui.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/buf.h"
#include "core/base/xmalloc.h"
#include "core/framework.h"
#include "core/i18n.h"
#include "core/interview.h"
#include "db/sites.h"
#include "db/store.h"

enum screen_new_row {
	NEW_FRAMEWORK,
	NEW_CATEGORY,
	NEW_SITE_PICK,
	NEW_EDIT,
	NEW_LANG,
	NEW_START
};

enum {
	NEW_F_NAME = 0,
	NEW_F_CODE,
	NEW_F_OPERATOR,
	NEW_F_LAT,
	NEW_F_LON,
	NEW_F_AUDITOR,
	NEW_F_EMAIL,
	NEW_NFIELDS
};

static const char *const screen_new_labels[NEW_NFIELDS] = {
	"Site name", "Site code", "Operator", "Latitude", "Longitude",
	"Auditor", "E-mail"
};

struct screen_new_item {
	enum screen_new_row	 kind;
	int			 index;	/* category or field */
};

struct screen_new {
	const struct framework_set *fws;
	int			 fw;
	unsigned char		*cats;		/* chosen, per category */
	struct db_site		*sites;
	size_t			 nsites;
	struct tui_edit		 filter;
	int			*matches;	/* indices into sites */
	int			 nmatches;
	int			 pick;		/* -1 = new site */
	struct tui_edit		 f[NEW_NFIELDS];
	int			 lang_fr;
	struct screen_new_item	*items;
	int			 nitems;
	int			 focus;
	int			 top;
	char			*error;
	int			 error_item;
};

static const char *const screen_new_help[] = {
	"Choose the framework and the categories to include, then the site:",
	"type in the Site row to filter the known sites and pick one with",
	"Left/Right, or fill in a new site's name, code, operator and",
	"coordinates. The auditor is remembered from the last interview.",
	"Start creates the session; every answer is then stored at once.",
	NULL
};

/* The keys of the focused row (all of them fit 80 columns in French). */
static const struct tui_hint screen_new_hints_choose[] = {
	{ "↑↓", "Move" }, { "←→", "Select" }, { "Enter", "Start" },
	{ NULL, NULL }
};

static const struct tui_hint screen_new_hints_category[] = {
	{ "↑↓", "Move" }, { "Space", "Toggle" }, { "Enter", "Start" },
	{ NULL, NULL }
};

static const struct tui_hint screen_new_hints_site[] = {
	{ "↑↓", "Move" }, { "←→", "Select" }, { "Enter", "Next" },
	{ NULL, NULL }
};

static const struct tui_hint screen_new_hints_edit[] = {
	{ "↑↓", "Move" }, { "Enter", "Next" }, { NULL, NULL }
};

static const struct tui_hint screen_new_hints_start[] = {
	{ "↑↓", "Move" }, { "Enter", "Start" }, { NULL, NULL }
};

static const struct framework *
screen_new_fw(struct screen_new *n)
{
	if (n->fws == NULL || n->fws->n == 0)
		return NULL;
	return n->fws->items[n->fw];
}

static void
screen_new_layout(struct screen_new *n)
{
	const struct framework *fw = screen_new_fw(n);
	size_t i, nc = fw != NULL ? fw->ncategories : 0;
	int k = 0;

	free(n->items);
	n->items = xcalloc(nc + NEW_NFIELDS + 4, sizeof *n->items);
	n->items[k++].kind = NEW_FRAMEWORK;
	for (i = 0; i < nc; i++) {
		n->items[k].kind = NEW_CATEGORY;
		n->items[k++].index = (int)i;
	}
	n->items[k++].kind = NEW_SITE_PICK;
	for (i = 0; i < NEW_NFIELDS; i++) {
		n->items[k].kind = NEW_EDIT;
		n->items[k++].index = (int)i;
	}
	n->items[k++].kind = NEW_LANG;
	n->items[k++].kind = NEW_START;
	n->nitems = k;
	if (n->focus >= k)
		n->focus = k - 1;
}

static void
screen_new_select_fw(struct screen_new *n, int fw)
{
	const struct framework *f;

	n->fw = fw;
	f = screen_new_fw(n);
	free(n->cats);
	n->cats = xcalloc(f != NULL && f->ncategories > 0 ? f->ncategories :
	    1, 1);
	if (f != NULL)
		memset(n->cats, 1, f->ncategories);
	screen_new_layout(n);
}

static int
screen_new_match(const char *hay, const char *needle)
{
	size_t nl = strlen(needle), i;

	if (nl == 0)
		return 1;
	if (hay == NULL)
		return 0;
	for (i = 0; hay[i] != '\0'; i++) {
		if (strncasecmp(hay + i, needle, nl) == 0)
			return 1;
	}
	return 0;
}

static void
screen_new_filter(struct screen_new *n)
{
	char *q;
	size_t i;

	q = tui_edit_text(&n->filter);
	n->nmatches = 0;
	for (i = 0; i < n->nsites; i++) {
		if (screen_new_match(n->sites[i].name, q) ||
		    screen_new_match(n->sites[i].code, q))
			n->matches[n->nmatches++] = (int)i;
	}
	free(q);
	n->pick = -1;
}

/* Fills the site fields from known site I (-1: leaves them). */
static void
screen_new_pick(struct screen_new *n, int i)
{
	const struct db_site *s;
	char num[32];

	n->pick = i;
	if (i < 0)
		return;
	s = &n->sites[n->matches[i]];
	tui_edit_set(&n->f[NEW_F_NAME], s->name);
	tui_edit_set(&n->f[NEW_F_CODE], s->code);
	tui_edit_set(&n->f[NEW_F_OPERATOR], s->operator);
	if (s->has_coords) {
		snprintf(num, sizeof num, "%.4f", s->latitude);
		tui_edit_set(&n->f[NEW_F_LAT], num);
		snprintf(num, sizeof num, "%.4f", s->longitude);
		tui_edit_set(&n->f[NEW_F_LON], num);
	} else {
		tui_edit_set(&n->f[NEW_F_LAT], "");
		tui_edit_set(&n->f[NEW_F_LON], "");
	}
}

static void
screen_new_enter(struct tui_screen *s, void *arg)
{
	struct screen_new *n;
	char *v, *cause = NULL;
	int i;

	(void)arg;
	n = xcalloc(1, sizeof *n);
	s->data = n;
	n->fws = tui_frameworks();
	for (i = 0; i < NEW_NFIELDS; i++)
		tui_edit_init(&n->f[i], i == NEW_F_NAME ? 200 : 120, 0);
	tui_edit_init(&n->filter, 60, 0);
	if (db_site_list(tui_store(), &n->sites, &n->nsites, &cause) !=
	    DB_OK) {
		tui_message(1, "%s", cause);
		free(cause);
	}
	n->matches = xcalloc(n->nsites + 1, sizeof *n->matches);
	screen_new_filter(n);
	v = store_meta_get(tui_store(), "ui.auditor");
	tui_edit_set(&n->f[NEW_F_AUDITOR], v);
	free(v);
	v = store_meta_get(tui_store(), "ui.email");
	tui_edit_set(&n->f[NEW_F_EMAIL], v);
	free(v);
	n->lang_fr = i18n_lang() == I18N_FR;
	screen_new_select_fw(n, 0);
}

static void
screen_new_leave(struct tui_screen *s)
{
	struct screen_new *n = s->data;
	int i;

	for (i = 0; i < NEW_NFIELDS; i++)
		tui_edit_release(&n->f[i]);
	tui_edit_release(&n->filter);
	db_site_list_free(n->sites, n->nsites);
	free(n->matches);
	free(n->cats);
	free(n->items);
	free(n->error);
	free(n);
}

static void
screen_new_fail(struct screen_new *n, int item, const char *msg)
{
	free(n->error);
	n->error = tui_cause(msg);
	n->error_item = item;
	n->focus = item;
}

static int
screen_new_item_of(struct screen_new *n, enum screen_new_row kind, int idx)
{
	int i;

	for (i = 0; i < n->nitems; i++) {
		if (n->items[i].kind == kind && (kind != NEW_EDIT &&
		    kind != NEW_CATEGORY ? 1 : n->items[i].index == idx))
			return i;
	}
	return 0;
}

/* Parses a coordinate field; 1 empty, 0 ok, -1 invalid. */
static int
screen_new_coord(struct tui_edit *e, double lim, double *out)
{
	char *t, *end;
	int rc;

	t = tui_edit_text(e);
	if (*t == '\0') {
		free(t);
		return 1;
	}
	*out = strtod(t, &end);
	rc = *end == '\0' && isfinite(*out) && fabs(*out) <= lim ? 0 : -1;
	free(t);
	return rc;
}

/*
 * The coordinate pair refused (RLAT, RLON from screen_new_coord): the
 * field, the value and the reason, in the interface's language.
 */
static void
screen_new_coord_fail(struct screen_new *n, int rlat, int rlon,
    const char *lat, const char *lon)
{
	char *msg;
	int f;

	if (rlat < 0 || rlon < 0) {
		f = rlat < 0 ? NEW_F_LAT : NEW_F_LON;
		msg = xasprintf("%s '%s' %s", tui_lbl(screen_new_labels[f]),
		    f == NEW_F_LAT ? lat : lon, i18n_tr(f == NEW_F_LAT ?
		    "is not a number from -90 to 90" :
		    "is not a number from -180 to 180"));
	} else {
		/* One of the two given alone: the other is missing. */
		f = rlat == 1 ? NEW_F_LAT : NEW_F_LON;
		msg = xasprintf("%s %s", tui_lbl(screen_new_labels[f]),
		    i18n_tr(f == NEW_F_LAT ?
		    "required with a longitude (or leave both empty)" :
		    "required with a latitude (or leave both empty)"));
	}
	screen_new_fail(n, screen_new_item_of(n, NEW_EDIT, f), msg);
	free(msg);
}

static void
screen_new_start(struct screen_new *n)
{
	const struct framework *fw = screen_new_fw(n);
	struct interview_params p;
	struct db_site site;
	struct buf cats;
	char *v[NEW_NFIELDS], *id = NULL, *cause = NULL;
	double lat = 0, lon = 0;
	size_t i, nchosen = 0;
	int rlat, rlon, rc;

	if (fw == NULL) {
		screen_new_fail(n, 0, "no frameworks");
		return;
	}
	for (i = 0; i < fw->ncategories; i++)
		nchosen += n->cats[i] != 0;
	if (nchosen == 0) {
		screen_new_fail(n, 1, i18n_tr("Choose at least one category"));
		return;
	}
	for (i = 0; i < NEW_NFIELDS; i++)
		v[i] = tui_edit_text(&n->f[i]);
	rlat = screen_new_coord(&n->f[NEW_F_LAT], 90, &lat);
	rlon = screen_new_coord(&n->f[NEW_F_LON], 180, &lon);
	buf_init(&cats, 0);
	if (*v[NEW_F_NAME] == '\0')
		screen_new_fail(n, screen_new_item_of(n, NEW_EDIT, NEW_F_NAME),
		    i18n_tr("A site name is required"));
	else if (*v[NEW_F_AUDITOR] == '\0')
		screen_new_fail(n, screen_new_item_of(n, NEW_EDIT,
		    NEW_F_AUDITOR), i18n_tr("An auditor name is required"));
	else if (rlat < 0 || rlon < 0 || rlat != rlon)
		screen_new_coord_fail(n, rlat, rlon, v[NEW_F_LAT],
		    v[NEW_F_LON]);
	else {
		if (nchosen < fw->ncategories) {
			for (i = 0; i < fw->ncategories; i++) {
				if (!n->cats[i])
					continue;
				if (cats.len > 0)
					buf_putc(&cats, ',');
				buf_puts(&cats, fw->categories[i].id);
			}
		}
		memset(&p, 0, sizeof p);
		p.framework = fw->id;
		p.site_name = v[NEW_F_NAME];
		p.site_code = *v[NEW_F_CODE] != '\0' ? v[NEW_F_CODE] : NULL;
		p.operator = *v[NEW_F_OPERATOR] != '\0' ? v[NEW_F_OPERATOR] :
		    NULL;
		p.auditor = v[NEW_F_AUDITOR];
		p.email = *v[NEW_F_EMAIL] != '\0' ? v[NEW_F_EMAIL] : NULL;
		p.lang = n->lang_fr ? "fr" : "en";
		p.categories = cats.len > 0 ? cats.data : NULL;
		rc = interview_start(tui_store(), n->fws, &p, &id, &cause);
		if (rc != INTERVIEW_OK) {
			/* Under the e-mail field when it is the reason. */
			screen_new_fail(n, cause != NULL && strncmp(cause,
			    "--email", 7) == 0 ? screen_new_item_of(n,
			    NEW_EDIT, NEW_F_EMAIL) : n->nitems - 1, cause);
			free(cause);
			goto out;
		}
		/* A new site with a code joins the known sites (and map). */
		if (p.site_code != NULL && n->pick < 0) {
			memset(&site, 0, sizeof site);
			site.code = (char *)(uintptr_t)p.site_code;
			site.name = v[NEW_F_NAME];
			site.operator = (char *)(uintptr_t)p.operator;
			site.has_coords = rlat == 0;
			site.latitude = lat;
			site.longitude = lon;
			if (store_begin(tui_store(), &cause) != DB_OK ||
			    db_site_upsert(tui_store(), &site, &cause) !=
			    DB_OK || store_commit(tui_store(), &cause) !=
			    DB_OK) {
				store_rollback(tui_store());
				tui_message(1, "%s", cause);
				free(cause);
				cause = NULL;
			}
		}
		store_meta_set(tui_store(), "ui.auditor", v[NEW_F_AUDITOR],
		    &cause);
		free(cause);
		cause = NULL;
		store_meta_set(tui_store(), "ui.email", v[NEW_F_EMAIL], &cause);
		free(cause);
		tui_replace(&screen_interview_ops, id);
		id = NULL;
	}
out:
	buf_release(&cats);
	for (i = 0; i < NEW_NFIELDS; i++)
		free(v[i]);
	free(id);
}

static int
screen_new_typing(struct tui_screen *s)
{
	struct screen_new *n = s->data;
	enum screen_new_row k = n->items[n->focus].kind;

	return k == NEW_EDIT || k == NEW_SITE_PICK;
}

static int
screen_new_key(struct tui_screen *s, const struct tui_key *k)
{
	struct screen_new *n = s->data;
	struct screen_new_item *it = &n->items[n->focus];
	int enter, nfw;

	enter = (k->code == 0 && (k->ch == '\r' || k->ch == '\n')) ||
	    k->code == KEY_ENTER;
	if (k->code == KEY_UP || k->code == KEY_BTAB) {
		if (n->focus > 0)
			n->focus--;
		return 1;
	}
	if (k->code == KEY_DOWN || (k->code == 0 && k->ch == '\t')) {
		if (n->focus + 1 < n->nitems)
			n->focus++;
		return 1;
	}
	if (k->code == KEY_NPAGE) {
		n->focus = n->nitems - 1;
		return 1;
	}
	if (k->code == KEY_PPAGE) {
		n->focus = 0;
		return 1;
	}
	nfw = n->fws != NULL ? (int)n->fws->n : 0;
	switch (it->kind) {
	case NEW_FRAMEWORK:
		if (k->code == KEY_RIGHT && nfw > 0) {
			screen_new_select_fw(n, (n->fw + 1) % nfw);
			return 1;
		}
		if (k->code == KEY_LEFT && nfw > 0) {
			screen_new_select_fw(n, (n->fw + nfw - 1) % nfw);
			return 1;
		}
		break;
	case NEW_CATEGORY:
		if (k->code == 0 && k->ch == ' ') {
			n->cats[it->index] = !n->cats[it->index];
			return 1;
		}
		break;
	case NEW_SITE_PICK:
		if (k->code == KEY_RIGHT) {
			if (n->nmatches > 0)
				screen_new_pick(n, (n->pick + 1) % n->nmatches);
			return 1;
		}
		if (k->code == KEY_LEFT) {
			if (n->nmatches > 0)
				screen_new_pick(n, n->pick <= 0 ?
				    n->nmatches - 1 : n->pick - 1);
			return 1;
		}
		if (!enter && tui_edit_key(&n->filter, k)) {
			screen_new_filter(n);
			if (n->nmatches == 1)
				screen_new_pick(n, 0);
			return 1;
		}
		if (enter) {
			n->focus++;
			return 1;
		}
		break;
	case NEW_EDIT:
		if (!enter && tui_edit_key(&n->f[it->index], k)) {
			if (it->index <= NEW_F_CODE)
				n->pick = n->pick >= 0 &&
				    it->index <= NEW_F_CODE ? -1 : n->pick;
			return 1;
		}
		if (enter) {
			n->focus++;
			return 1;
		}
		break;
	case NEW_LANG:
		if (k->code == KEY_LEFT || k->code == KEY_RIGHT ||
		    (k->code == 0 && k->ch == ' ')) {
			n->lang_fr = !n->lang_fr;
			return 1;
		}
		break;
	case NEW_START:
		break;
	}
	if (enter) {
		screen_new_start(n);
		return 1;
	}
	return 0;
}

/* "58 questions, 44 without follow-ups, about 29 min" (owned). */
static char *
screen_new_size(const struct framework *fw, int nasked)
{
	int min = fw->estimated_minutes > 0 ? fw->estimated_minutes :
	    (nasked + 1) / 2;

	return tui_trfmt("%d questions, %d without follow-ups, about %d min",
	    (int)fw->nquestions, nasked, min);
}

/*
 * Where an item is drawn: on form line LINE, in the cell of W columns
 * from X (the focus mark at X, the label at X + 2, the value LW columns
 * further; LW < 0: no label).
 */
struct screen_new_cell {
	int	 line;
	int	 x, w;
	int	 lw;
};

/* Layouts, from the roomiest: fields, then categories, in two columns. */
#define NEW_TWO_FIELDS	0x1
#define NEW_TWO_CATS	0x2
static const int screen_new_modes[3] = {
	0, NEW_TWO_FIELDS, NEW_TWO_FIELDS | NEW_TWO_CATS
};

/* Widest translation of the labels of fields FROM .. TO, plus 2. */
static int
screen_new_label_w(int from, int to, const char *also)
{
	int i, lw = also != NULL ? tui_width(i18n_tr(also)) : 0, x;

	for (i = from; i <= to; i++) {
		x = tui_width(i18n_tr(screen_new_labels[i]));
		if (x > lw)
			lw = x;
	}
	return lw + 2;
}

/*
 * Places every item for a form W columns wide in layout MODE; the
 * category heading line (two-column categories) in *CATHDR, else -1.
 * Returns the number of lines.
 */
static int
screen_new_place(struct screen_new *n, int w, int mode, int fwlw,
    struct screen_new_cell *c, int *cathdr)
{
	const struct framework *fw = screen_new_fw(n);
	const char *lang = n->lang_fr ? "fr" : "en";
	int i, ln = 0, lw = 16, nc, crows = 0, c0w = 0, x, mid, lwl, lwr;
	struct screen_new_item *it;

	*cathdr = -1;
	nc = fw != NULL ? (int)fw->ncategories : 0;
	if ((mode & NEW_TWO_CATS) && nc > 1) {
		crows = (nc + 1) / 2;
		for (i = 0; i < crows; i++) {
			x = tui_width(bank_str(&fw->categories[i].name, lang));
			if (x > c0w)
				c0w = x;
		}
		c0w += 6;	/* focus mark, "[x] " */
	}
	mid = w / 2;
	lwl = screen_new_label_w(NEW_F_NAME, NEW_F_LON, NULL);
	lwr = screen_new_label_w(NEW_F_AUDITOR, NEW_F_EMAIL, "Language");
	for (i = 0; i < n->nitems; i++) {
		it = &n->items[i];
		c[i].x = 0;
		c[i].w = w;
		c[i].lw = lw;
		switch (it->kind) {
		case NEW_FRAMEWORK:
			c[i].lw = fwlw;
			c[i].line = ln++;
			break;
		case NEW_CATEGORY:
			if (crows == 0) {
				c[i].line = ln++;
				break;
			}
			if (it->index == 0)
				*cathdr = ln++;
			c[i].line = ln + it->index % crows;
			c[i].lw = -1;
			if (it->index >= crows) {
				c[i].x = c0w + 1;
				c[i].w = w - c0w - 1;
			} else
				c[i].w = c0w;
			if (it->index == nc - 1)
				ln += crows;
			break;
		case NEW_EDIT:
		case NEW_LANG:
			if (!(mode & NEW_TWO_FIELDS)) {
				c[i].line = ln++;
				break;
			}
			if (it->kind == NEW_EDIT && it->index <= NEW_F_LON) {
				c[i].line = ln + it->index;
				c[i].w = mid;
				c[i].lw = lwl;
				break;
			}
			c[i].line = ln + (it->kind == NEW_LANG ? 2 :
			    it->index - NEW_F_AUDITOR);
			c[i].x = mid;
			c[i].w = w - mid;
			c[i].lw = lwr;
			if (it->kind == NEW_LANG)
				ln += NEW_F_LON + 1;
			break;
		default:
			c[i].line = ln++;
			break;
		}
	}
	return ln;
}

static void
screen_new_draw(struct tui_screen *s)
{
	struct screen_new *n = s->data;
	const struct framework *fw = screen_new_fw(n);
	const char *lang = n->lang_fr ? "fr" : "en";
	int top = tui_body_top(), rows = tui_body_rows(), w = COLS;
	int i, y, hdr, nasked = 0, size_row = 0, vis, mode, nlines = 0;
	int fwlw = 16, cathdr = -1, errline = -1, nerr = 0, blank, vx, vw;
	int fl, ex = 0;
	char *size = NULL;
	attr_t a, la;
	struct screen_new_item *it;
	struct screen_new_cell *c, *cc;
	size_t q;

	/* Header: the framework's description and size. */
	hdr = 0;
	if (fw != NULL) {
		for (q = 0; q < fw->nquestions; q++)
			nasked += fw->questions[q].parent < 0;
		/* A long name keeps its whole width: a narrower label. */
		if (2 + fwlw + tui_width(bank_str(&fw->name, lang)) + 4 > w)
			fwlw = tui_width(i18n_tr("Framework")) + 1;
		/* The whole description (up to 4 rows), then its size. */
		hdr = tui_wrap(top, 1, w - 2, 4, tui_attr(TUI_COLOR_DIM),
		    bank_str(&fw->description, lang));
		size = screen_new_size(fw, nasked);
		/* Beside the framework's name when it fits, else above. */
		size_row = 2 + fwlw + tui_width(bank_str(&fw->name, lang)) +
		    4 + 2 + tui_width(size) < w - 1;
		if (!size_row)
			hdr += tui_wrap(top + hdr, 1, w - 2, 2, A_NORMAL, size);
	}
	/*
	 * The roomiest layout that shows every line with room for a reason
	 * (two rows) and a blank line under the header; then without the
	 * blank line; else the most compact one scrolls.
	 */
	c = xcalloc(n->nitems, sizeof *c);
	blank = 1;
	for (mode = 0; mode < 3; mode++) {
		nlines = screen_new_place(n, w, screen_new_modes[mode], fwlw,
		    c, &cathdr);
		if (hdr + 1 + nlines + 2 <= rows)
			break;
	}
	if (mode == 3)
		blank = hdr + 1 + nlines + 2 <= rows;
	hdr += blank;
	/* The reason under the line of its field, on two rows when long. */
	if (n->error != NULL && n->error_item >= 0 && n->error_item <
	    n->nitems) {
		cc = &c[n->error_item];
		/* Under the value, or the whole row for a narrow column. */
		ex = cc->x + 2 + (cc->lw > 0 ? cc->lw : 0);
		if (w - ex - 1 < 50)
			ex = 4;
		nerr = tui_wrap_rows(w - ex - 1, n->error) > 1 ? 2 : 1;
		errline = cc->line;
	}
	/* Keep the focused line (and its reason) visible. */
	fl = c[n->focus].line;
	if (fl - 1 == cathdr)
		fl = cathdr;
	vis = rows - hdr - (errline >= 0 && errline <= c[n->focus].line ?
	    nerr : 0);
	if (vis < 1)
		vis = 1;
	if (fl < n->top)
		n->top = fl;
	if (c[n->focus].line >= n->top + vis)
		n->top = c[n->focus].line - vis + 1;
	if (n->top + vis > nlines)
		n->top = nlines - vis > 0 ? nlines - vis : 0;
	if (cathdr >= n->top && cathdr - n->top < vis) {
		y = top + hdr + cathdr - n->top + (errline >= 0 && cathdr >
		    errline ? nerr : 0);
		tui_put(y, 2, w - 3, n->items[n->focus].kind == NEW_CATEGORY ?
		    A_BOLD : A_NORMAL, i18n_tr("Categories"));
	}
	for (i = 0; i < n->nitems; i++) {
		it = &n->items[i];
		cc = &c[i];
		if (cc->line < n->top)
			continue;
		y = top + hdr + cc->line - n->top + (errline >= 0 && cc->line >
		    errline ? nerr : 0);
		if (y >= top + rows)
			continue;
		a = i == n->focus ? tui_attr(TUI_COLOR_FOCUS) : A_NORMAL;
		la = i == n->focus ? A_BOLD : A_NORMAL;
		vx = cc->x + 2 + (cc->lw > 0 ? cc->lw : 0);
		vw = cc->x + cc->w - 1 - vx;
		if (cc->x + cc->w >= w)
			vw = w - 1 - vx;
		if (i == n->focus)
			tui_put(y, cc->x, 1, A_BOLD, ">");
		switch (it->kind) {
		case NEW_FRAMEWORK:
			tui_put(y, cc->x + 2, cc->lw, la,
			    i18n_tr("Framework"));
			if (fw == NULL)
				break;
			tui_printf(y, vx, w - vx, a, "< %s >",
			    bank_str(&fw->name, lang));
			if (size_row)
				tui_put(y, w - tui_width(size) - 1,
				    tui_width(size), tui_attr(TUI_COLOR_DIM),
				    size);
			break;
		case NEW_CATEGORY:
			if (it->index == 0 && cc->lw > 0)
				tui_put(y, cc->x + 2, cc->lw, la,
				    i18n_tr("Categories"));
			tui_printf(y, vx, vw + (cc->lw > 0 ? 0 : 1), a,
			    "[%s] %s", n->cats[it->index] ? "x" : " ",
			    bank_str(&fw->categories[it->index].name, lang));
			break;
		case NEW_SITE_PICK:
			tui_put(y, cc->x + 2, cc->lw, la, i18n_tr("Site"));
			tui_edit_draw(&n->filter, y, vx, 16, 1,
			    i == n->focus);
			if (n->pick >= 0)
				tui_printf(y, vx + 18, w - vx - 19, a,
				    "< %s  %s > (%d/%d)",
				    n->sites[n->matches[n->pick]].code,
				    n->sites[n->matches[n->pick]].name,
				    n->pick + 1, n->nmatches);
			else
				tui_printf(y, vx + 18, w - vx - 19,
				    tui_attr(TUI_COLOR_DIM), "< %s > (%d)",
				    i18n_tr("New site"), n->nmatches);
			break;
		case NEW_EDIT:
			tui_put(y, cc->x + 2, cc->lw, la, i18n_tr(
			    screen_new_labels[it->index]));
			tui_edit_draw(&n->f[it->index], y, vx,
			    vw > 60 ? 60 : vw, 1, i == n->focus);
			break;
		case NEW_LANG:
			tui_put(y, cc->x + 2, cc->lw, la, i18n_tr("Language"));
			tui_printf(y, vx, vw, a, "< %s >", n->lang_fr ?
			    "Français" : "English");
			break;
		case NEW_START:
			tui_printf(y, vx, vw, i == n->focus ?
			    tui_attr(TUI_COLOR_FOCUS) | A_BOLD : A_BOLD,
			    "[ %s ]", i18n_tr("Start the interview"));
			break;
		}
		if (i == n->error_item && errline >= 0 && y + 1 < top + rows)
			tui_wrap(y + 1, ex, w - ex - 1, y + 2 < top + rows ?
			    nerr : 1, tui_attr(TUI_COLOR_ERROR), n->error);
	}
	free(c);
	free(size);
}

static const struct tui_hint *
screen_new_hints_fn(struct tui_screen *s)
{
	struct screen_new *n = s->data;

	if (n == NULL || n->nitems == 0)
		return screen_new_hints_start;
	switch (n->items[n->focus].kind) {
	case NEW_FRAMEWORK:
	case NEW_LANG:
		return screen_new_hints_choose;
	case NEW_CATEGORY:
		return screen_new_hints_category;
	case NEW_SITE_PICK:
		return screen_new_hints_site;
	case NEW_EDIT:
		return screen_new_hints_edit;
	case NEW_START:
		break;
	}
	return screen_new_hints_start;
}

const struct tui_screen_ops screen_new_ops = {
	.name = "new",
	.title = "New interview",
	.enter = screen_new_enter,
	.leave = screen_new_leave,
	.key = screen_new_key,
	.draw = screen_new_draw,
	.hints = screen_new_hints_fn,
	.help = screen_new_help,
	.typing = screen_new_typing,
};

/* SPDX-License-Identifier: MIT */
/*
 * Home: interviews (in progress, paused, completed), recent reports,
 * running jobs with progress bars, and the sync status. Two lists take
 * the focus in turn (Tab); Enter resumes an interview or opens a report.
 * Reloaded on every store change, so a job moving or a report appearing
 * shows without a key.
 */
#include "tui/tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/xmalloc.h"
#include "core/framework.h"
#include "core/i18n.h"
#include "core/interview.h"
#include "db/dashboard.h"
#include "db/reports.h"
#include "db/sessions.h"
#include "db/store.h"

#define HOME_REPORTS 8

struct screen_home {
	struct db_session	*sessions;
	size_t			 nsessions;
	int			*percent;	/* per session, -1 unknown */
	char			**pkeys;	/* "id|updated_at" of pcache */
	int			*pcache;	/* percent per pkeys entry */
	size_t			 npkeys;
	struct db_report	*reports;
	size_t			 nreports;
	struct dashboard_db_job	*jobs;
	size_t			 njobs;
	int			 focus;		/* 0 interviews, 1 reports */
	int			 sel[2];
	int			 top[2];
};

static const char *const screen_home_help[] = {
	"Interviews in progress, paused and completed, the latest reports",
	"and the jobs running in the background.",
	"Every answer is stored the moment it is given: leave at any time",
	"and resume later exactly where you were.",
	"L switches the interface between English and French.",
	NULL
};

static const struct tui_hint screen_home_hints[] = {
	/* Short labels, the screen keys first: they fit 80 columns. */
	{ "n", "New" }, { "r", "Reports" }, { "d", "Dashboard" },
	{ "j", "Jobs" }, { "L", "Language" }, { "Tab", "Panel" },
	{ "Enter", "Open" }, { NULL, NULL }
};

static void
screen_home_free(struct screen_home *h)
{
	db_session_list_free(h->sessions, h->nsessions);
	free(h->percent);
	h->percent = NULL;
	db_report_list_free(h->reports, h->nreports);
	dashboard_db_free_jobs(h->jobs, h->njobs);
	h->sessions = NULL;
	h->reports = NULL;
	h->jobs = NULL;
	h->nsessions = h->nreports = h->njobs = 0;
}

static void
screen_home_enter(struct tui_screen *s, void *arg)
{
	(void)arg;
	s->data = xcalloc(1, sizeof (struct screen_home));
}

static void
screen_home_leave(struct tui_screen *s)
{
	struct screen_home *h = s->data;
	size_t j;

	screen_home_free(h);
	for (j = 0; j < h->npkeys; j++)
		free(h->pkeys[j]);
	free(h->pkeys);
	free(h->pcache);
	free(h);
}

#define HOME_PROGRESS_MAX 50

/*
 * Progress of the first open sessions. Each is a small load, done again
 * only for sessions changed since the last time (keyed by id and
 * updated_at), so job events do not reload every interview.
 */
static void
screen_home_progress(struct screen_home *h)
{
	const struct framework_set *fws = tui_frameworks();
	struct interview *iv;
	struct interview_progress p;
	char *cause = NULL, **keys;
	size_t i, j;

	h->percent = xcalloc(h->nsessions + 1, sizeof *h->percent);
	keys = xcalloc(h->nsessions + 1, sizeof *keys);
	for (i = 0; i < h->nsessions; i++) {
		h->percent[i] = -1;
		if (fws == NULL || i >= HOME_PROGRESS_MAX ||
		    strcmp(h->sessions[i].status, "completed") == 0)
			continue;
		keys[i] = xasprintf("%s|%s", h->sessions[i].id,
		    h->sessions[i].updated_at);
		for (j = 0; j < h->npkeys; j++) {
			if (h->pkeys[j] != NULL &&
			    strcmp(h->pkeys[j], keys[i]) == 0)
				break;
		}
		if (j < h->npkeys) {
			h->percent[i] = h->pcache[j];
			continue;
		}
		if (interview_load(tui_store(), fws, h->sessions[i].id, &iv,
		    &cause) != INTERVIEW_OK) {
			free(cause);
			cause = NULL;
			continue;
		}
		interview_progress(iv, &p);
		h->percent[i] = p.percent;
		interview_progress_release(&p);
		interview_free(iv);
	}
	for (j = 0; j < h->npkeys; j++)
		free(h->pkeys[j]);
	free(h->pkeys);
	free(h->pcache);
	h->pkeys = keys;
	h->npkeys = h->nsessions;
	h->pcache = xcalloc(h->nsessions + 1, sizeof *h->pcache);
	memcpy(h->pcache, h->percent, h->nsessions * sizeof *h->pcache);
}

static void
screen_home_recalc(struct tui_screen *s)
{
	struct screen_home *h = s->data;
	struct db_report_filter f;
	struct db_session *all;
	size_t nall, i, total;
	char *cause = NULL;

	screen_home_free(h);
	if (db_session_list(tui_store(), NULL, &all, &nall, &cause) != DB_OK) {
		tui_message(1, "%s", cause);
		free(cause);
		cause = NULL;
	} else {
		/* Keep everything but abandoned sessions, order as given. */
		h->sessions = xcalloc(nall + 1, sizeof *h->sessions);
		for (i = 0; i < nall; i++) {
			if (strcmp(all[i].status, "abandoned") == 0) {
				db_session_release(&all[i]);
				continue;
			}
			h->sessions[h->nsessions++] = all[i];
		}
		free(all);
		screen_home_progress(h);
	}
	memset(&f, 0, sizeof f);
	f.limit = HOME_REPORTS;
	if (db_report_list(tui_store(), &f, &h->reports, &h->nreports, &total,
	    &cause) != DB_OK) {
		tui_message(1, "%s", cause);
		free(cause);
		cause = NULL;
	}
	if (dashboard_db_jobs(tui_store(), 1, 10, &h->jobs, &h->njobs,
	    &cause) != DB_OK) {
		tui_message(1, "%s", cause);
		free(cause);
	}
	if (h->sel[0] >= (int)h->nsessions)
		h->sel[0] = h->nsessions > 0 ? (int)h->nsessions - 1 : 0;
	if (h->sel[1] >= (int)h->nreports)
		h->sel[1] = h->nreports > 0 ? (int)h->nreports - 1 : 0;
}

static void
screen_home_event(struct tui_screen *s, unsigned ev)
{
	if (ev & (TUI_EVENT_DATA | TUI_EVENT_JOB))
		s->needs_recalc = s->needs_draw = 1;
}

static void
screen_home_open(struct screen_home *h)
{
	const struct db_session *se;

	if (h->focus == 0 && h->nsessions > 0) {
		se = &h->sessions[h->sel[0]];
		if (strcmp(se->status, "completed") == 0 &&
		    se->report_id != NULL)
			tui_push(&screen_report_ops, xstrdup(se->report_id));
		else if (!tui_refuse_write(i18n_tr("resume an interview")))
			tui_push(&screen_interview_ops, xstrdup(se->id));
	} else if (h->focus == 1 && h->nreports > 0)
		tui_push(&screen_report_ops,
		    xstrdup(h->reports[h->sel[1]].report_id));
}

/* The language switched on a read-only store is not kept: says so. */
static void
screen_home_lang_note(void)
{
	char *m;

	m = tui_trfmt("Language for this run only: '%s' is read-only",
	    store_path(tui_store()));
	tui_message(0, "%s", m);
	free(m);
}

static int
screen_home_key(struct tui_screen *s, const struct tui_key *k)
{
	struct screen_home *h = s->data;
	int n = h->focus == 0 ? (int)h->nsessions : (int)h->nreports;
	int *sel = &h->sel[h->focus];
	char *cause = NULL;

	if (k->code == KEY_DOWN || (k->code == 0 && k->ch == 'j' && 0)) {
		if (*sel + 1 < n)
			(*sel)++;
		return 1;
	}
	if (k->code == KEY_UP) {
		if (*sel > 0)
			(*sel)--;
		return 1;
	}
	if ((k->code == 0 && k->ch == '\t') || k->code == KEY_BTAB) {
		h->focus = !h->focus;
		return 1;
	}
	if ((k->code == 0 && (k->ch == '\r' || k->ch == '\n')) ||
	    k->code == KEY_ENTER) {
		screen_home_open(h);
		return 1;
	}
	if (k->code != 0)
		return 0;
	switch (k->ch) {
	case 'n':
		if (!tui_refuse_write(i18n_tr("start a new interview")))
			tui_push(&screen_new_ops, NULL);
		return 1;
	case 'r':
		tui_push(&screen_reports_ops, NULL);
		return 1;
	case 'd':
		tui_push(&screen_dashboard_ops, NULL);
		return 1;
	case 'j':
		tui_push(&screen_jobs_ops, NULL);
		return 1;
	case 'L':
		i18n_set_lang(i18n_lang() == I18N_FR ? "en" : "fr");
		if (tui_readonly())
			screen_home_lang_note();
		else if (store_meta_set(tui_store(), "ui.lang",
		    i18n_lang_code(), &cause) != DB_OK) {
			tui_message(1, "%s", cause);
			free(cause);
		}
		tui_touch();
		return 1;
	default:
		return 0;
	}
}

static const char *
screen_home_date(const char *iso)
{
	static char d[11];

	if (iso == NULL)
		return "";
	snprintf(d, sizeof d, "%.10s", iso);
	return d;
}

static void
screen_home_draw(struct tui_screen *s)
{
	struct screen_home *h = s->data;
	int top = tui_body_top(), rows = tui_body_rows(), w = COLS;
	int y, i, n1, n2, n3, row, aw, idw;
	char *pct;
	attr_t a;
	const struct db_session *se;
	const struct db_report *r;
	const struct dashboard_db_job *jb;

	/* Rows: jobs get what they need (at most 4), the rest is shared. */
	n3 = h->njobs == 0 ? 1 : (h->njobs > 4 ? 4 : (int)h->njobs);
	n2 = (rows - n3 - 3) / 2;
	n1 = rows - n3 - 3 - n2;

	y = top;
	tui_section(y++, 0, w, i18n_tr("Interviews"));
	if (h->nsessions == 0)
		tui_put(y, 2, w - 2, tui_attr(TUI_COLOR_DIM),
		    i18n_tr("No interviews yet"));
	if (h->sel[0] < h->top[0])
		h->top[0] = h->sel[0];
	if (h->sel[0] >= h->top[0] + n1)
		h->top[0] = h->sel[0] - n1 + 1;
	for (row = 0; row < n1; row++) {
		i = h->top[0] + row;
		if (i >= (int)h->nsessions)
			break;
		se = &h->sessions[i];
		a = h->focus == 0 && i == h->sel[0] ?
		    tui_attr(TUI_COLOR_FOCUS) : A_NORMAL;
		if (a != A_NORMAL) {
			attrset(a);
			mvhline(y + row, 0, ' ', w);
			attrset(A_NORMAL);
		}
		tui_put(y + row, 1, 14, a == A_NORMAL ?
		    tui_attr(tui_status_color(se->status)) : a,
		    tui_status_label(se->status));
		/* Below 100 columns the auditor gives room to the site. */
		aw = w >= 100 ? 19 : 12;
		tui_put(y + row, 16, 16, a, se->framework);
		tui_put(y + row, 33, w - 12 - aw - 7 - 33, a, se->site_name);
		/* Right-aligned a column before the auditor ("45 %"). */
		if (h->percent != NULL && h->percent[i] >= 0) {
			pct = tui_trfmt("%3d%%", h->percent[i]);
			tui_put(y + row, w - 13 - aw - tui_width(pct), 6, a,
			    pct);
			free(pct);
		}
		tui_put(y + row, w - 12 - aw, aw, a, se->auditor);
		tui_put(y + row, w - 11, 10, a, screen_home_date(
		    se->updated_at));
	}
	y += n1;
	tui_section(y++, 0, w, i18n_tr("Recent reports"));
	if (h->nreports == 0)
		tui_put(y, 2, w - 2, tui_attr(TUI_COLOR_DIM),
		    i18n_tr("No reports yet"));
	if (h->sel[1] < h->top[1])
		h->top[1] = h->sel[1];
	if (h->sel[1] >= h->top[1] + n2)
		h->top[1] = h->sel[1] - n2 + 1;
	/* The id column as wide as the longest id shown (at most 20). */
	idw = 6;
	for (row = 0; row < n2 && h->top[1] + row < (int)h->nreports; row++)
		if (tui_width(h->reports[h->top[1] + row].report_id) > idw)
			idw = tui_width(h->reports[h->top[1] + row].report_id);
	if (idw > 20)
		idw = 20;
	for (row = 0; row < n2; row++) {
		i = h->top[1] + row;
		if (i >= (int)h->nreports)
			break;
		r = &h->reports[i];
		a = h->focus == 1 && i == h->sel[1] ?
		    tui_attr(TUI_COLOR_FOCUS) : A_NORMAL;
		if (a != A_NORMAL) {
			attrset(a);
			mvhline(y + row, 0, ' ', w);
			attrset(A_NORMAL);
		}
		tui_put(y + row, 1, idw, a, r->report_id);
		tui_put(y + row, 2 + idw, 10, a, screen_home_date(
		    r->audit_date));
		tui_put(y + row, 13 + idw, w - 13 - idw - 30, a, r->site_name);
		if (r->has_score) {
			const char *st = r->score >= 80 ? "compliant" :
			    r->score >= 60 ? "review_needed" : "non_compliant";

			tui_printf(y + row, w - 29, 6, a == A_NORMAL ?
			    tui_attr(tui_status_color(st)) : a, "%5.1f",
			    r->score);
			tui_put(y + row, w - 22, 14, a, tui_status_label(st));
		}
		if (r->sample)
			tui_put(y + row, w - 8, 8, tui_attr(TUI_COLOR_SAMPLE),
			    i18n_tr("SAMPLE"));
	}
	y += n2;
	tui_section(y++, 0, w, i18n_tr("Running jobs"));
	if (h->njobs == 0)
		tui_put(y, 2, w - 2, tui_attr(TUI_COLOR_DIM),
		    i18n_tr("No running jobs"));
	for (row = 0; row < n3 && row < (int)h->njobs; row++) {
		jb = &h->jobs[row];
		tui_put(y + row, 1, 10, A_NORMAL, i18n_tr(jb->kind));
		tui_put(y + row, 12, 14, tui_attr(tui_status_color(
		    jb->status)), tui_status_label(jb->status));
		tui_put(y + row, 27, 16, A_NORMAL, jb->stage != NULL ?
		    i18n_tr(jb->stage) : "");
		tui_bar(y + row, 44, w - 44 - 6, jb->progress / 100.0,
		    tui_attr(TUI_COLOR_BAR));
		pct = tui_trfmt("%3d%%", jb->progress);
		tui_put(y + row, w - 1 - tui_width(pct), 5, A_NORMAL, pct);
		free(pct);
	}
}

static const struct tui_hint *
screen_home_hints_fn(struct tui_screen *s)
{
	(void)s;
	return screen_home_hints;
}

const struct tui_screen_ops screen_home_ops = {
	.name = "home",
	.title = "Home",
	.enter = screen_home_enter,
	.leave = screen_home_leave,
	.key = screen_home_key,
	.event = screen_home_event,
	.recalc = screen_home_recalc,
	.draw = screen_home_draw,
	.hints = screen_home_hints_fn,
	.help = screen_home_help,
};

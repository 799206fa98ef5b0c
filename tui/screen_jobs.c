/* SPDX-License-Identifier: MIT */
/*
 * Jobs: every background job (document audits, interview scoring),
 * newest first, with its status, stage, progress bar, elapsed time,
 * attempts and error. `c` cancels the selected job (a running one stops
 * at its next stage), `r` queues a failed or cancelled one again. The
 * list reloads on every job event and store change, and the elapsed
 * times of running jobs tick every second.
 */
#include "tui/tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "core/i18n.h"
#include "db/jobs.h"
#include "db/store.h"

#define JOBS_LIST_MAX 500

struct screen_jobs {
	struct db_job	*v;
	size_t		 n;
	int		 sel, top;
};

static const char *const screen_jobs_help[] = {
	"Background jobs of this store: document audits and interview",
	"scoring, run by the worker threads of this program (and of any",
	"other vigilore process on the same store).",
	"c cancels the selected job; r queues a failed or cancelled job",
	"again. Enter opens the report of a finished job.",
	NULL
};

static const struct tui_hint screen_jobs_hints[] = {
	{ "↑↓", "Move" }, { "c", "Cancel" }, { "r", "Retry" },
	{ "Enter", "Open" }, { NULL, NULL }
};

static void
screen_jobs_enter(struct tui_screen *s, void *arg)
{
	(void)arg;
	s->data = xcalloc(1, sizeof (struct screen_jobs));
}

static void
screen_jobs_leave(struct tui_screen *s)
{
	struct screen_jobs *j = s->data;

	db_job_list_free(j->v, j->n);
	free(j);
}

static void
screen_jobs_recalc(struct tui_screen *s)
{
	struct screen_jobs *j = s->data;
	char *cause = NULL;

	db_job_list_free(j->v, j->n);
	j->v = NULL;
	j->n = 0;
	if (db_job_list(tui_store(), JOBS_LIST_MAX, &j->v, &j->n, &cause) !=
	    DB_OK) {
		tui_message(1, "%s", cause);
		free(cause);
	}
	if (j->sel >= (int)j->n)
		j->sel = j->n > 0 ? (int)j->n - 1 : 0;
}

static void
screen_jobs_event(struct tui_screen *s, unsigned ev)
{
	if (ev & (TUI_EVENT_DATA | TUI_EVENT_JOB))
		s->needs_recalc = 1;
	s->needs_draw = 1;
}

static void
screen_jobs_change(struct screen_jobs *j,
    enum db_status (*fn)(struct store *, const char *, char **),
    const char *done)
{
	char *cause = NULL;
	enum db_status ds;

	if (j->n == 0)
		return;
	if (store_begin(tui_store(), &cause) != DB_OK) {
		tui_message(1, "%s", cause);
		free(cause);
		return;
	}
	ds = fn(tui_store(), j->v[j->sel].id, &cause);
	if (ds != DB_OK) {
		store_rollback(tui_store());
		tui_message(1, "%s", cause);
		free(cause);
		return;
	}
	if (store_commit(tui_store(), &cause) != DB_OK) {
		tui_message(1, "%s", cause);
		free(cause);
		return;
	}
	tui_message(0, "%s", i18n_tr(done));
	tui_jobs_kick();
	tui_touch();
}

static int
screen_jobs_key(struct tui_screen *s, const struct tui_key *k)
{
	struct screen_jobs *j = s->data;
	int n = (int)j->n;

	if (k->code == KEY_DOWN) {
		if (j->sel + 1 < n)
			j->sel++;
		return 1;
	}
	if (k->code == KEY_UP) {
		if (j->sel > 0)
			j->sel--;
		return 1;
	}
	if (k->code == 0 && k->ch == 'c') {
		if (tui_refuse_write(i18n_tr("cancel a job")))
			return 1;
		screen_jobs_change(j, db_job_cancel, "Job cancelled");
		return 1;
	}
	if (k->code == 0 && k->ch == 'r') {
		if (tui_refuse_write(i18n_tr("retry a job")))
			return 1;
		screen_jobs_change(j, db_job_retry, "Job queued again");
		return 1;
	}
	if (((k->code == 0 && (k->ch == '\r' || k->ch == '\n')) ||
	    k->code == KEY_ENTER) && n > 0) {
		if (j->v[j->sel].report_id != NULL)
			tui_push(&screen_report_ops,
			    xstrdup(j->v[j->sel].report_id));
		return 1;
	}
	return 0;
}

/* Milliseconds since the epoch of an ISO "YYYY-MM-DDTHH:MM:SSZ", or -1. */
static int64_t
screen_jobs_ms(const char *iso)
{
	int64_t days;
	char date[11];
	int h, m, sec;

	if (iso == NULL || strlen(iso) < 19)
		return -1;
	memcpy(date, iso, 10);
	date[10] = '\0';
	if (clock_parse_date(date, &days) != 0)
		return -1;
	if (sscanf(iso + 11, "%2d:%2d:%2d", &h, &m, &sec) != 3)
		return -1;
	return ((days * 86400) + h * 3600 + m * 60 + sec) * 1000;
}

static void
screen_jobs_elapsed(const struct db_job *jb, char *out, size_t len)
{
	int64_t a, b, s;

	a = screen_jobs_ms(jb->started_at);
	b = jb->finished_at != NULL ? screen_jobs_ms(jb->finished_at) :
	    clock_now_ms();
	if (a < 0 || b < a) {
		snprintf(out, len, "-");
		return;
	}
	s = (b - a) / 1000;
	if (s >= 3600)
		snprintf(out, len, "%lldh%02lldm", (long long)(s / 3600),
		    (long long)(s / 60 % 60));
	else
		snprintf(out, len, "%lldm%02llds", (long long)(s / 60),
		    (long long)(s % 60));
}

static void
screen_jobs_draw(struct tui_screen *s)
{
	struct screen_jobs *j = s->data;
	int top = tui_body_top(), rows = tui_body_rows(), w = COLS;
	int y = top, i, list, barw;
	const struct db_job *jb;
	char el[32], *pct;
	const char *t;
	attr_t a, ha;

	/* Headers placed by columns (accented words are one column). */
	barw = w - 66 > 4 ? w - 66 : 4;
	ha = tui_attr(TUI_COLOR_HEADER);
	tui_put(y, 1, 9, ha, i18n_tr("Job"));
	tui_put(y, 11, 9, ha, i18n_tr("Kind"));
	tui_put(y, 21, 13, ha, i18n_tr("Status"));
	tui_put(y, 35, 14, ha, i18n_tr("Stage"));
	tui_put(y, 50, barw + 6, ha, i18n_tr("Progress"));
	t = i18n_tr("Elapsed");
	tui_put(y++, 65 + barw - tui_width(t), 9, ha, t);
	if (j->n == 0) {
		tui_put(y, 2, w - 2, tui_attr(TUI_COLOR_DIM),
		    i18n_tr("No jobs"));
		return;
	}
	/* Two rows a job: the line, then its error or report. */
	list = (top + rows - y) / 2;
	if (j->sel < j->top)
		j->top = j->sel;
	if (j->sel >= j->top + list)
		j->top = j->sel - list + 1;
	for (i = j->top; i < (int)j->n && i - j->top < list; i++) {
		jb = &j->v[i];
		a = i == j->sel ? tui_attr(TUI_COLOR_FOCUS) : A_NORMAL;
		if (a != A_NORMAL) {
			attrset(a);
			mvhline(y, 0, ' ', w);
			attrset(A_NORMAL);
		}
		tui_printf(y, 1, 9, a, "%.8s", jb->id);
		tui_put(y, 11, 9, a, i18n_tr(jb->kind));
		tui_put(y, 21, 13, a == A_NORMAL ?
		    tui_attr(tui_status_color(jb->status)) : a,
		    tui_status_label(jb->status));
		tui_put(y, 35, 14, a, jb->stage != NULL ? i18n_tr(jb->stage) :
		    "");
		tui_bar(y, 50, barw, jb->progress / 100.0,
		    tui_attr(TUI_COLOR_BAR));
		pct = tui_trfmt("%3d%%", jb->progress);
		tui_put(y, 56 + barw - tui_width(pct), 5, a, pct);
		free(pct);
		screen_jobs_elapsed(jb, el, sizeof el);
		tui_printf(y, 57 + barw, 9, a, "%8s", el);
		y++;
		if (jb->error != NULL)
			tui_printf(y, 11, w - 12, tui_attr(TUI_COLOR_ERROR),
			    "%s", jb->error);
		else if (jb->report_id != NULL)
			tui_printf(y, 11, w - 12, tui_attr(TUI_COLOR_DIM),
			    "%s %s", i18n_tr("Report"), jb->report_id);
		if (jb->attempts > 1)
			tui_printf(y, w - 14, 13, tui_attr(TUI_COLOR_DIM),
			    "x%d", jb->attempts);
		y++;
	}
}

static const struct tui_hint *
screen_jobs_hints_fn(struct tui_screen *s)
{
	(void)s;
	return screen_jobs_hints;
}

const struct tui_screen_ops screen_jobs_ops = {
	.name = "jobs",
	.title = "Jobs",
	.enter = screen_jobs_enter,
	.leave = screen_jobs_leave,
	.key = screen_jobs_key,
	.event = screen_jobs_event,
	.recalc = screen_jobs_recalc,
	.draw = screen_jobs_draw,
	.hints = screen_jobs_hints_fn,
	.help = screen_jobs_help,
};

/* SPDX-License-Identifier: MIT */
/*
 * Review and complete: the unanswered required questions of a session,
 * each with a jump back to it (Enter), the progress, and `c` to
 * complete. Completing queues an interview job (core/jobs.h); a worker
 * thread of the job runner scores it with its own store connection
 * while this thread keeps answering keys and animating a progress line.
 * The runner's notification (TUI_EVENT_JOB) makes the screen look at the
 * job again; when it is complete the report opens.
 */
#include "tui/tui.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "core/framework.h"
#include "core/i18n.h"
#include "core/interview.h"
#include "core/jobs.h"
#include "db/jobs.h"
#include "db/store.h"

struct screen_review {
	char			*id;
	struct interview	*iv;
	int			*list;
	int			 nlist;
	int			 sel;
	/* The completion job. */
	char			 job[UUID_TEXT_LEN];
	int			 running;	/* queued, not seen ending */
	char			*stage;
	int			 stage_progress;
	char			*report_id;
	char			*error;
	int64_t			 started;
	int			 tick;
};

static const char *const screen_review_help[] = {
	"The required questions still unanswered are listed: Enter jumps",
	"back to one. Completing scores the interview in the background",
	"(the screen keeps answering keys) and opens the report when ready;",
	"unanswered required questions lower the report's coverage.",
	NULL
};

static const struct tui_hint screen_review_hints[] = {
	{ "c", "Complete" }, { "Enter", "Jump" }, { "↑↓", "Move" },
	{ NULL, NULL }
};

static void
screen_review_load(struct screen_review *r)
{
	char *cause = NULL;
	size_t i;
	const struct framework *fw;

	interview_free(r->iv);
	r->iv = NULL;
	free(r->list);
	r->list = NULL;
	r->nlist = 0;
	if (tui_frameworks() == NULL)
		return;
	if (interview_load(tui_store(), tui_frameworks(), r->id, &r->iv,
	    &cause) != INTERVIEW_OK) {
		tui_message(1, "%s", cause);
		free(cause);
		return;
	}
	fw = r->iv->fw;
	r->list = xcalloc(fw->nquestions + 1, sizeof *r->list);
	for (i = 0; i < fw->nquestions; i++) {
		if (interview_is_asked(r->iv, i) && fw->questions[i].required &&
		    r->iv->answers[i].state == INTERVIEW_UNANSWERED)
			r->list[r->nlist++] = (int)i;
	}
	if (r->sel >= r->nlist)
		r->sel = r->nlist > 0 ? r->nlist - 1 : 0;
}

static void
screen_review_enter(struct tui_screen *s, void *arg)
{
	struct screen_review *r;

	r = xcalloc(1, sizeof *r);
	r->id = arg;
	s->data = r;
	screen_review_load(r);
}

/* Queues the completion as a job and wakes the runner. */
static void
screen_review_start(struct screen_review *r)
{
	char *cause = NULL;

	if (r->running || r->iv == NULL)
		return;
	if (tui_refuse_write(i18n_tr("complete the interview")))
		return;
	if (jobs_submit_interview(tui_store(), r->id, r->job, &cause) != 0) {
		tui_message(1, "%s", cause);
		free(cause);
		return;
	}
	r->running = 1;
	r->started = clock_mono_ms();
	if (!tui_jobs_running())
		tui_message(0, "%s", "VIGILORE_NO_JOBS: the job waits for "
		    "a worker");
	tui_jobs_kick();
}

/* Looks at the job; 1 when it has ended (report or error set). */
static int
screen_review_poll(struct screen_review *r)
{
	struct db_job j;
	char *cause = NULL;
	int ended = 0;

	if (db_job_get(tui_store(), r->job, &j, &cause) != DB_OK) {
		free(cause);
		return 0;
	}
	r->stage_progress = j.progress;
	free(r->stage);
	r->stage = j.stage != NULL ? xstrdup(j.stage) : NULL;
	if (strcmp(j.status, "complete") == 0) {
		r->report_id = xstrdup(j.report_id != NULL ? j.report_id : "");
		ended = 1;
	} else if (strcmp(j.status, "failed") == 0 ||
	    strcmp(j.status, "cancelled") == 0) {
		r->error = xasprintf("%s: %s", tui_status_label(j.status),
		    j.error != NULL ? j.error : "");
		ended = 1;
	}
	db_job_release(&j);
	return ended;
}

static void
screen_review_leave(struct tui_screen *s)
{
	struct screen_review *r = s->data;

	interview_free(r->iv);
	free(r->stage);
	free(r->list);
	free(r->report_id);
	free(r->error);
	free(r->id);
	free(r);
}

static void
screen_review_recalc(struct tui_screen *s)
{
	struct screen_review *r = s->data;
	const char *lang;
	char *rid;

	if (r->running && screen_review_poll(r)) {
		r->running = 0;
		if (r->error != NULL) {
			tui_message(1, "%s", r->error);
			XFREE(r->error);
			screen_review_load(r);
			return;
		}
		rid = r->report_id;
		r->report_id = NULL;
		/* Home, then the report; the interview is over. */
		lang = i18n_lang() == I18N_FR ? "fr" : "en";
		tui_pop_to_home();
		/* The report speaks the language of its interview. */
		screen_report_speak(lang);
		tui_push(&screen_report_ops, rid);
		return;
	}
	if (!r->running)
		screen_review_load(r);
}

static void
screen_review_event(struct tui_screen *s, unsigned ev)
{
	struct screen_review *r = s->data;

	if (ev & (TUI_EVENT_JOB | TUI_EVENT_DATA))
		s->needs_recalc = s->needs_draw = 1;
	if (r->running && (ev & TUI_EVENT_TICK)) {
		r->tick++;
		s->needs_draw = 1;
	}
	if (ev & TUI_EVENT_RESIZE)
		s->needs_draw = 1;
}

static int
screen_review_key(struct tui_screen *s, const struct tui_key *k)
{
	struct screen_review *r = s->data;

	if (k->code == KEY_DOWN) {
		if (r->sel + 1 < r->nlist)
			r->sel++;
		return 1;
	}
	if (k->code == KEY_UP) {
		if (r->sel > 0)
			r->sel--;
		return 1;
	}
	if (r->running)
		return k->code == 0 && k->ch == 'c';
	if (k->code == 0 && (k->ch == 'c' || k->ch == 'C')) {
		screen_review_start(r);
		return 1;
	}
	if (((k->code == 0 && (k->ch == '\r' || k->ch == '\n')) ||
	    k->code == KEY_ENTER) && r->nlist > 0 && r->iv != NULL) {
		screen_interview_request(
		    r->iv->fw->questions[r->list[r->sel]].id);
		tui_pop();
		return 1;
	}
	return 0;
}

static void
screen_review_draw(struct tui_screen *s)
{
	struct screen_review *r = s->data;
	struct interview_progress p;
	const struct question *q;
	const char *lang;
	int top = tui_body_top(), rows = tui_body_rows(), w = COLS;
	int y = top, i, first, n;
	char *pct;
	static const char spin[] = "|/-\\";

	if (r->iv == NULL)
		return;
	lang = r->iv->lang;
	tui_printf(y++, 1, w - 2, A_BOLD, "%s · %s · %s", r->iv->site_name,
	    r->iv->fw->id, r->iv->auditor);
	interview_progress(r->iv, &p);
	tui_put(y, 1, 12, A_NORMAL, i18n_tr("Progress"));
	tui_bar(y, 14, 30, p.total > 0 ? (double)p.done / p.total : 0,
	    tui_attr(TUI_COLOR_BAR));
	tui_printf(y, 46, w - 47, A_NORMAL, "%d/%d  (%s %d/%d)", p.done,
	    p.total, i18n_tr("Required"), p.required_done, p.required);
	interview_progress_release(&p);
	y += 2;
	if (r->running) {
		pct = tui_trfmt("%d%%", r->stage_progress);
		tui_printf(y, 1, w - 2, tui_attr(TUI_COLOR_REVIEW) | A_BOLD,
		    "%c %s  %llds  %s %s", spin[r->tick % 4],
		    i18n_tr("Completing: scoring the interview"),
		    (long long)((clock_mono_ms() - r->started) / 1000),
		    r->stage != NULL ? i18n_tr(r->stage) : "", pct);
		free(pct);
	} else
		tui_put(y, 1, w - 2, A_BOLD, i18n_tr("Press c to complete"));
	y += 2;
	tui_section(y++, 0, w, i18n_tr("Unanswered required questions"));
	if (r->nlist == 0) {
		tui_put(y, 2, w - 2, tui_attr(TUI_COLOR_OK),
		    i18n_tr("Every required question is answered"));
		return;
	}
	n = top + rows - y;
	first = r->sel >= n ? r->sel - n + 1 : 0;
	for (i = first; i < r->nlist && y < top + rows; i++, y++) {
		q = &r->iv->fw->questions[r->list[i]];
		tui_printf(y, 1, w - 2, i == r->sel ?
		    tui_attr(TUI_COLOR_FOCUS) : A_NORMAL, "%-14s %s",
		    q->ref != NULL ? q->ref : q->id, bank_str(&q->text, lang));
	}
}

static const struct tui_hint *
screen_review_hints_fn(struct tui_screen *s)
{
	(void)s;
	return screen_review_hints;
}

const struct tui_screen_ops screen_review_ops = {
	.name = "review",
	.title = "Review and complete",
	.enter = screen_review_enter,
	.leave = screen_review_leave,
	.key = screen_review_key,
	.event = screen_review_event,
	.recalc = screen_review_recalc,
	.draw = screen_review_draw,
	.hints = screen_review_hints_fn,
	.help = screen_review_help,
};

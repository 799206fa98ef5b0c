/* SPDX-License-Identifier: MIT */
/*
 * The interview: one question at a time, with its category, reference,
 * help and the widget of its type (yes/no on single keys, option list,
 * check boxes, number field with its range, date field, 1-5 scale,
 * multi-line text), plus notes, confidence and an evidence file. Every
 * answer goes through interview_answer(), which commits it before
 * returning; a refused value shows the reason inline and keeps what was
 * typed. The position is stored at every move (interview_set_position),
 * and leaving pauses the session, so a later resume lands on the same
 * question. The UI speaks the interview's language while it is open.
 *
 * Also here: the category jump list (F7) and the list of unanswered
 * required questions (F8). Review and complete is screen_review.c.
 */
#include "tui/tui.h"

#include <dirent.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/answer.h"
#include "core/base/xmalloc.h"
#include "core/framework.h"
#include "core/i18n.h"
#include "core/interview.h"

enum {
	IV_FOCUS_ANSWER = 0,
	IV_FOCUS_NOTES,
	IV_FOCUS_CONF,
	IV_FOCUS_EVIDENCE,
	IV_NFOCUS
};

enum {
	IV_MODE_QUESTION = 0,
	IV_MODE_CATEGORIES,
	IV_MODE_UNANSWERED,
	IV_MODE_FILES
};

struct screen_interview {
	char			*id;
	struct interview	*iv;
	int			 qi;
	int			 sel;		/* option, yes/no or scale */
	unsigned char		*checked;	/* multi-select */
	struct tui_edit		 edit;		/* number, date, text */
	struct tui_edit		 notes, conf, evid;
	int			 focus;
	int			 mode;
	int			*list;		/* category or question idx */
	int			 nlist;
	int			 list_sel;
	char			*error;
	enum i18n_lang		 saved_lang;
	/* The evidence file picker. */
	char			*dir;		/* directory shown */
	char			**files;	/* names; folders end in / */
	int			 nfiles;
	/*
	 * What the widget, notes and confidence showed when last loaded
	 * from the store: a part that differs now holds the auditor's
	 * typing, which a reload (a sync pull) keeps.
	 */
	char			*base_answer, *base_notes, *base_conf;
};

static void	 screen_interview_free_files(struct screen_interview *);

/* A question the review screen asked to jump to (consumed on recalc). */
static char *screen_interview_goto_qid;

void
screen_interview_request(const char *qid)
{
	free(screen_interview_goto_qid);
	screen_interview_goto_qid = qid != NULL ? xstrdup(qid) : NULL;
}

static const char *const screen_interview_help[] = {
	"Answer with the widget shown: y/n (or o/n) for yes/no, arrows and",
	"Enter for options, Space to tick check boxes, digits 1-5 for a",
	"scale, typing for numbers, dates (YYYY-MM-DD) and text (Ctrl-D",
	"saves a text). Tab moves to notes, confidence (0-1) and an",
	"evidence file path. Each answer is stored at once.",
	"PgDn/PgUp (Ctrl-N/Ctrl-P) move between questions without answering;",
	"F5 not applicable, F6 skip an optional question, F7 jump to a",
	"category, F8 unanswered required questions, F9 review and complete.",
	"F2 picks an evidence file (its name and SHA-256 are stored with the",
	"answer). Esc pauses and leaves: resume later from Home at the same",
	"question.",
	NULL
};

static const struct tui_hint screen_interview_hints_q[] = {
	{ "Enter", "Answer" }, { "F9", "Review" }, { "PgDn/Up", "Move" },
	{ "F5", "N/A" }, { "F7", "Categories" }, { "F8", "Unanswered" },
	{ "Tab", "Notes" }, { "F2", "Evidence" }, { "F6", "Skip" },
	{ NULL, NULL }
};

static const struct tui_hint screen_interview_hints_t[] = {
	{ "Ctrl-D", "Save" }, { "F9", "Review" }, { "PgDn/Up", "Move" },
	{ "F5", "N/A" }, { "F7", "Categories" }, { "F8", "Unanswered" },
	{ "Tab", "Notes" }, { "F2", "Evidence" }, { "F6", "Skip" },
	{ NULL, NULL }
};

static const struct tui_hint screen_interview_hints_l[] = {
	{ "↑↓", "Move" }, { "Enter", "Jump" }, { NULL, NULL }
};

static const struct tui_hint screen_interview_hints_f[] = {
	{ "↑↓", "Move" }, { "Enter", "Select" }, { "←", "Parent folder" },
	{ NULL, NULL }
};

static const char *
screen_interview_lang(struct screen_interview *si)
{
	return si->iv != NULL && si->iv->lang != NULL ? si->iv->lang : "en";
}

static const struct question *
screen_interview_q(struct screen_interview *si)
{
	if (si->iv == NULL || si->qi < 0 ||
	    si->qi >= (int)si->iv->fw->nquestions)
		return NULL;
	return &si->iv->fw->questions[si->qi];
}

static void
screen_interview_clear_error(struct screen_interview *si)
{
	XFREE(si->error);
}

/* The state of the answer widget as text, to compare. Owned. */
static char *
screen_interview_widget_sig(struct screen_interview *si)
{
	const struct question *q = screen_interview_q(si);
	char *edit, *out, *marks;
	size_t i;

	if (q == NULL)
		return xstrdup("");
	marks = xcalloc(q->noptions + 1, 1);
	for (i = 0; i < q->noptions && si->checked != NULL; i++)
		marks[i] = si->checked[i] ? 'x' : '.';
	edit = tui_edit_text(&si->edit);
	out = xasprintf("%d|%s|%s", si->sel, marks, edit);
	free(edit);
	free(marks);
	return out;
}

/* What the stored answer to QI is, as text, to compare. Owned. */
static char *
screen_interview_answer_sig(const struct interview *iv, int qi)
{
	const struct interview_answer *a;
	char *v, *e, *out;

	if (iv == NULL || qi < 0 || qi >= (int)iv->fw->nquestions)
		return xstrdup("");
	a = &iv->answers[qi];
	v = a->value != NULL ? json_dumps(a->value, JSON_COMPACT |
	    JSON_ENCODE_ANY) : NULL;
	e = a->evidence != NULL ? json_dumps(a->evidence, JSON_COMPACT) :
	    NULL;
	out = xasprintf("%d|%s|%s|%d:%.17g|%s|%s|%d", (int)a->state,
	    v != NULL ? v : "", a->notes != NULL ? a->notes : "",
	    a->has_confidence, a->confidence, e != NULL ? e : "",
	    a->answered_at != NULL ? a->answered_at : "",
	    a->changed_elsewhere);
	free(v);
	free(e);
	return out;
}

static void	 screen_interview_fill_widget(struct screen_interview *);

/*
 * Sets the widget from the stored answer of the current question and
 * remembers what it shows.
 */
static void
screen_interview_load_widget(struct screen_interview *si)
{
	screen_interview_fill_widget(si);
	free(si->base_answer);
	free(si->base_notes);
	free(si->base_conf);
	si->base_answer = screen_interview_widget_sig(si);
	si->base_notes = tui_edit_text(&si->notes);
	si->base_conf = tui_edit_text(&si->conf);
}

/* 1 when the text of E is not BASE (the auditor typed in it). */
static int
screen_interview_edited(const struct tui_edit *e, const char *base)
{
	char *t = tui_edit_text(e);
	int yes = base == NULL || strcmp(t, base) != 0;

	free(t);
	return yes;
}

/*
 * The stored answer of the current question changed under the screen (a
 * sync pull): shows the new one, but whatever the auditor has typed or
 * chosen and not saved yet (the answer widget, notes, confidence, an
 * evidence path) stays as it is, with the focus.
 */
static void
screen_interview_reload_widget(struct screen_interview *si)
{
	struct tui_edit edit, notes, conf, evid;
	unsigned char *checked = NULL;
	char *sig, *error = NULL;
	int keep_answer, keep_notes, keep_conf, sel, focus;

	sig = screen_interview_widget_sig(si);
	keep_answer = si->base_answer == NULL ||
	    strcmp(sig, si->base_answer) != 0;
	free(sig);
	keep_notes = screen_interview_edited(&si->notes, si->base_notes);
	keep_conf = screen_interview_edited(&si->conf, si->base_conf);
	focus = si->focus;
	sel = si->sel;
	/* Take the auditor's parts out; load_widget makes fresh ones. */
	edit = si->edit;
	notes = si->notes;
	conf = si->conf;
	evid = si->evid;
	tui_edit_init(&si->edit, edit.max, edit.multiline);
	tui_edit_init(&si->notes, notes.max, notes.multiline);
	tui_edit_init(&si->conf, conf.max, conf.multiline);
	tui_edit_init(&si->evid, evid.max, evid.multiline);
	if (keep_answer) {
		checked = si->checked;
		si->checked = NULL;
		error = si->error;
		si->error = NULL;
	}
	screen_interview_load_widget(si);
	if (keep_answer) {
		tui_edit_release(&si->edit);
		si->edit = edit;
		free(si->checked);
		si->checked = checked;
		si->sel = sel;
		si->error = error;
	} else
		tui_edit_release(&edit);
	if (keep_notes) {
		tui_edit_release(&si->notes);
		si->notes = notes;
	} else
		tui_edit_release(&notes);
	if (keep_conf) {
		tui_edit_release(&si->conf);
		si->conf = conf;
	} else
		tui_edit_release(&conf);
	tui_edit_release(&si->evid);
	si->evid = evid;
	si->focus = focus;
}

/* Sets the widget from the stored answer of the current question. */
static void
screen_interview_fill_widget(struct screen_interview *si)
{
	const struct question *q = screen_interview_q(si);
	const struct interview_answer *a;
	json_t *v, *e;
	size_t i, k;
	char num[64];

	screen_interview_clear_error(si);
	free(si->checked);
	si->checked = NULL;
	si->sel = 0;
	si->focus = IV_FOCUS_ANSWER;
	tui_edit_release(&si->edit);
	if (q == NULL)
		return;
	tui_edit_init(&si->edit, ANSWER_TEXT_MAX, q->type == QUESTION_TEXT);
	si->checked = xcalloc(q->noptions + 1, 1);
	if (q->type == QUESTION_SCALE)
		si->sel = 2;
	a = &si->iv->answers[si->qi];
	tui_edit_set(&si->notes, a->notes);
	if (a->has_confidence) {
		snprintf(num, sizeof num, "%g", a->confidence);
		tui_edit_set(&si->conf, num);
	} else
		tui_edit_set(&si->conf, "");
	tui_edit_set(&si->evid, "");
	v = a->state == INTERVIEW_ANSWERED ? a->value : NULL;
	if (v == NULL)
		return;
	switch (q->type) {
	case QUESTION_YES_NO:
		si->sel = json_is_string(v) &&
		    strcmp(json_string_value(v), "no") == 0;
		break;
	case QUESTION_MULTIPLE_CHOICE:
		for (i = 0; i < q->noptions; i++) {
			if (json_is_string(v) && strcmp(json_string_value(v),
			    q->options[i].value) == 0)
				si->sel = (int)i;
		}
		break;
	case QUESTION_MULTI_SELECT:
		json_array_foreach(v, k, e) {
			for (i = 0; i < q->noptions; i++) {
				if (json_is_string(e) && strcmp(
				    json_string_value(e), q->options[i].value)
				    == 0)
					si->checked[i] = 1;
			}
		}
		break;
	case QUESTION_NUMBER:
		if (json_is_number(v)) {
			snprintf(num, sizeof num, "%.15g",
			    json_number_value(v));
			tui_edit_set(&si->edit, num);
		}
		break;
	case QUESTION_DATE:
	case QUESTION_TEXT:
		if (json_is_string(v))
			tui_edit_set(&si->edit, json_string_value(v));
		break;
	case QUESTION_SCALE:
		if (json_is_integer(v))
			si->sel = (int)json_integer_value(v) - 1;
		if (si->sel < 0 || si->sel > 4)
			si->sel = 2;
		break;
	}
}

static void
screen_interview_goto(struct screen_interview *si, int qi)
{
	const struct question *q;
	char *cause = NULL;

	si->qi = qi;
	si->mode = IV_MODE_QUESTION;
	screen_interview_load_widget(si);
	q = screen_interview_q(si);
	if (q != NULL && interview_set_position(tui_store(), si->iv, q->id,
	    &cause) != INTERVIEW_OK) {
		tui_message(1, "%s", cause);
		free(cause);
	}
}

static int
screen_interview_first_asked(struct screen_interview *si)
{
	return interview_step(si->iv, -1, 1);
}

static void
screen_interview_enter(struct tui_screen *s, void *arg)
{
	struct screen_interview *si;
	const struct framework_set *fws;
	char *cause = NULL;
	int qi = -1;

	si = xcalloc(1, sizeof *si);
	s->data = si;
	si->id = arg;
	si->saved_lang = i18n_lang();
	tui_edit_init(&si->notes, ANSWER_TEXT_MAX, 0);
	tui_edit_init(&si->conf, 8, 0);
	tui_edit_init(&si->evid, 1024, 0);
	tui_edit_init(&si->edit, ANSWER_TEXT_MAX, 0);
	fws = tui_frameworks();
	if (fws == NULL)
		return;
	if (interview_load(tui_store(), fws, si->id, &si->iv, &cause) !=
	    INTERVIEW_OK) {
		tui_message(1, "%s", cause);
		free(cause);
		si->iv = NULL;
		return;
	}
	i18n_set_lang(si->iv->lang);
	if (strcmp(si->iv->status, "paused") == 0 &&
	    interview_set_status(tui_store(), si->iv, "in_progress", &cause) !=
	    INTERVIEW_OK) {
		tui_message(1, "%s", cause);
		free(cause);
		cause = NULL;
	}
	if (si->iv->current_qid != NULL) {
		qi = framework_question_index(si->iv->fw, si->iv->current_qid);
		if (qi >= 0 && !interview_is_asked(si->iv, (size_t)qi))
			qi = -1;
	}
	if (qi < 0)
		qi = interview_next(si->iv);
	if (qi < 0)
		qi = screen_interview_first_asked(si);
	screen_interview_goto(si, qi);
}

static void
screen_interview_leave(struct tui_screen *s)
{
	struct screen_interview *si = s->data;
	struct interview *now = NULL;
	char *cause = NULL;

	/*
	 * Pause what is still in progress, as stored now: a job may have
	 * completed the session since this screen loaded it.
	 */
	if (si->iv != NULL && interview_load(tui_store(), tui_frameworks(),
	    si->id, &now, &cause) == INTERVIEW_OK) {
		if (strcmp(now->status, "in_progress") == 0 &&
		    interview_set_status(tui_store(), now, "paused", &cause) !=
		    INTERVIEW_OK) {
			free(cause);
			cause = NULL;
		}
		interview_free(now);
	}
	free(cause);
	i18n_set_lang(si->saved_lang == I18N_FR ? "fr" : "en");
	interview_free(si->iv);
	tui_edit_release(&si->edit);
	tui_edit_release(&si->notes);
	tui_edit_release(&si->conf);
	tui_edit_release(&si->evid);
	free(si->checked);
	free(si->list);
	free(si->error);
	free(si->id);
	free(si->base_answer);
	free(si->base_notes);
	free(si->base_conf);
	screen_interview_free_files(si);
	free(si->dir);
	free(si);
}

/*
 * Reloads after another screen (review) or a sync pull may have changed
 * things. When the current question's stored answer changed, the new
 * one is shown (and marked when it replaced ours) without losing what
 * the auditor is typing.
 */
static void
screen_interview_recalc(struct tui_screen *s)
{
	struct screen_interview *si = s->data;
	struct interview *iv = NULL;
	char *cause = NULL, *before, *after;
	const char *msg;
	int qi, changed;

	if (si->iv == NULL)
		return;
	if (interview_load(tui_store(), tui_frameworks(), si->id, &iv,
	    &cause) != INTERVIEW_OK) {
		free(cause);
		return;
	}
	before = screen_interview_answer_sig(si->iv, si->qi);
	after = screen_interview_answer_sig(iv, si->qi);
	changed = strcmp(before, after) != 0;
	free(before);
	free(after);
	interview_free(si->iv);
	si->iv = iv;
	if (changed && screen_interview_q(si) != NULL) {
		screen_interview_reload_widget(si);
		msg = i18n_tr("Answer changed on another terminal");
		if (iv->answers[si->qi].changed_elsewhere)
			tui_message(0, "%s", msg);
	}
	i18n_set_lang(si->iv->lang);
	if (strcmp(iv->status, "completed") == 0) {
		/* Completed from the review screen: nothing left to ask. */
		return;
	}
	if (strcmp(iv->status, "paused") == 0) {
		interview_set_status(tui_store(), iv, "in_progress", &cause);
		free(cause);
		cause = NULL;
	}
	if (screen_interview_goto_qid != NULL) {
		qi = framework_question_index(iv->fw,
		    screen_interview_goto_qid);
		XFREE(screen_interview_goto_qid);
		if (qi >= 0 && interview_is_asked(iv, (size_t)qi))
			screen_interview_goto(si, qi);
	}
}

static void
screen_interview_event(struct tui_screen *s, unsigned ev)
{
	/* The store changed (a sync pull): reload, keeping the typing. */
	if (ev & TUI_EVENT_DATA)
		s->needs_recalc = s->needs_draw = 1;
	if (ev & TUI_EVENT_RESIZE)
		s->needs_draw = 1;
}

/* After an answer: the next asked question, else the first open one. */
static void
screen_interview_advance(struct screen_interview *si)
{
	int next;

	next = interview_step(si->iv, si->qi, 1);
	if (next < 0)
		next = interview_next(si->iv);
	if (next < 0) {
		screen_interview_load_widget(si);
		tui_message(0, "%s", i18n_tr("All questions answered"));
		tui_push(&screen_review_ops, xstrdup(si->id));
		return;
	}
	screen_interview_goto(si, next);
}

/*
 * Submits VALUE (text) or JSON, or N/A or skip, with the notes,
 * confidence and evidence typed. ADVANCE moves on when stored.
 */
static int
screen_interview_submit(struct screen_interview *si, const char *value,
    json_t *json, int na, int skip, int advance)
{
	const struct question *q = screen_interview_q(si);
	struct interview_input in;
	char *notes, *conf, *evid, *cause = NULL;
	const char *ev[1];
	int rc;

	if (q == NULL)
		return -1;
	notes = tui_edit_text(&si->notes);
	conf = tui_edit_text(&si->conf);
	evid = tui_edit_text(&si->evid);
	memset(&in, 0, sizeof in);
	in.value = value;
	in.json = json;
	in.na = na;
	in.skip = skip;
	in.notes = *notes != '\0' ? notes : NULL;
	in.confidence = *conf != '\0' ? conf : NULL;
	if (*evid != '\0') {
		ev[0] = evid;
		in.evidence = ev;
		in.nevidence = 1;
	}
	rc = interview_answer(tui_store(), si->iv, q->id, &in, &cause);
	free(notes);
	free(conf);
	free(evid);
	if (rc != INTERVIEW_OK) {
		free(si->error);
		si->error = tui_cause(cause != NULL ? cause : "cannot answer");
		free(cause);
		return -1;
	}
	screen_interview_clear_error(si);
	tui_edit_set(&si->evid, "");
	tui_message(0, "%s", i18n_tr("Saved"));
	if (advance)
		screen_interview_advance(si);
	return 0;
}

/* Submits the answer widget's current value. */
static void
screen_interview_submit_widget(struct screen_interview *si)
{
	const struct question *q = screen_interview_q(si);
	json_t *arr;
	char *t, num[16];
	size_t i;

	switch (q->type) {
	case QUESTION_YES_NO:
		screen_interview_submit(si, si->sel == 0 ? "yes" : "no", NULL,
		    0, 0, 1);
		break;
	case QUESTION_MULTIPLE_CHOICE:
		if (q->noptions > 0)
			screen_interview_submit(si, q->options[si->sel].value,
			    NULL, 0, 0, 1);
		break;
	case QUESTION_MULTI_SELECT:
		arr = json_array();
		for (i = 0; i < q->noptions; i++) {
			if (si->checked[i])
				json_array_append_new(arr,
				    json_string(q->options[i].value));
		}
		screen_interview_submit(si, NULL, arr, 0, 0, 1);
		json_decref(arr);
		break;
	case QUESTION_NUMBER:
	case QUESTION_DATE:
	case QUESTION_TEXT:
		t = tui_edit_text(&si->edit);
		screen_interview_submit(si, t, NULL, 0, 0, 1);
		free(t);
		break;
	case QUESTION_SCALE:
		snprintf(num, sizeof num, "%d", si->sel + 1);
		screen_interview_submit(si, num, NULL, 0, 0, 1);
		break;
	}
}

/* Saves notes/confidence/evidence with the answer already given. */
static void
screen_interview_submit_meta(struct screen_interview *si)
{
	const struct interview_answer *a = &si->iv->answers[si->qi];
	json_t *v;

	if (a->state == INTERVIEW_ANSWERED) {
		v = json_incref(a->value);
		screen_interview_submit(si, NULL, v, 0, 0, 0);
		json_decref(v);
	} else if (a->state == INTERVIEW_NA)
		screen_interview_submit(si, NULL, NULL, 1, 0, 0);
	else {
		/* Kept with the answer still to come. */
		si->focus = IV_FOCUS_ANSWER;
		return;
	}
	if (si->error == NULL)
		si->focus = IV_FOCUS_ANSWER;
}

static int
screen_interview_text_widget(const struct question *q)
{
	return q != NULL && (q->type == QUESTION_NUMBER ||
	    q->type == QUESTION_DATE || q->type == QUESTION_TEXT);
}

static int
screen_interview_typing(struct tui_screen *s)
{
	struct screen_interview *si = s->data;

	if (si->iv == NULL || si->mode != IV_MODE_QUESTION)
		return 0;
	return si->focus != IV_FOCUS_ANSWER ||
	    screen_interview_text_widget(screen_interview_q(si));
}

static void
screen_interview_open_list(struct screen_interview *si, int mode)
{
	const struct framework *fw = si->iv->fw;
	size_t i;

	free(si->list);
	si->list = xcalloc(fw->nquestions + fw->ncategories + 1,
	    sizeof *si->list);
	si->nlist = 0;
	si->list_sel = 0;
	si->mode = mode;
	if (mode == IV_MODE_CATEGORIES) {
		for (i = 0; i < fw->ncategories; i++)
			si->list[si->nlist++] = (int)i;
		return;
	}
	for (i = 0; i < fw->nquestions; i++) {
		if (interview_is_asked(si->iv, i) &&
		    fw->questions[i].required &&
		    si->iv->answers[i].state == INTERVIEW_UNANSWERED)
			si->list[si->nlist++] = (int)i;
	}
}

/* Jumps to the first open (else first) asked question of category C. */
static void
screen_interview_jump_category(struct screen_interview *si, int c)
{
	const struct framework *fw = si->iv->fw;
	const char *id = fw->categories[c].id;
	size_t i;
	int first = -1;

	for (i = 0; i < fw->nquestions; i++) {
		if (!interview_is_asked(si->iv, i) ||
		    strcmp(fw->questions[i].category, id) != 0)
			continue;
		if (first < 0)
			first = (int)i;
		if (si->iv->answers[i].state == INTERVIEW_UNANSWERED) {
			screen_interview_goto(si, (int)i);
			return;
		}
	}
	if (first >= 0)
		screen_interview_goto(si, first);
	else
		si->mode = IV_MODE_QUESTION;
}

static void
screen_interview_free_files(struct screen_interview *si)
{
	int i;

	for (i = 0; i < si->nfiles; i++)
		free(si->files[i]);
	free(si->files);
	si->files = NULL;
	si->nfiles = 0;
}

static int
screen_interview_cmp_name(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int dx = x[strlen(x) - 1] == '/', dy = y[strlen(y) - 1] == '/';

	if (dx != dy)
		return dy - dx;
	return strcmp(x, y);
}

/* Lists DIR (owned, taken) for the picker: "../", directories, files. */
static void
screen_interview_list_dir(struct screen_interview *si, char *dir)
{
	DIR *d;
	struct dirent *e;
	struct stat sb;
	char *full;
	int cap = 16;

	screen_interview_free_files(si);
	free(si->dir);
	si->dir = dir;
	si->files = xcalloc((size_t)cap, sizeof *si->files);
	si->files[si->nfiles++] = xstrdup("../");
	d = opendir(dir);
	if (d == NULL) {
		tui_message(1, "cannot read '%s'", dir);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		full = xasprintf("%s/%s", dir, e->d_name);
		if (stat(full, &sb) != 0) {
			free(full);
			continue;
		}
		free(full);
		if (si->nfiles == cap) {
			cap *= 2;
			si->files = xreallocarray(si->files, (size_t)cap,
			    sizeof *si->files);
		}
		si->files[si->nfiles++] = S_ISDIR(sb.st_mode) ?
		    xasprintf("%s/", e->d_name) : xstrdup(e->d_name);
	}
	closedir(d);
	qsort(si->files + 1, (size_t)si->nfiles - 1, sizeof *si->files,
	    screen_interview_cmp_name);
}

static void
screen_interview_open_files(struct screen_interview *si)
{
	char cwd[PATH_MAX];

	if (getcwd(cwd, sizeof cwd) == NULL)
		snprintf(cwd, sizeof cwd, "/");
	screen_interview_list_dir(si, xstrdup(si->dir != NULL ? si->dir :
	    cwd));
	si->mode = IV_MODE_FILES;
	si->list_sel = 0;
}

static void
screen_interview_pick_file(struct screen_interview *si)
{
	const char *name = si->files[si->list_sel];
	size_t len = strlen(name);
	char *p, *path;

	if (strcmp(name, "../") == 0) {
		p = xstrdup(si->dir);
		path = strrchr(p, '/');
		if (path != NULL && path != p)
			*path = '\0';
		else
			snprintf(p, strlen(p) + 1, "/");
		screen_interview_list_dir(si, p);
		si->list_sel = 0;
		return;
	}
	path = xasprintf("%s%s%.*s", si->dir, strcmp(si->dir, "/") == 0 ?
	    "" : "/", (int)(name[len - 1] == '/' ? len - 1 : len), name);
	if (name[len - 1] == '/') {
		screen_interview_list_dir(si, path);
		si->list_sel = 0;
		return;
	}
	tui_edit_set(&si->evid, path);
	free(path);
	si->mode = IV_MODE_QUESTION;
	si->focus = IV_FOCUS_EVIDENCE;
}

static int
screen_interview_key_list(struct screen_interview *si,
    const struct tui_key *k)
{
	int n = si->mode == IV_MODE_FILES ? si->nfiles : si->nlist;

	if (k->code == KEY_DOWN) {
		if (si->list_sel + 1 < n)
			si->list_sel++;
		return 1;
	}
	if (k->code == KEY_UP) {
		if (si->list_sel > 0)
			si->list_sel--;
		return 1;
	}
	if (k->code == KEY_NPAGE) {
		si->list_sel = si->list_sel + 10 < n ? si->list_sel + 10 :
		    (n > 0 ? n - 1 : 0);
		return 1;
	}
	if (k->code == KEY_PPAGE) {
		si->list_sel = si->list_sel > 10 ? si->list_sel - 10 : 0;
		return 1;
	}
	if (k->code == 0 && k->ch == TUI_KEY_ESC) {
		si->mode = IV_MODE_QUESTION;
		return 1;
	}
	if (si->mode == IV_MODE_FILES && (k->code == KEY_LEFT ||
	    k->code == KEY_BACKSPACE || (k->code == 0 && k->ch == 127))) {
		si->list_sel = 0;
		screen_interview_pick_file(si);
		return 1;
	}
	if ((k->code == 0 && (k->ch == '\r' || k->ch == '\n')) ||
	    k->code == KEY_ENTER) {
		if (si->mode == IV_MODE_FILES) {
			if (n > 0)
				screen_interview_pick_file(si);
		} else if (si->nlist == 0)
			si->mode = IV_MODE_QUESTION;
		else if (si->mode == IV_MODE_CATEGORIES)
			screen_interview_jump_category(si,
			    si->list[si->list_sel]);
		else
			screen_interview_goto(si, si->list[si->list_sel]);
		return 1;
	}
	return 0;
}

static int
screen_interview_key_widget(struct screen_interview *si,
    const struct question *q, const struct tui_key *k)
{
	int enter, n;

	enter = (k->code == 0 && (k->ch == '\r' || k->ch == '\n')) ||
	    k->code == KEY_ENTER;
	switch (q->type) {
	case QUESTION_YES_NO:
		if (k->code == 0 && (k->ch == 'y' || k->ch == 'Y' ||
		    k->ch == 'o' || k->ch == 'O')) {
			si->sel = 0;
			screen_interview_submit(si, "yes", NULL, 0, 0, 1);
			return 1;
		}
		if (k->code == 0 && (k->ch == 'n' || k->ch == 'N')) {
			si->sel = 1;
			screen_interview_submit(si, "no", NULL, 0, 0, 1);
			return 1;
		}
		if (k->code == KEY_LEFT || k->code == KEY_RIGHT ||
		    k->code == KEY_UP || k->code == KEY_DOWN) {
			si->sel = !si->sel;
			return 1;
		}
		break;
	case QUESTION_MULTIPLE_CHOICE:
	case QUESTION_MULTI_SELECT:
		n = (int)q->noptions;
		if (k->code == KEY_DOWN) {
			if (si->sel + 1 < n)
				si->sel++;
			return 1;
		}
		if (k->code == KEY_UP) {
			if (si->sel > 0)
				si->sel--;
			return 1;
		}
		if (k->code == 0 && k->ch >= '1' && k->ch <= '9' &&
		    (int)(k->ch - '1') < n) {
			si->sel = (int)(k->ch - '1');
			if (q->type == QUESTION_MULTI_SELECT)
				si->checked[si->sel] = !si->checked[si->sel];
			else
				screen_interview_submit_widget(si);
			return 1;
		}
		if (q->type == QUESTION_MULTI_SELECT && k->code == 0 &&
		    k->ch == ' ' && n > 0) {
			si->checked[si->sel] = !si->checked[si->sel];
			return 1;
		}
		break;
	case QUESTION_SCALE:
		if (k->code == 0 && k->ch >= '1' && k->ch <= '5') {
			si->sel = (int)(k->ch - '1');
			screen_interview_submit_widget(si);
			return 1;
		}
		if (k->code == KEY_LEFT || k->code == KEY_DOWN) {
			if (si->sel > 0)
				si->sel--;
			return 1;
		}
		if (k->code == KEY_RIGHT || k->code == KEY_UP) {
			if (si->sel < 4)
				si->sel++;
			return 1;
		}
		break;
	case QUESTION_TEXT:
		if (k->code == 0 && k->ch == TUI_CTRL('D')) {
			screen_interview_submit_widget(si);
			return 1;
		}
		if (tui_edit_key(&si->edit, k))
			return 1;
		break;
	case QUESTION_NUMBER:
	case QUESTION_DATE:
		if (!enter && tui_edit_key(&si->edit, k))
			return 1;
		break;
	}
	if (enter) {
		screen_interview_submit_widget(si);
		return 1;
	}
	return 0;
}

static int
screen_interview_key(struct tui_screen *s, const struct tui_key *k)
{
	struct screen_interview *si = s->data;
	const struct question *q = screen_interview_q(si);
	struct tui_edit *e;
	int n, enter;

	if (si->iv == NULL || q == NULL)
		return 0;
	if (strcmp(si->iv->status, "completed") == 0) {
		/* Nothing more to answer here. */
		return 0;
	}
	if (si->mode != IV_MODE_QUESTION)
		return screen_interview_key_list(si, k);
	enter = (k->code == 0 && (k->ch == '\r' || k->ch == '\n')) ||
	    k->code == KEY_ENTER;
	if (k->code == KEY_NPAGE || (k->code == 0 &&
	    k->ch == TUI_CTRL('N'))) {
		n = interview_step(si->iv, si->qi, 1);
		if (n >= 0)
			screen_interview_goto(si, n);
		return 1;
	}
	if (k->code == KEY_PPAGE || (k->code == 0 &&
	    k->ch == TUI_CTRL('P'))) {
		n = interview_step(si->iv, si->qi, -1);
		if (n >= 0)
			screen_interview_goto(si, n);
		return 1;
	}
	if (k->code == KEY_F(5)) {
		if (!q->allow_na) {
			free(si->error);
			si->error = xstrdup(i18n_tr(
			    "Not applicable is not allowed here"));
			return 1;
		}
		screen_interview_submit(si, NULL, NULL, 1, 0, 1);
		return 1;
	}
	if (k->code == KEY_F(6)) {
		screen_interview_submit(si, NULL, NULL, 0, 1, 1);
		return 1;
	}
	if (k->code == KEY_F(7)) {
		screen_interview_open_list(si, IV_MODE_CATEGORIES);
		return 1;
	}
	if (k->code == KEY_F(8)) {
		screen_interview_open_list(si, IV_MODE_UNANSWERED);
		return 1;
	}
	if (k->code == KEY_F(9)) {
		tui_push(&screen_review_ops, xstrdup(si->id));
		return 1;
	}
	if (k->code == KEY_F(2)) {
		screen_interview_open_files(si);
		return 1;
	}
	if ((k->code == 0 && k->ch == '\t') || k->code == KEY_BTAB) {
		si->focus = (si->focus + (k->code == KEY_BTAB ?
		    IV_NFOCUS - 1 : 1)) % IV_NFOCUS;
		return 1;
	}
	if (si->focus != IV_FOCUS_ANSWER) {
		e = si->focus == IV_FOCUS_NOTES ? &si->notes :
		    si->focus == IV_FOCUS_CONF ? &si->conf : &si->evid;
		if (enter) {
			screen_interview_submit_meta(si);
			return 1;
		}
		if (k->code == 0 && k->ch == TUI_KEY_ESC) {
			si->focus = IV_FOCUS_ANSWER;
			return 1;
		}
		return tui_edit_key(e, k);
	}
	return screen_interview_key_widget(si, q, k);
}

/* Rank (1-based) of question QI among asked ones, and their count. */
static void
screen_interview_rank(struct screen_interview *si, int *rank, int *total)
{
	size_t i;

	*rank = *total = 0;
	for (i = 0; i < si->iv->fw->nquestions; i++) {
		if (!interview_is_asked(si->iv, i))
			continue;
		(*total)++;
		if ((int)i == si->qi)
			*rank = *total;
	}
}

/* Rows the widget of Q would like. */
static int
screen_interview_widget_rows(const struct question *q)
{
	switch (q->type) {
	case QUESTION_MULTIPLE_CHOICE:
		return (int)q->noptions;
	case QUESTION_MULTI_SELECT:
		return (int)q->noptions + 1;
	case QUESTION_TEXT:
		return 7;
	default:
		return 1;
	}
}

static void
screen_interview_draw_widget(struct screen_interview *si,
    const struct question *q, int y, int maxrows, int w)
{
	const char *lang = screen_interview_lang(si);
	const int focus = si->focus == IV_FOCUS_ANSWER;
	char *t, lo[32], hi[32];
	attr_t a;
	int i, x, top, orows;

	switch (q->type) {
	case QUESTION_YES_NO:
		for (i = 0; i < 2; i++) {
			a = si->sel == i && focus ?
			    tui_attr(TUI_COLOR_FOCUS) : A_NORMAL;
			tui_printf(y, 4 + i * 16, 14, a, " [%s] %s ",
			    i == 0 ? (i18n_lang() == I18N_FR ? "o" : "y") :
			    "n", i18n_tr(i == 0 ? "Yes" : "No"));
		}
		break;
	case QUESTION_MULTIPLE_CHOICE:
	case QUESTION_MULTI_SELECT:
		/* A multi-select keeps its last row for the key hint. */
		orows = maxrows;
		if (q->type == QUESTION_MULTI_SELECT && maxrows > 1)
			orows = maxrows - 1;
		top = si->sel >= orows ? si->sel - orows + 1 : 0;
		for (i = top; i < (int)q->noptions && i - top < orows; i++) {
			a = si->sel == i && focus ?
			    tui_attr(TUI_COLOR_FOCUS) : A_NORMAL;
			if (q->type == QUESTION_MULTI_SELECT)
				tui_printf(y + i - top, 4, w - 6, a,
				    "%d [%s] %s", i + 1, si->checked[i] ?
				    "x" : " ", bank_str(&q->options[i].label,
				    lang));
			else
				tui_printf(y + i - top, 4, w - 6, a,
				    "%d (%s) %s", i + 1, si->sel == i ? "*" :
				    " ", bank_str(&q->options[i].label, lang));
		}
		if (q->type == QUESTION_MULTI_SELECT && orows < maxrows)
			tui_put(y + orows, 4, w - 6, tui_attr(TUI_COLOR_DIM),
			    i18n_tr("Space toggles, Enter confirms"));
		break;
	case QUESTION_NUMBER:
		x = tui_put(y, 4, 12, A_NORMAL, "> ");
		tui_edit_draw(&si->edit, y, 4 + x, 24, 1, focus);
		if (q->has_min || q->has_max) {
			snprintf(lo, sizeof lo, "%g", q->min);
			snprintf(hi, sizeof hi, "%g", q->max);
			/* One bound only: "at least 0", never "to inf". */
			if (q->has_min && q->has_max)
				t = tui_trfmt("Range %s to %s", lo, hi);
			else if (q->has_min)
				t = tui_trfmt("At least %s", lo);
			else
				t = tui_trfmt("At most %s", hi);
			tui_put(y, 4 + x + 26, w - x - 30,
			    tui_attr(TUI_COLOR_DIM), t);
			free(t);
		}
		break;
	case QUESTION_DATE:
		x = tui_put(y, 4, 12, A_NORMAL, "> ");
		tui_edit_draw(&si->edit, y, 4 + x, 12, 1, focus);
		tui_put(y, 4 + x + 14, w - x - 18, tui_attr(TUI_COLOR_DIM),
		    i18n_tr("Date (YYYY-MM-DD)"));
		break;
	case QUESTION_SCALE:
		for (i = 0; i < 5; i++) {
			a = si->sel == i && focus ?
			    tui_attr(TUI_COLOR_FOCUS) : A_NORMAL;
			tui_printf(y, 4 + i * 6, 5, a, " %d ", i + 1);
		}
		tui_put(y, 36, w - 38, tui_attr(TUI_COLOR_DIM),
		    i18n_tr("1 = poor, 5 = excellent"));
		break;
	case QUESTION_TEXT:
		tui_edit_draw(&si->edit, y, 4, w - 8, maxrows > 1 ?
		    maxrows - 1 : 1, focus);
		if (maxrows > 1)
			tui_put(y + maxrows - 1, 4, w - 8,
			    tui_attr(TUI_COLOR_DIM),
			    i18n_tr("Ctrl-D saves the text"));
		break;
	}
}

static void
screen_interview_draw_list(struct screen_interview *si, int y, int rows,
    int w)
{
	const struct framework *fw = si->iv->fw;
	const char *lang = screen_interview_lang(si);
	struct interview_progress p;
	int i, top, idx;
	attr_t a;

	if (si->mode == IV_MODE_FILES) {
		tui_section(y++, 0, w, i18n_tr("Evidence file"));
		tui_put(y++, 2, w - 4, tui_attr(TUI_COLOR_DIM), si->dir);
		rows -= 2;
		top = si->list_sel >= rows ? si->list_sel - rows + 1 : 0;
		for (i = top; i < si->nfiles && i - top < rows; i++)
			tui_put(y + i - top, 2, w - 4, i == si->list_sel ?
			    tui_attr(TUI_COLOR_FOCUS) : A_NORMAL,
			    si->files[i]);
		return;
	}
	tui_section(y++, 0, w, i18n_tr(si->mode == IV_MODE_CATEGORIES ?
	    "Jump to category" : "Unanswered required questions"));
	rows--;
	if (si->nlist == 0) {
		tui_put(y, 2, w - 2, tui_attr(TUI_COLOR_OK),
		    i18n_tr("Every required question is answered"));
		return;
	}
	interview_progress(si->iv, &p);
	top = si->list_sel >= rows ? si->list_sel - rows + 1 : 0;
	for (i = top; i < si->nlist && i - top < rows; i++) {
		idx = si->list[i];
		a = i == si->list_sel ? tui_attr(TUI_COLOR_FOCUS) : A_NORMAL;
		if (si->mode == IV_MODE_CATEGORIES) {
			tui_printf(y + i - top, 2, w - 16, a, "%-3d %s", i + 1,
			    bank_str(&fw->categories[idx].name, lang));
			if ((size_t)idx < p.ncats)
				tui_printf(y + i - top, w - 12, 11, A_NORMAL,
				    "%3d/%-3d", p.cats[idx].done,
				    p.cats[idx].total);
		} else
			tui_printf(y + i - top, 2, w - 4, a, "%-10s %s",
			    fw->questions[idx].ref != NULL ?
			    fw->questions[idx].ref : fw->questions[idx].id,
			    bank_str(&fw->questions[idx].text, lang));
	}
	interview_progress_release(&p);
}

static void
screen_interview_draw(struct tui_screen *s)
{
	struct screen_interview *si = s->data;
	const struct question *q = screen_interview_q(si);
	const struct interview_answer *a;
	const struct category *cat;
	struct interview_progress p;
	const char *lang = screen_interview_lang(si);
	int top = tui_body_top(), rows = tui_body_rows(), w = COLS;
	int y, rank, total, x, wrows, ci, bottom, mark;
	int avail, tneed, hneed, wneed, wmin, gap1, gap2;
	char *t, *disp, *pct;
	int bw;
	size_t k;

	if (si->iv == NULL || q == NULL)
		return;
	y = top;
	screen_interview_rank(si, &rank, &total);
	t = tui_trfmt("Question %d of %d", rank, total);
	x = tui_put(y, 1, w - 2, A_BOLD, t);
	free(t);
	tui_printf(y, x + 3, w - x - 4, A_NORMAL, "%s · %s · %s",
	    si->iv->site_name, si->iv->fw->id,
	    strcmp(si->iv->status, "completed") == 0 ?
	    tui_status_label("completed") : si->iv->auditor);
	y++;
	interview_progress(si->iv, &p);
	x = tui_put(y, 1, 12, A_NORMAL, i18n_tr("Overall"));
	tui_bar(y, 12, 20, p.total > 0 ? (double)p.done / p.total : 0,
	    tui_attr(TUI_COLOR_BAR));
	pct = tui_trfmt("%3d%%", p.percent);
	tui_put(y, 33, 10, A_NORMAL, pct);
	free(pct);
	cat = framework_category(si->iv->fw, q->category);
	ci = -1;
	for (k = 0; k < p.ncats; k++) {
		if (p.cats[k].cat == cat)
			ci = (int)k;
	}
	if (ci >= 0) {
		/*
		 * A shorter bar for a long category name; a name that still
		 * does not fit is left to the category row below, never cut.
		 */
		t = xasprintf("%d/%d %s", p.cats[ci].done, p.cats[ci].total,
		    cat != NULL ? bank_str(&cat->name, lang) : q->category);
		bw = w - 42 - tui_width(t);
		if (bw < 6) {
			free(t);
			t = xasprintf("%d/%d", p.cats[ci].done,
			    p.cats[ci].total);
			bw = 16;
		}
		if (bw > 16)
			bw = 16;
		tui_bar(y, 40, bw, p.cats[ci].total > 0 ?
		    (double)p.cats[ci].done / p.cats[ci].total : 0,
		    tui_attr(TUI_COLOR_BAR));
		tui_put(y, 41 + bw, w - 42 - bw, A_NORMAL, t);
		free(t);
	}
	interview_progress_release(&p);
	y++;
	if (si->mode != IV_MODE_QUESTION) {
		screen_interview_draw_list(si, y + 1, rows - 3, w);
		return;
	}
	tui_printf(y, 1, w - 2, tui_attr(TUI_COLOR_HEADER), "%s %s%s%s",
	    tui_lbl("Category"), cat != NULL ? bank_str(&cat->name, lang) :
	    q->category, q->ref != NULL ? "  ·  " : "", q->ref != NULL ?
	    q->ref : "");
	y++;
	x = tui_put(y, 1, 20, q->required ? tui_attr(TUI_COLOR_REVIEW) :
	    tui_attr(TUI_COLOR_DIM), i18n_tr(q->required ? "Required" :
	    "Optional"));
	if (q->evidence_required)
		x += tui_printf(y, 2 + x, 30, tui_attr(TUI_COLOR_REVIEW),
		    " · %s", i18n_tr("Evidence required"));
	if (q->parent >= 0)
		x += tui_printf(y, 2 + x, 30, tui_attr(TUI_COLOR_DIM),
		    " · %s", i18n_tr("Follow-up"));
	if (q->allow_na)
		tui_printf(y, 2 + x, 30, tui_attr(TUI_COLOR_DIM), " · F5 %s",
		    i18n_tr("Not applicable"));
	y++;
	/*
	 * The question, its help (wrapped, up to 4 rows) and the widget
	 * share the rows above the notes; blank separators go first when
	 * they do not all fit, then widget rows (lists scroll).
	 */
	bottom = top + rows;
	avail = bottom - 5 - y;
	tneed = tui_wrap_rows(w - 4, bank_str(&q->text, lang));
	if (tneed > 3)
		tneed = 3;
	t = (char *)bank_str(&q->help, lang);
	hneed = t != NULL && *t != '\0' ? tui_wrap_rows(w - 4, t) : 0;
	if (hneed > 4)
		hneed = 4;
	wneed = screen_interview_widget_rows(q);
	wmin = wneed < 3 ? wneed : 3;
	gap1 = gap2 = 1;
	if (gap1 + tneed + hneed + gap2 + wneed > avail)
		gap2 = 0;
	if (gap1 + tneed + hneed + gap2 + wneed > avail)
		gap1 = 0;
	wrows = avail - gap1 - tneed - hneed - gap2;
	if (wrows > wneed)
		wrows = wneed;
	if (wrows < wmin) {
		hneed -= wmin - wrows;
		if (hneed < 1 && t != NULL && *t != '\0')
			hneed = 1;
		wrows = avail - gap1 - tneed - hneed - gap2;
		if (wrows < 1)
			wrows = 1;
	}
	y += gap1;
	y += tui_wrap(y, 2, w - 4, tneed, A_BOLD, bank_str(&q->text, lang));
	if (hneed > 0)
		y += tui_wrap(y, 2, w - 4, hneed, tui_attr(TUI_COLOR_DIM), t);
	y += gap2;
	screen_interview_draw_widget(si, q, y, wrows, w);
	y = bottom - 5;
	tui_put(y, 2, 12, si->focus == IV_FOCUS_NOTES ? A_BOLD : A_NORMAL,
	    i18n_tr("Notes"));
	tui_edit_draw(&si->notes, y, 14, w - 16, 1,
	    si->focus == IV_FOCUS_NOTES);
	y++;
	tui_put(y, 2, 12, si->focus == IV_FOCUS_CONF ? A_BOLD : A_NORMAL,
	    i18n_tr("Confidence"));
	tui_edit_draw(&si->conf, y, 14, 8, 1, si->focus == IV_FOCUS_CONF);
	tui_put(y, 24, 12, si->focus == IV_FOCUS_EVIDENCE ? A_BOLD :
	    A_NORMAL, i18n_tr("Evidence"));
	tui_edit_draw(&si->evid, y, 36, w - 38 - 12, 1,
	    si->focus == IV_FOCUS_EVIDENCE);
	a = &si->iv->answers[si->qi];
	if (json_array_size(a->evidence) > 0)
		tui_printf(y, w - 11, 10, tui_attr(TUI_COLOR_DIM), "(%zu)",
		    json_array_size(a->evidence));
	y++;
	/*
	 * A refused value: its reason on up to three rows (the last one
	 * takes the row of the answer shown), so it is not cut.
	 */
	if (si->error != NULL) {
		y += tui_wrap(y, 2, w - 4, 3, tui_attr(TUI_COLOR_ERROR),
		    si->error);
		if (y < bottom - 2)
			y = bottom - 2;
		if (y > bottom - 2)
			return;
	} else
		y += 2;
	/* A pulled answer that replaced ours: marked, right-aligned. */
	mark = 0;
	if (a->changed_elsewhere && a->state != INTERVIEW_UNANSWERED) {
		t = xasprintf("[%s]", i18n_tr("changed elsewhere"));
		mark = tui_width(t) + 1;
		if (mark > w / 2)
			mark = 0;
		else
			tui_put(y, w - 1 - mark, mark, tui_attr(
			    TUI_COLOR_REVIEW) | A_BOLD, t);
		free(t);
	}
	if (a->state == INTERVIEW_ANSWERED) {
		disp = answer_display(q, a->value, lang);
		tui_printf(y, 2, w - 4 - mark, tui_attr(TUI_COLOR_OK),
		    "%s %s", tui_lbl("Answered"), disp);
		free(disp);
	} else if (a->state == INTERVIEW_NA)
		tui_printf(y, 2, w - 4 - mark, tui_attr(TUI_COLOR_DIM),
		    "%s %s", tui_lbl("Answered"), i18n_tr("Not applicable"));
	else if (a->state == INTERVIEW_SKIPPED)
		tui_printf(y, 2, w - 4 - mark, tui_attr(TUI_COLOR_DIM),
		    "%s %s", tui_lbl("Answered"), i18n_tr("Skip"));
}

static const struct tui_hint *
screen_interview_hints_fn(struct tui_screen *s)
{
	struct screen_interview *si = s->data;

	const struct question *q = screen_interview_q(si);

	if (si->mode == IV_MODE_FILES)
		return screen_interview_hints_f;
	if (si->mode == IV_MODE_QUESTION && si->focus == IV_FOCUS_ANSWER &&
	    q != NULL && q->type == QUESTION_TEXT)
		return screen_interview_hints_t;
	return si->mode == IV_MODE_QUESTION ? screen_interview_hints_q :
	    screen_interview_hints_l;
}

const struct tui_screen_ops screen_interview_ops = {
	.name = "interview",
	.title = "Interview",
	.enter = screen_interview_enter,
	.leave = screen_interview_leave,
	.key = screen_interview_key,
	.event = screen_interview_event,
	.recalc = screen_interview_recalc,
	.draw = screen_interview_draw,
	.hints = screen_interview_hints_fn,
	.help = screen_interview_help,
	.typing = screen_interview_typing,
};

/* SPDX-License-Identifier: MIT */
/*
 * The UI loop: terminal set-up and restore, signals as events, the
 * screen stack, the frame around screens (title bar, message line, key
 * hints), help, and the notice shown when the terminal is too small.
 *
 * Model: everything here belongs to the UI thread except tui_pending and
 * the write end of the wake pipe, which tui_post() and the signal
 * handlers use. A signal handler writes the signal number as one byte;
 * tui_post() ORs its events into tui_pending and writes a zero byte. The
 * loop drains the pipe, turns bytes into events, lets the top screen
 * recalculate and draw, and goes back to poll(). Nothing is drawn from
 * an event handler. The terminal is restored by endwin() on every normal
 * exit, by the fatal hook of xmalloc, and by the crash handler, which
 * only uses async-signal-safe calls (tcsetattr, write of precomputed
 * escape strings) before re-raising the signal.
 */
#include "tui/tui.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <term.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/base/log.h"
#include "core/base/xmalloc.h"
#include "core/framework.h"
#include "core/i18n.h"
#include "core/jobs.h"
#include "core/sync.h"
#include "db/store.h"
#include "core/dashboard.h"

#define TUI_STACK_MAX	16
#define TUI_MIN_COLS	80
#define TUI_MIN_ROWS	24
#define TUI_POLL_MS	250	/* how often the store is checked for news */

static struct {
	struct store		*store;
	const char		*db_path;
	struct tui_screen	*stack[TUI_STACK_MAX];
	int			 nstack;
	int			 quit;
	int			 status;
	int			 help;		/* the help overlay is shown */
	char			*msg;
	int			 msg_error;
	struct framework_set	 fws;
	int			 fws_state;	/* 0 untried, 1 ok, -1 failed */
	uint64_t		 frames;
	uint64_t		 max_frames;	/* 0 = no limit */
	int64_t			 version;
	int64_t			 next_check;
	int64_t			 next_tick;
	int			 redraw_all;
	int			 active;	/* curses is on */
	uint64_t		 generation;	/* bumped by push and pop */
	uint64_t		 resizes;	/* SIGWINCH received */
	struct jobs_runner	*runner;	/* background jobs, or NULL */
	struct sync		*sync;		/* sync thread, or NULL */
	int			 sync_fd;	/* its wake-up eventfd, or -1 */
	struct sync_status	 sync_status;	/* last copy */
} tui;

static int tui_wake_fd[2] = { -1, -1 };
static atomic_uint tui_pending;
static struct termios tui_saved_termios;
static volatile sig_atomic_t tui_saved_ok;
static char tui_crash_seq[256];
static size_t tui_crash_len;

static const int tui_crash_signals[] = {
	SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS
};
static const int tui_event_signals[] = {
	SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGQUIT
};

void
tui_post(unsigned events)
{
	unsigned char b = 0;
	int e = errno;

	atomic_fetch_or(&tui_pending, events);
	if (tui_wake_fd[1] != -1)
		(void)!write(tui_wake_fd[1], &b, 1);
	errno = e;
}

static void
tui_on_signal(int sig)
{
	unsigned char b = (unsigned char)sig;
	int e = errno;

	if (tui_wake_fd[1] != -1)
		(void)!write(tui_wake_fd[1], &b, 1);
	errno = e;
}

/* Async-signal-safe terminal restore for crash signals. */
static void
tui_on_crash(int sig)
{
	if (tui_saved_ok) {
		tcsetattr(STDIN_FILENO, TCSANOW, &tui_saved_termios);
		(void)!write(STDOUT_FILENO, tui_crash_seq, tui_crash_len);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Appends terminfo capability CAP to the crash sequence, minus padding. */
static void
tui_crash_add(const char *cap)
{
	char *s;
	const char *p;

	s = tigetstr(cap);
	if (s == NULL || s == (char *)-1)
		return;
	for (p = s; *p != '\0'; p++) {
		if (p[0] == '$' && p[1] == '<') {
			while (*p != '\0' && *p != '>')
				p++;
			if (*p == '\0')
				break;
			continue;
		}
		if (tui_crash_len + 1 < sizeof tui_crash_seq)
			tui_crash_seq[tui_crash_len++] = *p;
	}
}

static void
tui_restore(void)
{
	if (tui.active) {
		tui.active = 0;
		endwin();
	}
}

static int
tui_signals_install(void)
{
	struct sigaction sa;
	size_t i;
	int fl;

	if (pipe(tui_wake_fd) != 0)
		return -1;
	for (i = 0; i < 2; i++) {
		fl = fcntl(tui_wake_fd[i], F_GETFL);
		fcntl(tui_wake_fd[i], F_SETFL, fl | O_NONBLOCK);
		fcntl(tui_wake_fd[i], F_SETFD, FD_CLOEXEC);
	}
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = tui_on_signal;
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < sizeof tui_event_signals / sizeof (int); i++)
		sigaction(tui_event_signals[i], &sa, NULL);
	sa.sa_handler = tui_on_crash;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (i = 0; i < sizeof tui_crash_signals / sizeof (int); i++)
		sigaction(tui_crash_signals[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static void
tui_signals_remove(void)
{
	size_t i;

	for (i = 0; i < sizeof tui_event_signals / sizeof (int); i++)
		signal(tui_event_signals[i], SIG_DFL);
	for (i = 0; i < sizeof tui_crash_signals / sizeof (int); i++)
		signal(tui_crash_signals[i], SIG_DFL);
	for (i = 0; i < 2; i++) {
		if (tui_wake_fd[i] != -1)
			close(tui_wake_fd[i]);
		tui_wake_fd[i] = -1;
	}
}

struct store *
tui_store(void)
{
	return tui.store;
}

const char *
tui_db_path(void)
{
	return tui.db_path;
}

uint64_t
tui_frames(void)
{
	return tui.frames;
}

int
tui_body_top(void)
{
	return 1;
}

int
tui_body_rows(void)
{
	return LINES - 3 > 0 ? LINES - 3 : 0;
}

int
tui_cols(void)
{
	return COLS;
}

int
tui_readonly(void)
{
	return tui.store != NULL && store_readonly(tui.store);
}

int
tui_refuse_write(const char *what)
{
	char *m;

	if (!tui_readonly())
		return 0;
	m = tui_trfmt("Cannot %s: the store '%s' is read-only", what,
	    store_path(tui.store));
	tui_message(1, "%s", m);
	free(m);
	return 1;
}

const struct framework_set *
tui_frameworks(void)
{
	char *cause = NULL;

	if (tui.fws_state == 0) {
		if (framework_set_load_default(&tui.fws, &cause) == 0)
			tui.fws_state = 1;
		else {
			tui.fws_state = -1;
			tui_message(1, "%s", cause != NULL ? cause :
			    "cannot load the frameworks");
			log_error("%s", cause != NULL ? cause : "frameworks");
			free(cause);
		}
	}
	return tui.fws_state == 1 ? &tui.fws : NULL;
}

void
tui_message(int error, const char *fmt, ...)
{
	va_list ap;
	char *m;

	free(tui.msg);
	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	if (error) {
		tui.msg = tui_cause(m);
		free(m);
	} else
		tui.msg = m;
	tui.msg_error = error;
	tui.redraw_all = 1;
}

void
tui_touch(void)
{
	int i;

	for (i = 0; i < tui.nstack; i++) {
		tui.stack[i]->needs_recalc = 1;
		tui.stack[i]->needs_draw = 1;
	}
}

void
tui_push(const struct tui_screen_ops *ops, void *arg)
{
	struct tui_screen *s;

	if (tui.nstack == TUI_STACK_MAX)
		fatalx("%s: screen stack full", __func__);
	s = xcalloc(1, sizeof *s);
	s->ops = ops;
	s->needs_recalc = 1;
	s->needs_draw = 1;
	tui.stack[tui.nstack++] = s;
	tui.generation++;
	tui.help = 0;
	if (ops->enter != NULL)
		ops->enter(s, arg);
	tui.redraw_all = 1;
}

void
tui_pop(void)
{
	struct tui_screen *s;

	if (tui.nstack == 0)
		return;
	s = tui.stack[--tui.nstack];
	tui.generation++;
	if (s->ops->leave != NULL)
		s->ops->leave(s);
	free(s);
	tui.help = 0;
	if (tui.nstack > 0) {
		tui.stack[tui.nstack - 1]->needs_recalc = 1;
		tui.stack[tui.nstack - 1]->needs_draw = 1;
	}
	tui.redraw_all = 1;
}

void
tui_pop_to_home(void)
{
	while (tui.nstack > 1)
		tui_pop();
}

void
tui_replace(const struct tui_screen_ops *ops, void *arg)
{
	tui_pop();
	tui_push(ops, arg);
}

void
tui_quit(void)
{
	tui.quit = 1;
}

static struct tui_screen *
tui_top(void)
{
	return tui.nstack > 0 ? tui.stack[tui.nstack - 1] : NULL;
}

static void
tui_broadcast(unsigned events)
{
	int i;
	struct tui_screen *s;

	for (i = 0; i < tui.nstack; i++) {
		s = tui.stack[i];
		if (s->ops->event != NULL)
			s->ops->event(s, events);
		else if (events & (TUI_EVENT_DATA | TUI_EVENT_JOB))
			s->needs_recalc = s->needs_draw = 1;
		if (events & TUI_EVENT_RESIZE)
			s->needs_draw = 1;
	}
}

static void
tui_resize(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resize_term(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
	tui.redraw_all = 1;
	tui_broadcast(TUI_EVENT_RESIZE);
}

/*
 * MS in local time: HH:MM when it is today, else its day (YYYY-MM-DD),
 * so that a change waiting since days ago does not read as this
 * morning's; "-" when MS is 0.
 */
static void
tui_sync_time(int64_t ms, char *out, size_t len)
{
	time_t t = (time_t)(ms / 1000), now = (time_t)(clock_now_ms() / 1000);
	struct tm tm, today;
	size_t n;

	if (ms <= 0 || localtime_r(&t, &tm) == NULL) {
		snprintf(out, len, "-");
		return;
	}
	if (localtime_r(&now, &today) != NULL &&
	    tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday)
		n = strftime(out, len, "%H:%M", &tm);
	else
		n = strftime(out, len, "%Y-%m-%d", &tm);
	if (n == 0)
		snprintf(out, len, "-");
}

/*
 * The sync part of the title bar, from the last status copy, at one of
 * three lengths (LEVEL 0 is the longest) so that a narrow terminal still
 * shows the state: online or offline, changes waiting and since when,
 * the last sync and whether the last round failed (the error itself is
 * shown on the message row, see tui_sync_error).
 */
static const char *
tui_sync_line(char *buf, size_t len, int level)
{
	const struct sync_status *st = &tui.sync_status;
	char last[16], oldest[16], since[48] = "";
	const char *state, *err = "";

	/* Nothing can be synced or run: say what the store is instead. */
	if (tui_readonly())
		return level < 2 ? i18n_tr("Read-only store") :
		    i18n_tr("Read-only");
	if (tui.sync == NULL)
		return i18n_tr("Sync: local only");
	state = st->online ? i18n_tr("Sync: online") :
	    i18n_tr("Sync: offline, retrying");
	tui_sync_time(st->last_sync_ms, last, sizeof last);
	tui_sync_time(st->oldest_pending_ms, oldest, sizeof oldest);
	if (st->pending > 0 && st->oldest_pending_ms > 0)
		snprintf(since, sizeof since, " %s %s", i18n_tr("since"),
		    oldest);
	if (st->last_error[0] != '\0')
		err = i18n_tr(" · error");
	if (level == 0)
		snprintf(buf, len, "%s · %lld %s%s · %s %s%s", state,
		    (long long)st->pending, i18n_tr("pending"), since,
		    i18n_tr("last"), last, err);
	else if (level == 1)
		snprintf(buf, len, "%s · %lld %s%s%s", state,
		    (long long)st->pending, i18n_tr("pending"), since, err);
	else
		snprintf(buf, len, "%s · %lld%s", st->online ?
		    i18n_tr("online") : i18n_tr("offline"),
		    (long long)st->pending, err);
	return buf;
}

/*
 * The last sync error, for the message row while no other message is
 * shown; NULL when the last round went well.
 */
static const char *
tui_sync_error(char *buf, size_t len)
{
	if (tui.sync == NULL || tui.sync_status.last_error[0] == '\0')
		return NULL;
	snprintf(buf, len, "%s %s", i18n_tr("Sync error:"),
	    tui.sync_status.last_error);
	return buf;
}

static void
tui_sync_start(const char *conninfo)
{
	char *cause = NULL;

	tui.sync_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (tui.sync_fd == -1)
		return;
	tui.sync = sync_new(tui.db_path, conninfo, tui.sync_fd, &cause);
	if (tui.sync == NULL) {
		tui_message(1, "%s", cause != NULL ? cause :
		    "cannot start the sync thread");
		free(cause);
		close(tui.sync_fd);
		tui.sync_fd = -1;
		return;
	}
	sync_get(tui.sync, &tui.sync_status);
}

static void
tui_sync_read(void)
{
	uint64_t v;
	uint64_t gen = tui.sync_status.generation;
	int online = tui.sync_status.online;

	while (read(tui.sync_fd, &v, sizeof v) > 0)
		continue;
	sync_get(tui.sync, &tui.sync_status);
	tui.redraw_all = 1;
	if (gen != tui.sync_status.generation)
		tui_broadcast(TUI_EVENT_DATA);
	else if (online != tui.sync_status.online)
		tui_broadcast(TUI_EVENT_RESIZE);	/* redraw only */
}

/* Global hint I (help, back, quit) is not offered on screen S. */
static int
tui_hint_hidden(struct tui_screen *s, int i)
{
	if (i == 1 && tui.nstack < 2)
		return 1;
	if (i == 2 && s->ops->typing != NULL && s->ops->typing(s))
		return 1;
	return 0;
}

/* Draws the title bar, message line and key hints around the body. */
static void
tui_draw_frame(struct tui_screen *s)
{
	const struct tui_hint *h = NULL;
	const char *title, *sync;
	char syncbuf[320];
	int x, y, w, i, gw;
	attr_t kattr, lattr;
	static const struct tui_hint globals[] = {
		{ "?", "Help" }, { "Esc", "Back" }, { "q", "Quit" },
		{ NULL, NULL }
	};

	title = i18n_tr(s->ops->title);
	attrset(tui_attr(TUI_COLOR_TITLE));
	mvhline(0, 0, ' ', COLS);
	x = 1 + tui_put(0, 1, COLS - 1, tui_attr(TUI_COLOR_TITLE), "VigilOre");
	x += tui_put(0, x, COLS - x, tui_attr(TUI_COLOR_TITLE), " · ");
	x += tui_put(0, x, COLS - x, tui_attr(TUI_COLOR_TITLE) | A_BOLD,
	    title);
	/* The longest form of the sync state that fits beside the title. */
	for (i = 0; i < 3; i++) {
		sync = tui_sync_line(syncbuf, sizeof syncbuf, i);
		w = tui_width(sync);
		if (COLS - w - 1 > x + 3) {
			tui_put(0, COLS - w - 1, w, tui_attr(TUI_COLOR_TITLE),
			    sync);
			break;
		}
	}
	attrset(A_NORMAL);

	y = LINES - 2;
	tui_clear_row(y, 0, COLS);
	/* A long message takes the row above as well: never cut. */
	if (tui.msg != NULL && tui_wrap_rows(COLS - 2, tui.msg) > 1) {
		tui_clear_row(y - 1, 0, COLS);
		tui_wrap(y - 1, 1, COLS - 2, 2, tui_attr(tui.msg_error ?
		    TUI_COLOR_ERROR : TUI_COLOR_OK), tui.msg);
	} else if (tui.msg != NULL)
		tui_put(y, 1, COLS - 2, tui_attr(tui.msg_error ?
		    TUI_COLOR_ERROR : TUI_COLOR_OK), tui.msg);
	else if ((sync = tui_sync_error(syncbuf, sizeof syncbuf)) != NULL)
		tui_put(y, 1, COLS - 2, tui_attr(TUI_COLOR_ERROR), sync);

	y = LINES - 1;
	attrset(tui_attr(TUI_COLOR_HINT));
	mvhline(y, 0, ' ', COLS);
	attrset(A_NORMAL);
	kattr = tui_attr(TUI_COLOR_HINT_KEY);
	lattr = tui_attr(TUI_COLOR_HINT);
	/*
	 * The global keys (help, back, quit) are drawn at the right and
	 * always shown; the screen's hints fill the space left of them,
	 * whole hints only.
	 */
	gw = 0;
	for (i = 0; globals[i].key != NULL; i++) {
		if (tui_hint_hidden(s, i))
			continue;
		gw += tui_width(i18n_tr(globals[i].key)) + 1 +
		    tui_width(i18n_tr(globals[i].label)) + 2;
	}
	x = COLS - gw > 0 ? COLS - gw : 0;
	for (i = 0; globals[i].key != NULL && x < COLS; i++) {
		if (tui_hint_hidden(s, i))
			continue;
		x += tui_put(y, x, COLS - x, kattr, i18n_tr(globals[i].key));
		x += tui_put(y, x, COLS - x, lattr, " ");
		x += tui_put(y, x, COLS - x, lattr, i18n_tr(globals[i].label));
		x += tui_put(y, x, COLS - x, lattr, "  ");
	}
	x = 0;
	if (s->ops->hints != NULL)
		h = s->ops->hints(s);
	for (i = 0; h != NULL && h[i].key != NULL; i++) {
		/* Whole hints, a space at least before the globals. */
		w = tui_width(i18n_tr(h[i].key)) + 1 +
		    tui_width(i18n_tr(h[i].label));
		if (x + w > COLS - gw - 1)
			break;
		x += tui_put(y, x, COLS - x, kattr, i18n_tr(h[i].key));
		x += tui_put(y, x, COLS - x, lattr, " ");
		x += tui_put(y, x, COLS - x, lattr, i18n_tr(h[i].label));
		x += tui_put(y, x, COLS - gw - x, lattr, "  ");
	}
}

/*
 * The help lines of S, translated, as paragraphs: a line joins the next
 * one unless it ends a sentence, so a translation longer than its
 * English line is wrapped again instead of cut. NULL-terminated, owned
 * (free each string and the array).
 */
static char **
tui_help_paragraphs(struct tui_screen *s)
{
	const char *const *l;
	char **v, *p, *t;
	size_t n = 0, k = 0, len;

	for (l = s->ops->help; l != NULL && *l != NULL; l++)
		n++;
	v = xcalloc(n + 1, sizeof *v);
	p = NULL;
	for (l = s->ops->help; l != NULL && *l != NULL; l++) {
		if (p == NULL)
			p = xstrdup(i18n_tr(*l));
		else {
			t = xasprintf("%s %s", p, i18n_tr(*l));
			free(p);
			p = t;
		}
		len = strlen(p);
		if (len == 0 || p[len - 1] == '.' || l[1] == NULL) {
			v[k++] = p;
			p = NULL;
		}
	}
	return v;
}

static void
tui_draw_help(struct tui_screen *s)
{
	const struct tui_hint *h = NULL;
	char **para;
	int n = 0, nh = 0, w, hgt, top, left, y, i;

	w = COLS - 8 < 72 ? COLS - 8 : 72;
	para = tui_help_paragraphs(s);
	for (i = 0; para[i] != NULL; i++)
		n += tui_wrap_rows(w - 4, para[i]);
	if (s->ops->hints != NULL)
		h = s->ops->hints(s);
	for (i = 0; h != NULL && h[i].key != NULL; i++)
		nh++;
	hgt = n + nh + 7;
	if (hgt > tui_body_rows())
		hgt = tui_body_rows();
	if (w < 10 || hgt < 3) {
		for (i = 0; para[i] != NULL; i++)
			free(para[i]);
		free(para);
		return;
	}
	top = 1 + (tui_body_rows() - hgt) / 2;
	left = (COLS - w) / 2;
	/* The whole body goes: nothing of the screen shows beside it. */
	for (y = tui_body_top(); y < tui_body_top() + tui_body_rows(); y++)
		tui_clear_row(y, 0, COLS);
	attrset(tui_attr(TUI_COLOR_HEADER));
	mvhline(top, left, ' ', w);
	attrset(A_NORMAL);
	tui_printf(top, left + 2, w - 4, tui_attr(TUI_COLOR_HEADER) | A_BOLD,
	    "%s %s", tui_lbl("Help"), i18n_tr(s->ops->title));
	y = top + 2;
	for (i = 0; para[i] != NULL; i++) {
		if (y < top + hgt - 1)
			y += tui_wrap(y, left + 2, w - 4, top + hgt - 1 - y,
			    A_NORMAL, para[i]);
		free(para[i]);
	}
	free(para);
	y++;
	for (i = 0; h != NULL && h[i].key != NULL && y < top + hgt - 2; i++) {
		tui_put(y, left + 2, 12, tui_attr(TUI_COLOR_HINT_KEY),
		    i18n_tr(h[i].key));
		tui_put(y++, left + 15, w - 17, A_NORMAL, i18n_tr(h[i].label));
	}
	if (y < top + hgt - 1)
		tui_printf(y, left + 2, w - 4, tui_attr(TUI_COLOR_DIM),
		    "? F1 %s · %s %s · q %s", i18n_tr("Help"),
		    i18n_tr("Esc"), i18n_tr("Back"), i18n_tr("Quit"));
	tui_put(top + hgt - 1, left + 2, w - 4, tui_attr(TUI_COLOR_DIM),
	    i18n_tr("Esc closes this help"));
}

/* The notice shown below 80x24, centred and clipped down to 1x1. */
static void
tui_draw_small(void)
{
	char *txt[3];
	int i, y, w;

	erase();
	txt[0] = xstrdup(i18n_tr("The terminal is too small"));
	txt[1] = tui_trfmt("Please enlarge it to at least %dx%d", TUI_MIN_COLS,
	    TUI_MIN_ROWS);
	txt[2] = tui_trfmt("now %dx%d", COLS, LINES);
	y = LINES / 2 - 1;
	if (y < 0)
		y = 0;
	for (i = 0; i < 3 && y < LINES; i++, y++) {
		w = tui_width(txt[i]);
		tui_put(y, w < COLS ? (COLS - w) / 2 : 0, COLS,
		    i == 0 ? A_BOLD : i == 2 ? tui_attr(TUI_COLOR_DIM) :
		    A_NORMAL, txt[i]);
	}
	for (i = 0; i < 3; i++)
		free(txt[i]);
}

static void
tui_draw(void)
{
	struct tui_screen *s;
	uint64_t gen;
	int tries;

	/*
	 * A recalculation may push or pop screens (a finished job opens its
	 * report): then start again with the new top screen.
	 */
	for (tries = 0; tries < TUI_STACK_MAX; tries++) {
		s = tui_top();
		if (s == NULL)
			return;
		if (!s->needs_recalc || s->ops->recalc == NULL ||
		    LINES < TUI_MIN_ROWS || COLS < TUI_MIN_COLS)
			break;
		s->needs_recalc = 0;
		gen = tui.generation;
		s->ops->recalc(s);
		if (gen == tui.generation) {
			s->needs_draw = 1;
			break;
		}
	}
	s = tui_top();
	if (s == NULL)
		return;
	if (LINES < TUI_MIN_ROWS || COLS < TUI_MIN_COLS) {
		if (!tui.redraw_all && !s->needs_draw)
			return;
		tui_draw_small();
	} else {
		if (!tui.redraw_all && !s->needs_draw)
			return;
		erase();
		curs_set(0);
		if (s->ops->draw != NULL)
			s->ops->draw(s);
		tui_draw_frame(s);
		if (tui.help) {
			curs_set(0);
			tui_draw_help(s);
		}
	}
	s->needs_draw = 0;
	tui.redraw_all = 0;
	wnoutrefresh(stdscr);
	doupdate();
	tui.frames++;
	if (tui.max_frames != 0 && tui.frames >= tui.max_frames)
		tui.quit = 1;
}

static void
tui_key(const struct tui_key *k)
{
	struct tui_screen *s = tui_top();
	int typing;

	if (s == NULL)
		return;
	if (k->code == KEY_RESIZE) {
		tui_resize();
		return;
	}
	if (LINES < TUI_MIN_ROWS || COLS < TUI_MIN_COLS) {
		/* Nothing can be seen: only quitting is offered. */
		if (k->code == 0 && k->ch == 'q')
			tui.quit = 1;
		return;
	}
	if (tui.help) {
		tui.help = 0;
		tui.redraw_all = 1;
		return;
	}
	s->needs_draw = 1;
	typing = s->ops->typing != NULL && s->ops->typing(s);
	if (!typing && ((k->code == 0 && k->ch == '?') ||
	    k->code == KEY_F(1))) {
		tui.help = 1;
		tui.redraw_all = 1;
		return;
	}
	if (k->code == KEY_F(1)) {
		tui.help = 1;
		tui.redraw_all = 1;
		return;
	}
	if (tui.msg != NULL) {
		XFREE(tui.msg);
		tui.redraw_all = 1;
	}
	if (s->ops->key != NULL && s->ops->key(s, k))
		return;
	if (k->code == 0 && k->ch == TUI_KEY_ESC) {
		if (tui.nstack > 1)
			tui_pop();
		return;
	}
	if (k->code == 0 && k->ch == 'q' && !typing)
		tui.quit = 1;
}

static void
tui_read_keys(void)
{
	struct tui_key k;
	wint_t wc;
	int rc;

	for (;;) {
		rc = get_wch(&wc);
		if (rc == ERR)
			break;
		memset(&k, 0, sizeof k);
		if (rc == KEY_CODE_YES)
			k.code = (int)wc;
		else
			k.ch = wc;
		tui_key(&k);
		if (tui.quit)
			break;
	}
}

static void
tui_read_wake(void)
{
	unsigned char b[64];
	ssize_t n, i;
	unsigned ev;
	int resized = 0;

	while ((n = read(tui_wake_fd[0], b, sizeof b)) > 0) {
		for (i = 0; i < n; i++) {
			switch (b[i]) {
			case 0:
				break;
			case SIGWINCH:
				tui.resizes++;
				resized = 1;
				break;
			case SIGINT:
			case SIGTERM:
			case SIGHUP:
			case SIGQUIT:
				log_info("signal %d: leaving", b[i]);
				tui.quit = 1;
				tui.status = 128 + b[i];
				break;
			default:
				break;
			}
		}
	}
	if (resized)
		tui_resize();
	ev = atomic_exchange(&tui_pending, 0);
	if (ev & TUI_EVENT_QUIT)
		tui.quit = 1;
	ev &= ~TUI_EVENT_QUIT;
	if (ev != 0)
		tui_broadcast(ev);
}

/* Checks the store for commits by others and the one-second tick. */
static void
tui_timers(void)
{
	int64_t now = clock_mono_ms(), v;

	if (now >= tui.next_check) {
		tui.next_check = now + TUI_POLL_MS;
		v = dashboard_version(tui.store);
		if (v != tui.version) {
			tui.version = v;
			tui_broadcast(TUI_EVENT_DATA);
			/* Another process may have queued a job. */
			tui_jobs_kick();
			if (tui.sync != NULL)
				sync_kick(tui.sync);
		}
	}
	if (now >= tui.next_tick) {
		tui.next_tick = now + 1000;
		tui_broadcast(TUI_EVENT_TICK);
	}
}

/*
 * Runs on a job worker thread: wake the UI. The first call on each
 * worker also lowers that thread's scheduling priority (Linux threads
 * have their own nice value), so a key press always wins the CPU over
 * background audits on a small machine.
 */
static void
tui_job_notify(void *arg, const struct jobs_event *ev)
{
	static _Thread_local int niced;

	(void)arg;
	(void)ev;
	if (!niced) {
		niced = 1;
		setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
	}
	tui_post(TUI_EVENT_JOB);
}

void
tui_jobs_kick(void)
{
	if (tui.runner != NULL)
		jobs_runner_kick(tui.runner);
}

int
tui_jobs_running(void)
{
	return tui.runner != NULL;
}

/*
 * This program's path: documents are then read by "vigilore extract
 * --helper" in a child process (memory and time limits; a crash of the
 * PDF library fails the job alone), as the CLI does.
 */
static const char *
tui_self_path(void)
{
	static char exe[PATH_MAX];
	ssize_t n;

	if (exe[0] != '\0')
		return exe;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0) {
		exe[0] = '\0';
		return NULL;
	}
	exe[n] = '\0';
	return exe;
}

static void
tui_jobs_start(int nworkers)
{
	struct jobs_config cfg;
	char *cause = NULL;

	memset(&cfg, 0, sizeof cfg);
	cfg.db_path = tui.db_path;
	cfg.nworkers = nworkers;
	cfg.notify = tui_job_notify;
	cfg.extract_helper = tui_self_path();
	if (jobs_runner_new(&cfg, &tui.runner, &cause) != 0) {
		tui.runner = NULL;
		tui_message(1, "%s", cause != NULL ? cause :
		    "cannot start the job runner");
		log_error("%s", cause != NULL ? cause : "job runner");
		free(cause);
	}
}

static void
tui_fatal_hook(void)
{
	tui_restore();
}

int
tui_run(struct store *store, const struct tui_options *opt)
{
	struct pollfd pfd[3];
	const char *mf;
	int64_t now, wait;
	int rc;

	memset(&tui, 0, sizeof tui);
	tui.store = store;
	tui.db_path = opt->db_path;
	tui.sync_fd = -1;
	mf = getenv("VIGILORE_MAX_FRAMES");
	if (mf != NULL)
		tui.max_frames = strtoull(mf, NULL, 10);
	if (tcgetattr(STDIN_FILENO, &tui_saved_termios) == 0)
		tui_saved_ok = 1;
	/* Before initscr, so curses leaves SIGWINCH to us. */
	if (tui_signals_install() != 0)
		return 1;
	xmalloc_set_fatal_hook(tui_fatal_hook);
	set_escdelay(25);
	if (initscr() == NULL) {
		tui_signals_remove();
		return 2;
	}
	tui.active = 1;
	tui_crash_len = 0;
	tui_crash_add("sgr0");
	tui_crash_add("cnorm");
	tui_crash_add("rmcup");
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	tui_color_init();
	log_thread_name("ui");

	tui.version = dashboard_version(store);
	tui.next_check = clock_mono_ms() + TUI_POLL_MS;
	tui.next_tick = clock_mono_ms() + 1000;
	/*
	 * A read-only store is browsed: the job runner (which puts back
	 * interrupted jobs as it starts, then claims queued ones) and the
	 * sync thread (which writes what it pulls and its cursors) would
	 * only fail, so neither is started.
	 */
	if (store_readonly(store))
		log_info("'%s' is read-only: no job runner, no sync",
		    store_path(store));
	else {
		if (getenv("VIGILORE_NO_JOBS") == NULL)
			tui_jobs_start(opt->nworkers);
		if (opt->pg != NULL)
			tui_sync_start(opt->pg);
	}
	tui_push(&screen_home_ops, NULL);
	if (getenv("VIGILORE_TUI_START") != NULL &&
	    strcmp(getenv("VIGILORE_TUI_START"), "dashboard") == 0)
		tui_push(&screen_dashboard_ops, NULL);

	while (!tui.quit) {
		tui_draw();
		if (tui.quit)
			break;
		now = clock_mono_ms();
		wait = tui.next_check - now;
		if (tui.next_tick - now < wait)
			wait = tui.next_tick - now;
		if (wait < 0)
			wait = 0;
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[0].revents = 0;
		pfd[1].fd = tui_wake_fd[0];
		pfd[1].events = POLLIN;
		pfd[1].revents = 0;
		pfd[2].fd = tui.sync_fd;
		pfd[2].events = POLLIN;
		pfd[2].revents = 0;
		rc = poll(pfd, tui.sync_fd != -1 ? 3 : 2, (int)wait);
		if (rc < 0 && errno != EINTR) {
			log_error("poll: %s", strerror(errno));
			tui.status = 1;
			break;
		}
		if (rc > 0 && (pfd[1].revents & POLLIN))
			tui_read_wake();
		if (rc > 0 && tui.sync_fd != -1 && (pfd[2].revents & POLLIN))
			tui_sync_read();
		if (rc > 0 && (pfd[0].revents & (POLLHUP | POLLERR)) &&
		    !(pfd[0].revents & POLLIN)) {
			log_info("terminal gone: leaving");
			tui.quit = 1;
			break;
		}
		if (rc > 0 && (pfd[0].revents & POLLIN))
			tui_read_keys();
		tui_timers();
	}

	log_info("leaving: %llu frames, %llu resizes",
	    (unsigned long long)tui.frames, (unsigned long long)tui.resizes);
	while (tui.nstack > 0)
		tui_pop();
	tui_restore();
	/* Running jobs go back to the queue and resume at the next start. */
	if (tui.runner != NULL)
		jobs_runner_free(tui.runner);
	tui.runner = NULL;
	sync_free(tui.sync);
	tui.sync = NULL;
	if (tui.sync_fd != -1)
		close(tui.sync_fd);
	tui.sync_fd = -1;
	xmalloc_set_fatal_hook(NULL);
	tui_signals_remove();
	if (tui_saved_ok)
		tcsetattr(STDIN_FILENO, TCSANOW, &tui_saved_termios);
	tui_saved_ok = 0;
	free(tui.msg);
	if (tui.fws_state == 1)
		framework_set_release(&tui.fws);
	return tui.status;
}

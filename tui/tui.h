/* SPDX-License-Identifier: MIT */
#ifndef VO_TUI_H
#define VO_TUI_H

/*
 * The terminal UI. One thread (the one that called tui_run) owns curses;
 * it waits in poll() on the terminal and on a wake-up pipe. Signals
 * (SIGWINCH, SIGINT, SIGTERM, SIGHUP) only write a byte to that pipe and
 * are handled as events in the loop; crash signals restore the terminal
 * before the process dies. Other threads talk to the UI only through
 * tui_post(), which is async-signal-safe.
 *
 * Screens: one file each (tui/screen_*.c), each exporting a const
 * struct tui_screen_ops. Screens form a stack: Esc pops, q quits, ? or
 * F1 shows the help of the top screen. Events mark screens for
 * recalculation or redraw; the loop recalculates and draws the top
 * screen once per wake-up, never from inside an event handler.
 *
 * Layout: row 0 is the title bar, the last row the key hint line, the
 * row above it the message line; screens draw in between (tui_body_*).
 */

#include <curses.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

struct store;
struct framework_set;

/* Colour roles (tui/tui_color.c maps them to curses attributes). */
enum tui_color {
	TUI_COLOR_NORMAL = 0,
	TUI_COLOR_TITLE,
	TUI_COLOR_HEADER,
	TUI_COLOR_HINT,
	TUI_COLOR_HINT_KEY,
	TUI_COLOR_FOCUS,
	TUI_COLOR_DIM,
	TUI_COLOR_COMPLIANT,
	TUI_COLOR_REVIEW,
	TUI_COLOR_NONCOMPLIANT,
	TUI_COLOR_NOT_ASSESSED,
	TUI_COLOR_MAP,
	TUI_COLOR_BAR,
	TUI_COLOR_ERROR,
	TUI_COLOR_OK,
	TUI_COLOR_SAMPLE,
	TUI_COLOR_COUNT
};

/* Events posted to screens (a bit mask). */
#define TUI_EVENT_DATA		0x01u	/* the store changed */
#define TUI_EVENT_JOB		0x02u	/* a job moved */
#define TUI_EVENT_TICK		0x04u	/* one second passed */
#define TUI_EVENT_RESIZE	0x08u	/* the terminal size changed */
#define TUI_EVENT_QUIT		0x10u	/* leave the program */

struct tui_key {
	int	 code;		/* KEY_* from curses, or 0 */
	wint_t	 ch;		/* a character when code == 0 */
};

#define TUI_CTRL(c)	((c) & 0x1f)
#define TUI_KEY_ESC	27

struct tui_hint {
	const char	*key;		/* "Enter", "q", ... */
	const char	*label;		/* English; translated when drawn */
};

struct tui_screen;

struct tui_screen_ops {
	const char	*name;
	/* Title (English) shown in the title bar. */
	const char	*title;
	/* Called once when pushed; ARG as given to tui_push. */
	void		 (*enter)(struct tui_screen *, void *arg);
	/* Called once when popped: free s->data. */
	void		 (*leave)(struct tui_screen *);
	/* 1 when the key was used; 0 lets the global keys have it. */
	int		 (*key)(struct tui_screen *, const struct tui_key *);
	/* Events (TUI_EVENT_*): set needs_recalc/needs_draw, nothing else. */
	void		 (*event)(struct tui_screen *, unsigned events);
	/* Reload view data (may be NULL). */
	void		 (*recalc)(struct tui_screen *);
	/* Draw the body; the frame (title, hints, message) is drawn around. */
	void		 (*draw)(struct tui_screen *);
	/* Key hints for the current mode, terminated by { NULL, NULL }. */
	const struct tui_hint *(*hints)(struct tui_screen *);
	/* Help lines (English), NULL-terminated. */
	const char *const *help;
	/* 1 while a text field has the focus: q and ? are typed, not keys. */
	int		 (*typing)(struct tui_screen *);
};

struct tui_screen {
	const struct tui_screen_ops *ops;
	void		*data;
	int		 needs_recalc;
	int		 needs_draw;
};

struct tui_options {
	const char	*db_path;	/* the store file, for threads */
	int		 nworkers;	/* job threads, 0: one per core */
	const char	*pg;		/* sync server conninfo, or NULL */
};

/*
 * Entry: runs the UI on STORE until the user quits, with a job runner
 * and, when a server is configured, the sync thread. Returns the exit
 * status.
 */
int	 tui_run(struct store *, const struct tui_options *);
/* Wakes the job runner after queueing a job. UI thread. */
void	 tui_jobs_kick(void);
/* 1 when this process runs jobs. */
int	 tui_jobs_running(void);

/* From any thread or signal handler: post EVENTS and wake the loop. */
void	 tui_post(unsigned events);

/* UI thread only. */
void	 tui_push(const struct tui_screen_ops *, void *arg);
void	 tui_pop(void);
/* Pops every screen above the bottom one. */
void	 tui_pop_to_home(void);
/* Replaces the top screen. */
void	 tui_replace(const struct tui_screen_ops *, void *arg);
void	 tui_quit(void);
/* A one-line message under the body (copied); ERROR picks the colour. */
void	 tui_message(int error, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
struct store *tui_store(void);
/* 1 when the store was opened read-only (it is only browsed). */
int	 tui_readonly(void);
/*
 * On a read-only store: shows "Cannot WHAT: the store '...' is
 * read-only" (WHAT translated by the caller) and returns 1, so that the
 * action that would write is refused before it starts. Else 0.
 */
int	 tui_refuse_write(const char *what);
const char *tui_db_path(void);
/* The framework banks, loaded on first use; NULL and a message if not. */
const struct framework_set *tui_frameworks(void);
/* Marks every screen for recalculation (after a write). */
void	 tui_touch(void);
/* Frames drawn so far (bench, tests). */
uint64_t tui_frames(void);

/* Body area: rows 1 .. LINES - 3. */
int	 tui_body_top(void);
int	 tui_body_rows(void);
int	 tui_cols(void);

/* tui_color.c */
void	 tui_color_init(void);
attr_t	 tui_attr(enum tui_color);
int	 tui_color_enabled(void);
/* 1 when the terminal shows UTF-8 (braille, block glyphs). */
int	 tui_utf8(void);

/* tui_draw.c: text drawing that never cuts a wide character. */
/* A complex character WS with ATTR, colour pair included. */
void	 tui_cchar(cchar_t *, const wchar_t *ws, attr_t);
/* Display width of UTF-8 S (invalid bytes count one column). */
int	 tui_width(const char *s);
/* Draws S at (Y, X) in at most MAXW columns; returns columns used. */
int	 tui_put(int y, int x, int maxw, attr_t, const char *s);
/* Same, padded with spaces to exactly W columns. */
int	 tui_put_pad(int y, int x, int w, attr_t, const char *s);
int	 tui_printf(int y, int x, int maxw, attr_t, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
/*
 * The translation of the English format FMT (core/i18n.h), formatted:
 * arguments are checked against the English text, and translations keep
 * the same conversions. Owned string.
 */
char	*tui_trfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Word-wraps S into W columns from row Y, at most MAXROWS; rows used. */
int	 tui_wrap(int y, int x, int w, int maxrows, attr_t, const char *s);
/* Rows tui_wrap needs for S at width W (no limit), drawing nothing. */
int	 tui_wrap_rows(int w, const char *s);
/*
 * A core cause as UI text (owned): the CLI prefixes become field names
 * and, in the French UI, the frequent phrases are in French.
 */
char	*tui_cause(const char *cause);
/*
 * The label EN translated, with its colon as the language writes it
 * ("Category:", "Catégorie :"). A ring of static buffers: UI thread only,
 * valid until eight more calls.
 */
const char *tui_lbl(const char *en);
/* A horizontal bar of W cells filled to FRAC (0..1). */
void	 tui_bar(int y, int x, int w, double frac, attr_t);
/* Fills a row segment with spaces. */
void	 tui_clear_row(int y, int x, int w);
/* A box title line "── Title ──" across W columns. */
void	 tui_section(int y, int x, int w, const char *title);
/* Colour role for a status name ("compliant", "non_compliant", ...). */
enum tui_color tui_status_color(const char *status);
/* A status as people read it, translated. */
const char *tui_status_label(const char *status);
/* A marker glyph for a status (distinct shapes for monochrome). */
const char *tui_status_glyph(const char *status);

/* tui_edit.c: a UTF-8 aware line or multi-line editor. */
struct tui_edit {
	wchar_t		*buf;
	size_t		 len, cap;
	size_t		 cur;		/* cursor, in characters */
	size_t		 max;		/* most characters */
	int		 multiline;
	size_t		 top;		/* first shown line (multi-line) */
	size_t		 hscroll;	/* first shown column (single line) */
};

void	 tui_edit_init(struct tui_edit *, size_t max, int multiline);
void	 tui_edit_release(struct tui_edit *);
void	 tui_edit_set(struct tui_edit *, const char *utf8);
/* The text as an owned UTF-8 string. */
char	*tui_edit_text(const struct tui_edit *);
/* 1 when the key changed the text or cursor. */
int	 tui_edit_key(struct tui_edit *, const struct tui_key *);
/* Draws in W columns (and H rows when multi-line); FOCUS shows cursor. */
void	 tui_edit_draw(struct tui_edit *, int y, int x, int w, int h,
	    int focus);

/* The screens (tui/screen_*.c). */
extern const struct tui_screen_ops screen_home_ops;
extern const struct tui_screen_ops screen_dashboard_ops;
extern const struct tui_screen_ops screen_new_ops;
extern const struct tui_screen_ops screen_interview_ops;
extern const struct tui_screen_ops screen_review_ops;
extern const struct tui_screen_ops screen_report_ops;
extern const struct tui_screen_ops screen_reports_ops;
extern const struct tui_screen_ops screen_jobs_ops;

/* Asks the interview screen below to show question QID when it is back. */
void	 screen_interview_request(const char *qid);
/* The next report screen opened speaks LANG ("en", "fr"). */
void	 screen_report_speak(const char *lang);

#endif

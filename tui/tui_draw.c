/* SPDX-License-Identifier: MIT */
/*
 * Drawing helpers. Text is UTF-8; it is decoded with mbrtowc and drawn
 * character by character with its wcwidth, so a wide character is never
 * cut in half: one that does not fit is left out. Everything is clipped
 * to the screen, so drawing is safe at any size down to 1x1. UI thread.
 */
#include "tui/tui.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/xmalloc.h"
#include "core/i18n.h"

/* Decodes one character of S (LEN bytes); returns bytes used (>= 1). */
static size_t
tui_draw_decode(const char *s, size_t len, wchar_t *wc, int *w)
{
	mbstate_t st;
	size_t n;

	memset(&st, 0, sizeof st);
	n = mbrtowc(wc, s, len, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = L'?';
		*w = 1;
		return 1;
	}
	*w = wcwidth(*wc);
	if (*w < 0) {
		*wc = L'?';
		*w = 1;
	}
	return n;
}

void
tui_cchar(cchar_t *cc, const wchar_t *ws, attr_t attr)
{
	/* setcchar takes the colour pair apart from the attributes. */
	setcchar(cc, ws, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
}

int
tui_width(const char *s)
{
	size_t len, n;
	wchar_t wc;
	int w, total = 0;

	if (s == NULL)
		return 0;
	len = strlen(s);
	while (len > 0) {
		n = tui_draw_decode(s, len, &wc, &w);
		if (wc == L'\n' || wc == L'\t')
			w = 1;
		total += w;
		s += n;
		len -= n;
	}
	return total;
}

int
tui_put(int y, int x, int maxw, attr_t attr, const char *s)
{
	size_t len, n;
	wchar_t wc, ws[2];
	int w, used = 0;
	cchar_t cc;

	if (s == NULL || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return 0;
	if (x + maxw > COLS)
		maxw = COLS - x;
	len = strlen(s);
	while (len > 0 && used < maxw) {
		n = tui_draw_decode(s, len, &wc, &w);
		s += n;
		len -= n;
		if (wc == L'\n' || wc == L'\t' || wc == L'\r')
			wc = L' ';
		if (w == 0 && wc != L' ')
			continue;	/* combining marks need a base: drop */
		if (w == 0)
			w = 1;
		if (used + w > maxw)
			break;
		ws[0] = wc;
		ws[1] = L'\0';
		tui_cchar(&cc, ws, attr);
		mvadd_wch(y, x + used, &cc);
		used += w;
	}
	return used;
}

int
tui_put_pad(int y, int x, int w, attr_t attr, const char *s)
{
	int used;

	used = tui_put(y, x, w, attr, s);
	if (used < w && y >= 0 && y < LINES && x + used < COLS) {
		attrset(attr);
		mvhline(y, x + used, ' ', (x + w > COLS ? COLS - x : w) - used);
		attrset(A_NORMAL);
	}
	return w;
}

int
tui_printf(int y, int x, int maxw, attr_t attr, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	n = tui_put(y, x, maxw, attr, s);
	free(s);
	return n;
}

/*
 * The format comes from the translation table, whose rows keep the
 * conversions of the English key; the English key is what the compiler
 * checks at every call through the attribute on the prototype.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
char *
tui_trfmt(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(i18n_tr(fmt), ap);
	va_end(ap);
	return s;
}
#pragma GCC diagnostic pop

static int
tui_wrap_draw(int y, int x, int w, int maxrows, attr_t attr, const char *s,
    int draw)
{
	const char *p, *line, *brk;
	size_t len, n;
	wchar_t wc;
	int cw, width, rows = 0;
	char *tmp;

	if (s == NULL || w <= 0)
		return 0;
	p = s;
	while (*p != '\0' && rows < maxrows) {
		line = p;
		brk = NULL;
		width = 0;
		len = strlen(p);
		while (len > 0) {
			n = tui_draw_decode(p, len, &wc, &cw);
			if (wc == L'\n')
				break;
			if (width + cw > w)
				break;
			if (wc == L' ')
				brk = p;
			width += cw;
			p += n;
			len -= n;
		}
		if (len > 0 && *p != '\n' && brk != NULL && brk > line)
			p = brk;
		if (draw) {
			tmp = xstrndup(line, (size_t)(p - line));
			tui_put(y + rows, x, w, attr, tmp);
			free(tmp);
		}
		rows++;
		if (*p == '\n' || *p == ' ')
			p++;
		if (p == line)	/* a character wider than W: skip it */
			p++;
	}
	return rows;
}

int
tui_wrap(int y, int x, int w, int maxrows, attr_t attr, const char *s)
{
	return tui_wrap_draw(y, x, w, maxrows, attr, s, 1);
}

int
tui_wrap_rows(int w, const char *s)
{
	return tui_wrap_draw(0, 0, w, INT_MAX, A_NORMAL, s, 0);
}

void
tui_bar(int y, int x, int w, double frac, attr_t attr)
{
	int full, i;
	int u = tui_utf8();

	if (w <= 0 || y < 0 || y >= LINES)
		return;
	if (frac < 0 || frac != frac)
		frac = 0;
	if (frac > 1)
		frac = 1;
	full = (int)(frac * w + 0.5);
	for (i = 0; i < w && x + i < COLS; i++) {
		if (i < full)
			tui_put(y, x + i, 1, attr, u ? "█" : "#");
		else
			tui_put(y, x + i, 1, tui_attr(TUI_COLOR_DIM),
			    u ? "░" : ".");
	}
}

void
tui_clear_row(int y, int x, int w)
{
	if (y < 0 || y >= LINES || x >= COLS || w <= 0)
		return;
	if (x + w > COLS)
		w = COLS - x;
	attrset(A_NORMAL);
	mvhline(y, x, ' ', w);
}

void
tui_section(int y, int x, int w, const char *title)
{
	int used, i;
	const char *dash = tui_utf8() ? "─" : "-";

	if (w <= 0)
		return;
	for (i = 0; i < w; i++)
		tui_put(y, x + i, 1, tui_attr(TUI_COLOR_DIM), dash);
	used = tui_put(y, x + 2, w - 4, tui_attr(TUI_COLOR_HEADER), " ");
	used += tui_put(y, x + 2 + used, w - 4 - used,
	    tui_attr(TUI_COLOR_HEADER), title);
	tui_put(y, x + 2 + used, w - 4 - used, tui_attr(TUI_COLOR_HEADER), " ");
}

/* SPDX-License-Identifier: MIT */
/*
 * A small text editor for fields: wide characters held as wchar_t, so
 * the cursor moves by whole characters and accented or wide characters
 * are never split. Single-line fields scroll sideways; multi-line fields
 * wrap at the field width and scroll by rows. The cursor is drawn as a
 * reversed cell, so the frame drawn afterwards cannot move it. UI thread.
 */
#include "tui/tui.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "core/base/buf.h"
#include "core/base/xmalloc.h"

void
tui_edit_init(struct tui_edit *e, size_t max, int multiline)
{
	memset(e, 0, sizeof *e);
	e->max = max;
	e->multiline = multiline;
	e->cap = 16;
	e->buf = xcalloc(e->cap, sizeof *e->buf);
}

void
tui_edit_release(struct tui_edit *e)
{
	XFREE(e->buf);
	e->len = e->cap = e->cur = 0;
}

static void
tui_edit_insert(struct tui_edit *e, wchar_t wc)
{
	if (e->max != 0 && e->len >= e->max)
		return;
	if (e->len + 2 > e->cap) {
		e->cap *= 2;
		e->buf = xreallocarray(e->buf, e->cap, sizeof *e->buf);
	}
	memmove(e->buf + e->cur + 1, e->buf + e->cur,
	    (e->len - e->cur) * sizeof *e->buf);
	e->buf[e->cur++] = wc;
	e->len++;
	e->buf[e->len] = L'\0';
}

void
tui_edit_set(struct tui_edit *e, const char *s)
{
	mbstate_t st;
	wchar_t wc;
	size_t n, len;

	e->len = e->cur = e->top = e->hscroll = 0;
	e->buf[0] = L'\0';
	if (s == NULL)
		return;
	memset(&st, 0, sizeof st);
	len = strlen(s);
	while (len > 0) {
		n = mbrtowc(&wc, s, len, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof st);
			wc = L'?';
			n = 1;
		}
		if (wc != L'\n' || e->multiline)
			tui_edit_insert(e, wc);
		s += n;
		len -= n;
	}
}

char *
tui_edit_text(const struct tui_edit *e)
{
	struct buf b;
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t i, n;

	buf_init(&b, 0);
	memset(&st, 0, sizeof st);
	for (i = 0; i < e->len; i++) {
		n = wcrtomb(mb, e->buf[i], &st);
		if (n == (size_t)-1) {
			memset(&st, 0, sizeof st);
			continue;
		}
		buf_append(&b, mb, n);
	}
	return buf_detach(&b);
}

static int
tui_edit_cw(wchar_t wc)
{
	int w;

	if (wc == L'\n')
		return 0;
	w = wcwidth(wc);
	return w < 1 ? 1 : w;
}

/* Start of the logical line holding position POS. */
static size_t
tui_edit_bol(const struct tui_edit *e, size_t pos)
{
	while (pos > 0 && e->buf[pos - 1] != L'\n')
		pos--;
	return pos;
}

static size_t
tui_edit_eol(const struct tui_edit *e, size_t pos)
{
	while (pos < e->len && e->buf[pos] != L'\n')
		pos++;
	return pos;
}

int
tui_edit_key(struct tui_edit *e, const struct tui_key *k)
{
	size_t bol, col, p;

	if (k->code == 0) {
		switch (k->ch) {
		case 127:
		case TUI_CTRL('H'):
			if (e->cur == 0)
				return 1;
			e->cur--;
			memmove(e->buf + e->cur, e->buf + e->cur + 1,
			    (e->len - e->cur) * sizeof *e->buf);
			e->len--;
			return 1;
		case TUI_CTRL('A'):
			e->cur = e->multiline ? tui_edit_bol(e, e->cur) : 0;
			return 1;
		case TUI_CTRL('E'):
			e->cur = e->multiline ? tui_edit_eol(e, e->cur) :
			    e->len;
			return 1;
		case TUI_CTRL('U'):
			p = e->multiline ? tui_edit_bol(e, e->cur) : 0;
			memmove(e->buf + p, e->buf + e->cur,
			    (e->len - e->cur + 1) * sizeof *e->buf);
			e->len -= e->cur - p;
			e->cur = p;
			return 1;
		case TUI_CTRL('K'):
			p = e->multiline ? tui_edit_eol(e, e->cur) : e->len;
			memmove(e->buf + e->cur, e->buf + p,
			    (e->len - p + 1) * sizeof *e->buf);
			e->len -= p - e->cur;
			return 1;
		case '\r':
		case '\n':
			if (!e->multiline)
				return 0;
			tui_edit_insert(e, L'\n');
			return 1;
		default:
			if (k->ch < 32 || !iswprint((wint_t)k->ch))
				return 0;
			tui_edit_insert(e, (wchar_t)k->ch);
			return 1;
		}
	}
	switch (k->code) {
	case KEY_BACKSPACE:
		if (e->cur == 0)
			return 1;
		e->cur--;
		memmove(e->buf + e->cur, e->buf + e->cur + 1,
		    (e->len - e->cur) * sizeof *e->buf);
		e->len--;
		return 1;
	case KEY_DC:
		if (e->cur == e->len)
			return 1;
		memmove(e->buf + e->cur, e->buf + e->cur + 1,
		    (e->len - e->cur) * sizeof *e->buf);
		e->len--;
		return 1;
	case KEY_LEFT:
		if (e->cur > 0)
			e->cur--;
		return 1;
	case KEY_RIGHT:
		if (e->cur < e->len)
			e->cur++;
		return 1;
	case KEY_HOME:
		e->cur = e->multiline ? tui_edit_bol(e, e->cur) : 0;
		return 1;
	case KEY_END:
		e->cur = e->multiline ? tui_edit_eol(e, e->cur) : e->len;
		return 1;
	case KEY_UP:
	case KEY_DOWN:
		if (!e->multiline)
			return 0;
		bol = tui_edit_bol(e, e->cur);
		col = e->cur - bol;
		if (k->code == KEY_UP) {
			if (bol == 0)
				return 1;
			p = tui_edit_bol(e, bol - 1);
		} else {
			p = tui_edit_eol(e, e->cur);
			if (p == e->len)
				return 1;
			p++;
		}
		e->cur = p;
		while (col > 0 && e->cur < e->len && e->buf[e->cur] != L'\n') {
			e->cur++;
			col--;
		}
		return 1;
	case KEY_ENTER:
		if (!e->multiline)
			return 0;
		tui_edit_insert(e, L'\n');
		return 1;
	default:
		return 0;
	}
}

static void
tui_edit_cell(int y, int x, wchar_t wc, attr_t attr)
{
	wchar_t ws[2];
	cchar_t cc;

	if (y < 0 || y >= LINES || x < 0 || x >= COLS)
		return;
	ws[0] = wc;
	ws[1] = L'\0';
	tui_cchar(&cc, ws, attr);
	mvadd_wch(y, x, &cc);
}

void
tui_edit_draw(struct tui_edit *e, int y, int x, int w, int h, int focus)
{
	size_t i, crow = 0;
	int row, col, cw, ccol = 0, width;
	attr_t cur = A_REVERSE;

	if (w <= 0)
		return;
	if (!e->multiline) {
		/* Scroll so the cursor is visible with a cell to spare. */
		if (e->hscroll > e->cur)
			e->hscroll = e->cur;
		for (;;) {
			width = 0;
			for (i = e->hscroll; i < e->cur; i++)
				width += tui_edit_cw(e->buf[i]);
			if (width < w - 1 || e->hscroll >= e->cur)
				break;
			e->hscroll++;
		}
		tui_clear_row(y, x, w);
		col = 0;
		for (i = e->hscroll; i < e->len; i++) {
			cw = tui_edit_cw(e->buf[i]);
			if (col + cw > w)
				break;
			tui_edit_cell(y, x + col, e->buf[i],
			    focus && i == e->cur ? cur : A_UNDERLINE);
			col += cw;
		}
		if (focus && e->cur == e->len && col < w)
			tui_edit_cell(y, x + col, L' ', cur);
		else if (col < w) {
			attrset(A_UNDERLINE);
			mvhline(y, x + col, ' ', w - col);
			attrset(A_NORMAL);
		}
		return;
	}
	/* Multi-line: find the cursor's visual row first. */
	row = col = 0;
	for (i = 0; i <= e->len; i++) {
		if (i == e->cur) {
			crow = (size_t)row;
			ccol = col;
		}
		if (i == e->len)
			break;
		if (e->buf[i] == L'\n') {
			row++;
			col = 0;
			continue;
		}
		cw = tui_edit_cw(e->buf[i]);
		if (col + cw > w) {
			row++;
			col = 0;
		}
		col += cw;
	}
	(void)ccol;
	if (crow < e->top)
		e->top = crow;
	if (h > 0 && crow >= e->top + (size_t)h)
		e->top = crow - (size_t)h + 1;
	for (row = 0; row < h; row++)
		tui_clear_row(y + row, x, w);
	row = col = 0;
	for (i = 0; i <= e->len; i++) {
		int vis = row >= (int)e->top && row < (int)e->top + h;
		int vy = y + row - (int)e->top;

		if (i == e->len) {
			if (focus && i == e->cur && vis && col < w)
				tui_edit_cell(vy, x + col, L' ', cur);
			break;
		}
		if (e->buf[i] == L'\n') {
			if (focus && i == e->cur && vis && col < w)
				tui_edit_cell(vy, x + col, L' ', cur);
			row++;
			col = 0;
			continue;
		}
		cw = tui_edit_cw(e->buf[i]);
		if (col + cw > w) {
			row++;
			col = 0;
			vis = row >= (int)e->top && row < (int)e->top + h;
			vy = y + row - (int)e->top;
		}
		if (vis)
			tui_edit_cell(vy, x + col, e->buf[i],
			    focus && i == e->cur ? cur : A_NORMAL);
		col += cw;
	}
}

/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the field editor of tui/tui_edit.c (its pure part: keys,
 * text in and out): wide and accented characters move and delete as
 * whole characters, the maximum length holds, multi-line moves keep the
 * column. The drawing part needs a terminal and is covered by the tmux
 * suites. The module is compiled into this test directly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <cmocka.h>

#include "tui/tui_edit.c"

/* The drawing helpers tui_edit_draw uses; not exercised here. */
void
tui_clear_row(int y, int x, int w)
{
	(void)y;
	(void)x;
	(void)w;
}

void
tui_cchar(cchar_t *cc, const wchar_t *ws, attr_t attr)
{
	(void)cc;
	(void)ws;
	(void)attr;
}

static struct tui_key
edit_ch(wint_t c)
{
	struct tui_key k;

	memset(&k, 0, sizeof k);
	k.ch = c;
	return k;
}

static struct tui_key
edit_code(int c)
{
	struct tui_key k;

	memset(&k, 0, sizeof k);
	k.code = c;
	return k;
}

static void
edit_type(struct tui_edit *e, const wchar_t *s)
{
	struct tui_key k;

	for (; *s != L'\0'; s++) {
		k = edit_ch((wint_t)*s);
		tui_edit_key(e, &k);
	}
}

static void
test_edit_wide(void **state)
{
	struct tui_edit e;
	struct tui_key k;
	char *t;

	(void)state;
	tui_edit_init(&e, 100, 0);
	edit_type(&e, L"Zoé 日本");
	t = tui_edit_text(&e);
	assert_string_equal(t, "Zoé 日本");
	free(t);
	assert_int_equal(e.len, 6);
	/* Backspace removes the whole wide character. */
	k = edit_ch(127);
	tui_edit_key(&e, &k);
	t = tui_edit_text(&e);
	assert_string_equal(t, "Zoé 日");
	free(t);
	/* Left twice, insert: lands between whole characters. */
	k = edit_code(KEY_LEFT);
	tui_edit_key(&e, &k);
	tui_edit_key(&e, &k);
	edit_type(&e, L"ï");
	t = tui_edit_text(&e);
	assert_string_equal(t, "Zoéï 日");
	free(t);
	/* Ctrl-U clears to the start, Ctrl-K to the end. */
	k = edit_ch(TUI_CTRL('K'));
	tui_edit_key(&e, &k);
	t = tui_edit_text(&e);
	assert_string_equal(t, "Zoéï");
	free(t);
	k = edit_ch(TUI_CTRL('U'));
	tui_edit_key(&e, &k);
	assert_int_equal(e.len, 0);
	/* Enter is not text in a single-line field. */
	k = edit_ch('\r');
	assert_int_equal(tui_edit_key(&e, &k), 0);
	tui_edit_release(&e);
}

static void
test_edit_set_and_max(void **state)
{
	struct tui_edit e;
	char *t;

	(void)state;
	tui_edit_init(&e, 5, 0);
	tui_edit_set(&e, "Mbuji-Mayi");
	t = tui_edit_text(&e);
	assert_string_equal(t, "Mbuji");
	free(t);
	edit_type(&e, L"x");
	assert_int_equal(e.len, 5);
	tui_edit_set(&e, NULL);
	assert_int_equal(e.len, 0);
	/* Invalid UTF-8 becomes a replacement, never a crash. */
	tui_edit_set(&e, "a\xff" "b");
	t = tui_edit_text(&e);
	assert_string_equal(t, "a?b");
	free(t);
	tui_edit_release(&e);
}

static void
test_edit_multiline(void **state)
{
	struct tui_edit e;
	struct tui_key k;
	char *t;

	(void)state;
	tui_edit_init(&e, 1000, 1);
	tui_edit_set(&e, "première ligne\nDeux");
	assert_int_equal(e.cur, e.len);
	/* Up keeps the column (4), then typing inserts there. */
	k = edit_code(KEY_UP);
	tui_edit_key(&e, &k);
	assert_int_equal(e.cur, 4);
	edit_type(&e, L"!");
	k = edit_ch('\r');
	assert_int_equal(tui_edit_key(&e, &k), 1);
	t = tui_edit_text(&e);
	assert_string_equal(t, "prem!\nière ligne\nDeux");
	free(t);
	k = edit_code(KEY_DOWN);
	tui_edit_key(&e, &k);
	tui_edit_key(&e, &k);
	k = edit_code(KEY_END);
	tui_edit_key(&e, &k);
	assert_int_equal(e.cur, e.len);
	tui_edit_release(&e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edit_wide),
		cmocka_unit_test(test_edit_set_and_max),
		cmocka_unit_test(test_edit_multiline),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}

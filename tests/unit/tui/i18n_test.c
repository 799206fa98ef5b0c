/* SPDX-License-Identifier: MIT */
/* Unit tests for core/i18n: lookup, fallback, language switch. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/i18n.h"

static void
test_i18n_lookup(void **state)
{
	(void)state;
	i18n_set_lang("en");
	assert_string_equal(i18n_lang_code(), "en");
	assert_string_equal(i18n_tr("Quit"), "Quit");
	i18n_set_lang("fr");
	assert_int_equal(i18n_lang(), I18N_FR);
	assert_string_equal(i18n_tr("Quit"), "Quitter");
	assert_string_equal(i18n_tr("Risk hotspots"),
	    "Points chauds de risque");
	/* No translation: the English text itself. */
	assert_string_equal(i18n_tr("no such text"), "no such text");
	assert_string_equal(i18n_tr(NULL), "");
	assert_string_equal(i18n_tr_lang(I18N_EN, "Quit"), "Quit");
	assert_true(i18n_has("Dashboard"));
	assert_false(i18n_has("no such text"));
	/* Anything but "fr" is English. */
	i18n_set_lang("de");
	assert_string_equal(i18n_tr("Quit"), "Quit");
	i18n_set_lang(NULL);
	assert_string_equal(i18n_lang_code(), "en");
}

/* Formats keep their conversions in the same order. */
static void
test_i18n_formats(void **state)
{
	static const char *const fmts[] = {
		"Question %d of %d", "%d questions, about %d min",
		"Please enlarge it to at least %dx%d", "now %dx%d",
		"Exported to %s", "risk %.0f", "%d reports",
	};
	const char *fr, *p, *q;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
		assert_true(i18n_has(fmts[i]));
		fr = i18n_tr_lang(I18N_FR, fmts[i]);
		p = fmts[i];
		q = fr;
		for (;;) {
			p = strchr(p, '%');
			q = strchr(q, '%');
			if (p == NULL || q == NULL)
				break;
			assert_int_equal(p[1], q[1]);
			p++;
			q++;
		}
		assert_true(p == NULL && q == NULL);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_i18n_lookup),
		cmocka_unit_test(test_i18n_formats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for tui/tui_cause.c: core causes made into UI text (field
 * names for CLI options, no question prefix, French phrases) and the
 * French colon of tui_lbl. The module is included (it is in the
 * program, not the library), as edit_test does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/i18n.h"
#include "tui/tui_cause.c"

static void
check(const char *lang, const char *cause, const char *want)
{
	char *got;

	i18n_set_lang(lang);
	got = tui_cause(cause);
	assert_string_equal(got, want);
	free(got);
}

static void
test_cause_english(void **state)
{
	(void)state;
	check("en", "question 'drc_002' (date): '2023-02-29' is not a date: "
	    "expected YYYY-MM-DD (a real calendar day)", "'2023-02-29' is "
	    "not a date: expected YYYY-MM-DD (a real calendar day)");
	check("en", "--evidence: cannot open '/x.pdf': No such file or "
	    "directory", "Evidence: cannot open '/x.pdf': No such file or "
	    "directory");
	check("en", "--email: 'bad' is not an e-mail address",
	    "E-mail: 'bad' is not an e-mail address");
	check("en", "question 'q1': is required and cannot be skipped",
	    "is required and cannot be skipped");
	/* Unknown shapes are kept whole. */
	check("en", "something else: 'x'", "something else: 'x'");
	check("en", "question 'unterminated", "question 'unterminated");
	check("en", "", "");
}

static void
test_cause_french(void **state)
{
	(void)state;
	check("fr", "question 'drc_002' (date): '2023-02-29' is not a date: "
	    "expected YYYY-MM-DD (a real calendar day)", "'2023-02-29' "
	    "n'est pas une date : format attendu AAAA-MM-JJ (un jour qui "
	    "existe)");
	check("fr", "--email: 'bad' is not an e-mail address",
	    "Courriel : 'bad' n'est pas une adresse e-mail");
	check("fr", "question 'n1' (number): '-3' is below the minimum 0",
	    "'-3' est inférieur au minimum 0");
	check("fr", "--evidence: cannot open '/x.pdf': No such file or "
	    "directory", "Preuve : impossible d'ouvrir '/x.pdf' : fichier ou "
	    "dossier introuvable");
	i18n_set_lang("en");
}

static void
test_lbl(void **state)
{
	(void)state;
	i18n_set_lang("fr");
	assert_string_equal(tui_lbl("Category"), "Catégorie :");
	i18n_set_lang("en");
	assert_string_equal(tui_lbl("Category"), "Category:");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cause_english),
		cmocka_unit_test(test_cause_french),
		cmocka_unit_test(test_lbl),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/*
 * Causes from the core (English, written for the command line) made
 * into UI text: the CLI prefixes ("question 'drc_002' (date): ",
 * "--evidence: ") become the name of the field, and in the French UI
 * the frequent validation phrases are translated. Anything not known is
 * kept as it is, so a message is never lost.
 */
#include "tui/tui.h"

#include <stdio.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/base/xmalloc.h"
#include "core/i18n.h"

struct tui_cause_pair {
	const char	*en;
	const char	*fr;
};

/* CLI option prefixes and the field each one names. */
static const struct tui_cause_pair tui_cause_fields[] = {
	{ "--evidence: ", "Evidence" },
	{ "--email: ", "E-mail" },
	{ "--notes: ", "Notes" },
	{ "--confidence ", "Confidence" },
	{ "--site-name: ", "Site name" },
	{ "--site-code: ", "Site code" },
	{ "--operator: ", "Operator" },
	{ "--auditor: ", "Auditor" },
	{ NULL, NULL }
};

/* Phrases of the frequent causes, longest first where one holds another. */
static const struct tui_cause_pair tui_cause_fr[] = {
	{ "is not a date: expected YYYY-MM-DD (a real calendar day)",
	    "n'est pas une date : format attendu AAAA-MM-JJ (un jour qui "
	    "existe)" },
	{ "is before 1900", "est antérieure à 1900" },
	{ "is in the future", "est dans le futur" },
	{ "is not a finite number", "n'est pas un nombre fini" },
	{ "is not a number", "n'est pas un nombre" },
	{ "is below the minimum", "est inférieur au minimum" },
	{ "is above the maximum", "est supérieur au maximum" },
	{ "is not an option (one of:", "n'est pas une option (au choix :" },
	{ "choose at least one option", "cochez au moins une option" },
	{ "the text is empty (skip the question instead)",
	    "le texte est vide (passez plutôt la question)" },
	{ "is not an e-mail address", "n'est pas une adresse e-mail" },
	{ "cannot open", "impossible d'ouvrir" },
	{ "No such file or directory", "fichier ou dossier introuvable" },
	{ "Permission denied", "permission refusée" },
	{ "Is a directory", "c'est un dossier" },
	{ "a value is required", "une valeur est obligatoire" },
	{ "expected a number from", "attendu : un nombre de" },
	{ "must lie between 0 and", "doit être compris entre 0 et" },
	{ "is required and cannot be skipped",
	    "est obligatoire et ne peut pas être passée" },
	{ "does not allow \"not applicable\"",
	    "n'accepte pas « non applicable »" },
	{ NULL, NULL }
};

/* Skips a "question 'ID' (TYPE): " or "question 'ID': " prefix. */
static const char *
tui_cause_skip_question(const char *s)
{
	const char *p;

	if (strncmp(s, "question '", 10) != 0)
		return s;
	p = strchr(s + 10, '\'');
	if (p == NULL)
		return s;
	p++;
	if (*p == ' ' && p[1] == '(') {
		p = strchr(p, ')');
		if (p == NULL)
			return s;
		p++;
	}
	if (*p != ':' || p[1] != ' ')
		return s;
	return p + 2;
}

char *
tui_cause(const char *cause)
{
	const struct tui_cause_pair *f, *t;
	const char *s, *label = NULL, *hit;
	struct buf b;
	size_t n;
	int fr = i18n_lang() == I18N_FR;

	if (cause == NULL)
		return xstrdup("");
	s = tui_cause_skip_question(cause);
	for (f = tui_cause_fields; f->en != NULL; f++) {
		n = strlen(f->en);
		if (strncmp(s, f->en, n) == 0) {
			label = f->fr;
			s += n;
			break;
		}
	}
	buf_init(&b, 0);
	if (label != NULL) {
		buf_puts(&b, i18n_tr(label));
		buf_puts(&b, fr ? " : " : ": ");
	}
	while (*s != '\0') {
		hit = NULL;
		t = NULL;
		if (fr) {
			for (f = tui_cause_fr; f->en != NULL; f++) {
				n = strlen(f->en);
				if (strncmp(s, f->en, n) == 0) {
					t = f;
					hit = s;
					break;
				}
			}
		}
		if (hit != NULL) {
			buf_puts(&b, t->fr);
			s += strlen(t->en);
		} else if (fr && strncmp(s, "': ", 3) == 0) {
			/* French puts a space before the colon. */
			buf_puts(&b, "' : ");
			s += 3;
		} else {
			buf_putc(&b, *s);
			s++;
		}
	}
	return buf_detach(&b);
}

const char *
tui_lbl(const char *en)
{
	static char ring[8][160];
	static unsigned next;
	char *b = ring[next++ % 8];

	snprintf(b, sizeof ring[0], "%s%s", i18n_tr(en),
	    i18n_lang() == I18N_FR ? " :" : ":");
	return b;
}

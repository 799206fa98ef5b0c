/* SPDX-License-Identifier: MIT */
#ifndef VO_I18N_H
#define VO_I18N_H

/*
 * User-interface text in English and French. Strings are written in
 * English where they are used and looked up by that text (gettext style):
 * i18n_tr("Quit") gives "Quitter" when the language is French, and the
 * English text itself when there is no translation. Format strings keep
 * their conversions in the same order in both languages.
 *
 * The language is process-wide and set by the UI thread
 * (i18n_set_lang); lookups from other threads are safe once it is set.
 */

enum i18n_lang {
	I18N_EN = 0,
	I18N_FR
};

/* "en" or "fr" (anything else: English). */
void		 i18n_set_lang(const char *);
enum i18n_lang	 i18n_lang(void);
const char	*i18n_lang_code(void);		/* "en" or "fr" */
/* The current language's text for EN; never NULL. */
const char	*i18n_tr(const char *en);
/* The text for EN in LANG, whatever the current language. */
const char	*i18n_tr_lang(enum i18n_lang, const char *en);
/* 1 when EN has a French translation (tests). */
int		 i18n_has(const char *en);

#endif

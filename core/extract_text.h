/* SPDX-License-Identifier: MIT */
#ifndef VO_EXTRACT_TEXT_H
#define VO_EXTRACT_TEXT_H

/*
 * Text clean-up for extracted documents and the folding used by the
 * evidence search. Pure functions on UTF-8 strings; thread-safe, except a
 * struct extract_text_stemmer, which belongs to one thread at a time.
 *
 * to_utf8():   bytes of unknown encoding -> valid UTF-8. Valid UTF-8
 *              is kept (a BOM dropped); anything else is read as
 *              Windows-1252 (a superset of Latin-1 for printable text).
 * normalize(): NFKC (ligatures such as U+FB01 become "fi"), soft
 *              hyphens and control bytes dropped (a U+0002
 *              between two letters, as in "Secretary\x02General",
 *              becomes the hyphen it stood for), line-end hyphens
 *              joined only at true word breaks: "ci-\naprès" and
 *              "2024-\n2075" keep their hyphen, "envi-\nronment"
 *              becomes "environment".
 * fold():      lower case, accents stripped, everything that is not a
 *              letter or digit turned into one space.
 */

#include <stddef.h>

#include "core/base/buf.h"

/*
 * Appends IN (LEN bytes) to OUT as UTF-8. Sets *CP1252 (OUT, may be NULL)
 * to 1 when the input was not UTF-8. Returns 0, or -1 when OUT's maximum
 * would be exceeded.
 */
int	 extract_text_to_utf8(const char *in, size_t len, struct buf *out,
	    int *cp1252 /* OUT */);

/* 1 when S (LEN bytes) is valid UTF-8. */
int	 extract_text_is_utf8(const char *s, size_t len);

/* Returns an owned, normalised copy of valid UTF-8 IN (see above). */
char	*extract_text_normalize(const char *in);

/* Returns an owned folded copy of valid UTF-8 IN (see above). */
char	*extract_text_fold(const char *in);

/*
 * Snowball stemmers for English and French. extract_text_stem() folds IN, stems
 * each word with the stemmer of LANG ("en" or "fr"; both when NULL, the
 * English stem first) and returns the owned space-separated stems.
 */
struct extract_text_stemmer;
struct extract_text_stemmer *extract_text_stemmer_new(void);
void	 extract_text_stemmer_free(struct extract_text_stemmer *); /* NULL ok */
char	*extract_text_stem(struct extract_text_stemmer *, const char *in,
	    const char *lang);

/* Counts of words that look English and French; for language guesses. */
void	 extract_text_lang_counts(const char *in, int *en /* OUT */,
	    int *fr /* OUT */);
/* "en" or "fr" by the counts above; "en" on a tie. Static string. */
const char *extract_text_guess_lang(const char *in);

/* Number of UTF-8 code points in S. */
size_t	 extract_text_utf8_len(const char *s);
/* Byte length of the first at most N code points of S. */
size_t	 extract_text_utf8_prefix(const char *s, size_t n);

#endif

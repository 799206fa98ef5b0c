/* SPDX-License-Identifier: MIT */
/*
 * Text clean-up: encodings, Unicode normalisation, hyphenation and the
 * folding and stemming used by the evidence search (see core/extract_text.h).
 * Strings are decoded to code points, worked on as arrays, and encoded
 * again; nothing here keeps state between calls except a stemmer, which
 * one thread owns.
 */
#include "core/extract_text.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "core/base/xmalloc.h"

/* Windows-1252 0x80..0x9f; 0 where the code page has a hole. */
static const uint16_t extract_text_cp1252[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178
};

struct extract_text_cps {
	int32_t	*v;
	size_t	 n;
	size_t	 cap;
};

static void
extract_text_cps_push(struct extract_text_cps *c, int32_t cp)
{
	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 256 : c->cap * 2;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	c->v[c->n++] = cp;
}

/* Decodes valid UTF-8 IN into code points. */
static void
extract_text_decode(const char *in, struct extract_text_cps *out)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)in;
	utf8proc_ssize_t k;
	utf8proc_int32_t cp;

	while (*p != '\0') {
		k = utf8proc_iterate(p, -1, &cp);
		if (k <= 0) {
			p++;
			continue;
		}
		extract_text_cps_push(out, cp);
		p += k;
	}
}

static char *
extract_text_encode(const int32_t *v, size_t n)
{
	struct buf b;
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t k;
	size_t i;

	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		k = utf8proc_encode_char(v[i], tmp);
		if (k > 0)
			buf_append(&b, tmp, (size_t)k);
	}
	return buf_detach(&b);
}

int
extract_text_is_utf8(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t k;
	utf8proc_int32_t cp;
	size_t i = 0;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

int
extract_text_to_utf8(const char *in, size_t len, struct buf *out, int *cp1252)
{
	const unsigned char *p = (const unsigned char *)in;
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t k;
	int32_t cp;
	size_t i;

	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		p += 3;
		len -= 3;
	}
	if (extract_text_is_utf8((const char *)p, len)) {
		if (cp1252 != NULL)
			*cp1252 = 0;
		/* NULs would cut the string short: drop them. */
		for (i = 0; i < len; i++) {
			if (p[i] != '\0' && buf_putc(out, (char)p[i]) != 0)
				return -1;
		}
		return 0;
	}
	if (cp1252 != NULL)
		*cp1252 = 1;
	for (i = 0; i < len; i++) {
		cp = p[i];
		if (cp == 0)
			continue;
		if (cp >= 0x80 && cp < 0xa0) {
			cp = extract_text_cp1252[cp - 0x80];
			if (cp == 0)
				cp = 0xfffd;
		}
		k = utf8proc_encode_char(cp, tmp);
		if (buf_append(out, tmp, (size_t)k) != 0)
			return -1;
	}
	return 0;
}

static int
extract_text_is_letter(int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static int
extract_text_is_upper(int32_t cp)
{
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static int
extract_text_is_digit(int32_t cp)
{
	return cp >= '0' && cp <= '9';
}

static int
extract_text_is_hspace(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0xa0;
}

/* Compares code points V[0..N) with ASCII/UTF-8 word W, ignoring case. */
static int
extract_text_word_is(const int32_t *v, size_t n, const char *w)
{
	struct extract_text_cps c = { NULL, 0, 0 };
	size_t i;
	int eq;

	extract_text_decode(w, &c);
	eq = c.n == n;
	for (i = 0; eq && i < n; i++)
		eq = utf8proc_tolower(v[i]) == c.v[i];
	free(c.v);
	return eq;
}

/* Words that take a real hyphen in French compounds, on either side. */
static const char *const extract_text_hyphen_left[] = {
	"ci", "celui", "celle", "ceux", "celles", "là", "non", "sous",
	"vice", "quasi", "demi", "semi", "ex", "après", "avant", "arrière",
	"grand", "petit", "sud", "nord", "est", "ouest", "self", "co",
	"pre", "post", "multi", "cross", "e", "anti", "arc", NULL
};
static const char *const extract_text_hyphen_right[] = {
	"après", "dessus", "dessous", "contre", "même", "mêmes", "ci", "là",
	"il", "elle", "ils", "elles", "on", "t", "être", "ce", "vous",
	"nous", "je", "tu", "de", "en", "y", "delà", "unes", "uns", NULL
};

static int
extract_text_in_list(const int32_t *v, size_t n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++) {
		if (extract_text_word_is(v, n, list[i]))
			return 1;
	}
	return 0;
}

/*
 * At a hyphen that ends a line: 1 when the hyphen is real and stays, 0
 * when it only broke a word and the two halves join. L[0..nl) is the word
 * before the hyphen, R[0..nr) the word after.
 */
static int
extract_text_hyphen_is_real(const int32_t *l, size_t nl, const int32_t *r,
    size_t nr)
{
	if (nl == 0 || nr == 0)
		return 1;
	if (extract_text_is_digit(l[nl - 1]) || extract_text_is_digit(r[0]))
		return 1;
	if (!extract_text_is_letter(l[nl - 1]) || !extract_text_is_letter(r[0]))
		return 1;
	if (extract_text_is_upper(r[0]))
		return 1;
	if (extract_text_in_list(l, nl, extract_text_hyphen_left) ||
	    extract_text_in_list(r, nr, extract_text_hyphen_right))
		return 1;
	return 0;
}

static int
extract_text_is_hyphen(int32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

char *
extract_text_normalize(const char *in)
{
	utf8proc_uint8_t *nfkc = NULL;
	utf8proc_ssize_t rc;
	struct extract_text_cps a = { NULL, 0, 0 }, o = { NULL, 0, 0 };
	size_t i, j, k, ws, we, rs, re;
	int32_t cp, prev;
	char *s;

	rc = utf8proc_map((const utf8proc_uint8_t *)in, 0, &nfkc,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_COMPAT);
	if (rc < 0)
		extract_text_decode(in, &a);
	else {
		extract_text_decode((const char *)nfkc, &a);
		free(nfkc);
	}

	/* Pass 1: line ends, controls, soft hyphens, invisible marks. */
	for (i = 0; i < a.n; i++) {
		cp = a.v[i];
		if (cp == '\r') {
			if (i + 1 < a.n && a.v[i + 1] == '\n')
				continue;
			cp = '\n';
		}
		if (cp == 0xad || cp == 0x200b || cp == 0xfeff ||
		    cp == 0x200c || cp == 0x200d || cp == 0x2060)
			continue;
		if ((cp < 0x20 && cp != '\n' && cp != '\t') ||
		    (cp >= 0x7f && cp < 0xa0)) {
			/* U+0002 stood for a hyphen in some exports. */
			if (cp == 0x02 && o.n > 0 &&
			    extract_text_is_letter(o.v[o.n - 1]) &&
			    i + 1 < a.n && extract_text_is_letter(a.v[i + 1]))
				extract_text_cps_push(&o, '-');
			continue;
		}
		if (cp == '\t')
			cp = ' ';
		if (cp == 0xa0 || (cp >= 0x2000 && cp <= 0x200a) ||
		    cp == 0x202f || cp == 0x205f || cp == 0x3000)
			cp = ' ';
		extract_text_cps_push(&o, cp);
	}
	free(a.v);
	a = o;
	o.v = NULL;
	o.n = o.cap = 0;

	/* Pass 2: hyphens at line ends; runs of spaces; trailing spaces. */
	prev = '\n';
	for (i = 0; i < a.n; i++) {
		cp = a.v[i];
		if (extract_text_is_hyphen(cp) && o.n > 0 &&
		    (extract_text_is_letter(o.v[o.n - 1]) ||
		    extract_text_is_digit(o.v[o.n - 1]))) {
			/* Is this hyphen the last thing on its line? */
			j = i + 1;
			while (j < a.n && extract_text_is_hspace(a.v[j]))
				j++;
			if (j < a.n && a.v[j] == '\n') {
				k = j + 1;
				while (k < a.n &&
				    extract_text_is_hspace(a.v[k]))
					k++;
				we = o.n;
				ws = we;
				while (ws > 0 &&
				    extract_text_is_letter(o.v[ws - 1]))
					ws--;
				rs = k;
				re = rs;
				while (re < a.n &&
				    (extract_text_is_letter(a.v[re]) ||
				    extract_text_is_digit(a.v[re])))
					re++;
				if (re > rs) {
					if (extract_text_hyphen_is_real(
					    o.v + ws, we - ws, a.v + rs,
					    re - rs))
						extract_text_cps_push(&o, '-');
					i = k - 1;
					prev = o.v[o.n - 1];
					continue;
				}
			}
		}
		if (extract_text_is_hspace(cp)) {
			if (prev == ' ' || prev == '\n')
				continue;
			cp = ' ';
		}
		if (cp == '\n') {
			while (o.n > 0 && o.v[o.n - 1] == ' ')
				o.n--;
		}
		extract_text_cps_push(&o, cp);
		prev = cp;
	}
	while (o.n > 0 && (o.v[o.n - 1] == ' ' || o.v[o.n - 1] == '\n'))
		o.n--;
	s = extract_text_encode(o.v, o.n);
	free(a.v);
	free(o.v);
	return s;
}

char *
extract_text_fold(const char *in)
{
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t rc;
	struct extract_text_cps a = { NULL, 0, 0 }, o = { NULL, 0, 0 };
	utf8proc_category_t c;
	size_t i;
	int32_t cp;
	char *s;

	rc = utf8proc_map((const utf8proc_uint8_t *)in, 0, &m,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
	if (rc < 0)
		extract_text_decode(in, &a);
	else {
		extract_text_decode((const char *)m, &a);
		free(m);
	}
	for (i = 0; i < a.n; i++) {
		cp = a.v[i];
		if (cp == 0x153 || cp == 0x152) {		/* œ */
			extract_text_cps_push(&o, 'o');
			extract_text_cps_push(&o, 'e');
			continue;
		}
		if (cp == 0xe6 || cp == 0xc6) {		/* æ */
			extract_text_cps_push(&o, 'a');
			extract_text_cps_push(&o, 'e');
			continue;
		}
		c = utf8proc_category(cp);
		if ((c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
		    c == UTF8PROC_CATEGORY_ND) {
			extract_text_cps_push(&o, utf8proc_tolower(cp));
			continue;
		}
		if (o.n > 0 && o.v[o.n - 1] != ' ')
			extract_text_cps_push(&o, ' ');
	}
	while (o.n > 0 && o.v[o.n - 1] == ' ')
		o.n--;
	s = extract_text_encode(o.v, o.n);
	free(a.v);
	free(o.v);
	return s;
}

struct extract_text_stemmer {
	struct sb_stemmer	*en;
	struct sb_stemmer	*fr;
};

struct extract_text_stemmer *
extract_text_stemmer_new(void)
{
	struct extract_text_stemmer *t;

	t = xcalloc(1, sizeof *t);
	t->en = sb_stemmer_new("english", "UTF_8");
	t->fr = sb_stemmer_new("french", "UTF_8");
	if (t->en == NULL || t->fr == NULL)
		fatalx("%s: libstemmer has no english/french stemmer",
		    __func__);
	return t;
}

void
extract_text_stemmer_free(struct extract_text_stemmer *t)
{
	if (t == NULL)
		return;
	sb_stemmer_delete(t->en);
	sb_stemmer_delete(t->fr);
	free(t);
}

char *
extract_text_stem(struct extract_text_stemmer *t, const char *in,
    const char *lang)
{
	struct sb_stemmer *sb;
	const sb_symbol *st;
	struct buf b;
	char *f, *p, *w;

	sb = lang != NULL && strcmp(lang, "fr") == 0 ? t->fr : t->en;
	f = extract_text_fold(in);
	buf_init(&b, 0);
	for (p = f; *p != '\0';) {
		w = p;
		while (*p != '\0' && *p != ' ')
			p++;
		st = sb_stemmer_stem(sb, (const sb_symbol *)w, (int)(p - w));
		if (b.len > 0)
			buf_putc(&b, ' ');
		if (st != NULL)
			buf_append(&b, st, (size_t)sb_stemmer_length(sb));
		else
			buf_append(&b, w, (size_t)(p - w));
		if (*p == ' ')
			p++;
	}
	free(f);
	return buf_detach(&b);
}

static const char *const extract_text_en_words[] = {
	"the", "and", "of", "to", "shall", "is", "be", "with", "for", "by",
	"must", "that", "are", "or", "in", "on", NULL
};
static const char *const extract_text_fr_words[] = {
	"le", "la", "les", "des", "du", "et", "est", "doit", "une", "dans",
	"pour", "au", "aux", "sont", "par", "sur", NULL
};

void
extract_text_lang_counts(const char *in, int *en, int *fr)
{
	const char *p, *w;
	size_t n, i;

	*en = *fr = 0;
	for (p = in; *p != '\0';) {
		while (*p != '\0' && !((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z')))
			p++;
		w = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			p++;
		n = (size_t)(p - w);
		if (n == 0 || n > 5)
			continue;
		for (i = 0; extract_text_en_words[i] != NULL; i++) {
			if (strlen(extract_text_en_words[i]) == n &&
			    strncasecmp(w, extract_text_en_words[i], n) == 0)
				(*en)++;
		}
		for (i = 0; extract_text_fr_words[i] != NULL; i++) {
			if (strlen(extract_text_fr_words[i]) == n &&
			    strncasecmp(w, extract_text_fr_words[i], n) == 0)
				(*fr)++;
		}
	}
}

const char *
extract_text_guess_lang(const char *in)
{
	int en, fr;

	extract_text_lang_counts(in, &en, &fr);
	return fr > en ? "fr" : "en";
}

size_t
extract_text_utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	}
	return n;
}

size_t
extract_text_utf8_prefix(const char *s, size_t n)
{
	size_t i = 0, k = 0;

	while (s[i] != '\0') {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (k == n)
				break;
			k++;
		}
		i++;
	}
	return i;
}

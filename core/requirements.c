/* SPDX-License-Identifier: MIT */
/*
 * Requirement extraction (see core/requirements.h). The document is read
 * line by line: a line that opens with a numbered heading starts a unit,
 * the lines after it are the unit's body, and the body is cut into
 * sentences, of which those that oblige become requirements carrying the
 * unit's reference. Bundled sets are JSON files read with jansson.
 */
#include "core/requirements.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/buf.h"
#include "core/base/xmalloc.h"
#include "core/extract.h"
#include "core/extract_text.h"

#define REQUIREMENTS_MAX_SENTENCE 700
#define REQUIREMENTS_MAX_TITLE 160

static void
requirements_release(struct requirements_item *r)
{
	free(r->ref);
	free(r->number);
	free(r->unit_kind);
	free(r->text);
	free(r->title);
	free(r->category);
	free(r->keywords);
	free(r->article);
}

void
requirements_set_free(struct requirements_set *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		requirements_release(&s->v[i]);
	free(s->v);
	free(s->framework);
	free(s->name);
	free(s);
}

static struct requirements_item *
requirements_push(struct requirements_set *s)
{
	struct requirements_item *r;

	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	r = &s->v[s->n++];
	memset(r, 0, sizeof *r);
	r->weight = 3;
	return r;
}

/* Heading keywords, longest first where one is a prefix of another. */
static const struct {
	const char	*word;
	const char	*kind;
	const char	*label;
} requirements_words[] = {
	{ "Regulation", "regulation", "Regulation" },
	{ "REGULATION", "regulation", "Regulation" },
	{ "Règlement", "regulation", "Règlement" },
	{ "Article", "article", "Article" },
	{ "ARTICLE", "article", "Article" },
	{ "Art.", "article", "Art." },
	{ "ART.", "article", "Art." },
	{ "Section", "section", "Section" },
	{ "SECTION", "section", "Section" },
	{ "Rule", "rule", "Rule" },
	{ "Règle", "rule", "Règle" },
	{ "§", "cfr", "§" },
	{ NULL, NULL, NULL }
};

static const char *const requirements_suffixes[] = {
	"bis", "ter", "quater", "quinquies", "sexies", "septies", "octies",
	"nonies", "decies", NULL
};

int
requirements_is_toc_line(const char *s)
{
	const char *p;
	int dots = 0, run = 0;
	size_t len;

	for (p = s; *p != '\0'; p++) {
		if (*p == '.' || (*p == ' ' && run > 0)) {
			if (*p == '.')
				run++;
			if (run >= 4)
				dots = 1;
		} else
			run = 0;
	}
	if (dots || strstr(s, "\xe2\x80\xa6\xe2\x80\xa6") != NULL)
		return 1;
	/* "Regulation 4 Title   12": a title then a lone page number. */
	len = strlen(s);
	p = s + len;
	while (p > s && isdigit((unsigned char)p[-1]))
		p--;
	if (p < s + len && p > s + 2 && p[-1] == ' ' && p[-2] == ' ')
		return 1;
	return 0;
}

/* Skips spaces (ASCII and no-break) at S. */
static const char *
requirements_skip_space(const char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if ((unsigned char)s[0] == 0xc2 &&
		    (unsigned char)s[1] == 0xa0)
			s += 2;
		else
			return s;
	}
}

/* 1 when S starts with an upper-case letter (ASCII or Latin-1 range). */
static int
requirements_starts_upper(const char *s)
{
	unsigned char c = (unsigned char)s[0];

	if (c >= 'A' && c <= 'Z')
		return 1;
	/* UTF-8 À..Þ is C3 80..C3 9E. */
	return c == 0xc3 && (unsigned char)s[1] >= 0x80 &&
	    (unsigned char)s[1] <= 0x9e;
}

/*
 * Parses a heading at the start of LINE. On success returns 1 and fills
 * KIND (static), LABEL (static), NUMBER (into NUM) and the title in *REST.
 */
static int
requirements_parse_heading(const char *line, const char **kind,
    const char **label, char *num, size_t numlen, const char **rest)
{
	const char *p, *q, *n0;
	size_t i, wl, k;
	int digits;

	p = requirements_skip_space(line);
	for (i = 0; requirements_words[i].word != NULL; i++) {
		wl = strlen(requirements_words[i].word);
		if (strncmp(p, requirements_words[i].word, wl) == 0)
			break;
	}
	if (requirements_words[i].word != NULL) {
		*kind = requirements_words[i].kind;
		*label = requirements_words[i].label;
		p += wl;
		q = requirements_skip_space(p);
		if (q == p && strcmp(*kind, "cfr") != 0)
			return 0;
		p = q;
		n0 = p;
		if (strncmp(p, "premier", 7) == 0 ||
		    strncmp(p, "PREMIER", 7) == 0) {
			snprintf(num, numlen, "1");
			p += 7;
		} else {
			digits = 0;
			while (isdigit((unsigned char)*p) || (*p == '.' &&
			    isdigit((unsigned char)p[1]) &&
			    strcmp(*kind, "cfr") == 0)) {
				digits++;
				p++;
			}
			if (digits == 0 || digits > 12)
				return 0;
			snprintf(num, numlen, "%.*s", (int)(p - n0), n0);
			if (strncmp(p, "er", 2) == 0 && !isalpha(
			    (unsigned char)p[2]))
				p += 2;		/* "1er" */
		}
		/* Latin suffix, with or without a space: "4ter", "18 bis". */
		q = requirements_skip_space(p);
		for (k = 0; requirements_suffixes[k] != NULL; k++) {
			wl = strlen(requirements_suffixes[k]);
			if (strncasecmp(q, requirements_suffixes[k], wl) == 0 &&
			    !isalpha((unsigned char)q[wl])) {
				snprintf(num + strlen(num),
				    numlen - strlen(num), " %s",
				    requirements_suffixes[k]);
				p = q + wl;
				break;
			}
		}
		/* What follows the number decides heading or citation. */
		if (*p == '\0')
			goto heading;
		if (*p == '.' && (p[1] == '\0' || p[1] == ' ')) {
			p++;
			goto heading;
		}
		q = requirements_skip_space(p);
		if (*q == ':' || (*q == '-' && q[1] == ' ') ||
		    strncmp(q, "\xe2\x80\x93", 3) == 0 ||
		    strncmp(q, "\xe2\x80\x94", 3) == 0) {
			p = q + (*q == ':' || *q == '-' ? 1 : 3);
			goto heading;
		}
		if (q > p && requirements_starts_upper(q)) {
			p = q;
			goto heading;
		}
		if (*q == '[' && q > p) {
			p = q;
			goto heading;
		}
		return 0;
	}
	/* "4.4.2 Title": a numbered clause. */
	n0 = p;
	digits = 0;
	while (isdigit((unsigned char)*p) || (*p == '.' &&
	    isdigit((unsigned char)p[1]))) {
		if (*p == '.')
			digits++;
		p++;
	}
	if (digits < 1 || digits > 4 || p - n0 > 16 || *p != ' ')
		return 0;
	q = requirements_skip_space(p);
	if (!requirements_starts_upper(q))
		return 0;
	/* "1.5 Million": a number, not a clause; clauses start small. */
	if (!isdigit((unsigned char)n0[0]) || strtol(n0, NULL, 10) > 30)
		return 0;
	*kind = "clause";
	*label = "";
	snprintf(num, numlen, "%.*s", (int)(p - n0), n0);
	p = q;
heading:
	*rest = requirements_skip_space(p);
	return 1;
}

static const char *const requirements_oblige[] = {
	" shall ", " must ", " is required to ", " are required to ",
	" doit ", " doivent ", " devra ", " devront ", " est tenu de ",
	" est tenue de ", " sont tenus de ", " sont tenues de ",
	" est tenu d ", " sont tenus d ", " il incombe ", NULL
};

/* 1 when sentence S obliges someone to do something. */
static int
requirements_obliges(const char *s)
{
	char *f, *g;
	size_t i;
	int hit = 0;

	f = extract_text_fold(s);
	g = xasprintf(" %s ", f);
	for (i = 0; !hit && requirements_oblige[i] != NULL; i++)
		hit = strstr(g, requirements_oblige[i]) != NULL;
	free(f);
	free(g);
	return hit;
}

struct requirements_unit {
	const char	*kind;
	char		 ref[96];
	char		 number[48];
	char		 title[REQUIREMENTS_MAX_TITLE];
	int		 page;
	size_t		 index;		/* of its UNIT record in the set */
	struct buf	 body;		/* text since the heading */
	int		*pages;		/* page of each body byte offset run */
	size_t		*offs;
	size_t		 nmarks;
	char		 para[48];	/* § paragraph path "(d)(1)" */
	size_t		*poffs;		/* body offsets where para changed */
	char		(*pvals)[48];	/* the para from there on */
	size_t		 npmarks;
};

/* The § paragraph path in force at body offset OFF. */
static const char *
requirements_unit_para(const struct requirements_unit *u, size_t off)
{
	const char *p = "";
	size_t i;

	for (i = 0; i < u->npmarks && u->poffs[i] <= off; i++)
		p = u->pvals[i];
	return p;
}

static void
requirements_unit_mark(struct requirements_unit *u, int page)
{
	if (u->nmarks > 0 && u->pages[u->nmarks - 1] == page)
		return;
	u->pages = xreallocarray(u->pages, u->nmarks + 1, sizeof *u->pages);
	u->offs = xreallocarray(u->offs, u->nmarks + 1, sizeof *u->offs);
	u->pages[u->nmarks] = page;
	u->offs[u->nmarks] = u->body.len;
	u->nmarks++;
}

static int
requirements_unit_page(const struct requirements_unit *u, size_t off)
{
	size_t i;
	int page = u->page;

	for (i = 0; i < u->nmarks && u->offs[i] <= off; i++)
		page = u->pages[i];
	return page;
}

/* 1 when the text at P ends a sentence (after a '.', ';', '?', '!'). */
static int
requirements_sentence_end(const char *start, const char *p)
{
	const char *w;

	if (*p == ';' || *p == '?' || *p == '!')
		return p[1] == ' ' || p[1] == '\0';
	if (*p != '.' || (p[1] != ' ' && p[1] != '\0'))
		return 0;
	/* Not after an abbreviation or a paragraph number ("Art.", "1."). */
	w = p;
	while (w > start && w[-1] != ' ')
		w--;
	if (p - w <= 3 && (isdigit((unsigned char)*w) ||
	    isupper((unsigned char)*w)))
		return 0;
	if (p - w == 2 && w[0] == 'n' && w[1] == 'o')
		return 0;
	return 1;
}

static void
requirements_add_sentence(struct requirements_set *s,
    struct requirements_unit *u, const char *text, size_t len, int page,
    size_t off)
{
	struct requirements_item *r, *unit;
	const char *para;
	char *t;

	while (len > 0 && (*text == ' ' || *text == '\n')) {
		text++;
		len--;
		off++;
	}
	if (len < 20)
		return;
	if (len > REQUIREMENTS_MAX_SENTENCE)
		len = extract_text_utf8_prefix(text, REQUIREMENTS_MAX_SENTENCE);
	t = xstrndup(text, len);
	if (!requirements_obliges(t)) {
		free(t);
		return;
	}
	r = requirements_push(s);
	r->kind = REQUIREMENTS_OBLIGATION;
	r->unit_kind = xstrdup(u->kind != NULL ? u->kind : "");
	para = requirements_unit_para(u, off);
	if (u->kind != NULL && strcmp(u->kind, "cfr") == 0 && para[0])
		r->ref = xasprintf("%s%s", u->ref, para);
	else
		r->ref = xstrdup(u->ref);
	r->number = xstrdup(u->number);
	r->text = t;
	r->title = xstrdup(u->title);
	r->category = xstrdup("");
	r->keywords = xstrdup("");
	r->article = xstrdup(u->kind != NULL &&
	    strcmp(u->kind, "article") == 0 ? u->number : "");
	r->page = page;
	if (u->kind != NULL && u->index < s->n - 1) {
		unit = &s->v[u->index];
		unit->weight = 0;	/* has obligations: not judged alone */
	}
}

/* Cuts the unit's body into sentences and keeps those that oblige. */
static void
requirements_flush(struct requirements_set *s, struct requirements_unit *u)
{
	const char *b, *p, *start, *body;
	struct requirements_item *unit;

	b = u->body.data;
	start = b;
	for (p = b; *p != '\0'; p++) {
		if (requirements_sentence_end(start, p)) {
			requirements_add_sentence(s, u, start,
			    (size_t)(p - start) + 1,
			    requirements_unit_page(u, (size_t)(start - b)),
			    (size_t)(start - b));
			start = p + 1;
		}
	}
	requirements_add_sentence(s, u, start, (size_t)(p - start),
	    requirements_unit_page(u, (size_t)(start - b)),
	    (size_t)(start - b));
	if (u->kind != NULL) {
		unit = &s->v[u->index];
		/*
		 * A heading with (almost) nothing under it, such as a line of
		 * a table of contents, is a unit to count, not to judge.
		 */
		if (u->body.len < 40)
			unit->weight = 0;
		if (unit->weight != 0 && u->body.len > 0) {
			/* No obligation: the heading and its first words. */
			free(unit->text);
			body = u->body.data + (u->body.data[0] == ' ');
			unit->text = xasprintf("%s%s%.*s", u->title,
			    u->title[0] != '\0' ? ": " : "",
			    (int)extract_text_utf8_prefix(body, 300), body);
		}
	}
	buf_reset(&u->body);
	u->nmarks = 0;
	u->npmarks = 0;
	u->para[0] = '\0';
}

static int
requirements_is_roman(const char *s, size_t n)
{
	static const char *const r[] = { "i", "ii", "iii", "iv", "v", "vi",
	    "vii", "viii", "ix", "x", NULL };
	size_t i;

	for (i = 0; r[i] != NULL; i++) {
		if (strlen(r[i]) == n && strncmp(r[i], s, n) == 0)
			return 1;
	}
	return 0;
}

/* Tracks "(d)" and "(1)" paragraph markers at line starts in § units. */
static void
requirements_track_para(struct requirements_unit *u, const char *line)
{
	char tag[16], *q;
	size_t n;

	line = requirements_skip_space(line);
	if (line[0] != '(')
		return;
	n = strcspn(line + 1, ")");
	if (n == 0 || n > 4 || line[1 + n] != ')')
		return;
	snprintf(tag, sizeof tag, "(%.*s)", (int)n, line + 1);
	q = strchr(u->para, ')');
	if (q != NULL && strchr(q + 1, ')') != NULL &&
	    requirements_is_roman(line + 1, n)) {
		/* (a)(1)(i): the third level, after a number. */
		q = strchr(q + 1, ')');
		q[1] = '\0';
		snprintf(u->para + strlen(u->para),
		    sizeof u->para - strlen(u->para), "%s", tag);
	} else if (islower((unsigned char)line[1]) && n == 1)
		snprintf(u->para, sizeof u->para, "%s", tag);
	else if (isdigit((unsigned char)line[1])) {
		if (q != NULL)
			q[1] = '\0';
		snprintf(u->para + strlen(u->para),
		    sizeof u->para - strlen(u->para), "%s", tag);
	} else
		return;
	/* From the start of this line on (after its joining space). */
	u->poffs = xreallocarray(u->poffs, u->npmarks + 1, sizeof *u->poffs);
	u->pvals = xreallocarray(u->pvals, u->npmarks + 1, sizeof *u->pvals);
	u->poffs[u->npmarks] = u->body.len + (u->body.len > 0);
	snprintf(u->pvals[u->npmarks], sizeof u->pvals[0], "%s", u->para);
	u->npmarks++;
}

struct requirements_set *
requirements_extract(const struct extract_doc *doc, const char *name)
{
	struct requirements_set *s;
	struct requirements_unit u;
	struct requirements_item *r;
	const char *kind, *label, *rest, *line, *nl;
	char num[48], *l;
	int pg;
	size_t len;

	s = xcalloc(1, sizeof *s);
	s->framework = xstrdup(name);
	s->name = xstrdup(name);
	memset(&u, 0, sizeof u);
	buf_init(&u.body, 0);
	for (pg = 0; pg < doc->npages; pg++) {
		for (line = doc->pages[pg].text; *line != '\0'; line = nl) {
			nl = strchr(line, '\n');
			len = nl != NULL ? (size_t)(nl - line) : strlen(line);
			l = xstrndup(line, len);
			nl = nl != NULL ? nl + 1 : line + len;
			if (!requirements_is_toc_line(l) &&
			    requirements_parse_heading(l, &kind, &label, num,
			    sizeof num, &rest)) {
				requirements_flush(s, &u);
				u.kind = kind;
				snprintf(u.number, sizeof u.number, "%s", num);
				snprintf(u.ref, sizeof u.ref, "%s%s%s", label,
				    *label != '\0' && strcmp(label, "§") != 0 ?
				    " " : (strcmp(label, "§") == 0 ? " " : ""),
				    num);
				snprintf(u.title, sizeof u.title, "%.*s",
				    (int)extract_text_utf8_prefix(rest,
				    REQUIREMENTS_MAX_TITLE / 2), rest);
				u.page = pg + 1;
				r = requirements_push(s);
				r->kind = REQUIREMENTS_UNIT;
				r->ref = xstrdup(u.ref);
				r->number = xstrdup(num);
				r->unit_kind = xstrdup(kind);
				r->text = xstrdup(u.title);
				r->title = xstrdup(u.title);
				r->category = xstrdup("");
				r->keywords = xstrdup("");
				r->article = xstrdup(strcmp(kind, "article") ==
				    0 ? num : "");
				r->page = pg + 1;
				u.index = s->n - 1;
				s->nunits++;
				free(l);
				continue;
			}
			if (u.kind != NULL && strcmp(u.kind, "cfr") == 0)
				requirements_track_para(&u, l);
			requirements_unit_mark(&u, pg + 1);
			if (u.body.len > 0)
				buf_putc(&u.body, ' ');
			buf_puts(&u.body, l);
			free(l);
		}
	}
	requirements_flush(s, &u);
	buf_release(&u.body);
	free(u.pages);
	free(u.offs);
	free(u.poffs);
	free(u.pvals);
	return s;
}

const char **
requirements_unit_numbers(const struct requirements_set *s, const char *kind,
    size_t *n)
{
	const char **v;
	size_t i, j;

	*n = 0;
	v = xcalloc(s->n + 1, sizeof *v);
	for (i = 0; i < s->n; i++) {
		if (s->v[i].kind != REQUIREMENTS_UNIT ||
		    strcmp(s->v[i].unit_kind, kind) != 0)
			continue;
		for (j = 0; j < *n; j++) {
			if (strcmp(v[j], s->v[i].number) == 0)
				break;
		}
		if (j == *n)
			v[(*n)++] = s->v[i].number;
	}
	return v;
}

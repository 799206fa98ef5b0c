/* SPDX-License-Identifier: MIT */
#ifndef VO_REQUIREMENTS_H
#define VO_REQUIREMENTS_H

/*
 * Requirements a site document is judged against, extracted from a
 * framework document the user gives (bundled frameworks carry their
 * requirement clauses in their bank, core/framework.h):
 *
 *   units        numbered headings at the start of a line: "Article 12",
 *                "ARTICLE 1er :", "Art. 299 bis", "Regulation 4",
 *                "Règle 3", "§ 970.200", "Section 5", "4.4.2 Title";
 *                tables of contents (dot leaders, page numbers) and
 *                citations ("Regulation 112(2)(c) of the ... Regulations,
 *                1961", "Regulation 21, paragraph 1") are not units;
 *   obligations  sentences with shall, must, is/are required to, doit,
 *                doivent, est tenu(e)(s) de, sont tenu(e)s de, each
 *                carrying the reference of the unit it sits in (and, for
 *                § units, its paragraph: "§ 970.200(d)(1)").
 *
 * Pure functions; thread-safe.
 */

#include <stddef.h>

struct extract_doc;

enum requirements_kind {
	REQUIREMENTS_UNIT,		/* a numbered heading (no obligation) */
	REQUIREMENTS_OBLIGATION		/* a sentence that obliges */
};

struct requirements_item {
	enum requirements_kind kind;
	char	*ref;		/* "Regulation 12", "DRC Art. 307" */
	char	*number;	/* "12", "299 bis", "970.200(d)(1)", "" */
	char	*unit_kind;	/* "regulation", "article", "section", ... */
	char	*text;		/* the requirement in one sentence */
	char	*title;		/* the unit's heading title or "" */
	char	*category;	/* category id (bundled) or "" */
	char	*keywords;	/* space-separated extra search words or "" */
	char	*article;	/* DRC article for penalties, or "" */
	double	 weight;	/* 1..5; 0: not judged (a unit with
				   obligations, or with no text under it) */
	int	 page;		/* 1-based, 0 when unknown */
};

struct requirements_set {
	char			*framework;	/* id or file name */
	char			*name;
	struct requirements_item	*v;
	size_t			 n;
	size_t			 nunits;	/* distinct units seen */
};

void	 requirements_set_free(struct requirements_set *);	/* NULL ok */

/*
 * Extracts requirements from DOC (a framework document). NAME names the
 * framework. Never fails; a document with no numbered units and no
 * obligations gives an empty set.
 */
struct requirements_set *requirements_extract(const struct extract_doc *doc,
	    const char *name);

/*
 * Numbers of the distinct units of kind KIND ("regulation", "article")
 * found in SET, for scoring against ground truth. Borrowed pointers into
 * SET; the array is owned. *N is set.
 */
const char **requirements_unit_numbers(const struct requirements_set *,
	    const char *kind, size_t *n /* OUT */);

/* 1 when S (a line, UTF-8) looks like a table-of-contents entry. */
int	 requirements_is_toc_line(const char *s);

#endif

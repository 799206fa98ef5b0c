/* SPDX-License-Identifier: MIT */
#ifndef VO_FRAMEWORK_H
#define VO_FRAMEWORK_H

/*
 * Framework question banks (assets/frameworks/NAME.json; the shape is in
 * docs/bank-format.md). A bank is validated completely at load: unknown
 * type, missing options, a follow-up to an unknown id, a cycle, a weight
 * out of range, a duplicate id... refuse the whole bank with the file,
 * the question id and the reason. A loaded bank is immutable, so any
 * thread may read it.
 */

#include <stddef.h>

enum question_type {
	QUESTION_YES_NO = 0,
	QUESTION_MULTIPLE_CHOICE,
	QUESTION_MULTI_SELECT,
	QUESTION_TEXT,
	QUESTION_NUMBER,
	QUESTION_DATE,
	QUESTION_SCALE
};

enum rule_kind {
	RULE_NONE = 0,		/* unscored (numbers, dates without a rule) */
	RULE_LINEAR,		/* s = clamp((v - worst) / (best - worst)) */
	RULE_MAX_AGE_DAYS	/* 1 if age <= days, 0.5 if <= 2 days, else 0 */
};

struct bank_text {
	char	*en;
	char	*fr;		/* falls back to en when the bank has none */
};

struct question_option {
	char		*value;
	struct bank_text label;
	double		 score;	/* 0..1 */
	int		 exclusive;	/* multi_select: chosen alone */
};

struct question {
	char		*id;
	char		*category;	/* a category id of the bank */
	char		*ref;		/* "DRC Art. 299 bis" */
	char		*article;	/* penalty article, or NULL */
	enum question_type type;
	struct bank_text text;
	struct bank_text help;
	double		 weight;	/* 0..5 */
	int		 required;
	int		 evidence_required;
	int		 allow_na;
	int		 compliant_yes;	/* yes_no: 1 when "yes" is compliant */
	struct question_option *options;
	size_t		 noptions;
	int		 has_min, has_max;
	double		 min, max;	/* number: accepted range */
	enum rule_kind	 rule;
	double		 worst, best;	/* RULE_LINEAR */
	int		 days;		/* RULE_MAX_AGE_DAYS */
	int		 parent;	/* index of the triggering question or -1 */
	char		**triggers;	/* parent answer values that ask this */
	size_t		 ntriggers;
};

struct category {
	char		*id;
	struct bank_text name;
};

struct requirement {
	char		*ref;
	char		*category;
	char		*article;	/* or NULL */
	struct bank_text text;
	char		**keywords;
	size_t		 nkeywords;
};

struct penalty {
	char		*key;
	char		*article;
	struct bank_text description;
	double		 min_usd;
	double		 max_usd;
	char		*applies_to;
	char		*legal_reference;
	char		**keywords;
	size_t		 nkeywords;
};

struct excluded_penalty {
	char		*article;
	struct bank_text description;
	double		 max_usd;
	char		*reason;
};

struct framework {
	char		*id;		/* "DRC_MINING_CODE" */
	char		*path;		/* file it came from */
	char		*version;
	struct bank_text name;
	struct bank_text description;
	int		 estimated_minutes;
	struct category	*categories;
	size_t		 ncategories;
	struct question	*questions;	/* bank order; follow-ups after parents */
	size_t		 nquestions;
	struct requirement *requirements;
	size_t		 nrequirements;
	struct penalty	*penalties;
	size_t		 npenalties;
	struct excluded_penalty *excluded;
	size_t		 nexcluded;
};

struct framework_set {
	struct framework **items;
	size_t		 n;
};

/* Loads and validates one bank. Returns an owned framework or NULL+cause. */
struct framework *framework_load_file(const char *path, char **cause);
void	 framework_free(struct framework *);

/*
 * Loads every *.json bank of DIR, sorted by file name, into SET (OUT).
 * Any invalid bank fails the whole load. 0 or -1 + cause.
 */
int	 framework_set_load(const char *dir, struct framework_set *set,
	    char **cause);
/* Loads the installed banks (see assets_dir()). */
int	 framework_set_load_default(struct framework_set *, char **cause);
void	 framework_set_release(struct framework_set *);
/* By id, case-insensitively; borrowed, or NULL. */
const struct framework *framework_set_find(const struct framework_set *,
	    const char *id);

/* Index of question QID in FW, or -1. */
int	 framework_question_index(const struct framework *, const char *qid);
const struct category *framework_category(const struct framework *,
	    const char *id);
const char *question_type_name(enum question_type);
/* The text in LANG ("fr" or anything else for English). Borrowed. */
const char *bank_str(const struct bank_text *, const char *lang);

#endif

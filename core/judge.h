/* SPDX-License-Identifier: MIT */
#ifndef VO_JUDGE_H
#define VO_JUDGE_H

/*
 * The deterministic judgement of one requirement against the passages
 * retrieved for it. A passage supports a requirement when it covers the
 * requirement's content words and states that the thing is done (cues
 * such as implemented, valid, conducted; en place, à jour, réalisé); it
 * shows a deficiency when, near those words, it says that the thing is
 * missing (not, no, absence, expired, overdue, missing; pas de, aucun,
 * expiré, manquant, ...). A negation of something bad ("no lost-time
 * injuries", "aucun déversement") is support, not deficiency.
 *
 * Score 0..1 and status: compliant (>= 0.8), review_needed (0.5..0.8),
 * non_compliant (< 0.5), or no evidence (no passage covers enough of the
 * requirement: unscored, a gap to close). Pure; thread-safe once a
 * struct judge is made (one per thread: it holds stemmers).
 */

#include <stddef.h>

enum judge_verdict {
	JUDGE_COMPLIANT,
	JUDGE_REVIEW,
	JUDGE_NON_COMPLIANT,
	JUDGE_NO_EVIDENCE
};

struct judge_result {
	enum judge_verdict verdict;
	double	 score;		/* 0..1; meaningless for JUDGE_NO_EVIDENCE */
	double	 coverage;	/* share of requirement terms in the passage */
	int	 support;	/* support cues in the best sentence */
	int	 deficiency;	/* deficiency cues in the best sentence */
	size_t	 start, len;	/* the quoted sentence, bytes in the passage */
};

struct judge;

struct judge *judge_new(void);
void	 judge_free(struct judge *);	/* accepts NULL */

/*
 * Content terms of TEXT (plus KEYWORDS, may be NULL) in language LANG:
 * folded, stop words removed, stemmed, distinct, space-separated. Owned.
 */
char	*judge_terms(struct judge *, const char *text, const char *keywords,
	    const char *lang);

/*
 * Keyword phrases KEYWORDS (separated by ';', may be NULL) as terms:
 * each phrase through judge_terms(), phrases joined by ';'. Owned.
 */
char	*judge_phrases(struct judge *, const char *keywords, const char *lang);

/*
 * Judges PASSAGE (UTF-8, as extracted) against requirement terms TERMS
 * (from judge_terms() of the requirement text) and KWTERMS (from
 * judge_phrases() of its keywords, may be NULL: they count as
 * requirement words, measured against the size of TERMS) in language
 * LANG. Fills *OUT.
 *
 * Only sentences that state facts are evidence: an obligation ("shall
 * not offer", "doit détenir", "ne peut être") is normative text, and a
 * heading or table row (no verb) says nothing; both give no evidence.
 * A counterfactual ("Had the owner ensured ...", "could have been
 * averted") reports a breach. With keywords, the best sentence must
 * hold one keyword phrase whole (or most of the requirement's words);
 * without, one requirement word that is not a generic one.
 */
void	 judge_passage(struct judge *, const char *terms, const char *kwterms,
	    const char *passage, const char *lang,
	    struct judge_result *out /* OUT */);

/* What the statements of a document are (see judge_count()). */
struct judge_tally {
	size_t	 facts;		/* statements of fact */
	size_t	 observed;	/* of those: past, dated or observed */
	size_t	 rules;		/* binding: shall, must, doit, drafting */
	size_t	 advice;	/* should, devrait, will: advice, plans */
	size_t	 articles;	/* lines opening "Article N", "§ N" ... */
};

/*
 * Adds to *T the statements of TEXT: facts (and which of them report
 * an observation, a past event or a date), binding rules (modal "shall,
 * must, doit, est tenu de", or legal drafting in the present tense: "le
 * contractant soumet ... conformément à l'article 12"), advice
 * ("should", "devrait") and article headings. Headings, table rows and
 * questions are none of these.
 */
void	 judge_count(struct judge *, const char *text,
	    struct judge_tally *t /* IN/OUT */);

/*
 * 1 when tally T is a regulation or a guideline rather than a site
 * record: mostly binding rules; or numbered articles with rules and
 * few observed facts; or mostly rules and advice with few observed
 * facts. Advice beside observations (a site report's "should"
 * recommendations) does not make a document normative.
 */
int	 judge_normative(const struct judge_tally *t);

/*
 * Says whether the document judged is normative (a regulation, not a
 * site document): its statements of fact are then no evidence, since
 * they describe what a rule provides ("(c) records are kept and made
 * available"), and only counterfactual accounts of a breach count.
 */
void	 judge_set_normative(struct judge *, int normative);

/*
 * Length of the first LEN bytes of S without trailing blanks and bare
 * numbers on their own line or after a full stop (running page numbers,
 * footnote marks): what a quote should end with.
 */
size_t	 judge_trim(const char *s, size_t len);

/* "compliant", "review_needed", "non_compliant" or "no_evidence". */
const char *judge_verdict_name(enum judge_verdict);

#endif

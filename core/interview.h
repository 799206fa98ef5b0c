/* SPDX-License-Identifier: MIT */
#ifndef VO_INTERVIEW_H
#define VO_INTERVIEW_H

/*
 * The interview engine: one session of one framework at one site.
 *
 * Which questions are asked: those of the chosen categories (all when no
 * subset was given), in bank order, plus each follow-up whose parent is
 * asked and whose parent's current answer triggers it. A follow-up comes
 * right after its parent (the bank keeps that order). When an answer
 * changes so that a follow-up is no longer triggered, the follow-up's
 * stored answer is kept (nothing is lost) but it leaves progress and
 * scoring until it is triggered again.
 *
 * Every change is written to the store and committed before the call
 * returns; invalid input is refused before anything is written, so the
 * stored session is left exactly as it was.
 *
 * A struct interview is a snapshot loaded from the store; it belongs to
 * one thread. Return values: INTERVIEW_OK, INTERVIEW_INVALID (bad input:
 * unknown session or question, invalid value; the cause says which) or
 * INTERVIEW_ERROR (the store failed).
 */

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/framework.h"

#define INTERVIEW_OK		0
#define INTERVIEW_ERROR		(-1)
#define INTERVIEW_INVALID	(-2)

struct store;

enum interview_state {
	INTERVIEW_UNANSWERED = 0,
	INTERVIEW_ANSWERED,
	INTERVIEW_NA,
	INTERVIEW_SKIPPED
};

struct interview_answer {
	enum interview_state state;
	json_t		*value;		/* owned; NULL unless answered */
	char		*notes;
	double		 confidence;
	int		 has_confidence;
	json_t		*evidence;	/* owned array of {name, sha256, size} */
	char		*answered_at;
	int		 changed_elsewhere;
};

struct interview {
	char		*id;
	const struct framework *fw;	/* borrowed from the framework set */
	char		*site_code, *site_name, *operator;
	char		*auditor, *email, *lang;
	char		*status;
	char		*current_qid;
	char		*report_id;
	char		*started_at, *updated_at, *completed_at;
	unsigned char	*in_subset;	/* per question: category chosen */
	json_t		*categories;	/* chosen category ids, or NULL */
	struct interview_answer *answers; /* per question, bank order */
	int		 last_qi;	/* question answered last, or -1 */
	int64_t		 today;		/* days since the epoch */
};

struct interview_params {
	const char	*framework;
	const char	*site_name;
	const char	*site_code;
	const char	*operator;
	const char	*auditor;
	const char	*email;
	const char	*lang;		/* "en" (default) or "fr" */
	const char	*categories;	/* "a,b" or NULL for all */
};

/* What one answer call carries; exactly one of value/json/na/skip. */
struct interview_input {
	const char	*value;		/* as typed on the command line */
	json_t		*json;		/* or as JSON (borrowed) */
	int		 na;
	int		 skip;
	const char	*notes;
	const char	*confidence;	/* text, checked 0..1 */
	const char	**evidence;	/* file paths */
	size_t		 nevidence;
};

struct interview_progress_cat {
	const struct category *cat;
	int		 total, done;
	int		 required, required_done;
};

struct interview_progress {
	int		 total, done;		/* asked questions */
	int		 required, required_done;
	int		 percent;		/* done * 100 / total */
	int		 minutes_left;		/* half a minute a question */
	struct interview_progress_cat *cats;	/* owned, ncats */
	size_t		 ncats;
};

/* Starts a session; *id (OUT) is the owned session id. */
int	 interview_start(struct store *, const struct framework_set *,
	    const struct interview_params *, char **id /* OUT */,
	    char **cause);

/* Loads session ID (or a unique prefix of 8+ characters). */
int	 interview_load(struct store *, const struct framework_set *,
	    const char *id, struct interview **out /* OUT */, char **cause);
void	 interview_free(struct interview *);

/* 1 when question QI is asked in this session now. */
int	 interview_is_asked(const struct interview *, size_t qi);
/*
 * The question to ask now: an unanswered follow-up triggered by the
 * latest answer, else the first asked question in bank order not yet
 * answered, N/A or skipped; -1 when none is left.
 */
int	 interview_next(const struct interview *);
/* The asked question after (dir 1) or before (dir -1) QI, or -1. */
int	 interview_step(const struct interview *, int qi, int dir);

void	 interview_progress(const struct interview *,
	    struct interview_progress *out /* OUT */);
void	 interview_progress_release(struct interview_progress *);

/* Answers (or changes) question QID; reloads IV from the store. */
int	 interview_answer(struct store *, struct interview *, const char *qid,
	    const struct interview_input *, char **cause);

/* Remembers where the auditor is (for resume). */
int	 interview_set_position(struct store *, struct interview *,
	    const char *qid, char **cause);

/* pause, resume, abandon: STATUS "paused", "in_progress", "abandoned". */
int	 interview_set_status(struct store *, struct interview *,
	    const char *status, char **cause);

/*
 * Scores the session, stores the report and marks the session completed,
 * in one transaction. *report (OUT): the owned report JSON
 * (docs/report-format.md). Completing a completed session returns its
 * stored report.
 */
int	 interview_complete(struct store *, const struct framework_set *,
	    struct interview *, json_t **report /* OUT */, char **cause);

/* The session as JSON (metadata, progress), for --json and the TUI. */
json_t	*interview_to_json(const struct interview *);
/* Question QI as JSON: id, type, text, options, help, ... in LANG. */
json_t	*interview_question_json(const struct interview *, size_t qi);

#endif

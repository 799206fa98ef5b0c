/* SPDX-License-Identifier: MIT */
/*
 * Commands: frameworks, interview (start, next, answer, progress, pause,
 * resume, abandon, complete, run) and sessions. Each parses, calls the
 * interview engine and prints; nothing here decides anything.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/answer.h"
#include "core/base/buf.h"
#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "core/framework.h"
#include "core/interview.h"
#include "core/report.h"
#include "db/sessions.h"
#include "db/store.h"
#include "tui/cli.h"
#include "tui/cli_cmds.h"

static int
cli_iv_status(int rc)
{
	return rc == INTERVIEW_INVALID ? CLI_USAGE : CLI_FAIL;
}

static int
cli_iv_banks(struct framework_set *set)
{
	char *cause = NULL;

	if (framework_set_load_default(set, &cause) == -1)
		return cli_fail_cause(CLI_FAIL, cause);
	return 0;
}

int
cli_cmd_frameworks(struct cli_ctx *ctx, int argc, char **argv)
{
	struct framework_set set;
	int json = 0;
	const struct cli_opt opts[] = {
		{ .name = "--json", .flag = &json }, { .name = NULL }
	};
	json_t *arr;
	size_t i, npos;
	char *pos[1];
	int rc;

	(void)ctx;
	rc = cli_parse("frameworks", argc - 1, argv + 1, opts, pos, 0, &npos);
	if (rc != 0)
		return rc;
	if (cli_iv_banks(&set) != 0)
		return CLI_FAIL;
	if (json) {
		arr = json_array();
		for (i = 0; i < set.n; i++) {
			const struct framework *fw = set.items[i];
			json_t *cats = json_array();
			size_t k;

			for (k = 0; k < fw->ncategories; k++)
				json_array_append_new(cats, json_pack("{s:s, "
				    "s:s, s:s}", "id", fw->categories[k].id,
				    "en", bank_str(&fw->categories[k].name,
				    "en"), "fr",
				    bank_str(&fw->categories[k].name, "fr")));
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, "
			    "s:s?, s:i, s:i, s:i, s:o}", "id", fw->id,
			    "name", bank_str(&fw->name, "en"),
			    "name_fr", bank_str(&fw->name, "fr"),
			    "version", fw->version,
			    "questions", (int)fw->nquestions,
			    "requirements", (int)fw->nrequirements,
			    "estimated_minutes", fw->estimated_minutes,
			    "categories", cats));
		}
		framework_set_release(&set);
		return cli_print_json(arr);
	}
	for (i = 0; i < set.n; i++)
		printf("%-16s %3zu questions  ~%3d min  %s (%s)\n",
		    set.items[i]->id, set.items[i]->nquestions,
		    set.items[i]->estimated_minutes,
		    bank_str(&set.items[i]->name, "en"),
		    set.items[i]->version != NULL ? set.items[i]->version : "");
	framework_set_release(&set);
	return CLI_OK;
}

/* Loads session ID; prints the problem and returns non-zero on failure. */
static int
cli_iv_load(struct cli_ctx *ctx, struct framework_set *set, const char *id,
    struct interview **iv)
{
	char *cause = NULL;
	int rc;

	if (cli_store(ctx) == NULL)
		return CLI_FAIL;
	if (cli_iv_banks(set) != 0)
		return CLI_FAIL;
	rc = interview_load(ctx->store, set, id, iv, &cause);
	if (rc != INTERVIEW_OK) {
		framework_set_release(set);
		return cli_fail_cause(cli_iv_status(rc), cause);
	}
	return 0;
}

/*
 * The common "SESSION [--json]" arguments: parses them (JSON may be NULL
 * for commands without --json) and loads the session. 0, or the exit
 * status after printing why.
 */
static int
cli_iv_open(struct cli_ctx *ctx, int argc, char **argv, int *json,
    struct framework_set *set, struct interview **iv)
{
	int dummy = 0, rc;
	const struct cli_opt opts[] = {
		{ .name = json != NULL ? "--json" : NULL,
		  .flag = json != NULL ? json : &dummy },
		{ .name = NULL }
	};
	char *pos[1];
	size_t npos;

	rc = cli_parse("interview", argc, argv, opts, pos, 1, &npos);
	if (rc != 0)
		return rc;
	if (npos != 1)
		return cli_error(CLI_USAGE, "interview: give a SESSION");
	return cli_iv_load(ctx, set, pos[0], iv);
}

static int
cli_iv_start(struct cli_ctx *ctx, int argc, char **argv)
{
	struct interview_params p;
	struct framework_set set;
	int json = 0, rc;
	const struct cli_opt opts[] = {
		{ .name = "--framework", .value = &p.framework },
		{ .name = "--site", .value = &p.site_name },
		{ .name = "--auditor", .value = &p.auditor },
		{ .name = "--site-code", .value = &p.site_code },
		{ .name = "--operator", .value = &p.operator },
		{ .name = "--email", .value = &p.email },
		{ .name = "--lang", .value = &p.lang },
		{ .name = "--categories", .value = &p.categories },
		{ .name = "--json", .flag = &json },
		{ .name = NULL }
	};
	char *pos[1], *id = NULL, *cause = NULL;
	size_t npos;

	memset(&p, 0, sizeof p);
	rc = cli_parse("interview", argc, argv, opts, pos, 0, &npos);
	if (rc != 0)
		return rc;
	if (p.framework == NULL || p.site_name == NULL || p.auditor == NULL)
		return cli_error(CLI_USAGE, "interview start: --framework, "
		    "--site and --auditor are required");
	if (cli_store(ctx) == NULL || cli_iv_banks(&set) != 0)
		return CLI_FAIL;
	rc = interview_start(ctx->store, &set, &p, &id, &cause);
	framework_set_release(&set);
	if (rc != INTERVIEW_OK)
		return cli_fail_cause(cli_iv_status(rc), cause);
	if (json)
		rc = cli_print_json(json_pack("{s:s}", "session_id", id));
	else
		printf("%s\n", id);
	free(id);
	return CLI_OK;
}

static void
cli_iv_print_question(const struct interview *iv, int qi)
{
	const struct question *q = &iv->fw->questions[qi];
	const char *lang = iv->lang;
	struct interview_progress p;
	size_t i;

	interview_progress(iv, &p);
	printf("[%d/%d answered, %d%%] %s — %s (%s)%s, weight %g\n", p.done,
	    p.total, p.percent, bank_str(&framework_category(iv->fw,
	    q->category)->name, lang), q->ref != NULL ? q->ref : "", q->id,
	    q->required ? " required" : " optional", q->weight);
	interview_progress_release(&p);
	printf("%s\n", bank_str(&q->text, lang));
	if (q->help.en != NULL)
		printf("  help: %s\n", bank_str(&q->help, lang));
	printf("  type: %s", question_type_name(q->type));
	switch (q->type) {
	case QUESTION_YES_NO:
		printf(" (yes / no)");
		break;
	case QUESTION_MULTIPLE_CHOICE:
	case QUESTION_MULTI_SELECT:
		printf(q->type == QUESTION_MULTI_SELECT ?
		    " (one or more, comma-separated):\n" : " (one of):\n");
		for (i = 0; i < q->noptions; i++)
			printf("    %-20s %s%s\n", q->options[i].value,
			    bank_str(&q->options[i].label, lang),
			    q->options[i].exclusive ? " (only on its own)" :
			    "");
		break;
	case QUESTION_NUMBER:
		if (q->has_min || q->has_max) {
			printf(" (");
			if (q->has_min)
				printf("min %g", q->min);
			if (q->has_min && q->has_max)
				printf(", ");
			if (q->has_max)
				printf("max %g", q->max);
			printf(")");
		}
		break;
	case QUESTION_DATE:
		printf(" (YYYY-MM-DD, not in the future)");
		break;
	case QUESTION_SCALE:
		printf(" (1 to 5)");
		break;
	case QUESTION_TEXT:
		printf(" (up to %d characters)", ANSWER_TEXT_MAX);
		break;
	}
	if (q->type != QUESTION_MULTIPLE_CHOICE &&
	    q->type != QUESTION_MULTI_SELECT)
		printf("\n");
	if (q->allow_na)
		printf("  may be answered --na (not applicable)\n");
	if (q->evidence_required)
		printf("  evidence expected: --evidence FILE\n");
}

static int
cli_iv_next(struct cli_ctx *ctx, int argc, char **argv)
{
	struct framework_set set;
	struct interview *iv;
	int json = 0, rc, qi;
	json_t *j;

	rc = cli_iv_open(ctx, argc, argv, &json, &set, &iv);
	if (rc != 0)
		return rc;
	/* A finished session asks nothing more. */
	qi = strcmp(iv->status, "completed") == 0 ||
	    strcmp(iv->status, "abandoned") == 0 ? -1 : interview_next(iv);
	if (json) {
		j = interview_to_json(iv);
		json_object_set_new(j, "done", json_boolean(qi < 0));
		json_object_set_new(j, "question", qi >= 0 ?
		    interview_question_json(iv, (size_t)qi) : json_null());
		rc = cli_print_json(j);
	} else if (qi < 0 && strcmp(iv->status, "completed") == 0) {
		printf("Session %s is completed: report %s.\n", iv->id,
		    iv->report_id != NULL ? iv->report_id : "?");
	} else if (qi < 0 && strcmp(iv->status, "abandoned") == 0) {
		printf("Session %s was abandoned.\n", iv->id);
	} else if (qi < 0) {
		printf("All questions of session %s are answered; run "
		    "'vigilore interview complete %s'.\n", iv->id, iv->id);
	} else
		cli_iv_print_question(iv, qi);
	interview_free(iv);
	framework_set_release(&set);
	return rc;
}

static int
cli_iv_answer(struct cli_ctx *ctx, int argc, char **argv)
{
	struct interview_input in;
	struct framework_set set;
	struct interview *iv;
	const char **evidence = NULL;
	size_t nevidence = 0, npos;
	const struct cli_opt opts[] = {
		{ .name = "--notes", .value = &in.notes },
		{ .name = "--confidence", .value = &in.confidence },
		{ .name = "--evidence", .list = &evidence, .nlist = &nevidence },
		{ .name = "--na", .flag = &in.na },
		{ .name = "--skip", .flag = &in.skip },
		{ .name = NULL }
	};
	char *pos[3], *cause = NULL;
	int rc, qi;

	memset(&in, 0, sizeof in);
	rc = cli_parse("interview", argc, argv, opts, pos, 3, &npos);
	if (rc != 0) {
		free(evidence);
		return rc;
	}
	if (npos < 2 || (npos == 2 && !in.na && !in.skip) ||
	    (npos == 3 && (in.na || in.skip))) {
		free(evidence);
		return cli_error(CLI_USAGE, "interview answer: give SESSION QID "
		    "VALUE, or SESSION QID --na, or SESSION QID --skip");
	}
	in.value = npos == 3 ? pos[2] : NULL;
	in.evidence = evidence;
	in.nevidence = nevidence;
	rc = cli_iv_load(ctx, &set, pos[0], &iv);
	if (rc != 0) {
		free(evidence);
		return rc;
	}
	rc = interview_answer(ctx->store, iv, pos[1], &in, &cause);
	free(evidence);
	if (rc != INTERVIEW_OK)
		rc = cli_fail_cause(cli_iv_status(rc), cause);
	else {
		qi = interview_next(iv);
		printf("saved %s; next: %s\n", pos[1], qi >= 0 ?
		    iv->fw->questions[qi].id : "none (ready to complete)");
		rc = CLI_OK;
	}
	interview_free(iv);
	framework_set_release(&set);
	return rc;
}

static int
cli_iv_progress(struct cli_ctx *ctx, int argc, char **argv)
{
	struct framework_set set;
	struct interview_progress p;
	struct interview *iv;
	int json = 0, rc;
	size_t k;

	rc = cli_iv_open(ctx, argc, argv, &json, &set, &iv);
	if (rc != 0)
		return rc;
	if (json)
		rc = cli_print_json(interview_to_json(iv));
	else {
		interview_progress(iv, &p);
		printf("session %s  %s  %s at %s\n", iv->id, iv->status,
		    iv->fw->id, iv->site_name);
		printf("overall   %3d%%  %d/%d answered, required %d/%d, "
		    "about %d min left\n", p.percent, p.done, p.total,
		    p.required_done, p.required, p.minutes_left);
		for (k = 0; k < p.ncats; k++) {
			printf("  ");
			cli_cell(bank_str(&p.cats[k].cat->name, iv->lang), 28,
			    0);
			printf(" %3d%%  %d/%d\n", p.cats[k].done * 100 /
			    p.cats[k].total, p.cats[k].done, p.cats[k].total);
		}
		interview_progress_release(&p);
	}
	interview_free(iv);
	framework_set_release(&set);
	return rc;
}

static int
cli_iv_set_status(struct cli_ctx *ctx, int argc, char **argv,
    const char *status)
{
	struct framework_set set;
	struct interview *iv;
	char *cause = NULL;
	int rc;

	rc = cli_iv_open(ctx, argc, argv, NULL, &set, &iv);
	if (rc != 0)
		return rc;
	rc = interview_set_status(ctx->store, iv, status, &cause);
	if (rc != INTERVIEW_OK)
		rc = cli_fail_cause(cli_iv_status(rc), cause);
	else {
		printf("session %s is %s\n", iv->id, iv->status);
		rc = CLI_OK;
	}
	interview_free(iv);
	framework_set_release(&set);
	return rc;
}

static void
cli_iv_print_report(json_t *r)
{
	json_t *fw, *c, *f;
	size_t i, k;

	printf("report %s  (%s)\n", json_string_value(json_object_get(r,
	    "report_id")), json_string_value(json_object_get(r, "summary")));
	json_array_foreach(json_object_get(r, "frameworks"), i, fw) {
		json_t *s = json_object_get(fw, "score");

		printf("%-16s %s\n", json_string_value(json_object_get(fw,
		    "id")), json_is_number(s) ? "" : "no score");
		json_array_foreach(json_object_get(fw, "categories"), k, c) {
			s = json_object_get(c, "score");
			if (json_is_number(s))
				printf("  %-30s %5.1f\n", json_string_value(
				    json_object_get(c, "name")),
				    json_number_value(s));
			else
				printf("  %-30s   n/a\n", json_string_value(
				    json_object_get(c, "name")));
		}
	}
	json_array_foreach(json_object_get(r, "findings"), i, f) {
		const char *st = json_string_value(json_object_get(f,
		    "status"));

		if (strcmp(st, "non_compliant") == 0 ||
		    strcmp(st, "review_needed") == 0)
			printf("  [%s] %s: %s\n", st, json_string_value(
			    json_object_get(f, "ref")), json_string_value(
			    json_object_get(f, "requirement")));
	}
}

static int
cli_iv_complete(struct cli_ctx *ctx, int argc, char **argv)
{
	struct framework_set set;
	struct interview *iv;
	json_t *report;
	int json = 0, rc;
	char *cause = NULL;

	rc = cli_iv_open(ctx, argc, argv, &json, &set, &iv);
	if (rc != 0)
		return rc;
	rc = interview_complete(ctx->store, &set, iv, &report, &cause);
	if (rc != INTERVIEW_OK)
		rc = cli_fail_cause(cli_iv_status(rc), cause);
	else if (json)
		rc = cli_print_json(report);
	else {
		cli_iv_print_report(report);
		json_decref(report);
		rc = CLI_OK;
	}
	interview_free(iv);
	framework_set_release(&set);
	return rc;
}

#define CLI_IV_ANSWERS_MAX	(64 * 1024 * 1024)

/* The whole of the --answers file PATH, in *TEXT (owned) and *LEN. */
static int
cli_iv_read_file(const char *path, char **text, size_t *len, char **cause)
{
	struct buf b;
	char chunk[8192];
	size_t n;
	FILE *f;
	int rc = 0;

	f = fopen(path, "rb");
	if (f == NULL) {
		*cause = xasprintf("--answers '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	buf_init(&b, CLI_IV_ANSWERS_MAX);
	while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (buf_append(&b, chunk, n) == -1) {
			*cause = xasprintf("--answers '%s': the file is larger "
			    "than %d MiB", path, CLI_IV_ANSWERS_MAX >> 20);
			rc = -1;
		}
	}
	if (rc == 0 && ferror(f)) {
		*cause = xasprintf("--answers '%s': %s", path,
		    strerror(errno));
		rc = -1;
	}
	fclose(f);
	if (rc == -1) {
		buf_release(&b);
		return -1;
	}
	*len = b.len;
	*text = buf_detach(&b);
	return 0;
}

/*
 * interview run: every value of the answers file is checked against the
 * bank before the session is created, so a bad file leaves no trace.
 */
static int
cli_iv_run(struct cli_ctx *ctx, int argc, char **argv)
{
	struct interview_params p;
	struct framework_set set;
	const struct framework *fw;
	struct interview *iv = NULL;
	const char *answers = NULL;
	int json = 0, rc;
	const struct cli_opt opts[] = {
		{ .name = "--framework", .value = &p.framework },
		{ .name = "--site", .value = &p.site_name },
		{ .name = "--auditor", .value = &p.auditor },
		{ .name = "--site-code", .value = &p.site_code },
		{ .name = "--operator", .value = &p.operator },
		{ .name = "--email", .value = &p.email },
		{ .name = "--lang", .value = &p.lang },
		{ .name = "--categories", .value = &p.categories },
		{ .name = "--answers", .value = &answers },
		{ .name = "--json", .flag = &json },
		{ .name = NULL }
	};
	char *pos[1], *id = NULL, *cause = NULL, *text, *quoted;
	json_t *file, *v, *norm, *report = NULL;
	json_error_t jerr;
	const char *qid;
	size_t npos, i, len;
	int qi;

	memset(&p, 0, sizeof p);
	rc = cli_parse("interview", argc, argv, opts, pos, 0, &npos);
	if (rc != 0)
		return rc;
	if (p.framework == NULL || p.site_name == NULL || p.auditor == NULL ||
	    answers == NULL)
		return cli_error(CLI_USAGE, "interview run: --framework, --site, "
		    "--auditor and --answers are required");
	if (cli_iv_read_file(answers, &text, &len, &cause) == -1)
		return cli_fail_cause(CLI_USAGE, cause);
	if (cli_iv_banks(&set) != 0) {
		free(text);
		return CLI_FAIL;
	}
	fw = framework_set_find(&set, p.framework);
	if (fw != NULL) {
		/* Numbers as written: the parsed doubles have lost digits. */
		quoted = answer_quote_numbers(fw, text, len, &len);
		free(text);
		text = quoted;
	}
	file = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	free(text);
	if (file == NULL) {
		framework_set_release(&set);
		return cli_error(CLI_USAGE, "--answers '%s': line %d: %s",
		    answers, jerr.line, jerr.text);
	}
	if (!json_is_object(file)) {
		json_decref(file);
		framework_set_release(&set);
		return cli_error(CLI_USAGE, "--answers '%s': expected an "
		    "object {question id: value}", answers);
	}
	if (cli_store(ctx) == NULL) {
		json_decref(file);
		framework_set_release(&set);
		return CLI_FAIL;
	}
	rc = CLI_USAGE;
	if (fw == NULL) {
		rc = interview_start(ctx->store, &set, &p, &id, &cause);
		rc = cli_fail_cause(cli_iv_status(rc), cause);
		goto out;
	}
	json_object_foreach(file, qid, v) {
		qi = framework_question_index(fw, qid);
		if (qi < 0) {
			cli_error(CLI_USAGE, "--answers '%s': no question '%s' "
			    "in %s", answers, qid, fw->id);
			goto out;
		}
		if (answer_check_json(&fw->questions[qi], v,
		    clock_today_days(), &norm, &cause) == -1) {
			cli_error(CLI_USAGE, "--answers '%s': %s", answers,
			    cause);
			free(cause);
			goto out;
		}
		json_decref(norm);
	}
	rc = interview_start(ctx->store, &set, &p, &id, &cause);
	if (rc != INTERVIEW_OK) {
		rc = cli_fail_cause(cli_iv_status(rc), cause);
		goto out;
	}
	rc = interview_load(ctx->store, &set, id, &iv, &cause);
	/* Bank order: a follow-up is answered after its parent. */
	for (i = 0; rc == INTERVIEW_OK && i < fw->nquestions; i++) {
		struct interview_input in;

		v = json_object_get(file, fw->questions[i].id);
		if (v == NULL)
			continue;
		if (!interview_is_asked(iv, i)) {
			/* Say so: a silently dropped answer would mislead. */
			fprintf(stderr, "vigilore: note: '%s' is not asked "
			    "with these answers (%s); its value is ignored\n",
			    fw->questions[i].id, iv->in_subset[i] ?
			    "follow-up not triggered" :
			    "category not chosen");
			continue;
		}
		memset(&in, 0, sizeof in);
		in.json = v;
		rc = interview_answer(ctx->store, iv, fw->questions[i].id, &in,
		    &cause);
	}
	if (rc == INTERVIEW_OK)
		rc = interview_complete(ctx->store, &set, iv, &report, &cause);
	if (rc != INTERVIEW_OK) {
		rc = cli_fail_cause(cli_iv_status(rc), cause);
		goto out;
	}
	if (json)
		rc = cli_print_json(report);
	else {
		printf("session %s\n", id);
		cli_iv_print_report(report);
		json_decref(report);
		rc = CLI_OK;
	}
out:
	interview_free(iv);
	free(id);
	json_decref(file);
	framework_set_release(&set);
	return rc;
}

int
cli_cmd_interview(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";
	static const char *const writes[] = {
		"start", "answer", "pause", "resume", "abandon", "complete",
		"run", NULL
	};
	size_t i;

	for (i = 0; writes[i] != NULL; i++)
		ctx->writes |= strcmp(sub, writes[i]) == 0;
	if (strcmp(sub, "start") == 0)
		return cli_iv_start(ctx, argc - 2, argv + 2);
	if (strcmp(sub, "next") == 0)
		return cli_iv_next(ctx, argc - 2, argv + 2);
	if (strcmp(sub, "answer") == 0)
		return cli_iv_answer(ctx, argc - 2, argv + 2);
	if (strcmp(sub, "progress") == 0)
		return cli_iv_progress(ctx, argc - 2, argv + 2);
	if (strcmp(sub, "pause") == 0)
		return cli_iv_set_status(ctx, argc - 2, argv + 2, "paused");
	if (strcmp(sub, "resume") == 0)
		return cli_iv_set_status(ctx, argc - 2, argv + 2,
		    "in_progress");
	if (strcmp(sub, "abandon") == 0)
		return cli_iv_set_status(ctx, argc - 2, argv + 2, "abandoned");
	if (strcmp(sub, "complete") == 0)
		return cli_iv_complete(ctx, argc - 2, argv + 2);
	if (strcmp(sub, "run") == 0)
		return cli_iv_run(ctx, argc - 2, argv + 2);
	if (*sub != '\0')
		cli_error(CLI_USAGE, "interview: unknown subcommand '%s'", sub);
	return cli_usage("interview");
}

int
cli_cmd_sessions(struct cli_ctx *ctx, int argc, char **argv)
{
	struct db_session *v;
	const char *status = NULL;
	int json = 0, rc;
	const struct cli_opt opts[] = {
		{ .name = "--json", .flag = &json },
		{ .name = "--status", .value = &status },
		{ .name = NULL }
	};
	char *pos[1], *cause = NULL;
	size_t npos, n, i;
	json_t *arr;

	rc = cli_parse("sessions", argc - 1, argv + 1, opts, pos, 0, &npos);
	if (rc != 0)
		return rc;
	if (status != NULL && strcmp(status, "in_progress") != 0 &&
	    strcmp(status, "paused") != 0 && strcmp(status, "completed") != 0 &&
	    strcmp(status, "abandoned") != 0)
		return cli_error(CLI_USAGE, "--status '%s': expected "
		    "in_progress, paused, completed or abandoned", status);
	if (cli_store(ctx) == NULL)
		return CLI_FAIL;
	if (db_session_list(ctx->store, status, &v, &n, &cause) != DB_OK)
		return cli_fail_cause(CLI_FAIL, cause);
	if (json) {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, "
			    "s:s?, s:s, s:s, s:s?, s:s?, s:s, s:s}",
			    "session_id", v[i].id, "framework", v[i].framework,
			    "site_name", v[i].site_name, "site_code",
			    v[i].site_code, "auditor", v[i].auditor, "status",
			    v[i].status, "current_question", v[i].current_qid,
			    "report_id", v[i].report_id, "started_at",
			    v[i].started_at, "updated_at", v[i].updated_at));
		db_session_list_free(v, n);
		return cli_print_json(arr);
	}
	for (i = 0; i < n; i++) {
		printf("%s  %-11s %-16s ", v[i].id, v[i].status,
		    v[i].framework);
		cli_cell(v[i].site_name, 24, 1);
		printf(" %s\n", v[i].updated_at);
	}
	if (n == 0)
		printf("no sessions\n");
	db_session_list_free(v, n);
	return CLI_OK;
}

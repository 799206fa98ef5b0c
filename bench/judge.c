/* SPDX-License-Identifier: MIT */
/*
 * Benchmark: accuracy of the deterministic judgement (core/judge.c) on
 * the labelled pairs of tests/unit/pipeline/judge_eval.tsv (or argv[1]):
 * label, language, requirement, passage and, optionally, the
 * requirement's keywords (';'-separated), as the pipeline passes them.
 * Prints the accuracy per language and a confusion table. Exit status 0
 * always: targets are read, not enforced, here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/xmalloc.h"
#include "core/judge.h"

static int
bench_label(const char *s)
{
	if (strcmp(s, "compliant") == 0)
		return JUDGE_COMPLIANT;
	if (strcmp(s, "non_compliant") == 0)
		return JUDGE_NON_COMPLIANT;
	return JUDGE_NO_EVIDENCE;
}

/* "\\n" in a passage stands for a line break (table rows, headings). */
static void
bench_unescape(char *s)
{
	char *o = s;

	for (; *s != '\0'; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			*o++ = '\n';
			s++;
		} else
			*o++ = *s;
	}
	*o = '\0';
}

int
main(int argc, char **argv)
{
	const char *path;
	struct judge *j;
	struct judge_result r;
	char line[4096], *f[4], *p, *terms, *kw;
	int conf[4][4], n = 0, ok = 0, nl[2] = { 0, 0 }, okl[2] = { 0, 0 };
	int i, k, want, verbose;
	FILE *fp;

	path = argc > 1 ? argv[1] : "tests/unit/pipeline/judge_eval.tsv";
	verbose = getenv("BENCH_VERBOSE") != NULL;
	fp = fopen(path, "r");
	if (fp == NULL) {
		fprintf(stderr, "bench: cannot open %s\n", path);
		return 1;
	}
	memset(conf, 0, sizeof conf);
	j = judge_new();
	while (fgets(line, sizeof line, fp) != NULL) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		p = line;
		for (k = 0; k < 4; k++) {
			f[k] = p;
			p = strchr(p, '\t');
			if (p == NULL && k < 3)
				break;
			if (p != NULL)
				*p++ = '\0';
		}
		if (k < 4)
			continue;
		bench_unescape(f[3]);
		want = bench_label(f[0]);
		terms = judge_terms(j, f[2], NULL, f[1]);
		kw = p != NULL ? judge_phrases(j, p, f[1]) : NULL;
		judge_passage(j, terms, kw, f[3], f[1], &r);
		free(terms);
		free(kw);
		conf[want][r.verdict]++;
		i = strcmp(f[1], "fr") == 0;
		nl[i]++;
		n++;
		if ((int)r.verdict == want) {
			ok++;
			okl[i]++;
		} else if (verbose)
			printf("  MISS want %s got %s (cov %.2f sup %d def %d)"
			    ": %s\n", f[0], judge_verdict_name(r.verdict),
			    r.coverage, r.support, r.deficiency, f[3]);
	}
	fclose(fp);
	judge_free(j);
	printf("judgement accuracy on %d labelled pairs: %.1f%% (target >= "
	    "85%%)\n", n, n ? 100.0 * ok / n : 0);
	printf("  English %d pairs %.1f%%, French %d pairs %.1f%%\n", nl[0],
	    nl[0] ? 100.0 * okl[0] / nl[0] : 0, nl[1],
	    nl[1] ? 100.0 * okl[1] / nl[1] : 0);
	printf("  label \\ verdict   compliant  review  non_compl  no_evid\n");
	for (i = 0; i < 4; i++) {
		if (i == JUDGE_REVIEW)
			continue;
		printf("  %-16s %9d %7d %10d %8d\n",
		    judge_verdict_name((enum judge_verdict)i), conf[i][0],
		    conf[i][1], conf[i][2], conf[i][3]);
	}
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * Benchmark: the document pipeline.
 *
 * 1. Extraction speed: pages per second of extract_file() against
 *    pdftotext on the same PDF (the corpus's 194-page ISA draft, and a
 *    generated 100-page report), printed with the ratio.
 * 2. Wall time of a whole audit of a 100-page document against the four
 *    bundled frameworks, without a language model. Target: under 2 s.
 *
 * Run from the source tree (bench/run.sh does); the corpus is
 * $VIGILORE_CORPUS or ../shared/corpus.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "core/extract.h"
#include "core/framework.h"
#include "core/pipeline.h"

/* Runs ARGV, returns its wall time in ms or -1. */
static double
bench_exec(char *const *argv)
{
	int64_t t0;
	pid_t pid;
	int st;

	t0 = clock_mono_ms();
	pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0)
		return -1;
	return (double)(clock_mono_ms() - t0);
}

static void
bench_extract(const char *path, int rounds)
{
	struct extract_doc *d;
	char *cause = NULL;
	char *argv[] = { (char *)"pdftotext", (char *)"-q", (char *)path,
	    (char *)"/dev/null", NULL };
	double ours = 0, theirs = 0, t;
	int64_t t0;
	int i, pages = 0;

	for (i = 0; i < rounds; i++) {
		t0 = clock_mono_ms();
		if (extract_file(path, NULL, &d, &cause) != 0) {
			printf("  %s: %s\n", path, cause);
			free(cause);
			return;
		}
		ours += (double)(clock_mono_ms() - t0);
		pages = d->npages;
		extract_doc_free(d);
		t = bench_exec(argv);
		if (t < 0) {
			printf("  pdftotext failed or missing\n");
			return;
		}
		theirs += t;
	}
	ours /= rounds;
	theirs /= rounds;
	printf("  %-40s %3d pages  ours %6.0f pages/s  pdftotext %6.0f "
	    "pages/s  ratio %.2f\n", strrchr(path, '/') + 1, pages,
	    pages * 1000.0 / (ours > 0 ? ours : 1),
	    pages * 1000.0 / (theirs > 0 ? theirs : 1),
	    theirs / (ours > 0 ? ours : 1));
}

static void
bench_audit(const char *path, const struct framework_set *set)
{
	static const char *const fws[] = { "DRC_MINING_CODE", "ISO_14001",
	    "ISO_45001", "VPSHR" };
	struct pipeline_request req;
	json_t *rep;
	char *cause = NULL;
	int64_t t0, best = -1, t;
	int i;

	memset(&req, 0, sizeof req);
	req.input = (char *)path;
	req.frameworks = (char **)fws;
	req.nframeworks = 4;
	req.site = (char *)"Bench";
	req.auditor = (char *)"Bench";
	for (i = 0; i < 3; i++) {
		t0 = clock_mono_ms();
		if (pipeline_audit(&req, set, NULL, NULL, NULL, NULL, NULL,
		    &rep, &cause) != 0) {
			printf("  audit failed: %s\n", cause);
			free(cause);
			return;
		}
		t = clock_mono_ms() - t0;
		if (best < 0 || t < best)
			best = t;
		if (i == 0)
			printf("  %-40s %3lld pages, %zu findings\n",
			    strrchr(path, '/') + 1,
			    (long long)json_integer_value(json_object_get(
			    json_object_get(rep, "input"), "pages")),
			    json_array_size(json_object_get(rep, "findings")));
		json_decref(rep);
	}
	printf("  audit against the 4 bundled frameworks: %lld ms (best of "
	    "3; target < 2000 ms)\n", (long long)best);
}

int
main(int argc, char **argv)
{
	struct framework_set set;
	const char *corpus;
	char *isa, *cause = NULL, gen[] = "/tmp/vo-bench.XXXXXX", *pdf;
	char *mk[] = { (char *)"python3",
	    (char *)"tests/unit/pipeline/mkpdf.py", (char *)"text", NULL,
	    (char *)"100", NULL };

	corpus = argc > 1 ? argv[1] : getenv("VIGILORE_CORPUS");
	if (corpus == NULL)
		corpus = "../shared/corpus";
	if (mkdtemp(gen) == NULL)
		return 1;
	pdf = xasprintf("%s/report-100p.pdf", gen);
	mk[3] = pdf;
	if (bench_exec(mk) < 0) {
		printf("  cannot generate the 100-page PDF\n");
		return 1;
	}
	printf("text extraction (mean of 3 runs)\n");
	isa = xasprintf("%s/isa-seabed-mining/isa-exploitation-regs-draft-"
	    "2025-12-23_en.pdf", corpus);
	if (access(isa, R_OK) == 0)
		bench_extract(isa, 3);
	bench_extract(pdf, 3);
	memset(&set, 0, sizeof set);
	if (framework_set_load_default(&set, &cause) != 0) {
		printf("  %s\n", cause);
		free(cause);
		return 1;
	}
	printf("document audit, one worker, no language model\n");
	bench_audit(pdf, &set);
	if (access(isa, R_OK) == 0)
		bench_audit(isa, &set);
	framework_set_release(&set);
	unlink(pdf);
	rmdir(gen);
	free(pdf);
	free(isa);
	return 0;
}

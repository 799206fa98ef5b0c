/* SPDX-License-Identifier: MIT */
/*
 * Benchmark: requirement extraction scored against the corpus's ground
 * truth (../shared/corpus, or $VIGILORE_CORPUS). For each document, the
 * numbers of its regulations or articles found by requirements_extract()
 * are compared with the units of its structure.json (ISA) or with the
 * one-file-per-article split of the Benin mining code; recall and
 * precision are printed per document and per language.
 */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/buf.h"
#include "core/base/xmalloc.h"
#include "core/extract.h"
#include "core/requirements.h"

struct bench_set {
	char	**v;
	size_t	  n;
};

static void
bench_set_add(struct bench_set *s, const char *x)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (strcmp(s->v[i], x) == 0)
			return;
	}
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n++] = xstrdup(x);
}

static int
bench_set_has(const struct bench_set *s, const char *x)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (strcmp(s->v[i], x) == 0)
			return 1;
	}
	return 0;
}

static void
bench_set_release(struct bench_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* "Regulation 18 bis. Obligations" -> "18 bis" for labels of PREFIX. */
static void
bench_truth_isa(const char *path, const char *prefix, struct bench_set *t)
{
	json_t *root, *units, *u;
	const char *label, *p;
	char num[48];
	size_t i, k, plen = strlen(prefix);

	root = json_load_file(path, 0, NULL);
	if (root == NULL) {
		fprintf(stderr, "bench: cannot read %s\n", path);
		exit(1);
	}
	units = json_object_get(root, "units");
	json_array_foreach(units, i, u) {
		label = json_string_value(json_object_get(u, "label"));
		if (label == NULL || strncmp(label, prefix, plen) != 0 ||
		    label[plen] != ' ')
			continue;
		p = label + plen + 1;
		k = strspn(p, "0123456789");
		if (k == 0)
			continue;
		snprintf(num, sizeof num, "%.*s", (int)k, p);
		p += k;
		while (*p == ' ')
			p++;
		if (strncmp(p, "bis", 3) == 0 || strncmp(p, "ter", 3) == 0)
			snprintf(num + strlen(num), sizeof num - strlen(num),
			    " %.3s", p);
		bench_set_add(t, num);
	}
	json_decref(root);
}

/*
 * The Benin code: metadata.json lists the articles in order; each
 * article's body is titre-N/.../article-N.md. The input document is the
 * articles' own titles ("ARTICLE 12 :") followed by their bodies.
 */
static char *
bench_benin(const char *dir, struct bench_set *t)
{
	json_t *root, *secs, *s, *path, *p;
	struct buf doc;
	char *file, *body, num[48];
	const char *id, *title, *q;
	size_t i, j, k;
	FILE *f;
	long len;

	file = xasprintf("%s/metadata.json", dir);
	root = json_load_file(file, 0, NULL);
	free(file);
	if (root == NULL)
		return NULL;
	buf_init(&doc, 0);
	secs = json_object_get(json_object_get(root, "structure"), "sections");
	json_array_foreach(secs, i, s) {
		if (strcmp(json_string_value(json_object_get(s, "type")),
		    "article") != 0)
			continue;
		id = json_string_value(json_object_get(s, "id"));
		title = json_string_value(json_object_get(s, "title"));
		path = json_object_get(s, "path");
		file = xstrdup(dir);
		json_array_foreach(path, j, p) {
			body = xasprintf("%s/%s", file, json_string_value(p));
			free(file);
			file = body;
		}
		body = xasprintf("%s/%s.md", file, id);
		free(file);
		file = body;
		f = fopen(file, "rb");
		free(file);
		if (f == NULL)
			continue;
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		fseek(f, 0, SEEK_SET);
		body = xmalloc((size_t)len + 1);
		len = (long)fread(body, 1, (size_t)len, f);
		body[len] = '\0';
		fclose(f);
		buf_printf(&doc, "%s\n%s\n\n", title, body);
		free(body);
		/* "ARTICLE 1er :" -> "1", "ARTICLE 12 :" -> "12". */
		q = title + strcspn(title, "0123456789");
		k = strspn(q, "0123456789");
		snprintf(num, sizeof num, "%.*s", (int)k, q);
		bench_set_add(t, num);
	}
	json_decref(root);
	return buf_detach(&doc);
}

struct bench_score {
	size_t	 tp, found, truth;
};

static void
bench_score(const char *label, const struct requirements_set *rs,
    const char *kind, const struct bench_set *truth, struct bench_score *acc)
{
	const char **nums;
	size_t n, i, tp = 0, shown = 0;

	nums = requirements_unit_numbers(rs, kind, &n);
	for (i = 0; i < n; i++) {
		if (bench_set_has(truth, nums[i]))
			tp++;
	}
	printf("  %-44s units %4zu  truth %4zu  recall %5.1f%%  "
	    "precision %5.1f%%\n", label, n, truth->n,
	    truth->n ? 100.0 * (double)tp / (double)truth->n : 0,
	    n ? 100.0 * (double)tp / (double)n : 0);
	if (getenv("BENCH_VERBOSE") != NULL) {
		for (i = 0; i < n && shown < 40; i++) {
			if (!bench_set_has(truth, nums[i])) {
				printf("    extra: %s\n", nums[i]);
				shown++;
			}
		}
		for (i = 0; i < truth->n; i++) {
			size_t j;
			int hit = 0;

			for (j = 0; j < n; j++)
				hit |= strcmp(nums[j], truth->v[i]) == 0;
			if (!hit)
				printf("    missed: %s\n", truth->v[i]);
		}
	}
	acc->tp += tp;
	acc->found += n;
	acc->truth += truth->n;
	free(nums);
}

static void
bench_file(const char *corpus, const char *file, const char *truthfile,
    const char *prefix, const char *kind, struct bench_score *acc)
{
	struct extract_doc *d;
	struct requirements_set *rs;
	struct bench_set truth = { NULL, 0 };
	char *path, *tpath, *cause = NULL;

	path = xasprintf("%s/%s", corpus, file);
	tpath = xasprintf("%s/%s", corpus, truthfile);
	if (extract_file(path, NULL, &d, &cause) != 0) {
		printf("  %s: %s\n", file, cause);
		free(cause);
		free(path);
		free(tpath);
		return;
	}
	bench_truth_isa(tpath, prefix, &truth);
	rs = requirements_extract(d, file);
	bench_score(strrchr(file, '/') + 1, rs, kind, &truth, acc);
	requirements_set_free(rs);
	extract_doc_free(d);
	bench_set_release(&truth);
	free(path);
	free(tpath);
}

static void
bench_total(const char *lang, const struct bench_score *s)
{
	printf("  %-44s recall %5.1f%%  precision %5.1f%%  (target >= 95%% "
	    "each)\n", lang,
	    s->truth ? 100.0 * (double)s->tp / (double)s->truth : 0,
	    s->found ? 100.0 * (double)s->tp / (double)s->found : 0);
}

int
main(int argc, char **argv)
{
	struct bench_score en = { 0, 0, 0 }, fr = { 0, 0, 0 };
	struct bench_set truth = { NULL, 0 };
	struct extract_doc *d;
	struct extract_limits lim;
	struct requirements_set *rs;
	const char *corpus;
	char *dir, *text, *cause = NULL;

	corpus = argc > 1 ? argv[1] : getenv("VIGILORE_CORPUS");
	if (corpus == NULL)
		corpus = "../shared/corpus";
	printf("requirement extraction against ground truth (%s)\n", corpus);
	bench_file(corpus,
	    "isa-seabed-mining/isa-exploitation-regs-draft-2025-12-23_en.pdf",
	    "isa-seabed-mining/isa-exploitation-regs-draft-2025-12-23_en."
	    "structure.json", "Regulation", "regulation", &en);
	bench_file(corpus, "isa-seabed-mining/isa-nodules-regs-2013_en.txt",
	    "isa-seabed-mining/isa-nodules-regs-2013_en.structure.json",
	    "Regulation", "regulation", &en);
	bench_file(corpus, "isa-seabed-mining/isa-nodules-regs-2013_fr.pdf",
	    "isa-seabed-mining/isa-nodules-regs-2013_fr.structure.json",
	    "Article", "article", &fr);
	dir = xasprintf("%s/benin-code-minier", corpus);
	text = bench_benin(dir, &truth);
	free(dir);
	if (text != NULL) {
		extract_limits_default(&lim);
		if (extract_text_buffer("benin-code-minier.md", text,
		    strlen(text), &lim, &d, &cause) == 0) {
			rs = requirements_extract(d, "benin");
			bench_score("benin-code-minier (146 article files)", rs,
			    "article", &truth, &fr);
			requirements_set_free(rs);
			extract_doc_free(d);
		} else {
			printf("  benin: %s\n", cause);
			free(cause);
		}
		free(text);
	}
	bench_set_release(&truth);
	bench_total("English (regulations)", &en);
	bench_total("French (articles)", &fr);
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the document pipeline: text normalisation, extraction
 * of bad inputs from memory, requirement extraction, passages, the
 * judgement's accuracy on the labelled set, the XLSX export (read back
 * with libzip and libxml2), CSV formula neutralisation, and the corpus
 * audit: every corpus document ends in a report or a clear failure, and
 * every quoted passage occurs in the extracted text of its page.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "core/base/buf.h"
#include "core/base/xmalloc.h"
#include "core/export_xlsx.h"
#include "core/extract.h"
#include "core/extract_text.h"
#include "core/framework.h"
#include "core/judge.h"
#include "core/pipeline.h"
#include "core/report.h"
#include "core/requirements.h"

static void
check_norm(const char *in, const char *want)
{
	char *got = extract_text_normalize(in);

	if (strcmp(got, want) != 0)
		fail_msg("normalize(\"%s\") = \"%s\", want \"%s\"", in, got,
		    want);
	free(got);
}

static void
test_normalize(void **state)
{
	(void)state;
	check_norm("", "");
	check_norm("e\xef\xac\x81nance", "efinance");		/* U+FB01 */
	check_norm("o\xef\xac\x80ice", "office");		/* U+FB00 */
	check_norm("envi-\nronment", "environment");
	check_norm("les termes ci-\naprès", "les termes ci-après");
	check_norm("décret n° 2024-\n2075", "décret n° 2024-2075");
	check_norm("Secretary-\nGeneral", "Secretary-General");
	check_norm("Secretary\x02General", "Secretary-General");
	check_norm("soft\xc2\xadhyphen", "softhyphen");
	check_norm("a\x01" "b \x07" "c", "ab c");
	check_norm("  two   spaces\t\ttab  \n", "two spaces tab");
	check_norm("line\r\nbreak\rold", "line\nbreak\nold");
	check_norm("celui-\nci", "celui-ci");
	check_norm("No\xc2\xa0" "break", "No break");
}

static void
test_encoding(void **state)
{
	struct buf b;
	int cp;

	(void)state;
	buf_init(&b, 0);
	/* "Sécurité" in Latin-1 / Windows-1252. */
	assert_int_equal(extract_text_to_utf8("S\xe9\x63urit\xe9", 8, &b,
	    &cp), 0);
	assert_int_equal(cp, 1);
	assert_string_equal(b.data, "Sécurité");
	buf_reset(&b);
	/* 0x93/0x94 are quotes in Windows-1252. */
	assert_int_equal(extract_text_to_utf8("\x93ok\x94", 4, &b, &cp), 0);
	assert_string_equal(b.data, "\xe2\x80\x9cok\xe2\x80\x9d");
	buf_reset(&b);
	assert_int_equal(extract_text_to_utf8("\xef\xbb\xbf" "déjà", 9, &b,
	    &cp), 0);
	assert_int_equal(cp, 0);
	assert_string_equal(b.data, "déjà");
	buf_release(&b);
	assert_int_equal(extract_text_is_utf8("\xc3\x28", 2), 0);
	assert_int_equal(extract_text_is_utf8("é", 2), 1);
}

static void
test_fold_stem(void **state)
{
	struct extract_text_stemmer *st;
	char *s;

	(void)state;
	s = extract_text_fold("Évaluation des RISQUES, œuvre!");
	assert_string_equal(s, "evaluation des risques oeuvre");
	free(s);
	st = extract_text_stemmer_new();
	s = extract_text_stem(st, "inspections inspected", "en");
	assert_string_equal(s, "inspect inspect");
	free(s);
	s = extract_text_stem(st, "Équipements équipement", "fr");
	assert_string_equal(s, "equip equip");
	free(s);
	extract_text_stemmer_free(st);
	assert_string_equal(extract_text_guess_lang("le permis doit être "
	    "valide et les travailleurs sont formés"), "fr");
	assert_string_equal(extract_text_guess_lang("the permit shall be "
	    "valid and the workers are trained"), "en");
}

static void
check_extract_fails(const char *name, const char *data, size_t len,
    size_t max_text, const char *reason)
{
	struct extract_limits l;
	struct extract_doc *d = NULL;
	char *cause = NULL;

	extract_limits_default(&l);
	l.max_text = max_text;
	assert_int_equal(extract_text_buffer(name, data, len, &l, &d,
	    &cause), -1);
	assert_null(d);
	assert_non_null(cause);
	if (strstr(cause, reason) == NULL)
		fail_msg("%s: cause '%s' lacks '%s'", name, cause, reason);
	free(cause);
}

static void
test_extract_text(void **state)
{
	struct extract_limits l;
	struct extract_doc *d;
	char *cause = NULL;
	const char *two = "Page one.\fPage two has text.";

	(void)state;
	check_extract_fails("empty.txt", "", 0, 1 << 20, "no text");
	check_extract_fails("blank.txt", " \n\n\t ", 5, 1 << 20, "no text");
	extract_limits_default(&l);
	assert_int_equal(extract_text_buffer("two.txt", two, strlen(two), &l,
	    &d, &cause), 0);
	assert_int_equal(d->npages, 2);
	assert_string_equal(d->pages[1].text, "Page two has text.");
	assert_string_equal(d->format, "txt");
	extract_doc_free(d);
	check_extract_fails("big.txt", "too much text", 13, 4, "MB of text");
}

/* Files on disk: sizes and formats that must fail with a reason. */
static void
test_extract_files(void **state)
{
	char dir[] = "/tmp/vo-extract.XXXXXX", path[256];
	struct extract_doc *d = NULL;
	struct extract_limits l;
	char *cause = NULL;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/zero bytes é.pdf", dir);
	f = fopen(path, "w");
	fclose(f);
	assert_int_equal(extract_file(path, NULL, &d, &cause), -1);
	assert_non_null(strstr(cause, "empty"));
	XFREE(cause);
	snprintf(path, sizeof path, "%s/fake.pdf", dir);
	f = fopen(path, "w");
	fputs("this is not a PDF", f);
	fclose(f);
	assert_int_equal(extract_file(path, NULL, &d, &cause), -1);
	assert_non_null(strstr(cause, "corrupt PDF"));
	XFREE(cause);
	snprintf(path, sizeof path, "%s/fake.docx", dir);
	f = fopen(path, "w");
	fputs("PK\003\004 truncated zip", f);
	fclose(f);
	assert_int_equal(extract_file(path, NULL, &d, &cause), -1);
	assert_non_null(strstr(cause, "DOCX"));
	XFREE(cause);
	/* Too large: a sparse file, so the test stays fast. */
	snprintf(path, sizeof path, "%s/huge.txt", dir);
	f = fopen(path, "w");
	fclose(f);
	assert_int_equal(truncate(path, 3 << 20), 0);
	extract_limits_default(&l);
	l.max_file = 1 << 20;
	assert_int_equal(extract_file(path, &l, &d, &cause), -1);
	assert_non_null(strstr(cause, "too large"));
	XFREE(cause);
	unlink(path);
	snprintf(path, sizeof path, "%s/zero bytes é.pdf", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/fake.pdf", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/fake.docx", dir);
	unlink(path);
	rmdir(dir);
}

static struct requirements_set *
reqs_of(const char *text)
{
	struct extract_limits l;
	struct extract_doc *d;
	struct requirements_set *rs;
	char *cause = NULL;

	extract_limits_default(&l);
	assert_int_equal(extract_text_buffer("fw.txt", text, strlen(text), &l,
	    &d, &cause), 0);
	rs = requirements_extract(d, "fw");
	extract_doc_free(d);
	return rs;
}

static int
has_unit(const struct requirements_set *rs, const char *kind,
    const char *num)
{
	const char **v;
	size_t n, i;
	int hit = 0;

	v = requirements_unit_numbers(rs, kind, &n);
	for (i = 0; i < n; i++)
		hit |= strcmp(v[i], num) == 0;
	free(v);
	return hit;
}

static void
test_requirements(void **state)
{
	struct requirements_set *rs;
	size_t i, nob = 0;
	int fr_ob = 0, cfr = 0;

	(void)state;
	rs = reqs_of(
	    "Contents\n"
	    "Regulation 1 Use of terms ........................ 5\n"
	    "Regulation 2 Scope .......... 7\n"
	    "Regulation 1. Use of terms\n"
	    "The contractor shall keep records of all activities.\n"
	    "Regulation 4ter Protection of remains\n"
	    "Regulation 112(2)(c) of the Metalliferous Mines Regulations, "
	    "1961 was breached.\n"
	    "Regulation 21, paragraph 1, shall apply mutatis mutandis.\n"
	    "Article premier : Objet\n"
	    "La présente loi fixe les conditions.\n"
	    "ARTICLE 12 :\n"
	    "Le titulaire doit tenir un registre des ventes.\n"
	    "Art. 299 bis - Droits humains\n"
	    "Les exploitants sont tenus de respecter les droits humains.\n"
	    "§ 970.200 Definitions.\n"
	    "(d) Applications.\n"
	    "(1) The applicant must file the plan before exploration.\n"
	    "4.4.2 Operational planning\n"
	    "The organisation is required to plan its operations.\n");
	assert_true(has_unit(rs, "regulation", "1"));
	assert_true(has_unit(rs, "regulation", "4 ter"));
	assert_false(has_unit(rs, "regulation", "2"));	/* TOC only */
	assert_false(has_unit(rs, "regulation", "112"));
	assert_false(has_unit(rs, "regulation", "21"));
	assert_true(has_unit(rs, "article", "1"));
	assert_true(has_unit(rs, "article", "12"));
	assert_true(has_unit(rs, "article", "299 bis"));
	assert_true(has_unit(rs, "cfr", "970.200"));
	assert_true(has_unit(rs, "clause", "4.4.2"));
	for (i = 0; i < rs->n; i++) {
		if (rs->v[i].kind != REQUIREMENTS_OBLIGATION)
			continue;
		nob++;
		if (strcmp(rs->v[i].ref, "Article 12") == 0 ||
		    strcmp(rs->v[i].ref, "Art. 299 bis") == 0)
			fr_ob++;
		if (strcmp(rs->v[i].ref, "§ 970.200(d)(1)") == 0)
			cfr = 1;
	}
	assert_int_equal(fr_ob, 2);
	assert_true(cfr);
	assert_true(nob >= 5);
	requirements_set_free(rs);
}

static void
test_passages(void **state)
{
	const char *page = "First sentence is here. Second one follows; and "
	    "a third.\n\nA new paragraph starts here and runs on for a while "
	    "without any stop at all until the very end";
	size_t *st, *ln, n, i;

	(void)state;
	n = pipeline_split_passages(page, 20, 60, &st, &ln);
	assert_true(n >= 3);
	for (i = 0; i < n; i++) {
		assert_true(ln[i] > 0 && ln[i] <= 60);
		assert_true(st[i] + ln[i] <= strlen(page));
		assert_true(page[st[i]] != ' ' && page[st[i]] != '\n');
		if (i > 0)
			assert_true(st[i] >= st[i - 1] + ln[i - 1]);
	}
	free(st);
	free(ln);
	n = pipeline_split_passages("", 20, 60, &st, &ln);
	assert_int_equal(n, 0);
	free(st);
	free(ln);
}

/* Accuracy of the judgement on the labelled set: the floor is 85%. */
static void
test_judge_accuracy(void **state)
{
	struct judge *j;
	struct judge_result r;
	char line[4096], *f[4], *p, *q, *o, *terms, *kw;
	int n = 0, ok = 0, k;
	FILE *fp;

	(void)state;
	fp = fopen("tests/unit/pipeline/judge_eval.tsv", "r");
	if (fp == NULL)
		skip();
	j = judge_new();
	while (fgets(line, sizeof line, fp) != NULL) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		p = line;
		for (k = 0; k < 4 && p != NULL; k++) {
			f[k] = p;
			p = strchr(p, '\t');
			if (p != NULL)
				*p++ = '\0';
		}
		if (k < 4)
			continue;
		for (q = o = f[3]; *q != '\0'; q++) {
			if (q[0] == '\\' && q[1] == 'n') {
				*o++ = '\n';
				q++;
			} else
				*o++ = *q;
		}
		*o = '\0';
		terms = judge_terms(j, f[2], NULL, f[1]);
		kw = p != NULL ? judge_phrases(j, p, f[1]) : NULL;
		judge_passage(j, terms, kw, f[3], f[1], &r);
		free(terms);
		free(kw);
		n++;
		ok += strcmp(judge_verdict_name(r.verdict), f[0]) == 0;
	}
	fclose(fp);
	judge_free(j);
	assert_true(n >= 60);
	if (ok * 100 < n * 85)
		fail_msg("judgement accuracy %d/%d is under 85%%", ok, n);
}

/* Verdict of PASSAGE on REQ with KEYWORDS (';'-separated) in LANG. */
static enum judge_verdict
judge_one(struct judge *j, const char *req, const char *keywords,
    const char *passage, const char *lang, struct judge_result *r)
{
	char *terms, *kw;

	terms = judge_terms(j, req, NULL, lang);
	kw = judge_phrases(j, keywords, lang);
	judge_passage(j, terms, kw, passage, lang, r);
	free(terms);
	free(kw);
	return r->verdict;
}

/*
 * Cases met on real documents: a counterfactual account of an accident
 * is a breach, not compliance; obligations and prohibitions are
 * normative text; a table row says nothing; a passage that only shares
 * generic words with a requirement is not its evidence.
 */
static void
test_judge_cases(void **state)
{
	struct judge *j;
	struct judge_result r;
	const char *safety = "Workers must be protected by suitable "
	    "equipment, emergency plans and incident recording.";
	const char *safety_kw = "protective equipment;emergency plan;"
	    "safety incident;drill;accident register;"
	    "équipement de protection;plan d'urgence";
	const char *infra = "Mining infrastructure must be protected "
	    "against damage, and damage must be reported.";
	const char *infra_kw = "infrastructure damage;vandalism;sabotage;"
	    "tailings dam;equipment damage";
	const char *officials = "Inspectors and public officials must be "
	    "able to work without insult, threat or violence.";
	const char *officials_kw = "inspector;public official;threat;"
	    "assault;inspection visit;inspecteur;agent public;menace";
	const char *gift = "No payment, gift or advantage may be offered to "
	    "public officials; payments to the State must be traceable.";
	const char *gift_kw = "bribery;corruption;facilitation payment;"
	    "anti-corruption policy;gift;cadeau;pot-de-vin";
	const char *title = "L'exploitant doit détenir un titre minier ou une "
	    "autorisation valide couvrant toute extraction menée sur le site.";
	const char *title_kw = "titre minier;permis d'exploitation;"
	    "permis valide";
	const char *proc = "Processing, refining or transformation of "
	    "minerals requires a specific authorisation.";
	const char *proc_kw = "processing plant;refining;smelting;"
	    "processing authorisation;concentrator";
	const char *had = "Had\ni) the owner of the pit made sure that every "
	    "worker was issued protective equipment including a safety belt "
	    "as required\n57";

	(void)state;
	j = judge_new();
	assert_int_equal(judge_one(j, safety, safety_kw, had, "en", &r),
	    JUDGE_NON_COMPLIANT);
	/* The quote drops the running page number. */
	assert_true(r.len > 0);
	assert_int_equal(had[r.start + r.len - 1], 'd');
	assert_int_equal(judge_one(j, safety, safety_kw, "The accident could "
	    "have been averted if protective equipment had been issued.",
	    "en", &r), JUDGE_NON_COMPLIANT);
	assert_int_equal(judge_one(j, safety, safety_kw, "Protective "
	    "equipment was issued to every driller and checked each shift.",
	    "en", &r), JUDGE_COMPLIANT);
	assert_int_equal(judge_one(j, infra, infra_kw, had, "en", &r),
	    JUDGE_NO_EVIDENCE);
	assert_int_equal(judge_one(j, officials, officials_kw, "The "
	    "programme seeks an operation where people are able to work "
	    "without being injured.", "en", &r), JUDGE_NO_EVIDENCE);
	assert_int_equal(judge_one(j, gift, gift_kw, "A contractor shall not "
	    "offer, promise or provide any gift or undue advantage to "
	    "officials.", "en", &r), JUDGE_NO_EVIDENCE);
	assert_int_equal(judge_one(j, officials, officials_kw, "Aucune "
	    "disposition du présent règlement ne peut être interprétée comme "
	    "restreignant la mission des inspecteurs et agents publics.",
	    "fr", &r), JUDGE_NO_EVIDENCE);
	assert_int_equal(judge_one(j, title, title_kw, "L'opérateur doit "
	    "détenir un titre minier valide.", "fr", &r), JUDGE_NO_EVIDENCE);
	assert_int_equal(judge_one(j, title, title_kw, "L'opérateur détient "
	    "un titre minier valide, renouvelé en 2025.", "fr", &r),
	    JUDGE_COMPLIANT);
	assert_int_equal(judge_one(j, proc, proc_kw, "4(a) Ore refining\n"
	    "industry\nAll projects - -\n4(b) Smelting plants\n"
	    "Category A\n(1) (2) (3)", "en", &r), JUDGE_NO_EVIDENCE);
	assert_int_equal(judge_one(j, proc, proc_kw, "The concentrator runs "
	    "without the processing authorisation.", "en", &r),
	    JUDGE_NON_COMPLIANT);
	/*
	 * A counterfactual is a breach of what it says was missing, not
	 * of the facts beside it, in the passage or the same sentence.
	 */
	assert_int_equal(judge_one(j, safety, safety_kw, "Protective "
	    "equipment was issued to every driller in May. If the haul road "
	    "had been lit, the truck could have been stopped.", "en", &r),
	    JUDGE_COMPLIANT);
	assert_int_equal(judge_one(j, safety, safety_kw, "Protective "
	    "equipment was issued to every driller in May, but the fall "
	    "could have been averted if the ladder had been fixed.", "en",
	    &r), JUDGE_COMPLIANT);
	assert_int_equal(judge_one(j, safety, safety_kw, "The haul road was "
	    "lit in May, but the fall could have been averted if protective "
	    "equipment had been issued.", "en", &r), JUDGE_NON_COMPLIANT);
	assert_int_equal(judge_one(j, safety, safety_kw, "If, during the "
	    "night shift, protective equipment had been issued, the fall "
	    "would have been survived.", "en", &r), JUDGE_NON_COMPLIANT);
	/* Present-tense legal drafting is a rule, not a fact. */
	assert_int_equal(judge_one(j, title, title_kw, "Le titulaire "
	    "présente son titre minier valide à toute réquisition de "
	    "l'administration.", "fr", &r), JUDGE_NO_EVIDENCE);
	assert_int_equal(judge_one(j, title, title_kw, "Le titulaire "
	    "présente un titre minier valide, vérifié lors de la visite du "
	    "3 mars.", "fr", &r), JUDGE_COMPLIANT);
	judge_free(j);
}

/*
 * Observations of a site visit and the auditor's recommendations, our
 * own text: a site report full of "should" is still a site report.
 */
static const char *const site_obs[] = {
	"On 3 March 2025 we inspected the fire extinguishers of the workshop "
	    "and found two of them with expired inspection tags.",
	"The first aid kit at the main shaft was complete and had been checked in "
	    "February.",
	"Protective equipment was issued to all drillers of the night "
	    "shift, and we saw helmets and boots worn underground.",
	"The incident register of the open pit was kept up to date; the last entry "
	    "dated from 2 March 2025.",
	"Emergency evacuation drills were conducted in January and June at "
	    "each level.",
	"The waste oil drums near the generator were stored without secondary "
	    "containment and a spill was visible on the ground.",
	NULL
};
static const char *const site_advice[] = {
	"The expired extinguishers should be recharged before the next shift "
	    "(item %d).",
	"Supervisors should check the first aid kits every week.",
	"The operator should record the issue of protective equipment in a "
	    "signed register.",
	"Pit managers should review the incident register monthly.",
	"Drill reports should list the workers absent on the day.",
	"The drums should be moved onto a bunded concrete pad.",
	NULL
};

/* A site report (SITE) or a guideline, its paragraphs ROUNDS times. */
static char *
normative_text(int site, int rounds)
{
	static const char *const guide[] = {
		"Tailings should be stored in facilities designed for the "
		    "site's seismic and flood conditions.",
		"Fuel and reagents should be kept in bunded areas of 110 "
		    "percent of "
		    "the largest tank.",
		"Workers should receive training suited to the hazards of "
		    "their tasks.",
		"Mining generates large volumes of waste rock that can leach "
		    "metals into surface water.",
		"Dust from haul roads is a frequent source of complaints from "
		    "neighbouring communities.",
		NULL
	};
	struct buf b;
	char *s;
	int r, k;

	buf_init(&b, 0);
	for (r = 1; r <= rounds; r++) {
		for (k = 0; site && site_obs[k] != NULL; k++) {
			buf_puts(&b, site_obs[k]);
			buf_puts(&b, "\n");
			buf_puts(&b, site_advice[k]);
			buf_puts(&b, "\n");
		}
		for (k = 0; !site && guide[k] != NULL; k++) {
			buf_puts(&b, guide[k]);
			buf_puts(&b, "\n");
		}
	}
	s = buf_detach(&b);
	buf_release(&b);
	return s;
}

/*
 * A document is normative when its statements are mostly binding rules,
 * or numbered articles with rules, or advice with few observations; a
 * site report full of recommendations beside its observations is not,
 * and its audit still finds things.
 */
static void
test_judge_normative(void **state)
{
	static const char *const fws[] = { "ISO_45001", "ISO_14001" };
	static const char *const code =
	    "Article 12 : Le titulaire tient un registre des accidents du "
	    "travail.\nArticle 13 : Le contractant soumet chaque année un "
	    "rapport au ministre.\nArticle 14 : L'exploitant est tenu de "
	    "déclarer tout accident grave dans un délai de 48 heures.\n";
	struct judge *j;
	struct judge_tally t;
	struct framework_set set;
	struct pipeline_request req;
	char path[] = "/tmp/vo-site-report.XXXXXX.txt", *text, *cause = NULL;
	json_t *rep = NULL, *f;
	size_t i, found = 0;
	int fd, k;
	FILE *fp;

	(void)state;
	j = judge_new();
	text = normative_text(1, 4);
	memset(&t, 0, sizeof t);
	judge_count(j, text, &t);
	assert_int_equal(t.advice, 24);
	assert_true(t.facts >= 24 && t.observed * 2 > t.facts);
	assert_false(judge_normative(&t));
	fd = mkstemps(path, 4);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
	free(text);
	/* A guideline: advice and general facts, nothing observed. */
	text = normative_text(0, 8);
	memset(&t, 0, sizeof t);
	judge_count(j, text, &t);
	assert_true(judge_normative(&t));
	free(text);
	/* A code in the present tense of legal drafting. */
	memset(&t, 0, sizeof t);
	for (k = 0; k < 5; k++)
		judge_count(j, code, &t);
	assert_int_equal(t.rules, 15);
	assert_int_equal(t.articles, 15);
	assert_true(judge_normative(&t));
	judge_free(j);

	memset(&set, 0, sizeof set);
	assert_int_equal(framework_set_load("assets/frameworks", &set,
	    &cause), 0);
	memset(&req, 0, sizeof req);
	req.input = path;
	req.frameworks = (char **)fws;
	req.nframeworks = 2;
	req.site = (char *)"Pit";
	req.auditor = (char *)"Test";
	if (pipeline_audit(&req, &set, NULL, NULL, NULL, NULL, NULL, &rep,
	    &cause) != 0)
		fail_msg("site report: %s", cause);
	json_array_foreach(json_object_get(rep, "findings"), i, f) {
		if (strcmp(json_string_value(json_object_get(f, "verdict")),
		    "compliant") == 0 || strcmp(json_string_value(
		    json_object_get(f, "verdict")), "non_compliant") == 0)
			found++;
	}
	print_message("# site report with recommendations: %zu findings "
	    "judged\n", found);
	assert_true(found >= 2);
	json_decref(rep);
	framework_set_release(&set);
	unlink(path);
}

/* Quotes end without a running page number or a footnote mark. */
static void
test_judge_trim(void **state)
{
	const char *s;

	(void)state;
	s = "as required\n124";
	assert_int_equal(judge_trim(s, strlen(s)), strlen("as required"));
	s = "as required\n12\n124 \n";
	assert_int_equal(judge_trim(s, strlen(s)), strlen("as required"));
	s = "was averted.124";
	assert_int_equal(judge_trim(s, strlen(s)), strlen("was averted."));
	s = "renewed in 2025";
	assert_int_equal(judge_trim(s, strlen(s)), strlen(s));
	s = "under Regulation 112";
	assert_int_equal(judge_trim(s, strlen(s)), strlen(s));
	s = "version 2.1";
	assert_int_equal(judge_trim(s, strlen(s)), strlen(s));
	s = "124";
	assert_int_equal(judge_trim(s, strlen(s)), 3);
}

/* Reads entry NAME of the zip at PATH; owned. */
static char *
read_zip(const char *path, const char *name)
{
	zip_t *z;
	zip_file_t *zf;
	struct buf b;
	char chunk[8192];
	zip_int64_t k;
	int err;

	z = zip_open(path, ZIP_RDONLY, &err);
	assert_non_null(z);
	zf = zip_fopen(z, name, 0);
	if (zf == NULL) {
		zip_close(z);
		return NULL;
	}
	buf_init(&b, 0);
	while ((k = zip_fread(zf, chunk, sizeof chunk)) > 0)
		buf_append(&b, chunk, (size_t)k);
	zip_fclose(zf);
	zip_close(z);
	return buf_detach(&b);
}

static void
test_xlsx(void **state)
{
	char path[] = "/tmp/vo-xlsx.XXXXXX", *long_text, *xml, *sheet, *s;
	json_t *r;
	xmlDoc *doc;
	int fd, i;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	long_text = malloc(40001);
	memset(long_text, 'x', 40000);
	long_text[40000] = '\0';
	r = json_pack("{s:s, s:s, s:{s:s, s:n, s:n}, s:{s:s}, s:f, "
	    "s:s, s:[{s:s, s:s, s:f}, {s:s, s:s, s:n}], s:[{s:s, s:s, s:s, "
	    "s:s, s:s, s:i, s:f, s:s, s:f, s:[s]}], s:{s:f, s:[], s:[]}}",
	    "report_id", "REP-2026-TEST-1", "kind", "document",
	    "site", "name", "=HYPERLINK(\"http://evil\",\"x\")", "code",
	    "operator", "auditor", "name", "@SUM(A1)", "score", 42.5,
	    "summary", "+cmd",
	    "frameworks", "id", "DRC_MINING_CODE", "name",
	    "Code minier de la RDC [2018]: articles 299 a 311 (one)", "score",
	    42.5, "id", "OTHER", "name",
	    "Code minier de la RDC [2018]: articles 299 a 311 (two)",
	    "score",
	    "findings", "framework", "DRC_MINING_CODE", "category", "safety",
	    "ref", "DRC Art. 307", "requirement", "-2+3", "evidence",
	    long_text, "page", 3, "score", 0.2, "status", "non_compliant",
	    "penalty_usd", 42912.25, "articles", "307",
	    "penalties", "total_max_usd", 42912.25, "articles", "excluded");
	assert_non_null(r);
	free(long_text);
	assert_int_equal(export_xlsx_write(r, path, NULL), 0);
	json_decref(r);
	xml = read_zip(path, "xl/workbook.xml");
	assert_non_null(xml);
	assert_non_null(strstr(xml, "name=\"Summary\""));
	assert_non_null(strstr(xml, "name=\"Framework Scores\""));
	assert_non_null(strstr(xml, "name=\"Findings\""));
	assert_non_null(strstr(xml, "name=\"Penalties\""));
	/* Sanitised (no []:*?/) and unique within 31 characters. */
	assert_non_null(strstr(xml,
	    "name=\"Code minier de la RDC _2018__ a\""));
	assert_non_null(strstr(xml,
	    "name=\"Code minier de la RDC _2018__~2\""));
	free(xml);
	/* Every sheet is well-formed XML and has no formula cell. */
	for (i = 1; i <= 6; i++) {
		char name[64];

		snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", i);
		sheet = read_zip(path, name);
		assert_non_null(sheet);
		doc = xmlReadMemory(sheet, (int)strlen(sheet), name, NULL,
		    XML_PARSE_NONET);
		assert_non_null(doc);
		xmlFreeDoc(doc);
		assert_null(strstr(sheet, "<f>"));
		free(sheet);
	}
	/* Numbers stay numbers: the score is a numeric cell. */
	sheet = read_zip(path, "xl/worksheets/sheet1.xml");
	assert_non_null(strstr(sheet, "<v>42.5</v>"));
	free(sheet);
	s = read_zip(path, "xl/sharedStrings.xml");
	assert_non_null(s);
	doc = xmlReadMemory(s, (int)strlen(s), "ss", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	xmlFreeDoc(doc);
	assert_non_null(strstr(s, "=HYPERLINK("));
	assert_non_null(strstr(s, "http://evil"));
	assert_non_null(strstr(s, "@SUM(A1)"));
	assert_non_null(strstr(s, EXPORT_XLSX_CUT_MARK));
	assert_null(strstr(s, "xxxxxxxxxx" "xxxxxxxxxx" "xxxxxxxxxx"
	    EXPORT_XLSX_CUT_MARK "x"));
	free(s);
	unlink(path);
}

static void
test_xlsx_names(void **state)
{
	char *used[2], *s, *c;
	char big[200];

	(void)state;
	used[0] = xstrdup("Findings");
	s = export_xlsx_sheet_name("findings", used, 1);
	assert_string_equal(s, "findings~2");
	free(s);
	free(used[0]);
	s = export_xlsx_sheet_name("", NULL, 0);
	assert_string_equal(s, "Sheet");
	free(s);
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	s = export_xlsx_sheet_name(big, NULL, 0);
	assert_int_equal(strlen(s), 31);
	used[0] = s;
	c = export_xlsx_sheet_name(big, used, 1);
	assert_int_equal(strlen(c), 31);
	assert_string_not_equal(c, s);
	free(c);
	free(s);
	s = export_xlsx_cell_text("short");
	assert_string_equal(s, "short");
	free(s);
}

static void
test_csv_injection(void **state)
{
	char *s;

	(void)state;
	s = report_csv_field("=HYPERLINK(\"http://x\")");
	assert_true(s[0] == '\'' || (s[0] == '"' && s[1] == '\''));
	free(s);
	s = report_csv_field("+1");
	assert_true(strchr(s, '\'') != NULL);
	free(s);
	s = report_csv_field("-2");
	assert_true(strchr(s, '\'') != NULL);
	free(s);
	s = report_csv_field("@x");
	assert_true(strchr(s, '\'') != NULL);
	free(s);
	s = report_csv_field("a,\"b\"");
	assert_string_equal(s, "\"a,\"\"b\"\"\"");
	free(s);
}

/* Audits one file and checks every quote against its page's text. */
static void
audit_check(const char *path, const struct framework_set *set,
    const char *const *fws, size_t nfw, int *reports, int *failures)
{
	struct pipeline_request req;
	struct extract_doc *d = NULL;
	json_t *rep = NULL, *f, *pg, *ev;
	char *cause = NULL;
	size_t i;

	memset(&req, 0, sizeof req);
	req.input = (char *)path;
	req.frameworks = (char **)fws;
	req.nframeworks = nfw;
	req.site = (char *)"Corpus";
	req.auditor = (char *)"Test";
	if (pipeline_audit(&req, set, NULL, NULL, NULL, NULL, NULL,
	    &rep, &cause) != 0) {
		/* A failure must say why, naming the file. */
		assert_non_null(cause);
		assert_true(strlen(cause) > 10);
		assert_null(strchr(cause, '\n'));
		print_message("# %s: failed: %s\n", path, cause);
		free(cause);
		(*failures)++;
		return;
	}
	(*reports)++;
	assert_int_equal(extract_file(path, NULL, &d, &cause), 0);
	json_array_foreach(json_object_get(rep, "findings"), i, f) {
		ev = json_object_get(f, "evidence");
		pg = json_object_get(f, "page");
		if (!json_is_string(ev))
			continue;
		assert_true(json_is_integer(pg));
		assert_true(json_integer_value(pg) >= 1 &&
		    json_integer_value(pg) <= d->npages);
		if (strstr(d->pages[json_integer_value(pg) - 1].text,
		    json_string_value(ev)) == NULL)
			fail_msg("%s: quote not on page %lld: %s", path,
			    (long long)json_integer_value(pg),
			    json_string_value(ev));
	}
	assert_true(json_is_string(json_object_get(rep, "summary")));
	json_decref(rep);
	extract_doc_free(d);
}

/* Every file under the corpus, sorted (nftw callback state). */
static char **corpus_paths;
static size_t ncorpus;

static int
corpus_visit(const char *path, const struct stat *sb, int type,
    struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (type != FTW_F)
		return 0;
	corpus_paths = xreallocarray(corpus_paths, ncorpus + 1,
	    sizeof *corpus_paths);
	corpus_paths[ncorpus++] = xstrdup(path);
	return 0;
}

static int
corpus_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_corpus(void **state)
{
	static const char *const fws[] = { "VPSHR", "ISO_14001",
	    "ISO_45001", "DRC_MINING_CODE" };
	struct framework_set set;
	const char *dir;
	char *path, *cause = NULL, *fwdoc[2];
	int reports = 0, failures = 0;
	size_t i, n = 0;

	(void)state;
	dir = getenv("VIGILORE_CORPUS");
	if (dir == NULL)
		dir = "../shared/corpus";
	path = xasprintf("%s/README.md", dir);
	if (access(path, R_OK) != 0) {
		free(path);
		print_message("# corpus not found at %s: skipped\n", dir);
		skip();
	}
	free(path);
	memset(&set, 0, sizeof set);
	assert_int_equal(framework_set_load("assets/frameworks", &set,
	    &cause), 0);
	ncorpus = 0;
	corpus_paths = NULL;
	assert_int_equal(nftw(dir, corpus_visit, 16, FTW_PHYS), 0);
	qsort(corpus_paths, ncorpus, sizeof *corpus_paths, corpus_cmp);
	n = ncorpus;
#if defined(__SANITIZE_ADDRESS__)
	n = 12;		/* the sanitizer build checks a subset: time */
#endif
	for (i = 0; i < ncorpus; i++) {
		/* Under a sanitizer: the first N and every PDF. */
		if (i >= n && strstr(corpus_paths[i], ".pdf") == NULL) {
			free(corpus_paths[i]);
			continue;
		}
		/* The 292 small article files of the Benin code: one bank. */
		audit_check(corpus_paths[i], &set, fws,
		    strstr(corpus_paths[i], "/benin-code-minier/") != NULL ?
		    1 : 4, &reports, &failures);
		free(corpus_paths[i]);
	}
	free(corpus_paths);
	/* A framework given as a document (its articles extracted). */
	fwdoc[0] = xasprintf("%s/isa-seabed-mining/isa-nodules-regs-2013_en."
	    "txt", dir);
	fwdoc[1] = NULL;
	path = xasprintf("%s/dgms-india/dgms-fatal-accidents-noncoal-mines-"
	    "2015.pdf", dir);
	audit_check(path, &set, (const char *const *)fwdoc, 1, &reports,
	    &failures);
	free(path);
	free(fwdoc[0]);
	framework_set_release(&set);
	print_message("# corpus: %zu files, %d reports, %d clear failures\n",
	    ncorpus, reports, failures);
	assert_true(reports >= 4);
	assert_int_equal((size_t)(reports + failures), n < ncorpus ?
	    (size_t)(reports + failures) : ncorpus + 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_encoding),
		cmocka_unit_test(test_fold_stem),
		cmocka_unit_test(test_extract_text),
		cmocka_unit_test(test_extract_files),
		cmocka_unit_test(test_requirements),
		cmocka_unit_test(test_passages),
		cmocka_unit_test(test_judge_accuracy),
		cmocka_unit_test(test_judge_cases),
		cmocka_unit_test(test_judge_normative),
		cmocka_unit_test(test_judge_trim),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_xlsx_names),
		cmocka_unit_test(test_csv_injection),
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

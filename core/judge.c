/* SPDX-License-Identifier: MIT */
/*
 * Deterministic judgement (see core/judge.h). Words are compared folded
 * (lower case, no accents); requirement terms and passage words are also
 * stemmed, so "inspections" meets "inspected" and "formés" meets
 * "formation". Cue lists are folded too, in English and French. A struct
 * judge holds the stemmers and belongs to one thread.
 */
#include "core/judge.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/base/xmalloc.h"
#include "core/extract_text.h"

struct judge {
	struct extract_text_stemmer *stem;
};

static const char *const judge_stop[] = {
	/* English */
	"the", "and", "for", "are", "all", "any", "its", "their", "this",
	"that", "with", "from", "into", "onto", "upon", "been", "being",
	"shall", "must", "should", "will", "would", "may", "can", "could",
	"has", "have", "had", "was", "were", "which", "who", "whom", "where",
	"when", "such", "other", "than", "then", "there", "these", "those",
	"each", "every", "also", "not", "but", "out", "our", "your", "they",
	"them", "his", "her", "she", "him", "you", "per", "via", "within",
	"under", "over", "about", "after", "before", "between", "during",
	"including", "include", "includes", "site", "sites", "operator",
	"operators", "company", "required", "requires", "ensure", "ensures",
	"least", "more", "most", "only", "own", "same", "some", "very",
	"does", "did", "done", "what", "why", "how", "one", "two", "yes",
	/* French */
	"les", "des", "une", "dans", "pour", "par", "sur", "aux", "est",
	"sont", "doit", "doivent", "qui", "que", "quoi", "dont", "ces",
	"cet", "cette", "son", "ses", "leur", "leurs", "avec", "sans",
	"plus", "moins", "tout", "tous", "toute", "toutes", "etre", "avoir",
	"ont", "fait", "faire", "etc", "entre", "lors", "afin", "ainsi",
	"autre", "autres", "meme", "comme", "selon", "vers", "chez", "elle",
	"elles", "ils", "nous", "vous", "lui", "celle", "celui", "ceux",
	"exploitant", "titulaire", "site", "une", "aussi", "tenu", "tenue",
	/* Words every mining document uses */
	"mine", "mines", "mining", "minier", "miniere", "miniers",
	"minieres", "activity", "activities", "activite", "activites",
	"person", "persons", "personne", "personnes", "carried",
	NULL
};

/* Words that say the thing is missing or wrong. Folded. */
static const char *const judge_deficient[] = {
	"absence", "absent", "lack", "lacks", "lacking", "lacked", "missing",
	"expired", "overdue", "outdated", "lapsed", "failed", "fails",
	"failure", "insufficient", "inadequate", "inadequately",
	"unavailable", "incomplete", "pending", "unsigned", "undocumented",
	"unauthorised", "unauthorized", "unlicensed", "illegal", "illegally",
	"deficient", "deficiency", "deficiencies", "nonexistent",
	"suspended", "revoked", "obsolete", "unable", "cannot", "neglected",
	"ignored", "unresolved", "blocked", "poorly", "rarely", "irregular",
	"irregularly", "broken", "damaged", "defective", "exceeded",
	"exceeds", "exceeding", "noncompliant", "non", "uncontrolled",
	"untrained", "unprotected", "unfenced", "unpaid", "unreported",
	"delayed", "late", "halted", "abandoned", "neglect", "gaps", "gap",
	/* French */
	"manque", "manquant", "manquante", "manquants", "manquantes",
	"expire", "expiree", "expires", "expirees", "perime", "perimee",
	"perimes", "perimees", "insuffisant", "insuffisante", "insuffisants",
	"insuffisantes", "incomplet", "incomplete", "incomplets",
	"inexistant", "inexistante", "defaut", "defaillant", "defaillante",
	"retard", "illegal", "illegale", "illicite", "illicites", "suspendu",
	"suspendue", "revoque", "revoquee", "irregulier", "irreguliere",
	"endommage", "endommagee", "depasse", "depassent", "depassement",
	"depassements", "neglige", "negligee", "lacune", "lacunes",
	"defectueux", "defectueuse", "casse", "cassee", "abandonne",
	"inadapte", "inadaptee", "insuffisance", "carence", "carences",
	"aucunement", "echoue", "echec", "impayes", "impayee",
	NULL
};

/* Negators: deficiency unless a bad thing follows them closely. */
static const char *const judge_negators[] = {
	"no", "not", "never", "none", "nor", "without", "zero", "neither",
	"pas", "aucun", "aucune", "sans", "ni", "jamais", "nul", "nulle",
	NULL
};

/* Bad things: negated they are support, alone they are deficiency. */
static const char *const judge_bad[] = {
	"incident", "incidents", "accident", "accidents", "injury",
	"injuries", "fatality", "fatalities", "death", "deaths", "spill",
	"spills", "leak", "leaks", "complaint", "complaints", "violation",
	"violations", "breach", "breaches", "exceedance", "exceedances",
	"casualty", "casualties", "fine", "fines", "penalty", "penalties",
	"nonconformity", "nonconformities", "child", "children", "minors",
	"underage", "forced", "contamination", "pollution", "harm", "abuse",
	"abuses", "delay", "delays", "exception", "exceptions", "conflict",
	"conflicts", "dispute", "disputes", "loss", "losses", "lost",
	"interruption", "objection", "objections", "bribe", "bribes",
	"bribery", "corruption", "theft", "smuggling", "killed", "injured",
	"overdue",
	"blessure", "blessures", "blesse", "blesses", "deces", "mort",
	"morts", "deversement", "deversements", "fuite", "fuites", "plainte",
	"plaintes", "violation", "infraction", "infractions", "enfant",
	"enfants", "amende", "amendes", "perte", "pertes", "conflit",
	"conflits", "litige", "litiges", "abus", "retard", "retards",
	"depassement", "depassements", "vol", "vols", "contrebande",
	"corruption", "tues", "mineurs",
	NULL
};

/* Bad things that count as deficiency even without a negator. */
static const char *const judge_bad_alone[] = {
	"fatality", "fatalities", "death", "deaths", "spill", "spills",
	"leak", "leaks", "violation", "violations", "breach", "breaches",
	"exceedance", "exceedances", "contamination", "killed", "injured",
	"smuggling", "theft", "bribe", "bribes", "bribery", "abuse",
	"abuses", "underage",
	"deces", "mort", "morts", "deversement", "deversements", "fuite",
	"fuites", "infraction", "infractions", "depassement",
	"depassements", "contrebande", "tues", "blesses", "abus", "vol",
	"vols",
	NULL
};

/* Words that say the thing is done. Folded. */
static const char *const judge_support[] = {
	"implemented", "maintained", "valid", "current", "approved",
	"certified", "conducted", "completed", "documented", "established",
	"available", "regularly", "monthly", "weekly", "annually",
	"quarterly", "daily", "trained", "provided", "issued", "renewed",
	"audited", "verified", "effective", "operational", "held", "signed",
	"recorded", "ensured", "posted", "displayed", "inspected", "tested",
	"reviewed", "updated", "obtained", "compliant", "complies", "comply",
	"fenced", "worn", "paid", "submitted", "published", "place", "date",
	"has", "have", "holds", "keeps", "uses", "carries", "performed",
	"monitored", "installed", "equipped", "functioning", "adequate",
	"sufficient", "active", "exists", "consulted", "agreed",
	"compensated", "registered", "licensed", "undertaken",
	"communicated", "investigated", "reported", "followed", "respected",
	"met", "achieved", "runs", "operates", "carried", "kept", "stored",
	"treated", "controlled", "measured", "calibrated", "screened",
	"vetted", "assessed", "identified", "defined", "assigned",
	"appointed", "allocated", "budgeted", "funded", "meets",
	/* French */
	"oeuvre", "valide", "valides", "jour", "approuve", "approuvee",
	"approuves", "realise", "realisee", "realises", "realisees",
	"disponible", "disponibles", "effectue", "effectuee", "effectues",
	"effectuees", "conforme", "conformes", "certifie", "certifiee",
	"formes", "formee", "formees", "forme", "signe", "signee", "tenu",
	"tenue", "tenus", "tenues", "delivre", "delivree", "renouvele",
	"renouvelee", "verifie", "verifiee", "verifies", "audite", "publie",
	"publiee", "affiche", "affichee", "inspecte", "inspectes",
	"regulierement", "mensuellement", "annuellement", "obtenu",
	"obtenue", "paye", "payee", "payes", "soumis", "soumise", "porte",
	"portent", "portes", "dispose", "possede", "existe", "installe",
	"installee", "installes", "equipe", "equipes", "fonctionnel",
	"fonctionnelle", "suffisant", "suffisante", "actif", "active",
	"consulte", "consultee", "consultees", "consultes", "indemnise",
	"indemnisees", "indemnises", "enregistre", "enregistree",
	"communique", "communiquee", "respecte", "respectee", "respectes",
	"assure", "assuree", "maintenu", "maintenue", "mis", "mise",
	"surveille", "surveillee", "documente", "documentee", "etabli",
	"etablie", "traite", "traitee", "traitees", "stocke", "stockes",
	"controle", "controles", "mesure", "mesures", "evalue", "evaluee",
	"identifie", "identifies", "nomme", "designe", "finance",
	"signes", "signees", "trie", "triee", "tries", "triees", "elimine",
	"eliminee", "elimines", "eliminees", "controlee", "controlees",
	"fournis", "fournie", "fournies", "fourni", "declare", "declares",
	"analyses", "analysees", "vaccine", "vaccines",
	NULL
};

static int
judge_in(const char *w, size_t n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++) {
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return 1;
	}
	return 0;
}

struct judge *
judge_new(void)
{
	struct judge *j;

	j = xcalloc(1, sizeof *j);
	j->stem = extract_text_stemmer_new();
	return j;
}

void
judge_free(struct judge *j)
{
	if (j == NULL)
		return;
	extract_text_stemmer_free(j->stem);
	free(j);
}

/* Splits S (space-separated) into an array of owned words. */
struct judge_words {
	char	**v;
	size_t	  n;
};

static void
judge_words_split(const char *s, struct judge_words *w)
{
	const char *p, *q;

	w->v = NULL;
	w->n = 0;
	for (p = s; *p != '\0';) {
		while (*p == ' ')
			p++;
		q = p;
		while (*q != '\0' && *q != ' ')
			q++;
		if (q > p) {
			w->v = xreallocarray(w->v, w->n + 1, sizeof *w->v);
			w->v[w->n++] = xstrndup(p, (size_t)(q - p));
		}
		p = q;
	}
}

static void
judge_words_release(struct judge_words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	w->v = NULL;
	w->n = 0;
}

static int
judge_words_has(const struct judge_words *w, const char *x)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		if (strcmp(w->v[i], x) == 0)
			return 1;
	}
	return 0;
}

char *
judge_terms(struct judge *j, const char *text, const char *keywords,
    const char *lang)
{
	struct judge_words fw, out = { NULL, 0 };
	struct buf kept;
	char *all, *folded, *stems, *r;
	size_t i;

	all = xasprintf("%s %s", text, keywords != NULL ? keywords : "");
	folded = extract_text_fold(all);
	free(all);
	judge_words_split(folded, &fw);
	free(folded);
	buf_init(&kept, 0);
	for (i = 0; i < fw.n; i++) {
		if (strlen(fw.v[i]) <= 2 ||
		    judge_in(fw.v[i], strlen(fw.v[i]), judge_stop))
			continue;
		if (kept.len > 0)
			buf_putc(&kept, ' ');
		buf_puts(&kept, fw.v[i]);
	}
	judge_words_release(&fw);
	stems = extract_text_stem(j->stem, kept.data, lang);
	buf_release(&kept);
	judge_words_split(stems, &fw);
	free(stems);
	buf_init(&kept, 0);
	for (i = 0; i < fw.n; i++) {
		if (judge_words_has(&out, fw.v[i]))
			continue;
		out.v = xreallocarray(out.v, out.n + 1, sizeof *out.v);
		out.v[out.n++] = xstrdup(fw.v[i]);
		if (kept.len > 0)
			buf_putc(&kept, ' ');
		buf_puts(&kept, fw.v[i]);
	}
	judge_words_release(&fw);
	judge_words_release(&out);
	r = buf_detach(&kept);
	buf_release(&kept);
	return r;
}

/*
 * Counts the cues in folded sentence F. A word whose stem is one of the
 * requirement's TERMS is the topic, not a cue ("screened for abuses").
 */
static void
judge_cues(struct judge *j, const char *f, const struct judge_words *terms,
    const char *lang, int *support, int *deficiency)
{
	struct judge_words w, st;
	char *stems;
	size_t i, k, n, quiet_until = 0;
	int negated_bad, topic;

	judge_words_split(f, &w);
	stems = extract_text_stem(j->stem, f, lang);
	judge_words_split(stems, &st);
	free(stems);
	for (i = 0; i < w.n; i++) {
		n = strlen(w.v[i]);
		topic = st.n == w.n && judge_words_has(terms, st.v[i]);
		if (i < quiet_until && judge_in(w.v[i], n, judge_support))
			continue;	/* "has not been conducted" */
		if (judge_in(w.v[i], n, judge_negators)) {
			negated_bad = 0;
			for (k = i + 1; k < w.n && k <= i + 4; k++) {
				if (judge_in(w.v[k], strlen(w.v[k]),
				    judge_bad)) {
					negated_bad = 1;
					break;
				}
			}
			if (negated_bad) {
				(*support)++;
				i = k;	/* the bad word is spent */
			} else {
				(*deficiency)++;
				quiet_until = i + 5;
			}
			continue;
		}
		if (!topic && judge_in(w.v[i], n, judge_bad_alone))
			(*deficiency)++;
		else if (!topic && judge_in(w.v[i], n, judge_deficient))
			(*deficiency)++;
		else if (judge_in(w.v[i], n, judge_support))
			(*support)++;
	}
	judge_words_release(&w);
	judge_words_release(&st);
}

/* 1 when the text at P ends a sentence. */
static int
judge_sentence_end(const char *p)
{
	if (*p == '\n' && p[1] == '\n')
		return 1;
	if (*p != '.' && *p != ';' && *p != '!' && *p != '?')
		return 0;
	return p[1] == ' ' || p[1] == '\n' || p[1] == '\0';
}

void
judge_passage(struct judge *j, const char *terms, const char *kwterms,
    const char *passage, const char *lang, struct judge_result *out)
{
	struct judge_words t, sw, kw;
	const char *p, *start;
	char *piece, *stems, *folded;
	size_t i, hit, best = 0, bs = 0, bl = 0, nt;
	int any = 0, sup = 0, def = 0, psup, pdef;
	struct judge_words all = { NULL, 0 };
	size_t covered = 0;

	memset(out, 0, sizeof *out);
	judge_words_split(terms, &t);
	nt = t.n;
	/* Keyword stems count as requirement words, over the same base. */
	judge_words_split(kwterms != NULL ? kwterms : "", &kw);
	for (i = 0; i < kw.n; i++) {
		if (judge_words_has(&t, kw.v[i]))
			continue;
		t.v = xreallocarray(t.v, t.n + 1, sizeof *t.v);
		t.v[t.n++] = xstrdup(kw.v[i]);
	}
	judge_words_release(&kw);
	start = passage;
	for (p = passage;; p++) {
		if (*p != '\0' && !judge_sentence_end(p))
			continue;
		if (p > start) {
			piece = xstrndup(start, (size_t)(p - start) +
			    (*p != '\0' && *p != '\n'));
			stems = extract_text_stem(j->stem, piece, lang);
			judge_words_split(stems, &sw);
			free(stems);
			hit = 0;
			for (i = 0; i < t.n; i++) {
				if (judge_words_has(&sw, t.v[i])) {
					hit++;
					if (!judge_words_has(&all, t.v[i])) {
						all.v = xreallocarray(all.v,
						    all.n + 1, sizeof *all.v);
						all.v[all.n++] =
						    xstrdup(t.v[i]);
						covered++;
					}
				}
			}
			judge_words_release(&sw);
			if (!any || hit > best) {
				best = hit;
				bs = (size_t)(start - passage);
				bl = strlen(piece);
				any = 1;
			}
			free(piece);
		}
		if (*p == '\0')
			break;
		start = p + 1;
		while (*start == ' ' || *start == '\n')
			start++;
		if (*start == '\0')
			break;
		p = start - 1;
	}
	judge_words_release(&all);
	out->start = bs;
	out->len = bl;
	out->coverage = nt == 0 ? 0 : (double)covered /
	    (double)(nt < 6 ? nt : 6);
	if (out->coverage > 1)
		out->coverage = 1;
	if (!any || nt == 0 || best == 0 || out->coverage < 0.4 ||
	    (nt >= 3 && best < 2)) {
		out->verdict = JUDGE_NO_EVIDENCE;
		out->score = 0;
		judge_words_release(&t);
		return;
	}
	piece = xstrndup(passage + bs, bl);
	folded = extract_text_fold(piece);
	free(piece);
	judge_cues(j, folded, &t, lang, &sup, &def);
	free(folded);
	if (sup == 0 && def == 0) {
		/* The best sentence is silent; the rest of the passage? */
		folded = extract_text_fold(passage);
		psup = pdef = 0;
		judge_cues(j, folded, &t, lang, &psup, &pdef);
		free(folded);
		sup = psup > 0;
		def = pdef > 0;
	}
	judge_words_release(&t);
	out->support = sup;
	out->deficiency = def;
	if (def > 0 && def >= sup) {
		out->verdict = JUDGE_NON_COMPLIANT;
		out->score = 0.35 - 0.1 * (def - sup > 2 ? 2 : def - sup);
		if (out->score < 0.05)
			out->score = 0.05;
	} else if (def > 0) {
		out->verdict = JUDGE_REVIEW;
		out->score = 0.6;
	} else if (sup > 0) {
		out->verdict = JUDGE_COMPLIANT;
		out->score = 0.8 + 0.2 * out->coverage;
	} else {
		out->verdict = JUDGE_REVIEW;
		out->score = 0.55;
	}
}

const char *
judge_verdict_name(enum judge_verdict v)
{
	switch (v) {
	case JUDGE_COMPLIANT:
		return "compliant";
	case JUDGE_REVIEW:
		return "review_needed";
	case JUDGE_NON_COMPLIANT:
		return "non_compliant";
	case JUDGE_NO_EVIDENCE:
		return "no_evidence";
	}
	return "no_evidence";
}

/* SPDX-License-Identifier: MIT */
/*
 * Deterministic judgement (see core/judge.h). Words are compared folded
 * (lower case, no accents); requirement terms and passage words are also
 * stemmed, so "inspections" meets "inspected" and "formés" meets
 * "formation". Cue lists are folded too, in English and French. A struct
 * judge holds the stemmers and belongs to one thread.
 */
#include "core/judge.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/buf.h"
#include "core/base/xmalloc.h"
#include "core/extract_text.h"

struct judge {
	struct extract_text_stemmer *stem;
	int	 normative;	/* the document is rules, not facts */
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
	"overdue", "damage", "damages",
	"blessure", "blessures", "blesse", "blesses", "deces", "mort",
	"morts", "deversement", "deversements", "fuite", "fuites", "plainte",
	"plaintes", "violation", "infraction", "infractions", "enfant",
	"enfants", "amende", "amendes", "perte", "pertes", "conflit",
	"conflits", "litige", "litiges", "abus", "retard", "retards",
	"depassement", "depassements", "vol", "vols", "contrebande",
	"corruption", "tues", "mineurs", "dommage", "dommages", "degat",
	"degats",
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

/*
 * Obligation words: a sentence holding one states a rule ("shall not
 * offer any gift", "doit détenir un titre", "the client will not
 * employ") or a plan, not a fact about the site.
 */
static const char *const judge_modal[] = {
	"shall", "must", "should", "ought", "will", "doit", "doivent", "devra",
	"devront", "devrait", "devraient",
	NULL
};

/* Modals that, followed by "have", describe what was not done. */
static const char *const judge_modal_past[] = {
	"could", "would", "should", "might", "must",
	NULL
};

/* Verbs and auxiliaries: a sentence without any is a heading or a row. */
static const char *const judge_verbs[] = {
	"is", "are", "was", "were", "be", "been", "being", "has", "have",
	"had", "do", "does", "did", "will", "would", "can", "could", "may",
	"might", "shall", "should", "must", "isn", "wasn", "aren", "weren",
	"est", "sont", "etait", "etaient", "ete", "ont", "avait", "avaient",
	"sera", "seront", "fut", "furent", "existe", "existent", "reste",
	"restent", "doit", "doivent", "peut", "peuvent",
	NULL
};

/* Leading list markers skipped before reading a sentence's first word. */
static const char *const judge_markers[] = {
	"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "a", "b",
	"c", "d", "e", "f", "g", "h",
	NULL
};

/*
 * Stems too common to tie a passage to one requirement on their own
 * ("people are able to work" is not about inspectors' safety).
 */
static const char *const judge_generic[] = {
	"abl", "work", "provid", "use", "take", "make", "keep", "need",
	"allow", "suitabl", "appropri", "relev", "general", "proper",
	"necessari", "specif", "travail", "permet", "pouvoir",
	NULL
};

static int
judge_in(const char *w, size_t n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++) {
		if (list[i][0] == w[0] && strncmp(list[i], w, n) == 0 &&
		    list[i][n] == '\0')
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
			for (k = i + 1; k < w.n && k <= i + 3; k++) {
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

/* What a sentence is, before any cue is read. */
enum judge_kind {
	JUDGE_FACT,	/* states a fact about the site */
	JUDGE_BREACH,	/* "Had the owner ensured ...": a breach */
	JUDGE_RULE,	/* "shall not", "doit", "ne peut": a requirement */
	JUDGE_LABEL	/* a heading or table row: no verb */
};

/* 1 when RAW (LEN bytes) looks like table cells: many short lines. */
static int
judge_tabular(const char *raw, size_t len)
{
	size_t i, lines = 1;

	for (i = 0; i < len; i++) {
		if (raw[i] == '\n')
			lines++;
	}
	return lines >= 4 && len / lines < 28;
}

/* 1 when RAW holds a French past participle (-é, -ée, -és, -ées). */
static int
judge_participle(const char *raw, size_t len)
{
	size_t i, k;

	for (i = 0; i + 1 < len; i++) {
		if ((unsigned char)raw[i] != 0xc3 ||
		    (unsigned char)raw[i + 1] != 0xa9)
			continue;
		k = i + 2;
		if (k < len && raw[k] == 'e')
			k++;
		if (k < len && raw[k] == 's')
			k++;
		if (i > 0 && isalpha((unsigned char)raw[i - 1]) &&
		    (k >= len || (!isalpha((unsigned char)raw[k]) &&
		    (unsigned char)raw[k] < 0x80)))
			return 1;
	}
	return 0;
}

/* 1 when word I of W is X. */
static int
judge_at(const struct judge_words *w, size_t i, const char *x)
{
	return i < w->n && strcmp(w->v[i], x) == 0;
}

/*
 * Reads sentence RAW (LEN bytes; W its folded words): a counterfactual
 * ("Had the owner ensured ...", "could have been averted", "aurait pu
 * être évité") reports a breach; an obligation ("shall", "must not",
 * "doit", "est tenu de", "ne peut être") is normative text; a line with
 * no verb is a heading or a table row. Anything else is a fact.
 */
static enum judge_kind
judge_kind(const char *raw, size_t len, const struct judge_words *w)
{
	size_t i, k, first = 0;
	const char *x;

	while (first < w->n && (judge_in(w->v[first], strlen(w->v[first]),
	    judge_markers) || isdigit((unsigned char)w->v[first][0])))
		first++;
	if (judge_at(w, first, "had"))
		return JUDGE_BREACH;
	for (i = 0; i < w->n; i++) {
		x = w->v[i];
		/* "could have been averted", not "could have impact" */
		if (judge_in(x, strlen(x), judge_modal_past) &&
		    judge_at(w, i + 1, "have") && i + 2 < w->n &&
		    (strcmp(w->v[i + 2], "been") == 0 ||
		    (strlen(w->v[i + 2]) > 4 && strcmp(w->v[i + 2] +
		    strlen(w->v[i + 2]) - 2, "ed") == 0)))
			return JUDGE_BREACH;
		if (strcmp(x, "aurait") == 0 || strcmp(x, "auraient") == 0)
			return JUDGE_BREACH;
		if (strcmp(x, "if") == 0 || strcmp(x, "si") == 0) {
			for (k = i + 1; k < w->n && k <= i + 12; k++) {
				if (strcmp(w->v[k], "had") == 0 ||
				    strcmp(w->v[k], "avait") == 0 ||
				    strcmp(w->v[k], "avaient") == 0)
					return JUDGE_BREACH;
			}
		}
	}
	for (i = 0; i < w->n; i++) {
		x = w->v[i];
		if (judge_in(x, strlen(x), judge_modal))
			return JUDGE_RULE;
		if (strcmp(x, "may") == 0 && (judge_at(w, i + 1, "not") ||
		    judge_at(w, i + 1, "only")))
			return JUDGE_RULE;
		if ((strcmp(x, "is") == 0 || strcmp(x, "are") == 0 ||
		    strcmp(x, "be") == 0) && (judge_at(w, i + 1, "required") ||
		    judge_at(w, i + 1, "obliged") ||
		    judge_at(w, i + 1, "prohibited") ||
		    judge_at(w, i + 1, "forbidden")))
			return JUDGE_RULE;
		if ((strncmp(x, "tenu", 4) == 0 && strlen(x) <= 6) &&
		    (judge_at(w, i + 1, "de") || judge_at(w, i + 1, "d")))
			return JUDGE_RULE;
		if (strcmp(x, "ne") == 0 && i + 1 < w->n &&
		    (strcmp(w->v[i + 1], "peut") == 0 ||
		    strcmp(w->v[i + 1], "peuvent") == 0 ||
		    strcmp(w->v[i + 1], "saurait") == 0) &&
		    !judge_at(w, i + 2, "pas") && !judge_at(w, i + 2, "plus"))
			return JUDGE_RULE;
		if (strncmp(x, "interdit", 8) == 0 && i > 0 &&
		    (strcmp(w->v[i - 1], "est") == 0 ||
		    strcmp(w->v[i - 1], "sont") == 0))
			return JUDGE_RULE;
	}
	/* A question ("Is there any threat to ...?") states nothing. */
	for (k = len; k > 0 && isspace((unsigned char)raw[k - 1]); k--)
		;
	if (judge_tabular(raw, len) || (k > 0 && raw[k - 1] == '?'))
		return JUDGE_LABEL;
	if (judge_participle(raw, len))
		return JUDGE_FACT;
	for (i = 0; i < w->n; i++) {
		x = w->v[i];
		k = strlen(x);
		if (judge_in(x, k, judge_verbs) ||
		    judge_in(x, k, judge_support) ||
		    judge_in(x, k, judge_deficient) ||
		    judge_in(x, k, judge_bad_alone) ||
		    (k >= 5 && strcmp(x + k - 2, "ed") == 0))
			return JUDGE_FACT;
	}
	return JUDGE_LABEL;
}

size_t
judge_trim(const char *s, size_t len)
{
	size_t d, e, p;

	for (;;) {
		while (len > 0 && isspace((unsigned char)s[len - 1]))
			len--;
		e = len;
		d = e;
		while (d > 0 && isdigit((unsigned char)s[d - 1]))
			d--;
		if (d == e || e - d > 4 || d == 0)
			return len;
		/* On its own line: a running page number. */
		if (s[d - 1] == '\n') {
			len = d;
			continue;
		}
		/* After the sentence's full stop: a footnote or page. */
		p = d;
		while (p > 0 && s[p - 1] == ' ')
			p--;
		if (p >= 2 && s[p - 1] == '.' &&
		    isalpha((unsigned char)s[p - 2])) {
			len = p;
			continue;
		}
		return len;
	}
}

char *
judge_phrases(struct judge *j, const char *keywords, const char *lang)
{
	struct buf b;
	const char *p, *q;
	char *one, *t;

	buf_init(&b, 0);
	for (p = keywords != NULL ? keywords : ""; *p != '\0'; p = q) {
		q = p + strcspn(p, ";");
		one = xstrndup(p, (size_t)(q - p));
		t = judge_terms(j, "", one, lang);
		free(one);
		if (*t != '\0') {
			if (b.len > 0)
				buf_putc(&b, ';');
			buf_puts(&b, t);
		}
		free(t);
		if (*q == ';')
			q++;
	}
	t = buf_detach(&b);
	buf_release(&b);
	return t;
}

/*
 * 1 when RAW starts a list item ("(c) records are kept", "and (e)",
 * "ii) the manager"): it continues the sentence that introduced it.
 */
static int
judge_list_item(const char *raw)
{
	const char *p = raw;
	size_t n;

	if (strncmp(p, "and", 3) == 0 || strncmp(p, "et", 2) == 0 ||
	    strncmp(p, "or", 2) == 0 || strncmp(p, "ou", 2) == 0) {
		p += p[0] == 'a' ? 3 : 2;
		if (!isspace((unsigned char)*p))
			return 0;
		while (isspace((unsigned char)*p))
			p++;
	}
	if (*p == '[')
		p++;
	if (*p == '(')
		p++;
	n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789");
	return n >= 1 && n <= 4 && p[n] == ')';
}

/* One sentence of a passage as judge_passage() reads it. */
struct judge_sentence {
	size_t		 start, len;	/* bytes in the passage */
	size_t		 hit;		/* requirement words in it */
	size_t		 texthit;	/* of those, from the requirement text */
	int		 specific;	/* a non-generic or keyword match */
	int		 phrase;	/* a whole keyword phrase */
	enum judge_kind	 kind;
};

/* 1 when every word of phrase PH is in SW. */
static int
judge_phrase_in(const char *ph, const struct judge_words *sw)
{
	struct judge_words pw;
	size_t i;
	int all;

	judge_words_split(ph, &pw);
	all = pw.n > 0;
	for (i = 0; i < pw.n && all; i++)
		all = judge_words_has(sw, pw.v[i]);
	judge_words_release(&pw);
	return all;
}

/*
 * Reads the sentence at PASSAGE + S->start: its kind and which of the
 * requirement words T (the first NT from its text) it holds; PHRASES
 * (';'-separated keyword phrases, may be empty) decide whether the
 * match is specific. New requirement words of a factual sentence join
 * ALL (the passage's coverage).
 */
static void
judge_sentence_read(struct judge *j, const char *passage,
    struct judge_sentence *s, const struct judge_words *t, size_t nt,
    const char *phrases, const char *lang, struct judge_words *all)
{
	struct judge_words sw, fw;
	char *piece, *stems, *folded, *ph;
	const char *p, *q;
	size_t i;
	int factual;

	piece = xstrndup(passage + s->start, s->len);
	folded = extract_text_fold(piece);
	judge_words_split(folded, &fw);
	free(folded);
	s->kind = judge_kind(piece, s->len, &fw);
	judge_words_release(&fw);
	stems = extract_text_stem(j->stem, piece, lang);
	free(piece);
	judge_words_split(stems, &sw);
	free(stems);
	factual = s->kind == JUDGE_FACT || s->kind == JUDGE_BREACH;
	s->hit = s->texthit = 0;
	s->specific = s->phrase = 0;
	for (i = 0; i < t->n; i++) {
		if (!judge_words_has(&sw, t->v[i]))
			continue;
		s->hit++;
		if (i < nt) {
			s->texthit++;
			if (!judge_in(t->v[i], strlen(t->v[i]),
			    judge_generic))
				s->specific = 1;
		}
		if (factual && !judge_words_has(all, t->v[i])) {
			all->v = xreallocarray(all->v, all->n + 1,
			    sizeof *all->v);
			all->v[all->n++] = xstrdup(t->v[i]);
		}
	}
	if (*phrases != '\0') {
		/*
		 * With keywords, a match is specific when one keyword
		 * phrase is there whole, or most of the requirement is.
		 */
		for (p = phrases; *p != '\0' && !s->phrase; p = q) {
			q = p + strcspn(p, ";");
			ph = xstrndup(p, (size_t)(q - p));
			s->phrase = judge_phrase_in(ph, &sw);
			free(ph);
			if (*q == ';')
				q++;
		}
		/* One word ("threat", "stock") needs a second one. */
		if (s->hit < 2)
			s->phrase = 0;
		s->specific = s->phrase ||
		    (s->texthit >= 3 && 10 * s->texthit >= 6 * nt);
	}
	judge_words_release(&sw);
}

void
judge_count(struct judge *j, const char *text, size_t *facts,
    size_t *rules)
{
	struct judge_words fw;
	const char *p, *start;
	char *piece, *folded;
	enum judge_kind k, prev = JUDGE_FACT;
	size_t len;

	(void)j;
	start = text;
	for (p = text;; p++) {
		if (*p != '\0' && !judge_sentence_end(p))
			continue;
		if (p > start) {
			len = (size_t)(p - start) + (*p != '\0' && *p != '\n');
			piece = xstrndup(start, len);
			folded = extract_text_fold(piece);
			judge_words_split(folded, &fw);
			free(folded);
			k = judge_kind(piece, len, &fw);
			judge_words_release(&fw);
			if (prev == JUDGE_RULE && judge_list_item(piece))
				k = JUDGE_RULE;
			free(piece);
			if (k == JUDGE_RULE)
				(*rules)++;
			else if (k != JUDGE_LABEL)
				(*facts)++;
			prev = k;
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
}

void
judge_set_normative(struct judge *j, int normative)
{
	j->normative = normative;
}

void
judge_passage(struct judge *j, const char *terms, const char *kwterms,
    const char *passage, const char *lang, struct judge_result *out)
{
	struct judge_words t, kw, all = { NULL, 0 };
	struct judge_sentence *sv = NULL, *b = NULL, *any = NULL;
	const char *p, *start, *phrases;
	char *piece, *folded, *flat;
	size_t i, n = 0, nt;
	int sup = 0, def = 0, psup, pdef, breach = 0;

	memset(out, 0, sizeof *out);
	judge_words_split(terms, &t);
	nt = t.n;
	/* Keyword stems count as requirement words, over the same base. */
	phrases = kwterms != NULL ? kwterms : "";
	flat = xstrdup(phrases);
	for (i = 0; flat[i] != '\0'; i++) {
		if (flat[i] == ';')
			flat[i] = ' ';
	}
	judge_words_split(flat, &kw);
	free(flat);
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
			sv = xreallocarray(sv, n + 1, sizeof *sv);
			sv[n].start = (size_t)(start - passage);
			sv[n].len = (size_t)(p - start) +
			    (*p != '\0' && *p != '\n');
			judge_sentence_read(j, passage, &sv[n], &t, nt,
			    phrases, lang, &all);
			/* "The Contractor shall: (a) ...; (b) ..." */
			if (n > 0 && sv[n - 1].kind == JUDGE_RULE &&
			    judge_list_item(start))
				sv[n].kind = JUDGE_RULE;
			n++;
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
	/* The best factual sentence; else the best of any, for the quote. */
	for (i = 0; i < n; i++) {
		if (sv[i].kind == JUDGE_BREACH)
			breach = 1;
		if (any == NULL || sv[i].hit > any->hit)
			any = &sv[i];
		if ((sv[i].kind == JUDGE_FACT || sv[i].kind == JUDGE_BREACH) &&
		    (b == NULL || sv[i].hit > b->hit))
			b = &sv[i];
	}
	if (b == NULL || b->hit == 0)
		b = any;
	if (b != NULL) {
		out->start = b->start;
		out->len = judge_trim(passage + b->start, b->len);
	}
	out->coverage = nt == 0 ? 0 : (double)all.n /
	    (double)(nt < 6 ? nt : 6);
	if (out->coverage > 1)
		out->coverage = 1;
	judge_words_release(&all);
	/* A whole keyword phrase in a fact is enough of a match. */
	if (b == NULL || nt == 0 || b->hit == 0 || !b->specific ||
	    (b->kind != JUDGE_FACT && b->kind != JUDGE_BREACH) ||
	    (j->normative && b->kind != JUDGE_BREACH) ||
	    (!b->phrase && (out->coverage < 0.4 || (nt >= 3 && b->hit < 2)))) {
		out->verdict = JUDGE_NO_EVIDENCE;
		out->score = 0;
		judge_words_release(&t);
		free(sv);
		return;
	}
	piece = xstrndup(passage + b->start, b->len);
	folded = extract_text_fold(piece);
	free(piece);
	judge_cues(j, folded, &t, lang, &sup, &def);
	free(folded);
	if (sup == 0 && def == 0) {
		/* The best sentence is silent; the passage's other facts? */
		psup = pdef = 0;
		for (i = 0; i < n; i++) {
			if (&sv[i] == b || (sv[i].kind != JUDGE_FACT &&
			    sv[i].kind != JUDGE_BREACH))
				continue;
			piece = xstrndup(passage + sv[i].start, sv[i].len);
			folded = extract_text_fold(piece);
			free(piece);
			judge_cues(j, folded, &t, lang, &psup, &pdef);
			free(folded);
		}
		sup = psup > 0;
		def = pdef > 0;
	}
	judge_words_release(&t);
	free(sv);
	/*
	 * In a counterfactual ("Had the owner ensured that protective
	 * equipment was provided, the accident could have been averted")
	 * what is said to be done is what was not done.
	 */
	if (breach) {
		def += sup;
		sup = 0;
		if (def == 0)
			def = 1;
	}
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

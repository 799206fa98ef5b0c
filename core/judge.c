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

/* Normative text: at least this many rules, this share of statements. */
#define JUDGE_NORMATIVE_MIN 20
#define JUDGE_NORMATIVE_PCT 25
/* A site record: at least this share of its facts are observations. */
#define JUDGE_OBSERVED_PCT 30

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
	"appointed", "allocated", "budgeted", "funded", "meets", "received",
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
	"analyses", "analysees", "vaccine", "vaccines", "recu", "recue",
	"recus", "recues",
	NULL
};

/*
 * Obligation words: a sentence holding one states a rule ("shall not
 * offer any gift", "doit détenir un titre", "the client will not
 * employ") or a plan, not a fact about the site.
 */
static const char *const judge_modal[] = {
	"shall", "must", "doit", "doivent", "devra", "devront",
	NULL
};

/*
 * Advice and plans ("should be repaired", "devrait être mis à jour",
 * "will be installed"): not a fact either, but a site report full of
 * recommendations is still a site report, so they are not rules.
 */
static const char *const judge_soft[] = {
	"should", "ought", "will", "devrait", "devraient", "recommend",
	"recommends", "recommended", "recommande", "recommandons",
	"recommandee", "conseille",
	NULL
};

/*
 * Subjects of legal drafting ("le contractant soumet", "the holder
 * submits"): in the present tense, without a date or an observation,
 * a sentence about one of them is a provision.
 */
static const char *const judge_roles[] = {
	"contractant", "contractants", "titulaire", "titulaires",
	"exploitant", "exploitants", "demandeur", "demandeurs", "detenteur",
	"detenteurs", "beneficiaire", "beneficiaires", "concessionnaire",
	"permissionnaire", "cessionnaire", "operateur", "operateurs",
	"contrat", "secretaire", "autorite", "ministre", "commission",
	"conseil", "administration", "promoteur",
	"holder", "holders", "contractor", "contractors", "applicant",
	"applicants", "permittee", "licensee", "licensees", "operator",
	"operators", "sponsoring", "authority", "secretary", "commission",
	"council", "minister", "contract", "lessee",
	NULL
};

/* Determiners that open such a subject. */
static const char *const judge_role_det[] = {
	"le", "la", "l", "les", "tout", "toute", "tous", "chaque", "the",
	"each", "every", "any", "a", "an",
	NULL
};

/* The instrument a provision names as its own ("le présent règlement"). */
static const char *const judge_instrument[] = {
	"reglement", "loi", "decret", "arrete", "code", "contrat",
	"convention", "article", "section", "chapitre", "titre", "annexe",
	"clauses", "ordonnance", "accord", "paragraphe",
	NULL
};

/* Words of an observation or a past event: the sentence is a fact. */
static const char *const judge_observed_words[] = {
	"was", "were", "been", "had", "did", "wasn", "weren", "didn",
	"hasn", "haven", "found", "observed", "noted", "visited", "we",
	"our", "ago", "yesterday", "january", "february", "march", "april",
	"june", "july", "august", "september", "october", "november",
	"december",
	"ete", "etait", "etaient", "avons", "nous", "constate", "constates",
	"constatee", "constatees", "visite", "janvier", "fevrier", "mars",
	"avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
	"novembre", "decembre",
	NULL
};

/* Irregular French participles after "a" or "ont" ("a reçu", "ont mis"). */
static const char *const judge_fr_participles[] = {
	"reçu", "reçus", "reçue", "mis", "mise", "pris", "prise", "fait",
	"faite", "fourni", "fournie", "établi", "établie", "suivi", "suivie",
	"tenu", "tenue", "remis", "soumis", "produit", "construit", "eu",
	"vu", "pu", "atteint",
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

/* 1 when word I of W is X. */
static int
judge_at(const struct judge_words *w, size_t i, const char *x)
{
	return i < w->n && strcmp(w->v[i], x) == 0;
}

/*
 * 1 when word I of W is a "been" without an auxiliary before it: the
 * inverted counterfactual "(Had) the cable been used ...", continued
 * across a line or a passage.
 */
static int
judge_bare_been(const struct judge_words *w, size_t i)
{
	static const char *const aux[] = { "has", "have", "had", "having",
	    "hasn", "haven", "hadn", "would", "could", "should", "might",
	    "must", "will", "shall", "may", "to", "s", "ve", "d", NULL };
	size_t k;

	if (strcmp(w->v[i], "been") != 0)
		return 0;
	for (k = i; k > 0 && k + 3 > i; k--) {
		if (judge_in(w->v[k - 1], strlen(w->v[k - 1]), aux))
			return 0;
	}
	return 1;
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
		/* "n'avaient reçu aucun": the negation is read after. */
		if (judge_in(w.v[i], n, judge_support) && ((i >= 1 &&
		    (judge_at(&w, i - 1, "n") || judge_at(&w, i - 1, "ne"))) ||
		    (i >= 2 && (judge_at(&w, i - 2, "n") ||
		    judge_at(&w, i - 2, "ne")))))
			continue;
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
	JUDGE_ADVICE,	/* "should", "devrait", "will": advice or a plan */
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

/* 1 when RAW[I] starts a word (the byte before is no letter). */
static int
judge_word_start(const char *raw, size_t i)
{
	unsigned char c;

	if (i == 0)
		return 1;
	c = (unsigned char)raw[i - 1];
	/* 0x99 ends a typographic apostrophe, U+2019 ("n’a"). */
	return !isalnum(c) && (c < 0x80 || c == 0x99);
}

/*
 * 1 when RAW (LEN bytes) holds a French compound past: "a", "ont",
 * "avait", "avons" followed by a participle ("a été", "n'a pas
 * soumis", "ont reçu"). "à" is not "a".
 */
static int
judge_fr_past(const char *raw, size_t len)
{
	static const char *const aux[] = { "a ", "ont ", "avait ",
	    "avaient ", "avons ", "avez ", NULL };
	static const char *const skip[] = { "pas ", "déjà ", "bien ",
	    "jamais ", "toujours ", "enfin ", NULL };
	char word[32];
	size_t i, k, n, m;
	int again;

	for (i = 0; i < len; i++) {
		if (!judge_word_start(raw, i))
			continue;
		for (k = 0; aux[k] != NULL; k++) {
			n = strlen(aux[k]);
			if (i + n <= len && strncmp(raw + i, aux[k], n) == 0)
				break;
		}
		if (aux[k] == NULL)
			continue;
		n += i;
		do {
			again = 0;
			for (k = 0; skip[k] != NULL; k++) {
				m = strlen(skip[k]);
				if (n + m <= len &&
				    strncmp(raw + n, skip[k], m) == 0) {
					n += m;
					again = 1;
				}
			}
		} while (again);
		for (m = 0; n + m < len && m + 1 < sizeof word &&
		    raw[n + m] != ' ' && raw[n + m] != ',' &&
		    raw[n + m] != '.' && raw[n + m] != '\n' &&
		    raw[n + m] != ';'; m++)
			word[m] = raw[n + m];
		word[m] = '\0';
		if (m == 0)
			continue;
		if (judge_in(word, m, judge_fr_participles))
			return 1;
		/* -é, -ée, -és, -ées */
		while (m > 0 && (word[m - 1] == 's' || word[m - 1] == 'e'))
			m--;
		if (m >= 4 && (unsigned char)word[m - 2] == 0xc3 &&
		    (unsigned char)word[m - 1] == 0xa9)
			return 1;
	}
	return 0;
}

/* 1 when W (from RAW, LEN bytes) reports an observation or a past. */
static int
judge_observed(const char *raw, size_t len, const struct judge_words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		if (judge_in(w->v[i], strlen(w->v[i]), judge_observed_words))
			return 1;
	}
	return judge_fr_past(raw, len);
}

/* 1 when W holds a year (1900-2099): a dated statement. */
static int
judge_dated(const struct judge_words *w)
{
	size_t i;
	const char *x;

	for (i = 0; i < w->n; i++) {
		x = w->v[i];
		if (strlen(x) == 4 && strspn(x, "0123456789") == 4 &&
		    (strncmp(x, "19", 2) == 0 || strncmp(x, "20", 2) == 0))
			return 1;
	}
	return 0;
}

/* 1 when words I.. of W are the words of PHRASE (space-separated). */
static int
judge_seq(const struct judge_words *w, size_t i, const char *phrase)
{
	const char *p = phrase, *q;

	for (; *p != '\0'; i++) {
		q = strchr(p, ' ');
		if (q == NULL)
			q = p + strlen(p);
		if (i >= w->n || strlen(w->v[i]) != (size_t)(q - p) ||
		    strncmp(w->v[i], p, (size_t)(q - p)) != 0)
			return 0;
		p = *q == ' ' ? q + 1 : q;
	}
	return 1;
}

/*
 * 1 when sentence RAW (LEN bytes; W its folded words) is legal drafting
 * in the present tense: it names its own instrument ("le présent
 * règlement", "these Regulations"); or, stating no observation, it
 * cross-refers ("visé à l'article", "in accordance with regulation
 * 38", "dans un délai de 90 jours"); or, stating no observation, date
 * or negation, its subject is a role of legal drafting ("le
 * contractant soumet", "each contractor provides") or it opens an
 * article ("Article 38 : Lorsque ...").
 */
static int
judge_drafting(const char *raw, size_t len, const struct judge_words *w)
{
	static const char *const this_en[] = { "this Regulation",
	    "these Regulations", "this Act", "this Code", "this Part",
	    "this Chapter", "this Annex", "this Schedule", "these Rules",
	    "this Subpart", "this Convention", "these regulations",
	    "this regulation", NULL };
	static const char *const xref[] = { "referred to in",
	    "set out in", "in accordance with regulation",
	    "in accordance with article", "in accordance with section",
	    "in accordance with paragraph", "in accordance with annex",
	    "pursuant to", "subject to regulation", "subject to article",
	    "subject to paragraph", "conformement a l article",
	    "conformement aux dispositions", "conformement au present",
	    "en application de", "au sens de", "dans un delai de",
	    "dans les conditions fixees", "dans les conditions prevues",
	    "au plus tard", "not later than", NULL };
	size_t i, k, first = 0;
	const char *x;
	char *sub;
	int observed;

	sub = xstrndup(raw, len);
	for (k = 0; this_en[k] != NULL; k++) {
		if (strstr(sub, this_en[k]) != NULL)
			break;
	}
	free(sub);
	if (this_en[k] != NULL)
		return 1;
	for (i = 0; i + 1 < w->n; i++) {
		x = w->v[i];
		if (strncmp(x, "present", 7) == 0 && strlen(x) <= 9 &&
		    judge_in(w->v[i + 1], strlen(w->v[i + 1]),
		    judge_instrument))
			return 1;
	}
	observed = judge_observed(raw, len, w);
	if (observed)
		return 0;
	for (i = 0; i < w->n; i++) {
		x = w->v[i];
		if (strcmp(x, "vise") == 0 || strcmp(x, "visee") == 0 ||
		    strcmp(x, "vises") == 0 || strcmp(x, "visees") == 0 ||
		    strncmp(x, "prevu", 5) == 0) {
			if (judge_at(w, i + 1, "a") || judge_at(w, i + 1,
			    "au") || judge_at(w, i + 1, "aux") ||
			    judge_at(w, i + 1, "par"))
				return 1;
		}
		if (strcmp(x, "within") == 0 && i + 2 < w->n &&
		    isdigit((unsigned char)w->v[i + 1][0]) &&
		    (strncmp(w->v[i + 2], "day", 3) == 0 ||
		    strncmp(w->v[i + 2], "month", 5) == 0))
			return 1;
		for (k = 0; xref[k] != NULL; k++) {
			if (xref[k][0] == x[0] && judge_seq(w, i, xref[k]))
				return 1;
		}
	}
	/* The subject, after list marks and an "Article 12 :" heading. */
	while (first < w->n && (judge_in(w->v[first], strlen(w->v[first]),
	    judge_markers) || isdigit((unsigned char)w->v[first][0])))
		first++;
	if (judge_at(w, first, "article") || judge_at(w, first, "art") ||
	    judge_at(w, first, "regulation")) {
		if (first + 1 < w->n &&
		    isdigit((unsigned char)w->v[first + 1][0]))
			first += 2;
		else if (judge_at(w, first + 1, "premier"))
			first += 2;
		else
			return 0;
		if (!judge_dated(w))
			return 1;
	}
	if (judge_dated(w))
		return 0;
	for (i = 0; i < w->n; i++) {
		if (judge_in(w->v[i], strlen(w->v[i]), judge_negators) ||
		    judge_in(w->v[i], strlen(w->v[i]), judge_deficient))
			return 0;
	}
	return first + 1 < w->n && judge_in(w->v[first],
	    strlen(w->v[first]), judge_role_det) && judge_in(w->v[first + 1],
	    strlen(w->v[first + 1]), judge_roles);
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
	int soft = 0;

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
		if (strcmp(x, "aurait") == 0 || strcmp(x, "auraient") == 0 ||
		    judge_bare_been(w, i))
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
		if (judge_in(x, strlen(x), judge_soft))
			soft = 1;
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
	if (soft)
		return JUDGE_ADVICE;
	if (judge_drafting(raw, len, w))
		return JUDGE_RULE;
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
	int		 cont;		/* continues a counterfactual */
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

/*
 * 1 when the line at P opens a numbered article ("Article 12", "Art.
 * 299 bis", "Regulation 4", "Règle 7", "§ 970.200"): the structure of
 * a legal text.
 */
static int
judge_article_line(const char *p)
{
	static const char *const heads[] = { "Article ", "ARTICLE ",
	    "Art. ", "Regulation ", "REGULATION ", "Règle ", "RÈGLE ",
	    "\xc2\xa7 ", "\xc2\xa7", NULL };
	size_t k, n = 0;

	while (*p == ' ' || *p == '\t' || *p == '#' || *p == '*')
		p++;
	for (k = 0; heads[k] != NULL; k++) {
		n = strlen(heads[k]);
		if (strncmp(p, heads[k], n) == 0)
			break;
	}
	if (heads[k] == NULL)
		return 0;
	p += n;
	return isdigit((unsigned char)*p) || strncmp(p, "premier", 7) == 0 ||
	    strncmp(p, "PREMIER", 7) == 0;
}

void
judge_count(struct judge *j, const char *text, struct judge_tally *t)
{
	struct judge_words fw;
	const char *p, *start;
	char *piece, *folded;
	enum judge_kind k, prev = JUDGE_FACT;
	size_t len;

	(void)j;
	for (p = text; p != NULL && *p != '\0'; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		t->articles += (size_t)judge_article_line(p);
	}
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
			if ((prev == JUDGE_RULE || prev == JUDGE_ADVICE) &&
			    judge_list_item(piece))
				k = prev;
			if (k == JUDGE_RULE)
				t->rules++;
			else if (k == JUDGE_ADVICE)
				t->advice++;
			else if (k != JUDGE_LABEL) {
				t->facts++;
				if (judge_observed(piece, len, &fw) ||
				    judge_dated(&fw))
					t->observed++;
			}
			judge_words_release(&fw);
			free(piece);
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

int
judge_normative(const struct judge_tally *t)
{
	size_t all = t->facts + t->rules + t->advice;
	int few;

	few = t->observed * 100 < t->facts * JUDGE_OBSERVED_PCT ||
	    t->facts == 0;

	/* Mostly binding rules: a regulation. */
	if (t->rules >= JUDGE_NORMATIVE_MIN &&
	    t->rules * 100 >= all * JUDGE_NORMATIVE_PCT)
		return 1;
	/*
	 * Numbered articles and rules, and few observations: a code or
	 * a gazette, even where its provisions read as facts.
	 */
	if (t->articles >= 10 && t->rules >= 10 && few)
		return 1;
	/*
	 * Advice with few observations is a guideline; advice beside
	 * what the auditor saw is a site report's recommendations.
	 */
	return t->rules + t->advice >= JUDGE_NORMATIVE_MIN &&
	    (t->rules + t->advice) * 100 >= all * JUDGE_NORMATIVE_PCT && few;
}

void
judge_set_normative(struct judge *j, int normative)
{
	j->normative = normative;
}

/* 1 when clause words W read as a counterfactual on their own. */
static int
judge_cf_clause(const struct judge_words *w)
{
	size_t i, k, first = 0;
	const char *x;

	while (first < w->n && (judge_in(w->v[first], strlen(w->v[first]),
	    judge_markers) || isdigit((unsigned char)w->v[first][0])))
		first++;
	if (judge_at(w, first, "had"))
		return 1;
	for (i = 0; i < w->n; i++) {
		x = w->v[i];
		if (judge_in(x, strlen(x), judge_modal_past) &&
		    judge_at(w, i + 1, "have") && i + 2 < w->n &&
		    (strcmp(w->v[i + 2], "been") == 0 ||
		    (strlen(w->v[i + 2]) > 4 && strcmp(w->v[i + 2] +
		    strlen(w->v[i + 2]) - 2, "ed") == 0)))
			return 1;
		if (strcmp(x, "aurait") == 0 || strcmp(x, "auraient") == 0 ||
		    judge_bare_been(w, i))
			return 1;
		if (strcmp(x, "if") == 0 || strcmp(x, "si") == 0) {
			for (k = i + 1; k < w->n; k++) {
				if (strcmp(w->v[k], "had") == 0 ||
				    strcmp(w->v[k], "avait") == 0 ||
				    strcmp(w->v[k], "avaient") == 0)
					return 1;
			}
		}
	}
	return 0;
}

/* 1 when a clause starts at RAW + I: a comma or a contrast word. */
static size_t
judge_clause_break(const char *raw, size_t len, size_t i)
{
	static const char *const contrast[] = { "although ", "though ",
	    "but ", "whereas ", "while ", "however ", "mais ", "bien que ",
	    "alors que ", "tandis que ", "cependant ", "toutefois ", NULL };
	size_t k, n;

	if (raw[i] == ',' || raw[i] == ';' || raw[i] == ':')
		return 1;
	if (!judge_word_start(raw, i))
		return 0;
	for (k = 0; contrast[k] != NULL; k++) {
		n = strlen(contrast[k]);
		if (i + n <= len && strncmp(raw + i, contrast[k], n) == 0)
			return n;
	}
	return 0;
}

/*
 * Reads counterfactual sentence RAW (LEN bytes) clause by clause
 * against requirement words T: 1 when the counterfactual clauses ("if
 * the plan had been filed", "the fall could have been prevented") hold
 * at least as many of T as the others, so the sentence is a breach of
 * the requirement; else 0, with *FACTUAL the folded text of the other
 * clauses ("the emergency plan was filed in March"), which are read
 * as facts. A clause opening with "if" belongs to the counterfactual
 * that follows it, up to a contrast ("although", "mais").
 */
static int
judge_breach_clauses(struct judge *j, const char *raw, size_t len,
    const struct judge_words *t, const char *lang, char **factual)
{
	struct judge_words w, sw;
	struct buf fact;
	char *piece, *folded, *stems;
	size_t i, k, start = 0, nc = 0, cfhits = 0, facthits = 0;
	struct {
		size_t	 start, len, hits;
		int	 cf, opens_if, opens_had, contrast;
		char	*folded;
	} *c = NULL;

	*factual = NULL;
	for (i = 0; i <= len; i++) {
		k = i < len ? judge_clause_break(raw, len, i) : 1;
		if (k == 0 || (k > 1 && i == start))
			continue;
		if (i > start) {
			c = xreallocarray(c, nc + 1, sizeof *c);
			c[nc].start = start;
			c[nc].len = i - start;
			c[nc].contrast = judge_clause_break(raw, len,
			    start) > 1;
			piece = xstrndup(raw + start, i - start);
			folded = extract_text_fold(piece);
			judge_words_split(folded, &w);
			c[nc].cf = judge_cf_clause(&w);
			c[nc].opens_if = 0;
			c[nc].opens_had = w.n > 0 && strcmp(w.v[0], "had") == 0;
			for (k = 0; k < w.n; k++) {
				if (strcmp(w.v[k], "if") == 0 ||
				    strcmp(w.v[k], "si") == 0)
					c[nc].opens_if = 1;
			}
			judge_words_release(&w);
			stems = extract_text_stem(j->stem, piece, lang);
			judge_words_split(stems, &sw);
			free(stems);
			free(piece);
			c[nc].hits = 0;
			for (k = 0; k < t->n; k++)
				c[nc].hits += judge_words_has(&sw, t->v[k]);
			judge_words_release(&sw);
			c[nc].folded = folded;
			nc++;
		}
		/* A contrast word starts the next clause; a comma does not. */
		start = i < len && raw[i] != ',' && raw[i] != ';' &&
		    raw[i] != ':' ? i : i + 1;
		while (start < len && isspace((unsigned char)raw[start]))
			start++;
		if (start > i)
			i = start - 1;
	}
	/* "Had, a manager been appointed, ...": all of it, to a contrast. */
	for (i = 0; i < nc && c[0].cf && c[0].opens_had; i++) {
		if (i > 0 && c[i].contrast)
			break;
		c[i].cf = 1;
	}
	/* "If, in March, the pump had been repaired": one antecedent. */
	for (i = 0; i < nc; i++) {
		if (!c[i].opens_if || c[i].cf)
			continue;
		for (k = i + 1; k < nc && !c[k].contrast; k++) {
			if (c[k].cf) {
				for (; i < k; i++)
					c[i].cf = 1;
				break;
			}
		}
	}
	buf_init(&fact, 0);
	for (i = 0; i < nc; i++) {
		if (c[i].cf)
			cfhits += c[i].hits;
		else {
			facthits += c[i].hits;
			if (fact.len > 0)
				buf_putc(&fact, ' ');
			buf_puts(&fact, c[i].folded);
		}
		free(c[i].folded);
	}
	free(c);
	if (cfhits >= facthits || fact.len == 0) {
		buf_release(&fact);
		return 1;
	}
	*factual = buf_detach(&fact);
	buf_release(&fact);
	return 0;
}

void
judge_passage(struct judge *j, const char *terms, const char *kwterms,
    const char *passage, const char *lang, struct judge_result *out)
{
	struct judge_words t, kw, all = { NULL, 0 };
	struct judge_sentence *sv = NULL, *b = NULL, *any = NULL;
	const char *p, *start, *phrases;
	char *piece, *folded, *flat, *factual;
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
			if (n > 0 && (sv[n - 1].kind == JUDGE_RULE ||
			    sv[n - 1].kind == JUDGE_ADVICE) &&
			    judge_list_item(start))
				sv[n].kind = sv[n - 1].kind;
			/* "Had\n the cable been used ...;\n the guard ..." */
			sv[n].cont = n > 0 && sv[n - 1].kind == JUDGE_BREACH &&
			    (judge_list_item(start) || passage[sv[n - 1].start +
			    sv[n - 1].len - 1] == ';');
			if (sv[n].cont)
				sv[n].kind = JUDGE_BREACH;
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
	/* A counterfactual is a breach of what it says was missing. */
	factual = NULL;
	if (b->kind == JUDGE_BREACH && b->cont)
		breach = 1;
	else if (b->kind == JUDGE_BREACH)
		breach = judge_breach_clauses(j, passage + b->start, b->len,
		    &t, lang, &factual);
	if (factual != NULL)
		folded = factual;
	else {
		piece = xstrndup(passage + b->start, b->len);
		folded = extract_text_fold(piece);
		free(piece);
	}
	judge_cues(j, folded, &t, lang, &sup, &def);
	free(folded);
	if (sup == 0 && def == 0) {
		/* The best sentence is silent; the passage's other facts? */
		psup = pdef = 0;
		for (i = 0; i < n; i++) {
			/* Another sentence's counterfactual is not this. */
			if (&sv[i] == b || sv[i].kind != JUDGE_FACT)
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

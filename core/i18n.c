/* SPDX-License-Identifier: MIT */
/*
 * The translation table. Lookup is a binary search over a copy of the
 * table sorted on first use (pthread_once), so adding a row anywhere is
 * fine. Missing translations fall back to the English text.
 */
#include "core/i18n.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct i18n_pair {
	const char	*en;
	const char	*fr;
};

static const struct i18n_pair i18n_table[] = {
	/* Common keys and hints. */
	{ "Quit", "Quitter" },
	{ "Back", "Retour" },
	{ "Help", "Aide" },
	{ "Open", "Ouvrir" },
	{ "Select", "Choisir" },
	{ "Move", "Déplacer" },
	{ "Filter", "Filtrer" },
	{ "Search", "Rechercher" },
	{ "Sort", "Trier" },
	{ "Cancel", "Annuler" },
	{ "Retry", "Relancer" },
	{ "Export", "Exporter" },
	{ "Refresh", "Actualiser" },
	{ "Next", "Suivant" },
	{ "Previous", "Précédent" },
	{ "Start", "Démarrer" },
	{ "Save", "Enregistrer" },
	{ "Edit", "Modifier" },
	/* Key names on the hint line and in the help. */
	{ "Enter", "Entrée" },
	{ "Space", "Espace" },
	{ "Esc", "Échap" },
	{ "Yes", "Oui" },
	{ "No", "Non" },
	{ "yes", "oui" },
	{ "no", "non" },
	{ "Language", "Langue" },
	{ "New", "Nouveau" },
	{ "Panel", "Panneau" },
	{ "Settings", "Paramètres" },
	{ "sample", "exemple" },
	{ "SAMPLE", "EXEMPLE" },
	{ "No file name given", "Aucun nom de fichier" },
	{ "Export to", "Exporter vers" },
	{ "Write", "Écrire" },
	{ "Not applicable is not allowed here",
	    "Non applicable n'est pas permis ici" },
	{ "sample data", "données d'exemple" },
	{ "includes SAMPLE data", "inclut des données d'EXEMPLE" },
	{ "none", "aucun" },
	{ "Press any key", "Appuyez sur une touche" },
	{ "Press ? or F1 for help", "Appuyez sur ? ou F1 pour l'aide" },
	{ "Help for this screen", "Aide de cet écran" },
	{ "Keys", "Touches" },
	{ "Esc closes this help", "Échap ferme cette aide" },
	{ "The terminal is too small", "Le terminal est trop petit" },
	{ "Please enlarge it to at least %dx%d",
	    "Agrandissez-le à au moins %dx%d" },
	{ "now %dx%d", "actuellement %dx%d" },

	/* Statuses. */
	{ "compliant", "conforme" },
	{ "non-compliant", "non conforme" },
	{ "review needed", "à revoir" },
	{ "not applicable", "non applicable" },
	{ "not assessed", "non évalué" },
	{ "in progress", "en cours" },
	{ "paused", "en pause" },
	{ "completed", "terminé" },
	{ "abandoned", "abandonné" },
	{ "queued", "en attente" },
	{ "processing", "en traitement" },
	{ "complete", "terminé" },
	{ "failed", "échoué" },
	{ "cancelled", "annulé" },
	{ "critical", "critique" },
	/* Review needed, abbreviated beside C, NC and NA: "à revoir". */
	{ "RN", "AR" },
	{ "medium", "moyenne" },
	{ "low", "faible" },

	/* Home. */
	{ "Home", "Accueil" },
	{ "Interviews", "Entretiens" },
	{ "Recent reports", "Rapports récents" },
	{ "Running jobs", "Tâches en cours" },
	{ "Sync: local only", "Synchro : local uniquement" },
	/* A store opened read-only (tui_refuse_write). */
	{ "Read-only store", "Stockage en lecture seule" },
	{ "Read-only", "Lecture seule" },
	{ "Cannot %s: the store '%s' is read-only",
	    "Impossible de %s : le stockage '%s' est en lecture seule" },
	{ "start a new interview", "démarrer un nouvel entretien" },
	{ "resume an interview", "reprendre un entretien" },
	{ "cancel a job", "annuler une tâche" },
	{ "retry a job", "relancer une tâche" },
	{ "complete the interview", "terminer l'entretien" },
	{ "Language for this run only: '%s' is read-only",
	    "Langue pour cette session seulement : '%s' est en lecture "
	    "seule" },
	{ "Sync: online", "Synchro : en ligne" },
	{ "Sync: offline, retrying", "Synchro : hors ligne, nouvel essai" },
	{ "pending", "en attente" },
	{ "last", "dernière" },
	{ "since", "depuis" },
	{ " · error", " · erreur" },
	{ "online", "en ligne" },
	{ "offline", "hors ligne" },
	{ "Sync error:", "Erreur de synchro :" },
	{ "No interviews yet", "Aucun entretien pour l'instant" },
	{ "No reports yet", "Aucun rapport pour l'instant" },
	{ "No running jobs", "Aucune tâche en cours" },
	{ "New interview", "Nouvel entretien" },
	{ "Resume", "Reprendre" },
	{ "Reports", "Rapports" },
	{ "Dashboard", "Tableau de bord" },
	{ "Jobs", "Tâches" },
	{ "Switch panel", "Changer de panneau" },

	/* New interview. */
	{ "Framework", "Référentiel" },
	{ "Frameworks", "Référentiels" },
	{ "Categories", "Catégories" },
	{ "Site", "Site" },
	{ "Sites", "Sites" },
	{ "Auditor", "Auditeur" },
	{ "E-mail", "Courriel" },
	{ "Site name", "Nom du site" },
	{ "Site code", "Code du site" },
	{ "Code", "Code" },
	{ "Operator", "Exploitant" },
	{ "Latitude", "Latitude" },
	{ "Longitude", "Longitude" },
	{ "New site", "Nouveau site" },
	{ "%d questions, about %d min", "%d questions, environ %d min" },
	{ "%d questions, %d without follow-ups, about %d min",
	    "%d questions, %d sans les questions de suivi, environ %d min" },
	{ "Toggle", "Cocher" },
	{ "all", "toutes" },
	{ "Start the interview", "Démarrer l'entretien" },
	{ "Type to filter", "Tapez pour filtrer" },
	{ "A site name is required", "Le nom du site est obligatoire" },
	{ "An auditor name is required",
	    "Le nom de l'auditeur est obligatoire" },
	{ "Choose at least one category",
	    "Choisissez au moins une catégorie" },
	{ "is not a number from -90 to 90",
	    "n'est pas un nombre de -90 à 90" },
	{ "is not a number from -180 to 180",
	    "n'est pas un nombre de -180 à 180" },
	{ "required with a longitude (or leave both empty)",
	    "obligatoire avec une longitude (ou laissez les deux vides)" },
	{ "required with a latitude (or leave both empty)",
	    "obligatoire avec une latitude (ou laissez les deux vides)" },

	/* Interview. */
	{ "Interview", "Entretien" },
	{ "Question %d of %d", "Question %d sur %d" },
	{ "Category", "Catégorie" },
	{ "Reference", "Référence" },
	{ "Required", "Obligatoire" },
	{ "Optional", "Facultatif" },
	{ "Evidence required", "Preuve exigée" },
	{ "Notes", "Notes" },
	{ "Confidence", "Confiance" },
	{ "Evidence", "Preuve" },
	{ "Not applicable", "Non applicable" },
	{ "Skip", "Passer" },
	{ "Answer", "Répondre" },
	{ "Answered", "Répondu" },
	{ "Progress", "Progression" },
	{ "Overall", "Global" },
	{ "Range %s to %s", "Plage de %s à %s" },
	{ "At least %s", "Au moins %s" },
	{ "At most %s", "Au plus %s" },
	{ "Date (YYYY-MM-DD)", "Date (AAAA-MM-JJ)" },
	{ "1 = poor, 5 = excellent", "1 = faible, 5 = excellent" },
	{ "Space toggles, Enter confirms", "Espace coche, Entrée valide" },
	{ "Ctrl-D saves the text", "Ctrl-D enregistre le texte" },
	{ "Jump to category", "Aller à la catégorie" },
	{ "Unanswered required questions",
	    "Questions obligatoires sans réponse" },
	{ "Pause", "Pause" },
	{ "Review", "Revue" },
	{ "Saved", "Enregistré" },
	{ "Interview paused", "Entretien en pause" },
	{ "Evidence file path", "Chemin du fichier de preuve" },
	{ "Follow-up", "Question de suivi" },
	{ "All questions answered", "Toutes les questions ont une réponse" },

	/* Review and complete. */
	{ "Review and complete", "Revue et clôture" },
	{ "Complete", "Clôturer" },
	{ "Completing: scoring the interview", "Clôture : calcul du score" },
	{ "Every required question is answered",
	    "Toutes les questions obligatoires ont une réponse" },
	{ "Jump", "Aller" },
	{ "Press c to complete", "Appuyez sur c pour clôturer" },

	/* Report. */
	{ "Report", "Rapport" },
	{ "Score", "Score" },
	{ "Coverage", "Couverture" },
	{ "Findings", "Constats" },
	{ "Finding", "Constat" },
	{ "Priority", "Priorité" },
	{ "Status", "Statut" },
	{ "Penalty exposure", "Exposition aux pénalités" },
	{ "Penalties", "Pénalités" },
	{ "Gap", "Écart" },
	{ "Recommendation", "Recommandation" },
	{ "Requirement", "Exigence" },
	{ "Articles", "Articles" },
	{ "Exported to %s", "Exporté vers %s" },
	{ "Date", "Date" },
	{ "No findings", "Aucun constat" },
	{ "Sorted by %s", "Trié par %s" },
	{ "priority", "priorité" },
	{ "order", "ordre" },

	/* Reports list. */
	{ "All", "Tous" },
	{ "From", "Du" },
	{ "To", "Au" },
	{ "%d reports", "%d rapports" },
	{ "%d report", "%d rapport" },
	{ "Clear filters", "Effacer les filtres" },

	/* Dashboard. */
	{ "National compliance map", "Carte nationale de conformité" },
	{ "Risk hotspots", "Points chauds de risque" },
	{ "Compliance trend (12 months)", "Tendance de conformité (12 mois)" },
	{ "Framework matrix", "Matrice des référentiels" },
	{ "Map", "Carte" },
	{ "Hotspots", "Points chauds" },
	{ "Trend", "Tendance" },
	{ "Matrix", "Matrice" },
	{ "Risk", "Risque" },
	{ "risk %.0f", "risque %.0f" },
	{ "No assessed sites", "Aucun site évalué" },
	{ "No reports in the last 12 months",
	    "Aucun rapport sur les 12 derniers mois" },
	{ "Map outline unavailable", "Contour de carte indisponible" },
	{ "Next panel", "Panneau suivant" },

	/* Jobs. */
	{ "Stage", "Étape" },
	{ "Elapsed", "Écoulé" },
	{ "No jobs", "Aucune tâche" },
	{ "Job cancelled", "Tâche annulée" },
	{ "Job", "Tâche" },
	{ "Kind", "Type" },
	/* Job kinds and stages (db/jobs.c, core/pipeline.c, core/jobs.c). */
	{ "document", "document" },
	{ "interview", "entretien" },
	{ "starting", "démarrage" },
	{ "extract", "extraction" },
	{ "requirements", "exigences" },
	{ "index", "indexation" },
	{ "evidence", "preuves" },
	{ "report", "rapport" },
	{ "scoring", "notation" },
	/* Percentages: a space before the sign in French. */
	{ "%3d%%", "%3d %%" },
	{ "%d%%", "%d %%" },
	{ "%.0f%%", "%.0f %%" },
	{ "Job queued again", "Tâche relancée" },

	/* Help lines and other screen text. */
	{ "Evidence file", "Fichier de preuve" },
	{ "Parent folder", "Dossier parent" },
	{ "Unanswered", "Sans réponse" },
	{ "Interviews in progress, paused and completed, the latest reports",
	    "Entretiens en cours, en pause et terminés, les "
	    "derniers rapports" },
	{ "and the jobs running in the background.",
	    "et les tâches qui tournent en arrière-plan." },
	{ "Every answer is stored the moment it is given: leave at any time",
	    "Chaque réponse est enregistrée dès qu'elle est donnée "
	    ": quittez quand" },
	{ "and resume later exactly where you were.",
	    "vous voulez et reprenez plus tard exactement au même endroit." },
	{ "L switches the interface between English and French.",
	    "L fait passer l'interface de l'anglais au français et retour." },
	{ "Choose the framework and the categories to include, then the site:",
	    "Choisissez le référentiel et les catégories, puis le site :" },
	{ "type in the Site row to filter the known sites and pick one with",
	    "tapez dans la ligne Site pour filtrer les sites connus "
	    "et choisissez" },
	{ "Left/Right, or fill in a new site's name, code, operator and",
	    "avec Gauche/Droite, ou saisissez le nom, le code, "
	    "l'exploitant et" },
	{ "coordinates. The auditor is remembered from the last interview.",
	    "les coordonnées d'un nouveau site. L'auditeur est "
	    "repris du dernier." },
	{ "Start creates the session; every answer is then stored at once.",
	    "Démarrer crée la session ; chaque réponse est ensuite "
	    "enregistrée." },
	{ "Answer with the widget shown: y/n (or o/n) for yes/no, arrows and",
	    "Répondez avec le contrôle affiché : o/n (ou y/n) pour "
	    "oui/non, flèches" },
	{ "Enter for options, Space to tick check boxes, digits 1-5 for a",
	    "et Entrée pour les options, Espace pour cocher, "
	    "chiffres 1-5 pour une" },
	{ "scale, typing for numbers, dates (YYYY-MM-DD) and text (Ctrl-D",
	    "échelle, saisie pour nombres, dates (AAAA-MM-JJ) et "
	    "texte (Ctrl-D" },
	{ "saves a text). Tab moves to notes, confidence (0-1) and an",
	    "enregistre le texte). Tab passe aux notes, à la "
	    "confiance (0-1) et au" },
	{ "evidence file path. Each answer is stored at once.",
	    "chemin d'un fichier de preuve. Chaque réponse est "
	    "enregistrée aussitôt." },
	{ "PgDn/PgUp (Ctrl-N/Ctrl-P) move between questions without answering;",
	    "PgDn/PgUp (Ctrl-N/Ctrl-P) changent de question sans répondre ;" },
	{ "F5 not applicable, F6 skip an optional question, F7 jump to a",
	    "F5 non applicable, F6 passer une question facultative, "
	    "F7 aller à une" },
	{ "category, F8 unanswered required questions, F9 review and complete.",
	    "catégorie, F8 questions obligatoires sans réponse, F9 "
	    "revue et clôture." },
	{ "F2 picks an evidence file (its name and SHA-256 are stored with the",
	    "F2 choisit un fichier de preuve (son nom et son "
	    "SHA-256 sont gardés avec" },
	{ "answer). Esc pauses and leaves: resume later from Home at the same",
	    "la réponse). Échap met en pause et sort : reprenez "
	    "depuis l'Accueil à la" },
	{ "question.", "même question." },
	{ "The required questions still unanswered are listed: Enter jumps",
	    "Les questions obligatoires encore sans réponse sont "
	    "listées : Entrée" },
	{ "back to one. Completing scores the interview in the background",
	    "y revient. La clôture calcule le score de l'entretien "
	    "en arrière-plan" },
	{ "(the screen keeps answering keys) and opens the report when ready;",
	    "(l'écran répond toujours aux touches) et ouvre le "
	    "rapport une fois prêt ;" },
	{ "unanswered required questions lower the report's coverage.",
	    "les questions obligatoires sans réponse réduisent la "
	    "couverture." },
	{ "Scores: overall, per framework and per category, with coverage and",
	    "Scores : global, par référentiel et par catégorie, "
	    "avec la couverture et" },
	{ "the penalty exposure (each violated article counted once at its",
	    "l'exposition aux pénalités (chaque article violé "
	    "compté une fois à son" },
	{ "maximum fine). Findings: s changes the order (priority, score, as",
	    "amende maximale). Constats : s change l'ordre "
	    "(priorité, score, ordre" },
	{ "recorded); Enter shows a finding in full. e exports the report as",
	    "d'origine) ; Entrée affiche un constat en entier. e "
	    "exporte le rapport" },
	{ "JSON, CSV, Markdown or XLSX: the file name is asked next (in the",
	    "en JSON, CSV, Markdown ou XLSX : le nom du fichier est demandé" },
	{ "current directory unless you give a path; Enter writes it).",
	    "ensuite (dossier courant sauf chemin donné ; Entrée écrit)." },
	{ "Every stored report, newest audit first. Filters: / search, c site",
	    "Tous les rapports, le plus récent d'abord. Filtres : / "
	    "recherche, c code" },
	{ "code, s status, f framework, F from date, T to date (YYYY-MM-DD),",
	    "du site, s statut, f référentiel, F date de début, T "
	    "date de fin," },
	{ "x clears them. o changes the sort (date, score, site), R reverses.",
	    "x les efface. o change le tri (date, score, site), R l'inverse." },
	{ "Enter opens a report. Sample reports are marked SAMPLE.",
	    "Entrée ouvre un rapport. Les rapports d'exemple "
	    "portent EXEMPLE." },
	{ "The dashboard is computed from the stored reports and sites and",
	    "Le tableau de bord est calculé à partir des rapports "
	    "et des sites" },
	{ "redraws by itself whenever a report or a job changes.",
	    "enregistrés et se redessine dès qu'un rapport ou une "
	    "tâche change." },
	{ "Map: each site is a marker; its status comes from the score of",
	    "Carte : chaque site est un repère ; son statut vient "
	    "du score de" },
	{ "its latest report: 80 and up compliant, 60 and up review needed,",
	    "son dernier rapport : 80 et plus conforme, 60 et plus "
	    "à revoir," },
	{ "below 60 non-compliant; no report: not assessed.",
	    "moins de 60 non conforme ; sans rapport : non évalué." },
	{ "Hotspots: risk = 0.6 (100 - score) + 0.3 non-compliant share",
	    "Points chauds : risque = 0,6 (100 - score) + 0,3 part "
	    "non conforme" },
	{ "+ 0.1 critical findings (x10, at most 100).",
	    "+ 0,1 constats critiques (x10, au plus 100)." },
	{ "Trend: average score of the reports audited each month.",
	    "Tendance : score moyen des rapports audités chaque mois." },
	{ "Matrix: findings of each site's latest report by status.",
	    "Matrice : constats du dernier rapport de chaque site, "
	    "par statut." },
	{ "Background jobs of this store: document audits and interview",
	    "Tâches d'arrière-plan de ce stockage : audits de "
	    "documents et calcul" },
	{ "scoring, run by the worker threads of this program (and of any",
	    "des scores d'entretien, exécutées par les threads de "
	    "ce programme (et" },
	{ "other vigilore process on the same store).",
	    "de tout autre processus vigilore sur le même stockage)." },
	{ "c cancels the selected job; r queues a failed or cancelled job",
	    "c annule la tâche choisie ; r relance une tâche "
	    "échouée ou annulée." },
	{ "again. Enter opens the report of a finished job.",
	    "Entrée ouvre le rapport d'une tâche terminée." },
	/* sync: an answer replaced by a newer one from another terminal. */
	{ "changed elsewhere", "modifiée ailleurs" },
	{ "Answer changed on another terminal",
	    "Réponse modifiée sur un autre terminal" },
};

#define I18N_N (sizeof i18n_table / sizeof i18n_table[0])

static const struct i18n_pair *i18n_sorted[I18N_N];
static pthread_once_t i18n_once = PTHREAD_ONCE_INIT;
static enum i18n_lang i18n_current = I18N_EN;

static int
i18n_cmp(const void *a, const void *b)
{
	const struct i18n_pair *const *pa = a, *const *pb = b;

	return strcmp((*pa)->en, (*pb)->en);
}

static void
i18n_sort(void)
{
	size_t i;

	for (i = 0; i < I18N_N; i++)
		i18n_sorted[i] = &i18n_table[i];
	qsort(i18n_sorted, I18N_N, sizeof i18n_sorted[0], i18n_cmp);
}

static const struct i18n_pair *
i18n_find(const char *en)
{
	size_t lo = 0, hi = I18N_N, mid;
	int c;

	if (en == NULL)
		return NULL;
	pthread_once(&i18n_once, i18n_sort);
	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(en, i18n_sorted[mid]->en);
		if (c == 0)
			return i18n_sorted[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

void
i18n_set_lang(const char *code)
{
	i18n_current = code != NULL && strcmp(code, "fr") == 0 ? I18N_FR :
	    I18N_EN;
}

enum i18n_lang
i18n_lang(void)
{
	return i18n_current;
}

const char *
i18n_lang_code(void)
{
	return i18n_current == I18N_FR ? "fr" : "en";
}

const char *
i18n_tr_lang(enum i18n_lang lang, const char *en)
{
	const struct i18n_pair *p;

	if (en == NULL)
		return "";
	if (lang == I18N_EN)
		return en;
	p = i18n_find(en);
	return p != NULL ? p->fr : en;
}

const char *
i18n_tr(const char *en)
{
	return i18n_tr_lang(i18n_current, en);
}

int
i18n_has(const char *en)
{
	return i18n_find(en) != NULL;
}

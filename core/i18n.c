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
	{ "Yes", "Oui" },
	{ "No", "Non" },
	{ "yes", "oui" },
	{ "no", "non" },
	{ "Language", "Langue" },
	{ "Settings", "Paramètres" },
	{ "sample", "exemple" },
	{ "SAMPLE", "EXEMPLE" },
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
	{ "medium", "moyenne" },
	{ "low", "faible" },

	/* Home. */
	{ "Home", "Accueil" },
	{ "Interviews", "Entretiens" },
	{ "Recent reports", "Rapports récents" },
	{ "Running jobs", "Tâches en cours" },
	{ "Sync: local only", "Synchro : local uniquement" },
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
	{ "Operator", "Exploitant" },
	{ "Latitude", "Latitude" },
	{ "Longitude", "Longitude" },
	{ "New site", "Nouveau site" },
	{ "%d questions, about %d min", "%d questions, environ %d min" },
	{ "Toggle", "Cocher" },
	{ "all", "toutes" },
	{ "Start the interview", "Démarrer l'entretien" },
	{ "Type to filter", "Tapez pour filtrer" },
	{ "A site name is required", "Le nom du site est obligatoire" },
	{ "An auditor name is required",
	    "Le nom de l'auditeur est obligatoire" },
	{ "Choose at least one category", "Choisissez au moins une catégorie" },

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
	{ "Clear filters", "Effacer les filtres" },

	/* Dashboard. */
	{ "National compliance map", "Carte nationale de conformité" },
	{ "Risk hotspots", "Points chauds de risque" },
	{ "Compliance trend (12 months)", "Tendance de conformité (12 mois)" },
	{ "Framework matrix", "Matrice des référentiels" },
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
	{ "Job queued again", "Tâche relancée" },
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

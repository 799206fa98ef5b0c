/* SPDX-License-Identifier: MIT */
/* Loading the labelled sample sites and reports in one transaction. */
#include "core/sample.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/assets.h"
#include "core/base/uuid.h"
#include "core/base/xmalloc.h"
#include "core/report.h"
#include "db/reports.h"
#include "db/sites.h"
#include "db/store.h"

static json_t *
sample_file(const char *name, const char *key, char **cause)
{
	json_error_t jerr;
	json_t *root, *arr;
	char *path;

	path = xasprintf("%s/sample/%s", assets_dir(), name);
	root = json_load_file(path, 0, &jerr);
	if (root == NULL) {
		*cause = xasprintf("sample data '%s': line %d: %s", path,
		    jerr.line, jerr.text);
		free(path);
		return NULL;
	}
	arr = json_object_get(root, key);
	if (!json_is_true(json_object_get(root, "sample")) ||
	    !json_is_array(arr)) {
		*cause = xasprintf("sample data '%s': expected {\"sample\": "
		    "true, \"%s\": [...]}", path, key);
		json_decref(root);
		free(path);
		return NULL;
	}
	free(path);
	json_incref(arr);
	json_decref(root);
	return arr;
}

static int
sample_sites(struct store *store, json_t *sites, size_t *n, char **cause)
{
	struct db_site s;
	json_t *e;
	size_t i;

	json_array_foreach(sites, i, e) {
		memset(&s, 0, sizeof s);
		s.code = (char *)json_string_value(json_object_get(e, "code"));
		s.name = (char *)json_string_value(json_object_get(e, "name"));
		s.operator = (char *)json_string_value(json_object_get(e,
		    "operator"));
		s.region = (char *)json_string_value(json_object_get(e,
		    "region"));
		s.has_coords = json_is_number(json_object_get(e, "latitude")) &&
		    json_is_number(json_object_get(e, "longitude"));
		s.latitude = json_number_value(json_object_get(e, "latitude"));
		s.longitude = json_number_value(json_object_get(e,
		    "longitude"));
		s.sample = 1;
		if (s.code == NULL || s.name == NULL) {
			*cause = xasprintf("sample site %zu lacks a code or a "
			    "name", i + 1);
			return -1;
		}
		if (db_site_upsert(store, &s, cause) != DB_OK)
			return -1;
		(*n)++;
	}
	return 0;
}

/* A stored report for one sample entry: figures as given, no findings. */
static json_t *
sample_report(const struct framework_set *set, json_t *e)
{
	const char *date = json_string_value(json_object_get(e, "date"));
	double score = json_number_value(json_object_get(e, "score"));
	json_t *fws = json_array(), *id, *r;
	char uuid[UUID_TEXT_LEN], *created;
	const struct framework *fw;
	size_t i;

	json_array_foreach(json_object_get(e, "frameworks"), i, id) {
		fw = framework_set_find(set, json_string_value(id));
		json_array_append_new(fws, json_pack("{s:O, s:s, s:n, s:[]}",
		    "id", id, "name", fw != NULL ? bank_str(&fw->name, "en") :
		    json_string_value(id), "score", "categories"));
	}
	uuid_generate(uuid);
	created = xasprintf("%sT00:00:00Z", date);
	r = json_pack("{s:s, s:i, s:s, s:O, s:s, s:b, s:{s:O, s:O, s:O}, "
	    "s:{s:O, s:O}, s:n, s:n, s:n, s:s, s:O, s:s, s:f, s:s, s:n, "
	    "s:{s:O, s:O, s:O, s:i, s:i}, s:o, s:[], s:{s:f, s:[], s:[], "
	    "s:s}, s:s, s:[]}",
	    "format", "vigilore-report", "format_version", REPORT_FORMAT_VERSION,
	    "id", uuid, "report_id", json_object_get(e, "report_id"),
	    "kind", "interview", "sample", 1,
	    "site", "code", json_object_get(e, "site_code"),
	    "name", json_object_get(e, "site_name"),
	    "operator", json_object_get(e, "operator"),
	    "auditor", "name", json_object_get(e, "auditor"),
	    "email", json_object_get(e, "email"),
	    "session_id", "job_id", "input", "language", "en",
	    "audit_date", json_object_get(e, "date"), "created_at", created,
	    "score", score, "status", report_status_of_score(score),
	    "coverage",
	    "counts", "compliant", json_object_get(e, "compliant"),
	    "non_compliant", json_object_get(e, "non_compliant"),
	    "review_needed", json_object_get(e, "review_needed"),
	    "not_applicable", 0, "critical", 0,
	    "frameworks", fws, "findings",
	    "penalties", "total_max_usd", 0.0, "articles", "excluded",
	    "disclaimer", "Sample data: no penalty was computed.",
	    "summary", "SAMPLE DATA from the older service's demonstration "
	    "set: the score and counts were given, not computed by VigilOre, "
	    "and the report has no findings.",
	    "critical_recommendations");
	free(created);
	return r;
}

int
sample_load(struct store *store, const struct framework_set *set,
    size_t *nsites, size_t *nreports, char **cause)
{
	json_t *sites, *reports, *e, *r;
	size_t i;
	int rc = -1;

	*nsites = *nreports = 0;
	sites = sample_file("sites.json", "sites", cause);
	if (sites == NULL)
		return -1;
	reports = sample_file("reports.json", "reports", cause);
	if (reports == NULL) {
		json_decref(sites);
		return -1;
	}
	if (store_begin(store, cause) != DB_OK)
		goto out;
	if (sample_sites(store, sites, nsites, cause) == -1)
		goto fail;
	json_array_foreach(reports, i, e) {
		const char *rid = json_string_value(json_object_get(e,
		    "report_id"));

		if (rid == NULL || json_string_value(json_object_get(e,
		    "date")) == NULL || !json_is_number(json_object_get(e,
		    "score"))) {
			*cause = xasprintf("sample report %zu lacks an id, a "
			    "date or a score", i + 1);
			goto fail;
		}
		if (db_report_exists(store, rid))
			continue;
		r = sample_report(set, e);
		if (r == NULL) {
			*cause = xasprintf("sample report '%s' is malformed",
			    rid);
			goto fail;
		}
		if (report_save(store, r, cause) == -1) {
			json_decref(r);
			goto fail;
		}
		json_decref(r);
		(*nreports)++;
	}
	if (store_commit(store, cause) == DB_OK)
		rc = 0;
	goto out;
fail:
	store_rollback(store);
out:
	json_decref(sites);
	json_decref(reports);
	return rc;
}

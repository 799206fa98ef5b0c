/* SPDX-License-Identifier: MIT */
/*
 * Dashboard view data (see core/dashboard.h for the definitions of
 * status, risk, trend and matrix). Reads through db/dashboard.h only;
 * the maths lives in small pure functions the unit tests call directly.
 */
#include "core/dashboard.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/xmalloc.h"
#include "db/dashboard.h"

enum dashboard_status
dashboard_status_of(double score)
{
	if (!isfinite(score))
		return DASHBOARD_NOT_ASSESSED;
	if (score >= 80)
		return DASHBOARD_COMPLIANT;
	if (score >= 60)
		return DASHBOARD_REVIEW_NEEDED;
	return DASHBOARD_NON_COMPLIANT;
}

const char *
dashboard_status_name(enum dashboard_status st)
{
	switch (st) {
	case DASHBOARD_COMPLIANT:
		return "compliant";
	case DASHBOARD_REVIEW_NEEDED:
		return "review_needed";
	case DASHBOARD_NON_COMPLIANT:
		return "non_compliant";
	case DASHBOARD_NOT_ASSESSED:
		break;
	}
	return "not_assessed";
}

double
dashboard_risk(double score, int compliant, int non_compliant,
    int review_needed, int critical)
{
	double gap, share = 0, crit, r;
	int total;

	if (!isfinite(score))
		score = 0;
	score = fmin(100, fmax(0, score));
	gap = 100 - score;
	total = compliant + non_compliant + review_needed;
	if (total > 0 && non_compliant > 0)
		share = 100.0 * non_compliant / total;
	crit = critical > 10 ? 100 : critical < 0 ? 0 : 10.0 * critical;
	r = 0.6 * gap + 0.3 * share + 0.1 * crit;
	return round(r * 10) / 10;
}

void
dashboard_months(int64_t now_ms, struct dashboard_month out[DASHBOARD_MONTHS])
{
	time_t t;
	struct tm tm;
	int y0, m0, y, m, i, k;

	t = (time_t)(now_ms / 1000);
	gmtime_r(&t, &tm);
	y0 = tm.tm_year + 1900;
	m0 = tm.tm_mon;		/* 0-11 */
	for (i = 0; i < DASHBOARD_MONTHS; i++) {
		k = y0 * 12 + m0 - (DASHBOARD_MONTHS - 1 - i);
		memset(&out[i], 0, sizeof out[i]);
		y = (k / 12) % 10000;
		m = k % 12 + 1;
		out[i].month[0] = (char)('0' + y / 1000);
		out[i].month[1] = (char)('0' + y / 100 % 10);
		out[i].month[2] = (char)('0' + y / 10 % 10);
		out[i].month[3] = (char)('0' + y % 10);
		out[i].month[4] = '-';
		out[i].month[5] = (char)('0' + m / 10);
		out[i].month[6] = (char)('0' + m % 10);
		out[i].month[7] = '\0';
	}
}

static int
dashboard_cmp_hotspot(const void *a, const void *b)
{
	const struct dashboard_hotspot *x = a, *y = b;
	const char *cx, *cy;

	if (x->risk != y->risk)
		return x->risk > y->risk ? -1 : 1;
	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	cx = x->code != NULL ? x->code : x->name;
	cy = y->code != NULL ? y->code : y->name;
	return strcmp(cx, cy);
}

static struct dashboard_matrix_row *
dashboard_matrix_row(struct dashboard *d, const char *fw)
{
	size_t i;
	struct dashboard_matrix_row *r;

	for (i = 0; i < d->nmatrix; i++) {
		if (strcmp(d->matrix[i].framework, fw) == 0)
			return &d->matrix[i];
	}
	d->matrix = xreallocarray(d->matrix, d->nmatrix + 1, sizeof *d->matrix);
	r = &d->matrix[d->nmatrix++];
	memset(r, 0, sizeof *r);
	r->framework = xstrdup(fw);
	return r;
}

static void
dashboard_matrix_add(struct dashboard_matrix_row *r, const char *status,
    int n)
{
	if (strcmp(status, "compliant") == 0)
		r->compliant += n;
	else if (strcmp(status, "non_compliant") == 0)
		r->non_compliant += n;
	else if (strcmp(status, "review_needed") == 0)
		r->review_needed += n;
	else if (strcmp(status, "not_applicable") == 0)
		r->not_applicable += n;
}

/* Share a report's summary counts over the frameworks it names. */
static void
dashboard_matrix_split(struct dashboard *d,
    const struct dashboard_db_report *r)
{
	json_t *fws, *fw;
	size_t i, nfw;
	struct dashboard_matrix_row *row;
	const int tot[4] = { r->compliant, r->non_compliant,
	    r->review_needed, r->not_applicable };
	int k, share;

	fws = r->frameworks != NULL ? json_loads(r->frameworks, 0, NULL) :
	    NULL;
	if (!json_is_array(fws) || json_array_size(fws) == 0) {
		json_decref(fws);
		fws = json_array();
		json_array_append_new(fws, json_string(r->frameworks != NULL &&
		    *r->frameworks != '\0' ? r->frameworks : "unknown"));
	}
	nfw = json_array_size(fws);
	json_array_foreach(fws, i, fw) {
		if (json_is_string(fw))
			row = dashboard_matrix_row(d, json_string_value(fw));
		else if (json_is_object(fw) &&
		    json_is_string(json_object_get(fw, "id")))
			row = dashboard_matrix_row(d, json_string_value(
			    json_object_get(fw, "id")));
		else
			continue;
		for (k = 0; k < 4; k++) {
			share = tot[k] / (int)nfw;
			if (i == 0)
				share += tot[k] % (int)nfw;
			if (k == 0)
				row->compliant += share;
			else if (k == 1)
				row->non_compliant += share;
			else if (k == 2)
				row->review_needed += share;
			else
				row->not_applicable += share;
		}
	}
	json_decref(fws);
}

static int
dashboard_cmp_matrix(const void *a, const void *b)
{
	const struct dashboard_matrix_row *x = a, *y = b;

	return strcmp(x->framework, y->framework);
}

static const struct dashboard_db_report *
dashboard_find_latest(const struct dashboard_db_report *v, size_t n,
    const char *code)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].site_code != NULL && strcmp(v[i].site_code, code) == 0)
			return &v[i];
	}
	return NULL;
}

static void
dashboard_marker_report(struct dashboard_marker *m,
    const struct dashboard_db_report *r)
{
	if (r == NULL)
		return;
	m->has_score = 1;
	m->score = r->score;
	m->status = dashboard_status_of(r->score);
	m->report_id = xstrdup(r->report_id);
	m->audit_date = r->audit_date != NULL ? xstrdup(r->audit_date) : NULL;
	m->sample = r->sample;
}

static int
dashboard_site_known(const struct dashboard_db_site *v, size_t n,
    const char *code)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].code != NULL && strcmp(v[i].code, code) == 0)
			return 1;
	}
	return 0;
}

int
dashboard_load(struct store *s, int64_t now_ms, struct dashboard *d,
    char **cause)
{
	struct dashboard_db_site *sites = NULL;
	struct dashboard_db_report *lat = NULL;
	struct dashboard_db_finding *f = NULL;
	struct dashboard_db_month *mon = NULL;
	struct dashboard_db_cell *cells = NULL;
	struct dashboard_marker *m;
	struct dashboard_hotspot *h;
	size_t nsites = 0, nlat = 0, nf = 0, nmon = 0, ncells = 0, i, j;
	char from[16], to[16];

	memset(d, 0, sizeof *d);
	if (dashboard_db_sites(s, &sites, &nsites, cause) != DB_OK)
		goto fail;
	if (dashboard_db_latest(s, &lat, &nlat, cause) != DB_OK)
		goto fail;

	/* Map markers: every known site, then reports of unknown sites. */
	d->markers = xcalloc(nsites + nlat + 1, sizeof *d->markers);
	for (i = 0; i < nsites; i++) {
		m = &d->markers[d->nmarkers++];
		m->code = xstrdup(sites[i].code);
		m->name = xstrdup(sites[i].name);
		m->region = sites[i].region != NULL ?
		    xstrdup(sites[i].region) : NULL;
		m->has_coords = sites[i].has_coords;
		m->lat = sites[i].lat;
		m->lon = sites[i].lon;
		m->sample = sites[i].sample;
		dashboard_marker_report(m,
		    dashboard_find_latest(lat, nlat, sites[i].code));
	}
	for (i = 0; i < nlat; i++) {
		if (lat[i].site_code == NULL ||
		    dashboard_site_known(sites, nsites, lat[i].site_code))
			continue;
		m = &d->markers[d->nmarkers++];
		m->code = xstrdup(lat[i].site_code);
		m->name = xstrdup(lat[i].site_name);
		dashboard_marker_report(m, &lat[i]);
	}

	/* Hotspots: every assessed site, by risk. */
	d->hotspots = xcalloc(nlat + 1, sizeof *d->hotspots);
	for (i = 0; i < nlat; i++) {
		h = &d->hotspots[d->nhotspots++];
		h->code = lat[i].site_code != NULL ?
		    xstrdup(lat[i].site_code) : NULL;
		h->name = xstrdup(lat[i].site_name);
		h->report_id = xstrdup(lat[i].report_id);
		h->audit_date = xstrdup(lat[i].audit_date != NULL ?
		    lat[i].audit_date : "");
		h->score = lat[i].score;
		h->status = dashboard_status_of(lat[i].score);
		h->compliant = lat[i].compliant;
		h->non_compliant = lat[i].non_compliant;
		h->review_needed = lat[i].review_needed;
		h->critical = lat[i].critical;
		h->penalty_usd = lat[i].penalty_usd;
		h->sample = lat[i].sample;
		h->risk = dashboard_risk(h->score, h->compliant,
		    h->non_compliant, h->review_needed, h->critical);
		if (lat[i].nfindings == 0)
			continue;
		if (dashboard_db_worst(s, lat[i].uuid, DASHBOARD_ISSUES, &f,
		    &nf, cause) != DB_OK)
			goto fail;
		h->issues = xcalloc(nf + 1, sizeof *h->issues);
		for (j = 0; j < nf; j++) {
			h->issues[j].framework = f[j].framework;
			h->issues[j].ref = f[j].ref;
			h->issues[j].requirement = f[j].requirement;
			h->issues[j].status = f[j].status;
			h->issues[j].score = f[j].score;
			free(f[j].priority);
		}
		h->nissues = nf;
		free(f);	/* the strings moved to the issues */
		f = NULL;
	}
	qsort(d->hotspots, d->nhotspots, sizeof *d->hotspots,
	    dashboard_cmp_hotspot);

	/* Trend. */
	dashboard_months(now_ms, d->trend);
	snprintf(from, sizeof from, "%.7s-01", d->trend[0].month);
	snprintf(to, sizeof to, "%.7s-31",
	    d->trend[DASHBOARD_MONTHS - 1].month);
	if (dashboard_db_months(s, from, to, &mon, &nmon, cause) != DB_OK)
		goto fail;
	for (i = 0; i < nmon; i++) {
		for (j = 0; j < DASHBOARD_MONTHS; j++) {
			if (strcmp(d->trend[j].month, mon[i].month) == 0) {
				d->trend[j].n = mon[i].n;
				d->trend[j].sample = mon[i].sample;
				d->trend[j].avg = mon[i].avg;
			}
		}
	}
	free(mon);

	/* Matrix. */
	if (dashboard_db_matrix(s, &cells, &ncells, cause) != DB_OK)
		goto fail;
	for (i = 0; i < ncells; i++)
		dashboard_matrix_add(dashboard_matrix_row(d,
		    cells[i].framework), cells[i].status, cells[i].n);
	dashboard_db_free_cells(cells, ncells);
	for (i = 0; i < nlat; i++) {
		if (lat[i].nfindings == 0)
			dashboard_matrix_split(d, &lat[i]);
	}
	if (d->nmatrix > 0)
		qsort(d->matrix, d->nmatrix, sizeof *d->matrix,
		    dashboard_cmp_matrix);

	dashboard_db_free_sites(sites, nsites);
	dashboard_db_free_reports(lat, nlat);
	return 0;

fail:
	dashboard_db_free_sites(sites, nsites);
	dashboard_db_free_reports(lat, nlat);
	dashboard_release(d);
	return -1;
}

void
dashboard_release(struct dashboard *d)
{
	size_t i, j;

	for (i = 0; i < d->nmarkers; i++) {
		free(d->markers[i].code);
		free(d->markers[i].name);
		free(d->markers[i].region);
		free(d->markers[i].report_id);
		free(d->markers[i].audit_date);
	}
	free(d->markers);
	for (i = 0; i < d->nhotspots; i++) {
		free(d->hotspots[i].code);
		free(d->hotspots[i].name);
		free(d->hotspots[i].report_id);
		free(d->hotspots[i].audit_date);
		for (j = 0; j < d->hotspots[i].nissues; j++) {
			free(d->hotspots[i].issues[j].framework);
			free(d->hotspots[i].issues[j].ref);
			free(d->hotspots[i].issues[j].requirement);
			free(d->hotspots[i].issues[j].status);
		}
		free(d->hotspots[i].issues);
	}
	free(d->hotspots);
	for (i = 0; i < d->nmatrix; i++)
		free(d->matrix[i].framework);
	free(d->matrix);
	memset(d, 0, sizeof *d);
}

int64_t
dashboard_version(struct store *s)
{
	return dashboard_db_version(s);
}

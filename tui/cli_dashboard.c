/* SPDX-License-Identifier: MIT */
/*
 * `vigilore dashboard [--json]`: the dashboard data of the TUI
 * (core/dashboard.h) without curses: map markers, hotspots with their
 * risk score and top issues, the monthly trend and the framework matrix.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/dashboard.h"
#include "tui/cli_cmds.h"

static json_t *
cli_dashboard_str(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
cli_dashboard_json(const struct dashboard *d)
{
	json_t *root, *a, *o, *issues, *io;
	const struct dashboard_marker *m;
	const struct dashboard_hotspot *h;
	const struct dashboard_issue *is;
	const struct dashboard_matrix_row *r;
	char now[32];
	size_t i, j;

	root = json_object();
	clock_format_iso(clock_now_ms(), now, sizeof now);
	json_object_set_new(root, "generated_at", json_string(now));

	a = json_array();
	for (i = 0; i < d->nmarkers; i++) {
		m = &d->markers[i];
		o = json_object();
		json_object_set_new(o, "code", cli_dashboard_str(m->code));
		json_object_set_new(o, "name", cli_dashboard_str(m->name));
		json_object_set_new(o, "region", cli_dashboard_str(m->region));
		json_object_set_new(o, "latitude", m->has_coords ?
		    json_real(m->lat) : json_null());
		json_object_set_new(o, "longitude", m->has_coords ?
		    json_real(m->lon) : json_null());
		json_object_set_new(o, "status", json_string(
		    dashboard_status_name(m->status)));
		json_object_set_new(o, "score", m->has_score ?
		    json_real(m->score) : json_null());
		json_object_set_new(o, "report_id",
		    cli_dashboard_str(m->report_id));
		json_object_set_new(o, "audit_date",
		    cli_dashboard_str(m->audit_date));
		json_object_set_new(o, "sample", json_boolean(m->sample));
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "markers", a);

	a = json_array();
	for (i = 0; i < d->nhotspots; i++) {
		h = &d->hotspots[i];
		o = json_object();
		json_object_set_new(o, "rank", json_integer((json_int_t)i + 1));
		json_object_set_new(o, "code", cli_dashboard_str(h->code));
		json_object_set_new(o, "name", cli_dashboard_str(h->name));
		json_object_set_new(o, "risk_score", json_real(h->risk));
		json_object_set_new(o, "score", json_real(h->score));
		json_object_set_new(o, "status", json_string(
		    dashboard_status_name(h->status)));
		json_object_set_new(o, "report_id",
		    cli_dashboard_str(h->report_id));
		json_object_set_new(o, "audit_date",
		    cli_dashboard_str(h->audit_date));
		json_object_set_new(o, "compliant", json_integer(h->compliant));
		json_object_set_new(o, "non_compliant",
		    json_integer(h->non_compliant));
		json_object_set_new(o, "review_needed",
		    json_integer(h->review_needed));
		json_object_set_new(o, "critical", json_integer(h->critical));
		json_object_set_new(o, "penalty_usd",
		    json_real(h->penalty_usd));
		json_object_set_new(o, "sample", json_boolean(h->sample));
		issues = json_array();
		for (j = 0; j < h->nissues; j++) {
			is = &h->issues[j];
			io = json_object();
			json_object_set_new(io, "framework",
			    cli_dashboard_str(is->framework));
			json_object_set_new(io, "ref",
			    cli_dashboard_str(is->ref));
			json_object_set_new(io, "issue",
			    cli_dashboard_str(is->requirement));
			json_object_set_new(io, "status",
			    cli_dashboard_str(is->status));
			json_object_set_new(io, "score", is->score >= 0 ?
			    json_real(is->score) : json_null());
			json_array_append_new(issues, io);
		}
		json_object_set_new(o, "top_issues", issues);
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "hotspots", a);

	a = json_array();
	for (i = 0; i < DASHBOARD_MONTHS; i++) {
		o = json_object();
		json_object_set_new(o, "month", json_string(d->trend[i].month));
		json_object_set_new(o, "score", d->trend[i].n > 0 ?
		    json_real(d->trend[i].avg) : json_null());
		json_object_set_new(o, "reports", json_integer(d->trend[i].n));
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "trend", a);

	a = json_array();
	for (i = 0; i < d->nmatrix; i++) {
		r = &d->matrix[i];
		o = json_object();
		json_object_set_new(o, "framework", json_string(r->framework));
		json_object_set_new(o, "compliant", json_integer(r->compliant));
		json_object_set_new(o, "non_compliant",
		    json_integer(r->non_compliant));
		json_object_set_new(o, "review_needed",
		    json_integer(r->review_needed));
		json_object_set_new(o, "not_applicable",
		    json_integer(r->not_applicable));
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "framework_matrix", a);
	return root;
}

static void
cli_dashboard_text(const struct dashboard *d)
{
	const struct dashboard_marker *m;
	const struct dashboard_hotspot *h;
	const struct dashboard_matrix_row *r;
	size_t i, j;

	printf("Map (%zu sites)\n", d->nmarkers);
	for (i = 0; i < d->nmarkers; i++) {
		m = &d->markers[i];
		printf("  %-9s %-32s %-14s", m->code, m->name,
		    dashboard_status_name(m->status));
		if (m->has_score)
			printf(" %5.1f", m->score);
		printf("%s\n", m->sample ? "  (sample)" : "");
	}
	printf("\nRisk hotspots\n");
	for (i = 0; i < d->nhotspots; i++) {
		h = &d->hotspots[i];
		printf("  %2zu. risk %5.1f  %-9s %-32s score %5.1f%s\n", i + 1,
		    h->risk, h->code != NULL ? h->code : "-", h->name,
		    h->score, h->sample ? "  (sample)" : "");
		for (j = 0; j < h->nissues; j++)
			printf("        %s %s (%s)\n",
			    h->issues[j].ref != NULL ?
			    h->issues[j].ref : h->issues[j].framework,
			    h->issues[j].requirement != NULL ?
			    h->issues[j].requirement : "",
			    h->issues[j].status);
	}
	printf("\nCompliance trend\n");
	for (i = 0; i < DASHBOARD_MONTHS; i++) {
		if (d->trend[i].n > 0)
			printf("  %s  %5.1f  (%d reports)\n", d->trend[i].month,
			    d->trend[i].avg, d->trend[i].n);
		else
			printf("  %s      -\n", d->trend[i].month);
	}
	printf("\nFramework matrix      compliant non-compliant "
	    "review-needed not-applicable\n");
	for (i = 0; i < d->nmatrix; i++) {
		r = &d->matrix[i];
		printf("  %-20s %9d %13d %13d %14d\n", r->framework,
		    r->compliant, r->non_compliant, r->review_needed,
		    r->not_applicable);
	}
}

int
cli_cmd_dashboard(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct dashboard d;
	struct store *st;
	char *cause = NULL;
	int c, json = 0;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		default:
			return cli_usage("dashboard");
		}
	}
	if (optind != argc)
		return cli_usage("dashboard");
	st = cli_store(ctx);
	if (st == NULL)
		return CLI_FAIL;
	if (dashboard_load(st, clock_now_ms(), &d, &cause) != 0)
		return cli_fail_cause(CLI_FAIL, cause);
	if (json) {
		c = cli_print_json(cli_dashboard_json(&d));
	} else {
		cli_dashboard_text(&d);
		c = CLI_OK;
	}
	dashboard_release(&d);
	return c;
}

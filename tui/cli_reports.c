/* SPDX-License-Identifier: MIT */
/* Commands: reports (list), report (show/export) and demo (sample data). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/clock.h"
#include "core/base/xmalloc.h"
#include "core/export_xlsx.h"
#include "core/framework.h"
#include "core/report.h"
#include "core/sample.h"
#include "db/reports.h"
#include "db/store.h"
#include "tui/cli.h"
#include "tui/cli_cmds.h"

/* Accepts the statuses with hyphens too ("non-compliant"). */
static const char *
cli_reports_status(const char *s)
{
	if (strcmp(s, "compliant") == 0)
		return "compliant";
	if (strcmp(s, "review_needed") == 0 || strcmp(s, "review-needed") == 0)
		return "review_needed";
	if (strcmp(s, "non_compliant") == 0 || strcmp(s, "non-compliant") == 0)
		return "non_compliant";
	return NULL;
}

static int
cli_reports_date(const char *opt, const char *s)
{
	int64_t d;

	if (s != NULL && clock_parse_date(s, &d) == -1)
		return cli_error(CLI_USAGE, "%s '%s': expected a date "
		    "YYYY-MM-DD", opt, s);
	return 0;
}

int
cli_cmd_reports(struct cli_ctx *ctx, int argc, char **argv)
{
	struct db_report_filter f;
	struct db_report *v;
	const char *status = NULL, *page = NULL, *limit = NULL;
	int json = 0, rc;
	const struct cli_opt opts[] = {
		{ .name = "--json", .flag = &json },
		{ .name = "--site", .value = &f.site_code },
		{ .name = "--status", .value = &status },
		{ .name = "--framework", .value = &f.framework },
		{ .name = "--from", .value = &f.from },
		{ .name = "--to", .value = &f.to },
		{ .name = "--search", .value = &f.search },
		{ .name = "--page", .value = &page },
		{ .name = "--limit", .value = &limit },
		{ .name = NULL }
	};
	char *pos[1], *cause = NULL;
	size_t npos, n, total, i;
	long npage = 1, nlimit = 50;
	json_t *arr, *fw;

	memset(&f, 0, sizeof f);
	rc = cli_parse("reports", argc - 1, argv + 1, opts, pos, 0, &npos);
	if (rc != 0)
		return rc;
	if (status != NULL) {
		f.status = cli_reports_status(status);
		if (f.status == NULL)
			return cli_error(CLI_USAGE, "--status '%s': expected "
			    "compliant, review_needed or non_compliant",
			    status);
	}
	if (cli_reports_date("--from", f.from) != 0 ||
	    cli_reports_date("--to", f.to) != 0)
		return CLI_USAGE;
	if ((page != NULL &&
	    cli_parse_int("--page", page, 1, 1000000, &npage) != 0) ||
	    (limit != NULL &&
	    cli_parse_int("--limit", limit, 1, 10000, &nlimit) != 0))
		return CLI_USAGE;
	f.limit = (int)nlimit;
	f.offset = (int)((npage - 1) * nlimit);
	if (cli_store(ctx) == NULL)
		return CLI_FAIL;
	if (db_report_list(ctx->store, &f, &v, &n, &total, &cause) != DB_OK)
		return cli_fail_cause(CLI_FAIL, cause);
	if (json) {
		arr = json_array();
		for (i = 0; i < n; i++) {
			fw = json_loads(v[i].frameworks, 0, NULL);
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, "
			    "s:s?, s:s, s:s?, s:s?, s:s, s:o, s:o, s:f, s:{s:i, "
			    "s:i, s:i, s:i, s:i}, s:f, s:o, s:b, s:s?, s:s?}",
			    "id", v[i].id, "report_id", v[i].report_id,
			    "kind", v[i].kind, "site_code", v[i].site_code,
			    "site_name", v[i].site_name, "operator",
			    v[i].operator, "auditor", v[i].auditor,
			    "audit_date", v[i].audit_date,
			    "score", v[i].has_score ? json_real(v[i].score) :
			    json_null(), "status", v[i].has_score ?
			    json_string(report_status_of_score(v[i].score)) :
			    json_null(), "coverage", v[i].coverage,
			    "counts", "compliant", v[i].compliant,
			    "non_compliant", v[i].non_compliant,
			    "review_needed", v[i].review_needed,
			    "not_applicable", v[i].not_applicable,
			    "critical", v[i].critical,
			    "penalty_usd", v[i].penalty_usd,
			    "frameworks", fw != NULL ? fw : json_array(),
			    "sample", v[i].sample,
			    "created_at", v[i].created_at,
			    "server_received_at", v[i].server_received_at));
		}
		db_report_list_free(v, n);
		return cli_print_json(json_pack("{s:i, s:i, s:i, s:o}",
		    "total", (int)total, "page", (int)npage, "limit",
		    (int)nlimit, "reports", arr));
	}
	for (i = 0; i < n; i++) {
		printf("%-20s %s  ", v[i].report_id, v[i].audit_date);
		cli_cell(v[i].site_name, 26, 1);
		if (v[i].has_score)
			printf(" %5.1f %-13s %s\n", v[i].score,
			    report_status_of_score(v[i].score),
			    v[i].sample ? "[SAMPLE]" : "");
		else
			printf("   n/a %-13s %s\n", "",
			    v[i].sample ? "[SAMPLE]" : "");
	}
	printf("%zu of %zu reports (page %ld)\n", n, total, npage);
	db_report_list_free(v, n);
	return CLI_OK;
}

static int
cli_is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int
cli_cmd_report(struct cli_ctx *ctx, int argc, char **argv)
{
	enum report_format fmt = REPORT_FORMAT_JSON;
	const char *format = NULL, *output = NULL;
	const struct cli_opt opts[] = {
		{ .name = "--format", .value = &format },
		{ .name = "--output", .alias = "-o", .value = &output },
		{ .name = NULL }
	};
	char *pos[1], *cause = NULL;
	size_t npos;
	json_t *r;
	int rc, xlsx;

	rc = cli_parse("report", argc - 1, argv + 1, opts, pos, 1, &npos);
	if (rc != 0)
		return rc;
	if (npos != 1)
		return cli_error(CLI_USAGE, "report: give a report ID");
	if (output != NULL && (*output == '\0' || cli_is_dir(output)))
		return cli_error(CLI_USAGE, "-o '%s': expected a file name%s",
		    output, *output == '\0' ? "" : ", not a directory");
	xlsx = format != NULL && strcmp(format, "xlsx") == 0;
	if (xlsx && output == NULL)
		return cli_error(CLI_USAGE, "--format xlsx: give the workbook's "
		    "file with -o FILE");
	if (format != NULL && !xlsx && report_format_parse(format, &fmt) == -1)
		return cli_error(CLI_USAGE, "--format '%s': expected json, csv, "
		    "md or xlsx", format);
	if (cli_store(ctx) == NULL)
		return CLI_FAIL;
	rc = report_load(ctx->store, pos[0], &r, &cause);
	if (rc != 0)
		return cli_fail_cause(rc == -2 ? CLI_USAGE : CLI_FAIL, cause);
	if (xlsx) {
		rc = export_xlsx_write(r, output, &cause);
		json_decref(r);
		return rc == 0 ? CLI_OK : cli_fail_cause(CLI_FAIL, cause);
	}
	if (output == NULL) {
		rc = report_export(r, fmt, stdout, &cause);
		json_decref(r);
		return rc == 0 ? CLI_OK : cli_fail_cause(CLI_FAIL, cause);
	}
	/* Written beside the target, then renamed: never a half file. */
	rc = report_export_path(r, fmt, output, &cause);
	json_decref(r);
	return rc == 0 ? CLI_OK : cli_fail_cause(CLI_FAIL, cause);
}

int
cli_cmd_demo(struct cli_ctx *ctx, int argc, char **argv)
{
	struct framework_set set;
	const struct cli_opt opts[] = { { .name = NULL } };
	char *pos[1], *cause = NULL;
	size_t npos, nsites, nreports;
	int rc;

	rc = cli_parse("demo", argc - 1, argv + 1, opts, pos, 0, &npos);
	if (rc != 0)
		return rc;
	ctx->writes = 1;
	if (cli_store(ctx) == NULL)
		return CLI_FAIL;
	if (framework_set_load_default(&set, &cause) == -1)
		return cli_fail_cause(CLI_FAIL, cause);
	rc = sample_load(ctx->store, &set, &nsites, &nreports, &cause);
	framework_set_release(&set);
	if (rc == -1)
		return cli_fail_cause(CLI_FAIL, cause);
	printf("sample data loaded into %s: %zu sites, %zu new reports "
	    "(all marked SAMPLE)\n", store_path(ctx->store), nsites, nreports);
	return CLI_OK;
}

/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for core/dashboard: status thresholds, the risk score, the
 * month window, and dashboard_load over a real store in a temporary
 * directory (latest report per site, hotspot order, worst findings,
 * trend averages, matrix counts and the even split of summary counts).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/base/clock.h"
#include "core/base/uuid.h"
#include "core/dashboard.h"
#include "db/reports.h"
#include "db/store.h"

static void
test_dashboard_status_of(void **state)
{
	(void)state;
	assert_int_equal(dashboard_status_of(80), DASHBOARD_COMPLIANT);
	assert_int_equal(dashboard_status_of(100), DASHBOARD_COMPLIANT);
	assert_int_equal(dashboard_status_of(79.99), DASHBOARD_REVIEW_NEEDED);
	assert_int_equal(dashboard_status_of(60), DASHBOARD_REVIEW_NEEDED);
	assert_int_equal(dashboard_status_of(59.9), DASHBOARD_NON_COMPLIANT);
	assert_int_equal(dashboard_status_of(0), DASHBOARD_NON_COMPLIANT);
	assert_int_equal(dashboard_status_of(0.0 / 0.0),
	    DASHBOARD_NOT_ASSESSED);
	assert_string_equal(dashboard_status_name(DASHBOARD_REVIEW_NEEDED),
	    "review_needed");
	assert_string_equal(dashboard_status_name(DASHBOARD_NOT_ASSESSED),
	    "not_assessed");
}

static void
test_dashboard_risk(void **state)
{
	(void)state;
	/* Perfect site: no risk. */
	assert_true(dashboard_risk(100, 10, 0, 0, 0) == 0);
	/* Hand-computed: KIN-001 sample, 45.2 with 12/18/5, no critical:
	 * 0.6 * 54.8 + 0.3 * 100 * 18 / 35 = 32.88 + 15.43 = 48.31 -> 48.3 */
	assert_true(dashboard_risk(45.2, 12, 18, 5, 0) == 48.3);
	/* Criticals count up to ten: 0.6*50 + 0.3*50 + 0.1*100 = 55. */
	assert_true(dashboard_risk(50, 5, 10, 5, 12) == 55);
	assert_true(dashboard_risk(50, 5, 10, 5, 10) == 55);
	assert_true(dashboard_risk(50, 5, 10, 5, 3) == 48);
	/* No findings at all: the score alone. */
	assert_true(dashboard_risk(70, 0, 0, 0, 0) == 18);
	/* Out-of-range scores are clamped. */
	assert_true(dashboard_risk(-5, 0, 0, 0, 0) == 60);
	assert_true(dashboard_risk(150, 0, 0, 0, 0) == 0);
}

static void
test_dashboard_months(void **state)
{
	struct dashboard_month m[DASHBOARD_MONTHS];

	(void)state;
	/* 2026-12-03: January to December 2026. */
	dashboard_months((int64_t)1796292000 * 1000, m);
	assert_string_equal(m[0].month, "2026-01");
	assert_string_equal(m[11].month, "2026-12");
	assert_int_equal(m[5].n, 0);
	/* 2025-01-15: February 2024 to January 2025. */
	dashboard_months((int64_t)1736899200 * 1000, m);
	assert_string_equal(m[0].month, "2024-02");
	assert_string_equal(m[10].month, "2024-12");
	assert_string_equal(m[11].month, "2025-01");
}

static struct store *dashboard_test_store;
static char dashboard_test_dir[64];

static int
dashboard_test_setup(void **state)
{
	char path[128], *cause = NULL;

	(void)state;
	snprintf(dashboard_test_dir, sizeof dashboard_test_dir,
	    "/tmp/vo-dash.XXXXXX");
	if (mkdtemp(dashboard_test_dir) == NULL)
		return -1;
	snprintf(path, sizeof path, "%s/store.db", dashboard_test_dir);
	if (store_open(path, &dashboard_test_store, &cause) != DB_OK) {
		free(cause);
		return -1;
	}
	return 0;
}

static int
dashboard_test_teardown(void **state)
{
	char cmd[160];

	(void)state;
	store_close(dashboard_test_store);
	snprintf(cmd, sizeof cmd, "%s/store.db", dashboard_test_dir);
	unlink(cmd);
	snprintf(cmd, sizeof cmd, "%s/store.db-wal", dashboard_test_dir);
	unlink(cmd);
	snprintf(cmd, sizeof cmd, "%s/store.db-shm", dashboard_test_dir);
	unlink(cmd);
	rmdir(dashboard_test_dir);
	return 0;
}

static void
dashboard_test_report(const char *rid, const char *code, const char *date,
    double score, int c, int nc, int rn, const char *fws,
    const struct db_finding *f, size_t nf)
{
	struct store *s = dashboard_test_store;
	struct db_report r;
	char id[UUID_TEXT_LEN], created[32], *cause = NULL;

	memset(&r, 0, sizeof r);
	uuid_generate(id);
	snprintf(created, sizeof created, "%sT10:00:00Z", date);
	r.id = id;
	r.report_id = (char *)(uintptr_t)rid;
	r.kind = (char *)(uintptr_t)"interview";
	r.site_code = (char *)(uintptr_t)code;
	r.site_name = (char *)(uintptr_t)code;
	r.frameworks = (char *)(uintptr_t)fws;
	r.score = score;
	r.has_score = 1;
	r.compliant = c;
	r.non_compliant = nc;
	r.review_needed = rn;
	r.audit_date = (char *)(uintptr_t)date;
	r.created_at = created;
	r.body = (char *)(uintptr_t)"{}";
	assert_int_equal(store_begin(s, &cause), DB_OK);
	assert_int_equal(db_report_insert(s, &r, f, nf, &cause), DB_OK);
	assert_int_equal(store_commit(s, &cause), DB_OK);
}

static void
test_dashboard_load(void **state)
{
	struct dashboard d;
	struct db_finding f[3];
	char *cause = NULL;
	size_t i;
	const struct dashboard_marker *m;

	(void)state;
	/* Empty store: nothing, and no error. */
	assert_int_equal(dashboard_load(dashboard_test_store,
	    (int64_t)1736899200 * 1000, &d, &cause), 0);
	assert_int_equal(d.nmarkers, 0);
	assert_int_equal(d.nhotspots, 0);
	assert_int_equal(d.nmatrix, 0);
	dashboard_release(&d);

	/* AAA: an old good report, then a newer bad one with findings. */
	dashboard_test_report("R1", "AAA", "2024-11-10", 90, 9, 1, 0,
	    "[\"DRC_MINING_CODE\"]", NULL, 0);
	memset(f, 0, sizeof f);
	f[0].framework = (char *)(uintptr_t)"DRC_MINING_CODE";
	f[0].ref = (char *)(uintptr_t)"DRC Art. 299";
	f[0].requirement = (char *)(uintptr_t)"light";
	f[0].status = (char *)(uintptr_t)"non_compliant";
	f[0].score = 0.2;
	f[0].has_score = 1;
	f[0].weight = 1;
	f[1] = f[0];
	f[1].ref = (char *)(uintptr_t)"DRC Art. 307";
	f[1].requirement = (char *)(uintptr_t)"heavy";
	f[1].weight = 5;
	f[2] = f[0];
	f[2].ref = (char *)(uintptr_t)"DRC Art. 300";
	f[2].status = (char *)(uintptr_t)"compliant";
	f[2].score = 1;
	dashboard_test_report("R2", "AAA", "2024-12-20", 50, 1, 2, 0,
	    "[\"DRC_MINING_CODE\"]", f, 3);
	/* BBB: review needed, no findings, two frameworks. */
	dashboard_test_report("R3", "BBB", "2024-12-05", 65, 15, 7, 3,
	    "[\"VPSHR\",\"ISO_14001\"]", NULL, 0);
	/* CCC: compliant. */
	dashboard_test_report("R4", "CCC", "2025-01-02", 85, 20, 1, 1,
	    "[\"VPSHR\"]", NULL, 0);

	assert_int_equal(dashboard_load(dashboard_test_store,
	    (int64_t)1736899200 * 1000, &d, &cause), 0);
	/* Reports of unknown sites become markers without coordinates. */
	assert_int_equal(d.nmarkers, 3);
	for (i = 0; i < d.nmarkers; i++) {
		m = &d.markers[i];
		assert_false(m->has_coords);
		if (strcmp(m->code, "AAA") == 0) {
			assert_string_equal(m->report_id, "R2");
			assert_int_equal(m->status, DASHBOARD_NON_COMPLIANT);
		} else if (strcmp(m->code, "BBB") == 0)
			assert_int_equal(m->status, DASHBOARD_REVIEW_NEEDED);
		else
			assert_int_equal(m->status, DASHBOARD_COMPLIANT);
	}
	/* Hotspots by risk: AAA, BBB, CCC. */
	assert_int_equal(d.nhotspots, 3);
	assert_string_equal(d.hotspots[0].code, "AAA");
	assert_string_equal(d.hotspots[1].code, "BBB");
	assert_string_equal(d.hotspots[2].code, "CCC");
	assert_true(d.hotspots[0].risk > d.hotspots[1].risk);
	/* Worst findings: non-compliant only, heavier first. */
	assert_int_equal(d.hotspots[0].nissues, 2);
	assert_string_equal(d.hotspots[0].issues[0].ref, "DRC Art. 307");
	assert_string_equal(d.hotspots[0].issues[1].ref, "DRC Art. 299");
	assert_int_equal(d.hotspots[1].nissues, 0);
	/* Trend (Feb 2024 - Jan 2025): Nov 90; Dec (50 + 65) / 2; Jan 85. */
	assert_int_equal(d.trend[9].n, 1);
	assert_true(d.trend[9].avg == 90);
	assert_int_equal(d.trend[10].n, 2);
	assert_true(d.trend[10].avg == 57.5);
	assert_int_equal(d.trend[11].n, 1);
	assert_int_equal(d.trend[0].n, 0);
	/* Matrix: DRC from findings of R2 (2 NC, 1 C); R3 split evenly
	 * (15/7/3 over two: first gets 8/4/2, second 7/3/1); CCC 20/1/1. */
	assert_int_equal(d.nmatrix, 3);
	assert_string_equal(d.matrix[0].framework, "DRC_MINING_CODE");
	assert_int_equal(d.matrix[0].compliant, 1);
	assert_int_equal(d.matrix[0].non_compliant, 2);
	assert_string_equal(d.matrix[1].framework, "ISO_14001");
	assert_int_equal(d.matrix[1].compliant, 7);
	assert_int_equal(d.matrix[1].non_compliant, 3);
	assert_int_equal(d.matrix[1].review_needed, 1);
	assert_string_equal(d.matrix[2].framework, "VPSHR");
	assert_int_equal(d.matrix[2].compliant, 28);
	assert_int_equal(d.matrix[2].non_compliant, 5);
	assert_int_equal(d.matrix[2].review_needed, 3);
	dashboard_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dashboard_status_of),
		cmocka_unit_test(test_dashboard_risk),
		cmocka_unit_test(test_dashboard_months),
		cmocka_unit_test_setup_teardown(test_dashboard_load,
		    dashboard_test_setup, dashboard_test_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

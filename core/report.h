/* SPDX-License-Identifier: MIT */
#ifndef VO_REPORT_H
#define VO_REPORT_H

/*
 * Reports: the JSON document of docs/report-format.md, built by the
 * interview engine or the document pipeline, completed here from its
 * findings (scores, counts, penalties, summary), stored, loaded and
 * exported. Pure functions except those taking a store.
 */

#include <jansson.h>
#include <stdio.h>

#include "core/framework.h"

struct store;

#define REPORT_FORMAT_VERSION 1

/* Status of a 0..100 score: compliant >= 80, review_needed >= 60. */
const char *report_status_of_score(double score);
/* Status and priority of a 0..1 finding score. */
const char *report_finding_status(double s);
const char *report_finding_priority(double s);

/*
 * Fills the derived parts of REPORT from its "findings" and the ids in
 * "frameworks": category, framework and overall scores, status, counts,
 * penalties (each violated article once, at its maximum), the summary
 * and the critical recommendations, in the report's "language".
 */
void	 report_finalize(json_t *report, const struct framework_set *);

/*
 * Inside a transaction: the next report id for this terminal,
 * "REP-<year>-<device code>-<n>", unique across terminals. Owned.
 */
char	*report_next_id(struct store *);

/*
 * Inside a transaction: stores REPORT (borrowed) and its findings, then
 * sets its "server_received_at" to null (not on a server yet).
 */
int	 report_save(struct store *, json_t *report, char **cause);

/*
 * Loads the report with UUID or REP- id ID, with "server_received_at"
 * from the store (the sync server's time, null until it got there).
 * -2 when there is none.
 */
int	 report_load(struct store *, const char *id, json_t **out /* OUT */,
	    char **cause);

enum report_format {
	REPORT_FORMAT_JSON,
	REPORT_FORMAT_CSV,
	REPORT_FORMAT_MD
};

/* 0 and the format named NAME in *out, or -1. */
int	 report_format_parse(const char *name, enum report_format *out);
/* Writes REPORT to F. 0, or -1 and a cause (write error). */
int	 report_export(json_t *report, enum report_format, FILE *f,
	    char **cause);
/*
 * Writes REPORT to the file PATH whole or not at all (core/base/afile.h:
 * written beside it, then renamed). 0, or -1 and a cause naming PATH.
 */
int	 report_export_path(json_t *report, enum report_format,
	    const char *path, char **cause);

/*
 * A CSV field per RFC 4180: quoted when needed, and text starting with
 * = + - @ (or tab/CR) prefixed with an apostrophe so that spreadsheets
 * never run it as a formula. Numbers are written as numbers by the
 * caller, not through this. Owned string.
 */
char	*report_csv_field(const char *text);

#endif

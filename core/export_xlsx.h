/* SPDX-License-Identifier: MIT */
#ifndef VO_EXPORT_XLSX_H
#define VO_EXPORT_XLSX_H

/*
 * A report (docs/report-format.md) as an Excel workbook, written with
 * libxlsxwriter. Sheets: Summary, Framework Scores, Findings, Penalties,
 * then one sheet of findings per framework, named after it.
 *
 * - Scores are coloured by band (< 0.5 red, < 0.8 amber, else green; the
 *   same bands on the 0-100 scale for framework and category scores).
 * - Sheet names: the characters Excel refuses ([]:*?/\) become '_', the
 *   name is cut to 31 characters and made unique ("Name~2").
 * - A text over 32,767 characters (Excel's cell limit, counted in UTF-16
 *   units) is cut and ends with EXPORT_XLSX_CUT_MARK.
 * - Text is always written as a string, never as a formula: a finding
 *   quoting "=HYPERLINK(...)" stays text.
 *
 * Any thread; nothing shared.
 */

#include <jansson.h>
#include <stddef.h>

#define EXPORT_XLSX_CELL_MAX	32767
#define EXPORT_XLSX_CUT_MARK	" [... cut: over 32,767 characters]"

/*
 * Writes REPORT to PATH (beside it, then renamed: core/base/afile.h, so
 * never a half file). Returns 0, or -1 and an owned cause naming the file.
 */
int	 export_xlsx_write(json_t *report, const char *path, char **cause);

/*
 * Sheet name NAME made valid (see above) and different from the N names
 * in USED. Owned.
 */
char	*export_xlsx_sheet_name(const char *name, char *const *used, size_t n);

/* TEXT cut to the cell limit with the mark, or a copy. Owned. */
char	*export_xlsx_cell_text(const char *text);

#endif

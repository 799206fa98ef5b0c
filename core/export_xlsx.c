/* SPDX-License-Identifier: MIT */
/*
 * XLSX export (see core/export_xlsx.h). One workbook per call; every
 * string goes through export_xlsx_cell_text() and worksheet_write_string,
 * which stores it as text whatever it starts with.
 */
#include "core/export_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/base/afile.h"
#include "core/base/buf.h"
#include "core/base/xmalloc.h"

#define EXPORT_XLSX_SHEET_MAX 31

/* Length of UTF-8 sequence starting with byte C. */
static size_t
export_xlsx_seq(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	if (c >= 0xc0)
		return 2;
	return 1;
}

char *
export_xlsx_cell_text(const char *text)
{
	size_t i = 0, units = 0, k, keep, marklen;

	marklen = strlen(EXPORT_XLSX_CUT_MARK);
	keep = 0;
	while (text[i] != '\0') {
		k = export_xlsx_seq((unsigned char)text[i]);
		units += k == 4 ? 2 : 1;	/* UTF-16 code units */
		if (units <= EXPORT_XLSX_CELL_MAX - marklen)
			keep = i + k;
		if (units > EXPORT_XLSX_CELL_MAX)
			return xasprintf("%.*s%s", (int)keep, text,
			    EXPORT_XLSX_CUT_MARK);
		i += k;
	}
	return xstrdup(text);
}

char *
export_xlsx_sheet_name(const char *name, char *const *used, size_t n)
{
	char base[EXPORT_XLSX_SHEET_MAX * 4 + 1], *cand = NULL;
	size_t i, k, len = 0, chars = 0, j;
	int dup, suffix;

	/* Valid characters, at most 31 of them. */
	for (i = 0; name[i] != '\0' && chars < EXPORT_XLSX_SHEET_MAX;) {
		k = export_xlsx_seq((unsigned char)name[i]);
		if (k == 1 && strchr("[]:*?/\\", name[i]) != NULL)
			base[len++] = '_';
		else if (k == 1 && (unsigned char)name[i] < 0x20)
			base[len++] = ' ';
		else {
			memcpy(base + len, name + i, k);
			len += k;
		}
		chars++;
		i += k;
	}
	base[len] = '\0';
	/* Excel refuses a leading or trailing apostrophe and "History". */
	if (base[0] == '\'')
		base[0] = '_';
	if (len > 0 && base[len - 1] == '\'')
		base[len - 1] = '_';
	if (len == 0 || strcasecmp(base, "History") == 0)
		snprintf(base, sizeof base, "Sheet");
	for (suffix = 1;; suffix++) {
		free(cand);
		if (suffix == 1)
			cand = xstrdup(base);
		else {
			char tag[16];
			size_t tl, cut, c;

			tl = (size_t)snprintf(tag, sizeof tag, "~%d", suffix);
			/* Keep base's first 31 - tl characters. */
			for (cut = 0, c = 0; base[cut] != '\0' &&
			    c < EXPORT_XLSX_SHEET_MAX - tl; c++)
				cut += export_xlsx_seq(
				    (unsigned char)base[cut]);
			cand = xasprintf("%.*s%s", (int)cut, base, tag);
		}
		dup = 0;
		for (j = 0; j < n && !dup; j++)
			dup = strcasecmp(used[j], cand) == 0;
		if (!dup)
			return cand;
	}
}

struct export_xlsx {
	lxw_workbook	*wb;
	lxw_format	*head;
	lxw_format	*wrap;
	lxw_format	*red, *amber, *green;
	lxw_format	*bold;
	char		**names;
	size_t		 nnames;
};

static lxw_worksheet *
export_xlsx_sheet(struct export_xlsx *x, const char *want)
{
	char *name;

	name = export_xlsx_sheet_name(want, x->names, x->nnames);
	x->names = xreallocarray(x->names, x->nnames + 1, sizeof *x->names);
	x->names[x->nnames++] = name;
	return workbook_add_worksheet(x->wb, name);
}

static void
export_xlsx_str(lxw_worksheet *ws, int row, int col, const char *s,
    lxw_format *f)
{
	char *t;

	if (s == NULL)
		return;
	t = export_xlsx_cell_text(s);
	worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, t, f);
	free(t);
}

static const char *
export_xlsx_get(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Band format of a 0..1 score. */
static lxw_format *
export_xlsx_band(struct export_xlsx *x, double s)
{
	return s < 0.5 ? x->red : s < 0.8 ? x->amber : x->green;
}

static void
export_xlsx_num(struct export_xlsx *x, lxw_worksheet *ws, int row, int col,
    json_t *v, double scale)
{
	if (!json_is_number(v))
		return;
	worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col,
	    json_number_value(v), scale > 0 ? export_xlsx_band(x,
	    json_number_value(v) / scale) : NULL);
}

static void
export_xlsx_header(struct export_xlsx *x, lxw_worksheet *ws,
    const char *const *cols, const double *widths)
{
	int i;

	for (i = 0; cols[i] != NULL; i++) {
		worksheet_write_string(ws, 0, (lxw_col_t)i, cols[i], x->head);
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i],
		    NULL);
	}
}

static void
export_xlsx_summary(struct export_xlsx *x, json_t *r)
{
	lxw_worksheet *ws;
	json_t *site = json_object_get(r, "site"), *c, *v;
	const char *rows[] = { "Report", "Kind", "Site", "Site code",
	    "Operator", "Auditor", "Audit date", "Score (0-100)", "Status",
	    "Coverage (%)", "Compliant", "Non-compliant", "Review needed",
	    "Not applicable", "Critical", "Penalty exposure (USD)",
	    "Summary", "Sample data", NULL };
	int i;

	ws = export_xlsx_sheet(x, "Summary");
	worksheet_set_column(ws, 0, 0, 26, x->bold);
	worksheet_set_column(ws, 1, 1, 90, x->wrap);
	for (i = 0; rows[i] != NULL; i++)
		worksheet_write_string(ws, (lxw_row_t)i, 0, rows[i], x->bold);
	export_xlsx_str(ws, 0, 1, export_xlsx_get(r, "report_id"), NULL);
	export_xlsx_str(ws, 1, 1, export_xlsx_get(r, "kind"), NULL);
	export_xlsx_str(ws, 2, 1, export_xlsx_get(site, "name"), NULL);
	export_xlsx_str(ws, 3, 1, export_xlsx_get(site, "code"), NULL);
	export_xlsx_str(ws, 4, 1, export_xlsx_get(site, "operator"), NULL);
	export_xlsx_str(ws, 5, 1, export_xlsx_get(json_object_get(r,
	    "auditor"), "name"), NULL);
	export_xlsx_str(ws, 6, 1, export_xlsx_get(r, "audit_date"), NULL);
	export_xlsx_num(x, ws, 7, 1, json_object_get(r, "score"), 100);
	export_xlsx_str(ws, 8, 1, export_xlsx_get(r, "status"), NULL);
	export_xlsx_num(x, ws, 9, 1, json_object_get(r, "coverage"), 0);
	c = json_object_get(r, "counts");
	export_xlsx_num(x, ws, 10, 1, json_object_get(c, "compliant"), 0);
	export_xlsx_num(x, ws, 11, 1, json_object_get(c, "non_compliant"), 0);
	export_xlsx_num(x, ws, 12, 1, json_object_get(c, "review_needed"), 0);
	export_xlsx_num(x, ws, 13, 1, json_object_get(c, "not_applicable"), 0);
	export_xlsx_num(x, ws, 14, 1, json_object_get(c, "critical"), 0);
	export_xlsx_num(x, ws, 15, 1, json_object_get(json_object_get(r,
	    "penalties"), "total_max_usd"), 0);
	export_xlsx_str(ws, 16, 1, export_xlsx_get(r, "summary"), x->wrap);
	v = json_object_get(r, "sample");
	worksheet_write_string(ws, 17, 1, json_is_true(v) ? "yes (sample "
	    "data, not a real audit)" : "no", NULL);
}

static void
export_xlsx_scores(struct export_xlsx *x, json_t *r)
{
	static const char *const cols[] = { "Framework", "Name", "Category",
	    "Category name", "Score (0-100)", "Scored", "Total", NULL };
	static const double widths[] = { 22, 36, 26, 40, 14, 10, 10 };
	lxw_worksheet *ws;
	json_t *fw, *cat;
	size_t i, k;
	int row = 1;

	ws = export_xlsx_sheet(x, "Framework Scores");
	export_xlsx_header(x, ws, cols, widths);
	json_array_foreach(json_object_get(r, "frameworks"), i, fw) {
		export_xlsx_str(ws, row, 0, export_xlsx_get(fw, "id"), x->bold);
		export_xlsx_str(ws, row, 1, export_xlsx_get(fw, "name"), NULL);
		export_xlsx_num(x, ws, row, 4, json_object_get(fw, "score"),
		    100);
		row++;
		json_array_foreach(json_object_get(fw, "categories"), k, cat) {
			export_xlsx_str(ws, row, 0, export_xlsx_get(fw, "id"),
			    NULL);
			export_xlsx_str(ws, row, 2, export_xlsx_get(cat, "id"),
			    NULL);
			export_xlsx_str(ws, row, 3, export_xlsx_get(cat,
			    "name"), NULL);
			export_xlsx_num(x, ws, row, 4, json_object_get(cat,
			    "score"), 100);
			export_xlsx_num(x, ws, row, 5, json_object_get(cat,
			    "scored"), 0);
			export_xlsx_num(x, ws, row, 6, json_object_get(cat,
			    "total"), 0);
			row++;
		}
	}
}

/* Findings of framework FW (or all when NULL) on sheet NAME. */
static void
export_xlsx_findings(struct export_xlsx *x, json_t *r, const char *name,
    const char *fw)
{
	static const char *const cols[] = { "Framework", "Category",
	    "Reference", "Requirement", "Answer", "Evidence", "Page", "Score",
	    "Status", "Priority", "Gap", "Recommendation", "Articles",
	    "Max penalty (USD)", NULL };
	static const double widths[] = { 18, 20, 20, 50, 20, 60, 6, 8, 15,
	    10, 40, 50, 12, 14 };
	lxw_worksheet *ws;
	json_t *f, *a;
	struct buf arts;
	size_t i, k;
	int row = 1;

	ws = export_xlsx_sheet(x, name);
	export_xlsx_header(x, ws, cols, widths);
	json_array_foreach(json_object_get(r, "findings"), i, f) {
		if (fw != NULL && (export_xlsx_get(f, "framework") == NULL ||
		    strcmp(export_xlsx_get(f, "framework"), fw) != 0))
			continue;
		export_xlsx_str(ws, row, 0, export_xlsx_get(f, "framework"),
		    NULL);
		export_xlsx_str(ws, row, 1, export_xlsx_get(f, "category"),
		    NULL);
		export_xlsx_str(ws, row, 2, export_xlsx_get(f, "ref"), NULL);
		export_xlsx_str(ws, row, 3, export_xlsx_get(f, "requirement"),
		    x->wrap);
		export_xlsx_str(ws, row, 4, export_xlsx_get(f, "answer"),
		    x->wrap);
		export_xlsx_str(ws, row, 5, export_xlsx_get(f, "evidence"),
		    x->wrap);
		export_xlsx_num(x, ws, row, 6, json_object_get(f, "page"), 0);
		export_xlsx_num(x, ws, row, 7, json_object_get(f, "score"), 1);
		export_xlsx_str(ws, row, 8, export_xlsx_get(f, "status"), NULL);
		export_xlsx_str(ws, row, 9, export_xlsx_get(f, "priority"),
		    NULL);
		export_xlsx_str(ws, row, 10, export_xlsx_get(f, "gap"),
		    x->wrap);
		export_xlsx_str(ws, row, 11, export_xlsx_get(f,
		    "recommendation"), x->wrap);
		buf_init(&arts, 0);
		json_array_foreach(json_object_get(f, "articles"), k, a) {
			if (arts.len > 0)
				buf_puts(&arts, ", ");
			buf_printf(&arts, "Art. %s", json_string_value(a) !=
			    NULL ? json_string_value(a) : "");
		}
		export_xlsx_str(ws, row, 12, arts.data, NULL);
		buf_release(&arts);
		export_xlsx_num(x, ws, row, 13, json_object_get(f,
		    "penalty_usd"), 0);
		row++;
	}
}

static void
export_xlsx_penalties(struct export_xlsx *x, json_t *r)
{
	static const char *const cols[] = { "Article", "Description",
	    "Findings", "Max fine (USD)", "Counted", NULL };
	static const double widths[] = { 12, 70, 10, 16, 40 };
	lxw_worksheet *ws;
	json_t *p = json_object_get(r, "penalties"), *a;
	size_t i;
	int row = 1;

	ws = export_xlsx_sheet(x, "Penalties");
	export_xlsx_header(x, ws, cols, widths);
	json_array_foreach(json_object_get(p, "articles"), i, a) {
		export_xlsx_str(ws, row, 0, export_xlsx_get(a, "article"),
		    NULL);
		export_xlsx_str(ws, row, 1, export_xlsx_get(a, "description"),
		    x->wrap);
		export_xlsx_num(x, ws, row, 2, json_object_get(a, "findings"),
		    0);
		export_xlsx_num(x, ws, row, 3, json_object_get(a, "max_usd"),
		    0);
		worksheet_write_string(ws, (lxw_row_t)row, 4, "once, at its "
		    "maximum", NULL);
		row++;
	}
	worksheet_write_string(ws, (lxw_row_t)row, 0, "TOTAL", x->bold);
	export_xlsx_num(x, ws, row, 3, json_object_get(p, "total_max_usd"), 0);
	row += 2;
	json_array_foreach(json_object_get(p, "excluded"), i, a) {
		export_xlsx_str(ws, row, 0, export_xlsx_get(a, "article"),
		    NULL);
		export_xlsx_str(ws, row, 1, export_xlsx_get(a, "description"),
		    x->wrap);
		export_xlsx_num(x, ws, row, 3, json_object_get(a, "max_usd"),
		    0);
		worksheet_write_string(ws, (lxw_row_t)row, 4, "excluded, for "
		    "reference only (not added)", NULL);
		row++;
	}
	row++;
	export_xlsx_str(ws, row, 1, export_xlsx_get(p, "disclaimer"), x->wrap);
}

int
export_xlsx_write(json_t *report, const char *path, char **cause)
{
	struct export_xlsx x;
	lxw_workbook_options opt;
	lxw_error err;
	struct afile a;
	json_t *fw;
	char *sheet;
	const char *id, *name;
	size_t i;

	memset(&x, 0, sizeof x);
	memset(&opt, 0, sizeof opt);
	/*
	 * The file is created here, so that a path that cannot be written
	 * is told with its reason (libxlsxwriter would only say it on
	 * stderr, over the TUI's screen); the library then writes it by
	 * its name and afile renames it into place.
	 */
	if (afile_open(&a, path, cause) == -1)
		return -1;
	if (a.tmp == NULL) {
		afile_abort(&a);
		*cause = xasprintf("'%s' is not a regular file: give a file "
		    "name for the workbook", path);
		return -1;
	}
	fclose(a.f);
	a.f = NULL;
	x.wb = workbook_new_opt(a.tmp, &opt);
	if (x.wb == NULL) {
		*cause = xasprintf("cannot create '%s'", path);
		afile_abort(&a);
		return -1;
	}
	x.head = workbook_add_format(x.wb);
	format_set_bold(x.head);
	format_set_font_color(x.head, LXW_COLOR_WHITE);
	format_set_bg_color(x.head, 0x1F4E78);
	x.wrap = workbook_add_format(x.wb);
	format_set_text_wrap(x.wrap);
	format_set_align(x.wrap, LXW_ALIGN_VERTICAL_TOP);
	x.bold = workbook_add_format(x.wb);
	format_set_bold(x.bold);
	x.red = workbook_add_format(x.wb);
	format_set_bg_color(x.red, 0xFF6B6B);
	x.amber = workbook_add_format(x.wb);
	format_set_bg_color(x.amber, 0xFFD93D);
	x.green = workbook_add_format(x.wb);
	format_set_bg_color(x.green, 0x6BCF7F);
	export_xlsx_summary(&x, report);
	export_xlsx_scores(&x, report);
	export_xlsx_findings(&x, report, "Findings", NULL);
	export_xlsx_penalties(&x, report);
	json_array_foreach(json_object_get(report, "frameworks"), i, fw) {
		id = export_xlsx_get(fw, "id");
		name = export_xlsx_get(fw, "name");
		if (id == NULL)
			continue;
		sheet = xstrdup(name != NULL ? name : id);
		export_xlsx_findings(&x, report, sheet, id);
		free(sheet);
	}
	err = workbook_close(x.wb);
	for (i = 0; i < x.nnames; i++)
		free(x.names[i]);
	free(x.names);
	if (err != LXW_NO_ERROR) {
		*cause = xasprintf("cannot write '%s': %s", path,
		    lxw_strerror(err));
		afile_abort(&a);
		return -1;
	}
	return afile_commit(&a, cause);
}

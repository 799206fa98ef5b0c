/* SPDX-License-Identifier: MIT */
/*
 * Text extraction (see core/extract.h). The input file is read whole into
 * memory under a size bound, its format recognised by content, and each
 * format's reader produces pages of raw text that are normalised here.
 *
 * PDF: poppler-glib, chosen over MuPDF because it links with plain
 * pkg-config and reads the corpus's damaged files without crashing; one
 * PopplerDocument per call, so threads never share one. DOCX: libzip with
 * bounded entry count and inflated size, then libxml2 without network or
 * entity expansion. TXT/MD: UTF-8 or Windows-1252, pages split at form
 * feeds.
 */
#include "core/extract.h"

#include <errno.h>
#include <fcntl.h>
#include <poppler.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/base/buf.h"
#include "core/base/clock.h"
#include "core/base/log.h"
#include "core/base/xmalloc.h"
#include "core/extract_int.h"
#include "core/extract_text.h"

void
extract_limits_default(struct extract_limits *l)
{
	memset(l, 0, sizeof *l);
	l->max_file = 100u << 20;
	l->max_pages = 5000;
	l->max_text = 64u << 20;
	l->max_entries = 2000;
	l->max_inflated = 64u << 20;
	l->max_memory = (size_t)1536 << 20;
}

static const char *
extract_base(const char *path)
{
	const char *s;

	s = strrchr(path, '/');
	return s != NULL ? s + 1 : path;
}

static struct extract_doc *
extract_doc_new(const char *format)
{
	struct extract_doc *d;

	d = xcalloc(1, sizeof *d);
	snprintf(d->format, sizeof d->format, "%s", format);
	return d;
}

void
extract_doc_free(struct extract_doc *d)
{
	int i;

	if (d == NULL)
		return;
	for (i = 0; i < d->npages; i++)
		free(d->pages[i].text);
	free(d->pages);
	free(d);
}

/* Appends a page of raw UTF-8 text; it is normalised here. */
static void
extract_add_page(struct extract_doc *d, const char *raw, int flagged)
{
	char *t;

	t = extract_text_normalize(raw != NULL ? raw : "");
	d->pages = xreallocarray(d->pages, (size_t)d->npages + 1,
	    sizeof *d->pages);
	d->pages[d->npages].text = t;
	d->pages[d->npages].flagged = flagged;
	d->npages++;
	d->nchars += strlen(t);
	if (flagged)
		d->nflagged++;
}

/* 0 while within the deadline and not cancelled, else -1 and *CAUSE. */
static int
extract_check(const char *name, const struct extract_limits *l,
    char **cause)
{
	if (l->cancel != NULL && *l->cancel) {
		*cause = xasprintf("'%s': cancelled", name);
		return -1;
	}
	if (l->deadline_ms != 0 && clock_mono_ms() > l->deadline_ms) {
		*cause = xasprintf("'%s': extraction took longer than the "
		    "time limit", name);
		return -1;
	}
	return 0;
}

/* Non-whitespace characters in S. */
static size_t
extract_ink(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r' &&
		    *s != '\f')
			n++;
	}
	return n;
}

/* Checks the finished document: no pages or no text at all fails. */
static int
extract_finish(const char *name, struct extract_doc *d, char **cause)
{
	int i;
	size_t ink = 0;

	for (i = 0; i < d->npages; i++)
		ink += extract_ink(d->pages[i].text);
	if (ink > 0)
		return 0;
	if (d->nflagged > 0)
		*cause = xasprintf("'%s': image-only document, no text layer "
		    "on any of its %d pages (scanned? run OCR first)", name,
		    d->npages);
	else
		*cause = xasprintf("'%s': the document contains no text",
		    name);
	return -1;
}

/* PDF ------------------------------------------------------------------ */

static int
extract_pdf(const char *name, const char *data, size_t len,
    const struct extract_limits *l, struct extract_doc **out, char **cause)
{
	PopplerDocument *doc;
	PopplerPage *page;
	GBytes *bytes;
	GError *err = NULL;
	GList *images;
	struct extract_doc *d;
	char *txt;
	int i, n, flagged, nbroken = 0;

	bytes = g_bytes_new_static(data, len);
	doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	g_bytes_unref(bytes);
	if (doc == NULL) {
		if (err != NULL && err->domain == POPPLER_ERROR &&
		    err->code == POPPLER_ERROR_ENCRYPTED)
			*cause = xasprintf("'%s': the PDF is encrypted "
			    "(password protected)", name);
		else
			*cause = xasprintf("'%s': corrupt or unreadable "
			    "PDF%s%s", name, err != NULL ? ": " : "",
			    err != NULL ? err->message : "");
		if (err != NULL)
			g_error_free(err);
		return -1;
	}
	n = poppler_document_get_n_pages(doc);
	if (n <= 0) {
		g_object_unref(doc);
		*cause = xasprintf("'%s': corrupt PDF: no pages", name);
		return -1;
	}
	if (n > l->max_pages) {
		g_object_unref(doc);
		*cause = xasprintf("'%s': %d pages, more than the limit of %d",
		    name, n, l->max_pages);
		return -1;
	}
	d = extract_doc_new("pdf");
	for (i = 0; i < n; i++) {
		if (extract_check(name, l, cause) != 0)
			goto fail;
		page = poppler_document_get_page(doc, i);
		if (page == NULL) {
			extract_add_page(d, "", 0);
			nbroken++;
			continue;
		}
		txt = poppler_page_get_text(page);
		flagged = 0;
		if (txt == NULL || extract_ink(txt) == 0) {
			images = poppler_page_get_image_mapping(page);
			flagged = images != NULL;
			poppler_page_free_image_mapping(images);
		}
		extract_add_page(d, txt, flagged);
		g_free(txt);
		g_object_unref(page);
		if (d->nchars > l->max_text) {
			*cause = xasprintf("'%s': more than %zu MB of text",
			    name, l->max_text >> 20);
			goto fail;
		}
	}
	g_object_unref(doc);
	if (nbroken == n) {
		*cause = xasprintf("'%s': corrupt PDF: its page tree is broken "
		    "(no page can be read)", name);
		extract_doc_free(d);
		return -1;
	}
	if (extract_finish(name, d, cause) != 0) {
		extract_doc_free(d);
		return -1;
	}
	*out = d;
	return 0;

fail:
	g_object_unref(doc);
	extract_doc_free(d);
	return -1;
}

/* DOCX ----------------------------------------------------------------- */

static pthread_once_t extract_xml_once = PTHREAD_ONCE_INIT;

static void
extract_xml_init(void)
{
	xmlInitParser();
}

struct extract_docx {
	struct extract_doc	*d;
	struct buf		 page;
	int			 overflow;
};

static void
extract_docx_break(struct extract_docx *x)
{
	extract_add_page(x->d, x->page.data, 0);
	buf_reset(&x->page);
}

static int
extract_docx_is(xmlNode *n, const char *local)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, local) == 0;
}

/* Walks the body in document order (iteratively deep; bounded by size). */
static void
extract_docx_walk(struct extract_docx *x, xmlNode *n, int depth)
{
	xmlChar *s;

	if (depth > 200)
		return;
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (extract_docx_is(n, "t") || extract_docx_is(n, "delText")) {
			if (extract_docx_is(n, "delText"))
				continue;
			s = xmlNodeGetContent(n);
			if (s != NULL && buf_puts(&x->page,
			    (const char *)s) != 0)
				x->overflow = 1;
			xmlFree(s);
			continue;
		}
		if (extract_docx_is(n, "tab")) {
			buf_putc(&x->page, ' ');
			continue;
		}
		if (extract_docx_is(n, "br")) {
			s = xmlGetProp(n, (const xmlChar *)"type");
			if (s != NULL && strcmp((const char *)s, "page") == 0)
				extract_docx_break(x);
			else
				buf_putc(&x->page, '\n');
			xmlFree(s);
			continue;
		}
		if (extract_docx_is(n, "lastRenderedPageBreak")) {
			if (x->page.len > 0)
				extract_docx_break(x);
			continue;
		}
		extract_docx_walk(x, n->children, depth + 1);
		if (extract_docx_is(n, "p") || extract_docx_is(n, "tc"))
			buf_putc(&x->page, extract_docx_is(n, "p") ? '\n' :
			    ' ');
	}
}

static int
extract_docx(const char *name, const char *data, size_t len,
    const struct extract_limits *l, struct extract_doc **out, char **cause)
{
	zip_source_t *src;
	zip_t *za;
	zip_file_t *zf;
	zip_error_t ze;
	zip_int64_t nent, k;
	struct buf xml;
	struct extract_docx x;
	xmlDoc *doc;
	char chunk[65536];
	int rc = -1;

	pthread_once(&extract_xml_once, extract_xml_init);
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src == NULL) {
		*cause = xasprintf("'%s': cannot read the DOCX archive", name);
		zip_error_fini(&ze);
		return -1;
	}
	za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (za == NULL) {
		*cause = xasprintf("'%s': corrupt DOCX (not a zip archive: "
		    "%s)", name, zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	nent = zip_get_num_entries(za, 0);
	if (nent > l->max_entries) {
		*cause = xasprintf("'%s': DOCX archive has %lld entries, more "
		    "than the limit of %d", name, (long long)nent,
		    l->max_entries);
		zip_discard(za);
		return -1;
	}
	zf = zip_fopen(za, "word/document.xml", 0);
	if (zf == NULL) {
		*cause = xasprintf("'%s': not a Word document (no "
		    "word/document.xml)", name);
		zip_discard(za);
		return -1;
	}
	/* The declared size may lie: count what actually inflates. */
	buf_init(&xml, l->max_inflated);
	for (;;) {
		k = zip_fread(zf, chunk, sizeof chunk);
		if (k < 0) {
			*cause = xasprintf("'%s': corrupt DOCX (cannot inflate "
			    "word/document.xml)", name);
			goto out;
		}
		if (k == 0)
			break;
		if (buf_append(&xml, chunk, (size_t)k) != 0) {
			*cause = xasprintf("'%s': word/document.xml inflates "
			    "to more than %zu MB (zip bomb?)", name,
			    l->max_inflated >> 20);
			goto out;
		}
		if (extract_check(name, l, cause) != 0)
			goto out;
	}
	if (xml.len == 0 || xml.len > 0x7fffffff) {
		*cause = xasprintf("'%s': empty word/document.xml", name);
		goto out;
	}
	doc = xmlReadMemory(xml.data, (int)xml.len, "document.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		*cause = xasprintf("'%s': corrupt DOCX (word/document.xml is "
		    "not well-formed XML)", name);
		goto out;
	}
	memset(&x, 0, sizeof x);
	x.d = extract_doc_new("docx");
	buf_init(&x.page, l->max_text);
	extract_docx_walk(&x, xmlDocGetRootElement(doc), 0);
	if (x.page.len > 0 || x.d->npages == 0)
		extract_docx_break(&x);
	buf_release(&x.page);
	xmlFreeDoc(doc);
	if (x.overflow) {
		*cause = xasprintf("'%s': more than %zu MB of text", name,
		    l->max_text >> 20);
		extract_doc_free(x.d);
		goto out;
	}
	if (extract_finish(name, x.d, cause) != 0) {
		extract_doc_free(x.d);
		goto out;
	}
	*out = x.d;
	rc = 0;
out:
	buf_release(&xml);
	zip_fclose(zf);
	zip_discard(za);
	return rc;
}

/* Text ----------------------------------------------------------------- */

int
extract_text_buffer(const char *name, const char *data, size_t len,
    const struct extract_limits *l, struct extract_doc **out, char **cause)
{
	struct extract_doc *d;
	struct buf b;
	const char *ext;
	char *p, *ff;
	int cp1252 = 0;

	ext = strrchr(name, '.');
	d = extract_doc_new(ext != NULL && (strcasecmp(ext, ".md") == 0 ||
	    strcasecmp(ext, ".markdown") == 0) ? "md" : "txt");
	buf_init(&b, l->max_text);
	if (extract_text_to_utf8(data, len, &b, &cp1252) != 0) {
		*cause = xasprintf("'%s': more than %zu MB of text", name,
		    l->max_text >> 20);
		buf_release(&b);
		extract_doc_free(d);
		return -1;
	}
	d->cp1252 = cp1252;
	for (p = b.data;; p = ff + 1) {
		ff = strchr(p, '\f');
		if (ff != NULL)
			*ff = '\0';
		if (d->npages >= l->max_pages) {
			*cause = xasprintf("'%s': more than %d pages", name,
			    l->max_pages);
			buf_release(&b);
			extract_doc_free(d);
			return -1;
		}
		extract_add_page(d, p, 0);
		if (ff == NULL)
			break;
	}
	buf_release(&b);
	if (extract_finish(name, d, cause) != 0) {
		extract_doc_free(d);
		return -1;
	}
	*out = d;
	return 0;
}

/* Reads PATH whole, within L->max_file. */
static int
extract_read(const char *path, const struct extract_limits *l, char **data,
    size_t *len, char **cause)
{
	struct stat sb;
	ssize_t k;
	size_t got = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		*cause = xasprintf("cannot open '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		*cause = xasprintf("'%s' is not a regular file", path);
		close(fd);
		return -1;
	}
	if ((size_t)sb.st_size > l->max_file) {
		*cause = xasprintf("'%s' is too large: %lld MB, the limit is "
		    "%zu MB", extract_base(path),
		    (long long)(sb.st_size >> 20), l->max_file >> 20);
		close(fd);
		return -1;
	}
	if (sb.st_size == 0) {
		*cause = xasprintf("'%s' is empty (0 bytes)",
		    extract_base(path));
		close(fd);
		return -1;
	}
	*data = xmalloc((size_t)sb.st_size + 1);
	while (got < (size_t)sb.st_size) {
		k = read(fd, *data + got, (size_t)sb.st_size - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	(*data)[got] = '\0';
	*len = got;
	if (got == 0) {
		XFREE(*data);
		*cause = xasprintf("'%s' is empty (0 bytes)",
		    extract_base(path));
		return -1;
	}
	return 0;
}

int
extract_file(const char *path, const struct extract_limits *lim,
    struct extract_doc **out, char **cause)
{
	struct extract_limits def;
	const char *name, *ext;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (lim == NULL) {
		extract_limits_default(&def);
		lim = &def;
	}
	*out = NULL;
	if (lim->helper != NULL)
		return extract_helper_run(path, lim, out, cause);
	if (extract_read(path, lim, &data, &len, cause) != 0)
		return -1;
	name = extract_base(path);
	ext = strrchr(name, '.');
	if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
		rc = extract_pdf(name, data, len, lim, out, cause);
	else if (len >= 4 && memcmp(data, "PK\003\004", 4) == 0)
		rc = extract_docx(name, data, len, lim, out, cause);
	else if (ext != NULL && strcasecmp(ext, ".pdf") == 0) {
		*cause = xasprintf("'%s': corrupt PDF (no %%PDF header)",
		    name);
		rc = -1;
	} else if (ext != NULL && strcasecmp(ext, ".docx") == 0) {
		*cause = xasprintf("'%s': corrupt DOCX (not a zip archive)",
		    name);
		rc = -1;
	} else if (memchr(data, '\0', len > 4096 ? 4096 : len) != NULL &&
	    !(len >= 2 && ((unsigned char)data[0] == 0xff ||
	    (unsigned char)data[0] == 0xfe))) {
		*cause = xasprintf("'%s': binary file of an unsupported "
		    "format (PDF, DOCX, TXT and Markdown are read)", name);
		rc = -1;
	} else
		rc = extract_text_buffer(name, data, len, lim, out, cause);
	free(data);
	if (rc == 0)
		log_debug("'%s': %s, %d pages, %zu bytes of text", name,
		    (*out)->format, (*out)->npages, (*out)->nchars);
	return rc;
}

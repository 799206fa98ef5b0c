/* SPDX-License-Identifier: MIT */
#ifndef VO_EXTRACT_H
#define VO_EXTRACT_H

/*
 * Text extraction with page numbers from PDF (poppler-glib), DOCX (libzip
 * and libxml2) and plain text or Markdown. Every page's text goes through
 * text_normalize(), so what the pipeline quotes is exactly what
 * extract_file() returned for that page.
 *
 * Untrusted input: every file is bounded (size, pages, text, zip entries,
 * inflated size, a deadline and a cancel flag checked between pages), and
 * every way a file can be bad ends in -1 with a one-line cause that says
 * why (encrypted, no text layer, corrupt, empty, too large, ...), never
 * a crash or a hang of the caller. Any thread may call extract_file();
 * documents are never shared between threads.
 */

#include <stddef.h>
#include <stdatomic.h>
#include <stdint.h>

struct extract_page {
	char	*text;		/* normalised UTF-8, never NULL */
	int	 flagged;	/* 1: image-only page, no text layer */
};

struct extract_doc {
	struct extract_page *pages;
	int		 npages;
	char		 format[8];	/* "pdf", "docx", "txt", "md" */
	int		 cp1252;	/* text input was not UTF-8 */
	int		 nflagged;	/* pages flagged image-only */
	size_t		 nchars;	/* bytes of text over all pages */
};

struct extract_limits {
	size_t		 max_file;	/* bytes of input */
	int		 max_pages;
	size_t		 max_text;	/* bytes of extracted text */
	int		 max_entries;	/* DOCX: zip entries */
	size_t		 max_inflated;	/* DOCX: bytes of document.xml */
	int64_t		 deadline_ms;	/* clock_mono_ms() bound, 0 = none */
	const atomic_int *cancel;	/* non-zero: stop; may be NULL */
	const char	*helper;	/* run in this program, or NULL */
	size_t		 max_memory;	/* helper's address space, bytes */
};

/* Fills L with the defaults (100 MB, 5000 pages, 64 MB text, ...). */
void	 extract_limits_default(struct extract_limits *l /* OUT */);

/*
 * Extracts PATH. The format is chosen by content (%PDF, a zip holding
 * word/document.xml) and then by extension. Returns 0 and an owned *OUT,
 * or -1 and an owned *CAUSE naming the file.
 */
int	 extract_file(const char *path, const struct extract_limits *,
	    struct extract_doc **out /* OUT */, char **cause /* OUT */);
void	 extract_doc_free(struct extract_doc *);	/* accepts NULL */

/*
 * Isolation: when LIMITS->helper names a program (the vigilore binary),
 * extract_file() runs "HELPER extract --helper --max-memory N FILE" as a
 * child process instead of reading the file itself. The child limits its
 * own address space (RLIMIT_AS) and CPU time; the parent kills it at the
 * deadline or on cancel. A document that crashes the PDF library, loops
 * or eats memory then fails alone, with that reason, and the program
 * goes on. extract_helper_main() is the child's side: it extracts PATH
 * and writes the document (or the cause) as one JSON object on stdout.
 */
int	 extract_helper_main(const char *path, size_t max_memory);

/* Extraction from memory, for tests and fuzzing; NAME is for messages. */
int	 extract_text_buffer(const char *name, const char *data, size_t len,
	    const struct extract_limits *, struct extract_doc **out,
	    char **cause);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the unit tests: a scratch directory per test binary
 * and the removal of a store with its WAL, shared-memory and journal
 * files. Header-only (each test is one translation unit); static inline,
 * so a test that uses one of them is not warned about the other.
 */
#ifndef VIGILORE_TESTS_FIXTURE_H
#define VIGILORE_TESTS_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/base/xmalloc.h"

/*
 * NAME inside this binary's scratch directory, made on first use (in
 * the main thread, before any test starts threads). Owned by the caller.
 */
static inline char *
fixture_path(const char *name)
{
	static char dir[] = "/tmp/vo-unit.XXXXXX";
	static int made;

	if (!made) {
		if (mkdtemp(dir) == NULL)
			abort();
		made = 1;
	}
	return xasprintf("%s/%s", dir, name);
}

/* Removes the store file PATH and the files SQLite keeps beside it. */
static inline void
fixture_unlink_store(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	size_t i;
	char *p;

	for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		p = xasprintf("%s%s", path, suffix[i]);
		unlink(p);
		free(p);
	}
}

#endif

/* SPDX-License-Identifier: MIT */
#ifndef VO_FILEHASH_H
#define VO_FILEHASH_H

/* SHA-256 of files (evidence, audited documents). Any thread. */

#include <stddef.h>

#define FILEHASH_HEX_LEN 65	/* 64 hex digits and the NUL */

/*
 * Hashes the regular file PATH. Returns 0 with the lower-case hex digest
 * in OUT and the size in *size, or -1 and a cause naming the file.
 */
int	 filehash_sha256(const char *path, char out[FILEHASH_HEX_LEN],
	    long long *size /* OUT */, char **cause);

#endif

/* SPDX-License-Identifier: MIT */
#ifndef VO_AFILE_H
#define VO_AFILE_H

/*
 * Files written whole or not at all. The content goes to a new file
 * beside the target (same directory, a name no other writer uses), is
 * flushed to the disk, then renamed over the target: a crash, a kill or
 * a full disk at any point leaves the target as it was (at worst with a
 * stray "NAME.XXXXXXXX.tmp" beside it). The new file gets the mode of
 * the file it replaces, else 0666 less the umask.
 *
 * A target that exists and is not a regular file (/dev/stdout, a FIFO)
 * is written directly: there is nothing to rename over. A directory is
 * refused.
 */

#include <stdio.h>

struct afile {
	FILE	*f;	/* where to write; NULL once closed */
	char	*path;	/* the target */
	char	*tmp;	/* the file written, renamed to path; NULL: direct */
};

/* 0 and A ready to write, or -1 and a cause naming PATH. */
int	 afile_open(struct afile *a, const char *path, char **cause);
/*
 * Flushes, syncs, closes and renames. 0, or -1 and a cause naming the
 * target (the temporary file is removed). A is released either way.
 * A->f may have been closed (and set to NULL) by the caller, when a
 * library wrote A->tmp by its name.
 */
int	 afile_commit(struct afile *a, char **cause);
/* Closes and removes the temporary file; the target is untouched. */
void	 afile_abort(struct afile *a);

#endif

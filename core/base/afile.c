/* SPDX-License-Identifier: MIT */
/* Whole-or-nothing file writes: a temporary beside the target, renamed. */
#include "afile.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "uuid.h"
#include "xmalloc.h"

static void
afile_release(struct afile *a)
{
	XFREE(a->path);
	XFREE(a->tmp);
	a->f = NULL;
}

int
afile_open(struct afile *a, const char *path, char **cause)
{
	struct stat sb;
	unsigned char rnd[4];
	mode_t mode = 0666;
	int fd = -1, i, keep = 0;

	memset(a, 0, sizeof *a);
	if (*path == '\0') {
		*cause = xstrdup("no file name given");
		return -1;
	}
	if (stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode)) {
			*cause = xasprintf("'%s' is a directory: give a file "
			    "name", path);
			return -1;
		}
		if (!S_ISREG(sb.st_mode)) {
			a->f = fopen(path, "w");
			if (a->f == NULL) {
				*cause = xasprintf("cannot write '%s': %s",
				    path, strerror(errno));
				return -1;
			}
			a->path = xstrdup(path);
			return 0;
		}
		mode = sb.st_mode & 07777;
		keep = 1;
	}
	for (i = 0; i < 16 && fd == -1; i++) {
		uuid_random_bytes(rnd, sizeof rnd);
		free(a->tmp);
		a->tmp = xasprintf("%s.%02x%02x%02x%02x.tmp", path, rnd[0],
		    rnd[1], rnd[2], rnd[3]);
		fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    mode);
		if (fd == -1 && errno != EEXIST)
			break;
	}
	if (fd == -1) {
		*cause = xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
		afile_release(a);
		return -1;
	}
	/*
	 * The umask applies at creation; an existing file's mode is kept,
	 * 0666 included.
	 */
	if (keep)
		(void)fchmod(fd, mode);
	a->f = fdopen(fd, "w");
	if (a->f == NULL) {
		*cause = xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
		close(fd);
		unlink(a->tmp);
		afile_release(a);
		return -1;
	}
	a->path = xstrdup(path);
	return 0;
}

/* fsync of the directory holding PATH, so that the rename is durable. */
static void
afile_sync_dir(const char *path)
{
	char *copy = xstrdup(path);
	int fd;

	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd != -1) {
		(void)fsync(fd);
		close(fd);
	}
	free(copy);
}

int
afile_commit(struct afile *a, char **cause)
{
	int err = 0, fd;

	if (a->f != NULL) {
		if (fflush(a->f) != 0 || ferror(a->f))
			err = errno != 0 ? errno : EIO;
		else if (a->tmp != NULL && fsync(fileno(a->f)) != 0)
			err = errno;
		if (fclose(a->f) != 0 && err == 0)
			err = errno;
		a->f = NULL;
	} else if (a->tmp != NULL) {
		fd = open(a->tmp, O_RDONLY | O_CLOEXEC);
		if (fd == -1 || fsync(fd) != 0)
			err = errno;
		if (fd != -1)
			close(fd);
	}
	if (err == 0 && a->tmp != NULL && rename(a->tmp, a->path) != 0)
		err = errno;
	if (err != 0) {
		*cause = xasprintf("cannot write '%s': %s", a->path,
		    strerror(err));
		if (a->tmp != NULL)
			unlink(a->tmp);
		afile_release(a);
		return -1;
	}
	if (a->tmp != NULL)
		afile_sync_dir(a->path);
	afile_release(a);
	return 0;
}

void
afile_abort(struct afile *a)
{
	if (a->f != NULL)
		fclose(a->f);
	if (a->tmp != NULL)
		unlink(a->tmp);
	afile_release(a);
}

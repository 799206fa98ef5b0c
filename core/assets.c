/* SPDX-License-Identifier: MIT */
/*
 * Locating the assets directory (banks, sample data, map). Computed once
 * (pthread_once), then read by any thread.
 */
#include "core/assets.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef VIGILORE_DATADIR
#define VIGILORE_DATADIR "/usr/local/share/vigilore"
#endif

static pthread_once_t assets_once = PTHREAD_ONCE_INIT;
static char assets_path[PATH_MAX];

/* 1 when DIR holds the framework banks. */
static int
assets_try(const char *dir)
{
	char probe[PATH_MAX];

	if (snprintf(probe, sizeof probe, "%s/frameworks", dir) >=
	    (int)sizeof probe || access(probe, R_OK) != 0)
		return 0;
	snprintf(assets_path, sizeof assets_path, "%s", dir);
	return 1;
}

/*
 * In order: $VIGILORE_ASSETS; ./assets (a source tree); beside the
 * binary, for build/<variant>/vigilore in a source tree and for
 * PREFIX/bin/vigilore installed; the compiled-in data directory.
 */
static void
assets_find(void)
{
	const char *env = getenv("VIGILORE_ASSETS");
	char exe[PATH_MAX], dir[PATH_MAX], *slash;
	ssize_t n;

	if (env != NULL && *env != '\0') {
		snprintf(assets_path, sizeof assets_path, "%s", env);
		return;
	}
	if (assets_try("assets"))
		return;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			if ((snprintf(dir, sizeof dir, "%s/../../assets", exe) <
			    (int)sizeof dir && assets_try(dir)) ||
			    (snprintf(dir, sizeof dir, "%s/../share/vigilore",
			    exe) < (int)sizeof dir && assets_try(dir)))
				return;
		}
	}
	snprintf(assets_path, sizeof assets_path, "%s", VIGILORE_DATADIR);
}

const char *
assets_dir(void)
{
	pthread_once(&assets_once, assets_find);
	return assets_path;
}

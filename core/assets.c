/* SPDX-License-Identifier: MIT */
/* Locating the assets directory (banks, sample data, map). */
#include "core/assets.h"

#include <stdlib.h>
#include <unistd.h>

#ifndef VIGILORE_DATADIR
#define VIGILORE_DATADIR "/usr/local/share/vigilore"
#endif

const char *
assets_dir(void)
{
	const char *env = getenv("VIGILORE_ASSETS");

	if (env != NULL && *env != '\0')
		return env;
	if (access("assets/frameworks", R_OK) == 0)
		return "assets";
	return VIGILORE_DATADIR;
}

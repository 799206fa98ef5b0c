/* SPDX-License-Identifier: MIT */
#ifndef VO_EXTRACT_INT_H
#define VO_EXTRACT_INT_H

/* Private to core/extract*.c: extraction in the helper process. */

#include "core/extract.h"

int	 extract_helper_run(const char *path, const struct extract_limits *,
	    struct extract_doc **out, char **cause);

#endif

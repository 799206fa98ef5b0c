/* SPDX-License-Identifier: MIT */
#ifndef VO_ASSETS_H
#define VO_ASSETS_H

/*
 * Where the read-only assets live: $VIGILORE_ASSETS, else ./assets when
 * run from a source tree, else the installed data directory. Borrowed.
 */
const char *assets_dir(void);

#endif

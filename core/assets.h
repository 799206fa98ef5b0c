/* SPDX-License-Identifier: MIT */
#ifndef VO_ASSETS_H
#define VO_ASSETS_H

/*
 * Where the read-only assets live: $VIGILORE_ASSETS, else ./assets, else
 * beside the binary (a build in a source tree, or PREFIX/bin), else the
 * installed data directory. Borrowed; any thread.
 */
const char *assets_dir(void);

#endif

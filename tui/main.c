/* SPDX-License-Identifier: MIT */
/* Program entry: everything goes through the command line (tui/cli.c). */
#include "tui/cli.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}

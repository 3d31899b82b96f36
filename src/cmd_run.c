/*
 * crmbatch run: the end-of-day batch, every stage in order (batchrun.c).
 * Rows rejected do not stop the good ones; they make the exit status 65
 * once everything else is done.
 */
#include "batchrun.h"

enum exit_code cmd_run(const struct options *opts, int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		cli_error("run: no argument expected");
		return EXIT_USAGE;
	}
	return batch_run(opts, NULL);
}

/*
 * crmbatch run: the end-of-day batch, every stage in order (batchrun.c).
 * Rows rejected do not stop the good ones; they make the exit status 65
 * once everything else is done.
 */
#include <getopt.h>

#include "batchrun.h"

enum exit_code cmd_run(const struct options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "source", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct options o = *opts;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		if (c != 's') {
			cli_error("usage: crmbatch run [--source SOURCE]");
			return EXIT_USAGE;
		}
		if (cli_source(&o, optarg))
			return EXIT_USAGE;
	}
	if (optind < argc) {
		cli_error("run: unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	return batch_run(&o, NULL);
}

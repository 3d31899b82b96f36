/* crmbatch delivery: delivery slips for what can ship today (delivery.h). */
#include "batchrun.h"

enum exit_code cmd_delivery(const struct options *opts, int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		cli_error("delivery: no argument expected");
		return EXIT_USAGE;
	}
	static const char *const only[] = { "delivery", NULL };
	return batch_run(opts, only);
}

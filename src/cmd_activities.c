/* crmbatch activities: the leads' history, the agenda and the pipeline
 * (activities.h, pipeline.h). */
#include "batchrun.h"

enum exit_code cmd_activities(const struct options *opts, int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		cli_error("activities: no argument expected");
		return EXIT_USAGE;
	}
	static const char *const only[] = { "activities", NULL };
	return batch_run(opts, only);
}

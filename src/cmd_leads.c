/* crmbatch leads: business cards into output/leads.csv (leads.h). */
#include "batchrun.h"

enum exit_code cmd_leads(const struct options *opts, int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		cli_error("leads: no argument expected");
		return EXIT_USAGE;
	}
	static const char *const only[] = { "leads", NULL };
	return batch_run(opts, only);
}

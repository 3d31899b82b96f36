/* crmbatch quotes: only the quotes stage of the batch (quotes.h). */
#include "batchrun.h"

enum exit_code cmd_quotes(const struct options *opts, int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		cli_error("quotes: no argument expected");
		return EXIT_USAGE;
	}
	static const char *const only[] = { "quotes", NULL };
	return batch_run(opts, only);
}

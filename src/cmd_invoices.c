/* crmbatch invoices [--draft]: the invoices stage (invoices.h). Posting
 * needs the billing role; --draft renders them without number (sales). */
#include <getopt.h>

#include "batchrun.h"

enum exit_code cmd_invoices(const struct options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "draft", no_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct options o = *opts;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+d", longopts, NULL)) != -1) {
		if (c != 'd') {
			cli_error("usage: crmbatch invoices [--draft]");
			return EXIT_USAGE;
		}
		o.draft_invoices = 1;
	}
	if (optind < argc) {
		cli_error("invoices: unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	static const char *const only[] = { "invoices", NULL };
	return batch_run(&o, only);
}

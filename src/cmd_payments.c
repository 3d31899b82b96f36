/* crmbatch payments: match the day's payments to invoices (payments.h). */
#include "batchrun.h"

enum exit_code cmd_payments(const struct options *opts, int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		cli_error("payments: no argument expected");
		return EXIT_USAGE;
	}
	static const char *const only[] = { "payments", NULL };
	return batch_run(opts, only);
}

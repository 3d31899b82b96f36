/* crmbatch stock: stock position, replenishment and purchase orders (stock.h). */
#include "batchrun.h"

enum exit_code cmd_stock(const struct options *opts, int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		cli_error("stock: no argument expected");
		return EXIT_USAGE;
	}
	static const char *const only[] = { "stock", NULL };
	return batch_run(opts, only);
}

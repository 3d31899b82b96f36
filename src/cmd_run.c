/*
 * crmbatch run: the end-of-day batch, every stage in order. Today the
 * stages are ingestion and validation; later stages (leads, activities,
 * quotes, purchase orders, invoices, payments, reports) plug into the
 * ingestion's sinks and run after it. Rows rejected do not stop the good
 * ones; they make the exit status 65 once everything else is done.
 */
#include <stdio.h>

#include "batch.h"

enum exit_code cmd_run(const struct options *opts, int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		cli_error("run: no argument expected");
		return EXIT_USAGE;
	}
	struct batch b;
	struct diag err;
	enum exit_code rc = batch_open(&b, opts, &err);
	if (rc) {
		cli_error("%s", err.msg);
		return rc;
	}
	if ((rc = batch_ingest(&b, &err))) {
		cli_error("%s", err.msg);
		batch_abort(&b);
		return rc;
	}
	if (!opts->quiet)
		batch_summary(&b, stderr);
	long rejected = ingest_rejected(&b.in);
	if ((rc = batch_close(&b, &err))) {
		cli_error("%s", err.msg);
		return rc;
	}
	if (rejected)
		cli_error("%ld row(s) rejected: see %s/rejects.csv", rejected, opts->output_dir);
	return rejected ? EXIT_DATAERR : EXIT_OK;
}

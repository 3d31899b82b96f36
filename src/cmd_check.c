/*
 * crmbatch check: read and validate every input file, produce no document.
 * The summary (rows read, accepted, rejected per file) goes to stdout; the
 * exit status is 65 when any row was rejected, so a script can gate on it.
 */
#include <stdio.h>

#include "batch.h"

enum exit_code cmd_check(const struct options *opts, int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		cli_error("check: no argument expected");
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
	batch_summary(&b, stdout);
	long rejected = ingest_rejected(&b.in);
	if ((rc = batch_close(&b, &err))) {
		cli_error("%s", err.msg);
		return rc;
	}
	return rejected ? EXIT_DATAERR : EXIT_OK;
}

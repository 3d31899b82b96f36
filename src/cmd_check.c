/*
 * crmbatch check [--source SOURCE] [--normalized DIR]: read and validate
 * every input file, produce no document. The summary (rows read, accepted,
 * rejected per file), then how each file's columns were read (its source
 * profile and every header cell's column) and the lines of a source profile
 * that would read the columns read as nothing, go to stdout; the exit status
 * is 65 when any row was rejected or a column of data was left unread, so a
 * script can gate on it. --normalized writes the accepted rows in
 * canonical form (see canonical.h).
 */
#include <getopt.h>
#include <stdio.h>

#include "batch.h"
#include "canonical.h"

enum exit_code cmd_check(const struct options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "normalized", required_argument, NULL, 'n' },
		{ "source", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	const char *normalized = NULL;
	struct options o = *opts;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+n:", longopts, NULL)) != -1) {
		if (c == 'n') {
			normalized = optarg;
		} else if (c != 's') {
			cli_error("usage: crmbatch check [--source SOURCE] [--normalized DIR]");
			return EXIT_USAGE;
		} else if (cli_source(&o, optarg)) {
			return EXIT_USAGE;
		}
	}
	opts = &o;
	if (optind < argc) {
		cli_error("check: unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}

	struct batch b;
	struct canonical cw;
	struct diag err = { "" };
	enum exit_code rc = batch_open(&b, opts, BATCH_VALIDATE, 0, &err);
	if (rc) {
		cli_error("%s", err.msg);
		return rc;
	}
	if (normalized && (rc = canonical_open(&cw, normalized, &b.in, &err))) {
		cli_error("%s", err.msg);
		batch_abort(&b);
		return rc;
	}
	if ((rc = batch_ingest(&b, &err)) || (normalized && (rc = canonical_close(&cw, &b.in, &err)))) {
		cli_error("%s", err.msg);
		if (normalized)
			canonical_abort(&cw);
		batch_abort(&b);
		return rc;
	}
	batch_summary(&b, stdout);
	batch_mappings(&b, stdout);
	batch_profile_stubs(&b, stdout);
	/* A column of data left unread is an error, as a rejected row is. */
	long rejected = ingest_rejected(&b.in) + ingest_data_unread(&b.in);
	if ((rc = batch_close(&b, &err))) {
		cli_error("%s", err.msg);
		return rc;
	}
	return rejected ? EXIT_DATAERR : EXIT_OK;
}

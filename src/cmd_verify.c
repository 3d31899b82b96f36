/* crmbatch verify [--head COUNT:HASH]: the register's chain, every file it
 * names, the store's records (store.h), and that it still reaches a head a
 * run printed (register.h). */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "register.h"
#include "store.h"

enum exit_code cmd_verify(const struct options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "head", required_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 },
	};
	struct reg_head head;
	int has_head = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		if (c == 'H' && register_head_parse(optarg, &head) == 0) {
			has_head = 1;
		} else if (c == 'H') {
			cli_error("verify: --head '%s': expected COUNT:HASH, a run's head (a line count and 64 lowercase "
				  "hex digits)", optarg);
			return EXIT_USAGE;
		} else {
			cli_error("usage: crmbatch verify [--head COUNT:HASH]");
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		cli_error("verify: unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	struct diag err = { "" };
	long lines = 0, files = 0;
	long records = 0;
	enum exit_code rc = register_verify(opts->output_dir, has_head ? &head : NULL, &lines, &files, &err);
	/* The store's records are covered by the chain through their hash,
	 * the register line's content. */
	if (!rc)
		rc = store_verify(opts->output_dir, &records, &err);
	if (rc) {
		cli_error("%s", err.msg);
		return rc;
	}
	if (!opts->quiet) {
		printf("verify: %ld register line(s) chained, %ld file(s) as registered\n", lines, files);
		printf("verify: %ld stored document(s) as registered\n", records);
		if (has_head)
			printf("verify: the register reaches the head %lu:%s\n", head.count, head.chain);
	}
	return EXIT_OK;
}

/* crmbatch verify: the register's chain and every file it names (register.h). */
#include <stdio.h>

#include "cli.h"
#include "register.h"

enum exit_code cmd_verify(const struct options *opts, int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		cli_error("verify: no argument expected");
		return EXIT_USAGE;
	}
	struct diag err = { "" };
	long lines = 0, files = 0;
	enum exit_code rc = register_verify(opts->output_dir, &lines, &files, &err);
	if (rc) {
		cli_error("%s", err.msg);
		return rc;
	}
	if (!opts->quiet)
		printf("verify: %ld register line(s) chained, %ld file(s) as registered\n", lines, files);
	return EXIT_OK;
}

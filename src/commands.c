/* commands: the table of crmbatch's commands (one cmd_<name>.c each). */
#include "cli.h"

#include <stddef.h>

const struct command commands[] = {
	{ "check", "", "read and validate every input file, produce no document", cmd_check },
	{ "run", "", "the end-of-day batch: every stage in order", cmd_run },
	{ NULL, NULL, NULL, NULL },
};

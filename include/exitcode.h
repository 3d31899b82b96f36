/*
 * exitcode: what crmbatch tells the shell. The values follow BSD's
 * sysexits.h so scripts can tell a data problem from a broken set-up.
 * Documented in crmbatch.1 (EXIT STATUS); only main() turns them into exit().
 */
#ifndef CRMBATCH_EXITCODE_H
#define CRMBATCH_EXITCODE_H

enum exit_code {
	EXIT_OK = 0,
	EXIT_USAGE = 64,     /* bad command line */
	EXIT_DATAERR = 65,   /* some input rows were rejected */
	EXIT_NOINPUT = 66,   /* an input folder or file is missing */
	EXIT_SOFTWARE = 70,  /* a bug: an invariant broke */
	EXIT_CANTCREAT = 73, /* an output file cannot be created */
	EXIT_IOERR = 74,     /* a read or write failed (disk full included) */
	EXIT_NOPERM = 77,    /* the acting user lacks the role for a stage */
	EXIT_CONFIG = 78,    /* the configuration is missing or wrong */
};

#endif

/*
 * exitcode: what crmbatch tells the shell. The values follow BSD's
 * sysexits.h so scripts can tell a data problem from a broken set-up.
 *
 * The table below is the one list of them (as curl keeps its exit codes in
 * one file): the enum and the --help footer are generated from it, and a
 * test checks that crmbatch.1 (EXIT STATUS) and the README list the same
 * codes. Only main() turns them into exit().
 */
#ifndef CRMBATCH_EXITCODE_H
#define CRMBATCH_EXITCODE_H

/* X(name, value, meaning for --help) */
#define CRMBATCH_EXIT_CODES(X) \
	X(EXIT_OK, 0, "ok") \
	X(EXIT_USAGE, 64, "usage error") \
	X(EXIT_DATAERR, 65, "some rows or documents were refused (the good ones were processed)") \
	X(EXIT_NOINPUT, 66, "input folder missing, or none of the input files in it") \
	X(EXIT_SOFTWARE, 70, "internal error (a bug)") \
	X(EXIT_CANTCREAT, 73, "an output file or folder cannot be created") \
	X(EXIT_IOERR, 74, "I/O error, a full disk included") \
	X(EXIT_TEMPFAIL, 75, "another run holds the output folder: try again later") \
	X(EXIT_NOPERM, 77, "the acting user lacks the role for a stage") \
	X(EXIT_CONFIG, 78, "the configuration is missing or wrong")

enum exit_code {
#define CRMBATCH_EXIT_ENUM(name, value, meaning) name = value,
	CRMBATCH_EXIT_CODES(CRMBATCH_EXIT_ENUM)
#undef CRMBATCH_EXIT_ENUM
};

#endif

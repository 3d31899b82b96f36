/*
 * diag: how errors travel up to main.
 *
 * A function that can fail returns an enum exit_code (EXIT_OK on success)
 * and, on failure, fills the caller's struct diag with one message in the
 * GNU style ("input/contacts.csv: cannot open: No such file or directory",
 * lower case, no full stop). Only main prints it, prefixed by "crmbatch: ".
 */
#ifndef CRMBATCH_DIAG_H
#define CRMBATCH_DIAG_H

#include "exitcode.h"

struct diag {
	char msg[1024];
};

/* Formats the message into d and returns code, so callers can write
 * `return diag_set(err, EXIT_IOERR, "%s: ...", path);`. */
enum exit_code diag_set(struct diag *d, enum exit_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* As diag_set, with ": strerror(errnum)" appended; a full disk is named as
 * such, since it is the one write error a user can fix at once. */
enum exit_code diag_errno(struct diag *d, enum exit_code code, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif

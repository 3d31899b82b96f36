/*
 * rejects: where every problem found in the input goes.
 *
 * Each problem is printed on stderr in the GNU format
 * ("crmbatch: input/order_lines.csv:12:5: qty: not a number 'abc'") and
 * appended to output/rejects.csv (file, line, column, field, value,
 * severity, reason), which is written atomically when the run ends.
 */
#ifndef CRMBATCH_REJECTS_H
#define CRMBATCH_REJECTS_H

#include "diag.h"

enum severity {
	SEV_ERROR,    /* the row is rejected */
	SEV_WARNING,  /* the row is kept; something was noticed or corrected */
};

struct reject {
	const char *file;   /* path as the user gave it (input/contacts.csv) */
	long line;          /* physical line, 0 when the whole file is meant */
	int column;         /* 1-based column, 0 for the whole row */
	const char *field;  /* canonical column name, or NULL */
	const char *value;  /* the offending text, or NULL */
	enum severity severity;
	const char *reason;
	/* Warnings only: a plural phrase naming what repeats ("invoices for
	 * business customers without SIREN"). The first such warning is
	 * printed; the others go to rejects.csv and are counted, and the count
	 * is printed once ("... 97 more invoices for ..."). NULL: always printed. */
	const char *repeat;
};

struct rejects;

/* Opens output_dir/rejects.csv for writing (atomically, at close).
 * quiet: warnings are not echoed on stderr (errors always are). */
enum exit_code rejects_open(struct rejects **out, const char *output_dir, int quiet, struct diag *err);
void rejects_add(struct rejects *rj, const struct reject *r);
/* Counts so far. */
long rejects_errors(const struct rejects *rj);
long rejects_warnings(const struct rejects *rj);
/* Writes the file into place and frees rj. */
enum exit_code rejects_close(struct rejects *rj, struct diag *err);
/* Frees rj and leaves the previous rejects.csv as it was. */
void rejects_abort(struct rejects *rj);

#endif

/*
 * csvwrite: the one way crmbatch writes a CSV field (RFC 4180): quoted only
 * when it holds a delimiter, a quote, a line break or edge spaces, with
 * quotes doubled (libcsv's csv_fwrite does the quoting). A field that a
 * spreadsheet would take for a formula (starting with =, +, -, @, tab or
 * CR, numbers aside) is written with a leading ', as Odoo's own export
 * does, so that leads.csv or rejects.csv open safely; csvread strips it
 * back, from crmbatch's outputs and from Odoo's exports alike.
 */
#ifndef CRMBATCH_CSVWRITE_H
#define CRMBATCH_CSVWRITE_H

#include <stdio.h>

/* Writes s (NULL: empty) then ',' or, when last, '\n'. */
void csv_write_field(FILE *fp, const char *s, int last);

/* Does s start with the guard: a ' before a formula character? */
int csv_formula_guarded(const char *s);

#endif

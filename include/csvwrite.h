/*
 * csvwrite: the one way crmbatch writes a CSV field (RFC 4180): quoted only
 * when it holds a delimiter, a quote, a line break or edge spaces, with
 * quotes doubled (libcsv's csv_fwrite does the quoting).
 */
#ifndef CRMBATCH_CSVWRITE_H
#define CRMBATCH_CSVWRITE_H

#include <stdio.h>

/* Writes s (NULL: empty) then ',' or, when last, '\n'. */
void csv_write_field(FILE *fp, const char *s, int last);

#endif

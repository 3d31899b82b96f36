/*
 * canonical: accepted input rows written back in one canonical form —
 * canonical column names, UTF-8, ',' delimiter, LF, dot decimals at the
 * column's full scale, ISO dates, yes/no. Two exports of the same data in
 * different dialects (a French Excel ';' file in Windows-1252 and a UTF-8
 * ',' one) give byte-identical canonical files.
 */
#ifndef CRMBATCH_CANONICAL_H
#define CRMBATCH_CANONICAL_H

#include "atomic.h"
#include "ingest.h"

struct canonical {
	const char *dir;
	struct atomic_file files[IN_FILE_COUNT];
	int open[IN_FILE_COUNT];
};

/* Opens dir/<file> for every input file and adds the writers to in's sinks. */
enum exit_code canonical_open(struct canonical *cw, const char *dir, struct ingest *in, struct diag *err);
/* Writes the files into place (only those whose input file was present). */
enum exit_code canonical_close(struct canonical *cw, const struct ingest *in, struct diag *err);
void canonical_abort(struct canonical *cw);

#endif

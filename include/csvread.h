/*
 * csvread: the one reader every input file goes through.
 *
 * It streams a file through libcsv (memory per record, not per file) and
 * hands each record to a callback with the physical line of each field, so
 * every diagnostic can name file:line:column. On the way it settles the
 * dialect of the file: the delimiter (',' ';' or tab, or an Excel "sep=;"
 * first line), the encoding (UTF-8 with or without BOM, else Windows-1252,
 * converted to UTF-8), CRLF or LF. Quoting follows RFC 4180; a record with
 * broken quoting is reported through the `bad` callback and skipped, and
 * reading resumes on the next line.
 */
#ifndef CRMBATCH_CSVREAD_H
#define CRMBATCH_CSVREAD_H

#include <stddef.h>

#include "diag.h"

enum csv_encoding {
	CSV_ENC_UTF8,
	CSV_ENC_UTF8_BOM,
	CSV_ENC_CP1252,
};

/* A record, borrowed by the callback: valid until it returns. */
struct csv_row {
	long index;        /* 0 for the header, then 1, 2, ... */
	size_t n;          /* number of fields */
	char **field;      /* UTF-8, NUL-terminated, blanks around unquoted text trimmed */
	size_t *len;       /* byte length of each field */
	long *line;        /* physical line (1-based) on which each field starts */
	long first_line;   /* physical line on which the record starts */
	long last_line;    /* ... and ends (later when a quoted field holds line breaks) */
};

struct csv_stats {
	unsigned long long bytes;  /* bytes read */
	long lines;                /* physical lines */
	long records;              /* records handed to `row`, header included */
	long bad;                  /* records reported to `bad` */
	char delim;
	enum csv_encoding encoding;
};

struct csv_reader_ops {
	/* Every well-formed record. A non-zero return stops the reading and is
	 * returned by csv_read_file (as an enum exit_code). */
	int (*row)(void *ctx, const struct csv_row *row);
	/* A record with broken quoting (or over the size limit), skipped. */
	int (*bad)(void *ctx, long first_line, long last_line, const char *reason);
	/* Bytes done so far of the file's total (may be NULL). */
	void (*progress)(void *ctx, unsigned long long done, unsigned long long total);
	void *ctx;
};

/* The largest record accepted, in bytes: a bound on memory when a quote is
 * left open in a large file. */
#define CSV_MAX_RECORD (1u << 20)

/*
 * Reads path from start to end. Returns EXIT_OK, EXIT_NOINPUT when the file
 * cannot be opened, EXIT_IOERR on a read error, or what a callback returned.
 * stats may be NULL.
 */
enum exit_code csv_read_file(const char *path, const struct csv_reader_ops *ops,
			     struct csv_stats *stats, struct diag *err);

/* "UTF-8", "UTF-8 with BOM", "Windows-1252". */
const char *csv_encoding_name(enum csv_encoding e);

#endif

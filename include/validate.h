/*
 * validate: from a CSV record to a typed, checked record.
 *
 * The header maps columns by name (any order, aliases, case and accents
 * ignored). Each row's fields are parsed by their schema type, checked for
 * range, then checked against the rest of the batch: unique keys, and
 * references to files read before (an order line's product, an activity's
 * lead...). Every problem goes to the rejects sink with file, line, column
 * and field; a row with an error is rejected, never half-kept.
 */
#ifndef CRMBATCH_VALIDATE_H
#define CRMBATCH_VALIDATE_H

#include <stdint.h>

#include "config.h"
#include "csvread.h"
#include "keyset.h"
#include "rejects.h"
#include "schema.h"
#include "source.h"
#include "strpool.h"

/* The largest quantity a row may hold, in 1/1000 (a billion units). */
#define QTY_LIMIT INT64_C(1000000000000)

/* A validated row; text pointers borrow the CSV record (valid until the
 * next row). Numbers, dates (days), booleans and enums are in num[]. */
struct record {
	const struct file_schema *schema;
	long line;                      /* first physical line */
	const char *text[MAX_COLUMNS];  /* NULL when the column is absent or empty */
	int64_t num[MAX_COLUMNS];
	int column[MAX_COLUMNS];        /* 1-based column in the file, 0 when absent */
};

/* Which field of the file holds which column. */
struct header_map {
	int field_of_col[MAX_COLUMNS]; /* -1 when the column is absent */
	int *col_of_field;             /* -1 for a column not read, HEADER_IGNORED for
					* one its profile lists as carrying nothing we use */
	size_t nfields;
	/* Odoo's export of sale orders with their lines ("Order Lines/Product"):
	 * a row whose order cells are empty continues the order above it. */
	int one_to_many;
	const struct source_profile *source; /* the profile its names were read in (NULL: native) */
	int detected;                  /* source detected from the header, not forced */
};

#define HEADER_IGNORED (-2)

/* Display names of one file's rows (a product's name, a customer's, a
 * card's company or person), for exports that hold names, not codes. */
struct name_index {
	/* Names are queued as rows are accepted and indexed only when a
	 * reference first misses its key (an export holding names): most
	 * exports hold codes, and indexing half a million names cost a large
	 * day's check 0.7 s and 40 MB. */
	struct strpool strings;    /* the queued keys and names */
	const char **queue;        /* key, name, identity, key, name, identity... */
	size_t nqueue, capqueue, indexed; /* indexed: triples of the queue already in by_name */
	struct keyset *by_name;    /* header_key of the name -> index in code */
	const char **code;         /* the row's key (in strings) */
	const char **ident;        /* who the row is, when two keys may be one (a card's e-mail), or NULL */
	const char **also;         /* another key with the same name, NULL when none (in strings) */
	long *nmore;               /* how many more keys have it (NULL until one has) */
	size_t n, cap;
};

/* The batch-wide state validation needs: config and key indexes. */
struct validator {
	const struct config *cfg;
	struct rejects *rejects;
	const struct sources *sources;             /* the profiles a header may be read in (borrowed) */
	int forced;                                /* --source: every file in forced_profile */
	const struct source_profile *forced_profile; /* NULL: native names only */
	struct keyset *keys[IN_FILE_COUNT]; /* accepted keys of each file -> line */
	struct name_index names[IN_FILE_COUNT]; /* products, customers, contacts */
	char *order_cells[MAX_COLUMNS];    /* one-to-many: the order above's cells (owned) */
	char *plain[MAX_COLUMNS];          /* the row's HTML notes as text (owned, per row) */
	char *joined;                      /* an activity's summary and note together (owned, per row) */
};

void validator_init(struct validator *v, const struct config *cfg, struct rejects *rj);
void validator_release(struct validator *v);

/*
 * Maps the header row, read with the native names and one profile: the
 * one v forces (--source), else the one whose `detect` labels the header
 * holds most of, two at least or the one it lists (ties: the one naming
 * more of its cells, then the first by name), else none. Columns neither read nor listed in the profile's
 * ignore get one warning; a column named twice keeps the first. Returns 0,
 * or -1 when a required column is missing: the reason is reported and the
 * file must be skipped.
 */
int header_map_build(struct header_map *map, const struct file_schema *fs, const struct csv_row *header,
		     const char *path, struct validator *v);

/* How many cells of row name a column of fs, natively or in any profile:
 * 0 for a line of notes or a title above a table's header. Reports nothing. */
int header_cells_named(const struct validator *v, const struct file_schema *fs, const struct csv_row *row);
void header_map_release(struct header_map *map);

/*
 * Parses and checks one data row into rec. Returns the number of errors
 * reported (0: the row is accepted and its key, if any, is indexed).
 */
int record_validate(struct validator *v, const struct file_schema *fs, const struct header_map *map,
		    const struct csv_row *row, const char *path, struct record *rec);

/* Parses yes/no in the forms exports use; -1 when it is neither. */
int parse_bool(const char *s);

#endif

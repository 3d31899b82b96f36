/*
 * ingest: the first stage of every run. Reads the input files in their
 * dependency order (partners, products, cards, activities, order lines,
 * payments), validates each row and hands the accepted ones to the stages
 * that asked for them. It counts, for every file, rows read, accepted and
 * rejected: read = accepted + rejected, always.
 */
#ifndef CRMBATCH_INGEST_H
#define CRMBATCH_INGEST_H

#include "config.h"
#include "csvread.h"
#include "rejects.h"
#include "validate.h"

struct file_counts {
	int present;        /* the file exists */
	int skipped;        /* no usable header: every line of the file, the
			     * one taken for the header included, is counted
			     * read and rejected, so a skipped file is always
			     * a data error (exit 65) */
	long read, accepted, rejected;
	/* Lines that were no rows, skipped and reported: notes or a title
	 * above the header, a report's footer below the rows. */
	long before_header, after_rows;
	struct csv_stats csv;
	const struct source_profile *source; /* the profile its header was read in (NULL: native) */
	int detected;        /* ... detected, not forced by --source */
	char *mapping;       /* what each header cell was read as, a line each (owned) */
	/* The header's columns read as nothing and not in the profile's
	 * ignore, with what their values look like. */
	struct unread_column *unread;
	size_t nunread;
	unsigned char mapped[MAX_COLUMNS]; /* crmbatch's columns the header has */
	char *named_label;   /* the header's first cell read as a column (owned) */
	long data_unread;    /* of those, columns whose values look like data
			      * crmbatch reads: each an error (exit 65) */
};

/* What a column's values look like, to tell data left unread. */
enum value_kind { KIND_NONE, KIND_EMAIL, KIND_PHONE, KIND_DATE, KIND_AMOUNT, KIND_COUNT };

/* "phone numbers"... */
const char *value_kind_name(enum value_kind k);

struct unread_column {
	char *label;         /* the header cell, as written */
	int field;           /* 0-based */
	long line;           /* the header's line */
	long sampled;        /* non-empty values looked at (the first ones) */
	long seen[KIND_COUNT];
	char *example[KIND_COUNT]; /* the first value of each kind */
	enum value_kind kind; /* what they look like, once the file is read */
};

/* What a sink returns for a row: 0 when it takes it, INGEST_REJECT when
 * the stage refuses it (the stage has reported why; the row is counted as
 * rejected), or an enum exit_code that stops the run. */
#define INGEST_REJECT (-1)

/* A stage's interest in a file's accepted rows. */
struct ingest_sink {
	int (*on_record)(void *ctx, const struct record *rec);
	void *ctx;
};

#define INGEST_MAX_SINKS 4

struct ingest {
	const char *input_dir;
	int progress;                         /* draw a progress bar */
	struct ingest_sink sinks[IN_FILE_COUNT][INGEST_MAX_SINKS];
	size_t nsinks[IN_FILE_COUNT];
	struct validator v;                   /* key indexes stay for later stages */
	struct file_counts counts[IN_FILE_COUNT];
};

/* Adds a sink to file f's rows. Sinks run in the order they were added and
 * a row another sink may refuse should reach the refusing sink first. */
void ingest_add_sink(struct ingest *in, enum input_file f,
		     int (*on_record)(void *ctx, const struct record *rec), void *ctx);

/* Prepares in (no sinks); release with ingest_release. */
void ingest_init(struct ingest *in, const struct config *cfg, struct rejects *rj,
		 const char *input_dir);
void ingest_release(struct ingest *in);

/*
 * Reads every input file. Returns EXIT_NOINPUT when the input folder is
 * missing or holds none of the files, EXIT_IOERR on a read error, or what a
 * sink returned; rejected rows are not a failure here (see counts).
 */
enum exit_code ingest_run(struct ingest *in, struct diag *err);

/* A stage refused, after ingestion, a row of file f that ingestion had
 * accepted (the stage reported why): the counts move with it. */
void ingest_refuse_late(struct ingest *in, enum input_file f);

/* Total rows rejected over all files. */
long ingest_rejected(const struct ingest *in);

/* Columns not read whose values look like data crmbatch reads, over all
 * files: each is an error (exit 65), reported in rejects.csv. */
long ingest_data_unread(const struct ingest *in);

#endif

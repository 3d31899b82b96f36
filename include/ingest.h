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
	int skipped;        /* a required column was missing */
	long read, accepted, rejected;
	struct csv_stats csv;
};

/* A stage's interest in a file's accepted rows. A non-zero return stops
 * the run with that exit code. */
struct ingest_sink {
	int (*on_record)(void *ctx, const struct record *rec);
	void *ctx;
};

struct ingest {
	const char *input_dir;
	int progress;                         /* draw a progress bar */
	struct ingest_sink sinks[IN_FILE_COUNT];
	struct validator v;                   /* key indexes stay for later stages */
	struct file_counts counts[IN_FILE_COUNT];
};

/* Prepares in (sinks empty); release with ingest_release. */
void ingest_init(struct ingest *in, const struct config *cfg, struct rejects *rj,
		 const char *input_dir);
void ingest_release(struct ingest *in);

/*
 * Reads every input file. Returns EXIT_NOINPUT when the input folder is
 * missing or holds none of the files, EXIT_IOERR on a read error, or what a
 * sink returned; rejected rows are not a failure here (see counts).
 */
enum exit_code ingest_run(struct ingest *in, struct diag *err);

/* Total rows rejected over all files. */
long ingest_rejected(const struct ingest *in);

#endif

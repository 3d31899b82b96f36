/*
 * batch: what every command that reads the day's exports shares — the
 * config, the output folder, the rejects file and the ingestion — and the
 * per-file summary. The stages of `run` plug into batch.in.sinks.
 */
#ifndef CRMBATCH_BATCH_H
#define CRMBATCH_BATCH_H

#include <stdio.h>

#include "cli.h"
#include "config.h"
#include "ingest.h"
#include "rejects.h"

struct batch {
	const struct options *opts;
	struct config cfg;
	struct rejects *rejects;
	struct ingest in;
};

/* Loads the config, makes the output folder, opens output/rejects.csv. */
enum exit_code batch_open(struct batch *b, const struct options *opts, struct diag *err);
/* Reads and validates every input file through b->in's sinks. */
enum exit_code batch_ingest(struct batch *b, struct diag *err);
/* One line per input file: rows read, accepted, rejected. */
void batch_summary(const struct batch *b, FILE *out);
/* Writes rejects.csv into place and releases b. */
enum exit_code batch_close(struct batch *b, struct diag *err);
/* Releases b, leaving the previous rejects.csv in place. */
void batch_abort(struct batch *b);

#endif

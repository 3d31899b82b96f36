/*
 * batchrun: the end-of-day batch as a list of stages, run in order by
 * `crmbatch run`, each also a command of its own (`crmbatch quotes`...).
 * A stage reads what ingestion kept in the batch and issues its documents.
 */
#ifndef CRMBATCH_BATCHRUN_H
#define CRMBATCH_BATCHRUN_H

#include "batch.h"

struct batch_stage {
	const char *name;
	/* Runs the stage; its one-line summary goes to `out` (stderr). */
	enum exit_code (*run)(struct batch *b, FILE *out, struct diag *err);
	unsigned keep;  /* enum batch_keep: what it needs kept of the day */
};

extern const struct batch_stage batch_stages[];


/* Opens the batch, ingests, runs the given stages (NULL-terminated list of
 * names, or NULL for all), closes: the body of `run` and of each stage's
 * command. */
enum exit_code batch_run(const struct options *opts, const char *const *only);

#endif

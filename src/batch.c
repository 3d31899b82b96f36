/* batch: the shared frame of check and run (see include/batch.h). */
#include "batch.h"

#include <string.h>

#include "atomic.h"

enum exit_code batch_open(struct batch *b, const struct options *opts, struct diag *err)
{
	memset(b, 0, sizeof *b);
	b->opts = opts;
	enum exit_code rc = config_load(&b->cfg, opts->config_dir, err);
	if (rc)
		return rc;
	if ((rc = ensure_dir(opts->output_dir, err)) ||
	    (rc = rejects_open(&b->rejects, opts->output_dir, opts->quiet, err))) {
		config_release(&b->cfg);
		return rc;
	}
	ingest_init(&b->in, &b->cfg, b->rejects, opts->input_dir);
	b->in.progress = opts->progress;
	return EXIT_OK;
}

enum exit_code batch_ingest(struct batch *b, struct diag *err)
{
	return ingest_run(&b->in, err);
}

void batch_summary(const struct batch *b, FILE *out)
{
	fprintf(out, "%-20s %10s %10s %10s  %s\n", "file", "read", "accepted", "rejected", "format");
	for (int f = 0; f < IN_FILE_COUNT; f++) {
		const struct file_counts *c = &b->in.counts[f];
		const char *name = schema_get((enum input_file)f)->filename;
		if (!c->present) {
			fprintf(out, "%-20s %10s %10s %10s  absent\n", name, "-", "-", "-");
			continue;
		}
		char delim[8];
		if (c->csv.delim == '\t')
			strcpy(delim, "tab");
		else
			snprintf(delim, sizeof delim, "'%c'", c->csv.delim ? c->csv.delim : ',');
		fprintf(out, "%-20s %10ld %10ld %10ld  %s, %s%s\n", name, c->read, c->accepted, c->rejected,
			csv_encoding_name(c->csv.encoding), delim, c->skipped ? ", file skipped" : "");
	}
}

static void release(struct batch *b)
{
	ingest_release(&b->in);
	config_release(&b->cfg);
}

enum exit_code batch_close(struct batch *b, struct diag *err)
{
	enum exit_code rc = rejects_close(b->rejects, err);
	release(b);
	return rc;
}

void batch_abort(struct batch *b)
{
	rejects_abort(b->rejects);
	release(b);
}

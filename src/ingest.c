/* ingest: read and validate every input file (see include/ingest.h). */
#include "ingest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "progress.h"
#include "xalloc.h"

void ingest_init(struct ingest *in, const struct config *cfg, struct rejects *rj,
		 const char *input_dir)
{
	memset(in, 0, sizeof *in);
	in->input_dir = input_dir;
	in->source = SOURCE_AUTO;
	validator_init(&in->v, cfg, rj);
}

void ingest_release(struct ingest *in)
{
	for (int f = 0; f < IN_FILE_COUNT; f++)
		free(in->counts[f].mapping);
	validator_release(&in->v);
}

struct file_read {
	struct ingest *in;
	const struct file_schema *fs;
	const char *path;
	struct file_counts *counts;
	struct header_map map;
	int have_header;
	struct progress bar;
	struct record rec;
};

/* What each column of the header was read as, for check to print. */
static void record_mapping(struct file_read *fr, const struct csv_row *header)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		abort(); /* out of memory */
	for (size_t i = 0; i < header->n; i++) {
		int c = fr->map.col_of_field[i];
		fprintf(f, "  column %zu \"%s\" -> %s\n", i + 1, header->field[i],
			c >= 0 ? fr->fs->cols[c].name : "ignored");
	}
	if (fclose(f) != 0)
		abort();
	free(fr->counts->mapping);
	fr->counts->mapping = text;
	fr->counts->source = fr->map.source;
	fr->counts->detected = fr->map.detected;
}

static void count_rejected(struct file_counts *c)
{
	c->read++;
	c->rejected++;
}

static int on_row(void *ctx, const struct csv_row *row)
{
	struct file_read *fr = ctx;
	if (row->index == 0) {
		fr->have_header = 1;
		if (header_map_build(&fr->map, fr->fs, row, fr->in->source, fr->path, &fr->in->v) != 0)
			fr->counts->skipped = 1;
		record_mapping(fr, row);
		/* In a skipped file the line taken for the header may well be a
		 * row (a one-line export without its header): nothing of the
		 * file was read, so it counts too, rejected. */
		if (fr->counts->skipped)
			count_rejected(fr->counts);
		return 0;
	}
	fr->counts->read++;
	if (fr->counts->skipped) {
		fr->counts->rejected++;
		return 0;
	}
	if (record_validate(&fr->in->v, fr->fs, &fr->map, row, fr->path, &fr->rec) != 0) {
		fr->counts->rejected++;
		return 0;
	}
	enum input_file f = fr->fs->id;
	for (size_t i = 0; i < fr->in->nsinks[f]; i++) {
		const struct ingest_sink *sink = &fr->in->sinks[f][i];
		int rc = sink->on_record(sink->ctx, &fr->rec);
		if (rc == INGEST_REJECT) {
			fr->counts->rejected++;
			return 0;
		}
		if (rc)
			return rc;
	}
	fr->counts->accepted++;
	return 0;
}

void ingest_add_sink(struct ingest *in, enum input_file f,
		     int (*on_record)(void *ctx, const struct record *rec), void *ctx)
{
	if (in->nsinks[f] == INGEST_MAX_SINKS)
		abort(); /* a programming error: raise INGEST_MAX_SINKS */
	in->sinks[f][in->nsinks[f]].on_record = on_record;
	in->sinks[f][in->nsinks[f]++].ctx = ctx;
}

static int on_bad(void *ctx, long first_line, long last_line, const char *reason)
{
	struct file_read *fr = ctx;
	char why[256];
	if (last_line > first_line)
		snprintf(why, sizeof why, "%s (lines %ld-%ld)", reason, first_line, last_line);
	else
		snprintf(why, sizeof why, "%s", reason);
	struct reject r = { fr->path, first_line, 0, NULL, NULL, SEV_ERROR, why, NULL };
	rejects_add(fr->in->v.rejects, &r);
	if (!fr->have_header)
		fr->counts->skipped = 1; /* no usable header: nothing can be mapped */
	count_rejected(fr->counts);
	return 0;
}

static void on_progress(void *ctx, unsigned long long done, unsigned long long total)
{
	struct file_read *fr = ctx;
	progress_update(&fr->bar, done, total);
}

static enum exit_code read_one(struct ingest *in, const struct file_schema *fs, struct diag *err)
{
	struct file_counts *counts = &in->counts[fs->id];
	char *path = xasprintf("%s/%s", in->input_dir, fs->filename);
	struct stat st;
	if (stat(path, &st) != 0) {
		free(path);
		return EXIT_OK; /* absent: the summary says so */
	}
	counts->present = 1;
	struct file_read fr = { .in = in, .fs = fs, .path = path, .counts = counts };
	fr.bar.enabled = in->progress;
	fr.bar.label = fs->filename;
	struct csv_reader_ops ops = { on_row, on_bad, on_progress, &fr };
	enum exit_code rc = csv_read_file(path, &ops, &counts->csv, err);
	progress_done(&fr.bar);
	if (!rc && !fr.have_header && counts->csv.bytes > 0 && !counts->skipped) {
		struct reject r = { path, 1, 0, NULL, NULL, SEV_ERROR, "no header line", NULL };
		rejects_add(in->v.rejects, &r);
		counts->skipped = 1;
		count_rejected(counts); /* what the file holds, refused: a skipped file is an error */
	}
	header_map_release(&fr.map);
	free(path);
	return rc;
}

enum exit_code ingest_run(struct ingest *in, struct diag *err)
{
	struct stat st;
	if (stat(in->input_dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return diag_errno(err, EXIT_NOINPUT, errno ? errno : ENOTDIR, "%s: input folder missing", in->input_dir);
	int any = 0;
	for (int f = 0; f < IN_FILE_COUNT; f++) {
		enum exit_code rc = read_one(in, schema_get((enum input_file)f), err);
		if (rc)
			return rc;
		any |= in->counts[f].present;
	}
	if (!any)
		return diag_set(err, EXIT_NOINPUT,
				"%s: no input file (expected contacts.csv, activities.csv, order_lines.csv, "
				"products.csv, suppliers.csv, customers.csv, payments.csv or receipts.csv)", in->input_dir);
	return EXIT_OK;
}

long ingest_rejected(const struct ingest *in)
{
	long n = 0;
	for (int f = 0; f < IN_FILE_COUNT; f++)
		n += in->counts[f].rejected;
	return n;
}

void ingest_refuse_late(struct ingest *in, enum input_file f)
{
	in->counts[f].accepted--;
	in->counts[f].rejected++;
}

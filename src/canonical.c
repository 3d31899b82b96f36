/* canonical: accepted rows in canonical form (see include/canonical.h). */
#include "canonical.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvwrite.h"
#include "date.h"
#include "money.h"
#include "xalloc.h"

struct sink_ctx {
	struct canonical *cw;
	enum input_file f;
};
static struct sink_ctx sink_ctx[IN_FILE_COUNT];

static int write_record(void *ctx, const struct record *r)
{
	struct sink_ctx *sc = ctx;
	FILE *fp = sc->cw->files[sc->f].fp;
	const struct file_schema *fs = r->schema;
	char buf[64];
	for (size_t c = 0; c < fs->ncols; c++) {
		const struct column_spec *cs = &fs->cols[c];
		const char *s = "";
		int64_t v = r->num[c];
		if (r->text[c] || cs->type == COL_ENUM || cs->type == COL_BOOL) {
			switch (cs->type) {
			case COL_TEXT: s = r->text[c]; break;
			case COL_INT: s = num_format_dot(v, 0, 0, buf, sizeof buf); break;
			case COL_QTY: s = num_format_dot(v, SCALE_QTY, SCALE_QTY, buf, sizeof buf); break;
			case COL_PRICE: s = num_format_dot(v, SCALE_PRICE, SCALE_PRICE, buf, sizeof buf); break;
			case COL_MONEY: s = num_format_dot(v, SCALE_CENTS, SCALE_CENTS, buf, sizeof buf); break;
			case COL_PERCENT: s = num_format_dot(v, SCALE_PERCENT, SCALE_PERCENT, buf, sizeof buf); break;
			case COL_DATE: s = date_format_iso((int32_t)v, buf, sizeof buf); break;
			case COL_BOOL: s = r->text[c] ? (v ? "yes" : "no") : ""; break;
			case COL_ENUM:
				/* The effective value, a default included. */
				snprintf(buf, sizeof buf, "%.*s", (int)strcspn(cs->enum_values[v], "|"), cs->enum_values[v]);
				s = buf;
				break;
			}
		}
		csv_write_field(fp, s, c + 1 == fs->ncols);
	}
	return 0;
}

enum exit_code canonical_open(struct canonical *cw, const char *dir, struct ingest *in, struct diag *err)
{
	memset(cw, 0, sizeof *cw);
	cw->dir = dir;
	enum exit_code rc = ensure_dir(dir, err);
	for (int f = 0; f < IN_FILE_COUNT && !rc; f++) {
		const struct file_schema *fs = schema_get((enum input_file)f);
		char *path = xasprintf("%s/%s", dir, fs->filename);
		rc = atomic_open(&cw->files[f], path, err);
		free(path);
		if (rc)
			break;
		cw->open[f] = 1;
		for (size_t c = 0; c < fs->ncols; c++)
			csv_write_field(cw->files[f].fp, fs->cols[c].name, c + 1 == fs->ncols);
		sink_ctx[f].cw = cw;
		sink_ctx[f].f = (enum input_file)f;
		ingest_add_sink(in, (enum input_file)f, write_record, &sink_ctx[f]);
	}
	if (rc)
		canonical_abort(cw);
	return rc;
}

enum exit_code canonical_close(struct canonical *cw, const struct ingest *in, struct diag *err)
{
	enum exit_code rc = EXIT_OK;
	for (int f = 0; f < IN_FILE_COUNT; f++) {
		if (!cw->open[f])
			continue;
		cw->open[f] = 0;
		if (in->counts[f].present && !rc)
			rc = atomic_commit(&cw->files[f], err);
		else
			atomic_abort(&cw->files[f]);
	}
	return rc;
}

void canonical_abort(struct canonical *cw)
{
	for (int f = 0; f < IN_FILE_COUNT; f++)
		if (cw->open[f]) {
			atomic_abort(&cw->files[f]);
			cw->open[f] = 0;
		}
}

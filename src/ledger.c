/* ledger: append-only line ledgers (see include/ledger.h). */
#include "ledger.h"

#include <errno.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "csvwrite.h"
#include "faults.h"

struct loading {
	const struct ledger_file *lf;
	const struct ledger_reader *r;
	struct diag *err;
	long dropped;
	FILE *out;                 /* the second pass: where kept lines go */
};

/* A line of the wrong shape is damage unless it is a killed run's line
 * (then kept() says no without looking past the first field). */
static int damaged(struct loading *l, const struct csv_row *row)
{
	return diag_set(l->err, EXIT_IOERR, "%s:%ld: damaged line: %zu fields, %zu expected", l->lf->path,
			row->first_line, row->n, l->lf->nfields);
}

static int on_line(void *ctx, const struct csv_row *row)
{
	struct loading *l = ctx;
	if (row->index == 0)
		return 0;
	if (!l->r->kept(l->r->ctx, row)) {
		l->dropped++;
		return 0;
	}
	if (row->n != l->lf->nfields && (!l->lf->legacy_fields || row->n != l->lf->legacy_fields))
		return damaged(l, row);
	return l->r->take(l->r->ctx, row, l->err);
}

/* The second pass of a compaction: the kept lines, as they were. */
static int copy_kept(void *ctx, const struct csv_row *row)
{
	struct loading *l = ctx;
	if (row->index == 0 || !l->r->kept(l->r->ctx, row))
		return 0;
	for (size_t k = 0; k < row->n; k++)
		csv_write_field(l->out, row->field[k], k + 1 == row->n);
	return 0;
}

enum exit_code ledger_load(const struct ledger_file *lf, const struct ledger_reader *r, struct diag *err)
{
	struct stat st;
	if (stat(lf->path, &st) != 0)
		return EXIT_OK;
	enum exit_code rc = atomic_repair_tail(lf->path, err);
	if (rc)
		return rc;
	struct loading l = { lf, r, err, 0, NULL };
	struct csv_reader_ops ops = { on_line, NULL, NULL, &l };
	err->msg[0] = '\0';
	rc = csv_read_file(lf->path, &ops, NULL, err);
	if (rc && !err->msg[0])
		diag_set(err, rc, "%s: cannot be read back", lf->path);
	if (rc || !l.dropped)
		return rc;
	/* Those documents do not exist: their lines go, or they would count
	 * when their numbers are given again. */
	struct atomic_file af;
	if ((rc = atomic_open(&af, lf->path, err)))
		return rc;
	fprintf(af.fp, "%s\n", lf->header);
	l.out = af.fp;
	struct csv_reader_ops copy = { copy_kept, NULL, NULL, &l };
	if ((rc = csv_read_file(lf->path, &copy, NULL, err))) {
		atomic_abort(&af);
		return rc;
	}
	return atomic_commit(&af, err);
}

enum exit_code ledger_append(const struct ledger_file *lf, const char *text, size_t len, struct diag *err)
{
	if (len == 0)
		return EXIT_OK;
	struct stat st;
	/* An empty file is fresh too: a full disk can leave one behind. */
	int fresh = stat(lf->path, &st) != 0 || st.st_size == 0;
	FILE *fp = fopen(lf->path, "a");
	if (!fp)
		return diag_errno(err, EXIT_CANTCREAT, errno, "%s: cannot open", lf->path);
	enum exit_code rc = EXIT_OK;
	if (fresh)
		fprintf(fp, "%s\n", lf->header);
	fwrite(text, 1, len, fp);
	int fault = write_fault();
	if (fault) {
		__fpurge(fp); /* as if nothing reached the disk */
		rc = diag_errno(err, EXIT_IOERR, fault, "%s: cannot write", lf->path);
	} else if (fflush(fp) != 0 || fsync(fileno(fp)) != 0) {
		rc = diag_errno(err, EXIT_IOERR, errno, "%s: cannot write", lf->path);
	}
	if (fclose(fp) != 0 && !rc)
		rc = diag_errno(err, EXIT_IOERR, errno, "%s: cannot write", lf->path);
	if (!rc && fresh && fsync_parent_dir(lf->path) != 0)
		rc = diag_errno(err, EXIT_IOERR, errno, "%s: cannot sync its folder", lf->path);
	return rc;
}

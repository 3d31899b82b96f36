/* rejects: problems to stderr and output/rejects.csv (include/rejects.h). */
#include "rejects.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "csvwrite.h"
#include "xalloc.h"

struct rejects {
	struct atomic_file out;
	int quiet;
	long errors, warnings;
};

enum exit_code rejects_open(struct rejects **out, const char *output_dir, int quiet, struct diag *err)
{
	struct rejects *rj = xcalloc(1, sizeof *rj);
	char *path = xasprintf("%s/rejects.csv", output_dir);
	enum exit_code rc = atomic_open(&rj->out, path, err);
	free(path);
	if (rc) {
		free(rj);
		return rc;
	}
	rj->quiet = quiet;
	fputs("file,line,column,field,value,severity,reason\n", rj->out.fp);
	*out = rj;
	return EXIT_OK;
}

void rejects_add(struct rejects *rj, const struct reject *r)
{
	int warn = r->severity == SEV_WARNING;
	if (warn)
		rj->warnings++;
	else
		rj->errors++;

	if (!warn || !rj->quiet) {
		char where[64] = "";
		if (r->line > 0 && r->column > 0)
			snprintf(where, sizeof where, ":%ld:%d", r->line, r->column);
		else if (r->line > 0)
			snprintf(where, sizeof where, ":%ld", r->line);
		/* Long values are cut on the terminal; rejects.csv keeps them whole. */
		fprintf(stderr, "crmbatch: %s%s: %s%s%s%s", r->file, where, warn ? "warning: " : "",
			r->field ? r->field : "", r->field ? ": " : "", r->reason);
		if (r->value)
			fprintf(stderr, " '%.*s%s'", 120, r->value, strlen(r->value) > 120 ? "..." : "");
		fputc('\n', stderr);
	}

	char line[32], col[16];
	snprintf(line, sizeof line, "%ld", r->line);
	snprintf(col, sizeof col, "%d", r->column);
	FILE *fp = rj->out.fp;
	csv_write_field(fp, r->file, 0);
	csv_write_field(fp, line, 0);
	csv_write_field(fp, col, 0);
	csv_write_field(fp, r->field, 0);
	csv_write_field(fp, r->value, 0);
	csv_write_field(fp, warn ? "warning" : "error", 0);
	csv_write_field(fp, r->reason, 1);
}

long rejects_errors(const struct rejects *rj)
{
	return rj->errors;
}

long rejects_warnings(const struct rejects *rj)
{
	return rj->warnings;
}

enum exit_code rejects_close(struct rejects *rj, struct diag *err)
{
	enum exit_code rc = atomic_commit(&rj->out, err);
	free(rj);
	return rc;
}

void rejects_abort(struct rejects *rj)
{
	atomic_abort(&rj->out);
	free(rj);
}

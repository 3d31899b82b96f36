/* rejects: problems to stderr and output/rejects.csv (include/rejects.h). */
#include "rejects.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "csvwrite.h"
#include "xalloc.h"

/* A warning that repeats: how many were not printed. */
struct repeat {
	char *what;
	long more;
};

struct rejects {
	struct atomic_file out;
	int quiet;
	long errors, warnings;
	struct repeat *repeats;   /* in order of first appearance */
	size_t nrepeats;
};

/* Counts r against its repeat phrase; 1 when it is not the first. */
static int repeated(struct rejects *rj, const char *what)
{
	for (size_t i = 0; i < rj->nrepeats; i++)
		if (strcmp(rj->repeats[i].what, what) == 0) {
			rj->repeats[i].more++;
			return 1;
		}
	rj->repeats = xrealloc(rj->repeats, (rj->nrepeats + 1) * sizeof *rj->repeats);
	rj->repeats[rj->nrepeats++] = (struct repeat){ xstrdup(what), 0 };
	return 0;
}

static void free_repeats(struct rejects *rj)
{
	for (size_t i = 0; i < rj->nrepeats; i++)
		free(rj->repeats[i].what);
	free(rj->repeats);
}

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

	int shown = !warn || !rj->quiet;
	if (shown && warn && r->repeat && repeated(rj, r->repeat))
		shown = 0;
	if (shown) {
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

/* The warnings not printed, once each: "... 97 more invoices for ...". */
static void print_repeats(const struct rejects *rj, const char *where)
{
	for (size_t i = 0; i < rj->nrepeats; i++)
		if (rj->repeats[i].more && !rj->quiet)
			fprintf(stderr, "crmbatch: warning: ... %ld more %s%s%s%s\n", rj->repeats[i].more,
				rj->repeats[i].what, where ? " (see " : "", where ? where : "", where ? ")" : "");
}

enum exit_code rejects_close(struct rejects *rj, struct diag *err)
{
	print_repeats(rj, rj->out.path);
	enum exit_code rc = atomic_commit(&rj->out, err);
	free_repeats(rj);
	free(rj);
	return rc;
}

void rejects_abort(struct rejects *rj)
{
	print_repeats(rj, NULL);
	atomic_abort(&rj->out);
	free_repeats(rj);
	free(rj);
}

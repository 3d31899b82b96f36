/* ingest: read and validate every input file (see include/ingest.h). */
#include "ingest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"
#include "money.h"
#include "progress.h"
#include "text.h"
#include "xalloc.h"

void ingest_init(struct ingest *in, const struct config *cfg, struct rejects *rj,
		 const char *input_dir)
{
	memset(in, 0, sizeof *in);
	in->input_dir = input_dir;
	validator_init(&in->v, cfg, rj);
}

void ingest_release(struct ingest *in)
{
	for (int f = 0; f < IN_FILE_COUNT; f++) {
		struct file_counts *c = &in->counts[f];
		free(c->mapping);
		free(c->named_label);
		for (size_t i = 0; i < c->nunread; i++) {
			free(c->unread[i].label);
			for (int k = 0; k < KIND_COUNT; k++)
				free(c->unread[i].example[k]);
		}
		free(c->unread);
	}
	validator_release(&in->v);
}

const char *value_kind_name(enum value_kind k)
{
	static const char *const names[KIND_COUNT] = {
		[KIND_NONE] = "text", [KIND_EMAIL] = "e-mail addresses", [KIND_PHONE] = "phone numbers",
		[KIND_DATE] = "dates", [KIND_AMOUNT] = "amounts or quantities",
	};
	return k < KIND_COUNT ? names[k] : "?";
}

/* "name@example.fr": one '@', something before it, a dot after it, no blank. */
static int looks_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || strpbrk(s, " \t,;<>"))
		return 0;
	const char *dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1];
}

/* "+33 6 12 34 56 78", "06.12.34.56.78", "(555) 123-4567", "0612345678":
 * 8 to 15 digits in groups; a run of digits alone is a phone number only
 * when it is a French national one (10 digits from 0), so that an EAN, a
 * SIRET or an id is not taken for one. */
static int looks_phone(const char *s)
{
	while (*s == '\'' || *s == '=' || *s == ' ')
		s++; /* a spreadsheet's formula guard */
	int digits = 0, seps = 0, plus = *s == '+';
	for (const char *p = s + plus; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (strchr(" .-/()", *p))
			seps++;
		else
			return 0;
	}
	if (digits < 8 || digits > 15)
		return 0;
	return plus || seps || (digits == 10 && s[0] == '0');
}

static int looks_date(const char *s)
{
	int32_t d;
	if (date_parse(s, &d) == 0)
		return 1;
	/* m/d/y, y/m/d or d.m.y: three groups of digits, one separator. */
	int groups = 0, len = 0;
	char sep = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (!len++)
				groups++;
		} else if ((*p == '/' || *p == '-' || *p == '.') && len && (!sep || *p == sep)) {
			sep = *p;
			len = 0;
		} else {
			return 0;
		}
	}
	return groups == 3 && len;
}

static int looks_amount(const char *s)
{
	int64_t v;
	return num_parse(s, SCALE_PRICE, 1, &v) == NUM_OK;
}

/* The number of values of a column not read that are looked at: enough
 * to tell what a column holds, and a large file costs no more. */
#define UNREAD_SAMPLE 200

static void sample_unread(struct file_counts *c, enum input_file f, const struct csv_row *row)
{
	for (size_t i = 0; i < c->nunread; i++) {
		struct unread_column *u = &c->unread[i];
		if (u->sampled >= UNREAD_SAMPLE || (size_t)u->field >= row->n || str_blank(row->field[u->field]))
			continue;
		const char *s = row->field[u->field];
		u->sampled++;
		enum value_kind k = looks_email(s)   ? KIND_EMAIL
				    : looks_date(s)  ? KIND_DATE
				    : looks_phone(s) ? KIND_PHONE
				    : f == IN_ORDER_LINES && looks_amount(s) ? KIND_AMOUNT
									      : KIND_NONE;
		if (!u->seen[k]++)
			u->example[k] = xstrdup(s);
	}
}

/* What a column's values look like: the kind nine in ten of them have. */
static void settle_unread(struct file_counts *c)
{
	for (size_t i = 0; i < c->nunread; i++) {
		struct unread_column *u = &c->unread[i];
		u->kind = KIND_NONE;
		for (int k = KIND_NONE + 1; k < KIND_COUNT && u->sampled; k++)
			if (10 * u->seen[k] >= 9 * u->sampled)
				u->kind = (enum value_kind)k;
	}
}

struct file_read {
	struct ingest *in;
	const struct file_schema *fs;
	const char *path;
	struct file_counts *counts;
	struct header_map map;
	int have_header;
	int named;                 /* header cells read as a column */
	struct progress bar;
	struct record rec;
	/* Lines above the header: notes or titles, skipped. */
	long before_first, before_last;
	char *before_text;         /* the first one's text, for rejects.csv */
	/* Rows below the last full row that look like a report's footer,
	 * held until a full row (they were rows after all) or the end of
	 * the file (they were the footer). */
	struct held_row *held;
	size_t nheld, capheld;
	long last_line;            /* where the record before this one ended */
};

/* A copy of a record, for rows held back. */
struct held_row {
	size_t n;
	char **field;
	size_t *len;
	long *line;
	long first_line, last_line;
};

static size_t cells_filled(const struct csv_row *row)
{
	size_t n = 0;
	for (size_t i = 0; i < row->n; i++)
		n += row->len[i] > 0;
	return n;
}

/* The row joined with " | ", for a reject's value. */
static char *row_text(const struct csv_row *row)
{
	char *text = xstrdup("");
	for (size_t i = 0; i < row->n; i++) {
		if (!row->len[i])
			continue;
		char *more = xasprintf("%s%s%s", text, *text ? " | " : "", row->field[i]);
		free(text);
		text = more;
	}
	return text;
}

/* A line of one cell ending with ':' introduces what follows ("Notes:",
 * above LinkedIn's connections): a title, even when its word names a
 * column. */
static int is_title(const struct csv_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (row->len[i])
			return cells_filled(row) == 1 && row->field[i][row->len[i] - 1] == ':';
	return 0;
}

/* A line above the header is a note or a title (Excel reports, "Notes:"
 * paragraphs, an export's title) when no cell of it names a column and it
 * fills at most two cells. Anything else is taken for the header, as the
 * first line always was. */
static int is_preamble(const struct file_read *fr, const struct csv_row *row)
{
	return cells_filled(row) <= 2 && (header_cells_named(&fr->in->v, fr->fs, row) == 0 || is_title(row));
}

/* A row below the table, set apart from the rows by a blank line, that
 * fills at most two cells, fewer than half of the columns the header
 * names ("Total,,,,1234.56", "Généré le ..."): a report's footer when only
 * such rows follow it. A short row right below the others is a row (a
 * cut one is an error, as it always was). */
static int is_footer_like(const struct file_read *fr, const struct csv_row *row)
{
	size_t n = cells_filled(row);
	return fr->counts->read > 0 && n <= 2 && 2 * n < (size_t)fr->named &&
	       (fr->nheld > 0 || row->first_line > fr->last_line + 1);
}

static void hold(struct file_read *fr, const struct csv_row *row)
{
	if (fr->nheld == fr->capheld) {
		fr->capheld = xgrow(fr->capheld, 8);
		fr->held = xrealloc(fr->held, fr->capheld * sizeof *fr->held);
	}
	struct held_row *h = &fr->held[fr->nheld++];
	h->n = row->n;
	h->field = xmalloc((row->n ? row->n : 1) * sizeof *h->field);
	h->len = xmalloc((row->n ? row->n : 1) * sizeof *h->len);
	h->line = xmalloc((row->n ? row->n : 1) * sizeof *h->line);
	for (size_t i = 0; i < row->n; i++) {
		h->field[i] = xstrdup(row->field[i]);
		h->len[i] = row->len[i];
		h->line[i] = row->line[i];
	}
	h->first_line = row->first_line;
	h->last_line = row->last_line;
}

static void held_free(struct held_row *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->field[i]);
	free(h->field);
	free(h->len);
	free(h->line);
}

static void held_view(const struct held_row *h, struct csv_row *row)
{
	*row = (struct csv_row){ .index = 1, .n = h->n, .field = h->field, .len = h->len, .line = h->line,
				 .first_line = h->first_line, .last_line = h->last_line };
}

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
			c >= 0 ? fr->fs->cols[c].name : c == HEADER_IGNORED ? "ignored (listed in its profile)" : "ignored");
	}
	if (fclose(f) != 0)
		abort();
	free(fr->counts->mapping);
	fr->counts->mapping = text;
	fr->counts->source = fr->map.source;
	fr->counts->detected = fr->map.detected;
}

/* The header's cells read as nothing, whose values are then looked at. */
static void list_unread(struct file_read *fr, const struct csv_row *header)
{
	struct file_counts *c = fr->counts;
	char key[128];
	for (size_t i = 0; i < header->n; i++) {
		int col = fr->map.col_of_field[i];
		if (col >= 0)
			c->mapped[col] = 1;
		if (col >= 0 && !c->named_label && !strchr(header->field[i], '|'))
			c->named_label = xstrdup(header->field[i]);
		if (col != -1 || !*header_key(header->field[i], key, sizeof key))
			continue;
		c->unread = xrealloc(c->unread, (c->nunread + 1) * sizeof *c->unread);
		c->unread[c->nunread++] = (struct unread_column){
			.label = xstrdup(header->field[i]), .field = (int)i, .line = header->line[i],
		};
	}
}

static void count_rejected(struct file_counts *c)
{
	c->read++;
	c->rejected++;
}

static int data_row(struct file_read *fr, const struct csv_row *row);

static int on_row_at(struct file_read *fr, const struct csv_row *row);

static int on_row(void *ctx, const struct csv_row *row)
{
	struct file_read *fr = ctx;
	int rc = on_row_at(fr, row);
	fr->last_line = row->last_line;
	return rc;
}

static int on_row_at(struct file_read *fr, const struct csv_row *row)
{
	if (!fr->have_header && is_preamble(fr, row)) {
		if (!fr->before_first) {
			fr->before_first = row->first_line;
			fr->before_text = row_text(row);
		}
		fr->before_last = row->last_line;
		fr->counts->before_header++;
		return 0;
	}
	if (!fr->have_header) {
		fr->have_header = 1;
		if (header_map_build(&fr->map, fr->fs, row, fr->path, &fr->in->v) != 0)
			fr->counts->skipped = 1;
		record_mapping(fr, row);
		list_unread(fr, row);
		for (size_t i = 0; i < fr->map.nfields; i++)
			fr->named += fr->map.col_of_field[i] >= 0;
		/* In a skipped file the line taken for the header may well be a
		 * row (a one-line export without its header): nothing of the
		 * file was read, so it counts too, rejected. */
		if (fr->counts->skipped)
			count_rejected(fr->counts);
		return 0;
	}
	if (!fr->counts->skipped && is_footer_like(fr, row)) {
		hold(fr, row);
		return 0;
	}
	/* A full row: those held above it were rows too. */
	for (size_t i = 0; i < fr->nheld; i++) {
		struct csv_row h;
		held_view(&fr->held[i], &h);
		int rc = data_row(fr, &h);
		held_free(&fr->held[i]);
		if (rc) {
			for (size_t j = i + 1; j < fr->nheld; j++)
				held_free(&fr->held[j]);
			fr->nheld = 0;
			return rc;
		}
	}
	fr->nheld = 0;
	return data_row(fr, row);
}

/* A row of the table: validated and handed to the sinks. */
static int data_row(struct file_read *fr, const struct csv_row *row)
{
	fr->counts->read++;
	/* A skipped file's columns are looked at too: check's lines for a
	 * profile are what makes it read. */
	if (fr->counts->nunread)
		sample_unread(fr->counts, fr->fs->id, row);
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

/* A column not read whose values look like what crmbatch reads is data
 * lost unless a profile says what it is: an error for the file. */
static void report_unread(struct ingest *in, struct file_counts *c, const char *path)
{
	for (size_t i = 0; i < c->nunread; i++) {
		const struct unread_column *u = &c->unread[i];
		if (u->kind == KIND_NONE)
			continue;
		char why[512];
		snprintf(why, sizeof why,
			 "column not read, but its values look like %s (e.g. '%.60s'): map it to a column of crmbatch "
			 "or list it in ignore in a source profile (check prints the lines)",
			 value_kind_name(u->kind), u->example[u->kind]);
		struct reject r = { path, u->line, u->field + 1, NULL, u->label, SEV_ERROR, why, NULL };
		rejects_add(in->v.rejects, &r);
		c->data_unread++;
	}
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
	if (fr.before_first) {
		char why[160];
		snprintf(why, sizeof why, "%ld line(s) before the header skipped (lines %ld-%ld: notes or a title)",
			 counts->before_header, fr.before_first, fr.before_last);
		struct reject r = { path, fr.before_first, 0, NULL, fr.before_text, SEV_WARNING, why, NULL };
		rejects_add(in->v.rejects, &r);
	}
	if (fr.nheld) {
		/* Only short rows followed the table: a report's footer, not rows. */
		struct csv_row first;
		held_view(&fr.held[0], &first);
		char *text = row_text(&first);
		long from = fr.held[0].first_line, to = fr.held[fr.nheld - 1].last_line;
		char why[160];
		snprintf(why, sizeof why, "%zu line(s) after the rows skipped (lines %ld-%ld: a report's footer)",
			 fr.nheld, from, to);
		struct reject r = { path, from, 0, NULL, text, SEV_WARNING, why, NULL };
		rejects_add(in->v.rejects, &r);
		free(text);
		counts->after_rows = (long)fr.nheld;
	}
	for (size_t i = 0; i < fr.nheld; i++)
		held_free(&fr.held[i]);
	free(fr.held);
	free(fr.before_text);
	if (!rc && !fr.have_header && counts->csv.bytes > 0 && !counts->skipped) {
		struct reject r = { path, 1, 0, NULL, NULL, SEV_ERROR, "no header line", NULL };
		rejects_add(in->v.rejects, &r);
		counts->skipped = 1;
		count_rejected(counts); /* what the file holds, refused: a skipped file is an error */
	}
	if (!rc)
		settle_unread(counts);
	if (!rc && !counts->skipped)
		report_unread(in, counts, path);
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

long ingest_data_unread(const struct ingest *in)
{
	long n = 0;
	for (int f = 0; f < IN_FILE_COUNT; f++)
		n += in->counts[f].data_unread;
	return n;
}

void ingest_refuse_late(struct ingest *in, enum input_file f)
{
	in->counts[f].accepted--;
	in->counts[f].rejected++;
}

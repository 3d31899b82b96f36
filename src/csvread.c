/*
 * csvread: streaming CSV through libcsv (see include/csvread.h).
 *
 * The file is read in large blocks, but fed to libcsv one physical line at
 * a time: libcsv keeps its state across calls (a quoted field may span
 * lines) and we always know which line we are on, which libcsv itself does
 * not track.
 *
 * Two threads share the work: a reader thread runs libcsv and packs whole
 * records into batches; the calling thread hands them to the callbacks, in
 * order. NBATCH batches circulate, so memory stays bounded whatever the
 * file's size, and a large file's validation runs beside its parsing.
 */
#include "csvread.h"

#include <csv.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csvwrite.h"
#include "text.h"
#include "xalloc.h"

#define BLOCK (256 * 1024)
#define PARSER_OPTIONS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
#define NBATCH 4
#define BATCH_RECORDS 2048
#define BATCH_TEXT (256 * 1024)

enum rec_kind { REC_ROW, REC_BAD };

struct batch_rec {
	enum rec_kind kind;
	long first_line, last_line;
	size_t first_field, nfields;  /* REC_ROW: its fields in the batch */
	size_t reason;                /* REC_BAD: offset of the reason in text */
};

/* Whole records: fields' text packed in text[], NUL after each. */
struct batch {
	char *text;
	size_t text_len, text_cap;
	size_t *off, *len;
	long *line;
	size_t nfields, fields_cap;
	struct batch_rec *recs;
	size_t nrecs, recs_cap;
	unsigned long long bytes_done;  /* file bytes read when it was sent */
	int last;                       /* no batch follows */
};

struct queue {
	struct batch *items[NBATCH];
	size_t head, count;
};

struct reader {
	const struct csv_reader_ops *ops;
	struct csv_stats *stats;
	FILE *fp;

	struct batch pool[NBATCH];
	struct queue free_q, full_q;
	pthread_mutex_t mu;
	pthread_cond_t cond;
	int stop;                       /* the consumer wants no more */
	int read_errno;

	/* Reader-thread state. */
	struct csv_parser parser;
	struct batch *cur;              /* being filled */
	size_t rec_first_field;         /* first field of the record being read */
	long line;                      /* line being fed */
	int in_record;
	long rec_first_line;
	long field_line;                /* line on which the next field starts */
	size_t record_bytes;
	int skip_line;                  /* after an error: drop the rest of this line */
	int cp1252;                     /* the file is Windows-1252 */
	char *conv;
	size_t conv_cap;
	long emitted;                   /* records sent, header included */
};

const char *csv_encoding_name(enum csv_encoding e)
{
	switch (e) {
	case CSV_ENC_UTF8: return "UTF-8";
	case CSV_ENC_UTF8_BOM: return "UTF-8 with BOM";
	case CSV_ENC_CP1252: return "Windows-1252";
	}
	return "?";
}

/* --- batches ------------------------------------------------------------ */

static void q_push(struct queue *q, struct batch *b)
{
	q->items[(q->head + q->count++) % NBATCH] = b;
}

static struct batch *q_pop(struct queue *q)
{
	struct batch *b = q->items[q->head];
	q->head = (q->head + 1) % NBATCH;
	q->count--;
	return b;
}

static void text_append(struct batch *b, const char *src, size_t len)
{
	if (b->text_len + len + 1 > b->text_cap) {
		while (b->text_len + len + 1 > b->text_cap)
			b->text_cap = b->text_cap ? 2 * b->text_cap : BATCH_TEXT + 4096;
		b->text = xrealloc(b->text, b->text_cap);
	}
	memcpy(b->text + b->text_len, src, len);
	b->text[b->text_len + len] = '\0';
	b->text_len += len + 1;
}

static struct batch_rec *new_rec(struct batch *b)
{
	if (b->nrecs == b->recs_cap) {
		b->recs_cap = b->recs_cap ? 2 * b->recs_cap : BATCH_RECORDS + 16;
		b->recs = xrealloc(b->recs, b->recs_cap * sizeof *b->recs);
	}
	return &b->recs[b->nrecs++];
}

/* Reader thread: hands the current batch over and takes an empty one
 * (none after the last, nor once the consumer has stopped: cur is then
 * NULL and the thread winds down). */
static void send_batch(struct reader *r, int last)
{
	struct batch *b = r->cur;
	b->last = last;
	b->bytes_done = r->stats->bytes;
	pthread_mutex_lock(&r->mu);
	q_push(&r->full_q, b);
	pthread_cond_broadcast(&r->cond);
	r->cur = NULL;
	if (!last) {
		while (r->free_q.count == 0 && !r->stop)
			pthread_cond_wait(&r->cond, &r->mu);
		if (!r->stop)
			r->cur = q_pop(&r->free_q); /* else cur stays NULL: the thread winds down */
	}
	pthread_mutex_unlock(&r->mu);
	if (r->cur)
		r->cur->text_len = r->cur->nfields = r->cur->nrecs = 0;
}

/* At a record boundary: send the batch when it is full. */
static void maybe_send(struct reader *r)
{
	if (r->cur->nrecs >= BATCH_RECORDS || r->cur->text_len >= BATCH_TEXT)
		send_batch(r, 0);
}

/* --- libcsv callbacks (reader thread) ----------------------------------- */

static void start_record(struct reader *r)
{
	r->in_record = 1;
	r->rec_first_line = r->line;
	r->field_line = r->line;
	r->record_bytes = 0;
	r->rec_first_field = r->cur->nfields;
}

/* Forgets the fields of the record being read. */
static void drop_record(struct reader *r)
{
	struct batch *b = r->cur;
	if (b && b->nfields > r->rec_first_field) {
		b->text_len = b->off[r->rec_first_field];
		b->nfields = r->rec_first_field;
	}
	r->in_record = 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	const char *src = s ? s : "";
	if (!r->cur)
		return;
	if (!r->in_record)
		start_record(r); /* a record ended by a lone CR mid-line */

	/* Bytes that are not UTF-8 are Windows-1252: what a French Excel
	 * writes for "CSV (point-virgule)". */
	if (!r->cp1252 && !utf8_valid(src, len))
		r->cp1252 = 1;
	if (r->cp1252) {
		if (r->conv_cap < 3 * len + 1) {
			r->conv_cap = 3 * len + 1;
			r->conv = xrealloc(r->conv, r->conv_cap);
		}
		len = cp1252_to_utf8(src, len, r->conv);
		src = r->conv;
	}

	struct batch *b = r->cur;
	if (b->nfields == b->fields_cap) {
		b->fields_cap = b->fields_cap ? 2 * b->fields_cap : 16 * BATCH_RECORDS;
		b->off = xrealloc(b->off, b->fields_cap * sizeof *b->off);
		b->len = xrealloc(b->len, b->fields_cap * sizeof *b->len);
		b->line = xrealloc(b->line, b->fields_cap * sizeof *b->line);
	}
	b->off[b->nfields] = b->text_len;
	b->len[b->nfields] = len;
	b->line[b->nfields] = r->field_line;
	b->nfields++;
	text_append(b, src, len);
	/* The delimiter that ended this field is on the current line. */
	r->field_line = r->line;
}

static void on_record(int c, void *data)
{
	struct reader *r = data;
	(void)c;
	struct batch *b = r->cur;
	if (!b)
		return;
	size_t first = r->rec_first_field, n = b->nfields - first;
	int blank = 1;
	for (size_t i = 0; i < n && blank; i++)
		blank = b->len[first + i] == 0;
	if (blank && r->emitted > 0) {
		drop_record(r); /* ",,," is an empty line too */
		return;
	}
	struct batch_rec *rec = new_rec(b);
	rec->kind = REC_ROW;
	rec->first_line = r->rec_first_line;
	rec->last_line = r->line;
	rec->first_field = first;
	rec->nfields = n;
	r->emitted++;
	r->in_record = 0;
	maybe_send(r);
}

static void restart_parser(struct reader *r)
{
	csv_free(&r->parser);
	csv_init(&r->parser, PARSER_OPTIONS);
	csv_set_delim(&r->parser, (unsigned char)r->stats->delim);
}

/* A record that cannot be read: its fields are dropped, a REC_BAD takes
 * its place in the stream. */
static void report_bad(struct reader *r, const char *reason)
{
	long first = r->in_record ? r->rec_first_line : r->line;
	drop_record(r);
	if (!r->cur)
		return;
	struct batch *b = r->cur;
	struct batch_rec *rec = new_rec(b);
	rec->kind = REC_BAD;
	rec->first_line = first;
	rec->last_line = r->line;
	rec->reason = b->text_len;
	text_append(b, reason, strlen(reason));
	maybe_send(r);
}

/* --- dialect ------------------------------------------------------------- */

/* The delimiter of a header line: the most frequent of , ; tab outside quotes. */
static char detect_delim(const char *p, const char *end)
{
	size_t comma = 0, semi = 0, tab = 0;
	int quoted = 0;
	for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ',')
			comma++;
		else if (!quoted && *p == ';')
			semi++;
		else if (!quoted && *p == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

/* Length of the valid-UTF-8 test window: whole characters only. */
static size_t utf8_window(const char *p, size_t n)
{
	size_t back = 0;
	while (back < 3 && back < n && (((unsigned char)p[n - 1 - back]) & 0xC0) == 0x80)
		back++;
	if (back < n && ((unsigned char)p[n - 1 - back]) >= 0xC0)
		return n - 1 - back;
	return n;
}

/* Only line-break characters in [p, end)? Such a line starts no record. */
static int blank_line(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p != '\r' && *p != '\n')
			return 0;
	return 1;
}

/* Settles BOM, "sep=" line, delimiter and encoding from the first block;
 * returns how many bytes of it to skip. */
static size_t sniff(struct reader *r, const char *buf, size_t n)
{
	size_t skip = 0;
	r->stats->encoding = CSV_ENC_UTF8;
	if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		skip = 3;
		r->stats->encoding = CSV_ENC_UTF8_BOM;
	}
	const char *p = buf + skip, *end = buf + n;
	if (end - p >= 5 && strncasecmp(p, "sep=", 4) == 0 &&
	    (end - p == 5 || p[5] == '\n' || p[5] == '\r')) {
		r->stats->delim = p[4];
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		skip = nl ? (size_t)(nl + 1 - buf) : n;
		r->line++;
	} else {
		r->stats->delim = detect_delim(p, end);
	}
	if (r->stats->encoding == CSV_ENC_UTF8 && !utf8_valid(buf + skip, utf8_window(buf + skip, n - skip)))
		r->cp1252 = 1;
	return skip;
}

/* --- the reader thread --------------------------------------------------- */

static void feed(struct reader *r, const char *p, const char *end)
{
	while (p < end && r->cur) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *seg_end = nl ? nl + 1 : end;
		size_t len = (size_t)(seg_end - p);
		if (r->skip_line) {
			if (nl) {
				r->skip_line = 0;
				r->line++;
			}
			p = seg_end;
			continue;
		}
		if (!r->in_record && !blank_line(p, seg_end))
			start_record(r);
		r->record_bytes += len;
		if (csv_parse(&r->parser, p, len, on_field, on_record, r) != len) {
			report_bad(r, csv_error(&r->parser) == CSV_EPARSE
					      ? "malformed quoting (a quote inside an unquoted field, or text after a closing quote)"
					      : csv_strerror(csv_error(&r->parser)));
			restart_parser(r);
			r->skip_line = !nl;
		} else if (r->in_record && r->record_bytes > CSV_MAX_RECORD) {
			report_bad(r, "record longer than 1 MiB (a quote left open?)");
			restart_parser(r);
			r->skip_line = !nl;
		}
		if (nl)
			r->line++;
		p = seg_end;
	}
}

static void *read_all(void *arg)
{
	struct reader *r = arg;
	char *buf = xmalloc(BLOCK);
	size_t n;
	int first = 1, last_nl = 1;
	csv_init(&r->parser, PARSER_OPTIONS);
	while (r->cur && (n = fread(buf, 1, BLOCK, r->fp)) > 0) {
		size_t skip = 0;
		if (first) {
			skip = sniff(r, buf, n);
			csv_set_delim(&r->parser, (unsigned char)r->stats->delim);
			first = 0;
		}
		feed(r, buf + skip, buf + n);
		r->stats->bytes += n;
		last_nl = buf[n - 1] == '\n';
	}
	if (ferror(r->fp))
		r->read_errno = errno ? errno : EIO;
	if (r->cur && !r->read_errno) {
		if (last_nl && r->stats->bytes > 0)
			r->line--; /* nothing follows the last line break */
		if (!r->skip_line && csv_fini(&r->parser, on_field, on_record, r) != 0)
			report_bad(r, "unterminated quoted field at end of file");
	}
	r->stats->lines = r->stats->bytes ? r->line : 0;
	if (r->cp1252)
		r->stats->encoding = CSV_ENC_CP1252;
	csv_free(&r->parser);
	free(buf);
	free(r->conv);
	if (r->cur)
		send_batch(r, 1);
	return NULL;
}

/* --- the calling thread -------------------------------------------------- */

/* Hands a batch's records to the callbacks; returns non-zero to stop. */
static int deliver(struct reader *r, struct batch *b, struct csv_row *row, size_t *cap)
{
	const struct csv_reader_ops *ops = r->ops;
	for (size_t i = 0; i < b->nrecs; i++) {
		const struct batch_rec *rec = &b->recs[i];
		int rc;
		if (rec->kind == REC_BAD) {
			r->stats->bad++;
			rc = ops->bad ? ops->bad(ops->ctx, rec->first_line, rec->last_line, b->text + rec->reason) : 0;
		} else {
			if (rec->nfields > *cap) {
				*cap = rec->nfields;
				row->field = xrealloc(row->field, *cap * sizeof *row->field);
			}
			for (size_t k = 0; k < rec->nfields; k++) {
				row->field[k] = b->text + b->off[rec->first_field + k];
				if (csv_formula_guarded(row->field[k])) {
					row->field[k]++;
					b->len[rec->first_field + k]--;
				}
			}
			row->len = b->len + rec->first_field;
			row->line = b->line + rec->first_field;
			row->n = rec->nfields;
			row->first_line = rec->first_line;
			row->last_line = rec->last_line;
			row->index = r->stats->records++;
			rc = ops->row(ops->ctx, row);
		}
		if (rc)
			return rc;
	}
	return 0;
}

enum exit_code csv_read_file(const char *path, const struct csv_reader_ops *ops,
			     struct csv_stats *stats, struct diag *err)
{
	struct csv_stats local;
	struct reader r;
	memset(&r, 0, sizeof r);
	r.ops = ops;
	r.stats = stats ? stats : &local;
	memset(r.stats, 0, sizeof *r.stats);
	r.line = 1;

	r.fp = fopen(path, "rb");
	if (!r.fp)
		return diag_errno(err, errno == EACCES ? EXIT_NOPERM : EXIT_NOINPUT, errno, "%s: cannot open", path);
	struct stat st;
	unsigned long long total = fstat(fileno(r.fp), &st) == 0 ? (unsigned long long)st.st_size : 0;

	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.cond, NULL);
	r.cur = &r.pool[0];
	for (int i = 1; i < NBATCH; i++)
		q_push(&r.free_q, &r.pool[i]);
	pthread_t tid;
	if (pthread_create(&tid, NULL, read_all, &r) != 0)
		abort();

	struct csv_row row;
	memset(&row, 0, sizeof row);
	size_t cap = 0;
	int stop = 0, last = 0;
	unsigned long long next_progress = 0;
	while (!last && !stop) {
		pthread_mutex_lock(&r.mu);
		while (r.full_q.count == 0)
			pthread_cond_wait(&r.cond, &r.mu);
		struct batch *b = q_pop(&r.full_q);
		pthread_mutex_unlock(&r.mu);
		last = b->last;
		stop = deliver(&r, b, &row, &cap);
		if (!stop && ops->progress && (b->bytes_done >= next_progress || last)) {
			ops->progress(ops->ctx, b->bytes_done, total);
			next_progress = b->bytes_done + (4u << 20);
		}
		pthread_mutex_lock(&r.mu);
		q_push(&r.free_q, b);
		r.stop = stop; /* a stopped reader thread sends nothing more */
		pthread_cond_broadcast(&r.cond);
		pthread_mutex_unlock(&r.mu);
	}
	pthread_join(tid, NULL);

	enum exit_code rc = EXIT_OK;
	if (r.read_errno)
		rc = diag_errno(err, EXIT_IOERR, r.read_errno, "%s: read error", path);
	else if (stop)
		rc = (enum exit_code)stop;
	fclose(r.fp);
	free(row.field);
	for (int i = 0; i < NBATCH; i++) {
		free(r.pool[i].text);
		free(r.pool[i].off);
		free(r.pool[i].len);
		free(r.pool[i].line);
		free(r.pool[i].recs);
	}
	pthread_mutex_destroy(&r.mu);
	pthread_cond_destroy(&r.cond);
	return rc;
}

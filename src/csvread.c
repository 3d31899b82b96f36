/*
 * csvread: streaming CSV through libcsv (see include/csvread.h).
 *
 * The file is read in large blocks, but fed to libcsv one physical line at
 * a time: libcsv keeps its state across calls (a quoted field may span
 * lines) and we always know which line we are on, which libcsv itself does
 * not track.
 */
#include "csvread.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text.h"
#include "xalloc.h"

#define BLOCK (256 * 1024)
#define PARSER_OPTIONS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)

struct reader {
	struct csv_parser parser;
	const struct csv_reader_ops *ops;
	struct csv_stats *stats;

	/* The record being assembled: field texts packed in text[]. */
	char *text;
	size_t text_len, text_cap;
	size_t *off;
	struct csv_row row;
	size_t fields_cap;

	long line;          /* line being fed */
	int in_record;      /* a record has started and not ended */
	long field_line;    /* line on which the next field starts */
	size_t record_bytes;
	int skip_line;      /* after an error: drop the rest of this line */
	int cp1252;         /* the file is Windows-1252 */
	char *conv;         /* conversion buffer */
	size_t conv_cap;
	int stop;           /* what a callback returned, when non-zero */
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

static void start_record(struct reader *r)
{
	r->in_record = 1;
	r->row.first_line = r->line;
	r->field_line = r->line;
	r->record_bytes = 0;
}

static void reset_record(struct reader *r)
{
	r->row.n = 0;
	r->text_len = 0;
	r->in_record = 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	const char *src = s ? s : "";
	if (r->stop)
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

	if (r->row.n == r->fields_cap) {
		r->fields_cap = r->fields_cap ? 2 * r->fields_cap : 32;
		r->off = xrealloc(r->off, r->fields_cap * sizeof *r->off);
		r->row.len = xrealloc(r->row.len, r->fields_cap * sizeof *r->row.len);
		r->row.line = xrealloc(r->row.line, r->fields_cap * sizeof *r->row.line);
		r->row.field = xrealloc(r->row.field, r->fields_cap * sizeof *r->row.field);
	}
	if (r->text_len + len + 1 > r->text_cap) {
		while (r->text_len + len + 1 > r->text_cap)
			r->text_cap = r->text_cap ? 2 * r->text_cap : 4096;
		r->text = xrealloc(r->text, r->text_cap);
	}
	memcpy(r->text + r->text_len, src, len);
	r->text[r->text_len + len] = '\0';
	r->off[r->row.n] = r->text_len;
	r->row.len[r->row.n] = len;
	r->row.line[r->row.n] = r->field_line;
	r->row.n++;
	r->text_len += len + 1;
	/* The delimiter that ended this field is on the current line. */
	r->field_line = r->line;
}

static void on_record(int c, void *data)
{
	struct reader *r = data;
	(void)c;
	if (r->stop) {
		reset_record(r);
		return;
	}
	int blank = 1;
	for (size_t i = 0; i < r->row.n && blank; i++)
		blank = r->row.len[i] == 0;
	if (!blank || r->stats->records == 0) {
		for (size_t i = 0; i < r->row.n; i++)
			r->row.field[i] = r->text + r->off[i];
		r->row.last_line = r->line;
		r->row.index = r->stats->records++;
		int rc = r->ops->row(r->ops->ctx, &r->row);
		if (rc)
			r->stop = rc;
	}
	reset_record(r);
}

static void restart_parser(struct reader *r)
{
	csv_free(&r->parser);
	csv_init(&r->parser, PARSER_OPTIONS);
	csv_set_delim(&r->parser, (unsigned char)r->stats->delim);
	reset_record(r);
}

static void report_bad(struct reader *r, const char *reason)
{
	r->stats->bad++;
	if (r->ops->bad) {
		int rc = r->ops->bad(r->ops->ctx, r->in_record ? r->row.first_line : r->line,
				     r->line, reason);
		if (rc)
			r->stop = rc;
	}
}

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

static void feed(struct reader *r, const char *p, const char *end)
{
	while (p < end && !r->stop) {
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

	FILE *fp = fopen(path, "rb");
	if (!fp)
		return diag_errno(err, errno == EACCES ? EXIT_NOPERM : EXIT_NOINPUT, errno, "%s: cannot open", path);
	struct stat st;
	unsigned long long total = fstat(fileno(fp), &st) == 0 ? (unsigned long long)st.st_size : 0;

	csv_init(&r.parser, PARSER_OPTIONS);
	char *buf = xmalloc(BLOCK);
	size_t n;
	unsigned long long next_progress = 0;
	int first = 1, last_nl = 1;
	while (!r.stop && (n = fread(buf, 1, BLOCK, fp)) > 0) {
		size_t skip = 0;
		if (first) {
			skip = sniff(&r, buf, n);
			csv_set_delim(&r.parser, (unsigned char)r.stats->delim);
			first = 0;
		}
		feed(&r, buf + skip, buf + n);
		r.stats->bytes += n;
		last_nl = buf[n - 1] == '\n';
		if (ops->progress && r.stats->bytes >= next_progress) {
			ops->progress(ops->ctx, r.stats->bytes, total);
			next_progress = r.stats->bytes + (4u << 20);
		}
	}
	enum exit_code rc = EXIT_OK;
	if (ferror(fp)) {
		rc = diag_errno(err, EXIT_IOERR, errno ? errno : EIO, "%s: read error", path);
	} else if (!r.stop) {
		if (last_nl)
			r.line--; /* nothing follows the last line break */
		if (r.skip_line)
			r.skip_line = 0;
		else if (csv_fini(&r.parser, on_field, on_record, &r) != 0)
			report_bad(&r, "unterminated quoted field at end of file");
	}
	if (r.cp1252)
		r.stats->encoding = CSV_ENC_CP1252;
	r.stats->lines = r.stats->bytes ? r.line : 0;
	if (!rc && r.stop)
		rc = (enum exit_code)r.stop;
	if (ops->progress && !rc)
		ops->progress(ops->ctx, r.stats->bytes, total);

	csv_free(&r.parser);
	fclose(fp);
	free(buf);
	free(r.text);
	free(r.off);
	free(r.row.field);
	free(r.row.len);
	free(r.row.line);
	free(r.conv);
	return rc;
}

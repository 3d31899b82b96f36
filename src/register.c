/* register: the journal of issued documents (see include/register.h). */
#include "register.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "csvread.h"
#include "csvwrite.h"
#include "date.h"
#include "faults.h"
#include "money.h"
#include "sha256.h"
#include "xalloc.h"

#define HEADER_V1 "number,kind,source_ref,partner,issue_date,untaxed,tax,total,currency,due_date,payment_state,issued_by,file,sha256,content"
#define HEADER HEADER_V1 ",chain\n"
#define NFIELDS 16
#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

static const char *const kind_names[DOC_KIND_COUNT] = {
	"quote", "order", "purchase", "invoice", "credit_note", "delivery", "reminder", "fec",
};

void reg_entry_release(struct reg_entry *e)
{
	char **f[] = { &e->number, &e->source_ref, &e->partner, &e->currency, &e->payment_state,
		       &e->issued_by, &e->file, &e->sha256, &e->content, &e->chain };
	for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
}

static void year_key(char *buf, size_t size, enum doc_kind kind, int32_t date)
{
	int y, m, d;
	date_to_ymd(date, &y, &m, &d);
	snprintf(buf, size, "%d\t%d", (int)kind, y);
}

/* --- latest: (kind, source_ref) -> the newest entry ------------------------
 * Open addressing over the entries themselves: a slot holds an entry's
 * index and its key's hash, not a copy of the key (a keyset of
 * "kind\tsource_ref" copies took 17 MB for 300,000 documents; these slots
 * take 4). */
struct latest_slot {
	uint32_t hash;
	uint32_t entry; /* index + 1; 0: empty */
};

struct reg_latest {
	struct latest_slot *slot;
	size_t cap, count;
};

static struct reg_latest *latest_new(void)
{
	struct reg_latest *ix = xcalloc(1, sizeof *ix);
	ix->cap = 64;
	ix->slot = xcalloc(ix->cap, sizeof *ix->slot);
	return ix;
}

static void latest_free(struct reg_latest *ix)
{
	if (ix)
		free(ix->slot);
	free(ix);
}

static uint32_t latest_hash(enum doc_kind kind, const char *s)
{
	uint64_t h = (1469598103934665603ULL ^ (unsigned)kind) * 1099511628211ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (uint32_t)(h ^ (h >> 32));
}

/* The slot of (kind, s): the one naming its newest entry, or the empty
 * one where it would go. */
static struct latest_slot *latest_find(const struct doc_register *reg, enum doc_kind kind, const char *s, uint32_t h)
{
	const struct reg_latest *ix = reg->latest;
	size_t mask = ix->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct latest_slot *sl = &ix->slot[i];
		if (!sl->entry)
			return sl;
		const struct reg_doc *d = &reg->v[sl->entry - 1];
		if (sl->hash == h && d->kind == kind && strcmp(d->source_ref, s) == 0)
			return sl;
	}
}

static void latest_grow(struct reg_latest *ix)
{
	struct latest_slot *old = ix->slot;
	size_t old_cap = ix->cap;
	ix->cap *= 2;
	ix->slot = xcalloc(ix->cap, sizeof *ix->slot);
	for (size_t i = 0; i < old_cap; i++) {
		if (!old[i].entry)
			continue;
		size_t k = old[i].hash & (ix->cap - 1);
		while (ix->slot[k].entry) /* the keys are distinct: the first free slot */
			k = (k + 1) & (ix->cap - 1);
		ix->slot[k] = old[i];
	}
	free(old);
}

/* --- the content fingerprint ---------------------------------------------- */

static int hex_digit(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* 64 lowercase hex digits (as sha256_hex writes them) into 32 bytes;
 * -1 for anything else. */
static int fingerprint_bytes(const char *hex, unsigned char out[32])
{
	for (int i = 0; i < 32; i++) {
		int hi = hex_digit((unsigned char)hex[2 * i]);
		int lo = hi < 0 ? -1 : hex_digit((unsigned char)hex[2 * i + 1]);
		if (lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return hex[64] == '\0' ? 0 : -1;
}

int register_same_content(const struct reg_doc *d, const char *content)
{
	unsigned char b[32];
	return d->fingerprinted && fingerprint_bytes(content, b) == 0 && memcmp(b, d->content, sizeof b) == 0;
}

/* Takes e into the in-memory register, and releases e: what the register
 * keeps of it (struct reg_doc) is copied into its strings, its revision
 * and base are derived from the entries before it, and the indexes are
 * updated. The caller checked REGISTER_MAX_LINES. count_seq: the entry's
 * number was not reserved by register_prepare (it is being loaded). */
static void index_entry(struct doc_register *reg, struct reg_entry *e, int count_seq)
{
	char ykey[64];
	if (reg->n == reg->cap) {
		reg->cap = xgrow(reg->cap, 64);
		reg->v = xrealloc(reg->v, reg->cap * sizeof *reg->v);
	}
	struct reg_doc *d = &reg->v[reg->n];
	memset(d, 0, sizeof *d);
	d->number = strpool_add(&reg->strings, e->number);
	d->source_ref = strpool_add(&reg->strings, e->source_ref);
	d->partner = strpool_keep(&reg->strings, e->partner, NULL);
	d->untaxed = e->untaxed;
	d->tax = e->tax;
	d->total = e->total;
	d->issue_date = e->issue_date;
	d->due_date = e->due_date;
	d->kind = (unsigned char)e->kind;
	d->fingerprinted = e->content && fingerprint_bytes(e->content, d->content) == 0;
	/* Only the newest chain is kept: it is all the next line needs. */
	snprintf(reg->last_chain, sizeof reg->last_chain, "%s", e->chain ? e->chain : "");

	uint32_t h = latest_hash(e->kind, e->source_ref);
	struct latest_slot *sl = latest_find(reg, e->kind, e->source_ref, h);
	if (sl->entry) {
		const struct reg_doc *prev = &reg->v[sl->entry - 1];
		d->revision = prev->revision + 1;
		d->base = prev->base;
	} else {
		d->revision = 1;
		d->base = (uint32_t)reg->n;
		if (count_seq) {
			long seq = 0;
			year_key(ykey, sizeof ykey, e->kind, e->issue_date);
			keyset_get(reg->seq, ykey, &seq);
			keyset_set(reg->seq, ykey, seq + 1);
		}
	}
	int added = !sl->entry;
	sl->hash = h;
	sl->entry = (uint32_t)reg->n + 1;
	reg->n++;
	if (added && ++reg->latest->count * 5 > reg->latest->cap * 4)
		latest_grow(reg->latest);
	reg_entry_release(e);
}

const struct reg_doc *register_latest(const struct doc_register *reg, enum doc_kind kind, const char *source_ref)
{
	const struct latest_slot *sl = latest_find(reg, kind, source_ref, latest_hash(kind, source_ref));
	return sl->entry ? &reg->v[sl->entry - 1] : NULL;
}

void register_next_source(const struct doc_register *reg, enum doc_kind kind, const char *order_ref,
			  char *out, size_t size)
{
	for (int k = 1;; k++) {
		snprintf(out, size, "%s#%d", order_ref, k);
		if (!register_latest(reg, kind, out))
			return;
	}
}

int register_source_base(const struct reg_doc *e, char *out, size_t size)
{
	const char *hash = strrchr(e->source_ref, '#');
	if (!hash || (size_t)(hash - e->source_ref) >= size)
		return -1;
	memcpy(out, e->source_ref, (size_t)(hash - e->source_ref));
	out[hash - e->source_ref] = '\0';
	return 0;
}

/* Expands "{year}", "{seq}" and "{seq:N}" of a number format. */
static char *format_number(const char *fmt, int year, long seq)
{
	char out[256];
	size_t o = 0;
	for (const char *p = fmt; *p && o + 32 < sizeof out;) {
		if (strncmp(p, "{year}", 6) == 0) {
			o += (size_t)snprintf(out + o, sizeof out - o, "%04d", year);
			p += 6;
		} else if (strncmp(p, "{seq", 4) == 0 && (p[4] == '}' || p[4] == ':')) {
			int width = p[4] == ':' ? atoi(p + 5) : 0;
			if (width < 0 || width > 12)
				width = 0;
			o += (size_t)snprintf(out + o, sizeof out - o, "%0*ld", width, seq);
			p = strchr(p, '}') ? strchr(p, '}') + 1 : p + strlen(p);
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
	return xstrdup(out);
}

void register_prepare(struct doc_register *reg, enum doc_kind kind, const char *source_ref,
		      int32_t issue_date, const char *fmt, struct reg_entry *e)
{
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->source_ref = xstrdup(source_ref);
	e->issue_date = issue_date;
	e->due_date = DATE_NONE;
	const struct reg_doc *prev = register_latest(reg, kind, source_ref);
	if (prev) {
		const struct reg_doc *base = &reg->v[prev->base];
		e->number = xasprintf("%s-%u", base->number, prev->revision + 1);
	} else {
		char ykey[64];
		long seq = 0;
		int y, m, d;
		year_key(ykey, sizeof ykey, kind, issue_date);
		keyset_get(reg->seq, ykey, &seq);
		date_to_ymd(issue_date, &y, &m, &d);
		e->number = format_number(fmt, y, seq + 1);
		/* Reserved now: the next document prepared before this one is
		 * appended gets the next number. */
		keyset_set(reg->seq, ykey, seq + 1);
	}
}

/* --- the file ------------------------------------------------------------ */

static int parse_kind(const char *s, enum doc_kind *k)
{
	for (int i = 0; i < DOC_KIND_COUNT; i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*k = (enum doc_kind)i;
			return 0;
		}
	return -1;
}

/* The chain link of e after prev: the SHA-256 of the previous line's chain
 * and this line's other fields, as the register writes them. */
static void chain_of(const char *prev, const struct reg_entry *e, char out[65]);
static void format_entry(FILE *fp, const struct reg_entry *e, int with_chain);

struct loading {
	struct doc_register *reg;
	const char *path;
	struct diag *err;
	enum exit_code rc;
	size_t nfields;             /* 15: a register from before the chain */
	/* A register from before the chain gets its chain computed once, for
	 * every line, as it is read, and is written again whole (atomically):
	 * from then on it is only ever appended to. */
	struct atomic_file up;
	int upgrading;
	char prev[65];              /* the chain of the line before */
};

static int bad_line(struct loading *l, long line, const char *why)
{
	l->rc = diag_set(l->err, EXIT_IOERR, "%s:%ld: damaged register line (%s): "
			 "restore it from a backup; crmbatch will not issue over it", l->path, line, why);
	return l->rc;
}

/* The folder each kind's files are written in (each stage's
 * issue_info.subdir); credit notes were written among the invoices
 * before they had their own. */
static const char *const kind_dirs[DOC_KIND_COUNT][2] = {
	[DOC_QUOTE] = { "quotes" },
	[DOC_ORDER] = { "orders" },
	[DOC_PURCHASE] = { "purchase-orders" },
	[DOC_INVOICE] = { "invoices" },
	[DOC_CREDIT_NOTE] = { "credit-notes", "invoices" },
	[DOC_DELIVERY] = { "delivery-slips" },
	[DOC_REMINDER] = { "reminders" },
};

/* The longest stem pdfdoc_file_name writes (into its callers' 128 bytes). */
#define FILE_STEM_MAX 127

/* Non-zero when file is a name crmbatch could have written for a document
 * of this kind: DIR/STEM.pdf, DIR the kind's folder and STEM as
 * pdfdoc_file_name makes it (letters, digits, '-', '_', '.' but not
 * first). So an absolute path, a "..", another folder or a device is a
 * damaged line, and neither a run nor verify ever opens it. "" (no file)
 * is allowed: verify has nothing to hash then. */
static int file_name_ok(enum doc_kind kind, const char *file)
{
	if (!*file)
		return 1;
	if (kind == DOC_FEC) {
		/* <SIREN>FEC<AAAAMMJJ>.txt in the output folder itself (art.
		 * A47 A-1 names it): digits, "FEC", eight digits. */
		size_t n = strlen(file), i = 0;
		while (i < n && file[i] >= '0' && file[i] <= '9')
			i++;
		if (n != i + 15 || strncmp(file + i, "FEC", 3) != 0 || strcmp(file + n - 4, ".txt") != 0)
			return 0;
		for (size_t k = i + 3; k < i + 11; k++)
			if (file[k] < '0' || file[k] > '9')
				return 0;
		return 1;
	}
	for (int d = 0; d < 2 && kind_dirs[kind][d]; d++) {
		size_t dl = strlen(kind_dirs[kind][d]);
		if (strncmp(file, kind_dirs[kind][d], dl) != 0 || file[dl] != '/')
			continue;
		const char *stem = file + dl + 1;
		size_t n = strlen(stem);
		if (n <= 4 || n - 4 > FILE_STEM_MAX || strcmp(stem + n - 4, ".pdf") != 0 || stem[0] == '.')
			return 0;
		for (size_t i = 0; i < n - 4; i++) {
			char c = stem[i];
			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
			      c == '_' || c == '.'))
				return 0;
		}
		return 1;
	}
	return 0;
}

static const char bad_file_name[] = "a file name crmbatch does not write";

/* A register line's fields into e (strings copied); 0 or the reason. */
static const char *parse_entry(char *const *f, struct reg_entry *e)
{
	memset(e, 0, sizeof *e);
	if (parse_kind(f[1], &e->kind) || date_parse(f[4], &e->issue_date) ||
	    num_parse(f[5], SCALE_CENTS, 0, &e->untaxed) || num_parse(f[6], SCALE_CENTS, 0, &e->tax) ||
	    num_parse(f[7], SCALE_CENTS, 0, &e->total) || !*f[0] || !*f[2])
		return "unreadable field";
	e->due_date = DATE_NONE;
	if (*f[9] && date_parse(f[9], &e->due_date))
		return "unreadable due date";
	if (!file_name_ok(e->kind, f[12]))
		return bad_file_name;
	e->number = xstrdup(f[0]);
	e->source_ref = xstrdup(f[2]);
	e->partner = xstrdup(f[3]);
	e->currency = xstrdup(f[8]);
	e->payment_state = xstrdup(f[10]);
	e->issued_by = xstrdup(f[11]);
	e->file = xstrdup(f[12]);
	e->sha256 = xstrdup(f[13]);
	e->content = xstrdup(f[14]);
	return NULL;
}

static int on_entry(void *ctx, const struct csv_row *row)
{
	struct loading *l = ctx;
	if (row->index == 0) {
		if ((row->n != NFIELDS && row->n != NFIELDS - 1) || strcmp(row->field[0], "number") != 0)
			return bad_line(l, row->first_line, "not a register header");
		l->nfields = row->n;
		if (row->n == NFIELDS - 1) {
			enum exit_code rc = atomic_open(&l->up, l->path, l->err);
			if (rc)
				return l->rc = rc;
			l->upgrading = 1;
			fputs(HEADER, l->up.fp);
			snprintf(l->prev, sizeof l->prev, "%s", GENESIS);
		}
		return 0;
	}
	if (row->n != l->nfields)
		return bad_line(l, row->first_line, "wrong number of fields");
	struct reg_entry e;
	const char *why = parse_entry(row->field, &e);
	if (why) {
		reg_entry_release(&e);
		return bad_line(l, row->first_line, why);
	}
	if (l->reg->n >= REGISTER_MAX_LINES) {
		reg_entry_release(&e);
		return l->rc = diag_set(l->err, EXIT_CANTCREAT, "%s:%ld: the register holds %u lines, the most it may: "
					"archive it and start a new output folder", l->path, row->first_line, REGISTER_MAX_LINES);
	}
	if (l->nfields == NFIELDS) {
		e.chain = xstrdup(row->field[15]);
	} else {
		char link[65];
		chain_of(l->prev, &e, link);
		e.chain = xstrdup(link);
		format_entry(l->up.fp, &e, 1);
		memcpy(l->prev, link, sizeof link);
	}
	index_entry(l->reg, &e, 1);
	return 0;
}

static int on_bad_entry(void *ctx, long first_line, long last_line, const char *reason)
{
	(void)last_line;
	return bad_line(ctx, first_line, reason);
}


enum exit_code register_open(struct doc_register *reg, const char *output_dir, struct diag *err)
{
	memset(reg, 0, sizeof *reg);
	reg->fd = -1;
	reg->path = xasprintf("%s/register.csv", output_dir);
	reg->latest = latest_new();
	reg->seq = keyset_new();
	struct stat st;
	enum exit_code rc;
	if (stat(reg->path, &st) != 0) {
		if ((rc = atomic_write(reg->path, HEADER, strlen(HEADER), err)))
			return rc;
	} else if ((rc = atomic_repair_tail(reg->path, err))) {
		return rc;
	}
	struct loading l = { reg, reg->path, err, EXIT_OK, NFIELDS, { NULL, NULL, NULL }, 0, "" };
	struct csv_reader_ops ops = { on_entry, on_bad_entry, NULL, &l };
	rc = csv_read_file(reg->path, &ops, NULL, err);
	if (l.upgrading) {
		if (rc)
			atomic_abort(&l.up);
		else if (!(rc = atomic_commit(&l.up, err)))
			reg->upgraded = reg->n;
	}
	if (rc)
		return rc;
	reg->fd = open(reg->path, O_WRONLY | O_APPEND);
	if (reg->fd < 0)
		return diag_errno(err, EXIT_IOERR, errno, "%s: cannot open for appending", reg->path);
	return EXIT_OK;
}

void register_close(struct doc_register *reg)
{
	if (reg->fd >= 0)
		close(reg->fd);
	strpool_release(&reg->strings); /* the entries' texts */
	free(reg->v);
	latest_free(reg->latest);
	keyset_free(reg->seq);
	free(reg->path);
	memset(reg, 0, sizeof *reg);
	reg->fd = -1;
}

/* A register field never holds a line break: the torn-line rule relies on
 * it. Whole, however long. */
static void put(FILE *fp, const char *s, int last)
{
	if (!s || !strpbrk(s, "\r\n")) {
		csv_write_field(fp, s, last);
		return;
	}
	char *copy = xstrdup(s);
	for (char *p = copy; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	csv_write_field(fp, copy, last);
	free(copy);
}

/* The line of e, its chain last when with_chain (else the 15 fields the
 * chain covers, ending with the content and a line break). */
static void format_entry(FILE *fp, const struct reg_entry *e, int with_chain)
{
	char d1[16], d2[16] = "", a[32], b[32], c[32];
	date_format_iso(e->issue_date, d1, sizeof d1);
	if (e->due_date != DATE_NONE)
		date_format_iso(e->due_date, d2, sizeof d2);
	put(fp, e->number, 0);
	put(fp, kind_names[e->kind], 0);
	put(fp, e->source_ref, 0);
	put(fp, e->partner, 0);
	put(fp, d1, 0);
	put(fp, num_format_dot(e->untaxed, 2, 2, a, sizeof a), 0);
	put(fp, num_format_dot(e->tax, 2, 2, b, sizeof b), 0);
	put(fp, num_format_dot(e->total, 2, 2, c, sizeof c), 0);
	put(fp, e->currency, 0);
	put(fp, d2, 0);
	put(fp, e->payment_state, 0);
	put(fp, e->issued_by, 0);
	put(fp, e->file, 0);
	put(fp, e->sha256, 0);
	put(fp, e->content, !with_chain);
	if (with_chain)
		put(fp, e->chain, 1);
}

static void chain_of(const char *prev, const struct reg_entry *e, char out[65])
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		abort(); /* out of memory, as xmalloc would */
	format_entry(mem, e, 0);
	fclose(mem);
	struct sha256 h;
	sha256_init(&h);
	sha256_update(&h, prev, strlen(prev));
	sha256_update(&h, "\n", 1);
	sha256_update(&h, text, len);
	sha256_hex(&h, out);
	free(text);
}

/* Test hook: CRMBATCH_CRASH_TEAR=1 writes half of the lines and dies, as
 * a power cut in the middle of an append would. */
static int tear_requested(void)
{
	const char *s = getenv("CRMBATCH_CRASH_TEAR");
	return s && *s == '1';
}

enum exit_code register_append(struct doc_register *reg, struct reg_entry *e, size_t n, struct diag *err)
{
	if (n > REGISTER_MAX_LINES - reg->n)
		return diag_set(err, EXIT_CANTCREAT, "%s: the register would hold more than %u lines, the most it may: "
				"archive it and start a new output folder", reg->path, REGISTER_MAX_LINES);
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		return diag_errno(err, EXIT_IOERR, errno, "%s: cannot format the lines to append", reg->path);
	/* Each line chains from the one before it. The links join the
	 * entries only once written: on failure the caller still owns e as
	 * it gave it. */
	char (*links)[65] = xmalloc((n ? n : 1) * sizeof *links);
	const char *prev = reg->n ? reg->last_chain : GENESIS;
	for (size_t i = 0; i < n; i++) {
		chain_of(prev, &e[i], links[i]);
		struct reg_entry line = e[i];
		line.chain = links[i];
		format_entry(mem, &line, 1);
		prev = links[i];
	}
	if (fclose(mem) != 0) {
		free(text);
		free(links);
		return diag_errno(err, EXIT_IOERR, errno, "%s: cannot format the lines to append", reg->path);
	}
	if (tear_requested()) {
		(void)!write(reg->fd, text, len / 2);
		_exit(137);
	}
	/* One write, one fsync: a crash leaves at worst a torn last line. */
	size_t done = 0;
	crash_point();
	int fault = write_fault();
	if (fault) {
		free(text);
		free(links);
		return diag_errno(err, EXIT_IOERR, fault, "%s: cannot append", reg->path);
	}
	while (done < len) {
		ssize_t w = write(reg->fd, text + done, len - done);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			free(text);
			free(links);
			return diag_errno(err, EXIT_IOERR, errno, "%s: cannot append", reg->path);
		}
		done += (size_t)w;
	}
	free(text);
	if (fsync(reg->fd) != 0) {
		free(links);
		return diag_errno(err, EXIT_IOERR, errno, "%s: cannot sync", reg->path);
	}
	crash_point();
	for (size_t i = 0; i < n; i++) {
		free(e[i].chain);
		e[i].chain = xstrdup(links[i]);
		index_entry(reg, &e[i], 0); /* and released */
	}
	free(links);
	return EXIT_OK;
}

/* --- verify --------------------------------------------------------------- */

struct verifying {
	const char *path, *dir;
	const struct reg_head *head;      /* the head to reach, or NULL */
	char prev[65];
	struct diag *err;
	enum exit_code rc;
	long lines, files;
};

static int verify_fail(struct verifying *v, long line, const char *why, const char *what)
{
	v->rc = diag_set(v->err, EXIT_DATAERR, "%s:%ld: %s%s%s", v->path, line, what ? what : "", what ? ": " : "", why);
	return v->rc;
}

/* The SHA-256 of dir/file, file being one file_name_ok accepts
 * ("quotes/DEV-1.pdf"): 0, or the reason it cannot be hashed. Only a
 * regular file is read, and neither its folder nor itself is followed
 * when a symbolic link (a link could lead out of the output folder, to a
 * device or a FIFO that never ends). */
static const char *file_sha256(const char *dir, const char *file, char hex[65])
{
	const char *slash = strchr(file, '/');
	char sub[32] = ".";
	if (slash && (size_t)(slash - file) >= sizeof sub)
		return "not a document's file name";
	if (slash) {
		memcpy(sub, file, (size_t)(slash - file));
		sub[slash - file] = '\0';
	}
	int top = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (top < 0)
		return "missing or unreadable";
	/* A FEC is in the output folder itself ("." below it). */
	int sd = openat(top, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), fault = errno;
	close(top);
	if (sd < 0)
		return fault == ELOOP || fault == ENOTDIR ? "its folder is not a folder of the output folder"
							  : "missing or unreadable";
	/* O_NONBLOCK: a FIFO opens at once (and is then refused) rather
	 * than waiting for a writer. */
	int fd = openat(sd, slash ? slash + 1 : file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	fault = errno;
	close(sd);
	if (fd < 0)
		return fault == ELOOP ? "not a regular file (a symbolic link)" : "missing or unreadable";
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return "not a regular file";
	}
	struct sha256 h;
	sha256_init(&h);
	unsigned char buf[65536];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(fd);
			return "missing or unreadable";
		}
		if (n == 0)
			break;
		sha256_update(&h, buf, (size_t)n);
	}
	close(fd);
	sha256_hex(&h, hex);
	return NULL;
}

const char *register_file_sha256(const char *output_dir, enum doc_kind kind, const char *file, char hex[65])
{
	if (!*file || !file_name_ok(kind, file))
		return bad_file_name;
	return file_sha256(output_dir, file, hex);
}

static int on_verify(void *ctx, const struct csv_row *row)
{
	struct verifying *v = ctx;
	if (row->index == 0)
		return row->n == NFIELDS && strcmp(row->field[0], "number") == 0 && strcmp(row->field[15], "chain") == 0
			       ? 0
			       : verify_fail(v, row->first_line, "not a chained register header (run crmbatch once to chain it)", NULL);
	if (row->n != NFIELDS)
		return verify_fail(v, row->first_line, "wrong number of fields", NULL);
	struct reg_entry e;
	const char *why = parse_entry(row->field, &e);
	if (why) {
		reg_entry_release(&e);
		if (why == bad_file_name)
			return v->rc = diag_set(v->err, EXIT_DATAERR, "%s:%ld: damaged register line: '%s' is not a file name "
						"crmbatch writes", v->path, row->first_line, row->field[12]);
		return verify_fail(v, row->first_line, why, NULL);
	}
	char link[65];
	chain_of(v->prev, &e, link);
	int rc = 0;
	if (strcmp(link, row->field[15]) != 0) {
		rc = verify_fail(v, row->first_line, "chain broken: this line, or the one before it, was changed", e.number);
	} else if (v->head && (unsigned long)v->lines + 1 == v->head->count && strcmp(link, v->head->chain) != 0) {
		rc = v->rc = diag_set(v->err, EXIT_DATAERR, "%s:%ld: %s: its chain is not the head %lu:%s: the register "
				      "was rewritten up to this line", v->path, row->first_line, e.number,
				      v->head->count, v->head->chain);
	} else if (*e.file) {
		char *path = xasprintf("%s/%s", v->dir, e.file), hex[65];
		const char *bad = file_sha256(v->dir, e.file, hex);
		if (bad)
			rc = verify_fail(v, row->first_line, bad, path);
		else if (strcmp(hex, e.sha256) != 0)
			rc = verify_fail(v, row->first_line, "its SHA-256 is not the one registered: the file was changed", path);
		else
			v->files++;
		free(path);
	}
	snprintf(v->prev, sizeof v->prev, "%s", row->field[15]);
	v->lines++;
	reg_entry_release(&e);
	return rc;
}

int register_head_parse(const char *s, struct reg_head *h)
{
	const char *colon = strchr(s, ':');
	if (!colon || colon == s || colon - s > 10)
		return -1;
	unsigned long count = 0;
	for (const char *p = s; p < colon; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		count = count * 10 + (unsigned long)(*p - '0');
	}
	unsigned char bytes[32];
	if (count > REGISTER_MAX_LINES || fingerprint_bytes(colon + 1, bytes) != 0)
		return -1;
	h->count = count;
	memcpy(h->chain, colon + 1, 65);
	return 0;
}

void register_head(const struct doc_register *reg, struct reg_head *h)
{
	h->count = reg->n;
	snprintf(h->chain, sizeof h->chain, "%s", reg->n && *reg->last_chain ? reg->last_chain : GENESIS);
}

enum exit_code register_verify(const char *output_dir, const struct reg_head *head, long *lines, long *files,
			       struct diag *err)
{
	char *path = xasprintf("%s/register.csv", output_dir);
	struct verifying v = { .path = path, .dir = output_dir, .head = head, .prev = GENESIS, .err = err, .rc = EXIT_OK };
	struct csv_reader_ops ops = { on_verify, NULL, NULL, &v };
	struct stat st;
	enum exit_code rc = stat(path, &st) != 0 ? diag_errno(err, EXIT_NOINPUT, errno, "%s: cannot read", path)
			    : atomic_tail_torn(path)
				    ? diag_set(err, EXIT_DATAERR, "%s: its last line is torn (an interrupted run; the next run repairs it)", path)
				    : csv_read_file(path, &ops, NULL, err);
	if (!rc && v.rc)
		rc = v.rc;
	/* Lines cut off the end (and their files deleted) leave a register
	 * that chains: only a head kept elsewhere tells. */
	if (!rc && head && (unsigned long)v.lines < head->count)
		rc = diag_set(err, EXIT_DATAERR, "%s: holds %ld line(s), fewer than the head %lu:%s: its last lines "
			      "were removed", path, v.lines, head->count, head->chain);
	else if (!rc && head && head->count == 0 && strcmp(head->chain, GENESIS) != 0)
		rc = diag_set(err, EXIT_DATAERR, "%s: the head 0:%s is not an empty register's (0:%s)", path, head->chain,
			      GENESIS);
	*lines = v.lines;
	*files = v.files;
	free(path);
	return rc;
}

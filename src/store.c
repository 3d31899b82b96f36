/* store: the documents as issued, read back as the model (see include/store.h). */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic.h"
#include "csvread.h"
#include "csvwrite.h"
#include "date.h"
#include "issue.h"
#include "ledger.h"
#include "money.h"
#include "sha256.h"
#include "xalloc.h"

#define HEADER "record,document,fields..."

static const struct ledger_file store_file = { NULL, HEADER, 0, 0 };

/* --- writing ----------------------------------------------------------------- */

struct writer {
	FILE *fp;
	struct sha256 h;
};

/* One row: written, and fed to the record's hash as the reader will see it. */
static void put_row(struct writer *w, const char *const *f, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		csv_write_field(w->fp, f[k], k + 1 == n);
		fingerprint_field(&w->h, f[k] ? f[k] : "");
	}
	sha256_update(&w->h, "\n", 1);
}

#define ROW(w, ...)                                                      \
	do {                                                             \
		const char *f_[] = { __VA_ARGS__ };                     \
		put_row((w), f_, sizeof f_ / sizeof *f_);                \
	} while (0)

static const char *date_or_empty(int32_t d, char *buf, size_t size)
{
	return d == DATE_NONE ? "" : date_format_iso(d, buf, size);
}

static const char *num(int64_t v, int scale, char *buf, size_t size)
{
	return num_format_dot(v, scale, scale, buf, size);
}

static const char *text_or_empty(const char *s)
{
	return s ? s : "";
}

void store_record(const struct invoice *inv, const char *number, char **text, size_t *len, char hash[65])
{
	struct writer w;
	w.fp = open_memstream(text, len);
	if (!w.fp)
		abort(); /* out of memory, as xmalloc would */
	sha256_init(&w.h);
	const struct order *o = inv->order;
	int credit = inv->kind == DOC_CREDIT_NOTE;
	char d1[16], d2[16], d3[16], d4[16], d5[16], d6[16], m1[32], m2[32], m3[32], m4[32], p1[32];
	ROW(&w, "doc", number, credit ? "credit_note" : "invoice", date_or_empty(inv->date, d1, sizeof d1),
	    date_or_empty(inv->delivered, d2, sizeof d2), date_or_empty(inv->due, d3, sizeof d3), o->ref,
	    date_or_empty(o->date, d4, sizeof d4), text_or_empty(o->customer_ref), o->customer_code,
	    credit ? inv->corrects : "", credit ? date_or_empty(inv->corrects_date, d5, sizeof d5) : "",
	    credit ? text_or_empty(inv->reason) : "", text_or_empty(inv->term),
	    inv->escompte ? num(inv->escompte, SCALE_PERCENT, p1, sizeof p1) : "",
	    inv->escompte ? date_or_empty(inv->escompte_until, d6, sizeof d6) : "", inv->business ? "1" : "0",
	    inv->penalties ? "1" : "0", num(inv->totals.untaxed, SCALE_CENTS, m1, sizeof m1),
	    num(inv->totals.tax, SCALE_CENTS, m2, sizeof m2), num(inv->totals.total, SCALE_CENTS, m3, sizeof m3),
	    num(inv->totals.discount, SCALE_CENTS, m4, sizeof m4));
	const struct partner *b = inv->buyer;
	if (b)
		ROW(&w, "party", number, "buyer", text_or_empty(b->code), text_or_empty(b->name), text_or_empty(b->contact),
		    text_or_empty(b->civility), text_or_empty(b->street), text_or_empty(b->zip), text_or_empty(b->city),
		    text_or_empty(b->country), text_or_empty(b->email), text_or_empty(b->phone), text_or_empty(b->siren),
		    text_or_empty(b->vat_number), b->is_business ? "1" : "0");
	if (inv->ships_elsewhere)
		ROW(&w, "party", number, "ship_to", text_or_empty(inv->ship_to.name), text_or_empty(inv->ship_to.street),
		    text_or_empty(inv->ship_to.zip), text_or_empty(inv->ship_to.city), text_or_empty(inv->ship_to.country));
	for (size_t k = 0; k < inv->nlines; k++) {
		const struct invoice_line *l = &inv->lines[k];
		char n[16], q[32], c[32], g[32], dc[32], np[32], a[32], r[32];
		snprintf(n, sizeof n, "%d", l->order_line);
		const struct tax *t = l->tax;
		ROW(&w, "line", number, n, text_or_empty(l->ref), text_or_empty(l->description),
		    num(l->qty, SCALE_QTY, q, sizeof q), num(l->counted, SCALE_QTY, c, sizeof c),
		    num(l->gross_price, SCALE_PRICE, g, sizeof g), num(l->discount, SCALE_PERCENT, dc, sizeof dc),
		    num(l->net_price, SCALE_PRICE, np, sizeof np), num(l->amount, SCALE_CENTS, a, sizeof a),
		    t ? t->name : "", t ? vat_category_code(t->category) : "", t ? num(t->rate, SCALE_PERCENT, r, sizeof r) : "",
		    t ? (t->included ? "included" : "excluded") : "", l->service ? "service" : "goods");
	}
	for (size_t k = 0; k < inv->totals.nrates; k++) {
		const struct tax_total *t = &inv->totals.rates[k];
		char r[32], a[32], x[32];
		ROW(&w, "vat", number, vat_category_code(t->category), num(t->rate, SCALE_PERCENT, r, sizeof r),
		    t->tax ? t->tax->name : "", num(t->base, SCALE_CENTS, a, sizeof a), num(t->amount, SCALE_CENTS, x, sizeof x),
		    t->tax ? text_or_empty(t->tax->mention) : "");
	}
	for (int k = 0; k < inv->ninst; k++) {
		char a[32];
		ROW(&w, "inst", number, date_or_empty(inv->inst[k].date, d1, sizeof d1),
		    num(inv->inst[k].amount, SCALE_CENTS, a, sizeof a));
	}
	const char *notes[][2] = {
		{ "penalty", inv->penalty_note }, { "indemnity", inv->indemnity_note },
		{ "guarantee", inv->guarantee_note }, { "escompte", inv->escompte_note }, { "debits", inv->debits_note },
	};
	for (size_t k = 0; k < sizeof notes / sizeof *notes; k++)
		if (notes[k][1])
			ROW(&w, "note", number, notes[k][0], notes[k][1]);
	sha256_hex(&w.h, hash);
	ROW(&w, "end", number, hash);
	fclose(w.fp);
}

enum exit_code store_append(const char *output_dir, const char *text, size_t len, struct diag *err)
{
	struct ledger_file lf = store_file;
	char *path = xasprintf("%s/%s", output_dir, STORE_FILE);
	lf.path = path;
	/* A killed run's torn last line is cut first: the record starts on
	 * a line of its own. */
	enum exit_code rc = atomic_tail_torn(path) ? atomic_repair_tail(path, err) : EXIT_OK;
	if (!rc)
		rc = ledger_append(&lf, text, len, err);
	free(path);
	return rc;
}

/* --- reading ----------------------------------------------------------------- */

/* A record's rows as read, until its end row says whether it holds. */
struct pending {
	char ***rows;               /* each a NULL-terminated copy of its fields */
	size_t *nfields;
	size_t n, cap;
	long first_line;
	struct sha256 h;
};

static void pending_clear(struct pending *p)
{
	for (size_t i = 0; i < p->n; i++) {
		for (size_t k = 0; k < p->nfields[i]; k++)
			free(p->rows[i][k]);
		free(p->rows[i]);
	}
	p->n = 0;
}

struct reading {
	const char *path;
	struct doc_store *st;       /* NULL: verifying */
	struct keyset *content;     /* number -> register index (loading) */
	const struct doc_register *reg;
	struct pending p;
	long records, bad_line;     /* verifying: records checked, first that does not hold */
	struct keyset *hashes;      /* verifying: "number\thash" of every record that holds */
	struct keyset *stubs;       /* verifying: the documents issued before the store */
	int compacting;             /* store_prepare: only count what the register does not name */
	long dropped;               /* ... records not named, or left without their end */
	FILE *out;                  /* ... its second pass: where the named records go */
	struct diag *err;
};

static int parse_amount(const char *s, int scale, int64_t *out)
{
	return num_parse(s, scale, 0, out) != NUM_OK;
}

static int parse_date(const char *s, int32_t *out)
{
	if (!*s) {
		*out = DATE_NONE;
		return 0;
	}
	return date_parse(s, out) != 0;
}

static const char *keep(struct doc_store *st, const char *s)
{
	return *s ? strpool_add(&st->strings, s) : NULL;
}

/* The tax a line or breakdown names, one per name and rate in the document. */
static const struct tax *doc_tax(struct doc_store *st, struct stored_doc *d, size_t cap, const char *name,
				 const char *cat, const char *rate, const char *included, const char *mention, int *bad)
{
	enum vat_category c;
	int64_t r;
	if (!*name && !*cat)
		return NULL;
	if (vat_category_parse(cat, &c) != 0 || parse_amount(rate, SCALE_PERCENT, &r)) {
		*bad = 1;
		return NULL;
	}
	for (size_t i = 0; i < d->ntaxes; i++)
		if (strcmp(d->taxes[i].name, name) == 0 && d->taxes[i].rate == r && d->taxes[i].category == c) {
			if (included)
				d->taxes[i].included = strcmp(included, "included") == 0;
			if (mention && *mention && !d->taxes[i].mention)
				d->taxes[i].mention = (char *)keep(st, mention);
			return &d->taxes[i];
		}
	if (d->ntaxes == cap) {
		*bad = 1;
		return NULL;
	}
	struct tax *t = &d->taxes[d->ntaxes++];
	memset(t, 0, sizeof *t);
	/* The struct is the config's, whose strings are not const: these
	 * are the store's, never freed through it. */
	t->name = (char *)strpool_add(&st->strings, name);
	t->rate = r;
	t->category = c;
	t->included = included && strcmp(included, "included") == 0;
	t->mention = mention && *mention ? (char *)keep(st, mention) : NULL;
	return t;
}

/* The model of a complete record. Returns 0, or -1 when a row does not read. */
static int build_doc(struct doc_store *st, const struct pending *p, struct stored_doc *d)
{
	memset(d, 0, sizeof *d);
	d->first_line = p->first_line;
	size_t nlines = 0, cap = 0;
	for (size_t i = 0; i < p->n; i++)
		nlines += strcmp(p->rows[i][0], "line") == 0;
	cap = p->n; /* every tax comes from a row */
	d->taxes = xcalloc(cap ? cap : 1, sizeof *d->taxes);
	struct invoice *inv = &d->inv;
	inv->lines = xcalloc(nlines ? nlines : 1, sizeof *inv->lines);
	inv->order = &d->order;
	int bad = 0;
	for (size_t i = 0; i < p->n && !bad; i++) {
		char **f = p->rows[i];
		size_t n = p->nfields[i];
		const char *what = f[0];
		if (strcmp(what, "doc") == 0 && n == 22) {
			d->number = strpool_add(&st->strings, f[1]);
			inv->kind = strcmp(f[2], "credit_note") == 0 ? DOC_CREDIT_NOTE : DOC_INVOICE;
			bad |= strcmp(f[2], "credit_note") != 0 && strcmp(f[2], "invoice") != 0;
			bad |= parse_date(f[3], &inv->date) || parse_date(f[4], &inv->delivered) || parse_date(f[5], &inv->due);
			d->order.ref = strpool_add(&st->strings, f[6]);
			bad |= parse_date(f[7], &d->order.date);
			d->order.customer_ref = keep(st, f[8]);
			d->order.customer_code = strpool_add(&st->strings, f[9]);
			inv->corrects = *f[10] ? xstrdup(f[10]) : NULL;
			bad |= parse_date(f[11], &inv->corrects_date);
			inv->reason = keep(st, f[12]);
			inv->term = keep(st, f[13]);
			if (*f[14])
				bad |= parse_amount(f[14], SCALE_PERCENT, &inv->escompte) || parse_date(f[15], &inv->escompte_until);
			inv->business = strcmp(f[16], "1") == 0;
			inv->penalties = strcmp(f[17], "1") == 0;
			bad |= parse_amount(f[18], SCALE_CENTS, &inv->totals.untaxed) ||
			       parse_amount(f[19], SCALE_CENTS, &inv->totals.tax) ||
			       parse_amount(f[20], SCALE_CENTS, &inv->totals.total) ||
			       parse_amount(f[21], SCALE_CENTS, &inv->totals.discount);
		} else if (strcmp(what, "party") == 0 && n == 16 && strcmp(f[2], "buyer") == 0) {
			struct partner *b = &d->buyer;
			const char **to[] = { &b->code, &b->name, &b->contact, &b->civility, &b->street, &b->zip, &b->city,
					      &b->country, &b->email, &b->phone, &b->siren, &b->vat_number };
			for (size_t k = 0; k < sizeof to / sizeof *to; k++)
				*to[k] = keep(st, f[3 + k]);
			b->is_business = strcmp(f[15], "1") == 0;
			inv->buyer = b;
			d->order.customer = b;
		} else if (strcmp(what, "party") == 0 && n == 8 && strcmp(f[2], "ship_to") == 0) {
			struct address *a = &inv->ship_to;
			a->name = keep(st, f[3]);
			a->street = keep(st, f[4]);
			a->zip = keep(st, f[5]);
			a->city = keep(st, f[6]);
			a->country = keep(st, f[7]);
			inv->ships_elsewhere = 1;
		} else if (strcmp(what, "line") == 0 && n == 16) {
			struct invoice_line *l = &inv->lines[inv->nlines++];
			int64_t ol;
			bad |= parse_amount(f[2], 0, &ol) || ol < 1 || ol > INT32_MAX;
			l->order_line = (int)ol;
			l->ref = keep(st, f[3]);
			l->description = keep(st, f[4]);
			bad |= parse_amount(f[5], SCALE_QTY, &l->qty) || parse_amount(f[6], SCALE_QTY, &l->counted) ||
			       parse_amount(f[7], SCALE_PRICE, &l->gross_price) ||
			       parse_amount(f[8], SCALE_PERCENT, &l->discount) ||
			       parse_amount(f[9], SCALE_PRICE, &l->net_price) || parse_amount(f[10], SCALE_CENTS, &l->amount);
			l->tax = doc_tax(st, d, cap, f[11], f[12], f[13], f[14], NULL, &bad);
			l->service = strcmp(f[15], "service") == 0;
			inv->services |= l->service;
			inv->goods |= !l->service;
		} else if (strcmp(what, "vat") == 0 && n == 8 && inv->totals.nrates < PRICING_MAX_RATES) {
			struct tax_total *t = &inv->totals.rates[inv->totals.nrates++];
			bad |= vat_category_parse(f[2], &t->category) != 0 || parse_amount(f[3], SCALE_PERCENT, &t->rate) ||
			       parse_amount(f[5], SCALE_CENTS, &t->base) || parse_amount(f[6], SCALE_CENTS, &t->amount);
			t->tax = *f[4] ? doc_tax(st, d, cap, f[4], f[2], f[3], NULL, f[7], &bad) : NULL;
		} else if (strcmp(what, "inst") == 0 && n == 4 && inv->ninst < TERMS_MAX_INSTALLMENTS) {
			struct installment *in = &inv->inst[inv->ninst++];
			bad |= parse_date(f[2], &in->date) || in->date == DATE_NONE || parse_amount(f[3], SCALE_CENTS, &in->amount);
		} else if (strcmp(what, "note") == 0 && n == 4) {
			const char *s = strpool_add(&st->strings, f[3]);
			if (strcmp(f[2], "penalty") == 0)
				inv->penalty_note = xstrdup(s);
			else if (strcmp(f[2], "indemnity") == 0)
				inv->indemnity_note = s;
			else if (strcmp(f[2], "guarantee") == 0)
				inv->guarantee_note = s;
			else if (strcmp(f[2], "escompte") == 0)
				inv->escompte_note = xstrdup(s);
			else if (strcmp(f[2], "debits") == 0)
				inv->debits_note = s;
		} else {
			bad = 1;
		}
	}
	if (!d->number)
		bad = 1;
	return bad ? -1 : 0;
}

static void stored_free(struct stored_doc *d)
{
	invoice_release(&d->inv);
	free(d->taxes);
	free(d);
}

/* Does the register name the document number with this content? */
static int named_by(const struct reading *r, const char *number, const char *hash)
{
	long k;
	if (!keyset_get(r->content, number, &k) || !r->reg->v[k].fingerprinted)
		return 0;
	char hex[65];
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", r->reg->v[k].content[i]);
	return strcmp(hex, hash) == 0;
}

static void write_rows(FILE *out, const struct pending *p, const struct csv_row *end)
{
	for (size_t i = 0; i < p->n; i++)
		for (size_t k = 0; k < p->nfields[i]; k++)
			csv_write_field(out, p->rows[i][k], k + 1 == p->nfields[i]);
	for (size_t k = 0; k < end->n; k++)
		csv_write_field(out, end->field[k], k + 1 == end->n);
}

/* A record ends: keep it when it holds and the register names it by its hash. */
static int record_end(struct reading *r, const struct csv_row *row)
{
	struct pending *p = &r->p;
	char hash[65];
	sha256_hex(&p->h, hash);
	int holds = p->n > 0 && row->n == 3 && strcmp(row->field[2], hash) == 0 && strcmp(row->field[1], p->rows[0][1]) == 0;
	if (r->compacting) {
		if (holds && named_by(r, row->field[1], hash)) {
			if (r->out)
				write_rows(r->out, p, row);
		} else {
			r->dropped++;
		}
		pending_clear(p);
		return 0;
	}
	if (!r->st) {
		r->records++;
		if (!holds && !r->bad_line)
			r->bad_line = p->first_line;
		if (holds) {
			char *key = xasprintf("%s\t%s", row->field[1], hash);
			keyset_add(r->hashes, key, 1, NULL);
			free(key);
		}
		pending_clear(p);
		return 0;
	}
	if (holds && named_by(r, row->field[1], hash)) {
		struct stored_doc *d = xmalloc(sizeof *d);
		if (build_doc(r->st, p, d) != 0) {
			stored_free(d);
			pending_clear(p);
			return diag_set(r->err, EXIT_IOERR, "%s:%ld: damaged record: a row does not read back", r->path,
					p->first_line);
		}
		struct doc_store *st = r->st;
		if (st->n == st->cap) {
			st->cap = xgrow(st->cap, 64);
			st->v = xrealloc(st->v, st->cap * sizeof *st->v);
		}
		long prev;
		if (keyset_get(st->by_number, d->number, &prev)) {
			stored_free(d); /* the same record twice: the first holds */
		} else {
			keyset_add(st->by_number, d->number, (long)st->n, NULL);
			st->v[st->n++] = d;
		}
	}
	pending_clear(p);
	return 0;
}

static int on_row(void *ctx, const struct csv_row *row)
{
	struct reading *r = ctx;
	if (row->index == 0 || row->n < 2)
		return 0;
	struct pending *p = &r->p;
	const char *what = row->field[0];
	if (strcmp(what, "end") == 0)
		return record_end(r, row);
	if (strcmp(what, "before_store") == 0) {
		/* A document issued before the store (store_prepare). */
		if (r->out)
			for (size_t k = 0; k < row->n; k++)
				csv_write_field(r->out, row->field[k], k + 1 == row->n);
		else if (!r->st && !r->compacting)
			keyset_add(r->stubs, row->field[1], 1, NULL);
		return 0;
	}
	if (strcmp(what, "doc") == 0) {
		/* A record left without its end (a killed run's torn append)
		 * does not count, and is no damage. */
		r->dropped += p->n > 0;
		pending_clear(p);
		sha256_init(&p->h);
		p->first_line = row->first_line;
	} else if (p->n == 0 || strcmp(row->field[1], p->rows[0][1]) != 0) {
		if (!r->st && !r->bad_line)
			r->bad_line = row->first_line;
		return 0; /* a row outside a record: read as damage by verify */
	}
	if (p->n == p->cap) {
		p->cap = xgrow(p->cap, 16);
		p->rows = xrealloc(p->rows, p->cap * sizeof *p->rows);
		p->nfields = xrealloc(p->nfields, p->cap * sizeof *p->nfields);
	}
	char **f = xcalloc(row->n + 1, sizeof *f);
	for (size_t k = 0; k < row->n; k++) {
		f[k] = xstrdup(row->field[k]);
		fingerprint_field(&p->h, row->field[k]);
	}
	sha256_update(&p->h, "\n", 1);
	p->rows[p->n] = f;
	p->nfields[p->n++] = row->n;
	return 0;
}

static enum exit_code read_store(struct reading *r, struct diag *err)
{
	struct stat st;
	if (stat(r->path, &st) != 0)
		return EXIT_OK;
	struct csv_reader_ops ops = { on_row, NULL, NULL, r };
	err->msg[0] = '\0';
	enum exit_code rc = csv_read_file(r->path, &ops, NULL, err);
	if (rc && !err->msg[0])
		diag_set(err, rc, "%s: cannot be read back", r->path);
	r->dropped += r->p.n > 0; /* the last record without its end */
	pending_clear(&r->p);
	free(r->p.rows);
	free(r->p.nfields);
	return rc;
}

enum exit_code store_open(struct doc_store *st, const char *output_dir, const struct doc_register *reg,
			  struct diag *err)
{
	memset(st, 0, sizeof *st);
	st->path = xasprintf("%s/%s", output_dir, STORE_FILE);
	st->by_number = keyset_new();
	struct reading r = { .path = st->path, .st = st, .content = keyset_new(), .reg = reg, .err = err };
	for (size_t i = 0; i < reg->n; i++)
		if (reg->v[i].kind == DOC_INVOICE || reg->v[i].kind == DOC_CREDIT_NOTE)
			keyset_add(r.content, reg->v[i].number, (long)i, NULL);
	/* A torn last line is a killed run's: it is not read (the record
	 * it began has no end), and the next append starts on a line of its own. */
	enum exit_code rc = atomic_tail_torn(st->path) ? atomic_repair_tail(st->path, err) : EXIT_OK;
	if (!rc)
		rc = read_store(&r, err);
	keyset_free(r.content);
	if (rc)
		store_close(st);
	return rc;
}

void store_close(struct doc_store *st)
{
	for (size_t i = 0; i < st->n; i++)
		stored_free(st->v[i]);
	free(st->v);
	free(st->path);
	if (st->by_number)
		keyset_free(st->by_number);
	strpool_release(&st->strings);
	memset(st, 0, sizeof *st);
}

const struct stored_doc *store_find(const struct doc_store *st, const char *number)
{
	long k;
	return st && st->by_number && keyset_get(st->by_number, number, &k) ? st->v[k] : NULL;
}

enum exit_code store_prepare(const char *output_dir, const struct doc_register *reg, struct diag *err)
{
	char *path = xasprintf("%s/%s", output_dir, STORE_FILE);
	struct stat sb;
	enum exit_code rc = EXIT_OK;
	if (stat(path, &sb) != 0) {
		/* A folder written before the store: its documents are marked. */
		char *text = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&text, &len);
		if (!mem)
			abort(); /* out of memory, as xmalloc would */
		for (size_t i = 0; i < reg->n; i++)
			if (reg->v[i].kind == DOC_INVOICE || reg->v[i].kind == DOC_CREDIT_NOTE) {
				csv_write_field(mem, "before_store", 0);
				csv_write_field(mem, reg->v[i].number, 1);
			}
		fclose(mem);
		rc = store_append(output_dir, text, len, err);
		free(text);
		free(path);
		return rc;
	}
	/* What a killed run left: records of numbers it never registered
	 * (they will be given again) and a record without its end. They go,
	 * as the line ledgers' lines do, so that a run killed and run again
	 * leaves the same file as one that was not. */
	struct reading r = { .path = path, .content = keyset_new(), .reg = reg, .err = err, .compacting = 1 };
	for (size_t i = 0; i < reg->n; i++)
		if (reg->v[i].kind == DOC_INVOICE || reg->v[i].kind == DOC_CREDIT_NOTE)
			keyset_add(r.content, reg->v[i].number, (long)i, NULL);
	if (atomic_tail_torn(path))
		rc = atomic_repair_tail(path, err);
	if (!rc)
		rc = read_store(&r, err);
	if (!rc && r.dropped) {
		struct atomic_file af;
		if (!(rc = atomic_open(&af, path, err))) {
			fprintf(af.fp, "%s\n", HEADER);
			r.out = af.fp;
			r.dropped = 0;
			memset(&r.p, 0, sizeof r.p);
			if ((rc = read_store(&r, err)))
				atomic_abort(&af);
			else
				rc = atomic_commit(&af, err);
		}
	}
	keyset_free(r.content);
	free(path);
	return rc;
}

/* --- verify ----------------------------------------------------------------- */

/* The register's invoices and credit notes, in order: number and content. */
struct reg_scan {
	char **number, **content;
	long *line;
	size_t n, cap;
};

static int scan_register(void *ctx, const struct csv_row *row)
{
	struct reg_scan *s = ctx;
	if (row->index == 0 || row->n < 15)
		return 0;
	if (strcmp(row->field[1], "invoice") != 0 && strcmp(row->field[1], "credit_note") != 0)
		return 0;
	if (s->n == s->cap) {
		s->cap = xgrow(s->cap, 64);
		s->number = xrealloc(s->number, s->cap * sizeof *s->number);
		s->content = xrealloc(s->content, s->cap * sizeof *s->content);
		s->line = xrealloc(s->line, s->cap * sizeof *s->line);
	}
	s->number[s->n] = xstrdup(row->field[0]);
	s->content[s->n] = xstrdup(row->field[14]);
	s->line[s->n++] = row->first_line;
	return 0;
}

enum exit_code store_verify(const char *output_dir, long *records, struct diag *err)
{
	char *path = xasprintf("%s/%s", output_dir, STORE_FILE);
	char *regpath = xasprintf("%s/register.csv", output_dir);
	struct reading r = { .path = path, .hashes = keyset_new(), .stubs = keyset_new(), .err = err };
	struct reg_scan s = { 0 };
	struct stat sb;
	/* No store at all: a folder no run of this version has opened yet
	 * (its next run upgrades it). */
	int absent = stat(path, &sb) != 0;
	enum exit_code rc = read_store(&r, err);
	if (!rc && r.bad_line) {
		rc = diag_set(err, EXIT_DATAERR, "%s:%ld: damaged record: its end or hash does not hold", path, r.bad_line);
	}
	struct csv_reader_ops ops = { scan_register, NULL, NULL, &s };
	if (!rc && stat(regpath, &sb) == 0)
		rc = csv_read_file(regpath, &ops, NULL, err);
	/* Every invoice and credit note has its record, or was issued before
	 * the store. */
	for (size_t i = 0; i < s.n && !rc && !absent; i++) {
		char *key = xasprintf("%s\t%s", s.number[i], s.content[i]);
		int has = keyset_get(r.hashes, key, NULL) || keyset_get(r.stubs, s.number[i], NULL);
		free(key);
		if (!has)
			rc = diag_set(err, EXIT_DATAERR, "%s:%ld: %s: no record in %s with its content", regpath, s.line[i],
				      s.number[i], STORE_FILE);
	}
	for (size_t i = 0; i < s.n; i++) {
		free(s.number[i]);
		free(s.content[i]);
	}
	free(s.number);
	free(s.content);
	free(s.line);
	keyset_free(r.hashes);
	keyset_free(r.stubs);
	free(path);
	free(regpath);
	*records = r.records;
	return rc;
}

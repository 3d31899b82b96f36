/* doclines: the order lines documents covered (see include/doclines.h). */
#include "doclines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvwrite.h"
#include "ledger.h"
#include "money.h"
#include "strpool.h"
#include "xalloc.h"


void doclines_init(struct doc_lines *dl, enum doc_kind kind, int amounts, const char *output_dir,
		   const char *filename)
{
	memset(dl, 0, sizeof *dl);
	dl->kind = kind;
	dl->amounts = amounts;
	dl->path = xasprintf("%s/%s", output_dir, filename);
	dl->by_order = keyset_new();
	dl->line_by_doc = keyset_new();
	dl->products = keyset_new();
}

void doclines_release(struct doc_lines *dl)
{
	strpool_release(&dl->strings);
	free(dl->v);
	free(dl->heads);
	free(dl->path);
	for (size_t i = 0; i < dl->nqtys; i++)
		free(dl->qtys[i].v);
	free(dl->qtys);
	keyset_free(dl->by_order);
	keyset_free(dl->line_by_doc);
	keyset_free(dl->products);
	free(dl->product_copy);
	memset(dl, 0, sizeof *dl);
}

/* The quantities of an order's lines, by line: lines come in order, so
 * they are mostly appended; a search finds the others. */
static const struct order_qtys *order_qtys(const struct doc_lines *dl, const char *order_ref)
{
	long k;
	return keyset_get(dl->by_order, order_ref, &k) ? &dl->qtys[k] : NULL;
}

static size_t qty_find(const struct order_qtys *q, int line)
{
	size_t lo = 0, hi = q->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (q->v[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Adds qty to the order line's; from `floor` up when what is covered
 * before the line is known to be at least that (a slip's "already
 * delivered", -1 when not known): a slip after goods delivered without
 * crmbatch counts them. */
static void qty_add(struct doc_lines *dl, const char *order_ref, int line, int64_t qty, int64_t floor)
{
	long k;
	if (!keyset_get(dl->by_order, order_ref, &k)) {
		if (dl->nqtys == dl->qtys_cap) {
			dl->qtys_cap = xgrow(dl->qtys_cap, 64);
			dl->qtys = xrealloc(dl->qtys, dl->qtys_cap * sizeof *dl->qtys);
		}
		k = (long)dl->nqtys++;
		dl->qtys[k] = (struct order_qtys){ NULL, 0, 0 };
		keyset_add(dl->by_order, order_ref, k, NULL);
	}
	struct order_qtys *q = &dl->qtys[k];
	size_t i = q->n && q->v[q->n - 1].line < line ? q->n : qty_find(q, line);
	if (i < q->n && q->v[i].line == line) {
		if (floor > q->v[i].qty)
			q->v[i].qty = floor;
		q->v[i].qty += qty;
		return;
	}
	if (q->n == q->cap) {
		q->cap = xgrow(q->cap, 4);
		q->v = xrealloc(q->v, q->cap * sizeof *q->v);
	}
	memmove(q->v + i + 1, q->v + i, (q->n - i) * sizeof *q->v);
	q->v[i] = (struct line_qty){ line, floor > 0 ? floor + qty : qty };
	q->n++;
}

/* One copy per product: a million lines name a few thousand products. */
static const char *product_of(struct doc_lines *dl, const char *product)
{
	long k;
	if (!product)
		return NULL;
	if (keyset_get(dl->products, product, &k))
		return dl->product_copy[k];
	if (dl->nproducts == dl->products_cap) {
		dl->products_cap = xgrow(dl->products_cap, 64);
		dl->product_copy = xrealloc(dl->product_copy, dl->products_cap * sizeof *dl->product_copy);
	}
	dl->product_copy[dl->nproducts] = strpool_add(&dl->strings, product);
	keyset_add(dl->products, product, (long)dl->nproducts, NULL);
	return dl->product_copy[dl->nproducts++];
}

static void add_line(struct doc_lines *dl, const char *doc, const char *order_ref, int line, const char *product,
		     int64_t qty, const struct doc_money *money, int64_t already, const char *customer)
{
	if (dl->n == dl->cap) {
		dl->cap = xgrow(dl->cap, 64);
		dl->v = xrealloc(dl->v, dl->cap * sizeof *dl->v);
	}
	const struct doc_line *prev = dl->n ? &dl->v[dl->n - 1] : NULL;
	const struct doc_head *h = prev ? &dl->heads[prev->head] : NULL;
	if (!customer)
		customer = "";
	/* A document's lines come together: they share its head. */
	if (!h || strcmp(h->doc, doc) != 0 || strcmp(h->order_ref, order_ref) != 0 || strcmp(h->customer, customer) != 0) {
		struct doc_head nh = { strpool_keep(&dl->strings, doc, h ? h->doc : NULL), strpool_keep(&dl->strings, order_ref, h ? h->order_ref : NULL),
				       strpool_keep(&dl->strings, customer, h ? h->customer : NULL) };
		if (dl->nheads == dl->heads_cap) { /* h may move: not used below */
			dl->heads_cap = xgrow(dl->heads_cap, 64);
			dl->heads = xrealloc(dl->heads, dl->heads_cap * sizeof *dl->heads);
		}
		dl->heads[dl->nheads] = nh;
		h = &dl->heads[dl->nheads++];
	}
	struct doc_line *l = &dl->v[dl->n++];
	l->head = (uint32_t)(h - dl->heads);
	l->product = prev && product && prev->product && strcmp(prev->product, product) == 0 ? prev->product
										       : product_of(dl, product);
	l->line = line;
	l->qty = qty;
	if (dl->kind == DOC_DELIVERY)
		l->already = already;
	else
		l->amount = money ? money->amount : -1;
	l->vat_rate = money ? (int32_t)money->vat_rate : -1; /* a rate: at most 100 % in practice, checked when read */
	l->category = (unsigned char)(money ? money->category : VAT_STANDARD);
	l->service = money && money->service;
	/* Indexes, so that a large day stays linear. */
	qty_add(dl, order_ref, line, qty, dl->kind == DOC_DELIVERY ? already : -1);
	keyset_add(dl->line_by_doc, doc, (long)(dl->n - 1), NULL);
}

void doclines_add(struct doc_lines *dl, const char *doc, const char *order_ref, int line, const char *product,
		  int64_t qty, const struct doc_money *money, const char *customer)
{
	add_line(dl, doc, order_ref, line, product, qty, money, -1, customer);
}

void doclines_add_shipped(struct doc_lines *dl, const char *doc, const char *order_ref, int line,
			  const char *product, int64_t qty, int64_t already, const char *customer)
{
	add_line(dl, doc, order_ref, line, product, qty, NULL, already, customer);
}

int64_t doclines_qty(const struct doc_lines *dl, const char *order_ref, int line)
{
	const struct order_qtys *q = order_qtys(dl, order_ref);
	size_t i = q ? qty_find(q, line) : 0;
	return q && i < q->n && q->v[i].line == line ? q->v[i].qty : 0;
}

const char *doclines_customer(const struct doc_lines *dl, const char *doc)
{
	long i;
	return keyset_get(dl->line_by_doc, doc, &i) ? doc_line_customer(dl, &dl->v[i]) : NULL;
}

const char *doc_line_doc(const struct doc_lines *dl, const struct doc_line *l)
{
	return dl->heads[l->head].doc;
}

const char *doc_line_order(const struct doc_lines *dl, const struct doc_line *l)
{
	return dl->heads[l->head].order_ref;
}

const char *doc_line_customer(const struct doc_lines *dl, const struct doc_line *l)
{
	return dl->heads[l->head].customer;
}

static void put_line(FILE *fp, const struct doc_lines *dl, const struct doc_line *l)
{
	char n[16], q[32], a[32] = "", r[32] = "";
	snprintf(n, sizeof n, "%d", l->line);
	if (dl->kind == DOC_DELIVERY && l->already >= 0)
		num_format_dot(l->already, SCALE_QTY, SCALE_QTY, a, sizeof a);
	else if (dl->kind != DOC_DELIVERY && l->amount >= 0)
		num_format_dot(l->amount, SCALE_CENTS, 2, a, sizeof a);
	if (l->vat_rate >= 0)
		num_format_dot(l->vat_rate, SCALE_PERCENT, 2, r, sizeof r);
	const struct doc_head *h = &dl->heads[l->head];
	const char *f[] = { h->doc, h->order_ref, n, l->product, num_format_dot(l->qty, SCALE_QTY, SCALE_QTY, q, sizeof q),
			    h->customer, a, r, l->vat_rate >= 0 ? vat_category_code(l->category) : "",
			    l->vat_rate < 0 ? "" : l->service ? "service" : "goods" };
	size_t nf = dl->amounts ? 10 : 6;
	if (dl->kind == DOC_DELIVERY)
		nf = 7; /* a: what the slip stated already delivered */
	for (size_t k = 0; k < nf; k++)
		csv_write_field(fp, f[k], k + 1 == nf);
}

static struct ledger_file file_of(const struct doc_lines *dl)
{
	/* Lines written before the money columns have 6 fields. */
	struct ledger_file lf = { dl->path, "document,order_ref,line,product,qty,customer", 6, 0 };
	if (dl->amounts) {
		lf.header = "document,order_ref,line,product,qty,customer,amount,vat_rate,vat_category,type";
		lf.nfields = 10;
		lf.legacy_fields = 6;
	} else if (dl->kind == DOC_DELIVERY) {
		/* What each slip stated already delivered: lines written
		 * before it have 6 fields. */
		lf.header = "document,order_ref,line,product,qty,customer,already_delivered";
		lf.nfields = 7;
		lf.legacy_fields = 6;
	}
	return lf;
}

struct loading {
	struct doc_lines *dl;
	struct keyset *registered;
};

/* Counts only if its document reached the register. */
static int kept(void *ctx, const struct csv_row *row)
{
	const struct loading *l = ctx;
	return row->n > 0 && keyset_get(l->registered, row->field[0], NULL);
}

static int take(void *ctx, const struct csv_row *row, struct diag *err)
{
	struct loading *l = ctx;
	int64_t qty, line, already = -1;
	struct doc_money m = { -1, -1, VAT_STANDARD, 0 };
	int bad = num_parse(row->field[4], SCALE_QTY, 0, &qty) != NUM_OK || num_parse(row->field[2], 0, 0, &line) != NUM_OK ||
		  line < 1 || line > INT32_MAX;
	if (l->dl->kind == DOC_DELIVERY) {
		if (!bad && row->n > 6 && *row->field[6])
			bad = num_parse(row->field[6], SCALE_QTY, 0, &already) != NUM_OK || already < 0;
		if (bad)
			return diag_set(err, EXIT_IOERR, "%s:%ld: damaged line: line, qty or already delivered unreadable",
					l->dl->path, row->first_line);
		add_line(l->dl, row->field[0], row->field[1], (int)line, row->field[3], qty, NULL, already, row->field[5]);
		return 0;
	}
	if (!bad && row->n > 6 && *row->field[6]) {
		bad = num_parse(row->field[6], SCALE_CENTS, 0, &m.amount) != NUM_OK || m.amount < 0 ||
		      num_parse(row->field[7], SCALE_PERCENT, 0, &m.vat_rate) != NUM_OK || m.vat_rate < 0 ||
		      m.vat_rate > INT32_MAX ||
		      vat_category_parse(row->field[8], &m.category) != 0 ||
		      (strcmp(row->field[9], "goods") != 0 && strcmp(row->field[9], "service") != 0);
		m.service = !bad && strcmp(row->field[9], "service") == 0;
	}
	if (bad)
		return diag_set(err, EXIT_IOERR, "%s:%ld: damaged line: line, qty, amount or VAT unreadable", l->dl->path,
				row->first_line);
	doclines_add(l->dl, row->field[0], row->field[1], (int)line, row->field[3], qty, row->n > 6 ? &m : NULL,
		     row->field[5]);
	return 0;
}

enum exit_code doclines_load(struct doc_lines *dl, const struct doc_register *reg, struct diag *err)
{
	struct loading l = { dl, keyset_new() };
	for (size_t i = 0; i < reg->n; i++)
		if (reg->v[i].kind == dl->kind)
			keyset_add(l.registered, reg->v[i].number, 1, NULL);
	struct ledger_file lf = file_of(dl);
	struct ledger_reader r = { kept, take, &l };
	enum exit_code rc = ledger_load(&lf, &r, err);
	keyset_free(l.registered);
	return rc;
}

enum exit_code doclines_append(struct doc_lines *dl, size_t from, struct diag *err)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		abort(); /* out of memory, as xmalloc would */
	for (size_t i = from; i < dl->n; i++)
		put_line(mem, dl, &dl->v[i]);
	fclose(mem);
	struct ledger_file lf = file_of(dl);
	enum exit_code rc = ledger_append(&lf, text, len, err);
	free(text);
	if (rc) {
		/* Not saved: the documents will not be registered; their lines
		 * leave the list (the indexes are rebuilt by the next run). */
		dl->n = from;
	}
	return rc;
}

/* stock: positions, allocation, reorder rule, purchase orders (see include/stock.h). */
#include "stock.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic.h"
#include "csvread.h"
#include "csvwrite.h"
#include "date.h"
#include "ledger.h"
#include "money.h"
#include "xalloc.h"

/* acc += v, or the position is marked as overflowing (its figures are
 * then not used to order anything). */
static void qty_add(struct position *ps, int64_t *acc, int64_t v)
{
	if (add_checked(*acc, v, acc) != 0)
		ps->overflow = 1;
}

int64_t stock_reorder_qty(const struct reorder_input *in)
{
	int64_t qty;
	if (in->reorder_min == 0 && in->reorder_max == 0)
		qty = in->forecast < 0 ? -in->forecast : 0; /* no rule: exactly the shortfall */
	else if (in->forecast < in->reorder_min)
		qty = (in->reorder_max > in->reorder_min ? in->reorder_max : in->reorder_min) - in->forecast;
	else
		qty = 0;
	if (qty <= 0)
		return 0;
	if (in->multiple > 0 && qty % in->multiple)
		qty += in->multiple - qty % in->multiple;
	if (qty < in->supplier_min)
		qty = in->supplier_min;
	return qty;
}

void stock_init(struct stock *st, const struct config *cfg, const struct catalog *cat, struct orders *os,
		const char *input_dir)
{
	memset(st, 0, sizeof *st);
	st->cfg = cfg;
	st->cat = cat;
	st->orders = os;
	st->receipts_path = xasprintf("%s/%s", input_dir, schema_get(IN_RECEIPTS)->filename);
	st->products_path = xasprintf("%s/%s", input_dir, schema_get(IN_PRODUCTS)->filename);
}

void stock_release(struct stock *st)
{
	for (size_t i = 0; i < st->npo; i++) {
		free(st->po[i].number);
		free(st->po[i].supplier);
		free(st->po[i].product);
	}
	for (size_t i = 0; i < st->nreceipts; i++) {
		free(st->receipts[i].po);
		free(st->receipts[i].product);
	}
	free(st->po);
	free(st->receipts);
	free(st->pos);
	free(st->alloc);
	free(st->receipts_path);
	free(st->products_path);
	memset(st, 0, sizeof *st);
}

static int on_receipt(void *ctx, const struct record *r)
{
	struct stock *st = ctx;
	if (st->nreceipts == st->receipts_cap) {
		st->receipts_cap = st->receipts_cap ? 2 * st->receipts_cap : 16;
		st->receipts = xrealloc(st->receipts, st->receipts_cap * sizeof *st->receipts);
	}
	st->receipts[st->nreceipts].po = xstrdup(r->text[RC_PURCHASE_ORDER]);
	st->receipts[st->nreceipts].product = xstrdup(r->text[RC_PRODUCT]);
	st->receipts[st->nreceipts++].qty = r->num[RC_QTY];
	return 0;
}

void stock_attach(struct stock *st, struct ingest *in)
{
	ingest_add_sink(in, IN_RECEIPTS, on_receipt, st);
}

/* --- output/purchases.csv ------------------------------------------------ */

static const char purchases_header[] = "purchase_order,supplier,product,qty,unit_price,expected_date";

struct po_loading {
	struct stock *st;
	struct keyset *registered;   /* purchase order -> its issue date */
	const char *path;
};

static void add_po_line(struct stock *st, const char *number, int32_t issued, const char *supplier,
			const char *product, int64_t qty, int64_t price, int32_t expected)
{
	if (st->npo == st->po_cap) {
		st->po_cap = xgrow(st->po_cap, 64);
		st->po = xrealloc(st->po, st->po_cap * sizeof *st->po);
	}
	struct po_line *l = &st->po[st->npo++];
	l->number = xstrdup(number);
	l->supplier = xstrdup(supplier);
	l->product = xstrdup(product);
	l->qty = qty;
	l->received = 0;
	l->issued = issued;
	l->unit_price = price;
	l->expected = expected;
}

/* A line whose order never reached the register was written by a run
 * killed before it could register it: that order does not exist. */
static int po_kept(void *ctx, const struct csv_row *row)
{
	const struct po_loading *l = ctx;
	return row->n > 0 && keyset_get(l->registered, row->field[0], NULL);
}

/* A registered order's line that does not read back is damage: what was
 * ordered is unknown, so the run stops and says where. */
static int po_take(void *ctx, const struct csv_row *row, struct diag *err)
{
	struct po_loading *l = ctx;
	int64_t qty, price;
	int32_t expected;
	long issued = 0;
	keyset_get(l->registered, row->field[0], &issued);
	if (num_parse(row->field[3], SCALE_QTY, 0, &qty) || num_parse(row->field[4], SCALE_PRICE, 0, &price) ||
	    date_parse(row->field[5], &expected))
		return diag_set(err, EXIT_IOERR, "%s:%ld: damaged line: qty, unit_price or expected_date unreadable",
				l->path, row->first_line);
	add_po_line(l->st, row->field[0], (int32_t)issued, row->field[1], row->field[2], qty, price, expected);
	return 0;
}

static enum exit_code load_purchases(struct stock *st, const struct doc_register *reg, const char *dir,
				     struct diag *err)
{
	char *path = xasprintf("%s/purchases.csv", dir);
	struct po_loading l = { st, keyset_new(), path };
	for (size_t i = 0; i < reg->n; i++)
		if (reg->v[i].kind == DOC_PURCHASE)
			keyset_add(l.registered, reg->v[i].number, reg->v[i].issue_date, NULL);
	struct ledger_file lf = { path, purchases_header, 6, 0 };
	struct ledger_reader r = { po_kept, po_take, &l };
	enum exit_code rc = ledger_load(&lf, &r, err);
	keyset_free(l.registered);
	free(path);
	return rc;
}

/* Appends the purchase-order lines [from, npo) to purchases.csv. */
static enum exit_code append_purchases(const struct stock *st, size_t from, const char *dir, struct diag *err)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		abort(); /* out of memory, as xmalloc would */
	char q[32], p[32], d[16];
	for (size_t i = from; i < st->npo; i++) {
		const struct po_line *l = &st->po[i];
		const char *f[] = { l->number, l->supplier, l->product, num_format_dot(l->qty, SCALE_QTY, SCALE_QTY, q, sizeof q),
				    num_format_dot(l->unit_price, SCALE_PRICE, SCALE_PRICE, p, sizeof p),
				    date_format_iso(l->expected, d, sizeof d) };
		for (size_t k = 0; k < 6; k++)
			csv_write_field(mem, f[k], k == 5);
	}
	fclose(mem);
	char *path = xasprintf("%s/purchases.csv", dir);
	struct ledger_file lf = { path, purchases_header, 6, 0 };
	enum exit_code rc = ledger_append(&lf, text, len, err);
	free(path);
	free(text);
	return rc;
}

/* --- positions and allocation --------------------------------------------- */

int64_t stock_open(const struct order_line *l)
{
	return l->qty - l->qty_delivered > 0 ? l->qty - l->qty_delivered : 0;
}

static size_t product_index(const struct stock *st, const struct product *p)
{
	return (size_t)(p - st->cat->products);
}

enum exit_code stock_compute(struct stock *st, const struct doc_register *reg, const char *output_dir,
			     int32_t today, struct rejects *rj, struct diag *err)
{
	const struct catalog *cat = st->cat;
	enum exit_code rc = load_purchases(st, reg, output_dir, err);
	if (rc)
		return rc;
	/* Receipts close purchase order lines. */
	for (size_t r = 0; r < st->nreceipts; r++) {
		int64_t left = st->receipts[r].qty;
		int found = 0;
		for (size_t i = 0; i < st->npo && left > 0; i++) {
			struct po_line *l = &st->po[i];
			if (strcmp(l->number, st->receipts[r].po) != 0 || strcmp(l->product, st->receipts[r].product) != 0)
				continue;
			found = 1;
			int64_t take = l->qty - l->received < left ? l->qty - l->received : left;
			l->received += take;
			left -= take;
		}
		if (!found) {
			struct reject w = { st->receipts_path, 0, 0, "purchase_order", st->receipts[r].po, SEV_WARNING,
					    "no open line of this product on a purchase order crmbatch issued: receipt ignored", NULL };
			rejects_add(rj, &w);
		}
	}

	st->pos = xcalloc(cat->nproducts ? cat->nproducts : 1, sizeof *st->pos);
	for (size_t i = 0; i < cat->nproducts; i++) {
		st->pos[i].on_hand = cat->products[i].on_hand;
		st->pos[i].incoming = cat->products[i].incoming;
	}
	for (size_t i = 0; i < st->npo; i++) {
		const struct product *p = catalog_product(cat, st->po[i].product);
		if (!p)
			continue;
		struct position *ps = &st->pos[product_index(st, p)];
		int64_t open = st->po[i].qty - st->po[i].received;
		if (st->po[i].issued == today) {
			qty_add(ps, &ps->ordered_today, open); /* the day's own order: see stock.h */
			continue;
		}
		qty_add(ps, &ps->open_po, open);
		qty_add(ps, &ps->incoming, open);
	}

	/* First confirmed, first served: orders are sorted by date, then
	 * reference. Only the short lines are listed (shortfalls.csv, and
	 * what purchase orders cover): a line keeps its own allocation. */
	struct orders *os = st->orders;
	size_t cap = 0;
	int64_t *left = xcalloc(cat->nproducts ? cat->nproducts : 1, sizeof *left);
	for (size_t i = 0; i < cat->nproducts; i++)
		left[i] = st->pos[i].on_hand > 0 ? st->pos[i].on_hand : 0;
	for (size_t i = 0; i < os->n; i++) {
		struct order *o = &os->v[i];
		if (o->state != ORDER_SALE)
			continue;
		for (size_t k = 0; k < o->nlines; k++) {
			struct order_line *l = &o->lines[k];
			size_t p = product_index(st, l->product);
			int64_t open = stock_open(l);
			l->allocated = open < left[p] ? open : left[p];
			left[p] -= l->allocated;
			qty_add(&st->pos[p], &st->pos[p].demand, open);
			qty_add(&st->pos[p], &st->pos[p].reserved, l->allocated);
			if (open == l->allocated)
				continue;
			if (st->nalloc == cap) {
				cap = xgrow(cap, 64);
				st->alloc = xrealloc(st->alloc, cap * sizeof *st->alloc);
			}
			st->alloc[st->nalloc++] = (struct allocation){ o, l, NULL, DATE_NONE };
		}
	}
	free(left);
	for (size_t i = 0; i < cat->nproducts; i++) {
		struct position *ps = &st->pos[i];
		ps->free = ps->on_hand;
		qty_add(ps, &ps->free, -ps->reserved);
		ps->forecast = ps->on_hand;
		qty_add(ps, &ps->forecast, ps->incoming);
		qty_add(ps, &ps->forecast, -ps->demand);
		ps->shortfall = ps->demand - ps->reserved; /* reserved <= demand */
	}
	return EXIT_OK;
}

/* Open purchase order quantities cover missing lines in allocation order:
 * each product's short lines are chained so that a purchase line walks
 * only its own product's. */
static void cover(struct stock *st)
{
	size_t np = st->cat->nproducts ? st->cat->nproducts : 1;
	size_t *head = xmalloc(np * sizeof *head), *tail = xmalloc(np * sizeof *tail);
	size_t *next = xmalloc((st->nalloc ? st->nalloc : 1) * sizeof *next);
	const size_t none = (size_t)-1;
	for (size_t i = 0; i < np; i++)
		head[i] = tail[i] = none;
	for (size_t a = 0; a < st->nalloc; a++) {
		next[a] = none;
		size_t p = product_index(st, st->alloc[a].line->product);
		if (head[p] == none)
			head[p] = a;
		else
			next[tail[p]] = a;
		tail[p] = a;
	}
	for (size_t i = 0; i < st->npo; i++) {
		struct po_line *l = &st->po[i];
		const struct product *prod = catalog_product(st->cat, l->product);
		if (!prod)
			continue;
		size_t p = product_index(st, prod);
		int64_t open = l->qty - l->received;
		/* Lines already covered leave the chain's head. */
		while (head[p] != none && st->alloc[head[p]].covered_by)
			head[p] = next[head[p]];
		for (size_t a = head[p]; a != none && open > 0; a = next[a]) {
			struct allocation *al = &st->alloc[a];
			if (al->covered_by)
				continue;
			al->covered_by = l->number;
			al->expected = l->expected;
			open -= stock_open(al->line) - al->line->allocated;
		}
	}
	free(head);
	free(tail);
	free(next);
}

int64_t stock_available_for(const struct stock *st, const struct order *o, const struct product *p)
{
	const struct position *ps = &st->pos[product_index(st, p)];
	int64_t own = 0;
	for (size_t k = 0; k < o->nlines; k++)
		if (o->lines[k].product == p)
			own += o->lines[k].allocated;
	return ps->on_hand - (ps->reserved - own);
}

/* --- purchase orders ------------------------------------------------------ */

static const enum doc_col purchase_cols[] = { DC_REF, DC_DESC, DC_QTY, DC_UNIT_PRICE, DC_TAX, DC_AMOUNT, DC_DATE };

struct need {
	const struct product *product;
	int64_t qty;
};

static int by_supplier_then_code(const void *x, const void *y)
{
	const struct need *a = x, *b = y;
	int c = strcmp(a->product->supplier, b->product->supplier);
	return c ? c : strcmp(a->product->code, b->product->code);
}

/* The model of a purchase order: its lines priced and dated, built once;
 * its PDF rows, register line and purchases.csv lines are projections. */
struct po_model_line {
	const struct product *product;
	struct price_input in;
	struct priced_line out;
	int32_t arrival;            /* the run's date plus the product's lead time */
};

struct po_model {
	const struct partner *supplier;
	struct po_model_line *lines;   /* owned */
	size_t n;
	struct totals totals;
	int32_t latest;                /* the latest arrival: the wished delivery */
};

/* Before the register names the new orders, their lines are saved: a
 * crash in between leaves lines of an unregistered order, which the next
 * run drops. */
static enum exit_code save_lines(void *ctx, const struct doc_job *jobs, size_t n, struct diag *err)
{
	struct stock *st = ctx;
	size_t before = st->npo;
	for (size_t i = 0; i < n; i++) {
		const struct doc_job *j = &jobs[i];
		const struct po_model *po = j->extra;
		if (j->result != ISSUED || j->rc)
			continue;
		for (size_t k = 0; k < po->n; k++)
			add_po_line(st, j->entry.number, j->entry.issue_date, po->supplier->code, po->lines[k].product->code,
				    po->lines[k].in.qty, po->lines[k].in.unit_price, po->lines[k].arrival);
	}
	enum exit_code rc = append_purchases(st, before, st->output_dir, err);
	if (rc) { /* the lines stay out: the orders will not be registered */
		for (size_t i = before; i < st->npo; i++) {
			free(st->po[i].number);
			free(st->po[i].supplier);
			free(st->po[i].product);
		}
		st->npo = before;
	}
	return rc;
}

/* The purchase order of needs[0..n) to supplier; 0, or -1 when its
 * amounts or dates cannot be computed (why says which). */
static int po_build(struct po_model *po, const struct issuer *is, const struct partner *supplier,
		    const struct need *needs, size_t n, const char **why)
{
	memset(po, 0, sizeof *po);
	po->supplier = supplier;
	po->lines = xcalloc(n ? n : 1, sizeof *po->lines);
	po->latest = is->date;
	struct price_input *in = xcalloc(n ? n : 1, sizeof *in);
	struct priced_line *out = xcalloc(n ? n : 1, sizeof *out);
	int bad = 0;
	for (size_t i = 0; i < n && !bad; i++) {
		const struct product *p = needs[i].product;
		struct po_model_line *l = &po->lines[po->n++];
		l->product = p;
		l->in = (struct price_input){ needs[i].qty, p->supplier_price ? p->supplier_price : p->cost, 0, p->tax };
		l->arrival = date_add_days(is->date, p->lead_days);
		if (pricing_line(&l->in, &l->out)) {
			*why = "a line's amount is too large to compute exactly";
			bad = 1;
		} else if (l->arrival == DATE_NONE) {
			*why = "the product's lead time goes past year 9999";
			bad = 1;
		} else if (l->arrival > po->latest) {
			po->latest = l->arrival;
		}
		in[i] = l->in;
		out[i] = l->out;
	}
	if (!bad && pricing_totals(in, out, po->n, is->cfg->rounding, &po->totals)) {
		*why = "its totals are too large to compute exactly";
		bad = 1;
	}
	free(in);
	free(out);
	return bad ? -1 : 0;
}

/* The purchase order's PDF and register line. */
static void po_job(struct doc_job *job, const struct issuer *is, const struct po_model *po, const char *source)
{
	const struct config *cfg = is->cfg;
	const struct partner *supplier = po->supplier;
	char buf[64];
	memset(job, 0, sizeof *job);
	struct document *d = &job->doc;
	d->title = "Commande fournisseur";
	d->date = is->date;
	d->partner_label = "Fournisseur";
	d->partner = supplier;
	d->cols = purchase_cols;
	d->ncols = sizeof purchase_cols / sizeof *purchase_cols;
	d->meta[d->nmeta].label = "Date";
	d->meta[d->nmeta++].value = job_keep(job, xstrdup(date_format_fr(is->date, buf, sizeof buf)));
	d->meta[d->nmeta].label = "Code fournisseur";
	d->meta[d->nmeta++].value = supplier->code;
	struct doc_row *rows = job->rows = xcalloc(po->n ? po->n : 1, sizeof *rows);
	for (size_t i = 0; i < po->n; i++) {
		const struct po_model_line *l = &po->lines[i];
		/* The supplier knows the product by its own reference. */
		rows[i] = (struct doc_row){ .ref = l->product->supplier_code, .description = l->product->name, .qty = l->in.qty,
					    .unit_price = l->in.unit_price, .tax_rate = l->in.tax ? l->in.tax->rate : 0,
					    .amount = l->out.untaxed, .date = l->arrival };
	}
	d->rows = rows;
	d->nrows = po->n;
	d->totals = &po->totals;
	d->no_bank_details = 1; /* we pay the supplier: our IBAN asks for nothing here */
	d->meta[d->nmeta].label = "Livraison souhaitée";
	d->meta[d->nmeta++].value = job_keep(job, xstrdup(date_format_fr(po->latest, buf, sizeof buf)));
	const struct company *c = &cfg->company;
	d->notes[d->nnotes++] = job_keep(job, xasprintf("Adresse de livraison : %s, %s, %s %s.", c->name, c->street, c->zip, c->city));
	d->notes[d->nnotes++] = "Merci de nous confirmer cette commande et les dates de livraison par retour.";
	if (supplier->payment_term)
		d->notes[d->nnotes++] = job_keep(job, xasprintf("Conditions de paiement : %s.", supplier->payment_term));

	struct sha256 h;
	sha256_init(&h);
	fingerprint_field(&h, supplier->code);
	for (size_t i = 0; i < po->n; i++) {
		fingerprint_field(&h, po->lines[i].product->code);
		if (po->lines[i].product->supplier_code != po->lines[i].product->code)
			fingerprint_field(&h, po->lines[i].product->supplier_code); /* printed: part of what it says */
		fingerprint_num(&h, po->lines[i].in.qty);
		fingerprint_num(&h, po->lines[i].in.unit_price);
	}
	job->info = (struct issue_info){
		.kind = DOC_PURCHASE,
		.source_ref = job_keep(job, xstrdup(source)),
		.partner = supplier->name,
		.subdir = "purchase-orders",
		.untaxed = po->totals.untaxed,
		.tax = po->totals.tax,
		.total = po->totals.total,
		.due_date = po->latest,
	};
	sha256_hex(&h, job->info.content);
}

static enum exit_code write_stock_csv(const struct stock *st, const char *dir, struct diag *err)
{
	struct atomic_file af;
	char *path = xasprintf("%s/stock.csv", dir);
	enum exit_code rc = atomic_open(&af, path, err);
	free(path);
	if (rc)
		return rc;
	fputs("product,name,on_hand,reserved,free,incoming,demand,forecast,shortfall,to_order,supplier,not_needed\n", af.fp);
	char v[9][32];
	for (size_t i = 0; i < st->cat->nproducts; i++) {
		const struct product *p = &st->cat->products[i];
		const struct position *ps = &st->pos[i];
		int64_t n[9] = { ps->on_hand, ps->reserved, ps->free, ps->incoming, ps->demand, ps->forecast,
				 ps->shortfall, ps->to_order, ps->not_needed };
		csv_write_field(af.fp, p->code, 0);
		csv_write_field(af.fp, p->name, 0);
		for (int k = 0; k < 9; k++) {
			char *s = num_format_dot(n[k], SCALE_QTY, SCALE_QTY, v[k], sizeof v[k]);
			/* Whole quantities without decimals, as the exports write them. */
			size_t len = strlen(s);
			if (len > 4 && strcmp(s + len - 4, ".000") == 0)
				s[len - 4] = '\0';
			if (k == 8)
				csv_write_field(af.fp, p->supplier, 0);
			csv_write_field(af.fp, s, k == 8);
		}
	}
	return atomic_commit(&af, err);
}

static const char *qty_text(int64_t v, char *buf, size_t size)
{
	char *s = num_format_dot(v, SCALE_QTY, SCALE_QTY, buf, size);
	size_t len = strlen(s);
	if (len > 4 && strcmp(s + len - 4, ".000") == 0)
		s[len - 4] = '\0';
	return s;
}

static enum exit_code write_shortfalls(const struct stock *st, const char *dir, long *short_lines, struct diag *err)
{
	struct atomic_file af;
	char *path = xasprintf("%s/shortfalls.csv", dir);
	enum exit_code rc = atomic_open(&af, path, err);
	free(path);
	if (rc)
		return rc;
	fputs("order_ref,product,needed,available,missing,purchase_order,expected_date\n", af.fp);
	char a[32], b[32], c[32], d[16];
	for (size_t i = 0; i < st->nalloc; i++) {
		const struct allocation *al = &st->alloc[i];
		(*short_lines)++;
		int64_t open = stock_open(al->line), held = al->line->allocated;
		const char *f[] = { al->order->ref, al->line->product->code, qty_text(open, a, sizeof a),
				    qty_text(held, b, sizeof b), qty_text(open - held, c, sizeof c), al->covered_by,
				    al->expected == DATE_NONE ? "" : date_format_iso(al->expected, d, sizeof d) };
		for (size_t k = 0; k < 7; k++)
			csv_write_field(af.fp, f[k], k == 6);
	}
	return atomic_commit(&af, err);
}

enum exit_code stock_replenish(struct stock *st, struct issuer *is, struct rejects *rj, struct stock_summary *sum,
			       struct diag *err)
{
	const struct catalog *cat = st->cat;
	memset(sum, 0, sizeof *sum);
	st->output_dir = is->output_dir;

	/* What each product needs. */
	struct need *needs = xcalloc(cat->nproducts ? cat->nproducts : 1, sizeof *needs);
	size_t nneeds = 0;
	for (size_t i = 0; i < cat->nproducts; i++) {
		const struct product *p = &cat->products[i];
		struct position *ps = &st->pos[i];
		int64_t qty;
		if (p->type == TYPE_SERVICE && p->route != ROUTE_MTO)
			continue; /* a service is never stocked; one made to order may be bought (subcontracted) */
		if (ps->overflow) {
			struct reject w = { st->products_path, 0, 0, "on_hand", p->code, SEV_WARNING,
					    "the product's quantities are too large to add up exactly: nothing ordered", NULL };
			rejects_add(rj, &w);
			continue;
		}
		if (p->route == ROUTE_MTO) {
			/* Each confirmed line's missing part, less what is on its way. */
			int64_t missing = ps->shortfall - ps->incoming;
			qty = missing > 0 ? missing : 0;
			if (qty && qty < p->supplier_min_qty)
				qty = p->supplier_min_qty;
		} else {
			struct reorder_input in = { ps->forecast, p->reorder_min, p->reorder_max, p->reorder_multiple,
						    p->supplier_min_qty };
			qty = stock_reorder_qty(&in);
		}
		/* What crmbatch's open purchase orders bring beyond what the rule
		 * would ask without them (an order cancelled or reduced since) is
		 * no longer needed: said, never kept as demand in silence. */
		int64_t need = ps->shortfall > 0 ? ps->shortfall : 0;
		if (p->route != ROUTE_MTO) {
			struct reorder_input in = { ps->forecast - ps->open_po, p->reorder_min, p->reorder_max,
						    p->reorder_multiple, p->supplier_min_qty };
			need = stock_reorder_qty(&in);
		}
		ps->not_needed = ps->open_po > need ? ps->open_po - need : 0;
		if (ps->not_needed) {
			char why[256], q[32];
			snprintf(why, sizeof why, "%s: %s on crmbatch's open purchase orders no longer needed (an order "
				 "cancelled or reduced since): cancel it with the supplier, or it will be stock",
				 p->code, qty_text(ps->not_needed, q, sizeof q));
			struct reject w = { st->products_path, 0, 0, "product", p->code, SEV_WARNING, why,
					    "products with purchase orders no longer needed" };
			rejects_add(rj, &w);
			sum->not_needed++;
		}
		/* What today's orders already hold is not ordered again. */
		ps->to_order = qty > ps->ordered_today ? qty : ps->ordered_today;
		qty -= ps->ordered_today;
		if (qty <= 0)
			continue;
		if (!p->supplier || !catalog_supplier(cat, p->supplier)) {
			char why[256], q[32];
			snprintf(why, sizeof why, "%s needs %s more but has no supplier: nothing ordered", p->code,
				 qty_text(qty, q, sizeof q));
			struct reject w = { st->products_path, 0, 0, "supplier", p->code, SEV_WARNING, why, NULL };
			rejects_add(rj, &w);
			sum->no_supplier++;
			ps->to_order = ps->ordered_today;
			continue;
		}
		needs[nneeds++] = (struct need){ p, qty };
	}
	if (nneeds)
		qsort(needs, nneeds, sizeof *needs, by_supplier_then_code);

	/* One purchase order per supplier and run date. */
	size_t nsup = nneeds ? 1 : 0;
	for (size_t i = 1; i < nneeds; i++)
		nsup += strcmp(needs[i].product->supplier, needs[i - 1].product->supplier) != 0;
	struct doc_job *jobs = xcalloc(nsup ? nsup : 1, sizeof *jobs);
	struct po_model *pos = xcalloc(nsup ? nsup : 1, sizeof *pos);
	size_t njobs = 0;
	char date[16];
	date_format_iso(is->date, date, sizeof date);
	for (size_t i = 0; i < nneeds;) {
		size_t j = i;
		while (j < nneeds && strcmp(needs[j].product->supplier, needs[i].product->supplier) == 0)
			j++;
		const struct partner *sup = catalog_supplier(cat, needs[i].product->supplier);
		/* A second order to the same supplier on the same day is a new
		 * order, not a revision of the one already sent. */
		char source[160];
		snprintf(source, sizeof source, "%s/%s", sup->code, date);
		for (int k = 2; register_latest(is->reg, DOC_PURCHASE, source); k++)
			snprintf(source, sizeof source, "%s/%s/%d", sup->code, date, k);
		const char *why = NULL;
		if (po_build(&pos[njobs], is, sup, needs + i, j - i, &why) != 0) {
			char msg[256];
			snprintf(msg, sizeof msg, "purchase order to %s not issued: %s", sup->code, why);
			struct reject w = { st->products_path, 0, 0, "supplier", sup->code, SEV_ERROR, msg, NULL };
			rejects_add(rj, &w);
			sum->refused++;
			free(pos[njobs].lines);
			i = j;
			continue;
		}
		po_job(&jobs[njobs], is, &pos[njobs], source);
		jobs[njobs].extra = &pos[njobs];
		njobs++;
		sum->lines += (long)(j - i);
		i = j;
	}
	enum exit_code rc = EXIT_OK;
	if (njobs) {
		is->before_append = save_lines;
		is->hook_ctx = st;
		rc = issue_jobs(is, jobs, njobs, err);
		is->before_append = NULL;
		for (size_t i = 0; i < njobs; i++)
			if (jobs[i].result == ISSUED)
				sum->purchase_orders++;
	}
	for (size_t i = 0; i < njobs; i++) {
		job_release(&jobs[i]);
		free(pos[i].lines);
	}
	free(jobs);
	free(pos);
	free(needs);
	if (rc)
		return rc;
	cover(st);
	if (!(rc = write_stock_csv(st, is->output_dir, err)))
		rc = write_shortfalls(st, is->output_dir, &sum->short_lines, err);
	/* Written: the later stages do not need the list (on a day short of
	 * everything, it is a line's worth of memory per order line). */
	free(st->alloc);
	st->alloc = NULL;
	st->nalloc = 0;
	return rc;
}

/* orders: order lines grouped and priced (see include/orders.h). */
#include "orders.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "money.h"
#include "strpool.h"
#include "xalloc.h"

void orders_init(struct orders *os, const struct config *cfg, const struct catalog *cat,
		 struct rejects *rj, const char *input_dir, unsigned keep_states, int keep_descriptions)
{
	memset(os, 0, sizeof *os);
	os->keep_states = keep_states;
	os->keep_descriptions = keep_descriptions;
	os->cfg = cfg;
	os->cat = cat;
	os->rejects = rj;
	os->path = xasprintf("%s/%s", input_dir, schema_get(IN_ORDER_LINES)->filename);
	os->by_ref = keyset_new();
}

static void order_free(struct order *o)
{
	free(o->taxes_seen);
	free(o->delivery);
}

void orders_release(struct orders *os)
{
	for (size_t i = 0; i < os->n; i++)
		order_free(&os->v[i]);
	free(os->v);
	free(os->all);
	free(os->owner);
	free(os->nos);
	free(os->nos_owner);
	keyset_free(os->by_ref);
	strpool_release(&os->strings);
	free((char *)os->path);
	memset(os, 0, sizeof *os);
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int kept(const struct orders *os, const struct order *o)
{
	return (os->keep_states >> o->state) & 1;
}

/* A line that contradicts its order's first line is refused. */
static int refuse(struct orders *os, const struct record *r, int col, const struct order *o, const char *what)
{
	char why[256];
	snprintf(why, sizeof why, "%s differs from the first line of order %s (line %ld)", what, o->ref, o->first_line);
	struct reject rj = { os->path, r->line, r->column[col], schema_get(IN_ORDER_LINES)->cols[col].name,
			     r->text[col], SEV_ERROR, why, NULL };
	rejects_add(os->rejects, &rj);
	return INGEST_REJECT;
}

/* Prices line l and adds it to its order's checks: whatever mode the
 * orders are in, an order whose amounts cannot all be computed exactly is
 * known as soon as its lines are read. Keeping the weight below 2^61
 * leaves pricing_totals room: every sum it makes is bounded by it (rates
 * are at most 100 %). */
static void weigh(const struct config *cfg, struct order *o, struct order_line *l)
{
	if (o->fault)
		return;
	struct priced_line pl;
	struct price_input in = order_line_input(l);
	if (pricing_line(&in, &pl)) {
		o->fault = ORDER_LINE_OVERFLOW;
		o->fault_line = l->line;
		return;
	}
	int64_t w = o->weight;
	if (add_checked(w, pl.gross < 0 ? -pl.gross : pl.gross, &w) ||
	    add_checked(w, pl.tax < 0 ? -pl.tax : pl.tax, &w) || w > (INT64_C(1) << 61)) {
		o->fault = ORDER_TOTAL_OVERFLOW;
		o->fault_line = l->line;
		return;
	}
	o->weight = w;
	/* A config of at most PRICING_MAX_RATES taxes cannot exceed it. */
	if (cfg->ntaxes < PRICING_MAX_RATES)
		return;
	if (!o->taxes_seen)
		o->taxes_seen = xcalloc(cfg->ntaxes + 1, 1);
	size_t k = l->tax ? (size_t)(l->tax - cfg->taxes) : cfg->ntaxes;
	if (!o->taxes_seen[k]) {
		o->taxes_seen[k] = 1;
		if (++o->ntaxes > PRICING_MAX_RATES) {
			o->fault = ORDER_TOO_MANY_RATES;
			o->fault_line = l->line;
		}
	}
}

/* Reports that line r's total (column col) cannot be what the line says. */
static void refuse_total(struct orders *os, const struct record *r, int col, const char *why)
{
	struct reject rj = { os->path, r->line, r->column[col], schema_get(IN_ORDER_LINES)->cols[col].name,
			     r->text[col], SEV_ERROR, why, NULL };
	rejects_add(os->rejects, &rj);
}

/*
 * A line that states its total is priced as the export says, never at the
 * catalogue: its missing unit price (or discount) is the one that gives
 * that total, and a price, discount and total that disagree are refused,
 * naming both figures (a document cannot state an export's total and
 * another amount). Both totals given must agree with each other too.
 * Returns 0 with l priced, or -1 with the line reported.
 */
static int fit_total(struct orders *os, const struct record *r, struct order_line *l)
{
	int have_price = r->text[OL_UNIT_PRICE] != NULL, have_discount = r->text[OL_DISCOUNT] != NULL;
	int col = r->text[OL_LINE_TOTAL] ? OL_LINE_TOTAL : OL_LINE_TOTAL_INCL, incl = col == OL_LINE_TOTAL_INCL;
	struct price_input in = order_line_input(l);
	int64_t figure = 0;
	char a[40], b[40], q[40], why[320];
	num_format_dot(r->num[col], 2, 2, a, sizeof a);
	int st = pricing_fit_total(&in, have_price, have_discount, r->num[col], incl, &figure);
	if (st == PRICING_DISAGREE && have_price) {
		num_format_dot(figure, 2, 2, b, sizeof b);
		snprintf(why, sizeof why, "%s %s disagrees with the line's qty x unit_price%s, %s%s",
			 schema_get(IN_ORDER_LINES)->cols[col].name, a, have_discount ? " less discount_pct" : "", b,
			 incl ? " with its tax" : "");
		refuse_total(os, r, col, why);
		return -1;
	}
	if (st != 0) {
		num_format_dot(l->qty, 3, 3, q, sizeof q);
		snprintf(why, sizeof why, "no unit price (to 4 decimals) gives %s %s for qty %s%s",
			 schema_get(IN_ORDER_LINES)->cols[col].name, a, q,
			 st == PRICING_DISAGREE ? " at a 100 % discount" : ": state the line's unit_price");
		refuse_total(os, r, col, why);
		return -1;
	}
	l->unit_price = in.unit_price;
	l->discount = (int32_t)in.discount;
	if (col == OL_LINE_TOTAL && r->text[OL_LINE_TOTAL_INCL]) {
		struct priced_line pl = { 0 };
		if (pricing_line(&in, &pl) == 0 && pricing_figure(&pl, 1) != r->num[OL_LINE_TOTAL_INCL]) {
			num_format_dot(r->num[OL_LINE_TOTAL_INCL], 2, 2, b, sizeof b);
			char c[40];
			num_format_dot(pricing_figure(&pl, 1), 2, 2, c, sizeof c);
			snprintf(why, sizeof why, "line_total_incl %s disagrees with line_total %s and its tax, %s", b, a, c);
			refuse_total(os, r, OL_LINE_TOTAL_INCL, why);
			return -1;
		}
	}
	return 0;
}

static int on_line(void *ctx, const struct record *r)
{
	struct orders *os = ctx;
	long idx;
	struct order *o;
	if (r->line > ORDERS_MAX_FILE_LINE) {
		struct reject rj = { os->path, r->line, 0, NULL, NULL, SEV_ERROR,
				     "beyond the last line order_lines.csv may have (2147483647): split the day's export", NULL };
		rejects_add(os->rejects, &rj);
		return INGEST_REJECT;
	}
	struct order_line l = { 0 };
	l.product = catalog_product(os->cat, r->text[OL_PRODUCT]);
	l.qty = r->num[OL_QTY];
	l.unit_price = r->text[OL_UNIT_PRICE] ? r->num[OL_UNIT_PRICE] : l.product->unit_price;
	l.discount = (int32_t)r->num[OL_DISCOUNT]; /* at most 100 % (10000) */
	l.tax = r->text[OL_TAX] ? config_tax(os->cfg, r->text[OL_TAX]) : l.product->tax;
	/* Before the order is made: a refused first line makes none. */
	if ((r->text[OL_LINE_TOTAL] || r->text[OL_LINE_TOTAL_INCL]) && fit_total(os, r, &l))
		return INGEST_REJECT;
	if (keyset_get(os->by_ref, r->text[OL_ORDER_REF], &idx)) {
		o = &os->v[idx];
		if (strcmp(o->customer_code, r->text[OL_CUSTOMER]) != 0)
			return refuse(os, r, OL_CUSTOMER, o, "customer");
		if (r->text[OL_STATE] && o->state != (enum order_state)r->num[OL_STATE])
			return refuse(os, r, OL_STATE, o, "state");
		if (r->text[OL_ORDER_DATE] && o->date != (int32_t)r->num[OL_ORDER_DATE])
			return refuse(os, r, OL_ORDER_DATE, o, "order date");
		if (r->text[OL_PAYMENT_TERM] && !same(o->payment_term, r->text[OL_PAYMENT_TERM]))
			return refuse(os, r, OL_PAYMENT_TERM, o, "payment term");
		if (r->text[OL_CUSTOMER_REF] && !same(o->customer_ref, r->text[OL_CUSTOMER_REF]))
			return refuse(os, r, OL_CUSTOMER_REF, o, "customer_ref");
		/* A line that leaves the delivery address empty continues it. */
		const struct address none = { 0 }, *a = o->delivery ? o->delivery : &none;
		const char *const have[] = { a->name, a->street, a->zip, a->city, a->country };
		for (int c = OL_DELIVERY_NAME; c <= OL_DELIVERY_COUNTRY; c++)
			if (r->text[c] && !same(have[c - OL_DELIVERY_NAME], r->text[c]))
				return refuse(os, r, c, o, schema_get(IN_ORDER_LINES)->cols[c].name);
	} else {
		if (os->n == os->cap) {
			os->cap = xgrow(os->cap, 64);
			os->v = xrealloc(os->v, os->cap * sizeof *os->v);
		}
		keyset_add(os->by_ref, r->text[OL_ORDER_REF], (long)os->n, NULL);
		o = &os->v[os->n++];
		memset(o, 0, sizeof *o);
		o->ref = strpool_add(&os->strings, r->text[OL_ORDER_REF]);
		o->customer_code = strpool_add(&os->strings, r->text[OL_CUSTOMER]);
		o->customer = catalog_customer(os->cat, o->customer_code);
		o->salesperson = strpool_keep(&os->strings, r->text[OL_SALESPERSON], NULL);
		o->payment_term = strpool_keep(&os->strings, r->text[OL_PAYMENT_TERM], NULL);
		o->lead = strpool_keep(&os->strings, r->text[OL_LEAD], NULL);
		o->customer_ref = strpool_keep(&os->strings, r->text[OL_CUSTOMER_REF], NULL);
		if (r->text[OL_DELIVERY_NAME] || r->text[OL_DELIVERY_STREET] || r->text[OL_DELIVERY_ZIP] ||
		    r->text[OL_DELIVERY_CITY] || r->text[OL_DELIVERY_COUNTRY]) {
			o->delivery = xmalloc(sizeof *o->delivery);
			*o->delivery = (struct address){
				.name = strpool_keep(&os->strings, r->text[OL_DELIVERY_NAME], NULL),
				.street = strpool_keep(&os->strings, r->text[OL_DELIVERY_STREET], NULL),
				.zip = strpool_keep(&os->strings, r->text[OL_DELIVERY_ZIP], NULL),
				.city = strpool_keep(&os->strings, r->text[OL_DELIVERY_CITY], NULL),
				.country = strpool_keep(&os->strings, r->text[OL_DELIVERY_COUNTRY], NULL),
			};
		}
		o->date = r->text[OL_ORDER_DATE] ? (int32_t)r->num[OL_ORDER_DATE] : DATE_NONE;
		o->state = (enum order_state)r->num[OL_STATE];
		o->first_line = r->line;
	}
	l.qty_delivered = r->num[OL_QTY_DELIVERED];
	l.line = (int32_t)r->line;
	weigh(os->cfg, o, &l);
	if (kept(os, o)) {
		/* Kept only when it says something the product's name does not. */
		const char *desc = os->keep_descriptions ? r->text[OL_DESCRIPTION] : NULL;
		l.description = desc && strcmp(desc, l.product->name) != 0 ? strpool_add(&os->strings, desc) : NULL;
		if (os->nall == os->all_cap) {
			/* By half again; a large block grows in place (mremap). */
			os->all_cap = xgrow(os->all_cap, 256);
			os->all = xrealloc(os->all, os->all_cap * sizeof *os->all);
			os->owner = xrealloc(os->owner, os->all_cap * sizeof *os->owner);
		}
		os->all[os->nall] = l;
		os->owner[os->nall++] = (size_t)(o - os->v);
	} else {
		if (os->nnos == os->nos_cap) {
			os->nos_cap = xgrow(os->nos_cap, 256);
			os->nos = xrealloc(os->nos, os->nos_cap * sizeof *os->nos);
			os->nos_owner = xrealloc(os->nos_owner, os->nos_cap * sizeof *os->nos_owner);
		}
		os->nos[os->nnos] = l.line;
		os->nos_owner[os->nnos++] = (size_t)(o - os->v);
	}
	o->nlines++;
	return 0;
}

/* Puts item i of v (n items of size bytes) at dest[i], cycle by cycle,
 * in place: no second array of a million lines. */
static void permute(void *v, size_t size, size_t *dest, size_t n)
{
	char *p = v, tmp[sizeof(struct order_line)];
	for (size_t i = 0; i < n; i++)
		while (dest[i] != i) {
			size_t j = dest[i];
			memcpy(tmp, p + j * size, size);
			memcpy(p + j * size, p + i * size, size);
			memcpy(p + i * size, tmp, size);
			dest[i] = dest[j];
			dest[j] = j;
		}
}

/* Each order's lines (or line numbers) made contiguous, in the order they
 * were read: a stable counting sort by order, permuted in place. The
 * arrays are cut to their size first (the cut's tail is given back). */
static void place_lines(struct orders *os)
{
	os->all = xrealloc(os->all, (os->nall ? os->nall : 1) * sizeof *os->all);
	os->nos = xrealloc(os->nos, (os->nnos ? os->nnos : 1) * sizeof *os->nos);
	os->all_cap = os->nall;
	os->nos_cap = os->nnos;
	size_t a = 0, b = 0;
	for (size_t i = 0; i < os->n; i++) { /* each order's start, a cursor below */
		struct order *o = &os->v[i];
		if (kept(os, o)) {
			o->lines = os->all + a;
			a += o->nlines;
		} else {
			o->line_nos = os->nos + b;
			b += o->nlines;
		}
	}
	for (size_t i = 0; i < os->nall; i++) { /* owner[i] becomes line i's place */
		struct order *o = &os->v[os->owner[i]];
		os->owner[i] = (size_t)(o->lines++ - os->all);
	}
	for (size_t i = 0; i < os->nnos; i++) {
		struct order *o = &os->v[os->nos_owner[i]];
		os->nos_owner[i] = (size_t)(o->line_nos++ - os->nos);
	}
	for (size_t i = 0; i < os->n; i++) {
		struct order *o = &os->v[i];
		if (kept(os, o))
			o->lines -= o->nlines;
		else
			o->line_nos -= o->nlines;
	}
	permute(os->all, sizeof *os->all, os->owner, os->nall);
	permute(os->nos, sizeof *os->nos, os->nos_owner, os->nnos);
	free(os->owner);
	free(os->nos_owner);
	os->owner = os->nos_owner = NULL;
}

void orders_attach(struct orders *os, struct ingest *in)
{
	ingest_add_sink(in, IN_ORDER_LINES, on_line, os);
}

static int by_date_then_ref(const void *a, const void *b)
{
	const struct order *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->ref, y->ref);
}

/* An order whose amounts cannot be computed exactly is refused whole, every
 * line reported and counted as rejected: no document could carry it, and
 * the other orders go on. */
static void refuse_order(struct orders *os, struct ingest *in, const struct order *o)
{
	for (size_t k = 0; k < o->nlines; k++) {
		long line = o->lines ? o->lines[k].line : o->line_nos[k];
		char why[256];
		if (o->fault == ORDER_LINE_OVERFLOW && line == o->fault_line)
			snprintf(why, sizeof why, "order %s refused: qty x unit_price of this line is too large to compute exactly",
				 o->ref);
		else if (o->fault == ORDER_LINE_OVERFLOW)
			snprintf(why, sizeof why, "order %s refused: the amount of its line %ld is too large to compute exactly",
				 o->ref, o->fault_line);
		else if (o->fault == ORDER_TOO_MANY_RATES)
			snprintf(why, sizeof why, "order %s refused: more than %d different taxes (line %ld)", o->ref,
				 PRICING_MAX_RATES, o->fault_line);
		else
			snprintf(why, sizeof why, "order %s refused: its lines add up beyond what is computed exactly (from line %ld)",
				 o->ref, o->fault_line);
		struct reject rj = { os->path, line, 0, NULL, o->ref, SEV_ERROR, why, NULL };
		rejects_add(os->rejects, &rj);
		ingest_refuse_late(in, IN_ORDER_LINES);
	}
}

void orders_price(struct orders *os, struct ingest *in)
{
	place_lines(os);
	size_t sound = 0;
	for (size_t i = 0; i < os->n; i++) {
		struct order *o = &os->v[i];
		if (o->fault) {
			refuse_order(os, in, o);
			order_free(o);
			continue;
		}
		os->v[sound++] = *o;
	}
	os->n = sound;
	if (os->n) /* qsort wants a real array, even an empty one */
		qsort(os->v, os->n, sizeof *os->v, by_date_then_ref);
	/* The index pointed at positions before the sort: rebuild it. */
	keyset_free(os->by_ref);
	os->by_ref = keyset_new();
	for (size_t i = 0; i < os->n; i++)
		keyset_add(os->by_ref, os->v[i].ref, (long)i, NULL);
}

int order_ship_to(const struct order *o, struct address *to)
{
	const struct partner *c = o->customer;
	/* validate: an address that says anything has its city. */
	const struct address *a = o->delivery ? o->delivery : c && c->delivery.city ? &c->delivery : NULL;
	if (!a)
		return 0;
	*to = (struct address){
		.name = a->name ? a->name : c ? c->name : NULL,
		.street = a->street,
		.zip = a->zip,
		.city = a->city,
		.country = a->country ? a->country : c ? c->country : NULL,
	};
	return !(c && same(to->name, c->name) && same(to->street, c->street) && same(to->zip, c->zip) &&
		 same(to->city, c->city) && same(to->country, c->country));
}

const char *order_line_description(const struct order_line *l)
{
	return l->description ? l->description : l->product->name;
}

void orders_totals(const struct orders *os, const struct order *o, struct totals *t)
{
	struct price_input *pin = xcalloc(o->nlines ? o->nlines : 1, sizeof *pin);
	struct priced_line *out = xcalloc(o->nlines ? o->nlines : 1, sizeof *out);
	for (size_t k = 0; k < o->nlines; k++) {
		pin[k] = order_line_input(&o->lines[k]);
		order_line_priced(&o->lines[k], &out[k]);
	}
	/* weigh() leaves it room: a failure here is a bug. */
	if (pricing_totals(pin, out, o->nlines, os->cfg->rounding, t))
		abort();
	free(pin);
	free(out);
}

void order_line_priced(const struct order_line *l, struct priced_line *out)
{
	/* weigh() priced it when it was read: a failure here is a bug. */
	struct price_input in = order_line_input(l);
	if (pricing_line(&in, out))
		abort();
}

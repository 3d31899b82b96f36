/* invoices: what to invoice, the legal mentions, Factur-X (see include/invoices.h). */
#include "invoices.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "date.h"
#include "facturx.h"
#include "money.h"
#include "store.h"
#include "terms.h"
#include "xalloc.h"

void invoicing_init(struct invoicing *iv, const struct config *cfg, const struct orders *os,
		    const struct doc_lines *shipped, const char *output_dir)
{
	memset(iv, 0, sizeof *iv);
	iv->cfg = cfg;
	iv->orders = os;
	iv->shipped = shipped;
	iv->output_dir = output_dir;
	doclines_init(&iv->lines, DOC_INVOICE, 1, output_dir, "invoice_lines.csv");
	doclines_init(&iv->credits, DOC_CREDIT_NOTE, 1, output_dir, "credit_note_lines.csv");
}

void invoicing_release(struct invoicing *iv)
{
	doclines_release(&iv->lines);
	doclines_release(&iv->credits);
	memset(iv, 0, sizeof *iv);
}

enum exit_code invoicing_load(struct invoicing *iv, const struct doc_register *reg, struct diag *err)
{
	enum exit_code rc = doclines_load(&iv->lines, reg, err);
	if (!rc)
		rc = doclines_load(&iv->credits, reg, err);
	/* The store as the register has it: upgraded, or what a killed run
	 * left dropped. */
	return rc ? rc : store_prepare(iv->output_dir, reg, err);
}

const char *invoicing_customer(const struct invoicing *iv, const char *invoice)
{
	return doclines_customer(&iv->lines, invoice);
}

/* --- when the goods shipped ----------------------------------------------- */

/* One order line's shipments, from crmbatch's delivery slips. */
struct shipment {
	const char *order_ref;
	int line;
	int32_t date;
	int64_t qty;
};

struct shipments {
	struct shipment *v;
	size_t n;
	struct keyset *first;       /* order_ref -> index of its first shipment */
};

static int by_line_then_date(const void *a, const void *b)
{
	const struct shipment *x = a, *y = b;
	int c = strcmp(x->order_ref, y->order_ref);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->date < y->date ? -1 : x->date > y->date;
}

/* The slips' lines with their slips' dates (from the register), sorted by
 * order line then date: built once per invoicing run, after the day's
 * slips were issued. */
static void shipments_build(struct shipments *sh, const struct doc_lines *slips, const struct doc_register *reg)
{
	memset(sh, 0, sizeof *sh);
	sh->first = keyset_new();
	if (!slips || !slips->n)
		return;
	struct keyset *dates = keyset_new();
	for (size_t i = 0; i < reg->n; i++)
		if (reg->v[i].kind == DOC_DELIVERY)
			keyset_set(dates, reg->v[i].number, reg->v[i].issue_date);
	sh->v = xcalloc(slips->n, sizeof *sh->v);
	for (size_t i = 0; i < slips->n; i++) {
		long date;
		if (!keyset_get(dates, doc_line_doc(slips, &slips->v[i]), &date))
			continue; /* not registered: never issued */
		sh->v[sh->n++] = (struct shipment){ doc_line_order(slips, &slips->v[i]), slips->v[i].line, (int32_t)date, slips->v[i].qty };
	}
	keyset_free(dates);
	if (sh->n)
		qsort(sh->v, sh->n, sizeof *sh->v, by_line_then_date);
	for (size_t i = 0; i < sh->n; i++)
		if (i == 0 || strcmp(sh->v[i].order_ref, sh->v[i - 1].order_ref) != 0)
			keyset_add(sh->first, sh->v[i].order_ref, (long)i, NULL);
}

static void shipments_release(struct shipments *sh)
{
	free(sh->v);
	keyset_free(sh->first);
}

/* The date by which the slips of an order line had shipped `upto` in all,
 * or DATE_NONE when they have not (yet). */
static int32_t shipped_by(const struct shipments *sh, const char *order_ref, int line, int64_t upto)
{
	long i;
	if (!keyset_get(sh->first, order_ref, &i))
		return DATE_NONE;
	/* The line's first shipment: the order's come together, by line, and
	 * those after them have a greater order_ref, so a binary search from
	 * the order's first finds it (an order may have thousands of lines). */
	size_t lo = (size_t)i, hi = sh->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sh->v[mid].line < line && strcmp(sh->v[mid].order_ref, order_ref) == 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	int64_t sum = 0;
	for (size_t k = lo; k < sh->n && sh->v[k].line == line && strcmp(sh->v[k].order_ref, order_ref) == 0; k++)
		if ((sum += sh->v[k].qty) >= upto)
			return sh->v[k].date;
	return DATE_NONE;
}

/* --- one invoice ----------------------------------------------------------- */

/* What an invoice job carries beyond its document: the model, and the XML
 * made from it once numbered. */
struct invoice_extra {
	struct invoice inv;
	char *xml;
	size_t xml_len;
};

/* invoice_build's answer for an order that is to be invoiced later
 * (reported as a warning). */
#define INVOICE_WAITS (-2)

/* Does one of the document's lines bear a tax of this category? */
static int has_category(const struct invoice *inv, enum vat_category c)
{
	for (size_t k = 0; k < inv->nlines; k++)
		if (inv->lines[k].tax && inv->lines[k].tax->category == c)
			return 1;
	return 0;
}

/* What is said of order o, at its first line's place. */
static void report_order(const struct invoicing *iv, const struct order *o, enum severity sev, const char *msg)
{
	struct reject r = { iv->orders->path, o->first_line, 0, "order_ref", o->ref, sev, msg, NULL };
	rejects_add(iv->orders->rejects, &r);
}

/* An order that cannot be invoiced is reported, never dropped in silence;
 * the other orders go on. Returns -1 for invoice_build. */
static int refuse_invoice(const struct invoicing *iv, struct invoice *inv, const struct order *o, const char *why)
{
	char msg[512];
	snprintf(msg, sizeof msg, "order %s not invoiced: %s", o->ref, why);
	report_order(iv, o, SEV_ERROR, msg);
	invoice_release(inv);
	return -1;
}

/* The payment term of order o's invoices: the order's, else its
 * customer's, else the default; its name into *name. NULL when the config
 * does not know that name (it was checked when read: not in practice). */
static const struct payment_term *order_term(const struct config *cfg, const struct order *o, const char **name)
{
	const struct partner *cust = o->customer;
	*name = o->payment_term ? o->payment_term
		: cust && cust->payment_term ? cust->payment_term
		: cfg->terms[cfg->default_term].name;
	return config_term(cfg, *name);
}

/* "2", "1,5", "1,25": a percentage (1/100 %) without useless decimals. */
static char *percent_fr(int64_t v, char *buf, size_t size)
{
	return num_format_fr(v, SCALE_PERCENT, v % 100 == 0 ? 0 : v % 10 == 0 ? 1 : 2, buf, size);
}

/* The mentions every invoice and credit note carries: late-payment
 * penalties and the recovery indemnity where they are due (C. com.
 * L441-10 and D441-5: between businesses, on an amount to pay), the
 * early-payment discount (inv->escompte, 0: none), stated with its last
 * day as a date, which the customer can check and the payments stage
 * honours (invoices_issue_escomptes), a consumer's legal
 * guarantees on goods (C. consom. L217-3 et seq., C. civ. 1641-1649),
 * and the firm's option for VAT on debits when it took it (décret
 * 2022-1299). The penalty's wording is the config's, whatever it is: it follows a
 * colon, so any rate or formula reads right. */
static void legal_notes(struct invoice *inv, const struct config *cfg)
{
	if (cfg->company.vat_on_debits)
		inv->debits_note = "Option pour le paiement de la taxe d'après les débits";
	int credit = inv->kind == DOC_CREDIT_NOTE;
	inv->penalties = inv->business && !credit;
	if (inv->penalties) {
		inv->penalty_note = xasprintf("Pénalités de retard (C. com. art. L441-10), exigibles sans rappel le jour "
					      "suivant la date d'échéance : %s.", cfg->late_penalty);
		inv->indemnity_note = "Indemnité forfaitaire pour frais de recouvrement : 40 €.";
	} else if (credit) {
		inv->penalty_note = xstrdup("Pénalités de retard : sans objet, un avoir n'est pas une somme à payer.");
		inv->indemnity_note = "Indemnité forfaitaire pour frais de recouvrement : sans objet, un avoir n'est pas "
				      "une somme à payer.";
	} else {
		inv->penalty_note = xstrdup("Pénalités de retard : non applicables, client non professionnel.");
		inv->indemnity_note = "Indemnité forfaitaire pour frais de recouvrement : non applicable, client non "
				      "professionnel.";
	}
	inv->guarantee_note = !inv->business && !credit && inv->goods ? cfg->consumer_guarantee : NULL;
	if (inv->escompte) {
		char pc[32], d[16];
		inv->escompte_note = xasprintf("Escompte de %s %% pour paiement avant le %s.", percent_fr(inv->escompte, pc, sizeof pc),
					       date_format_fr(inv->escompte_until, d, sizeof d));
	} else {
		inv->escompte_note = xstrdup("Pas d'escompte pour paiement anticipé.");
	}
}

/*
 * The model of order o's invoice for the quantities still to invoice,
 * dated date: its lines, VAT breakdowns, installments, delivery date and
 * legal texts. Returns 1, 0 when nothing is to invoice, -1 when the
 * order cannot be invoiced, or INVOICE_WAITS when it is to be invoiced
 * later (both reported). Every amount is computed here.
 */
static int invoice_build(struct invoice *inv, const struct invoicing *iv, const struct shipments *sh,
			 const struct order *o, int32_t date)
{
	const struct config *cfg = iv->cfg;
	size_t cap = o->nlines ? o->nlines : 1;
	memset(inv, 0, sizeof *inv);
	inv->kind = DOC_INVOICE;
	inv->order = o;
	inv->buyer = o->customer;
	inv->ships_elsewhere = order_ship_to(o, &inv->ship_to);
	inv->date = date;
	inv->business = o->customer && o->customer->is_business;
	inv->lines = xcalloc(cap, sizeof *inv->lines);
	struct price_input *in = xcalloc(cap, sizeof *in);
	struct priced_line *out = xcalloc(cap, sizeof *out);
	/* The delivery date: when the last goods line invoiced had shipped. */
	int32_t delivered = DATE_NONE;
	int unshipped = 0, bad = 0;
	size_t n = 0;
	for (size_t k = 0; k < o->nlines && !bad; k++) {
		const struct order_line *l = &o->lines[k];
		int64_t basis = l->product->invoice_policy == POLICY_ORDERED ? l->qty : l->qty_delivered;
		/* What was invoiced, net of credit notes. */
		int64_t before = doclines_qty(&iv->lines, o->ref, (int)k + 1) - doclines_qty(&iv->credits, o->ref, (int)k + 1);
		int64_t qty = basis - before;
		if (qty <= 0)
			continue;
		int service = l->product->type == TYPE_SERVICE;
		if (!service) {
			int32_t when = shipped_by(sh, o->ref, (int)k + 1, before + qty);
			if (when == DATE_NONE)
				unshipped = 1;
			else if (delivered == DATE_NONE || when > delivered)
				delivered = when;
		}
		in[n] = order_line_input(l);
		in[n].qty = qty;
		if (pricing_line(&in[n], &out[n])) {
			bad = 1;
			break;
		}
		struct invoice_line *il = &inv->lines[n];
		il->order_line = (int)k + 1;
		il->ref = l->product->code;
		il->description = order_line_description(l);
		il->qty = il->counted = qty;
		il->gross_price = pricing_unit_price_excl(&in[n]);
		il->discount = l->discount;
		il->amount = out[n].untaxed;
		il->tax = l->tax;
		il->service = service;
		/* The net price, what the amount is per unit (4 decimals). */
		il->net_price = il->gross_price;
		if (il->discount)
			div_round((__int128)il->amount * 100 * 1000, qty, &il->net_price); /* cents -> 1/10000, per unit */
		inv->services |= service;
		inv->goods |= !service;
		n++;
	}
	inv->nlines = n;
	int bad_totals = !bad && n > 0 && pricing_totals(in, out, n, cfg->rounding, &inv->totals);
	free(in);
	free(out);
	if (bad)
		return refuse_invoice(iv, inv, o, "a line's amount is too large to compute exactly");
	if (n == 0) {
		invoice_release(inv);
		return 0;
	}
	if (bad_totals)
		return refuse_invoice(iv, inv, o, "its totals are too large to compute exactly");
	inv->delivered = unshipped || !inv->goods ? DATE_NONE : delivered;
	/* An intra-community supply (VAT category K) must say when its goods
	 * were delivered (BT-72, EN 16931 BR-IC-11): it is invoiced once they
	 * have all shipped, whatever the products' invoicing policy, rather
	 * than with a date that is not true or a Factur-X that does not pass. */
	if (inv->delivered == DATE_NONE && has_category(inv, VAT_INTRA_EU)) {
		if (!inv->goods)
			return refuse_invoice(iv, inv, o, "an intra-community supply (VAT category K) is a supply of goods, "
					  "and these lines are services: give them a reverse_charge tax (AE)");
		char msg[512];
		snprintf(msg, sizeof msg, "order %s not invoiced yet: an intra-community supply (VAT category K) is "
			 "invoiced once its goods have shipped, as its invoice must state their delivery date "
			 "(EN 16931 BR-IC-11)", o->ref);
		report_order(iv, o, SEV_WARNING, msg);
		invoice_release(inv);
		return INVOICE_WAITS;
	}

	const struct payment_term *pt = order_term(cfg, o, &inv->term);
	struct payment_terms terms;
	char why[256];
	/* The config was checked at load: a term that does not parse here is a bug. */
	if (terms_parse(pt ? pt->expr : "balance", &terms, why, sizeof why) != 0)
		return refuse_invoice(iv, inv, o, why);
	inv->ninst = terms_due_dates(&terms, date, inv->totals.total, inv->inst, TERMS_MAX_INSTALLMENTS);
	if (inv->ninst < 0) {
		snprintf(why, sizeof why, "payment term '%s': %s", inv->term,
			 inv->ninst == TERMS_DATE_RANGE ? "a due date falls outside years 1 to 9999"
							: "its fixed amounts exceed the invoice's total");
		return refuse_invoice(iv, inv, o, why);
	}
	inv->due = date;
	for (int i = 0; i < inv->ninst; i++)
		if (inv->inst[i].date > inv->due)
			inv->due = inv->inst[i].date;
	if (pt && pt->escompte) {
		inv->escompte = pt->escompte;
		inv->escompte_until = date_add_days(date, pt->escompte_days);
		if (inv->escompte_until == DATE_NONE) {
			snprintf(why, sizeof why, "payment term '%s': its escompte's last day falls outside years 1 to 9999",
				 inv->term);
			return refuse_invoice(iv, inv, o, why);
		}
	}
	legal_notes(inv, cfg);
	return 1;
}

/* --- credit notes ----------------------------------------------------------- */

/* A ledger's lines by order, in the order they were written. */
struct by_order {
	struct keyset *first, *last;  /* order_ref -> index of its first, last line */
	size_t *next;                 /* the order's next line, SIZE_MAX after the last */
};

static void by_order_build(struct by_order *bo, const struct doc_lines *dl)
{
	bo->first = keyset_new();
	bo->last = keyset_new();
	bo->next = xmalloc((dl->n ? dl->n : 1) * sizeof *bo->next);
	for (size_t i = 0; i < dl->n; i++) {
		long last;
		bo->next[i] = SIZE_MAX;
		if (keyset_get(bo->last, doc_line_order(dl, &dl->v[i]), &last))
			bo->next[last] = i;
		else
			keyset_add(bo->first, doc_line_order(dl, &dl->v[i]), (long)i, NULL);
		keyset_set(bo->last, doc_line_order(dl, &dl->v[i]), (long)i);
	}
}

static size_t by_order_first(const struct by_order *bo, const char *order_ref)
{
	long i;
	return keyset_get(bo->first, order_ref, &i) ? (size_t)i : SIZE_MAX;
}

static void by_order_release(struct by_order *bo)
{
	keyset_free(bo->first);
	keyset_free(bo->last);
	free(bo->next);
}

/* What the day's credit notes are computed from. */
struct crediting {
	const struct invoicing *iv;
	const struct doc_register *reg;
	const struct shipments *sh;   /* the slips' lines, for when credited goods shipped */
	struct by_order invoiced, credited;
	struct keyset *entry;         /* a document's number -> its register index */
};

static void crediting_init(struct crediting *cx, const struct invoicing *iv, const struct doc_register *reg,
			   const struct shipments *sh)
{
	cx->iv = iv;
	cx->reg = reg;
	cx->sh = sh;
	by_order_build(&cx->invoiced, &iv->lines);
	by_order_build(&cx->credited, &iv->credits);
	cx->entry = keyset_new();
	for (size_t i = 0; i < reg->n; i++)
		if (reg->v[i].kind == DOC_INVOICE || reg->v[i].kind == DOC_CREDIT_NOTE)
			keyset_add(cx->entry, reg->v[i].number, (long)i, NULL);
}

static void crediting_release(struct crediting *cx)
{
	by_order_release(&cx->invoiced);
	by_order_release(&cx->credited);
	keyset_free(cx->entry);
}

/* Does credit note cn (a number) correct invoice inv? Its source is "inv#n". */
static int corrects(const struct crediting *cx, const char *cn, const char *inv)
{
	long i;
	char base[256];
	return keyset_get(cx->entry, cn, &i) && register_source_base(&cx->reg->v[i], base, sizeof base) == 0 &&
	       strcmp(base, inv) == 0;
}

/* One part of a credit: so much of an order line, against one invoice. */
struct credit_part {
	long invoice;                 /* the invoice's register index */
	const char *number;           /* the invoice's number (borrowed) */
	int line;                     /* 1-based line of the order */
	int64_t qty, amount;          /* 1/1000 credited (0: a price correction); cents excluding tax */
	int64_t shown;                /* 1/1000: the quantity the line is about */
	int unchanged;                /* the order line's price is what the invoice billed */
	const struct tax *tax;        /* the VAT the invoice line bore */
	int32_t shipped;              /* when the invoice line's goods had shipped, as
					 the invoice stated it; DATE_NONE: they had not */
};

/* The tax an invoice line bore, as its ledger line says (rate and
 * category): the order line's own when it still is that one. */
static const struct tax *billed_tax(const struct config *cfg, const struct doc_line *il, const struct tax *now)
{
	if (il->vat_rate < 0 || (now && now->rate == il->vat_rate && now->category == il->category) ||
	    (!now && il->vat_rate == 0 && il->category == VAT_STANDARD))
		return now; /* written before the ledger kept it, or unchanged */
	for (size_t i = 0; i < cfg->ntaxes; i++)
		if (cfg->taxes[i].rate == il->vat_rate && cfg->taxes[i].category == il->category && !cfg->taxes[i].included)
			return &cfg->taxes[i];
	for (size_t i = 0; i < cfg->ntaxes; i++)
		if (cfg->taxes[i].rate == il->vat_rate && cfg->taxes[i].category == il->category)
			return &cfg->taxes[i];
	return now; /* that tax left the config: the order's */
}

static void add_part(struct credit_part **parts, size_t *n, size_t *cap, struct credit_part p)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		*parts = xrealloc(*parts, *cap * sizeof **parts);
	}
	(*parts)[(*n)++] = p;
}

static int by_invoice_then_line(const void *a, const void *b)
{
	const struct credit_part *x = a, *y = b;
	if (x->invoice != y->invoice)
		return x->invoice < y->invoice ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* What order line k (1-based) of o is due now: nothing when cancelled. */
static int64_t due_qty(const struct order *o, size_t k)
{
	const struct order_line *l = &o->lines[k - 1];
	if (o->state == ORDER_CANCEL)
		return 0;
	return l->product->invoice_policy == POLICY_ORDERED ? l->qty : l->qty_delivered;
}

/* The untaxed amount of qty of line l at its price now; -1 on overflow. */
static int64_t priced_now(const struct order_line *l, int64_t qty, struct priced_line *out)
{
	struct price_input in = order_line_input(l);
	in.qty = qty;
	return pricing_line(&in, out) ? -1 : out->untaxed;
}

/*
 * The parts of order o to credit: for each line invoiced (net of credit
 * notes) beyond what is due, the excess, taken from the most recent
 * invoices first, each at the amount its invoice stated (in proportion
 * for part of an invoice's quantity); then, for what stays invoiced, a
 * price lowered since (ordered policy: the order's price now) credits the
 * difference. Appends to *parts.
 */
/* When invoice line il (of the invoice at register index e) had shipped,
 * as its invoice reckoned it: the day the order line's slips reached what
 * had been invoiced, net of credit notes, before that invoice, plus its
 * quantity. DATE_NONE for a service, or goods that had not shipped. */
static int32_t shipped_as_invoiced(const struct crediting *cx, const struct order *o, int k, const struct doc_line *il,
				   long e)
{
	const struct doc_lines *inv = &cx->iv->lines, *cr = &cx->iv->credits;
	/* Goods or a service: as the ledger says (an escompte's credit note is
	 * built without the order's lines), else as the product is. */
	if (e < 0 || (il->vat_rate >= 0 ? il->service : !o->lines || o->lines[k - 1].product->type == TYPE_SERVICE))
		return DATE_NONE;
	int64_t before = 0;
	long r;
	for (size_t i = by_order_first(&cx->invoiced, o->ref); i != SIZE_MAX; i = cx->invoiced.next[i])
		if (inv->v[i].line == k && keyset_get(cx->entry, doc_line_doc(inv, &inv->v[i]), &r) && r < e)
			before += inv->v[i].qty;
	for (size_t c = by_order_first(&cx->credited, o->ref); c != SIZE_MAX; c = cx->credited.next[c])
		if (cr->v[c].line == k && keyset_get(cx->entry, doc_line_doc(cr, &cr->v[c]), &r) && r < e)
			before -= cr->v[c].qty;
	return shipped_by(cx->sh, o->ref, k, before + il->qty);
}

static void credit_parts(const struct crediting *cx, const struct order *o, struct credit_part **parts, size_t *n,
			 size_t *cap)
{
	const struct doc_lines *inv = &cx->iv->lines, *cr = &cx->iv->credits;
	size_t first = by_order_first(&cx->invoiced, o->ref);
	if (first == SIZE_MAX)
		return; /* never invoiced */
	for (size_t k = 1; k <= o->nlines; k++) {
		int64_t net = doclines_qty(inv, o->ref, (int)k) - doclines_qty(cr, o->ref, (int)k);
		if (net <= 0)
			continue;
		int64_t excess = net - due_qty(o, k);
		const struct order_line *ol = &o->lines[k - 1];
		int reprice = o->state != ORDER_CANCEL && ol->product->invoice_policy == POLICY_ORDERED;
		if (excess <= 0 && !reprice)
			continue;
		/* This line's invoice lines, newest first. */
		size_t m = 0, *mine = NULL;
		for (size_t i = first; i != SIZE_MAX; i = cx->invoiced.next[i])
			if (inv->v[i].line == (int)k) {
				mine = xrealloc(mine, (m + 1) * sizeof *mine);
				mine[m++] = i;
			}
		for (size_t j = m; j-- > 0;) {
			const struct doc_line *il = &inv->v[mine[j]];
			int64_t cq = 0, ca = 0;
			for (size_t c = by_order_first(&cx->credited, o->ref); c != SIZE_MAX; c = cx->credited.next[c])
				if (cr->v[c].line == (int)k && corrects(cx, doc_line_doc(cr, &cr->v[c]), doc_line_doc(inv, il))) {
					cq += cr->v[c].qty;
					ca += cr->v[c].amount;
				}
			struct priced_line pl;
			int64_t billed = il->amount >= 0 ? il->amount : priced_now(ol, il->qty, &pl);
			int unchanged = il->amount < 0 || priced_now(ol, il->qty, &pl) == il->amount;
			long e = -1;
			keyset_get(cx->entry, doc_line_doc(inv, il), &e);
			int64_t avail = il->qty - cq;
			if (billed < 0 || avail <= 0)
				continue; /* too large to compute (never below the qty limit), or all credited */
			if (excess > 0) {
				int64_t take = excess < avail ? excess : avail, rest = billed - ca, amount;
				if (take == avail)
					amount = rest;
				else if (unchanged)
					amount = priced_now(ol, take, &pl);
				else if (div_round((__int128)rest * take, avail, &amount))
					amount = -1;
				if (amount < 0)
					continue;
				int32_t shipped = shipped_as_invoiced(cx, o, (int)k, il, e);
				add_part(parts, n, cap, (struct credit_part){ e, doc_line_doc(inv, il), (int)k, take, amount, take, unchanged,
									   billed_tax(cx->iv->cfg, il, ol->tax), shipped });
				excess -= take;
				cq += take;
				ca += amount;
				avail -= take;
			}
			if (reprice && avail > 0) {
				/* What stays invoiced, at the price now. */
				int64_t now = priced_now(ol, avail, &pl), rest = billed - ca;
				if (now >= 0 && now < rest)
					add_part(parts, n, cap, (struct credit_part){ e, doc_line_doc(inv, il), (int)k, 0, rest - now, avail, 0,
										   billed_tax(cx->iv->cfg, il, ol->tax),
										   shipped_as_invoiced(cx, o, (int)k, il, e) });
			}
		}
		free(mine);
	}
}

/* Why order o is credited, as the credit note says it. */
static const char *credit_reason(const struct order *o, const struct credit_part *p, size_t n)
{
	if (o->state == ORDER_CANCEL)
		return "commande annulée";
	int returned = 0, reduced = 0, repriced = 0;
	for (size_t i = 0; i < n; i++) {
		returned |= p[i].qty && o->lines[p[i].line - 1].product->invoice_policy == POLICY_DELIVERED;
		reduced |= p[i].qty && o->lines[p[i].line - 1].product->invoice_policy == POLICY_ORDERED;
		repriced |= !p[i].qty;
	}
	return returned && repriced ? "marchandises retournées et prix réduit"
	       : reduced && repriced ? "quantités et prix réduits"
	       : returned ? "marchandises retournées" : reduced ? "quantités commandées réduites" : "prix réduit";
}

/*
 * The model of the credit note of order o for parts p[0..n) (one invoice's),
 * dated date. Returns 1, or -1 when its totals cannot be computed
 * (reported).
 */
/* When the credited goods had shipped, as the invoices they correct said
 * (an intra-community supply's credit note must say it too, BR-IC-11):
 * the last of their days; nothing when some had not shipped. */
static void credited_shipments(struct invoice *cn, const struct credit_part *p, size_t n)
{
	int32_t last = DATE_NONE;
	for (size_t i = 0; i < n; i++) {
		if (cn->lines[i].service)
			continue;
		if (p[i].shipped == DATE_NONE)
			return;
		if (last == DATE_NONE || p[i].shipped > last)
			last = p[i].shipped;
	}
	cn->delivered = last;
}

static int credit_build(struct invoice *cn, const struct crediting *cx, const struct order *o,
			const struct credit_part *p, size_t n, int32_t date)
{
	const struct config *cfg = cx->iv->cfg;
	memset(cn, 0, sizeof *cn);
	cn->kind = DOC_CREDIT_NOTE;
	cn->corrects = xstrdup(p[0].number);
	cn->corrects_date = p[0].invoice >= 0 ? cx->reg->v[p[0].invoice].issue_date : DATE_NONE;
	cn->reason = credit_reason(o, p, n);
	cn->order = o;
	cn->buyer = o->customer;
	cn->ships_elsewhere = order_ship_to(o, &cn->ship_to);
	cn->date = date;
	cn->delivered = DATE_NONE;
	cn->business = o->customer && o->customer->is_business;
	cn->lines = xcalloc(n, sizeof *cn->lines);
	struct price_input *in = xcalloc(n, sizeof *in);
	struct priced_line *out = xcalloc(n, sizeof *out);
	int bad = 0;
	for (size_t i = 0; i < n && !bad; i++) {
		const struct order_line *l = &o->lines[p[i].line - 1];
		struct invoice_line *cl = &cn->lines[i];
		in[i] = order_line_input(l);
		in[i].qty = p[i].shown;
		in[i].tax = p[i].tax;
		/* At the invoice's prices and VAT: the order's when they have
		 * not changed since, else the net price the credited amount makes. */
		if (!(p[i].unchanged && p[i].tax == l->tax && priced_now(l, p[i].qty, &out[i]) == p[i].amount)) {
			bad |= pricing_base_line(p[i].amount, p[i].tax, &out[i]);
			in[i].discount = 0;
		}
		cl->order_line = p[i].line;
		cl->ref = l->product->code;
		if (p[i].qty)
			cl->description = order_line_description(l);
		else
			cl->description = cl->own_description = xasprintf("Réduction de prix : %s", order_line_description(l));
		cl->qty = p[i].shown;
		cl->counted = p[i].qty;
		cl->amount = p[i].amount;
		cl->tax = p[i].tax;
		cl->service = l->product->type == TYPE_SERVICE;
		cl->discount = in[i].discount;
		div_round((__int128)cl->amount * 100 * 1000, cl->qty, &cl->net_price);
		cl->gross_price = in[i].discount ? pricing_unit_price_excl(&in[i]) : cl->net_price;
		cn->services |= cl->service;
		cn->goods |= !cl->service;
	}
	cn->nlines = n;
	credited_shipments(cn, p, n);
	if (cn->delivered == DATE_NONE && has_category(cn, VAT_INTRA_EU)) {
		/* Only an invoice from before intra-community supplies waited for
		 * their slips: the correction is still due. */
		char w[512];
		snprintf(w, sizeof w, "credit note for order %s corrects an intra-community supply (VAT category K) "
			 "of goods that never shipped: it states no delivery date, and its Factur-X will not pass "
			 "EN 16931 BR-IC-11", o->ref);
		report_order(cx->iv, o, SEV_WARNING, w);
	}
	bad = bad || pricing_totals(in, out, n, cfg->rounding, &cn->totals);
	free(in);
	free(out);
	if (bad)
		return refuse_invoice(cx->iv, cn, o, "its credit note's totals are too large to compute exactly");
	/* What becomes of the amount (BT-20; BR-CO-25 wants terms or a date). */
	cn->term = "à déduire du règlement de la facture corrigée ; remboursé ou imputé sur une prochaine facture "
		   "si elle est déjà réglée";
	cn->due = date;
	legal_notes(cn, cfg);
	return 1;
}

/* --- the escompte ------------------------------------------------------------ */

/* The order of a posted invoice (its lines say which), or NULL when it is
 * not in today's export. */
static const struct order *invoice_order(const struct invoicing *iv, const char *invoice)
{
	long first, k;
	if (!keyset_get(iv->lines.line_by_doc, invoice, &first) ||
	    !keyset_get(iv->orders->by_ref, doc_line_order(&iv->lines, &iv->lines.v[first]), &k))
		return NULL;
	return &iv->orders->v[k];
}

int invoicing_escompte(const struct invoicing *iv, const struct doc_register *reg, size_t invoice, int64_t *rate,
		       int32_t *last_day)
{
	const struct order *o = invoice_order(iv, reg->v[invoice].number);
	const char *name;
	const struct payment_term *pt = o ? order_term(iv->cfg, o, &name) : NULL;
	if (!pt || !pt->escompte)
		return 0;
	*rate = pt->escompte;
	*last_day = date_add_days(reg->v[invoice].issue_date, pt->escompte_days);
	return *last_day != DATE_NONE;
}

/* One line of an escompte's credit note: the part of the invoice of one
 * VAT rate (and category), goods or services. */
struct escompte_part {
	const struct doc_line *big;   /* its largest invoice line: the order line the ledger names */
	int64_t base, weight;         /* cents: the invoice's base, and with its VAT at the rate */
	int64_t share, rest;          /* cents with tax credited; what the division left over */
};

/* b + its VAT at rate (1/100 %), rounded half up per cent. */
static int64_t with_vat(int64_t b, int64_t rate)
{
	int64_t t = 0;
	div_round((__int128)b * rate, 10000, &t);
	return b + t;
}

/*
 * The model of the credit note that grants invoice e (a register index) of
 * order o its escompte of rate (1/100 %): amount, cents with tax, which is
 * what the invoice's payments left (at most the escompte). Dated date.
 * Returns 1, or -1 when the invoice's lines do not say their amounts and
 * VAT (a ledger written before it kept them).
 *
 * The rule, so that the credit note's total is exactly amount (README, "The
 * escompte"): the escompte reduces each VAT rate's base and its VAT by the
 * same percentage. The invoice's lines are taken per (VAT rate, category,
 * goods or services), in the order they first appear; each such part
 * weighs its base plus its VAT at its rate (rounded per cent). amount is
 * split in proportion to the weights, each part's share rounded down to
 * the cent, and the cents left over go one each to the parts with the
 * largest remainders (the earlier part first on a tie). Each share is then
 * split into the largest base whose amount with its VAT at the rate does
 * not exceed it, and that VAT, which takes the share's last cent when no
 * base gives the share exactly (so a rate's VAT may be one cent above its
 * base times its rate). The sums of bases, VAT and totals are amount, exactly.
 */
static int escompte_build(struct invoice *cn, const struct crediting *cx, const struct order *o, long e,
			  int64_t rate, int64_t amount, int32_t date)
{
	const struct config *cfg = cx->iv->cfg;
	const struct doc_lines *dl = &cx->iv->lines;
	const struct reg_doc *inv = &cx->reg->v[e];
	memset(cn, 0, sizeof *cn);
	cn->kind = DOC_CREDIT_NOTE;
	cn->corrects = xstrdup(inv->number);
	cn->corrects_date = inv->issue_date;
	cn->reason = "escompte pour paiement anticipé";
	cn->order = o;
	cn->buyer = o->customer;
	cn->date = date;
	cn->business = o->customer && o->customer->is_business;
	long first;
	if (!keyset_get(dl->line_by_doc, inv->number, &first))
		return -1;
	size_t end = (size_t)first;
	while (end < dl->n && strcmp(doc_line_doc(dl, &dl->v[end]), inv->number) == 0)
		end++;
	struct escompte_part *p = xcalloc(end - (size_t)first, sizeof *p);
	size_t n = 0;
	int64_t weights = 0;
	int bad = 0;
	for (size_t i = (size_t)first; i < end && !bad; i++) {
		const struct doc_line *l = &dl->v[i];
		if (l->amount < 0 || l->vat_rate < 0) {
			bad = 1;
			break;
		}
		size_t k;
		for (k = 0; k < n; k++)
			if (p[k].big->vat_rate == l->vat_rate && p[k].big->category == l->category &&
			    p[k].big->service == l->service)
				break;
		if (k == n)
			p[n++] = (struct escompte_part){ .big = l };
		else if (l->amount > p[k].big->amount)
			p[k].big = l;
		p[k].base += l->amount;
	}
	/* The weights: a part whose lines add up to nothing or less gets none. */
	for (size_t k = 0; k < n && !bad; k++) {
		p[k].weight = p[k].base > 0 ? with_vat(p[k].base, p[k].big->vat_rate) : 0;
		bad = add_checked(weights, p[k].weight, &weights) != 0;
	}
	if (bad || weights <= 0 || amount <= 0) {
		free(p);
		invoice_release(cn);
		return -1;
	}
	int64_t given = 0;
	for (size_t k = 0; k < n; k++) {
		__int128 x = (__int128)amount * p[k].weight;
		p[k].share = (int64_t)(x / weights);
		p[k].rest = (int64_t)(x % weights);
		given += p[k].share;
	}
	for (; given < amount; given++) { /* fewer cents than parts */
		size_t big = SIZE_MAX;
		for (size_t k = 0; k < n; k++)
			if (p[k].weight > 0 && p[k].rest >= 0 && (big == SIZE_MAX || p[k].rest > p[big].rest))
				big = k;
		p[big].share++;
		p[big].rest = -1; /* one cent each */
	}
	char pc[32], rc[32];
	percent_fr(rate, pc, sizeof pc);
	cn->lines = xcalloc(n, sizeof *cn->lines);
	for (size_t k = 0; k < n; k++) {
		if (!p[k].share)
			continue;
		const struct doc_line *l = p[k].big;
		int64_t r = l->vat_rate, b = (int64_t)((__int128)p[k].share * 10000 / (10000 + r));
		while (with_vat(b + 1, r) <= p[k].share)
			b++;
		while (b > 0 && with_vat(b, r) > p[k].share)
			b--;
		const struct tax *tax = billed_tax(cfg, l, NULL);
		struct invoice_line *cl = &cn->lines[cn->nlines++];
		cl->order_line = l->line;
		cl->description = cl->own_description =
			xasprintf("Escompte pour paiement anticipé de %s %% (TVA %s %%)", pc, percent_fr(r, rc, sizeof rc));
		cl->qty = 1000;
		cl->counted = 0; /* a price reduction: nothing is returned */
		cl->amount = b;
		cl->gross_price = cl->net_price = b * 100;
		cl->tax = tax;
		cl->service = l->service;
		cn->services |= cl->service;
		cn->goods |= !cl->service;
		/* Its VAT breakdown (goods and services of a rate together). */
		struct totals *t = &cn->totals;
		size_t j;
		for (j = 0; j < t->nrates; j++)
			if (t->rates[j].rate == r && t->rates[j].category == (enum vat_category)l->category)
				break;
		if (j == t->nrates)
			t->rates[t->nrates++] = (struct tax_total){ .tax = tax, .category = (enum vat_category)l->category,
								   .rate = r };
		t->rates[j].base += b;
		t->rates[j].amount += p[k].share - b;
		t->untaxed += b;
		t->tax += p[k].share - b;
	}
	cn->totals.total = amount;
	/* When the invoice's goods had shipped, as it stated. */
	cn->delivered = DATE_NONE;
	for (size_t i = (size_t)first; i < end; i++) {
		const struct doc_line *l = &dl->v[i];
		if (l->service)
			continue;
		int32_t when = shipped_as_invoiced(cx, o, l->line, l, e);
		if (when == DATE_NONE) {
			cn->delivered = DATE_NONE;
			break;
		}
		if (cn->delivered == DATE_NONE || when > cn->delivered)
			cn->delivered = when;
	}
	free(p);
	cn->term = "imputé sur la facture corrigée, réglée par anticipation";
	cn->due = date;
	legal_notes(cn, cfg);
	return 1;
}

/* --- the invoice's projections ------------------------------------------- */

static const enum doc_col invoice_cols[] = { DC_DESC, DC_QTY, DC_UNIT_PRICE, DC_DISCOUNT, DC_TAX, DC_AMOUNT };

/* The PDF of the model: rows, dates, references, the legal mentions. */
static void invoice_document(struct doc_job *job, const struct invoice *inv, const struct config *cfg, int draft)
{
	const struct order *o = inv->order;
	const struct partner *cust = inv->buyer;
	char buf[64], m1[64];
	struct document *d = &job->doc;
	struct doc_row *rows = job->rows = xcalloc(inv->nlines, sizeof *rows);
	for (size_t k = 0; k < inv->nlines; k++) {
		const struct invoice_line *l = &inv->lines[k];
		rows[k] = (struct doc_row){ .ref = l->ref, .description = l->description, .qty = l->qty,
					    .unit_price = l->gross_price, .discount = l->discount,
					    .tax_rate = l->tax ? l->tax->rate : 0, .amount = l->amount };
	}
	int credit = inv->kind == DOC_CREDIT_NOTE;
	d->title = credit ? "Avoir" : draft ? "Facture (brouillon)" : "Facture";
	d->date = inv->date;
	d->partner_label = "Client";
	d->partner = cust;
	if (inv->ships_elsewhere) {
		d->ship_label = "Adresse de livraison";
		d->ship_to = inv->ship_to;
	}
	d->cols = invoice_cols;
	d->ncols = sizeof invoice_cols / sizeof *invoice_cols;
	d->rows = rows;
	d->nrows = inv->nlines;
	d->totals = &inv->totals;
#define META(L, V) (d->meta[d->nmeta].label = (L), d->meta[d->nmeta++].value = (V))
	if (credit) {
		META("Date de l'avoir", job_keep(job, xstrdup(date_format_fr(inv->date, buf, sizeof buf))));
		META("Facture corrigée", job_keep(job, xasprintf("%s du %s", inv->corrects,
								 date_format_fr(inv->corrects_date, buf, sizeof buf))));
		if (inv->delivered != DATE_NONE)
			META("Date de livraison", job_keep(job, xstrdup(date_format_fr(inv->delivered, buf, sizeof buf))));
	} else {
		META("Date de facture", job_keep(job, xstrdup(date_format_fr(inv->date, buf, sizeof buf))));
		if (inv->delivered != DATE_NONE)
			META("Date de livraison", job_keep(job, xstrdup(date_format_fr(inv->delivered, buf, sizeof buf))));
		else if (o->date != DATE_NONE)
			META("Date de la commande", job_keep(job, xstrdup(date_format_fr(o->date, buf, sizeof buf))));
		META("Échéance", job_keep(job, xstrdup(date_format_fr(inv->due, buf, sizeof buf))));
	}
	META("Notre commande", o->ref);
	if (o->customer_ref)
		META("Votre commande", o->customer_ref);
	META("Code client", o->customer_code);
	if (cust && cust->siren)
		META("SIREN client", cust->siren);
#undef META
	const char *sign = cfg->currency_symbol;
	const char *nature = inv->goods && inv->services ? "livraison de biens et prestation de services"
			     : inv->services ? "prestation de services" : "livraison de biens";
	if (credit)
		d->notes[d->nnotes++] = job_keep(job, xasprintf("Avoir se rapportant à la facture n° %s du %s (%s) : "
								"il crédite les montants ci-dessus.",
								inv->corrects, date_format_fr(inv->corrects_date, buf, sizeof buf),
								inv->reason));
	d->notes[d->nnotes++] = job_keep(job, xasprintf("Nature de l'opération : %s.", nature));
	if (inv->debits_note)
		d->notes[d->nnotes++] = job_keep(job, xasprintf("%s.", inv->debits_note));
	/* Why a breakdown bears no VAT (or any mention the firm gives a tax):
	 * each mention once. */
	for (size_t i = 0; i < inv->totals.nrates; i++) {
		const struct tax *t = inv->totals.rates[i].tax;
		int seen = 0;
		for (size_t k = 0; k < i; k++)
			seen |= inv->totals.rates[k].tax && t && inv->totals.rates[k].tax->mention == t->mention;
		if (t && t->mention && !seen)
			d->notes[d->nnotes++] = job_keep(job, xasprintf("%s.", t->mention));
	}
	if (credit) {
		d->notes[d->nnotes++] = job_keep(job, xasprintf("Montant de l'avoir %s.", inv->term));
		return;
	}
	/* Installments, each with its date and amount. */
	char *sched = xasprintf("Conditions de paiement : %s. Échéance%s :", inv->term, inv->ninst > 1 ? "s" : "");
	for (int i = 0; i < inv->ninst; i++) {
		char *next = xasprintf("%s%s %s le %s", sched, i ? " ;" : "",
				       money_format_fr(inv->inst[i].amount, sign, m1, sizeof m1),
				       date_format_fr(inv->inst[i].date, buf, sizeof buf));
		free(sched);
		sched = next;
	}
	d->notes[d->nnotes++] = job_keep(job, sched);
	if (inv->penalties) {
		d->notes[d->nnotes++] = inv->penalty_note;
		d->notes[d->nnotes++] = inv->indemnity_note;
	}
	d->notes[d->nnotes++] = inv->escompte_note;
	if (cfg->company.iban)
		d->notes[d->nnotes++] = job_keep(job, xasprintf("Règlement par virement : IBAN %s%s%s.", cfg->company.iban,
								cfg->company.bic ? " · BIC " : "", cfg->company.bic ? cfg->company.bic : ""));
	if (inv->guarantee_note)
		d->notes[d->nnotes++] = inv->guarantee_note;
}

/* The register's view of the model: its source, amounts and fingerprint. */
static void invoice_register_info(struct doc_job *job, const struct invoice *inv, const struct issuer *is)
{
	const struct order *o = inv->order;
	struct sha256 h;
	sha256_init(&h);
	fingerprint_field(&h, o->ref);
	for (size_t k = 0; k < inv->nlines; k++) {
		fingerprint_num(&h, inv->lines[k].order_line);
		fingerprint_num(&h, inv->lines[k].qty);
		fingerprint_num(&h, inv->lines[k].amount);
	}
	/* Each invoice of an order is its own document: "SO-1#1", "SO-1#2"...;
	 * each credit note of an invoice too: "FAC-2026-00001#1"... */
	int credit = inv->kind == DOC_CREDIT_NOTE;
	if (credit)
		fingerprint_field(&h, inv->corrects);
	char source[160];
	register_next_source(is->reg, inv->kind, credit ? inv->corrects : o->ref, source, sizeof source);
	job->info = (struct issue_info){
		.kind = inv->kind,
		.source_ref = job_keep(job, xstrdup(source)),
		.partner = inv->buyer ? inv->buyer->name : o->customer_code,
		.subdir = credit ? "credit-notes" : "invoices",
		.untaxed = inv->totals.untaxed,
		.tax = inv->totals.tax,
		.total = inv->totals.total,
		.due_date = credit ? DATE_NONE : inv->due,
		.payment_state = credit ? "" : "not_paid",
	};
	sha256_hex(&h, job->info.content);
}

/* Builds the invoice job of order o: 1, or invoice_build's 0, -1 or
 * INVOICE_WAITS. */
static int build_invoice(struct doc_job *job, struct invoice_extra *x, const struct invoicing *iv,
			 const struct shipments *sh, const struct issuer *is, const struct order *o, int draft)
{
	memset(job, 0, sizeof *job);
	int built = invoice_build(&x->inv, iv, sh, o, is->date);
	if (built <= 0)
		return built;
	/* What will keep its Factur-X from passing the French rules, said once
	 * for all the invoices it concerns. */
	const struct partner *cust = o->customer;
	const char *lacks = NULL, *repeat = NULL;
	if (cust && cust->is_business && !cust->siren) {
		lacks = "a business customer without SIREN";
		repeat = "invoices for business customers without SIREN";
	} else if (cust && !cust->siren && !cust->email) {
		lacks = "no electronic address (neither SIREN nor a usable e-mail, BR-FR-12)";
		repeat = "invoices for customers without an electronic address";
	}
	if (lacks && !draft) {
		char w[512];
		snprintf(w, sizeof w, "invoice for %s (%s): %s; its Factur-X will not pass the French e-invoicing rules",
			 cust->name, o->customer_code, lacks);
		struct reject r = { iv->orders->path, o->first_line, 0, "customer", o->customer_code, SEV_WARNING, w, repeat };
		rejects_add(iv->orders->rejects, &r);
	}
	invoice_document(job, &x->inv, iv->cfg, draft);
	invoice_register_info(job, &x->inv, is);
	return 1;
}

/* In a render thread, once numbered: the Factur-X XML, embedded in the PDF. */
static void render_xml(struct doc_job *job, const struct issuer *is)
{
	struct invoice_extra *x = job->extra;
	x->xml = facturx_xml(is->cfg, job->entry.number, &x->inv, &x->xml_len);
	job->doc.attachment = x->xml;
	job->doc.attachment_len = x->xml_len;
}

/* The documents' records (the store) and the lines invoiced are saved
 * before the register names the documents: a crash in between leaves
 * records and lines of an unregistered number, ignored or dropped on load.
 * A document's register content is its record's hash, so that the
 * register's chain covers what the store says. */
static enum exit_code save_lines(void *ctx, const struct doc_job *cjobs, size_t n, struct diag *err)
{
	struct invoicing *iv = ctx;
	/* The jobs are issue_jobs' own, mutable: only their entries'
	 * content changes here, before they are appended. */
	struct doc_job *jobs = (struct doc_job *)cjobs;
	size_t before = iv->lines.n, credits_before = iv->credits.n;
	char *text = NULL;
	size_t len = 0;
	FILE *all = open_memstream(&text, &len);
	if (!all)
		abort(); /* out of memory, as xmalloc would */
	for (size_t i = 0; i < n; i++) {
		struct doc_job *j = &jobs[i];
		const struct invoice *inv = &((const struct invoice_extra *)j->extra)->inv;
		if (j->result != ISSUED || j->rc)
			continue;
		char *rec, hash[65];
		size_t rlen;
		store_record(inv, j->entry.number, &rec, &rlen, hash);
		fwrite(rec, 1, rlen, all);
		free(rec);
		free(j->entry.content);
		j->entry.content = xstrdup(hash);
		struct doc_lines *dl = inv->kind == DOC_CREDIT_NOTE ? &iv->credits : &iv->lines;
		for (size_t k = 0; k < inv->nlines; k++) {
			const struct invoice_line *l = &inv->lines[k];
			struct doc_money m = { l->amount, l->tax ? l->tax->rate : 0, l->tax ? l->tax->category : VAT_STANDARD,
					       l->service };
			doclines_add(dl, j->entry.number, inv->order->ref, l->order_line, l->ref ? l->ref : "", l->counted, &m,
				     inv->order->customer_code);
		}
	}
	fclose(all);
	enum exit_code rc = store_append(iv->output_dir, text, len, err);
	free(text);
	if (rc) {
		iv->lines.n = before;
		iv->credits.n = credits_before;
		return rc;
	}
	rc = doclines_append(&iv->lines, before, err);
	return rc ? rc : doclines_append(&iv->credits, credits_before, err);
}

#define BATCH 256

static void release_jobs(struct doc_job *jobs, struct invoice_extra *extra, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(extra[i].xml);
		invoice_release(&extra[i].inv);
		job_release(&jobs[i]);
		memset(&extra[i], 0, sizeof extra[i]);
	}
}

static enum exit_code draft_one(const struct issuer *is, struct doc_job *job, struct diag *err)
{
	job->doc.number = "BROUILLON";
	unsigned char *pdf;
	size_t len;
	enum exit_code rc = pdfdoc_render(is->cfg, &job->doc, &pdf, &len, err);
	if (rc)
		return rc;
	char name[160];
	const struct invoice_extra *x = job->extra;
	pdfdoc_file_name(x->inv.order->ref, name, sizeof name);
	char *dir = xasprintf("%s/invoices", is->output_dir);
	char *drafts = xasprintf("%s/drafts", dir);
	char *path = xasprintf("%s/%s.pdf", drafts, name);
	if (!(rc = ensure_dir(dir, err)) && !(rc = ensure_dir(drafts, err)))
		rc = atomic_write(path, pdf, len, err);
	free(dir);
	free(drafts);
	free(path);
	free(pdf);
	return rc;
}

/* Issues jobs[0..n): the day's credit notes or invoices. */
static enum exit_code issue_batch(struct invoicing *iv, struct issuer *is, struct doc_job *jobs,
				  struct invoice_extra *extra, size_t n, struct invoice_summary *sum, struct diag *err)
{
	is->before_append = save_lines;
	is->hook_ctx = iv;
	enum exit_code rc = issue_jobs(is, jobs, n, err);
	is->before_append = NULL;
	for (size_t k = 0; k < n && !rc; k++)
		if (jobs[k].result == ISSUED && jobs[k].info.kind == DOC_CREDIT_NOTE) {
			sum->credit_notes++;
			sum->beyond |= money_sum_add(&sum->credited, jobs[k].info.total) != 0;
		} else if (jobs[k].result == ISSUED) {
			sum->posted++;
			sum->beyond |= money_sum_add(&sum->total, jobs[k].info.total) != 0;
		}
	release_jobs(jobs, extra, n);
	return rc;
}

/* The credit notes of the day: for every order, one per invoice it
 * corrects, in the order of the invoices. */
static enum exit_code issue_credit_notes(struct invoicing *iv, struct issuer *is, const struct shipments *sh,
					 struct doc_job *jobs, struct invoice_extra *extra, struct invoice_summary *sum,
					 struct diag *err)
{
	struct crediting cx;
	crediting_init(&cx, iv, is->reg, sh);
	struct credit_part *parts = NULL;
	size_t n = 0, cap = 0;
	enum exit_code rc = EXIT_OK;
	const struct orders *os = iv->orders;
	for (size_t i = 0; i < os->n && !rc; i++) {
		const struct order *o = &os->v[i];
		size_t np = 0;
		credit_parts(&cx, o, &parts, &np, &cap);
		if (np)
			qsort(parts, np, sizeof *parts, by_invoice_then_line);
		for (size_t a = 0, b; a < np && !rc; a = b) {
			for (b = a + 1; b < np && parts[b].invoice == parts[a].invoice; b++)
				;
			struct doc_job *job = &jobs[n];
			memset(job, 0, sizeof *job);
			if (credit_build(&extra[n].inv, &cx, o, parts + a, b - a, is->date) < 0) {
				sum->refused++;
				continue;
			}
			invoice_document(job, &extra[n].inv, iv->cfg, 0);
			invoice_register_info(job, &extra[n].inv, is);
			job->extra = &extra[n];
			job->before_render = render_xml;
			if (++n == BATCH) {
				rc = issue_batch(iv, is, jobs, extra, n, sum, err);
				n = 0;
			}
		}
	}
	if (!rc && n)
		rc = issue_batch(iv, is, jobs, extra, n, sum, err);
	else
		release_jobs(jobs, extra, n);
	free(parts);
	crediting_release(&cx);
	return rc;
}

enum exit_code invoices_issue(struct invoicing *iv, struct issuer *is, int draft, struct invoice_summary *sum,
			      struct diag *err)
{
	memset(sum, 0, sizeof *sum);
	struct doc_job *jobs = xcalloc(BATCH, sizeof *jobs);
	struct invoice_extra *extra = xcalloc(BATCH, sizeof *extra);
	size_t n = 0;
	struct shipments sh;
	shipments_build(&sh, iv->shipped, is->reg);
	/* Corrections first: what is invoiced next is net of them. */
	enum exit_code rc = draft ? EXIT_OK : issue_credit_notes(iv, is, &sh, jobs, extra, sum, err);
	const struct orders *os = iv->orders;
	/* Orders are in date order: invoice numbers follow it. */
	for (size_t i = 0; i <= os->n && !rc; i++) {
		if (i < os->n) {
			const struct order *o = &os->v[i];
			if (o->state != ORDER_SALE)
				continue;
			int built = build_invoice(&jobs[n], &extra[n], iv, &sh, is, o, draft);
			sum->refused += built == -1;
			sum->waiting += built == INVOICE_WAITS;
			if (built <= 0)
				continue;
			jobs[n].extra = &extra[n];
			jobs[n].before_render = render_xml;
			n++;
			if (draft) {
				rc = draft_one(is, &jobs[0], err);
				sum->drafts += !rc;
				release_jobs(jobs, extra, n);
				n = 0;
				continue;
			}
		}
		if (n == BATCH || (i == os->n && n)) {
			rc = issue_batch(iv, is, jobs, extra, n, sum, err);
			n = 0;
		}
	}
	release_jobs(jobs, extra, n);
	free(jobs);
	free(extra);
	shipments_release(&sh);
	return rc;
}

enum exit_code invoices_issue_escomptes(struct invoicing *iv, struct issuer *is, struct escompte_claim *claims, size_t n,
					struct diag *err)
{
	struct doc_job *jobs = xcalloc(BATCH, sizeof *jobs);
	struct invoice_extra *extra = xcalloc(BATCH, sizeof *extra);
	struct shipments sh;
	shipments_build(&sh, iv->shipped, is->reg);
	struct crediting cx;
	crediting_init(&cx, iv, is->reg, &sh);
	struct invoice_summary sum = { 0 };
	enum exit_code rc = EXIT_OK;
	size_t nj = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		struct escompte_claim *c = &claims[i];
		const struct order *o = invoice_order(iv, is->reg->v[c->invoice].number);
		c->issued = 0;
		if (!o || escompte_build(&extra[nj].inv, &cx, o, (long)c->invoice, c->rate, c->amount, is->date) < 0)
			continue;
		struct doc_job *job = &jobs[nj];
		memset(job, 0, sizeof *job);
		invoice_document(job, &extra[nj].inv, iv->cfg, 0);
		invoice_register_info(job, &extra[nj].inv, is);
		job->extra = &extra[nj];
		job->before_render = render_xml;
		c->issued = 1;
		if (++nj == BATCH) {
			rc = issue_batch(iv, is, jobs, extra, nj, &sum, err);
			nj = 0;
		}
	}
	if (!rc && nj)
		rc = issue_batch(iv, is, jobs, extra, nj, &sum, err);
	else
		release_jobs(jobs, extra, nj);
	crediting_release(&cx);
	shipments_release(&sh);
	free(jobs);
	free(extra);
	return rc;
}

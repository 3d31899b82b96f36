/* quotes: quotes and order confirmations (see include/quotes.h). */
#include "quotes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "money.h"
#include "xalloc.h"

/* Room left in a document's notes for stock warnings. */
#define MAX_STOCK_NOTES 10

static const enum doc_col sale_cols[] = { DC_DESC, DC_QTY, DC_UNIT_PRICE, DC_DISCOUNT, DC_TAX, DC_AMOUNT };
/* A consumer is quoted prices including tax (C. consom. L112-1 and the
 * arrêté of 3 December 1987 on informing consumers of prices). */
static const enum doc_col consumer_cols[] = { DC_DESC, DC_QTY, DC_UNIT_PRICE_INCL, DC_DISCOUNT, DC_TAX, DC_AMOUNT_INCL };

/* What the document says, as a fingerprint: the same content is never
 * issued twice, a changed one is issued as a revision. */
static void order_fingerprint(const struct order *o, enum doc_kind kind, char hex[65])
{
	struct sha256 c;
	sha256_init(&c);
	fingerprint_num(&c, kind);
	fingerprint_field(&c, o->customer_code);
	fingerprint_num(&c, o->date);
	fingerprint_field(&c, o->payment_term);
	fingerprint_field(&c, o->salesperson);
	for (size_t k = 0; k < o->nlines; k++) {
		const struct order_line *l = &o->lines[k];
		fingerprint_field(&c, l->product->code);
		fingerprint_field(&c, order_line_description(l));
		fingerprint_num(&c, l->qty);
		fingerprint_num(&c, l->unit_price);
		fingerprint_num(&c, l->discount);
		fingerprint_field(&c, l->tax ? l->tax->name : "");
	}
	sha256_hex(&c, hex);
}

static void meta(struct document *d, const char *label, const char *value)
{
	if (value && d->nmeta < DOC_MAX_META) {
		d->meta[d->nmeta].label = label;
		d->meta[d->nmeta++].value = value;
	}
}

static void note(struct document *d, const char *s)
{
	if (d->nnotes < DOC_MAX_NOTES)
		d->notes[d->nnotes++] = s;
}

/* Builds the job of one document of order o. */
static void build_job(struct doc_job *job, const struct issuer *is, const struct orders *os, const struct order *o,
		      enum doc_kind kind, const struct stock *st)
{
	const struct config *cfg = is->cfg;
	struct document d;
	char buf[64];
	memset(job, 0, sizeof *job);
	memset(&d, 0, sizeof d);
	/* A business's quote keeps its prices excluding tax. */
	int incl = kind == DOC_QUOTE && !(o->customer && o->customer->is_business);
	d.title = kind == DOC_QUOTE ? "Devis" : "Confirmation de commande";
	d.date = is->date;
	d.partner_label = "Client";
	d.partner = o->customer;
	d.cols = incl ? consumer_cols : sale_cols;
	d.ncols = incl ? sizeof consumer_cols / sizeof *consumer_cols : sizeof sale_cols / sizeof *sale_cols;
	d.tax_included = incl;
	job->totals = xmalloc(sizeof *job->totals);
	orders_totals(os, o, job->totals);
	d.totals = job->totals;

	meta(&d, "Date", job_keep(job, xstrdup(date_format_fr(is->date, buf, sizeof buf))));
	int32_t valid_until = is->date + cfg->quote_validity_days;
	if (kind == DOC_QUOTE)
		meta(&d, "Valable jusqu'au", job_keep(job, xstrdup(date_format_fr(valid_until, buf, sizeof buf))));
	meta(&d, "Notre référence", o->ref);
	if (o->customer_ref)
		meta(&d, "Votre commande", o->customer_ref);
	if (o->date != DATE_NONE)
		meta(&d, "Date de commande", job_keep(job, xstrdup(date_format_fr(o->date, buf, sizeof buf))));
	const struct user *sp = o->salesperson ? config_user(cfg, o->salesperson) : NULL;
	if (sp)
		meta(&d, "Votre contact", sp->name);
	meta(&d, "Code client", o->customer_code);

	struct doc_row *rows = job->rows = xcalloc(o->nlines, sizeof *rows);
	for (size_t k = 0; k < o->nlines; k++) {
		const struct order_line *l = &o->lines[k];
		struct price_input in = order_line_input(l);
		struct priced_line pl;
		order_line_priced(l, &pl);
		rows[k] = (struct doc_row){
			.description = order_line_description(l),
			.qty = l->qty,
			.unit_price = incl ? pricing_unit_price_incl(&in) : pricing_unit_price_excl(&in),
			.discount = l->discount,
			.tax_rate = l->tax ? l->tax->rate : 0,
			/* The line's tax as rounded per line: with [invoicing]
			 * rounding = global, the total may differ by a cent. */
			.amount = incl ? pl.untaxed + pl.tax : pl.untaxed,
		};
	}
	d.rows = rows;
	d.nrows = o->nlines;

	const char *term = o->payment_term ? o->payment_term
			   : o->customer && o->customer->payment_term ? o->customer->payment_term
			   : cfg->terms[cfg->default_term].name;
	if (kind == DOC_QUOTE) {
		if (incl)
			note(&d, job_keep(job, xasprintf("Devis valable jusqu'au %s. Prix toutes taxes comprises (TTC), "
						    "TVA au taux en vigueur incluse.", date_format_fr(valid_until, buf, sizeof buf))));
		else
			note(&d, job_keep(job, xasprintf("Devis valable jusqu'au %s. Prix en euros, hors taxes sauf mention "
						    "contraire ; TVA au taux en vigueur.", date_format_fr(valid_until, buf, sizeof buf))));
		/* Stock: what is on hand, less what confirmed orders already
		 * need; one warning per product, however many lines order it,
		 * and past MAX_STOCK_NOTES one line counting the others. */
		size_t short_products = 0;
		for (size_t k = 0; k < o->nlines; k++) {
			const struct product *p = o->lines[k].product;
			int64_t wanted = 0;
			int first = 1;
			for (size_t j = 0; j < o->nlines; j++) {
				const struct order_line *l = &o->lines[j];
				if (l->product != p)
					continue;
				if (j < k)
					first = 0;
				wanted += l->qty - l->qty_delivered;
			}
			if (!first || p->route != ROUTE_STOCK || p->type == TYPE_SERVICE)
				continue; /* a service is never in stock, nor short of it */
			int64_t available = stock_available_for(st, o, p);
			if (wanted > available && ++short_products > MAX_STOCK_NOTES)
				continue;
			if (wanted > available) {
				char q[32], a[32];
				num_format_fr(wanted, SCALE_QTY, 0, q, sizeof q);
				num_format_fr(available > 0 ? available : 0, SCALE_QTY, 0, a, sizeof a);
				note(&d, job_keep(job, xasprintf("Disponibilité : %s — %s demandé(s), %s en stock ; le complément "
							    "sera commandé chez notre fournisseur (délai indicatif %d jours).",
							    p->name, q, a, p->lead_days)));
			}
		}
		if (short_products > MAX_STOCK_NOTES)
			note(&d, job_keep(job, xasprintf("Disponibilité insuffisante également pour %zu autre(s) article(s) : "
						    "voir le détail auprès de votre contact.", short_products - MAX_STOCK_NOTES)));
	} else {
		note(&d, "Nous vous remercions de votre commande, que nous confirmons aux conditions ci-dessus.");
	}
	note(&d, job_keep(job, xasprintf("Conditions de paiement : %s.", term)));
	if (kind == DOC_QUOTE)
		d.signature = incl ? "Date et signature, précédées de « Bon pour accord » :"
				   : "Date, signature et cachet, précédés de « Bon pour accord » :";

	job->info = (struct issue_info){
		.kind = kind,
		.source_ref = o->ref,
		.partner = o->customer ? o->customer->name : o->customer_code,
		.subdir = kind == DOC_QUOTE ? "quotes" : "orders",
		.untaxed = job->totals->untaxed,
		.tax = job->totals->tax,
		.total = job->totals->total,
		.due_date = kind == DOC_QUOTE ? valid_until : DATE_NONE,
	};
	order_fingerprint(o, kind, job->info.content);
	job->doc = d;
}

/* Documents are issued in batches: numbered in order, rendered in parallel. */
#define BATCH 256

struct batch_jobs {
	struct doc_job jobs[BATCH];
	size_t n;
	struct quotes_summary *sum;
};

static enum exit_code flush(struct issuer *is, struct batch_jobs *b, struct diag *err)
{
	enum exit_code rc = issue_jobs(is, b->jobs, b->n, err);
	for (size_t i = 0; i < b->n; i++) {
		struct doc_job *j = &b->jobs[i];
		if (!rc && j->result == UNCHANGED)
			b->sum->unchanged++;
		else if (!rc && j->info.kind == DOC_QUOTE)
			b->sum->quotes++;
		else if (!rc)
			b->sum->orders++;
		job_release(j);
	}
	b->n = 0;
	return rc;
}

enum exit_code quotes_issue(struct issuer *is, const struct orders *os, const struct stock *st,
			    struct rejects *rj, struct quotes_summary *sum, struct diag *err)
{
	memset(sum, 0, sizeof *sum);
	struct batch_jobs *b = xcalloc(1, sizeof *b);
	b->sum = sum;
	enum exit_code rc = EXIT_OK;
	for (size_t i = 0; i < os->n && !rc; i++) {
		const struct order *o = &os->v[i];
		if (o->state == ORDER_CANCEL) {
			const struct reg_doc *q = register_latest(is->reg, DOC_QUOTE, o->ref);
			if (q) {
				char why[256];
				snprintf(why, sizeof why, "order cancelled; quote %s had been issued for it", q->number);
				struct reject r = { os->path, o->first_line, 0, "state", "cancel", SEV_WARNING, why, NULL };
				rejects_add(rj, &r);
				sum->cancelled_reported++;
			}
			continue;
		}
		/* A confirmed order gets its confirmation only: a quote issued
		 * now would be dated after the order it proposes. Quotes a
		 * register already holds for such orders stay as issued. */
		if (o->state == ORDER_SALE)
			build_job(&b->jobs[b->n++], is, os, o, DOC_ORDER, st);
		else
			build_job(&b->jobs[b->n++], is, os, o, DOC_QUOTE, st);
		if (b->n >= BATCH - 1)
			rc = flush(is, b, err);
	}
	if (!rc && b->n)
		rc = flush(is, b, err);
	for (size_t i = 0; i < b->n; i++)
		job_release(&b->jobs[i]);
	free(b);
	return rc;
}

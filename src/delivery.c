/* delivery: delivery slips (see include/delivery.h). */
#include "delivery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "xalloc.h"

void deliveries_init(struct deliveries *dv, const struct config *cfg, const struct orders *os, const char *output_dir)
{
	memset(dv, 0, sizeof *dv);
	dv->cfg = cfg;
	dv->orders = os;
	doclines_init(&dv->lines, DOC_DELIVERY, 0, output_dir, "delivery_lines.csv");
}

void deliveries_release(struct deliveries *dv)
{
	doclines_release(&dv->lines);
	memset(dv, 0, sizeof *dv);
}

enum exit_code deliveries_load(struct deliveries *dv, const struct doc_register *reg, struct diag *err)
{
	return doclines_load(&dv->lines, reg, err);
}

/* The model of a delivery slip: what each order line ships today, built
 * once; its PDF rows, register line and ledger lines are projections. */
struct slip_line {
	int order_line;             /* 1-based */
	const struct order_line *line;
	int64_t already;            /* 1/1000, delivered before this slip */
	int64_t shipped;            /* 1/1000, today */
	int64_t backorder;          /* 1/1000, what still follows */
};

struct slip {
	const struct order *order;
	struct slip_line *lines;    /* owned */
	size_t n;
};

/* Where an order line stands (1/1000). */
struct line_state {
	int64_t done;      /* delivered already: on the slip, "Déjà livré" */
	int64_t open;      /* still to deliver */
	int64_t pending;   /* crmbatch's slips sent that the export does not show */
};

/*
 * Two sources say what was delivered: the export's qty_delivered (D), and
 * crmbatch's slips (K: what the latest slip stated delivered once it had
 * shipped, its "already delivered" + "shipped now"; see doclines_qty).
 * Each slip's "already delivered" is max(D, K) as they were when it was
 * issued, so K counts goods the export showed delivered without a slip
 * (handed over at the shop) as well as crmbatch's own.
 *
 * Delivered already = max(D, K). When D is greater, the export knows of
 * deliveries crmbatch did not make: they are never shipped again. When K
 * is greater, the export has not caught up with crmbatch's slips yet, or
 * goods came back (a return lowers D): returned goods are not shipped
 * again by themselves (a replacement is a new order line), so a return
 * issues no slip, today or on a re-run. Since a slip raises K by what it
 * ships, a re-run with the same inputs finds nothing left to ship.
 *
 * What the slips sent that the export does not show delivered (K - D) is
 * still in the stock on hand the export reports, and in what stock
 * allocated to the line: it is not there to ship again.
 *
 * One case stays ambiguous: goods handed over at the shop while the export
 * does not yet show crmbatch's slip (D < K, yet more went out): crmbatch
 * ships what it believes is open, once, never on every re-run.
 */
static struct line_state line_state(const struct deliveries *dv, const struct order *o, size_t k)
{
	const struct order_line *l = &o->lines[k];
	int64_t known = doclines_qty(&dv->lines, o->ref, (int)k + 1);
	int64_t done = known > l->qty_delivered ? known : l->qty_delivered;
	return (struct line_state){
		.done = done,
		.open = l->qty > done ? l->qty - done : 0,
		.pending = known > l->qty_delivered ? known - l->qty_delivered : 0,
	};
}

/* A service is never delivered by a slip: it neither waits for stock nor
 * holds the goods back, and is no backorder. */
static int ships(const struct order_line *l)
{
	return l->product->type != TYPE_SERVICE;
}

/* The slip of order o: 1, 0 when nothing ships today, -1 when the order
 * waits (the "complete" policy and some goods missing). */
static int slip_build(struct slip *sl, const struct deliveries *dv, const struct order *o)
{
	memset(sl, 0, sizeof *sl);
	int complete = dv->cfg->delivery_complete;
	size_t n = o->nlines;
	int64_t *now = xcalloc(n ? n : 1, sizeof *now);
	int any = 0;
	for (size_t k = 0; k < n; k++) {
		const struct order_line *l = &o->lines[k];
		if (!ships(l))
			continue;
		struct line_state st = line_state(dv, o, k);
		int64_t ship = l->allocated - st.pending;
		now[k] = ship < 0 ? 0 : ship > st.open ? st.open : ship;
		if (now[k] > 0)
			any = 1;
		/* "complete": the order waits until all it still needs is there. */
		if (complete && st.open > 0 && now[k] < st.open) {
			free(now);
			return -1;
		}
	}
	if (!any) {
		free(now);
		return 0;
	}
	sl->order = o;
	sl->lines = xcalloc(n, sizeof *sl->lines);
	for (size_t k = 0; k < n; k++) {
		const struct order_line *l = &o->lines[k];
		struct line_state st = line_state(dv, o, k);
		if (!ships(l) || st.open <= 0)
			continue; /* a service, or delivered already */
		/* ordered = already + shipped + backorder (done <= qty here) */
		sl->lines[sl->n++] = (struct slip_line){ .order_line = (int)k + 1, .line = l, .already = st.done,
							 .shipped = now[k], .backorder = st.open - now[k] };
	}
	free(now);
	return 1;
}

static const enum doc_col slip_cols[] = { DC_REF, DC_DESC, DC_ORDERED, DC_DELIVERED, DC_SHIPPED, DC_BACKORDER };

/* The slip's PDF and register line. */
static void slip_job(struct doc_job *job, const struct slip *sl, const struct issuer *is)
{
	const struct order *o = sl->order;
	memset(job, 0, sizeof *job);
	struct doc_row *rows = job->rows = xcalloc(sl->n ? sl->n : 1, sizeof *rows);
	for (size_t k = 0; k < sl->n; k++) {
		const struct slip_line *l = &sl->lines[k];
		rows[k] = (struct doc_row){ .ref = l->line->product->code, .description = order_line_description(l->line),
					    .ordered = l->line->qty, .delivered = l->already, .shipped = l->shipped,
					    .backorder = l->backorder };
	}
	char buf[16], source[160];
	struct document *d = &job->doc;
	d->title = "Bon de livraison";
	d->date = is->date;
	d->partner_label = "Livrer à";
	d->partner = o->customer;
	if (order_ship_to(o, &d->ship_to)) { /* to the order's delivery address instead */
		d->partner = NULL;
		d->ship_label = "Livrer à";
	}
	d->cols = slip_cols;
	d->ncols = sizeof slip_cols / sizeof *slip_cols;
	d->rows = rows;
	d->nrows = sl->n;
	d->meta[d->nmeta].label = "Date";
	d->meta[d->nmeta++].value = job_keep(job, xstrdup(date_format_fr(is->date, buf, sizeof buf)));
	d->meta[d->nmeta].label = "Notre commande";
	d->meta[d->nmeta++].value = o->ref;
	if (o->customer_ref) {
		d->meta[d->nmeta].label = "Votre commande";
		d->meta[d->nmeta++].value = o->customer_ref;
	}
	d->meta[d->nmeta].label = "Code client";
	d->meta[d->nmeta++].value = o->customer_code;
	/* Between businesses the risk passes with ownership (C. civ. 1196),
	 * so the goods travel at the buyer's risk; a consumer bears none
	 * until he, or someone he named other than the seller's carrier,
	 * takes the goods (C. consom. L216-2, L216-4 before October 2021,
	 * a rule no term can change): his slip says nothing of risk. */
	if (o->customer && o->customer->is_business)
		d->notes[d->nnotes++] = "Marchandises voyageant aux risques du destinataire : merci de vérifier le colis à réception.";
	else
		d->notes[d->nnotes++] = "Merci de vérifier le colis à réception.";
	d->signature = "Reçu le .................... Signature du destinataire :";

	/* Each shipment of an order is its own slip: "SO-1#1", "SO-1#2"... */
	register_next_source(is->reg, DOC_DELIVERY, o->ref, source, sizeof source);
	struct sha256 h;
	sha256_init(&h);
	fingerprint_field(&h, source);
	for (size_t k = 0; k < sl->n; k++) {
		fingerprint_num(&h, sl->lines[k].order_line);
		fingerprint_num(&h, sl->lines[k].shipped);
	}
	job->info = (struct issue_info){
		.kind = DOC_DELIVERY,
		.source_ref = job_keep(job, xstrdup(source)),
		.partner = o->customer ? o->customer->name : o->customer_code,
		.subdir = "delivery-slips",
		.due_date = DATE_NONE,
	};
	sha256_hex(&h, job->info.content);
}

/* The slips' lines are saved before the register names them. */
static enum exit_code save_lines(void *ctx, const struct doc_job *jobs, size_t n, struct diag *err)
{
	struct deliveries *dv = ctx;
	size_t before = dv->lines.n;
	for (size_t i = 0; i < n; i++) {
		const struct doc_job *j = &jobs[i];
		const struct slip *sl = j->extra;
		if (j->result != ISSUED || j->rc)
			continue;
		for (size_t k = 0; k < sl->n; k++)
			if (sl->lines[k].shipped > 0)
				doclines_add_shipped(&dv->lines, j->entry.number, sl->order->ref, sl->lines[k].order_line,
						     sl->lines[k].line->product->code, sl->lines[k].shipped,
						     sl->lines[k].already, sl->order->customer_code);
	}
	return doclines_append(&dv->lines, before, err);
}

#define BATCH 256

enum exit_code deliveries_issue(struct deliveries *dv, struct issuer *is, struct delivery_summary *sum,
				struct diag *err)
{
	memset(sum, 0, sizeof *sum);
	struct doc_job *jobs = xcalloc(BATCH, sizeof *jobs);
	struct slip *extra = xcalloc(BATCH, sizeof *extra);
	size_t n = 0;
	enum exit_code rc = EXIT_OK;
	const struct orders *os = dv->orders;
	for (size_t i = 0; i <= os->n && !rc; i++) {
		if (i < os->n) {
			const struct order *o = &os->v[i];
			if (o->state != ORDER_SALE)
				continue;
			int built = slip_build(&extra[n], dv, o);
			if (built < 0)
				sum->waiting++;
			if (built <= 0)
				continue;
			slip_job(&jobs[n], &extra[n], is);
			jobs[n].extra = &extra[n];
			n++;
		}
		if (n == BATCH || (i == os->n && n)) {
			is->before_append = save_lines;
			is->hook_ctx = dv;
			rc = issue_jobs(is, jobs, n, err);
			is->before_append = NULL;
			for (size_t k = 0; k < n; k++) {
				if (!rc && jobs[k].result == ISSUED)
					sum->slips++;
				job_release(&jobs[k]);
				free(extra[k].lines);
				extra[k].lines = NULL;
			}
			n = 0;
		}
	}
	for (size_t k = 0; k < n; k++) {
		job_release(&jobs[k]);
		free(extra[k].lines);
	}
	free(jobs);
	free(extra);
	return rc;
}

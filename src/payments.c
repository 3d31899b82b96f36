/* payments: matching, the ledger, receivables (see include/payments.h). */
#include "payments.h"

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

void payments_init(struct payments *ps, const char *input_dir)
{
	memset(ps, 0, sizeof *ps);
	ps->path = xasprintf("%s/%s", input_dir, schema_get(IN_PAYMENTS)->filename);
}

static void payment_free(struct payment *p)
{
	free(p->key);
	free(p->invoice);
	free(p->customer);
	free(p->method);
}

void payments_release(struct payments *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		payment_free(&ps->v[i]);
	free(ps->v);
	free(ps->path);
	free(ps->recv);
	free(ps->receipts);
	memset(ps, 0, sizeof *ps);
}

static char *dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

static int on_payment(void *ctx, const struct record *r)
{
	struct payments *ps = ctx;
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 16;
		ps->v = xrealloc(ps->v, ps->cap * sizeof *ps->v);
	}
	struct payment *p = &ps->v[ps->n++];
	char d[16], a[32];
	p->invoice = dup_or_empty(r->text[PA_INVOICE]);
	p->customer = dup_or_empty(r->text[PA_CUSTOMER]);
	p->method = dup_or_empty(r->text[PA_METHOD]);
	p->date = (int32_t)r->num[PA_DATE];
	p->amount = r->num[PA_AMOUNT];
	p->line = r->line;
	p->key = r->text[PA_REF] ? xstrdup(r->text[PA_REF])
				 : xasprintf("%s|%s|%s|%s", date_format_iso(p->date, d, sizeof d), p->customer, p->invoice,
					     num_format_dot(p->amount, SCALE_CENTS, 2, a, sizeof a));
	return 0;
}

void payments_attach(struct payments *ps, struct ingest *in)
{
	ingest_add_sink(in, IN_PAYMENTS, on_payment, ps);
}

/* --- the ledger ---------------------------------------------------------- */

static const char *const kind_names[] = { "applied", "credit", "unmatched", "refund" };

/* booked: the day of the run that applied it (the books' ValidDate), only
 * when it is not the payment's own date (a line of 6 fields: that date). */
static const char applied_header[] = "payment,date,customer,invoice,amount,kind,booked";

static void ledger_add(struct applied_ledger *lg, const char *key, int32_t date, const char *customer, const char *invoice,
		       int64_t amount, enum applied_kind kind)
{
	if (lg->n == lg->cap) {
		lg->cap = lg->cap ? 2 * lg->cap : 32;
		lg->v = xrealloc(lg->v, lg->cap * sizeof *lg->v);
	}
	lg->v[lg->n++] = (struct applied_entry){ .key = xstrdup(key), .customer = xstrdup(customer),
						 .invoice = xstrdup(invoice), .date = date, .amount = amount, .kind = kind,
						 .booked = lg->today != DATE_NONE ? lg->today : date };
	keyset_add(lg->keys, key, 1, NULL);
}

/* An entry counts unless it names an invoice the register does not have
 * (a killed run's number, to be given again). */
static int entry_kept(void *ctx, const struct csv_row *row)
{
	const struct applied_ledger *lg = ctx;
	return row->n < 4 || !*row->field[3] || keyset_get(lg->invoices, row->field[3], NULL);
}

static int entry_take(void *ctx, const struct csv_row *row, struct diag *err)
{
	struct applied_ledger *lg = ctx;
	int32_t date;
	int64_t amount;
	int kind = -1;
	for (int k = 0; k < 4; k++)
		if (strcmp(row->field[5], kind_names[k]) == 0)
			kind = k;
	int32_t booked = DATE_NONE;
	if (kind < 0 || date_parse(row->field[1], &date) || num_parse(row->field[4], SCALE_CENTS, 0, &amount) ||
	    (row->n > 6 && date_parse(row->field[6], &booked)))
		return diag_set(err, EXIT_IOERR, "%s:%ld: damaged line (6 fields: payment, date, customer, invoice, "
				"amount, kind; a 7th, booked, when not the date)", lg->path, row->first_line);
	ledger_add(lg, row->field[0], date, row->field[2], row->field[3], amount, (enum applied_kind)kind);
	if (booked != DATE_NONE)
		lg->v[lg->n - 1].booked = booked;
	return 0;
}

/* Appends the entries [from, n) to the ledger. */
static enum exit_code applied_append(const struct applied_ledger *lg, size_t from, struct diag *err)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		abort(); /* out of memory, as xmalloc would */
	char d[16], a[32], b[16];
	for (size_t i = from; i < lg->n; i++) {
		const struct applied_entry *e = &lg->v[i];
		const char *f[] = { e->key, date_format_iso(e->date, d, sizeof d), e->customer, e->invoice,
				    num_format_dot(e->amount, SCALE_CENTS, 2, a, sizeof a), kind_names[e->kind],
				    date_format_iso(e->booked, b, sizeof b) };
		size_t n = e->booked != e->date ? 7 : 6; /* as before, unless applied later than dated */
		for (size_t k = 0; k < n; k++)
			csv_write_field(mem, f[k], k + 1 == n);
	}
	fclose(mem);
	struct ledger_file lf = { lg->path, applied_header, 7, 6 };
	enum exit_code rc = ledger_append(&lf, text, len, err);
	free(text);
	return rc;
}

enum exit_code applied_load(struct applied_ledger *lg, const char *output_dir, const struct doc_register *reg,
			    struct diag *err)
{
	memset(lg, 0, sizeof *lg);
	lg->today = DATE_NONE;
	lg->keys = keyset_new();
	lg->path = xasprintf("%s/payments_applied.csv", output_dir);
	lg->invoices = keyset_new();
	for (size_t i = 0; i < reg->n; i++)
		if (reg->v[i].kind == DOC_INVOICE || reg->v[i].kind == DOC_CREDIT_NOTE)
			keyset_add(lg->invoices, reg->v[i].number, 1, NULL);
	struct ledger_file lf = { lg->path, applied_header, 7, 6 };
	struct ledger_reader lr = { entry_kept, entry_take, lg };
	return ledger_load(&lf, &lr, err);
}

void applied_release(struct applied_ledger *lg)
{
	for (size_t i = 0; i < lg->n; i++) {
		free(lg->v[i].key);
		free(lg->v[i].customer);
		free(lg->v[i].invoice);
	}
	free(lg->v);
	keyset_free(lg->keys);
	keyset_free(lg->invoices);
	free(lg->path);
	memset(lg, 0, sizeof *lg);
}

/* --- matching ------------------------------------------------------------ */

struct open_invoice {
	size_t reg;                /* index in the register */
	const char *customer;
	int64_t paid;
	int64_t credited;          /* the totals of the credit notes correcting it */
};

/* What is still owed on an invoice: its total less its credit notes and
 * payments; never below zero (more credit is the customer's). */
static int64_t residual(const struct doc_register *reg, const struct open_invoice *o)
{
	int64_t r = reg->v[o->reg].total - o->credited - o->paid;
	return r > 0 ? r : 0;
}

/* A credit note and what of it is the customer's to be paid back. */
struct open_credit {
	size_t reg;                /* index in the register */
	const char *customer;
	int64_t unused;            /* cents beyond what its invoice still owed */
	int64_t refunded;
};

static int64_t refundable(const struct open_credit *c)
{
	return c->unused - c->refunded;
}

/* The invoice a credit note corrects: its source "FAC-...#n" without "#n". */
static int corrected(const struct keyset *by_number, const struct reg_doc *cn, long *k)
{
	char number[256];
	return register_source_base(cn, number, sizeof number) == 0 && keyset_get(by_number, number, k);
}

int receivable_bucket(int days_late)
{
	return days_late <= 0 ? 0 : days_late <= 30 ? 1 : days_late <= 60 ? 2 : days_late <= 90 ? 3 : 4;
}

static const char *bucket(int days)
{
	static const char *const names[] = { "not due", "1-30", "31-60", "61-90", "over 90" };
	return names[receivable_bucket(days)];
}

/* A negative payment: money paid back to the customer, against a credit
 * note by its number, else the customer's one credit note of exactly that
 * amount still to refund. What matches nothing is kept unmatched. */
static void refund(struct applied_ledger *lg, const struct payment *pay, const struct doc_register *reg,
		   struct open_credit *cr, size_t ncr, const struct keyset *credit_number, const char *path,
		   struct rejects *rj, struct payment_summary *sum)
{
	int64_t amount = -pay->amount;
	long k = -1;
	if (*pay->invoice && !keyset_get(credit_number, pay->invoice, &k))
		k = -1;
	if (k < 0 && *pay->customer)
		for (size_t i = 0; i < ncr && k < 0; i++)
			if (strcmp(cr[i].customer, pay->customer) == 0 && refundable(&cr[i]) == amount)
				k = (long)i;
	if (k < 0 || refundable(&cr[k]) < amount) {
		ledger_add(lg, pay->key, pay->date, pay->customer, pay->invoice, pay->amount, APPLIED_UNMATCHED);
		struct reject w = { path, pay->line, 0, NULL, pay->key, SEV_WARNING,
				    k < 0 ? "refund matches no credit note (by number, nor by customer and exact amount to refund): "
					    "kept unmatched"
					  : "refund larger than what its credit note leaves to refund: kept unmatched", NULL };
		rejects_add(rj, &w);
		sum->unmatched++;
		return;
	}
	const char *customer = *cr[k].customer ? cr[k].customer : pay->customer;
	ledger_add(lg, pay->key, pay->date, customer, reg->v[cr[k].reg].number, amount, APPLIED_REFUND);
	cr[k].refunded += amount;
	sum->refunds++;
}

/* What invoice o owes net of its credit notes less its escompte (that net
 * times the rate, rounded half up to the cent) for a payment on date, or
 * -1 when it offered none or date is past its last day. */
static int64_t with_escompte(const struct invoicing *iv, const struct doc_register *reg, const struct open_invoice *o,
			     int32_t date)
{
	int64_t rate, escompte, net = reg->v[o->reg].total - o->credited;
	int32_t last;
	if (net <= 0 || !invoicing_escompte(iv, reg, o->reg, &rate, &last) || date > last ||
	    div_round((__int128)net * rate, 10000, &escompte))
		return -1;
	return net - escompte;
}

/*
 * The invoices the day's payments settle with their escompte: an invoice
 * still owing, whose term offered one (invoicing_escompte), and whose
 * payments dated on or before its last day add up to at least what it
 * owed net of its credit notes less the escompte (that net times the
 * rate, rounded half up to the cent). What the payments left, never more
 * than the escompte, is credited: a payment a little above the net less
 * the escompte earns only what remains; one a cent short, or any payment
 * after the last day, is an ordinary partial payment. Derived from the
 * ledger every run, so a run killed before the credit note was registered
 * issues it on the next, and one already issued leaves nothing to settle.
 */
static enum exit_code settle_escomptes(struct invoicing *iv, struct issuer *is, struct open_invoice *inv, size_t ninv,
				       const struct applied_ledger *lg, const struct keyset *by_number,
				       struct payment_summary *sum, struct diag *err)
{
	const struct doc_register *reg = is->reg;
	int32_t *last = xcalloc(ninv ? ninv : 1, sizeof *last);
	int64_t *rate = xcalloc(ninv ? ninv : 1, sizeof *rate), *early = xcalloc(ninv ? ninv : 1, sizeof *early);
	size_t candidates = 0;
	for (size_t k = 0; k < ninv; k++)
		if (residual(reg, &inv[k]) > 0 && inv[k].paid > 0 &&
		    invoicing_escompte(iv, reg, inv[k].reg, &rate[k], &last[k]))
			candidates++;
		else
			rate[k] = 0;
	struct escompte_claim *claims = NULL;
	size_t n = 0;
	if (candidates) {
		for (size_t i = 0; i < lg->n; i++) {
			long k;
			if (lg->v[i].kind == APPLIED_PAYMENT && keyset_get(by_number, lg->v[i].invoice, &k) && rate[k] &&
			    lg->v[i].date <= last[k])
				early[k] += lg->v[i].amount;
		}
		claims = xcalloc(candidates, sizeof *claims);
		for (size_t k = 0; k < ninv; k++) {
			int64_t due = rate[k] ? with_escompte(iv, reg, &inv[k], last[k]) : -1;
			if (due < 0 || early[k] < due)
				continue;
			claims[n++] = (struct escompte_claim){ .invoice = inv[k].reg, .rate = rate[k],
							       .amount = residual(reg, &inv[k]) };
		}
	}
	enum exit_code rc = n ? invoices_issue_escomptes(iv, is, claims, n, err) : EXIT_OK;
	/* What they credit nets their invoices from now on. */
	for (size_t i = 0, k = 0; i < n && !rc; i++) {
		if (!claims[i].issued)
			continue;
		while (inv[k].reg != claims[i].invoice)
			k++;
		inv[k].credited += claims[i].amount;
		sum->escomptes++;
		sum->escompted += claims[i].amount;
	}
	free(claims);
	free(last);
	free(rate);
	free(early);
	return rc;
}

enum exit_code payments_apply(struct payments *ps, struct invoicing *iv, struct issuer *is, const char *output_dir,
			      int32_t today, struct rejects *rj, struct payment_summary *sum, struct diag *err)
{
	memset(sum, 0, sizeof *sum);
	struct doc_register *reg = is->reg;
	struct applied_ledger lg;
	enum exit_code rc = applied_load(&lg, output_dir, reg, err);
	size_t loaded = lg.n;
	lg.today = today; /* what this run applies is booked today */

	/* The invoices, their customers, what the ledger says was paid. */
	struct open_invoice *inv = xcalloc(reg->n ? reg->n : 1, sizeof *inv);
	size_t ninv = 0;
	struct keyset *by_number = keyset_new();
	for (size_t i = 0; i < reg->n && !rc; i++) {
		if (reg->v[i].kind != DOC_INVOICE)
			continue;
		keyset_add(by_number, reg->v[i].number, (long)ninv, NULL);
		const char *c = invoicing_customer(iv, reg->v[i].number);
		inv[ninv++] = (struct open_invoice){ i, c ? c : "", 0, 0 };
	}
	for (size_t i = 0; i < lg.n; i++) {
		long k;
		if (lg.v[i].kind == APPLIED_PAYMENT && keyset_get(by_number, lg.v[i].invoice, &k))
			inv[k].paid += lg.v[i].amount;
	}
	/* The credit notes: each nets its invoice; what its invoice no longer
	 * owed (already paid) is the customer's, to be refunded. */
	struct open_credit *cr = xcalloc(reg->n ? reg->n : 1, sizeof *cr);
	size_t ncr = 0;
	struct keyset *credit_number = keyset_new();
	for (size_t i = 0; i < reg->n; i++) {
		long k;
		if (reg->v[i].kind != DOC_CREDIT_NOTE || !corrected(by_number, &reg->v[i], &k))
			continue;
		int64_t owed = reg->v[inv[k].reg].total - inv[k].credited - inv[k].paid;
		inv[k].credited += reg->v[i].total;
		int64_t unused = owed <= 0 ? reg->v[i].total : reg->v[i].total > owed ? reg->v[i].total - owed : 0;
		keyset_add(credit_number, reg->v[i].number, (long)ncr, NULL);
		cr[ncr++] = (struct open_credit){ i, inv[k].customer, unused, 0 };
	}
	for (size_t i = 0; i < lg.n; i++) {
		long k;
		if (lg.v[i].kind == APPLIED_REFUND && keyset_get(credit_number, lg.v[i].invoice, &k))
			cr[k].refunded += lg.v[i].amount;
	}

	/* The day's payments not yet in the ledger, in file order. */
	for (size_t p = 0; p < ps->n && !rc; p++) {
		const struct payment *pay = &ps->v[p];
		if (keyset_get(lg.keys, pay->key, NULL)) {
			sum->already++;
			continue;
		}
		if (pay->amount < 0) {
			refund(&lg, pay, reg, cr, ncr, credit_number, ps->path, rj, sum);
			continue;
		}
		long k = -1;
		if (*pay->invoice && !keyset_get(by_number, pay->invoice, &k))
			k = -1;
		if (k < 0 && *pay->customer)
			for (size_t i = 0; i < ninv && k < 0; i++)
				if (strcmp(inv[i].customer, pay->customer) == 0 && residual(reg, &inv[i]) == pay->amount)
					k = (long)i;
		/* ... or exactly what it owes less its escompte, paid by the
		 * escompte's last day: what a customer taking it pays. */
		if (k < 0 && *pay->customer)
			for (size_t i = 0; i < ninv && k < 0; i++)
				if (strcmp(inv[i].customer, pay->customer) == 0 && inv[i].paid == 0 &&
				    with_escompte(iv, reg, &inv[i], pay->date) == pay->amount)
					k = (long)i;
		if (k < 0) {
			ledger_add(&lg, pay->key, pay->date, pay->customer, pay->invoice, pay->amount, APPLIED_UNMATCHED);
			struct reject w = { ps->path, pay->line, 0, NULL, pay->key, SEV_WARNING,
					    "payment matches no invoice (by number, nor by customer and exact open amount): kept unmatched", NULL };
			rejects_add(rj, &w);
			sum->unmatched++;
			continue;
		}
		int64_t open = residual(reg, &inv[k]);
		int64_t applied = pay->amount < open ? pay->amount : open;
		const char *number = reg->v[inv[k].reg].number;
		const char *customer = *inv[k].customer ? inv[k].customer : pay->customer;
		if (applied > 0) {
			ledger_add(&lg, pay->key, pay->date, customer, number, applied, APPLIED_PAYMENT);
			inv[k].paid += applied;
			sum->applied++;
		}
		if (pay->amount > applied) {
			/* An overpayment is the customer's credit. */
			char *key = xasprintf("%s%s", pay->key, applied > 0 ? "+credit" : ""); /* whole, however long */
			ledger_add(&lg, key, pay->date, customer, number, pay->amount - applied, APPLIED_CREDIT);
			free(key);
			char why[256], a[32];
			snprintf(why, sizeof why, "overpayment of %s on %s kept as the customer's credit",
				 num_format_dot(pay->amount - applied, SCALE_CENTS, 2, a, sizeof a), number);
			struct reject w = { ps->path, pay->line, 0, NULL, pay->key, SEV_WARNING, why, NULL };
			rejects_add(rj, &w);
			sum->credits++;
		}
	}
	if (!rc)
		rc = applied_append(&lg, loaded, err);
	if (!rc)
		rc = settle_escomptes(iv, is, inv, ninv, &lg, by_number, sum, err);

	/* States into the register, and the receivables. */
	struct atomic_file af;
	char *recv = xasprintf("%s/receivables.csv", output_dir);
	if (!rc)
		rc = atomic_open(&af, recv, err);
	free(ps->recv);
	ps->recv = xcalloc(ninv + ncr + 1, sizeof *ps->recv);
	ps->nrecv = 0;
	/* Each invoice's dated receipts, in one array: first[i] is where
	 * invoice i's begin (a counting sort of the ledger by invoice). */
	size_t *first = xcalloc(ninv + 1, sizeof *first);
	free(ps->receipts);
	ps->receipts = xcalloc(lg.n ? lg.n : 1, sizeof *ps->receipts);
	ps->nreceipts = 0;
	for (size_t i = 0; i < lg.n && !rc; i++) {
		long k;
		if (lg.v[i].kind == APPLIED_PAYMENT && keyset_get(by_number, lg.v[i].invoice, &k))
			first[k + 1]++;
	}
	for (size_t i = 0; i < ninv; i++)
		first[i + 1] += first[i];
	size_t *next = xcalloc(ninv + 1, sizeof *next);
	memcpy(next, first, (ninv + 1) * sizeof *next);
	for (size_t i = 0; i < lg.n && !rc; i++) {
		long k;
		if (lg.v[i].kind == APPLIED_PAYMENT && keyset_get(by_number, lg.v[i].invoice, &k))
			ps->receipts[next[k]++] = (struct receipt){ .date = lg.v[i].date, .amount = lg.v[i].amount };
	}
	ps->nreceipts = first[ninv];
	free(next);
	if (!rc) {
		fputs("invoice,customer,partner,issue_date,total,paid,residual,due_date,days_overdue,bucket,payment_state,"
		      "credited\n", af.fp);
		char d1[16], d2[16], a[32], b[32], c[32], days[16], cd[32];
		for (size_t i = 0; i < ninv; i++) {
			struct reg_doc *e = &reg->v[inv[i].reg];
			int64_t res = residual(reg, &inv[i]);
			/* Settled by credit notes alone is "credited", not paid. */
			const char *state = res > 0 ? (inv[i].paid > 0 || inv[i].credited > 0 ? "partial" : "not_paid")
					    : inv[i].paid > 0 ? "paid" : "credited";
			res <= 0 ? sum->paid++ : inv[i].paid > 0 || inv[i].credited > 0 ? sum->partial++ : sum->open++;
			int late = res > 0 && e->due_date != DATE_NONE ? today - e->due_date : 0;
			snprintf(days, sizeof days, "%d", late > 0 ? late : 0);
			const char *f[] = { e->number, inv[i].customer, e->partner, date_format_iso(e->issue_date, d1, sizeof d1),
					    num_format_dot(e->total, SCALE_CENTS, 2, a, sizeof a),
					    num_format_dot(inv[i].paid, SCALE_CENTS, 2, b, sizeof b),
					    num_format_dot(res, SCALE_CENTS, 2, c, sizeof c),
					    e->due_date == DATE_NONE ? "" : date_format_iso(e->due_date, d2, sizeof d2), days,
					    res <= 0 ? "paid" : bucket(late), state,
					    num_format_dot(inv[i].credited, SCALE_CENTS, 2, cd, sizeof cd) };
			for (size_t k = 0; k < 12; k++)
				csv_write_field(af.fp, f[k], k == 11);
			ps->recv[ps->nrecv++] = (struct receivable){
				.number = e->number, .customer = inv[i].customer, .partner = e->partner,
				.issue_date = e->issue_date, .due_date = e->due_date, .total = e->total,
				.paid = inv[i].paid, .credited = inv[i].credited, .residual = res,
				.days_late = late > 0 ? late : 0, .receipts = ps->receipts + first[i],
				.nreceipts = first[i + 1] - first[i] };
		}
		/* What the firm owes its customers: credit notes beyond what their
		 * invoices still owed, less what was refunded (negative amounts). */
		for (size_t i = 0; i < ncr; i++) {
			if (refundable(&cr[i]) <= 0)
				continue;
			struct reg_doc *e = &reg->v[cr[i].reg];
			const char *f[] = { e->number, cr[i].customer, e->partner, date_format_iso(e->issue_date, d1, sizeof d1),
					    num_format_dot(-e->total, SCALE_CENTS, 2, a, sizeof a),
					    num_format_dot(-cr[i].refunded, SCALE_CENTS, 2, b, sizeof b),
					    num_format_dot(-refundable(&cr[i]), SCALE_CENTS, 2, c, sizeof c), "", "0",
					    "customer credit", "to_refund", "" };
			for (size_t k = 0; k < 12; k++)
				csv_write_field(af.fp, f[k], k == 11);
			ps->recv[ps->nrecv++] = (struct receivable){
				.number = e->number, .customer = cr[i].customer, .partner = e->partner,
				.issue_date = e->issue_date, .due_date = DATE_NONE, .total = -e->total,
				.paid = -cr[i].refunded, .residual = -refundable(&cr[i]), .to_refund = 1 };
		}
		rc = atomic_commit(&af, err);
	}

	free(first);
	applied_release(&lg);
	keyset_free(by_number);
	keyset_free(credit_number);
	free(cr);
	free(inv);
	free(recv);
	return rc;
}

/*
 * crmbatch show NUMBER: one document as the store keeps it — header,
 * lines, VAT breakdown, installments — and its trail (the piste d'audit
 * fiable of CGI art. 289 VII): its order and the order's other documents,
 * the delivery slips and what they shipped, the credit notes, the payments
 * and their lettering, the reminders, and its entries in the books. Plain
 * text on stdout, the same bytes for the same output folder. It writes
 * nothing of its own (opening the register repairs a torn last line, as
 * every command does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accounting.h"
#include "batch.h"
#include "cli.h"
#include "date.h"
#include "doclines.h"
#include "keyset.h"
#include "money.h"
#include "payments.h"
#include "register.h"
#include "store.h"
#include "xalloc.h"

static const char *const kind_words[DOC_KIND_COUNT] = {
	"quote", "order", "purchase", "invoice", "credit_note", "delivery", "reminder",
};

static const char *amt(int64_t cents, char *buf, size_t size)
{
	return num_format_dot(cents, SCALE_CENTS, 2, buf, size);
}

static const char *day(int32_t d, char *buf, size_t size)
{
	return d == DATE_NONE ? "-" : date_format_iso(d, buf, size);
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static void show_header(FILE *out, const struct reg_doc *e, const struct stored_doc *sd)
{
	char d1[16], d2[16], m1[32], m2[32], m3[32];
	fprintf(out, "%s %s of %s\n", kind_words[e->kind], e->number, day(e->issue_date, d1, sizeof d1));
	if (!sd) {
		fprintf(out, "  partner     %s\n  source      %s\n", or_dash(e->partner), or_dash(e->source_ref));
		fprintf(out, "  totals      untaxed %s  vat %s  total %s\n", amt(e->untaxed, m1, sizeof m1),
			amt(e->tax, m2, sizeof m2), amt(e->total, m3, sizeof m3));
		if (e->kind == DOC_INVOICE || e->kind == DOC_CREDIT_NOTE)
			fprintf(out, "  (issued before the store: its lines are in the ledgers, not shown)\n");
		return;
	}
	const struct invoice *inv = &sd->inv;
	const struct order *o = &sd->order;
	fprintf(out, "  order       %s of %s", o->ref, day(o->date, d1, sizeof d1));
	if (o->customer_ref)
		fprintf(out, " (customer's ref %s)", o->customer_ref);
	fputc('\n', out);
	const struct partner *b = inv->buyer;
	fprintf(out, "  customer    %s", o->customer_code);
	if (b) {
		fprintf(out, " %s", or_dash(b->name));
		if (b->contact)
			fprintf(out, " (%s)", b->contact);
		fprintf(out, ", %s, %s %s, %s", or_dash(b->street), or_dash(b->zip), or_dash(b->city), or_dash(b->country));
		if (b->siren)
			fprintf(out, ", SIREN %s", b->siren);
		if (b->vat_number)
			fprintf(out, ", VAT %s", b->vat_number);
		fprintf(out, ", %s", b->is_business ? "business" : "consumer");
	}
	fputc('\n', out);
	if (inv->ships_elsewhere)
		fprintf(out, "  ship to     %s, %s, %s %s, %s\n", or_dash(inv->ship_to.name), or_dash(inv->ship_to.street),
			or_dash(inv->ship_to.zip), or_dash(inv->ship_to.city), or_dash(inv->ship_to.country));
	if (inv->kind == DOC_CREDIT_NOTE)
		fprintf(out, "  corrects    %s of %s (%s)\n", or_dash(inv->corrects), day(inv->corrects_date, d1, sizeof d1),
			or_dash(inv->reason));
	fprintf(out, "  delivered   %s\n", day(inv->delivered, d1, sizeof d1));
	if (inv->kind == DOC_INVOICE)
		fprintf(out, "  due         %s\n", day(inv->due, d1, sizeof d1));
	fprintf(out, "  term        %s\n", or_dash(inv->term));
	if (inv->escompte)
		fprintf(out, "  escompte    %s %% until %s\n", num_format_dot(inv->escompte, SCALE_PERCENT, 2, m1, sizeof m1),
			day(inv->escompte_until, d2, sizeof d2));
	fprintf(out, "lines\n");
	for (size_t k = 0; k < inv->nlines; k++) {
		const struct invoice_line *l = &inv->lines[k];
		char q[32], g[32], dc[32], np[32], a[32], r[32];
		fprintf(out, "  %d  %s  %s  qty %s  unit %s  discount %s %%  net %s  amount %s  ", l->order_line, or_dash(l->ref),
			or_dash(l->description), num_format_dot(l->qty, SCALE_QTY, 3, q, sizeof q),
			num_format_dot(l->gross_price, SCALE_PRICE, 4, g, sizeof g),
			num_format_dot(l->discount, SCALE_PERCENT, 2, dc, sizeof dc),
			num_format_dot(l->net_price, SCALE_PRICE, 4, np, sizeof np), amt(l->amount, a, sizeof a));
		if (l->tax)
			fprintf(out, "%s (%s %s %%%s)", l->tax->name, vat_category_code(l->tax->category),
				num_format_dot(l->tax->rate, SCALE_PERCENT, 2, r, sizeof r), l->tax->included ? ", included" : "");
		else
			fprintf(out, "no tax");
		fprintf(out, "  %s\n", l->service ? "service" : "goods");
	}
	fprintf(out, "vat\n");
	for (size_t k = 0; k < inv->totals.nrates; k++) {
		const struct tax_total *t = &inv->totals.rates[k];
		char r[32];
		fprintf(out, "  %s %s %%  base %s  vat %s\n", vat_category_code(t->category),
			num_format_dot(t->rate, SCALE_PERCENT, 2, r, sizeof r), amt(t->base, m1, sizeof m1),
			amt(t->amount, m2, sizeof m2));
	}
	fprintf(out, "totals  untaxed %s  vat %s  total %s\n", amt(inv->totals.untaxed, m1, sizeof m1),
		amt(inv->totals.tax, m2, sizeof m2), amt(inv->totals.total, m3, sizeof m3));
	if (inv->ninst) {
		fprintf(out, "installments\n");
		for (int k = 0; k < inv->ninst; k++)
			fprintf(out, "  %s  %s\n", day(inv->inst[k].date, d1, sizeof d1), amt(inv->inst[k].amount, m1, sizeof m1));
	}
}

/* The order a document is about: its stored order, else its source's. */
static void order_of(const struct reg_doc *e, const struct stored_doc *sd, char *out, size_t size)
{
	if (sd) {
		snprintf(out, size, "%s", sd->order.ref);
	} else if (register_source_base(e, out, size) != 0) {
		snprintf(out, size, "%s", e->source_ref);
	}
}

/* The pieces (PieceRef) of the document's trail in the books. */
static void show_trail(FILE *out, const struct doc_register *reg, size_t at, const struct stored_doc *sd,
		       const struct doc_lines *slips, const struct doc_lines *reminders, const struct applied_ledger *paid,
		       struct keyset *pieces)
{
	const struct reg_doc *e = &reg->v[at];
	char order[256] = "", base[256], d1[16], m1[32];
	order_of(e, sd, order, sizeof order);
	fprintf(out, "trail\n");
	keyset_add(pieces, e->number, 1, NULL);
	/* The register's documents of the same order, and those that follow
	 * this one (its credit notes), in the order they were issued. */
	for (size_t i = 0; i < reg->n; i++) {
		const struct reg_doc *d = &reg->v[i];
		if (i == at)
			continue;
		int has_base = register_source_base(d, base, sizeof base) == 0;
		int same_order = *order && (strcmp(d->source_ref, order) == 0 || (has_base && strcmp(base, order) == 0));
		int follows = has_base && strcmp(base, e->number) == 0;
		int precedes = sd && sd->inv.corrects && strcmp(d->number, sd->inv.corrects) == 0;
		if (!same_order && !follows && !precedes)
			continue;
		fprintf(out, "  %-11s %s  %s  total %s\n", kind_words[d->kind], d->number, day(d->issue_date, d1, sizeof d1),
			amt(d->total, m1, sizeof m1));
		if (d->kind == DOC_CREDIT_NOTE && follows)
			keyset_add(pieces, d->number, 1, NULL);
		if (d->kind == DOC_DELIVERY)
			for (size_t k = 0; k < slips->n; k++) {
				const struct doc_line *l = &slips->v[k];
				char q[32];
				if (strcmp(doc_line_doc(slips, l), d->number) == 0)
					fprintf(out, "              line %d  %s  shipped %s\n", l->line, or_dash(l->product),
						num_format_dot(l->qty, SCALE_QTY, 3, q, sizeof q));
			}
	}
	static const char *const applied_words[] = { "payment", "overpayment", "unmatched", "refund" };
	for (size_t i = 0; i < paid->n; i++) {
		const struct applied_entry *p = &paid->v[i];
		if (!p->invoice || strcmp(p->invoice, e->number) != 0)
			continue;
		fprintf(out, "  %-11s %s  %s  amount %s\n", applied_words[p->kind], p->key, day(p->date, d1, sizeof d1),
			amt(p->amount, m1, sizeof m1));
		keyset_add(pieces, p->key, 1, NULL);
	}
	for (size_t i = 0; i < reminders->n; i++) {
		const struct doc_line *l = &reminders->v[i];
		if (strcmp(doc_line_order(reminders, l), e->number) != 0)
			continue;
		const char *rem = doc_line_doc(reminders, l);
		int32_t when = DATE_NONE;
		for (size_t k = 0; k < reg->n; k++)
			if (strcmp(reg->v[k].number, rem) == 0)
				when = reg->v[k].issue_date;
		fprintf(out, "  %-11s %s  %s  level %d\n", "reminder", rem, day(when, d1, sizeof d1), l->line);
	}
}

static void show_books(FILE *out, const struct books *bk, const struct keyset *pieces)
{
	char d1[16], m1[32], m2[32];
	fprintf(out, "books\n");
	for (size_t i = 0; i < bk->n; i++) {
		const struct book_line *l = &bk->v[i];
		if (!keyset_get(pieces, l->piece, NULL))
			continue;
		fprintf(out, "  %s  %s  %s  %s%s%s  debit %s  credit %s", l->journal, day(l->date, d1, sizeof d1), l->piece,
			l->account, l->aux ? " " : "", l->aux ? l->aux : "", amt(l->debit, m1, sizeof m1),
			amt(l->credit, m2, sizeof m2));
		if (l->letter[0])
			fprintf(out, "  lettered %s on %s", l->letter, day(l->lettered, d1, sizeof d1));
		fprintf(out, "  %s\n", l->label);
	}
}

enum exit_code cmd_show(const struct options *opts, int argc, char **argv)
{
	if (argc != 2) {
		cli_error("usage: crmbatch show NUMBER");
		return EXIT_USAGE;
	}
	const char *number = argv[1];
	struct config cfg;
	struct diag err = { "" };
	enum exit_code rc = config_load(&cfg, opts->config_dir, &err);
	if (rc) {
		cli_error("%s", err.msg);
		return rc;
	}
	char *regpath = xasprintf("%s/register.csv", opts->output_dir);
	int lock = -1, none = access(regpath, F_OK) != 0;
	free(regpath);
	struct doc_register reg = { 0 };
	reg.fd = -1;
	struct doc_lines inv, cn, slips, reminders;
	struct applied_ledger paid = { 0 };
	struct doc_store store = { 0 };
	struct books bk = { 0 };
	doclines_init(&inv, DOC_INVOICE, 1, opts->output_dir, "invoice_lines.csv");
	doclines_init(&cn, DOC_CREDIT_NOTE, 1, opts->output_dir, "credit_note_lines.csv");
	doclines_init(&slips, DOC_DELIVERY, 0, opts->output_dir, "delivery_lines.csv");
	doclines_init(&reminders, DOC_REMINDER, 0, opts->output_dir, "reminder_lines.csv");
	size_t at = 0;
	if (none) {
		rc = diag_set(&err, EXIT_DATAERR, "no document %s in the register", number);
	} else if (!(rc = batch_lock_output(opts->output_dir, &lock, &err)) &&
		   !(rc = register_open(&reg, opts->output_dir, &err))) {
		while (at < reg.n && strcmp(reg.v[at].number, number) != 0)
			at++;
		if (at == reg.n)
			rc = diag_set(&err, EXIT_DATAERR, "no document %s in the register", number);
	}
	if (!rc && !(rc = doclines_load(&inv, &reg, &err)) && !(rc = doclines_load(&cn, &reg, &err)) &&
	    !(rc = doclines_load(&slips, &reg, &err)) && !(rc = doclines_load(&reminders, &reg, &err)) &&
	    !(rc = applied_load(&paid, opts->output_dir, &reg, &err)) &&
	    !(rc = store_open(&store, opts->output_dir, &reg, &err)))
		rc = books_build(&bk, &cfg, &reg, &inv, &cn, &paid, &store, NULL, DATE_MIN, DATE_MAX, &err);
	if (!rc) {
		const struct stored_doc *sd = store_find(&store, number);
		struct keyset *pieces = keyset_new();
		show_header(stdout, &reg.v[at], sd);
		show_trail(stdout, &reg, at, sd, &slips, &reminders, &paid, pieces);
		show_books(stdout, &bk, pieces);
		keyset_free(pieces);
		if (fflush(stdout) != 0 || ferror(stdout))
			rc = diag_set(&err, EXIT_IOERR, "stdout: cannot write");
	}
	if (rc)
		cli_error("%s", err.msg);
	books_release(&bk);
	store_close(&store);
	applied_release(&paid);
	doclines_release(&inv);
	doclines_release(&cn);
	doclines_release(&slips);
	doclines_release(&reminders);
	register_close(&reg);
	if (lock >= 0)
		close(lock);
	config_release(&cfg);
	return rc;
}

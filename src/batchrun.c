/* batchrun: the batch's stages in order (see include/batchrun.h). */
#include "batchrun.h"

#include <string.h>

#include "date.h"
#include "money.h"

#include "issue.h"
#include "pipeline.h"
#include "quotes.h"
#include "rights.h"

/* The issuer every document stage uses: the run's register, folder, user,
 * date and threads. */
static struct issuer issuer_of(struct batch *b)
{
	struct issuer is = { &b->cfg, &b->reg, b->opts->output_dir, b->user->login, b->opts->date, b->opts->jobs, 0, 0, NULL, NULL };
	return is;
}

static enum exit_code stage_quotes(struct batch *b, FILE *out, struct diag *err)
{
	struct issuer is = issuer_of(b);
	struct quotes_summary sum;
	enum exit_code rc = quotes_issue(&is, &b->orders, &b->stock, b->rejects, &sum, err);
	if (!rc && out)
		fprintf(out, "quotes: %ld quote(s) and %ld order confirmation(s) issued, %ld already issued%s\n",
			sum.quotes, sum.orders, sum.unchanged,
			sum.cancelled_reported ? ", cancelled orders with a quote reported" : "");
	return rc;
}

static enum exit_code stage_leads(struct batch *b, FILE *out, struct diag *err)
{
	const struct leads *ls = &b->leads;
	enum exit_code rc = pipeline_write_leads(&b->cfg, ls, &b->activities, b->opts->output_dir, b->opts->date, err);
	if (!rc && out)
		fprintf(out, "leads: %zu lead(s) from %ld card(s): %ld merged, %ld unassigned, %ld card warning(s)\n",
			ls->n, b->in.counts[IN_CONTACTS].accepted, ls->merged, ls->unassigned, ls->warnings);
	return rc;
}

static enum exit_code stage_activities(struct batch *b, FILE *out, struct diag *err)
{
	const struct activities *as = &b->activities;
	enum exit_code rc = pipeline_write_activities(&b->cfg, &b->leads, as, b->opts->output_dir, b->opts->date, err);
	if (rc == EXIT_DATAERR) {
		/* Revenues too large to add up: said, the run goes on. */
		cli_error("activities: %s", err->msg);
		b->beyond++;
		rc = EXIT_OK;
	}
	if (!rc && out) {
		long st[3] = { 0, 0, 0 };
		for (size_t i = 0; i < as->n; i++)
			if (!as->v[i].refused && !as->v[i].done && as->v[i].due_date != DATE_NONE)
				st[agenda_state_of(&as->v[i], b->opts->date)]++;
		fprintf(out, "activities: %zu applied, %ld refused; agenda: %ld overdue, %ld today, %ld planned\n",
			as->n - (size_t)as->refused, as->refused, st[0], st[1], st[2]);
	}
	return rc;
}

static enum exit_code stage_stock(struct batch *b, FILE *out, struct diag *err)
{
	struct issuer is = issuer_of(b);
	struct stock_summary sum;
	enum exit_code rc = stock_replenish(&b->stock, &is, b->rejects, &sum, err);
	if (!rc)
		b->refused_docs += sum.refused;
	if (!rc && out)
	{
		fprintf(out, "stock: %ld purchase order(s) issued (%ld line(s)), %ld order line(s) short%s\n",
			sum.purchase_orders, sum.lines, sum.short_lines,
			sum.no_supplier ? ", products without a supplier reported" : "");
		if (sum.not_needed)
			fprintf(out, "stock: %ld product(s) on purchase orders no longer needed (see stock.csv, not_needed)\n",
				sum.not_needed);
	}
	return rc;
}

static enum exit_code stage_delivery(struct batch *b, FILE *out, struct diag *err)
{
	struct issuer is = issuer_of(b);
	struct delivery_summary sum;
	enum exit_code rc = deliveries_issue(&b->deliveries, &is, &sum, err);
	if (!rc && out)
		fprintf(out, "delivery: %ld slip(s) issued, %ld order(s) waiting for stock\n", sum.slips, sum.waiting);
	return rc;
}

/* Posting needs the billing role; a draft, the sales role. */
static enum exit_code stage_invoices(struct batch *b, FILE *out, struct diag *err)
{
	int draft = b->opts->draft_invoices;
	enum role need = draft ? ROLE_SALES : ROLE_BILLING;
	if (!rights_has(b->user, need))
		return diag_set(err, EXIT_NOPERM, "'%s' lacks the %s role; nothing was %s", b->user->login,
				role_name(need), draft ? "drafted" : "posted");
	struct issuer is = issuer_of(b);
	struct invoice_summary sum;
	enum exit_code rc = invoices_issue(&b->invoicing, &is, draft, &sum, err);
	char total[64];
	if (!rc && out && draft)
		fprintf(out, "invoices: %ld draft(s) in %s/invoices/drafts, nothing posted\n", sum.drafts, b->opts->output_dir);
	else if (!rc && out)
	{
		fprintf(out, "invoices: %ld invoice(s) posted with Factur-X, %s %s; %ld order(s) not invoiced\n", sum.posted,
			sum.beyond ? "beyond " MONEY_SUM_MAX_TEXT : num_format_dot(sum.total, SCALE_CENTS, 2, total, sizeof total),
			b->cfg.currency, sum.refused);
		if (sum.waiting)
			fprintf(out, "invoices: %ld intra-community order(s) to invoice once delivered\n", sum.waiting);
		if (sum.credit_notes)
			fprintf(out, "invoices: %ld credit note(s) issued with Factur-X, %s %s\n", sum.credit_notes,
				sum.beyond ? "beyond " MONEY_SUM_MAX_TEXT : num_format_dot(sum.credited, SCALE_CENTS, 2, total, sizeof total),
				b->cfg.currency);
	}
	if (!rc && sum.beyond) {
		cli_error("invoices: the day's invoices or credit notes add up beyond " MONEY_SUM_MAX_TEXT
			  " %s, the most a sum of amounts may hold", b->cfg.currency);
		b->beyond++;
	}
	if (!rc)
		b->refused_docs += sum.refused;
	return rc;
}

static enum exit_code stage_payments(struct batch *b, FILE *out, struct diag *err)
{
	if (!rights_has(b->user, ROLE_BILLING))
		return diag_set(err, EXIT_NOPERM, "'%s' lacks the billing role; no payment was registered", b->user->login);
	struct payment_summary sum;
	struct issuer is = issuer_of(b);
	enum exit_code rc = payments_apply(&b->payments, &b->invoicing, &is, b->opts->output_dir, b->opts->date,
					   b->rejects, &sum, err);
	if (!rc && out)
		fprintf(out, "payments: %ld applied, %ld already applied, %ld credit(s), %ld unmatched; "
			     "invoices: %ld paid, %ld partly paid, %ld not paid\n",
			sum.applied, sum.already, sum.credits, sum.unmatched, sum.paid, sum.partial, sum.open);
	char escompted[64];
	if (!rc && out && sum.escomptes)
		fprintf(out, "payments: %ld escompte credit note(s) issued with Factur-X, %s %s\n", sum.escomptes,
			num_format_dot(sum.escompted, SCALE_CENTS, 2, escompted, sizeof escompted), b->cfg.currency);
	if (!rc && out && sum.refunds)
		fprintf(out, "payments: %ld refund(s) paid back against credit notes\n", sum.refunds);
	/* Then what is overdue is reminded, and the aged balance drawn. */
	struct reminder_summary rs;
	if (!rc)
		rc = reminders_issue(&b->reminders, &is, &b->payments, &rs, err);
	if (!rc && out && rs.reminders)
		fprintf(out, "reminders: %ld reminder(s) issued for %ld overdue invoice(s), %ld formal notice(s)\n",
			rs.reminders, rs.invoices, rs.notices);
	if (!rc && rs.beyond) {
		cli_error("reminders: %ld reminder(s) not issued, the first to %s: their invoices add up beyond "
			  MONEY_SUM_MAX_TEXT " %s, the most a sum of amounts may hold", rs.beyond, rs.beyond_customer,
			  b->cfg.currency);
		b->beyond++;
	}
	if (!rc && (rc = aged_balance_write(&b->cfg, &b->payments, b->opts->output_dir, b->opts->date, err)) == EXIT_DATAERR) {
		/* Too large to add up: said, and the run's status says it. */
		cli_error("payments: %s", err->msg);
		b->beyond++;
		rc = EXIT_OK;
	}
	return rc;
}

const struct batch_stage batch_stages[] = {
	{ "leads", stage_leads, KEEP_LEADS },
	{ "activities", stage_activities, KEEP_LEADS },
	{ "quotes", stage_quotes, KEEP_OPEN_LINES | KEEP_DESCRIPTIONS },
	{ "stock", stage_stock, 0 },
	{ "delivery", stage_delivery, KEEP_DESCRIPTIONS },
	/* credit notes correct any order invoiced before, whatever its state now */
	{ "invoices", stage_invoices, KEEP_OPEN_LINES | KEEP_DESCRIPTIONS },
	{ "payments", stage_payments, 0 },
	{ NULL, NULL, 0 },
};

static int wanted(const char *name, const char *const *only)
{
	if (!only)
		return 1;
	for (; *only; only++)
		if (strcmp(*only, name) == 0)
			return 1;
	return 0;
}

enum exit_code batch_run(const struct options *opts, const char *const *only)
{
	struct batch b;
	struct diag err = { "" };
	FILE *out = opts->quiet ? NULL : stderr;
	unsigned keep = 0;
	for (const struct batch_stage *s = batch_stages; s->name; s++)
		if (wanted(s->name, only))
			keep |= s->keep;
	enum exit_code rc = batch_open(&b, opts, BATCH_DOCUMENTS, keep, &err);
	if (rc) {
		cli_error("%s", err.msg);
		return rc;
	}
	if ((rc = batch_ingest(&b, &err))) {
		cli_error("%s", err.msg);
		batch_abort(&b);
		return rc;
	}
	if (out) {
		batch_summary(&b, out);
		if (b.reg.upgraded)
			fprintf(out, "register: chain computed for %zu line(s) written before it existed\n", b.reg.upgraded);
	}
	/* A stage the user may not run is refused, and the others still run;
	 * any other failure stops the run. */
	int refused = 0;
	for (const struct batch_stage *s = batch_stages; s->name && !rc; s++)
		if (wanted(s->name, only) && (rc = s->run(&b, out, &err))) {
			cli_error("%s: %s", s->name, err.msg);
			if (rc == EXIT_NOPERM) {
				refused = 1;
				rc = EXIT_OK;
			}
		}
	/* Rows rejected, and documents refused (an order that cannot be
	 * invoiced): either is a data error. */
	long rejected = ingest_rejected(&b.in), refused_docs = b.refused_docs, beyond = b.beyond;
	long unread = ingest_data_unread(&b.in);
	if (rc) {
		batch_abort(&b);
		return rc;
	}
	if (out) {
		/* The chain's head, for the firm to keep elsewhere: crmbatch
		 * verify --head then tells a register cut short. */
		struct reg_head head;
		register_head(&b.reg, &head);
		fprintf(out, "register: %lu document(s), head %lu:%s\n", head.count, head.count, head.chain);
	}
	if ((rc = batch_close(&b, &err))) {
		cli_error("%s", err.msg);
		return rc;
	}
	if (rejected)
		cli_error("%ld row(s) rejected: see %s/rejects.csv", rejected, opts->output_dir);
	if (refused_docs)
		cli_error("%ld document(s) not issued: see %s/rejects.csv", refused_docs, opts->output_dir);
	if (unread)
		cli_error("%ld column(s) of data not read: see %s/rejects.csv", unread, opts->output_dir);
	return refused ? EXIT_NOPERM : rejected || refused_docs || beyond || unread ? EXIT_DATAERR : EXIT_OK;
}

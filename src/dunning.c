/* dunning: reminders and the aged balance (see include/dunning.h). */
#include "dunning.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "date.h"
#include "money.h"
#include "pdfdoc.h"
#include "sha256.h"
#include "xalloc.h"

void reminders_init(struct reminders *rm, const struct catalog *cat, const char *output_dir)
{
	memset(rm, 0, sizeof *rm);
	rm->cat = cat;
	doclines_init(&rm->lines, DOC_REMINDER, 0, output_dir, "reminder_lines.csv");
}

void reminders_release(struct reminders *rm)
{
	doclines_release(&rm->lines);
}

enum exit_code reminders_load(struct reminders *rm, const struct doc_register *reg, struct diag *err)
{
	return doclines_load(&rm->lines, reg, err);
}

/* The highest level an invoice already had (0: none). In the ledger, an
 * invoice's reminders are lines "invoice, level". */
static int level_sent(const struct reminders *rm, const char *invoice, int levels)
{
	for (int l = levels; l > 0; l--)
		if (doclines_qty(&rm->lines, invoice, l) > 0)
			return l;
	return 0;
}

/* The level an invoice days late has reached (0: none yet). */
static int level_of(const struct dunning *d, int days)
{
	int level = 0;
	for (int l = 0; l < d->nlevels; l++)
		if (days >= d->after_days[l])
			level = l + 1;
	return level;
}

/* An invoice to remind, at a level. */
struct due {
	const struct receivable *r;
	int level;
	int64_t penalty;           /* cents, at penalty_rate; 0 when not computed */
};

static int by_customer_level_invoice(const void *x, const void *y)
{
	const struct due *a = x, *b = y;
	int c = strcmp(a->r->customer, b->r->customer);
	if (c)
		return c;
	if (a->level != b->level)
		return a->level < b->level ? -1 : 1;
	return strcmp(a->r->number, b->r->number);
}

static const enum doc_col reminder_cols[] = { DC_DESC, DC_DAYS_LATE, DC_DUE, DC_PENALTY };
static const enum doc_col reminder_cols_no_penalty[] = { DC_DESC, DC_DAYS_LATE, DC_DUE };

struct reminder_extra {
	const struct due *d;       /* its invoices: d[0..n) */
	size_t n;
};

/* The reminder of one customer at one level: its PDF and register line. */
static void reminder_job(struct doc_job *job, const struct reminders *rm, const struct issuer *is, const struct due *d,
			 size_t n)
{
	const struct config *cfg = is->cfg;
	const struct dunning *dn = &cfg->dunning;
	const struct receivable *r0 = d[0].r;
	const struct partner *p = catalog_customer(rm->cat, r0->customer);
	int level = d[0].level, notice = level == dn->nlevels, business = p && p->is_business;
	char b1[32], b2[32], m1[64], m2[64], m3[64], m4[64];
	struct document *doc = &job->doc;
	struct doc_row *rows = job->rows = xcalloc(n, sizeof *rows);
	int64_t due = 0, penalty = 0;
	for (size_t i = 0; i < n; i++) {
		const struct receivable *r = d[i].r;
		rows[i] = (struct doc_row){ .ref = r->number, .days_late = r->days_late, .due = r->residual,
					    .penalty = d[i].penalty };
		rows[i].description = job_keep(job, xasprintf("Facture %s du %s, échue le %s", r->number,
							      date_format_fr(r->issue_date, b1, sizeof b1),
							      date_format_fr(r->due_date, b2, sizeof b2)));
		due += r->residual;
		penalty += d[i].penalty;
	}
	doc->title = notice ? "Mise en demeure" : level == 1 ? "Relance" : level == 2 ? "Deuxième relance" : "Nouvelle relance";
	doc->date = is->date;
	doc->partner_label = "Client";
	doc->partner = p;
	doc->cols = dn->penalty_rate >= 0 ? reminder_cols : reminder_cols_no_penalty;
	doc->ncols = dn->penalty_rate >= 0 ? 4 : 3;
	doc->rows = rows;
	doc->nrows = n;
	doc->meta[doc->nmeta++] = (struct doc_meta){ "Date", job_keep(job, xstrdup(date_format_fr(is->date, b1, sizeof b1))) };
	doc->meta[doc->nmeta++] = (struct doc_meta){ "Niveau", job_keep(job, xasprintf("%d sur %d%s", level, dn->nlevels,
										  notice ? " (mise en demeure)" : "")) };
	doc->meta[doc->nmeta++] = (struct doc_meta){ "Code client", r0->customer };
	const char *intro = notice
		? "Malgré nos relances, les factures ci-dessus restent impayées. Par la présente, nous vous mettons en "
		  "demeure de nous régler la somme due sous huit jours à compter de la réception de ce courrier ; à "
		  "défaut, nous engagerons une procédure de recouvrement, sans autre avis."
		: level == 1 ? "Sauf erreur ou omission de notre part, les factures ci-dessus restent impayées à ce jour. "
			       "Nous vous remercions de bien vouloir procéder à leur règlement dans les meilleurs délais. "
			       "Si votre paiement est en cours, merci de ne pas tenir compte de ce courrier."
			     : "Malgré notre précédente relance, les factures ci-dessus restent impayées. Nous vous "
			       "prions de procéder à leur règlement sous quinze jours.";
	doc->notes[doc->nnotes++] = intro;
	int64_t indemnity = business ? 4000 * (int64_t)n : 0;
	doc->notes[doc->nnotes++] = job_keep(job, xasprintf(
		"Reste dû : %s.", money_format_fr(due, cfg->currency_symbol, m2, sizeof m2)));
	char rate[32] = "";
	if (dn->penalty_rate >= 0)
		num_format_fr(dn->penalty_rate, SCALE_PERCENT, 2, rate, sizeof rate);
	doc->notes[doc->nnotes++] = job_keep(
		job, dn->penalty_rate >= 0
			     ? xasprintf("Pénalités de retard (C. com. art. L441-10) au taux de %s %% l'an, soit %s au %s, "
					 "calculées du lendemain de l'échéance à ce jour.", rate,
					 money_format_fr(penalty, cfg->currency_symbol, m3, sizeof m3),
					 date_format_fr(is->date, b1, sizeof b1))
			     : xasprintf("Des pénalités de retard sont exigibles au taux de : %s (C. com. art. L441-10).",
					 cfg->late_penalty));
	if (business)
		doc->notes[doc->nnotes++] = job_keep(job, xasprintf(
			"Indemnité forfaitaire pour frais de recouvrement (C. com. art. L441-10 et D441-5) : 40 € par "
			"facture, soit %s.", money_format_fr(indemnity, cfg->currency_symbol, m4, sizeof m4)));
	doc->notes[doc->nnotes++] = job_keep(job, xasprintf(
		"Total à régler : %s.", money_format_fr(due + penalty + indemnity, cfg->currency_symbol, m1, sizeof m1)));
	if (cfg->company.iban)
		doc->notes[doc->nnotes++] = job_keep(job, xasprintf("Règlement par virement : IBAN %s%s%s.", cfg->company.iban,
								    cfg->company.bic ? " · BIC " : "",
								    cfg->company.bic ? cfg->company.bic : ""));

	struct sha256 h;
	sha256_init(&h);
	fingerprint_field(&h, r0->customer);
	fingerprint_num(&h, level);
	for (size_t i = 0; i < n; i++) {
		fingerprint_field(&h, d[i].r->number);
		fingerprint_num(&h, d[i].r->residual);
	}
	char src[256];
	date_format_iso(is->date, b1, sizeof b1);
	snprintf(src, sizeof src, "%s/%d/%s", r0->customer, level, b1);
	job->info = (struct issue_info){
		.kind = DOC_REMINDER,
		.source_ref = job_keep(job, xstrdup(src)),
		.partner = r0->partner,
		.subdir = "reminders",
		.total = due,
		.due_date = DATE_NONE,
		.payment_state = "",
	};
	sha256_hex(&h, job->info.content);
}

/* Each invoice's level is recorded before the register names the reminder. */
static enum exit_code save_levels(void *ctx, const struct doc_job *jobs, size_t n, struct diag *err)
{
	struct reminders *rm = ctx;
	size_t before = rm->lines.n;
	for (size_t i = 0; i < n; i++) {
		if (jobs[i].result != ISSUED || jobs[i].rc)
			continue;
		const struct reminder_extra *x = jobs[i].extra;
		for (size_t k = 0; k < x->n; k++)
			doclines_add(&rm->lines, jobs[i].entry.number, x->d[k].r->number, x->d[k].level, "", 1000, NULL,
				     x->d[k].r->customer);
	}
	return doclines_append(&rm->lines, before, err);
}

/* Non-zero when what reminder_job adds up for d[0..n) — the residuals,
 * the penalties, the indemnities and their total — would exceed
 * MONEY_SUM_MAX: such a reminder is not issued, rather than stating a
 * wrapped amount. */
static int reminder_beyond(const struct due *d, size_t n)
{
	int64_t due = 0, penalty = 0, indemnity = 0, total = 0;
	for (size_t i = 0; i < n; i++)
		if (money_sum_add(&due, d[i].r->residual) || money_sum_add(&penalty, d[i].penalty) ||
		    money_sum_add(&indemnity, 4000))
			return 1;
	return money_sum_add(&total, due) || money_sum_add(&total, penalty) || money_sum_add(&total, indemnity);
}

enum exit_code reminders_issue(struct reminders *rm, struct issuer *is, const struct payments *ps,
			       struct reminder_summary *sum, struct diag *err)
{
	const struct dunning *dn = &is->cfg->dunning;
	memset(sum, 0, sizeof *sum);
	struct due *d = xcalloc(ps->nrecv ? ps->nrecv : 1, sizeof *d);
	size_t nd = 0;
	for (size_t i = 0; i < ps->nrecv; i++) {
		const struct receivable *r = &ps->recv[i];
		if (r->to_refund || r->residual <= 0 || r->due_date == DATE_NONE)
			continue;
		int level = level_of(dn, r->days_late);
		if (level == 0 || level <= level_sent(rm, r->number, dn->nlevels))
			continue;
		int64_t penalty = 0;
		if (dn->penalty_rate > 0 &&
		    div_round((__int128)r->residual * dn->penalty_rate * r->days_late, (int64_t)10000 * 365, &penalty))
			penalty = 0;
		d[nd++] = (struct due){ r, level, penalty };
	}
	if (nd)
		qsort(d, nd, sizeof *d, by_customer_level_invoice);
	size_t njobs = 0;
	for (size_t i = 0; i < nd; i++)
		njobs += i == 0 || strcmp(d[i].r->customer, d[i - 1].r->customer) || d[i].level != d[i - 1].level;
	struct doc_job *jobs = xcalloc(njobs ? njobs : 1, sizeof *jobs);
	struct reminder_extra *extra = xcalloc(njobs ? njobs : 1, sizeof *extra);
	size_t j = 0;
	for (size_t a = 0, b; a < nd; a = b) {
		for (b = a + 1; b < nd && !strcmp(d[b].r->customer, d[a].r->customer) && d[b].level == d[a].level; b++)
			;
		if (reminder_beyond(d + a, b - a)) {
			if (!sum->beyond++)
				sum->beyond_customer = d[a].r->customer;
			continue;
		}
		extra[j] = (struct reminder_extra){ d + a, b - a };
		reminder_job(&jobs[j], rm, is, d + a, b - a);
		jobs[j].extra = &extra[j];
		sum->notices += d[a].level == dn->nlevels;
		sum->invoices += (long)(b - a);
		j++;
	}
	is->before_append = save_levels;
	is->hook_ctx = rm;
	njobs = j; /* less those beyond MONEY_SUM_MAX */
	enum exit_code rc = njobs ? issue_jobs(is, jobs, njobs, err) : EXIT_OK;
	is->before_append = NULL;
	for (size_t k = 0; k < njobs; k++) {
		sum->reminders += !rc && jobs[k].result == ISSUED;
		job_release(&jobs[k]);
	}
	if (rc)
		sum->invoices = sum->notices = 0;
	free(jobs);
	free(extra);
	free(d);
	return rc;
}

/* --- the aged balance ------------------------------------------------------ */

static const enum doc_col aged_cols[] = { DC_CUSTOMER, DC_NOT_DUE, DC_LATE_30, DC_LATE_60, DC_LATE_90, DC_LATE_MORE,
					  DC_AGED_TOTAL };

enum exit_code aged_balance_write(const struct config *cfg, const struct payments *ps, const char *output_dir,
				  int32_t date, struct diag *err)
{
	/* One row per customer, in the order of their first receivable; the
	 * last row the totals. */
	struct doc_row *rows = xcalloc(ps->nrecv + 1, sizeof *rows);
	char **names = xcalloc(ps->nrecv + 1, sizeof *names);
	size_t n = 0;
	int64_t total[6] = { 0 };
	int beyond = 0;
	for (size_t i = 0; i < ps->nrecv; i++) {
		const struct receivable *r = &ps->recv[i];
		if (r->to_refund || r->residual <= 0)
			continue;
		size_t k;
		for (k = 0; k < n && strcmp(rows[k].ref, r->customer) != 0; k++)
			;
		if (k == n) {
			rows[n].ref = r->customer;
			names[n] = xasprintf("%s (%s)", r->partner, r->customer);
			rows[n].description = names[n];
			n++;
		}
		int b = receivable_bucket(r->days_late);
		/* The total is the largest sum; the bucket's and the
		 * customer's are parts of it. */
		if (money_sum_add(&total[5], r->residual)) {
			beyond = 1;
			break;
		}
		rows[k].aged[b] += r->residual;
		rows[k].aged[5] += r->residual;
		total[b] += r->residual;
	}
	if (beyond) {
		for (size_t k = 0; k < n; k++)
			free(names[k]);
		free(names);
		free(rows);
		return diag_set(err, EXIT_DATAERR, "aged-balance.pdf: the receivables add up beyond " MONEY_SUM_MAX_TEXT
				" %s, the most a sum of amounts may hold: not drawn", cfg->currency);
	}
	rows[n].description = "Total";
	memcpy(rows[n].aged, total, sizeof total);
	char b1[32], m1[64], m2[64];
	struct document doc = { 0 };
	doc.title = "Balance âgée des clients";
	doc.number = "";
	doc.date = date;
	doc.cols = aged_cols;
	doc.ncols = sizeof aged_cols / sizeof *aged_cols;
	doc.rows = rows;
	doc.nrows = n + 1;
	doc.meta[doc.nmeta++] = (struct doc_meta){ "Au", date_format_fr(date, b1, sizeof b1) };
	char *note = xasprintf("Reste dû par client selon l'ancienneté du retard (jours après l'échéance), "
			       "comme dans receivables.csv : %s au total, dont %s échus.",
			       money_format_fr(total[5], cfg->currency_symbol, m1, sizeof m1),
			       money_format_fr(total[5] - total[0], cfg->currency_symbol, m2, sizeof m2));
	doc.notes[doc.nnotes++] = note;
	unsigned char *pdf = NULL;
	size_t len = 0;
	enum exit_code rc = pdfdoc_render(cfg, &doc, &pdf, &len, err);
	if (!rc) {
		char *path = xasprintf("%s/aged-balance.pdf", output_dir);
		rc = atomic_write(path, pdf, len, err);
		free(path);
	}
	free(pdf);
	free(note);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(rows);
	return rc;
}

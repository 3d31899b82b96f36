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
	rm->by_level = keyset_new();
	rm->dates = keyset_new();
}

void reminders_release(struct reminders *rm)
{
	doclines_release(&rm->lines);
	keyset_free(rm->by_level);
	keyset_free(rm->dates);
}

static char *level_key(const char *invoice, int level)
{
	return xasprintf("%s\t%d", invoice, level);
}

enum exit_code reminders_load(struct reminders *rm, const struct doc_register *reg, struct diag *err)
{
	enum exit_code rc = doclines_load(&rm->lines, reg, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < rm->lines.n; i++) {
		char *key = level_key(doc_line_order(&rm->lines, &rm->lines.v[i]), rm->lines.v[i].line);
		keyset_set(rm->by_level, key, (long)i);
		free(key);
	}
	for (size_t i = 0; i < reg->n; i++)
		if (reg->v[i].kind == DOC_REMINDER)
			keyset_set(rm->dates, reg->v[i].number, reg->v[i].issue_date);
	return EXIT_OK;
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

/* The reminder that took an invoice to a level, and its date: 0, or -1
 * when none did. */
static int reminder_sent(const struct reminders *rm, const char *invoice, int level, const char **number,
			 int32_t *date)
{
	char *key = level_key(invoice, level);
	long i, d = 0;
	int found = keyset_get(rm->by_level, key, &i);
	free(key);
	if (!found)
		return -1;
	*number = doc_line_doc(&rm->lines, &rm->lines.v[i]);
	keyset_get(rm->dates, *number, &d);
	*date = (int32_t)d;
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

/* The last level is the formal notice, unless it is the only one: a
 * customer's first letter for an invoice is never a mise en demeure. */
static int is_notice(const struct dunning *d, int level)
{
	return level == d->nlevels && level > 1;
}

/* The penalties of an invoice at a yearly rate (1/100 %): simple interest
 * on each amount for the days it was late, the yearly rate over 365 days
 * (actual days, the day of the due date itself not late): what is still
 * due, from the due date to today; each payment received after the due
 * date, from the due date to the day it was received. What credit notes
 * took off was never owed. One rounding, of the sum, to the cent. */
static int64_t late_penalty(const struct receivable *r, int64_t rate, int32_t today)
{
	__int128 cent_days = (__int128)r->residual * r->days_late;
	for (size_t i = 0; i < r->nreceipts; i++) {
		int32_t until = r->receipts[i].date < today ? r->receipts[i].date : today;
		if (until > r->due_date)
			cent_days += (__int128)r->receipts[i].amount * (until - r->due_date);
	}
	int64_t v;
	return div_round(cent_days * rate, (int64_t)10000 * 365, &v) ? 0 : v;
}

/* Whether some payment of r came in after its due date. */
static int paid_late(const struct receivable *r)
{
	for (size_t i = 0; i < r->nreceipts; i++)
		if (r->receipts[i].date > r->due_date)
			return 1;
	return 0;
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

/* "Madame, Monsieur,", or by the civility of the person written to. */
static const char *salutation(const struct partner *p)
{
	const char *civ = p ? p->civility : NULL;
	return civ && strcmp(civ, "M.") == 0 ? "Monsieur," : civ && strcmp(civ, "Mme") == 0 ? "Madame,"
											 : "Madame, Monsieur,";
}

/* A reminder sent before, as the letter cites it. */
struct earlier {
	const char *number;
	int32_t date;
};

static int by_date_number(const void *x, const void *y)
{
	const struct earlier *a = x, *b = y;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return strcmp(a->number, b->number);
}

/* "notre relance n° REL-1 du 14/09/2023", "nos relances n° REL-1 du ...
 * et n° REL-2 du ...": the reminders the letter's invoices did get before
 * its level (allocated), or NULL when none was sent. */
static char *earlier_reminders(const struct reminders *rm, const struct due *d, size_t n)
{
	struct earlier *e = NULL;
	size_t ne = 0, cap = 0;
	for (size_t i = 0; i < n; i++)
		for (int l = 1; l < d[i].level; l++) {
			struct earlier x;
			if (reminder_sent(rm, d[i].r->number, l, &x.number, &x.date))
				continue;
			size_t k;
			for (k = 0; k < ne && strcmp(e[k].number, x.number); k++)
				;
			if (k < ne)
				continue;
			if (ne == cap) {
				cap = cap ? 2 * cap : 4;
				e = xrealloc(e, cap * sizeof *e);
			}
			e[ne++] = x;
		}
	if (!ne)
		return NULL;
	qsort(e, ne, sizeof *e, by_date_number);
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		abort(); /* out of memory, as xmalloc would */
	fputs(ne == 1 ? "notre relance" : "nos relances", mem);
	for (size_t k = 0; k < ne; k++) {
		char b[32];
		fprintf(mem, "%s n° %s du %s", k == 0 ? "" : k + 1 == ne ? " et" : ",", e[k].number,
			date_format_fr(e[k].date, b, sizeof b));
	}
	fclose(mem);
	free(e);
	return text;
}

/* The reminder of one customer at one level: its PDF and register line.
 * To a business, the commercial penalties and the 40 EUR indemnity of
 * C. com. L441-10 and D441-5; to a consumer neither (they are rules
 * between professionals), but from the formal notice on the interest at
 * the legal rate, when [dunning] consumer_rate gives it (C. civ. 1231-6
 * and 1344-1: the mise en demeure makes it run). */
static void reminder_job(struct doc_job *job, const struct reminders *rm, const struct issuer *is, const struct due *d,
			 size_t n)
{
	const struct config *cfg = is->cfg;
	const struct dunning *dn = &cfg->dunning;
	const char *cur = cfg->currency_symbol;
	const struct receivable *r0 = d[0].r;
	const struct partner *p = catalog_customer(rm->cat, r0->customer);
	int level = d[0].level, notice = is_notice(dn, level), business = p && p->is_business;
	int penalties = business && dn->penalty_rate >= 0, late_receipts = 0;
	char b1[32], b2[32], m1[64], m2[64], m3[64], m4[64];
	struct document *doc = &job->doc;
	struct doc_row *rows = job->rows = xcalloc(n, sizeof *rows);
	int64_t due = 0, penalty = 0;
	for (size_t i = 0; i < n; i++) {
		const struct receivable *r = d[i].r;
		rows[i] = (struct doc_row){ .ref = r->number, .days_late = r->days_late, .due = r->residual,
					    .penalty = d[i].penalty };
		char *what = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&what, &len);
		if (!mem)
			abort(); /* out of memory, as xmalloc would */
		fprintf(mem, "Facture %s du %s, échue le %s", r->number, date_format_fr(r->issue_date, b1, sizeof b1),
			date_format_fr(r->due_date, b2, sizeof b2));
		if (r->paid > 0 || r->credited > 0) {
			/* Partly settled: what was invoiced and received, the
			 * column saying what is left. */
			fprintf(mem, " (facturée %s", money_format_fr(r->total, cur, m1, sizeof m1));
			if (r->credited > 0)
				fprintf(mem, ", avoir %s", money_format_fr(r->credited, cur, m1, sizeof m1));
			if (r->nreceipts > 0 && r->nreceipts <= 3) /* each with its day: the penalties count them */
				for (size_t k = 0; k < r->nreceipts; k++)
					fprintf(mem, "%s %s le %s", k == 0 ? ", reçu" : k + 1 == r->nreceipts ? " et" : ",",
						money_format_fr(r->receipts[k].amount, cur, m1, sizeof m1),
						date_format_fr(r->receipts[k].date, b1, sizeof b1));
			else if (r->paid > 0)
				fprintf(mem, ", reçu %s en %zu règlements", money_format_fr(r->paid, cur, m1, sizeof m1),
					r->nreceipts);
			fputc(')', mem);
		}
		fclose(mem);
		rows[i].description = job_keep(job, what);
		due += r->residual;
		penalty += d[i].penalty;
		late_receipts |= paid_late(r);
	}
	doc->title = notice ? "Mise en demeure" : level == 1 ? "Relance" : level == 2 ? "Deuxième relance" : "Nouvelle relance";
	doc->date = is->date;
	doc->partner_label = "Client";
	doc->partner = p;
	doc->cols = penalties ? reminder_cols : reminder_cols_no_penalty;
	doc->ncols = penalties ? 4 : 3;
	doc->rows = rows;
	doc->nrows = n;
	doc->meta[doc->nmeta++] = (struct doc_meta){ "Date", job_keep(job, xstrdup(date_format_fr(is->date, b1, sizeof b1))) };
	doc->meta[doc->nmeta++] = (struct doc_meta){ "Code client", r0->customer };
	if (notice)
		doc->meta[doc->nmeta++] = (struct doc_meta){ "Envoi", "Lettre recommandée avec accusé de réception" };

	int64_t indemnity = business ? 4000 * (int64_t)n : 0;
	int64_t total = due + (penalties ? penalty : 0) + indemnity;
	const char *dear = salutation(p);
	doc->notes[doc->nnotes++] = dear;
	/* "Malgré nos relances" only when reminders were sent. */
	char *earlier = level > 1 ? earlier_reminders(rm, d, n) : NULL;
	char *lead = earlier ? xasprintf("Malgré %s, les", earlier) : xstrdup("Les");
	if (notice)
		doc->notes[doc->nnotes++] = job_keep(job, xasprintf(
			"%s sommes ci-dessus restent dues. Par la présente, nous vous mettons en demeure de nous régler "
			"la somme de %s sous huit jours à compter de la réception de ce courrier ; à défaut, nous "
			"engagerons une procédure de recouvrement, sans autre avis.", lead,
			money_format_fr(total, cur, m1, sizeof m1)));
	else if (earlier)
		doc->notes[doc->nnotes++] = job_keep(job, xasprintf(
			"%s sommes ci-dessus restent dues. Nous vous prions de procéder à leur règlement sous quinze "
			"jours.", lead));
	else
		doc->notes[doc->nnotes++] = "Sauf erreur ou omission de notre part, les sommes ci-dessus restent dues à ce "
					    "jour. Nous vous remercions de bien vouloir procéder à leur règlement dans les "
					    "meilleurs délais. Si votre paiement est en cours, merci de ne pas tenir compte "
					    "de ce courrier.";
	free(lead);
	free(earlier);
	doc->notes[doc->nnotes++] = job_keep(job, xasprintf("Reste dû : %s.", money_format_fr(due, cur, m2, sizeof m2)));
	char rate[32] = "";
	if (penalties) {
		num_format_fr(dn->penalty_rate, SCALE_PERCENT, 2, rate, sizeof rate);
		doc->notes[doc->nnotes++] = job_keep(job, xasprintf(
			"Pénalités de retard (C. com. art. L441-10) au taux de %s %% l'an, soit %s au %s, calculées du "
			"lendemain de l'échéance à ce jour sur le reste dû%s.", rate, money_format_fr(penalty, cur, m3, sizeof m3),
			date_format_fr(is->date, b1, sizeof b1),
			late_receipts ? ", et jusqu'au jour de leur réception sur les règlements reçus en retard" : ""));
	} else if (business) {
		doc->notes[doc->nnotes++] = job_keep(job, xasprintf(
			"Pénalités de retard (C. com. art. L441-10), exigibles sans rappel depuis le lendemain de "
			"l'échéance : %s.", cfg->late_penalty));
	}
	if (business)
		doc->notes[doc->nnotes++] = job_keep(job, xasprintf(
			"Indemnité forfaitaire pour frais de recouvrement (C. com. art. L441-10 et D441-5) : 40 € par "
			"facture, soit %s.", money_format_fr(indemnity, cur, m4, sizeof m4)));
	if (!business && notice && dn->consumer_rate >= 0) {
		num_format_fr(dn->consumer_rate, SCALE_PERCENT, 2, rate, sizeof rate);
		doc->notes[doc->nnotes++] = job_keep(job, xasprintf(
			"À compter de la présente mise en demeure, la somme de %s porte intérêt au taux de l'intérêt "
			"légal, %s %% l'an (C. civ. art. 1231-6 et 1344-1).", money_format_fr(due, cur, m2, sizeof m2), rate));
	}
	doc->notes[doc->nnotes++] = job_keep(job, xasprintf("Total à régler : %s.", money_format_fr(total, cur, m1, sizeof m1)));
	if (cfg->company.iban)
		doc->notes[doc->nnotes++] = job_keep(job, xasprintf("Règlement par virement : IBAN %s%s%s.", cfg->company.iban,
								    cfg->company.bic ? " · BIC " : "",
								    cfg->company.bic ? cfg->company.bic : ""));
	doc->notes[doc->nnotes++] = job_keep(job, xasprintf("Veuillez agréer, %s l'expression de nos salutations "
							    "distinguées.", dear));
	doc->notes[doc->nnotes++] = cfg->company.signatory ? cfg->company.signatory : cfg->company.name;

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
		/* What the letter claims, "Total à régler": the amounts still
		 * due (as invoiced, VAT included) and the penalties and
		 * indemnities, which bear no VAT. A reminder is no supply: no
		 * tax of its own, so untaxed + tax = total. */
		.untaxed = total,
		.tax = 0,
		.total = total,
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
		int sent = level_sent(rm, r->number, dn->nlevels);
		if (sent >= dn->nlevels || level_of(dn, r->days_late) <= sent)
			continue;
		/* One level a day: an invoice that went past several since the
		 * last run (runs were missed) gets the first not yet sent, the
		 * next on a later run, so that the formal notice never comes
		 * first and each letter follows those it cites. */
		const char *last;
		int32_t last_date;
		if (sent && !reminder_sent(rm, r->number, sent, &last, &last_date) && last_date >= is->date)
			continue;
		int64_t penalty = 0;
		const struct partner *p = catalog_customer(rm->cat, r->customer);
		if (dn->penalty_rate > 0 && p && p->is_business)
			penalty = late_penalty(r, dn->penalty_rate, is->date);
		d[nd++] = (struct due){ r, sent + 1, penalty };
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
		sum->notices += is_notice(dn, d[a].level);
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
					  DC_TO_REFUND, DC_AGED_TOTAL };

enum exit_code aged_balance_write(const struct config *cfg, const struct payments *ps, const char *output_dir,
				  int32_t date, struct diag *err)
{
	/* One row per customer, in the order of their first receivable; the
	 * last row the totals. */
	struct doc_row *rows = xcalloc(ps->nrecv + 1, sizeof *rows);
	char **names = xcalloc(ps->nrecv + 1, sizeof *names);
	size_t n = 0;
	int64_t total[7] = { 0 };
	int beyond = 0;
	for (size_t i = 0; i < ps->nrecv; i++) {
		const struct receivable *r = &ps->recv[i];
		if (!r->residual)
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
		/* What the firm owes the customer (a credit note beyond what its
		 * invoice owed, an overpayment) is a negative amount of its
		 * own, "à rembourser", in the customer's total: the total is
		 * the customer's balance, as receivables.csv and the 411
		 * account have it. */
		int b = r->to_refund || r->residual < 0 ? 6 : receivable_bucket(r->days_late);
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
	char m3[64];
	char *note = xasprintf("Solde par client selon l'ancienneté du retard (jours après l'échéance) : "
			       "%s au total, dont %s échus%s%s%s.",
			       money_format_fr(total[5], cfg->currency_symbol, m1, sizeof m1),
			       money_format_fr(total[1] + total[2] + total[3] + total[4], cfg->currency_symbol, m2, sizeof m2),
			       total[6] ? " et " : "",
			       total[6] ? money_format_fr(-total[6], cfg->currency_symbol, m3, sizeof m3) : "",
			       total[6] ? " à rembourser" : "");
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

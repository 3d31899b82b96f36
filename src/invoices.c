/* invoices: what to invoice, the legal mentions, Factur-X (see include/invoices.h). */
#include "invoices.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "csvread.h"
#include "csvwrite.h"
#include "date.h"
#include "facturx.h"
#include "money.h"
#include "terms.h"
#include "xalloc.h"

void invoicing_init(struct invoicing *iv, const struct config *cfg, const struct orders *os)
{
	memset(iv, 0, sizeof *iv);
	iv->cfg = cfg;
	iv->orders = os;
	iv->qty_by_line = keyset_new();
	iv->line_by_invoice = keyset_new();
}

static void line_free(struct invoiced_line *l)
{
	free(l->invoice);
	free(l->order_ref);
	free(l->product);
	free(l->customer);
}

void invoicing_release(struct invoicing *iv)
{
	for (size_t i = 0; i < iv->n; i++)
		line_free(&iv->v[i]);
	free(iv->v);
	keyset_free(iv->qty_by_line);
	keyset_free(iv->line_by_invoice);
	memset(iv, 0, sizeof *iv);
}

static void add_line(struct invoicing *iv, const char *invoice, const char *order_ref, int line, const char *product,
		     int64_t qty, const char *customer)
{
	if (iv->n == iv->cap) {
		iv->cap = iv->cap ? 2 * iv->cap : 64;
		iv->v = xrealloc(iv->v, iv->cap * sizeof *iv->v);
	}
	struct invoiced_line *l = &iv->v[iv->n++];
	l->invoice = xstrdup(invoice);
	l->order_ref = xstrdup(order_ref);
	l->product = xstrdup(product);
	l->customer = xstrdup(customer);
	l->line = line;
	l->qty = qty;
	/* Indexes, so that a large day stays linear. */
	char key[512];
	long sum = 0;
	snprintf(key, sizeof key, "%s\t%d", order_ref, line);
	keyset_get(iv->qty_by_line, key, &sum);
	keyset_set(iv->qty_by_line, key, sum + (long)qty);
	keyset_add(iv->line_by_invoice, invoice, (long)(iv->n - 1), NULL);
}

#define LINES_HEADER "invoice,order_ref,line,product,qty,customer\n"

static void put_line(FILE *fp, const struct invoiced_line *l)
{
	char n[16], q[32];
	snprintf(n, sizeof n, "%d", l->line);
	const char *f[] = { l->invoice, l->order_ref, n, l->product, num_format_dot(l->qty, SCALE_QTY, SCALE_QTY, q, sizeof q),
			    l->customer };
	for (size_t k = 0; k < 6; k++)
		csv_write_field(fp, f[k], k == 5);
}

/* Writes every line in memory as the whole file, atomically. */
static enum exit_code rewrite_lines(const struct invoicing *iv, const char *path, struct diag *err)
{
	struct atomic_file af;
	enum exit_code rc = atomic_open(&af, path, err);
	if (rc)
		return rc;
	fputs(LINES_HEADER, af.fp);
	for (size_t i = 0; i < iv->n; i++)
		put_line(af.fp, &iv->v[i]);
	return atomic_commit(&af, err);
}

struct loading {
	struct invoicing *iv;
	struct keyset *registered;
	long dropped;
};

static int on_line(void *ctx, const struct csv_row *row)
{
	struct loading *l = ctx;
	int64_t qty;
	if (row->index == 0 || row->n != 6)
		return 0;
	/* A line of an invoice that never reached the register: that invoice
	 * does not exist (a run killed between the two). */
	if (!keyset_get(l->registered, row->field[0], NULL)) {
		l->dropped++;
		return 0;
	}
	if (num_parse(row->field[4], SCALE_QTY, 0, &qty) != NUM_OK)
		return EXIT_IOERR;
	add_line(l->iv, row->field[0], row->field[1], atoi(row->field[2]), row->field[3], qty, row->field[5]);
	return 0;
}

enum exit_code invoicing_load(struct invoicing *iv, const struct doc_register *reg, const char *output_dir,
			      struct diag *err)
{
	iv->output_dir = output_dir;
	char *path = xasprintf("%s/invoice_lines.csv", output_dir);
	struct stat st;
	enum exit_code rc = EXIT_OK;
	if (stat(path, &st) == 0 && !(rc = atomic_repair_tail(path, err))) {
		struct loading l = { iv, keyset_new(), 0 };
		for (size_t i = 0; i < reg->n; i++)
			if (reg->v[i].kind == DOC_INVOICE)
				keyset_add(l.registered, reg->v[i].number, 1, NULL);
		struct csv_reader_ops ops = { on_line, NULL, NULL, &l };
		err->msg[0] = '\0';
		rc = csv_read_file(path, &ops, NULL, err);
		if (rc == EXIT_IOERR && !err->msg[0])
			diag_set(err, rc, "%s: damaged line", path);
		keyset_free(l.registered);
		/* Lines of an invoice a killed run never registered: that number
		 * will be given again, so they go, or they would count twice. */
		if (!rc && l.dropped)
			rc = rewrite_lines(iv, path, err);
	}
	free(path);
	return rc;
}

/* Appends lines [from, n) to output/invoice_lines.csv and fsyncs: an
 * append-only file, since lines of an invoice that never reached the
 * register are ignored when it is read back. */
static enum exit_code append_lines(const struct invoicing *iv, size_t from, struct diag *err)
{
	char *path = xasprintf("%s/invoice_lines.csv", iv->output_dir);
	struct stat st;
	int fresh = stat(path, &st) != 0;
	FILE *fp = fopen(path, "a");
	enum exit_code rc = EXIT_OK;
	if (!fp) {
		rc = diag_errno(err, EXIT_CANTCREAT, errno, "%s: cannot open", path);
		free(path);
		return rc;
	}
	if (fresh)
		fputs(LINES_HEADER, fp);
	for (size_t i = from; i < iv->n; i++)
		put_line(fp, &iv->v[i]);
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0)
		rc = diag_errno(err, EXIT_IOERR, errno, "%s: cannot write", path);
	if (fclose(fp) != 0 && !rc)
		rc = diag_errno(err, EXIT_IOERR, errno, "%s: cannot write", path);
	if (!rc && fresh)
		fsync_parent_dir(path);
	free(path);
	return rc;
}

const char *invoicing_customer(const struct invoicing *iv, const char *invoice)
{
	long i;
	return keyset_get(iv->line_by_invoice, invoice, &i) ? iv->v[i].customer : NULL;
}

static int64_t already_invoiced(const struct invoicing *iv, const char *order_ref, int line)
{
	char key[512];
	long q = 0;
	snprintf(key, sizeof key, "%s\t%d", order_ref, line);
	keyset_get(iv->qty_by_line, key, &q);
	return q;
}

/* --- one invoice ----------------------------------------------------------- */

static const enum doc_col invoice_cols[] = { DC_DESC, DC_QTY, DC_UNIT_PRICE, DC_DISCOUNT, DC_TAX, DC_AMOUNT };

/* What an invoice job carries beyond the document: which order lines, the
 * XML, the installments. */
struct invoice_extra {
	const struct order *order;
	int lines[256];             /* 1-based order lines invoiced, in row order */
	struct totals totals;
	int32_t due;
	const char *term, *process, *penalty, *escompte;
	int business;
	char *xml;
	size_t xml_len;
};

static const char *fr_money(int64_t cents, const char *sign, char *buf, size_t size)
{
	return money_format_fr(cents, sign, buf, size);
}

/* Builds the invoice of order o for the quantities to invoice; 0 when
 * nothing is to invoice. */
static int build_invoice(struct doc_job *job, struct invoice_extra *x, const struct invoicing *iv,
			 const struct issuer *is, const struct order *o, int draft)
{
	const struct config *cfg = iv->cfg;
	size_t n = 0;
	struct price_input in[256];
	struct priced_line out[256];
	memset(job, 0, sizeof *job);
	struct doc_row *rows = job->rows = xcalloc(o->nlines ? o->nlines : 1, sizeof *rows);
	int goods = 0, services = 0;
	for (size_t k = 0; k < o->nlines && n < 256; k++) {
		const struct order_line *l = &o->lines[k];
		int64_t basis = l->product->invoice_policy == POLICY_ORDERED ? l->price.qty : l->qty_delivered;
		int64_t qty = basis - already_invoiced(iv, o->ref, (int)k + 1);
		if (qty <= 0)
			continue;
		in[n] = l->price;
		in[n].qty = qty;
		pricing_line(&in[n], &out[n]);
		rows[n] = (struct doc_row){ .ref = l->product->code, .description = order_line_description(l), .qty = qty,
					    .unit_price = l->price.unit_price, .discount = l->price.discount,
					    .tax_rate = l->price.tax ? l->price.tax->rate : 0, .amount = out[n].untaxed };
		x->lines[n] = (int)k + 1;
		if (l->product->type == TYPE_SERVICE)
			services = 1;
		else
			goods = 1;
		n++;
	}
	if (n == 0) {
		free(job->rows);
		job->rows = NULL;
		return 0;
	}
	x->order = o;
	pricing_totals(in, out, n, cfg->rounding, &x->totals);

	const struct partner *cust = o->customer;
	const char *term_name = o->payment_term ? o->payment_term
				: cust && cust->payment_term ? cust->payment_term
				: cfg->terms[cfg->default_term].name;
	const struct payment_term *pt = config_term(cfg, term_name);
	struct payment_terms terms;
	char why[256], buf[64], m1[64];
	terms_parse(pt ? pt->expr : "balance", &terms, why, sizeof why);
	struct installment inst[TERMS_MAX_INSTALLMENTS];
	int ni = terms_due_dates(&terms, is->date, x->totals.total, inst, TERMS_MAX_INSTALLMENTS);
	int32_t due = is->date;
	for (int i = 0; i < ni; i++)
		if (inst[i].date > due)
			due = inst[i].date;

	struct document *d = &job->doc;
	d->title = draft ? "Facture (brouillon)" : "Facture";
	d->date = is->date;
	d->partner_label = "Client";
	d->partner = cust;
	d->cols = invoice_cols;
	d->ncols = sizeof invoice_cols / sizeof *invoice_cols;
	d->rows = rows;
	d->nrows = n;
	d->totals = &x->totals;
#define META(L, V) (d->meta[d->nmeta].label = (L), d->meta[d->nmeta++].value = (V))
	META("Date de facture", job_keep(job, xstrdup(date_format_fr(is->date, buf, sizeof buf))));
	META("Date de livraison", job_keep(job, xstrdup(date_format_fr(is->date, buf, sizeof buf))));
	META("Échéance", job_keep(job, xstrdup(date_format_fr(due, buf, sizeof buf))));
	META("Votre commande", o->ref);
	META("Code client", o->customer_code);
	if (cust && cust->siren)
		META("SIREN client", cust->siren);
#undef META
	const char *sign = cfg->currency_symbol;
	const char *nature = goods && services ? "livraison de biens et prestation de services"
			     : services ? "prestation de services" : "livraison de biens";
	d->notes[d->nnotes++] = job_keep(job, xasprintf("Nature de l'opération : %s.", nature));
	/* Installments, each with its date and amount. */
	char *sched = xasprintf("Conditions de paiement : %s. Échéance%s :", term_name, ni > 1 ? "s" : "");
	for (int i = 0; i < ni; i++) {
		char *next = xasprintf("%s%s %s le %s", sched, i ? " ;" : "", fr_money(inst[i].amount, sign, m1, sizeof m1),
				       date_format_fr(inst[i].date, buf, sizeof buf));
		free(sched);
		sched = next;
	}
	d->notes[d->nnotes++] = job_keep(job, sched);
	const char *penalty = job_keep(job, xasprintf("En cas de retard de paiement, pénalités de retard au taux de : %s.",
						      cfg->late_penalty));
	d->notes[d->nnotes++] = penalty;
	const char *indemnity = NULL;
	if (cust && cust->is_business) {
		indemnity = "Indemnité forfaitaire pour frais de recouvrement : 40 €.";
		d->notes[d->nnotes++] = indemnity;
	}
	const char *escompte = "Pas d'escompte pour paiement anticipé.";
	if (pt && pt->escompte) {
		char pc[32];
		num_format_fr(pt->escompte, SCALE_PERCENT, 2, pc, sizeof pc);
		escompte = job_keep(job, xasprintf("Escompte de %s %% pour paiement sous %d jours.", pc, pt->escompte_days));
	}
	x->escompte = escompte;
	d->notes[d->nnotes++] = escompte;
	if (cfg->company.iban)
		d->notes[d->nnotes++] = job_keep(job, xasprintf("Règlement par virement : IBAN %s%s%s.", cfg->company.iban,
								cfg->company.bic ? " · BIC " : "", cfg->company.bic ? cfg->company.bic : ""));

	if (cust && cust->is_business && !cust->siren && !draft)
		fprintf(stderr, "crmbatch: warning: invoice for %s (%s): a business customer without SIREN; its Factur-X "
				"will not pass the French e-invoicing rules\n", cust->name, o->customer_code);
	x->due = due;
	x->term = term_name;
	x->process = goods && services ? "M1" : services ? "S1" : "B1";
	x->penalty = penalty;
	x->business = cust && cust->is_business;

	struct sha256 h;
	sha256_init(&h);
	fingerprint_field(&h, o->ref);
	for (size_t k = 0; k < n; k++) {
		fingerprint_num(&h, x->lines[k]);
		fingerprint_num(&h, rows[k].qty);
		fingerprint_num(&h, rows[k].amount);
	}
	/* Each invoice of an order is its own document: "SO-1#1", "SO-1#2"... */
	char source[160];
	for (int k = 1;; k++) {
		snprintf(source, sizeof source, "%s#%d", o->ref, k);
		if (!register_latest(is->reg, DOC_INVOICE, source))
			break;
	}
	job->info = (struct issue_info){
		.kind = DOC_INVOICE,
		.source_ref = job_keep(job, xstrdup(source)),
		.partner = cust ? cust->name : o->customer_code,
		.subdir = "invoices",
		.untaxed = x->totals.untaxed,
		.tax = x->totals.tax,
		.total = x->totals.total,
		.due_date = due,
		.payment_state = "not_paid",
	};
	sha256_hex(&h, job->info.content);
	return 1;
}

/* In a render thread, once numbered: the Factur-X XML, embedded in the PDF. */
static void render_xml(struct doc_job *job, const struct issuer *is)
{
	struct invoice_extra *x = job->extra;
	struct facturx_invoice fx = {
		job->entry.number, is->date, is->date, x->due, x->order->customer, x->order->ref, x->term, x->process,
		x->penalty,
		/* The French rules want the PMT note on every invoice; the 40 EUR
		 * indemnity itself applies to business customers only. */
		x->business ? "Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 EUR."
			    : "Indemnité forfaitaire pour frais de recouvrement : non applicable, client non professionnel.",
		x->escompte, job->doc.rows, job->doc.nrows, &x->totals,
	};
	x->xml = facturx_xml(is->cfg, &fx, &x->xml_len);
	job->doc.attachment = x->xml;
	job->doc.attachment_len = x->xml_len;
}

/* The lines invoiced are saved before the register names the invoices: a
 * crash in between leaves lines of an unregistered invoice, dropped on load. */
static enum exit_code save_lines(void *ctx, const struct doc_job *jobs, size_t n, struct diag *err)
{
	struct invoicing *iv = ctx;
	size_t before = iv->n;
	for (size_t i = 0; i < n; i++) {
		const struct doc_job *j = &jobs[i];
		const struct invoice_extra *x = j->extra;
		if (j->result != ISSUED || j->rc)
			continue;
		for (size_t k = 0; k < j->doc.nrows; k++)
			add_line(iv, j->entry.number, x->order->ref, x->lines[k], j->doc.rows[k].ref, j->doc.rows[k].qty,
				 x->order->customer_code);
	}
	enum exit_code rc = append_lines(iv, before, err);
	if (rc) {
		/* Not saved: the invoices will not be registered and the run
		 * stops; the lines leave the memory too (the indexes with them
		 * are rebuilt by the next run from the file). */
		for (size_t i = before; i < iv->n; i++)
			line_free(&iv->v[i]);
		iv->n = before;
	}
	return rc;
}

#define BATCH 256

static void release_jobs(struct doc_job *jobs, struct invoice_extra *extra, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(extra[i].xml);
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
	pdfdoc_file_name(x->order->ref, name, sizeof name);
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

enum exit_code invoices_issue(struct invoicing *iv, struct issuer *is, int draft, struct invoice_summary *sum,
			      struct diag *err)
{
	memset(sum, 0, sizeof *sum);
	struct doc_job *jobs = xcalloc(BATCH, sizeof *jobs);
	struct invoice_extra *extra = xcalloc(BATCH, sizeof *extra);
	size_t n = 0;
	enum exit_code rc = EXIT_OK;
	const struct orders *os = iv->orders;
	/* Orders are in date order: invoice numbers follow it. */
	for (size_t i = 0; i <= os->n && !rc; i++) {
		if (i < os->n) {
			const struct order *o = &os->v[i];
			if (o->state != ORDER_SALE || o->nlines > 256)
				continue;
			if (!build_invoice(&jobs[n], &extra[n], iv, is, o, draft))
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
			is->before_append = save_lines;
			is->hook_ctx = iv;
			rc = issue_jobs(is, jobs, n, err);
			is->before_append = NULL;
			for (size_t k = 0; k < n && !rc; k++)
				if (jobs[k].result == ISSUED) {
					sum->posted++;
					sum->total += jobs[k].info.total;
				}
			release_jobs(jobs, extra, n);
			n = 0;
		}
	}
	release_jobs(jobs, extra, n);
	free(jobs);
	free(extra);
	return rc;
}

/* accounting: entries and the FEC (see include/accounting.h). */
#include "accounting.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "date.h"
#include "keyset.h"
#include "money.h"
#include "xalloc.h"

void books_release(struct books *bk)
{
	for (size_t i = 0; i < bk->n; i++)
		free(bk->v[i].label);
	free(bk->v);
	memset(bk, 0, sizeof *bk);
}

void books_fiscal_year(const struct accounting *a, int32_t date, int32_t *from, int32_t *to)
{
	int y, m, d;
	date_to_ymd(date, &y, &m, &d);
	int32_t end = date_from_ymd(y, a->year_end_month, a->year_end_day);
	if (date > end)
		end = date_from_ymd(y + 1, a->year_end_month, a->year_end_day);
	date_to_ymd(end, &y, &m, &d);
	*to = end;
	*from = date_add_days(date_from_ymd(y - 1, a->year_end_month, a->year_end_day), 1);
}

/* A line and the order of its entry, while the lines are sorted. */
struct keyed {
	struct book_line line;
	long seq;
	size_t index;
};

/* The lines being built, and what the entry being built shares. */
struct building {
	const struct config *cfg;
	const struct books_closed *closed;
	struct keyed *keys;
	size_t nkeys, capkeys;
	long seq;                  /* the entry being built, in creation order */
	int32_t date, piece_date, valid;
	const char *journal, *piece;
	long group;
};

/* "JOURNAL\tPIECE" as a closed FEC holds them (caller frees). */
static char *closed_key(const char *journal, const char *piece)
{
	char *j = fec_text(journal), *p = fec_text(piece), *k = xasprintf("%s\t%s", j, p);
	free(j);
	free(p);
	return k;
}

/* The closed year holding day, or NULL. */
static const struct closed_year *closed_year_of(const struct books_closed *c, int32_t day)
{
	for (size_t i = 0; c && i < c->n; i++)
		if (day >= c->years[i].from && day <= c->years[i].to)
			return &c->years[i];
	return NULL;
}

/* The entry about to be built (its journal, piece, own date and the day
 * of the run that booked it are set): the day it is booked on. Its own,
 * unless its year was closed without it (it came later): nothing is
 * booked in a closed year, so it goes on the run's day, in a year not
 * closed (the day after, should the run's day be in a closed one). */
static void book_entry(struct building *b)
{
	b->date = b->piece_date;
	if (!closed_year_of(b->closed, b->piece_date))
		return;
	char *key = closed_key(b->journal, b->piece);
	int held = keyset_get(b->closed->pieces, key, NULL);
	free(key);
	if (held)
		return;
	const struct closed_year *y;
	for (b->date = b->valid; (y = closed_year_of(b->closed, b->date));)
		b->date = date_add_days(y->to, 1);
	if (b->valid < b->date)
		b->valid = b->date;
}

static void add_line(struct building *b, const char *account, const char *aux, const char *aux_label,
		     const char *label, int64_t debit, int64_t credit)
{
	/* A negative amount is one on the other side. */
	if (debit < 0) {
		credit -= debit;
		debit = 0;
	}
	if (credit < 0) {
		debit -= credit;
		credit = 0;
	}
	if (debit == 0 && credit == 0)
		return;
	if (b->nkeys == b->capkeys) {
		b->capkeys = b->capkeys ? 2 * b->capkeys : 256;
		b->keys = xrealloc(b->keys, b->capkeys * sizeof *b->keys);
	}
	struct keyed *k = &b->keys[b->nkeys];
	k->seq = b->seq;
	k->index = b->nkeys++;
	k->line = (struct book_line){ .journal = b->journal, .date = b->date, .piece_date = b->piece_date,
				      .valid = b->valid, .account = account, .aux = aux, .aux_label = aux_label,
				      .piece = b->piece, .label = xstrdup(label), .debit = debit, .credit = credit,
				      .lettered = DATE_NONE, .group = b->group };
}

/* The lines of document doc in dl (contiguous: a document's lines are
 * appended together): [*first, *end). */
static int doc_range(const struct doc_lines *dl, const char *doc, size_t *first, size_t *end)
{
	long i;
	if (!keyset_get(dl->line_by_doc, doc, &i))
		return 0;
	size_t e = (size_t)i;
	while (e < dl->n && strcmp(doc_line_doc(dl, &dl->v[e]), doc) == 0)
		e++;
	*first = (size_t)i;
	*end = e;
	return 1;
}

/* One revenue or VAT bucket of a document: its revenue account, rate and
 * category. */
struct bucket {
	const char *account;
	int64_t rate;
	enum vat_category category;
	int64_t base, vat;
};

/* Where a line's revenue goes: its tax's own account ([accounting]
 * "revenue NAME"; taxes alike in rate and category share it, see config),
 * else goods or services. */
static const char *tax_revenue(const struct config *cfg, size_t i)
{
	return cfg->accounting.revenue ? cfg->accounting.revenue[i] : NULL;
}
static const char *revenue_account(const struct config *cfg, int64_t rate, enum vat_category category, int service)
{
	for (size_t i = 0; i < cfg->ntaxes; i++)
		if (cfg->taxes[i].rate == rate && cfg->taxes[i].category == category && tax_revenue(cfg, i))
			return tax_revenue(cfg, i);
	return service ? cfg->accounting.services : cfg->accounting.goods;
}

static const struct tax *tax_of(const struct config *cfg, int64_t rate, enum vat_category category)
{
	for (size_t i = 0; i < cfg->ntaxes; i++)
		if (cfg->taxes[i].rate == rate && cfg->taxes[i].category == category && cfg->taxes[i].vat_account)
			return &cfg->taxes[i];
	return NULL;
}

/*
 * The buckets of a stored document: each line's amount to its revenue
 * account, and per VAT breakdown exactly the base and tax the document
 * states (nothing re-rounded: a VAT return is declared from these). When
 * a breakdown's stated base is not its lines' sum (tax-included prices
 * rounded once per rate), the difference is that breakdown's largest
 * revenue bucket's. Returns the number of buckets, or -1 when the
 * document does not add up to its total.
 */
static long stored_buckets(const struct config *cfg, const struct stored_doc *sd, struct bucket **out)
{
	const struct invoice *inv = &sd->inv;
	struct bucket *bu = xcalloc(inv->nlines + inv->totals.nrates + 1, sizeof *bu);
	size_t nb = 0;
	for (size_t i = 0; i < inv->nlines; i++) {
		const struct invoice_line *l = &inv->lines[i];
		int64_t rate = l->tax ? l->tax->rate : 0;
		enum vat_category cat = l->tax ? l->tax->category : VAT_OUTSIDE_SCOPE;
		const char *account = revenue_account(cfg, rate, cat, l->service);
		size_t k;
		for (k = 0; k < nb; k++)
			if (strcmp(bu[k].account, account) == 0 && bu[k].rate == rate && bu[k].category == cat)
				break;
		if (k == nb)
			bu[nb++] = (struct bucket){ account, rate, cat, 0, 0 };
		bu[k].base += l->amount;
	}
	int64_t sum = 0;
	for (size_t r = 0; r < inv->totals.nrates; r++) {
		const struct tax_total *t = &inv->totals.rates[r];
		size_t big = nb;
		int64_t lines = 0;
		for (size_t k = 0; k < nb; k++)
			if (bu[k].rate == t->rate && bu[k].category == t->category) {
				lines += bu[k].base;
				if (big == nb || bu[k].base > bu[big].base)
					big = k;
			}
		if (big == nb)
			bu[nb++] = (struct bucket){ cfg->accounting.goods, t->rate, t->category, 0, 0 };
		bu[big].base += t->base - lines;
		bu[big].vat = t->amount;
		sum += t->base + t->amount;
	}
	*out = bu;
	return sum == inv->totals.total ? (long)nb : -1;
}

/* An invoice's (or, reversed, a credit note's) sales entry: from its
 * stored record (sd), else, for a document issued before the store, from
 * its ledger's lines. */
static enum exit_code sales_entry(struct building *b, const struct reg_doc *e, const struct doc_lines *dl,
				  const struct stored_doc *sd, struct diag *err)
{
	const struct accounting *a = &b->cfg->accounting;
	int credit_note = e->kind == DOC_CREDIT_NOTE;
	size_t first, end;
	struct bucket *bu = NULL;
	size_t nb = 0;
	const char *customer = NULL;
	int64_t bases = 0, known = 1;
	if (sd) {
		long got = stored_buckets(b->cfg, sd, &bu);
		if (got < 0 || sd->inv.totals.total != e->total) {
			free(bu);
			return diag_set(err, EXIT_DATAERR, "%s: its stored VAT breakdown does not add up to its total", e->number);
		}
		nb = (size_t)got;
		customer = sd->order.customer_code;
	} else if (doc_range(dl, e->number, &first, &end)) {
		bu = xcalloc(end - first, sizeof *bu);
		for (size_t i = first; i < end; i++) {
			const struct doc_line *l = &dl->v[i];
			customer = doc_line_customer(dl, l);
			if (l->amount < 0 || l->vat_rate < 0) {
				known = 0; /* a line written before the ledger kept amounts */
				continue;
			}
			const char *account = revenue_account(b->cfg, l->vat_rate, l->category, l->service);
			size_t k;
			for (k = 0; k < nb; k++)
				if (strcmp(bu[k].account, account) == 0 && bu[k].rate == l->vat_rate &&
				    bu[k].category == l->category)
					break;
			if (k == nb)
				bu[nb++] = (struct bucket){ account, l->vat_rate, l->category, 0, 0 };
			bu[k].base += l->amount;
			bases += l->amount;
			int64_t t;
			if (b->cfg->rounding == ROUND_PER_LINE && !div_round((__int128)l->amount * l->vat_rate, 10000, &t))
				bu[k].vat += t;
		}
	}
	if (sd) {
		/* As stated. */
	} else if (!known || bases != e->untaxed) {
		/* What the register says, whole: one revenue line, one VAT line. */
		free(bu);
		bu = xcalloc(1, sizeof *bu);
		bu[0] = (struct bucket){ a->goods, -1, VAT_STANDARD, e->untaxed, e->tax };
		nb = 1;
	} else {
		if (b->cfg->rounding == ROUND_GLOBAL)
			for (size_t k = 0; k < nb; k++)
				if (div_round((__int128)bu[k].base * bu[k].rate, 10000, &bu[k].vat)) {
					free(bu);
					return diag_set(err, EXIT_DATAERR, "%s: amounts too large", e->number);
				}
		/* The VAT is what the document says: a cent of rounding, if
		 * any, goes to its largest bucket. */
		int64_t vat = 0;
		size_t big = 0;
		for (size_t k = 0; k < nb; k++) {
			vat += bu[k].vat;
			if (bu[k].vat > bu[big].vat)
				big = k;
		}
		bu[big].vat += e->tax - vat;
	}
	char *label = xasprintf("%s %s %s", credit_note ? "Avoir" : "Facture", e->number, e->partner);
	int sign = credit_note ? -1 : 1;
	add_line(b, a->customers, customer, e->partner, label, sign * e->total, 0);
	for (size_t k = 0; k < nb; k++)
		add_line(b, bu[k].account, NULL, NULL, label, 0, sign * bu[k].base);
	/* VAT per rate (the goods' and services' of a rate together). */
	for (size_t k = 0; k < nb; k++) {
		int64_t vat = bu[k].vat;
		int seen = 0;
		for (size_t j = 0; j < k; j++)
			seen |= bu[j].rate == bu[k].rate && bu[j].category == bu[k].category;
		if (seen)
			continue;
		for (size_t j = k + 1; j < nb; j++)
			if (bu[j].rate == bu[k].rate && bu[j].category == bu[k].category)
				vat += bu[j].vat;
		const struct tax *t = bu[k].rate >= 0 ? tax_of(b->cfg, bu[k].rate, bu[k].category) : NULL;
		add_line(b, t ? t->vat_account : a->vat, NULL, NULL, label, 0, sign * vat);
	}
	free(label);
	free(bu);
	return EXIT_OK;
}

/* The invoice a credit note corrects ("FAC-...#n"): its register index, or -1. */
static long corrected(const struct keyset *number, const struct reg_doc *cn)
{
	char inv[256];
	long k;
	return register_source_base(cn, inv, sizeof inv) == 0 && keyset_get(number, inv, &k) ? k : -1;
}

/* The order the entries were validated in (art. A47 A-1: the file is in
 * that order): by the day of the run that booked them; in a run, the
 * sales before the bank (they were built first), each in the order of its
 * register or ledger. A later run only adds after: numbers stay. */
static int by_validation(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	if (a->line.valid != b->line.valid)
		return a->line.valid < b->line.valid ? -1 : 1;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

/* The opening lines in customer order, each customer's in validation order. */
static int by_customer(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	int c = strcmp(a->line.aux ? a->line.aux : "", b->line.aux ? b->line.aux : "");
	if (c)
		return c;
	return by_validation(x, y);
}

void books_letter_code(long k, char out[BOOKS_LETTER_MAX])
{
	/* Three letters for the first 26^3 codes, then four for the next
	 * 26^4, and so on: a code is never given twice, however many invoices
	 * (it wrapped after ZZZ). The law sets no width: EcritureLet is an
	 * alphanumeric zone of a file whose records may have any length (art.
	 * A47 A-1 LPF, I 3°; BOI-CF-IOR-60-40-20 gives its type, no length).
	 * The largest long takes 14 letters (26^14 > 2^63), so out holds any. */
	unsigned long long rest = k > 0 ? (unsigned long long)k : 0, span = 26 * 26 * 26;
	size_t len = 3;
	while (rest >= span) {
		rest -= span;
		len++;
		if (span > ULLONG_MAX / 26)
			break; /* 26^14: past any long, rest is below it */
		span *= 26;
	}
	out[len] = '\0';
	for (size_t i = len; i-- > 0; rest /= 26)
		out[i] = (char)('A' + rest % 26);
}

static void books_push(struct books *bk, const struct book_line *l)
{
	if (bk->n == bk->cap) {
		bk->cap = bk->cap ? 2 * bk->cap : 256;
		bk->v = xrealloc(bk->v, bk->cap * sizeof *bk->v);
	}
	bk->v[bk->n++] = *l;
}

/* Non-zero when l is a line of a customer's account. */
static int customer_line(const struct accounting *a, const struct book_line *l)
{
	return strcmp(l->account, a->customers) == 0;
}

/* The opening entries of the year starting on from: per customer (one
 * entry each), every customer line booked before from that was still
 * open then (of an invoice whose lines did not balance, or of no invoice:
 * a customer's credit), carried forward as it was booked, against the
 * opening account for the customer's balance. */
static void opening_entries(struct books *bk, const struct config *cfg, const struct keyed *keys, size_t nkeys,
			    size_t ngroups, int32_t from)
{
	const struct accounting *a = &cfg->accounting;
	int64_t *bal = xcalloc(ngroups, sizeof *bal);
	for (size_t i = 0; i < nkeys; i++) {
		const struct book_line *l = &keys[i].line;
		if (l->date < from && l->group >= 0 && customer_line(a, l))
			bal[l->group] += l->debit - l->credit;
	}
	struct keyed *open = NULL;
	size_t nopen = 0;
	for (size_t i = 0; i < nkeys; i++) {
		const struct book_line *l = &keys[i].line;
		if (l->date >= from || !customer_line(a, l) || (l->group >= 0 && bal[l->group] == 0))
			continue;
		open = xrealloc(open, (nopen + 1) * sizeof *open);
		open[nopen++] = keys[i];
	}
	free(bal);
	if (nopen)
		qsort(open, nopen, sizeof *open, by_customer);
	long entry = 0;
	for (size_t i = 0; i < nopen;) {
		const char *aux = open[i].line.aux ? open[i].line.aux : "";
		const char *aux_label = open[i].line.aux_label ? open[i].line.aux_label : "";
		int64_t net = 0;
		entry++;
		size_t k = i;
		for (; k < nopen && strcmp(open[k].line.aux ? open[k].line.aux : "", aux) == 0; k++) {
			struct book_line l = open[k].line;
			l.journal = BOOKS_OPENING_JOURNAL;
			l.entry = entry;
			l.date = l.valid = from;
			l.label = xasprintf("A-nouveau %s", open[k].line.label);
			l.letter[0] = '\0';
			l.lettered = DATE_NONE;
			net += l.debit - l.credit;
			books_push(bk, &l);
		}
		if (net) {
			/* The counterpart: the customer's balance in the opening
			 * balance sheet, its piece the customer's code. */
			struct book_line o = { .journal = BOOKS_OPENING_JOURNAL, .entry = entry, .date = from,
					       .piece_date = from, .valid = from, .account = a->opening, .piece = aux,
					       .label = xasprintf("A-nouveaux %s %s", aux, aux_label),
					       .debit = net < 0 ? -net : 0, .credit = net > 0 ? net : 0,
					       .lettered = DATE_NONE, .group = -1 };
			books_push(bk, &o);
		}
		i = k;
	}
	free(open);
}

enum exit_code books_build(struct books *bk, const struct config *cfg, const struct doc_register *reg,
			   const struct doc_lines *invoices, const struct doc_lines *credits,
			   const struct applied_ledger *paid, const struct doc_store *store,
			   const struct books_closed *closed, int32_t from, int32_t to, struct diag *err)
{
	const struct accounting *a = &cfg->accounting;
	memset(bk, 0, sizeof *bk);
	struct keyset *number = keyset_new();
	for (size_t i = 0; i < reg->n; i++)
		if (reg->v[i].kind == DOC_INVOICE || reg->v[i].kind == DOC_CREDIT_NOTE)
			keyset_add(number, reg->v[i].number, (long)i, NULL);
	struct building b = { .cfg = cfg, .closed = closed, .group = -1 };
	enum exit_code rc = EXIT_OK;
	/* Every entry, whatever its date: a settlement may cross years. */
	for (size_t i = 0; i < reg->n && !rc; i++) {
		const struct reg_doc *e = &reg->v[i];
		if (e->kind != DOC_INVOICE && e->kind != DOC_CREDIT_NOTE)
			continue;
		b.seq++;
		/* A document is issued on the day of its run. */
		b.piece_date = b.valid = e->issue_date;
		b.journal = a->sales_journal;
		b.piece = e->number;
		b.group = e->kind == DOC_INVOICE ? (long)i : corrected(number, e);
		book_entry(&b);
		rc = sales_entry(&b, e, e->kind == DOC_INVOICE ? invoices : credits, store_find(store, e->number), err);
	}
	for (size_t i = 0; i < paid->n && !rc; i++) {
		const struct applied_entry *p = &paid->v[i];
		long k = -1;
		keyset_get(number, p->invoice, &k);
		const struct reg_doc *doc = k >= 0 ? &reg->v[k] : NULL;
		b.seq++;
		b.piece_date = p->date;
		b.valid = p->booked;
		b.journal = a->bank_journal;
		b.piece = p->key;
		b.group = -1;
		book_entry(&b);
		const char *who = doc ? doc->partner : p->customer;
		char *label;
		switch (p->kind) {
		case APPLIED_PAYMENT:
			b.group = k;
			label = xasprintf("Règlement %s %s", p->invoice, who);
			add_line(&b, a->bank, NULL, NULL, label, p->amount, 0);
			add_line(&b, a->customers, p->customer, who, label, 0, p->amount);
			break;
		case APPLIED_CREDIT:
			label = xasprintf("Trop-perçu %s %s", p->invoice, who);
			add_line(&b, a->bank, NULL, NULL, label, p->amount, 0);
			add_line(&b, a->customers, p->customer, who, label, 0, p->amount);
			break;
		case APPLIED_REFUND:
			b.group = doc ? corrected(number, doc) : -1;
			label = xasprintf("Remboursement %s %s", p->invoice, who);
			add_line(&b, a->customers, p->customer, who, label, p->amount, 0);
			add_line(&b, a->bank, NULL, NULL, label, 0, p->amount);
			break;
		default: /* unmatched: in the suspense account until someone says what it is */
			label = xasprintf("Règlement non affecté %s", p->customer);
			add_line(&b, a->bank, NULL, NULL, label, p->amount, 0);
			add_line(&b, a->suspense, NULL, NULL, label, 0, p->amount);
			break;
		}
		free(label);
	}
	keyset_free(number);
	if (b.nkeys)
		qsort(b.keys, b.nkeys, sizeof *b.keys, by_validation);
	size_t ng = reg->n ? reg->n : 1;
	if (!rc)
		opening_entries(bk, cfg, b.keys, b.nkeys, ng, from);

	/* The year's lines, numbered per journal in the order validated. */
	long num_sales = 0, num_bank = 0, prev_seq = -1;
	for (size_t i = 0; i < b.nkeys; i++) {
		struct book_line *l = &b.keys[i].line;
		if (rc || l->date < from || l->date > to) {
			free(l->label);
			continue;
		}
		int sales = l->journal == a->sales_journal;
		if (b.keys[i].seq != prev_seq) {
			prev_seq = b.keys[i].seq;
			++*(sales ? &num_sales : &num_bank);
		}
		l->entry = sales ? num_sales : num_bank;
		books_push(bk, l);
	}
	free(b.keys);

	/* Lettering, inside the file: an invoice's customer lines (opening
	 * ones included), once they balance there; DateLet the last of them.
	 * What settles it after the year's end is in the next file, with
	 * the invoice's opening line. */
	int64_t *bal = xcalloc(ng, sizeof *bal);
	int32_t *last = xcalloc(ng, sizeof *last);
	char *seen = xcalloc(ng, 1);
	long *code = xmalloc(ng * sizeof *code), ncodes = 0;
	for (size_t i = 0; i < bk->n; i++) {
		const struct book_line *l = &bk->v[i];
		if (l->group < 0 || !customer_line(a, l))
			continue;
		bal[l->group] += l->debit - l->credit;
		if (!seen[l->group] || l->date > last[l->group])
			last[l->group] = l->date;
		seen[l->group] = 1;
	}
	/* Each invoice has its code, settled or not, so that a code never
	 * changes from one FEC to the next. */
	for (size_t g = 0; g < reg->n; g++) {
		code[g] = reg->v[g].kind == DOC_INVOICE && seen[g] && bal[g] == 0 ? ncodes : -1;
		ncodes += reg->v[g].kind == DOC_INVOICE;
	}
	for (size_t i = 0; i < bk->n; i++) {
		struct book_line *l = &bk->v[i];
		if (l->group < 0 || code[l->group] < 0 || !customer_line(a, l))
			continue;
		books_letter_code(code[l->group], l->letter);
		l->lettered = last[l->group];
	}
	free(bal);
	free(last);
	free(seen);
	free(code);
	if (rc)
		books_release(bk);
	return rc;
}

/* --- the FEC ------------------------------------------------------------ */

/*
 * The character set. Art. A47 A-1 LPF (III, 1°) admits ASCII, ISO 8859-15
 * or EBCDIC, and BOI-CF-IOR-60-40-20 sends back to it; UTF-8 is none of
 * them. ISO 8859-15 (Latin-9) holds French whole (é, è, ç, œ, Ÿ, €), so
 * the labels are written in it. A character it lacks is not dropped: a
 * letter of Latin Extended-A becomes its base letter ("Łódź" "Lodz"), a
 * few marks their ASCII look-alike, anything else "?" (the customer's
 * code, CompAuxNum, still says who it is).
 */
static const char *const latin_a[0x80] = { /* U+0100..U+017F without their marks */
	"A", "a", "A", "a", "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d", "D", "d", "E",
	"e", "E", "e", "E", "e", "E", "e", "E", "e", "G", "g", "G", "g", "G", "g", "G", "g", "H", "h",
	"H", "h", "I", "i", "I", "i", "I", "i", "I", "i", "I", "i", "IJ", "ij", "J", "j", "K", "k", "k",
	"L", "l", "L", "l", "L", "l", "L", "l", "L", "l", "N", "n", "N", "n", "N", "n", "n", "N", "n",
	"O", "o", "O", "o", "O", "o", "OE", "oe", "R", "r", "R", "r", "R", "r", "S", "s", "S", "s", "S",
	"s", "S", "s", "T", "t", "T", "t", "T", "t", "U", "u", "U", "u", "U", "u", "U", "u", "U", "u",
	"U", "u", "W", "w", "Y", "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s",

};

/* The Latin-9 byte of code point c, or -1 when it has none. */
static int latin9_byte(unsigned long c)
{
	static const struct { unsigned long cp; unsigned char b; } moved[] = {
		{ 0x20AC, 0xA4 }, { 0x160, 0xA6 }, { 0x161, 0xA8 }, { 0x17D, 0xB4 },
		{ 0x17E, 0xB8 }, { 0x152, 0xBC }, { 0x153, 0xBD }, { 0x178, 0xBE },
	};
	for (size_t i = 0; i < sizeof moved / sizeof *moved; i++)
		if (moved[i].cp == c)
			return moved[i].b;
	if (c < 0x80 || (c >= 0xA0 && c <= 0xFF && c != 0xA4 && c != 0xA6 && c != 0xA8 && c != 0xB4 && c != 0xB8 &&
			 c != 0xBC && c != 0xBD && c != 0xBE))
		return (int)c;
	return -1;
}

/* What stands for code point c, which Latin-9 lacks. */
static const char *latin9_stand_in(unsigned long c)
{
	static const struct { unsigned long cp; const char *s; } marks[] = {
		{ 0xA4, "?" },     { 0xA6, "|" },     { 0xA8, "\"" },    { 0xB4, "'" },      { 0xB8, "," },
		{ 0xBC, "1/4" },   { 0xBD, "1/2" },   { 0xBE, "3/4" },   { 0x2018, "'" },    { 0x2019, "'" },
		{ 0x201A, "," },   { 0x201C, "\"" },  { 0x201D, "\"" },  { 0x201E, "\"" },   { 0x2010, "-" },
		{ 0x2011, "-" },   { 0x2012, "-" },   { 0x2013, "-" },   { 0x2014, "-" },    { 0x2026, "..." },
		{ 0x2022, "-" },   { 0x2039, "<" },   { 0x203A, ">" },   { 0x2009, " " },    { 0x202F, " " },
		{ 0x2007, " " },   { 0x2122, "TM" },
	};
	if (c >= 0x100 && c < 0x180)
		return latin_a[c - 0x100];
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
		if (marks[i].cp == c)
			return marks[i].s;
	return "?";
}

/* The next UTF-8 character of *s (advanced past it): its code point, or
 * -1 for a byte that does not start a well-formed one (then one byte). */
static long utf8_next(const unsigned char **s)
{
	const unsigned char *p = *s;
	unsigned long c = p[0];
	int n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
	*s = p + 1;
	if (n < 0)
		return -1;
	c &= n == 0 ? 0x7F : n == 1 ? 0x1F : n == 2 ? 0x0F : 0x07;
	for (int i = 1; i <= n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (p[i] & 0x3F);
	}
	static const unsigned long least[] = { 0, 0x80, 0x800, 0x10000 };
	if (c < least[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*s = p + n + 1;
	return (long)c;
}

/* s in Latin-9 into fp, a tab or a line break as a space (they separate). */
static void put_latin9(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (p && *p) {
		long c = utf8_next(&p);
		int b = c < 0 ? -1 : latin9_byte((unsigned long)c);
		if (b == '\t' || b == '\n' || b == '\r')
			b = ' ';
		if (b >= 0)
			fputc(b, fp);
		else
			fputs(c < 0 ? "?" : latin9_stand_in((unsigned long)c), fp);
	}
}

char *fec_text(const char *s)
{
	char *out = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&out, &len);
	if (!mem)
		abort(); /* out of memory, as xmalloc would */
	put_latin9(mem, s);
	fclose(mem);
	return out;
}

static void field(FILE *fp, const char *s, int last)
{
	put_latin9(fp, s);
	fputc(last ? '\n' : '\t', fp);
}

static const char *fec_date(int32_t d, char buf[16])
{
	int y, m, day;
	if (d == DATE_NONE)
		return "";
	date_to_ymd(d, &y, &m, &day);
	snprintf(buf, 16, "%04d%02d%02d", y, m, day);
	return buf;
}

static const char *fec_amount(int64_t cents, char buf[32])
{
	num_format_dot(cents, SCALE_CENTS, 2, buf, 32);
	char *dot = strchr(buf, '.');
	if (dot)
		*dot = ',';
	return buf;
}

/* What a revenue account of [accounting] "revenue NAME" holds, for its
 * CompteLib: "Ventes TVA 5,5 %", "Ventes exonérées", or each rate booked
 * there ("Ventes TVA 5,5 %, TVA 10 %"); NULL when no tax books to it. The
 * rate, not the tax's name: the INI reader lower-cases names. Caller frees. */
static char *revenue_label(const struct config *cfg, const char *account)
{
	static const char *const words[VAT_CATEGORY_COUNT] = {
		[VAT_EXEMPT] = "exonérées", [VAT_REVERSE_CHARGE] = "en autoliquidation",
		[VAT_INTRA_EU] = "intracommunautaires", [VAT_EXPORT] = "à l'export",
		[VAT_ZERO] = "à taux zéro", [VAT_OUTSIDE_SCOPE] = "hors champ",
	};
	char *label = NULL;
	for (size_t i = 0; i < cfg->ntaxes; i++) {
		const struct tax *t = &cfg->taxes[i];
		if (!tax_revenue(cfg, i) || strcmp(tax_revenue(cfg, i), account) != 0)
			continue;
		int seen = 0; /* "TVA 20%" and "TVA 20% TTC": one rate */
		for (size_t j = 0; j < i; j++)
			seen |= tax_revenue(cfg, j) && strcmp(tax_revenue(cfg, j), account) == 0 &&
				cfg->taxes[j].rate == t->rate && cfg->taxes[j].category == t->category;
		if (seen)
			continue;
		char what[64];
		if (t->category != VAT_STANDARD || !t->rate) {
			snprintf(what, sizeof what, "%s", words[t->category] ? words[t->category] : "TVA 0 %");
		} else {
			char num[32]; /* "5.50" -> "5,5", "20.00" -> "20" */
			num_format_dot(t->rate, SCALE_PERCENT, 2, num, sizeof num);
			size_t e = strlen(num);
			while (e > 0 && num[e - 1] == '0')
				num[--e] = '\0';
			if (e > 0 && num[e - 1] == '.')
				num[--e] = '\0';
			char *dot = strchr(num, '.');
			if (dot)
				*dot = ',';
			snprintf(what, sizeof what, "TVA %s %%", num);
		}
		char *next = label ? xasprintf("%s, %s", label, what) : xasprintf("Ventes %s", what);
		free(label);
		label = next;
	}
	return label;
}

/* The CompteLib of account; revenue[i] is revenue_label() of tax i's
 * revenue account, or NULL. */
static const char *account_label(const struct config *cfg, char *const *revenue, const char *account)
{
	const struct accounting *a = &cfg->accounting;
	if (strcmp(account, a->customers) == 0)
		return "Clients";
	if (strcmp(account, a->goods) == 0)
		return "Ventes de marchandises";
	if (strcmp(account, a->services) == 0)
		return "Prestations de services";
	if (strcmp(account, a->bank) == 0)
		return "Banque";
	if (strcmp(account, a->suspense) == 0)
		return "Compte d'attente";
	if (strcmp(account, a->opening) == 0)
		return "Bilan d'ouverture";
	for (size_t i = 0; i < cfg->ntaxes; i++)
		if (revenue[i] && strcmp(account, tax_revenue(cfg, i)) == 0)
			return revenue[i];
	return "TVA collectée";
}

enum exit_code fec_write(const struct books *bk, const struct config *cfg, const char *output_dir,
			 int32_t closing, char **name, struct diag *err)
{
	const struct accounting *a = &cfg->accounting;
	char d1[16], d2[16], d3[16], d4[16], m1[32], m2[32], n[32];
	*name = fec_file_name(cfg, closing);
	char *path = xasprintf("%s/%s", output_dir, *name);
	struct atomic_file af;
	enum exit_code rc = atomic_open(&af, path, err);
	free(path);
	if (rc)
		return rc;
	char **revenue = xcalloc(cfg->ntaxes ? cfg->ntaxes : 1, sizeof *revenue);
	for (size_t i = 0; i < cfg->ntaxes; i++)
		if (tax_revenue(cfg, i))
			revenue[i] = revenue_label(cfg, tax_revenue(cfg, i));
	fputs("JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\t"
	      "PieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\n",
	      af.fp);
	for (size_t i = 0; i < bk->n; i++) {
		const struct book_line *l = &bk->v[i];
		snprintf(n, sizeof n, "%ld", l->entry);
		const char *journal = l->journal == a->sales_journal ? "Journal des ventes"
				      : l->journal == a->bank_journal ? "Banque" : "A-nouveaux";
		const char *f[18] = {
			l->journal, journal, n, fec_date(l->date, d1), l->account, account_label(cfg, revenue, l->account),
			l->aux ? l->aux : "", l->aux ? l->aux_label : "", l->piece, fec_date(l->piece_date, d2), l->label,
			fec_amount(l->debit, m1), fec_amount(l->credit, m2), l->letter, fec_date(l->lettered, d3),
			fec_date(l->valid, d4), "", "",
		};
		for (int k = 0; k < 18; k++)
			field(af.fp, f[k], k == 17);
	}
	for (size_t i = 0; i < cfg->ntaxes; i++)
		free(revenue[i]);
	free(revenue);
	return atomic_commit(&af, err);
}

char *fec_file_name(const struct config *cfg, int32_t closing)
{
	char d[16];
	size_t o = 0, n = cfg->company.siren ? strlen(cfg->company.siren) : 0;
	char *siren = xmalloc(n + 1); /* its digits, however many */
	for (size_t i = 0; i < n; i++)
		if (cfg->company.siren[i] >= '0' && cfg->company.siren[i] <= '9')
			siren[o++] = cfg->company.siren[i];
	siren[o] = '\0';
	char *name = xasprintf("%sFEC%s.txt", siren, fec_date(closing, d));
	free(siren);
	return name;
}

/* --- the closed years ---------------------------------------------------- */

enum exit_code books_closed_add(struct books_closed *closed, const char *output_dir, const char *file,
				int32_t from, int32_t to, struct diag *err)
{
	if (!closed->pieces)
		closed->pieces = keyset_new();
	char *path = xasprintf("%s/%s", output_dir, file);
	FILE *fp = fopen(path, "r");
	if (!fp) {
		enum exit_code rc = diag_errno(err, EXIT_NOINPUT, errno, "%s: the closed year's FEC cannot be read", path);
		free(path);
		return rc;
	}
	/* Its lines as written: tab-separated, no field holds a tab; the
	 * journal is the 1st field, the piece the 9th. */
	char *line = NULL;
	size_t cap = 0;
	for (long n = 0; getline(&line, &cap, fp) > 0; n++) {
		char *f[9], *p = line;
		int k = 0;
		for (; k < 9 && p; k++) {
			f[k] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		if (n == 0 || k < 9 || !p)
			continue; /* the header */
		char *key = xasprintf("%s\t%s", f[0], f[8]);
		keyset_add(closed->pieces, key, 1, NULL);
		free(key);
	}
	free(line);
	fclose(fp);
	free(path);
	closed->years = xrealloc(closed->years, (closed->n + 1) * sizeof *closed->years);
	closed->years[closed->n++] = (struct closed_year){ from, to };
	return EXIT_OK;
}

void books_closed_release(struct books_closed *closed)
{
	keyset_free(closed->pieces);
	free(closed->years);
	memset(closed, 0, sizeof *closed);
}

/*
 * invoices: the invoices of the day, legally complete for France.
 *
 * Confirmed orders are invoiced by each product's policy — ordered
 * quantities, or delivered ones — less what was already invoiced (the
 * lines of crmbatch's invoices, output/invoice_lines.csv, counted only when
 * their invoice is in the register). Invoice date = the run's date; the
 * term is the order's, else the customer's, else the default; each
 * installment is printed with its date and amount, the invoice being due
 * on the last. The delivery date (PDF and BT-72) is stated only when the
 * goods did ship: the date of the last of crmbatch's delivery slips needed
 * to cover the quantities invoiced, for every goods line; otherwise, and
 * for services, the invoice says nothing of delivery and shows the order's
 * date. Numbers (FAC-...) are given only when posted, in order date
 * order, without gaps. Every mention a French invoice must carry is on the
 * PDF, and the Factur-X (EN 16931) XML is written beside it and embedded.
 * Drafts (--draft, the sales role) carry no number and are not registered.
 *
 * What is issued is never rewritten. When what was invoiced for an order
 * line exceeds what is now due — the quantity reduced (ordered policy),
 * goods returned (qty_delivered down, delivered policy), the order
 * cancelled — a credit note (avoir, AV-...) credits the difference, one per
 * invoice it corrects, the most recent invoices first, at the amounts those
 * invoices stated. Its lines go to output/credit_note_lines.csv; what is
 * invoiced is net of them.
 *
 * An invoice whose term has an escompte (early-payment discount) states
 * its rate and last day; when its payments by that day leave no more than
 * the escompte (payments.c decides), a credit note grants what they left,
 * split per VAT rate (invoices_issue_escomptes).
 */
#ifndef CRMBATCH_INVOICES_H
#define CRMBATCH_INVOICES_H

#include "catalog.h"
#include "doclines.h"
#include "issue.h"
#include "orders.h"

struct invoicing {
	const struct config *cfg;
	const struct orders *orders;
	struct doc_lines lines;    /* output/invoice_lines.csv */
	struct doc_lines credits;  /* output/credit_note_lines.csv */
	/* The delivery slips' lines (borrowed), for the delivery date an
	 * invoice states: only when the slips cover what it invoices. */
	const struct doc_lines *shipped;
	const char *output_dir;    /* borrowed: where the store (store.h) is */
};

void invoicing_init(struct invoicing *iv, const struct config *cfg, const struct orders *os,
		    const struct doc_lines *shipped, const char *output_dir);
void invoicing_release(struct invoicing *iv);

/* Loads output/invoice_lines.csv and credit_note_lines.csv: lines of
 * registered documents only. */
enum exit_code invoicing_load(struct invoicing *iv, const struct doc_register *reg, struct diag *err);

struct invoice_summary {
	long posted, drafts;
	long credit_notes;         /* issued */
	int64_t credited;          /* cents, their totals */
	long refused;              /* orders that could not be invoiced (reported) */
	long waiting;              /* orders to invoice once delivered (reported) */
	int64_t total;             /* cents, posted */
	int beyond;                /* total or credited would exceed MONEY_SUM_MAX: not stated */
};

/* The customer code of a posted invoice, or NULL. */
const char *invoicing_customer(const struct invoicing *iv, const char *invoice);

/* Posts the credit notes, then the invoices, of the day (or, with draft,
 * renders the invoices without number into output/invoices/drafts, and no
 * credit note). */
enum exit_code invoices_issue(struct invoicing *iv, struct issuer *is, int draft, struct invoice_summary *sum,
			      struct diag *err);

/* The escompte invoice (a register index) offered, as its order's term
 * has it in the config: its rate (1/100 %) and the last day a payment
 * earns it (the invoice's date + the [escompte]'s days). Returns 1, or 0
 * when none (or its order is no longer in the export). */
int invoicing_escompte(const struct invoicing *iv, const struct doc_register *reg, size_t invoice, int64_t *rate,
		       int32_t *last_day);

/* An invoice settled by an early payment: the escompte to credit it. */
struct escompte_claim {
	size_t invoice;            /* its register index */
	int64_t rate;              /* 1/100 % */
	int64_t amount;            /* cents with tax: what its payments left, at most the escompte */
	int issued;                /* set by invoices_issue_escomptes */
};

/* Issues the credit note "escompte pour paiement anticipé" of each claim,
 * in order (numbered per [numbering] credit_note), its lines one per VAT
 * rate (and goods or services) of the invoice, adding up to the claim's
 * amount exactly. A claim whose invoice's order or line amounts are not
 * known is left with issued 0. */
enum exit_code invoices_issue_escomptes(struct invoicing *iv, struct issuer *is, struct escompte_claim *claims, size_t n,
					struct diag *err);

#endif

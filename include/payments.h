/*
 * payments: money received, matched to invoices.
 *
 * Each row of payments.csv is matched to an invoice by its number, else by
 * its customer and an exact open amount (or, by the escompte's last day,
 * exactly that amount less the invoice's escompte). A payment larger than what is
 * left on its invoice keeps the rest as the customer's credit; a payment
 * that matches nothing is reported and kept, never dropped. Applied
 * payments go to output/payments_applied.csv, a ledger read back on every
 * run: a payment already there is not applied twice, and each invoice's
 * paid amount and state (not_paid, partial, paid) are recomputed from it,
 * into the register and output/receivables.csv (total, paid, residual, due
 * date, days overdue on --date, aged bucket).
 *
 * A credit note nets the invoice it corrects (residual = total - credit
 * notes - payments); what it credits beyond what was still owed is the
 * customer's credit, listed in receivables.csv until refunded: a negative
 * amount in payments.csv is a refund, matched to a credit note by its
 * number, else by customer and the exact amount left to refund.
 *
 * An invoice paid, by its escompte's last day, all it owed less the
 * escompte is settled: a credit note "escompte pour paiement anticipé"
 * grants what the payments left (invoices.h), and the invoice is paid.
 */
#ifndef CRMBATCH_PAYMENTS_H
#define CRMBATCH_PAYMENTS_H

#include <stdint.h>

#include "ingest.h"
#include "invoices.h"
#include "register.h"
#include "rejects.h"

struct payment {
	char *key;                 /* payment_ref, else date|customer|invoice|amount */
	char *invoice, *customer, *method;
	int32_t date;
	int64_t amount;            /* cents */
	long line;
};

/* A payment applied to an invoice, as output/payments_applied.csv dates it. */
struct receipt {
	int32_t date;
	int64_t amount;            /* cents */
};

/* One line of receivables.csv: what an invoice still owes (or, to_refund,
 * what a credit note owes the customer, its amounts negative). Strings are
 * borrowed from the register and the invoices' ledger. */
struct receivable {
	const char *number, *customer, *partner;
	int32_t issue_date, due_date;          /* due_date: DATE_NONE for a credit */
	int64_t total, paid, credited, residual; /* cents */
	int days_late;                         /* on --date, 0 when not due */
	int to_refund;
	/* The payments applied to it (adding up to paid), in the ledger's
	 * order: when each was received, for the penalties of the days it was
	 * late. Borrowed from struct payments. */
	const struct receipt *receipts;
	size_t nreceipts;
};

/* The aged bucket of a receivable so many days late: 0 not due, 1 for 1-30
 * days, 2 for 31-60, 3 for 61-90, 4 over 90 (receivables.csv and the aged
 * balance alike). */
int receivable_bucket(int days_late);

struct payments {
	struct payment *v;
	size_t n, cap;
	char *path;
	/* After payments_apply: the receivables, as receivables.csv lists them. */
	struct receivable *recv;
	size_t nrecv;
	struct receipt *receipts;  /* the receivables' receipts, invoice after invoice */
	size_t nreceipts;
};

void payments_init(struct payments *ps, const char *input_dir);
void payments_release(struct payments *ps);
void payments_attach(struct payments *ps, struct ingest *in);

/* What output/payments_applied.csv holds: each payment applied to an
 * invoice, an overpayment kept as the customer's credit, a payment that
 * matched nothing, a refund paid back against a credit note. */
enum applied_kind { APPLIED_PAYMENT, APPLIED_CREDIT, APPLIED_UNMATCHED, APPLIED_REFUND };

struct applied_entry {
	char *key, *customer, *invoice;    /* the payment; invoice: the invoice or credit note */
	int32_t date;
	int64_t amount;                    /* cents; a refund's is positive */
	enum applied_kind kind;
	int32_t booked;                    /* the day of the run that applied it (ValidDate) */
};

struct applied_ledger {
	struct applied_entry *v;
	size_t n, cap;
	struct keyset *keys;               /* payments already in the ledger */
	char *path;
	struct keyset *invoices;           /* the register's invoices and credit notes */
	int32_t today;                     /* the run adding entries (DATE_NONE: loading) */
};

/* Loads output_dir/payments_applied.csv: entries of registered documents
 * (and unmatched ones) only. Release with applied_release, even on error. */
enum exit_code applied_load(struct applied_ledger *lg, const char *output_dir, const struct doc_register *reg,
			    struct diag *err);
void applied_release(struct applied_ledger *lg);

struct payment_summary {
	long applied, already, credits, unmatched;
	long refunds;              /* paid back against credit notes */
	long paid, partial, open;  /* invoices */
	long escomptes;            /* credit notes granting an escompte, issued */
	int64_t escompted;         /* cents, their totals */
};

/* Applies the day's payments, issues (through is, into its register) the
 * credit notes of the escomptes they earn, and writes receivables.csv. */
enum exit_code payments_apply(struct payments *ps, struct invoicing *iv, struct issuer *is, const char *output_dir,
			      int32_t today, struct rejects *rj, struct payment_summary *sum, struct diag *err);

#endif

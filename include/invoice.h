/*
 * invoice: the model of one invoice, built once from an order and what
 * was already invoiced (invoices.c), of which the PDF rows, the Factur-X
 * XML (facturx.c), the register line and the ledger lines are projections.
 * Every amount is computed here, by pricing; a projection formats, never
 * computes. A credit note (avoir) is the same model, of kind
 * DOC_CREDIT_NOTE, naming the invoice it corrects.
 */
#ifndef CRMBATCH_INVOICE_H
#define CRMBATCH_INVOICE_H

#include <stddef.h>
#include <stdint.h>

#include "orders.h"
#include "pricing.h"
#include "terms.h"

struct invoice_line {
	int order_line;             /* 1-based line of the order */
	const char *ref;            /* the product's code (borrowed) */
	const char *description;    /* borrowed from the order, or own_description */
	char *own_description;      /* a credit note's "Réduction de prix : ..." (owned) */
	int64_t qty;                /* 1/1000, what this invoice bills */
	int64_t counted;            /* ... what it counts for in its ledger: qty, or 0 for
				     * a credit note's price correction */
	int64_t gross_price;        /* 1/10000, excluding tax, before discount (BT-148) */
	int64_t discount;           /* 1/100 % */
	int64_t net_price;          /* 1/10000, excluding tax, after discount (BT-146) */
	int64_t amount;             /* cents, excluding tax (BT-131) */
	const struct tax *tax;      /* its category and rate (BT-151, BT-152) */
	int service;                /* a service, not goods */
};

struct invoice {
	enum doc_kind kind;         /* DOC_INVOICE, or DOC_CREDIT_NOTE */
	char *corrects;             /* a credit note: the invoice it corrects (owned) */
	int32_t corrects_date;      /* ... and that invoice's date */
	const char *reason;         /* a credit note: why ("commande annulée"...) */
	const struct order *order;
	const struct partner *buyer;
	int ships_elsewhere;        /* the goods go to ship_to, not to the buyer's address */
	struct address ship_to;     /* ... the order's delivery address (BG-13, BG-15; décret 2022-1299) */
	struct invoice_line *lines; /* owned */
	size_t nlines;
	struct totals totals;       /* per VAT breakdown (category, rate) */
	int32_t date;               /* the invoice's date: the run's */
	int32_t delivered;          /* when its goods shipped (BT-72); DATE_NONE: not stated */
	int32_t due;                /* the last installment's date */
	const char *term;           /* the payment term's name, its printed wording */
	struct installment inst[TERMS_MAX_INSTALLMENTS];
	int ninst;
	int goods, services;        /* what it bills */
	int business;               /* the buyer is a business: C. com. L441-10's penalties and
				     * 40 EUR indemnity apply, and no consumer's guarantee */
	/* The late-payment penalties (Factur-X note PMD) and the recovery
	 * indemnity (PMT): what they are on a business's invoice, else why
	 * none is due (a consumer, a credit note), since the French rules
	 * want both notes on every invoice (BR-FR-05). */
	char *penalty_note;         /* owned */
	const char *indemnity_note;
	int penalties;              /* they are due: the PDF states them (else it is silent) */
	const char *guarantee_note; /* a consumer's goods: the legal guarantees (the config's), or NULL */
	int64_t escompte;           /* the early-payment discount offered, 1/100 %: 0 when none */
	int32_t escompte_until;     /* ... for a payment on or before this day (the invoice's
				     * date + the [escompte]'s days) */
	char *escompte_note;        /* the early-payment discount, or that there is none (owned) */
	const char *debits_note;    /* the firm's option for VAT on debits, or NULL (a literal) */
};

/* "B1" goods, "S1" services, "M1" both (BT-23, French rules). */
const char *invoice_process(const struct invoice *inv);

/* Frees what inv owns. */
void invoice_release(struct invoice *inv);

#endif

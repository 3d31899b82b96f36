/*
 * accounting: the books of what crmbatch issued and received, derived each
 * time from the register and the ledgers, never typed.
 *
 * Per invoice, a sales journal entry: the customer (411, its code as the
 * auxiliary account) debited the total, revenue (707 goods, 706 services,
 * or the tax's own account: [accounting] revenue NAME)
 * credited the base of each VAT rate, output VAT (44571, or the tax's own
 * account) credited per rate; per credit note the same, reversed. Per
 * payment applied, a bank journal entry: the bank (512) debited, the
 * customer credited; an overpayment the same; a payment matching nothing
 * credits the suspense account (471); a refund debits the customer and
 * credits the bank. An invoice, its credit notes, the payments and the
 * refunds that settle it share a lettering code (EcritureLet: AAA, AAB...,
 * AAAA after ZZZ, never the same twice; DateLet the day it was settled)
 * once its customer's lines balance; a partly paid invoice is not lettered
 * yet. Accounts and journals come from
 * [accounting].
 *
 * The FEC (fichier des écritures comptables, art. L47 A and A47 A-1 of the
 * Livre des procédures fiscales) is their projection for one fiscal year.
 */
#ifndef CRMBATCH_ACCOUNTING_H
#define CRMBATCH_ACCOUNTING_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "doclines.h"
#include "payments.h"
#include "register.h"
#include "store.h"

/* A lettering code's room: the longest code of a long (14 letters) and
 * its NUL. */
#define BOOKS_LETTER_MAX 16
_Static_assert(sizeof(long) <= 8, "BOOKS_LETTER_MAX holds the code of any long up to 2^63");

/* One line of an entry. Strings are borrowed (config, register, ledgers)
 * but the label, which is owned. */
struct book_line {
	const char *journal;        /* the journal's code */
	long entry;                 /* the entry's number in its journal (EcritureNum), from 1 */
	int32_t date;               /* EcritureDate, also PieceDate and ValidDate */
	const char *account;        /* CompteNum */
	const char *aux, *aux_label; /* the customer's code and name, or NULL */
	const char *piece;          /* PieceRef: the document or the payment */
	char *label;                /* EcritureLib (owned) */
	int64_t debit, credit;      /* cents, one of them 0 */
	char letter[BOOKS_LETTER_MAX]; /* EcritureLet, "" when not lettered */
	int32_t lettered;           /* DateLet, DATE_NONE when not lettered */
	long group;                 /* the invoice it settles (internal), -1: none */
};

struct books {
	struct book_line *v;
	size_t n, cap;
};

/*
 * Builds every entry of the documents in reg dated from..to (inclusive):
 * invoices and credit notes from their records in store (their VAT per
 * rate as stated), or, issued before the store, from their ledgers'
 * lines; payments from the applied ledger. Entries are numbered per journal in date order; every
 * entry balances. Returns EXIT_OK, or EXIT_DATAERR with err set when a
 * document's lines do not add up to its registered amounts.
 */
enum exit_code books_build(struct books *bk, const struct config *cfg, const struct doc_register *reg,
			   const struct doc_lines *invoices, const struct doc_lines *credits,
			   const struct applied_ledger *paid, const struct doc_store *store, int32_t from, int32_t to,
			   struct diag *err);
void books_release(struct books *bk);

/*
 * The k-th lettering code (k >= 0), one per invoice: AAA..ZZZ (k 0..17575),
 * then AAAA..ZZZZ, then AAAAA...: never the same twice, its length grows.
 */
void books_letter_code(long k, char out[BOOKS_LETTER_MAX]);

/* The first and last day of the fiscal year holding date. */
void books_fiscal_year(const struct accounting *a, int32_t date, int32_t *from, int32_t *to);

/*
 * Writes the FEC of bk into output_dir/<SIREN>FEC<AAAAMMJJ of closing>.txt
 * atomically: the 18 columns of art. A47 A-1 in order, tab-separated, one
 * header line, dates AAAAMMJJ, amounts with a decimal comma. *name gets
 * the file's name (caller frees).
 */
enum exit_code fec_write(const struct books *bk, const struct config *cfg, const char *output_dir,
			 int32_t closing, char **name, struct diag *err);

#endif

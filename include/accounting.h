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
	int32_t date;               /* EcritureDate: the day it is booked on */
	int32_t piece_date;         /* PieceDate: the document's or the payment's own date */
	int32_t valid;              /* ValidDate: the day of the run that booked it */
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

/* The opening entries' journal (a-nouveaux): pinned by issue 23. */
#define BOOKS_OPENING_JOURNAL "AN"

/*
 * The fiscal years already closed (their FEC handed over, a register line
 * of kind fec): nothing is booked in them any more. An entry dated in one
 * that its FEC does not hold arrived after the closing: it is booked on
 * the day of the run that brought it, in a year not closed.
 */
struct books_closed {
	struct closed_year { int32_t from, to; } *years;
	size_t n;
	struct keyset *pieces;      /* "JOURNAL\tPIECE" (as the FEC writes them) of every closed entry */
};
/*
 * Builds the entries of the fiscal year from..to (inclusive), as its FEC
 * lists them (art. A47 A-1 LPF: one file per year, in the order the
 * entries were validated, opening with the balances carried forward):
 * first the opening entries (journal AN, dated from): per customer, the
 * customer-account lines still open at the previous year's end (each
 * invoice, credit note, payment of an invoice not settled then, each
 * customer credit) against [accounting] opening; then every entry booked
 * in the year (invoices and credit notes from their ledgers' lines,
 * payments from the applied ledger), in the order of the runs that booked
 * them, numbered per journal from 1. Invoices and credit notes come from
 * their records in store (their VAT per rate as stated), or, issued
 * before the store, from their ledgers' lines. An invoice's customer lines in the
 * file are lettered when they balance inside it. closed (or NULL) says
 * which years are closed. Every entry balances. Returns EXIT_OK, or
 * EXIT_DATAERR with err set when a document's amounts are too large.
 */
enum exit_code books_build(struct books *bk, const struct config *cfg, const struct doc_register *reg,
			   const struct doc_lines *invoices, const struct doc_lines *credits,
			   const struct applied_ledger *paid, const struct doc_store *store,
			   const struct books_closed *closed, int32_t from, int32_t to, struct diag *err);

/* Adds to closed the year from..to and the entries of its FEC,
 * output_dir/file (JournalCode and PieceRef of each line). EXIT_NOINPUT
 * when the file cannot be read. */
enum exit_code books_closed_add(struct books_closed *closed, const char *output_dir, const char *file,
				int32_t from, int32_t to, struct diag *err);
void books_closed_release(struct books_closed *closed);
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
 * header line, dates AAAAMMJJ, amounts with a decimal comma, in ISO
 * 8859-15 (the texts admit ASCII, ISO 8859-15 or EBCDIC, not UTF-8): a
 * character it lacks is written as its Latin letter ("Ł" as "L"), else
 * "?". *name gets the file's name (caller frees).
 */
enum exit_code fec_write(const struct books *bk, const struct config *cfg, const char *output_dir,
			 int32_t closing, char **name, struct diag *err);

/* The FEC's name for closing: <SIREN>FEC<AAAAMMJJ>.txt (caller frees). */
char *fec_file_name(const struct config *cfg, int32_t closing);

/* s as the FEC writes it (ISO 8859-15, no tab nor line break), appended
 * to out (a NUL-terminated string the caller frees). */
char *fec_text(const char *s);

#endif

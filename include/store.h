/*
 * store: every invoice and credit note as it was issued
 * (output/documents.csv), read back as the same model (struct invoice) by
 * the stages that come after issue: the books, `crmbatch show`.
 *
 * One record per document, written once at issue, in plain CSV a person
 * can read: a "doc" row (number, kind, dates, order, customer, the invoice
 * corrected, term, escompte, totals), "party" rows (the buyer with its
 * code, the delivery address), one "line" row per line (order line,
 * product, description, quantity, unit prices, discount, amount, the tax's
 * name, category, rate, included or not, goods or service), one "vat" row
 * per breakdown as stated (category, rate, tax, base, tax amount), one
 * "inst" row per installment (date, amount), "note" rows (the legal
 * mentions as printed), then an "end" row holding the SHA-256 of the
 * record's fields (each field then a tab, each row then a line break).
 *
 * That hash is the register line's content: the register's chain covers
 * the record, and `crmbatch verify` checks both (store_verify). A record is
 * appended and fsynced after the PDF is durable and before the register
 * names the document; a record the register does not name by its hash (a
 * killed run's: that number is given again) or torn (no end row, or its
 * hash does not match) is not read. Documents issued before the store
 * existed have no record, but a "before_store" row written by the first
 * run that opens the folder (store_prepare): the books read them from the
 * ledgers as before.
 */
#ifndef CRMBATCH_STORE_H
#define CRMBATCH_STORE_H

#include <stddef.h>

#include "diag.h"
#include "invoice.h"
#include "keyset.h"
#include "register.h"
#include "strpool.h"

#define STORE_FILE "documents.csv"

/* A document read back from the store: the model, and what it borrows. */
struct stored_doc {
	const char *number;
	struct invoice inv;         /* its pointers point into this struct and the store's strings */
	struct order order;         /* what the model reads of the order: ref, date, customer code and ref */
	struct partner buyer;
	struct tax *taxes;          /* the taxes its lines and breakdowns name (owned) */
	size_t ntaxes;
	long first_line;            /* of its record in the file */
};

struct doc_store {
	char *path;
	struct stored_doc **v;      /* in the order written (owned) */
	size_t n, cap;
	struct keyset *by_number;   /* number -> index in v */
	struct strpool strings;
};

/* The record of inv, numbered number, as text (*text, caller frees) and
 * its hash (the register line's content). */
void store_record(const struct invoice *inv, const char *number, char **text, size_t *len, char hash[65]);

/* Appends text (whole records) to output_dir's store and fsyncs. */
enum exit_code store_append(const char *output_dir, const char *text, size_t len, struct diag *err);

/* Loads output_dir's store: the records the register names with their
 * hash (none when there is no store). EXIT_IOERR naming a line that does
 * not read back. */
enum exit_code store_open(struct doc_store *st, const char *output_dir, const struct doc_register *reg,
			  struct diag *err);
void store_close(struct doc_store *st);

/* The stored document numbered number, or NULL (not stored). */
const struct stored_doc *store_find(const struct doc_store *st, const char *number);

/*
 * Before a run issues: upgrades an output folder written before the store
 * (no store yet: one "before_store" row per invoice and credit note the
 * register holds, so that from then on every one of them is either stored
 * or known to be older than the store; nothing is re-derived for them, the
 * books read them from the ledgers as before); else drops what a killed
 * run left (records the register does not name by their hash, a record
 * without its end), writing the file again without them.
 */
enum exit_code store_prepare(const char *output_dir, const struct doc_register *reg, struct diag *err);

/*
 * For crmbatch verify: every complete record's hash holds, and every
 * invoice and credit note the register names has its record with its
 * content, or a "before_store" row. Returns
 * EXIT_OK (*records: how many were checked), or EXIT_DATAERR naming the
 * first bad record or register line. Without a store (a folder no run of
 * this version has opened), only the register is checked.
 */
enum exit_code store_verify(const char *output_dir, long *records, struct diag *err);

#endif

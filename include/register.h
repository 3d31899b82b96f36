/*
 * register: the journal of every document ever issued (output/register.csv).
 *
 * One line per document: number, kind, source_ref, partner, issue_date,
 * untaxed, tax, total, currency, due_date, payment_state, issued_by, file,
 * sha256 (of the file), content (a fingerprint of what the document says).
 * Numbers are per kind and year, without gaps (DEV-2026-00001); a document
 * whose content changed is issued again as a revision (DEV-2026-00001-2).
 *
 * Durability, as redis's append-only file: lines are appended and fsynced
 * only after the documents they name are durable; a last line torn by a
 * crash is cut off when the register is opened; a bad line before the last
 * is an error. So a run killed at any moment and run again issues the same
 * numbers for the same documents: no gap, no duplicate.
 */
#ifndef CRMBATCH_REGISTER_H
#define CRMBATCH_REGISTER_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "diag.h"
#include "keyset.h"

struct reg_entry {
	char *number;
	enum doc_kind kind;
	char *source_ref;
	char *partner;
	int32_t issue_date;
	int64_t untaxed, tax, total;      /* cents */
	char *currency;
	int32_t due_date;                 /* DATE_NONE when none */
	char *payment_state;              /* "" for documents that are not paid */
	char *issued_by;
	char *file;                       /* relative to the output folder */
	char *sha256;
	char *content;
	/* Derived when loading or issuing, not stored: */
	int revision;                     /* 1, 2, ... */
	size_t base;                      /* index of the entry holding revision 1 */
};

struct doc_register {
	char *path;
	struct reg_entry *v;
	size_t n, cap;
	struct keyset *latest;            /* "kind\tsource_ref" -> index of the newest */
	struct keyset *seq;               /* "kind\tyear" -> last sequence number */
	int fd;                           /* opened for appending */
};

/* Loads output_dir/register.csv (creating it with its header when absent)
 * and repairs a torn last line. EXIT_IOERR on a bad line, naming it. */
enum exit_code register_open(struct doc_register *reg, const char *output_dir, struct diag *err);
void register_close(struct doc_register *reg);

/* The newest document of this kind for this source, or NULL. */
const struct reg_entry *register_latest(const struct doc_register *reg, enum doc_kind kind, const char *source_ref);

/* The source of a new document of kind for an order that may have several
 * (invoices, delivery slips): "SO-1#1", then "SO-1#2"... the first this
 * register does not hold yet. Writes it into out. */
void register_next_source(const struct doc_register *reg, enum doc_kind kind, const char *order_ref,
			  char *out, size_t size);

/*
 * Prepares the next entry for (kind, source_ref): a new number in the
 * issue date's year, or the next revision of the source's latest document.
 * Fills e->number, kind, source_ref, revision and base; the caller fills
 * the rest, then calls register_append. A new number is reserved at once,
 * so entries prepared one after the other get consecutive numbers; they
 * must be appended in the order they were prepared. fmt is the config's
 * number format.
 */
void register_prepare(struct doc_register *reg, enum doc_kind kind, const char *source_ref,
		      int32_t issue_date, const char *fmt, struct reg_entry *e);

/* Appends entries (taking ownership of their strings) and fsyncs once. */
enum exit_code register_append(struct doc_register *reg, struct reg_entry *e, size_t n, struct diag *err);

/* Sets an entry's payment state in memory; register_rewrite writes it. */
void register_set_payment_state(struct doc_register *reg, size_t i, const char *state);

/* Rewrites the whole register atomically (the payment states are the one
 * thing that changes in a line once written), then appends again. */
enum exit_code register_rewrite(struct doc_register *reg, struct diag *err);


/* Frees the strings of an entry that was prepared but not appended. */
void reg_entry_release(struct reg_entry *e);

#endif

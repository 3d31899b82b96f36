/*
 * register: the journal of every document ever issued (output/register.csv).
 *
 * One line per document: number, kind, source_ref, partner, issue_date,
 * untaxed, tax, total, currency, due_date, payment_state (as issued: the
 * current one is in receivables.csv), issued_by, file, sha256 (of the
 * file), content (a fingerprint of what the document says; for an invoice
 * or a credit note, the hash of its record in the store, store.h), chain.
 *
 * Append-only for real, and tamper-evident: a line is never rewritten, and
 * its chain is the SHA-256 of the previous line's chain (64 zeros for the
 * first) and of this line's other fields as written, so that changing any
 * line or file breaks what crmbatch verify checks. A register written
 * before the chain existed gets its chain computed once, when first opened.
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
#include "strpool.h"

struct reg_latest;

/* A register line as it is read, or as it is appended (its own strings). */
struct reg_entry {
	char *number;
	char *source_ref;
	char *partner;
	char *currency;
	char *payment_state;              /* "" for documents that are not paid */
	char *issued_by;
	char *file;                       /* relative to the output folder */
	char *sha256;                     /* of the file */
	char *content;                    /* 64 hex digits */
	char *chain;
	int64_t untaxed, tax, total;      /* cents */
	enum doc_kind kind;
	int32_t issue_date;
	int32_t due_date;                 /* DATE_NONE when none */
};

/*
 * What the register keeps of a line in memory: what later documents, the
 * ledgers and the books ask of it. A run holds one per document ever
 * issued, so the rest is left in the file: its currency, state and user
 * (as issued; nothing reads them back), its file's name and hash (verify
 * reads them from the file) and its chain (only the newest is needed).
 */
struct reg_doc {
	const char *number, *source_ref, *partner; /* in the register's strings */
	int64_t untaxed, tax, total;      /* cents */
	int32_t issue_date;
	int32_t due_date;                 /* DATE_NONE when none */
	/* Derived when loading or issuing, not stored: */
	uint32_t revision;                /* 1, 2, ... */
	uint32_t base;                    /* index of the entry holding revision 1 */
	unsigned char content[32];        /* the fingerprint, as bytes */
	unsigned char fingerprinted;      /* 0: the line's content is not 64 hex digits
					     (it then matches no document) */
	unsigned char kind;               /* enum doc_kind */
};

/* A register holds at most this many lines, about four billion (a named
 * limit: the in-memory indexes of documents are 32-bit, with room left
 * for the documents of a batch being issued). */
#define REGISTER_MAX_LINES 0xF0000000u

struct doc_register {
	char *path;
	struct reg_doc *v;
	size_t n, cap;
	struct reg_latest *latest;        /* (kind, source_ref) -> index of the newest */
	struct keyset *seq;               /* "kind\tyear" -> last sequence number */
	struct strpool strings;           /* the entries' texts (each entry's own copies are
					     moved here when it is taken in: ten allocations
					     an entry cost more than its texts) */
	char last_chain[65];              /* the newest line's chain ("" before upgrade) */
	int fd;                           /* opened for appending */
	size_t upgraded;                  /* lines chained when opened (0: none) */
};

/* Loads output_dir/register.csv (creating it with its header when absent)
 * and repairs a torn last line. EXIT_IOERR on a bad line, naming it. */
enum exit_code register_open(struct doc_register *reg, const char *output_dir, struct diag *err);
void register_close(struct doc_register *reg);

/* The newest document of this kind for this source, or NULL. */
const struct reg_doc *register_latest(const struct doc_register *reg, enum doc_kind kind, const char *source_ref);

/* The source of a new document of kind for an order that may have several
 * (invoices, delivery slips): "SO-1#1", then "SO-1#2"... the first this
 * register does not hold yet. Writes it into out. */
void register_next_source(const struct doc_register *reg, enum doc_kind kind, const char *order_ref,
			  char *out, size_t size);

/* The document a later one corrects or follows, from its source "X#n"
 * (as register_next_source writes it): X into out. Returns 0, or -1 when
 * the source has no "#n" or X does not fit. */
int register_source_base(const struct reg_doc *e, char *out, size_t size);

/*
 * Prepares the next entry for (kind, source_ref): a new number in the
 * issue date's year, or the next revision of the source's latest document.
 * Fills e->number, kind, source_ref and the dates; the caller fills
 * the rest, then calls register_append. A new number is reserved at once,
 * so entries prepared one after the other get consecutive numbers; they
 * must be appended in the order they were prepared. fmt is the config's
 * number format.
 */
void register_prepare(struct doc_register *reg, enum doc_kind kind, const char *source_ref,
		      int32_t issue_date, const char *fmt, struct reg_entry *e);

/* Non-zero when d holds this content (64 hex digits). */
int register_same_content(const struct reg_doc *d, const char *content);

/* Appends entries (taking ownership of their strings) and fsyncs once. */
enum exit_code register_append(struct doc_register *reg, struct reg_entry *e, size_t n, struct diag *err);

/* Frees the strings of an entry that was prepared but not appended. */
void reg_entry_release(struct reg_entry *e);

/*
 * The chain's head: how many lines the register held and the chain of the
 * last (64 zeros for none). Every run prints it; kept elsewhere, it is the
 * chain's anchor: a register whose last lines were cut off (and their
 * files deleted) still chains, but no longer reaches its head.
 */
struct reg_head {
	unsigned long count;
	char chain[65];
};

/* The SHA-256 (hex) of output_dir/file, a file crmbatch writes for a
 * document of kind, as verify hashes it: NULL, or why it cannot be. */
const char *register_file_sha256(const char *output_dir, enum doc_kind kind, const char *file, char hex[65]);

/* The head of reg as it is now. */
void register_head(const struct doc_register *reg, struct reg_head *h);

/* Parses "COUNT:HASH" (decimal count, 64 lowercase hex digits) into h;
 * -1 when s is not one. */
int register_head_parse(const char *s, struct reg_head *h);

/*
 * crmbatch verify: re-reads output_dir/register.csv and every file it names.
 * Returns EXIT_OK when every chain link and every file's SHA-256 hold
 * (*lines and *files say how many were checked), and when head is not
 * NULL, the register reaches it (its head->count-th line has that chain;
 * it may have grown since); else EXIT_DATAERR naming the first bad line
 * or file (EXIT_NOINPUT without a register). A line whose file name
 * crmbatch could not have written is a damaged line, and only regular
 * files are read.
 */
enum exit_code register_verify(const char *output_dir, const struct reg_head *head, long *lines, long *files,
			       struct diag *err);

#endif

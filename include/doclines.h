/*
 * doclines: which order lines a kind of document covered, and how much —
 * the lines of crmbatch's invoices (output/invoice_lines.csv) or delivery
 * slips (output/delivery_lines.csv), read back on every run so that nothing
 * is invoiced or shipped twice.
 *
 * The file is append-only: a batch's lines are appended and fsynced once
 * its PDFs are durable and before the register names them. A line whose
 * document never reached the register (a killed run) is ignored, and the
 * file is compacted without it, since that number will be given again; a
 * torn last line is cut.
 */
#ifndef CRMBATCH_DOCLINES_H
#define CRMBATCH_DOCLINES_H

#include <stdint.h>

#include "keyset.h"
#include "register.h"
#include "strpool.h"

/* What a document's lines share: its number, order and customer. */
struct doc_head {
	const char *doc, *order_ref, *customer; /* in the strings */
};

/* 40 bytes: a large day holds a million of them. */
struct doc_line {
	const char *product;       /* in the strings, one copy per product */
	int64_t qty;               /* 1/1000 */
	union {
		int64_t amount;    /* cents excluding tax, as the document says; -1: not kept */
		int64_t already;   /* a delivery slip's: what it stated already delivered
				      before it (1/1000); -1: not kept (written before) */
	};
	uint32_t head;             /* its document's, in dl->heads (doc_line_doc...):
				      registered or being issued, so it fits */
	int line;                  /* 1-based line of the order */
	/* The money documents' lines also keep what the books need: */
	int32_t vat_rate;          /* 1/100 %; -1: not kept */
	unsigned char category;    /* enum vat_category */
	unsigned char service;     /* a service, not goods */
};

/* What a money document's line says besides its quantity. */
struct doc_money {
	int64_t amount, vat_rate;  /* -1: not kept (a delivery slip's line) */
	enum vat_category category;
	int service;
};

struct doc_lines {
	enum doc_kind kind;
	/* The money documents (invoices, credit notes) keep each line's
	 * amount: a credit note credits what the invoice said, whatever the
	 * order's prices are now; and its VAT rate, category and whether it is
	 * a service, for the books. Files written before have none of them. */
	int amounts;
	char *path;
	struct doc_line *v;
	size_t n, cap;
	struct doc_head *heads;
	size_t nheads, heads_cap;
	/* The lines' strings, kept in large blocks, each written once for a
	 * run of lines that repeat it (a document's lines share its number,
	 * order and customer): a 1M-line day's ledger took 216 bytes a line
	 * in separate copies. */
	struct strpool strings;
	/* Quantity covered per order line: order_ref -> its quantities by
	 * line (a key per order, not per line: a million keys of
	 * "order_ref\tline" took 80 bytes a line). */
	struct keyset *by_order;
	struct order_qtys { struct line_qty { int64_t line, qty; } *v; size_t n, cap; } *qtys; /* by line */
	size_t nqtys, qtys_cap;
	struct keyset *line_by_doc;   /* document -> index of its first line */
	struct keyset *products;      /* product -> its copy, in product_copy */
	const char **product_copy;
	size_t nproducts, products_cap;
};

/* amounts: keep an amount column (see struct doc_lines). */
void doclines_init(struct doc_lines *dl, enum doc_kind kind, int amounts, const char *output_dir,
		   const char *filename);
void doclines_release(struct doc_lines *dl);
/* Loads the file: lines of registered documents of dl's kind only. */
enum exit_code doclines_load(struct doc_lines *dl, const struct doc_register *reg, struct diag *err);
void doclines_add(struct doc_lines *dl, const char *doc, const char *order_ref, int line, const char *product,
		  int64_t qty, const struct doc_money *money, const char *customer);
/* A delivery slip's line: doclines_add() with what the slip stated
 * already delivered before it (-1: not known). */
void doclines_add_shipped(struct doc_lines *dl, const char *doc, const char *order_ref, int line,
			  const char *product, int64_t qty, int64_t already, const char *customer);
/* Appends lines [from, n) and fsyncs; on failure they leave the memory. */
enum exit_code doclines_append(struct doc_lines *dl, size_t from, struct diag *err);
/* The document, order and customer of line l of dl. */
const char *doc_line_doc(const struct doc_lines *dl, const struct doc_line *l);
const char *doc_line_order(const struct doc_lines *dl, const struct doc_line *l);
const char *doc_line_customer(const struct doc_lines *dl, const struct doc_line *l);
/* Quantity of an order line covered so far: what the documents' lines
 * add up to; for delivery slips, what the latest slip stated delivered
 * once it had shipped (already delivered + shipped), counting goods the
 * export showed delivered without a slip of crmbatch's (see delivery.h). */
int64_t doclines_qty(const struct doc_lines *dl, const char *order_ref, int line);
/* The customer of a document, or NULL. */
const char *doclines_customer(const struct doc_lines *dl, const char *doc);

#endif

/*
 * orders: order lines grouped into orders and priced.
 *
 * Lines arrive from order_lines.csv in any order; those of one order_ref
 * form one order. The first line of an order fixes its customer, state,
 * date, salesperson, payment term and delivery address; a later line that
 * contradicts them is refused (reported, counted as rejected), since no
 * document could carry both. Prices and taxes default to the catalogue's.
 */
#ifndef CRMBATCH_ORDERS_H
#define CRMBATCH_ORDERS_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "ingest.h"
#include "pricing.h"
#include "rejects.h"
#include "strpool.h"

/* 64 bytes: a large day holds millions of them. What pricing reads is
 * order_line_input's. */
struct order_line {
	const struct product *product;
	const char *description;    /* NULL: the product's name (in the orders' descriptions) */
	const struct tax *tax;      /* NULL: none */
	int64_t qty;                /* 1/1000 */
	int64_t unit_price;         /* 1/10000, the line's or its product's */
	int64_t qty_delivered;      /* 1/1000 */
	int64_t allocated;          /* from stock on hand: set by stock_compute */
	int32_t discount;           /* 1/100 of a percent: at most 100 % */
	int32_t line;               /* in order_lines.csv: at most ORDERS_MAX_FILE_LINE */
};

/* The last line of order_lines.csv a line may come from (a named limit,
 * two billion lines: later ones are refused). */
#define ORDERS_MAX_FILE_LINE INT32_MAX

/* What pricing needs of line l (its amounts: order_line_priced). */
static inline struct price_input order_line_input(const struct order_line *l)
{
	return (struct price_input){ l->qty, l->unit_price, l->discount, l->tax };
}

/* Why an order is refused as it is read (before any document). */
enum order_fault {
	ORDER_SOUND = 0,
	ORDER_LINE_OVERFLOW,    /* a line's qty x unit price cannot be computed exactly */
	ORDER_TOTAL_OVERFLOW,   /* its lines' amounts add up beyond what is computed exactly */
	ORDER_TOO_MANY_RATES,   /* more than PRICING_MAX_RATES different taxes */
};

struct order {
	const char *ref, *customer_code, *salesperson, *payment_term, *lead; /* in the orders' strings */
	const char *customer_ref;   /* the buyer's purchase-order number, or NULL */
	struct address *delivery;   /* its own delivery address, as its lines give it (owned), or NULL */
	const struct partner *customer;
	struct order_line *lines;   /* in os->all; NULL when its lines are not kept (check, or a state no stage reads) */
	int32_t *line_nos;          /* without lines: each line's place in the file (in os->nos) */
	size_t nlines;
	long first_line;
	/* Checked as each line is read, in both modes, so that check and run
	 * refuse the same orders: */
	int64_t weight;             /* sum of |gross| + |tax| of the lines, cents */
	unsigned char *taxes_seen;  /* by tax index (and one for none), only when
				       the config has more than PRICING_MAX_RATES taxes */
	long fault_line;            /* the line that overflowed */
	int32_t date;               /* DATE_NONE when not given */
	enum order_state state;
	enum order_fault fault;
	unsigned ntaxes;
};

struct orders {
	const struct config *cfg;
	const struct catalog *cat;
	struct rejects *rejects;
	const char *path;           /* of order_lines.csv, for messages */
	struct order *v;
	size_t n, cap;
	struct keyset *by_ref;
	unsigned keep_states;        /* 1 << state: the orders whose lines are kept */
	int keep_descriptions;
	/* The kept lines of every order in one array, and the line numbers
	 * of the others in another: an order's are contiguous once
	 * orders_price has placed them (while reading, each one's order is in
	 * its owner array). No per-order array, no per-order slack. */
	struct order_line *all;
	size_t nall, all_cap;
	size_t *owner;
	int32_t *nos;
	size_t nnos, nos_cap;
	size_t *nos_owner;
	struct strpool strings;      /* the orders' texts and the lines' own descriptions */
};

/* The amounts of line l, priced again (cheaper than keeping them for a
 * million lines). */
void order_line_priced(const struct order_line *l, struct priced_line *out);

/* The totals of order o (kept with its lines, not priced as refused):
 * computed when a document needs them, rather than kept for every order
 * (680 bytes each, for the 16 rates an order may have). */
void orders_totals(const struct orders *os, const struct order *o, struct totals *t);

/* keep_states (1 << enum order_state): the orders whose lines are kept;
 * 0 for check, which needs each order's header and sums but not its lines
 * (memory then grows with orders, not with lines). keep_descriptions: the
 * lines' own descriptions are kept (for the documents that print them);
 * else a line shows its product's name. */
void orders_init(struct orders *os, const struct config *cfg, const struct catalog *cat,
		 struct rejects *rj, const char *input_dir, unsigned keep_states, int keep_descriptions);
void orders_release(struct orders *os);
/* Adds the sink of order_lines.csv (first, as it may refuse rows). */
void orders_attach(struct orders *os, struct ingest *in);

/*
 * Prices every order, then sorts them by date then reference: the order in
 * which documents are numbered. An order whose amounts cannot be computed
 * exactly (a line, its sum, or more than PRICING_MAX_RATES taxes) is
 * refused whole: each of its lines is reported and counted as rejected in
 * in's counts, and the order is dropped; the others go on.
 */
void orders_price(struct orders *os, struct ingest *in);

/*
 * Where order o's goods go, when not to its customer's billing address
 * (décret 2022-1299): its own delivery address, else its customer's
 * default one, a missing name being the customer's and a missing country
 * the billing one. Returns 1 with it in *to (its texts borrowed from the
 * orders and the catalog), or 0 when they go to the billing address
 * (none given, or the same).
 */
int order_ship_to(const struct order *o, struct address *to);

/* The displayed description of a line. */
const char *order_line_description(const struct order_line *l);

#endif

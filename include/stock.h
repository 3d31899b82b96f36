/*
 * stock: where each product stands, who gets the scarce stock, and what to
 * order from suppliers (Odoo's Inventory and Purchase as a batch).
 *
 * Position per product: on hand and incoming from products.csv, plus the
 * purchase orders crmbatch issued earlier and not yet received (their lines
 * live in output/purchases.csv, counted only when their number is in the
 * register; receipts.csv closes them); demand is what confirmed orders
 * still have to deliver. Stock on hand is allocated to confirmed orders
 * first-confirmed first-served (order date, then reference).
 *
 * Replenishment follows Odoo's reorder rule: when the forecast (on hand +
 * incoming - demand) falls below reorder_min, order max(reorder_min,
 * reorder_max) - forecast, rounded up to reorder_multiple and at least the
 * supplier's minimum; with no rule (min = max = 0), exactly the shortfall.
 * A make-to-order product orders each confirmed line's missing quantity.
 * Needs are grouped into one purchase order per supplier and run date.
 *
 * Orders issued on the run's own date are the day's order: they stay out
 * of the forecast and count toward what the rule asks, so a run killed and
 * run again, or run twice, computes the same positions and orders nothing
 * twice.
 */
#ifndef CRMBATCH_STOCK_H
#define CRMBATCH_STOCK_H

#include <stdint.h>

#include "catalog.h"
#include "ingest.h"
#include "issue.h"
#include "orders.h"
#include "register.h"
#include "rejects.h"

struct position {
	int64_t on_hand, reserved, free, incoming, demand, forecast, shortfall, to_order; /* 1/1000 */
	int64_t open_po;          /* of incoming: crmbatch's purchase orders not yet received */
	int64_t ordered_today;    /* purchase orders of the run's date: not incoming, part of to_order */
	int64_t not_needed;       /* of open_po: beyond what the rule would ask without it */
	int overflow;             /* a sum did not fit: nothing is ordered, and a warning says so */
};

/* A confirmed order line short of stock (what it holds is the line's
 * allocated; what it still needs, stock_open(line) - allocated). */
struct allocation {
	const struct order *order;
	const struct order_line *line;
	const char *covered_by;   /* the purchase order expected to bring the missing part */
	int32_t expected;         /* its arrival, DATE_NONE when none */
};

/* What a confirmed line has still to deliver: qty - delivered, not below 0. */
int64_t stock_open(const struct order_line *l);

/* A line of a purchase order crmbatch issued (output/purchases.csv). */
struct po_line {
	char *number, *supplier, *product;
	int32_t issued;           /* the order's issue date, from the register */
	int64_t qty, received;    /* 1/1000 */
	int64_t unit_price;       /* 1/10000 */
	int32_t expected;
};

/* The inputs of the reorder rule, table-testable. */
struct reorder_input {
	int64_t forecast, reorder_min, reorder_max, multiple, supplier_min; /* 1/1000 */
};

/* Quantity to order for a product under Odoo's rule (see above). */
int64_t stock_reorder_qty(const struct reorder_input *in);

struct stock {
	const struct config *cfg;
	const struct catalog *cat;
	struct orders *orders;    /* each line's allocation is written back */
	struct position *pos;     /* by catalog index */
	struct allocation *alloc; /* the short lines, in allocation order (until stock_replenish) */
	size_t nalloc;
	struct po_line *po;
	size_t npo, po_cap;
	/* receipts.csv, until computed */
	struct { char *po, *product; int64_t qty; } *receipts;
	size_t nreceipts, receipts_cap;
	char *receipts_path, *products_path;
	const char *output_dir;
};

void stock_init(struct stock *st, const struct config *cfg, const struct catalog *cat, struct orders *os,
		const char *input_dir);
void stock_release(struct stock *st);
/* Adds the sink of receipts.csv. */
void stock_attach(struct stock *st, struct ingest *in);

/* Loads output/purchases.csv (lines of registered purchase orders only),
 * applies receipts, computes positions and allocations. */
enum exit_code stock_compute(struct stock *st, const struct doc_register *reg, const char *output_dir,
			     int32_t today, struct rejects *rj, struct diag *err);

struct stock_summary {
	long purchase_orders, lines, short_lines, no_supplier;
	long not_needed;           /* products whose open purchase orders are no longer needed */
	long refused;              /* purchase orders that could not be computed (in rejects.csv) */
};

/* Issues the purchase orders of the day's needs, then writes
 * output/stock.csv and output/shortfalls.csv, and lets go of the list of
 * short lines. */
enum exit_code stock_replenish(struct stock *st, struct issuer *is, struct rejects *rj, struct stock_summary *sum,
			       struct diag *err);

/* What a quote of order o may promise of product p: stock on hand less
 * what other confirmed orders hold. */
int64_t stock_available_for(const struct stock *st, const struct order *o, const struct product *p);

#endif

/*
 * delivery: delivery slips ("Bon de livraison", BL-...), after the stock
 * allocation.
 *
 * For each confirmed order, what ships now is what stock allocated to it,
 * up to what is left to deliver: the ordered quantity less what was
 * delivered already, which is the greater of the export's qty_delivered
 * and what crmbatch's slips stated delivered (output/delivery_lines.csv
 * keeps each slip line's quantity and the "already delivered" it stated;
 * the rule and its reasons are in delivery.c), and less what those slips
 * sent that the export does not show yet (still counted on hand). So goods
 * delivered without crmbatch (at the shop) are never shipped again, a
 * return ships nothing by itself, and a re-run issues nothing.
 *
 * Only goods go on slips: a service neither waits for stock nor holds the
 * goods back, and is never a backorder. A slip lists per line the quantity
 * ordered, already delivered, shipped now and still to come (they add up),
 * without prices, with a box for the recipient's signature. [delivery]
 * policy decides partial shipments: "complete" (the default, Odoo's "when
 * all products are ready") ships an order only when all the goods it still
 * needs are there; "partial" ships what is there, the rest as a backorder.
 */
#ifndef CRMBATCH_DELIVERY_H
#define CRMBATCH_DELIVERY_H

#include "doclines.h"
#include "issue.h"
#include "orders.h"

struct deliveries {
	const struct config *cfg;
	const struct orders *orders;
	struct doc_lines lines;    /* output/delivery_lines.csv */
};

void deliveries_init(struct deliveries *dv, const struct config *cfg, const struct orders *os, const char *output_dir);
void deliveries_release(struct deliveries *dv);
enum exit_code deliveries_load(struct deliveries *dv, const struct doc_register *reg, struct diag *err);

struct delivery_summary {
	long slips, waiting;
};

/* Issues the slips of what can ship today. */
enum exit_code deliveries_issue(struct deliveries *dv, struct issuer *is, struct delivery_summary *sum,
				struct diag *err);

#endif

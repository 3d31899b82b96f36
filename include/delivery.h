/*
 * delivery: delivery slips ("Bon de livraison", BL-...), after the stock
 * allocation.
 *
 * For each confirmed order, what can ship now is what stock allocated to
 * it less what crmbatch's slips already sent and the export does not yet
 * show delivered (output/delivery_lines.csv, see doclines.h). A slip lists
 * per line the quantity ordered, shipped now and still to come, without
 * prices, with a box for the recipient's signature. [delivery] policy
 * decides partial shipments: "complete" (the default, Odoo's "when all
 * products are ready") ships an order only when all it still needs is
 * there; "partial" ships what is there, the rest as a backorder. A re-run
 * issues no second slip for the same shipment.
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

/*
 * quotes: the sales documents of the day.
 *
 * An order in state quotation or sent gets a quote ("Devis", valid for
 * [invoicing] quote_validity_days), in prices excluding tax for a
 * business and including tax for a consumer; an order in state sale gets
 * its order confirmation ("Confirmation de commande") only, never a
 * quote dated after it (one first seen confirmed has no quote); a
 * cancelled order gets nothing, and is reported when a quote had been
 * issued for it. A quote warns when the stock on hand, less what other
 * confirmed orders were allocated (stock.h), cannot cover a product.
 */
#ifndef CRMBATCH_QUOTES_H
#define CRMBATCH_QUOTES_H

#include "catalog.h"
#include "issue.h"
#include "orders.h"
#include "rejects.h"
#include "stock.h"

struct quotes_summary {
	long quotes, orders, unchanged, cancelled_reported;
};

enum exit_code quotes_issue(struct issuer *is, const struct orders *os, const struct stock *st,
			    struct rejects *rj, struct quotes_summary *sum, struct diag *err);

#endif

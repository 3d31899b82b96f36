/*
 * facturx: an invoice as Factur-X / EN 16931 (CII) XML, the machine-readable
 * twin of the PDF, shaped after shared/facturx/sample-fr-en16931.xml so that
 * it passes the XSD, the EN 16931 rules and the French CTC rules:
 * amounts with 2 decimals, rates with at most 2, dates as YYYYMMDD of the
 * civil date, one IncludedNote per subject (PMD, PMT, AAB), BT-23 B1/S1/M1,
 * the buyer's SIREN and 0225 address for a French business buyer.
 */
#ifndef CRMBATCH_FACTURX_H
#define CRMBATCH_FACTURX_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "config.h"
#include "pdfdoc.h"
#include "pricing.h"

struct facturx_invoice {
	const char *number;
	int32_t date;
	int32_t delivery;           /* BT-72; DATE_NONE: not stated */
	int32_t due;
	const struct partner *buyer;
	const char *order_ref;      /* BT-14: the firm's own sales order */
	const char *buyer_ref;      /* BT-13: the buyer's purchase order, or NULL */
	const char *terms;          /* BT-20 */
	const char *process;        /* BT-23: "B1" goods, "S1" services, "M1" mixed */
	const char *penalty_note;   /* PMD */
	const char *indemnity_note; /* PMT (the French rules want it on every invoice) */
	const char *escompte_note;  /* AAB */
	const struct doc_row *rows;
	size_t nrows;
	const struct totals *totals;
};

/* The XML in a new buffer (caller frees), its length in *len. */
char *facturx_xml(const struct config *cfg, const struct facturx_invoice *inv, size_t *len);

#endif

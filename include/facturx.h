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
#include "invoice.h"

/* The XML of invoice inv numbered number, in a new buffer (caller frees),
 * its length in *len. Lines carry their gross price and discount
 * (BT-148, BT-147) beside the net price; each VAT breakdown its category
 * and, but for S, the tax's mention as exemption reason (BT-120). */
char *facturx_xml(const struct config *cfg, const char *number, const struct invoice *inv, size_t *len);

#endif

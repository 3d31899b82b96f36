/*
 * pdfdoc: the one PDF layout of every document crmbatch issues (quotes,
 * order confirmations, purchase orders, invoices, delivery slips).
 *
 * A4; the company's header, the partner's block, the title, number and
 * dates, a table of lines that wraps long descriptions and continues on
 * following pages with its header repeated, the VAT summary per rate, the
 * totals, notes (terms, validity, warnings, legal mentions), and on every
 * page a legal footer and "Page X/Y". One embedded font (DejaVu Sans,
 * WinAnsi subset); French typography. Rendering computes no amount: it
 * formats what the stages computed. Output is byte-for-byte reproducible:
 * the only date inside is the document's own.
 */
#ifndef CRMBATCH_PDFDOC_H
#define CRMBATCH_PDFDOC_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "config.h"
#include "diag.h"
#include "pricing.h"

enum doc_col {
	DC_REF,        /* a reference (supplier's code...) */
	DC_DESC,       /* description: takes the width left, wraps */
	DC_CUSTOMER,   /* the same, headed "Client" (the aged balance) */
	DC_QTY,
	DC_UNIT_PRICE, /* excluding tax */
	DC_DISCOUNT,
	DC_TAX,        /* VAT rate */
	DC_AMOUNT,     /* excluding tax */
	DC_UNIT_PRICE_INCL, DC_AMOUNT_INCL, /* the same including tax (a consumer's quote) */
	DC_ORDERED, DC_DELIVERED, DC_SHIPPED, DC_BACKORDER, /* a delivery's: ordered, delivered before, now, to come */
	DC_DATE,
	DC_DAYS_LATE, DC_DUE, DC_PENALTY,     /* a reminder's: days late, amount due, penalties */
	DC_NOT_DUE, DC_LATE_30, DC_LATE_60, DC_LATE_90, DC_LATE_MORE, DC_AGED_TOTAL, /* the aged balance's */
	DC_TO_REFUND,  /* ... what the firm owes the customer (negative) */
};

struct doc_row {
	const char *ref, *description;
	int64_t qty, unit_price, discount, tax_rate, amount; /* 1/1000, 1/10000, 1/100 %, 1/100 %, cents;
							      * the prices as the columns say: HT or TTC */
	int64_t ordered, delivered, shipped, backorder;      /* 1/1000 */
	int32_t date;
	int days_late;
	int64_t due, penalty;                                /* cents */
	int64_t aged[7];                                     /* cents: not due, 1-30, 31-60, 61-90, > 90, total,
							      * to refund (negative; in the total) */
};

struct doc_meta {
	const char *label, *value;
};

/* Enough for every document's own: an invoice has at most 7 metas, and
 * 7 notes plus one mention per VAT breakdown (at most PRICING_MAX_RATES). */
#define DOC_MAX_META 10
#define DOC_MAX_NOTES (PRICING_MAX_RATES + 8)

struct document {
	const char *title;               /* "Devis" */
	const char *number;              /* "" for a report that has none (the aged balance) */
	int32_t date;                    /* issue date: printed, and in the PDF's metadata */
	struct doc_meta meta[DOC_MAX_META];
	size_t nmeta;
	const char *partner_label;       /* "Client", "Fournisseur"... */
	const struct partner *partner;
	/* The address the goods go to, in a block of its own under the
	 * partner's ("Adresse de livraison"), or in its place when partner
	 * is NULL ("Livrer à"); ship_label NULL: none. */
	const char *ship_label;
	struct address ship_to;
	const enum doc_col *cols;
	size_t ncols;
	const struct doc_row *rows;
	size_t nrows;
	const struct totals *totals;     /* NULL: no totals (delivery slip) */
	int tax_included;                /* prices stated including tax (to a consumer): the
					  * totals lead with the total TTC */
	const char *notes[DOC_MAX_NOTES];
	size_t nnotes;
	const char *signature;           /* label of a signature box, or NULL for none */
	/* The footer leaves out the company's IBAN and BIC: a document to
	 * someone we pay (a purchase order) asks for no payment. */
	int no_bank_details;
	/* A file embedded in the PDF as an associated file (Factur-X: the XML
	 * named "factur-x.xml", relationship Data) with the XMP metadata that
	 * declares it; NULL: none. */
	const char *attachment;
	size_t attachment_len;
};

/*
 * Renders doc into a new buffer *pdf of *len bytes (caller frees).
 * Returns EXIT_OK, or EXIT_SOFTWARE with libharu's error in err.
 */
enum exit_code pdfdoc_render(const struct config *cfg, const struct document *doc,
			     unsigned char **pdf, size_t *len, struct diag *err);

/*
 * A free-form A4 page in the same look (fonts, company header, legal
 * footer, Page X/Y), for reports such as the pipeline. Coordinates are in
 * points from the bottom left. Owns its libharu document until finish.
 */
struct pdf_canvas;

enum canvas_align { CANVAS_LEFT, CANVAS_RIGHT, CANVAS_CENTER };

/* A canvas with one page, the company header and title drawn; *top gets
 * the height below them where the report may start. */
struct pdf_canvas *pdfcanvas_new(const struct config *cfg, int32_t date, const char *title, float *top);
void pdfcanvas_text(struct pdf_canvas *c, int bold, float size, float x, float y, float width,
		    enum canvas_align align, const char *utf8);
/* A filled rectangle in RGB (0..1). */
void pdfcanvas_rect(struct pdf_canvas *c, float x, float y, float w, float h, float r, float g, float b);
void pdfcanvas_line(struct pdf_canvas *c, float x1, float y1, float x2, float y2, float width);
/* Draws the footers, writes the PDF into a new buffer and frees c. */
enum exit_code pdfcanvas_finish(struct pdf_canvas *c, unsigned char **pdf, size_t *len, struct diag *err);

/* A safe file name from a document number: [A-Za-z0-9._-] kept, anything
 * else '_', no leading dot, so no number can write outside its folder. */
void pdfdoc_file_name(const char *number, char *out, size_t size);

#endif

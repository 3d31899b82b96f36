/*
 * pdfdoc: the shared document layout, drawn with libharu (see
 * include/pdfdoc.h). This module owns every HPDF_Doc it creates; the
 * fonts come from pdffont, the compression from pdfzip. The Factur-X
 * attachment and output intent use libharu's internal object API
 * (hpdf_doc.h, hpdf_objects.h, shipped by Debian).
 */
#include "pdfdoc.h"
#include "interpose.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pdfa.h>
#include <hpdf_utils.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fonts.h"
#include "pdffont.h"
#include "money.h"
#include "sha256.h"
#include "text.h"
#include "xalloc.h"

/*
 * libharu copies and fills memory one byte at a time in HPDF_MemCpy and
 * HPDF_MemSet, which it calls through its own exported symbols; reading a
 * font's tables four bytes per call, they were 15 % of an invoice run.
 * These definitions, first in the dynamic linker's lookup, do the same
 * with libc's. Both return the end of the area, as libharu's do
 * (hpdf_utils.h declares them).
 */
HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	if (n)
		memmove(out, in, n); /* libharu's loop tolerated overlap */
	return out + n;
}

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	if (n)
		memset(s, c, n);
	return (HPDF_BYTE *)s + n;
}

#define PAGE_W 595.276f
#define PAGE_H 841.89f
#define MARGIN 40.0f
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define FOOTER_TOP 62.0f        /* the table never goes below this */
#define ROW_FONT 8.5f
#define ROW_LEAD 11.0f
#define GREY 0.93f

struct render {
	HPDF_Doc pdf;
	HPDF_Font regular, bold;
	HPDF_Page *pages;
	size_t npages, pages_cap;
	HPDF_Page page;
	float y;                     /* cursor, from the bottom */
	HPDF_STATUS error, detail;   /* libharu's first error */
	const struct config *cfg;
	const struct document *doc;
	float col_x[16], col_w[16];
	/* win(r, )'s rotating buffers, grown to the longest text (owned). */
	char *wbuf[4];
	size_t wcap[4];
	unsigned wk;
};

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	struct render *r = data;
	if (!r->error) {
		r->error = error;
		r->detail = detail;
	}
}

/* --- text -------------------------------------------------------------- */

/* UTF-8 -> WinAnsi in one of the render's rotating buffers (a few live at
 * once), whole however long: a WinAnsi text is never longer than its UTF-8. */
static const char *win(struct render *r, const char *utf8)
{
	unsigned k = r->wk++ & 3;
	size_t need = strlen(utf8 ? utf8 : "") + 1;
	if (need > r->wcap[k]) {
		r->wbuf[k] = xrealloc(r->wbuf[k], need);
		r->wcap[k] = need;
	}
	utf8_to_winansi(utf8 ? utf8 : "", r->wbuf[k], need, NULL);
	return r->wbuf[k];
}

static void win_release(struct render *r)
{
	for (int k = 0; k < 4; k++) {
		free(r->wbuf[k]);
		r->wbuf[k] = NULL;
		r->wcap[k] = 0;
	}
}

static float width_of(HPDF_Font f, float size, const char *w)
{
	HPDF_TextWidth tw = HPDF_Font_TextWidth(f, (const HPDF_BYTE *)w, (HPDF_UINT)strlen(w));
	return (float)tw.width * size / 1000.0f;
}

enum align { LEFT, RIGHT, CENTER };

/* Draws WinAnsi text w in a box [x, x + width) on the baseline y. */
static void text(struct render *r, HPDF_Font f, float size, float x, float y, float width, enum align a,
		 const char *w)
{
	float tw = width_of(f, size, w);
	if (a == RIGHT)
		x += width - tw;
	else if (a == CENTER)
		x += (width - tw) / 2;
	HPDF_Page_BeginText(r->page);
	HPDF_Page_SetFontAndSize(r->page, f, size);
	HPDF_Page_TextOut(r->page, x, y, w);
	HPDF_Page_EndText(r->page);
}

/* Splits WinAnsi text into lines of at most width; line breaks in the text
 * are kept. Returns the number of lines written into out (each a copy the
 * caller frees) up to max. */
/* w cut into lines that fit width, at spaces where it can (a word wider
 * than the width is cut), and at its own line breaks: a new array of new
 * strings, as many as the text needs (*n of them). */
static char **wrap(HPDF_Font f, float size, const char *w, float width, size_t *n)
{
	char **out = NULL;
	size_t cap = 0;
	*n = 0;
#define PUSH(S) do { if (*n == cap) { cap = cap ? 2 * cap : 8; out = xrealloc(out, cap * sizeof *out); } out[(*n)++] = (S); } while (0)
	const char *p = w;
	while (*p) {
		size_t para = strcspn(p, "\r\n");
		char *line = xstrndup(p, para);
		const char *q = line;
		if (!*q)
			PUSH(xstrdup(""));
		while (*q) {
			HPDF_REAL real;
			HPDF_UINT fit = HPDF_Font_MeasureText(f, (const HPDF_BYTE *)q, (HPDF_UINT)strlen(q), width, size, 0, 0,
							      HPDF_TRUE, &real);
			if (fit == 0) /* one word wider than the column: cut it */
				fit = HPDF_Font_MeasureText(f, (const HPDF_BYTE *)q, (HPDF_UINT)strlen(q), width, size, 0, 0,
							    HPDF_FALSE, &real);
			if (fit == 0)
				fit = 1;
			size_t k = fit;
			while (k > 0 && q[k - 1] == ' ')
				k--;
			PUSH(xstrndup(q, k ? k : fit));
			q += fit;
			while (*q == ' ')
				q++;
		}
		free(line);
		p += para;
		if (*p == '\r')
			p++;
		if (*p == '\n')
			p++;
	}
	if (*n == 0)
		PUSH(xstrdup(""));
#undef PUSH
	return out;
}

/* --- numbers in French typography ---------------------------------------- */

/* Drops trailing zero decimals, keeping at least `keep`. */
static const char *trim_decimals(char *s, int keep)
{
	char *comma = strchr(s, ',');
	if (!comma)
		return s;
	char *end = s + strlen(s);
	while (end > comma + 1 + keep && end[-1] == '0')
		*--end = '\0';
	if (end == comma + 1)
		*comma = '\0';
	return s;
}

static const char *fmt_qty(int64_t v, char *buf, size_t size)
{
	return trim_decimals(num_format_fr(v, SCALE_QTY, SCALE_QTY, buf, size), 0);
}

static const char *fmt_price(int64_t v, char *buf, size_t size)
{
	return trim_decimals(num_format_fr(v, SCALE_PRICE, SCALE_PRICE, buf, size), 2);
}

static const char *fmt_money(int64_t cents, char *buf, size_t size)
{
	return num_format_fr(cents, SCALE_CENTS, 2, buf, size);
}

static const char *fmt_percent(int64_t v, char *buf, size_t size)
{
	char n[32];
	trim_decimals(num_format_fr(v, SCALE_PERCENT, SCALE_PERCENT, n, sizeof n), 0);
	snprintf(buf, size, "%s\xC2\xA0%%", n);
	return buf;
}

/* --- columns ------------------------------------------------------------- */

struct col_spec {
	const char *header;
	float width;       /* 0: the description, which takes what is left */
	enum align align;
};

static const struct col_spec col_specs[] = {
	[DC_REF] = { "Réf.", 74, LEFT },
	[DC_DESC] = { "Désignation", 0, LEFT },
	[DC_CUSTOMER] = { "Client", 0, LEFT },
	[DC_QTY] = { "Qté", 40, RIGHT },
	[DC_UNIT_PRICE] = { "PU HT", 62, RIGHT },
	[DC_DISCOUNT] = { "Remise", 42, RIGHT },
	[DC_TAX] = { "TVA", 40, RIGHT },
	[DC_AMOUNT] = { "Montant HT", 72, RIGHT },
	[DC_UNIT_PRICE_INCL] = { "PU TTC", 62, RIGHT },
	[DC_AMOUNT_INCL] = { "Montant TTC", 72, RIGHT },
	[DC_ORDERED] = { "Commandé", 56, RIGHT },
	[DC_DELIVERED] = { "Déjà livré", 60, RIGHT },
	[DC_SHIPPED] = { "Livré ce jour", 68, RIGHT },
	[DC_BACKORDER] = { "Reste à livrer", 72, RIGHT },
	[DC_DATE] = { "Arrivée", 56, RIGHT },
	[DC_DAYS_LATE] = { "Retard", 52, RIGHT },
	[DC_DUE] = { "Reste dû", 72, RIGHT },
	[DC_PENALTY] = { "Pénalités", 62, RIGHT },
	[DC_NOT_DUE] = { "Non échu", 62, RIGHT },
	[DC_LATE_30] = { "1 à 30 j", 58, RIGHT },
	[DC_LATE_60] = { "31 à 60 j", 58, RIGHT },
	[DC_LATE_90] = { "61 à 90 j", 58, RIGHT },
	[DC_LATE_MORE] = { "> 90 j", 58, RIGHT },
	[DC_AGED_TOTAL] = { "Total", 66, RIGHT },
	[DC_TO_REFUND] = { "À rembourser", 66, RIGHT },
};

static void layout_columns(struct render *r)
{
	const struct document *d = r->doc;
	float fixed = 0;
	for (size_t c = 0; c < d->ncols; c++)
		fixed += col_specs[d->cols[c]].width;
	float x = MARGIN;
	for (size_t c = 0; c < d->ncols; c++) {
		float w = col_specs[d->cols[c]].width;
		r->col_w[c] = w ? w : CONTENT_W - fixed;
		r->col_x[c] = x;
		x += r->col_w[c];
	}
}

static const char *cell(const struct doc_row *row, enum doc_col c, char *buf, size_t size)
{
	switch (c) {
	case DC_REF: return row->ref ? row->ref : "";
	case DC_DESC: case DC_CUSTOMER: return row->description;
	case DC_QTY: return fmt_qty(row->qty, buf, size);
	case DC_UNIT_PRICE: case DC_UNIT_PRICE_INCL: return fmt_price(row->unit_price, buf, size);
	case DC_DISCOUNT: return row->discount ? fmt_percent(row->discount, buf, size) : "";
	case DC_TAX: return fmt_percent(row->tax_rate, buf, size);
	case DC_AMOUNT: case DC_AMOUNT_INCL: return fmt_money(row->amount, buf, size);
	case DC_ORDERED: return fmt_qty(row->ordered, buf, size);
	case DC_DELIVERED: return fmt_qty(row->delivered, buf, size);
	case DC_SHIPPED: return fmt_qty(row->shipped, buf, size);
	case DC_BACKORDER: return fmt_qty(row->backorder, buf, size);
	case DC_DATE: return row->date == DATE_NONE ? "" : date_format_fr(row->date, buf, size);
	case DC_DAYS_LATE: snprintf(buf, size, "%d j", row->days_late); return buf;
	case DC_DUE: return fmt_money(row->due, buf, size);
	case DC_PENALTY: return fmt_money(row->penalty, buf, size);
	case DC_NOT_DUE: case DC_LATE_30: case DC_LATE_60: case DC_LATE_90: case DC_LATE_MORE: case DC_AGED_TOTAL:
	case DC_TO_REFUND:
		return row->aged[c - DC_NOT_DUE] ? fmt_money(row->aged[c - DC_NOT_DUE], buf, size) : "";
	}
	return "";
}

/* --- page furniture -------------------------------------------------------- */

static void fill_rect(struct render *r, float x, float y, float w, float h, float grey)
{
	HPDF_Page_SetGrayFill(r->page, grey);
	HPDF_Page_Rectangle(r->page, x, y, w, h);
	HPDF_Page_Fill(r->page);
	HPDF_Page_SetGrayFill(r->page, 0);
}

static void rule(struct render *r, float x1, float x2, float y, float width)
{
	HPDF_Page_SetLineWidth(r->page, width);
	HPDF_Page_MoveTo(r->page, x1, y);
	HPDF_Page_LineTo(r->page, x2, y);
	HPDF_Page_Stroke(r->page);
}

static void new_page(struct render *r)
{
	r->page = HPDF_AddPage(r->pdf);
	HPDF_Page_SetSize(r->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	if (r->npages == r->pages_cap) {
		r->pages_cap = r->pages_cap ? 2 * r->pages_cap : 4;
		r->pages = xrealloc(r->pages, r->pages_cap * sizeof *r->pages);
	}
	r->pages[r->npages++] = r->page;
	r->y = PAGE_H - MARGIN;
}

/* The company's block, top left, under its logo when the config has one
 * (a PNG at most 48 points high and 200 wide, its proportions kept). */
static void company_header(struct render *r)
{
	const struct company *c = &r->cfg->company;
	const float width = PAGE_W - 2 * MARGIN - 245;
	float y = PAGE_H - MARGIN - 12;
	if (c->logo) {
		HPDF_Image img = HPDF_LoadPngImageFromFile(r->pdf, c->logo);
		if (img) {
			float w = (float)HPDF_Image_GetWidth(img), h = (float)HPDF_Image_GetHeight(img);
			float scale = 48 / h < 200 / w ? 48 / h : 200 / w;
			HPDF_Page_DrawImage(r->page, img, MARGIN, PAGE_H - MARGIN - h * scale, w * scale, h * scale);
			y -= h * scale + 6;
		}
	}
	text(r, r->bold, 15, MARGIN, y, width, LEFT, win(r, c->name));
	y -= 14;
	text(r, r->regular, 8.5f, MARGIN, y, width, LEFT, win(r, c->street));
	y -= 11;
	char *line = xasprintf("%s %s", c->zip, c->city);
	text(r, r->regular, 8.5f, MARGIN, y, width, LEFT, win(r, line));
	free(line);
	if (c->phone) {
		y -= 11;
		text(r, r->regular, 8.5f, MARGIN, y, width, LEFT, win(r, c->phone));
	}
	if (c->email) {
		y -= 11;
		text(r, r->regular, 8.5f, MARGIN, y, width, LEFT, win(r, c->email));
	}
	if (c->website) {
		y -= 11;
		text(r, r->regular, 8.5f, MARGIN, y, width, LEFT, win(r, c->website));
	}
	r->y = y - 18;
}

/* A framed block at the top right, its top at top, under label: a name
 * in bold, then the lines of an address (any may be NULL). Returns its
 * bottom. */
static float address_block(struct render *r, float top, const char *label, const char *name, const char *contact,
			   const struct address *a, const char *vat_number)
{
	const float x = PAGE_W - MARGIN - 235, w = 235;
	float y = top - 12;
	char *line;
	text(r, r->regular, 7.5f, x + 8, y, w, LEFT, win(r, label));
	y -= 14;
	text(r, r->bold, 10.5f, x + 8, y, w - 16, LEFT, win(r, name));
	if (contact) {
		y -= 12;
		text(r, r->regular, 9, x + 8, y, w - 16, LEFT, win(r, contact));
	}
	if (a->street) {
		y -= 12;
		text(r, r->regular, 9, x + 8, y, w - 16, LEFT, win(r, a->street));
	}
	if (a->zip || a->city) {
		y -= 12;
		line = xasprintf("%s %s", a->zip ? a->zip : "", a->city ? a->city : "");
		text(r, r->regular, 9, x + 8, y, w - 16, LEFT, win(r, line));
		free(line);
	}
	if (a->country && strcmp(a->country, "FR") != 0 && strcmp(a->country, "France") != 0) {
		y -= 12;
		text(r, r->regular, 9, x + 8, y, w - 16, LEFT, win(r, a->country));
	}
	if (vat_number) {
		y -= 12;
		line = xasprintf("TVA : %s", vat_number);
		text(r, r->regular, 8, x + 8, y, w - 16, LEFT, win(r, line));
		free(line);
	}
	y -= 8;
	HPDF_Page_SetLineWidth(r->page, 0.6f);
	HPDF_Page_Rectangle(r->page, x, y, w, top - y);
	HPDF_Page_Stroke(r->page);
	return y;
}

/* The partner's block, top right, framed; under it (or in its place when
 * the document has no partner) the address the goods go to. */
static void partner_block(struct render *r)
{
	const struct document *d = r->doc;
	const struct partner *p = d->partner;
	float y = PAGE_H - MARGIN - 2;
	if (p) {
		const struct address a = { .street = p->street, .zip = p->zip, .city = p->city, .country = p->country };
		y = address_block(r, y, d->partner_label, p->name, p->contact, &a, p->vat_number);
		if (d->ship_label)
			y -= 6;
	}
	if (d->ship_label)
		y = address_block(r, y, d->ship_label, d->ship_to.name, NULL, &d->ship_to, NULL);
	if ((p || d->ship_label) && y - 14 < r->y)
		r->y = y - 14;
}

/* Title, number and the document's dates. */
static void title_block(struct render *r)
{
	const struct document *d = r->doc;
	char *line = *d->number ? xasprintf("%s n° %s", d->title, d->number) : xstrdup(d->title);
	text(r, r->bold, 16, MARGIN, r->y, CONTENT_W, LEFT, win(r, line));
	free(line);
	r->y -= 18;
	for (size_t i = 0; i < d->nmeta; i++) {
		text(r, r->regular, 8.5f, MARGIN, r->y, 110, LEFT, win(r, d->meta[i].label));
		text(r, r->bold, 8.5f, MARGIN + 110, r->y, 300, LEFT, win(r, d->meta[i].value));
		r->y -= 11.5f;
	}
	r->y -= 8;
}

/* The continuation header of the pages after the first. */
static void small_header(struct render *r)
{
	char *line = *r->doc->number ? xasprintf("%s — %s n° %s (suite)", r->cfg->company.name, r->doc->title, r->doc->number)
				     : xasprintf("%s — %s (suite)", r->cfg->company.name, r->doc->title);
	text(r, r->regular, 8.5f, MARGIN, r->y - 8, CONTENT_W, LEFT, win(r, line));
	free(line);
	rule(r, MARGIN, PAGE_W - MARGIN, r->y - 13, 0.4f);
	r->y -= 28;
}

static void table_header(struct render *r)
{
	const struct document *d = r->doc;
	fill_rect(r, MARGIN, r->y - 5, CONTENT_W, 16, GREY - 0.08f);
	for (size_t c = 0; c < d->ncols; c++) {
		const struct col_spec *cs = &col_specs[d->cols[c]];
		text(r, r->bold, 8, r->col_x[c] + 3, r->y, r->col_w[c] - 6, cs->align, win(r, cs->header));
	}
	r->y -= 17;
}

/* Makes room for h points, continuing on a new page when needed. */
static void need(struct render *r, float h, int with_table_header)
{
	if (r->y - h >= FOOTER_TOP)
		return;
	new_page(r);
	small_header(r);
	if (with_table_header)
		table_header(r);
}

static void table(struct render *r)
{
	const struct document *d = r->doc;
	char buf[64];
	size_t desc = d->ncols;
	for (size_t c = 0; c < d->ncols; c++)
		if (d->cols[c] == DC_DESC || d->cols[c] == DC_CUSTOMER)
			desc = c;
	table_header(r);
	for (size_t i = 0; i < d->nrows; i++) {
		const struct doc_row *row = &d->rows[i];
		size_t n = 1;
		char **lines = desc < d->ncols ? wrap(r->regular, ROW_FONT, win(r, row->description), r->col_w[desc] - 6, &n)
					       : NULL;
		/* A row starts where it fits whole, unless it is taller than a page. */
		float h = (float)n * ROW_LEAD + 4;
		need(r, h < PAGE_H - 2 * MARGIN - 120 ? h : ROW_LEAD + 4, 1);
		if (i % 2 == 1)
			fill_rect(r, MARGIN, r->y - (float)(n - 1) * ROW_LEAD - 4, CONTENT_W, (float)n * ROW_LEAD + 2, GREY + 0.04f);
		for (size_t c = 0; c < d->ncols; c++) {
			if (c == desc)
				continue;
			/* A cell wider than its column is set smaller, never spilled. */
			const char *w = win(r, cell(row, d->cols[c], buf, sizeof buf));
			float size = ROW_FONT, room = r->col_w[c] - 6, need = width_of(r->regular, size, w);
			if (need > room)
				size = size * room / need > 6 ? size * room / need : 6;
			text(r, r->regular, size, r->col_x[c] + 3, r->y, room, col_specs[d->cols[c]].align, w);
		}
		for (size_t k = 0; k < n; k++) {
			need(r, ROW_LEAD, 1);
			if (desc < d->ncols)
				text(r, r->regular, ROW_FONT, r->col_x[desc] + 3, r->y, r->col_w[desc] - 6, LEFT, lines[k]);
			if (lines)
				free(lines[k]);
			r->y -= ROW_LEAD;
		}
		free(lines);
		r->y -= 3;
	}
	rule(r, MARGIN, PAGE_W - MARGIN, r->y + 6, 0.6f);
	r->y -= 8;
}

/* Does VAT row a come before b: a higher rate, or the same rate and a
 * lower category (standard first)? */
static int vat_row_before(const struct tax_total *a, const struct tax_total *b)
{
	return a->rate != b->rate ? a->rate > b->rate : a->category < b->category;
}

/* VAT per rate on the left, totals on the right. */
static void totals_block(struct render *r)
{
	const struct totals *t = r->doc->totals;
	if (!t)
		return;
	const char *cur = r->cfg->currency_symbol;
	char a[64], b[64], c[64], label[128];
	float h = 16 + 12 * (float)(t->nrates + 4);
	need(r, h, 0);
	float top = r->y;

	/* VAT summary */
	float x = MARGIN;
	fill_rect(r, x, r->y - 4, 250, 14, GREY - 0.08f);
	text(r, r->bold, 8, x + 4, r->y, 70, LEFT, win(r, "Taux TVA"));
	text(r, r->bold, 8, x + 74, r->y, 86, RIGHT, win(r, "Base HT"));
	text(r, r->bold, 8, x + 160, r->y, 86, RIGHT, win(r, "Montant TVA"));
	r->y -= 14;
	/* One row per VAT breakdown (category and rate); a rate of 0 says why. */
	static const char *const why_none[VAT_CATEGORY_COUNT] = {
		"", "exonéré", "autoliquidation", "livraison intracom.", "export", "taux zéro", "hors champ",
	};
	/* By rate, highest first, then category: the same order whatever
	 * order the lines came in (a handful of rows: an insertion sort). */
	size_t order[PRICING_MAX_RATES];
	for (size_t i = 0; i < t->nrates; i++) {
		size_t k = i;
		for (; k > 0 && vat_row_before(&t->rates[i], &t->rates[order[k - 1]]); k--)
			order[k] = order[k - 1];
		order[k] = i;
	}
	for (size_t o = 0; o < t->nrates; o++) {
		size_t i = order[o];
		const struct tax_total *tt = &t->rates[i];
		fmt_percent(tt->rate, label, sizeof label);
		if (tt->category != VAT_STANDARD && tt->category < VAT_CATEGORY_COUNT) {
			strncat(label, " ", sizeof label - strlen(label) - 1);
			strncat(label, why_none[tt->category], sizeof label - strlen(label) - 1);
		}
		text(r, r->regular, 8.5f, x + 4, r->y, 70, LEFT, win(r, label));
		text(r, r->regular, 8.5f, x + 74, r->y, 86, RIGHT, win(r, fmt_money(t->rates[i].base, a, sizeof a)));
		text(r, r->regular, 8.5f, x + 160, r->y, 86, RIGHT, win(r, fmt_money(t->rates[i].amount, b, sizeof b)));
		r->y -= 12;
	}
	float left_bottom = r->y;

	/* Totals */
	r->y = top;
	x = PAGE_W - MARGIN - 210;
	struct total_row {
		const char *label;
		int64_t v;
		int bold;
	} rows[2][3] = {
		{ { "Total HT", t->untaxed, 0 }, { "Total TVA", t->tax, 0 }, { "Total TTC", t->total, 1 } },
		/* Prices including tax: what is to pay first, then what it holds. */
		{ { "Total TTC", t->total, 1 }, { "dont TVA", t->tax, 0 }, { "Total HT", t->untaxed, 0 } },
	};
	for (size_t k = 0; k < 3; k++) {
		const struct total_row *row = &rows[r->doc->tax_included != 0][k];
		snprintf(c, sizeof c, "%s %s", fmt_money(row->v, a, sizeof a), cur);
		if (row->bold) {
			fill_rect(r, x - 4, r->y - 5, 214, 17, GREY - 0.08f);
			text(r, r->bold, 10.5f, x, r->y, 120, LEFT, win(r, row->label));
			text(r, r->bold, 10.5f, x + 120, r->y, 86, RIGHT, win(r, c));
		} else {
			text(r, r->regular, 9, x, r->y, 120, LEFT, win(r, row->label));
			text(r, r->regular, 9, x + 120, r->y, 86, RIGHT, win(r, c));
		}
		r->y -= 14;
	}
	/* The discounts, as information after the totals: the amounts above
	 * are already net of them (a "dont" above the total excluding tax
	 * read as if it were part of it). A document in prices including tax
	 * has each line's discount in its column: this sum, of prices as each
	 * was given (most excluding tax), would mix bases there. */
	if (t->discount && !r->doc->tax_included) {
		snprintf(c, sizeof c, "%s %s", fmt_money(t->discount, a, sizeof a), cur);
		text(r, r->regular, 8, x, r->y, 126, LEFT, win(r, "Remise accordée (déjà déduite)"));
		text(r, r->regular, 8, x + 126, r->y, 80, RIGHT, win(r, c));
		r->y -= 13;
	}
	if (left_bottom < r->y)
		r->y = left_bottom;
	r->y -= 10;
}

static void notes_block(struct render *r)
{
	for (size_t i = 0; i < r->doc->nnotes; i++) {
		size_t n;
		char **lines = wrap(r->regular, 8.5f, win(r, r->doc->notes[i]), CONTENT_W, &n);
		for (size_t k = 0; k < n; k++) {
			need(r, 11, 0);
			text(r, r->regular, 8.5f, MARGIN, r->y, CONTENT_W, LEFT, lines[k]);
			free(lines[k]);
			r->y -= 11;
		}
		free(lines);
		r->y -= 4;
	}
}

static void signature_block(struct render *r)
{
	if (!r->doc->signature)
		return;
	/* The label wraps within the box's width: a long one never runs past
	 * the right margin. */
	size_t n;
	float x = PAGE_W - MARGIN - 235;
	char **lines = wrap(r->regular, 8.5f, win(r, r->doc->signature), 235, &n);
	need(r, 80 + 11 * (float)(n - 1), 0);
	for (size_t k = 0; k < n; k++) {
		text(r, r->regular, 8.5f, x, r->y - 4, 235, LEFT, lines[k]);
		free(lines[k]);
		if (k + 1 < n)
			r->y -= 11;
	}
	free(lines);
	HPDF_Page_SetLineWidth(r->page, 0.6f);
	HPDF_Page_Rectangle(r->page, x, r->y - 70, 235, 58);
	HPDF_Page_Stroke(r->page);
	r->y -= 80;
}

/* The legal footer and page number, on every page once all are known. */
static void footers(struct render *r)
{
	const struct company *c = &r->cfg->company;
	char cap[64], l1[512], l2[512], pg[64];
	snprintf(l1, sizeof l1, "%s %s au capital de %s %s · SIREN %.3s %.3s %.3s · %s · TVA %s", c->name,
		 c->legal_form, fmt_money(c->share_capital, cap, sizeof cap), r->cfg->currency_symbol, c->siren,
		 c->siren + 3, c->siren + 6, c->rcs, c->vat_number);
	int bank = !(r->doc && r->doc->no_bank_details);
	const char *iban = bank ? c->iban : NULL, *bic = bank ? c->bic : NULL;
	snprintf(l2, sizeof l2, "%s%s%s%s", iban ? "IBAN " : "", iban ? iban : "", bic ? " · BIC " : "", bic ? bic : "");
	for (size_t i = 0; i < r->npages; i++) {
		r->page = r->pages[i];
		rule(r, MARGIN, PAGE_W - MARGIN, 44, 0.4f);
		text(r, r->regular, 7, MARGIN, 34, CONTENT_W - 60, LEFT, win(r, l1));
		text(r, r->regular, 7, MARGIN, 25, CONTENT_W - 60, LEFT, win(r, l2));
		snprintf(pg, sizeof pg, "Page %zu/%zu", i + 1, r->npages);
		text(r, r->regular, 7.5f, PAGE_W - MARGIN - 60, 34, 60, RIGHT, win(r, pg));
	}
}

/* --- the document ---------------------------------------------------------- */

/* A libharu document with the fonts and the metadata; 0 on success. */
static int begin(struct render *r, const struct config *cfg, int32_t date, const char *title)
{
	memset(r, 0, sizeof *r);
	r->cfg = cfg;
	r->pdf = HPDF_New(on_error, r);
	if (!r->pdf)
		return -1;
	HPDF_SetCompressionMode(r->pdf, HPDF_COMP_ALL);
	r->regular = pdffont_load(r->pdf, PDFFONT_REGULAR);
	r->bold = pdffont_load(r->pdf, PDFFONT_BOLD);
	/* Metadata: the document's own date, never the clock. */
	int y, m, d;
	date_to_ymd(date, &y, &m, &d);
	HPDF_Date when = { y, m, d, 0, 0, 0, 'Z', 0, 0 };
	HPDF_SetInfoAttr(r->pdf, HPDF_INFO_TITLE, win(r, title));
	HPDF_SetInfoAttr(r->pdf, HPDF_INFO_AUTHOR, win(r, cfg->company.name));
	HPDF_SetInfoAttr(r->pdf, HPDF_INFO_CREATOR, "crmbatch");
	HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_CREATION_DATE, when);
	return r->error || !r->regular || !r->bold ? -1 : 0;
}

/* Footers, then the bytes into a new buffer; frees the libharu document. */
static enum exit_code finish(struct render *r, const char *what, unsigned char **out, size_t *len, struct diag *err)
{
	enum exit_code rc = EXIT_OK;
	*out = NULL;
	if (!r->error && r->regular && r->bold) {
		footers(r);
		if (HPDF_SaveToStream(r->pdf) == HPDF_OK) {
			HPDF_ResetStream(r->pdf);
			HPDF_UINT32 size = HPDF_GetStreamSize(r->pdf), got = size;
			*out = xmalloc(size ? size : 1);
			HPDF_ReadFromStream(r->pdf, *out, &got);
			*len = got;
			if (got != size && !r->error)
				r->error = HPDF_STREAM_EOF;
		}
	}
	if (r->error || !r->regular || !r->bold || !*out) {
		free(*out);
		*out = NULL;
		rc = diag_set(err, EXIT_SOFTWARE, "%s: PDF rendering failed (libharu error 0x%04X, detail %u)", what,
			      (unsigned)r->error, (unsigned)r->detail);
	}
	if (r->pdf)
		HPDF_Free(r->pdf);
	free(r->pages);
	win_release(r);
	return rc;
}

/* The XMP metadata of a Factur-X invoice: PDF/A-3B identification, the
 * title and dates agreeing with the Info dictionary, and the fx: schema
 * declared with its PDF/A extension description. */
static char *xmp(const struct config *cfg, const char *title, const char *producer, int32_t date)
{
	int y, m, d;
	date_to_ymd(date, &y, &m, &d);
	static const char *const props[][2] = {
		{ "DocumentFileName", "name of the embedded XML invoice file" },
		{ "DocumentType", "INVOICE" },
		{ "Version", "the actual version of the Factur-X XML schema" },
		{ "ConformanceLevel", "the conformance level of the embedded Factur-X data" },
	};
	/* Text from the config and the documents is escaped: a firm called
	 * "Dupont & Fils" must not make the XMP ill-formed (PDF/A-3 6.6.2.1). */
	char *etitle = xml_escaped(title), *ename = xml_escaped(cfg->company.name);
	/* The Producer is what libharu writes in the Info dictionary, from the
	 * library linked at run time; the two must agree. */
	char *eproducer = xml_escaped(producer);
	char *p = xstrdup("");
	for (size_t i = 0; i < 4; i++) {
		char *n = xasprintf("%s<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>%s</pdfaProperty:name>"
				    "<pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category>"
				    "<pdfaProperty:description>%s</pdfaProperty:description></rdf:li>\n", p, props[i][0], props[i][1]);
		free(p);
		p = n;
	}
	char *x = xasprintf(
		"<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
		"<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">"
		"<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>\n"
		"<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
		"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>"
		"<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator></rdf:Description>\n"
		"<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">"
		"<xmp:CreatorTool>crmbatch</xmp:CreatorTool><xmp:CreateDate>%04d-%02d-%02dT00:00:00Z</xmp:CreateDate></rdf:Description>\n"
		"<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">"
		"<pdf:Producer>%s</pdf:Producer></rdf:Description>\n"
		"<rdf:Description rdf:about=\"\" xmlns:fx=\"urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#\">"
		"<fx:DocumentType>INVOICE</fx:DocumentType><fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>"
		"<fx:Version>1.0</fx:Version><fx:ConformanceLevel>EN 16931</fx:ConformanceLevel></rdf:Description>\n"
		"<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" "
		"xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">"
		"<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">"
		"<pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>"
		"<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>"
		"<pdfaSchema:prefix>fx</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>\n%s</rdf:Seq></pdfaSchema:property>"
		"</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>\n"
		"</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>", etitle, ename, y, m, d, eproducer, p);
	free(p);
	free(etitle);
	free(ename);
	free(eproducer);
	return x;
}

/* Embeds the Factur-X XML as an associated file, as PDF/A-3 asks:
 * /AFRelationship /Data, /Subtype text/xml, listed in the catalog's /AF
 * and /Names; then the XMP metadata and a deterministic document /ID
 * (libharu's own /ID would be made from the clock). */
static void embed(struct render *r, const struct document *doc, const char *title)
{
	HPDF_Doc pdf = r->pdf;
	HPDF_MMgr mm = pdf->mmgr;
	pdf->pdf_version = HPDF_VER_17; /* PDF/A-3 is built on PDF 1.7 */
	int y, m, d;
	date_to_ymd(doc->date, &y, &m, &d);
	char when[32];
	snprintf(when, sizeof when, "D:%04d%02d%02d000000Z", y, m, d);

	HPDF_Dict file = HPDF_DictStream_New(mm, pdf->xref);
	if (!file)
		return;
	file->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddName(file, "Type", "EmbeddedFile");
	HPDF_Dict_AddName(file, "Subtype", "text/xml");
	HPDF_Dict params = HPDF_Dict_New(mm);
	HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)doc->attachment_len);
	HPDF_Dict_Add(params, "ModDate", HPDF_String_New(mm, when, NULL));
	HPDF_Dict_Add(file, "Params", params);
	HPDF_Stream_Write(file->stream, (const HPDF_BYTE *)doc->attachment, (HPDF_UINT)doc->attachment_len);

	HPDF_Dict spec = HPDF_Dict_New(mm);
	HPDF_Xref_Add(pdf->xref, spec);
	HPDF_Dict_AddName(spec, "Type", "Filespec");
	HPDF_Dict_Add(spec, "F", HPDF_String_New(mm, "factur-x.xml", NULL));
	HPDF_Dict_Add(spec, "UF", HPDF_String_New(mm, "factur-x.xml", NULL));
	HPDF_Dict_Add(spec, "Desc", HPDF_String_New(mm, "Factur-X invoice", NULL));
	HPDF_Dict_AddName(spec, "AFRelationship", "Data");
	HPDF_Dict ef = HPDF_Dict_New(mm);
	HPDF_Dict_Add(ef, "F", file);
	HPDF_Dict_Add(ef, "UF", file);
	HPDF_Dict_Add(spec, "EF", ef);

	HPDF_Array af = HPDF_Array_New(mm);
	HPDF_Array_Add(af, spec);
	HPDF_Dict_Add(pdf->catalog, "AF", af);
	HPDF_Array list = HPDF_Array_New(mm);
	HPDF_Array_Add(list, HPDF_String_New(mm, "factur-x.xml", NULL));
	HPDF_Array_Add(list, spec);
	HPDF_Dict tree = HPDF_Dict_New(mm), names = HPDF_Dict_New(mm);
	HPDF_Dict_Add(tree, "Names", list);
	HPDF_Dict_Add(names, "EmbeddedFiles", tree);
	HPDF_Dict_Add(pdf->catalog, "Names", names);

	/* The sRGB output intent PDF/A asks for when device colours are used. */
	HPDF_Stream icc = HPDF_MemStream_New(mm, 32 * 1024);
	if (icc && HPDF_Stream_Write(icc, crmbatch_icc_srgb, (HPDF_UINT)(crmbatch_icc_srgb_end - crmbatch_icc_srgb)) == HPDF_OK &&
	    HPDF_Stream_Seek(icc, 0, HPDF_SEEK_SET) == HPDF_OK) {
		HPDF_OutputIntent oi = HPDF_ICC_LoadIccFromMem(pdf, mm, icc, pdf->xref, 3);
		if (oi) {
			((HPDF_Dict)oi)->filter = HPDF_STREAM_FILTER_FLATE_DECODE; /* the profile's own stream */
			HPDF_PDFA_AppendOutputIntents(pdf, "sRGB IEC61966-2.1", oi);
		}
	}
	if (icc)
		HPDF_Stream_Free(icc);

	HPDF_Dict meta = HPDF_DictStream_New(mm, pdf->xref);
	meta->filter = HPDF_STREAM_FILTER_NONE;
	HPDF_Dict_AddName(meta, "Type", "Metadata");
	HPDF_Dict_AddName(meta, "Subtype", "XML");
	/* libharu names itself in the Info dictionary when it saves; the XMP
	 * says the same, from the library that is linked. */
	const char *producer = HPDF_GetInfoAttr(pdf, HPDF_INFO_PRODUCER);
	char *own = producer ? NULL : xasprintf("Haru Free PDF Library %s", HPDF_GetVersion());
	char *x = xmp(r->cfg, title, producer ? producer : own, doc->date);
	free(own);
	HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)x, (HPDF_UINT)strlen(x));
	free(x);
	HPDF_Dict_Add(pdf->catalog, "Metadata", meta);

	/* The /ID: two halves of the SHA-256 of the document's number. */
	struct sha256 h;
	char hex[65];
	unsigned char id[16];
	sha256_init(&h);
	sha256_update(&h, doc->number, strlen(doc->number));
	sha256_hex(&h, hex);
	for (int i = 0; i < 16; i++)
		sscanf(hex + 2 * i, "%2hhx", &id[i]);
	HPDF_Array ids = HPDF_Array_New(mm);
	HPDF_Array_Add(ids, HPDF_Binary_New(mm, id, 16));
	HPDF_Array_Add(ids, HPDF_Binary_New(mm, id, 16));
	HPDF_Dict_Add(pdf->trailer, "ID", ids);
}

enum exit_code pdfdoc_render(const struct config *cfg, const struct document *doc,
			     unsigned char **out, size_t *len, struct diag *err)
{
	struct render r;
	char title[256];
	snprintf(title, sizeof title, "%s %s", doc->title, doc->number);
	if (begin(&r, cfg, doc->date, title) == 0) {
		r.doc = doc;
		layout_columns(&r);
		new_page(&r);
		company_header(&r);
		partner_block(&r);
		title_block(&r);
		table(&r);
		totals_block(&r);
		notes_block(&r);
		signature_block(&r);
		if (doc->attachment)
			embed(&r, doc, title);
	}
	return finish(&r, doc->number, out, len, err);
}

/* --- the canvas for reports ---------------------------------------------- */

struct pdf_canvas {
	struct render r;
	char *title;
};

struct pdf_canvas *pdfcanvas_new(const struct config *cfg, int32_t date, const char *title, float *top)
{
	struct pdf_canvas *c = xcalloc(1, sizeof *c);
	c->title = xstrdup(title);
	if (begin(&c->r, cfg, date, title) == 0) {
		new_page(&c->r);
		company_header(&c->r);
		text(&c->r, c->r.bold, 16, MARGIN, c->r.y, CONTENT_W, LEFT, win(&c->r, title));
		c->r.y -= 24;
	}
	*top = c->r.y;
	return c;
}

void pdfcanvas_text(struct pdf_canvas *c, int bold, float size, float x, float y, float width,
		    enum canvas_align align, const char *utf8)
{
	if (c->r.page)
		text(&c->r, bold ? c->r.bold : c->r.regular, size, x, y, width,
		     align == CANVAS_RIGHT ? RIGHT : align == CANVAS_CENTER ? CENTER : LEFT, win(&c->r, utf8));
}

void pdfcanvas_rect(struct pdf_canvas *c, float x, float y, float w, float h, float r, float g, float b)
{
	if (!c->r.page)
		return;
	HPDF_Page_SetRGBFill(c->r.page, r, g, b);
	HPDF_Page_Rectangle(c->r.page, x, y, w, h);
	HPDF_Page_Fill(c->r.page);
	HPDF_Page_SetRGBFill(c->r.page, 0, 0, 0);
}

void pdfcanvas_line(struct pdf_canvas *c, float x1, float y1, float x2, float y2, float width)
{
	if (!c->r.page)
		return;
	HPDF_Page_SetLineWidth(c->r.page, width);
	HPDF_Page_MoveTo(c->r.page, x1, y1);
	HPDF_Page_LineTo(c->r.page, x2, y2);
	HPDF_Page_Stroke(c->r.page);
}

enum exit_code pdfcanvas_finish(struct pdf_canvas *c, unsigned char **pdf, size_t *len, struct diag *err)
{
	enum exit_code rc = finish(&c->r, c->title, pdf, len, err);
	free(c->title);
	free(c);
	return rc;
}

void pdfdoc_file_name(const char *number, char *out, size_t size)
{
	size_t o = 0;
	for (const char *p = number; *p && o + 1 < size; p++) {
		char c = *p;
		int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
			 c == '_' || (c == '.' && o > 0);
		out[o++] = ok ? c : '_';
	}
	if (o == 0)
		out[o++] = '_';
	out[o] = '\0';
}

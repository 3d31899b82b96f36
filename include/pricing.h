/*
 * pricing: exact line amounts, VAT and totals, with Odoo's semantics.
 *
 * A line's amount is qty x unit price x (1 - discount/100), rounded half
 * up to cents. VAT comes from named rates, each either excluded (the price
 * is before tax) or included (the price holds the tax; the base is derived
 * from it). Rounding is per line (each line's tax rounded, then summed) or
 * global (bases summed per rate, the tax rounded once per rate). Money is
 * integers throughout; overflow is reported, never wrapped.
 */
#ifndef CRMBATCH_PRICING_H
#define CRMBATCH_PRICING_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"

struct price_input {
	int64_t qty;         /* 1/1000 */
	int64_t unit_price;  /* 1/10000 */
	int64_t discount;    /* 1/100 of a percent */
	const struct tax *tax;
};

struct priced_line {
	int64_t gross;       /* cents: qty x price, before discount (tax as the price has it) */
	int64_t amount;      /* cents: after discount, tax as the price has it */
	int64_t untaxed;     /* cents: the line's base excluding tax */
	int64_t tax;         /* cents: the line's tax rounded per line */
};

#define PRICING_MAX_RATES 16

/* One VAT breakdown: a (category, rate), as the law and EN 16931 see it,
 * whatever taxes of the config lead there ("TVA 20%" and "TVA 20% TTC"
 * are one 20 % standard breakdown). */
struct tax_total {
	const struct tax *tax;   /* the first tax of the config seen for it (its mention) */
	enum vat_category category;
	int64_t rate;            /* 1/100 % */
	int64_t base;            /* cents, excluding tax */
	int64_t amount;          /* cents */
};

struct totals {
	int64_t untaxed, tax, total;   /* cents */
	int64_t discount;              /* cents granted by discounts */
	struct tax_total rates[PRICING_MAX_RATES];
	size_t nrates;
};

/* Prices one line. Returns 0, or -1 on overflow. */
int pricing_line(const struct price_input *in, struct priced_line *out);

/* A line known by its base excluding tax (a credit note credits what an
 * invoice said): its tax at tax's rate, no discount. Returns 0, or -1 on
 * overflow. */
int pricing_base_line(int64_t base, const struct tax *tax, struct priced_line *out);

/* The unit price excluding tax (1/10000, rounded half away from zero):
 * the price itself, or for a tax-included price the price less its tax,
 * which is what a "PU HT" column and BT-146/148 show. */
int64_t pricing_unit_price_excl(const struct price_input *in);

/* The unit price including tax (1/10000, rounded half away from zero):
 * the price itself for a tax-included price, else the price plus its
 * tax, which is what a consumer's "PU TTC" column shows. */
int64_t pricing_unit_price_incl(const struct price_input *in);

/*
 * An export that gives a line's total (excluding tax, or including it when
 * incl) fixes what the line must amount to. Fits in to it:
 * - with its unit price and discount given (have_price, have_discount),
 *   checks that they give total;
 * - with the price but no discount, finds the discount (1/100 %) that gives
 *   it, 0 when the price alone does;
 * - with no price, finds the unit price (1/10000) that gives it, the one
 *   closest to the amount divided by the quantity (total / qty itself when
 *   that is exact), the discount given or 0.
 * The figure compared is the line's base (incl = 0), or its base plus its
 * tax rounded per line (incl = 1). Returns 0 with in completed;
 * PRICING_DISAGREE when the given price and discount cannot give total;
 * PRICING_UNREACHABLE when no unit price to 4 decimals gives it at this
 * quantity. *figure gets what in gave before fitting (for the message).
 */
#define PRICING_DISAGREE (-1)
#define PRICING_UNREACHABLE (-2)
int pricing_fit_total(struct price_input *in, int have_price, int have_discount, int64_t total, int incl,
		      int64_t *figure);

/* What a priced line amounts to: its base (incl = 0), or its base plus
 * its tax (incl = 1). */
static inline int64_t pricing_figure(const struct priced_line *pl, int incl)
{
	return incl ? pl->untaxed + pl->tax : pl->untaxed;
}

/* Totals of n priced lines (inputs and their results side by side).
 * Returns 0, or -1 on overflow or more than PRICING_MAX_RATES rates. */
int pricing_totals(const struct price_input *in, const struct priced_line *lines, size_t n,
		   enum rounding rounding, struct totals *out);

#endif

/* pricing: Odoo's line, tax and total arithmetic in integers (include/pricing.h). */
#include "pricing.h"

#include <string.h>

#include "money.h"

/* qty (1e-3) x price (1e-4) x (10000 - discount) (1e-4) is in 1e-11 units;
 * cents are 1e-2: divide by 1e9. */
#define LINE_DIVISOR 1000000000LL

/* The base excluding tax of an amount that includes `rate` (1/100 %). */
static int base_of_included(int64_t amount, int64_t rate, int64_t *base)
{
	return div_round((__int128)amount * 10000, 10000 + rate, base);
}

static int tax_of_base(int64_t base, int64_t rate, int64_t *tax)
{
	return div_round((__int128)base * rate, 10000, tax);
}

int pricing_line(const struct price_input *in, struct priced_line *out)
{
	/* |qty x price| < 2^126 always; times 10000 it must stay below 2^127. */
	__int128 qp = (__int128)in->qty * in->unit_price;
	const __int128 limit = (((__int128)1) << 112);
	if (qp > limit || qp < -limit || in->discount < 0 || in->discount > 10000)
		return -1;
	__int128 gross = qp * 10000;
	__int128 net = qp * (10000 - in->discount);
	if (div_round(gross, LINE_DIVISOR, &out->gross) || div_round(net, LINE_DIVISOR, &out->amount))
		return -1;
	int64_t rate = in->tax ? in->tax->rate : 0;
	if (in->tax && in->tax->included) {
		if (base_of_included(out->amount, rate, &out->untaxed))
			return -1;
		out->tax = out->amount - out->untaxed;
	} else {
		out->untaxed = out->amount;
		if (tax_of_base(out->untaxed, rate, &out->tax))
			return -1;
	}
	return 0;
}

int pricing_base_line(int64_t base, const struct tax *tax, struct priced_line *out)
{
	out->untaxed = base;
	if (tax_of_base(base, tax ? tax->rate : 0, &out->tax))
		return -1;
	out->amount = tax && tax->included ? base + out->tax : base;
	out->gross = out->amount;
	return 0;
}

int64_t pricing_unit_price_excl(const struct price_input *in)
{
	if (!in->tax || !in->tax->included)
		return in->unit_price;
	int64_t v;
	return base_of_included(in->unit_price, in->tax->rate, &v) ? in->unit_price : v;
}

int64_t pricing_unit_price_incl(const struct price_input *in)
{
	if (!in->tax || in->tax->included || !in->tax->rate)
		return in->unit_price;
	int64_t v;
	return div_round((__int128)in->unit_price * (10000 + in->tax->rate), 10000, &v) ? in->unit_price : v;
}

/* The figure of in into *out; -1 when it cannot be computed (the callers
 * count a price too large as giving more than any total). */
static int figure_of(const struct price_input *in, int incl, int64_t *out)
{
	struct priced_line pl;
	if (pricing_line(in, &pl))
		return -1;
	*out = pricing_figure(&pl, incl);
	return 0;
}

/* The smallest unit price in [0, hi] whose figure is at least want (hi + 1
 * when none): the figure grows with the price. */
static int64_t least_price(struct price_input in, int incl, int64_t want, int64_t hi)
{
	int64_t lo = 0, f;
	hi++;
	while (lo < hi) {
		int64_t mid = lo + (hi - lo) / 2;
		in.unit_price = mid;
		if (figure_of(&in, incl, &f) || f >= want)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

int pricing_fit_total(struct price_input *in, int have_price, int have_discount, int64_t total, int incl,
		      int64_t *figure)
{
	int64_t f = 0;
	if (!have_discount)
		in->discount = 0;
	if (have_price && figure_of(in, incl, &f))
		return PRICING_DISAGREE;
	*figure = have_price ? f : 0;
	if (have_price && f == total)
		return 0;
	if (have_price && have_discount)
		return PRICING_DISAGREE;
	if (have_price) {
		/* The least discount that brings the figure down to total: the
		 * figure falls as the discount grows. */
		int64_t lo = 0, hi = 10000;
		struct price_input t = *in;
		while (lo < hi) {
			t.discount = lo + (hi - lo) / 2;
			if (figure_of(&t, incl, &f) == 0 && f <= total)
				hi = t.discount;
			else
				lo = t.discount + 1;
		}
		t.discount = lo;
		if (figure_of(&t, incl, &f) || f != total)
			return PRICING_DISAGREE;
		in->discount = t.discount;
		return 0;
	}
	if (in->qty <= 0 || in->discount >= 10000)
		return PRICING_DISAGREE; /* nothing priced: no price makes a total */
	/* Prices past 2^53 / 10000 units are no price a line has. */
	const int64_t top = INT64_C(1) << 53;
	int64_t plo = least_price(*in, incl, total, top);
	struct price_input t = *in;
	t.unit_price = plo;
	if (plo > top || figure_of(&t, incl, &f) || f != total)
		return PRICING_UNREACHABLE;
	int64_t phi = least_price(*in, incl, total + 1, top) - 1;
	/* Of the prices that give total, the one closest to the amount (as
	 * the price states tax) divided by the quantity. */
	struct priced_line pl;
	int64_t ideal;
	if (pricing_line(&t, &pl) ||
	    div_round((__int128)pl.amount * LINE_DIVISOR, (int64_t)in->qty * (10000 - in->discount), &ideal))
		ideal = plo;
	in->unit_price = ideal < plo ? plo : ideal > phi ? phi : ideal;
	return 0;
}

static struct tax_total *rate_slot(struct totals *t, const struct tax *tax)
{
	enum vat_category cat = tax ? tax->category : VAT_OUTSIDE_SCOPE;
	int64_t rate = tax ? tax->rate : 0;
	for (size_t i = 0; i < t->nrates; i++)
		if (t->rates[i].category == cat && t->rates[i].rate == rate)
			return &t->rates[i];
	if (t->nrates == PRICING_MAX_RATES)
		return NULL;
	struct tax_total *r = &t->rates[t->nrates++];
	r->tax = tax;
	r->category = cat;
	r->rate = rate;
	return r;
}

int pricing_totals(const struct price_input *in, const struct priced_line *lines, size_t n,
		   enum rounding rounding, struct totals *out)
{
	memset(out, 0, sizeof *out);
	/* Per breakdown: sums of the bases of tax-excluded lines and of the
	 * amounts of tax-included ones, for the global rounding. */
	int64_t excluded_base[PRICING_MAX_RATES] = { 0 }, included_sum[PRICING_MAX_RATES] = { 0 };
	for (size_t i = 0; i < n; i++) {
		struct tax_total *r = rate_slot(out, in[i].tax);
		if (!r)
			return -1;
		size_t k = (size_t)(r - out->rates);
		int incl = in[i].tax && in[i].tax->included;
		if (add_checked(r->base, lines[i].untaxed, &r->base) ||
		    add_checked(r->amount, lines[i].tax, &r->amount) ||
		    (incl ? add_checked(included_sum[k], lines[i].amount, &included_sum[k])
			  : add_checked(excluded_base[k], lines[i].untaxed, &excluded_base[k])) ||
		    add_checked(out->discount, lines[i].gross - lines[i].amount, &out->discount))
			return -1;
	}
	if (rounding == ROUND_GLOBAL) {
		/* Round once per breakdown: the tax of the summed bases, and the
		 * base of the summed tax-included amounts. */
		for (size_t k = 0; k < out->nrates; k++) {
			struct tax_total *r = &out->rates[k];
			int64_t tax_excl, base_incl;
			if (tax_of_base(excluded_base[k], r->rate, &tax_excl) ||
			    base_of_included(included_sum[k], r->rate, &base_incl) ||
			    add_checked(excluded_base[k], base_incl, &r->base) ||
			    add_checked(tax_excl, included_sum[k] - base_incl, &r->amount))
				return -1;
		}
	}
	for (size_t k = 0; k < out->nrates; k++)
		if (add_checked(out->untaxed, out->rates[k].base, &out->untaxed) ||
		    add_checked(out->tax, out->rates[k].amount, &out->tax))
			return -1;
	return add_checked(out->untaxed, out->tax, &out->total);
}

/* pricing: Odoo's reference cases, table-driven. */
#include "pricing.h"
#include "suites.h"

static const struct tax t15 = { "15 %", 1500, 0, VAT_STANDARD, NULL, NULL };
static const struct tax t20 = { "TVA 20%", 2000, 0, VAT_STANDARD, NULL, NULL };
static const struct tax t21i = { "21 % included", 2100, 1, VAT_STANDARD, NULL, NULL };
static const struct tax t55 = { "TVA 5,5%", 550, 0, VAT_STANDARD, NULL, NULL };

#define MAXL 4
static const struct {
	const char *name;
	struct price_input in[MAXL];
	size_t n;
	enum rounding rounding;
	int64_t untaxed, tax, total, discount;
} cases[] = {
	{ "2 x 6.70 at 15 %, per line", { { 1000, 67000, 0, &t15 }, { 1000, 67000, 0, &t15 } }, 2,
	  ROUND_PER_LINE, 1340, 202, 1542, 0 },
	{ "2 x 6.70 at 15 %, global", { { 1000, 67000, 0, &t15 }, { 1000, 67000, 0, &t15 } }, 2,
	  ROUND_GLOBAL, 1340, 201, 1541, 0 },
	{ "100.00 at 21 % included", { { 1000, 1000000, 0, &t21i } }, 1, ROUND_PER_LINE, 8264, 1736, 10000, 0 },
	{ "100.00 at 21 % included, global", { { 1000, 1000000, 0, &t21i } }, 1, ROUND_GLOBAL, 8264, 1736, 10000, 0 },
	{ "4 x 500.00 at 50 % discount", { { 4000, 5000000, 5000, NULL } }, 1, ROUND_PER_LINE, 100000, 0, 100000, 100000 },
	{ "192.00 at 74.246 % discount", { { 1000, 1920000, 7425, NULL } }, 1, ROUND_PER_LINE, 4944, 0, 4944, 14256 },
	{ "1 x 0.025", { { 1000, 250, 0, NULL } }, 1, ROUND_PER_LINE, 3, 0, 3, 0 },
	{ "Hubert: 20 x 389.00 at 15 %, TVA 20 %", { { 20000, 3890000, 1500, &t20 } }, 1, ROUND_PER_LINE,
	  661300, 132260, 793560, 116700 },
	{ "Marouin: 1 x 39.90 at 5 %, TVA 20 %", { { 1000, 399000, 500, &t20 } }, 1, ROUND_PER_LINE,
	  3791, 758, 4549, 199 },  /* 39.90 - 37.91, as Odoo's undiscounted - untaxed */
	/* 3 x 1.25 = 3.75 (+0.75); 2.5 x 19.99 x 0.9 = 44.9775 -> 44.98 (+2.4739 -> 2.47) */
	{ "two rates", { { 3000, 12500, 0, &t20 }, { 2500, 199900, 1000, &t55 } }, 2, ROUND_PER_LINE,
	  375 + 4498, 75 + 247, 375 + 4498 + 75 + 247, 4998 - 4498 },
	{ "fractional qty 2.5 x 12.3456", { { 2500, 123456, 0, &t20 } }, 1, ROUND_PER_LINE, 3086, 617, 3703, 0 },
};

START_TEST(test_cases)
{
	struct priced_line lines[MAXL];
	struct totals t;
	for (size_t i = 0; i < cases[_i].n; i++)
		ck_assert_int_eq(pricing_line(&cases[_i].in[i], &lines[i]), 0);
	ck_assert_int_eq(pricing_totals(cases[_i].in, lines, cases[_i].n, cases[_i].rounding, &t), 0);
	ck_assert_msg(t.untaxed == cases[_i].untaxed && t.tax == cases[_i].tax && t.total == cases[_i].total,
		      "%s: %lld / %lld / %lld, want %lld / %lld / %lld", cases[_i].name, (long long)t.untaxed,
		      (long long)t.tax, (long long)t.total, (long long)cases[_i].untaxed, (long long)cases[_i].tax,
		      (long long)cases[_i].total);
	ck_assert_msg(t.discount == cases[_i].discount, "%s: discount %lld", cases[_i].name, (long long)t.discount);
}
END_TEST

START_TEST(test_overflow)
{
	struct price_input in = { INT64_MAX / 2, INT64_MAX / 2, 0, &t20 };
	struct priced_line line;
	ck_assert_int_eq(pricing_line(&in, &line), -1);
	struct price_input big = { 1000000000LL, 1000000000000LL, 0, NULL }; /* 1e6 units x 1e8 each */
	ck_assert_int_eq(pricing_line(&big, &line), 0);
	ck_assert_int_eq(line.amount, 10000000000000000LL); /* 1e14 euros in cents */
	struct price_input two[2] = { big, big };
	struct priced_line l2[2] = { line, line };
	struct totals t;
	for (int i = 0; i < 500; i++) /* sums that overflow are caught */
		if (pricing_totals(two, l2, 2, ROUND_PER_LINE, &t) != 0)
			break;
	l2[0].untaxed = l2[1].untaxed = INT64_MAX / 2 + 1;
	ck_assert_int_eq(pricing_totals(two, l2, 2, ROUND_PER_LINE, &t), -1);
}
END_TEST

/* The unit price a consumer is shown: the price plus its tax, rounded
 * half away from zero at 1/10000; a tax-included price as it is. */
START_TEST(test_unit_price_incl)
{
	struct price_input kbd = { 1000, 399000, 500, &t20 };      /* 39.90 HT */
	ck_assert_int_eq(pricing_unit_price_incl(&kbd), 478800);    /* 47.88 TTC */
	struct price_input odd = { 1000, 12345, 0, &t55 };         /* 1.2345 HT */
	ck_assert_int_eq(pricing_unit_price_incl(&odd), 13024);     /* 1.3023975 -> 1.3024 */
	struct price_input incl = { 1000, 121000, 0, &t21i };
	ck_assert_int_eq(pricing_unit_price_incl(&incl), 121000);
	struct price_input none = { 1000, 65000, 0, NULL };
	ck_assert_int_eq(pricing_unit_price_incl(&none), 65000);
}
END_TEST

/* A line priced from the total an export gives it: the price or the
 * discount that gives that total exactly, or the reason none does. */
static const struct {
	struct price_input in;
	int have_price, have_discount, incl;
	int64_t total;          /* cents */
	int want;               /* 0, PRICING_DISAGREE or PRICING_UNREACHABLE */
	int64_t price, discount;
} fits[] = {
	{ { 3000, 0, 0, &t20 }, 0, 0, 0, 20000, 0, 666667, 0 },         /* 200.00 / 3 -> 66.6667 */
	{ { 1000, 0, 0, &t20 }, 0, 0, 0, 1234, 0, 123400, 0 },          /* exact to the cent */
	{ { 2000, 0, 0, &t20 }, 0, 0, 1, 9000, 0, 375000, 0 },          /* 90.00 TTC -> 37.50 HT */
	{ { 1000, 0, 0, &t21i }, 0, 0, 1, 12100, 0, 1210000, 0 },       /* a TTC price gives a TTC total */
	{ { 1000, 0, 0, &t21i }, 0, 0, 0, 10000, 0, 1210000, 0 },       /* its base 100.00 */
	{ { 1000, 3890000, 0, &t20 }, 1, 0, 0, 35010, 0, 3890000, 1000 }, /* the discount: 10 % */
	{ { 2000, 0, 1000, &t20 }, 0, 1, 0, 14220, 0, 790000, 1000 },   /* a discount given, the price found */
	{ { 2000, 790000, 0, &t20 }, 1, 1, 0, 15800, 0, 790000, 0 },    /* all given and agreeing */
	{ { 2000, 790000, 0, &t20 }, 1, 1, 0, 15000, PRICING_DISAGREE, 0, 0 },
	{ { 1000, 500000, 0, &t20 }, 1, 0, 0, 6000, PRICING_DISAGREE, 0, 0 }, /* above the price: no discount */
	{ { 1000000, 0, 0, &t20 }, 0, 0, 0, 123456, PRICING_UNREACHABLE, 0, 0 },
	{ { 1000, 0, 10000, &t20 }, 0, 1, 0, 100, PRICING_DISAGREE, 0, 0 }, /* 100 % off */
};

START_TEST(test_fit_total)
{
	struct price_input in = fits[_i].in;
	int64_t figure;
	int st = pricing_fit_total(&in, fits[_i].have_price, fits[_i].have_discount, fits[_i].total, fits[_i].incl,
				   &figure);
	ck_assert_int_eq(st, fits[_i].want);
	if (st)
		return;
	ck_assert_int_eq(in.unit_price, fits[_i].price);
	ck_assert_int_eq(in.discount, fits[_i].discount);
	struct priced_line pl;
	ck_assert_int_eq(pricing_line(&in, &pl), 0);
	ck_assert_int_eq(pricing_figure(&pl, fits[_i].incl), fits[_i].total);
}
END_TEST

Suite *pricing_suite(void)
{
	Suite *s = suite_create("pricing");
	TCase *tc = tcase_create("pricing");
	tcase_add_loop_test(tc, test_cases, 0, sizeof cases / sizeof *cases);
	tcase_add_test(tc, test_overflow);
	tcase_add_test(tc, test_unit_price_incl);
	tcase_add_loop_test(tc, test_fit_total, 0, sizeof fits / sizeof *fits);
	suite_add_tcase(s, tc);
	return s;
}

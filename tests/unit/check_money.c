/* money: parsing in French and English forms, rounding, formatting. */
#include <stdint.h>
#include <string.h>

#include "money.h"
#include "suites.h"

static const struct {
	const char *in;
	int scale, round;
	enum num_status st;
	int64_t want;
} parse_cases[] = {
	{ "1234.56", 2, 0, NUM_OK, 123456 },
	{ "1234,56", 2, 0, NUM_OK, 123456 },
	{ "1 234,56", 2, 0, NUM_OK, 123456 },
	{ "1\xC2\xA0" "234,56", 2, 0, NUM_OK, 123456 },        /* no-break space */
	{ "1\xE2\x80\xAF" "234,56", 2, 0, NUM_OK, 123456 },    /* narrow no-break space */
	{ "1,234.56", 2, 0, NUM_OK, 123456 },
	{ "1.234,56", 2, 0, NUM_OK, 123456 },
	{ "  42 ", 2, 0, NUM_OK, 4200 },
	{ "-3,5", 2, 0, NUM_OK, -350 },
	{ "+7", 0, 0, NUM_OK, 7 },
	{ "12,30 \xE2\x82\xAC", 2, 0, NUM_OK, 1230 },          /* "12,30 €" */
	{ "12,30\xC2\xA0\xE2\x82\xAC", 2, 0, NUM_OK, 1230 },   /* no-break space before € */
	{ "0.025", 4, 0, NUM_OK, 250 },
	{ "0.025", 2, 0, NUM_DECIMALS, 0 },
	{ "0.025", 2, 1, NUM_OK, 3 },                          /* half away from zero */
	{ "-0.025", 2, 1, NUM_OK, -3 },
	{ "0.0249", 2, 1, NUM_OK, 2 },
	{ "12.300", 2, 0, NUM_OK, 1230 },                      /* trailing zeros are fine */
	{ "", 2, 0, NUM_EMPTY, 0 },
	{ "   ", 2, 0, NUM_EMPTY, 0 },
	{ "abc", 2, 0, NUM_SYNTAX, 0 },
	{ "12a", 2, 0, NUM_SYNTAX, 0 },
	{ "1,2,3", 2, 0, NUM_SYNTAX, 0 },
	{ "1.2.3", 2, 0, NUM_SYNTAX, 0 },
	{ "-", 2, 0, NUM_SYNTAX, 0 },
	{ ",", 2, 0, NUM_SYNTAX, 0 },
	{ " 1", 2, 0, NUM_OK, 100 },
	{ "99999999999999999999", 2, 0, NUM_RANGE, 0 },
	{ "92233720368547758.07", 2, 0, NUM_OK, INT64_MAX },
	{ "92233720368547758.08", 2, 0, NUM_RANGE, 0 },
};

START_TEST(test_num_parse)
{
	int64_t v = -1;
	enum num_status st = num_parse(parse_cases[_i].in, parse_cases[_i].scale, parse_cases[_i].round, &v);
	ck_assert_msg(st == parse_cases[_i].st, "'%s': status %d, want %d", parse_cases[_i].in, st, parse_cases[_i].st);
	if (st == NUM_OK)
		ck_assert_msg(v == parse_cases[_i].want, "'%s': %lld, want %lld", parse_cases[_i].in,
			      (long long)v, (long long)parse_cases[_i].want);
}
END_TEST

static const struct {
	const char *in;
	enum num_status st;
	int64_t want;
} percent_cases[] = {
	{ "15", NUM_OK, 1500 },
	{ "15%", NUM_OK, 1500 },
	{ "15 %", NUM_OK, 1500 },
	{ "15,5 %", NUM_OK, 1550 },
	{ "74.246", NUM_OK, 7425 },   /* Odoo keeps 2 decimals of a discount */
	{ "74.244", NUM_OK, 7424 },
	{ "0", NUM_OK, 0 },
	{ "%", NUM_EMPTY, 0 },
	{ "dix", NUM_SYNTAX, 0 },
};

START_TEST(test_percent_parse)
{
	int64_t v = -1;
	enum num_status st = percent_parse(percent_cases[_i].in, &v);
	ck_assert_msg(st == percent_cases[_i].st, "'%s': status %d", percent_cases[_i].in, st);
	if (st == NUM_OK)
		ck_assert_int_eq(v, percent_cases[_i].want);
}
END_TEST

START_TEST(test_div_round)
{
	int64_t v;
	ck_assert_int_eq(div_round(25, 10, &v), 0);
	ck_assert_int_eq(v, 3);
	ck_assert_int_eq(div_round(-25, 10, &v), 0);
	ck_assert_int_eq(v, -3);
	ck_assert_int_eq(div_round(24, 10, &v), 0);
	ck_assert_int_eq(v, 2);
	ck_assert_int_eq(div_round(-24, 10, &v), 0);
	ck_assert_int_eq(v, -2);
	ck_assert_int_eq(div_round((__int128)INT64_MAX * 4, 2, &v), -1); /* overflow detected */
	/* 1 x 0.025 (scale 4) -> cents: 250 / 100 = 2.5 -> 3 */
	ck_assert_int_eq(rescale(250, 4, 2, &v), 0);
	ck_assert_int_eq(v, 3);
	ck_assert_int_eq(rescale(INT64_MAX / 10, 2, 4, &v), -1);
}
END_TEST

START_TEST(test_checked)
{
	int64_t v;
	ck_assert_int_eq(add_checked(INT64_MAX, 1, &v), -1);
	ck_assert_int_eq(add_checked(1, 2, &v), 0);
	/* A sum over documents: a few orders at the per-order limit (2^61
	 * cents) go beyond it, refused and left as it was, never wrapped. */
	int64_t sum = 0;
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(money_sum_add(&sum, INT64_C(1) << 61), 0);
	ck_assert_int_eq(money_sum_add(&sum, INT64_C(1) << 61), -1);
	ck_assert_int_eq(sum, INT64_C(3) << 61);
	sum = -MONEY_SUM_MAX;
	ck_assert_int_eq(money_sum_add(&sum, -1), -1);
	ck_assert_int_eq(sum, -MONEY_SUM_MAX);
	ck_assert_int_eq(v, 3);
	ck_assert_int_eq(mul_checked(INT64_MAX / 2, 3, &v), -1);
	ck_assert_int_eq(mul_checked(-4, 5, &v), 0);
	ck_assert_int_eq(v, -20);
}
END_TEST

START_TEST(test_format)
{
	char buf[64];
	ck_assert_str_eq(num_format_dot(123456, 2, 2, buf, sizeof buf), "1234.56");
	ck_assert_str_eq(num_format_dot(-5, 2, 2, buf, sizeof buf), "-0.05");
	ck_assert_str_eq(num_format_dot(250, 4, 2, buf, sizeof buf), "0.03");
	ck_assert_str_eq(num_format_dot(20000, 3, 0, buf, sizeof buf), "20");
	ck_assert_str_eq(num_format_fr(123456, 2, 2, buf, sizeof buf), "1\xC2\xA0" "234,56");
	ck_assert_str_eq(num_format_fr(123456789, 2, 2, buf, sizeof buf), "1\xC2\xA0" "234\xC2\xA0" "567,89");
	ck_assert_str_eq(num_format_fr(99, 2, 2, buf, sizeof buf), "0,99");
	ck_assert_str_eq(num_format_fr(-100000, 2, 2, buf, sizeof buf), "-1\xC2\xA0" "000,00");
	ck_assert_str_eq(money_format_fr(123456, "\xE2\x82\xAC", buf, sizeof buf), "1\xC2\xA0" "234,56\xC2\xA0\xE2\x82\xAC");
}
END_TEST

Suite *money_suite(void)
{
	Suite *s = suite_create("money");
	TCase *tc = tcase_create("money");
	tcase_add_loop_test(tc, test_num_parse, 0, sizeof parse_cases / sizeof *parse_cases);
	tcase_add_loop_test(tc, test_percent_parse, 0, sizeof percent_cases / sizeof *percent_cases);
	tcase_add_test(tc, test_div_round);
	tcase_add_test(tc, test_checked);
	tcase_add_test(tc, test_format);
	suite_add_tcase(s, tc);
	return s;
}

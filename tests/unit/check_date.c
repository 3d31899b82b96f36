/* date: parsing, month arithmetic with clamping, leap years. */
#include "date.h"
#include "suites.h"

static int32_t D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static const struct {
	const char *in;
	int ok, y, m, d;
} parse_cases[] = {
	{ "2026-11-27", 1, 2026, 11, 27 },
	{ "27/11/2026", 1, 2026, 11, 27 },
	{ " 2024-02-29 ", 1, 2024, 2, 29 },
	{ "29/02/2024", 1, 2024, 2, 29 },
	{ "2023-02-29", 0, 0, 0, 0 },
	{ "30/02/2026", 0, 0, 0, 0 },
	{ "2026-13-01", 0, 0, 0, 0 },
	{ "2026-00-10", 0, 0, 0, 0 },
	{ "2026-1-1", 0, 0, 0, 0 },
	{ "1/1/2026", 0, 0, 0, 0 },
	{ "2026/11/27", 0, 0, 0, 0 },
	{ "2026-11-27x", 0, 0, 0, 0 },
	{ "", 0, 0, 0, 0 },
	{ "1900-02-29", 0, 0, 0, 0 },
	{ "2000-02-29", 1, 2000, 2, 29 },
};

START_TEST(test_parse)
{
	int32_t v;
	int rc = date_parse(parse_cases[_i].in, &v);
	ck_assert_msg((rc == 0) == parse_cases[_i].ok, "'%s'", parse_cases[_i].in);
	if (parse_cases[_i].ok)
		ck_assert_int_eq(v, D(parse_cases[_i].y, parse_cases[_i].m, parse_cases[_i].d));
}
END_TEST

START_TEST(test_round_trip)
{
	/* Every day of 1900..2100 converts both ways. */
	int32_t start = D(1900, 1, 1), end = D(2100, 12, 31);
	for (int32_t x = start; x <= end; x++) {
		int y, m, d;
		date_to_ymd(x, &y, &m, &d);
		ck_assert_int_eq(D(y, m, d), x);
		ck_assert(d >= 1 && d <= date_days_in_month(y, m));
	}
	ck_assert_int_eq(D(1970, 1, 1), 0);
	ck_assert_int_eq(D(2000, 3, 1) - D(2000, 2, 28), 2);
}
END_TEST

static const struct {
	int y, m, d, months, wy, wm, wd;
} month_cases[] = {
	{ 2026, 1, 31, 1, 2026, 2, 28 },   /* clamped to February */
	{ 2024, 1, 31, 1, 2024, 2, 29 },   /* leap year */
	{ 2026, 3, 31, 1, 2026, 4, 30 },
	{ 2026, 12, 15, 1, 2027, 1, 15 },  /* across the year */
	{ 2026, 1, 15, -1, 2025, 12, 15 },
	{ 2026, 3, 31, -1, 2026, 2, 28 },
	{ 2026, 1, 31, 13, 2027, 2, 28 },
	{ 2024, 2, 29, 12, 2025, 2, 28 },
	{ 2026, 5, 10, 0, 2026, 5, 10 },
};

START_TEST(test_add_months)
{
	ck_assert_int_eq(date_add_months(D(month_cases[_i].y, month_cases[_i].m, month_cases[_i].d), month_cases[_i].months),
			 D(month_cases[_i].wy, month_cases[_i].wm, month_cases[_i].wd));
}
END_TEST

START_TEST(test_end_of_month)
{
	ck_assert_int_eq(date_end_of_month(D(2026, 2, 3)), D(2026, 2, 28));
	ck_assert_int_eq(date_end_of_month(D(2024, 2, 3)), D(2024, 2, 29));
	ck_assert_int_eq(date_end_of_month(D(2100, 2, 3)), D(2100, 2, 28));
	ck_assert_int_eq(date_end_of_month(D(2026, 12, 31)), D(2026, 12, 31));
	ck_assert_int_eq(date_day_of_month(D(2026, 2, 3), 10), D(2026, 2, 10));
	ck_assert_int_eq(date_day_of_month(D(2026, 2, 3), 31), D(2026, 2, 28));
}
END_TEST

START_TEST(test_format)
{
	char buf[16];
	ck_assert_str_eq(date_format_iso(D(2026, 11, 27), buf, sizeof buf), "2026-11-27");
	ck_assert_str_eq(date_format_fr(D(2026, 11, 27), buf, sizeof buf), "27/11/2026");
	ck_assert_str_eq(date_format_fr(D(2023, 7, 1), buf, sizeof buf), "01/07/2023");
}
END_TEST

/* Odoo's datetimes: the day kept, the time of day dropped, but checked. */
START_TEST(test_datetime)
{
	int32_t d;
	ck_assert_int_eq(date_parse("2026-11-24 10:15:32", &d), 0);
	ck_assert_int_eq(d, D(2026, 11, 24));
	ck_assert_int_eq(date_parse("2026-11-24T10:15", &d), 0);
	ck_assert_int_eq(d, D(2026, 11, 24));
	ck_assert_int_eq(date_parse("24/11/2026 23:59:59", &d), 0);
	ck_assert_int_eq(date_parse("2026-11-24 25:00:00", &d), -1);
	ck_assert_int_eq(date_parse("2026-11-24 10:61", &d), -1);
	ck_assert_int_eq(date_parse("2026-11-24 10", &d), -1);
	ck_assert_int_eq(date_parse("2026-11-24 10:15 garbage", &d), -1);
}
END_TEST

/* Dates as the tools people use write them (date_read). */
static const struct {
	const char *in;
	enum date_order order;
	int y, m, d;    /* y = 0: no date */
} read_cases[] = {
	{ "20 Nov 2026", DATE_DMY, 2026, 11, 20 },
	{ "20 nov. 2026", DATE_DMY, 2026, 11, 20 },
	{ "20 novembre 2026", DATE_DMY, 2026, 11, 20 },
	{ "1er janvier 2026", DATE_DMY, 2026, 1, 1 },
	{ "3 févr. 2026", DATE_DMY, 2026, 2, 3 },
	{ "15 août 2026", DATE_DMY, 2026, 8, 15 },
	{ "7 juil. 2026", DATE_DMY, 2026, 7, 7 },
	{ "7 jui 2026", DATE_DMY, 0, 0, 0 },            /* June or July */
	{ "2 mai 2026", DATE_DMY, 2026, 5, 2 },
	{ "2 May 2026", DATE_DMY, 2026, 5, 2 },
	{ "Fri, 20 Nov 2026", DATE_DMY, 2026, 11, 20 },
	{ "vendredi 20 novembre 2026", DATE_DMY, 2026, 11, 20 },
	{ "Nov 20, 2026", DATE_DMY, 2026, 11, 20 },
	{ "November 20, 2026 2:30 PM", DATE_DMY, 2026, 11, 20 },
	{ "20-Nov-2026", DATE_DMY, 2026, 11, 20 },
	{ "20-Nov-26", DATE_DMY, 2026, 11, 20 },
	{ "2026-11-20 14:30:00", DATE_DMY, 2026, 11, 20 },
	{ "2026-11-20T14:30:00Z", DATE_DMY, 2026, 11, 20 },
	{ "2026-11-20T14:30:00.000+01:00", DATE_DMY, 2026, 11, 20 },
	{ "2026-11-20T23:30:00-0500", DATE_DMY, 2026, 11, 20 },
	{ "2026/11/20", DATE_DMY, 2026, 11, 20 },
	{ "20/11/2026 14:30", DATE_DMY, 2026, 11, 20 },
	{ "20/11/2026, 14:30", DATE_DMY, 2026, 11, 20 },
	{ "4/5/2026", DATE_DMY, 2026, 5, 4 },
	{ "4.5.2026", DATE_DMY, 2026, 5, 4 },
	{ "04-05-2026", DATE_DMY, 2026, 5, 4 },
	{ "04/05/26", DATE_DMY, 2026, 5, 4 },
	{ "04/05/99", DATE_DMY, 1999, 5, 4 },
	{ "4/5/2026", DATE_MDY, 2026, 4, 5 },
	{ "11/20/26", DATE_MDY, 2026, 11, 20 },
	{ "11/20/2026", DATE_DMY, 0, 0, 0 },            /* no month 20: never a guess */
	{ "2026-11-20", DATE_MDY, 2026, 11, 20 },
	{ "31/02/2026", DATE_DMY, 0, 0, 0 },
	{ "20 Nov", DATE_DMY, 0, 0, 0 },
	{ "20 Novb 2026", DATE_DMY, 0, 0, 0 },
	{ "bientôt", DATE_DMY, 0, 0, 0 },
	{ "2026-11-20 25:00", DATE_DMY, 0, 0, 0 },
	{ "2026-11-20 13:00 PM", DATE_DMY, 0, 0, 0 },
	{ "20261120", DATE_DMY, 0, 0, 0 },
	{ "20/11/2026 garbage", DATE_DMY, 0, 0, 0 },
	{ "", DATE_DMY, 0, 0, 0 },
};

START_TEST(test_read)
{
	int32_t d = 0;
	int rc = date_read(read_cases[_i].in, read_cases[_i].order, &d);
	if (!read_cases[_i].y) {
		ck_assert_msg(rc == -1, "'%s' read as a date", read_cases[_i].in);
		return;
	}
	ck_assert_msg(rc == 0, "'%s' not read", read_cases[_i].in);
	ck_assert_int_eq(d, D(read_cases[_i].y, read_cases[_i].m, read_cases[_i].d));
}
END_TEST

/* Arithmetic stays within years 1 to 9999, else DATE_NONE. */
START_TEST(test_range)
{
	char buf[16];
	ck_assert_int_eq(D(1, 1, 1), DATE_MIN);
	ck_assert_int_eq(D(9999, 12, 31), DATE_MAX);
	ck_assert_int_eq(date_add_days(DATE_MIN, -1), DATE_NONE);
	ck_assert_int_eq(date_add_days(DATE_MAX, 1), DATE_NONE);
	ck_assert_int_eq(date_add_days(DATE_MAX, -1), D(9999, 12, 30));
	ck_assert_int_eq(date_add_days(D(2026, 1, 1), -800000), DATE_NONE);
	ck_assert_int_eq(date_add_months(D(1, 3, 1), -3), DATE_NONE);
	ck_assert_int_eq(date_add_months(D(1, 3, 1), -2), D(1, 1, 1));
	ck_assert_int_eq(date_add_months(D(9999, 12, 1), 1), DATE_NONE);
	ck_assert_int_eq(date_add_months(D(2026, 1, 1), 800000), DATE_NONE);
	ck_assert_int_eq(date_add_months(DATE_NONE, 1), DATE_NONE);
	ck_assert_int_eq(date_end_of_month(DATE_NONE), DATE_NONE);
	ck_assert_int_eq(date_day_of_month(DATE_NONE, 3), DATE_NONE);
	ck_assert_str_eq(date_format_iso(DATE_NONE, buf, sizeof buf), "-");
	ck_assert_str_eq(date_format_fr(DATE_MIN - 1, buf, sizeof buf), "-");
	ck_assert_str_eq(date_format_iso(DATE_MIN, buf, sizeof buf), "0001-01-01");
}
END_TEST

Suite *date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("date");
	tcase_add_loop_test(tc, test_parse, 0, sizeof parse_cases / sizeof *parse_cases);
	tcase_add_loop_test(tc, test_read, 0, sizeof read_cases / sizeof *read_cases);
	tcase_add_test(tc, test_round_trip);
	tcase_add_loop_test(tc, test_add_months, 0, sizeof month_cases / sizeof *month_cases);
	tcase_add_test(tc, test_end_of_month);
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_range);
	tcase_add_test(tc, test_datetime);
	suite_add_tcase(s, tc);
	return s;
}

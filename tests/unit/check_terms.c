/* terms: every step, both readings of "30 jours fin de mois" on month
 * ends, February and leap years, installments that leave a remainder. */
#include <string.h>

#include "date.h"
#include "suites.h"
#include "terms.h"

static int32_t D(const char *iso)
{
	int32_t d = 0;
	ck_assert_int_eq(date_parse(iso, &d), 0);
	return d;
}

static const struct {
	const char *expr;
	const char *from;
	int64_t total;
	int n;
	const char *due[3];
	int64_t amount[3];
} cases[] = {
	{ "balance", "2026-11-27", 10000, 1, { "2026-11-27" }, { 10000 } },
	{ "balance +30 days", "2026-01-31", 10000, 1, { "2026-03-02" }, { 10000 } },
	{ "balance -5 days", "2026-03-03", 10000, 1, { "2026-02-26" }, { 10000 } },
	/* "30 jours fin de mois": +30 days then end of month ... */
	{ "balance +30 days end of month", "2026-01-31", 10000, 1, { "2026-03-31" }, { 10000 } },
	{ "balance +30 days end of month", "2026-01-15", 10000, 1, { "2026-02-28" }, { 10000 } },
	{ "balance +30 days end of month", "2024-01-15", 10000, 1, { "2024-02-29" }, { 10000 } },
	/* ... or end of month then +30 days, the sample's default */
	{ "balance end of month +30 days", "2026-01-31", 10000, 1, { "2026-03-02" }, { 10000 } },
	{ "balance end of month +30 days", "2026-01-15", 10000, 1, { "2026-03-02" }, { 10000 } },
	{ "balance end of month +30 days", "2024-01-15", 10000, 1, { "2024-03-01" }, { 10000 } },
	{ "balance end of month +30 days", "2026-02-28", 10000, 1, { "2026-03-30" }, { 10000 } },
	/* months clamp the day */
	{ "balance +1 months", "2026-01-31", 10000, 1, { "2026-02-28" }, { 10000 } },
	{ "balance +1 months", "2024-01-31", 10000, 1, { "2024-02-29" }, { 10000 } },
	{ "balance +1 months end of month", "2026-07-31", 10000, 1, { "2026-08-31" }, { 10000 } },
	{ "balance +12 months", "2024-02-29", 10000, 1, { "2025-02-28" }, { 10000 } },
	/* day N, clamped to the month */
	{ "balance +30 days +1 months day 10", "2026-01-15", 10000, 1, { "2026-03-10" }, { 10000 } },
	{ "balance day 31", "2026-02-03", 10000, 1, { "2026-02-28" }, { 10000 } },
	{ "balance day 31", "2024-02-03", 10000, 1, { "2024-02-29" }, { 10000 } },
	/* installments: percent rounded to cents, balance takes the rest */
	{ "30% ; balance +60 days", "2026-11-27", 100001, 2, { "2026-11-27", "2027-01-26" }, { 30000, 70001 } },
	{ "33.33% ; 33.33% +30 days ; balance +60 days", "2026-01-01", 10000, 3,
	  { "2026-01-01", "2026-01-31", "2026-03-02" }, { 3333, 3333, 3334 } },
	{ "50% ; balance +1 months", "2026-01-01", 4549, 2, { "2026-01-01", "2026-02-01" }, { 2275, 2274 } },
	{ "100.00 ; balance +30 days", "2026-01-01", 45000, 2, { "2026-01-01", "2026-01-31" }, { 10000, 35000 } },
};

START_TEST(test_due)
{
	struct payment_terms t;
	char why[256];
	ck_assert_msg(terms_parse(cases[_i].expr, &t, why, sizeof why) == 0, "'%s': %s", cases[_i].expr, why);
	struct installment out[TERMS_MAX_INSTALLMENTS];
	int n = terms_due_dates(&t, D(cases[_i].from), cases[_i].total, out, TERMS_MAX_INSTALLMENTS);
	ck_assert_int_eq(n, cases[_i].n);
	for (int k = 0; k < n; k++) {
		char a[16];
		ck_assert_msg(out[k].date == D(cases[_i].due[k]), "'%s' from %s, installment %d: %s, want %s", cases[_i].expr,
			      cases[_i].from, k, date_format_iso(out[k].date, a, sizeof a), cases[_i].due[k]);
		ck_assert_int_eq(out[k].amount, cases[_i].amount[k]);
	}
}
END_TEST

static const char *const bad[] = {
	"", "30%", "balance ; balance", "balance +30 weeks", "balance +30", "balance end of", "balance day 0",
	"balance day 32", "balance -1 months", "trente jours", "150% ; balance", "balance +x days",
	"52% ; 55% ; balance", "90000000000000000 ; 90000000000000000 ; balance",
};

START_TEST(test_bad)
{
	struct payment_terms t;
	char why[256] = "";
	ck_assert_msg(terms_parse(bad[_i], &t, why, sizeof why) == -1, "'%s' accepted", bad[_i]);
	ck_assert(why[0]);
}
END_TEST

START_TEST(test_too_much)
{
	struct payment_terms t;
	char why[256];
	ck_assert_int_eq(terms_parse("100.00 ; balance", &t, why, sizeof why), 0);
	struct installment out[TERMS_MAX_INSTALLMENTS];
	ck_assert_int_eq(terms_due_dates(&t, D("2026-01-01"), 5000, out, TERMS_MAX_INSTALLMENTS), -1);
}
END_TEST

START_TEST(test_date_range)
{
	struct payment_terms t;
	char why[256];
	ck_assert_int_eq(terms_parse("balance -100000 days -100000 days -100000 days -100000 days -100000 days "
				     "-100000 days -100000 days -100000 days", &t, why, sizeof why), 0);
	struct installment out[TERMS_MAX_INSTALLMENTS];
	ck_assert_int_eq(terms_due_dates(&t, D("2026-01-01"), 5000, out, TERMS_MAX_INSTALLMENTS), TERMS_DATE_RANGE);
	ck_assert_int_eq(terms_apply_steps(&t.rules[0], D("2026-01-01")), DATE_NONE);
	ck_assert_int_eq(terms_parse("balance +100000 months +100000 months", &t, why, sizeof why), 0);
	ck_assert_int_eq(terms_due_dates(&t, D("2026-01-01"), 5000, out, TERMS_MAX_INSTALLMENTS), TERMS_DATE_RANGE);
}
END_TEST

Suite *terms_suite(void)
{
	Suite *s = suite_create("terms");
	TCase *tc = tcase_create("terms");
	tcase_add_loop_test(tc, test_due, 0, sizeof cases / sizeof *cases);
	tcase_add_loop_test(tc, test_bad, 0, sizeof bad / sizeof *bad);
	tcase_add_test(tc, test_too_much);
	tcase_add_test(tc, test_date_range);
	suite_add_tcase(s, tc);
	return s;
}

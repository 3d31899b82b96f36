/*
 * money: exact decimal numbers for amounts, prices, quantities and rates.
 *
 * Every number read from a CSV export is kept as an integer count of its
 * smallest unit: amounts in cents (scale 2), unit prices in 1/10000
 * (scale 4), quantities in 1/1000 (scale 3), percentages in 1/100 of a
 * percent (scale 2). Never a double: a rounding is always explicit and
 * named, and always half away from zero ("half-up" in accounting terms).
 */
#ifndef CRMBATCH_MONEY_H
#define CRMBATCH_MONEY_H

#include <stddef.h>
#include <stdint.h>

enum {
	SCALE_CENTS = 2,   /* amounts */
	SCALE_PRICE = 4,   /* unit prices */
	SCALE_QTY = 3,     /* quantities */
	SCALE_PERCENT = 2, /* percentages, in 1/100 of a percent */
};

enum num_status {
	NUM_OK = 0,
	NUM_EMPTY,      /* nothing but blanks */
	NUM_SYNTAX,     /* not a number */
	NUM_DECIMALS,   /* more decimals than the scale allows */
	NUM_RANGE,      /* does not fit in 64 bits at this scale */
};

/*
 * Parses a decimal number written the way French and English exports do:
 * "1234.56", "1234,56", "1 234,56" (space, no-break space U+00A0 or narrow
 * no-break space U+202F between thousands), "1,234.56", an optional sign
 * and an optional trailing " €". When both ',' and '.' appear, the last one
 * is the decimal mark. The value is returned in *out as an integer with
 * `scale` decimals. Extra decimals are rounded half away from zero when
 * `round` is non-zero, and refused (NUM_DECIMALS) otherwise.
 */
enum num_status num_parse(const char *s, int scale, int round, int64_t *out);

/* Parses "15", "15%", "15,5 %", "74.246" into 1/100 of a percent, rounding
 * the third decimal and beyond half away from zero (74.246 -> 7425). */
enum num_status percent_parse(const char *s, int64_t *out);

/* A short English reason for a status, for diagnostics. */
const char *num_status_reason(enum num_status st);

/* 10^n for 0 <= n <= 18. */
int64_t pow10i(int n);

/*
 * num / den rounded half away from zero. den must be > 0. Returns 0 and
 * stores the result, or -1 when the result does not fit in int64_t.
 */
int div_round(__int128 num, int64_t den, int64_t *out);

/* Changes the scale of v from `from` to `to` decimals, rounding half away
 * from zero when decimals are dropped. Returns -1 on overflow. */
int rescale(int64_t v, int from, int to, int64_t *out);

/* Checked a + b and a * b: return -1 on overflow. */
int add_checked(int64_t a, int64_t b, int64_t *out);
int mul_checked(int64_t a, int64_t b, int64_t *out);

/*
 * The most a sum of amounts over several documents may hold, in cents
 * (a named limit): 92,233,720,368,547,758.07, what int64 holds. One
 * document stays far below it (an order's amounts below 2^61 cents,
 * orders.c), but a few such documents do not: a day's total, a customer's
 * aged balance, a reminder's total or the pipeline's revenue beyond it is
 * an error that names it, never a wrapped (negative) amount.
 */
#define MONEY_SUM_MAX INT64_MAX
#define MONEY_SUM_MAX_TEXT "92233720368547758.07"

/* *acc += v when the sum stays within -MONEY_SUM_MAX..MONEY_SUM_MAX;
 * else returns -1 and leaves *acc as it was. */
int money_sum_add(int64_t *acc, int64_t v);

/*
 * Formats v (with `scale` decimals) with a dot and exactly `decimals`
 * decimals (decimals <= scale, rounding half away from zero), no grouping:
 * the form for CSV outputs ("1234.56"). Returns buf.
 */
char *num_format_dot(int64_t v, int scale, int decimals, char *buf, size_t size);

/*
 * French typography for documents: "1 234,56" (groups separated by a
 * no-break space, U+00A0 written in UTF-8), decimal comma. Returns buf.
 */
char *num_format_fr(int64_t v, int scale, int decimals, char *buf, size_t size);

/* Cents in French typography with the currency sign: "1 234,56 €". */
char *money_format_fr(int64_t cents, const char *currency_sign, char *buf, size_t size);

#endif

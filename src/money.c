/*
 * money: parsing, rounding and formatting of exact decimal numbers.
 * Every amount in crmbatch passes through here; see include/money.h.
 */
#include "money.h"

#include <stdio.h>
#include <string.h>

static const int64_t pow10_table[19] = {
	1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
	100000000LL, 1000000000LL, 10000000000LL, 100000000000LL,
	1000000000000LL, 10000000000000LL, 100000000000000LL,
	1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
	1000000000000000000LL,
};

int64_t pow10i(int n)
{
	return (n >= 0 && n <= 18) ? pow10_table[n] : 0;
}

int div_round(__int128 num, int64_t den, int64_t *out)
{
	int neg = num < 0;
	unsigned __int128 a = neg ? -(unsigned __int128)num : (unsigned __int128)num;
	unsigned __int128 q = a / (unsigned __int128)den;
	unsigned __int128 r = a % (unsigned __int128)den;
	if (r * 2 >= (unsigned __int128)den)
		q++;
	if (q > (unsigned __int128)INT64_MAX)
		return -1;
	*out = neg ? -(int64_t)q : (int64_t)q;
	return 0;
}

int rescale(int64_t v, int from, int to, int64_t *out)
{
	if (to >= from)
		return mul_checked(v, pow10i(to - from), out);
	return div_round(v, pow10i(from - to), out);
}

int add_checked(int64_t a, int64_t b, int64_t *out)
{
	return __builtin_add_overflow(a, b, out) ? -1 : 0;
}

int money_sum_add(int64_t *acc, int64_t v)
{
	int64_t s;
	if (__builtin_add_overflow(*acc, v, &s) || s < -MONEY_SUM_MAX)
		return -1;
	*acc = s;
	return 0;
}

int mul_checked(int64_t a, int64_t b, int64_t *out)
{
	return __builtin_mul_overflow(a, b, out) ? -1 : 0;
}

/* Length of a thousands separator at s: ' ', U+00A0 or U+202F; else 0. */
static size_t group_sep_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] == ' ')
		return 1;
	if (u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)
		return 3;
	return 0;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

enum num_status num_parse(const char *s, int scale, int round, int64_t *out)
{
	const char *p = s, *end = s + strlen(s);

	while (p < end && is_blank(*p))
		p++;
	while (end > p && is_blank(end[-1]))
		end--;
	/* A trailing euro sign, with or without a space before it. */
	if (end - p >= 3 && memcmp(end - 3, "\xE2\x82\xAC", 3) == 0) {
		end -= 3;
		for (;;) {
			if (end > p && is_blank(end[-1]))
				end--;
			else if (end - p >= 2 && group_sep_len(end - 2) == 2)
				end -= 2;
			else if (end - p >= 3 && group_sep_len(end - 3) == 3)
				end -= 3;
			else
				break;
		}
	}
	if (p == end)
		return NUM_EMPTY;

	int neg = 0;
	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	}

	/* The decimal mark is the last '.' or ','; any other is grouping. */
	const char *mark = NULL;
	for (const char *q = end; q > p; q--)
		if (q[-1] == '.' || q[-1] == ',') {
			mark = q - 1;
			break;
		}
	char other = 0;
	if (mark) {
		other = *mark == '.' ? ',' : '.';
		for (const char *q = p; q < mark; q++)
			if (*q == *mark)
				return NUM_SYNTAX; /* two decimal marks */
	}

	unsigned __int128 v = 0;
	int digits = 0, decimals = 0, round_up = 0, dropped_nonzero = 0;
	const char *q = p;
	while (q < end) {
		size_t g;
		if (*q >= '0' && *q <= '9') {
			int d = *q - '0';
			if (mark && q > mark) {
				if (decimals < scale) {
					v = v * 10 + (unsigned)d;
					decimals++;
				} else {
					if (decimals == scale)
						round_up = d >= 5;
					if (d)
						dropped_nonzero = 1;
					decimals++;
				}
			} else {
				v = v * 10 + (unsigned)d;
			}
			if (v > (unsigned __int128)INT64_MAX * 10)
				return NUM_RANGE;
			digits++;
			q++;
		} else if (q == mark) {
			q++;
		} else if (!mark || q < mark) {
			if (other && *q == other)
				q++;
			else if ((g = group_sep_len(q)) != 0 && digits > 0)
				q += g;
			else
				return NUM_SYNTAX;
		} else {
			return NUM_SYNTAX;
		}
	}
	if (digits == 0)
		return NUM_SYNTAX;
	if (decimals > scale && !round && dropped_nonzero)
		return NUM_DECIMALS;
	for (int i = decimals; i < scale; i++)
		v *= 10;
	if (decimals > scale && round && round_up)
		v++;
	if (v > (unsigned __int128)INT64_MAX)
		return NUM_RANGE;
	*out = neg ? -(int64_t)v : (int64_t)v;
	return NUM_OK;
}

enum num_status percent_parse(const char *s, int64_t *out)
{
	char buf[64];
	size_t n = strlen(s);
	if (n >= sizeof buf)
		return NUM_SYNTAX;
	memcpy(buf, s, n + 1);
	while (n > 0 && is_blank(buf[n - 1]))
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '%')
		buf[--n] = '\0';
	return num_parse(buf, SCALE_PERCENT, 1, out);
}

const char *num_status_reason(enum num_status st)
{
	switch (st) {
	case NUM_OK: return "ok";
	case NUM_EMPTY: return "empty";
	case NUM_SYNTAX: return "not a number";
	case NUM_DECIMALS: return "too many decimals";
	case NUM_RANGE: return "number out of range";
	}
	return "?";
}

/* Digits of |v| rounded to `decimals`, as integer and fraction parts. */
static void split(int64_t v, int scale, int decimals, int *neg,
		  unsigned long long *ip, unsigned long long *fp)
{
	int64_t r;
	if (rescale(v, scale, decimals, &r) < 0)
		r = v < 0 ? INT64_MIN + 1 : INT64_MAX;
	*neg = r < 0;
	unsigned long long a = r < 0 ? (unsigned long long)-(r + 1) + 1 : (unsigned long long)r;
	unsigned long long p = (unsigned long long)pow10i(decimals);
	*ip = a / p;
	*fp = a % p;
}

char *num_format_dot(int64_t v, int scale, int decimals, char *buf, size_t size)
{
	int neg;
	unsigned long long ip, fp;
	split(v, scale, decimals, &neg, &ip, &fp);
	if (decimals > 0)
		snprintf(buf, size, "%s%llu.%0*llu", neg ? "-" : "", ip, decimals, fp);
	else
		snprintf(buf, size, "%s%llu", neg ? "-" : "", ip);
	return buf;
}

char *num_format_fr(int64_t v, int scale, int decimals, char *buf, size_t size)
{
	int neg;
	unsigned long long ip, fp;
	char digits[32], grouped[64];
	split(v, scale, decimals, &neg, &ip, &fp);
	int n = snprintf(digits, sizeof digits, "%llu", ip);
	size_t g = 0;
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0) {
			grouped[g++] = (char)0xC2;
			grouped[g++] = (char)0xA0;
		}
		grouped[g++] = digits[i];
	}
	grouped[g] = '\0';
	if (decimals > 0)
		snprintf(buf, size, "%s%s,%0*llu", neg ? "-" : "", grouped, decimals, fp);
	else
		snprintf(buf, size, "%s%s", neg ? "-" : "", grouped);
	return buf;
}

char *money_format_fr(int64_t cents, const char *currency_sign, char *buf, size_t size)
{
	char n[64];
	num_format_fr(cents, SCALE_CENTS, 2, n, sizeof n);
	snprintf(buf, size, "%s\xC2\xA0%s", n, currency_sign);
	return buf;
}

/*
 * date: civil date arithmetic (see include/date.h). The day-count
 * conversions are Howard Hinnant's days_from_civil / civil_from_days, exact
 * for every Gregorian date and free of any time zone.
 */
#include "date.h"

#include <stdio.h>
#include <string.h>

int32_t date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(int32_t days, int *y, int *m, int *d)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && date_is_leap(y) ? 29 : len[m - 1];
}

/* Reads exactly n digits at *p into *v and advances *p. */
static int digits(const char **p, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		char c = (*p)[i];
		if (c < '0' || c > '9')
			return -1;
		*v = *v * 10 + (c - '0');
	}
	*p += n;
	return 0;
}

int date_parse(const char *s, int32_t *out)
{
	int y, m, d;
	while (*s == ' ' || *s == '\t')
		s++;
	const char *p = s;
	if (digits(&p, 4, &y) == 0 && *p == '-') {
		p++;
		if (digits(&p, 2, &m) || *p++ != '-' || digits(&p, 2, &d))
			return -1;
	} else {
		p = s;
		if (digits(&p, 2, &d) || *p++ != '/' || digits(&p, 2, &m) ||
		    *p++ != '/' || digits(&p, 4, &y))
			return -1;
	}
	/* A datetime, as Odoo exports them ("2026-11-24 10:15:32"): the day
	 * is kept, the time of day dropped (it must still be one). */
	if ((*p == ' ' || *p == 'T') && p[1] >= '0' && p[1] <= '9') {
		int hh, mm, ss = 0;
		const char *t = p + 1;
		if (digits(&t, 2, &hh) || *t++ != ':' || digits(&t, 2, &mm) || hh > 23 || mm > 59)
			return -1;
		if (*t == ':' && (t++, digits(&t, 2, &ss) || ss > 60))
			return -1;
		p = t;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0')
		return -1;
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

static int in_range(int32_t date)
{
	return date >= DATE_MIN && date <= DATE_MAX;
}

int32_t date_add_days(int32_t date, long n)
{
	if (!in_range(date) || n < (long)DATE_MIN - date || n > (long)DATE_MAX - date)
		return DATE_NONE;
	return (int32_t)(date + n);
}

int32_t date_add_months(int32_t date, long n)
{
	int y, m, d;
	if (!in_range(date) || n < -12L * 10000 || n > 12L * 10000)
		return DATE_NONE;
	date_to_ymd(date, &y, &m, &d);
	long total = (long)y * 12 + (m - 1) + n;
	if (total < 12 || total > 9999L * 12 + 11)
		return DATE_NONE;
	int ny = (int)(total / 12), nm = (int)(total % 12) + 1;
	int len = date_days_in_month(ny, nm);
	return date_from_ymd(ny, nm, d > len ? len : d);
}

int32_t date_end_of_month(int32_t date)
{
	int y, m, d;
	if (!in_range(date))
		return DATE_NONE;
	date_to_ymd(date, &y, &m, &d);
	return date_from_ymd(y, m, date_days_in_month(y, m));
}

int32_t date_day_of_month(int32_t date, int n)
{
	int y, m, d;
	if (!in_range(date))
		return DATE_NONE;
	date_to_ymd(date, &y, &m, &d);
	int len = date_days_in_month(y, m);
	return date_from_ymd(y, m, n > len ? len : (n < 1 ? 1 : n));
}

char *date_format_iso(int32_t date, char *buf, size_t size)
{
	int y, m, d;
	if (!in_range(date)) {
		snprintf(buf, size, "-");
		return buf;
	}
	date_to_ymd(date, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
	return buf;
}

char *date_format_fr(int32_t date, char *buf, size_t size)
{
	int y, m, d;
	if (!in_range(date)) {
		snprintf(buf, size, "-");
		return buf;
	}
	date_to_ymd(date, &y, &m, &d);
	snprintf(buf, size, "%02d/%02d/%04d", d, m, y);
	return buf;
}

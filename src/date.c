/*
 * date: civil date arithmetic (see include/date.h). The day-count
 * conversions are Howard Hinnant's days_from_civil / civil_from_days, exact
 * for every Gregorian date and free of any time zone.
 */
#include "date.h"

#include <stdio.h>
#include <string.h>

#include "text.h"

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

/* --- dates as tools write them (date_read) --------------------------- */

/* Reads 1 to max digits at *p into *v; returns how many (0: none). */
static int some_digits(const char **p, int max, int *v)
{
	int n = 0;
	*v = 0;
	while (n < max && (*p)[n] >= '0' && (*p)[n] <= '9') {
		*v = *v * 10 + ((*p)[n] - '0');
		n++;
	}
	if (n < max && (*p)[n] >= '0' && (*p)[n] <= '9')
		return 0; /* more digits than a field has */
	*p += n;
	return n;
}

static void skip_blanks(const char **p)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
}

/* A word: ASCII letters and any non-ASCII byte (accented letters). */
static size_t word_len(const char *p)
{
	size_t n = 0;
	while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z') || (unsigned char)p[n] >= 0x80)
		n++;
	return n;
}

/* The month a word names (1-12): a prefix of at least three letters of
 * one month's English or French name ("nov", "sept", "févr", "juil",
 * "décembre"), or 0 ("jui" is June or July: none). */
static int month_named(const char *w, size_t n)
{
	static const char *const names[] = {
		"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
		"november", "december", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
		"septembre", "octobre", "novembre", "decembre",
	};
	char word[64], key[64];
	if (n >= sizeof word)
		return 0;
	memcpy(word, w, n);
	word[n] = '\0';
	header_key(word, key, sizeof key);
	size_t k = strlen(key);
	/* "may" and "mai" are whole words of three letters. */
	if (k < 3)
		return 0;
	int found = 0;
	for (int i = 0; i < 24; i++)
		if (strncmp(names[i], key, k) == 0) {
			int m = i % 12 + 1;
			if (found && found != m)
				return 0;
			found = m;
		}
	return found;
}

/* Reads a month name and its optional full stop at *p. */
static int month_word(const char **p, int *m)
{
	size_t n = word_len(*p);
	if (!n || !(*m = month_named(*p, n)))
		return -1;
	*p += n;
	if (**p == '.')
		(*p)++;
	return 0;
}

/* A year of 4 digits, or of 2 (70-99: 19xx, else 20xx). */
static int year_of(const char **p, int *y)
{
	int n = some_digits(p, 4, y);
	if (n == 2)
		*y += *y >= 70 ? 1900 : 2000;
	return n == 2 || n == 4 ? 0 : -1;
}

/* The time of day after a date, checked and dropped: "14:30",
 * "14:30:00.000", then an optional "Z", "+01:00", "-0500", "AM"/"PM". */
static int time_of_day(const char **pp)
{
	const char *p = *pp;
	int hh, mm, ss = 0;
	if (!some_digits(&p, 2, &hh) || *p++ != ':' || some_digits(&p, 2, &mm) != 2 || mm > 59)
		return -1;
	if (*p == ':' && (p++, some_digits(&p, 2, &ss) != 2 || ss > 60))
		return -1;
	if (*p == '.' || *p == ',') {
		const char *q = p + 1;
		while (*q >= '0' && *q <= '9')
			q++;
		if (q == p + 1)
			return -1;
		p = q;
	}
	skip_blanks(&p);
	if ((p[0] == 'A' || p[0] == 'a' || p[0] == 'P' || p[0] == 'p') && (p[1] == 'M' || p[1] == 'm')) {
		if (hh < 1 || hh > 12)
			return -1;
		p += 2;
	} else if (hh > 23) {
		return -1;
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int zh, zm = 0;
		p++;
		if (some_digits(&p, 2, &zh) != 2 || zh > 14)
			return -1;
		if (*p == ':')
			p++;
		if (*p >= '0' && *p <= '9' && (some_digits(&p, 2, &zm) != 2 || zm > 59))
			return -1;
	}
	*pp = p;
	return 0;
}

/* Reads the date at *pp (no time) into y, m, d. */
static int date_part(const char **pp, enum date_order order, int *y, int *m, int *d)
{
	const char *p = *pp;
	int a, b, n;
	/* An optional weekday: "Fri, 20 Nov 2026", "vendredi 20 novembre 2026". */
	size_t w = word_len(p);
	if (w && !month_named(p, w)) {
		p += w;
		if (*p == '.')
			p++;
		if (*p == ',')
			p++;
		skip_blanks(&p);
	}
	if (word_len(p)) {
		/* "Nov 20, 2026" */
		if (month_word(&p, m))
			return -1;
		skip_blanks(&p);
		if (!some_digits(&p, 2, d))
			return -1;
		if (*p == ',')
			p++;
		skip_blanks(&p);
		if (year_of(&p, y))
			return -1;
		*pp = p;
		return 0;
	}
	n = some_digits(&p, 4, &a);
	if (n == 4 && (*p == '-' || *p == '/' || *p == '.')) {
		/* Year first, whatever the order: "2026-11-20", "2026/11/20". */
		char sep = *p++;
		*y = a;
		if (!some_digits(&p, 2, m) || *p++ != sep || !some_digits(&p, 2, d))
			return -1;
		*pp = p;
		return 0;
	}
	if (n < 1 || n > 2)
		return -1;
	if (p[0] == 'e' && p[1] == 'r')
		p += 2; /* "1er janvier" */
	if (*p == '-' && word_len(p + 1)) {
		/* "20-Nov-2026" */
		p++;
		*d = a;
		if (month_word(&p, m) || *p++ != '-' || year_of(&p, y))
			return -1;
		*pp = p;
		return 0;
	}
	if (*p == ' ' || (*p == '.' && p[1] == ' ')) {
		/* "20 Nov 2026", "20. November 2026" */
		if (*p == '.')
			p++;
		skip_blanks(&p);
		*d = a;
		if (month_word(&p, m))
			return -1;
		skip_blanks(&p);
		if (year_of(&p, y))
			return -1;
		*pp = p;
		return 0;
	}
	if (*p != '/' && *p != '.' && *p != '-')
		return -1;
	char sep = *p++;
	if (!some_digits(&p, 2, &b) || *p++ != sep || year_of(&p, y))
		return -1;
	if (order == DATE_MDY) {
		*m = a;
		*d = b;
	} else {
		*d = a;
		*m = b;
	}
	*pp = p;
	return 0;
}

int date_read(const char *s, enum date_order order, int32_t *out)
{
	int y, m, d;
	const char *p = s;
	skip_blanks(&p);
	if (date_part(&p, order, &y, &m, &d))
		return -1;
	/* A time of day, after a blank, a 'T' or ", " ("20/11/2026, 14:30"). */
	const char *t = p;
	if (*t == ',')
		t++;
	if (*t == 'T' || *t == ' ' || *t == '\t' || t != p) {
		if (*t == 'T')
			t++;
		skip_blanks(&t);
		if (*t >= '0' && *t <= '9') {
			if (time_of_day(&t))
				return -1;
			p = t;
		}
	}
	skip_blanks(&p);
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

/*
 * date: civil dates (no time, no time zone) as a count of days.
 *
 * A date is an int32_t: days since 1970-01-01 in the proleptic Gregorian
 * calendar. "Today" is never read from the clock inside the logic: it is the
 * run's business date (--date), passed down.
 */
#ifndef CRMBATCH_DATE_H
#define CRMBATCH_DATE_H

#include <stddef.h>
#include <stdint.h>

#define DATE_NONE INT32_MIN /* an absent optional date */
/* The dates arithmetic may give: years 1 to 9999 (0001-01-01 and
 * 9999-12-31 as day counts). A result outside is DATE_NONE, never a date
 * the month table cannot describe. */
#define DATE_MIN (-719162)
#define DATE_MAX 2932896

/* Days since the epoch of a valid y-m-d; no checking. */
int32_t date_from_ymd(int y, int m, int d);
void date_to_ymd(int32_t days, int *y, int *m, int *d);

int date_is_leap(int y);
int date_days_in_month(int y, int m);

/*
 * Parses "2026-11-27" or "27/11/2026" (leading and trailing blanks allowed).
 * Returns 0 and stores the date, or -1 when the text is not a real date
 * (30/02/2026 included). Years 1900..2999.
 */
int date_parse(const char *s, int32_t *out);

/* The order of day, month and year in a date written with numbers only
 * ("04/05/2026"): what a source profile's date_format says. */
enum date_order { DATE_DMY, DATE_MDY, DATE_YMD };

/*
 * Reads a date as the tools people use write it, into *out (0), or -1
 * when it is no date. Beside what date_parse reads: one-digit days and
 * months and '.' or '-' between them ("4.5.2026"), two-digit years
 * ("04/05/26": 2026; 70 to 99 are 19xx), in the given order for numbers
 * only (a day or month out of range is no date, never a guess); a month
 * by its English or French name or abbreviation ("20 Nov 2026", "20 nov.
 * 2026", "20 novembre 2026", "1er janvier 2026", "Nov 20, 2026",
 * "20-Nov-2026"), after an optional weekday ("Fri, 20 Nov 2026"); and a
 * time of day after any of them ("2026-11-20 14:30:00",
 * "2026-11-20T14:30:00.000Z", "+01:00", "20/11/2026 14:30", "2:30 PM"),
 * which must be one and is dropped (the day as written is kept).
 */
int date_read(const char *s, enum date_order order, int32_t *out);

/* The arithmetic below takes a date from DATE_MIN to DATE_MAX (else
 * DATE_NONE, which every function passes on) and returns DATE_NONE when
 * the result would leave that range. */
/* Adds n days (n may be negative). */
int32_t date_add_days(int32_t d, long n);
/* Adds n months, clamping the day to the new month's length
 * (31 Jan + 1 month = 28 or 29 Feb). n may be negative. */
int32_t date_add_months(int32_t d, long n);
/* The last day of d's month. */
int32_t date_end_of_month(int32_t d);
/* Day n of d's month, clamped to the month's length (n >= 1). */
int32_t date_day_of_month(int32_t d, int n);

/* "2026-11-27" into buf (at least 11 bytes); "-" for DATE_NONE or a day
 * count outside the range. Returns buf. */
char *date_format_iso(int32_t d, char *buf, size_t size);
/* "27/11/2026" into buf (at least 11 bytes). Returns buf. */
char *date_format_fr(int32_t d, char *buf, size_t size);

#endif

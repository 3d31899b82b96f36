/*
 * Fuzz target: dates. The parser, then the arithmetic the terms use from
 * every date it accepts, which must stay within years 1 to 9999 or say
 * DATE_NONE.
 */
#include "fuzz.h"

#include "date.h"

static void check(int32_t d)
{
	char buf[16];
	if (d != DATE_NONE && (d < DATE_MIN || d > DATE_MAX))
		abort();
	date_format_iso(d, buf, sizeof buf);
	date_format_fr(d, buf, sizeof buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	int32_t d;
	if (date_parse(s, &d) == 0) {
		char iso[16];
		int32_t back;
		if (date_parse(date_format_iso(d, iso, sizeof iso), &back) != 0 || back != d)
			abort();
		long n = size >= 4 ? (long)(int32_t)(data[0] | data[1] << 8 | data[2] << 16 | (uint32_t)data[3] << 24) : 1;
		check(date_add_days(d, n));
		check(date_add_months(d, n));
		check(date_add_months(d, n % 1000));
		check(date_end_of_month(date_add_days(d, n)));
		check(date_day_of_month(d, (int)(n % 40)));
	}
	free(s);
	return 0;
}

/*
 * Fuzz target: exact numbers. Every scale and rounding mode of num_parse,
 * percent_parse, and the formats back: a number read must format and read
 * back to the same value.
 */
#include "fuzz.h"

#include "money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	static const int scales[] = { 0, SCALE_CENTS, SCALE_QTY, SCALE_PRICE };
	for (size_t k = 0; k < sizeof scales / sizeof *scales; k++)
		for (int round = 0; round < 2; round++) {
			int64_t v, back;
			if (num_parse(s, scales[k], round, &v) != NUM_OK)
				continue;
			char buf[64], fr[96];
			num_format_dot(v, scales[k], scales[k], buf, sizeof buf);
			if (num_parse(buf, scales[k], 0, &back) != NUM_OK || back != v)
				abort(); /* what we write, we read back */
			num_format_fr(v, scales[k], scales[k] > 2 ? 2 : scales[k], fr, sizeof fr);
			money_format_fr(v, "€", fr, sizeof fr);
			int64_t r;
			(void)rescale(v, scales[k], 2, &r);
			(void)add_checked(v, v, &r);
			(void)mul_checked(v, v, &r);
			(void)div_round((__int128)v * 3, 7, &r);
		}
	int64_t p;
	(void)percent_parse(s, &p);
	free(s);
	return 0;
}

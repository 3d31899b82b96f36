/*
 * Fuzz target: the payment-term grammar and the due dates it gives. The
 * first 4 bytes pick the date and the total; the rest is the expression.
 */
#include "fuzz.h"

#include "date.h"
#include "terms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 4)
		return 0;
	int32_t date = DATE_MIN + (int32_t)((data[0] | data[1] << 8 | (uint32_t)data[2] << 16) % (uint32_t)(DATE_MAX - DATE_MIN + 1));
	int64_t total = (int64_t)data[3] * 1000003 - 50000000;
	char *expr = fuzz_string(data + 4, size - 4);
	struct payment_terms t;
	char why[256];
	if (terms_parse(expr, &t, why, sizeof why) == 0) {
		struct installment out[TERMS_MAX_INSTALLMENTS];
		int n = terms_due_dates(&t, date, total, out, TERMS_MAX_INSTALLMENTS);
		int64_t sum = 0;
		for (int i = 0; i < n; i++) {
			char buf[16];
			if (out[i].date < DATE_MIN || out[i].date > DATE_MAX)
				abort(); /* a due date outside years 1-9999 must be an error */
			date_format_iso(out[i].date, buf, sizeof buf);
			sum += out[i].amount;
		}
		if (n > 0 && sum != total)
			abort(); /* the installments add up to the total */
	}
	free(expr);
	return 0;
}

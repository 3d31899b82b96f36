/*
 * Fuzz target: what a business card's fields go through. The first byte
 * picks phone, e-mail, names or text; the rest is the value.
 */
#include "fuzz.h"

#include "email.h"
#include "names.h"
#include "phone.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	char *s = fuzz_string(data + 1, size - 1);
	size_t n = strlen(s);
	const char *why;
	switch (data[0] % 4) {
	case 0: {
		struct phone p;
		if (phone_normalize(s, &p, &why) == 0) {
			struct phone again;
			if (phone_normalize(p.e164, &again, &why) != 0 || strcmp(p.e164, again.e164) != 0)
				abort(); /* a normalised number normalises to itself */
		}
		break;
	}
	case 1: {
		char out[256], again[256];
		if (email_normalize(s, out, sizeof out, &why) == 0 &&
		    (email_normalize(out, again, sizeof again, &why) != 0 || strcmp(out, again) != 0))
			abort();
		break;
	}
	case 2: {
		char out[512];
		(void)civility_normalize(s);
		name_case(s, out, sizeof out);
		name_case(s, out, 8); /* a short buffer: cut, never overrun */
		break;
	}
	default: {
		char *u = malloc(3 * n + 1), key[128], win[256];
		size_t replaced;
		if (!u)
			abort();
		(void)utf8_valid(s, n);
		size_t m = cp1252_to_utf8(s, n, u);
		u[m] = '\0';
		if (!utf8_valid(u, m))
			abort(); /* Windows-1252 converts to valid UTF-8 */
		header_key(u, key, sizeof key);
		utf8_to_winansi(u, win, sizeof win, &replaced);
		(void)str_blank(s);
		(void)str_ieq(s, u);
		free(u);
		break;
	}
	}
	free(s);
	return 0;
}

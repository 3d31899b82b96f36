/* legalid: SIREN, SIRET and VAT numbers (see include/legalid.h). */
#include "legalid.h"

#include <ctype.h>
#include <string.h>

/* The Luhn key that SIREN and SIRET numbers carry. */
static int luhn_ok(const char *d, size_t n)
{
	int sum = 0;
	for (size_t i = 0; i < n; i++) {
		int v = d[n - 1 - i] - '0';
		if (i % 2 == 1 && (v *= 2) > 9)
			v -= 9;
		sum += v;
	}
	return sum % 10 == 0;
}

int legalid_siren(const char *s, char siren[10], char siret[15])
{
	char d[16];
	size_t n = 0;
	for (; s && *s; s++) {
		if (*s == ' ' || *s == '.')
			continue;
		if (!isdigit((unsigned char)*s) || n >= 14)
			return -1;
		d[n++] = *s;
	}
	if ((n != 9 && n != 14) || !luhn_ok(d, n))
		return -1;
	memcpy(siren, d, 9);
	siren[9] = '\0';
	if (siret) {
		memcpy(siret, d, n == 14 ? 14 : 0);
		siret[n == 14 ? 14 : 0] = '\0';
	}
	return 0;
}

int legalid_vat(const char *s, char *out, size_t size)
{
	size_t n = 0;
	for (; s && *s; s++) {
		if (*s == ' ' || *s == '.' || *s == '-')
			continue;
		if (n < 2 ? !isalpha((unsigned char)*s) : !isalnum((unsigned char)*s))
			return -1;
		if (n + 1 >= size || n >= 15)
			return -1;
		out[n++] = (char)toupper((unsigned char)*s);
	}
	out[n] = '\0';
	return n >= 4 && n <= 15 ? 0 : -1;
}

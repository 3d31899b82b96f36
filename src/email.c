/* email: the practical address rule (see include/email.h). */
#include "email.h"

#include <ctype.h>
#include <string.h>

/* RFC 5322 atext: letters, digits and these. */
static int atext(int c)
{
	return isalnum(c) || (c && strchr("!#$%&'*+/=?^_`{|}~-", c));
}

int email_normalize(const char *s, char *out, size_t size, const char **why)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	const char *at = memchr(s, '@', n);
	if (!at || memchr(at + 1, '@', n - (size_t)(at - s) - 1)) {
		*why = "an e-mail address has exactly one @";
		return -1;
	}
	size_t local = (size_t)(at - s), domain = n - local - 1;
	if (n > 254 || local == 0 || local > 64) {
		*why = local > 64 ? "the part before @ is longer than 64 characters" : n > 254 ? "longer than 254 characters" : "nothing before @";
		return -1;
	}
	/* Local part: atoms separated by single dots. */
	for (size_t i = 0; i < local; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '.' ? (i == 0 || i + 1 == local || s[i + 1] == '.') : !atext(c)) {
			*why = "not a valid address before @";
			return -1;
		}
	}
	/* Domain: at least two labels of letters, digits, inner hyphens; a
	 * top-level label of letters. */
	const char *d = at + 1;
	size_t labels = 0, start = 0;
	for (size_t i = 0; i <= domain; i++) {
		if (i < domain && d[i] != '.') {
			unsigned char c = (unsigned char)d[i];
			if (!isalnum(c) && c != '-') {
				*why = "not a valid domain after @";
				return -1;
			}
			continue;
		}
		size_t len = i - start;
		if (len == 0 || len > 63 || d[start] == '-' || d[i - 1] == '-') {
			*why = "not a valid domain after @";
			return -1;
		}
		labels++;
		if (i == domain)
			for (size_t k = start; k < i; k++)
				if (!isalpha((unsigned char)d[k]) || len < 2) {
					*why = "the domain does not end with a real top-level domain";
					return -1;
				}
		start = i + 1;
	}
	if (labels < 2) {
		*why = "the domain after @ has no dot";
		return -1;
	}
	if (n + 1 > size) {
		*why = "too long";
		return -1;
	}
	memcpy(out, s, local + 1);
	for (size_t i = 0; i < domain; i++)
		out[local + 1 + i] = (char)tolower((unsigned char)d[i]);
	out[n] = '\0';
	return 0;
}

/* phone: French numbering plan and E.164 (see include/phone.h). */
#include "phone.h"

#include <stdio.h>
#include <string.h>

int phone_normalize(const char *s, struct phone *p, const char **why)
{
	char d[18];
	size_t n = 0;
	int plus = 0;
	for (const char *c = s; *c; c++) {
		if (*c >= '0' && *c <= '9') {
			if (n + 1 >= sizeof d) {
				*why = "too many digits";
				return -1;
			}
			d[n++] = *c;
		} else if (*c == '+' && n == 0 && !plus) {
			plus = 1;
		} else if (*c == '(' && c[1] == '0' && c[2] == ')' && plus) {
			c += 2; /* "+33 (0)4...": the national 0 in brackets */
		} else if (*c == '\xC2' && c[1] == '\xA0') {
			c++; /* a no-break space between groups */
		} else if (!strchr(" .-/()\t", *c)) {
			*why = "not a phone number (a character that is not a digit)";
			return -1;
		}
	}
	d[n] = '\0';
	const char *intl = NULL;
	if (plus)
		intl = d;
	else if (n > 2 && d[0] == '0' && d[1] == '0')
		intl = d + 2;
	if (intl && strncmp(intl, "33", 2) == 0) {
		/* France from abroad: +33 then the 9 digits after the 0. */
		const char *nat = intl + 2;
		if (strlen(nat) != 9 || nat[0] == '0') {
			*why = "a French number has 9 digits after +33";
			return -1;
		}
		char national[11] = "0";
		memcpy(national + 1, nat, 10); /* nat points into d: copy first */
		memcpy(d, national, 11);
		n = 10;
		intl = NULL;
	}
	if (intl) {
		size_t k = strlen(intl);
		if (k < 8 || k > 15 || intl[0] == '0') {
			*why = "an international number has 8 to 15 digits after +";
			return -1;
		}
		snprintf(p->e164, sizeof p->e164, "+%s", intl);
		snprintf(p->display, sizeof p->display, "+%s", intl);
		return 0;
	}
	if (n != 10 || d[0] != '0') {
		*why = "a French number has 10 digits starting with 0";
		return -1;
	}
	if (d[1] < '1' || d[1] > '9') {
		*why = "no French number starts with 00 after the prefix";
		return -1;
	}
	snprintf(p->e164, sizeof p->e164, "+33%s", d + 1);
	snprintf(p->display, sizeof p->display, "%.2s %.2s %.2s %.2s %.2s", d, d + 2, d + 4, d + 6, d + 8);
	return 0;
}

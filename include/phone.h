/*
 * phone: telephone numbers as business cards give them.
 *
 * French numbers follow the numbering plan: 10 digits starting with 0 —
 * 01 to 05 geographic, 06 and 07 mobile, 08 special rates, 09
 * non-geographic — typed as "04 07 89 85 23", "04.07.89.85.23",
 * "0407898523", "+33 4 07 89 85 23", "+33 (0)4 07 89 85 23" or
 * "0033407898523". Other countries are accepted with a "+" (or "00")
 * prefix and 8 to 15 digits in all (E.164).
 */
#ifndef CRMBATCH_PHONE_H
#define CRMBATCH_PHONE_H

#include <stddef.h>

struct phone {
	char e164[20];     /* "+33407898523" */
	char display[32];  /* "04 07 89 85 23" for France, else the E.164 form */
};

/* Returns 0 and fills p, or -1 with a short reason in *why. */
int phone_normalize(const char *s, struct phone *p, const char **why);

#endif

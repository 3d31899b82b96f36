/*
 * email: a practical check of e-mail addresses on business cards — one
 * "@", a dot-atom local part of at most 64 characters, a dotted domain of
 * letters, digits and hyphens, at most 254 characters in all. The domain
 * is lower-cased (it is case-insensitive); the local part is kept as typed.
 */
#ifndef CRMBATCH_EMAIL_H
#define CRMBATCH_EMAIL_H

#include <stddef.h>

/* Returns 0 and writes the normalised address into out (at least 255
 * bytes), or -1 with a short reason in *why. */
int email_normalize(const char *s, char *out, size_t size, const char **why);

#endif

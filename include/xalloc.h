/*
 * xalloc: allocation that never returns NULL.
 *
 * Running out of memory in a batch is not something a caller can mend, so
 * these abort with a message (as tmux's xmalloc does) and callers never
 * check for NULL.
 */
#ifndef CRMBATCH_XALLOC_H
#define CRMBATCH_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Returns a copy of s that the caller frees. */
char *xstrdup(const char *s);
/* Returns a NUL-terminated copy of the n first bytes of s; caller frees. */
char *xstrndup(const char *s, size_t n);
/* The next capacity of an array that holds cap items: by half again
 * (first when empty), not doubled: a large day's arrays are most of its
 * memory, and doubling leaves up to half of each unused. */
size_t xgrow(size_t cap, size_t first);
/* printf into a new string the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

/*
 * keyset: the key indexes of the batch (product codes, card ids, partner
 * codes...), a string -> long map used to find duplicate keys and to check
 * references. Memory grows with the number of keys, never with rows.
 */
#ifndef CRMBATCH_KEYSET_H
#define CRMBATCH_KEYSET_H

#include <stddef.h>

struct keyset;

/* A new, empty set; keyset_free releases it and every key it copied. */
struct keyset *keyset_new(void);
void keyset_free(struct keyset *ks);

/*
 * Adds key with value (the keys are copied). Returns 1 when added; returns
 * 0 and leaves the set unchanged when key is already there, storing its
 * value in *existing when that is not NULL.
 */
int keyset_add(struct keyset *ks, const char *key, long value, long *existing);

/* Sets key's value, adding the key when absent. */
void keyset_set(struct keyset *ks, const char *key, long value);

/* Non-zero when key is present; its value goes to *value if not NULL. */
int keyset_get(const struct keyset *ks, const char *key, long *value);

size_t keyset_count(const struct keyset *ks);

/* Starts loading the slot of key into the cache, so that a keyset_get a
 * little later does not wait for memory (a hint; no effect on results). */
void keyset_prefetch(const struct keyset *ks, const char *key);

#endif

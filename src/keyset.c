/*
 * keyset: open addressing with linear probing. Reference checks look up a
 * random key per row, so a lookup should cost one cache miss: keys of up to
 * 15 bytes (product codes, card ids) live inside their 32-byte slot; longer
 * ones live in large arena blocks, the slot holding a pointer.
 */
#include "keyset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define INLINE_MAX 15
#define LONG_KEY '\x01' /* key[0] of a slot whose key lives in the arena */

struct slot {
	uint64_t hash;
	long value;
	char key[INLINE_MAX + 1]; /* "" when empty; LONG_KEY then a pointer */
};

struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	char data[];
};

struct keyset {
	struct slot *slots;
	size_t cap, count;
	struct arena_block *arena;
};

static uint64_t hash_key(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

struct keyset *keyset_new(void)
{
	struct keyset *ks = xcalloc(1, sizeof *ks);
	ks->cap = 64;
	ks->slots = xcalloc(ks->cap, sizeof *ks->slots);
	return ks;
}

void keyset_free(struct keyset *ks)
{
	if (!ks)
		return;
	while (ks->arena) {
		struct arena_block *next = ks->arena->next;
		free(ks->arena);
		ks->arena = next;
	}
	free(ks->slots);
	free(ks);
}

static const char *arena_copy(struct keyset *ks, const char *key)
{
	size_t n = strlen(key) + 1;
	if (!ks->arena || ks->arena->cap - ks->arena->used < n) {
		size_t cap = n > 65536 ? n : 65536;
		struct arena_block *b = xmalloc(sizeof *b + cap);
		b->next = ks->arena;
		b->used = 0;
		b->cap = cap;
		ks->arena = b;
	}
	char *p = ks->arena->data + ks->arena->used;
	memcpy(p, key, n);
	ks->arena->used += n;
	return p;
}

static const char *slot_key(const struct slot *s)
{
	const char *p;
	if (s->key[0] != LONG_KEY)
		return s->key;
	memcpy(&p, s->key + 8, sizeof p);
	return p;
}

static int slot_empty(const struct slot *s)
{
	return s->key[0] == '\0';
}

static struct slot *find(const struct keyset *ks, const char *key, uint64_t h)
{
	size_t mask = ks->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct slot *s = &ks->slots[i];
		if (slot_empty(s) || (s->hash == h && strcmp(slot_key(s), key) == 0))
			return s;
	}
}

static void grow(struct keyset *ks)
{
	struct slot *old = ks->slots;
	size_t old_cap = ks->cap;
	ks->cap *= 2;
	ks->slots = xcalloc(ks->cap, sizeof *ks->slots);
	for (size_t i = 0; i < old_cap; i++)
		if (!slot_empty(&old[i]))
			*find(ks, slot_key(&old[i]), old[i].hash) = old[i];
	free(old);
}

int keyset_add(struct keyset *ks, const char *key, long value, long *existing)
{
	uint64_t h = hash_key(key);
	struct slot *s = find(ks, key, h);
	if (!slot_empty(s)) {
		if (existing)
			*existing = s->value;
		return 0;
	}
	size_t n = strlen(key);
	if (n > 0 && n <= INLINE_MAX && key[0] != LONG_KEY) {
		memcpy(s->key, key, n + 1);
	} else {
		const char *p = arena_copy(ks, key);
		s->key[0] = LONG_KEY;
		memcpy(s->key + 8, &p, sizeof p);
	}
	s->hash = h;
	s->value = value;
	/* Up to 4/5 full: a set of 100,000 keys takes 4 MB, not 8, for about
	 * one more slot probed per hit (32-byte slots: two per cache line). */
	if (++ks->count * 5 > ks->cap * 4)
		grow(ks);
	return 1;
}

void keyset_set(struct keyset *ks, const char *key, long value)
{
	struct slot *s = find(ks, key, hash_key(key));
	if (slot_empty(s))
		keyset_add(ks, key, value, NULL);
	else
		s->value = value;
}

int keyset_get(const struct keyset *ks, const char *key, long *value)
{
	const struct slot *s = find(ks, key, hash_key(key));
	if (slot_empty(s))
		return 0;
	if (value)
		*value = s->value;
	return 1;
}

size_t keyset_count(const struct keyset *ks)
{
	return ks->count;
}

void keyset_prefetch(const struct keyset *ks, const char *key)
{
	__builtin_prefetch(&ks->slots[hash_key(key) & (ks->cap - 1)]);
}

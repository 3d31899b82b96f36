/* strpool: strings in large blocks (see include/strpool.h). */
#include "strpool.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct strpool_block {
	struct strpool_block *next;
	size_t used, size;
	char text[];
};

const char *strpool_add(struct strpool *p, const char *s)
{
	size_t n = strlen(s) + 1;
	struct strpool_block *b = p->head;
	if (!b || b->size - b->used < n) {
		size_t size = n > 65536 ? n : 65536;
		b = xmalloc(sizeof *b + size);
		b->next = p->head;
		b->used = 0;
		b->size = size;
		p->head = b;
	}
	char *copy = memcpy(b->text + b->used, s, n);
	b->used += n;
	return copy;
}

const char *strpool_keep(struct strpool *p, const char *s, const char *same)
{
	if (!s)
		return NULL;
	return same && strcmp(same, s) == 0 ? same : strpool_add(p, s);
}

void strpool_release(struct strpool *p)
{
	while (p->head) {
		struct strpool_block *next = p->head->next;
		free(p->head);
		p->head = next;
	}
}

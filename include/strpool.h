/*
 * strpool: strings kept in large blocks and freed together, for the
 * millions of small strings a large day holds (order lines' descriptions,
 * ledger lines' numbers): a malloc'ed copy of each costs its header and
 * rounding on top of the text.
 */
#ifndef CRMBATCH_STRPOOL_H
#define CRMBATCH_STRPOOL_H

struct strpool_block;

struct strpool {
	struct strpool_block *head;  /* NULL: empty (a zeroed strpool is ready) */
};

/* A copy of s kept in p, valid until strpool_release. */
const char *strpool_add(struct strpool *p, const char *s);
/* strpool_add, save that NULL stays NULL and that same, when it says what
 * s says, is returned instead of a new copy (a run of records that repeat
 * a text share one copy of it). */
const char *strpool_keep(struct strpool *p, const char *s, const char *same);
void strpool_release(struct strpool *p);

#endif

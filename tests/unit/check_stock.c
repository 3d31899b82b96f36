/* stock: the reorder rule (table-driven) and allocation among competing orders. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "stock.h"
#include "suites.h"

#define Q(x) ((int64_t)((x) * 1000))

static const struct {
	const char *name;
	struct reorder_input in;
	int64_t want;
} rules[] = {
	{ "below min: up to max", { Q(1), Q(2), Q(8), 0, 0 }, Q(7) },
	{ "at min: nothing", { Q(2), Q(2), Q(8), 0, 0 }, 0 },
	{ "above min: nothing", { Q(5), Q(2), Q(8), 0, 0 }, 0 },
	{ "negative forecast", { Q(-14), Q(2), Q(8), 0, 0 }, Q(22) },
	{ "rounded up to the multiple", { Q(-14), Q(2), Q(8), Q(5), 0 }, Q(25) },
	{ "an exact multiple stays", { Q(-12), Q(2), Q(8), Q(5), 0 }, Q(20) },
	{ "supplier minimum", { Q(1), Q(2), Q(3), 0, Q(10) }, Q(10) },
	{ "supplier minimum below the need", { Q(-30), Q(2), Q(3), 0, Q(10) }, Q(33) },
	{ "max below min: up to min", { Q(0), Q(5), Q(0), 0, 0 }, Q(5) },
	{ "no rule: exactly the shortfall", { Q(-14), 0, 0, 0, 0 }, Q(14) },
	{ "no rule, no shortfall", { Q(3), 0, 0, 0, 0 }, 0 },
	{ "no rule with a multiple", { Q(-14), 0, 0, Q(10), 0 }, Q(20) },
	{ "fractional quantities", { Q(0.5), Q(1), Q(2.25), Q(0.25), 0 }, Q(1.75) },
};

START_TEST(test_reorder)
{
	int64_t got = stock_reorder_qty(&rules[_i].in);
	ck_assert_msg(got == rules[_i].want, "%s: %lld, want %lld", rules[_i].name, (long long)got,
		      (long long)rules[_i].want);
}
END_TEST

static char dir[128], out[128];

static void put(const char *name, const char *content)
{
	put_file(dir, name, content);
}

START_TEST(test_allocation)
{
	/* Three confirmed orders compete for 10 units: the first confirmed are
	 * served first (date, then reference), whatever the file's order. */
	snprintf(dir, sizeof dir, "/tmp/crmbatch-unit-stock-%ld", (long)getpid());
	snprintf(out, sizeof out, "/tmp/crmbatch-unit-stock-out-%ld", (long)getpid());
	mkdir(dir, 0700);
	put("suppliers.csv", "code,name\nS1,Fournisseur\n");
	put("customers.csv", "code,name\nC1,Client\n");
	put("products.csv", "code,name,unit_price,on_hand,supplier\nP1,Produit,10,10,S1\n");
	put("order_lines.csv", "order_ref,customer,order_date,state,product,qty,qty_delivered\n"
			       "SO-C,C1,2023-07-03,sale,P1,4,0\n"
			       "SO-B,C1,2023-07-01,sale,P1,6,2\n"     /* 4 still to deliver */
			       "SO-A,C1,2023-07-02,sale,P1,5,0\n"
			       "SO-Q,C1,2023-07-01,quotation,P1,50,0\n"); /* not confirmed: no claim */
	struct options opts = { "config", dir, out, 0, 1, 0, 0, 1, 0, NULL, NULL };
	struct batch b;
	struct diag err;
	ck_assert_int_eq(batch_open(&b, &opts, BATCH_DOCUMENTS, KEEP_ALL, &err), EXIT_OK);
	ck_assert_int_eq(batch_ingest(&b, &err), EXIT_OK);
	const struct stock *st = &b.stock;
	/* First confirmed, first served: SO-B (01/07), SO-A, then SO-C. */
	const char *refs[] = { "SO-B", "SO-A", "SO-C", "SO-Q" };
	int64_t allocated[] = { Q(4), Q(5), Q(1), 0 };
	for (size_t k = 0; k < 4; k++) {
		const struct order *o = NULL;
		for (size_t i = 0; i < b.orders.n; i++)
			if (strcmp(b.orders.v[i].ref, refs[k]) == 0)
				o = &b.orders.v[i];
		ck_assert_ptr_nonnull(o);
		ck_assert_int_eq(o->lines[0].allocated, allocated[k]);
	}
	/* Only the short line is listed. */
	ck_assert_uint_eq(st->nalloc, 1);
	ck_assert_str_eq(st->alloc[0].order->ref, "SO-C");
	ck_assert_int_eq(stock_open(st->alloc[0].line), Q(4));
	ck_assert_int_eq(st->alloc[0].line->allocated, Q(1));
	const struct position *ps = &st->pos[0];
	ck_assert_int_eq(ps->demand, Q(13));
	ck_assert_int_eq(ps->reserved, Q(10));
	ck_assert_int_eq(ps->free, 0);
	ck_assert_int_eq(ps->forecast, Q(-3));
	ck_assert_int_eq(ps->shortfall, Q(3));
	/* What a quote may promise: the quotation's order holds nothing. */
	const struct order *q = NULL;
	for (size_t i = 0; i < b.orders.n; i++)
		if (strcmp(b.orders.v[i].ref, "SO-Q") == 0)
			q = &b.orders.v[i];
	ck_assert_int_eq(stock_available_for(st, q, q->lines[0].product), 0);
	ck_assert_int_eq(stock_available_for(st, st->alloc[0].order, q->lines[0].product), Q(1));
	batch_close(&b, &err);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s %s", dir, out);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

Suite *stock_suite(void)
{
	Suite *s = suite_create("stock");
	TCase *tc = tcase_create("stock");
	tcase_add_loop_test(tc, test_reorder, 0, sizeof rules / sizeof *rules);
	tcase_add_test(tc, test_allocation);
	suite_add_tcase(s, tc);
	return s;
}

/* The store: an invoice written as a record reads back as the same model;
 * a record the register does not name by its hash, changed or torn, is not
 * read, and verify tells a changed one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "store.h"
#include "suites.h"

static const struct tax pens = { "tva 20% ttc", 2000, 1, VAT_STANDARD, NULL, NULL };
static const struct tax books = { "tva 5,5%", 550, 0, VAT_STANDARD, NULL, NULL };

static struct partner buyer = { .code = "CLI-LIBPORT", .name = "Librairie du Port", .street = "1 quai, \"Nord\"",
				.zip = "29200", .city = "Brest", .country = "FR", .siren = "123456789", .is_business = 1 };
static struct order order = { .ref = "SO-2023-009", .customer_code = "CLI-LIBPORT", .customer_ref = "PO-7" };

/* 3 pens at 9.99 TTC and 10 books at 100.00, rounded globally: the
 * breakdowns 24.98 + 4.99 and 1000.00 + 55.00. */
static void build(struct invoice *inv)
{
	memset(inv, 0, sizeof *inv);
	struct price_input in[2] = { { 3000, 99900, 0, &pens }, { 10000, 1000000, 0, &books } };
	struct priced_line out[2];
	ck_assert_int_eq(pricing_line(&in[0], &out[0]), 0);
	ck_assert_int_eq(pricing_line(&in[1], &out[1]), 0);
	ck_assert_int_eq(pricing_totals(in, out, 2, ROUND_GLOBAL, &inv->totals), 0);
	inv->kind = DOC_INVOICE;
	order.date = date_from_ymd(2023, 7, 30);
	order.customer = &buyer;
	inv->order = &order;
	inv->buyer = &buyer;
	inv->ships_elsewhere = 1;
	inv->ship_to = (struct address){ "Entrepôt", "ZA de Kergaradec", "29850", "Gouesnou", "FR" };
	inv->lines = calloc(2, sizeof *inv->lines);
	inv->nlines = 2;
	inv->lines[0] = (struct invoice_line){ .order_line = 1, .ref = "PEN-01", .description = "Stylo, plume",
					       .qty = 3000, .counted = 3000, .gross_price = 83250, .net_price = 83250,
					       .amount = out[0].untaxed, .tax = &pens };
	inv->lines[1] = (struct invoice_line){ .order_line = 2, .ref = "BOOK-01", .description = "-Encyclopédie",
					       .qty = 10000, .counted = 10000, .gross_price = 1000000, .net_price = 1000000,
					       .amount = out[1].untaxed, .tax = &books, .service = 1 };
	inv->date = date_from_ymd(2023, 7, 31);
	inv->delivered = DATE_NONE;
	inv->due = date_from_ymd(2023, 8, 30);
	inv->term = "30 jours";
	inv->ninst = 2;
	inv->inst[0] = (struct installment){ date_from_ymd(2023, 8, 15), 50000 };
	inv->inst[1] = (struct installment){ date_from_ymd(2023, 8, 30), inv->totals.total - 50000 };
	inv->business = inv->penalties = 1;
	inv->escompte = 100;
	inv->escompte_until = date_from_ymd(2023, 8, 10);
	inv->penalty_note = strdup("Pénalités ; au taux de 10 %");
	inv->indemnity_note = "Indemnité : 40 €.";
	inv->escompte_note = strdup("Escompte de 1 %.");
}

static char dir[64];

/* The record of inv as FAC-2023-00003, in a fresh folder's store; a
 * register naming it with content (its hash unless told otherwise). */
static void store_it(const struct invoice *inv, struct doc_register *reg, struct reg_doc *e, char hash[65])
{
	snprintf(dir, sizeof dir, "/tmp/check_store.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char *text;
	size_t len;
	struct diag err = { "" };
	store_record(inv, "FAC-2023-00003", &text, &len, hash);
	ck_assert_int_eq(store_append(dir, text, len, &err), EXIT_OK);
	free(text);
	memset(reg, 0, sizeof *reg);
	memset(e, 0, sizeof *e);
	e->number = "FAC-2023-00003";
	e->kind = DOC_INVOICE;
	e->fingerprinted = 1;
	for (int i = 0; i < 32; i++) {
		unsigned v;
		sscanf(hash + 2 * i, "%2x", &v);
		e->content[i] = (unsigned char)v;
	}
	reg->v = e;
	reg->n = 1;
}

static void cleanup(void)
{
	char *cmd = malloc(strlen(dir) + 16);
	sprintf(cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

START_TEST(test_round_trip)
{
	struct invoice inv;
	build(&inv);
	ck_assert_int_eq(inv.totals.rates[0].amount, 499);
	struct doc_register reg;
	struct reg_doc e;
	char hash[65];
	store_it(&inv, &reg, &e, hash);
	struct doc_store st;
	struct diag err = { "" };
	ck_assert_int_eq(store_open(&st, dir, &reg, &err), EXIT_OK);
	const struct stored_doc *sd = store_find(&st, "FAC-2023-00003");
	ck_assert_ptr_nonnull(sd);
	const struct invoice *b = &sd->inv;
	ck_assert_int_eq(b->kind, DOC_INVOICE);
	ck_assert_int_eq(b->date, inv.date);
	ck_assert_int_eq(b->delivered, DATE_NONE);
	ck_assert_int_eq(b->due, inv.due);
	ck_assert_str_eq(b->order->ref, "SO-2023-009");
	ck_assert_str_eq(b->order->customer_code, "CLI-LIBPORT");
	ck_assert_str_eq(b->order->customer_ref, "PO-7");
	ck_assert_int_eq(b->order->date, order.date);
	ck_assert_str_eq(b->buyer->street, "1 quai, \"Nord\"");
	ck_assert_str_eq(b->buyer->siren, "123456789");
	ck_assert_int_eq(b->buyer->is_business, 1);
	ck_assert_int_eq(b->ships_elsewhere, 1);
	ck_assert_str_eq(b->ship_to.city, "Gouesnou");
	ck_assert_uint_eq(b->nlines, 2);
	for (size_t k = 0; k < 2; k++) {
		const struct invoice_line *x = &inv.lines[k], *y = &b->lines[k];
		ck_assert_int_eq(y->order_line, x->order_line);
		ck_assert_str_eq(y->ref, x->ref);
		ck_assert_str_eq(y->description, x->description);
		ck_assert_int_eq(y->qty, x->qty);
		ck_assert_int_eq(y->gross_price, x->gross_price);
		ck_assert_int_eq(y->net_price, x->net_price);
		ck_assert_int_eq(y->amount, x->amount);
		ck_assert_str_eq(y->tax->name, x->tax->name);
		ck_assert_int_eq(y->tax->rate, x->tax->rate);
		ck_assert_int_eq(y->tax->included, x->tax->included);
		ck_assert_int_eq(y->service, x->service);
	}
	ck_assert_uint_eq(b->totals.nrates, 2);
	for (size_t k = 0; k < 2; k++) {
		ck_assert_int_eq(b->totals.rates[k].rate, inv.totals.rates[k].rate);
		ck_assert_int_eq(b->totals.rates[k].base, inv.totals.rates[k].base);
		ck_assert_int_eq(b->totals.rates[k].amount, inv.totals.rates[k].amount);
	}
	ck_assert_int_eq(b->totals.total, inv.totals.total);
	ck_assert_int_eq(b->ninst, 2);
	ck_assert_int_eq(b->inst[1].amount, inv.inst[1].amount);
	ck_assert_int_eq(b->escompte, 100);
	ck_assert_int_eq(b->escompte_until, inv.escompte_until);
	ck_assert_str_eq(b->penalty_note, inv.penalty_note);
	ck_assert_str_eq(b->indemnity_note, inv.indemnity_note);
	ck_assert_ptr_null(b->guarantee_note);
	/* Written again from what was read, the record is the same bytes. */
	char *t1, *t2, h2[65];
	size_t l1, l2;
	store_record(&inv, "FAC-2023-00003", &t1, &l1, hash);
	store_record(b, "FAC-2023-00003", &t2, &l2, h2);
	ck_assert_str_eq(hash, h2);
	ck_assert_uint_eq(l1, l2);
	ck_assert_int_eq(memcmp(t1, t2, l1), 0);
	free(t1);
	free(t2);
	long n;
	ck_assert_int_eq(store_verify(dir, &n, &err), EXIT_OK);
	ck_assert_int_eq(n, 1);
	store_close(&st);
	invoice_release(&inv);
	cleanup();
}
END_TEST

START_TEST(test_not_named_changed_or_torn)
{
	struct invoice inv;
	build(&inv);
	struct doc_register reg;
	struct reg_doc e;
	char hash[65];
	store_it(&inv, &reg, &e, hash);
	struct doc_store st;
	struct diag err = { "" };
	/* Another content in the register: a killed run's record. */
	e.content[0] ^= 1;
	ck_assert_int_eq(store_open(&st, dir, &reg, &err), EXIT_OK);
	ck_assert_ptr_null(store_find(&st, "FAC-2023-00003"));
	store_close(&st);
	e.content[0] ^= 1;
	/* A stated VAT changed in the file. */
	char path[128], cmd[256];
	snprintf(path, sizeof path, "%s/%s", dir, STORE_FILE);
	snprintf(cmd, sizeof cmd, "sed -i 's/,4.99,/,5.00,/' '%s'", path);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(store_open(&st, dir, &reg, &err), EXIT_OK);
	ck_assert_ptr_null(store_find(&st, "FAC-2023-00003"));
	store_close(&st);
	long n;
	ck_assert_int_eq(store_verify(dir, &n, &err), EXIT_DATAERR);
	ck_assert_ptr_nonnull(strstr(err.msg, "damaged record"));
	/* Its end row cut: torn, not read, and no damage. */
	snprintf(cmd, sizeof cmd, "sed -i '/^end,/d' '%s'", path);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(store_open(&st, dir, &reg, &err), EXIT_OK);
	ck_assert_ptr_null(store_find(&st, "FAC-2023-00003"));
	store_close(&st);
	invoice_release(&inv);
	cleanup();
}
END_TEST

Suite *store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_not_named_changed_or_torn);
	suite_add_tcase(s, tc);
	return s;
}

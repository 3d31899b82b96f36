/* The books: the sales entry of an invoice with several rates, goods and
 * services, a credit note's reversed entry, a partial payment left
 * unlettered and its invoice lettered once settled; every entry balances;
 * the opening entries of a year, and a late entry of a closed year. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "accounting.h"
#include "date.h"
#include "suites.h"

static struct tax taxes[] = {
	{ .name = "TVA 20%", .rate = 2000, .category = VAT_STANDARD },
	{ .name = "TVA 5,5%", .rate = 550, .category = VAT_STANDARD, .vat_account = "445711" },
};

static struct config cfg;
static struct doc_register reg;
static struct doc_lines inv, cn;
static struct applied_ledger paid;

static void setup(void)
{
	memset(&cfg, 0, sizeof cfg);
	cfg.taxes = taxes;
	cfg.ntaxes = 2;
	cfg.rounding = ROUND_PER_LINE;
	cfg.accounting = (struct accounting){ .sales_journal = "VT", .bank_journal = "BQ", .customers = "411",
					      .goods = "707", .services = "706", .vat = "44571", .bank = "512",
					      .suspense = "471", .opening = "890", .year_end_month = 12,
					      .year_end_day = 31 };
	memset(&reg, 0, sizeof reg);
	reg.v = calloc(8, sizeof *reg.v);
	doclines_init(&inv, DOC_INVOICE, 1, "/nonexistent", "invoice_lines.csv");
	doclines_init(&cn, DOC_CREDIT_NOTE, 1, "/nonexistent", "credit_note_lines.csv");
	memset(&paid, 0, sizeof paid);
	paid.v = calloc(8, sizeof *paid.v);
}

static void teardown(void)
{
	free(reg.v);
	free(paid.v);
	doclines_release(&inv);
	doclines_release(&cn);
}

static void doc(const char *number, enum doc_kind kind, const char *source, int32_t date, int64_t untaxed,
		int64_t tax)
{
	reg.v[reg.n++] = (struct reg_doc){ .number = number, .kind = (unsigned char)kind, .source_ref = source,
					     .partner = "Hubert SARL", .issue_date = date, .untaxed = untaxed,
					     .tax = tax, .total = untaxed + tax };
}

static void line(struct doc_lines *dl, const char *doc, int n, int64_t amount, int64_t rate, int service)
{
	struct doc_money m = { amount, rate, VAT_STANDARD, service };
	doclines_add(dl, doc, "SO-1", n, "P", 1000, &m, "C-HUB");
}

static void pay(const char *key, int32_t date, const char *invoice, int64_t amount)
{
	paid.v[paid.n++] = (struct applied_entry){ .key = (char *)key, .customer = "C-HUB", .invoice = (char *)invoice,
						   .date = date, .amount = amount, .kind = APPLIED_PAYMENT,
						   .booked = date };
}

/* The line of entry (journal, n) on account, or NULL. */
static const struct book_line *find(const struct books *bk, const char *journal, long n, const char *account)
{
	for (size_t i = 0; i < bk->n; i++)
		if (strcmp(bk->v[i].journal, journal) == 0 && bk->v[i].entry == n && strcmp(bk->v[i].account, account) == 0)
			return &bk->v[i];
	return NULL;
}

static void balanced(const struct books *bk)
{
	for (size_t i = 0; i < bk->n; i++) {
		int64_t d = 0, c = 0;
		for (size_t k = 0; k < bk->n; k++)
			if (bk->v[k].journal == bk->v[i].journal && bk->v[k].entry == bk->v[i].entry) {
				d += bk->v[k].debit;
				c += bk->v[k].credit;
			}
		ck_assert_msg(d == c, "%s %ld: debit %lld, credit %lld", bk->v[i].journal, bk->v[i].entry, (long long)d,
			      (long long)c);
	}
}

#define D(y, m, d) date_from_ymd(y, m, d)

START_TEST(invoice_with_several_rates)
{
	/* Goods 100.00 and a service 50.00 at 20 %, goods 10.00 at 5.5 %. */
	doc("FAC-1", DOC_INVOICE, "SO-1#1", D(2026, 3, 2), 16000, 3055);
	line(&inv, "FAC-1", 1, 10000, 2000, 0);
	line(&inv, "FAC-1", 2, 5000, 2000, 1);
	line(&inv, "FAC-1", 3, 1000, 550, 0);
	struct books bk;
	struct diag err = { "" };
	ck_assert_int_eq(books_build(&bk, &cfg, &reg, &inv, &cn, &paid, NULL, NULL, D(2026, 1, 1), D(2026, 12, 31), &err), EXIT_OK);
	ck_assert_uint_eq(bk.n, 6);
	const struct book_line *c = find(&bk, "VT", 1, "411");
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->debit, 19055);
	ck_assert_str_eq(c->aux, "C-HUB");
	ck_assert_str_eq(c->letter, ""); /* not paid: not lettered */
	ck_assert_int_eq(find(&bk, "VT", 1, "706")->credit, 5000);
	ck_assert_int_eq(find(&bk, "VT", 1, "44571")->credit, 3000);
	ck_assert_int_eq(find(&bk, "VT", 1, "445711")->credit, 55);
	int64_t goods = 0;
	for (size_t i = 0; i < bk.n; i++)
		if (strcmp(bk.v[i].account, "707") == 0)
			goods += bk.v[i].credit;
	ck_assert_int_eq(goods, 11000); /* one line per rate: 100.00 and 10.00 */
	balanced(&bk);
	books_release(&bk);
}
END_TEST

START_TEST(revenue_per_tax)
{
	/* [accounting] revenue TVA 5,5% = 707055: that rate's goods and
	 * services on one line there; the 20 % keeps 707 and 706. */
	char *revenue[] = { NULL, "707055" };
	cfg.accounting.revenue = revenue;
	doc("FAC-1", DOC_INVOICE, "SO-1#1", D(2026, 3, 2), 17000, 3110);
	line(&inv, "FAC-1", 1, 10000, 2000, 0);
	line(&inv, "FAC-1", 2, 5000, 2000, 1);
	line(&inv, "FAC-1", 3, 1000, 550, 0);
	line(&inv, "FAC-1", 4, 1000, 550, 1);
	doc("AV-1", DOC_CREDIT_NOTE, "FAC-1#1", D(2026, 3, 9), 1000, 55);
	line(&cn, "AV-1", 4, 1000, 550, 1);
	struct books bk;
	struct diag err = { "" };
	ck_assert_int_eq(books_build(&bk, &cfg, &reg, &inv, &cn, &paid, NULL, NULL, D(2026, 1, 1), D(2026, 12, 31), &err), EXIT_OK);
	ck_assert_int_eq(find(&bk, "VT", 1, "707")->credit, 10000);
	ck_assert_int_eq(find(&bk, "VT", 1, "706")->credit, 5000);
	ck_assert_int_eq(find(&bk, "VT", 1, "707055")->credit, 2000);
	ck_assert_int_eq(find(&bk, "VT", 1, "445711")->credit, 110);
	ck_assert_int_eq(find(&bk, "VT", 2, "707055")->debit, 1000); /* reversed to the same account */
	ck_assert_ptr_null(find(&bk, "VT", 2, "706"));
	size_t n = 0;
	for (size_t i = 0; i < bk.n; i++)
		n += strcmp(bk.v[i].account, "707055") == 0;
	ck_assert_uint_eq(n, 2); /* one line per entry */
	balanced(&bk);
	books_release(&bk);
}
END_TEST

START_TEST(credit_note_reversed)
{
	doc("FAC-1", DOC_INVOICE, "SO-1#1", D(2026, 3, 2), 15000, 3000);
	line(&inv, "FAC-1", 1, 10000, 2000, 0);
	line(&inv, "FAC-1", 2, 5000, 2000, 1);
	doc("AV-1", DOC_CREDIT_NOTE, "FAC-1#1", D(2026, 3, 9), 5000, 1000);
	line(&cn, "AV-1", 2, 5000, 2000, 1);
	struct books bk;
	struct diag err = { "" };
	ck_assert_int_eq(books_build(&bk, &cfg, &reg, &inv, &cn, &paid, NULL, NULL, D(2026, 1, 1), D(2026, 12, 31), &err), EXIT_OK);
	const struct book_line *c = find(&bk, "VT", 2, "411");
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->piece, "AV-1");
	ck_assert_int_eq(c->credit, 6000);
	ck_assert_int_eq(c->debit, 0);
	ck_assert_int_eq(find(&bk, "VT", 2, "706")->debit, 5000);
	ck_assert_int_eq(find(&bk, "VT", 2, "44571")->debit, 1000);
	balanced(&bk);
	books_release(&bk);
}
END_TEST

START_TEST(partial_payment_then_settled)
{
	doc("FAC-1", DOC_INVOICE, "SO-1#1", D(2026, 3, 2), 10000, 2000);
	line(&inv, "FAC-1", 1, 10000, 2000, 0);
	pay("PAY-1", D(2026, 3, 20), "FAC-1", 5000);
	struct books bk;
	struct diag err = { "" };
	ck_assert_int_eq(books_build(&bk, &cfg, &reg, &inv, &cn, &paid, NULL, NULL, D(2026, 1, 1), D(2026, 12, 31), &err), EXIT_OK);
	const struct book_line *b = find(&bk, "BQ", 1, "512"), *c = find(&bk, "BQ", 1, "411");
	ck_assert_int_eq(b->debit, 5000);
	ck_assert_int_eq(c->credit, 5000);
	ck_assert_str_eq(c->letter, ""); /* partly paid: not lettered yet */
	ck_assert_str_eq(find(&bk, "VT", 1, "411")->letter, "");
	balanced(&bk);
	books_release(&bk);

	pay("PAY-2", D(2026, 4, 2), "FAC-1", 7000);
	ck_assert_int_eq(books_build(&bk, &cfg, &reg, &inv, &cn, &paid, NULL, NULL, D(2026, 1, 1), D(2026, 12, 31), &err), EXIT_OK);
	const struct book_line *l[3] = { find(&bk, "VT", 1, "411"), find(&bk, "BQ", 1, "411"), find(&bk, "BQ", 2, "411") };
	for (int i = 0; i < 3; i++) {
		ck_assert_ptr_nonnull(l[i]);
		ck_assert_str_eq(l[i]->letter, "AAA");
		ck_assert_int_eq(l[i]->lettered, D(2026, 4, 2));
	}
	ck_assert_str_eq(find(&bk, "BQ", 2, "512")->letter, ""); /* only the customer's lines */
	/* Another fiscal year: none of these. */
	books_release(&bk);
	ck_assert_int_eq(books_build(&bk, &cfg, &reg, &inv, &cn, &paid, NULL, NULL, D(2027, 1, 1), D(2027, 12, 31), &err), EXIT_OK);
	ck_assert_uint_eq(bk.n, 0);
	books_release(&bk);
}
END_TEST

/* A December invoice paid in January: open, unlettered, in its year's
 * file; carried into the next by an opening entry against 890, lettered
 * there with the payment. */
START_TEST(opening_entries_carry_what_is_open)
{
	doc("FAC-1", DOC_INVOICE, "SO-1#1", D(2026, 12, 20), 10000, 2000);
	line(&inv, "FAC-1", 1, 10000, 2000, 0);
	pay("PAY-1", D(2027, 1, 10), "FAC-1", 12000);
	struct books bk;
	struct diag err = { "" };
	ck_assert_int_eq(books_build(&bk, &cfg, &reg, &inv, &cn, &paid, NULL, NULL, D(2026, 1, 1), D(2026, 12, 31), &err),
			 EXIT_OK);
	ck_assert_uint_eq(bk.n, 3); /* the invoice's entry only */
	ck_assert_str_eq(find(&bk, "VT", 1, "411")->letter, "");
	books_release(&bk);
	ck_assert_int_eq(books_build(&bk, &cfg, &reg, &inv, &cn, &paid, NULL, NULL, D(2027, 1, 1), D(2027, 12, 31), &err),
			 EXIT_OK);
	const struct book_line *o = find(&bk, "AN", 1, "411"), *c = find(&bk, "AN", 1, "890");
	ck_assert_ptr_eq(o, &bk.v[0]); /* the file opens with it */
	ck_assert_int_eq(o->debit, 12000);
	ck_assert_int_eq(o->date, D(2027, 1, 1));
	ck_assert_int_eq(o->piece_date, D(2026, 12, 20));
	ck_assert_str_eq(o->piece, "FAC-1");
	ck_assert_str_eq(o->aux, "C-HUB");
	ck_assert_int_eq(c->credit, 12000);
	ck_assert_str_eq(o->letter, "AAA");
	ck_assert_str_eq(find(&bk, "BQ", 1, "411")->letter, "AAA");
	ck_assert_int_eq(o->lettered, D(2027, 1, 10));
	ck_assert_ptr_null(find(&bk, "VT", 1, "411")); /* booked in 2026 */
	balanced(&bk);
	books_release(&bk);
}
END_TEST

/* A payment dated in a closed year that came after the closing is booked
 * on its run's day, in the open year: the closed year is left as it was. */
START_TEST(late_entry_of_a_closed_year)
{
	doc("FAC-1", DOC_INVOICE, "SO-1#1", D(2026, 12, 20), 10000, 2000);
	line(&inv, "FAC-1", 1, 10000, 2000, 0);
	pay("PAY-1", D(2026, 12, 30), "FAC-1", 12000);
	paid.v[0].booked = D(2027, 1, 20);
	struct closed_year y2026 = { D(2026, 1, 1), D(2026, 12, 31) };
	struct books_closed closed = { .years = &y2026, .n = 1, .pieces = keyset_new() };
	keyset_add(closed.pieces, "VT\tFAC-1", 1, NULL);
	struct books bk;
	struct diag err = { "" };
	ck_assert_int_eq(books_build(&bk, &cfg, &reg, &inv, &cn, &paid, NULL, &closed, D(2026, 1, 1), D(2026, 12, 31),
				     &err), EXIT_OK);
	ck_assert_uint_eq(bk.n, 3);
	books_release(&bk);
	ck_assert_int_eq(books_build(&bk, &cfg, &reg, &inv, &cn, &paid, NULL, &closed, D(2027, 1, 1), D(2027, 12, 31),
				     &err), EXIT_OK);
	const struct book_line *b = find(&bk, "BQ", 1, "411");
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(b->date, D(2027, 1, 20));
	ck_assert_int_eq(b->valid, D(2027, 1, 20));
	ck_assert_int_eq(b->piece_date, D(2026, 12, 30));
	ck_assert_str_eq(b->letter, "AAA");
	balanced(&bk);
	books_release(&bk);
	/* Not closed: the payment is the 2026 year's, on its own date. */
	ck_assert_int_eq(books_build(&bk, &cfg, &reg, &inv, &cn, &paid, NULL, NULL, D(2026, 1, 1), D(2026, 12, 31), &err),
			 EXIT_OK);
	b = find(&bk, "BQ", 1, "411");
	ck_assert_int_eq(b->date, D(2026, 12, 30));
	ck_assert_int_eq(b->valid, D(2027, 1, 20));
	books_release(&bk);
	keyset_free(closed.pieces);
}
END_TEST

START_TEST(letter_codes_never_repeat)
{
	/* Three letters for 26^3 = 17,576 invoices, then four for the next
	 * 26^4 = 456,976 (17,576..474,551), then five from 474,552. */
	static const struct { long k; const char *code; } cases[] = {
		{ 0, "AAA" },       { 25, "AAZ" },        { 26, "ABA" },
		{ 17575, "ZZZ" },   { 17576, "AAAA" },    { 17577, "AAAB" },
		{ 474551, "ZZZZ" }, { 474552, "AAAAA" },
		{ 475253, "AABAZ" }, /* 474552 + 701, 701 = 1 * 26^2 + 0 * 26 + 25 */
		{ 475254, "AABBA" }, /* 474552 + 702, 702 = 1 * 26^2 + 1 * 26 + 0 */
	};
	char code[BOOKS_LETTER_MAX];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		books_letter_code(cases[i].k, code);
		ck_assert_str_eq(code, cases[i].code);
	}
	/* The largest long: 14 letters, held whole. */
	books_letter_code(LONG_MAX, code);
	ck_assert_uint_eq(strlen(code), 14);
	ck_assert_uint_eq(strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), 14);
}
END_TEST

START_TEST(fiscal_year)
{
	struct accounting a = { .year_end_month = 6, .year_end_day = 30 };
	int32_t from, to;
	books_fiscal_year(&a, D(2026, 7, 1), &from, &to);
	ck_assert_int_eq(from, D(2026, 7, 1));
	ck_assert_int_eq(to, D(2027, 6, 30));
	books_fiscal_year(&a, D(2026, 6, 30), &from, &to);
	ck_assert_int_eq(from, D(2025, 7, 1));
	ck_assert_int_eq(to, D(2026, 6, 30));
}
END_TEST

Suite *accounting_suite(void)
{
	Suite *s = suite_create("accounting");
	TCase *tc = tcase_create("books");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, invoice_with_several_rates);
	tcase_add_test(tc, revenue_per_tax);
	tcase_add_test(tc, credit_note_reversed);
	tcase_add_test(tc, partial_payment_then_settled);
	tcase_add_test(tc, opening_entries_carry_what_is_open);
	tcase_add_test(tc, late_entry_of_a_closed_year);
	tcase_add_test(tc, letter_codes_never_repeat);
	tcase_add_test(tc, fiscal_year);
	suite_add_tcase(s, tc);
	return s;
}

/* validate: header aliases, typed fields and references, through ingest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest.h"
#include "suites.h"

static char dir[128], out[128];

static void put(const char *name, const char *content)
{
	put_file(dir, name, content);
}

struct seen {
	long n;
	int64_t qty, price, discount, date;
	char product[32];
};

static int on_line(void *ctx, const struct record *r)
{
	struct seen *s = ctx;
	s->n++;
	s->qty = r->num[OL_QTY];
	s->price = r->num[OL_UNIT_PRICE];
	s->discount = r->num[OL_DISCOUNT];
	s->date = r->num[OL_ORDER_DATE];
	snprintf(s->product, sizeof s->product, "%s", r->text[OL_PRODUCT]);
	return 0;
}

/* Ingests dir with the sample config; returns the rejects count. */
static long ingest_dir(struct ingest *in, struct seen *seen, long *warnings)
{
	static struct config cfg;
	struct diag err;
	struct rejects *rj;
	ck_assert_int_eq(config_load(&cfg, "config", &err), EXIT_OK);
	ck_assert_int_eq(rejects_open(&rj, out, 1, &err), EXIT_OK);
	ingest_init(in, &cfg, rj, dir);
	ingest_add_sink(in, IN_ORDER_LINES, on_line, seen);
	ck_assert_int_eq(ingest_run(in, &err), EXIT_OK);
	long errors = rejects_errors(rj);
	*warnings = rejects_warnings(rj);
	ck_assert_int_eq(rejects_close(rj, &err), EXIT_OK);
	ingest_release(in);
	config_release(&cfg);
	return errors;
}

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/crmbatch-unit-in-%ld", (long)getpid());
	snprintf(out, sizeof out, "/tmp/crmbatch-unit-out-%ld", (long)getpid());
	mkdir(dir, 0700);
	mkdir(out, 0700);
	put("products.csv", "Référence;Désignation;Prix de vente;TVA\nP1;Produit un;1 234,5;TVA 20%\nP2;Produit deux;10;\n");
	put("customers.csv", "Code client,Raison sociale\nC1,Client un\n");
}

static void teardown(void)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s %s", dir, out);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_french_headers)
{
	/* French labels, any order, accents and case ignored. */
	put("order_lines.csv", "QTÉ;Produit;Client;Réf commande;Remise (%);Prix unitaire;Date commande\n"
			       "2,5;P1;C1;SO1;15,5 %;12,3456;27/11/2026\n");
	struct ingest in;
	struct seen seen = { 0 };
	long warnings;
	ck_assert_int_eq(ingest_dir(&in, &seen, &warnings), 0);
	ck_assert_int_eq(warnings, 0);
	ck_assert_int_eq(seen.n, 1);
	ck_assert_int_eq(seen.qty, 2500);
	ck_assert_int_eq(seen.price, 123456);
	ck_assert_int_eq(seen.discount, 1550);
	ck_assert_str_eq(seen.product, "P1");
	ck_assert_int_eq(in.counts[IN_PRODUCTS].accepted, 2);
}
END_TEST

START_TEST(test_odoo_headers)
{
	put("order_lines.csv", "Order Reference,Customer,Product,Quantity,Unit Price,Discount (%),Extra\n"
			       "SO1,C1,P2,3,9.99,0,whatever\n");
	struct ingest in;
	struct seen seen = { 0 };
	long warnings;
	ck_assert_int_eq(ingest_dir(&in, &seen, &warnings), 0);
	ck_assert_int_eq(warnings, 1); /* one warning for the unknown column */
	ck_assert_int_eq(seen.n, 1);
	ck_assert_int_eq(seen.price, 99900);
}
END_TEST

static const struct {
	const char *row;
	long errors;
} row_cases[] = {
	{ "SO1,C1,P1,1", 0 },
	{ "SO1,C1,P1,abc", 1 },      /* qty not a number */
	{ "SO1,C1,P1,0", 1 },        /* qty must be > 0 */
	{ "SO1,C1,P1,-2", 1 },
	{ "SO1,C1,P1,1.0001", 1 },   /* qty: 3 decimals at most */
	{ "SO1,C1,PX,1", 1 },        /* unknown product */
	{ "SO1,CX,P1,1", 1 },        /* unknown customer */
	{ ",C1,P1,1", 1 },           /* order_ref missing */
	{ "SO1,CX,PX,x", 3 },        /* every problem of a row is reported */
};

START_TEST(test_rows)
{
	char content[256];
	snprintf(content, sizeof content, "order_ref,customer,product,qty\n%s\n", row_cases[_i].row);
	put("order_lines.csv", content);
	struct ingest in;
	struct seen seen = { 0 };
	long warnings;
	ck_assert_int_eq(ingest_dir(&in, &seen, &warnings), row_cases[_i].errors);
	ck_assert_int_eq(in.counts[IN_ORDER_LINES].read, 1);
	ck_assert_int_eq(in.counts[IN_ORDER_LINES].accepted, row_cases[_i].errors ? 0 : 1);
	ck_assert_int_eq(in.counts[IN_ORDER_LINES].rejected, row_cases[_i].errors ? 1 : 0);
}
END_TEST

START_TEST(test_missing_column)
{
	put("order_lines.csv", "order_ref,customer,qty\nSO1,C1,1\nSO2,C1,2\n");
	struct ingest in;
	struct seen seen = { 0 };
	long warnings;
	ck_assert_int_eq(ingest_dir(&in, &seen, &warnings), 1);
	ck_assert_int_eq(seen.n, 0);
	ck_assert_int_eq(in.counts[IN_ORDER_LINES].skipped, 1);
	/* Every line of a skipped file, the one taken for the header too. */
	ck_assert_int_eq(in.counts[IN_ORDER_LINES].read, 3);
	ck_assert_int_eq(in.counts[IN_ORDER_LINES].rejected, 3);
}
END_TEST

START_TEST(test_duplicate_key)
{
	put("customers.csv", "code,name\nC1,Un\nC1,Deux\nC2,Trois\n");
	put("order_lines.csv", "order_ref,customer,product,qty\n");
	struct ingest in;
	struct seen seen = { 0 };
	long warnings;
	ck_assert_int_eq(ingest_dir(&in, &seen, &warnings), 1);
	ck_assert_int_eq(in.counts[IN_CUSTOMERS].accepted, 2);
	ck_assert_int_eq(in.counts[IN_CUSTOMERS].rejected, 1);
}
END_TEST

START_TEST(test_bool)
{
	ck_assert_int_eq(parse_bool("oui"), 1);
	ck_assert_int_eq(parse_bool("Yes"), 1);
	ck_assert_int_eq(parse_bool("x"), 1);
	ck_assert_int_eq(parse_bool("Non"), 0);
	ck_assert_int_eq(parse_bool("0"), 0);
	ck_assert_int_eq(parse_bool("peut-être"), -1);
	/* Other vocabularies tools write. */
	ck_assert_int_eq(parse_bool("TRUE"), 1);
	ck_assert_int_eq(parse_bool("False"), 0);
	ck_assert_int_eq(parse_bool("Vrai"), 1);
	ck_assert_int_eq(parse_bool("t"), 1);
	ck_assert_int_eq(parse_bool("f"), 0);
	ck_assert_int_eq(parse_bool("1"), 1);
	ck_assert_int_eq(parse_bool("Coché"), 1);
	ck_assert_int_eq(parse_bool("off"), 0);
	ck_assert_int_eq(parse_bool("2"), -1);
}
END_TEST

Suite *validate_suite(void)
{
	Suite *s = suite_create("validate");
	TCase *tc = tcase_create("validate");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_french_headers);
	tcase_add_test(tc, test_odoo_headers);
	tcase_add_loop_test(tc, test_rows, 0, sizeof row_cases / sizeof *row_cases);
	tcase_add_test(tc, test_missing_column);
	tcase_add_test(tc, test_duplicate_key);
	tcase_add_test(tc, test_bool);
	suite_add_tcase(s, tc);
	return s;
}

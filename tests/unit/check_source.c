/* source: the profiles loaded from their files (built-in and a config's). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source.h"
#include "suites.h"

static char cfgdir[64], srcdir[80];

static void setup(void)
{
	snprintf(cfgdir, sizeof cfgdir, "/tmp/crmbatch-unit-cfg-%ld", (long)getpid());
	snprintf(srcdir, sizeof srcdir, "%s/sources", cfgdir);
	mkdir(cfgdir, 0700);
	mkdir(srcdir, 0700);
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", cfgdir);
	if (system(cmd) != 0)
		abort();
}

START_TEST(test_builtin)
{
	struct sources s;
	struct diag err;
	ck_assert_int_eq(sources_load(&s, cfgdir, &err), EXIT_OK);
	const struct source_profile *odoo = sources_find(&s, "Odoo"), *doli = sources_find(&s, "dolibarr");
	ck_assert_ptr_nonnull(odoo);
	ck_assert_ptr_nonnull(doli);
	ck_assert_ptr_nonnull(sources_find(&s, "google"));
	ck_assert_ptr_nonnull(sources_find(&s, "outlook"));
	ck_assert_ptr_null(sources_find(&s, "excel"));
	ck_assert_str_eq(source_name(NULL), "native");
	/* Sorted by name, native last. */
	for (size_t i = 1; i < s.n; i++)
		ck_assert_int_lt(strcmp(s.v[i - 1].name, s.v[i].name), 0);
	char *names = sources_names(&s);
	ck_assert_ptr_nonnull(strstr(names, "dolibarr|"));
	ck_assert_int_eq(strcmp(names + strlen(names) - 7, "|native"), 0);
	free(names);
	/* A code keeps its sign; a word is compared as a header is. */
	ck_assert_str_eq(source_value(doli, IN_ORDER_LINES, OL_STATE, " -1 "), "cancel");
	ck_assert_str_eq(source_value(doli, IN_ORDER_LINES, OL_STATE, "1"), "sale");
	ck_assert_str_eq(source_value(doli, IN_ORDER_LINES, OL_STATE, "0"), "quotation");
	ck_assert_ptr_null(source_value(doli, IN_ORDER_LINES, OL_STATE, "7"));
	ck_assert_ptr_null(source_value(doli, IN_CONTACTS, CT_CIVILITY, "M."));
	/* Suppliers take the customers' labels the profile gives them no other for. */
	ck_assert_ptr_nonnull(strstr(source_aliases(doli, IN_SUPPLIERS, SP_VAT), "Num TVA"));
	ck_assert_ptr_nonnull(strstr(source_aliases(odoo, IN_SUPPLIERS, SP_TERM), "property_supplier_payment_term_id"));
	sources_release(&s);
}
END_TEST

static void put(const char *name, const char *text)
{
	char path[160];
	snprintf(path, sizeof path, "%s/%s", srcdir, name);
	FILE *fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
}

START_TEST(test_user_profiles)
{
	put("google.ini", "[source]\nname = google\n[contacts]\nmobile = Phone 1 - Value\n");
	put("shop.ini", "[source]\nname = MyShop\ndetect = Num cde\ndate_format = m/d/y\ndecimal = \",\"\n"
			"[order_lines]\norder_ref = Num cde\n[order_lines.state]\nsale = Validée | 1\n"
			"[contacts.civility]\nM. = Mr | Mister\n[activities.done]\nTrue = Oui\n");
	struct sources s;
	struct diag err;
	ck_assert_int_eq(sources_load(&s, cfgdir, &err), EXIT_OK);
	const struct source_profile *g = sources_find(&s, "google"), *shop = sources_find(&s, "myshop");
	ck_assert_ptr_nonnull(g);
	/* The user's google.ini replaced the built-in one: no phone label left. */
	ck_assert_ptr_null(source_aliases(g, IN_CONTACTS, CT_PHONE));
	ck_assert_str_eq(source_aliases(g, IN_CONTACTS, CT_MOBILE), "Phone 1 - Value");
	ck_assert_ptr_nonnull(shop);
	ck_assert_ptr_eq(sources_find(&s, "shop"), shop); /* by its file's name too */
	ck_assert_int_eq(shop->date_order, DATE_MDY);
	ck_assert_int_eq(shop->decimal, ',');
	ck_assert_str_eq(source_value(shop, IN_ORDER_LINES, OL_STATE, "VALIDEE"), "sale");
	ck_assert_str_eq(source_value(shop, IN_CONTACTS, CT_CIVILITY, "mister"), "M."); /* as written */
	ck_assert_str_eq(source_value(shop, IN_ACTIVITIES, AC_DONE, "oui"), "true");
	sources_release(&s);
}
END_TEST

static const struct {
	const char *text;
	const char *says;
} bad_cases[] = {
	{ "[source]\nname = x\n[contacts\n", "x.ini:3: syntax error: '[contacts'" },
	{ "[contacts]\ne_mail = Mail\n", "[contacts] e_mail: not a column of contacts.csv" },
	{ "[invoices]\nx = y\n", "[invoices]: not a section of a profile" },
	{ "[order_lines.state]\nconfirmed = 1\n", "[order_lines.state] confirmed: not a value of state" },
	{ "[order_lines.qty]\none = 1\n", "its values need no mapping" },
	{ "[contacts.nothing]\na = b\n", "contacts.csv has no column 'nothing'" },
	{ "[source]\ndate_format = y/d/m\n", "[source] date_format: 'y/d/m' is not" },
	{ "[source]\ndecimal = ;\n", "[source] decimal" },
	{ "[source]\nname = native\n", "'native' cannot name a profile" },
	{ "[source]\nname = odoo\n", "'odoo' is also the name of" },
};

START_TEST(test_bad_profiles)
{
	put("x.ini", bad_cases[_i].text);
	struct sources s;
	struct diag err = { "" };
	ck_assert_int_eq(sources_load(&s, cfgdir, &err), EXIT_CONFIG);
	ck_assert_msg(strstr(err.msg, bad_cases[_i].says) != NULL, "'%s' does not say '%s'", err.msg,
		      bad_cases[_i].says);
	ck_assert_ptr_nonnull(strstr(err.msg, "sources/x.ini"));
}
END_TEST

Suite *source_suite(void)
{
	Suite *s = suite_create("source");
	TCase *tc = tcase_create("source");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_builtin);
	tcase_add_test(tc, test_user_profiles);
	tcase_add_loop_test(tc, test_bad_profiles, 0, sizeof bad_cases / sizeof *bad_cases);
	suite_add_tcase(s, tc);
	return s;
}

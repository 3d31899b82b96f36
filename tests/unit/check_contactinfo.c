/* phone and email: tables of accepted and rejected forms. */
#include <string.h>

#include "email.h"
#include "phone.h"
#include "suites.h"

static const struct {
	const char *in, *e164, *display; /* e164 NULL: rejected */
} phones[] = {
	{ "04 07 89 85 23", "+33407898523", "04 07 89 85 23" },
	{ "04.07.89.85.23", "+33407898523", "04 07 89 85 23" },
	{ "0407898523", "+33407898523", "04 07 89 85 23" },
	{ "+33 4 07 89 85 23", "+33407898523", "04 07 89 85 23" },
	{ "+33 (0)4 07 89 85 23", "+33407898523", "04 07 89 85 23" },
	{ "0033407898523", "+33407898523", "04 07 89 85 23" },
	{ "03 69 87 54 21", "+33369875421", "03 69 87 54 21" },
	{ "06-12-34-56-78", "+33612345678", "06 12 34 56 78" },
	{ "07 12 34 56 78", "+33712345678", "07 12 34 56 78" },
	{ "08 00 12 34 56", "+33800123456", "08 00 12 34 56" },
	{ "09 70 12 34 56", "+33970123456", "09 70 12 34 56" },
	{ "+41 22 730 11 11", "+41227301111", "+41227301111" },
	{ "0041 22 730 11 11", "+41227301111", "+41227301111" },
	{ "+1 212 555 0100", "+12125550100", "+12125550100" },
	{ "04 07 89", NULL, NULL },              /* too short */
	{ "04 07 89 85 23 11", NULL, NULL },     /* too long */
	{ "4 07 89 85 23", NULL, NULL },         /* no leading 0 */
	{ "00 07 89 85 23", NULL, NULL },
	{ "+33 04 07 89 85 23", NULL, NULL },    /* 0 after +33 */
	{ "+33 4 07 89 85", NULL, NULL },
	{ "+1234567", NULL, NULL },              /* 7 digits */
	{ "+1234567890123456", NULL, NULL },     /* 16 digits */
	{ "04 07 89 85 2x", NULL, NULL },
	{ "tel: 0407898523", NULL, NULL },
};

START_TEST(test_phone)
{
	struct phone p;
	const char *why = NULL;
	int rc = phone_normalize(phones[_i].in, &p, &why);
	if (!phones[_i].e164) {
		ck_assert_msg(rc == -1, "'%s' accepted as %s", phones[_i].in, p.e164);
		ck_assert_ptr_nonnull(why);
		return;
	}
	ck_assert_msg(rc == 0, "'%s' rejected: %s", phones[_i].in, why);
	ck_assert_str_eq(p.e164, phones[_i].e164);
	ck_assert_str_eq(p.display, phones[_i].display);
}
END_TEST

static const struct {
	const char *in, *want; /* want NULL: rejected */
} emails[] = {
	{ "contact@hubert.fr", "contact@hubert.fr" },
	{ "contact@HUBERT.FR", "contact@hubert.fr" },
	{ "Jean.Hubert@Hubert.fr", "Jean.Hubert@hubert.fr" },
	{ " s.marouin@orange.fr ", "s.marouin@orange.fr" },
	{ "a+tag@sub.example.co.uk", "a+tag@sub.example.co.uk" },
	{ "o'neil@exemple-site.fr", "o'neil@exemple-site.fr" },
	{ "contact.hubert.fr", NULL },
	{ "a@b@c.fr", NULL },
	{ "@hubert.fr", NULL },
	{ "contact@", NULL },
	{ "contact@hubert", NULL },
	{ ".contact@hubert.fr", NULL },
	{ "contact.@hubert.fr", NULL },
	{ "con..tact@hubert.fr", NULL },
	{ "con tact@hubert.fr", NULL },
	{ "contact@-hubert.fr", NULL },
	{ "contact@hubert-.fr", NULL },
	{ "contact@hubert..fr", NULL },
	{ "contact@hubert.f", NULL },
	{ "contact@hubert.123", NULL },
	{ "contact@hu_bert.fr", NULL },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@x.fr", NULL }, /* 65 */
};

START_TEST(test_email)
{
	char out[256];
	const char *why = NULL;
	int rc = email_normalize(emails[_i].in, out, sizeof out, &why);
	if (!emails[_i].want) {
		ck_assert_msg(rc == -1, "'%s' accepted", emails[_i].in);
		ck_assert_ptr_nonnull(why);
		return;
	}
	ck_assert_msg(rc == 0, "'%s' rejected: %s", emails[_i].in, why);
	ck_assert_str_eq(out, emails[_i].want);
}
END_TEST

Suite *contactinfo_suite(void)
{
	Suite *s = suite_create("contactinfo");
	TCase *tc = tcase_create("contactinfo");
	tcase_add_loop_test(tc, test_phone, 0, sizeof phones / sizeof *phones);
	tcase_add_loop_test(tc, test_email, 0, sizeof emails / sizeof *emails);
	suite_add_tcase(s, tc);
	return s;
}

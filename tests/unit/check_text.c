/* text: UTF-8 validation, Windows-1252 conversion, header keys. */
#include <string.h>

#include "suites.h"
#include <stdlib.h>

#include "text.h"

START_TEST(test_utf8_valid)
{
	ck_assert(utf8_valid("plain ascii", 11));
	ck_assert(utf8_valid("\xC3\xA9t\xC3\xA9", 5));          /* été */
	ck_assert(utf8_valid("\xE2\x82\xAC", 3));               /* € */
	ck_assert(utf8_valid("\xF0\x9F\x98\x80", 4));           /* emoji */
	ck_assert(!utf8_valid("\xE9t\xE9", 3));                 /* été in Windows-1252 */
	ck_assert(!utf8_valid("\x80", 1));                      /* € in Windows-1252 */
	ck_assert(!utf8_valid("\xC3", 1));                      /* truncated */
	ck_assert(!utf8_valid("\xC0\xAF", 2));                  /* overlong */
	ck_assert(!utf8_valid("\xED\xA0\x80", 3));              /* surrogate */
	ck_assert(!utf8_valid("\xF5\x80\x80\x80", 4));          /* beyond U+10FFFF */
}
END_TEST

START_TEST(test_cp1252)
{
	char out[64];
	static const char in[] = "\xE9t\xE9 \x80 \x92 \xAB\xBB \x9C \x81";
	size_t n = cp1252_to_utf8(in, sizeof in - 1, out);
	ck_assert_str_eq(out, "\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xE2\x80\x99 \xC2\xAB\xC2\xBB \xC5\x93 \xEF\xBF\xBD");
	ck_assert_uint_eq(n, strlen(out));
}
END_TEST

START_TEST(test_winansi)
{
	char out[64];
	size_t bad = 0;
	utf8_to_winansi("\xC3\x89t\xC3\xA9 1\xC2\xA0" "234,56\xC2\xA0\xE2\x82\xAC \xC2\xAB\xE2\x80\x99\xC2\xBB \xC5\x93", out, sizeof out, &bad);
	ck_assert_str_eq(out, "\xC9t\xE9 1\xA0" "234,56\xA0\x80 \xAB\x92\xBB \x9C");
	ck_assert_uint_eq(bad, 0);
	/* Outside WinAnsi: replaced visibly and counted, never dropped. */
	utf8_to_winansi("a\xE2\x86\x92" "b\xF0\x9F\x98\x80" "c\xFF", out, sizeof out, &bad);
	ck_assert_str_eq(out, "a?b?c?");
	ck_assert_uint_eq(bad, 3);
	utf8_to_winansi("abcdef", out, 4, NULL);
	ck_assert_str_eq(out, "abc");
}
END_TEST

static const struct {
	const char *in, *want;
} key_cases[] = {
	{ "E-mail", "email" },
	{ "email_from", "emailfrom" },
	{ " Courriel ", "courriel" },
	{ "Prénom", "prenom" },
	{ "PRÉNOM", "prenom" },
	{ "Qté livrée", "qtelivree" },
	{ "Remise (%)", "remise" },
	{ "Événement", "evenement" },
	{ "Cœur", "coeur" },
	{ "N° commande", "ncommande" },
	{ "Délai (jours)", "delaijours" },
	{ "", "" },
};

START_TEST(test_header_key)
{
	char out[64];
	ck_assert_str_eq(header_key(key_cases[_i].in, out, sizeof out), key_cases[_i].want);
}
END_TEST

/* Odoo's HTML notes as text; plain text is left alone. */
static const struct {
	const char *html, *text;
} html_cases[] = {
	{ "<p>Rappeler <b>lundi</b></p>", "Rappeler lundi" },
	{ "<p>Parc vieillissant</p><p>Veut du recto verso &amp; r&eacute;seau</p>", "Parc vieillissant\nVeut du recto verso & r&eacute;seau" },
	{ "<div>20 postes<br/>d&#39;ici fin 2023&nbsp;!</div>", "20 postes\nd'ici fin 2023 !" },
	{ "  <p></p>", "" },
	{ "Prix < 500 €", NULL },
	{ "a <b>bold</b> word", NULL },
	/* Only real tags are markup: a bare '<' is what the note says. */
	{ "<p>Budget < 5000 EUR</p>", "Budget < 5000 EUR" },
	{ "<p>Budget <5000 EUR, x<y</p><p>suite</p>", "Budget <5000 EUR, x<y\nsuite" },
	{ "<p class=\"a>b\">Texte</p><!-- note -->fin", "Texte\nfin" },
	{ "<5000 EUR>", NULL },
	{ "<p", NULL },
};

START_TEST(test_html)
{
	char *t = html_to_text(html_cases[_i].html);
	if (!html_cases[_i].text)
		ck_assert_ptr_null(t);
	else
		ck_assert_str_eq(t, html_cases[_i].text);
	free(t);
}
END_TEST

Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("text");
	tcase_add_test(tc, test_utf8_valid);
	tcase_add_test(tc, test_cp1252);
	tcase_add_test(tc, test_winansi);
	tcase_add_loop_test(tc, test_header_key, 0, sizeof key_cases / sizeof *key_cases);
	tcase_add_loop_test(tc, test_html, 0, sizeof html_cases / sizeof *html_cases);
	suite_add_tcase(s, tc);
	return s;
}

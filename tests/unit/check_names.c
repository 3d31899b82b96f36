/* names: civilities and capitalisation, table-driven. */
#include <string.h>

#include "names.h"
#include "suites.h"

static const struct {
	const char *in, *want;
} civ[] = {
	{ "M", "M." }, { "M.", "M." }, { "Monsieur", "M." }, { "MONSIEUR", "M." }, { "Mr", "M." },
	{ "Mme", "Mme" }, { "Madame", "Mme" }, { "mlle", "Mme" }, { "Mademoiselle", "Mme" }, { "Mrs", "Mme" },
	{ "Dr", "Dr" },
};

START_TEST(test_civility)
{
	ck_assert_str_eq(civility_normalize(civ[_i].in), civ[_i].want);
}
END_TEST

static const struct {
	const char *in, *want;
} names[] = {
	{ "HUBERT", "Hubert" },
	{ "hubert", "Hubert" },
	{ "MAROUIN", "Marouin" },
	{ "jean-pierre", "Jean-Pierre" },
	{ "LE GALL", "Le Gall" },
	{ "DE LA TOUR", "de la Tour" },
	{ "de la tour", "de la Tour" },
	{ "D'ARTAGNAN", "d'Artagnan" },
	{ "O'NEILL", "O'Neill" },
	{ "VAN DER BERG", "van der Berg" },
	{ "ÉLODIE", "Élodie" },
	{ "ÇA VA", "Ça Va" },
	{ "SAINT-MALO", "Saint-Malo" },
	{ "  vannes  ", "Vannes" },
	{ "DUPONT  DURAND", "Dupont Durand" },
	{ "De", "De" },
	{ "", "" },
};

START_TEST(test_name_case)
{
	char out[128];
	ck_assert_str_eq(name_case(names[_i].in, out, sizeof out), names[_i].want);
}
END_TEST

Suite *names_suite(void)
{
	Suite *s = suite_create("names");
	TCase *tc = tcase_create("names");
	tcase_add_loop_test(tc, test_civility, 0, sizeof civ / sizeof *civ);
	tcase_add_loop_test(tc, test_name_case, 0, sizeof names / sizeof *names);
	suite_add_tcase(s, tc);
	return s;
}

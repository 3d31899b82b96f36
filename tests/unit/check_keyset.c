/* keyset: duplicate detection and growth. */
#include <stdio.h>

#include "keyset.h"
#include "suites.h"

START_TEST(test_keyset)
{
	struct keyset *ks = keyset_new();
	long v = 0;
	ck_assert_int_eq(keyset_add(ks, "PRN-01", 2, NULL), 1);
	ck_assert_int_eq(keyset_add(ks, "PRN-01", 9, &v), 0);
	ck_assert_int_eq(v, 2);
	ck_assert(!keyset_get(ks, "prn-01", NULL)); /* codes are case-sensitive */
	char key[32];
	for (long i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "K%ld", i);
		ck_assert_int_eq(keyset_add(ks, key, i, NULL), 1);
	}
	ck_assert_uint_eq(keyset_count(ks), 100001);
	ck_assert(keyset_get(ks, "K77777", &v));
	ck_assert_int_eq(v, 77777);
	ck_assert(!keyset_get(ks, "K100000", NULL));
	keyset_free(ks);
}
END_TEST

Suite *keyset_suite(void)
{
	Suite *s = suite_create("keyset");
	TCase *tc = tcase_create("keyset");
	tcase_add_test(tc, test_keyset);
	suite_add_tcase(s, tc);
	return s;
}

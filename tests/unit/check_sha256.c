/* sha256: the FIPS 180-4 test vectors. */
#include <string.h>

#include "sha256.h"
#include "suites.h"

static const char *digest(const char *s, size_t n, size_t step)
{
	static char hex[65];
	struct sha256 c;
	sha256_init(&c);
	for (size_t i = 0; i < n; i += step)
		sha256_update(&c, s + i, n - i < step ? n - i : step);
	sha256_hex(&c, hex);
	return hex;
}

START_TEST(test_vectors)
{
	sha256_allow_cpu_extensions(_i); /* 0: portable rounds; 1: the CPU's if any */
	ck_assert_str_eq(digest("", 0, 1), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	ck_assert_str_eq(digest("abc", 3, 1), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *s = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	for (size_t step = 1; step <= 64; step *= 4)
		ck_assert_str_eq(digest(s, strlen(s), step), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	static char million[1000000];
	memset(million, 'a', sizeof million);
	ck_assert_str_eq(digest(million, sizeof million, 1000),
			 "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

Suite *sha256_suite(void)
{
	Suite *s = suite_create("sha256");
	TCase *tc = tcase_create("sha256");
	tcase_add_loop_test(tc, test_vectors, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}

/* pdfzip: libharu's deflate calls, collected and memoised, stay zlib. */
#include <check.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "pdfzip.h"
#include "suites.h"

/* A large, compressible, not quite regular input. */
static unsigned char *sample(size_t n, unsigned seed)
{
	unsigned char *p = malloc(n);
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (unsigned char)("abcdefgh"[(seed >> 16) & 7] + (i % 64 == 0));
	}
	return p;
}

/* Deflates in[0..n) as libharu does: 4 KB in at a time, then Z_FINISH
 * into a small buffer until Z_STREAM_END. Returns the compressed bytes. */
static unsigned char *haru_deflate(const unsigned char *in, size_t n, size_t *out_len)
{
	struct z_stream_s zs;
	memset(&zs, 0, sizeof zs);
	ck_assert_int_eq(deflateInit_(&zs, 6, "1.2.13", (int)sizeof zs), 0);
	unsigned char *out = malloc(n + 1024), buf[1000];
	size_t len = 0;
	for (size_t off = 0; off < n; off += 4096) {
		zs.next_in = in + off;
		zs.avail_in = (unsigned)(n - off < 4096 ? n - off : 4096);
		zs.next_out = buf;
		zs.avail_out = sizeof buf;
		ck_assert_int_eq(deflate(&zs, 0), 0);
		ck_assert_uint_eq(zs.avail_in, 0);
		ck_assert_uint_eq(zs.avail_out, sizeof buf); /* nothing out before the end */
	}
	int rc;
	do {
		zs.next_out = buf;
		zs.avail_out = sizeof buf;
		rc = deflate(&zs, 4);
		ck_assert(rc == 0 || rc == 1);
		memcpy(out + len, buf, sizeof buf - zs.avail_out);
		len += sizeof buf - zs.avail_out;
	} while (rc != 1);
	ck_assert_uint_eq(zs.total_in, n);
	ck_assert_uint_eq(zs.total_out, len);
	ck_assert_int_eq(deflateEnd(&zs), 0);
	*out_len = len;
	return out;
}

/* zlib's own uncompress, which pdfzip does not replace. */
static void assert_inflates_to(const unsigned char *z, size_t zlen, const unsigned char *want, size_t n)
{
	int (*uncompress)(unsigned char *, unsigned long *, const unsigned char *, unsigned long);
	*(void **)&uncompress = dlsym(RTLD_DEFAULT, "uncompress");
	ck_assert_ptr_nonnull(uncompress);
	unsigned long got = n + 16;
	unsigned char *back = malloc(got);
	ck_assert_int_eq(uncompress(back, &got, z, zlen), 0);
	ck_assert_uint_eq(got, n);
	ck_assert(memcmp(back, want, n) == 0);
	free(back);
}

START_TEST(round_trip_small_and_large)
{
	static const size_t sizes[] = { 0, 1, 100, 4096, 4097, 70000 };
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		unsigned char *in = sample(sizes[i], (unsigned)i);
		size_t zlen;
		unsigned char *z = haru_deflate(in, sizes[i], &zlen);
		assert_inflates_to(z, zlen, in, sizes[i]);
		free(z);
		free(in);
	}
}
END_TEST

START_TEST(repeated_stream_comes_from_the_memo)
{
	unsigned char *font = sample(30000, 7), *other = sample(30000, 8);
	struct pdfzip_stats before, after;
	size_t l1, l2, l3;
	pdfzip_stats(&before);
	unsigned char *a = haru_deflate(font, 30000, &l1);
	unsigned char *b = haru_deflate(other, 30000, &l2); /* same size, other bytes */
	unsigned char *c = haru_deflate(font, 30000, &l3);
	pdfzip_stats(&after);
	ck_assert_int_eq(after.streams - before.streams, 3);
	ck_assert_int_eq(after.memo_hits - before.memo_hits, 1);
	/* The memo gives exactly what compressing again would. */
	ck_assert_uint_eq(l1, l3);
	ck_assert(memcmp(a, c, l1) == 0);
	assert_inflates_to(b, l2, other, 30000);
	free(a);
	free(b);
	free(c);
	free(font);
	free(other);
}
END_TEST

/* A stream begun with zlib's own deflateInit2_ goes to zlib's deflate. */
START_TEST(foreign_stream_passes_through)
{
	int (*init2)(struct z_stream_s *, int, int, int, int, int, const char *, int);
	*(void **)&init2 = dlsym(RTLD_DEFAULT, "deflateInit2_");
	ck_assert_ptr_nonnull(init2);
	unsigned char *in = sample(20000, 3), out[30000];
	struct z_stream_s zs;
	memset(&zs, 0, sizeof zs);
	ck_assert_int_eq(init2(&zs, 9, 8, 15, 8, 0, "1.2.13", (int)sizeof zs), 0);
	zs.next_in = in;
	zs.avail_in = 20000;
	zs.next_out = out;
	zs.avail_out = sizeof out;
	ck_assert_int_eq(deflate(&zs, 4), 1);
	size_t zlen = zs.total_out;
	ck_assert_int_eq(deflateEnd(&zs), 0);
	assert_inflates_to(out, zlen, in, 20000);
	free(in);
}
END_TEST

START_TEST(wrong_abi_is_refused)
{
	struct z_stream_s zs;
	memset(&zs, 0, sizeof zs);
	ck_assert_int_eq(deflateInit_(&zs, 6, "1.2.13", (int)sizeof zs - 8), -6);
	ck_assert_int_eq(deflateInit_(&zs, 6, "2.0", (int)sizeof zs), -6);
}
END_TEST

Suite *pdfzip_suite(void)
{
	Suite *s = suite_create("pdfzip");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, round_trip_small_and_large);
	tcase_add_test(tc, repeated_stream_comes_from_the_memo);
	tcase_add_test(tc, foreign_stream_passes_through);
	tcase_add_test(tc, wrong_abi_is_refused);
	suite_add_tcase(s, tc);
	return s;
}

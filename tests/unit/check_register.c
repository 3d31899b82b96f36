/* register: the chain, the torn tail, verify. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "register.h"
#include "sha256.h"
#include "suites.h"

/* A fresh output folder with n invoices registered (no files named). */
static char *day(size_t n)
{
	static char dir[64];
	snprintf(dir, sizeof dir, "/tmp/crmbatch-unit-reg-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	struct doc_register reg;
	struct diag err = { "" };
	ck_assert_int_eq(register_open(&reg, dir, &err), EXIT_OK);
	for (size_t i = 0; i < n; i++) {
		struct reg_entry e;
		char src[32];
		snprintf(src, sizeof src, "SO-%zu#1", i + 1);
		register_prepare(&reg, DOC_INVOICE, src, date_from_ymd(2026, 11, 27), "FAC-{year}-{seq:5}", &e);
		e.partner = strdup("Hubert, \"SARL\"");
		e.currency = strdup("EUR");
		e.payment_state = strdup("not_paid");
		e.issued_by = strdup("mathilde.roux");
		e.file = strdup("");
		e.sha256 = strdup("");
		e.content = strdup("c");
		e.total = (int64_t)(i + 1) * 1000;
		ck_assert_int_eq(register_append(&reg, &e, 1, &err), EXIT_OK);
	}
	register_close(&reg);
	return dir;
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	ck_assert_ptr_nonnull(fp);
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

START_TEST(test_chain)
{
	char *dir = day(3);
	char path[128];
	snprintf(path, sizeof path, "%s/register.csv", dir);
	char *text = slurp(path);
	/* Line 1 chains from 64 zeros and its other fields, as written. */
	char *l1 = strchr(text, '\n') + 1, *end = strchr(l1, '\n');
	char *last = end;
	while (last > l1 && last[-1] != ',')
		last--;
	struct sha256 h;
	char want[65];
	sha256_init(&h);
	sha256_update(&h, "0000000000000000000000000000000000000000000000000000000000000000\n", 65);
	sha256_update(&h, l1, (size_t)(last - 1 - l1));
	sha256_update(&h, "\n", 1);
	sha256_hex(&h, want);
	ck_assert_int_eq((int)(end - last), 64);
	ck_assert_int_eq(strncmp(last, want, 64), 0);
	long lines, files;
	struct diag err = { "" };
	ck_assert_int_eq(register_verify(dir, NULL, &lines, &files, &err), EXIT_OK);
	ck_assert_int_eq(lines, 3);
}
END_TEST

/* Any change to a line breaks its link, and verify names that line. */
START_TEST(test_tamper)
{
	char *dir = day(3);
	char path[128], cmd[256];
	snprintf(path, sizeof path, "%s/register.csv", dir);
	snprintf(cmd, sizeof cmd, "sed -i '3s/,20.00,/,20.01,/' %s", path);
	ck_assert_int_eq(system(cmd), 0);
	long lines, files;
	struct diag err = { "" };
	ck_assert_int_eq(register_verify(dir, NULL, &lines, &files, &err), EXIT_DATAERR);
	ck_assert_msg(strstr(err.msg, "register.csv:3: FAC-2026-00002: chain broken") != NULL, "%s", err.msg);
}
END_TEST

/* A torn last line: verify says so; opening repairs it, and appending
 * goes on from the last whole line's chain. */
START_TEST(test_torn_tail)
{
	char *dir = day(2);
	char path[128];
	snprintf(path, sizeof path, "%s/register.csv", dir);
	FILE *fp = fopen(path, "a");
	fputs("FAC-2026-00003,invoice,SO-3#1,Hub", fp);
	fclose(fp);
	long lines, files;
	struct diag err = { "" };
	ck_assert_int_eq(register_verify(dir, NULL, &lines, &files, &err), EXIT_DATAERR);
	ck_assert_msg(strstr(err.msg, "torn") != NULL, "%s", err.msg);
	struct doc_register reg;
	ck_assert_int_eq(register_open(&reg, dir, &err), EXIT_OK);
	ck_assert_int_eq(reg.n, 2);
	register_close(&reg);
	ck_assert_int_eq(register_verify(dir, NULL, &lines, &files, &err), EXIT_OK);
	ck_assert_int_eq(lines, 2);
}
END_TEST

/* The head a register reached: parsed as a run prints it, reached by the
 * register as it grows, not by one cut short. */
START_TEST(test_head)
{
	struct reg_head h, now;
	ck_assert_int_eq(register_head_parse("2", &h), -1);
	ck_assert_int_eq(register_head_parse(":0000000000000000000000000000000000000000000000000000000000000000", &h), -1);
	ck_assert_int_eq(register_head_parse("2:00000000000000000000000000000000000000000000000000000000000000", &h), -1);
	ck_assert_int_eq(register_head_parse("2:000000000000000000000000000000000000000000000000000000000000000A", &h), -1);
	ck_assert_int_eq(register_head_parse("99999999999:0000000000000000000000000000000000000000000000000000000000000000", &h), -1);
	char *dir = day(2);
	struct doc_register reg;
	struct diag err = { "" };
	ck_assert_int_eq(register_open(&reg, dir, &err), EXIT_OK);
	register_head(&reg, &now);
	register_close(&reg);
	ck_assert_int_eq(now.count, 2);
	char text[128];
	snprintf(text, sizeof text, "%lu:%s", now.count, now.chain);
	ck_assert_int_eq(register_head_parse(text, &h), 0);
	long lines, files;
	ck_assert_int_eq(register_verify(dir, &h, &lines, &files, &err), EXIT_OK);
	h.count = 3;
	ck_assert_int_eq(register_verify(dir, &h, &lines, &files, &err), EXIT_DATAERR);
	ck_assert_msg(strstr(err.msg, "fewer than the head 3:") != NULL, "%s", err.msg);
	h.count = 1;
	ck_assert_int_eq(register_verify(dir, &h, &lines, &files, &err), EXIT_DATAERR);
	ck_assert_msg(strstr(err.msg, "register.csv:2: FAC-2026-00001: its chain is not the head 1:") != NULL, "%s", err.msg);
}
END_TEST

Suite *register_suite(void)
{
	Suite *s = suite_create("register");
	TCase *tc = tcase_create("register");
	tcase_add_test(tc, test_chain);
	tcase_add_test(tc, test_tamper);
	tcase_add_test(tc, test_torn_tail);
	tcase_add_test(tc, test_head);
	suite_add_tcase(s, tc);
	return s;
}

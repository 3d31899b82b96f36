/* Runs every unit suite; exit status non-zero when any test fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suites.h"

const char *write_temp(const char *name, const char *content, size_t len)
{
	static char path[256];
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(path, sizeof path, "%s/crmbatch-unit-%ld-%s", tmp, (long)getpid(), name);
	FILE *fp = fopen(path, "wb");
	if (!fp) {
		perror(path);
		abort();
	}
	fwrite(content, 1, len, fp);
	fclose(fp);
	return path;
}

void put_file(const char *dir, const char *name, const char *content)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	if (!fp) {
		perror(path);
		abort();
	}
	fputs(content, fp);
	fclose(fp);
}

int main(void)
{
	SRunner *sr = srunner_create(money_suite());
	srunner_add_suite(sr, date_suite());
	srunner_add_suite(sr, text_suite());
	srunner_add_suite(sr, csvread_suite());
	srunner_add_suite(sr, keyset_suite());
	srunner_add_suite(sr, config_suite());
	srunner_add_suite(sr, validate_suite());
	srunner_add_suite(sr, pricing_suite());
	srunner_add_suite(sr, sha256_suite());
	srunner_add_suite(sr, names_suite());
	srunner_add_suite(sr, contactinfo_suite());
	srunner_add_suite(sr, leads_suite());
	srunner_add_suite(sr, stock_suite());
	srunner_add_suite(sr, terms_suite());
	srunner_add_suite(sr, pdfzip_suite());
	srunner_add_suite(sr, pdffont_suite());
	srunner_add_suite(sr, register_suite());
	srunner_add_suite(sr, invoice_suite());
	srunner_add_suite(sr, accounting_suite());
	srunner_add_suite(sr, source_suite());
	srunner_add_suite(sr, store_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

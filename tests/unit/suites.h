/* The unit suites, one per module; runner.c runs them all. */
#ifndef CRMBATCH_TEST_SUITES_H
#define CRMBATCH_TEST_SUITES_H

#include <check.h>

Suite *money_suite(void);
Suite *date_suite(void);
Suite *text_suite(void);
Suite *csvread_suite(void);
Suite *keyset_suite(void);
Suite *config_suite(void);
Suite *validate_suite(void);
Suite *pricing_suite(void);
Suite *sha256_suite(void);
Suite *names_suite(void);
Suite *contactinfo_suite(void);
Suite *leads_suite(void);
Suite *stock_suite(void);
Suite *terms_suite(void);
Suite *pdfzip_suite(void);
Suite *pdffont_suite(void);
Suite *register_suite(void);
Suite *invoice_suite(void);
Suite *accounting_suite(void);
Suite *source_suite(void);
Suite *store_suite(void);

/* Writes content to a new temporary file and returns its path (static
 * buffer, valid until the next call). */
const char *write_temp(const char *name, const char *content, size_t len);

/* Writes content into dir/name (a test's input file). */
void put_file(const char *dir, const char *name, const char *content);

#endif

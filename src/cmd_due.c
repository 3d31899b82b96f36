/*
 * crmbatch due [--term NAME_OR_EXPRESSION] [--amount X] DATE: the
 * installments of a payment term for an invoice dated DATE, one line each,
 * "YYYY-MM-DD AMOUNT" (with --amount, the amount with a dot and two
 * decimals; without, the share as written). For checking a term by hand.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "config.h"
#include "date.h"
#include "money.h"
#include "terms.h"

enum exit_code cmd_due(const struct options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "term", required_argument, NULL, 't' },
		{ "amount", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	const char *term = NULL, *amount = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+t:a:", longopts, NULL)) != -1) {
		if (c == 't')
			term = optarg;
		else if (c == 'a')
			amount = optarg;
		else
			goto usage;
	}
	if (optind + 1 != argc)
		goto usage;
	int32_t date;
	if (date_parse(argv[optind], &date) != 0) {
		cli_error("due: not a date '%s' (YYYY-MM-DD)", argv[optind]);
		return EXIT_USAGE;
	}
	int64_t total = 0;
	if (amount && num_parse(amount, SCALE_CENTS, 0, &total) != NUM_OK) {
		cli_error("due: --amount: not an amount '%s'", amount);
		return EXIT_USAGE;
	}

	struct config cfg;
	struct diag err = { "" };
	enum exit_code rc = config_load(&cfg, opts->config_dir, &err);
	if (rc) {
		cli_error("%s", err.msg);
		return rc;
	}
	/* A term's name from the config, else an expression of the grammar. */
	const struct payment_term *named = config_term(&cfg, term ? term : cfg.terms[cfg.default_term].name);
	const char *expr = named ? named->expr : term;
	struct payment_terms t;
	char why[256];
	if (terms_parse(expr, &t, why, sizeof why) != 0) {
		cli_error("due: '%s' is neither a term of %s nor a valid expression: %s", term, cfg.path, why);
		config_release(&cfg);
		return EXIT_USAGE;
	}
	struct installment inst[TERMS_MAX_INSTALLMENTS];
	int n = terms_due_dates(&t, date, total, inst, TERMS_MAX_INSTALLMENTS);
	if (n == TERMS_DATE_RANGE) {
		cli_error("due: the term's due dates from %s fall outside years 1 to 9999", argv[optind]);
		config_release(&cfg);
		return EXIT_USAGE;
	}
	if (n < 0 && amount) {
		cli_error("due: the term's fixed shares exceed %s", amount);
		config_release(&cfg);
		return EXIT_USAGE;
	}
	char d[16], a[32];
	for (size_t i = 0; i < t.n; i++) {
		const struct installment_rule *r = &t.rules[i];
		date_format_iso(terms_apply_steps(r, date), d, sizeof d);
		if (amount)
			printf("%s %s\n", d, num_format_dot(inst[i].amount, SCALE_CENTS, 2, a, sizeof a));
		else if (r->share == SHARE_BALANCE)
			printf("%s balance\n", d);
		else if (r->share == SHARE_PERCENT)
			printf("%s %s%%\n", d, num_format_dot(r->value, SCALE_PERCENT, 0, a, sizeof a));
		else
			printf("%s %s\n", d, num_format_dot(r->value, SCALE_CENTS, 2, a, sizeof a));
	}
	config_release(&cfg);
	return EXIT_OK;
usage:
	cli_error("usage: crmbatch due [--term NAME_OR_EXPRESSION] [--amount X] DATE");
	return EXIT_USAGE;
}

/*
 * crmbatch fec: the FEC of the fiscal year holding --date
 * (<SIREN>FEC<closing date>.txt in the output folder), from the register,
 * the store and the ledgers (accounting.h). The accountant asks for it: billing role.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "accounting.h"
#include "atomic.h"
#include "batch.h"
#include "date.h"
#include "rights.h"

enum exit_code cmd_fec(const struct options *opts, int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		cli_error("fec: no argument expected");
		return EXIT_USAGE;
	}
	struct config cfg;
	struct diag err = { "" };
	const struct user *user;
	enum exit_code rc = config_load(&cfg, opts->config_dir, &err);
	if (rc) {
		cli_error("%s", err.msg);
		return rc;
	}
	int lock = -1;
	struct doc_register reg = { 0 };
	reg.fd = -1;
	struct doc_lines inv, cn;
	struct applied_ledger paid = { 0 };
	struct books bk = { 0 };
	struct doc_store store = { 0 };
	char *name = NULL;
	doclines_init(&inv, DOC_INVOICE, 1, opts->output_dir, "invoice_lines.csv");
	doclines_init(&cn, DOC_CREDIT_NOTE, 1, opts->output_dir, "credit_note_lines.csv");
	int32_t from, to;
	books_fiscal_year(&cfg.accounting, opts->date, &from, &to);
	if (!(rc = rights_acting_user(&cfg, opts->as_user, &user, &err)) && !rights_has(user, ROLE_BILLING))
		rc = diag_set(&err, EXIT_NOPERM, "fec: '%s' lacks the billing role; nothing was written", user->login);
	if (!rc && access(opts->output_dir, F_OK) != 0)
		rc = diag_set(&err, EXIT_NOINPUT, "%s: no output folder (nothing issued yet)", opts->output_dir);
	if (!rc && !(rc = batch_lock_output(opts->output_dir, &lock, &err)) &&
	    !(rc = register_open(&reg, opts->output_dir, &err)) && !(rc = doclines_load(&inv, &reg, &err)) &&
	    !(rc = doclines_load(&cn, &reg, &err)) && !(rc = applied_load(&paid, opts->output_dir, &reg, &err)) &&
	    !(rc = store_open(&store, opts->output_dir, &reg, &err)) &&
	    !(rc = books_build(&bk, &cfg, &reg, &inv, &cn, &paid, &store, from, to, &err)))
		rc = fec_write(&bk, &cfg, opts->output_dir, to, &name, &err);
	if (rc)
		cli_error("%s", err.msg);
	else if (!opts->quiet)
	{
		char end[16];
		fprintf(stderr, "fec: %zu line(s) of the fiscal year ending %s in %s/%s\n", bk.n,
			date_format_iso(to, end, sizeof end), opts->output_dir, name);
	}
	free(name);
	books_release(&bk);
	store_close(&store);
	applied_release(&paid);
	doclines_release(&inv);
	doclines_release(&cn);
	register_close(&reg);
	if (lock >= 0)
		close(lock);
	config_release(&cfg);
	return rc;
}

/*
 * crmbatch fec: the FEC of the fiscal year holding --date
 * (<SIREN>FEC<closing date>.txt in the output folder), from the register,
 * the store and the ledgers (accounting.h). The accountant asks for it: billing role.
 *
 * A year is closed by its FEC: asked once the books hold a run dated after
 * the year's end, the file is written and the register records it (a line
 * of kind fec, the file's SHA-256, chained and checked by verify). From
 * then on the file is the year's books: asked again, it is served as kept
 * (its hash checked), never written again; what arrives later dated in
 * that year is booked in the open one (accounting.h, struct books_closed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accounting.h"
#include "atomic.h"
#include "batch.h"
#include "date.h"
#include "rights.h"
#include "xalloc.h"

/* The closed years of reg, read back from their files. */
static enum exit_code load_closed(struct books_closed *closed, const struct config *cfg,
				  const struct doc_register *reg, const char *dir, struct diag *err)
{
	enum exit_code rc = EXIT_OK;
	for (size_t i = 0; i < reg->n && !rc; i++)
		if (reg->v[i].kind == DOC_FEC) {
			int32_t from, to;
			books_fiscal_year(&cfg->accounting, reg->v[i].issue_date, &from, &to);
			char *file = xasprintf("%s.txt", reg->v[i].number);
			rc = books_closed_add(closed, dir, file, from, to, err);
			free(file);
		}
	return rc;
}

/* The last day the books know of: the latest document issued, or the
 * latest run that applied a payment. */
static int32_t last_day(const struct doc_register *reg, const struct applied_ledger *paid)
{
	int32_t last = DATE_NONE;
	for (size_t i = 0; i < reg->n; i++)
		if (reg->v[i].kind != DOC_FEC && (last == DATE_NONE || reg->v[i].issue_date > last))
			last = reg->v[i].issue_date;
	for (size_t i = 0; i < paid->n; i++)
		if (last == DATE_NONE || paid->v[i].booked > last)
			last = paid->v[i].booked;
	return last;
}

/* A closed year's FEC, served as kept: its hash must be the registered one. */
static enum exit_code serve_closed(const struct reg_doc *kept, const char *dir, char **name, struct diag *err)
{
	static const char hexd[] = "0123456789abcdef";
	char want[65], hex[65];
	for (int i = 0; i < 32; i++) {
		want[2 * i] = hexd[kept->content[i] >> 4];
		want[2 * i + 1] = hexd[kept->content[i] & 15];
	}
	want[64] = '\0';
	*name = xasprintf("%s.txt", kept->number);
	const char *bad = register_file_sha256(dir, DOC_FEC, *name, hex);
	if (bad)
		return diag_set(err, EXIT_DATAERR, "%s/%s: the closed year's FEC is %s: restore it from a backup "
				"(crmbatch does not write a closed year again)", dir, *name, bad);
	if (!kept->fingerprinted || strcmp(hex, want) != 0)
		return diag_set(err, EXIT_DATAERR, "%s/%s: its SHA-256 is not the one registered when the year was "
				"closed: restore it from a backup (crmbatch does not write a closed year again)", dir, *name);
	return EXIT_OK;
}

/* Records the closing of the year ending to: a register line of kind fec. */
static enum exit_code register_closing(struct doc_register *reg, const char *dir, const char *name, int32_t to,
				       const struct user *user, struct diag *err)
{
	char hex[65], iso[16];
	const char *bad = register_file_sha256(dir, DOC_FEC, name, hex);
	if (bad)
		return diag_set(err, EXIT_IOERR, "%s/%s: %s", dir, name, bad);
	struct reg_entry e = {
		.number = xstrndup(name, strlen(name) - 4), .source_ref = xstrdup(date_format_iso(to, iso, sizeof iso)),
		.partner = xstrdup(""), .currency = xstrdup(""), .payment_state = xstrdup(""),
		.issued_by = xstrdup(user->login), .file = xstrdup(name), .sha256 = xstrdup(hex),
		.content = xstrdup(hex), .kind = DOC_FEC, .issue_date = to, .due_date = DATE_NONE,
	};
	enum exit_code rc = register_append(reg, &e, 1, err);
	if (rc)
		reg_entry_release(&e);
	return rc;
}

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
	struct books_closed closed = { 0 };
	const struct reg_doc *kept = NULL;
	int closing = 0;
	char *name = NULL, iso[16];
	doclines_init(&inv, DOC_INVOICE, 1, opts->output_dir, "invoice_lines.csv");
	doclines_init(&cn, DOC_CREDIT_NOTE, 1, opts->output_dir, "credit_note_lines.csv");
	int32_t from, to;
	books_fiscal_year(&cfg.accounting, opts->date, &from, &to);
	date_format_iso(to, iso, sizeof iso);
	if (!(rc = rights_acting_user(&cfg, opts->as_user, &user, &err)) && !rights_has(user, ROLE_BILLING))
		rc = diag_set(&err, EXIT_NOPERM, "fec: '%s' lacks the billing role; nothing was written", user->login);
	if (!rc && access(opts->output_dir, F_OK) != 0)
		rc = diag_set(&err, EXIT_NOINPUT, "%s: no output folder (nothing issued yet)", opts->output_dir);
	if (!rc && !(rc = batch_lock_output(opts->output_dir, &lock, &err)) &&
	    !(rc = register_open(&reg, opts->output_dir, &err)) && (kept = register_latest(&reg, DOC_FEC, iso)))
		rc = serve_closed(kept, opts->output_dir, &name, &err);
	else if (!rc && !(rc = doclines_load(&inv, &reg, &err)) && !(rc = doclines_load(&cn, &reg, &err)) &&
		 !(rc = applied_load(&paid, opts->output_dir, &reg, &err)) &&
		 !(rc = store_open(&store, opts->output_dir, &reg, &err)) &&
		 !(rc = load_closed(&closed, &cfg, &reg, opts->output_dir, &err)) &&
		 !(rc = books_build(&bk, &cfg, &reg, &inv, &cn, &paid, &store, &closed, from, to, &err)) &&
		 !(rc = fec_write(&bk, &cfg, opts->output_dir, to, &name, &err))) {
		/* The books hold a run after the year's end: the year is over,
		 * this file is its books for good. */
		int32_t last = last_day(&reg, &paid);
		closing = last != DATE_NONE && last > to;
		if (closing)
			rc = register_closing(&reg, opts->output_dir, name, to, user, &err);
	}
	if (rc)
		cli_error("%s", err.msg);
	else if (!opts->quiet && kept)
		fprintf(stderr, "fec: the fiscal year ending %s is closed: %s/%s, as registered then\n", iso,
			opts->output_dir, name);
	else if (!opts->quiet && closing) {
		/* The register's head with the closing in it: kept with the
		 * file, it is what verify --head checks the register against. */
		struct reg_head h;
		register_head(&reg, &h);
		fprintf(stderr, "fec: %zu line(s) of the fiscal year ending %s in %s/%s; the year is closed "
			"(register head %lu:%s)\n", bk.n, iso, opts->output_dir, name, h.count, h.chain);
	} else if (!opts->quiet)
		fprintf(stderr, "fec: %zu line(s) of the fiscal year ending %s in %s/%s\n", bk.n, iso,
			opts->output_dir, name);
	free(name);
	books_release(&bk);
	store_close(&store);
	books_closed_release(&closed);
	applied_release(&paid);
	doclines_release(&inv);
	doclines_release(&cn);
	register_close(&reg);
	if (lock >= 0)
		close(lock);
	config_release(&cfg);
	return rc;
}

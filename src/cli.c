/* cli: the table of crmbatch's commands (one cmd_<name>.c each) and the
 * one way they report an error. */
#include "cli.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

const struct command commands[] = {
	{ "check", "[--source SOURCE] [--normalized DIR]", "read and validate every input file, produce no document", cmd_check },
	{ "run", "[--source SOURCE]", "the end-of-day batch: every stage in order", cmd_run },
	{ "leads", "", "business cards into leads (output/leads.csv)", cmd_leads },
	{ "activities", "", "history, agenda and pipeline (history.csv, agenda.csv, pipeline.csv/pdf)", cmd_activities },
	{ "agenda", "[--user LOGIN] [--team NAME]", "print the overdue, today's and planned activities", cmd_agenda },
	{ "quotes", "", "issue quotes and order confirmations (output/quotes, output/orders)", cmd_quotes },
	{ "delivery", "", "delivery slips for what can ship today (output/delivery-slips)", cmd_delivery },
	{ "invoices", "[--draft]", "post the invoices of the day with Factur-X (billing role; --draft: sales role, no number)", cmd_invoices },
	{ "payments", "", "match payments to invoices; receivables.csv (billing role)", cmd_payments },
	{ "stock", "", "stock position, shortfalls and purchase orders (stock.csv, shortfalls.csv, purchase-orders)", cmd_stock },
	{ "due", "[--term T] [--amount X] DATE", "print the installments of a payment term for an invoice date", cmd_due },
	{ "fec", "", "the FEC of the fiscal year holding --date: <SIREN>FEC<closing>.txt (billing role)", cmd_fec },
	{ "verify", "[--head COUNT:HASH]", "check the register's chain, every document's SHA-256 and that it reaches a head a run printed (exit 65 naming the first bad one)", cmd_verify },
	{ "show", "NUMBER", "print a document as the store keeps it and its trail: order, slips, credit notes, payments, reminders, books (exit 65 when the register has no such number)", cmd_show },
	{ NULL, NULL, NULL, NULL },
};

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("crmbatch: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

enum exit_code cli_source(struct options *opts, const char *arg)
{
	if (!*arg) {
		cli_error("--source: empty (a profile's name, native or auto)");
		return EXIT_USAGE;
	}
	opts->source = arg;
	return EXIT_OK;
}

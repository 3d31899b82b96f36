/*
 * dunning: reminders of overdue invoices (relances), and the aged balance.
 *
 * After payments are applied, every invoice still owing past its due date
 * reaches a level of [dunning] after_days (15, 30, 45 by default: level 1,
 * 2, then the last, a formal notice, mise en demeure). A customer gets one
 * reminder (kind reminder, REL-2026-00001) per level that day, listing its
 * invoices at that level: number, date, due date, days late, amount still
 * due (and, partly settled, what was invoiced and received). An invoice
 * goes up one level a run, to the first not yet sent, so that the formal
 * notice never comes first; a letter cites the reminders sent before it.
 * To a business customer: the penalties at [dunning] penalty_rate, on each
 * amount for the days it was late, and the 40 EUR recovery indemnity per
 * invoice (C. com. L441-10, D441-5); to a consumer neither, but from the
 * formal notice on the legal interest at [dunning] consumer_rate (C. civ.
 * 1231-6, 1344-1). Each level goes out once per invoice
 * (output/reminder_lines.csv); a paid or credited invoice gets none.
 *
 * The aged balance (output/aged-balance.pdf) is the receivables per
 * customer in buckets: not due, 1-30, 31-60, 61-90, over 90 days late,
 * the same figures as receivables.csv.
 */
#ifndef CRMBATCH_DUNNING_H
#define CRMBATCH_DUNNING_H

#include "catalog.h"
#include "doclines.h"
#include "issue.h"
#include "payments.h"

struct reminders {
	struct doc_lines lines;    /* output/reminder_lines.csv: invoice, level */
	const struct catalog *cat; /* the customers, for their address */
	struct keyset *by_level;   /* "invoice\tlevel" -> its line in lines, as loaded */
	struct keyset *dates;      /* reminder number -> its issue date, as loaded */
};

void reminders_init(struct reminders *rm, const struct catalog *cat, const char *output_dir);
void reminders_release(struct reminders *rm);
enum exit_code reminders_load(struct reminders *rm, const struct doc_register *reg, struct diag *err);

struct reminder_summary {
	long reminders, invoices, notices;  /* issued; invoices in them; formal notices among them */
	long beyond;                        /* not issued: their sums would exceed MONEY_SUM_MAX */
	const char *beyond_customer;        /* the first of their customers (in ps's receivables) */
};

/* Issues the day's reminders from ps's receivables. */
enum exit_code reminders_issue(struct reminders *rm, struct issuer *is, const struct payments *ps,
			       struct reminder_summary *sum, struct diag *err);

/* Writes output_dir/aged-balance.pdf from ps's receivables, dated date.
 * EXIT_DATAERR, nothing drawn, when they add up beyond MONEY_SUM_MAX. */
enum exit_code aged_balance_write(const struct config *cfg, const struct payments *ps, const char *output_dir,
				  int32_t date, struct diag *err);

#endif

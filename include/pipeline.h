/*
 * pipeline: what the CRM half of the batch hands the sales team each
 * evening — output/leads.csv (one row per lead), output/history.csv (every
 * event of every lead in date order), output/agenda.csv (planned activities:
 * overdue, today, planned), output/pipeline.csv (by stage and by
 * salesperson: leads, expected and prorated revenue, won, lost) and
 * output/pipeline.pdf (a one-page report: a bar chart by stage and a table
 * by salesperson). Lost leads count in `lost` but not in the revenue, as
 * Odoo leaves inactive leads out of the pipeline.
 */
#ifndef CRMBATCH_PIPELINE_H
#define CRMBATCH_PIPELINE_H

#include <stdio.h>

#include "activities.h"
#include "config.h"
#include "leads.h"

/* output/leads.csv: the `leads` stage. */
enum exit_code pipeline_write_leads(const struct config *cfg, const struct leads *ls, const struct activities *as,
				    const char *output_dir, int32_t today, struct diag *err);
/* history.csv, agenda.csv, pipeline.csv and pipeline.pdf: the `activities`
 * stage. EXIT_DATAERR, history and agenda written, when the expected
 * revenues add up beyond MONEY_SUM_MAX (the pipeline is then not written). */
enum exit_code pipeline_write_activities(const struct config *cfg, const struct leads *ls,
					 const struct activities *as, const char *output_dir, int32_t today,
					 struct diag *err);

/* The agenda of one user (or of a team's members, or of all when login
 * and team are NULL) on out: overdue, today and planned activities.
 * Returns the number printed. */
long pipeline_print_agenda(FILE *out, const struct config *cfg, const struct activities *as, int32_t today,
			   const char *login, const struct team *team);

#endif

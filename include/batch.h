/*
 * batch: what every command that reads the day's exports shares — the
 * config, the output folder, the rejects file, the ingestion, and for the
 * commands that issue documents the catalog, the orders, the register and
 * the acting user — and the per-file summary.
 */
#ifndef CRMBATCH_BATCH_H
#define CRMBATCH_BATCH_H

#include <stdio.h>

#include "activities.h"
#include "catalog.h"
#include "cli.h"
#include "config.h"
#include "delivery.h"
#include "dunning.h"
#include "ingest.h"
#include "invoices.h"
#include "leads.h"
#include "orders.h"
#include "payments.h"
#include "register.h"
#include "rejects.h"
#include "stock.h"

enum batch_needs {
	BATCH_VALIDATE = 0,   /* check: rows are read, validated, built into orders and leads, counted */
	BATCH_DOCUMENTS = 1,  /* and kept, priced, and documents can be issued */
};

/* What the stages to be run need kept, beyond what every document command
 * keeps (confirmed orders' lines, which stock allocates): on a large day
 * `crmbatch stock` should not hold a million lines' descriptions, nor
 * leads nobody writes. Rows are read, validated and refused alike either
 * way; only what is kept of them differs. */
enum batch_keep {
	KEEP_LEADS = 1 << 0,         /* the leads built from the cards (always with an activities file) */
	KEEP_OPEN_LINES = 1 << 1,    /* the lines of quotations and cancelled orders */
	KEEP_DESCRIPTIONS = 1 << 2,  /* the lines' own descriptions */
	KEEP_ALL = KEEP_LEADS | KEEP_OPEN_LINES | KEEP_DESCRIPTIONS,
};

struct batch {
	const struct options *opts;
	enum batch_needs needs;
	struct config cfg;
	struct sources sources;    /* the source profiles (built-in and the config's) */
	struct rejects *rejects;
	struct ingest in;
	struct catalog catalog;
	struct orders orders;
	struct leads leads;
	struct activities activities;
	/* BATCH_DOCUMENTS only: */
	struct stock stock;
	struct invoicing invoicing;
	struct deliveries deliveries;
	struct reminders reminders;
	struct payments payments;
	struct doc_register reg;
	const struct user *user;   /* the acting user */
	int lock_fd;               /* output/.lock, held for the whole run */
	long refused_docs;         /* documents a stage could not issue (reported in rejects.csv) */
	long beyond;               /* sums beyond MONEY_SUM_MAX a stage could not state (named on stderr) */
};

/* Loads the config, makes the output folder, opens output/rejects.csv,
 * and for BATCH_DOCUMENTS finds the acting user and opens the register.
 * keep (enum batch_keep) applies to BATCH_DOCUMENTS; check keeps nothing. */
enum exit_code batch_open(struct batch *b, const struct options *opts, enum batch_needs needs, unsigned keep,
			  struct diag *err);
/* Reads and validates every input file, assigns the leads, applies the
 * activities and prices the orders (refusing what they refuse); for
 * BATCH_DOCUMENTS also computes stock and loads what was issued. */
enum exit_code batch_ingest(struct batch *b, struct diag *err);
/* One line per input file: rows read, accepted, rejected. */
void batch_summary(const struct batch *b, FILE *out);

/* Takes output_dir's lock (one run at a time per folder) into *fd, closed
 * to release it; EXIT_TEMPFAIL when another run holds it. */
enum exit_code batch_lock_output(const char *output_dir, int *fd, struct diag *err);

/* Per file read, its source profile and what each header cell was read
 * as (a column of crmbatch, or ignored), every cell listed. */
void batch_mappings(const struct batch *b, FILE *out);
/* For the columns check read as nothing, the lines of a source profile
 * that read them (or list them in ignore), ready to paste. */
void batch_profile_stubs(const struct batch *b, FILE *out);
/* Writes rejects.csv into place and releases b. */
enum exit_code batch_close(struct batch *b, struct diag *err);
/* Releases b, leaving the previous rejects.csv in place. */
void batch_abort(struct batch *b);

#endif

/*
 * issue: how any document comes into being, the same for every kind.
 *
 * A stage hands over jobs (a document with its content fingerprint) in
 * the order they must be numbered. For each, issue either finds the same
 * content already in the register (nothing to do: a re-run issues nothing
 * twice), or numbers it (a new number, or the next revision when the same
 * source's content changed). Worker threads then render the PDFs and write
 * them to temporary files, in parallel, while this thread makes what they
 * wrote durable with one syncfs at a time and renames it into place; only
 * then are the jobs' register lines appended, in order, with one fsync
 * (group commit). Numbering stays in one thread, so numbers are the same
 * whatever the number of workers.
 */
#ifndef CRMBATCH_ISSUE_H
#define CRMBATCH_ISSUE_H

#include <stdint.h>

#include "config.h"
#include "pdfdoc.h"
#include "register.h"
#include "sha256.h"

struct doc_job;

struct issuer {
	const struct config *cfg;
	struct doc_register *reg;
	const char *output_dir;
	const char *user;        /* login recorded as issued_by */
	int32_t date;            /* issue date */
	int workers;             /* render threads (>= 1) */
	long issued, unchanged;  /* counts for the summary */
	/* Called once the batch's PDFs are durable and before the register
	 * names them (a stage's own records, e.g. purchase lines); NULL: none. */
	enum exit_code (*before_append)(void *ctx, const struct doc_job *jobs, size_t n, struct diag *err);
	void *hook_ctx;
};

/* What the register line says beyond the PDF. */
struct issue_info {
	enum doc_kind kind;
	const char *source_ref;
	const char *partner;
	const char *subdir;      /* "quotes" */
	int64_t untaxed, tax, total;
	int32_t due_date;        /* DATE_NONE */
	const char *payment_state;
	char content[65];        /* fingerprint, 64 hex digits */
};

enum issue_result { ISSUED, UNCHANGED };

#define JOB_MAX_TEXTS (DOC_MAX_META + DOC_MAX_NOTES + 8)

/* One document to issue. The stage fills info and doc (doc.number is
 * set here); texts and rows it allocates are kept in the job and freed by
 * job_release. */
struct doc_job {
	struct issue_info info;
	struct document doc;
	char *texts[JOB_MAX_TEXTS];
	size_t ntexts;
	struct doc_row *rows;
	struct totals *totals;   /* the document's totals, when the stage computed them for it (owned) */
	/* Runs in a render thread once the job is numbered and before its PDF
	 * is drawn (an invoice's Factur-X XML needs its number); NULL: none. */
	void (*before_render)(struct doc_job *job, const struct issuer *is);
	void *extra;             /* the stage's own data for before_render */
	/* Set by issue_jobs: */
	enum issue_result result;
	const char *number;      /* valid until the register is closed */
	struct reg_entry entry;
	enum exit_code rc;
	struct diag err;
	char *tmp[2];            /* written, not yet durable: the PDF, its XML */
	unsigned long epoch;     /* when they were written (see issue.c) */
};

/* Keeps s (allocated) with the job; returns it. */
const char *job_keep(struct doc_job *job, char *s);
void job_release(struct doc_job *job);

/* Issues jobs[0..n) in order. Returns the first failure (the jobs before
 * it are issued and registered; none after it is). */
enum exit_code issue_jobs(struct issuer *is, struct doc_job *jobs, size_t n, struct diag *err);

/* Fingerprint helpers: feed fields, then take the hex digest. */
void fingerprint_field(struct sha256 *c, const char *s);
void fingerprint_num(struct sha256 *c, int64_t v);

#endif

/*
 * issue: how any document comes into being, the same for every kind.
 *
 * Given a document's content fingerprint, issue either finds it already in
 * the register (nothing to do: a re-run issues nothing twice), or numbers
 * it (a new number, or the next revision when the same source's content
 * changed), renders the PDF, writes it atomically into its folder, and only
 * then appends its line to the register.
 */
#ifndef CRMBATCH_ISSUE_H
#define CRMBATCH_ISSUE_H

#include <stdint.h>

#include "config.h"
#include "pdfdoc.h"
#include "register.h"
#include "sha256.h"

struct issuer {
	const struct config *cfg;
	struct doc_register *reg;
	const char *output_dir;
	const char *user;        /* login recorded as issued_by */
	int32_t date;            /* issue date */
	long issued, unchanged;  /* counts for the summary */
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
	const char *content;     /* fingerprint, 64 hex digits */
};

enum issue_result { ISSUED, UNCHANGED };

/*
 * Issues doc (its number is filled in here) unless the register already
 * holds this content for this source. *result says which; *number (when
 * not NULL) gets a pointer to the document's number, valid until the
 * register is closed.
 */
enum exit_code issue_document(struct issuer *is, const struct issue_info *info, struct document *doc,
			      enum issue_result *result, const char **number, struct diag *err);

/* Fingerprint helpers: feed fields, then take the hex digest. */
void fingerprint_field(struct sha256 *c, const char *s);
void fingerprint_num(struct sha256 *c, int64_t v);

#endif

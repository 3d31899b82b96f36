/*
 * terms: payment terms and the due dates they give.
 *
 * The grammar of [payment_terms] (pinned; documents and tests rely on it):
 *
 *   term        = installment ( ";" installment )*
 *   installment = share step*
 *   share       = N% | AMOUNT | balance
 *   step        = +N days | -N days | +N months | end of month | day N
 *
 * Steps apply left to right to the invoice date; "+N months" clamps the
 * day (31 Jan +1 months = 28/29 Feb), "day N" clamps to the month's
 * length. Percent shares are rounded to cents on the total with tax; the
 * one balance takes what remains. The invoice is due on its last
 * installment's date.
 */
#ifndef CRMBATCH_TERMS_H
#define CRMBATCH_TERMS_H

#include <stddef.h>
#include <stdint.h>

#define TERMS_MAX_INSTALLMENTS 12
#define TERMS_MAX_STEPS 8

enum share_kind { SHARE_PERCENT, SHARE_AMOUNT, SHARE_BALANCE };
enum step_kind { STEP_DAYS, STEP_MONTHS, STEP_END_OF_MONTH, STEP_DAY };

struct term_step {
	enum step_kind kind;
	int n;
};

struct installment_rule {
	enum share_kind share;
	int64_t value;             /* percent in 1/100 %, amount in cents */
	struct term_step steps[TERMS_MAX_STEPS];
	size_t nsteps;
};

struct payment_terms {
	struct installment_rule rules[TERMS_MAX_INSTALLMENTS];
	size_t n;
};

/* Parses a term expression. Returns 0, or -1 with the reason in why
 * (percent shares over 100 % in all included). */
int terms_parse(const char *expr, struct payment_terms *t, char *why, size_t size);

struct installment {
	int32_t date;
	int64_t amount;            /* cents */
};

/* Why terms_due_dates gave no installments. */
enum terms_error {
	TERMS_EXCEEDS = -1,     /* the fixed amounts and percents exceed the total */
	TERMS_DATE_RANGE = -2,  /* a due date falls outside years 1 to 9999 */
	TERMS_TOO_MANY = -3,    /* more installments than out can take */
};

/*
 * The installments of total (cents, with tax) for an invoice dated date.
 * Returns the number written into out, or an enum terms_error.
 */
int terms_due_dates(const struct payment_terms *t, int32_t date, int64_t total,
		    struct installment *out, size_t max);

/* The date of one installment rule, from date; DATE_NONE when a step
 * leaves years 1 to 9999. */
int32_t terms_apply_steps(const struct installment_rule *r, int32_t date);

#endif

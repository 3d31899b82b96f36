/* terms: parsing payment terms and computing due dates (see include/terms.h). */
#include "terms.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "money.h"

static const char *skip(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Matches a word (case-insensitive) followed by a blank or the end. */
static int word(const char **p, const char *w)
{
	size_t n = strlen(w);
	if (strncasecmp(*p, w, n) != 0 || (*(*p + n) && !isspace((unsigned char)*(*p + n)) && *(*p + n) != ';'))
		return 0;
	*p = skip(*p + n);
	return 1;
}

static int number(const char **p, int *v)
{
	char *end;
	long n = strtol(*p, &end, 10);
	if (end == *p || n < 0 || n > 100000)
		return 0;
	*v = (int)n;
	*p = skip(end);
	return 1;
}

static int parse_step(const char **p, struct term_step *s)
{
	const char *q = *p;
	if (*q == '+' || *q == '-') {
		int sign = *q == '-' ? -1 : 1, n;
		q = skip(q + 1);
		if (!number(&q, &n))
			return -1;
		if (word(&q, "days") || word(&q, "day")) {
			s->kind = STEP_DAYS;
			s->n = sign * n;
		} else if ((word(&q, "months") || word(&q, "month")) && sign > 0) {
			s->kind = STEP_MONTHS;
			s->n = n;
		} else {
			return -1;
		}
		*p = q;
		return 0;
	}
	if (word(&q, "end")) {
		if (!word(&q, "of") || !word(&q, "month"))
			return -1;
		s->kind = STEP_END_OF_MONTH;
		s->n = 0;
		*p = q;
		return 0;
	}
	if (word(&q, "day")) {
		int n;
		if (!number(&q, &n) || n < 1 || n > 31)
			return -1;
		s->kind = STEP_DAY;
		s->n = n;
		*p = q;
		return 0;
	}
	return -1;
}

int terms_parse(const char *expr, struct payment_terms *t, char *why, size_t size)
{
	memset(t, 0, sizeof *t);
	const char *p = skip(expr);
	int balances = 0;
	while (*p) {
		if (t->n == TERMS_MAX_INSTALLMENTS) {
			snprintf(why, size, "more than %d installments", TERMS_MAX_INSTALLMENTS);
			return -1;
		}
		struct installment_rule *r = &t->rules[t->n++];
		/* The share: "balance", "N%" or an amount. */
		if (word(&p, "balance")) {
			r->share = SHARE_BALANCE;
			balances++;
		} else {
			size_t len = strcspn(p, " \t;");
			char tok[64];
			snprintf(tok, sizeof tok, "%.*s", (int)(len < 63 ? len : 63), p);
			if (len && tok[strlen(tok) - 1] == '%') {
				r->share = SHARE_PERCENT;
				if (percent_parse(tok, &r->value) != NUM_OK || r->value <= 0 || r->value > 10000) {
					snprintf(why, size, "'%s' is not a share (N%%, an amount or balance)", tok);
					return -1;
				}
			} else {
				r->share = SHARE_AMOUNT;
				if (num_parse(tok, SCALE_CENTS, 0, &r->value) != NUM_OK || r->value <= 0) {
					snprintf(why, size, "'%s' is not a share (N%%, an amount or balance)", tok);
					return -1;
				}
			}
			p = skip(p + len);
		}
		while (*p && *p != ';') {
			if (r->nsteps == TERMS_MAX_STEPS) {
				snprintf(why, size, "more than %d steps in one installment", TERMS_MAX_STEPS);
				return -1;
			}
			if (parse_step(&p, &r->steps[r->nsteps++]) != 0) {
				snprintf(why, size, "'%.*s' is not a step (+N days, -N days, +N months, end of month, day N)",
					 (int)strcspn(p, ";"), p);
				return -1;
			}
		}
		if (*p == ';')
			p = skip(p + 1);
	}
	if (balances != 1) {
		snprintf(why, size, balances ? "balance appears more than once" : "no balance installment");
		return -1;
	}
	/* The shares must leave the balance something it can be: percents
	 * beyond 100 % would make it negative whatever the total, and fixed
	 * amounts are added up with checked arithmetic. */
	int64_t percent = 0, amount = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct installment_rule *r = &t->rules[i];
		if (r->share == SHARE_PERCENT)
			percent += r->value;
		else if (r->share == SHARE_AMOUNT && add_checked(amount, r->value, &amount) != 0) {
			snprintf(why, size, "the fixed amounts are too large to add up");
			return -1;
		}
	}
	if (percent > 10000) {
		snprintf(why, size, "the shares add up to more than 100 %%");
		return -1;
	}
	return 0;
}

int32_t terms_apply_steps(const struct installment_rule *r, int32_t date)
{
	for (size_t i = 0; i < r->nsteps; i++) {
		const struct term_step *s = &r->steps[i];
		switch (s->kind) {
		case STEP_DAYS: date = date_add_days(date, s->n); break;
		case STEP_MONTHS: date = date_add_months(date, s->n); break;
		case STEP_END_OF_MONTH: date = date_end_of_month(date); break;
		case STEP_DAY: date = date_day_of_month(date, s->n); break;
		}
	}
	return date;
}

int terms_due_dates(const struct payment_terms *t, int32_t date, int64_t total,
		    struct installment *out, size_t max)
{
	if (t->n > max)
		return TERMS_TOO_MANY;
	int64_t given = 0;
	size_t balance = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct installment_rule *r = &t->rules[i];
		if ((out[i].date = terms_apply_steps(r, date)) == DATE_NONE)
			return TERMS_DATE_RANGE;
		if (r->share == SHARE_BALANCE) {
			balance = i;
			continue;
		}
		if (r->share == SHARE_PERCENT)
			div_round((__int128)total * r->value, 10000, &out[i].amount);
		else
			out[i].amount = r->value;
		if (add_checked(given, out[i].amount, &given) != 0)
			return TERMS_EXCEEDS;
	}
	if (given > total && total >= 0)
		return TERMS_EXCEEDS;
	out[balance].amount = total - given;
	return (int)t->n;
}

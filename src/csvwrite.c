/* csvwrite: one CSV field (see include/csvwrite.h). */
#include "csvwrite.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* What a spreadsheet would take for a formula (or, for tab and CR, a
 * cell that starts elsewhere): the characters Odoo's export guards. */
static int formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* "-12.50", "+3", "-0.5": a plain number, which stays as it is. */
static int plain_number(const char *s)
{
	const char *p = s + (*s == '-' || *s == '+');
	int digits = 0, dot = 0;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '.' && !dot)
			dot = 1;
		else
			return 0;
	}
	return digits > 0;
}

int csv_formula_guarded(const char *s)
{
	return s[0] == '\'' && formula_start(s[1]);
}

void csv_write_field(FILE *fp, const char *s, int last)
{
	if (!s)
		s = "";
	/* A cell a spreadsheet would run as a formula gets a leading ' (and
	 * a value that already starts with one keeps it through a round trip:
	 * the reader strips one ' before a formula character). */
	char *guarded = NULL;
	if ((formula_start(s[0]) && !plain_number(s)) || csv_formula_guarded(s))
		s = guarded = xasprintf("'%s", s);
	size_t n = strlen(s);
	if (strpbrk(s, ",\"\r\n") || (n > 0 && (s[0] == ' ' || s[n - 1] == ' ')))
		csv_fwrite(fp, s, n);
	else
		fwrite(s, 1, n, fp);
	fputc(last ? '\n' : ',', fp);
	free(guarded);
}

/* csvwrite: one CSV field (see include/csvwrite.h). */
#include "csvwrite.h"

#include <csv.h>
#include <string.h>

void csv_write_field(FILE *fp, const char *s, int last)
{
	if (!s)
		s = "";
	size_t n = strlen(s);
	if (strpbrk(s, ",\"\r\n") || (n > 0 && (s[0] == ' ' || s[n - 1] == ' ')))
		csv_fwrite(fp, s, n);
	else
		fwrite(s, 1, n, fp);
	fputc(last ? '\n' : ',', fp);
}

/* diag: error messages carried up to main (include/diag.h). */
#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum exit_code diag_set(struct diag *d, enum exit_code code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof d->msg, fmt, ap);
	va_end(ap);
	return code;
}

enum exit_code diag_errno(struct diag *d, enum exit_code code, int errnum, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof d->msg, fmt, ap);
	va_end(ap);
	size_t n = strlen(d->msg);
	snprintf(d->msg + n, sizeof d->msg - n, ": %s",
		 errnum == ENOSPC ? "disk full (no space left on device)" : strerror(errnum));
	return code;
}

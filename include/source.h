/*
 * source: the tools whose exports crmbatch reads as they come (Odoo,
 * Dolibarr, Google Contacts, Outlook), each a profile of the header names
 * it writes for crmbatch's columns.
 *
 * The native profile is crmbatch's own names and the labels a person types
 * (French and English, see schema.c); it is always in force. A tool's
 * profile adds the names that tool writes: its export labels in the
 * languages it exports in, its technical field names and its
 * import-compatible paths. Each input file's profile is detected from its
 * header (the profile that names the most columns native names do not),
 * or forced for every file by --source.
 *
 * Values need no profile: Odoo's quoted floats, datetimes, True/False,
 * formula guard and HTML, Dolibarr's 8-decimal prices and the selection
 * labels of every tool are read the same whatever the file's source.
 */
#ifndef CRMBATCH_SOURCE_H
#define CRMBATCH_SOURCE_H

#include <stddef.h>

#include "schema.h"

enum source {
	SOURCE_AUTO,      /* no --source: each file's profile is detected from its header */
	SOURCE_NATIVE,
	SOURCE_ODOO,
	SOURCE_DOLIBARR,
	SOURCE_GOOGLE,
	SOURCE_OUTLOOK,
	SOURCE_COUNT
};

/* "odoo", "native"... */
const char *source_name(enum source s);

/* The profile called name ("odoo", "Outlook"..., or "auto"); -1 when none is. */
int source_parse(const char *name, enum source *out);

/* "odoo|dolibarr|google|outlook|native", for usage messages. */
const char *source_names(void);

/* The '|'-separated header names source s writes for column col of file f
 * (compared by header_key()), or NULL. The native profile has none of its
 * own here: its names are the schema's. */
const char *source_aliases(enum source s, enum input_file f, size_t col);

#endif

/*
 * source: the tools whose exports crmbatch reads as they come, each a
 * profile read from a file (config/sources/<name>.ini, iniparser): the
 * header labels the tool writes for crmbatch's columns, the columns it
 * writes that carry nothing crmbatch uses, the values of its vocabulary
 * (an order status written 0/1, a boolean "Oui"/"Non") and how it writes
 * dates and decimals. Adding a tool is adding a file, not C.
 *
 * The native names (crmbatch's own and the labels a person types, French
 * and English, see schema.c) are always in force. A file is read with the
 * native names plus one profile at most: the one whose `detect` cells its
 * header holds (see validate.c), or the one --source forces for every
 * file; never with another tool's labels.
 *
 * The built-in profiles ship in the repository's config/sources/ and are
 * found through CRMBATCH_SOURCES_DIR (the checkout's folder for an in-tree
 * build, $(PREFIX)/share/crmbatch/sources once installed); a user's
 * <config dir>/sources/<name>.ini are read after them, and one of the same file
 * name replaces the built-in one.
 */
#ifndef CRMBATCH_SOURCE_H
#define CRMBATCH_SOURCE_H

#include <stddef.h>

#include "date.h"
#include "diag.h"
#include "schema.h"


/* One value of crmbatch's ([FILE.COLUMN] key) and the tool's ways of
 * writing it (the '|'-separated value). */
struct source_value {
	char *ours;
	char *theirs;
};

struct source_profile {
	char *name;                  /* [source] name, else the file's name less ".ini" */
	char *file;                  /* the file's name, "odoo.ini" */
	char *path;                  /* where it was read from */
	char *detect;                /* '|'-separated header labels, NULL when none */
	enum date_order date_order;
	char decimal;                /* '.' or ',', 0 when the profile does not say */
	/* Per input file and column, the '|'-separated labels (NULL: none). */
	char *aliases[IN_FILE_COUNT][MAX_COLUMNS];
	char *ignore[IN_FILE_COUNT]; /* labels of columns carrying nothing crmbatch uses */
	struct source_value *values[IN_FILE_COUNT][MAX_COLUMNS];
	size_t nvalues[IN_FILE_COUNT][MAX_COLUMNS];
};

/* The profiles loaded, sorted by name. */
struct sources {
	struct source_profile *v;
	size_t n;
};

/* Where the built-in profiles are (CRMBATCH_SOURCES_DIR). */
const char *sources_builtin_dir(void);

/*
 * Loads the built-in profiles, then config_dir/sources/<name>.ini (a file of
 * the same name replacing the built-in one). Returns EXIT_CONFIG naming
 * the file (and line, or section and key) of a malformed profile, or a
 * built-in folder that cannot be read. Release with sources_release.
 */
enum exit_code sources_load(struct sources *s, const char *config_dir, struct diag *err);
void sources_release(struct sources *s);

/* The profile called name (its name or its file's, any case), or NULL. */
const struct source_profile *sources_find(const struct sources *s, const char *name);

/* "dolibarr|google|odoo|outlook|native", for usage messages; a new string. */
char *sources_names(const struct sources *s);

/* p's name; "native" for NULL (the native names alone). */
const char *source_name(const struct source_profile *p);

/* The '|'-separated labels profile p writes for column col of file f
 * (compared by header_key()), or NULL. Suppliers are exported as customers
 * are: a column the profile does not give for suppliers is the customers'. */
const char *source_aliases(const struct source_profile *p, enum input_file f, size_t col);

/* crmbatch's value for the value s the tool wrote in column col of file f
 * ([FILE.COLUMN] sections), or NULL when the profile maps none. */
const char *source_value(const struct source_profile *p, enum input_file f, size_t col, const char *s);

/* Does the '|'-separated list hold a label whose header_key() is key? */
int source_list_has(const char *list, const char *key);

#endif

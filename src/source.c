/*
 * source: the profiles of the tools whose exports crmbatch reads, loaded
 * from their files (see include/source.h and README "Input files").
 *
 * A profile file is checked whole when it is loaded: a section or a key
 * that names nothing crmbatch knows is an error naming the file, section
 * and key, as a bad crmbatch.ini is, so that a typing mistake never turns
 * into a column silently left unread.
 */
#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "xalloc.h"

#ifndef CRMBATCH_SOURCES_DIR
#define CRMBATCH_SOURCES_DIR "config/sources"
#endif

const char *sources_builtin_dir(void)
{
	return CRMBATCH_SOURCES_DIR;
}

/* iniparser reports syntax errors (with the line) through this hook; the
 * first is kept. */
static char ini_error[512];
static int ini_error_hook(const char *fmt, ...)
{
	if (ini_error[0])
		return 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ini_error, sizeof ini_error, fmt, ap);
	va_end(ap);
	/* "iniparser: syntax error in F (12):\n-> text\n": one line. */
	for (char *p = ini_error; *p; p++)
		if (*p == '\n')
			*p = ' ';
	size_t n = strlen(ini_error);
	while (n > 0 && (ini_error[n - 1] == ' ' || ini_error[n - 1] == '.'))
		ini_error[--n] = '\0';
	return 0;
}

int source_list_has(const char *list, const char *key)
{
	char buf[256], norm[128];
	while (list && *list) {
		const char *bar = strchr(list, '|');
		size_t n = bar ? (size_t)(bar - list) : strlen(list);
		if (n < sizeof buf) {
			memcpy(buf, list, n);
			buf[n] = '\0';
			if (strcmp(key, header_key(buf, norm, sizeof norm)) == 0)
				return 1;
		}
		list = bar ? bar + 1 : NULL;
	}
	return 0;
}

static void profile_free(struct source_profile *p)
{
	free(p->name);
	free(p->file);
	free(p->path);
	free(p->detect);
	for (int f = 0; f < IN_FILE_COUNT; f++) {
		free(p->ignore[f]);
		for (int c = 0; c < MAX_COLUMNS; c++) {
			free(p->aliases[f][c]);
			for (size_t i = 0; i < p->nvalues[f][c]; i++) {
				free(p->values[f][c][i].ours);
				free(p->values[f][c][i].theirs);
			}
			free(p->values[f][c]);
		}
	}
	memset(p, 0, sizeof *p);
}

/* The input file a section names ("order_lines"), or IN_FILE_COUNT. */
static enum input_file file_named(const char *s, size_t n)
{
	for (int f = 0; f < IN_FILE_COUNT; f++) {
		const char *name = schema_get((enum input_file)f)->filename;
		if (strlen(name) == n + 4 && strncmp(name, s, n) == 0)
			return (enum input_file)f;
	}
	return IN_FILE_COUNT;
}

/* The column of file f called name, or -1. */
static int column_named(enum input_file f, const char *name)
{
	const struct file_schema *fs = schema_get(f);
	for (size_t c = 0; c < fs->ncols; c++)
		if (strcmp(fs->cols[c].name, name) == 0)
			return (int)c;
	return -1;
}

/* The columns of file f, for an error message. */
static void columns_of(enum input_file f, char *out, size_t size)
{
	const struct file_schema *fs = schema_get(f);
	out[0] = '\0';
	for (size_t c = 0; c < fs->ncols; c++) {
		size_t n = strlen(out);
		snprintf(out + n, size - n, "%s%s", c ? " " : "", fs->cols[c].name);
	}
}

/* A key as the profile file spells it: iniparser lower-cases keys, but a
 * value crmbatch keeps as text (a civility, "M.") must keep its capitals.
 * Finds the key's line in section sec of the file; key when none. */
static char *key_as_written(const char *path, const char *sec, const char *key)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return xstrdup(key);
	char line[1100], cur[256] = "";
	char *found = NULL;
	while (!found && fgets(line, sizeof line, fp)) {
		char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '[') {
			char *end = strchr(s, ']');
			size_t n = end ? (size_t)(end - s - 1) : 0;
			if (n >= sizeof cur)
				n = sizeof cur - 1;
			for (size_t i = 0; i < n; i++)
				cur[i] = (char)(s[1 + i] >= 'A' && s[1 + i] <= 'Z' ? s[1 + i] + 32 : s[1 + i]);
			cur[n] = '\0';
			continue;
		}
		char *eq = strchr(s, '=');
		if (!eq || strcmp(cur, sec) != 0)
			continue;
		char *e = eq;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if ((size_t)(e - s) == strlen(key) && strncasecmp(s, key, (size_t)(e - s)) == 0)
			found = xasprintf("%.*s", (int)(e - s), s);
	}
	fclose(fp);
	return found ? found : xstrdup(key);
}

/* Checks a value section's key (crmbatch's value) for column c of f. */
static int value_known(enum input_file f, int c, const char *ours)
{
	const struct column_spec *cs = &schema_get(f)->cols[c];
	char key[128];
	header_key(ours, key, sizeof key);
	if (cs->type == COL_ENUM) {
		for (size_t i = 0; cs->enum_values[i]; i++) {
			size_t w = strcspn(cs->enum_values[i], "|");
			if (strlen(key) == w && strncmp(key, cs->enum_values[i], w) == 0)
				return 1;
		}
		return 0;
	}
	if (cs->type == COL_BOOL)
		return strcmp(key, "true") == 0 || strcmp(key, "false") == 0;
	return cs->type == COL_TEXT;
}

static enum exit_code bad(struct diag *err, const char *path, const char *sec, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static enum exit_code bad(struct diag *err, const char *path, const char *sec, const char *key, const char *fmt, ...)
{
	char why[640];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	if (key)
		return diag_set(err, EXIT_CONFIG, "%s: [%s] %s: %s", path, sec, key, why);
	return diag_set(err, EXIT_CONFIG, "%s: [%s]: %s", path, sec, why);
}

static enum exit_code load_section(dictionary *ini, struct source_profile *p, const char *sec, struct diag *err)
{
	int n = iniparser_getsecnkeys(ini, sec);
	const char **keys = xcalloc(n > 0 ? (size_t)n : 1, sizeof *keys);
	if (n > 0)
		iniparser_getseckeys(ini, sec, keys);
	enum exit_code rc = EXIT_OK;
	const char *dot = strchr(sec, '.');
	enum input_file f = file_named(sec, dot ? (size_t)(dot - sec) : strlen(sec));
	int col = -1;
	if (strcmp(sec, "source") != 0 && f == IN_FILE_COUNT) {
		rc = bad(err, p->path, sec, NULL,
			 "not a section of a profile ([source], an input file: suppliers, customers, products, "
			 "contacts, activities, order_lines, payments, receipts, or a value section FILE.COLUMN)");
		goto out;
	}
	if (dot && (col = column_named(f, dot + 1)) < 0) {
		char cols[640];
		columns_of(f, cols, sizeof cols);
		rc = bad(err, p->path, sec, NULL, "%s has no column '%s' (its columns: %s)",
			 schema_get(f)->filename, dot + 1, cols);
		goto out;
	}
	if (dot) {
		const struct column_spec *cs = &schema_get(f)->cols[col];
		if (cs->type != COL_ENUM && cs->type != COL_BOOL && cs->type != COL_TEXT) {
			rc = bad(err, p->path, sec, NULL, "column %s is a number or a date: its values need no mapping",
				 cs->name);
			goto out;
		}
	}
	for (int i = 0; i < n && !rc; i++) {
		const char *key = strchr(keys[i], ':') + 1;
		const char *val = iniparser_getstring(ini, keys[i], "");
		if (strcmp(sec, "source") == 0) {
			if (strcmp(key, "name") == 0) {
				if (!*val || str_ieq(val, "auto") || str_ieq(val, "native") || strchr(val, '|'))
					rc = bad(err, p->path, sec, key, "'%s' cannot name a profile", val);
				else {
					free(p->name);
					p->name = xstrdup(val);
				}
			} else if (strcmp(key, "detect") == 0) {
				free(p->detect);
				p->detect = *val ? xstrdup(val) : NULL;
			} else if (strcmp(key, "date_format") == 0) {
				char k[32];
				header_key(val, k, sizeof k);
				if (strcmp(k, "dmy") == 0)
					p->date_order = DATE_DMY;
				else if (strcmp(k, "mdy") == 0)
					p->date_order = DATE_MDY;
				else if (strcmp(k, "ymd") == 0)
					p->date_order = DATE_YMD;
				else
					rc = bad(err, p->path, sec, key, "'%s' is not d/m/y, m/d/y or y-m-d", val);
			} else if (strcmp(key, "decimal") == 0) {
				if (strcmp(val, ".") == 0 || strcmp(val, ",") == 0)
					p->decimal = val[0];
				else
					rc = bad(err, p->path, sec, key, "'%s' is not . or ,", val);
			} else {
				rc = bad(err, p->path, sec, key, "not a key of [source] (name, detect, date_format, decimal)");
			}
		} else if (dot) {
			if (!value_known(f, col, key)) {
				const struct column_spec *cs = &schema_get(f)->cols[col];
				char allowed[256] = "";
				for (size_t v = 0; cs->type == COL_ENUM && cs->enum_values[v]; v++) {
					size_t u = strlen(allowed), w = strcspn(cs->enum_values[v], "|");
					snprintf(allowed + u, sizeof allowed - u, "%s%.*s", v ? ", " : "", (int)w,
						 cs->enum_values[v]);
				}
				rc = bad(err, p->path, sec, key, "not a value of %s (expected %s)", cs->name,
					 cs->type == COL_BOOL ? "true or false" : allowed);
				break;
			}
			size_t m = p->nvalues[f][col]++;
			p->values[f][col] = xrealloc(p->values[f][col], (m + 1) * sizeof *p->values[f][col]);
			p->values[f][col][m].ours = schema_get(f)->cols[col].type == COL_TEXT
							    ? key_as_written(p->path, sec, key)
							    : xstrdup(key);
			p->values[f][col][m].theirs = xstrdup(val);
		} else if (strcmp(key, "ignore") == 0) {
			free(p->ignore[f]);
			p->ignore[f] = xstrdup(val);
		} else if ((col = column_named(f, key)) >= 0) {
			free(p->aliases[f][col]);
			p->aliases[f][col] = *val ? xstrdup(val) : NULL;
		} else {
			char cols[640];
			columns_of(f, cols, sizeof cols);
			rc = bad(err, p->path, sec, key, "not a column of %s (its columns: %s; or ignore)",
				 schema_get(f)->filename, cols);
		}
	}
out:
	free(keys);
	return rc;
}

/* iniparser's "iniparser: syntax error in F (12): -> text" as
 * "F:12: syntax error: 'text'". */
static enum exit_code ini_failure(const char *path, struct diag *err)
{
	const char *open = strstr(ini_error, " (");
	char *end = NULL;
	long line = open ? strtol(open + 2, &end, 10) : 0;
	if (!ini_error[0])
		return diag_set(err, EXIT_CONFIG, "%s: cannot be read or parsed (a UTF-8 BOM, or a line over 1024 characters?)",
				path);
	if (line <= 0 || !end || *end != ')')
		return diag_set(err, EXIT_CONFIG, "%s: %s", path, ini_error);
	const char *what = strstr(ini_error, "iniparser: ");
	what = what ? what + strlen("iniparser: ") : ini_error;
	int wlen = (int)(strstr(what, " in ") ? (size_t)(strstr(what, " in ") - what) : strlen(what));
	const char *text = strstr(end, "-> ");
	if (text)
		return diag_set(err, EXIT_CONFIG, "%s:%ld: %.*s: '%s'", path, line, wlen, what, text + 3);
	return diag_set(err, EXIT_CONFIG, "%s:%ld: %.*s", path, line, wlen, what);
}

static enum exit_code profile_load(struct source_profile *p, const char *dir, const char *file, struct diag *err)
{
	memset(p, 0, sizeof *p);
	p->path = xasprintf("%s/%s", dir, file);
	p->file = xstrdup(file);
	p->name = xasprintf("%.*s", (int)(strlen(file) - 4), file);
	ini_error[0] = '\0';
	iniparser_set_error_callback(ini_error_hook);
	dictionary *ini = iniparser_load(p->path);
	iniparser_set_error_callback(NULL);
	if (!ini)
		return ini_failure(p->path, err);
	enum exit_code rc = EXIT_OK;
	int nsec = iniparser_getnsec(ini);
	for (int i = 0; i < nsec && !rc; i++)
		rc = load_section(ini, p, iniparser_getsecname(ini, i), err);
	if (!rc && iniparser_getsecnkeys(ini, "") > 0)
		rc = diag_set(err, EXIT_CONFIG, "%s: a key before any section", p->path);
	iniparser_freedict(ini);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.ini files of dir, sorted (a missing folder has none: *n = -1). */
static char **ini_files(const char *dir, int *n)
{
	DIR *d = opendir(dir);
	*n = -1;
	if (!d)
		return NULL;
	char **v = NULL;
	size_t cnt = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len <= 4 || e->d_name[0] == '.' || strcmp(e->d_name + len - 4, ".ini") != 0)
			continue;
		if (cnt == cap) {
			cap = xgrow(cap, 8);
			v = xrealloc(v, cap * sizeof *v);
		}
		v[cnt++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (cnt)
		qsort(v, cnt, sizeof *v, by_name);
	*n = (int)cnt;
	return v;
}

static void free_files(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int profile_by_name(const void *a, const void *b)
{
	const struct source_profile *x = a, *y = b;
	return strcmp(x->name, y->name);
}

enum exit_code sources_load(struct sources *s, const char *config_dir, struct diag *err)
{
	memset(s, 0, sizeof *s);
	const char *builtin = sources_builtin_dir();
	char *user = xasprintf("%s/sources", config_dir);
	int nb, nu;
	char **bf = ini_files(builtin, &nb), **uf = ini_files(user, &nu);
	enum exit_code rc = EXIT_OK;
	if (nb < 0)
		rc = diag_errno(err, EXIT_CONFIG, errno, "%s: the built-in source profiles cannot be read", builtin);
	size_t cap = (size_t)(nb > 0 ? nb : 0) + (size_t)(nu > 0 ? nu : 0);
	s->v = xcalloc(cap ? cap : 1, sizeof *s->v);
	for (int i = 0; i < nb && !rc; i++) {
		/* A user's file of the same name replaces this one. */
		int replaced = 0;
		for (int j = 0; j < nu && !replaced; j++)
			replaced = strcmp(bf[i], uf[j]) == 0;
		if (!replaced && (rc = profile_load(&s->v[s->n++], builtin, bf[i], err)))
			break;
	}
	for (int j = 0; j < nu && !rc; j++)
		rc = profile_load(&s->v[s->n++], user, uf[j], err);
	free_files(bf, nb);
	free_files(uf, nu);
	free(user);
	if (!rc && s->n)
		qsort(s->v, s->n, sizeof *s->v, profile_by_name);
	for (size_t i = 1; i < s->n && !rc; i++)
		if (str_ieq(s->v[i - 1].name, s->v[i].name))
			rc = diag_set(err, EXIT_CONFIG, "%s: [source] name: '%s' is also the name of %s", s->v[i].path,
				      s->v[i].name, s->v[i - 1].path);
	if (rc)
		sources_release(s);
	return rc;
}

void sources_release(struct sources *s)
{
	for (size_t i = 0; i < s->n; i++)
		profile_free(&s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

const struct source_profile *sources_find(const struct sources *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (str_ieq(name, s->v[i].name))
			return &s->v[i];
	for (size_t i = 0; i < s->n; i++) {
		size_t n = strlen(s->v[i].file) - 4;
		if (strlen(name) == n && strncasecmp(name, s->v[i].file, n) == 0)
			return &s->v[i];
	}
	return NULL;
}

char *sources_names(const struct sources *s)
{
	char *names = xstrdup("");
	for (size_t i = 0; i < s->n; i++) {
		char *more = xasprintf("%s%s|", names, s->v[i].name);
		free(names);
		names = more;
	}
	char *all = xasprintf("%snative", names);
	free(names);
	return all;
}

const char *source_name(const struct source_profile *p)
{
	return p ? p->name : "native";
}

const char *source_aliases(const struct source_profile *p, enum input_file f, size_t col)
{
	if (!p || col >= MAX_COLUMNS)
		return NULL;
	if (p->aliases[f][col])
		return p->aliases[f][col];
	return f == IN_SUPPLIERS ? p->aliases[IN_CUSTOMERS][col] : NULL;
}

/* s trimmed into out when it is a whole number with an optional sign. */
static int code_of(const char *s, char *out, size_t size)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	size_t i = s[0] == '-' || s[0] == '+';
	if (n <= i || n >= size || strspn(s + i, "0123456789") != n - i)
		return 0;
	memcpy(out, s, n);
	out[n] = '\0';
	return 1;
}

/* Does the '|'-separated list hold the code (each item trimmed)? */
static int codes_have(const char *list, const char *code)
{
	char item[32];
	while (list && *list) {
		const char *bar = strchr(list, '|');
		size_t n = bar ? (size_t)(bar - list) : strlen(list);
		char buf[32];
		if (n < sizeof buf) {
			memcpy(buf, list, n);
			buf[n] = '\0';
			if (code_of(buf, item, sizeof item) && strcmp(item, code) == 0)
				return 1;
		}
		list = bar ? bar + 1 : NULL;
	}
	return 0;
}

const char *source_value(const struct source_profile *p, enum input_file f, size_t col, const char *s)
{
	if (!p || col >= MAX_COLUMNS)
		return NULL;
	size_t n = p->nvalues[f][col];
	if (!n && f == IN_SUPPLIERS) {
		f = IN_CUSTOMERS;
		n = p->nvalues[f][col];
	}
	if (!n)
		return NULL;
	/* A code ("-1", "0") is compared as written: header_key() would drop
	 * its sign. A word, by header_key(). */
	char code[32];
	if (code_of(s, code, sizeof code)) {
		for (size_t i = 0; i < n; i++)
			if (codes_have(p->values[f][col][i].theirs, code))
				return p->values[f][col][i].ours;
		return NULL;
	}
	char key[128];
	header_key(s, key, sizeof key);
	for (size_t i = 0; i < n; i++)
		if (source_list_has(p->values[f][col][i].theirs, key))
			return p->values[f][col][i].ours;
	return NULL;
}

/*
 * validate: typed parsing and batch checks of input rows
 * (see include/validate.h). The per-file rules at the bottom are the only
 * place that knows what a product or a payment must satisfy.
 */
#include "validate.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "legalid.h"
#include "money.h"
#include "source.h"
#include "text.h"
#include "xalloc.h"

void validator_init(struct validator *v, const struct config *cfg, struct rejects *rj)
{
	memset(v, 0, sizeof *v);
	v->cfg = cfg;
	v->rejects = rj;
	for (int f = 0; f < IN_FILE_COUNT; f++)
		v->keys[f] = keyset_new();
}

void validator_release(struct validator *v)
{
	for (int f = 0; f < IN_FILE_COUNT; f++) {
		keyset_free(v->keys[f]);
		struct name_index *ni = &v->names[f];
		free(ni->code);
		free(ni->also);
		free(ni->ident);
		free(ni->nmore);
		free(ni->queue);
		keyset_free(ni->by_name);
		strpool_release(&ni->strings);
	}
	for (int c = 0; c < MAX_COLUMNS; c++) {
		free(v->order_cells[c]);
		free(v->plain[c]);
	}
	free(v->joined);
}

/* Records that name designates key (names compare as text_name_key has
 * them: any case and accents, in any script, whole); a name given to two
 * keys remembers them, so that using it is an error naming them, unless
 * both rows are one (the same ident: two cards of one person, which the
 * leads stage merges into the first's lead). */
static void name_index(struct name_index *ni, const char *name, const char *key, const char *ident)
{
	char *k = text_name_key(name);
	if (!*k) {
		free(k);
		return;
	}
	if (!ni->by_name)
		ni->by_name = keyset_new();
	long i;
	if (keyset_get(ni->by_name, k, &i)) {
		free(k);
		if (strcmp(ni->code[i], key) == 0 || (ident && ni->ident[i] && str_ieq(ident, ni->ident[i])))
			return;
		/* The first other key is named, the rest counted: 100,000 cards
		 * called "Jean Hubert" must not build a quadratic list. */
		if (!ni->also[i]) {
			ni->also[i] = key;
		} else if (strcmp(ni->also[i], key) != 0) {
			if (ni->nmore == NULL)
				ni->nmore = xcalloc(ni->cap, sizeof *ni->nmore);
			ni->nmore[i]++;
		}
		return;
	}
	if (ni->n == ni->cap) {
		ni->cap = xgrow(ni->cap, 64);
		ni->code = xrealloc(ni->code, ni->cap * sizeof *ni->code);
		ni->also = xrealloc(ni->also, ni->cap * sizeof *ni->also);
		ni->ident = xrealloc(ni->ident, ni->cap * sizeof *ni->ident);
		if (ni->nmore) {
			ni->nmore = xrealloc(ni->nmore, ni->cap * sizeof *ni->nmore);
			memset(ni->nmore + ni->n, 0, (ni->cap - ni->n) * sizeof *ni->nmore);
		}
	}
	ni->code[ni->n] = key;
	ni->also[ni->n] = NULL;
	ni->ident[ni->n] = ident;
	keyset_add(ni->by_name, k, (long)ni->n++, NULL);
	free(k);
}

/* Queues that name designates key, the row ident (NULL: none) is (see
 * struct name_index). */
static void name_add(struct name_index *ni, const char *name, const char *key, const char *ident)
{
	if (!name || !*name)
		return;
	if (ni->nqueue + 3 > ni->capqueue) {
		ni->capqueue = xgrow(ni->capqueue, 256);
		ni->queue = xrealloc(ni->queue, ni->capqueue * sizeof *ni->queue);
	}
	/* A row's names share its key and ident. */
	int same_row = ni->nqueue && strcmp(ni->queue[ni->nqueue - 3], key) == 0;
	const char *prev_ident = same_row ? ni->queue[ni->nqueue - 1] : NULL;
	const char *k = same_row ? ni->queue[ni->nqueue - 3] : strpool_add(&ni->strings, key);
	const char *id = !ident ? NULL : prev_ident && strcmp(prev_ident, ident) == 0 ? prev_ident
									 : strpool_add(&ni->strings, ident);
	ni->queue[ni->nqueue++] = k;
	ni->queue[ni->nqueue++] = strpool_add(&ni->strings, name);
	ni->queue[ni->nqueue++] = id;
}

/* The key a name designates: its index, or -1. */
static long name_find(struct name_index *ni, const char *name)
{
	for (; ni->indexed < ni->nqueue; ni->indexed += 3)
		name_index(ni, ni->queue[ni->indexed + 1], ni->queue[ni->indexed], ni->queue[ni->indexed + 2]);
	if (!ni->by_name)
		return -1;
	char *k = text_name_key(name);
	long i;
	int found = *k && keyset_get(ni->by_name, k, &i);
	free(k);
	return found ? i : -1;
}

/* Does key (a header_key) equal one of the '|'-separated names in list? */
static int in_list(const char *key, const char *list, int normalise)
{
	char buf[128], norm[128];
	while (list && *list) {
		const char *bar = strchr(list, '|');
		size_t n = bar ? (size_t)(bar - list) : strlen(list);
		if (n < sizeof buf) {
			memcpy(buf, list, n);
			buf[n] = '\0';
			if (strcmp(key, normalise ? header_key(buf, norm, sizeof norm) : buf) == 0)
				return 1;
		}
		list = bar ? bar + 1 : NULL;
	}
	return 0;
}

/* Can a header cell (its header_key) be column c of fs, read with the
 * native names and profile p (NULL: the native names alone)? */
static int names_col(const struct file_schema *fs, size_t c, const char *key, const struct source_profile *p)
{
	return in_list(key, fs->cols[c].name, 1) || in_list(key, fs->cols[c].aliases, 1) ||
	       in_list(key, source_aliases(p, fs->id, c), 1);
}

/* Odoo's export of orders with their lines names the lines' columns
 * "Order Lines/Product" (in French "Lignes de commande/Produit", in the
 * import-compatible export "order_line/product_id/id"): the part after the
 * prefix names a line's column, an unprefixed cell an order's. Returns
 * the rest of key after the prefix, or NULL. */
static const char *line_part(const char *key)
{
	static const char *const prefixes[] = { "orderlines", "orderline", "lignesdecommande", NULL };
	for (int i = 0; prefixes[i]; i++)
		if (strncmp(key, prefixes[i], strlen(prefixes[i])) == 0 && key[strlen(prefixes[i])])
			return key + strlen(prefixes[i]);
	return NULL;
}

static int order_cell(size_t c);

/* May the cell named key be column c, given the file's shape? */
static int cell_fits(const struct header_map *map, size_t c, const char **key)
{
	if (!map->one_to_many)
		return 1;
	const char *rest = line_part(*key);
	if (rest) {
		if (order_cell(c))
			return 0;
		*key = rest;
		return 1;
	}
	return order_cell(c);
}

/* Is key a column's own name in crmbatch ("first_name")? */
static int native_named(const struct file_schema *fs, const char *key)
{
	for (size_t c = 0; c < fs->ncols; c++)
		if (in_list(key, fs->cols[c].name, 1))
			return 1;
	return 0;
}

/* How many cells of the header profile p's detect labels name. A cell
 * that is a column's own name in crmbatch is no sign of a tool: Salesforce's API names
 * "FirstName", "LastName" are "first_name", "last_name" as header_key()
 * compares them, and a file of crmbatch's own columns is no Salesforce
 * export. */
static int detect_held(const struct source_profile *p, const struct file_schema *fs, char (*keys)[128], size_t n)
{
	int held = 0;
	for (size_t i = 0; p->detect && i < n; i++)
		held += keys[i][0] && source_list_has(p->detect, keys[i]) && !native_named(fs, keys[i]);
	return held;
}

/* How many cells of the header profile p's own labels name. */
static int profile_named(const struct source_profile *p, const struct file_schema *fs, char (*keys)[128], size_t n)
{
	int named = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rest = fs->id == IN_ORDER_LINES ? line_part(keys[i]) : NULL;
		const char *k = rest ? rest : keys[i];
		for (size_t c = 0; c < fs->ncols && *k; c++)
			if (in_list(k, source_aliases(p, fs->id, c), 1)) {
				named++;
				break;
			}
	}
	return named;
}

/* The profile whose detect cells the header holds the most of (two at
 * least, or its one); on a tie the one whose labels name more of its
 * cells, then the first by name. NULL (native) when no profile claims the
 * header. */
static const struct source_profile *detect_source(const struct sources *all, const struct file_schema *fs,
						  const struct csv_row *header)
{
	char (*keys)[128] = xmalloc((header->n ? header->n : 1) * sizeof *keys);
	for (size_t i = 0; i < header->n; i++)
		header_key(header->field[i], keys[i], sizeof keys[i]);
	const struct source_profile *best = NULL;
	int best_held = 0, best_named = 0;
	for (size_t s = 0; all && s < all->n; s++) {
		const struct source_profile *p = &all->v[s];
		/* Two cells at least (one when the profile lists one): a label
		 * two tools share ("E-mail Address") claims no file alone. */
		int held = detect_held(p, fs, keys, header->n);
		if (held < (strchr(p->detect ? p->detect : "", '|') ? 2 : 1) || held < best_held)
			continue;
		int named = profile_named(p, fs, keys, header->n);
		if (held > best_held || named > best_named) {
			best = p;
			best_held = held;
			best_named = named;
		}
	}
	free(keys);
	return best;
}

int header_cells_named(const struct validator *v, const struct file_schema *fs, const struct csv_row *row)
{
	char key[128];
	int named = 0;
	const struct sources *all = v->sources;
	for (size_t i = 0; i < row->n; i++) {
		const char *k = header_key(row->field[i], key, sizeof key);
		if (!*k)
			continue;
		const char *rest = fs->id == IN_ORDER_LINES ? line_part(k) : NULL;
		if (rest)
			k = rest;
		int hit = 0;
		for (size_t c = 0; c < fs->ncols && !hit; c++) {
			hit = names_col(fs, c, k, NULL);
			for (size_t s = 0; all && s < all->n && !hit; s++)
				hit = in_list(k, source_aliases(&all->v[s], fs->id, c), 1);
		}
		named += hit;
	}
	return named;
}

int header_map_build(struct header_map *map, const struct file_schema *fs, const struct csv_row *header,
		     const char *path, struct validator *v)
{
	char key[128], *unknown = xstrdup("");
	map->nfields = header->n;
	map->col_of_field = xmalloc((header->n ? header->n : 1) * sizeof *map->col_of_field);
	map->one_to_many = 0;
	for (size_t c = 0; c < MAX_COLUMNS; c++)
		map->field_of_col[c] = -1;
	if (fs->id == IN_ORDER_LINES)
		for (size_t i = 0; i < header->n && !map->one_to_many; i++)
			map->one_to_many = line_part(header_key(header->field[i], key, sizeof key)) != NULL;
	map->detected = !v->forced;
	map->source = v->forced ? v->forced_profile : detect_source(v->sources, fs, header);
	const char *ignore = map->source ? map->source->ignore[fs->id] : NULL;
	if (!ignore && map->source && fs->id == IN_SUPPLIERS)
		ignore = map->source->ignore[IN_CUSTOMERS];

	for (size_t i = 0; i < header->n; i++) {
		map->col_of_field[i] = -1;
		header_key(header->field[i], key, sizeof key);
		if (!*key)
			continue; /* an unnamed column (Excel's trailing ;) */
		/* The first column this name can be that is not taken yet: a
		 * second "Titre" (Outlook in French) is the job title, an
		 * Odoo payment's "Reference" its invoice once "Number" is the
		 * payment's own reference. */
		size_t c, taken = fs->ncols;
		/* An order's own "name" (Odoo's sale.order, exported with its
		 * lines) is its reference; a line's "name" is its description. */
		int order_name = map->one_to_many && strcmp(key, "name") == 0 && map->field_of_col[OL_ORDER_REF] < 0;
		for (c = order_name ? OL_ORDER_REF : 0; c < fs->ncols && !order_name; c++) {
			const char *k = key;
			if (cell_fits(map, c, &k) && names_col(fs, c, k, map->source)) {
				if (map->field_of_col[c] < 0)
					break;
				if (taken == fs->ncols)
					taken = c;
			}
		}
		if (c == fs->ncols && taken != fs->ncols)
			c = taken; /* every column it can be is taken: the warning below */
		if (c == fs->ncols && in_list(key, ignore, 1)) {
			map->col_of_field[i] = HEADER_IGNORED; /* the profile knows it carries nothing we use */
			continue;
		}
		if (c == fs->ncols) {
			/* Every one of them is named: no list is cut. */
			char *more = xasprintf("%s%s%s", unknown, *unknown ? ", " : "", header->field[i]);
			free(unknown);
			unknown = more;
			continue;
		}
		if (map->field_of_col[c] >= 0) {
			char why[256];
			snprintf(why, sizeof why, "column %d is also %s; this one is ignored",
				 map->field_of_col[c] + 1, fs->cols[c].name);
			struct reject r = { path, header->line[i], (int)i + 1, fs->cols[c].name,
					    header->field[i], SEV_WARNING, why, NULL };
			rejects_add(v->rejects, &r);
			continue;
		}
		map->field_of_col[c] = (int)i;
		map->col_of_field[i] = (int)c;
	}
	if (*unknown) {
		struct reject r = { path, header->first_line, 0, NULL, unknown, SEV_WARNING,
				    "unknown columns ignored", NULL };
		rejects_add(v->rejects, &r);
	}
	free(unknown);

	int missing = 0, one_of_cols = 0, one_of_found = 0;
	char names[256] = "";
	for (size_t c = 0; c < fs->ncols; c++) {
		const struct column_spec *cs = &fs->cols[c];
		if (cs->flags & COL_ONE_OF) {
			size_t n = strlen(names);
			snprintf(names + n, sizeof names - n, "%s%s", one_of_cols++ ? " or " : "", cs->name);
			one_of_found |= map->field_of_col[c] >= 0;
		}
		if ((cs->flags & COL_REQUIRED) && map->field_of_col[c] < 0) {
			struct reject r = { path, header->first_line, 0, cs->name, NULL, SEV_ERROR,
					    "required column missing: the file is skipped", NULL };
			rejects_add(v->rejects, &r);
			missing = 1;
		}
	}
	if (one_of_cols && !one_of_found) {
		char why[320];
		snprintf(why, sizeof why, "a column %s is required: the file is skipped", names);
		struct reject r = { path, header->first_line, 0, NULL, NULL, SEV_ERROR, why, NULL };
		rejects_add(v->rejects, &r);
		missing = 1;
	}
	return missing ? -1 : 0;
}

void header_map_release(struct header_map *map)
{
	free(map->col_of_field);
	map->col_of_field = NULL;
}

int parse_bool(const char *s)
{
	char key[32];
	header_key(s, key, sizeof key);
	/* As tools write them: Oui/Non, Yes/No, 1/0, True/False (and t/f,
	 * PostgreSQL's), x for a ticked cell, on/off, an activity's state. */
	if (in_list(key, "1|yes|y|oui|o|true|vrai|t|x|on|checked|coche|done|fait|realise|termine|completed|complete", 0))
		return 1;
	if (in_list(key, "0|no|n|non|false|faux|f|off|unchecked|planned|todo|planifie|afaire|open|ouvert|pending|enattente", 0))
		return 0;
	return -1;
}

/* Reporting context for one row. */
struct row_ctx {
	struct validator *v;
	const struct file_schema *fs;
	const struct csv_row *row;
	const struct header_map *map;
	const char *path;
	struct record *rec;
	int errors;
	/* Columns already in error (a required value missing, a bad number):
	 * no rule runs on them, so a problem is reported once, and a rule
	 * never reads a value that is not there. */
	unsigned char bad[MAX_COLUMNS];
};

static void report(struct row_ctx *x, int col, enum severity sev, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void report(struct row_ctx *x, int col, enum severity sev, const char *fmt, ...)
{
	char why[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	int f = col >= 0 ? x->map->field_of_col[col] : -1;
	if (f >= 0 && (size_t)f >= x->row->n)
		f = -1; /* a short row: the column is not on it */
	struct reject r = {
		x->path,
		f >= 0 ? x->row->line[f] : x->row->first_line,
		f >= 0 ? f + 1 : 0,
		col >= 0 ? x->fs->cols[col].name : NULL,
		f >= 0 && x->row->len[f] ? x->row->field[f] : NULL,
		sev, why, NULL
	};
	rejects_add(x->v->rejects, &r);
	if (sev == SEV_ERROR) {
		x->errors++;
		if (col >= 0)
			x->bad[col] = 1;
	}
}

/* Is there a sound value in column col for a rule to look at? */
static int usable(const struct row_ctx *x, int col)
{
	return x->rec->text[col] && !x->bad[col];
}

/* A number as the profile's tool writes it: with decimal ',' a lone '.'
 * separates thousands ("1.234" is 1234), with decimal '.' a lone ','
 * does. Other forms are num_parse's own (the last of ',' and '.' is the
 * decimal mark). Returns s, or buf holding the number rewritten. */
static const char *number_in_profile(const char *s, char decimal, char *buf, size_t size)
{
	char thousands = decimal == ',' ? '.' : decimal == '.' ? ',' : 0;
	if (!thousands || !strchr(s, thousands) || strchr(s, decimal) || strlen(s) >= size)
		return s;
	size_t n = 0;
	for (const char *p = s; *p; p++)
		if (*p != thousands)
			buf[n++] = *p;
	buf[n] = '\0';
	return buf;
}

static void parse_field(struct row_ctx *x, size_t c, const char *s)
{
	const struct column_spec *cs = &x->fs->cols[c];
	int64_t v = 0;
	enum num_status st = NUM_OK;
	int32_t d;
	char key[128], num[128];
	const struct source_profile *p = x->map->source;
	if (p && p->decimal && cs->type != COL_TEXT && cs->type != COL_DATE)
		s = number_in_profile(s, p->decimal, num, sizeof num);

	switch (cs->type) {
	case COL_TEXT:
		return;
	case COL_INT:
		st = num_parse(s, 0, 0, &v);
		break;
	case COL_QTY:
		st = num_parse(s, SCALE_QTY, 0, &v);
		break;
	case COL_PRICE:
		st = num_parse(s, SCALE_PRICE, 0, &v);
		break;
	case COL_MONEY:
		st = num_parse(s, SCALE_CENTS, 0, &v);
		break;
	case COL_PERCENT:
		st = percent_parse(s, &v);
		break;
	case COL_DATE: {
		enum date_order order = p ? p->date_order : DATE_DMY;
		if (date_read(s, order, &d) != 0) {
			const char *want = order == DATE_MDY ? "YYYY-MM-DD, MM/DD/YYYY or Nov 20, 2026, as its profile says"
					   : "YYYY-MM-DD, DD/MM/YYYY or 20 Nov 2026";
			/* A card is a person met, whatever its date says: it is
			 * kept, the date as written going to the lead's notes
			 * (card.c); num says there is no date. */
			if (x->fs->id == IN_CONTACTS) {
				report(x, (int)c, SEV_WARNING, "not a date (%s): kept in the lead's notes", want);
				x->rec->num[c] = DATE_NONE;
				return;
			}
			report(x, (int)c, SEV_ERROR, "not a date (%s)", want);
			return;
		}
		x->rec->num[c] = d;
		return;
	}
	case COL_BOOL:
		if ((v = parse_bool(s)) < 0) {
			report(x, (int)c, SEV_ERROR, "not yes or no");
			return;
		}
		x->rec->num[c] = v;
		return;
	case COL_ENUM:
		header_key(s, key, sizeof key);
		for (size_t i = 0; cs->enum_values[i]; i++)
			if (in_list(key, cs->enum_values[i], 0)) {
				x->rec->num[c] = (int64_t)i;
				return;
			}
		{
			char allowed[256] = "";
			for (size_t i = 0; cs->enum_values[i]; i++) {
				size_t n = strlen(allowed), w = strcspn(cs->enum_values[i], "|");
				snprintf(allowed + n, sizeof allowed - n, "%s%.*s", i ? ", " : "", (int)w, cs->enum_values[i]);
			}
			report(x, (int)c, SEV_ERROR, "unknown value (expected %s)", allowed);
		}
		return;
	}
	if (st != NUM_OK) {
		if (st == NUM_DECIMALS)
			report(x, (int)c, SEV_ERROR, "too many decimals (at most %d)",
			       cs->type == COL_QTY ? SCALE_QTY : cs->type == COL_PRICE ? SCALE_PRICE : cs->type == COL_MONEY ? SCALE_CENTS : 0);
		else
			report(x, (int)c, SEV_ERROR, "%s", num_status_reason(st));
		return;
	}
	/* A quantity beyond a billion units is no stock a firm holds: a named
	 * limit, so that sums over a day's lines stay exact (stock.c adds
	 * them with checked arithmetic all the same). */
	if (cs->type == COL_QTY && (v > QTY_LIMIT || v < -QTY_LIMIT))
		report(x, (int)c, SEV_ERROR, "a quantity must lie between -1000000000 and 1000000000");
	else if ((cs->flags & COL_POSITIVE) && v <= 0)
		report(x, (int)c, SEV_ERROR, "must be greater than 0");
	else if ((cs->flags & COL_NONNEG) && v < 0)
		report(x, (int)c, SEV_ERROR, "must not be negative");
	else if ((cs->flags & COL_MAX100) && v > 100 * 100)
		report(x, (int)c, SEV_ERROR, "must not exceed 100 %%");
	else if (cs->type == COL_INT && cs->max && v > cs->max)
		report(x, (int)c, SEV_ERROR, "must not exceed %lld", (long long)cs->max);
	x->rec->num[c] = v;
}

/* --- references and per-file rules ----------------------------------- */

/* The display names an accepted row is known by, for exports that hold
 * names (Odoo's user-friendly export: "Hubert", "Imprimante laser..."). */
static void index_names(struct validator *v, enum input_file f, const struct record *r, const char *key)
{
	switch (f) {
	case IN_PRODUCTS:
		name_add(&v->names[f], r->text[PR_NAME], key, NULL);
		name_add(&v->names[f], r->text[PR_XID], key, NULL);
		break;
	case IN_CUSTOMERS:
		name_add(&v->names[f], r->text[SP_NAME], key, NULL);
		name_add(&v->names[f], r->text[SP_XID], key, NULL);
		break;
	case IN_CONTACTS: {
		/* Two cards with one e-mail are one person (leads.c merges them). */
		const char *id = r->text[CT_EMAIL];
		const char *first = r->text[CT_FIRST_NAME] ? r->text[CT_FIRST_NAME] : "";
		const char *last = r->text[CT_LAST_NAME] ? r->text[CT_LAST_NAME] : "";
		name_add(&v->names[f], r->text[CT_COMPANY], key, id);
		/* The person in either order ("Sophie Marouin", "MAROUIN Sophie"),
		 * and as Odoo displays a company's contact: "Company, Person". */
		char *who = xasprintf("%s %s", first, last), *ohw = xasprintf("%s %s", last, first);
		name_add(&v->names[f], who, key, id);
		name_add(&v->names[f], ohw, key, id);
		if (r->text[CT_COMPANY] && (*first || *last)) {
			char *both = xasprintf("%s, %s", r->text[CT_COMPANY], who);
			name_add(&v->names[f], both, key, id);
			free(both);
			both = xasprintf("%s, %s", r->text[CT_COMPANY], ohw);
			name_add(&v->names[f], both, key, id);
			free(both);
		}
		free(who);
		free(ohw);
		/* Odoo names a lead by its opportunity ("Renouveler ses 20 imprimantes"). */
		name_add(&v->names[f], r->text[CT_INTEREST], key, id);
		break;
	}
	default:
		break;
	}
}

/* Is the reference in column col a key of file f? Only asked of usable
 * columns. */
static int known(struct row_ctx *x, enum input_file f, int col)
{
	return keyset_get(x->v->keys[f], x->rec->text[col], NULL);
}

/* Reports an unknown reference in column col to file f (or f2, when not
 * IN_FILE_COUNT); an absent or already faulty value is left alone. */
static void need_ref(struct row_ctx *x, int col, enum input_file f, enum input_file f2, const char *why)
{
	if (usable(x, col) && !known(x, f, col) && (f2 == IN_FILE_COUNT || !known(x, f2, col)))
		report(x, col, SEV_ERROR, "%s", why);
}

/*
 * A reference as an export holds it, resolved to the key crmbatch uses:
 * "[PRN-LASER-01] Imprimante..." (Odoo's display name of a product) to
 * its code, a display name ("Hubert", "Mathilde Roux", "VAT 20%") to the
 * one row, user or tax it names. An ambiguous name is an error naming the
 * candidates, never a guess. The record's text then points at the key.
 */
static void resolve_by_name(struct row_ctx *x, int col, enum input_file f, enum input_file f2, const char *what)
{
	if (!usable(x, col) || known(x, f, col) || (f2 != IN_FILE_COUNT && known(x, f2, col)))
		return;
	const char *s = x->rec->text[col];
	if (s[0] == '[' && strchr(s, ']') && strchr(s, ']') > s + 1) {
		/* "[CODE] Name": the code, cut out in place (the row is ours). */
		char *code = (char *)s;
		size_t n = (size_t)(strchr(s, ']') - s - 1);
		memmove(code, s + 1, n);
		code[n] = '\0';
		return;
	}
	/* Every file is asked: a name both a customer and a card have is
	 * ambiguous too, never the first file's by chance. */
	enum input_file files[2] = { f, f2 };
	const char *found = NULL, *other = NULL;
	long more = 0;
	for (int k = 0; k < 2 && files[k] != IN_FILE_COUNT; k++) {
		struct name_index *ni = &x->v->names[files[k]];
		long i = name_find(ni, s);
		if (i < 0)
			continue;
		const char *keys[2] = { ni->code[i], ni->also[i] };
		for (int j = 0; j < 2 && keys[j]; j++) {
			if (!found)
				found = keys[j];
			else if (!other)
				other = keys[j];
			else
				more++;
		}
		more += ni->nmore ? ni->nmore[i] : 0;
	}
	if (other) {
		char tail[64] = "";
		if (more)
			snprintf(tail, sizeof tail, " and %ld more", more);
		report(x, col, SEV_ERROR, "ambiguous %s name: %s, %s%s", what, found, other, tail);
		return;
	}
	if (found)
		x->rec->text[col] = found;
}

/* The login of the user the config names name, or NULL. */

/* A user by login, else by the name or e-mail the config gives it. */
static void need_user(struct row_ctx *x, int col)
{
	if (!usable(x, col) || config_user(x->v->cfg, x->rec->text[col]))
		return;
	const struct config *cfg = x->v->cfg;
	const struct user *u = config_user_named(cfg, x->rec->text[col]);
	if (u) {
		x->rec->text[col] = u->login;
		return;
	}
	report(x, col, SEV_ERROR, "unknown user (no [user %s] in %s, nor a user of that name or e-mail)",
	       x->rec->text[col], cfg->path);
}

/* A tax by name, else by the rate its label carries ("VAT 20%", "TVA 20 %",
 * "20.0"): the one standard, tax-excluded tax of that rate. */
static void need_tax(struct row_ctx *x, int col)
{
	if (!usable(x, col) || config_tax(x->v->cfg, x->rec->text[col]))
		return;
	const struct config *cfg = x->v->cfg;
	const char *s = x->rec->text[col];
	const char *digit = strpbrk(s, "0123456789");
	int64_t rate;
	char buf[64];
	if (digit) {
		size_t n = strspn(digit, "0123456789.,");
		snprintf(buf, sizeof buf, "%.*s", (int)(n < 60 ? n : 60), digit);
	}
	if (digit && num_parse(buf, SCALE_PERCENT, 1, &rate) == NUM_OK) {
		const struct tax *found = NULL;
		char names[512] = "";
		int count = 0;
		for (size_t i = 0; i < cfg->ntaxes; i++) {
			const struct tax *t = &cfg->taxes[i];
			if (t->rate != rate || t->included || (t->category != VAT_STANDARD && rate != 0))
				continue;
			found = t;
			size_t u = strlen(names);
			snprintf(names + u, sizeof names - u, "%s%s", count++ ? ", " : "", t->name);
		}
		if (count == 1) {
			x->rec->text[col] = found->name;
			return;
		}
		if (count > 1) {
			report(x, col, SEV_ERROR, "ambiguous tax: %s", names);
			return;
		}
	}
	report(x, col, SEV_ERROR, "unknown tax (not in [taxes] of %s, nor a rate of one)", cfg->path);
}

static void need_term(struct row_ctx *x, int col)
{
	if (usable(x, col) && !config_term(x->v->cfg, x->rec->text[col]))
		report(x, col, SEV_ERROR, "unknown payment term (not in [payment_terms] of %s)", x->v->cfg->path);
}

/* SIREN (9 digits) or SIRET (14), spaces allowed, with their Luhn key. */
static void check_siren(struct row_ctx *x, int col)
{
	char siren[10];
	if (usable(x, col) && legalid_siren(x->rec->text[col], siren, NULL) != 0)
		report(x, col, SEV_ERROR, "not a valid SIREN or SIRET (9 or 14 digits with their key)");
}

/* An intra-EU VAT number: two letters then 2 to 13 letters or digits. */
static void check_vat(struct row_ctx *x, int col)
{
	char vat[16];
	if (usable(x, col) && legalid_vat(x->rec->text[col], vat, sizeof vat) != 0)
		report(x, col, SEV_ERROR, "not a VAT number (country code then 2 to 13 characters, e.g. FR12345678901)");
}

/* A row known in its tool only by its external id ("__export__.res_partner_41_...",
 * Odoo's import-compatible export) has it for code. */
static void code_or_xid(struct row_ctx *x, int code, int xid)
{
	if (!x->rec->text[code] && x->rec->text[xid])
		x->rec->text[code] = x->rec->text[xid];
	if (!x->rec->text[code])
		report(x, code, SEV_ERROR, "required value missing");
}

/* A delivery address (columns first .. first + 4: name, street, zip,
 * city, country) that says anything says at least its city: a name or a
 * street alone is no address to print or to send (BG-15). */
_Static_assert(SP_DELIVERY_CITY == SP_DELIVERY_NAME + 3 && SP_DELIVERY_COUNTRY == SP_DELIVERY_NAME + 4 &&
		       OL_DELIVERY_CITY == OL_DELIVERY_NAME + 3 && OL_DELIVERY_COUNTRY == OL_DELIVERY_NAME + 4,
	       "a delivery address's columns are name, street, zip, city, country, in that order");
static void check_delivery(struct row_ctx *x, int first)
{
	const int city = first + 3;
	int any = 0;
	for (int c = first; c < first + 5; c++)
		any |= x->rec->text[c] != NULL;
	if (any && !x->rec->text[city] && !x->bad[city])
		report(x, city, SEV_ERROR, "a delivery address needs its city (delivery_city)");
}

static void rules_partner(struct row_ctx *x)
{
	code_or_xid(x, SP_CODE, SP_XID);
	check_siren(x, SP_SIREN);
	check_vat(x, SP_VAT);
	need_term(x, SP_TERM);
	if (x->fs->id == IN_CUSTOMERS)
		check_delivery(x, SP_DELIVERY_NAME);
}

static void rules_product(struct row_ctx *x)
{
	struct record *r = x->rec;
	code_or_xid(x, PR_CODE, PR_XID);
	need_tax(x, PR_TAX);
	need_ref(x, PR_SUPPLIER, IN_SUPPLIERS, IN_FILE_COUNT, "unknown supplier (not in suppliers.csv)");
	if (usable(x, PR_REORDER_MIN) && usable(x, PR_REORDER_MAX) && r->num[PR_REORDER_MAX] < r->num[PR_REORDER_MIN])
		report(x, PR_REORDER_MAX, SEV_ERROR, "reorder_max is below reorder_min");
	if (!r->text[PR_INVOICE_POLICY])
		r->num[PR_INVOICE_POLICY] = POLICY_DELIVERED; /* Odoo's default for stocked goods */
	if (!r->text[PR_ROUTE])
		r->num[PR_ROUTE] = ROUTE_STOCK;
}

/* Does s hold a letter or a digit (any non-ASCII byte counts as one)? A
 * name of punctuation alone ("-", ".") is normalised away: no name. */
static int has_word(const char *s)
{
	for (; s && *s; s++)
		if (isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

static void rules_contact(struct row_ctx *x)
{
	struct record *r = x->rec;
	check_siren(x, CT_SIREN);
	check_vat(x, CT_VAT);
	if (!has_word(r->text[CT_FIRST_NAME]) && !has_word(r->text[CT_LAST_NAME]) && !has_word(r->text[CT_COMPANY]))
		report(x, -1, SEV_ERROR, "a card needs a person's name or a company");
	if (usable(x, CT_SALESPERSON) && !config_user(x->v->cfg, r->text[CT_SALESPERSON])) {
		const struct user *u = config_user_named(x->v->cfg, r->text[CT_SALESPERSON]);
		if (u)
			r->text[CT_SALESPERSON] = u->login;
		else
			report(x, CT_SALESPERSON, SEV_WARNING,
			       "salesperson not a user of the config (no login, name or e-mail of a [user] section): "
			       "the lead keeps its owner as written");
	}
}

static void rules_activity(struct row_ctx *x)
{
	struct record *r = x->rec;
	if (!r->text[AC_LEAD] && r->text[AC_LEAD_NAME] && !x->bad[AC_LEAD_NAME]) {
		/* By its name, as Odoo's "Document Name" holds it. */
		resolve_by_name(x, AC_LEAD_NAME, IN_CONTACTS, IN_FILE_COUNT, "lead");
		need_ref(x, AC_LEAD_NAME, IN_CONTACTS, IN_FILE_COUNT,
			 "unknown lead (no card in contacts.csv has this opportunity, company or name)");
		r->text[AC_LEAD] = r->text[AC_LEAD_NAME];
		r->column[AC_LEAD] = r->column[AC_LEAD_NAME];
	} else if (!r->text[AC_LEAD]) {
		report(x, AC_LEAD, SEV_ERROR, "required value missing");
	} else {
		need_ref(x, AC_LEAD, IN_CONTACTS, IN_FILE_COUNT, "unknown lead (no such card_id in contacts.csv)");
	}
	if (!r->text[AC_DATE] && r->text[AC_DUE_DATE] && !x->bad[AC_DUE_DATE]) {
		/* A planned activity, dated by when it is due (Odoo's mail.activity). */
		r->text[AC_DATE] = r->text[AC_DUE_DATE];
		r->num[AC_DATE] = r->num[AC_DUE_DATE];
	} else if (!r->text[AC_DATE] && !x->bad[AC_DUE_DATE]) {
		report(x, AC_DATE, SEV_ERROR, "required value missing (an activity needs a date or a due date)");
	}
	if (r->text[AC_NOTE] && r->text[AC_SUMMARY] && strcmp(r->text[AC_NOTE], r->text[AC_SUMMARY]) != 0) {
		char *both = xasprintf("%s — %s", r->text[AC_SUMMARY], r->text[AC_NOTE]);
		free(x->v->joined);
		x->v->joined = both;
		r->text[AC_SUMMARY] = both;
	} else if (r->text[AC_NOTE]) {
		r->text[AC_SUMMARY] = r->text[AC_NOTE];
	}
	need_user(x, AC_USER);
	if (usable(x, AC_TYPE) && r->num[AC_TYPE] == ACT_STAGE && !x->bad[AC_STAGE]) {
		if (!r->text[AC_STAGE])
			report(x, AC_STAGE, SEV_ERROR, "a stage change needs the new stage");
		else if (!config_stage(x->v->cfg, r->text[AC_STAGE]))
			report(x, AC_STAGE, SEV_ERROR, "unknown stage (not in [stages] of %s)", x->v->cfg->path);
	}
	if (!r->text[AC_DONE])
		r->num[AC_DONE] = r->text[AC_DUE_DATE] ? 0 : 1; /* an activity with a due date is planned */
}

static void rules_order_line(struct row_ctx *x)
{
	struct record *r = x->rec;
	resolve_by_name(x, OL_PRODUCT, IN_PRODUCTS, IN_FILE_COUNT, "product");
	resolve_by_name(x, OL_CUSTOMER, IN_CUSTOMERS, IN_CONTACTS, "customer");
	need_ref(x, OL_PRODUCT, IN_PRODUCTS, IN_FILE_COUNT, "unknown product (not in products.csv)");
	need_ref(x, OL_CUSTOMER, IN_CUSTOMERS, IN_CONTACTS,
		 "unknown customer (neither a code of customers.csv nor a card_id of contacts.csv)");
	need_ref(x, OL_LEAD, IN_CONTACTS, IN_FILE_COUNT, "unknown lead (no such card_id in contacts.csv)");
	need_user(x, OL_SALESPERSON);
	need_tax(x, OL_TAX);
	need_term(x, OL_PAYMENT_TERM);
	check_delivery(x, OL_DELIVERY_NAME);
	if (!r->text[OL_STATE])
		r->num[OL_STATE] = ORDER_QUOTATION;
}

static void rules_payment(struct row_ctx *x)
{
	struct record *r = x->rec;
	if (!r->text[PA_INVOICE] && !r->text[PA_CUSTOMER])
		report(x, -1, SEV_ERROR, "a payment needs an invoice number or a customer");
	if (usable(x, PA_AMOUNT) && r->num[PA_AMOUNT] == 0)
		report(x, PA_AMOUNT, SEV_ERROR, "a payment of nothing (a refund is a negative amount)");
	resolve_by_name(x, PA_CUSTOMER, IN_CUSTOMERS, IN_CONTACTS, "customer");
	need_ref(x, PA_CUSTOMER, IN_CUSTOMERS, IN_CONTACTS,
		 "unknown customer (neither a code of customers.csv nor a card_id of contacts.csv)");
}

/* The references a row will look up, so their slots load while the
 * fields are parsed: the lookups into large key indexes are what a large
 * file's validation waits for. */
static void prefetch_ref(struct row_ctx *x, int col, enum input_file f)
{
	int i = x->map->field_of_col[col];
	if (i >= 0 && (size_t)i < x->row->n)
		keyset_prefetch(x->v->keys[f], x->row->field[i]);
}

static void prefetch_refs(struct row_ctx *x)
{
	switch (x->fs->id) {
	case IN_ORDER_LINES:
		prefetch_ref(x, OL_PRODUCT, IN_PRODUCTS);
		prefetch_ref(x, OL_CUSTOMER, IN_CUSTOMERS);
		break;
	case IN_ACTIVITIES:
		prefetch_ref(x, AC_LEAD, IN_CONTACTS);
		break;
	default:
		break;
	}
}

static void rules_receipt(struct row_ctx *x)
{
	need_ref(x, RC_PRODUCT, IN_PRODUCTS, IN_FILE_COUNT, "unknown product (not in products.csv)");
}

static void (*const file_rules[IN_FILE_COUNT])(struct row_ctx *) = {
	[IN_SUPPLIERS] = rules_partner,
	[IN_CUSTOMERS] = rules_partner,
	[IN_PRODUCTS] = rules_product,
	[IN_CONTACTS] = rules_contact,
	[IN_ACTIVITIES] = rules_activity,
	[IN_ORDER_LINES] = rules_order_line,
	[IN_PAYMENTS] = rules_payment,
	[IN_RECEIPTS] = rules_receipt,
};

/* The cells of an order line that belong to its order. */
static int order_cell(size_t c)
{
	return c == OL_ORDER_REF || c == OL_CUSTOMER || c == OL_ORDER_DATE || c == OL_SALESPERSON || c == OL_STATE ||
	       c == OL_PAYMENT_TERM || c == OL_LEAD || c == OL_CUSTOMER_REF ||
	       (c >= OL_DELIVERY_NAME && c <= OL_DELIVERY_COUNTRY);
}

int record_validate(struct validator *v, const struct file_schema *fs, const struct header_map *map,
		    const struct csv_row *row, const char *path, struct record *rec)
{
	struct row_ctx x = { v, fs, row, map, path, rec, 0, { 0 } };
	rec->schema = fs;
	rec->line = row->first_line;
	prefetch_refs(&x);

	if (row->n != map->nfields && row->n > 1) {
		/* Fields beyond the header are kept out, never silently dropped. */
		if (row->n > map->nfields)
			for (size_t i = map->nfields; i < row->n; i++)
				if (row->len[i]) {
					struct reject r = { path, row->line[i], (int)i + 1, NULL, row->field[i], SEV_ERROR,
							    "more fields than the header has columns", NULL };
					rejects_add(v->rejects, &r);
					x.errors++;
					break;
				}
	}
	int key_col = -1;
	/* One-to-many: an empty order reference continues the order above,
	 * whose cells the row then has. */
	int continues = 0;
	if (map->one_to_many) {
		int f = map->field_of_col[OL_ORDER_REF];
		const char *ref = f >= 0 && (size_t)f < row->n ? row->field[f] : NULL;
		continues = (!ref || str_blank(ref)) && v->order_cells[OL_ORDER_REF];
		if (!continues)
			for (size_t c = 0; c < fs->ncols; c++) {
				free(v->order_cells[c]);
				v->order_cells[c] = NULL;
			}
	}
	for (size_t c = 0; c < fs->ncols; c++) {
		int f = map->field_of_col[c];
		const char *s = f >= 0 && (size_t)f < row->n ? row->field[f] : NULL;
		if (map->one_to_many && order_cell(c)) {
			if (continues && (!s || str_blank(s)))
				s = v->order_cells[c];
			else if (!continues && s && !str_blank(s))
				v->order_cells[c] = xstrdup(s);
		}
		rec->column[c] = f >= 0 ? f + 1 : 0;
		rec->num[c] = 0;
		rec->text[c] = s && !str_blank(s) ? s : NULL;
		if (!rec->text[c]) {
			if (fs->cols[c].flags & COL_REQUIRED)
				report(&x, (int)c, SEV_ERROR, "required value missing");
			continue;
		}
		/* Odoo writes its notes as HTML: the text is what they say. */
		if ((fs->id == IN_CONTACTS && c == CT_NOTES) ||
		    (fs->id == IN_ACTIVITIES && (c == AC_SUMMARY || c == AC_NOTE))) {
			char *plain = html_to_text(s);
			if (plain) {
				free(v->plain[c]);
				v->plain[c] = plain;
				rec->text[c] = plain;
				if (str_blank(plain)) {
					rec->text[c] = NULL; /* "<p><br></p>": an empty note */
					continue;
				}
			}
		}
		/* A value of the tool's vocabulary ([FILE.COLUMN] of its profile). */
		const char *ours = map->source ? source_value(map->source, fs->id, c, s) : NULL;
		if (ours)
			s = rec->text[c] = ours;
		parse_field(&x, c, s);
	}
	for (size_t c = 0; c < fs->ncols; c++)
		if (fs->cols[c].flags & COL_KEY)
			key_col = (int)c;
	/* The rules run even after a field error, so that every problem of
	 * the row is reported at once. */
	file_rules[fs->id](&x);
	if (x.errors == 0 && key_col >= 0 && rec->text[key_col]) {
		long first;
		if (!keyset_add(v->keys[fs->id], rec->text[key_col], rec->line, &first))
			report(&x, key_col, SEV_ERROR, "duplicate %s (first on line %ld)", fs->cols[key_col].name, first);
		else
			index_names(v, fs->id, rec, rec->text[key_col]);
	}
	return x.errors;
}

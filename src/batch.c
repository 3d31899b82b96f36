/* batch: the shared frame of every command (see include/batch.h). */
#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "atomic.h"
#include "rights.h"
#include "text.h"
#include "xalloc.h"

/* One run at a time per output folder: numbers are handed out from the
 * register, and two runs appending to it at once would collide. */
enum exit_code batch_lock_output(const char *output_dir, int *fd, struct diag *err)
{
	char *path = xasprintf("%s/.lock", output_dir);
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	enum exit_code rc = EXIT_OK;
	if (*fd < 0)
		rc = diag_errno(err, EXIT_CANTCREAT, errno, "%s: cannot create", path);
	else if (flock(*fd, LOCK_EX | LOCK_NB) != 0)
		rc = errno == EWOULDBLOCK
			     ? diag_set(err, EXIT_TEMPFAIL, "%s: another crmbatch run is using this output folder; "
							  "try again when it has finished", output_dir)
			     : diag_errno(err, EXIT_IOERR, errno, "%s: cannot lock", path);
	if (rc && *fd >= 0) {
		close(*fd);
		*fd = -1;
	}
	free(path);
	return rc;
}

static enum exit_code lock_output(struct batch *b, struct diag *err)
{
	return batch_lock_output(b->opts->output_dir, &b->lock_fd, err);
}

static void unlock_output(struct batch *b)
{
	if (b->lock_fd >= 0)
		close(b->lock_fd); /* releases the flock */
	b->lock_fd = -1;
}

enum exit_code batch_open(struct batch *b, const struct options *opts, enum batch_needs needs, unsigned keep,
			  struct diag *err)
{
	memset(b, 0, sizeof *b);
	b->opts = opts;
	b->needs = needs;
	b->reg.fd = -1;
	b->lock_fd = -1;
	enum exit_code rc = config_load(&b->cfg, opts->config_dir, err);
	if (rc)
		return rc;
	if ((rc = sources_load(&b->sources, opts->config_dir, err))) {
		config_release(&b->cfg);
		return rc;
	}
	const struct source_profile *forced = NULL;
	int force = opts->source && !str_ieq(opts->source, "auto");
	if (force && !str_ieq(opts->source, "native") && !(forced = sources_find(&b->sources, opts->source))) {
		char *names = sources_names(&b->sources);
		rc = diag_set(err, EXIT_USAGE, "--source: '%s' is not a source (%s)", opts->source, names);
		free(names);
		sources_release(&b->sources);
		config_release(&b->cfg);
		return rc;
	}
	if (needs == BATCH_DOCUMENTS && (rc = rights_acting_user(&b->cfg, opts->as_user, &b->user, err))) {
		sources_release(&b->sources);
		config_release(&b->cfg);
		return rc;
	}
	if ((rc = ensure_dir(opts->output_dir, err)) ||
	    (needs == BATCH_DOCUMENTS && (rc = lock_output(b, err)))) {
		sources_release(&b->sources);
		config_release(&b->cfg);
		return rc;
	}
	if (needs == BATCH_DOCUMENTS)
		atomic_sweep(opts->output_dir); /* what a killed run left; we hold the lock */
	if ((rc = rejects_open(&b->rejects, opts->output_dir, opts->quiet, err))) {
		unlock_output(b);
		sources_release(&b->sources);
		config_release(&b->cfg);
		return rc;
	}
	ingest_init(&b->in, &b->cfg, b->rejects, opts->input_dir);
	b->in.progress = opts->progress;
	b->in.v.sources = &b->sources;
	b->in.v.forced = force;
	b->in.v.forced_profile = forced;
	/* check builds the same orders (their headers and sums, not their
	 * lines), leads and activities as run, so that a row run refuses late
	 * (a line contradicting its order, an order too large to price, an
	 * activity on a lead already won) is refused by check too. What is only
	 * a warning in run (a card's phone left empty...) check does not say. */
	catalog_init(&b->catalog, &b->cfg);
	if (needs != BATCH_DOCUMENTS)
		keep = 0;
	unsigned states = 0;
	if (needs == BATCH_DOCUMENTS)
		states |= 1u << ORDER_SALE;
	if (keep & KEEP_OPEN_LINES)
		states |= 1u << ORDER_QUOTATION | 1u << ORDER_SENT | 1u << ORDER_CANCEL;
	orders_init(&b->orders, &b->cfg, &b->catalog, b->rejects, opts->input_dir, states,
		    (keep & KEEP_DESCRIPTIONS) != 0);
	leads_init(&b->leads, &b->cfg, b->rejects, opts->input_dir);
	activities_init(&b->activities, &b->cfg, &b->leads, opts->input_dir);
	orders_attach(&b->orders, &b->in);
	catalog_attach(&b->catalog, &b->in);
	/* Without an activities file to apply, the leads are built only for
	 * the stages that write them: the cards are validated and counted,
	 * and refused alike, either way. */
	char *acts = xasprintf("%s/%s", opts->input_dir, schema_get(IN_ACTIVITIES)->filename);
	if ((keep & KEEP_LEADS) || access(acts, F_OK) == 0)
		leads_attach(&b->leads, &b->in);
	free(acts);
	activities_attach(&b->activities, &b->in);
	if (needs == BATCH_DOCUMENTS) {
		stock_init(&b->stock, &b->cfg, &b->catalog, &b->orders, opts->input_dir);
		stock_attach(&b->stock, &b->in);
		invoicing_init(&b->invoicing, &b->cfg, &b->orders, &b->deliveries.lines, opts->output_dir);
		deliveries_init(&b->deliveries, &b->cfg, &b->orders, opts->output_dir);
		reminders_init(&b->reminders, &b->catalog, opts->output_dir);
		payments_init(&b->payments, opts->input_dir);
		payments_attach(&b->payments, &b->in);
		if ((rc = register_open(&b->reg, opts->output_dir, err))) {
			batch_abort(b);
			return rc;
		}
	}
	return EXIT_OK;
}

enum exit_code batch_ingest(struct batch *b, struct diag *err)
{
	enum exit_code rc = ingest_run(&b->in, err);
	if (!rc) {
		leads_assign(&b->leads);
		activities_apply(&b->activities, &b->in, b->rejects);
		orders_price(&b->orders, &b->in);
	}
	if (!rc && b->needs == BATCH_DOCUMENTS) {
		rc = stock_compute(&b->stock, &b->reg, b->opts->output_dir, b->opts->date, b->rejects, err);
		if (!rc)
			rc = invoicing_load(&b->invoicing, &b->reg, err);
		if (!rc)
			rc = deliveries_load(&b->deliveries, &b->reg, err);
		if (!rc)
			rc = reminders_load(&b->reminders, &b->reg, err);
	}
	return rc;
}

void batch_summary(const struct batch *b, FILE *out)
{
	fprintf(out, "%-20s %10s %10s %10s  %s\n", "file", "read", "accepted", "rejected", "format");
	for (int f = 0; f < IN_FILE_COUNT; f++) {
		const struct file_counts *c = &b->in.counts[f];
		const char *name = schema_get((enum input_file)f)->filename;
		if (!c->present) {
			fprintf(out, "%-20s %10s %10s %10s  absent\n", name, "-", "-", "-");
			continue;
		}
		char delim[8];
		if (c->csv.delim == '\t')
			strcpy(delim, "tab");
		else
			snprintf(delim, sizeof delim, "'%c'", c->csv.delim ? c->csv.delim : ',');
		fprintf(out, "%-20s %10ld %10ld %10ld  %s, %s, %s%s", name, c->read, c->accepted, c->rejected,
			csv_encoding_name(c->csv.encoding), delim, source_name(c->source),
			c->skipped ? ", file skipped" : "");
		if (c->data_unread)
			fprintf(out, ", %ld column%s of data not read", c->data_unread, c->data_unread > 1 ? "s" : "");
		if (c->before_header)
			fprintf(out, ", %ld line%s before the header skipped", c->before_header,
				c->before_header > 1 ? "s" : "");
		if (c->after_rows)
			fprintf(out, ", %ld line%s after the rows skipped", c->after_rows, c->after_rows > 1 ? "s" : "");
		fputc('\n', out);
	}
}

void batch_mappings(const struct batch *b, FILE *out)
{
	for (int f = 0; f < IN_FILE_COUNT; f++) {
		const struct file_counts *c = &b->in.counts[f];
		if (!c->mapping)
			continue;
		fprintf(out, "\n%s: source %s (%s)\n%s", schema_get((enum input_file)f)->filename,
			source_name(c->source), c->detected ? "detected from its header" : "--source", c->mapping);
	}
}

static void release(struct batch *b)
{
	unlock_output(b);
	if (b->needs == BATCH_DOCUMENTS) {
		register_close(&b->reg);
		invoicing_release(&b->invoicing);
		deliveries_release(&b->deliveries);
		reminders_release(&b->reminders);
		payments_release(&b->payments);
		stock_release(&b->stock);
	}
	activities_release(&b->activities);
	leads_release(&b->leads);
	orders_release(&b->orders);
	catalog_release(&b->catalog);
	ingest_release(&b->in);
	sources_release(&b->sources);
	config_release(&b->cfg);
}

enum exit_code batch_close(struct batch *b, struct diag *err)
{
	enum exit_code rc = rejects_close(b->rejects, err);
	release(b);
	return rc;
}

void batch_abort(struct batch *b)
{
	rejects_abort(b->rejects);
	release(b);
}

/* Does column c of f take values of kind k? */
static int column_takes(enum input_file f, size_t c, enum value_kind k)
{
	const struct column_spec *cs = &schema_get(f)->cols[c];
	switch (k) {
	case KIND_EMAIL:
		return strcmp(cs->name, "email") == 0;
	case KIND_PHONE:
		return strstr(cs->name, "phone") != NULL || strcmp(cs->name, "mobile") == 0;
	case KIND_DATE:
		return cs->type == COL_DATE;
	case KIND_AMOUNT:
		return cs->type == COL_QTY || cs->type == COL_PRICE || cs->type == COL_MONEY || cs->type == COL_PERCENT;
	default:
		return 0;
	}
}

/* Which column a label read as nothing is suggested for, by what its
 * values look like and the words of its label (header_key()'d): an
 * amount is a unit price only when its label says so, never a line's
 * total. In this order, the first that fits; "" fits any label. */
static const struct {
	const char *column;
	const char *words;
} suggestions[] = {
	{ "email", "" },
	{ "mobile", "mobil|portable|cell|gsm" },
	{ "home_phone", "home|perso|domicile|prive" },
	{ "phone", "" },
	{ "due_date", "due|echeance|deadline|limite" },
	{ "met_on", "met|rencontr|scan|connect|salon|event|visit" },
	{ "order_date", "order|commande|cde|creat|cree" },
	{ "date", "date" },
	{ "qty_delivered", "deliver|livr|shipped|expedi" },
	{ "line_total_incl", "ttc|incl|taxinc|withtax|avectaxe" },
	{ "line_total", "total|subtotal|montant|amount" },
	{ "discount_pct", "discount|remise|rabais" },
	{ "unit_price", "unitprice|priceunit|prixunit|unitaire|pu" },
	{ "qty", "qty|quant|qte|nombre|ordered" },
};

static int has_word(const char *key, const char *words)
{
	if (!*words)
		return 1;
	while (*words) {
		size_t n = strcspn(words, "|");
		for (const char *p = key; *p; p++)
			if (strncmp(p, words, n) == 0)
				return 1;
		words += n + (words[n] == '|');
	}
	return 0;
}

/* The column of f to suggest for u (fs->ncols: none), not one in taken. */
static size_t suggest(enum input_file f, const struct unread_column *u, const unsigned char *taken)
{
	const struct file_schema *fs = schema_get(f);
	char key[128];
	header_key(u->label, key, sizeof key);
	for (size_t i = 0; i < sizeof suggestions / sizeof *suggestions; i++)
		for (size_t c = 0; c < fs->ncols; c++)
			if (strcmp(fs->cols[c].name, suggestions[i].column) == 0 && !taken[c] &&
			    column_takes(f, c, u->kind) && has_word(key, suggestions[i].words))
				return c;
	return fs->ncols;
}

/* A label as an INI value: quoted when iniparser would cut it at a
 * comment sign. */
static void put_label(FILE *out, const char *label)
{
	if (strpbrk(label, ";#"))
		fprintf(out, "\"%s\"", label);
	else
		fputs(label, out);
}

/* One file's section of a stub: a column whose values look like those of
 * a crmbatch column not read yet is mapped to it, the others ignored. */
static void stub_section(const struct file_counts *c, enum input_file f, FILE *out)
{
	const struct file_schema *fs = schema_get(f);
	const struct source_profile *p = c->source;
	unsigned char taken[MAX_COLUMNS];
	memcpy(taken, c->mapped, sizeof taken);
	size_t *suggested = xcalloc(c->nunread, sizeof *suggested);
	fprintf(out, "    [%.*s]\n", (int)(strlen(fs->filename) - 4), fs->filename);
	for (size_t i = 0; i < c->nunread; i++) {
		const struct unread_column *u = &c->unread[i];
		suggested[i] = fs->ncols;
		if (u->kind == KIND_NONE || strchr(u->label, '|'))
			continue;
		suggested[i] = suggest(f, u, taken);
		fprintf(out, "    # \"%s\": its values look like %s ('%s')%s\n", u->label, value_kind_name(u->kind),
			u->example[u->kind],
			suggested[i] == fs->ncols ? ": map it to the column of crmbatch it is, if any, else ignore it" : "");
		if (suggested[i] == fs->ncols)
			continue;
		taken[suggested[i]] = 1;
		const char *have = p ? p->aliases[f][suggested[i]] : NULL;
		fprintf(out, "    %s = ", fs->cols[suggested[i]].name);
		if (have)
			fprintf(out, "%s | ", have);
		put_label(out, u->label);
		fputc('\n', out);
	}
	/* A skipped file lacks a required column: one of the columns read as
	 * nothing is it, which only its reader can tell. */
	for (size_t col = 0; c->skipped && col < fs->ncols; col++)
		if ((fs->cols[col].flags & (COL_REQUIRED | COL_ONE_OF)) && !taken[col])
			fprintf(out, "    # %s = (the label of the column holding it: %s)\n", fs->cols[col].name,
				fs->cols[col].flags & COL_REQUIRED ? "the file is skipped without it"
								   : "one of these the file needs");
	int any = 0;
	for (size_t i = 0; i < c->nunread; i++) {
		if (suggested[i] != fs->ncols || strchr(c->unread[i].label, '|'))
			continue;
		if (!any++) {
			fputs(c->skipped ? "    # ignore = " : "    ignore = ", out);
			if (p && p->ignore[f])
				fprintf(out, "%s | ", p->ignore[f]);
		} else {
			fputs(" | ", out);
		}
		put_label(out, c->unread[i].label);
	}
	if (any)
		fputc('\n', out);
	for (size_t i = 0; i < c->nunread; i++)
		if (strchr(c->unread[i].label, '|'))
			fprintf(out, "    # \"%s\" holds a '|': a profile cannot name it\n", c->unread[i].label);
	free(suggested);
}

void batch_profile_stubs(const struct batch *b, FILE *out)
{
	/* One stub per profile the files were read in: native files get a new
	 * profile's, a tool's files the lines to add to its profile. */
	const struct source_profile *done[IN_FILE_COUNT];
	size_t ndone = 0;
	for (int f = 0; f < IN_FILE_COUNT; f++) {
		const struct file_counts *c = &b->in.counts[f];
		if (!c->nunread)
			continue;
		const struct source_profile *p = c->source;
		int seen = 0;
		for (size_t i = 0; i < ndone; i++)
			seen |= done[i] == p;
		if (seen)
			continue;
		done[ndone++] = p;
		if (!p) {
			fprintf(out, "\nColumns read as nothing: a source profile reading them, to paste into "
				     "%s/sources/mytool.ini (mytool: your tool's name):\n",
				b->opts->config_dir);
			fputs("    [source]\n    name = mytool\n    detect = ", out);
			int n = 0;
			for (int g = f; g < IN_FILE_COUNT; g++) {
				const struct file_counts *d = &b->in.counts[g];
				if (d->source || !d->nunread)
					continue;
				/* Two cells of each file's header (a profile claims a
				 * header holding two): its own first, those it read
				 * natively else. */
				size_t k = 0;
				for (size_t i = 0; i < d->nunread && k < 2; i++)
					if (!strchr(d->unread[i].label, '|')) {
						fputs(n++ ? " | " : "", out);
						put_label(out, d->unread[i].label);
						k++;
					}
				if (k < 2 && d->named_label) {
					fputs(n++ ? " | " : "", out);
					put_label(out, d->named_label);
				}
			}
			fputc('\n', out);
		} else {
			fprintf(out, "\nColumns of %s's files read as nothing: the lines to add to %s/sources/%s "
				     "(a copy of %s, if you have none):\n",
				p->name, b->opts->config_dir, p->file, p->path);
		}
		for (int g = f; g < IN_FILE_COUNT; g++) {
			const struct file_counts *d = &b->in.counts[g];
			if (d->nunread && d->source == p)
				stub_section(d, (enum input_file)g, out);
		}
	}
}

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
	if (needs == BATCH_DOCUMENTS && (rc = rights_acting_user(&b->cfg, opts->as_user, &b->user, err))) {
		config_release(&b->cfg);
		return rc;
	}
	if ((rc = ensure_dir(opts->output_dir, err)) ||
	    (needs == BATCH_DOCUMENTS && (rc = lock_output(b, err)))) {
		config_release(&b->cfg);
		return rc;
	}
	if (needs == BATCH_DOCUMENTS)
		atomic_sweep(opts->output_dir); /* what a killed run left; we hold the lock */
	if ((rc = rejects_open(&b->rejects, opts->output_dir, opts->quiet, err))) {
		unlock_output(b);
		config_release(&b->cfg);
		return rc;
	}
	ingest_init(&b->in, &b->cfg, b->rejects, opts->input_dir);
	b->in.progress = opts->progress;
	b->in.source = opts->source;
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

/*
 * ledger: the one way crmbatch keeps a line ledger — the lines its
 * documents covered (invoice_lines.csv, delivery_lines.csv), the lines of
 * its purchase orders (purchases.csv), the payments it applied
 * (payments_applied.csv).
 *
 * As redis keeps its AOF: append-only, each append flushed and fsynced
 * once (before the register names the documents it is about); on load a
 * torn last line is cut, and a line of a document a killed run never
 * registered is dropped, the file then written again without it (that
 * number will be given again); a line that does not read back is damage,
 * named with its file and line (exit 74). A full disk (write_fault) is an
 * I/O error that leaves the file as it was.
 */
#ifndef CRMBATCH_LEDGER_H
#define CRMBATCH_LEDGER_H

#include <stddef.h>

#include "csvread.h"
#include "diag.h"

struct ledger_file {
	const char *path;
	const char *header;        /* the first line, without its line break */
	size_t nfields;
	size_t legacy_fields;      /* lines of an older format may have this many (0: none) */
};

/* What ledger_load asks of each line: kept(ctx, row) says whether the
 * line still counts (its document is registered), without side effect;
 * take(ctx, row, err) loads a kept line, and returns 0 or an exit code
 * with err set (a damaged line: say file and line). */
struct ledger_reader {
	int (*kept)(void *ctx, const struct csv_row *row);
	int (*take)(void *ctx, const struct csv_row *row, struct diag *err);
	void *ctx;
};

/* Loads lf (absent: nothing to load). */
enum exit_code ledger_load(const struct ledger_file *lf, const struct ledger_reader *r, struct diag *err);

/* Appends text (whole lines, each ending with '\n'), the header first when
 * the file is new or empty; fsyncs (and the folder when new). On failure
 * nothing the caller can count on was written. */
enum exit_code ledger_append(const struct ledger_file *lf, const char *text, size_t len, struct diag *err);

#endif

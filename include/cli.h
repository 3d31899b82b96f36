/*
 * cli: the command line. Global options are parsed once in main.c into a
 * struct options; each command is a struct command in the table of
 * cli.c, implemented in its own cmd_<name>.c.
 */
#ifndef CRMBATCH_CLI_H
#define CRMBATCH_CLI_H

#include <stdint.h>

#include "exitcode.h"
#include "source.h"

#ifndef CRMBATCH_VERSION
#define CRMBATCH_VERSION "0.1.0"
#endif

struct options {
	const char *config_dir;  /* -C, default "config" */
	const char *input_dir;   /* -i, default "input" */
	const char *output_dir;  /* -o, default "output" */
	int32_t date;            /* --date, the business date of the run */
	int quiet, verbose;      /* -q, -v */
	int progress;            /* --progress / --no-progress */
	int jobs;                /* -j: threads rendering documents */
	int draft_invoices;      /* crmbatch invoices --draft */
	const char *as_user;     /* --user: an admin acting as another user */
	/* --source: the profile every input file is read in ("native": the
	 * native names alone); NULL or "auto": each file's is detected. The
	 * name is resolved once the profiles are loaded (batch_open). */
	const char *source;
};

struct command {
	const char *name;
	const char *args;     /* for the usage line */
	const char *summary;  /* one line for --help */
	/* argv[0] is the command's name; messages go to stderr, results to stdout. */
	enum exit_code (*run)(const struct options *opts, int argc, char **argv);
};

extern const struct command commands[];

enum exit_code cmd_check(const struct options *opts, int argc, char **argv);
enum exit_code cmd_run(const struct options *opts, int argc, char **argv);
enum exit_code cmd_quotes(const struct options *opts, int argc, char **argv);
enum exit_code cmd_leads(const struct options *opts, int argc, char **argv);
enum exit_code cmd_activities(const struct options *opts, int argc, char **argv);
enum exit_code cmd_agenda(const struct options *opts, int argc, char **argv);
enum exit_code cmd_stock(const struct options *opts, int argc, char **argv);
enum exit_code cmd_due(const struct options *opts, int argc, char **argv);
enum exit_code cmd_invoices(const struct options *opts, int argc, char **argv);
enum exit_code cmd_payments(const struct options *opts, int argc, char **argv);
enum exit_code cmd_delivery(const struct options *opts, int argc, char **argv);
enum exit_code cmd_fec(const struct options *opts, int argc, char **argv);
enum exit_code cmd_verify(const struct options *opts, int argc, char **argv);
enum exit_code cmd_show(const struct options *opts, int argc, char **argv);

/* Takes --source's argument into opts (batch_open tells a name that is no
 * profile's, EXIT_USAGE); prints why and returns EXIT_USAGE when empty. */
enum exit_code cli_source(struct options *opts, const char *arg);

/* Prints "crmbatch: <message>" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

/*
 * main: the command line only. Parses the global options, finds the
 * command in the table and maps its outcome to the exit status. Nothing
 * below main exits.
 */
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"

static void usage(FILE *out)
{
	fputs("usage: crmbatch [options] <command> [args]\n"
	      "\n"
	      "Turns a small firm's daily CSV exports into leads, quotes, purchase orders\n"
	      "and invoices, as an end-of-day batch.\n"
	      "\n"
	      "options:\n"
	      "  -C, --config DIR     configuration folder (default: config)\n"
	      "  -i, --input DIR      folder of the day's CSV exports (default: input)\n"
	      "  -o, --output DIR     folder for what the run produces (default: output)\n"
	      "      --date DATE      business date of the run, YYYY-MM-DD (default: today)\n"
	      "      --user LOGIN     act as another user of the config (admins only)\n"
	      "      --source SOURCE  read every input file as SOURCE exports it: a profile of\n"
	      "                       config/sources/ (odoo, dolibarr, google, outlook...) or\n"
	      "                       native (default: detected per file)\n"
	      "  -j, --jobs N         render documents with N threads (default: one per core)\n"
	      "  -q, --quiet          no summary, no warnings on stderr (errors still shown)\n"
	      "  -v, --verbose        tell more about what is done\n"
	      "      --progress       show a progress bar for long files\n"
	      "      --no-progress    never show it (default: only when stderr is a terminal)\n"
	      "  -h, --help           show this help\n"
	      "  -V, --version        show the version\n"
	      "\n"
	      "commands:\n", out);
	for (const struct command *c = commands; c->name; c++)
		fprintf(out, "  %-20s %s\n", c->name, c->summary);
	fputs("\nexit status:\n", out);
#define CRMBATCH_EXIT_HELP(name, value, meaning) fprintf(out, "  %-4d %s\n", value, meaning);
	CRMBATCH_EXIT_CODES(CRMBATCH_EXIT_HELP)
#undef CRMBATCH_EXIT_HELP
	fputs("\nSee crmbatch(1).\n", out);
}

/* The business date when --date is not given: the local calendar day. */
static int32_t today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* Output to stdout must reach it: a full disk is an error, not a shrug. */
static enum exit_code flush_stdout(enum exit_code rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int e = errno;
		cli_error("standard output: %s", e == ENOSPC ? "disk full (no space left on device)" : strerror(e));
		return rc ? rc : EXIT_IOERR;
	}
	return rc;
}

int main(int argc, char **argv)
{
	enum { OPT_DATE = 256, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_USER, OPT_SOURCE };
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'C' },
		{ "input", required_argument, NULL, 'i' },
		{ "output", required_argument, NULL, 'o' },
		{ "date", required_argument, NULL, OPT_DATE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "progress", no_argument, NULL, OPT_PROGRESS },
		{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
		{ "user", required_argument, NULL, OPT_USER },
		{ "source", required_argument, NULL, OPT_SOURCE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct options opts = { "config", "input", "output", 0, 0, 0, -1, 0, 0, NULL, NULL };
	/* Each PDF allocates and frees ~270 KB of zlib state: with glibc's
	 * default thresholds the heap grows and shrinks every document (about
	 * 4x slower, see shared/LIBRARIES.md). Keep it on the heap, and the
	 * large arrays of a large day (lines, orders, indexes) mapped: they
	 * then grow in place (mremap) and are given back when freed, where on
	 * the heap each growth copied and left a hole (stock on the 1M-line
	 * day: 187 -> 143 MB, documents as fast, measured side by side). */
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	int have_date = 0, c;

	while ((c = getopt_long(argc, argv, "+C:i:o:j:qvhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'C': opts.config_dir = optarg; break;
		case 'i': opts.input_dir = optarg; break;
		case 'o': opts.output_dir = optarg; break;
		case 'q': opts.quiet = 1; break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 64) {
				cli_error("--jobs: '%s' is not a number of threads from 1 to 64", optarg);
				return EXIT_USAGE;
			}
			opts.jobs = (int)n;
			break;
		}
		case 'v': opts.verbose = 1; break;
		case OPT_PROGRESS: opts.progress = 1; break;
		case OPT_NO_PROGRESS: opts.progress = 0; break;
		case OPT_USER: opts.as_user = optarg; break;
		case OPT_SOURCE:
			if (cli_source(&opts, optarg))
				return EXIT_USAGE;
			break;
		case OPT_DATE:
			if (date_parse(optarg, &opts.date) != 0) {
				cli_error("--date: not a date '%s' (YYYY-MM-DD)", optarg);
				return EXIT_USAGE;
			}
			have_date = 1;
			break;
		case 'h':
			usage(stdout);
			return flush_stdout(EXIT_OK);
		case 'V':
			printf("crmbatch %s\n", CRMBATCH_VERSION);
			return flush_stdout(EXIT_OK);
		default:
			fputs("Try 'crmbatch --help'.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!have_date)
		opts.date = today();
	if (opts.progress < 0)
		opts.progress = isatty(STDERR_FILENO);
	if (opts.jobs == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		opts.jobs = n < 1 ? 1 : n > 16 ? 16 : (int)n;
	}

	for (const struct command *cmd = commands; cmd->name; cmd++)
		if (strcmp(cmd->name, argv[optind]) == 0) {
			optind++; /* commands parse their own options from their argv */
			return flush_stdout(cmd->run(&opts, argc - optind + 1, argv + optind - 1));
		}
	cli_error("'%s' is not a command. Try 'crmbatch --help'.", argv[optind]);
	return EXIT_USAGE;
}

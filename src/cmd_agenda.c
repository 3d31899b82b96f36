/*
 * crmbatch agenda [--user LOGIN] [--team NAME]: "my next activities" — a
 * user's (or a team's members', or everyone's) overdue, today's and planned
 * activities on stdout, relative to --date. Reads the exports as run does;
 * writes only rejects.csv.
 */
#include <getopt.h>
#include <stdio.h>

#include "batch.h"
#include "pipeline.h"

enum exit_code cmd_agenda(const struct options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "user", required_argument, NULL, 'u' },
		{ "team", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const char *login = NULL, *team_name = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+u:t:", longopts, NULL)) != -1) {
		if (c == 'u')
			login = optarg;
		else if (c == 't')
			team_name = optarg;
		else {
			cli_error("usage: crmbatch agenda [--user LOGIN] [--team NAME]");
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		cli_error("agenda: unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	struct batch b;
	struct diag err = { "" };
	enum exit_code rc = batch_open(&b, opts, BATCH_DOCUMENTS, KEEP_LEADS, &err);
	if (rc) {
		cli_error("%s", err.msg);
		return rc;
	}
	if (login && !config_user(&b.cfg, login)) {
		cli_error("agenda: '%s' is not a user of %s", login, b.cfg.path);
		batch_abort(&b);
		return EXIT_USAGE;
	}
	const struct team *team = team_name ? config_team(&b.cfg, team_name) : NULL;
	if (team_name && !team) {
		cli_error("agenda: '%s' is not a team of %s", team_name, b.cfg.path);
		batch_abort(&b);
		return EXIT_USAGE;
	}
	if ((rc = batch_ingest(&b, &err))) {
		cli_error("%s", err.msg);
		batch_abort(&b);
		return rc;
	}
	if (pipeline_print_agenda(stdout, &b.cfg, &b.activities, opts->date, login, team) == 0)
		printf("Nothing planned%s%s.\n", login ? " for " : "", login ? login : "");
	if ((rc = batch_close(&b, &err)))
		cli_error("%s", err.msg);
	return rc;
}

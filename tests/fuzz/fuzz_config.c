/*
 * Fuzz target: the config loader (iniparser, then every section's checks:
 * company, taxes, terms, escompte, stages, users, teams, assignment,
 * numbering). The input is the whole crmbatch.ini.
 */
#include "fuzz.h"

#include "config.h"

static char *dir, *ini;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stderr();
	dir = fuzz_scratch();
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, CONFIG_FILE);
	ini = strdup(path);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write(ini, data, size);
	struct config cfg;
	struct diag err = { "" };
	if (config_load(&cfg, dir, &err) == EXIT_OK)
		config_release(&cfg);
	return 0;
}

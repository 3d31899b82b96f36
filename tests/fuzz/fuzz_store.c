/*
 * Fuzz target: an output folder as the next run reads it back. The sample
 * day is issued once into a base folder; each input is "NAME\n" and the
 * bytes that replace the file NAME of a fresh copy of that folder (the
 * register, a line ledger, payments applied, purchases, the stock...: any
 * file crmbatch wrote at the folder's top but its rejects and PDFs; a NAME that is none of them
 * picks one by its first byte). Then the next day runs over it, its FEC
 * is written and the register verified: a damaged folder gives an error,
 * never a crash or a wrong sum.
 */
#include "fuzz.h"

static char *base_dir, *out_dir;
static char **names;  /* the base folder's top-level files, sorted */
static size_t nnames;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stderr();
	fuzz_quiet_stdout();
	const char *top = fuzz_scratch();
	char path[512];
	snprintf(path, sizeof path, "%s/base", top);
	base_dir = strdup(path);
	snprintf(path, sizeof path, "%s/out", top);
	out_dir = strdup(path);
	struct options opts = { .config_dir = "config", .input_dir = "input", .output_dir = base_dir,
				.date = 19569 /* 2023-07-31, the sample day */, .quiet = 1, .jobs = 1 };
	(void)fuzz_command(&opts, (char *[]){ "run", NULL });
	DIR *d = opendir(base_dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", base_dir, e->d_name);
		if (e->d_name[0] == '.' || lstat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
		    strcmp(e->d_name, "rejects.csv") == 0 || strstr(e->d_name, ".pdf"))
			continue;
		names = realloc(names, (nnames + 1) * sizeof *names);
		names[nnames++] = strdup(e->d_name);
	}
	if (d)
		closedir(d);
	if (nnames == 0)
		abort();
	qsort(names, nnames, sizeof *names, by_name);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	if (!nl || nl == data)
		return 0;
	size_t len = (size_t)(nl - data), k = nnames;
	for (size_t i = 0; i < nnames; i++)
		if (strlen(names[i]) == len && memcmp(names[i], data, len) == 0)
			k = i;
	if (k == nnames)
		k = data[0] % nnames;
	fuzz_remove(out_dir);
	fuzz_copy_tree(base_dir, out_dir);
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", out_dir, names[k]);
	fuzz_write(path, nl + 1, size - len - 1);

	struct options opts = { .config_dir = "config", .input_dir = "input", .output_dir = out_dir,
				.date = 19569 + 45, .quiet = 1, .jobs = 1 };
	static char *next[][2] = { { "verify", NULL }, { "run", NULL }, { "fec", NULL } };
	for (size_t i = 0; i < sizeof next / sizeof *next; i++)
		(void)fuzz_command(&opts, next[i]);
	return 0;
}

/*
 * Fuzz target: the CSV reader and the validation of each input file, as
 * `crmbatch check` runs them (reading, dialect detection, header mapping,
 * typed fields, references, orders, leads and activities). The first byte
 * picks the input file; the rest replaces that file in a copy of the
 * sample day (input/, config/), so that references to the other files
 * resolve and the rules behind them run.
 */
#include "fuzz.h"

#include <sys/stat.h>

#include "batch.h"
#include "schema.h"

static char *top, *in_dir, *out_dir;
static char *original[IN_FILE_COUNT];
static size_t original_len[IN_FILE_COUNT];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stderr();
	top = fuzz_scratch();
	char path[512];
	snprintf(path, sizeof path, "%s/in", top);
	in_dir = strdup(path);
	snprintf(path, sizeof path, "%s/out", top);
	out_dir = strdup(path);
	if (mkdir(in_dir, 0700) != 0 || mkdir(out_dir, 0700) != 0)
		abort();
	for (int f = 0; f < IN_FILE_COUNT; f++) {
		const char *name = schema_get((enum input_file)f)->filename;
		snprintf(path, sizeof path, "input/%s", name);
		original[f] = fuzz_slurp(path, &original_len[f]);
		if (original[f]) {
			snprintf(path, sizeof path, "%s/%s", in_dir, name);
			fuzz_write(path, original[f], original_len[f]);
		}
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	enum input_file f = (enum input_file)(data[0] % IN_FILE_COUNT);
	char path[512];
	snprintf(path, sizeof path, "%s/%s", in_dir, schema_get(f)->filename);
	fuzz_write(path, data + 1, size - 1);

	struct options opts = { "config", in_dir, out_dir, 0, 1, 0, 0, 1, 0, NULL };
	opts.date = 19569; /* 2023-07-31, the sample day */
	struct batch b;
	struct diag err = { "" };
	if (batch_open(&b, &opts, BATCH_VALIDATE, 0, &err) == EXIT_OK) {
		if (batch_ingest(&b, &err) == EXIT_OK)
			batch_summary(&b, stderr);
		(void)batch_close(&b, &err);
	}

	/* The next input starts from the sample day again. */
	if (original[f])
		fuzz_write(path, original[f], original_len[f]);
	else
		unlink(path);
	return 0;
}

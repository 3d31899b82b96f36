/*
 * Fuzz target: a whole day and the next one, through every stage. The
 * first byte picks an input file; the rest replaces it in a copy of the
 * sample day (input/, config/). check writes it normalized, then each
 * stage's command issues the day's documents into an empty output folder (stock, quotes, orders, slips, invoices with
 * Factur-X, payments, purchase orders, the PDFs), a second run 45 days
 * later reads all of it back (payments applied, reminders, credit notes),
 * then the FEC of that year is written and the register verified. Where
 * fuzz_input stops at validation, this one reaches the books.
 */
#include "fuzz.h"

#include "schema.h"

static char *in_dir, *out_dir, *norm_dir;
static char *original[IN_FILE_COUNT];
static size_t original_len[IN_FILE_COUNT];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stderr();
	fuzz_quiet_stdout();
	const char *top = fuzz_scratch();
	char path[512];
	snprintf(path, sizeof path, "%s/in", top);
	in_dir = strdup(path);
	snprintf(path, sizeof path, "%s/out", top);
	out_dir = strdup(path);
	snprintf(path, sizeof path, "%s/normalized", top);
	norm_dir = strdup(path);
	if (mkdir(in_dir, 0700) != 0)
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

	fuzz_remove(out_dir);
	fuzz_remove(norm_dir);
	struct options opts = { .config_dir = "config", .input_dir = in_dir, .output_dir = out_dir,
				.date = 19569 /* 2023-07-31, the sample day */, .quiet = 1, .jobs = 1 };
	/* The first day stage by stage, as a user runs them one at a time
	 * (every cmd_*.c), the next one as the evening batch does. */
	static char *day[][5] = {
		{ "check", "--normalized", NULL, NULL }, { "leads", NULL }, { "activities", NULL },
		{ "agenda", NULL }, { "quotes", NULL }, { "stock", NULL }, { "delivery", NULL },
		{ "invoices", NULL }, { "payments", NULL }, { "due", "--amount", "100.00", "2023-07-31" },
	};
	day[0][2] = norm_dir;
	for (size_t i = 0; i < sizeof day / sizeof *day; i++)
		(void)fuzz_command(&opts, day[i]);
	opts.date += 45;
	static char *next[][2] = { { "run", NULL }, { "fec", NULL }, { "verify", NULL } };
	for (size_t i = 0; i < sizeof next / sizeof *next; i++)
		(void)fuzz_command(&opts, next[i]);

	/* The next input starts from the sample day again. */
	if (original[f])
		fuzz_write(path, original[f], original_len[f]);
	else
		unlink(path);
	return 0;
}

/*
 * Fuzz target: output/register.csv as the next run reads it back (every
 * run loads it whole, and crmbatch verify re-reads it): loading, the torn
 * last line's repair, the upgrade of a register from before the chain,
 * the index of each source's newest document, and verify. The input is the
 * register file; a damaged one must give an error, never a crash.
 */
#include "fuzz.h"

#include <sys/stat.h>

#include "register.h"

static char *out_dir, *reg_path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stderr();
	char path[512];
	snprintf(path, sizeof path, "%s/out", fuzz_scratch());
	out_dir = strdup(path);
	snprintf(path, sizeof path, "%s/register.csv", out_dir);
	reg_path = strdup(path);
	if (mkdir(out_dir, 0700) != 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write(reg_path, data, size);
	struct doc_register reg;
	struct diag err = { "" };
	if (register_open(&reg, out_dir, &err) == EXIT_OK) {
		/* Every document's newest revision is found again, and a new
		 * number can be prepared after them. */
		for (size_t i = 0; i < reg.n; i++) {
			const struct reg_doc *d = &reg.v[i];
			const struct reg_doc *latest = register_latest(&reg, (enum doc_kind)d->kind, d->source_ref);
			if (!latest || latest < d || latest->kind != d->kind || strcmp(latest->source_ref, d->source_ref) != 0 ||
			    reg.v[d->base].revision != 1 || d->revision < 1)
				abort();
			char base[64];
			(void)register_source_base(d, base, sizeof base);
			(void)register_same_content(d, "0000000000000000000000000000000000000000000000000000000000000000");
		}
		struct reg_entry e;
		register_prepare(&reg, DOC_INVOICE, "SO-FUZZ", 19569, "FAC-{year}-{seq:5}", &e);
		reg_entry_release(&e);
	}
	register_close(&reg);
	long lines, files;
	(void)register_verify(out_dir, NULL, &lines, &files, &err);
	return 0;
}

/*
 * What the libFuzzer targets of tests/fuzz share: the input as a
 * NUL-terminated string, a scratch folder on tmpfs when there is one, and
 * stdio's stderr sent to /dev/null (crmbatch reports every rejected row
 * there; sanitizer reports and libFuzzer's own output still reach fd 2).
 */
#ifndef CRMBATCH_FUZZ_H
#define CRMBATCH_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* data[0..size) as a new NUL-terminated string (cut at the first NUL). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* A new scratch folder, on /dev/shm when it exists (fsync is cheap there). */
static inline char *fuzz_scratch(void)
{
	static char path[64];
	snprintf(path, sizeof path, "%s/crmbatch-fuzz-XXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (!mkdtemp(path))
		abort();
	return path;
}

static inline void fuzz_write(const char *path, const void *data, size_t size)
{
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
		abort();
}

static inline void fuzz_quiet_stderr(void)
{
	FILE *null = fopen("/dev/null", "w");
	if (null)
		stderr = null;
}

#endif

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

/* A command of crmbatch, by name, as main() runs it: argv is its name and
 * arguments, NULL-terminated. */
#include "cli.h"

static inline enum exit_code fuzz_command(const struct options *opts, char **argv)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, argv[0]) == 0)
			return c->run(opts, argc, argv);
	abort();
}

/* stdout to /dev/null: the commands' results are not what is fuzzed. */
static inline void fuzz_quiet_stdout(void)
{
	if (!freopen("/dev/null", "w", stdout))
		abort();
}

#include <dirent.h>
#include <sys/stat.h>

/* rm -rf path (what the targets made in their scratch folder). */
static inline void fuzz_remove(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char sub[1024];
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			fuzz_remove(sub);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* The whole of a file, or NULL. */
static inline char *fuzz_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	*len = 0;
	if (!fp)
		return NULL;
	char *s = NULL;
	size_t cap = 0;
	for (;;) {
		char *t = realloc(s, cap + 65536);
		if (!t)
			abort();
		s = t;
		size_t n = fread(s + cap, 1, 65536, fp);
		cap += n;
		if (n < 65536)
			break;
	}
	fclose(fp);
	*len = cap;
	return s;
}

/* cp -R from to (regular files and folders: an output folder). */
static inline void fuzz_copy_tree(const char *from, const char *to)
{
	struct stat st;
	if (lstat(from, &st) != 0)
		abort();
	if (S_ISDIR(st.st_mode)) {
		if (mkdir(to, 0700) != 0)
			abort();
		DIR *d = opendir(from);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char a[1024], b[1024];
			snprintf(a, sizeof a, "%s/%s", from, e->d_name);
			snprintf(b, sizeof b, "%s/%s", to, e->d_name);
			fuzz_copy_tree(a, b);
		}
		if (d)
			closedir(d);
	} else if (S_ISREG(st.st_mode)) {
		size_t n;
		char *s = fuzz_slurp(from, &n);
		fuzz_write(to, s ? s : "", n);
		free(s);
	}
}

#endif

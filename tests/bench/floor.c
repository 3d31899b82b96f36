/*
 * floor: the least a run can do to make its documents durable, for the
 * durability bench. Given a finished output folder SRC, writes the same
 * files into DST as crmbatch must: each as a temporary in its final
 * folder, one syncfs, the renames, then an fsync of each folder. Prints
 * the seconds it took and how many files it wrote.
 * Usage: floor SRC DST
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct file {
	char *tmp, *final;
};

static struct file *files;
static size_t nfiles, capfiles;
static char **dirs;
static size_t ndirs, capdirs;
static char buf[1 << 20];

static void die(const char *what, const char *path)
{
	perror(path);
	fprintf(stderr, "floor: %s failed\n", what);
	exit(1);
}

/* Writes src's bytes into a temporary beside final. */
static void stage(const char *src, const char *final)
{
	int in = open(src, O_RDONLY);
	if (in < 0)
		die("open", src);
	char *tmp;
	if (asprintf(&tmp, "%s.tmp%zu", final, nfiles) < 0)
		exit(1);
	int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0)
		die("create", tmp);
	ssize_t n;
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			die("write", tmp);
	close(in);
	close(out);
	if (nfiles == capfiles) {
		capfiles = capfiles ? 2 * capfiles : 1024;
		files = realloc(files, capfiles * sizeof *files);
	}
	files[nfiles].tmp = tmp;
	files[nfiles++].final = strdup(final);
}

static void walk(const char *src, const char *dst)
{
	mkdir(dst, 0755);
	if (ndirs == capdirs) {
		capdirs = capdirs ? 2 * capdirs : 64;
		dirs = realloc(dirs, capdirs * sizeof *dirs);
	}
	dirs[ndirs++] = strdup(dst);
	DIR *d = opendir(src);
	if (!d)
		die("opendir", src);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char s[4096], t[4096];
		snprintf(s, sizeof s, "%s/%s", src, e->d_name);
		snprintf(t, sizeof t, "%s/%s", dst, e->d_name);
		struct stat st;
		if (stat(s, &st) != 0)
			die("stat", s);
		if (S_ISDIR(st.st_mode))
			walk(s, t);
		else
			stage(s, t);
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: floor SRC DST\n");
		return 2;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	walk(argv[1], argv[2]);
	int fd = open(argv[2], O_RDONLY | O_DIRECTORY);
	if (fd < 0 || syncfs(fd) != 0)
		die("syncfs", argv[2]);
	close(fd);
	for (size_t i = 0; i < nfiles; i++)
		if (rename(files[i].tmp, files[i].final) != 0)
			die("rename", files[i].tmp);
	for (size_t i = 0; i < ndirs; i++) {
		int dfd = open(dirs[i], O_RDONLY | O_DIRECTORY);
		if (dfd < 0 || fsync(dfd) != 0)
			die("fsync", dirs[i]);
		close(dfd);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.3f %zu\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, nfiles);
	return 0;
}

/* atomic: temp file, fsync, rename, fsync folder (include/atomic.h). */
#include "atomic.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "faults.h"
#include "xalloc.h"

enum exit_code atomic_open(struct atomic_file *af, const char *path, struct diag *err)
{
	af->path = xstrdup(path);
	af->tmp = xasprintf("%s.tmp.XXXXXX", path);
	af->fp = NULL;
	int fd = mkstemp(af->tmp);
	if (fd < 0) {
		int e = errno;
		atomic_abort(af);
		return diag_errno(err, EXIT_CANTCREAT, e, "%s: cannot create", path);
	}
	/* mkstemp makes 0600; outputs are ordinary files for the team. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	af->fp = fdopen(fd, "w");
	if (!af->fp) {
		int e = errno;
		close(fd);
		unlink(af->tmp);
		atomic_abort(af);
		return diag_errno(err, EXIT_CANTCREAT, e, "%s: cannot create", path);
	}
	return EXIT_OK;
}

static void release(struct atomic_file *af)
{
	free(af->path);
	free(af->tmp);
	af->path = af->tmp = NULL;
	af->fp = NULL;
}

void atomic_abort(struct atomic_file *af)
{
	if (af->fp) {
		fclose(af->fp);
		unlink(af->tmp);
	}
	release(af);
}

int fsync_parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	free(dir);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

static enum exit_code commit(struct atomic_file *af, int dirsync, struct diag *err)
{
	int e = 0;
	if (ferror(af->fp) || fflush(af->fp) != 0)
		e = errno ? errno : EIO;
	else if (fsync(fileno(af->fp)) != 0)
		e = errno;
	if (fclose(af->fp) != 0 && !e)
		e = errno;
	af->fp = NULL;
	crash_point();
	if (!e && rename(af->tmp, af->path) != 0)
		e = errno;
	if (e) {
		unlink(af->tmp);
		enum exit_code rc = diag_errno(err, EXIT_IOERR, e, "%s: cannot write", af->path);
		release(af);
		return rc;
	}
	if (dirsync)
		fsync_parent_dir(af->path);
	crash_point();
	release(af);
	return EXIT_OK;
}

enum exit_code atomic_commit(struct atomic_file *af, struct diag *err)
{
	return commit(af, 1, err);
}

static enum exit_code write_whole(const char *path, const void *data, size_t n, int dirsync, struct diag *err)
{
	struct atomic_file af;
	enum exit_code rc = atomic_open(&af, path, err);
	if (rc)
		return rc;
	fwrite(data, 1, n, af.fp);
	return commit(&af, dirsync, err);
}

enum exit_code atomic_write(const char *path, const void *data, size_t n, struct diag *err)
{
	return write_whole(path, data, n, 1, err);
}

enum exit_code atomic_write_nodirsync(const char *path, const void *data, size_t n, struct diag *err)
{
	return write_whole(path, data, n, 0, err);
}

enum exit_code ensure_dir(const char *path, struct diag *err)
{
	struct stat st;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return EXIT_OK;
		return diag_set(err, EXIT_CANTCREAT, "%s: not a folder", path);
	}
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		return diag_errno(err, EXIT_CANTCREAT, errno, "%s: cannot create folder", path);
	return EXIT_OK;
}

/* "NAME.tmp.XXXXXX", as atomic_open names them. */
static int is_leftover(const char *name)
{
	const char *t = strstr(name, ".tmp.");
	return t && t != name && strlen(t + 5) == 6;
}

static void sweep_one(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		struct stat st;
		if (lstat(path, &st) == 0) {
			if (S_ISREG(st.st_mode) && is_leftover(e->d_name))
				unlink(path);
			else if (S_ISDIR(st.st_mode) && depth > 0)
				sweep_one(path, depth - 1);
		}
		free(path);
	}
	closedir(d);
}

void atomic_sweep(const char *dir)
{
	sweep_one(dir, 1);
}

/* Cuts a last line that a crash left without its line break. */
enum exit_code atomic_repair_tail(const char *path, struct diag *err)
{
	int fd = open(path, O_RDWR);
	if (fd < 0)
		return diag_errno(err, EXIT_IOERR, errno, "%s: cannot open", path);
	off_t size = lseek(fd, 0, SEEK_END), keep = size;
	char buf[4096];
	while (keep > 0) {
		off_t from = keep > (off_t)sizeof buf ? keep - (off_t)sizeof buf : 0;
		ssize_t n = pread(fd, buf, (size_t)(keep - from), from);
		if (n <= 0)
			break;
		ssize_t i = n - 1;
		while (i >= 0 && buf[i] != '\n')
			i--;
		if (i >= 0) {
			keep = from + i + 1;
			break;
		}
		keep = from;
	}
	enum exit_code rc = EXIT_OK;
	if (keep < size) {
		fprintf(stderr, "crmbatch: %s: repairing a torn last line (%lld bytes from an interrupted run)\n",
			path, (long long)(size - keep));
		if (ftruncate(fd, keep) != 0 || fsync(fd) != 0)
			rc = diag_errno(err, EXIT_IOERR, errno, "%s: cannot repair", path);
	}
	close(fd);
	return rc;
}


/* atomic: temp file, fsync, rename, fsync folder (include/atomic.h). */
#define _GNU_SOURCE 1 /* syncfs */
#include "atomic.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "faults.h"
#include "xalloc.h"

/* Creates "PATH.tmp.XXXXXX" (six letters or digits, as atomic_sweep
 * recognises them) with O_EXCL; returns its descriptor, or -1 with errno.
 * Mode 0666 lets the kernel apply the umask, as for any new file (mkstemp
 * would make 0600, and changing the umask is not safe with threads). */
static int create_temp(const char *path, char **tmp)
{
	static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	static unsigned long seq;
	for (int attempt = 0; attempt < 100; attempt++) {
		unsigned long v = __atomic_add_fetch(&seq, 1, __ATOMIC_RELAXED) * 7919u + (unsigned long)getpid() * 1000003u;
		char suffix[7];
		for (int i = 0; i < 6; i++, v /= 62)
			suffix[i] = digits[v % 62];
		suffix[6] = '\0';
		*tmp = xasprintf("%s.tmp.%s", path, suffix);
		int fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
		free(*tmp);
	}
	*tmp = NULL;
	errno = EEXIST;
	return -1;
}

enum exit_code atomic_open(struct atomic_file *af, const char *path, struct diag *err)
{
	af->path = xstrdup(path);
	af->fp = NULL;
	int fd = create_temp(path, &af->tmp);
	if (fd < 0) {
		int e = errno;
		atomic_abort(af);
		return diag_errno(err, EXIT_CANTCREAT, e, "%s: cannot create", path);
	}
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

enum exit_code atomic_commit(struct atomic_file *af, struct diag *err)
{
	int e = write_fault();
	if (e)
		__fpurge(af->fp); /* as if nothing reached the disk */
	else if (ferror(af->fp) || fflush(af->fp) != 0)
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
	/* The rename is durable only once the folder is: a folder that cannot
	 * be synced is an I/O error, as the file's own fsync would be. */
	if (fsync_parent_dir(af->path) != 0) {
		enum exit_code rc = diag_errno(err, EXIT_IOERR, errno, "%s: cannot sync its folder", af->path);
		release(af);
		return rc;
	}
	crash_point();
	release(af);
	return EXIT_OK;
}

enum exit_code atomic_write(const char *path, const void *data, size_t n, struct diag *err)
{
	struct atomic_file af;
	enum exit_code rc = atomic_open(&af, path, err);
	if (rc)
		return rc;
	fwrite(data, 1, n, af.fp);
	return atomic_commit(&af, err);
}

enum exit_code atomic_stage(const char *path, const void *data, size_t n, char **tmp, struct diag *err)
{
	int fd = create_temp(path, tmp);
	if (fd < 0)
		return diag_errno(err, EXIT_CANTCREAT, errno, "%s: cannot create", path);
	const char *p = data;
	int e = write_fault();
	while (n > 0 && !e) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			e = w < 0 ? errno : EIO;
			break;
		}
		p += w;
		n -= (size_t)w;
	}
	if (close(fd) != 0 && !e)
		e = errno;
	if (e) {
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
		return diag_errno(err, EXIT_IOERR, e, "%s: cannot write", path);
	}
	crash_point();
	return EXIT_OK;
}

int atomic_sync_fs(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	int e = syncfs(fd) == 0 ? 0 : errno;
	close(fd);
	crash_point();
	return e;
}

enum exit_code atomic_place(char *tmp, struct diag *err)
{
	enum exit_code rc = EXIT_OK;
	char *path = xstrndup(tmp, strlen(tmp) - strlen(".tmp.XXXXXX")); /* as create_temp names it */
	if (rename(tmp, path) != 0) {
		rc = diag_errno(err, EXIT_IOERR, errno, "%s: cannot write", path);
		unlink(tmp);
	}
	free(path);
	free(tmp);
	crash_point();
	return rc;
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


int atomic_tail_torn(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	char c = '\n';
	off_t size = lseek(fd, 0, SEEK_END);
	int torn = size > 0 && pread(fd, &c, 1, size - 1) == 1 && c != '\n';
	close(fd);
	return torn;
}

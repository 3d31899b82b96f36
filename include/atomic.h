/*
 * atomic: output files that appear whole or not at all.
 *
 * A file is written to a temporary name in its own folder, then flushed,
 * fsynced, renamed over the final name, and the folder fsynced (as redis
 * does for its AOF), so a run killed at any moment leaves either the old
 * file or the new one, never a torn one.
 */
#ifndef CRMBATCH_ATOMIC_H
#define CRMBATCH_ATOMIC_H

#include <stdio.h>

#include "diag.h"

struct atomic_file {
	char *path;  /* final name (owned) */
	char *tmp;   /* temporary name (owned) */
	FILE *fp;    /* write here between open and commit */
};

/* Creates the temporary file beside path. On failure nothing is left. */
enum exit_code atomic_open(struct atomic_file *af, const char *path, struct diag *err);
/* Flushes, fsyncs and renames into place; releases af in every case. */
enum exit_code atomic_commit(struct atomic_file *af, struct diag *err);
/* Drops the temporary file and releases af (safe after a failed open). */
void atomic_abort(struct atomic_file *af);

/* Writes n bytes as the whole content of path, atomically. */
enum exit_code atomic_write(const char *path, const void *data, size_t n, struct diag *err);

/*
 * Many files at once (a batch of documents), with one flush for all:
 * atomic_stage() writes each to its temporary name without fsync;
 * atomic_sync_fs() then makes everything written so far on the file
 * system durable with one syncfs(2), which merges what per-file fsyncs
 * would write block by block; atomic_place() renames each into place;
 * fsync_parent_dir() once per folder makes the renames durable. A crash
 * before the renames leaves only temporary files, which atomic_sweep()
 * removes on the next run.
 */
/* Writes n bytes to a new temporary file beside path. On success *tmp is
 * its name (owned by the caller, released by atomic_place); on failure
 * nothing is left and *tmp is NULL. */
enum exit_code atomic_stage(const char *path, const void *data, size_t n, char **tmp, struct diag *err);
/* syncfs on the file system holding folder dir; 0 or an errno value. */
int atomic_sync_fs(const char *dir);
/* Renames tmp (taken, freed) to the name it was staged for; on failure
 * removes tmp. */
enum exit_code atomic_place(char *tmp, struct diag *err);

/* fsyncs the folder that holds path, so a rename in it is durable. */
int fsync_parent_dir(const char *path);

/* Removes the temporary files a killed run left in dir and in its
 * immediate subfolders ("NAME.tmp.XXXXXX"). */
void atomic_sweep(const char *dir);

/* Cuts the last line of an append-only file when a crash left it without
 * its line break (as redis repairs a torn AOF tail), saying so on stderr. */
enum exit_code atomic_repair_tail(const char *path, struct diag *err);

/* Does path's last line lack its line break (a torn append)? */
int atomic_tail_torn(const char *path);

/* Creates folder path (one level) if it does not exist. */
enum exit_code ensure_dir(const char *path, struct diag *err);

#endif

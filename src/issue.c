/* issue: number, render in parallel, write, register (see include/issue.h). */
#include "issue.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "xalloc.h"

void fingerprint_field(struct sha256 *c, const char *s)
{
	if (s)
		sha256_update(c, s, strlen(s));
	sha256_update(c, "\t", 1); /* fields never run into each other */
}

void fingerprint_num(struct sha256 *c, int64_t v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	fingerprint_field(c, buf);
}

const char *job_keep(struct doc_job *job, char *s)
{
	if (job->ntexts == JOB_MAX_TEXTS)
		abort(); /* a stage keeps more texts than a document can show */
	job->texts[job->ntexts++] = s;
	return s;
}

void job_release(struct doc_job *job)
{
	for (size_t i = 0; i < job->ntexts; i++)
		free(job->texts[i]);
	free(job->rows);
	free(job->totals);
	reg_entry_release(&job->entry);
	memset(job, 0, sizeof *job);
}

/* Renders, writes (not yet durably) and fingerprints one numbered job
 * (a worker's task). */
static void render_job(const struct issuer *is, struct doc_job *job)
{
	unsigned char *pdf;
	size_t len;
	if (job->before_render)
		job->before_render(job, is);
	job->rc = pdfdoc_render(is->cfg, &job->doc, &pdf, &len, &job->err);
	if (job->rc)
		return;
	char name[128];
	pdfdoc_file_name(job->entry.number, name, sizeof name);
	char *path = xasprintf("%s/%s/%s.pdf", is->output_dir, job->info.subdir, name);
	job->rc = atomic_stage(path, pdf, len, &job->tmp[0], &job->err);
	if (!job->rc && job->doc.attachment) {
		/* The embedded file, also beside the PDF for those who read XML. */
		char *xml = xasprintf("%s/%s/%s.xml", is->output_dir, job->info.subdir, name);
		job->rc = atomic_stage(xml, job->doc.attachment, job->doc.attachment_len, &job->tmp[1], &job->err);
		free(xml);
	}
	if (!job->rc) {
		struct sha256 c;
		char hex[65];
		sha256_init(&c);
		sha256_update(&c, pdf, len);
		sha256_hex(&c, hex);
		struct reg_entry *e = &job->entry;
		const struct issue_info *info = &job->info;
		e->partner = xstrdup(info->partner ? info->partner : "");
		e->untaxed = info->untaxed;
		e->tax = info->tax;
		e->total = info->total;
		e->currency = xstrdup(is->cfg->currency);
		e->due_date = info->due_date;
		e->payment_state = xstrdup(info->payment_state ? info->payment_state : "");
		e->issued_by = xstrdup(is->user);
		e->file = xasprintf("%s/%s.pdf", info->subdir, name);
		e->sha256 = xstrdup(hex);
		e->content = xstrdup(info->content);
	}
	free(path);
	free(pdf);
}

/* Removes what a job wrote and has not put in place. */
static void drop_temps(struct doc_job *job)
{
	for (int k = 0; k < 2; k++)
		if (job->tmp[k]) {
			unlink(job->tmp[k]);
			free(job->tmp[k]);
			job->tmp[k] = NULL;
		}
}

/* Puts a durable job's files in place. */
static void place_job(struct doc_job *job)
{
	for (int k = 0; k < 2 && !job->rc; k++)
		if (job->tmp[k]) {
			job->rc = atomic_place(job->tmp[k], &job->err);
			job->tmp[k] = NULL;
		}
	drop_temps(job);
}

/* The folders a batch writes into, and which of them to syncfs: one per
 * file system (a folder may be a mount of its own). */
#define MAX_FOLDERS 8 /* a batch holds a few kinds of documents */
struct folders {
	char *path[MAX_FOLDERS];
	int own_fs[MAX_FOLDERS]; /* the first of its file system */
	size_t n;
};

/*
 * Workers take jobs in order and write them; this thread meanwhile makes
 * what they wrote durable. Each round takes the epoch E and starts the
 * next, then calls syncfs: a job that recorded an epoch <= E had closed
 * its files before that syncfs began, so it is durable when the call
 * returns and its files can be renamed into place. Rounds follow each
 * other while the workers render, so the waits for the disk overlap the
 * rendering instead of following it.
 */
struct pool {
	const struct issuer *is;
	const struct folders *dirs;
	struct doc_job *jobs;
	size_t n;
	size_t next;             /* next job to take */
	size_t written, settled; /* jobs written (or failed), jobs done with */
	int running;             /* workers still running */
	unsigned long epoch;
	pthread_mutex_t mu;
	pthread_cond_t wake;     /* a job was written, or a worker ended */
};

static void *worker(void *arg)
{
	struct pool *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		size_t i = p->next;
		while (i < p->n && p->jobs[i].result != ISSUED)
			i++;
		p->next = i + 1;
		if (i >= p->n)
			break;
		pthread_mutex_unlock(&p->mu);
		render_job(p->is, &p->jobs[i]);
		pthread_mutex_lock(&p->mu);
		p->jobs[i].epoch = p->epoch;
		p->written++;
		pthread_cond_signal(&p->wake);
	}
	p->running--;
	pthread_cond_signal(&p->wake);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* This thread's part: sync and place until every job is done with.
 * Returns 0 or the errno of a failed syncfs (nothing is placed after it). */
static int settle(struct pool *p, size_t todo)
{
	int sync_err = 0;
	size_t *ready = xmalloc(todo * sizeof *ready);
	pthread_mutex_lock(&p->mu);
	while (p->settled < todo) {
		while (p->written == p->settled && p->running > 0)
			pthread_cond_wait(&p->wake, &p->mu);
		unsigned long e = p->epoch++;
		pthread_mutex_unlock(&p->mu);
		for (size_t d = 0; d < p->dirs->n && !sync_err; d++)
			if (p->dirs->own_fs[d])
				sync_err = atomic_sync_fs(p->dirs->path[d]);
		pthread_mutex_lock(&p->mu);
		size_t nready = 0;
		for (size_t i = 0; i < p->n; i++) {
			struct doc_job *j = &p->jobs[i];
			if (j->result == ISSUED && j->epoch && j->epoch <= e) {
				j->epoch = 0; /* done with */
				ready[nready++] = i;
			}
		}
		p->settled += nready;
		pthread_mutex_unlock(&p->mu);
		for (size_t k = 0; k < nready; k++) {
			struct doc_job *j = &p->jobs[ready[k]];
			if (sync_err || j->rc)
				drop_temps(j);
			else
				place_job(j);
		}
		pthread_mutex_lock(&p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	free(ready);
	return sync_err;
}

/* The folders the issued jobs go to, created, with their file systems. */
static enum exit_code folders_of(const struct issuer *is, const struct doc_job *jobs, size_t n,
				 struct folders *dirs, struct diag *err)
{
	dev_t dev[MAX_FOLDERS];
	dirs->n = 0;
	for (size_t i = 0; i < n; i++) {
		if (jobs[i].result != ISSUED)
			continue;
		char *dir = xasprintf("%s/%s", is->output_dir, jobs[i].info.subdir);
		size_t d = 0;
		while (d < dirs->n && strcmp(dirs->path[d], dir) != 0)
			d++;
		if (d < dirs->n) {
			free(dir);
			continue;
		}
		if (dirs->n == MAX_FOLDERS)
			abort();
		dirs->path[dirs->n++] = dir;
		enum exit_code rc = ensure_dir(dir, err);
		struct stat st;
		if (!rc && stat(dir, &st) != 0)
			rc = diag_errno(err, EXIT_CANTCREAT, errno, "%s: cannot open folder", dir);
		if (rc)
			return rc;
		dev[d] = st.st_dev;
		dirs->own_fs[d] = 1;
		for (size_t e = 0; e < d; e++)
			if (dev[e] == dev[d])
				dirs->own_fs[d] = 0;
	}
	return EXIT_OK;
}

/* Renders and writes the numbered jobs, makes them durable and puts them
 * in place, then fsyncs their folders (once each, so that the renames are
 * durable before any register line names them). */
static enum exit_code write_all(const struct issuer *is, struct doc_job *jobs, size_t n, size_t todo,
				const struct folders *dirs, struct diag *err)
{
	int nthreads = is->workers > 1 ? is->workers : 1;
	if ((size_t)nthreads > todo)
		nthreads = (int)todo;
	if (nthreads > 64)
		nthreads = 64;
	/* Epochs start at 1: 0 marks a job not written yet, or done with. */
	struct pool p = { is, dirs, jobs, n, 0, 0, 0, nthreads, 1, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER };
	pthread_t tids[64];
	for (int t = 0; t < nthreads; t++)
		if (pthread_create(&tids[t], NULL, worker, &p) != 0)
			abort();
	int sync_err = settle(&p, todo);
	for (int t = 0; t < nthreads; t++)
		pthread_join(tids[t], NULL);
	pthread_cond_destroy(&p.wake);
	pthread_mutex_destroy(&p.mu);
	if (sync_err)
		return diag_errno(err, EXIT_IOERR, sync_err, "%s: cannot flush the documents to disk", is->output_dir);
	for (size_t d = 0; d < dirs->n; d++) {
		char *dot = xasprintf("%s/.", dirs->path[d]);
		int bad = fsync_parent_dir(dot) != 0 ? errno : 0;
		free(dot);
		if (bad)
			return diag_errno(err, EXIT_IOERR, bad, "%s: cannot sync the folder", dirs->path[d]);
	}
	return EXIT_OK;
}

enum exit_code issue_jobs(struct issuer *is, struct doc_job *jobs, size_t n, struct diag *err)
{
	/* 1. In order, in this thread: what is new, and its number. */
	size_t todo = 0;
	for (size_t i = 0; i < n; i++) {
		struct doc_job *j = &jobs[i];
		const struct reg_doc *prev = register_latest(is->reg, j->info.kind, j->info.source_ref);
		if (prev && register_same_content(prev, j->info.content)) {
			j->result = UNCHANGED;
			j->number = prev->number;
			is->unchanged++;
			continue;
		}
		j->result = ISSUED;
		register_prepare(is->reg, j->info.kind, j->info.source_ref, is->date,
				 is->cfg->numbering[j->info.kind], &j->entry);
		j->doc.number = j->entry.number;
		todo++;
	}
	if (todo == 0)
		return EXIT_OK;

	/* 2. Render and write, in parallel. */
	struct folders dirs;
	enum exit_code rc = folders_of(is, jobs, n, &dirs, err);
	if (!rc)
		rc = write_all(is, jobs, n, todo, &dirs, err);
	for (size_t d = 0; d < dirs.n; d++)
		free(dirs.path[d]);
	if (rc)
		return rc;

	if (is->before_append && (rc = is->before_append(is->hook_ctx, jobs, n, err)))
		return rc;

	/* 3. Register the documents up to the first failure, in order, with
	 * one write and one fsync. */
	struct reg_entry *entries = xmalloc(todo * sizeof *entries);
	size_t k = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		if (jobs[i].result != ISSUED)
			continue;
		if (jobs[i].rc) {
			rc = jobs[i].rc;
			*err = jobs[i].err;
			break;
		}
		entries[k++] = jobs[i].entry;
	}
	enum exit_code arc = k ? register_append(is->reg, entries, k, err) : EXIT_OK;
	if (!arc) {
		/* The register owns the strings now; point the jobs at them. */
		size_t base = is->reg->n - k, m = 0;
		for (size_t i = 0; i < n && m < k; i++)
			if (jobs[i].result == ISSUED && !jobs[i].rc) {
				memset(&jobs[i].entry, 0, sizeof jobs[i].entry);
				jobs[i].number = is->reg->v[base + m++].number;
			}
		is->issued += (long)k;
	}
	free(entries);
	return rc ? rc : arc;
}

/* pdfzip: libharu's stream compression, collected, memoised (include/pdfzip.h). */
#include "pdfzip.h"
#include "interpose.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "xalloc.h"

enum { Z_NO_FLUSH = 0, Z_FINISH = 4 };
enum { Z_OK = 0, Z_STREAM_END = 1, Z_STREAM_ERROR = -2, Z_MEM_ERROR = -4, Z_VERSION_ERROR = -6 };

/* Level 1: the sample invoice is 20.8 KB at libdeflate's level 1, 20.4 KB
 * at level 6, which takes about three times as long; with zlib, level 1
 * ran 10,000 invoices at 1,001/s instead of 679/s at libharu's level 6. */
#define LEVEL 1

/* zlib's own functions, the next definitions after this executable's, for
 * streams pdfzip did not start. */
static struct {
	pthread_once_t once;
	int (*deflate)(struct z_stream_s *, int);
	int (*deflate_end)(struct z_stream_s *);
	pthread_key_t compressor; /* each thread's libdeflate compressor */
} zlib = { PTHREAD_ONCE_INIT, 0, 0, 0 };

/*
 * The streams are compressed with libdeflate, a zlib-format encoder three
 * times as fast as zlib's at its fastest level (measured: zlib took half
 * an invoice's CPU time once each document embedded its own font subset),
 * and with smaller output. Each thread keeps its compressor: allocating
 * one costs more than compressing a short stream.
 */
static void compressor_free(void *c)
{
	libdeflate_free_compressor(c);
}

static void find_zlib(void)
{
	*(void **)&zlib.deflate = dlsym(RTLD_NEXT, "deflate");
	*(void **)&zlib.deflate_end = dlsym(RTLD_NEXT, "deflateEnd");
	if (!zlib.deflate || !zlib.deflate_end ||
	    pthread_key_create(&zlib.compressor, compressor_free) != 0) {
		/* libharu is linked with zlib; without it nothing compresses. */
		fprintf(stderr, "crmbatch: zlib not found at run time: %s\n", dlerror());
		abort();
	}
}

/* The memo: the last few large streams and their compressed bytes. The
 * fonts and the colour profile are in every document, so they stay; a
 * one-off stream (an invoice's XML) passes through and is evicted. */
#define MEMO_SLOTS 16
#define MEMO_MIN 8192 /* smaller streams are cheaper to compress than to keep */

struct memo_entry {
	unsigned char *in, *out;
	size_t in_len, out_len;
	unsigned long used;      /* clock of the last use; 0: empty slot */
};

static struct {
	pthread_mutex_t mu;
	struct memo_entry slot[MEMO_SLOTS];
	unsigned long clock;
	struct pdfzip_stats stats;
} memo = { PTHREAD_MUTEX_INITIALIZER, { { 0, 0, 0, 0, 0 } }, 0, { 0, 0 } };

/* One stream being compressed: its whole input, then its output. */
struct zjob {
	const void *tag;         /* &job_tag: this stream is one of ours */
	const char *version;     /* the zlib.h version libharu was built with */
	unsigned char *in, *out;
	size_t in_len, in_cap, out_len, out_pos;
	int finished;            /* out is computed; no more input */
};
static const char job_tag;

static struct zjob *ours(const struct z_stream_s *strm)
{
	struct zjob *j = strm->state;
	return j && j->tag == &job_tag ? j : NULL;
}

static int same_input(const struct memo_entry *e, const struct zjob *j)
{
	return e->used && e->in_len == j->in_len && memcmp(e->in, j->in, j->in_len) == 0;
}

/* Copies the memo's output for job's input into job; 1 on a hit. Under mu. */
static int memo_find(struct zjob *j)
{
	for (size_t i = 0; i < MEMO_SLOTS; i++) {
		struct memo_entry *e = &memo.slot[i];
		if (same_input(e, j)) {
			e->used = ++memo.clock;
			j->out = xmalloc(e->out_len);
			memcpy(j->out, e->out, e->out_len);
			j->out_len = e->out_len;
			return 1;
		}
	}
	return 0;
}

/* Keeps job's input and output in the least recently used slot. Under mu. */
static void memo_keep(const struct zjob *j)
{
	struct memo_entry *victim = &memo.slot[0];
	for (size_t i = 0; i < MEMO_SLOTS; i++) {
		struct memo_entry *e = &memo.slot[i];
		if (same_input(e, j))
			return; /* another thread kept the same stream meanwhile */
		if (e->used < victim->used)
			victim = e;
	}
	free(victim->in);
	free(victim->out);
	victim->in = xmalloc(j->in_len);
	memcpy(victim->in, j->in, j->in_len);
	victim->out = xmalloc(j->out_len);
	memcpy(victim->out, j->out, j->out_len);
	victim->in_len = j->in_len;
	victim->out_len = j->out_len;
	victim->used = ++memo.clock;
}

/* Compresses j's whole input into j->out, in zlib's format. */
static int compress(struct zjob *j)
{
	struct libdeflate_compressor *c = pthread_getspecific(zlib.compressor);
	if (!c) {
		c = libdeflate_alloc_compressor(LEVEL);
		if (!c || pthread_setspecific(zlib.compressor, c) != 0) {
			libdeflate_free_compressor(c);
			return Z_MEM_ERROR;
		}
	}
	size_t cap = libdeflate_zlib_compress_bound(c, j->in_len);
	j->out = xmalloc(cap);
	j->out_len = libdeflate_zlib_compress(c, j->in, j->in_len, j->out, cap);
	return j->out_len ? Z_OK : Z_STREAM_ERROR; /* 0: no room, which the bound rules out */
}

static int finish(struct zjob *j)
{
	int large = j->in_len >= MEMO_MIN;
	pthread_mutex_lock(&memo.mu);
	memo.stats.streams++;
	int hit = large && memo_find(j);
	if (hit)
		memo.stats.memo_hits++;
	pthread_mutex_unlock(&memo.mu);
	if (!hit) {
		int rc = compress(j);
		if (rc != Z_OK)
			return rc;
		if (large) {
			pthread_mutex_lock(&memo.mu);
			memo_keep(j);
			pthread_mutex_unlock(&memo.mu);
		}
	}
	j->finished = 1;
	return Z_OK;
}

int deflateInit_(struct z_stream_s *strm, int level, const char *version, int stream_size)
{
	(void)level; /* LEVEL, whatever libharu asks */
	if (!strm)
		return Z_STREAM_ERROR;
	if (!version || version[0] != '1' || stream_size != (int)sizeof *strm)
		return Z_VERSION_ERROR;
	pthread_once(&zlib.once, find_zlib);
	struct zjob *j = calloc(1, sizeof *j);
	if (!j)
		return Z_MEM_ERROR;
	j->tag = &job_tag;
	j->version = version;
	strm->state = j;
	strm->msg = NULL;
	strm->total_in = strm->total_out = 0;
	return Z_OK;
}

int deflate(struct z_stream_s *strm, int flush)
{
	struct zjob *j = strm ? ours(strm) : NULL;
	if (!j) {
		pthread_once(&zlib.once, find_zlib);
		return zlib.deflate(strm, flush);
	}
	if (!j->finished) {
		if (strm->avail_in) {
			if (j->in_len + strm->avail_in > j->in_cap) {
				j->in_cap = (j->in_len + strm->avail_in) * 2;
				j->in = xrealloc(j->in, j->in_cap);
			}
			memcpy(j->in + j->in_len, strm->next_in, strm->avail_in);
			j->in_len += strm->avail_in;
			strm->next_in += strm->avail_in;
			strm->total_in += strm->avail_in;
			strm->avail_in = 0;
		}
		if (flush == Z_NO_FLUSH)
			return Z_OK;
		if (flush != Z_FINISH)
			return Z_STREAM_ERROR; /* libharu only ever finishes */
		int rc = finish(j);
		if (rc != Z_OK)
			return rc;
	} else if (strm->avail_in) {
		return Z_STREAM_ERROR; /* input after Z_FINISH */
	}
	size_t n = j->out_len - j->out_pos;
	if (n > strm->avail_out)
		n = strm->avail_out;
	memcpy(strm->next_out, j->out + j->out_pos, n);
	j->out_pos += n;
	strm->next_out += n;
	strm->avail_out -= (unsigned)n;
	strm->total_out += n;
	return j->out_pos == j->out_len ? Z_STREAM_END : Z_OK;
}

int deflateEnd(struct z_stream_s *strm)
{
	struct zjob *j = strm ? ours(strm) : NULL;
	if (!j) {
		pthread_once(&zlib.once, find_zlib);
		return zlib.deflate_end(strm);
	}
	free(j->in);
	free(j->out);
	free(j);
	strm->state = NULL;
	return Z_OK;
}

void pdfzip_stats(struct pdfzip_stats *out)
{
	pthread_mutex_lock(&memo.mu);
	*out = memo.stats;
	pthread_mutex_unlock(&memo.mu);
}

/*
 * pdfzip: how libharu's PDF streams are compressed.
 *
 * libharu deflates every stream itself, at zlib's level 6, with no setting
 * for it, and every invoice embeds the same two font programs and the same
 * colour profile: deflating them again was most of an invoice's CPU time.
 * This module defines zlib's deflateInit_, deflate and deflateEnd, which
 * libharu's calls bind to (the executable comes first in the dynamic
 * linker's lookup). Each stream is collected whole, then compressed in
 * zlib's format with libdeflate at level 1, or taken from a memo of recent
 * large streams when the same bytes were compressed before.
 *
 * The output depends only on the stream's bytes, never on the memo's
 * state or on which thread came first, so documents stay byte-for-byte
 * reproducible. zlib is found at run time (it is libharu's dependency,
 * already loaded), so the build needs neither zlib's headers nor -lz. A
 * stream this module did not start (someone calling deflateInit2_) is
 * passed to zlib's own deflate untouched.
 */
#ifndef CRMBATCH_PDFZIP_H
#define CRMBATCH_PDFZIP_H

/*
 * zlib's ABI, as zlib.h declares it (stable since zlib 1.0; deflateInit_
 * is handed sizeof(z_stream) by its caller precisely so that a mismatch
 * is refused, which pdfzip does too), and the three functions pdfzip
 * defines. Nothing else in crmbatch includes zlib.h.
 */
struct z_stream_s {
	const unsigned char *next_in;
	unsigned avail_in;
	unsigned long total_in;
	unsigned char *next_out;
	unsigned avail_out;
	unsigned long total_out;
	const char *msg;
	void *state;
	void *zalloc, *zfree, *opaque;
	int data_type;
	unsigned long adler, reserved;
};
int deflateInit_(struct z_stream_s *strm, int level, const char *version, int stream_size);
int deflate(struct z_stream_s *strm, int flush);
int deflateEnd(struct z_stream_s *strm);

struct pdfzip_stats {
	long streams;   /* streams compressed since the process started */
	long memo_hits; /* of which taken from the memo */
};

/* Counts so far (thread-safe). */
void pdfzip_stats(struct pdfzip_stats *out);

#endif

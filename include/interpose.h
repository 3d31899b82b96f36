/*
 * interpose: the library internals crmbatch replaces, said once.
 *
 * crmbatch defines symbols that libharu calls through its own exported
 * names (the executable comes first in the dynamic linker's lookup), for
 * speed; each replacement keeps the original's contract:
 *   - HPDF_MemCpy, HPDF_MemSet (pdfdoc.c): libharu's byte-at-a-time copies,
 *     as libc's memmove and memset, returning the area's end as libharu's;
 *   - HPDF_TTFontDef_SaveFontData (pdffont.c): a built-in face's font
 *     program, written by pdffont as a subset of the glyphs libharu marked
 *     used, with the tables a PDF reader needs (check_pdffont proves it is
 *     a well-formed TrueType font and that the calls reach it); another
 *     font goes to libharu's own;
 *   - deflateInit_, deflate, deflateEnd (pdfzip.c): zlib's, for libharu's
 *     streams: libdeflate at level 1 in zlib's format, and a memo of
 *     repeated streams (check_pdfzip).
 * They rely on libharu 2.3.0's internal layouts (hpdf_fontdef.h,
 * hpdf_objects.h, HPDF_Doc's fields used by pdfdoc's Factur-X embedding):
 * a build against another libharu stops here, so that someone reads them
 * again before they are used with it.
 */
#ifndef CRMBATCH_INTERPOSE_H
#define CRMBATCH_INTERPOSE_H

#include <hpdf_version.h>

#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3 || HPDF_BUGFIX_VERSION != 0
#error "crmbatch replaces internals of libharu 2.3.0 (see include/interpose.h): check them against this version first"
#endif

#endif

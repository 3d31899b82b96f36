/* pdffont: built-in fonts, embedded whole, built once (include/pdffont.h). */
#include "pdffont.h"
#include "interpose.h"

#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonts.h"
#include "xalloc.h"

HPDF_Font pdffont_load(HPDF_Doc pdf, enum pdffont_face face)
{
	const unsigned char *start = face == PDFFONT_BOLD ? crmbatch_font_bold : crmbatch_font_regular;
	const unsigned char *end = face == PDFFONT_BOLD ? crmbatch_font_bold_end : crmbatch_font_regular_end;
	HPDF_Stream s = HPDF_MemStream_New(pdf->mmgr, 32 * 1024);
	if (!s || HPDF_Stream_Write(s, start, (HPDF_UINT)(end - start)) != HPDF_OK)
		return NULL;
	HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, s, HPDF_TRUE);
	if (!def)
		return NULL;
	if (HPDF_Doc_RegisterFontDef(pdf, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		return NULL;
	}
	/* The subset tag: HPDFAA, HPDFAB... as libharu names them. */
	if (pdf->ttfont_tag[0] == 0) {
		memcpy(pdf->ttfont_tag, "HPDFAA", 6);
	} else {
		for (int i = 5; i >= 0; i--) {
			if (++pdf->ttfont_tag[i] <= 'Z')
				break;
			pdf->ttfont_tag[i] = 'A';
		}
	}
	HPDF_TTFontDef_SetTagName(def, (char *)pdf->ttfont_tag);
	HPDF_Font font = HPDF_GetFont(pdf, def->base_font, "WinAnsiEncoding");
	if (!font)
		return NULL;
	/* libharu embeds the glyphs a document measured; measuring them all
	 * makes the font program the same in every document. */
	unsigned char all[256 - 32];
	for (size_t c = 0; c < sizeof all; c++)
		all[c] = (unsigned char)(c + 32);
	HPDF_Font_TextWidth(font, all, sizeof all);
	return font;
}

/*
 * The font programs built so far. libharu rebuilds a font program for
 * each document (reading the font four bytes at a time to checksum its
 * tables): 30 % of an invoice's CPU time. What it writes depends on the
 * font, its subset tag and the glyphs used, which together are the key;
 * with every glyph used, each face gives one program per run.
 */
struct built {
	char base_font[HPDF_LIMIT_MAX_NAME_LEN + 1]; /* with the tag: HPDFAA+DejaVuSans */
	HPDF_UINT32 source_size;
	HPDF_UINT16 num_glyphs;
	HPDF_BYTE *flags;        /* num_glyphs */
	HPDF_BYTE *bytes;        /* the program */
	HPDF_UINT len, length1;
};

#define MEMO_SLOTS 8

static struct {
	pthread_mutex_t mu;
	struct built slot[MEMO_SLOTS];
	size_t n;
	long built, reused;
} memo = { PTHREAD_MUTEX_INITIALIZER, { { { 0 }, 0, 0, 0, 0, 0, 0 } }, 0, 0, 0 };

static int same_key(const struct built *b, HPDF_TTFontDefAttr a)
{
	return b->num_glyphs == a->num_glyphs && b->source_size == HPDF_Stream_Size(a->stream) &&
	       strcmp(b->base_font, a->base_font) == 0 && memcmp(b->flags, a->glyph_tbl.flgs, a->num_glyphs) == 0;
}

HPDF_STATUS HPDF_TTFontDef_SaveFontData(HPDF_FontDef fontdef, HPDF_Stream stream);
HPDF_STATUS HPDF_TTFontDef_SaveFontData(HPDF_FontDef fontdef, HPDF_Stream stream)
{
	HPDF_TTFontDefAttr a = fontdef->attr;
	pthread_mutex_lock(&memo.mu);
	for (size_t i = 0; i < memo.n; i++) {
		struct built *b = &memo.slot[i];
		if (same_key(b, a)) {
			memo.reused++;
			pthread_mutex_unlock(&memo.mu);
			/* Entries are never changed once kept: no lock needed. */
			a->length1 = b->length1;
			return HPDF_Stream_Write(stream, b->bytes, b->len);
		}
	}
	memo.built++;
	pthread_mutex_unlock(&memo.mu);

	/* libharu's own, into a stream of our own, then copied. */
	static HPDF_STATUS (*save)(HPDF_FontDef, HPDF_Stream);
	if (!__atomic_load_n(&save, __ATOMIC_ACQUIRE)) {
		HPDF_STATUS (*f)(HPDF_FontDef, HPDF_Stream);
		*(void **)&f = dlsym(RTLD_NEXT, "HPDF_TTFontDef_SaveFontData");
		if (!f) {
			fprintf(stderr, "crmbatch: libharu's HPDF_TTFontDef_SaveFontData not found: %s\n", dlerror());
			abort();
		}
		__atomic_store_n(&save, f, __ATOMIC_RELEASE);
	}
	HPDF_Stream tmp = HPDF_MemStream_New(fontdef->mmgr, 32 * 1024);
	if (!tmp)
		return HPDF_Error_GetCode(fontdef->error);
	HPDF_STATUS rc = save(fontdef, tmp);
	HPDF_UINT len = HPDF_Stream_Size(tmp);
	HPDF_BYTE *bytes = xmalloc(len ? len : 1);
	HPDF_UINT got = len;
	if (rc == HPDF_OK && (rc = HPDF_Stream_Seek(tmp, 0, HPDF_SEEK_SET)) == HPDF_OK)
		rc = HPDF_Stream_Read(tmp, bytes, &got);
	if (rc == HPDF_STREAM_EOF && got == len)
		rc = HPDF_OK;
	HPDF_Stream_Free(tmp);
	if (rc == HPDF_OK)
		rc = HPDF_Stream_Write(stream, bytes, len);
	if (rc != HPDF_OK) {
		free(bytes);
		return rc;
	}
	pthread_mutex_lock(&memo.mu);
	int kept = 0;
	for (size_t i = 0; i < memo.n && !kept; i++)
		kept = same_key(&memo.slot[i], a); /* another thread built it meanwhile */
	if (!kept && memo.n < MEMO_SLOTS) {
		/* A full memo keeps what it has: a document with other glyphs is
		 * built as libharu always did. */
		struct built *b = &memo.slot[memo.n];
		memcpy(b->base_font, a->base_font, sizeof b->base_font);
		b->source_size = HPDF_Stream_Size(a->stream);
		b->num_glyphs = a->num_glyphs;
		b->flags = xmalloc(a->num_glyphs ? a->num_glyphs : 1);
		memcpy(b->flags, a->glyph_tbl.flgs, a->num_glyphs);
		b->bytes = bytes;
		b->len = len;
		b->length1 = a->length1;
		memo.n++; /* published under mu; readers take mu before reading */
		bytes = NULL;
	}
	pthread_mutex_unlock(&memo.mu);
	free(bytes);
	return HPDF_OK;
}

void pdffont_stats(long *built, long *reused)
{
	pthread_mutex_lock(&memo.mu);
	*built = memo.built;
	*reused = memo.reused;
	pthread_mutex_unlock(&memo.mu);
}

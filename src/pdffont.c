/* pdffont: built-in fonts, each document's own subset (include/pdffont.h). */
#include "pdffont.h"
#include "interpose.h"

#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
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
	/* libharu marks each glyph the document measures or shows (and the
	 * parts of a composite one); the subset is written from those marks. */
	return HPDF_GetFont(pdf, def->base_font, "WinAnsiEncoding");
}

/*
 * A built-in face, parsed once: the tables every subset copies as they
 * are, and where each glyph's outline lies. The tables kept are those a
 * PDF reader uses to draw a simple TrueType font (ISO 32000-1 9.9: glyf,
 * loca, head, hhea, hmtx, maxp, cmap), OS/2, post (format 3: the glyph
 * names are not needed with a cmap) and a name table cut to the records
 * 0 to 7 (copyright, names, version, trademark: the licence's notices).
 * Layout tables (GPOS, GSUB, GDEF, MATH), gasp and the 9 KB licence text
 * (name 13) are for text engines, not for a PDF's fixed glyph positions.
 */
enum { T_OS2, T_CMAP, T_GLYF, T_HEAD, T_HHEA, T_HMTX, T_LOCA, T_MAXP, T_NAME, T_POST, T_COUNT };
static const char tags[T_COUNT][5] = { "OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post" };

struct face {
	const unsigned char *src;
	size_t src_len;
	const unsigned char *table[T_COUNT]; /* into src, or own (name, post) */
	uint32_t len[T_COUNT];
	unsigned char *name, *post;          /* owned rebuilt tables */
	uint16_t num_glyphs;
	int long_loca;                       /* head.indexToLocFormat */
	uint32_t *goff;                      /* glyph byte offsets in glyf, num_glyphs + 1 */
};

static uint16_t be16(const unsigned char *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t be32(const unsigned char *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static void put16(unsigned char *p, uint32_t v) { p[0] = (unsigned char)(v >> 8); p[1] = (unsigned char)v; }
static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* The name table's records 0..7 of the Windows platform, strings after. */
static int cut_name(struct face *f, const unsigned char *t, uint32_t len)
{
	if (len < 6)
		return -1;
	uint16_t count = be16(t + 2), strings = be16(t + 4);
	if (6 + 12u * count > len || strings > len)
		return -1;
	size_t keep = 0, bytes = 0;
	for (uint16_t i = 0; i < count; i++) {
		const unsigned char *r = t + 6 + 12 * i;
		if (be16(r) == 3 && be16(r + 6) <= 7) {
			if ((size_t)strings + be16(r + 10) + be16(r + 8) > len)
				return -1;
			keep++;
			bytes += be16(r + 8);
		}
	}
	size_t out_len = 6 + 12 * keep + bytes;
	unsigned char *out = xmalloc(out_len);
	put16(out, 0);
	put16(out + 2, (uint32_t)keep);
	put16(out + 4, (uint32_t)(6 + 12 * keep));
	unsigned char *rec = out + 6, *str = out + 6 + 12 * keep;
	size_t at = 0;
	for (uint16_t i = 0; i < count; i++) {
		const unsigned char *r = t + 6 + 12 * i;
		if (be16(r) == 3 && be16(r + 6) <= 7) {
			memcpy(rec, r, 8);
			put16(rec + 8, be16(r + 8));
			put16(rec + 10, (uint32_t)at);
			memcpy(str + at, t + strings + be16(r + 10), be16(r + 8));
			at += be16(r + 8);
			rec += 12;
		}
	}
	f->name = out;
	f->table[T_NAME] = out;
	f->len[T_NAME] = (uint32_t)out_len;
	return 0;
}

/* 0, or -1 when src is not a TrueType font this module can cut. */
static int face_parse(struct face *f, const unsigned char *src, size_t src_len)
{
	memset(f, 0, sizeof *f);
	f->src = src;
	f->src_len = src_len;
	if (src_len < 12 || be32(src) != 0x00010000)
		return -1;
	uint16_t n = be16(src + 4);
	if (12 + 16u * n > src_len)
		return -1;
	for (uint16_t i = 0; i < n; i++) {
		const unsigned char *e = src + 12 + 16 * i;
		uint32_t off = be32(e + 8), len = be32(e + 12);
		if (off > src_len || len > src_len - off)
			return -1;
		for (int t = 0; t < T_COUNT; t++)
			if (memcmp(e, tags[t], 4) == 0) {
				f->table[t] = src + off;
				f->len[t] = len;
			}
	}
	for (int t = 0; t < T_COUNT; t++)
		if (!f->table[t])
			return -1;
	if (f->len[T_HEAD] < 54 || f->len[T_MAXP] < 6 || f->len[T_POST] < 32)
		return -1;
	f->long_loca = be16(f->table[T_HEAD] + 50) != 0;
	f->num_glyphs = be16(f->table[T_MAXP] + 4);
	uint32_t unit = f->long_loca ? 4 : 2;
	if (f->len[T_LOCA] < unit * (f->num_glyphs + 1u))
		return -1;
	f->goff = xmalloc(sizeof *f->goff * (f->num_glyphs + 1u));
	for (uint32_t g = 0; g <= f->num_glyphs; g++) {
		const unsigned char *p = f->table[T_LOCA] + unit * g;
		f->goff[g] = f->long_loca ? be32(p) : 2u * be16(p);
		if (f->goff[g] > f->len[T_GLYF] || (g && f->goff[g] < f->goff[g - 1]))
			return -1;
	}
	if (cut_name(f, f->table[T_NAME], f->len[T_NAME]) != 0)
		return -1;
	f->post = xmalloc(32);
	memcpy(f->post, f->table[T_POST], 32);
	put32(f->post, 0x00030000);
	f->table[T_POST] = f->post;
	f->len[T_POST] = 32;
	return 0;
}

/* Marks the glyphs composite glyphs are made of (their parts may be
 * composite too: repeated until nothing changes). */
static void mark_parts(const struct face *f, unsigned char *used)
{
	const unsigned char *glyf = f->table[T_GLYF];
	for (int changed = 1; changed;) {
		changed = 0;
		for (uint32_t g = 0; g < f->num_glyphs; g++) {
			uint32_t at = f->goff[g], end = f->goff[g + 1];
			if (!used[g] || end - at < 10 || (int16_t)be16(glyf + at) >= 0)
				continue;
			at += 10;
			for (uint16_t flags = 0x20; (flags & 0x20) && at + 4 <= end;) {
				flags = be16(glyf + at);
				uint16_t part = be16(glyf + at + 2);
				if (part < f->num_glyphs && !used[part])
					used[part] = changed = 1;
				at += 4 + (flags & 1 ? 4 : 2) + (flags & 0x80 ? 8 : flags & 0x40 ? 4 : flags & 8 ? 2 : 0);
			}
		}
	}
}

static uint32_t checksum(const unsigned char *p, size_t len)
{
	uint32_t sum = 0;
	size_t i = 0;
	for (; i + 4 <= len; i += 4)
		sum += be32(p + i);
	if (i < len) {
		unsigned char last[4] = { 0 };
		memcpy(last, p + i, len - i);
		sum += be32(last);
	}
	return sum;
}

#define PAD4(n) (((n) + 3u) & ~3u)

/*
 * The font program of a subset: f's tables, glyf holding the outlines of
 * the glyphs marked in used (the others empty, as libharu writes them:
 * glyph ids stay those of the face), loca pointing at them. Owned by the
 * caller; *out_len its length.
 */
static unsigned char *face_subset(const struct face *f, unsigned char *used, size_t *out_len)
{
	used[0] = 1; /* .notdef, always */
	mark_parts(f, used);
	uint32_t glyf_len = 0;
	for (uint32_t g = 0; g < f->num_glyphs; g++)
		if (used[g])
			glyf_len += f->goff[g + 1] - f->goff[g];
	uint32_t unit = f->long_loca ? 4 : 2;
	uint32_t len[T_COUNT];
	memcpy(len, f->len, sizeof len);
	len[T_GLYF] = glyf_len;
	len[T_LOCA] = unit * (f->num_glyphs + 1u);
	size_t dir = 12 + 16 * T_COUNT, total = dir;
	for (int t = 0; t < T_COUNT; t++)
		total += PAD4(len[t]);
	unsigned char *out = xmalloc(total);
	memset(out, 0, total);
	/* The offset table: 10 tables, search range 16 * 8 (ISO/IEC 14496-22 5.2). */
	put32(out, 0x00010000);
	put16(out + 4, T_COUNT);
	put16(out + 6, 128);
	put16(out + 8, 3);
	put16(out + 10, 16 * T_COUNT - 128);
	size_t at = dir, head_at = 0;
	for (int t = 0; t < T_COUNT; t++) {
		unsigned char *p = out + at;
		if (t == T_GLYF) {
			for (uint32_t g = 0; g < f->num_glyphs; g++)
				if (used[g]) {
					uint32_t n = f->goff[g + 1] - f->goff[g];
					memcpy(p, f->table[T_GLYF] + f->goff[g], n);
					p += n;
				}
		} else if (t == T_LOCA) {
			uint32_t o = 0;
			for (uint32_t g = 0; g <= f->num_glyphs; g++) {
				if (f->long_loca)
					put32(p + 4 * g, o);
				else
					put16(p + 2 * g, o / 2);
				if (g < f->num_glyphs && used[g])
					o += f->goff[g + 1] - f->goff[g];
			}
		} else {
			memcpy(p, f->table[t], len[t]);
			if (t == T_HEAD) {
				put32(p + 8, 0); /* checkSumAdjustment, set below */
				head_at = at;
			}
		}
		unsigned char *e = out + 12 + 16 * t;
		memcpy(e, tags[t], 4);
		put32(e + 4, checksum(out + at, len[t]));
		put32(e + 8, (uint32_t)at);
		put32(e + 12, len[t]);
		at += PAD4(len[t]);
	}
	put32(out + head_at + 8, 0xB1B0AFBAu - checksum(out, total));
	*out_len = total;
	return out;
}

static struct {
	pthread_once_t once;
	struct face face[2]; /* PDFFONT_REGULAR, PDFFONT_BOLD */
	int ok[2];
} faces = { PTHREAD_ONCE_INIT, { { 0 } }, { 0, 0 } };

static void faces_parse(void)
{
	faces.ok[PDFFONT_REGULAR] = face_parse(&faces.face[PDFFONT_REGULAR], crmbatch_font_regular,
					       (size_t)(crmbatch_font_regular_end - crmbatch_font_regular)) == 0;
	faces.ok[PDFFONT_BOLD] = face_parse(&faces.face[PDFFONT_BOLD], crmbatch_font_bold,
					    (size_t)(crmbatch_font_bold_end - crmbatch_font_bold)) == 0;
}

/* The built-in face whose bytes fontdef was loaded from; NULL for another font. */
static const struct face *face_of(HPDF_FontDef fontdef)
{
	HPDF_TTFontDefAttr a = fontdef->attr;
	pthread_once(&faces.once, faces_parse);
	HPDF_UINT size = a->stream ? HPDF_Stream_Size(a->stream) : 0;
	for (int i = 0; i < 2; i++) {
		const struct face *f = &faces.face[i];
		if (!faces.ok[i] || f->src_len != size || f->num_glyphs != a->num_glyphs)
			continue;
		unsigned char *b = xmalloc(size ? size : 1);
		HPDF_UINT got = size;
		HPDF_STATUS rc = HPDF_Stream_Seek(a->stream, 0, HPDF_SEEK_SET);
		if (rc == HPDF_OK)
			rc = HPDF_Stream_Read(a->stream, b, &got);
		int same = (rc == HPDF_OK || rc == HPDF_STREAM_EOF) && got == size && memcmp(b, f->src, size) == 0;
		free(b);
		if (same)
			return f;
	}
	return NULL;
}

static struct {
	pthread_mutex_t mu;
	long subsets, glyphs;
} stats = { PTHREAD_MUTEX_INITIALIZER, 0, 0 };

HPDF_STATUS HPDF_TTFontDef_SaveFontData(HPDF_FontDef fontdef, HPDF_Stream stream);
HPDF_STATUS HPDF_TTFontDef_SaveFontData(HPDF_FontDef fontdef, HPDF_Stream stream)
{
	HPDF_TTFontDefAttr a = fontdef->attr;
	const struct face *f = face_of(fontdef);
	if (!f) {
		/* Not a built-in face: libharu's own. */
		HPDF_STATUS (*save)(HPDF_FontDef, HPDF_Stream);
		*(void **)&save = dlsym(RTLD_NEXT, "HPDF_TTFontDef_SaveFontData");
		if (!save) {
			fprintf(stderr, "crmbatch: libharu's HPDF_TTFontDef_SaveFontData not found: %s\n", dlerror());
			abort();
		}
		return save(fontdef, stream);
	}
	unsigned char *used = xmalloc(f->num_glyphs);
	memcpy(used, a->glyph_tbl.flgs, f->num_glyphs);
	size_t len;
	unsigned char *program = face_subset(f, used, &len);
	long n = 0;
	for (uint32_t g = 0; g < f->num_glyphs; g++)
		n += used[g] != 0;
	free(used);
	HPDF_STATUS rc = HPDF_Stream_Write(stream, program, (HPDF_UINT)len);
	free(program);
	if (rc != HPDF_OK)
		return rc;
	a->length1 = (HPDF_UINT)len;
	pthread_mutex_lock(&stats.mu);
	stats.subsets++;
	stats.glyphs += n;
	pthread_mutex_unlock(&stats.mu);
	return HPDF_OK;
}

void pdffont_stats(long *subsets, long *glyphs)
{
	pthread_mutex_lock(&stats.mu);
	*subsets = stats.subsets;
	*glyphs = stats.glyphs;
	pthread_mutex_unlock(&stats.mu);
}

/* pdffont: the built-in faces load, and each document embeds a well-formed
 * subset holding the glyphs it uses. */
#include <check.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdffont.h"
#include "pdfzip.h"
#include "suites.h"

static unsigned char *stream_bytes(HPDF_Stream s, HPDF_UINT *len)
{
	*len = HPDF_Stream_Size(s);
	unsigned char *b = malloc(*len + 1);
	HPDF_UINT got = *len;
	ck_assert_int_eq(HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET), HPDF_OK);
	HPDF_STATUS rc = HPDF_Stream_Read(s, b, &got);
	ck_assert(rc == HPDF_OK || rc == HPDF_STREAM_EOF);
	ck_assert_uint_eq(got, *len);
	return b;
}

/* A one-page document saying text in both faces; its bytes. */
static unsigned char *render(const char *text, HPDF_UINT *len)
{
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	ck_assert_ptr_nonnull(pdf);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_Font reg = pdffont_load(pdf, PDFFONT_REGULAR), bold = pdffont_load(pdf, PDFFONT_BOLD);
	ck_assert_ptr_nonnull(reg);
	ck_assert_ptr_nonnull(bold);
	HPDF_Page page = HPDF_AddPage(pdf);
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, reg, 12);
	HPDF_Page_TextOut(page, 50, 700, text);
	HPDF_Page_SetFontAndSize(page, bold, 12);
	HPDF_Page_TextOut(page, 50, 680, text);
	HPDF_Page_EndText(page);
	ck_assert_int_eq(HPDF_SaveToStream(pdf), HPDF_OK);
	unsigned char *b = stream_bytes(pdf->stream, len);
	HPDF_Free(pdf);
	return b;
}

static uint32_t be32(const unsigned char *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static uint16_t be16(const unsigned char *p) { return (uint16_t)(p[0] << 8 | p[1]); }

static uint32_t sum32(const unsigned char *p, size_t len)
{
	uint32_t s = 0;
	for (size_t i = 0; i < len; i += 4) {
		unsigned char w[4] = { 0 };
		memcpy(w, p + i, len - i < 4 ? len - i : 4);
		s += be32(w);
	}
	return s;
}

/* The table tag of a font program, its offset and length; 0 if absent. */
static int table(const unsigned char *f, size_t len, const char *tag, uint32_t *off, uint32_t *tlen)
{
	for (unsigned i = 0; i < be16(f + 4); i++) {
		const unsigned char *e = f + 12 + 16 * i;
		if (memcmp(e, tag, 4) == 0) {
			*off = be32(e + 8);
			*tlen = be32(e + 12);
			ck_assert_uint_le(*off + *tlen, len);
			return 1;
		}
	}
	return 0;
}

/* The font program face writes after text was measured with it. */
static unsigned char *program(int face, const char *text, size_t *len, HPDF_UINT *length1)
{
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	HPDF_Font f = pdffont_load(pdf, face);
	ck_assert_ptr_nonnull(f);
	HPDF_Font_TextWidth(f, (const HPDF_BYTE *)text, (HPDF_UINT)strlen(text));
	HPDF_FontDef def = HPDF_Doc_FindFontDef(pdf, HPDF_Font_GetFontName(f));
	ck_assert_ptr_nonnull(def);
	HPDF_Stream s = HPDF_MemStream_New(pdf->mmgr, 4096);
	ck_assert_int_eq(HPDF_TTFontDef_SaveFontData(def, s), HPDF_OK);
	*length1 = ((HPDF_TTFontDefAttr)def->attr)->length1;
	HPDF_UINT l;
	unsigned char *b = stream_bytes(s, &l);
	*len = l;
	HPDF_Stream_Free(s);
	HPDF_Free(pdf);
	return b;
}

/* Glyphs with an outline in a program (its loca: short or long offsets). */
static unsigned outlines(const unsigned char *f, size_t len)
{
	uint32_t ho, hl, mo, ml, lo, ll;
	ck_assert(table(f, len, "head", &ho, &hl) && table(f, len, "maxp", &mo, &ml) && table(f, len, "loca", &lo, &ll));
	int long_loca = be16(f + ho + 50) != 0;
	unsigned n = be16(f + mo + 4), with = 0;
	for (unsigned g = 0; g < n; g++) {
		uint32_t a = long_loca ? be32(f + lo + 4 * g) : be16(f + lo + 2 * g);
		uint32_t b = long_loca ? be32(f + lo + 4 * g + 4) : be16(f + lo + 2 * g + 2);
		with += b > a;
	}
	return with;
}

START_TEST(subset_holds_the_glyphs_used)
{
	for (int face = PDFFONT_REGULAR; face <= PDFFONT_BOLD; face++) {
		size_t l1, l2, lall;
		HPDF_UINT len1, len2, lenall;
		unsigned char *a = program(face, "Facture", &l1, &len1);
		unsigned char *b = program(face, "Facture", &l2, &len2);
		/* the same glyphs, the same bytes: documents stay reproducible */
		ck_assert_uint_eq(l1, l2);
		ck_assert(memcmp(a, b, l1) == 0);
		ck_assert_uint_eq(len1, l1); /* /Length1 is the program's length */
		ck_assert_uint_eq(outlines(a, l1), 8); /* F a c t u r e and .notdef */
		char all[225];
		for (int c = 0; c < 224; c++)
			all[c] = (char)(c + 32);
		all[224] = 0;
		unsigned char *c = program(face, all, &lall, &lenall);
		ck_assert_uint_gt(outlines(c, lall), 180);
		ck_assert_uint_lt(l1 * 4, lall); /* 7 glyphs weigh far less than all */
		ck_assert_uint_lt(lall, 20000);  /* no licence text, no layout tables */
		free(a);
		free(b);
		free(c);
	}
}
END_TEST

START_TEST(composite_glyphs_bring_their_parts)
{
	size_t l;
	HPDF_UINT len1;
	unsigned char *f = program(PDFFONT_REGULAR, "\xE9", &l, &len1); /* é: e and an acute accent in DejaVu */
	ck_assert_uint_ge(outlines(f, l), 3);
	free(f);
}
END_TEST

/* A font program as ISO/IEC 14496-22 5.2 and 5.7 ask: the tables a PDF
 * reader needs, sorted by tag, each with its checksum, and the whole
 * font's adjusted to 0xB1B0AFBA. */
START_TEST(program_is_a_well_formed_truetype_font)
{
	size_t l;
	HPDF_UINT len1;
	unsigned char *f = program(PDFFONT_BOLD, "\xC9" "ch\xE9" "ance 30 \x80 \x92 \xAB\xBB", &l, &len1);
	ck_assert_uint_eq(be32(f), 0x00010000);
	unsigned n = be16(f + 4);
	ck_assert_uint_eq(l % 4, 0);
	for (unsigned i = 0; i < n; i++) {
		const unsigned char *e = f + 12 + 16 * i;
		if (i)
			ck_assert(memcmp(e - 16, e, 4) < 0);
		ck_assert_uint_eq(be32(e + 8) % 4, 0);
		ck_assert_uint_eq(sum32(f + be32(e + 8), be32(e + 12)) - (memcmp(e, "head", 4) == 0 ? be32(f + be32(e + 8) + 8) : 0),
				  be32(e + 4));
	}
	ck_assert_uint_eq(sum32(f, l), 0xB1B0AFBA);
	static const char *const need[] = { "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "OS/2" };
	uint32_t o, tl;
	for (size_t i = 0; i < sizeof need / sizeof *need; i++)
		ck_assert_msg(table(f, l, need[i], &o, &tl), "table %s", need[i]);
	ck_assert(!table(f, l, "GPOS", &o, &tl));
	free(f);
}
END_TEST

/* libharu's deflate calls reach pdfzip (the executable's symbols come
 * first), and a document's subsets are what its text uses. */
START_TEST(documents_embed_small_subsets)
{
	long s0, g0, s1, g1;
	HPDF_UINT l1, l2;
	struct pdfzip_stats z0, z1;
	pdfzip_stats(&z0);
	pdffont_stats(&s0, &g0);
	unsigned char *a = render("Facture", &l1);
	unsigned char *b = render("\xC9" "ch\xE9" "ance 30 \x80 \xAB\xBB", &l2); /* WinAnsi: Échéance € «» */
	pdffont_stats(&s1, &g1);
	pdfzip_stats(&z1);
	ck_assert_int_eq(s1 - s0, 4);
	ck_assert_int_ge(z1.streams - z0.streams, 6);
	ck_assert_uint_lt(l1, 8000);
	ck_assert_uint_lt(l2, 9000);
	free(a);
	free(b);
}
END_TEST

Suite *pdffont_suite(void)
{
	Suite *s = suite_create("pdffont");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, subset_holds_the_glyphs_used);
	tcase_add_test(tc, composite_glyphs_bring_their_parts);
	tcase_add_test(tc, program_is_a_well_formed_truetype_font);
	tcase_add_test(tc, documents_embed_small_subsets);
	suite_add_tcase(s, tc);
	return s;
}

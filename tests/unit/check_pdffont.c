/* pdffont: the built-in faces load, embed whole, and a font program taken
 * from the memo is byte for byte what libharu builds. */
#include <check.h>
#include <dlfcn.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
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

START_TEST(same_program_whatever_the_text)
{
	long built0, reused0, built1, reused1;
	HPDF_UINT l1, l2;
	struct pdfzip_stats z0, z1;
	pdfzip_stats(&z0);
	pdffont_stats(&built0, &reused0);
	unsigned char *a = render("Facture", &l1);
	unsigned char *b = render("\xC9" "ch\xE9" "ance 30 \x80 \xAB\xBB", &l2); /* WinAnsi: Échéance € «» */
	pdffont_stats(&built1, &reused1);
	pdfzip_stats(&z1);
	/* Each face's program is built at most once; the second document's
	 * come from the memo although it uses other glyphs. */
	ck_assert_int_le(built1 - built0, 2);
	ck_assert_int_ge(reused1 - reused0, 2);
	ck_assert_int_eq((built1 - built0) + (reused1 - reused0), 4);
	/* libharu's deflate calls reach pdfzip (the executable's symbols
	 * come first), and the second document's fonts are memo hits. */
	ck_assert_int_ge(z1.streams - z0.streams, 6);
	ck_assert_int_ge(z1.memo_hits - z0.memo_hits, 2);
	ck_assert_uint_gt(l1, 25000); /* two whole faces, compressed (a 7-glyph subset is far smaller) */
	free(a);
	free(b);
}
END_TEST

START_TEST(memo_gives_libharus_bytes)
{
	HPDF_STATUS (*libharu_save)(HPDF_FontDef, HPDF_Stream);
	*(void **)&libharu_save = dlsym(RTLD_NEXT, "HPDF_TTFontDef_SaveFontData");
	ck_assert_ptr_nonnull(libharu_save);
	for (int face = PDFFONT_REGULAR; face <= PDFFONT_BOLD; face++) {
		HPDF_Doc pdf = HPDF_New(NULL, NULL);
		HPDF_Font f = pdffont_load(pdf, face);
		ck_assert_ptr_nonnull(f);
		HPDF_FontDef def = HPDF_Doc_FindFontDef(pdf, HPDF_Font_GetFontName(f));
		ck_assert_ptr_nonnull(def);
		HPDF_TTFontDefAttr attr = def->attr;
		HPDF_Stream want = HPDF_MemStream_New(pdf->mmgr, 4096), got1 = HPDF_MemStream_New(pdf->mmgr, 4096),
			    got2 = HPDF_MemStream_New(pdf->mmgr, 4096);
		ck_assert_int_eq(libharu_save(def, want), HPDF_OK);
		HPDF_UINT want_length1 = attr->length1;
		attr->length1 = 0;
		ck_assert_int_eq(HPDF_TTFontDef_SaveFontData(def, got1), HPDF_OK); /* built or from the memo */
		ck_assert_uint_eq(attr->length1, want_length1);
		attr->length1 = 0;
		ck_assert_int_eq(HPDF_TTFontDef_SaveFontData(def, got2), HPDF_OK); /* from the memo */
		ck_assert_uint_eq(attr->length1, want_length1);
		HPDF_UINT lw, l1, l2;
		unsigned char *w = stream_bytes(want, &lw), *g1 = stream_bytes(got1, &l1), *g2 = stream_bytes(got2, &l2);
		ck_assert_uint_gt(lw, 20000);
		ck_assert_uint_eq(l1, lw);
		ck_assert_uint_eq(l2, lw);
		ck_assert(memcmp(w, g1, lw) == 0);
		ck_assert(memcmp(w, g2, lw) == 0);
		free(w);
		free(g1);
		free(g2);
		HPDF_Stream_Free(want);
		HPDF_Stream_Free(got1);
		HPDF_Stream_Free(got2);
		HPDF_Free(pdf);
	}
}
END_TEST

Suite *pdffont_suite(void)
{
	Suite *s = suite_create("pdffont");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, same_program_whatever_the_text);
	tcase_add_test(tc, memo_gives_libharus_bytes);
	suite_add_tcase(s, tc);
	return s;
}

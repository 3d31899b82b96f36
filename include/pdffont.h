/*
 * pdffont: the fonts of every document. DejaVu Sans and DejaVu Sans Bold,
 * cut to the WinAnsi characters, live in the binary (fonts.c); libharu
 * 2.3.0 loads TrueType fonts only from files, so they are loaded from
 * memory through its internal font-definition API (hpdf_fontdef.h, shipped
 * by Debian), the same steps HPDF_LoadTTFontFromFile takes.
 *
 * Every document embeds each font whole, so that the embedded font
 * program is the same bytes in every PDF: libharu then builds it once per
 * run (this module defines HPDF_TTFontDef_SaveFontData, which libharu's
 * calls bind to, and keeps what it wrote) and pdfzip compresses it once.
 */
#ifndef CRMBATCH_PDFFONT_H
#define CRMBATCH_PDFFONT_H

#include <hpdf.h>

enum pdffont_face { PDFFONT_REGULAR, PDFFONT_BOLD };

/* Loads a built-in face into pdf (which owns it) with the WinAnsi
 * encoding and every glyph marked for embedding; NULL on failure (the
 * document's error handler has been told). */
HPDF_Font pdffont_load(HPDF_Doc pdf, enum pdffont_face face);

/* Font programs built so far, and how many of them came from the memo. */
void pdffont_stats(long *built, long *reused);

#endif

/*
 * pdffont: the fonts of every document. DejaVu Sans and DejaVu Sans Bold,
 * cut to the WinAnsi characters, live in the binary (fonts.c); libharu
 * 2.3.0 loads TrueType fonts only from files, so they are loaded from
 * memory through its internal font-definition API (hpdf_fontdef.h, shipped
 * by Debian), the same steps HPDF_LoadTTFontFromFile takes.
 *
 * Each document embeds a subset of each face: the outlines of the glyphs
 * it uses, and only the tables a PDF reader needs. This module defines
 * HPDF_TTFontDef_SaveFontData, which libharu's calls bind to, and writes
 * that font program from the face parsed once per run (libharu's own
 * copies every table, the 9 KB licence text included, reading the font
 * four bytes at a time). The program depends only on the face and the
 * glyphs used, so documents stay reproducible.
 */
#ifndef CRMBATCH_PDFFONT_H
#define CRMBATCH_PDFFONT_H

#include <hpdf.h>

enum pdffont_face { PDFFONT_REGULAR, PDFFONT_BOLD };

/* Loads a built-in face into pdf (which owns it) with the WinAnsi
 * encoding; the glyphs the document measures or shows are embedded. NULL
 * on failure (the document's error handler has been told). */
HPDF_Font pdffont_load(HPDF_Doc pdf, enum pdffont_face face);

/* Subsets written so far, and the glyphs they held in all (thread-safe). */
void pdffont_stats(long *subsets, long *glyphs);

#endif

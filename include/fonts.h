/* fonts: the embedded TrueType fonts' and colour profile's bytes (see src/fonts.c). */
#ifndef CRMBATCH_FONTS_H
#define CRMBATCH_FONTS_H

extern const unsigned char crmbatch_font_regular[], crmbatch_font_regular_end[];
extern const unsigned char crmbatch_font_bold[], crmbatch_font_bold_end[];
extern const unsigned char crmbatch_icc_srgb[], crmbatch_icc_srgb_end[];

#endif

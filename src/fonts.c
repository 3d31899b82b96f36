/*
 * fonts: DejaVu Sans regular and bold, subset to the WinAnsi characters
 * (src/fonts/, licence beside them), built into the binary so that every
 * document embeds the same font wherever crmbatch is installed. PDF/A (and
 * so Factur-X) forbids the unembedded base-14 Helvetica. The sRGB colour
 * profile of the invoices' PDF/A output intent (src/icc/, CC0) rides along.
 */
#include "fonts.h"

__asm__(".section .rodata\n"
	".balign 16\n"
	".global crmbatch_font_regular\n"
	"crmbatch_font_regular:\n"
	".incbin \"src/fonts/DejaVuSans-WinAnsi.ttf\"\n"
	".global crmbatch_font_regular_end\n"
	"crmbatch_font_regular_end:\n"
	".balign 16\n"
	".global crmbatch_font_bold\n"
	"crmbatch_font_bold:\n"
	".incbin \"src/fonts/DejaVuSans-Bold-WinAnsi.ttf\"\n"
	".global crmbatch_font_bold_end\n"
	"crmbatch_font_bold_end:\n"
	".balign 16\n"
	".global crmbatch_icc_srgb\n"
	"crmbatch_icc_srgb:\n"
	".incbin \"src/icc/sRGB.icc\"\n"
	".global crmbatch_icc_srgb_end\n"
	"crmbatch_icc_srgb_end:\n"
	".previous\n");

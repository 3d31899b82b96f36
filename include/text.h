/*
 * text: the few Unicode chores crmbatch needs, on UTF-8 byte strings.
 *
 * Inputs may come from a French Excel as Windows-1252; everything inside
 * crmbatch is UTF-8, converted once at the reader.
 */
#ifndef CRMBATCH_TEXT_H
#define CRMBATCH_TEXT_H

#include <stddef.h>

/* Non-zero when the n bytes at s are well-formed UTF-8 (no overlongs,
 * no surrogates). Fast on ASCII. */
int utf8_valid(const char *s, size_t n);

/*
 * Converts n Windows-1252 bytes to UTF-8 into dst, which must hold at least
 * 3 * n + 1 bytes; returns the length written (NUL-terminated). The five
 * bytes that Windows-1252 leaves undefined become U+FFFD, visibly.
 */
size_t cp1252_to_utf8(const char *src, size_t n, char *dst);

/*
 * The key a column header is matched by: lower case, accents folded
 * (é -> e, œ -> oe), everything but letters and digits dropped, so that
 * "E-mail", "e_mail" and "Email " all give "email". Writes at most size-1
 * bytes and a NUL into out; returns out.
 */
char *header_key(const char *s, char *out, size_t size);

/*
 * The key names are compared by (two cards of the same person): as
 * header_key, save that a character it cannot fold is kept as it is
 * ("山田" stays "山田": dropped, every name in that script would give the
 * same empty key), whole however long. A new string; the caller frees it.
 */
char *text_name_key(const char *s);

/*
 * Converts UTF-8 to Windows-1252 ("WinAnsiEncoding", what the PDF fonts
 * use) into dst (at most size-1 bytes and a NUL). A character WinAnsi
 * lacks becomes '?', visibly, and is counted in *replaced if not NULL.
 * Returns the length written.
 */
size_t utf8_to_winansi(const char *src, char *dst, size_t size, size_t *replaced);

/* ASCII case-insensitive equality of two NUL-terminated strings. */
int str_ieq(const char *a, const char *b);

/* Non-zero when s is NULL or only blanks. */
int str_blank(const char *s);

/* Odoo's HTML fields ("<p>Rappeler <b>lundi</b></p>") as plain text, or
 * NULL when s does not start with a tag: tags dropped (a paragraph or a
 * line break becomes a line break), the usual entities decoded. Only real
 * tags are markup: a '<' not followed by a tag name ("Budget < 5000 EUR")
 * is kept as text. A new string. */
char *html_to_text(const char *s);

/* s with &, <, > and " as XML entities, as a new string (NULL: ""). For
 * every XML crmbatch writes: the Factur-X CII and the PDF's XMP. */
char *xml_escaped(const char *s);

#endif

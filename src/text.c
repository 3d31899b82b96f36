/* text: UTF-8 checks, Windows-1252 conversion, header keys (include/text.h). */
#include "text.h"

#include "xalloc.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

int utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + n;
	while (s < end) {
		/* Most text is ASCII: test eight bytes at a time. */
		while (end - s >= 8) {
			uint64_t w;
			memcpy(&w, s, 8);
			if (w & 0x8080808080808080ULL)
				break;
			s += 8;
		}
		if (s >= end)
			break;
		unsigned c = *s;
		if (c < 0x80) {
			s++;
			continue;
		}
		size_t len;
		unsigned cp;
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if ((size_t)(end - s) < len)
			return 0;
		for (size_t i = 1; i < len; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i] & 0x3F);
		}
		if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
			return 0;
		s += len;
	}
	return 1;
}

/* Unicode code points of Windows-1252 bytes 0x80..0x9F (0: undefined). */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

size_t cp1252_to_utf8(const char *src, size_t n, char *dst)
{
	const unsigned char *s = (const unsigned char *)src;
	unsigned char *d = (unsigned char *)dst;
	for (size_t i = 0; i < n; i++) {
		unsigned cp = s[i];
		if (cp >= 0x80 && cp < 0xA0)
			cp = cp1252_high[cp - 0x80] ? cp1252_high[cp - 0x80] : 0xFFFD;
		if (cp < 0x80) {
			*d++ = (unsigned char)cp;
		} else if (cp < 0x800) {
			*d++ = (unsigned char)(0xC0 | (cp >> 6));
			*d++ = (unsigned char)(0x80 | (cp & 0x3F));
		} else {
			*d++ = (unsigned char)(0xE0 | (cp >> 12));
			*d++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
			*d++ = (unsigned char)(0x80 | (cp & 0x3F));
		}
	}
	*d = '\0';
	return (size_t)(d - (unsigned char *)dst);
}

/* ASCII letters a Latin-1 letter (U+00C0..U+00FF) folds to. */
static const char *fold_latin1(unsigned cp)
{
	static const char *const table[64] = {
		"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
		"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "", "ss",
		"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
		"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "", "y",
	};
	return cp >= 0xC0 && cp <= 0xFF ? table[cp - 0xC0] : "";
}

/* header_key's fold. keep_others: a character it cannot fold (Cyrillic,
 * CJK, Latin beyond Latin-1...) is kept as it is, not dropped. The key is
 * never longer than str. */
static char *fold_key(const char *str, char *out, size_t size, int keep_others)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t o = 0;
	while (*s && o + 3 < size) {
		unsigned c = *s;
		if (c < 0x80) {
			if (isalnum(c))
				out[o++] = (char)tolower(c);
			s++;
			continue;
		}
		const char *f = "";
		const unsigned char *start = s;
		if (c >= 0xC2 && c <= 0xDF && (s[1] & 0xC0) == 0x80) {
			unsigned cp = ((c & 0x1F) << 6) | (s[1] & 0x3F);
			f = (cp == 0x152 || cp == 0x153) ? "oe" : fold_latin1(cp);
			s += 2;
			if (!*f && cp > 0xFF && keep_others)
				f = NULL; /* kept whole below */
		} else {
			/* Other characters (and malformed bytes) are dropped, or kept
			 * whole when they are well formed and keep_others. */
			s++;
			while ((*s & 0xC0) == 0x80)
				s++;
			if (keep_others && c >= 0xE0 && c <= 0xF4 && (size_t)(s - start) == (c >= 0xF0 ? 4u : 3u))
				f = NULL;
		}
		if (!f) {
			size_t n = (size_t)(s - start);
			if (o + n < size) {
				memcpy(out + o, start, n);
				o += n;
			}
			continue;
		}
		while (*f && o + 1 < size)
			out[o++] = *f++;
	}
	out[o] = '\0';
	return out;
}

char *header_key(const char *str, char *out, size_t size)
{
	return fold_key(str, out, size, 0);
}

char *text_name_key(const char *s)
{
	size_t size = strlen(s) + 4; /* a key is never longer than its text */
	return fold_key(s, xmalloc(size), size, 1);
}

int str_ieq(const char *a, const char *b)
{
	while (*a && *b) {
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
	return *a == *b;
}

int str_blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

/* Decodes one UTF-8 character at s; returns its length (1 for a bad byte,
 * decoded as U+FFFD). */
static size_t utf8_next(const unsigned char *s, unsigned *cp)
{
	unsigned c = s[0];
	size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
	if (len == 0 || !utf8_valid((const char *)s, strnlen((const char *)s, len)) || strnlen((const char *)s, len) < len) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = len == 1 ? c : c & (0xFF >> (len + 1));
	for (size_t i = 1; i < len; i++)
		*cp = (*cp << 6) | (s[i] & 0x3F);
	return len;
}

size_t utf8_to_winansi(const char *src, char *dst, size_t size, size_t *replaced)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t o = 0;
	while (*s && o + 1 < size) {
		unsigned cp;
		s += utf8_next(s, &cp);
		int b = -1;
		if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
			b = (int)cp;
		else if (cp == 0x202F)
			b = 0xA0; /* narrow no-break space */
		else
			for (int i = 0; i < 32; i++)
				if (cp1252_high[i] == cp)
					b = 0x80 + i;
		if (b < 0) {
			b = '?';
			if (replaced)
				(*replaced)++;
		}
		dst[o++] = (char)b;
	}
	dst[o] = '\0';
	return o;
}

char *xml_escaped(const char *s)
{
	size_t n = 1;
	for (const char *p = s ? s : ""; *p; p++)
		n += *p == '&' ? 5 : *p == '<' || *p == '>' ? 4 : *p == '"' ? 6 : 1;
	char *out = xmalloc(n), *o = out;
	for (const char *p = s ? s : ""; *p; p++) {
		const char *e = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '"' ? "&quot;" : NULL;
		if (e) {
			memcpy(o, e, strlen(e));
			o += strlen(e);
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

/* Where the tag that starts at s ends (its '>'), or NULL when s does not
 * start a real tag: '<' then a name (a letter, then letters, digits or '-'),
 * optionally after '/', then '>', '/' or a blank before attributes; or a
 * comment "<!--...-->". A bare '<' ("Budget < 5000 EUR", "a<b") is text. */
static const char *tag_end(const char *s)
{
	if (s[0] != '<')
		return NULL;
	if (strncmp(s, "<!--", 4) == 0) {
		const char *e = strstr(s + 4, "-->");
		return e ? e + 2 : NULL;
	}
	const char *p = s + 1 + (s[1] == '/');
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return NULL;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-')
		p++;
	if (*p != '>' && *p != '/' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
		return NULL;
	/* Attributes: a quoted value may hold '>'; a '<' before the end means
	 * this was no tag. */
	for (char quote = 0; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '>') {
			return p;
		} else if (*p == '<') {
			return NULL;
		}
	}
	return NULL;
}

char *html_to_text(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (!tag_end(s))
		return NULL;
	static const struct { const char *entity, *text; } entities[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" },
		{ "&apos;", "'" }, { "&nbsp;", " " },
	};
	size_t n = strlen(s);
	char *out = xmalloc(n + 1), *o = out;
	while (*s) {
		const char *end = tag_end(s);
		if (end) {
			/* A paragraph, a division or a line break ends a line. */
			int breaks = (strncasecmp(s, "</p", 3) == 0 || strncasecmp(s, "<br", 3) == 0 ||
				      strncasecmp(s, "</div", 5) == 0 || strncasecmp(s, "</li", 4) == 0);
			if (breaks && o > out && o[-1] != '\n')
				*o++ = '\n';
			s = end + 1;
			continue;
		}
		if (*s == '&') {
			size_t k = 0;
			while (k < sizeof entities / sizeof *entities && strncmp(s, entities[k].entity, strlen(entities[k].entity)) != 0)
				k++;
			if (k < sizeof entities / sizeof *entities) {
				*o++ = entities[k].text[0];
				s += strlen(entities[k].entity);
				continue;
			}
		}
		*o++ = *s++;
	}
	while (o > out && (o[-1] == '\n' || o[-1] == ' '))
		o--;
	*o = '\0';
	return out;
}

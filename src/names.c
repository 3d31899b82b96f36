/* names: civilities and capitalisation of names (see include/names.h). */
#include "names.h"

#include <string.h>

#include "text.h"

const char *civility_normalize(const char *s)
{
	if (str_blank(s))
		return NULL;
	char key[32];
	header_key(s, key, sizeof key);
	static const char *const mr[] = { "m", "mr", "monsieur", "mister", "messieurs", "mm", NULL };
	static const char *const mrs[] = { "mme", "madame", "madam", "mlle", "mademoiselle", "mrs", "ms", "miss", NULL };
	for (int i = 0; mr[i]; i++)
		if (strcmp(key, mr[i]) == 0)
			return "M.";
	for (int i = 0; mrs[i]; i++)
		if (strcmp(key, mrs[i]) == 0)
			return "Mme";
	return s;
}

/* Case of one code point: ASCII, Latin-1 letters and œ. */
static unsigned lower_cp(unsigned c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
		return c + 32;
	if (c == 0x152)
		return 0x153;
	return c;
}

static unsigned upper_cp(unsigned c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7))
		return c - 32;
	if (c == 0x153)
		return 0x152;
	return c;
}

static size_t decode(const unsigned char *s, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return 2;
	}
	/* Longer or broken sequences are copied as they are. */
	*cp = 0x110000 + s[0];
	return 1;
}

static size_t encode(unsigned cp, char *out)
{
	if (cp >= 0x110000) {
		out[0] = (char)(cp - 0x110000);
		return 1;
	}
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	out[0] = (char)(0xC0 | (cp >> 6));
	out[1] = (char)(0x80 | (cp & 0x3F));
	return 2;
}

/* Lower-case particles inside a French, Dutch, German, Italian or
 * Portuguese surname. */
static int is_particle(const char *w, size_t n)
{
	static const char *const particles[] = { "de", "du", "des", "la", "d", "van", "von", "der", "den",
						 "da", "di", "del", "dos", "das", NULL };
	for (int i = 0; particles[i]; i++)
		if (strlen(particles[i]) == n && strncmp(particles[i], w, n) == 0)
			return 1;
	return 0;
}

char *name_case(const char *s, char *out, size_t size)
{
	char low[512];
	size_t o = 0;
	/* First everything in lower case, blanks squeezed. */
	const unsigned char *p = (const unsigned char *)s;
	while (*p == ' ' || *p == '\t')
		p++;
	while (*p && o + 4 < sizeof low) {
		unsigned cp;
		p += decode(p, &cp);
		if ((cp == ' ' || cp == '\t') && (o == 0 || low[o - 1] == ' '))
			continue;
		o += encode(cp == '\t' ? ' ' : lower_cp(cp), low + o);
	}
	while (o > 0 && low[o - 1] == ' ')
		o--;
	low[o] = '\0';

	/* Then the first letter of each word up. Words end at a space, a
	 * hyphen or an apostrophe. */
	size_t n = 0;
	for (const char *w = low; *w;) {
		size_t len = strcspn(w, " -'");
		/* A particle stays lower case when more of the name follows. */
		int particle = is_particle(w, len) && w[len] && w[len + 1];
		unsigned cp;
		size_t k = decode((const unsigned char *)w, &cp);
		if (n + 8 >= size)
			break;
		n += encode(particle ? cp : upper_cp(cp), out + n);
		for (size_t i = k; i < len && n + 4 < size; i++)
			out[n++] = w[i];
		w += len;
		if (*w && n + 2 < size)
			out[n++] = *w++;
	}
	out[n] = '\0';
	return out;
}

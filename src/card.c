/* card: a business card normalised once (see include/card.h). */
#include "card.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "email.h"
#include "legalid.h"
#include "names.h"
#include "phone.h"
#include "xalloc.h"

/* Appends "label value" to a card's notes. */
static void add_note(char **notes, const char *label, const char *value)
{
	char *n = xasprintf("%s%s%s%s", *notes, **notes ? " ; " : "", label, value);
	free(*notes);
	*notes = n;
}

/* The name-cased copy of s ("" for NULL). */
static char *cased(const char *s)
{
	if (!s)
		return xstrdup("");
	size_t size = 4 * strlen(s) + 1; /* case changes keep UTF-8 lengths; room to spare */
	char *out = xmalloc(size);
	name_case(s, out, size);
	return out;
}

/* Company names keep their case when typed in mixed case. Typed all in
 * capitals, each word of four letters or more is capitalised ("GALL
 * IMMOBILIER" -> "Gall Immobilier"), shorter ones kept as acronyms ("IBM
 * FRANCE" -> "IBM France"), and a lone short word left alone ("SNCF"). */
static char *company_case(const char *s)
{
	if (!s)
		return xstrdup("");
	size_t size = 4 * strlen(s) + 1;
	char *out = xmalloc(size);
	int all_caps = 1, words = 0;
	for (const char *p = s; *p; p++)
		if (islower((unsigned char)*p))
			all_caps = 0;
	for (const char *p = s; *p;) {
		while (*p == ' ')
			p++;
		if (*p)
			words++;
		p += strcspn(p, " ");
	}
	size_t o = 0;
	while (*s && o + 1 < size) {
		while (*s == ' ' && (o == 0 || out[o - 1] == ' '))
			s++;
		size_t len = strcspn(s, " ");
		int letters = 0;
		for (size_t i = 0; i < len; i++)
			letters += isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80;
		int caps = len > 4;
		for (size_t i = 0; i < len && caps; i++)
			caps = !islower((unsigned char)s[i]);
		if (all_caps)
			caps = letters >= 4 && !(words == 1 && len <= 4);
		if (caps) {
			char *word = xstrndup(s, len), *c = cased(word);
			for (const char *p = c; *p && o + 1 < size; p++)
				out[o++] = *p;
			free(word);
			free(c);
		} else {
			for (size_t i = 0; i < len && o + 1 < size; i++)
				out[o++] = s[i];
		}
		s += len;
		if (*s == ' ' && o + 1 < size)
			out[o++] = *s++;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	return out;
}

/* A card's phone field (col): normalised into display and e164 (32 and
 * 20 bytes), or warned about and kept in the notes under label. */
static void check_phone(const struct record *r, int col, const char *label, char *display, char *e164, char **notes,
			card_warn_fn *warn, void *ctx)
{
	struct phone p;
	const char *why;
	if (!r->text[col])
		return;
	if (phone_normalize(r->text[col], &p, &why) == 0) {
		snprintf(display, 32, "%s", p.display);
		snprintf(e164, 20, "%s", p.e164);
		return;
	}
	char msg[256], lbl[64];
	snprintf(msg, sizeof msg, "%s: left empty, kept in the lead's notes", why);
	if (warn)
		warn(ctx, r, col, msg);
	snprintf(lbl, sizeof lbl, "%s illisible sur la carte : ", label);
	add_note(notes, lbl, r->text[col]);
}

/* The card's address: its work one when it has any of street, zip or
 * city; else its home one (its country, or the work country, as the card
 * gives only one). A home address beside a work one goes to the notes:
 * an empty home field never replaces a filled work one, and nothing typed
 * is lost. */
static void pick_address(const struct record *r, struct card *c)
{
	const char *const *t = r->text;
	int work = t[CT_STREET] || t[CT_ZIP] || t[CT_CITY];
	int home = t[CT_HOME_STREET] || t[CT_HOME_ZIP] || t[CT_HOME_CITY];
	if (work || !home) {
		c->street = t[CT_STREET];
		c->zip = t[CT_ZIP];
		c->city = cased(t[CT_CITY]);
		c->country = t[CT_COUNTRY] ? t[CT_COUNTRY] : home ? NULL : t[CT_HOME_COUNTRY];
	} else {
		c->street = t[CT_HOME_STREET];
		c->zip = t[CT_HOME_ZIP];
		c->city = cased(t[CT_HOME_CITY]);
		c->country = t[CT_HOME_COUNTRY] ? t[CT_HOME_COUNTRY] : t[CT_COUNTRY];
	}
	if (!work || !home)
		return;
	/* "12 rue X, 56000 Vannes, FR": the parts given, in that order. */
	const char *zip = t[CT_HOME_ZIP] ? t[CT_HOME_ZIP] : "", *city = t[CT_HOME_CITY] ? t[CT_HOME_CITY] : "";
	char *place = xasprintf("%s%s%s", zip, *zip && *city ? " " : "", city);
	const char *parts[] = { t[CT_HOME_STREET], place, t[CT_HOME_COUNTRY] };
	char *all = xstrdup("");
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		char *more = xasprintf("%s%s%s", all, *all ? ", " : "", parts[i]);
		free(all);
		all = more;
	}
	add_note(&c->notes, "Adresse personnelle : ", all);
	free(all);
	free(place);
}

void card_normalize(const struct record *r, struct card *c, card_warn_fn *warn, void *ctx)
{
	memset(c, 0, sizeof *c);
	const char *civ = civility_normalize(r->text[CT_CIVILITY]);
	if (civ)
		snprintf(c->civility, sizeof c->civility, "%s", civ);
	c->first = cased(r->text[CT_FIRST_NAME]);
	c->last = cased(r->text[CT_LAST_NAME]);
	c->company = company_case(r->text[CT_COMPANY]);
	c->notes = xstrdup(r->text[CT_NOTES] ? r->text[CT_NOTES] : "");
	pick_address(r, c);
	/* Validation refused a bad SIREN or VAT number: these parse. */
	if (r->text[CT_SIREN])
		legalid_siren(r->text[CT_SIREN], c->siren, NULL);
	if (r->text[CT_VAT])
		legalid_vat(r->text[CT_VAT], c->vat, sizeof c->vat);

	/* Nothing typed on a card is lost: what cannot be used goes to notes
	 * (validation warned of a date it could not read: no date, its text). */
	if (r->text[CT_MET_ON] && r->num[CT_MET_ON] == DATE_NONE)
		add_note(&c->notes, "Date de rencontre illisible sur la carte : ", r->text[CT_MET_ON]);
	check_phone(r, CT_PHONE, "Téléphone", c->phone, c->e164, &c->notes, warn, ctx);
	check_phone(r, CT_MOBILE, "Portable", c->mobile, c->mobile_e164, &c->notes, warn, ctx);
	/* A home phone is the card's phone when it has no usable work one,
	 * else it is kept in the notes. */
	if (r->text[CT_HOME_PHONE]) {
		char phone[32] = "", e164[20] = "";
		check_phone(r, CT_HOME_PHONE, "Téléphone personnel", phone, e164, &c->notes, warn, ctx);
		if (*phone && strcmp(e164, c->mobile_e164) == 0) {
			/* the mobile, given twice: kept once */
		} else if (*phone && !*c->phone) {
			memcpy(c->phone, phone, sizeof phone);
			memcpy(c->e164, e164, sizeof e164);
		} else if (*phone && strcmp(e164, c->e164) != 0) {
			add_note(&c->notes, "Téléphone personnel : ", phone);
		}
	}
	char email[256] = "";
	const char *why;
	if (r->text[CT_EMAIL] && email_normalize(r->text[CT_EMAIL], email, sizeof email, &why) != 0) {
		char msg[256];
		snprintf(msg, sizeof msg, "%s: left empty, kept in the lead's notes", why);
		if (warn)
			warn(ctx, r, CT_EMAIL, msg);
		add_note(&c->notes, "E-mail illisible sur la carte : ", r->text[CT_EMAIL]);
		email[0] = '\0';
	}
	c->email = xstrdup(email);
}

void card_release(struct card *c)
{
	free(c->first);
	free(c->last);
	free(c->company);
	free(c->city);
	free(c->email);
	free(c->notes);
	memset(c, 0, sizeof *c);
}

char *card_person(const struct card *c)
{
	if (!*c->first && !*c->last)
		return NULL;
	return xasprintf("%s%s%s%s%s", c->civility, *c->civility ? " " : "", c->first, *c->first && *c->last ? " " : "",
			 c->last);
}

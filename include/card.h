/*
 * card: a business card (a row of contacts.csv) normalised once — names,
 * company, city, phones, e-mail, SIREN, VAT number — so that the lead it
 * becomes (leads.c) and the customer it may be on a document (catalog.c)
 * carry the same values. Nothing typed is lost: a phone or an e-mail that
 * cannot be used is left empty, kept in the notes, and reported through
 * the caller's warn function. A home address or phone (an address book's
 * "Home Street", "Home Phone") is the card's when it has no work one, and
 * is kept in its notes when it has both.
 */
#ifndef CRMBATCH_CARD_H
#define CRMBATCH_CARD_H

#include "validate.h"

struct card {
	char civility[16];           /* "M.", "Mme", or as typed (cut at 15 bytes: a title, not a name) */
	char *first, *last;          /* name-cased; "" when absent (owned) */
	char *company, *city;        /* company typed in capitals made readable; "" when absent (owned) */
	/* The address: the work one, else the home one when the card has only
	 * that (borrowed from the record, NULL when absent; city above). */
	const char *street, *zip, *country;
	char phone[32], e164[20];    /* display and E.164 forms, "" when absent or unusable */
	char mobile[32], mobile_e164[20];
	char *email;                 /* normalised, "" when absent or unusable (owned) */
	char siren[10];              /* the SIREN's 9 digits, "" when absent (a bad one is refused earlier) */
	char vat[16];                /* compact VAT number, "" when absent */
	char *notes;                 /* the card's notes and what could not be used (owned) */
};

/* Reports that column col of row r could not be used (why). */
typedef void card_warn_fn(void *ctx, const struct record *r, int col, const char *why);

/* Normalises row r of contacts.csv into c; warn (may be NULL) hears of
 * each phone or e-mail left empty. Release c with card_release. */
void card_normalize(const struct record *r, struct card *c, card_warn_fn *warn, void *ctx);
void card_release(struct card *c);

/* "M. Jean Hubert": the person a card names, or NULL when none (new string). */
char *card_person(const struct card *c);

#endif

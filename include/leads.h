/*
 * leads: business cards become leads (Odoo's crm.lead).
 *
 * Each card is normalised — civility, names, company, city; phone numbers
 * (phone.h) and e-mail addresses (email.h) checked, written as E.164 and
 * for display. An invalid phone or e-mail does not lose the card: the field
 * stays empty in the lead, the text typed is kept in the lead's notes, and
 * a warning goes to rejects.csv. Cards for the same person (same e-mail,
 * same phone, or same company and name) are merged into one lead: the first
 * card's values win, later cards fill the gaps, every merge is reported.
 * A lead's id comes from its first card ("L-" + card_id), so the same
 * export imported twice gives the same leads. Each lead is assigned to the
 * card's salesperson, else by the config's [assignment] rules (event, city,
 * then round-robin among sales users), else reported unassigned.
 */
#ifndef CRMBATCH_LEADS_H
#define CRMBATCH_LEADS_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "ingest.h"
#include "keyset.h"
#include "rejects.h"

enum lead_state { LEAD_OPEN, LEAD_WON, LEAD_LOST };

struct lead {
	char *id;                  /* "L-SALON-001" */
	char *card_id;             /* the first card's */
	char *civility, *first_name, *last_name, *company, *legal_form, *job_title;
	char *phone, *phone_e164, *mobile, *mobile_e164, *email;
	char *street, *zip, *city, *country;
	char *event, *interest, *source, *medium, *campaign;
	char *salesperson;         /* login, or NULL when unassigned */
	const struct team *team;   /* NULL when the config has no teams */
	char *card_team;           /* the team named on the card, if any */
	char *notes;
	int32_t met_on;            /* DATE_NONE when unknown */
	int64_t expected_revenue;  /* cents */
	int priority;              /* 0..3 */
	long line;                 /* the first card's line */
	/* The pipeline, moved by activities (activities.h): */
	size_t stage;              /* index into config stages */
	enum lead_state state;
	int probability;
	char *lost_reason;
};

struct leads {
	const struct config *cfg;
	struct rejects *rejects;
	char *path;                /* contacts.csv, for messages */
	struct lead *v;
	size_t n, cap;
	struct keyset *by_card, *by_email, *by_phone, *by_name; /* -> index */
	long merged, unassigned, warnings;
};

void leads_init(struct leads *ls, const struct config *cfg, struct rejects *rj, const char *input_dir);
void leads_release(struct leads *ls);
/* Adds the sink of contacts.csv. */
void leads_attach(struct leads *ls, struct ingest *in);

/* Assigns the leads without a salesperson (after ingestion). */
void leads_assign(struct leads *ls);

/* The lead of a card (merged cards included), or NULL. */
struct lead *leads_by_card(const struct leads *ls, const char *card_id);

/* The lead's display name: its company, else the person. Static buffer. */
const char *lead_display_name(const struct lead *l);

/* Prorated revenue: expected x probability / 100, rounded to cents. */
int64_t lead_prorated(const struct lead *l);

#endif

/* leads: cards normalised, merged, identified and assigned (see include/leads.h). */
#include "leads.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "date.h"
#include "money.h"
#include "schema.h"
#include "sha256.h"
#include "text.h"
#include "xalloc.h"

void leads_init(struct leads *ls, const struct config *cfg, struct rejects *rj, const char *input_dir)
{
	memset(ls, 0, sizeof *ls);
	ls->cfg = cfg;
	ls->rejects = rj;
	ls->path = xasprintf("%s/%s", input_dir, schema_get(IN_CONTACTS)->filename);
	ls->by_card = keyset_new();
	ls->by_email = keyset_new();
	ls->by_phone = keyset_new();
	ls->by_name = keyset_new();
}

static void lead_free(struct lead *l)
{
	char **f[] = { &l->id, &l->card_id, &l->civility, &l->first_name, &l->last_name, &l->company,
		       &l->legal_form, &l->job_title, &l->phone, &l->phone_e164, &l->mobile, &l->mobile_e164, &l->email,
		       &l->street, &l->zip, &l->city, &l->country, &l->event, &l->interest, &l->source,
		       &l->medium, &l->campaign, &l->salesperson, &l->notes, &l->lost_reason, &l->card_team };
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		free(*f[i]);
}

void leads_release(struct leads *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		lead_free(&ls->v[i]);
	free(ls->v);
	free(ls->path);
	keyset_free(ls->by_card);
	keyset_free(ls->by_email);
	keyset_free(ls->by_phone);
	keyset_free(ls->by_name);
	memset(ls, 0, sizeof *ls);
}

/* --- normalising a card --------------------------------------------------- */

static void warn(void *ctx, const struct record *r, int col, const char *why)
{
	struct leads *ls = ctx;
	struct reject rj = { ls->path, r->line, r->column[col], schema_get(IN_CONTACTS)->cols[col].name, r->text[col],
			     SEV_WARNING, why, NULL };
	rejects_add(ls->rejects, &rj);
	ls->warnings++;
}

/* Keys two cards of the same person share. */
static void email_key(const struct card *c, char *out, size_t size)
{
	size_t i = 0;
	for (; c->email[i] && i + 1 < size; i++)
		out[i] = (char)tolower((unsigned char)c->email[i]);
	out[i] = '\0';
}

/* "company|first|last" as names compare, or NULL when the card lacks a
 * company or a name (the caller frees it). Each part is whole: cut, two
 * long names alike at the start would be one person. */
static char *name_key(const struct card *c)
{
	if (!*c->company || (!*c->first && !*c->last))
		return NULL;
	char *a = text_name_key(c->company), *b = text_name_key(c->first), *d = text_name_key(c->last);
	char *key = *a && (*b || *d) ? xasprintf("%s|%s|%s", a, b, d) : NULL; /* nothing left: no key */
	free(a);
	free(b);
	free(d);
	return key;
}

/* --- leads ---------------------------------------------------------------- */

static char *dup_nonempty(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* Fills the fields the lead lacks from a later card of the same person. */
static void fill(char **field, const char *value)
{
	if (!*field && value && *value)
		*field = xstrdup(value);
}

/* The lead's id (the caller frees it): its card's id, whole however long
 * (cut, two long ids alike at the start would name one lead). */
static char *lead_id(const struct record *r, const struct card *c)
{
	if (r->text[CT_CARD_ID])
		return xasprintf("L-%s", r->text[CT_CARD_ID]);
	/* No card id: a fingerprint of who the card names, stable across runs. */
	struct sha256 h;
	char hex[65];
	sha256_init(&h);
	const char *parts[] = { c->email, c->e164, c->company, c->first, c->last };
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		sha256_update(&h, parts[i], strlen(parts[i]));
		sha256_update(&h, "|", 1);
	}
	sha256_hex(&h, hex);
	return xasprintf("L-%.12s", hex);
}

static void index_card(struct leads *ls, const struct card *c, const struct record *r, long idx)
{
	char key[512];
	if (r->text[CT_CARD_ID])
		keyset_add(ls->by_card, r->text[CT_CARD_ID], idx, NULL);
	if (*c->email) {
		email_key(c, key, sizeof key);
		keyset_add(ls->by_email, key, idx, NULL);
	}
	if (*c->e164)
		keyset_add(ls->by_phone, c->e164, idx, NULL);
	if (*c->mobile_e164)
		keyset_add(ls->by_phone, c->mobile_e164, idx, NULL);
	char *name = name_key(c);
	if (name)
		keyset_add(ls->by_name, name, idx, NULL);
	free(name);
}

/* The lead a card duplicates, and by what, or -1. */
static long find_duplicate(const struct leads *ls, const struct card *c, const char **by)
{
	char key[512];
	long idx;
	if (*c->email) {
		email_key(c, key, sizeof key);
		if (keyset_get(ls->by_email, key, &idx)) {
			*by = "same e-mail";
			return idx;
		}
	}
	if ((*c->e164 && keyset_get(ls->by_phone, c->e164, &idx)) ||
	    (*c->mobile_e164 && keyset_get(ls->by_phone, c->mobile_e164, &idx))) {
		*by = "same phone";
		return idx;
	}
	char *name = name_key(c);
	int same = name && keyset_get(ls->by_name, name, &idx);
	free(name);
	if (same) {
		*by = "same company and name";
		return idx;
	}
	return -1;
}

static int on_card(void *ctx, const struct record *r)
{
	struct leads *ls = ctx;
	struct card c;
	card_normalize(r, &c, warn, ls);

	const char *by = NULL;
	long dup = find_duplicate(ls, &c, &by);
	if (dup >= 0) {
		struct lead *l = &ls->v[dup];
		fill(&l->civility, c.civility);
		fill(&l->first_name, c.first);
		fill(&l->last_name, c.last);
		fill(&l->company, c.company);
		fill(&l->legal_form, r->text[CT_LEGAL_FORM]);
		fill(&l->job_title, r->text[CT_JOB_TITLE]);
		fill(&l->phone, c.phone);
		fill(&l->phone_e164, c.e164);
		fill(&l->mobile, c.mobile);
		fill(&l->mobile_e164, c.mobile_e164);
		fill(&l->email, c.email);
		fill(&l->street, c.street);
		fill(&l->zip, c.zip);
		fill(&l->city, c.city);
		fill(&l->country, c.country);
		fill(&l->event, r->text[CT_EVENT]);
		fill(&l->interest, r->text[CT_INTEREST]);
		fill(&l->salesperson, r->text[CT_SALESPERSON]);
		fill(&l->source, r->text[CT_SOURCE]);
		fill(&l->medium, r->text[CT_MEDIUM]);
		fill(&l->campaign, r->text[CT_CAMPAIGN]);
		if (l->met_on == DATE_NONE && r->text[CT_MET_ON])
			l->met_on = (int32_t)r->num[CT_MET_ON];
		if (!l->expected_revenue && r->text[CT_EXPECTED_REVENUE])
			l->expected_revenue = r->num[CT_EXPECTED_REVENUE];
		if (*c.notes) {
			char *n = xasprintf("%s%s%s", l->notes ? l->notes : "", l->notes ? " ; " : "", c.notes);
			free(l->notes);
			l->notes = n;
		}
		index_card(ls, &c, r, dup);
		char why[256];
		snprintf(why, sizeof why, "duplicate of card %s (%s): merged into lead %s", l->card_id ? l->card_id : "?",
			 by, l->id);
		struct reject rj = { ls->path, r->line, 0, NULL, r->text[CT_CARD_ID], SEV_WARNING, why, NULL };
		rejects_add(ls->rejects, &rj);
		ls->merged++;
		card_release(&c);
		return 0;
	}

	if (ls->n == ls->cap) {
		ls->cap = xgrow(ls->cap, 64);
		ls->v = xrealloc(ls->v, ls->cap * sizeof *ls->v);
	}
	struct lead *l = &ls->v[ls->n];
	memset(l, 0, sizeof *l);
	l->id = lead_id(r, &c);
	l->card_id = dup_nonempty(r->text[CT_CARD_ID]);
	l->civility = dup_nonempty(c.civility);
	l->first_name = dup_nonempty(c.first);
	l->last_name = dup_nonempty(c.last);
	l->company = dup_nonempty(c.company);
	l->legal_form = dup_nonempty(r->text[CT_LEGAL_FORM]);
	l->job_title = dup_nonempty(r->text[CT_JOB_TITLE]);
	l->phone = dup_nonempty(c.phone);
	l->phone_e164 = dup_nonempty(c.e164);
	l->mobile = dup_nonempty(c.mobile);
	l->mobile_e164 = dup_nonempty(c.mobile_e164);
	l->email = dup_nonempty(c.email);
	l->street = dup_nonempty(c.street);
	l->zip = dup_nonempty(c.zip);
	l->city = dup_nonempty(c.city);
	l->country = dup_nonempty(c.country);
	l->event = dup_nonempty(r->text[CT_EVENT]);
	l->interest = dup_nonempty(r->text[CT_INTEREST]);
	l->source = dup_nonempty(r->text[CT_SOURCE]);
	l->medium = dup_nonempty(r->text[CT_MEDIUM]);
	l->campaign = dup_nonempty(r->text[CT_CAMPAIGN]);
	l->notes = dup_nonempty(c.notes);
	l->card_team = dup_nonempty(r->text[CT_TEAM]);
	/* A salesperson the config does not know was warned about at
	 * validation; the rules assign the lead instead. */
	/* The card's owner, resolved to a login by validation when it names
	 * a user; an owner who is none is kept as written, never replaced. */
	l->salesperson = dup_nonempty(r->text[CT_SALESPERSON]);
	l->met_on = r->text[CT_MET_ON] ? (int32_t)r->num[CT_MET_ON] : DATE_NONE;
	l->expected_revenue = r->num[CT_EXPECTED_REVENUE];
	l->priority = (int)r->num[CT_PRIORITY];
	l->line = r->line;
	l->stage = 0;
	l->state = LEAD_OPEN;
	l->probability = ls->cfg->stages[0].probability;
	index_card(ls, &c, r, (long)ls->n);
	ls->n++;
	card_release(&c);
	return 0;
}

void leads_attach(struct leads *ls, struct ingest *in)
{
	ingest_add_sink(in, IN_CONTACTS, on_card, ls);
}

/* --- assignment ----------------------------------------------------------- */

static uint64_t stable_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

void leads_assign(struct leads *ls)
{
	const struct config *cfg = ls->cfg;
	const struct user *sellers[64];
	size_t nsellers = 0;
	for (size_t i = 0; i < cfg->nusers && nsellers < 64; i++)
		if (cfg->users[i].roles & ROLE_SALES)
			sellers[nsellers++] = &cfg->users[i];
	for (size_t i = 0; i < ls->n; i++) {
		struct lead *l = &ls->v[i];
		if (l->salesperson)
			continue;
		const char *who = NULL;
		char key[256];
		for (size_t k = 0; k < cfg->nrules && !who; k++) {
			const struct assign_rule *rule = &cfg->rules[k];
			const char *v = rule->by == ASSIGN_BY_EVENT ? l->event : l->city;
			if (v && strcmp(header_key(v, key, sizeof key), rule->match) == 0)
				who = rule->login;
		}
		/* Round-robin that stays put: a lead keeps its salesperson when
		 * other cards come and go. */
		if (!who && cfg->round_robin && nsellers)
			who = sellers[stable_hash(l->id) % nsellers]->login;
		if (who) {
			l->salesperson = xstrdup(who);
			continue;
		}
		ls->unassigned++;
		struct reject rj = { ls->path, l->line, 0, "salesperson", NULL, SEV_WARNING,
				     "no salesperson on the card and no assignment rule matched: the lead is unassigned", NULL };
		rejects_add(ls->rejects, &rj);
	}
	/* With teams: the team owning the lead's first stage, else the one on
	 * the card, else its salesperson's. */
	for (size_t i = 0; cfg->nteams && i < ls->n; i++) {
		struct lead *l = &ls->v[i];
		l->team = config_stage_owner(cfg, l->stage);
		if (!l->team && l->card_team)
			l->team = config_team(cfg, l->card_team);
		if (!l->team && l->salesperson)
			l->team = config_team_of(cfg, l->salesperson);
	}
}

struct lead *leads_by_card(const struct leads *ls, const char *card_id)
{
	long i;
	return keyset_get(ls->by_card, card_id, &i) ? &ls->v[i] : NULL;
}

const char *lead_display_name(const struct lead *l)
{
	static char buf[512];
	if (l->company) {
		snprintf(buf, sizeof buf, "%s", l->company);
		return buf;
	}
	snprintf(buf, sizeof buf, "%s%s%s%s%s", l->civility ? l->civility : "", l->civility ? " " : "",
		 l->first_name ? l->first_name : "", l->first_name && l->last_name ? " " : "",
		 l->last_name ? l->last_name : "");
	return buf;
}

int64_t lead_prorated(const struct lead *l)
{
	int64_t v = 0;
	div_round((__int128)l->expected_revenue * l->probability, 100, &v);
	return v;
}

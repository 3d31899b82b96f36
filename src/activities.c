/* activities: history, stage moves and agenda (see include/activities.h). */
#include "activities.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "xalloc.h"

static const char *const type_names[] = { "email", "call", "meeting", "todo", "note", "stage", "won", "lost" };

const char *activity_type_name(enum activity_type t)
{
	return type_names[t];
}

void activities_init(struct activities *as, const struct config *cfg, struct leads *ls, const char *input_dir)
{
	memset(as, 0, sizeof *as);
	as->cfg = cfg;
	as->leads = ls;
	as->path = xasprintf("%s/%s", input_dir, schema_get(IN_ACTIVITIES)->filename);
}

void activities_release(struct activities *as)
{
	for (size_t i = 0; i < as->n; i++) {
		free(as->v[i].summary);
		free(as->v[i].user);
		free(as->v[i].stage_name);
		free(as->v[i].lost_reason);
		free(as->v[i].from_user);
		free(as->v[i].to_user);
	}
	free(as->v);
	free(as->path);
	free(as->next);
	memset(as, 0, sizeof *as);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static int on_activity(void *ctx, const struct record *r)
{
	struct activities *as = ctx;
	struct lead *l = leads_by_card(as->leads, r->text[AC_LEAD]);
	if (!l)
		return 0; /* validation already refused it: the card is unknown */
	if (as->n == as->cap) {
		as->cap = xgrow(as->cap, 64);
		as->v = xrealloc(as->v, as->cap * sizeof *as->v);
	}
	struct activity *a = &as->v[as->n++];
	memset(a, 0, sizeof *a);
	a->lead = l;
	a->date = (int32_t)r->num[AC_DATE];
	a->due_date = r->text[AC_DUE_DATE] ? (int32_t)r->num[AC_DUE_DATE] : DATE_NONE;
	a->type = (enum activity_type)r->num[AC_TYPE];
	a->summary = dup_or_null(r->text[AC_SUMMARY]);
	a->user = dup_or_null(r->text[AC_USER]);
	a->stage_name = dup_or_null(r->text[AC_STAGE]);
	a->lost_reason = dup_or_null(r->text[AC_LOST_REASON]);
	a->duration_min = r->num[AC_DURATION];
	a->done = (int)r->num[AC_DONE];
	a->line = r->line;
	return 0;
}

void activities_attach(struct activities *as, struct ingest *in)
{
	ingest_add_sink(in, IN_ACTIVITIES, on_activity, as);
}

/* By lead (in lead order), then date, then line: each lead's history. */
static int by_lead_date(const void *x, const void *y)
{
	const struct activity *a = x, *b = y;
	if (a->lead != b->lead)
		return a->lead < b->lead ? -1 : 1;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

static size_t stage_index(const struct config *cfg, const char *name)
{
	const struct stage *s = config_stage(cfg, name);
	return (size_t)(s - cfg->stages);
}

static void refuse(struct activities *as, struct ingest *in, struct rejects *rj, struct activity *a,
		   const char *field, const char *why)
{
	struct reject r = { as->path, a->line, 0, field, NULL, SEV_ERROR, why, NULL };
	rejects_add(rj, &r);
	ingest_refuse_late(in, IN_ACTIVITIES);
	a->refused = 1;
	as->refused++;
}

static uint64_t stable_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* A move into a stage another team owns hands the lead over: to the
 * activity's user when a member of that team, else to its salesperson
 * when one, else to a member chosen round-robin in a stable order. */
static void handoff(const struct config *cfg, struct lead *l, struct activity *a)
{
	const struct team *owner = cfg->nteams ? config_stage_owner(cfg, l->stage) : NULL;
	if (!owner || owner == l->team || !owner->nmembers)
		return;
	const char *to = a->user && team_has(owner, a->user) ? a->user
			 : l->salesperson && team_has(owner, l->salesperson) ? l->salesperson
			 : owner->members[stable_hash(l->id) % owner->nmembers];
	a->from_team = l->team;
	a->from_user = l->salesperson ? xstrdup(l->salesperson) : NULL;
	a->to_team = owner;
	a->to_user = xstrdup(to); /* before the free below: to may be l->salesperson */
	l->team = owner;
	free(l->salesperson);
	l->salesperson = xstrdup(a->to_user);
}

void activities_apply(struct activities *as, struct ingest *in, struct rejects *rj)
{
	const struct config *cfg = as->cfg;
	if (as->n) /* qsort wants a real array, even an empty one */
		qsort(as->v, as->n, sizeof *as->v, by_lead_date);
	size_t last_stage = cfg->nstages - 1;
	char why[256], d1[16], d2[16];
	for (size_t i = 0; i < as->n; i++) {
		struct activity *a = &as->v[i];
		struct lead *l = a->lead;
		a->stage_before = a->stage_after = l->stage;
		if (l->met_on != DATE_NONE && a->date < l->met_on) {
			snprintf(why, sizeof why, "activity dated %s, before the lead was met (%s)",
				 date_format_iso(a->date, d1, sizeof d1), date_format_iso(l->met_on, d2, sizeof d2));
			refuse(as, in, rj, a, "date", why);
			continue;
		}
		if (a->type != ACT_STAGE && a->type != ACT_WON && a->type != ACT_LOST)
			continue;
		if (l->state != LEAD_OPEN) {
			snprintf(why, sizeof why, "%s on a lead already %s", a->type == ACT_STAGE ? "stage move" : activity_type_name(a->type),
				 l->state == LEAD_WON ? "won" : "lost");
			refuse(as, in, rj, a, "type", why);
			continue;
		}
		a->moved = 1;
		switch (a->type) {
		case ACT_STAGE:
			l->stage = stage_index(cfg, a->stage_name);
			l->probability = cfg->stages[l->stage].probability;
			break;
		case ACT_WON:
			/* Won is the last stage, as in Odoo's default pipeline. */
			l->stage = last_stage;
			l->state = LEAD_WON;
			l->probability = 100;
			break;
		default: /* ACT_LOST: a state, not a stage */
			l->state = LEAD_LOST;
			l->probability = 0;
			free(l->lost_reason);
			l->lost_reason = xstrdup(a->lost_reason ? a->lost_reason : a->summary ? a->summary : "");
			break;
		}
		a->stage_after = l->stage;
		handoff(cfg, l, a);
	}
	/* Each lead's next planned activity: the earliest due, then the first. */
	as->next = xcalloc(as->leads->n ? as->leads->n : 1, sizeof *as->next);
	for (size_t i = 0; i < as->n; i++) {
		const struct activity *a = &as->v[i];
		if (a->refused || a->done || a->due_date == DATE_NONE)
			continue;
		const struct activity **best = &as->next[a->lead - as->leads->v];
		if (!*best || a->due_date < (*best)->due_date)
			*best = a;
	}
}

enum agenda_state agenda_state_of(const struct activity *a, int32_t today)
{
	return a->due_date < today ? AGENDA_OVERDUE : a->due_date == today ? AGENDA_TODAY : AGENDA_PLANNED;
}

const char *agenda_state_name(enum agenda_state s)
{
	return s == AGENDA_OVERDUE ? "overdue" : s == AGENDA_TODAY ? "today" : "planned";
}

const struct activity *activities_next(const struct activities *as, const struct lead *l)
{
	return as->next ? as->next[l - as->leads->v] : NULL;
}

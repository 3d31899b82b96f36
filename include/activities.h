/*
 * activities: each lead's history and each user's agenda.
 *
 * Activities (email, call with its duration, meeting, note, todo) join
 * their lead's history in date order; stage, won and lost rows move the
 * lead through the configured stages as Odoo does (lost is a state with
 * probability 0 and a reason, not a stage). Rows that make no sense are
 * refused with a reason, after ingestion, in date order: an activity dated
 * before the lead was met, a stage move on a won or lost lead. Planned
 * activities (not done, with a due date) make the agenda, relative to the
 * run's date: overdue, today, planned.
 */
#ifndef CRMBATCH_ACTIVITIES_H
#define CRMBATCH_ACTIVITIES_H

#include <stdint.h>

#include "ingest.h"
#include "leads.h"
#include "schema.h"

enum agenda_state { AGENDA_OVERDUE, AGENDA_TODAY, AGENDA_PLANNED };

struct activity {
	struct lead *lead;
	int32_t date, due_date;     /* due_date: DATE_NONE when none */
	enum activity_type type;
	char *summary, *user, *stage_name, *lost_reason;
	int64_t duration_min;
	int done;
	long line;
	/* Set when applied: */
	int refused;
	size_t stage_before, stage_after;
	int moved;                  /* a stage, won or lost row that applied */
	/* When the move took the lead to a stage another team owns: */
	const struct team *from_team, *to_team;  /* to_team NULL: no hand-off */
	char *from_user, *to_user;
};

struct activities {
	const struct config *cfg;
	struct leads *leads;
	char *path;
	struct activity *v;
	size_t n, cap;
	long refused;
	const struct activity **next;  /* by lead index: its next planned activity */
};

void activities_init(struct activities *as, const struct config *cfg, struct leads *ls, const char *input_dir);
void activities_release(struct activities *as);
void activities_attach(struct activities *as, struct ingest *in);

/* Applies every lead's activities in date order; refused rows are
 * reported and counted as rejected in `in`. */
void activities_apply(struct activities *as, struct ingest *in, struct rejects *rj);

/* A planned activity's place in the agenda on `today`. */
enum agenda_state agenda_state_of(const struct activity *a, int32_t today);
const char *agenda_state_name(enum agenda_state s);

/* The lead's next planned activity (earliest due), or NULL; after apply. */
const struct activity *activities_next(const struct activities *as, const struct lead *l);

/* "email", "call"... */
const char *activity_type_name(enum activity_type t);

#endif

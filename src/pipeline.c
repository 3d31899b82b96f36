/* pipeline: the CRM outputs (see include/pipeline.h). */
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "csvwrite.h"
#include "date.h"
#include "money.h"
#include "pdfdoc.h"
#include "xalloc.h"

static const char *state_name(enum lead_state s)
{
	return s == LEAD_WON ? "won" : s == LEAD_LOST ? "lost" : "open";
}

static const char *num(char *buf, size_t size, long long v)
{
	snprintf(buf, size, "%lld", v);
	return buf;
}

static const char *money(char *buf, size_t size, int64_t cents)
{
	return num_format_dot(cents, SCALE_CENTS, 2, buf, size);
}

static const char *date_or_empty(char *buf, size_t size, int32_t d)
{
	return d == DATE_NONE ? "" : date_format_iso(d, buf, size);
}

/* The opportunity's name, as Odoo titles a lead: what the card says the
 * prospect wants, else who the prospect is. */
static const char *lead_title(const struct lead *l)
{
	return l->interest ? l->interest : lead_display_name(l);
}

static enum exit_code write_leads(const struct config *cfg, const struct leads *ls, const struct activities *as,
				  const char *dir, int32_t today, struct diag *err)
{
	struct atomic_file af;
	char *path = xasprintf("%s/leads.csv", dir);
	enum exit_code rc = atomic_open(&af, path, err);
	free(path);
	if (rc)
		return rc;
	FILE *fp = af.fp;
	fputs("lead_id,name,civility,first_name,last_name,company,phone,phone_e164,mobile,mobile_e164,email,city,salesperson,"
	      "stage,state,"
	      "priority,probability,expected_revenue,prorated_revenue,source,medium,campaign,next_activity,"
	      "next_activity_date,next_activity_state,lost_reason,notes,team,street,zip,country\n", fp);
	char a[32], b[32], c[32], d[32], e[32];
	for (size_t i = 0; i < ls->n; i++) {
		const struct lead *l = &ls->v[i];
		const struct activity *next = activities_next(as, l);
		const char *fields[] = {
			l->id, lead_title(l), l->civility, l->first_name, l->last_name, l->company,
			l->phone, l->phone_e164, l->mobile, l->mobile_e164, l->email, l->city, l->salesperson,
			cfg->stages[l->stage].name, state_name(l->state), num(a, sizeof a, l->priority),
			num(b, sizeof b, l->probability), money(c, sizeof c, l->expected_revenue),
			money(d, sizeof d, lead_prorated(l)), l->source, l->medium, l->campaign,
			next ? (next->summary ? next->summary : activity_type_name(next->type)) : NULL,
			next ? date_or_empty(e, sizeof e, next->due_date) : NULL,
			next ? agenda_state_name(agenda_state_of(next, today)) : NULL,
			l->lost_reason, l->notes, l->team ? l->team->name : NULL,
			/* The address beside the city, last so that the columns
			 * before keep their places (#22: a home address kept). */
			l->street, l->zip, l->country,
		};
		size_t nf = sizeof fields / sizeof *fields;
		for (size_t k = 0; k < nf; k++)
			csv_write_field(fp, fields[k], k + 1 == nf);
	}
	return atomic_commit(&af, err);
}

/* An event of a lead's history: its creation from a card, or an activity. */
struct event {
	const struct lead *lead;
	const struct activity *act;   /* NULL: the card */
	int32_t date;
	size_t order;                 /* ties: creation first, then input order */
};

static int by_date(const void *x, const void *y)
{
	const struct event *a = x, *b = y;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static enum exit_code write_history(const struct config *cfg, const struct leads *ls, const struct activities *as,
				    const char *dir, int32_t today, struct diag *err)
{
	size_t n = 0;
	struct event *ev = xmalloc((ls->n + as->n + 1) * sizeof *ev);
	for (size_t i = 0; i < ls->n; i++) {
		const struct lead *l = &ls->v[i];
		ev[n++] = (struct event){ l, NULL, l->met_on != DATE_NONE ? l->met_on : today, i };
	}
	for (size_t i = 0; i < as->n; i++)
		if (!as->v[i].refused)
			ev[n++] = (struct event){ as->v[i].lead, &as->v[i], as->v[i].date, ls->n + i };
	qsort(ev, n, sizeof *ev, by_date);

	struct atomic_file af;
	char *path = xasprintf("%s/history.csv", dir);
	enum exit_code rc = atomic_open(&af, path, err);
	free(path);
	if (rc) {
		free(ev);
		return rc;
	}
	FILE *fp = af.fp;
	fputs("lead_id,date,type,user,summary,duration_min,stage_before,stage_after\n", fp);
	char d[16], dur[32], summary[512];
	for (size_t i = 0; i < n; i++) {
		const struct event *e = &ev[i];
		const struct activity *a = e->act;
		if (!a) {
			snprintf(summary, sizeof summary, "Carte de visite%s%s", e->lead->event ? " — " : "",
				 e->lead->event ? e->lead->event : "");
			const char *f[] = { e->lead->id, date_format_iso(e->date, d, sizeof d), "created",
					    e->lead->salesperson, summary, "", "", cfg->stages[0].name };
			for (size_t k = 0; k < 8; k++)
				csv_write_field(fp, f[k], k == 7);
			continue;
		}
		const char *before = a->moved ? cfg->stages[a->stage_before].name : "";
		const char *after = a->moved ? cfg->stages[a->stage_after].name : "";
		const char *f[] = { e->lead->id, date_format_iso(a->date, d, sizeof d), activity_type_name(a->type),
				    a->user, a->summary, a->duration_min ? num(dur, sizeof dur, a->duration_min) : "",
				    before, after };
		for (size_t k = 0; k < 8; k++)
			csv_write_field(fp, f[k], k == 7);
		if (a->to_team) {
			snprintf(summary, sizeof summary, "%s (%s) -> %s (%s)", a->from_team ? a->from_team->name : "-",
				 a->from_user ? a->from_user : "-", a->to_team->name, a->to_user);
			const char *h[] = { e->lead->id, d, "handoff", a->to_user, summary, "", after, after };
			for (size_t k = 0; k < 8; k++)
				csv_write_field(fp, h[k], k == 7);
		}
	}
	free(ev);
	return atomic_commit(&af, err);
}

/* Planned activities in agenda order: user, due date, lead. */
static int by_agenda(const void *x, const void *y)
{
	const struct activity *a = *(const struct activity *const *)x, *b = *(const struct activity *const *)y;
	int c = strcmp(a->user ? a->user : (a->lead->salesperson ? a->lead->salesperson : ""),
		       b->user ? b->user : (b->lead->salesperson ? b->lead->salesperson : ""));
	if (c)
		return c;
	if (a->due_date != b->due_date)
		return a->due_date < b->due_date ? -1 : 1;
	c = strcmp(a->lead->id, b->lead->id);
	return c ? c : (a->line < b->line ? -1 : a->line > b->line);
}

/* The planned activities (not done, with a due date), in agenda order;
 * caller frees. The user is the activity's, else the lead's salesperson. */
static const struct activity **planned(const struct activities *as, size_t *n)
{
	const struct activity **v = xmalloc((as->n + 1) * sizeof *v);
	*n = 0;
	for (size_t i = 0; i < as->n; i++) {
		const struct activity *a = &as->v[i];
		if (!a->refused && !a->done && a->due_date != DATE_NONE)
			v[(*n)++] = a;
	}
	qsort(v, *n, sizeof *v, by_agenda);
	return v;
}

static const char *owner(const struct activity *a)
{
	return a->user ? a->user : a->lead->salesperson ? a->lead->salesperson : "";
}

static enum exit_code write_agenda(const struct activities *as, const char *dir, int32_t today, struct diag *err)
{
	struct atomic_file af;
	char *path = xasprintf("%s/agenda.csv", dir);
	enum exit_code rc = atomic_open(&af, path, err);
	free(path);
	if (rc)
		return rc;
	size_t n;
	const struct activity **v = planned(as, &n);
	fputs("user,due_date,state,days_overdue,lead_id,lead_name,type,summary\n", af.fp);
	char d[16], late[16];
	for (size_t i = 0; i < n; i++) {
		const struct activity *a = v[i];
		enum agenda_state st = agenda_state_of(a, today);
		const char *f[] = { owner(a), date_format_iso(a->due_date, d, sizeof d), agenda_state_name(st),
				    st == AGENDA_OVERDUE ? num(late, sizeof late, today - a->due_date) : "0", a->lead->id,
				    lead_display_name(a->lead), activity_type_name(a->type), a->summary };
		for (size_t k = 0; k < 8; k++)
			csv_write_field(af.fp, f[k], k == 7);
	}
	free(v);
	return atomic_commit(&af, err);
}

long pipeline_print_agenda(FILE *out, const struct config *cfg, const struct activities *as, int32_t today,
			   const char *login, const struct team *team)
{
	size_t n;
	const struct activity **v = planned(as, &n);
	static const char *const headings[] = { "Overdue", "Today", "Planned" };
	long printed = 0;
	const char *current = NULL;
	for (size_t i = 0; i < n; i++) {
		const char *who = owner(v[i]);
		if ((login && strcmp(who, login) != 0) || (team && !team_has(team, who)))
			continue;
		if (!current || strcmp(current, who) != 0) {
			const struct user *u = config_user(cfg, who);
			fprintf(out, "%s%s (%s)\n", printed ? "\n" : "", u ? u->name : "(unassigned)", who);
			current = who;
			/* Each user's list, grouped overdue / today / planned. */
			for (int st = AGENDA_OVERDUE; st <= AGENDA_PLANNED; st++) {
				int any = 0;
				for (size_t k = i; k < n && strcmp(owner(v[k]), who) == 0; k++) {
					const struct activity *a = v[k];
					if ((int)agenda_state_of(a, today) != st)
						continue;
					char d[16];
					if (!any)
						fprintf(out, "  %s\n", headings[st]);
					any = 1;
					fprintf(out, "    %s  %-8s %-14s %s", date_format_iso(a->due_date, d, sizeof d),
						activity_type_name(a->type), a->lead->id, lead_display_name(a->lead));
					if (a->summary)
						fprintf(out, " — %s", a->summary);
					if (st == AGENDA_OVERDUE)
						fprintf(out, " (%d day%s late)", today - a->due_date, today - a->due_date > 1 ? "s" : "");
					fputc('\n', out);
					printed++;
				}
			}
		}
	}
	free(v);
	return printed;
}

/* --- pipeline.csv and pipeline.pdf ------------------------------------------ */

struct bucket {
	const char *key;
	long leads, won, lost, open;
	int64_t expected, prorated;
};

static void count(struct bucket *b, const struct lead *l)
{
	b->leads++;
	if (l->state == LEAD_LOST) {
		b->lost++;
		return; /* out of the pipeline's revenue, as in Odoo */
	}
	if (l->state == LEAD_WON)
		b->won++;
	else
		b->open++;
	b->expected += l->expected_revenue;
	b->prorated += lead_prorated(l);
}

struct figures {
	struct bucket *stages, *people, *teams, total;
	size_t npeople, nteams;
	int beyond;     /* the total's expected revenue would exceed MONEY_SUM_MAX */
};

static void figures_build(const struct config *cfg, const struct leads *ls, struct figures *f)
{
	memset(f, 0, sizeof *f);
	f->stages = xcalloc(cfg->nstages, sizeof *f->stages);
	for (size_t s = 0; s < cfg->nstages; s++)
		f->stages[s].key = cfg->stages[s].name;
	f->people = xcalloc(cfg->nusers + 1, sizeof *f->people);
	for (size_t u = 0; u < cfg->nusers; u++)
		if (cfg->users[u].roles & ROLE_SALES)
			f->people[f->npeople++].key = cfg->users[u].login;
	f->total.key = "total";
	f->nteams = cfg->nteams;
	f->teams = xcalloc(cfg->nteams + 1, sizeof *f->teams);
	for (size_t t = 0; t < cfg->nteams; t++)
		f->teams[t].key = cfg->teams[t].name;
	for (size_t i = 0; i < ls->n; i++) {
		const struct lead *l = &ls->v[i];
		/* Every other sum is a part of the total's expected revenue
		 * (the prorated one is at most it): checking it checks all. */
		int64_t check = f->total.expected;
		if (l->state != LEAD_LOST && money_sum_add(&check, l->expected_revenue)) {
			f->beyond = 1;
			break;
		}
		if (l->team)
			count(&f->teams[l->team - cfg->teams], l);
		count(&f->stages[l->stage], l);
		count(&f->total, l);
		size_t p = 0;
		while (p < f->npeople && !(l->salesperson && strcmp(f->people[p].key, l->salesperson) == 0))
			p++;
		if (p == f->npeople)
			f->people[f->npeople++].key = l->salesperson ? l->salesperson : "(unassigned)";
		count(&f->people[p], l);
	}
}

static enum exit_code write_pipeline_csv(const struct figures *f, size_t nstages, const char *dir, struct diag *err)
{
	struct atomic_file af;
	char *path = xasprintf("%s/pipeline.csv", dir);
	enum exit_code rc = atomic_open(&af, path, err);
	free(path);
	if (rc)
		return rc;
	fputs("dimension,key,leads,expected_revenue,prorated_revenue,won,lost\n", af.fp);
	char a[32], b[32], c[32], d[32], e[32];
	static const char *const dims[] = { "stage", "salesperson", "team", "total" };
	for (int dim = 0; dim < 4; dim++) {
		const struct bucket *v = dim == 0 ? f->stages : dim == 1 ? f->people : dim == 2 ? f->teams : &f->total;
		size_t n = dim == 0 ? nstages : dim == 1 ? f->npeople : dim == 2 ? f->nteams : 1;
		for (size_t i = 0; i < n; i++) {
			const char *fields[] = { dims[dim], v[i].key,
						 num(a, sizeof a, v[i].leads), money(b, sizeof b, v[i].expected),
						 money(c, sizeof c, v[i].prorated), num(d, sizeof d, v[i].won),
						 num(e, sizeof e, v[i].lost) };
			for (size_t k = 0; k < 7; k++)
				csv_write_field(af.fp, fields[k], k == 6);
		}
	}
	return atomic_commit(&af, err);
}

static const char *euros(int64_t cents, char *buf, size_t size)
{
	char n[40];
	num_format_fr(cents, SCALE_CENTS, 0, n, sizeof n);
	snprintf(buf, size, "%s\xC2\xA0\xE2\x82\xAC", n);
	return buf;
}

/* The chart's height in cents: four grid steps of 1, 2 or 5 x 10^k euros
 * that cover max. */
static int64_t nice_scale(int64_t max)
{
	static const int mult[] = { 1, 2, 5 };
	for (int64_t p = 100;; p *= 10)
		for (int i = 0; i < 3; i++)
			if (p * mult[i] * 4 >= max)
				return p * mult[i] * 4;
}

static enum exit_code write_pipeline_pdf(const struct config *cfg, const struct figures *f, const char *dir,
					 int32_t today, struct diag *err)
{
	char title[128], d[16], buf[64];
	snprintf(title, sizeof title, "Pipeline commercial au %s", date_format_fr(today, d, sizeof d));
	float top;
	struct pdf_canvas *c = pdfcanvas_new(cfg, today, title, &top);

	/* Bar chart: expected and prorated revenue per stage. */
	const float left = 70, right = 555, chart_h = 210, base = top - 40 - chart_h;
	int64_t max = 1;
	for (size_t s = 0; s < cfg->nstages; s++)
		if (f->stages[s].expected > max)
			max = f->stages[s].expected;
	int64_t scale = nice_scale(max + max / 10); /* room for the labels */
	pdfcanvas_text(c, 1, 11, left - 30, top - 14, 400, CANVAS_LEFT, "Chiffre d'affaires attendu et pondéré par étape");
	for (int k = 0; k <= 4; k++) {
		float y = base + chart_h * (float)k / 4;
		pdfcanvas_line(c, left, y, right, y, k == 0 ? 0.8f : 0.2f);
		pdfcanvas_text(c, 0, 7.5f, left - 65, y - 2.5f, 60, CANVAS_RIGHT, euros(scale * k / 4, buf, sizeof buf));
	}
	float slot = (right - left) / (float)cfg->nstages;
	for (size_t s = 0; s < cfg->nstages; s++) {
		const struct bucket *b = &f->stages[s];
		float x = left + slot * (float)s + slot * 0.15f, w = slot * 0.33f;
		float h1 = chart_h * (float)b->expected / (float)scale, h2 = chart_h * (float)b->prorated / (float)scale;
		pdfcanvas_rect(c, x, base, w, h1, 0.16f, 0.33f, 0.60f);
		pdfcanvas_rect(c, x + w + 2, base, w, h2, 0.55f, 0.72f, 0.90f);
		pdfcanvas_text(c, 0, 7, x - 10, base + h1 + 3, w + 20, CANVAS_CENTER, euros(b->expected, buf, sizeof buf));
		pdfcanvas_text(c, 0, 7, x + w + 2 - 10, base + h2 + 3, w + 20, CANVAS_CENTER, euros(b->prorated, buf, sizeof buf));
		char label[128];
		snprintf(label, sizeof label, "%s (%d %%)", b->key, cfg->stages[s].probability);
		pdfcanvas_text(c, 1, 8.5f, left + slot * (float)s, base - 13, slot, CANVAS_CENTER, label);
		snprintf(label, sizeof label, "%ld piste%s", b->leads, b->leads > 1 ? "s" : "");
		pdfcanvas_text(c, 0, 7.5f, left + slot * (float)s, base - 24, slot, CANVAS_CENTER, label);
	}
	float ly = base - 44;
	pdfcanvas_rect(c, left, ly, 10, 8, 0.16f, 0.33f, 0.60f);
	pdfcanvas_text(c, 0, 8, left + 14, ly + 1, 150, CANVAS_LEFT, "CA attendu");
	pdfcanvas_rect(c, left + 110, ly, 10, 8, 0.55f, 0.72f, 0.90f);
	pdfcanvas_text(c, 0, 8, left + 124, ly + 1, 200, CANVAS_LEFT, "CA pondéré (attendu × probabilité)");

	/* Table by salesperson. */
	float y = ly - 40;
	pdfcanvas_text(c, 1, 11, 40, y, 400, CANVAS_LEFT, "Par commercial");
	y -= 20;
	static const char *const head[] = { "Commercial", "Pistes", "Ouvertes", "Gagnées", "Perdues", "CA attendu", "CA pondéré" };
	static const float x0[] = { 40, 200, 250, 305, 360, 415, 490 }, w0[] = { 155, 45, 50, 50, 50, 70, 65 };
	pdfcanvas_rect(c, 40, y - 4, 515, 15, 0.85f, 0.85f, 0.85f);
	for (int k = 0; k < 7; k++)
		pdfcanvas_text(c, 1, 8, x0[k] + 2, y, w0[k] - 4, k ? CANVAS_RIGHT : CANVAS_LEFT, head[k]);
	y -= 16;
	for (size_t p = 0; p <= f->npeople; p++) {
		const struct bucket *b = p < f->npeople ? &f->people[p] : &f->total;
		const struct user *u = p < f->npeople ? config_user(cfg, b->key) : NULL;
		char v[5][32], e1[64], e2[64];
		snprintf(v[0], 32, "%ld", b->leads);
		snprintf(v[1], 32, "%ld", b->open);
		snprintf(v[2], 32, "%ld", b->won);
		snprintf(v[3], 32, "%ld", b->lost);
		const char *cells[] = { p < f->npeople ? (u ? u->name : b->key) : "Total", v[0], v[1], v[2], v[3],
					euros(b->expected, e1, sizeof e1), euros(b->prorated, e2, sizeof e2) };
		if (p == f->npeople)
			pdfcanvas_line(c, 40, y + 11, 555, y + 11, 0.6f);
		for (int k = 0; k < 7; k++)
			pdfcanvas_text(c, p == f->npeople, 8.5f, x0[k] + 2, y, w0[k] - 4, k ? CANVAS_RIGHT : CANVAS_LEFT, cells[k]);
		y -= 14;
		if (y < 80)
			break; /* one page: the CSV has every row */
	}
	if (f->nteams && y > 150) {
		y -= 14;
		pdfcanvas_text(c, 1, 11, 40, y, 400, CANVAS_LEFT, "Par équipe");
		y -= 20;
		pdfcanvas_rect(c, 40, y - 4, 515, 15, 0.85f, 0.85f, 0.85f);
		pdfcanvas_text(c, 1, 8, x0[0] + 2, y, w0[0] - 4, CANVAS_LEFT, "Équipe");
		for (int k = 1; k < 7; k++)
			pdfcanvas_text(c, 1, 8, x0[k] + 2, y, w0[k] - 4, CANVAS_RIGHT, head[k]);
		y -= 16;
		for (size_t t = 0; t < f->nteams && y > 80; t++) {
			const struct bucket *b = &f->teams[t];
			char v[4][32], e1[64], e2[64];
			snprintf(v[0], 32, "%ld", b->leads);
			snprintf(v[1], 32, "%ld", b->open);
			snprintf(v[2], 32, "%ld", b->won);
			snprintf(v[3], 32, "%ld", b->lost);
			const char *cells[] = { b->key, v[0], v[1], v[2], v[3], euros(b->expected, e1, sizeof e1),
						euros(b->prorated, e2, sizeof e2) };
			for (int k = 0; k < 7; k++)
				pdfcanvas_text(c, 0, 8.5f, x0[k] + 2, y, w0[k] - 4, k ? CANVAS_RIGHT : CANVAS_LEFT, cells[k]);
			y -= 14;
		}
	}
	pdfcanvas_text(c, 0, 7.5f, 40, y - 10, 515, CANVAS_LEFT,
		       "Les pistes perdues sont comptées mais sortent du chiffre d'affaires, comme dans Odoo. Détail : pipeline.csv.");

	unsigned char *pdf;
	size_t len;
	enum exit_code rc = pdfcanvas_finish(c, &pdf, &len, err);
	if (rc)
		return rc;
	char *path = xasprintf("%s/pipeline.pdf", dir);
	rc = atomic_write(path, pdf, len, err);
	free(path);
	free(pdf);
	return rc;
}

enum exit_code pipeline_write_leads(const struct config *cfg, const struct leads *ls, const struct activities *as,
				    const char *output_dir, int32_t today, struct diag *err)
{
	return write_leads(cfg, ls, as, output_dir, today, err);
}

enum exit_code pipeline_write_activities(const struct config *cfg, const struct leads *ls,
					 const struct activities *as, const char *output_dir, int32_t today,
					 struct diag *err)
{
	struct figures f;
	figures_build(cfg, ls, &f);
	enum exit_code rc;
	if (!(rc = write_history(cfg, ls, as, output_dir, today, err)) &&
	    !(rc = write_agenda(as, output_dir, today, err)) && f.beyond)
		rc = diag_set(err, EXIT_DATAERR, "pipeline.csv: the leads' expected revenues add up beyond " MONEY_SUM_MAX_TEXT
			      " %s, the most a sum of amounts may hold: pipeline.csv and pipeline.pdf not written",
			      cfg->currency);
	else if (!rc && !(rc = write_pipeline_csv(&f, cfg->nstages, output_dir, err)))
		rc = write_pipeline_pdf(cfg, &f, output_dir, today, err);
	free(f.stages);
	free(f.people);
	free(f.teams);
	return rc;
}

/*
 * config: loads and checks crmbatch.ini (see include/config.h).
 *
 * iniparser lower-cases sections and keys and reads numbers with atoi-like
 * rules (octal for a leading 0, the locale's decimal mark), so every value
 * is read as a string and parsed here.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "legalid.h"
#include "money.h"
#include "terms.h"
#include "text.h"
#include "xalloc.h"

static const char *const kind_keys[DOC_KIND_COUNT] = {
	"quote", "order", "purchase", "invoice", "credit_note", "delivery", "reminder",
};
static const char *const kind_defaults[DOC_KIND_COUNT] = {
	"DEV-{year}-{seq:5}", "CMD-{year}-{seq:5}", "ACH-{year}-{seq:5}",
	"FAC-{year}-{seq:5}", "AV-{year}-{seq:5}", "BL-{year}-{seq:5}", "REL-{year}-{seq:5}",
};

struct loader {
	dictionary *ini;
	const char *path;
	struct diag *err;
};

/* iniparser reports syntax errors through this hook; keep the first. */
static char ini_error[512];
static int ini_error_hook(const char *fmt, ...)
{
	if (ini_error[0])
		return 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ini_error, sizeof ini_error, fmt, ap);
	va_end(ap);
	size_t n = strlen(ini_error);
	while (n > 0 && (ini_error[n - 1] == '\n' || ini_error[n - 1] == '.'))
		ini_error[--n] = '\0';
	return 0;
}

static enum exit_code bad_key(struct loader *l, const char *section, const char *key,
			      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static enum exit_code bad_key(struct loader *l, const char *section, const char *key,
			      const char *fmt, ...)
{
	char why[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	return diag_set(l->err, EXIT_CONFIG, "%s: [%s] %s: %s", l->path, section, key, why);
}

/* The value of section:key, trimmed, or NULL when absent or empty. */
static const char *get(struct loader *l, const char *section, const char *key)
{
	char full[512];
	snprintf(full, sizeof full, "%s:%s", section, key);
	const char *v = iniparser_getstring(l->ini, full, NULL);
	return v && !str_blank(v) ? v : NULL;
}

/* The keys of section S ("S:name" in iniparser) with their values. A
 * section "[S:x]" is stored by iniparser as a key of S whose value is
 * NULL, and its keys as keys of S: such a name is refused, never read. On
 * success the caller frees *keys (the strings belong to the dictionary). */
struct section_key {
	const char *name;   /* after "S:" */
	const char *value;  /* never NULL */
};
static enum exit_code section_keys(struct loader *l, const char *S, struct section_key **keys, int *n)
{
	*keys = NULL;
	*n = iniparser_getsecnkeys(l->ini, S);
	if (*n <= 0) {
		*n = 0;
		return EXIT_OK;
	}
	const char **full = xcalloc((size_t)*n, sizeof *full);
	iniparser_getseckeys(l->ini, S, full);
	*keys = xcalloc((size_t)*n, sizeof **keys);
	for (int i = 0; i < *n; i++) {
		const char *v = iniparser_getstring(l->ini, full[i], NULL);
		(*keys)[i].name = full[i] + strlen(S) + 1;
		(*keys)[i].value = v ? v : "";
		if (!v) {
			enum exit_code rc = diag_set(l->err, EXIT_CONFIG, "%s: [%s]: a section's name cannot hold ':' "
						     "(it would be read as keys of [%s])", l->path, full[i], S);
			free(full);
			free(*keys);
			*keys = NULL;
			return rc;
		}
	}
	free(full);
	return EXIT_OK;
}

static enum exit_code need(struct loader *l, const char *section, const char *key, char **out)
{
	const char *v = get(l, section, key);
	if (!v)
		return bad_key(l, section, key, "missing");
	*out = xstrdup(v);
	return EXIT_OK;
}

/* [invoicing] consumer_guarantee's default: the legal guarantee of
 * conformity (C. consom. L217-3: the seller delivers goods in conformity
 * with the contract and answers for defects existing at delivery that
 * appear within two years; L217-8: repair or replacement, else a lower
 * price or the contract's end) and against hidden defects (C. civ. 1641:
 * defects that make the goods unfit for their use; 1648: to act within
 * two years of finding them). */
#define CONSUMER_GUARANTEE \
	"Garantie légale de conformité (C. consom. art. L217-3 et suivants) : le vendeur délivre un bien " \
	"conforme au contrat et répond des défauts de conformité existant à la délivrance qui apparaissent " \
	"dans un délai de deux ans à compter de celle-ci ; le consommateur a droit à la réparation ou au " \
	"remplacement du bien, à défaut à une réduction du prix ou à la résolution de la vente. Garantie " \
	"des vices cachés (C. civ. art. 1641 à 1649) : le vendeur répond des défauts cachés qui rendent le " \
	"bien impropre à l'usage auquel on le destine ou en diminuent fortement l'usage ; l'action est à " \
	"engager dans les deux ans de la découverte du vice."

static char *opt(struct loader *l, const char *section, const char *key, const char *def)
{
	const char *v = get(l, section, key);
	return v ? xstrdup(v) : def ? xstrdup(def) : NULL;
}

static enum exit_code load_company(struct loader *l, struct company *c)
{
	static const char *const S = "company";
	enum exit_code rc;
	char d[16];
	if ((rc = need(l, S, "name", &c->name)) || (rc = need(l, S, "legal_form", &c->legal_form)) ||
	    (rc = need(l, S, "street", &c->street)) || (rc = need(l, S, "zip", &c->zip)) ||
	    (rc = need(l, S, "city", &c->city)) || (rc = need(l, S, "siren", &c->siren)) ||
	    (rc = need(l, S, "vat_number", &c->vat_number)) || (rc = need(l, S, "rcs", &c->rcs)))
		return rc;
	c->country = opt(l, S, "country", "FR");
	char s14[15];
	if (legalid_siren(c->siren, d, s14) != 0 || *s14)
		return bad_key(l, S, "siren", "'%s' is not a valid SIREN (9 digits, Luhn key)", c->siren);
	strcpy(c->siren, d);
	c->siret = opt(l, S, "siret", NULL);
	if (c->siret) {
		char of[10];
		if (legalid_siren(c->siret, of, s14) != 0 || !*s14 || strcmp(of, d) != 0)
			return bad_key(l, S, "siret", "'%s' is not a valid SIRET of SIREN %s", c->siret, d);
		strcpy(c->siret, s14);
	}
	char vat[16];
	if (legalid_vat(c->vat_number, vat, sizeof vat) != 0)
		return bad_key(l, S, "vat_number", "'%s' is not a VAT number (e.g. FR12345678901)", c->vat_number);
	const char *v = get(l, S, "share_capital");
	if (!v)
		return bad_key(l, S, "share_capital", "missing");
	if (num_parse(v, SCALE_CENTS, 0, &c->share_capital) != NUM_OK || c->share_capital < 0)
		return bad_key(l, S, "share_capital", "'%s' is not an amount", v);
	c->iban = opt(l, S, "iban", NULL);
	c->bic = opt(l, S, "bic", NULL);
	c->phone = opt(l, S, "phone", NULL);
	c->email = opt(l, S, "email", NULL);
	c->website = opt(l, S, "website", NULL);
	c->logo = opt(l, S, "logo", NULL);
	c->signatory = opt(l, S, "signatory", NULL);
	const char *deb = get(l, S, "vat_on_debits");
	if (deb) {
		c->vat_on_debits = str_ieq(deb, "yes") || str_ieq(deb, "oui") || str_ieq(deb, "true") || strcmp(deb, "1") == 0;
		if (!c->vat_on_debits && !str_ieq(deb, "no") && !str_ieq(deb, "non") && !str_ieq(deb, "false") &&
		    strcmp(deb, "0") != 0)
			return bad_key(l, S, "vat_on_debits", "'%s': use yes or no", deb);
	}
	if (c->logo) {
		/* Checked now, so that no document is issued without it. */
		FILE *fp = fopen(c->logo, "rb");
		unsigned char sig[8] = { 0 };
		int ok = fp && fread(sig, 1, 8, fp) == 8 && memcmp(sig, "\x89PNG\r\n\x1a\n", 8) == 0;
		if (fp)
			fclose(fp);
		if (!ok)
			return bad_key(l, S, "logo", "'%s' is not a readable PNG file", c->logo);
	}
	return EXIT_OK;
}

static const char *const category_words[VAT_CATEGORY_COUNT] = {
	"standard", "exempt", "reverse_charge", "intra_eu", "export", "zero", "outside_scope",
};

static const char *const category_codes[VAT_CATEGORY_COUNT] = { "S", "E", "AE", "K", "G", "Z", "O" };

const char *vat_category_code(enum vat_category c)
{
	return c < VAT_CATEGORY_COUNT ? category_codes[c] : "S";
}

int vat_category_parse(const char *code, enum vat_category *out)
{
	for (int c = 0; c < VAT_CATEGORY_COUNT; c++)
		if (strcmp(code, category_codes[c]) == 0) {
			*out = (enum vat_category)c;
			return 0;
		}
	return -1;
}

/* "20", "5.5", "20 included", "0 exempt": a rate, whether prices include
 * it, and its VAT category (S when not said). A category other than S has
 * a rate of 0, and a rate of 0 names its category: EN 16931 refuses a
 * standard rate of 0 (BR-S-05). */
static enum exit_code parse_tax(struct loader *l, const char *S, const char *name, const char *v, int64_t *rate,
				int *included, enum vat_category *category)
{
	char buf[128], *save = NULL;
	snprintf(buf, sizeof buf, "%s", v);
	char *tok = strtok_r(buf, " \t", &save);
	if (!tok || num_parse(tok, SCALE_PERCENT, 0, rate) != NUM_OK || *rate < 0 || *rate > 10000)
		return bad_key(l, S, name, "'%s' is not a rate (e.g. '20', '20 included' or '0 exempt')", v);
	int said = 0;
	while ((tok = strtok_r(NULL, " \t", &save)) != NULL) {
		if (strcmp(tok, "included") == 0) {
			*included = 1;
			continue;
		}
		size_t c = 0;
		while (c < VAT_CATEGORY_COUNT && strcmp(tok, category_words[c]) != 0)
			c++;
		if (c == VAT_CATEGORY_COUNT || said)
			return bad_key(l, S, name, "'%s': after the rate, 'included' and one of exempt, reverse_charge, "
						   "intra_eu, export, zero, outside_scope", v);
		*category = (enum vat_category)c;
		said = 1;
	}
	if (*category != VAT_STANDARD && *rate != 0)
		return bad_key(l, S, name, "'%s': a tax of category %s has a rate of 0", v, category_words[*category]);
	if (*category == VAT_STANDARD && *rate == 0)
		return bad_key(l, S, name, "'%s': a rate of 0 needs its category (exempt, reverse_charge, intra_eu, "
					   "export, zero or outside_scope)", v);
	return EXIT_OK;
}

/* [tax_mentions] "TAX NAME = mention": the legal mention of a tax, which
 * every tax but a standard one must have (it justifies the missing VAT). */
static enum exit_code load_tax_mentions(struct loader *l, struct config *cfg)
{
	static const char *const S = "tax_mentions";
	struct section_key *keys;
	int n;
	enum exit_code rc = section_keys(l, S, &keys, &n);
	for (int i = 0; i < n && !rc; i++) {
		struct tax *t = (struct tax *)config_tax(cfg, keys[i].name);
		if (!t)
			rc = bad_key(l, S, keys[i].name, "not a tax of [taxes]");
		else if (str_blank(keys[i].value))
			rc = bad_key(l, S, keys[i].name, "empty mention");
		else
			t->mention = xstrdup(keys[i].value);
	}
	free(keys);
	for (size_t k = 0; k < cfg->ntaxes && !rc; k++)
		if (cfg->taxes[k].category != VAT_STANDARD && !cfg->taxes[k].mention)
			rc = bad_key(l, S, cfg->taxes[k].name, "missing: a tax of category %s needs its legal mention "
				     "(e.g. 'TVA non applicable, art. 293 B du CGI')", category_words[cfg->taxes[k].category]);
	return rc;
}

static enum exit_code load_taxes(struct loader *l, struct config *cfg)
{
	static const char *const S = "taxes";
	struct section_key *keys;
	int n;
	enum exit_code rc = section_keys(l, S, &keys, &n);
	if (rc)
		return rc;
	if (n <= 0)
		return bad_key(l, S, "default", "no tax rate defined");
	cfg->taxes = xcalloc((size_t)n, sizeof *cfg->taxes);
	const char *def = NULL;
	for (int i = 0; i < n && !rc; i++) {
		const char *name = keys[i].name, *v = keys[i].value;
		if (strcmp(name, "default") == 0) {
			def = v;
			continue;
		}
		int included = 0;
		enum vat_category category = VAT_STANDARD;
		int64_t rate = 0;
		rc = parse_tax(l, S, name, v, &rate, &included, &category);
		if (!rc) {
			struct tax *t = &cfg->taxes[cfg->ntaxes++];
			t->name = xstrdup(name);
			t->rate = rate;
			t->included = included;
			t->category = category;
		}
	}
	if (!rc && !def)
		rc = bad_key(l, S, "default", "missing");
	if (!rc) {
		const struct tax *t = config_tax(cfg, def);
		if (!t)
			rc = bad_key(l, S, "default", "'%s' is not one of the rates of [taxes]", def);
		else
			cfg->default_tax = (size_t)(t - cfg->taxes);
	}
	free(keys);
	return rc;
}

static enum exit_code load_terms(struct loader *l, struct config *cfg)
{
	static const char *const S = "payment_terms";
	struct section_key *keys;
	int n;
	enum exit_code rc = section_keys(l, S, &keys, &n);
	if (rc)
		return rc;
	if (n <= 0)
		return bad_key(l, S, "default", "missing");
	cfg->terms = xcalloc((size_t)n, sizeof *cfg->terms);
	const char *def = NULL;
	for (int i = 0; i < n; i++) {
		const char *name = keys[i].name, *v = keys[i].value;
		if (strcmp(name, "default") == 0) {
			def = v;
			continue;
		}
		struct payment_term *t = &cfg->terms[cfg->nterms++];
		t->name = xstrdup(name);
		t->expr = xstrdup(v);
		struct payment_terms parsed;
		char why[256];
		if (terms_parse(v, &parsed, why, sizeof why) != 0) {
			free(keys);
			return bad_key(l, S, name, "'%s': %s", v, why);
		}
	}
	free(keys);
	if (!def)
		return bad_key(l, S, "default", "missing");
	const struct payment_term *t = config_term(cfg, def);
	if (!t)
		return bad_key(l, S, "default", "'%s' is not one of the terms of [payment_terms]", def);
	cfg->default_term = (size_t)(t - cfg->terms);
	return EXIT_OK;
}

/* A comma-separated list into a new array of copies. */
static char **split_list(const char *s, size_t *n)
{
	char *copy = xstrdup(s), *save = NULL;
	char **v = NULL;
	*n = 0;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		size_t k = strlen(tok);
		while (k > 0 && tok[k - 1] == ' ')
			tok[--k] = '\0';
		if (!*tok)
			continue;
		v = xrealloc(v, (*n + 1) * sizeof *v);
		v[(*n)++] = xstrdup(tok);
	}
	free(copy);
	return v;
}

/* [escompte] "TERM NAME = 2% 10 days": an early-payment discount for a term. */
static enum exit_code load_escompte(struct loader *l, struct config *cfg)
{
	static const char *const S = "escompte";
	struct section_key *keys;
	int n;
	enum exit_code rc = section_keys(l, S, &keys, &n);
	for (int i = 0; i < n && !rc; i++) {
		const char *name = keys[i].name, *v = keys[i].value;
		struct payment_term *t = (struct payment_term *)config_term(cfg, name);
		char pct[32] = "";
		int days = 0, used = 0;
		if (!t)
			rc = bad_key(l, S, name, "not a term of [payment_terms]");
		else if (sscanf(v, "%31s %d days%n", pct, &days, &used) != 2 || v[used] != '\0' ||
			 percent_parse(pct, &t->escompte) != NUM_OK || t->escompte <= 0 || days <= 0)
			rc = bad_key(l, S, name, "'%s': write the discount and its delay, e.g. '2%% 10 days'", v);
		else
			t->escompte_days = days;
	}
	free(keys);
	return rc;
}

/* [stages] order = New, Qualified, ...; then one "Name = probability" each. */
static enum exit_code load_stages(struct loader *l, struct config *cfg)
{
	static const char *const S = "stages";
	const char *order = get(l, S, "order");
	size_t ntok;
	char **toks = split_list(order ? order : "New, Qualified, Proposition, Won", &ntok);
	cfg->stages = xcalloc(ntok ? ntok : 1, sizeof *cfg->stages);
	enum exit_code rc = EXIT_OK;
	static const int def_prob[] = { 10, 30, 60, 100 };
	for (size_t t = 0; t < ntok && !rc; t++) {
		const char *tok = toks[t];
		if (config_stage(cfg, tok)) {
			rc = bad_key(l, S, "order", "stage '%s' listed twice", tok);
			break;
		}
		char key[128];
		snprintf(key, sizeof key, "%s", tok);
		for (char *p = key; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		const char *pv = get(l, S, key);
		int64_t prob = cfg->nstages < 4 ? def_prob[cfg->nstages] : 0;
		if (pv && (num_parse(pv, 0, 0, &prob) != NUM_OK || prob < 0 || prob > 100))
			rc = bad_key(l, S, key, "'%s' is not a probability from 0 to 100", pv);
		cfg->stages[cfg->nstages].name = xstrdup(tok);
		cfg->stages[cfg->nstages++].probability = (int)prob;
	}
	for (size_t t = 0; t < ntok; t++)
		free(toks[t]);
	free(toks);
	if (!rc && cfg->nstages < 2)
		rc = bad_key(l, S, "order", "at least two stages are needed");
	return rc;
}

static int parse_roles(const char *s, unsigned *roles)
{
	char *list = xstrdup(s), *save = NULL;
	int ok = 1;
	*roles = 0;
	for (char *tok = strtok_r(list, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		if (strcmp(tok, "sales") == 0)
			*roles |= ROLE_SALES;
		else if (strcmp(tok, "billing") == 0)
			*roles |= ROLE_BILLING;
		else if (strcmp(tok, "purchase") == 0)
			*roles |= ROLE_PURCHASE;
		else if (strcmp(tok, "admin") == 0)
			*roles |= ROLE_ADMIN;
		else
			ok = 0;
	}
	free(list);
	return ok && *roles ? 0 : -1;
}

/* Users are sections "[user LOGIN]" with name, email, roles. */
static enum exit_code load_users(struct loader *l, struct config *cfg)
{
	int nsec = iniparser_getnsec(l->ini);
	cfg->users = xcalloc((size_t)(nsec > 0 ? nsec : 1), sizeof *cfg->users);
	for (int i = 0; i < nsec; i++) {
		const char *sec = iniparser_getsecname(l->ini, i);
		if (strncmp(sec, "user ", 5) != 0)
			continue;
		const char *login = sec + 5;
		while (*login == ' ')
			login++;
		struct user *u = &cfg->users[cfg->nusers];
		enum exit_code rc = need(l, sec, "name", &u->name);
		if (rc)
			return rc;
		u->login = xstrdup(login);
		cfg->nusers++;
		u->email = opt(l, sec, "email", NULL);
		const char *roles = get(l, sec, "roles");
		if (!roles)
			return bad_key(l, sec, "roles", "missing (sales, billing, purchase, admin)");
		if (parse_roles(roles, &u->roles))
			return bad_key(l, sec, "roles", "'%s': roles are sales, billing, purchase, admin", roles);
	}
	cfg->default_user = opt(l, "users", "default_user", NULL);
	if (cfg->default_user && !config_user(cfg, cfg->default_user))
		return bad_key(l, "users", "default_user", "'%s' has no [user %s] section",
			       cfg->default_user, cfg->default_user);
	return EXIT_OK;
}

/* Teams are sections "[team NAME]" with leader, members and stages. */
static enum exit_code load_teams(struct loader *l, struct config *cfg)
{
	int nsec = iniparser_getnsec(l->ini);
	for (int i = 0; i < nsec; i++) {
		const char *sec = iniparser_getsecname(l->ini, i);
		if (strncmp(sec, "team ", 5) != 0)
			continue;
		cfg->teams = xrealloc(cfg->teams, (cfg->nteams + 1) * sizeof *cfg->teams);
		struct team *t = &cfg->teams[cfg->nteams++];
		memset(t, 0, sizeof *t);
		/* Section names come lower-cased: "name" keeps the team's own. */
		t->id = xstrdup(sec + 5);
		t->name = opt(l, sec, "name", sec + 5);
		enum exit_code rc = need(l, sec, "leader", &t->leader);
		if (rc)
			return rc;
		if (!config_user(cfg, t->leader))
			return bad_key(l, sec, "leader", "'%s' is not a user ([user %s] is missing)", t->leader, t->leader);
		const char *m = get(l, sec, "members");
		t->members = split_list(m ? m : "", &t->nmembers);
		for (size_t k = 0; k < t->nmembers; k++)
			if (!config_user(cfg, t->members[k]))
				return bad_key(l, sec, "members", "'%s' is not a user ([user %s] is missing)", t->members[k],
					       t->members[k]);
		if (!team_has(t, t->leader)) {
			t->members = xrealloc(t->members, (t->nmembers + 1) * sizeof *t->members);
			t->members[t->nmembers++] = xstrdup(t->leader);
		}
		const char *st = get(l, sec, "stages");
		size_t ns;
		char **stages = split_list(st ? st : "", &ns);
		for (size_t k = 0; k < ns && !rc; k++) {
			const struct stage *sg = config_stage(cfg, stages[k]);
			size_t idx = sg ? (size_t)(sg - cfg->stages) : 0;
			const struct team *owner = sg ? config_stage_owner(cfg, idx) : NULL;
			if (!sg)
				rc = bad_key(l, sec, "stages", "'%s' is not a stage of [stages]", stages[k]);
			else if (owner)
				rc = bad_key(l, sec, "stages", "'%s' is already owned by [team %s]", stages[k], owner->name);
			else
				t->stages |= 1UL << idx;
		}
		for (size_t k = 0; k < ns; k++)
			free(stages[k]);
		free(stages);
		if (rc)
			return rc;
	}
	/* With teams, every seller belongs to one. */
	for (size_t u = 0; cfg->nteams && u < cfg->nusers; u++)
		if ((cfg->users[u].roles & ROLE_SALES) && !config_team_of(cfg, cfg->users[u].login)) {
			char sec[128];
			snprintf(sec, sizeof sec, "user %s", cfg->users[u].login);
			return bad_key(l, sec, "roles", "'%s' has the sales role but is in no [team ...]", cfg->users[u].login);
		}
	return EXIT_OK;
}

/* [assignment]: who gets a lead whose card names no salesperson. */
static enum exit_code load_assignment(struct loader *l, struct config *cfg)
{
	static const char *const S = "assignment";
	cfg->round_robin = 1;
	struct section_key *keys;
	int n;
	enum exit_code rc = section_keys(l, S, &keys, &n);
	if (rc || n <= 0)
		return rc;
	cfg->rules = xcalloc((size_t)n, sizeof *cfg->rules);
	for (int pass = 0; pass < 2 && !rc; pass++) {
		const char *prefix = pass == 0 ? "event " : "city ";
		for (int i = 0; i < n && !rc; i++) {
			const char *key = keys[i].name, *v = keys[i].value;
			if (pass == 0 && strcmp(key, "round_robin") == 0) {
				int b = str_ieq(v, "yes") || str_ieq(v, "oui") || str_ieq(v, "true") || strcmp(v, "1") == 0;
				if (!b && !str_ieq(v, "no") && !str_ieq(v, "non") && !str_ieq(v, "false") && strcmp(v, "0") != 0)
					rc = bad_key(l, S, key, "'%s': use yes or no", v);
				cfg->round_robin = b;
				continue;
			}
			if (strncmp(key, "event ", 6) != 0 && strncmp(key, "city ", 5) != 0) {
				if (pass == 0)
					rc = bad_key(l, S, key, "a rule is 'event NAME = LOGIN' or 'city NAME = LOGIN'");
				continue;
			}
			if (strncmp(key, prefix, strlen(prefix)) != 0)
				continue;
			const struct user *u = config_user(cfg, v);
			if (!u || !(u->roles & (ROLE_SALES | ROLE_ADMIN))) {
				rc = bad_key(l, S, key, "'%s' is not a user with the sales role", v);
				continue;
			}
			char norm[256];
			struct assign_rule *r = &cfg->rules[cfg->nrules++];
			r->by = pass == 0 ? ASSIGN_BY_EVENT : ASSIGN_BY_CITY;
			r->match = xstrdup(header_key(key + strlen(prefix), norm, sizeof norm));
			r->login = xstrdup(v);
		}
	}
	free(keys);
	return rc;
}

/* A number format must hold {seq}, so that numbers cannot collide. */
static enum exit_code load_numbering(struct loader *l, struct config *cfg)
{
	for (int k = 0; k < DOC_FEC; k++) { /* a FEC is named by the law, not numbered */
		cfg->numbering[k] = opt(l, "numbering", kind_keys[k], kind_defaults[k]);
		if (!strstr(cfg->numbering[k], "{seq"))
			return bad_key(l, "numbering", kind_keys[k], "'%s' lacks {seq}", cfg->numbering[k]);
		if (strchr(cfg->numbering[k], '/') || strstr(cfg->numbering[k], ".."))
			return bad_key(l, "numbering", kind_keys[k], "'%s': a number cannot hold '/' or '..'",
				       cfg->numbering[k]);
	}
	return EXIT_OK;
}

/* [accounting]: accounts with defaults, "vat NAME = ACCOUNT" and
 * "revenue NAME = ACCOUNT" per tax, fiscal_year_end = MM-DD. */
static enum exit_code load_accounting(struct loader *l, struct config *cfg)
{
	static const char *const S = "accounting";
	struct accounting *a = &cfg->accounting;
	static const char *const keys[] = { "sales_journal", "bank_journal", "customers", "goods", "services",
					    "vat", "bank", "suspense", "opening", "fiscal_year_end" };
	static const char *const defaults[] = { "VT", "BQ", "411", "707", "706", "44571", "512", "471", "890" };
	char **fields[] = { &a->sales_journal, &a->bank_journal, &a->customers, &a->goods, &a->services,
			    &a->vat, &a->bank, &a->suspense, &a->opening };
	for (size_t k = 0; k < sizeof fields / sizeof *fields; k++) {
		*fields[k] = opt(l, S, keys[k], defaults[k]);
		for (const char *c = *fields[k]; *c; c++)
			if (*c == '\t' || *c == '\n' || *c == '\r')
				return bad_key(l, S, keys[k], "'%s' cannot hold a tab or a line break", *fields[k]);
	}
	const char *ye = get(l, S, "fiscal_year_end");
	int m = 12, d = 31;
	char extra;
	if (ye && (sscanf(ye, "%d-%d%c", &m, &d, &extra) != 2 || m < 1 || m > 12 || d < 1 ||
		   d > (m == 2 ? 28 : m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31)))
		return bad_key(l, S, "fiscal_year_end", "'%s' is not a day of the year (MM-DD, e.g. 12-31)", ye);
	a->year_end_month = m;
	a->year_end_day = d;
	a->revenue = xcalloc(cfg->ntaxes ? cfg->ntaxes : 1, sizeof *a->revenue);
	struct section_key *sk;
	int n;
	enum exit_code rc = section_keys(l, S, &sk, &n);
	for (int i = 0; i < n && !rc; i++) {
		int revenue = strncmp(sk[i].name, "revenue ", 8) == 0;
		if (!revenue && strncmp(sk[i].name, "vat ", 4) != 0)
			continue;
		const char *name = sk[i].name + (revenue ? 8 : 4);
		struct tax *t = NULL;
		for (size_t k = 0; k < cfg->ntaxes; k++)
			if (str_ieq(cfg->taxes[k].name, name))
				t = &cfg->taxes[k];
		if (!t)
			rc = bad_key(l, S, sk[i].name, "no tax '%s' in [taxes]", name);
		else if (str_blank(sk[i].value))
			rc = bad_key(l, S, sk[i].name, "empty account");
		else
			*(revenue ? &a->revenue[t - cfg->taxes] : &t->vat_account) = xstrdup(sk[i].value);
	}
	free(sk);
	/* The ledgers keep a line's rate and category, not its tax's name:
	 * "TVA 20%" and "TVA 20% TTC" lines look alike there, so a revenue
	 * account given to one would silently take the other's lines too. */
	for (size_t i = 0; i < cfg->ntaxes && !rc; i++)
		for (size_t j = i + 1; j < cfg->ntaxes && !rc; j++) {
			const struct tax *x = &cfg->taxes[i], *y = &cfg->taxes[j];
			const char *ax = a->revenue[i], *ay = a->revenue[j];
			if (x->rate != y->rate || x->category != y->category || (!ax && !ay) ||
			    (ax && ay && strcmp(ax, ay) == 0))
				continue;
			const struct tax *set = ax ? x : y, *other = ax ? y : x;
			char key[300];
			snprintf(key, sizeof key, "revenue %s", set->name);
			rc = bad_key(l, S, key, "tax '%s' has the same rate and category, and the books cannot tell "
				     "their lines apart: give it the same revenue account", other->name);
		}
	return rc;
}

/* [dunning] after_days = 15, 30, 45 (days late of each level, rising);
 * penalty_rate = 13.25 and consumer_rate = 4.22 (% a year, optional). */
static enum exit_code load_dunning(struct loader *l, struct config *cfg)
{
	static const char *const S = "dunning";
	struct dunning *d = &cfg->dunning;
	const char *v = get(l, S, "after_days");
	char buf[256];
	snprintf(buf, sizeof buf, "%s", v ? v : "15, 30, 45");
	d->nlevels = 0;
	for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int64_t days;
		char t[64];
		while (*tok == ' ' || *tok == '\t')
			tok++;
		snprintf(t, sizeof t, "%s", tok);
		for (size_t e = strlen(t); e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\t'); e--)
			t[e - 1] = '\0';
		if (d->nlevels == DUNNING_MAX_LEVELS)
			return bad_key(l, S, "after_days", "more than %d levels", DUNNING_MAX_LEVELS);
		if (num_parse(t, 0, 0, &days) != NUM_OK || days < 1 || days > 3650 ||
		    (d->nlevels && days <= d->after_days[d->nlevels - 1]))
			return bad_key(l, S, "after_days", "'%s': days late, rising (e.g. 15, 30, 45)", v);
		d->after_days[d->nlevels++] = (int)days;
	}
	if (!d->nlevels)
		return bad_key(l, S, "after_days", "no level");
	const char *r = get(l, S, "penalty_rate");
	d->penalty_rate = -1;
	if (r && (num_parse(r, SCALE_PERCENT, 0, &d->penalty_rate) != NUM_OK || d->penalty_rate < 0 ||
		  d->penalty_rate > 10000))
		return bad_key(l, S, "penalty_rate", "'%s' is not a yearly rate in %%", r);
	const char *cr = get(l, S, "consumer_rate");
	d->consumer_rate = -1;
	if (cr && (num_parse(cr, SCALE_PERCENT, 0, &d->consumer_rate) != NUM_OK || d->consumer_rate < 0 ||
		   d->consumer_rate > 10000))
		return bad_key(l, S, "consumer_rate", "'%s' is not a yearly rate in %%", cr);
	return EXIT_OK;
}

static enum exit_code load_all(struct loader *l, struct config *cfg)
{
	enum exit_code rc;
	if ((rc = load_company(l, &cfg->company)))
		return rc;
	cfg->currency = opt(l, "currency", "code", "EUR");
	cfg->currency_symbol = opt(l, "currency", "symbol", strcmp(cfg->currency, "EUR") == 0 ? "\xE2\x82\xAC" : cfg->currency);
	if (strlen(cfg->currency) != 3 || !isupper((unsigned char)cfg->currency[0]) ||
	    !isupper((unsigned char)cfg->currency[1]) || !isupper((unsigned char)cfg->currency[2]))
		return bad_key(l, "currency", "code", "'%s' is not an ISO 4217 code such as EUR", cfg->currency);
	if ((rc = load_taxes(l, cfg)) || (rc = load_tax_mentions(l, cfg)) || (rc = load_terms(l, cfg)) || (rc = load_escompte(l, cfg)) || (rc = load_stages(l, cfg)) ||
	    (rc = load_users(l, cfg)) || (rc = load_teams(l, cfg)) || (rc = load_assignment(l, cfg)) ||
	    (rc = load_numbering(l, cfg)))
		return rc;

	const char *r = get(l, "invoicing", "rounding");
	if (!r || strcmp(r, "per_line") == 0)
		cfg->rounding = ROUND_PER_LINE;
	else if (strcmp(r, "global") == 0)
		cfg->rounding = ROUND_GLOBAL;
	else
		return bad_key(l, "invoicing", "rounding", "'%s': use per_line or global", r);
	const char *v = get(l, "invoicing", "quote_validity_days");
	int64_t days = 30;
	if (v && (num_parse(v, 0, 0, &days) != NUM_OK || days < 1 || days > 3660))
		return bad_key(l, "invoicing", "quote_validity_days", "'%s' is not a number of days", v);
	cfg->quote_validity_days = (int)days;
	const char *dp = get(l, "delivery", "policy");
	if (!dp || strcmp(dp, "complete") == 0)
		cfg->delivery_complete = 1;
	else if (strcmp(dp, "partial") == 0)
		cfg->delivery_complete = 0;
	else
		return bad_key(l, "delivery", "policy", "'%s': use complete or partial", dp);
	cfg->late_penalty = opt(l, "invoicing", "late_penalty",
				"taux d'intérêt de la BCE majoré de 10 points");
	/* What a consumer's invoice for goods says of the legal guarantees:
	 * by default what the law gives, C. consom. L217-3 et seq. (the
	 * conformity of goods sold to a consumer) and C. civ. 1641-1649
	 * (hidden defects). A firm may word it otherwise, not drop it: a
	 * blank value is the default, as for every key. */
	cfg->consumer_guarantee = opt(l, "invoicing", "consumer_guarantee", CONSUMER_GUARANTEE);
	if ((rc = load_accounting(l, cfg)) || (rc = load_dunning(l, cfg)))
		return rc;
	return EXIT_OK;
}

enum exit_code config_load(struct config *cfg, const char *dir, struct diag *err)
{
	memset(cfg, 0, sizeof *cfg);
	char *path = xasprintf("%s/%s", dir, CONFIG_FILE);
	struct stat st;
	if (stat(path, &st) != 0) {
		enum exit_code rc = diag_errno(err, errno == ENOENT ? EXIT_CONFIG : EXIT_CONFIG, errno,
					       "%s: cannot read the configuration", path);
		free(path);
		return rc;
	}
	ini_error[0] = '\0';
	iniparser_set_error_callback(ini_error_hook);
	struct loader l = { iniparser_load(path), path, err };
	iniparser_set_error_callback(NULL);
	if (!l.ini) {
		enum exit_code rc = diag_set(err, EXIT_CONFIG, "%s: %s", path,
					     ini_error[0] ? ini_error : "cannot be parsed (a UTF-8 BOM, or a line over 1024 characters?)");
		free(path);
		return rc;
	}
	cfg->path = path;
	enum exit_code rc = load_all(&l, cfg);
	iniparser_freedict(l.ini);
	if (rc)
		config_release(cfg);
	return rc;
}

void config_release(struct config *cfg)
{
	struct company *c = &cfg->company;
	char **fields[] = { &c->name, &c->legal_form, &c->street, &c->zip, &c->city, &c->country,
			    &c->siren, &c->siret, &c->vat_number, &c->rcs, &c->iban, &c->bic,
			    &c->phone, &c->email, &c->website, &c->logo, &c->signatory, &cfg->currency,
			    &cfg->currency_symbol, &cfg->late_penalty, &cfg->consumer_guarantee, &cfg->default_user,
			    &cfg->path };
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		free(*fields[i]);
	for (size_t i = 0; i < cfg->ntaxes; i++) {
		free(cfg->taxes[i].name);
		free(cfg->taxes[i].mention);
		free(cfg->taxes[i].vat_account);
		if (cfg->accounting.revenue)
			free(cfg->accounting.revenue[i]);
	}
	struct accounting *a = &cfg->accounting;
	char *acc[] = { a->sales_journal, a->bank_journal, a->customers, a->goods, a->services, a->vat, a->bank,
			a->suspense, a->opening };
	for (size_t i = 0; i < sizeof acc / sizeof *acc; i++)
		free(acc[i]);
	free(a->revenue);
	free(cfg->taxes);
	for (size_t i = 0; i < cfg->nterms; i++) {
		free(cfg->terms[i].name);
		free(cfg->terms[i].expr);
	}
	free(cfg->terms);
	for (size_t i = 0; i < cfg->nstages; i++)
		free(cfg->stages[i].name);
	free(cfg->stages);
	for (size_t i = 0; i < cfg->nusers; i++) {
		free(cfg->users[i].login);
		free(cfg->users[i].name);
		free(cfg->users[i].email);
	}
	free(cfg->users);
	for (size_t i = 0; i < cfg->nrules; i++) {
		free(cfg->rules[i].match);
		free(cfg->rules[i].login);
	}
	free(cfg->rules);
	for (size_t i = 0; i < cfg->nteams; i++) {
		free(cfg->teams[i].id);
		free(cfg->teams[i].name);
		free(cfg->teams[i].leader);
		for (size_t k = 0; k < cfg->teams[i].nmembers; k++)
			free(cfg->teams[i].members[k]);
		free(cfg->teams[i].members);
	}
	free(cfg->teams);
	for (int k = 0; k < DOC_KIND_COUNT; k++)
		free(cfg->numbering[k]);
	memset(cfg, 0, sizeof *cfg);
}

const struct tax *config_tax(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->ntaxes; i++)
		if (str_ieq(cfg->taxes[i].name, name))
			return &cfg->taxes[i];
	return NULL;
}

const struct payment_term *config_term(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nterms; i++)
		if (str_ieq(cfg->terms[i].name, name))
			return &cfg->terms[i];
	return NULL;
}

const struct user *config_user(const struct config *cfg, const char *login)
{
	for (size_t i = 0; i < cfg->nusers; i++)
		if (strcmp(cfg->users[i].login, login) == 0)
			return &cfg->users[i];
	return NULL;
}

static int cmp_words(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The words of a name, each by its text_name_key, in sorted order and
 * joined by one space: the same for "Mathilde Roux" and "ROUX, Mathilde".
 * A new string. */
static char *name_words_key(const char *s)
{
	char *copy = xstrdup(s), *save = NULL, **words = NULL;
	size_t n = 0, len = 1;
	for (char *w = strtok_r(copy, " ,;\t", &save); w; w = strtok_r(NULL, " ,;\t", &save)) {
		char *k = text_name_key(w);
		if (!*k) {
			free(k);
			continue;
		}
		words = xrealloc(words, (n + 1) * sizeof *words);
		words[n++] = k;
		len += strlen(k) + 1;
	}
	if (n)
		qsort(words, n, sizeof *words, cmp_words);
	char *out = xmalloc(len), *o = out;
	*o = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(words[i]);
		if (i)
			*o++ = ' ';
		memcpy(o, words[i], k + 1);
		o += k;
		free(words[i]);
	}
	free(words);
	free(copy);
	return out;
}

const struct user *config_user_named(const struct config *cfg, const char *who)
{
	const struct user *u = config_user(cfg, who);
	if (u)
		return u;
	char *key = name_words_key(who);
	for (size_t i = 0; i < cfg->nusers && !u && *key; i++) {
		if (!cfg->users[i].name)
			continue;
		char *k = name_words_key(cfg->users[i].name);
		if (strcmp(k, key) == 0)
			u = &cfg->users[i];
		free(k);
	}
	free(key);
	for (size_t i = 0; i < cfg->nusers && !u; i++)
		if (cfg->users[i].email && str_ieq(cfg->users[i].email, who))
			u = &cfg->users[i];
	return u;
}

const struct stage *config_stage(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nstages; i++)
		if (str_ieq(cfg->stages[i].name, name))
			return &cfg->stages[i];
	return NULL;
}

const struct team *config_stage_owner(const struct config *cfg, size_t stage)
{
	for (size_t i = 0; i < cfg->nteams; i++)
		if (cfg->teams[i].stages & (1UL << stage))
			return &cfg->teams[i];
	return NULL;
}

int team_has(const struct team *t, const char *login)
{
	for (size_t k = 0; login && k < t->nmembers; k++)
		if (strcmp(t->members[k], login) == 0)
			return 1;
	return 0;
}

const struct team *config_team_of(const struct config *cfg, const char *login)
{
	for (size_t i = 0; i < cfg->nteams; i++)
		if (team_has(&cfg->teams[i], login))
			return &cfg->teams[i];
	return NULL;
}

const struct team *config_team(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nteams; i++)
		if (str_ieq(cfg->teams[i].id, name) || str_ieq(cfg->teams[i].name, name))
			return &cfg->teams[i];
	return NULL;
}

const char *role_name(enum role r)
{
	switch (r) {
	case ROLE_SALES: return "sales";
	case ROLE_BILLING: return "billing";
	case ROLE_PURCHASE: return "purchase";
	case ROLE_ADMIN: return "admin";
	}
	return "?";
}

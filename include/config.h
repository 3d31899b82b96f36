/*
 * config: the firm's settings, read once from config/crmbatch.ini.
 *
 * The INI file is parsed by iniparser; this module owns its dictionary only
 * while loading, checks every key it knows, and copies the values into a
 * struct config that the stages read. A missing or bad key is reported as
 * "config/crmbatch.ini: [section] key: reason" and gives EXIT_CONFIG.
 */
#ifndef CRMBATCH_CONFIG_H
#define CRMBATCH_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

#define CONFIG_FILE "crmbatch.ini"

enum role {
	ROLE_SALES = 1 << 0,    /* leads, activities, quotes, orders, draft invoices */
	ROLE_BILLING = 1 << 1,  /* posts invoices, registers payments */
	ROLE_PURCHASE = 1 << 2, /* issues purchase orders */
	ROLE_ADMIN = 1 << 3,    /* everything */
};

enum rounding {
	ROUND_PER_LINE, /* round each line's tax, then sum (Odoo's default) */
	ROUND_GLOBAL,   /* sum the bases per rate, round the tax once */
};

enum doc_kind {
	DOC_QUOTE,
	DOC_ORDER,
	DOC_PURCHASE,
	DOC_INVOICE,
	DOC_CREDIT_NOTE,
	DOC_DELIVERY,
	DOC_REMINDER,     /* a reminder of overdue invoices (relance) */
	DOC_FEC,          /* a closed fiscal year's FEC (crmbatch fec): not numbered */
	DOC_KIND_COUNT
};

struct company {
	char *name, *legal_form, *street, *zip, *city, *country;
	char *siren, *siret, *vat_number, *rcs;
	int64_t share_capital; /* cents */
	char *iban, *bic, *phone, *email, *website, *logo;
	char *signatory;       /* who signs the letters ("Mathilde Roux, gérante"), or NULL */
	int vat_on_debits;     /* vat_on_debits = yes: the firm has opted to pay VAT on debits
				  (CGI art. 269, 2-c): its invoices say so (décret 2022-1299) */
};

/* The VAT categories of EN 16931 (UNTDID 5305) crmbatch invoices with;
 * [taxes] names them by word after the rate (pinned): "0 exempt". */
enum vat_category {
	VAT_STANDARD,        /* S: any rate above 0 (the default) */
	VAT_EXEMPT,          /* E: "exempt", e.g. franchise en base (art. 293 B du CGI) */
	VAT_REVERSE_CHARGE,  /* AE: "reverse_charge" (autoliquidation) */
	VAT_INTRA_EU,        /* K: "intra_eu", intra-community supply */
	VAT_EXPORT,          /* G: "export", outside the EU */
	VAT_ZERO,            /* Z: "zero", zero-rated goods */
	VAT_OUTSIDE_SCOPE,   /* O: "outside_scope", not subject to VAT */
	VAT_CATEGORY_COUNT
};

/* "S", "E", "AE", "K", "G", "Z", "O". */
const char *vat_category_code(enum vat_category c);
/* The category of such a code; -1 when none. */
int vat_category_parse(const char *code, enum vat_category *out);

struct tax {
	char *name;       /* as written in the config ("TVA 20%"), matched ignoring case */
	int64_t rate;     /* 1/100 of a percent: 20 % = 2000 */
	int included;     /* prices are given with this tax included */
	enum vat_category category;
	char *mention;    /* [tax_mentions]: printed on the invoice and sent as BT-120;
			     required for every category but S */
	char *vat_account; /* [accounting] "vat NAME = ACCOUNT", or NULL: the default */
};

/* [accounting]: the accounts and journals the books are kept in. */
struct accounting {
	char *sales_journal, *bank_journal;      /* "VT", "BQ" */
	char *customers, *goods, *services, *vat, *bank, *suspense; /* "411", "707", "706", "44571", "512", "471" */
	char *opening;                          /* "890": the a-nouveaux' counterpart (bilan d'ouverture) */
	int year_end_month, year_end_day;       /* fiscal_year_end = 12-31 */
	/* Per tax (revenue[i] for cfg->taxes[i]): "revenue NAME = ACCOUNT",
	 * where its lines' revenue, goods and services, is credited; NULL (or
	 * no array): goods or services. Taxes of the same rate and category
	 * have the same, since the books cannot tell their lines apart. */
	char **revenue;
};

/* [dunning]: when overdue invoices are reminded (relances). */
#define DUNNING_MAX_LEVELS 8
struct dunning {
	int after_days[DUNNING_MAX_LEVELS];     /* after_days = 15, 30, 45: level i+1 after so many days late */
	int nlevels;                            /* the last level is a formal notice (mise en demeure) */
	int64_t penalty_rate;                   /* 1/100 % a year, for the penalties shown; -1: not computed */
	/* 1/100 % a year: the legal interest rate (taux de l'intérêt légal)
	 * claimed from a consumer from the formal notice on; -1: none claimed. */
	int64_t consumer_rate;
};

struct payment_term {
	char *name;
	char *expr;       /* installments, grammar of the [payment_terms] section */
	int64_t escompte; /* early-payment discount, 1/100 %: 0 when none ([escompte]) */
	int escompte_days;
};

struct stage {
	char *name;
	int probability;  /* 0..100 */
};

struct user {
	char *login;      /* operating-system account */
	char *name;       /* display name */
	char *email;
	unsigned roles;   /* enum role bits */
};

/* [team NAME]: a sales team (Odoo's crm.team) and the stages it owns. */
struct team {
	char *id;            /* the section's name: "[team sales]" -> "sales" */
	char *name;          /* the section's "name" key, else the section's name (lower-cased by the INI reader) */
	char *leader;        /* login */
	char **members;      /* logins, the leader among them */
	size_t nmembers;
	unsigned long stages; /* bit i: owns cfg->stages[i] */
};

enum assign_by { ASSIGN_BY_EVENT, ASSIGN_BY_CITY };

/* [assignment] "event NAME = LOGIN" or "city NAME = LOGIN". */
struct assign_rule {
	enum assign_by by;
	char *match;   /* the event or city, as header_key() writes it */
	char *login;
};

struct config {
	char *path;                 /* the INI file read */
	struct company company;
	char *currency;             /* ISO 4217 code, "EUR" */
	char *currency_symbol;      /* "€" */
	struct tax *taxes;
	size_t ntaxes;
	size_t default_tax;         /* index into taxes */
	enum rounding rounding;
	int quote_validity_days;
	int delivery_complete;      /* [delivery] policy: ship an order only when complete (default) */
	char *late_penalty;         /* wording of the late-payment penalty rate */
	char *consumer_guarantee;   /* the legal guarantees, on a consumer's invoice for goods */
	struct payment_term *terms;
	size_t nterms;
	size_t default_term;        /* index into terms */
	struct stage *stages;
	size_t nstages;
	struct user *users;
	size_t nusers;
	char *default_user;         /* login used for unknown OS accounts, or NULL */
	struct team *teams;         /* none when the config has no [team ...] */
	size_t nteams;
	struct assign_rule *rules;  /* event rules first, then city rules */
	size_t nrules;
	int round_robin;            /* then round-robin among sales users (default yes) */
	char *numbering[DOC_KIND_COUNT]; /* "DEV-{year}-{seq:5}" */
	struct accounting accounting;
	struct dunning dunning;
};

/*
 * Loads dir/crmbatch.ini into *cfg. On failure returns EXIT_CONFIG (or
 * EXIT_NOINPUT when the file is missing) with the reason in err, and *cfg
 * holds nothing to free. On success release with config_release().
 */
enum exit_code config_load(struct config *cfg, const char *dir, struct diag *err);
void config_release(struct config *cfg);

/* Lookups; NULL when absent. Tax and term names are matched ignoring case. */
const struct tax *config_tax(const struct config *cfg, const char *name);
const struct payment_term *config_term(const struct config *cfg, const char *name);
const struct user *config_user(const struct config *cfg, const char *login);
/* A user as an export names it: by login, else by the name of its [user]
 * section (case, accents, punctuation and the order of the words aside:
 * "Mathilde Roux", "ROUX Mathilde"), else by its e-mail. */
const struct user *config_user_named(const struct config *cfg, const char *who);
const struct stage *config_stage(const struct config *cfg, const char *name);

/* The team owning stage i, or NULL; the team a login belongs to, or NULL;
 * whether login is a member of t. */
const struct team *config_stage_owner(const struct config *cfg, size_t stage);
const struct team *config_team_of(const struct config *cfg, const char *login);
const struct team *config_team(const struct config *cfg, const char *name);
int team_has(const struct team *t, const char *login);

/* "sales", "billing"... for messages. */
const char *role_name(enum role r);

#endif

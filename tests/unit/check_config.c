/* config: the sample config loads; each kind of mistake names file, section and key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "suites.h"

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	ck_assert_ptr_nonnull(fp);
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	rewind(fp);
	char *s = malloc((size_t)n + 1);
	ck_assert_uint_eq(fread(s, 1, (size_t)n, fp), (size_t)n);
	s[n] = '\0';
	fclose(fp);
	return s;
}

/* A config folder holding the sample config with `from` replaced by `to`. */
static const char *config_with(const char *from, const char *to)
{
	static char dir[128];
	snprintf(dir, sizeof dir, "/tmp/crmbatch-unit-cfg-%ld", (long)getpid());
	mkdir(dir, 0700);
	char *base = slurp("config/crmbatch.ini");
	char *at = from ? strstr(base, from) : NULL;
	if (from)
		ck_assert_msg(at != NULL, "'%s' not in the sample config", from);
	char path[160];
	snprintf(path, sizeof path, "%s/crmbatch.ini", dir);
	FILE *fp = fopen(path, "w");
	if (at) {
		fwrite(base, 1, (size_t)(at - base), fp);
		fputs(to, fp);
		fputs(at + strlen(from), fp);
	} else {
		fputs(base, fp);
	}
	fclose(fp);
	free(base);
	return dir;
}

START_TEST(test_sample)
{
	struct config cfg;
	struct diag err;
	ck_assert_int_eq(config_load(&cfg, "config", &err), EXIT_OK);
	ck_assert_str_eq(cfg.company.name, "Armor Bureautique");
	ck_assert_str_eq(cfg.company.siren, "812345676");
	ck_assert_int_eq(cfg.company.share_capital, 2000000);
	ck_assert_str_eq(cfg.currency, "EUR");
	const struct tax *t = config_tax(&cfg, "TVA 5,5%");
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(t->rate, 550);
	ck_assert_int_eq(t->included, 0);
	t = config_tax(&cfg, "tva 20% ttc");
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(t->rate, 2000);
	ck_assert_int_eq(t->included, 1);
	ck_assert_int_eq(cfg.taxes[cfg.default_tax].rate, 2000);
	ck_assert_int_eq(cfg.rounding, ROUND_PER_LINE);
	ck_assert_str_eq(cfg.terms[cfg.default_term].expr, "balance end of month +30 days");
	const struct payment_term *pt = config_term(&cfg, "30% à la commande, solde à 60 jours");
	ck_assert_ptr_nonnull(pt);
	ck_assert_str_eq(pt->expr, "30% ; balance +60 days");
	ck_assert_uint_eq(cfg.nstages, 4);
	ck_assert_str_eq(cfg.stages[2].name, "Proposition");
	ck_assert_int_eq(cfg.stages[2].probability, 60);
	const struct user *u = config_user(&cfg, "erwan.levannois");
	ck_assert_ptr_nonnull(u);
	ck_assert_str_eq(u->name, "Erwan Levannois");
	ck_assert_uint_eq(u->roles, ROLE_SALES);
	ck_assert_str_eq(cfg.default_user, "mathilde.roux");
	ck_assert_str_eq(cfg.numbering[DOC_INVOICE], "FAC-{year}-{seq:5}");
	config_release(&cfg);
}
END_TEST

static const struct {
	const char *from, *to, *want;
} bad_cases[] = {
	{ "name          = Armor Bureautique\n", "", "[company] name: missing" },
	{ "siren         = 812345676", "siren = 812345677", "[company] siren: '812345677' is not a valid SIREN" },
	{ "siret         = 81234567600017", "siret = 81234567600018", "[company] siret:" },
	{ "share_capital = 20000.00", "share_capital = vingt mille", "[company] share_capital:" },
	{ "TVA 5,5%    = 5.5", "TVA 5,5%    = cinq", "[taxes] tva 5,5%: 'cinq' is not a rate" },
	{ "default     = TVA 20%", "default     = TVA 19%", "[taxes] default: 'TVA 19%' is not one of the rates" },
	{ "rounding            = per_line", "rounding = per_invoice", "[invoicing] rounding: 'per_invoice'" },
	{ "code   = EUR", "code   = euro", "[currency] code:" },
	{ "roles = sales\n", "roles = sales, boss\n", "[user erwan.levannois] roles:" },
	{ "default_user = mathilde.roux", "default_user = nobody", "[users] default_user: 'nobody'" },
	{ "Proposition = 60", "Proposition = 160", "[stages] proposition:" },
	{ "invoice     = FAC-{year}-{seq:5}", "invoice     = FAC-{year}", "[numbering] invoice:" },
	{ "default = fin de mois + 30 jours", "default = 45 jours", "[payment_terms] default:" },
	{ "[company]", "[company", "crmbatch.ini:" },
	/* teams: an unknown user, a seller in no team, a stage owned twice */
	{ "[user mathilde.roux]", "[team ventes]\nleader = jdupont\nstages = Won\n\n[user mathilde.roux]",
	  "[team ventes] leader: 'jdupont' is not a user" },
	{ "[user mathilde.roux]", "[team ventes]\nleader = mathilde.roux\nstages = Won\n\n[user mathilde.roux]",
	  "[user erwan.levannois] roles: 'erwan.levannois' has the sales role but is in no [team ...]" },
	{ "[user mathilde.roux]", "[team ventes]\nleader = mathilde.roux\nstages = Won\n[team presales]\nleader = erwan.levannois\n"
	  "stages = New, Won\n\n[user mathilde.roux]", "[team presales] stages: 'Won' is already owned by [team ventes]" },
	{ "[user mathilde.roux]", "[team ventes]\nleader = mathilde.roux\nmembers = erwan.levannois, nobody\n\n[user mathilde.roux]",
	  "[team ventes] members: 'nobody' is not a user" },
};

START_TEST(test_bad)
{
	struct config cfg;
	struct diag err;
	const char *dir = config_with(bad_cases[_i].from, bad_cases[_i].to);
	ck_assert_int_eq(config_load(&cfg, dir, &err), EXIT_CONFIG);
	ck_assert_msg(strstr(err.msg, bad_cases[_i].want) != NULL, "got '%s', want '%s'", err.msg, bad_cases[_i].want);
	ck_assert_msg(strstr(err.msg, "crmbatch.ini") != NULL, "no file name in '%s'", err.msg);
}
END_TEST

START_TEST(test_missing)
{
	struct config cfg;
	struct diag err;
	ck_assert_int_eq(config_load(&cfg, "/nonexistent", &err), EXIT_CONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/crmbatch.ini"));
}
END_TEST

Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");
	tcase_add_test(tc, test_sample);
	tcase_add_loop_test(tc, test_bad, 0, sizeof bad_cases / sizeof *bad_cases);
	tcase_add_test(tc, test_missing);
	suite_add_tcase(s, tc);
	return s;
}

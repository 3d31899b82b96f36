/* leads and activities: duplicate merging, ids, warnings, stage moves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "activities.h"
#include "date.h"
#include "leads.h"
#include "suites.h"

static char dir[128], out[128];
static struct config cfg;
static struct rejects *rj;
static struct ingest in;
static struct leads ls;
static struct activities as;

static void put(const char *name, const char *content)
{
	put_file(dir, name, content);
}

static const char *config_dir = "config";

static void load(void)
{
	struct diag err;
	ck_assert_int_eq(config_load(&cfg, config_dir, &err), EXIT_OK);
	ck_assert_int_eq(rejects_open(&rj, out, 1, &err), EXIT_OK);
	ingest_init(&in, &cfg, rj, dir);
	leads_init(&ls, &cfg, rj, dir);
	activities_init(&as, &cfg, &ls, dir);
	leads_attach(&ls, &in);
	activities_attach(&as, &in);
	ck_assert_int_eq(ingest_run(&in, &err), EXIT_OK);
	leads_assign(&ls);
	activities_apply(&as, &in, rj);
}

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/crmbatch-unit-leads-%ld", (long)getpid());
	snprintf(out, sizeof out, "/tmp/crmbatch-unit-leads-out-%ld", (long)getpid());
	mkdir(dir, 0700);
	mkdir(out, 0700);
}

static void teardown(void)
{
	config_dir = "config";
	struct diag err;
	rejects_close(rj, &err);
	activities_release(&as);
	leads_release(&ls);
	ingest_release(&in);
	config_release(&cfg);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s %s", dir, out);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_merging)
{
	put("contacts.csv",
	    "card_id,civility,first_name,last_name,company,phone,mobile,email,city,salesperson,notes\n"
	    "A1,Monsieur,JEAN,HUBERT,Hubert,03 69 87 54 21,,contact@hubert.fr,STRASBOURG,mathilde.roux,premier\n"
	    "A2,,J.,,,,06 12 34 56 78,CONTACT@HUBERT.FR,,,second\n"        /* same e-mail, any case */
	    "A3,,Jean,Hubert,,+33 3 69 87 54 21,,,Metz,,\n"                  /* same phone, another form */
	    "A4,Mme,Anne,Martin,ACME,,,anne@acme.fr,,,\n"
	    "A5,,anne,MARTIN,acme,,,,Lyon,,\n"                               /* same company and name */
	    "A6,M.,Paul,Durand,,04 07 89,,p@durand,Vannes,,\n");            /* bad phone and e-mail */
	load();
	ck_assert_uint_eq(ls.n, 3);
	ck_assert_int_eq(ls.merged, 3);
	struct lead *h = leads_by_card(&ls, "A3");
	ck_assert_ptr_nonnull(h);
	ck_assert_str_eq(h->id, "L-A1");                   /* the first card names the lead */
	ck_assert_ptr_eq(leads_by_card(&ls, "A2"), h);
	ck_assert_str_eq(h->first_name, "Jean");
	ck_assert_str_eq(h->last_name, "Hubert");
	ck_assert_str_eq(h->civility, "M.");
	ck_assert_str_eq(h->city, "Strasbourg");           /* the first card wins */
	ck_assert_str_eq(h->mobile, "06 12 34 56 78");     /* a later card fills a gap */
	ck_assert_str_eq(h->phone_e164, "+33369875421");
	ck_assert_ptr_nonnull(strstr(h->notes, "premier"));
	ck_assert_ptr_nonnull(strstr(h->notes, "second"));
	struct lead *m = leads_by_card(&ls, "A5");
	ck_assert_str_eq(m->id, "L-A4");
	ck_assert_str_eq(m->city, "Lyon");
	struct lead *d = leads_by_card(&ls, "A6");
	ck_assert_ptr_null(d->phone);
	ck_assert_ptr_null(d->email);
	ck_assert_ptr_nonnull(strstr(d->notes, "04 07 89"));  /* nothing typed is lost */
	ck_assert_ptr_nonnull(strstr(d->notes, "p@durand"));
	ck_assert_int_eq(ls.warnings, 2);
	/* Unassigned cards went to the event/city rules or round-robin. */
	for (size_t i = 0; i < ls.n; i++)
		ck_assert_ptr_nonnull(ls.v[i].salesperson);
	ck_assert_str_eq(d->salesperson, "erwan.levannois");  /* city Vannes rule */
}
END_TEST

/* A home address and phone: the card's when it has no work one, in its
 * notes when it has both; an empty home field never replaces a work one. */
START_TEST(test_home_address)
{
	put("contacts.csv",
	    "card_id,first_name,last_name,phone,street,zip,city,country,Home Street,Home Postal Code,Home City,Home Country,Home Phone\n"
	    "H1,Léa,Morvan,,,,,,4 rue des Lilas,29200,brest,FR,02 98 44 55 66\n"
	    "H2,Paul,Guillou,02 97 00 11 22,,,Lorient,FR,8 impasse du Port,,,,02 97 00 11 22\n"
	    "H3,Marc,Le Du,02 97 10 20 30,1 quai Rohan,56100,Lorient,FR,3 rue Neuve,56270,Ploemeur,,02 97 86 00 00\n"
	    "H4,Anne,Tanguy,,,,,BE,,,Liège,,\n");
	load();
	struct lead *a = leads_by_card(&ls, "H1"), *b = leads_by_card(&ls, "H2"), *c = leads_by_card(&ls, "H3"),
		    *d = leads_by_card(&ls, "H4");
	ck_assert_str_eq(a->street, "4 rue des Lilas");
	ck_assert_str_eq(a->zip, "29200");
	ck_assert_str_eq(a->city, "Brest");
	ck_assert_str_eq(a->country, "FR");
	ck_assert_str_eq(a->phone_e164, "+33298445566");
	ck_assert_ptr_null(a->notes);
	ck_assert_str_eq(b->city, "Lorient");
	ck_assert_ptr_null(b->street);
	ck_assert_str_eq(b->notes, "Adresse personnelle : 8 impasse du Port"); /* the same phone: once */
	ck_assert_str_eq(c->street, "1 quai Rohan");
	ck_assert_str_eq(c->phone, "02 97 10 20 30");
	ck_assert_str_eq(c->notes, "Adresse personnelle : 3 rue Neuve, 56270 Ploemeur ; Téléphone personnel : 02 97 86 00 00");
	ck_assert_str_eq(d->city, "Liège");
	ck_assert_str_eq(d->country, "BE"); /* the only country given */
}
END_TEST

START_TEST(test_transitions)
{
	put("contacts.csv", "card_id,last_name,met_on,expected_revenue,salesperson\n"
			    "K1,Un,2023-07-20,1000,mathilde.roux\nK2,Deux,2023-07-20,2000,erwan.levannois\n"
			    "K3,Trois,2023-07-20,500,erwan.levannois\n");
	put("activities.csv", "lead,date,type,stage,lost_reason,due_date,done\n"
			      "K1,2023-07-22,stage,Proposition,,,\n"      /* 60 % */
			      "K1,2023-07-21,stage,Qualified,,,\n"        /* earlier: applied first */
			      "K1,2023-07-19,email,,,,\n"                 /* before the lead was met */
			      "K2,2023-07-23,won,,,,\n"
			      "K2,2023-07-24,stage,Qualified,,,\n"        /* a won lead does not move */
			      "K3,2023-07-23,lost,,trop cher,,\n"
			      "K3,2023-07-24,won,,,,\n"                    /* nor a lost one */
			      "K3,2023-08-01,call,,,2023-08-01,no\n");
	load();
	struct lead *k1 = leads_by_card(&ls, "K1"), *k2 = leads_by_card(&ls, "K2"), *k3 = leads_by_card(&ls, "K3");
	ck_assert_str_eq(cfg.stages[k1->stage].name, "Proposition");
	ck_assert_int_eq(k1->probability, 60);
	ck_assert_int_eq(lead_prorated(k1), 60000);
	ck_assert_int_eq(k2->state, LEAD_WON);
	ck_assert_str_eq(cfg.stages[k2->stage].name, "Won");
	ck_assert_int_eq(k2->probability, 100);
	ck_assert_int_eq(k3->state, LEAD_LOST);
	ck_assert_int_eq(k3->probability, 0);
	ck_assert_str_eq(k3->lost_reason, "trop cher");
	ck_assert_int_eq(as.refused, 3);
	ck_assert_int_eq(in.counts[IN_ACTIVITIES].read, 8);
	ck_assert_int_eq(in.counts[IN_ACTIVITIES].rejected, 3);
	ck_assert_int_eq(in.counts[IN_ACTIVITIES].accepted, 5);
	const struct activity *next = activities_next(&as, k3);
	ck_assert_ptr_nonnull(next);
	ck_assert_int_eq(agenda_state_of(next, date_from_ymd(2023, 7, 31)), AGENDA_PLANNED);
	ck_assert_int_eq(agenda_state_of(next, date_from_ymd(2023, 8, 1)), AGENDA_TODAY);
	ck_assert_int_eq(agenda_state_of(next, date_from_ymd(2023, 8, 2)), AGENDA_OVERDUE);
}
END_TEST

START_TEST(test_stable_ids)
{
	/* A card without id gets a fingerprint of whom it names: the same on
	 * every run, different for another person. */
	put("contacts.csv", "last_name,email\nHubert,contact@hubert.fr\nMartin,anne@acme.fr\n");
	load();
	ck_assert_uint_eq(ls.n, 2);
	ck_assert_int_eq(strncmp(ls.v[0].id, "L-", 2), 0);
	ck_assert_uint_eq(strlen(ls.v[0].id), 14);
	ck_assert_str_ne(ls.v[0].id, ls.v[1].id);
	char first[32];
	snprintf(first, sizeof first, "%s", ls.v[0].id);
	teardown();
	setup();
	put("contacts.csv", "last_name,email\nHubert,contact@hubert.fr\n");
	load();
	ck_assert_str_eq(ls.v[0].id, first);
}
END_TEST

START_TEST(test_teams)
{
	/* Pre-sales (erwan) owns New and Qualified, sales (mathilde) the rest. */
	config_dir = "tests/fixtures/teams";
	put("contacts.csv", "card_id,last_name,met_on,salesperson,team\n"
			    "K1,Un,2023-07-20,erwan.levannois,\n"
			    "K2,Deux,2023-07-20,erwan.levannois,\n"
			    "K3,Trois,2023-07-20,mathilde.roux,\n");
	put("activities.csv", "lead,date,type,stage,user\n"
			      "K1,2023-07-21,stage,Qualified,erwan.levannois\n"   /* pre-sales still */
			      "K2,2023-07-21,stage,Proposition,mathilde.roux\n"   /* handed to the mover, a sales member */
			      "K3,2023-07-21,stage,Proposition,erwan.levannois\n"); /* to the salesperson, a sales member */
	load();
	const struct team *pre = config_team(&cfg, "presales"), *sales = config_team(&cfg, "sales");
	ck_assert_ptr_nonnull(pre);
	ck_assert_ptr_nonnull(sales);
	ck_assert_ptr_eq(config_stage_owner(&cfg, 0), pre);
	ck_assert_ptr_eq(config_stage_owner(&cfg, 3), sales);
	struct lead *k1 = leads_by_card(&ls, "K1"), *k2 = leads_by_card(&ls, "K2"), *k3 = leads_by_card(&ls, "K3");
	ck_assert_ptr_eq(k1->team, pre);
	ck_assert_str_eq(k1->salesperson, "erwan.levannois");
	ck_assert_ptr_eq(k2->team, sales);
	ck_assert_str_eq(k2->salesperson, "mathilde.roux");
	ck_assert_ptr_eq(k3->team, sales);
	ck_assert_str_eq(k3->salesperson, "mathilde.roux");
	int handoffs = 0;
	for (size_t i = 0; i < as.n; i++)
		if (as.v[i].to_team) {
			handoffs++;
			ck_assert_ptr_eq(as.v[i].from_team, pre);
			ck_assert_ptr_eq(as.v[i].to_team, sales);
		}
	ck_assert_int_eq(handoffs, 2);
}
END_TEST

Suite *leads_suite(void)
{
	Suite *s = suite_create("leads");
	TCase *tc = tcase_create("leads");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_merging);
	tcase_add_test(tc, test_home_address);
	tcase_add_test(tc, test_transitions);
	tcase_add_test(tc, test_stable_ids);
	tcase_add_test(tc, test_teams);
	suite_add_tcase(s, tc);
	return s;
}

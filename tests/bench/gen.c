/*
 * gen: writes a large synthetic day of exports for the benchmarks.
 * Usage: gen DIR ORDER_LINES CARDS utf8|excel [PRODUCTS [CUSTOMERS [MAX_STOCK [SALE_EVERY]]]]
 * (one order in SALE_EVERY is confirmed, 3 by default; products are
 * invoiced on ordered quantities, so confirmed orders are invoiced at once)
 * Quoted fields with delimiters, doubled quotes and line breaks appear
 * throughout; "excel" writes ';', Windows-1252, CRLF, French headers and
 * decimal commas, as a French Excel does. Deterministic (fixed seed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long seed = 42;
static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((seed >> 33) % n);
}

/* A valid SIREN (8 digits and the Luhn key) for customer i. */
static const char *siren(long i)
{
	static char s[24];
	snprintf(s, sizeof s, "%08ld", 30000000 + i % 60000000);
	for (int key = 0; key < 10; key++) {
		s[8] = (char)('0' + key);
		s[9] = '\0';
		int sum = 0;
		for (int k = 0; k < 9; k++) {
			int v = s[8 - k] - '0';
			if (k % 2 == 1 && (v *= 2) > 9)
				v -= 9;
			sum += v;
		}
		if (sum % 10 == 0)
			break;
	}
	return s;
}

static int excel;
static const char *eol;
static char sep;

static FILE *open_file(const char *dir, const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "wb");
	if (!fp) {
		perror(path);
		exit(1);
	}
	if (excel)
		fprintf(fp, "sep=;%s", eol);
	return fp;
}

/* "é" in the file's encoding. */
static const char *e_acute(void)
{
	return excel ? "\xE9" : "\xC3\xA9";
}

static void money(FILE *fp, long cents)
{
	fprintf(fp, "%ld%c%02ld", cents / 100, excel ? ',' : '.', cents % 100);
}

int main(int argc, char **argv)
{
	if (argc < 5 || argc > 9) {
		fprintf(stderr, "usage: gen DIR ORDER_LINES CARDS utf8|excel [PRODUCTS [CUSTOMERS [MAX_STOCK [SALE_EVERY]]]]\n");
		return 64;
	}
	const char *dir = argv[1];
	long lines = atol(argv[2]), cards = atol(argv[3]);
	excel = strcmp(argv[4], "excel") == 0;
	eol = excel ? "\r\n" : "\n";
	sep = excel ? ';' : ',';
	const long nproducts = argc > 5 ? atol(argv[5]) : 100000, nsuppliers = 200;
	const long ncustomers = argc > 6 ? atol(argv[6]) : 20000;
	const unsigned max_stock = argc > 7 ? (unsigned)atol(argv[7]) : 500;
	const long sale_every = argc > 8 && atol(argv[8]) > 0 ? atol(argv[8]) : 3;

	FILE *fp = open_file(dir, "suppliers.csv");
	fprintf(fp, excel ? "Code fournisseur;Raison sociale;Ville%s" : "code,name,city%s", eol);
	for (long i = 0; i < nsuppliers; i++)
		fprintf(fp, "S%ld%c\"Fournisseur %ld%c SAS\"%cRennes%s", i, sep, i, sep, sep, eol);
	fclose(fp);

	fp = open_file(dir, "customers.csv");
	fprintf(fp, excel ? "Code client;Raison sociale;Adresse;Ville;SIREN%s" : "code,name,street,city,siren%s", eol);
	for (long i = 0; i < ncustomers; i++)
		fprintf(fp, "C%ld%cClient %ld%c\"%ld rue de l%sglise%c b%ct A\"%cVannes%c%s%s", i, sep, i, sep,
			i % 200 + 1, excel ? "'\xC9" : "'\xC3\x89", sep, excel ? '\xE2' : 'a', sep, sep, siren(i), eol);
	fclose(fp);

	fp = open_file(dir, "products.csv");
	fprintf(fp, "%s%s", excel ? "R\xE9" "f\xE9rence;D\xE9signation;Prix de vente;Stock;Fournisseur;Politique de facturation"
				  : "code,name,unit_price,on_hand,supplier,invoice_policy", eol);
	for (long i = 0; i < nproducts; i++) {
		fprintf(fp, "P%06ld%c\"Article %ld, mod%sle \"\"pro\"\"\"%c", i, sep, i, excel ? "\xE8" : "\xC3\xA8", sep);
		money(fp, 100 + rnd(100000));
		fprintf(fp, "%c%u%cS%ld%c%s%s", sep, rnd(max_stock + 1), sep, i % nsuppliers, sep,
			excel ? "Quantit\xE9s command\xE9" "es" : "ordered", eol);
	}
	fclose(fp);

	fp = open_file(dir, "contacts.csv");
	fprintf(fp, "%s%s", excel ? "N de carte;Civilit\xE9;Pr\xE9nom;Nom;Soci\xE9t\xE9;T\xE9l\xE9phone;Courriel;Ville;Remarques"
				  : "card_id,civility,first_name,last_name,company,phone,email,city,notes", eol);
	static const char *const first[] = { "Jean", "Marie", "Pierre", "Sophie", "Erwan", "Anne" };
	static const char *const last[] = { "HUBERT", "Baroli", "MAROUIN", "Le Gall", "de la Tour", "Martin" };
	for (long i = 0; i < cards; i++) {
		/* One card in ten repeats an earlier person (a duplicate to merge). */
		long who = (i % 10 == 9 && i > 0) ? (long)rnd((unsigned)i) : i;
		fprintf(fp, "K%ld%c%s%c%s%c%s%c\"Soci%st%s %ld%c SARL\"%c0%u %02u %02u %02u %02u%ccontact%ld@exemple.fr%cVannes%c",
			i, sep, who % 2 ? "Mme" : "M.", sep, first[who % 6], sep, last[who % 6], sep,
			e_acute(), e_acute(), who, sep, sep, 1 + rnd(7), rnd(100), rnd(100), rnd(100), rnd(100), sep,
			who, sep, sep);
		if (i % 7 == 0)
			fprintf(fp, "\"Rappeler%sen septembre\"%s", eol, eol);
		else
			fprintf(fp, "%s", eol);
	}
	fclose(fp);

	fp = open_file(dir, "order_lines.csv");
	fprintf(fp, "%s%s", excel ? "N commande;Client;Date de commande;\xC9" "tat;Article;D\xE9signation;Qt\xE9;PU HT;Remise (%)"
				  : "order_ref,customer,order_date,state,product,description,qty,unit_price,discount_pct", eol);
	for (long i = 0; i < lines; i++) {
		long order = i / 10;
		/* One order in three is confirmed, the others are quotations. */
		fprintf(fp, "SO%ld%cC%ld%c%s%c%s%c", order, sep, order % ncustomers, sep, excel ? "27/11/2026" : "2026-11-27", sep,
			order % sale_every == 0 ? (excel ? "Commande" : "sale") : (excel ? "Devis" : "quotation"), sep);
		fprintf(fp, "P%06u%c\"Ligne %ld%c livraison \"\"express\"\"\"%c%u%c", rnd((unsigned)nproducts), sep, i, sep, sep,
			1 + rnd(20), sep);
		money(fp, 100 + rnd(50000));
		fprintf(fp, "%c%u%s", sep, rnd(4) * 5, eol);
	}
	fclose(fp);
	return 0;
}

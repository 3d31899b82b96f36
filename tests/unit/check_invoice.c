/* The invoice model's arithmetic (VAT breakdowns per category and rate,
 * tax-included prices) and its Factur-X projection, table-driven. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "date.h"
#include "facturx.h"
#include "suites.h"

static const struct tax s20 = { "TVA 20%", 2000, 0, VAT_STANDARD, NULL, NULL };
static const struct tax s20i = { "TVA 20% TTC", 2000, 1, VAT_STANDARD, NULL, NULL };
static const struct tax s10 = { "TVA 10%", 1000, 0, VAT_STANDARD, NULL, NULL };
static const struct tax ex = { "Franchise", 0, 0, VAT_EXEMPT, "TVA non applicable, art. 293 B du CGI", NULL };
static const struct tax ae = { "Autoliquidation", 0, 0, VAT_REVERSE_CHARGE, "Autoliquidation", NULL };
static const struct tax out = { "Hors champ", 0, 0, VAT_OUTSIDE_SCOPE, "Hors champ", NULL };

#define MAXL 4
#define MAXB 3
struct breakdown {
	enum vat_category category;
	int64_t rate, base, tax;
};
static const struct {
	const char *name;
	struct price_input in[MAXL];
	size_t n;
	enum rounding rounding;
	struct breakdown want[MAXB];
	size_t nwant;
} cases[] = {
	{ "TTC and HT lines at 20 %: one breakdown", { { 2000, 790000, 0, &s20 }, { 1000, 1200000, 0, &s20i } }, 2,
	  ROUND_PER_LINE, { { VAT_STANDARD, 2000, 25800, 5160 } }, 1 },
	{ "the same, rounded globally", { { 2000, 790000, 0, &s20 }, { 1000, 1200000, 0, &s20i } }, 2, ROUND_GLOBAL,
	  { { VAT_STANDARD, 2000, 25800, 5160 } }, 1 },
	/* 3 x 9.99 TTC = 29.97: base 24.975 per line... per line 8.325 -> 8.33
	 * each: 24.99 + tax 4.98; globally 29.97/1.2 = 24.975 -> 24.98, 4.99 */
	{ "3 TTC lines, per line", { { 1000, 99900, 0, &s20i }, { 1000, 99900, 0, &s20i }, { 1000, 99900, 0, &s20i } }, 3,
	  ROUND_PER_LINE, { { VAT_STANDARD, 2000, 2499, 498 } }, 1 },
	{ "3 TTC lines, global", { { 1000, 99900, 0, &s20i }, { 1000, 99900, 0, &s20i }, { 1000, 99900, 0, &s20i } }, 3,
	  ROUND_GLOBAL, { { VAT_STANDARD, 2000, 2498, 499 } }, 1 },
	{ "exempt beside standard: two breakdowns", { { 1000, 1000000, 0, &s20 }, { 1000, 500000, 0, &ex } }, 2,
	  ROUND_PER_LINE, { { VAT_STANDARD, 2000, 10000, 2000 }, { VAT_EXEMPT, 0, 5000, 0 } }, 2 },
	{ "exempt and reverse charge at 0 %: two breakdowns", { { 1000, 1000000, 0, &ex }, { 1000, 500000, 0, &ae } }, 2,
	  ROUND_PER_LINE, { { VAT_EXEMPT, 0, 10000, 0 }, { VAT_REVERSE_CHARGE, 0, 5000, 0 } }, 2 },
	{ "10 % and 20 %, discounted", { { 2000, 389000, 1500, &s20 }, { 1000, 1000000, 1000, &s10 } }, 2,
	  ROUND_PER_LINE, { { VAT_STANDARD, 2000, 6613, 1323 }, { VAT_STANDARD, 1000, 9000, 900 } }, 2 },
};

START_TEST(test_breakdowns)
{
	struct priced_line lines[MAXL];
	struct totals t;
	for (size_t i = 0; i < cases[_i].n; i++)
		ck_assert_int_eq(pricing_line(&cases[_i].in[i], &lines[i]), 0);
	ck_assert_int_eq(pricing_totals(cases[_i].in, lines, cases[_i].n, cases[_i].rounding, &t), 0);
	ck_assert_msg(t.nrates == cases[_i].nwant, "%s: %zu breakdowns", cases[_i].name, t.nrates);
	int64_t untaxed = 0, tax = 0;
	for (size_t k = 0; k < t.nrates; k++) {
		const struct breakdown *w = &cases[_i].want[k];
		const struct tax_total *r = &t.rates[k];
		ck_assert_msg(r->category == w->category && r->rate == w->rate && r->base == w->base && r->amount == w->tax,
			      "%s: breakdown %zu is %s %lld: %lld / %lld, want %s %lld: %lld / %lld", cases[_i].name, k,
			      vat_category_code(r->category), (long long)r->rate, (long long)r->base, (long long)r->amount,
			      vat_category_code(w->category), (long long)w->rate, (long long)w->base, (long long)w->tax);
		untaxed += r->base;
		tax += r->amount;
	}
	ck_assert_int_eq(t.untaxed, untaxed);
	ck_assert_int_eq(t.tax, tax);
	ck_assert_int_eq(t.total, untaxed + tax);
}
END_TEST

/* A tax-included price is shown and sent without its tax. */
START_TEST(test_unit_price_excl)
{
	struct price_input ttc = { 1000, 1200000, 0, &s20i }, ht = { 1000, 1200000, 0, &s20 };
	ck_assert_int_eq(pricing_unit_price_excl(&ttc), 1000000);
	ck_assert_int_eq(pricing_unit_price_excl(&ht), 1200000);
	struct price_input odd = { 1000, 99900, 0, &s20i }; /* 9.99 / 1.2 = 8.325 */
	ck_assert_int_eq(pricing_unit_price_excl(&odd), 83250);
}
END_TEST

/* --- the Factur-X projection -------------------------------------------- */

static struct config cfg;
static struct partner buyer = { .code = "C1", .name = "Hubert SARL", .street = "12 rue des Tanneurs", .zip = "67000",
				.city = "Strasbourg", .country = "FR", .siren = "443061809", .vat_number = "FR65443061809",
				.is_business = 1 };
static struct order order = { .ref = "SO-1", .customer_code = "C1" };

static char *project(const struct tax *tax, int64_t discount, int32_t delivered)
{
	memset(&cfg, 0, sizeof cfg);
	cfg.currency = "EUR";
	cfg.company = (struct company){ .name = "Armor & Fils", .legal_form = "SARL", .street = "8 rue du Port",
					.zip = "56000", .city = "Vannes", .country = "FR", .siren = "812345676",
					.vat_number = "FR19812345676", .rcs = "RCS Vannes" };
	struct invoice_line l = { .order_line = 1, .ref = "PRN", .description = "Imprimante", .qty = 20000, .counted = 20000,
				  .gross_price = 3890000, .discount = discount, .tax = tax };
	struct price_input in = { 20000, 3890000, discount, tax };
	struct priced_line pl;
	ck_assert_int_eq(pricing_line(&in, &pl), 0);
	l.amount = pl.untaxed;
	l.net_price = discount ? 3890000 * (10000 - discount) / 10000 : 3890000;
	static struct invoice inv;
	memset(&inv, 0, sizeof inv);
	inv.order = &order;
	inv.buyer = &buyer;
	inv.business = 1;
	inv.lines = &l;
	inv.nlines = 1;
	ck_assert_int_eq(pricing_totals(&in, &pl, 1, ROUND_PER_LINE, &inv.totals), 0);
	inv.date = inv.due = date_from_ymd(2026, 11, 27);
	inv.delivered = delivered;
	inv.term = "30 jours";
	inv.goods = 1;
	inv.penalty_note = "Pénalités";
	inv.escompte_note = "Pas d'escompte";
	size_t len;
	char *xml = facturx_xml(&cfg, "FAC-2026-00001", &inv, &len);
	ck_assert_uint_eq(strlen(xml), len);
	return xml;
}

static void has(const char *xml, const char *s, int want)
{
	ck_assert_msg((strstr(xml, s) != NULL) == want, "%s '%s' in %s", want ? "no" : "unwanted", s, xml);
}

START_TEST(test_facturx_discount)
{
	char *xml = project(&s20, 1500, DATE_NONE);
	has(xml, "<ram:GrossPriceProductTradePrice><ram:ChargeAmount>389.0000</ram:ChargeAmount>", 1);
	has(xml, "<ram:ActualAmount>58.3500</ram:ActualAmount>", 1);
	has(xml, "<ram:NetPriceProductTradePrice><ram:ChargeAmount>330.6500</ram:ChargeAmount>", 1);
	has(xml, "<ram:LineTotalAmount>6613.00</ram:LineTotalAmount>", 1);
	has(xml, "<ram:SellerOrderReferencedDocument><ram:IssuerAssignedID>SO-1</ram:IssuerAssignedID>", 1);
	has(xml, "BuyerOrderReferencedDocument", 0);
	has(xml, "ActualDeliverySupplyChainEvent", 0);   /* not shipped: no BT-72 */
	has(xml, "<ram:Name>Armor &amp; Fils</ram:Name>", 1);
	free(xml);
}
END_TEST

START_TEST(test_facturx_categories)
{
	char *xml = project(&ex, 0, date_from_ymd(2026, 11, 20));
	has(xml, "<ram:CategoryCode>E</ram:CategoryCode>", 1);
	has(xml, "<ram:ExemptionReason>TVA non applicable, art. 293 B du CGI</ram:ExemptionReason>", 1);
	has(xml, "GrossPriceProductTradePrice", 0);      /* no discount: the net price alone */
	has(xml, "<udt:DateTimeString format=\"102\">20261120</udt:DateTimeString>", 1);
	free(xml);
	xml = project(&out, 0, DATE_NONE);
	has(xml, "<ram:CategoryCode>O</ram:CategoryCode>", 1);
	has(xml, "RateApplicablePercent", 0);            /* BR-O-05 */
	has(xml, "schemeID=\"VA\"", 0);                  /* BR-O-02 */
	free(xml);
}
END_TEST

Suite *invoice_suite(void)
{
	Suite *s = suite_create("invoice");
	TCase *tc = tcase_create("invoice");
	tcase_add_loop_test(tc, test_breakdowns, 0, sizeof cases / sizeof *cases);
	tcase_add_test(tc, test_unit_price_excl);
	tcase_add_test(tc, test_facturx_discount);
	tcase_add_test(tc, test_facturx_categories);
	suite_add_tcase(s, tc);
	return s;
}

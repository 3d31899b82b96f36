/* facturx: EN 16931 CII XML of an invoice (see include/facturx.h). */
#include "facturx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "money.h"
#include "text.h"

/* Text with &, <, >, " escaped. */
static void esc(FILE *fp, const char *s)
{
	char *e = xml_escaped(s);
	fputs(e, fp);
	free(e);
}

static void date102(FILE *fp, int32_t d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	fprintf(fp, "<udt:DateTimeString format=\"102\">%04d%02d%02d</udt:DateTimeString>", y, m, day);
}

/* The same in the qualified data type a FormattedIssueDateTime takes. */
static void qdate102(FILE *fp, int32_t d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	fprintf(fp, "<qdt:DateTimeString format=\"102\">%04d%02d%02d</qdt:DateTimeString>", y, m, day);
}

static const char *amount(int64_t cents, char *buf, size_t size)
{
	return num_format_dot(cents, SCALE_CENTS, 2, buf, size);
}

/* A rate with at most 2 decimals (BR-FR-16): "20.00", "5.50". */
static const char *rate(int64_t bp, char *buf, size_t size)
{
	return num_format_dot(bp, SCALE_PERCENT, 2, buf, size);
}

/* Digits and letters only: IBANs and VAT numbers are written without spaces. */
static void compact(FILE *fp, const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ')
			fputc(*s, fp);
}

static void note(FILE *fp, const char *text, const char *subject)
{
	if (!text)
		return;
	fputs("<ram:IncludedNote><ram:Content>", fp);
	esc(fp, text);
	fprintf(fp, "</ram:Content><ram:SubjectCode>%s</ram:SubjectCode></ram:IncludedNote>\n", subject);
}

static void address(FILE *fp, const char *zip, const char *street, const char *city, const char *country)
{
	fputs("<ram:PostalTradeAddress>", fp);
	if (zip) {
		fputs("<ram:PostcodeCode>", fp);
		esc(fp, zip);
		fputs("</ram:PostcodeCode>", fp);
	}
	if (street) {
		fputs("<ram:LineOne>", fp);
		esc(fp, street);
		fputs("</ram:LineOne>", fp);
	}
	if (city) {
		fputs("<ram:CityName>", fp);
		esc(fp, city);
		fputs("</ram:CityName>", fp);
	}
	fprintf(fp, "<ram:CountryID>%s</ram:CountryID></ram:PostalTradeAddress>\n",
		country && strlen(country) == 2 ? country : "FR");
}

/* The rate element of a category: none outside the scope of VAT (BR-O-05). */
static const char *rate_element(enum vat_category cat, int64_t bp, char *buf, size_t size)
{
	char r[32];
	if (cat == VAT_OUTSIDE_SCOPE)
		return "";
	snprintf(buf, size, "<ram:RateApplicablePercent>%s</ram:RateApplicablePercent>", rate(bp, r, sizeof r));
	return buf;
}

/* The category code of a tax (none: outside the scope of VAT). */
static const char *category(const struct tax *t)
{
	return vat_category_code(t ? t->category : VAT_OUTSIDE_SCOPE);
}

char *facturx_xml(const struct config *cfg, const char *number, const struct invoice *inv, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	if (!fp)
		abort(); /* out of memory, as xmalloc would */
	char a[32], b[32], c[96], d[32];
	const struct company *co = &cfg->company;
	const struct partner *buyer = inv->buyer;
	int business = inv->business;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\" "
	      "xmlns:qdt=\"urn:un:unece:uncefact:data:standard:QualifiedDataType:100\" "
	      "xmlns:ram=\"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100\" "
	      "xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100\">\n", fp);
	fprintf(fp, "<rsm:ExchangedDocumentContext>"
		    "<ram:BusinessProcessSpecifiedDocumentContextParameter><ram:ID>%s</ram:ID></ram:BusinessProcessSpecifiedDocumentContextParameter>"
		    "<ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>"
		    "</rsm:ExchangedDocumentContext>\n", invoice_process(inv));
	fputs("<rsm:ExchangedDocument><ram:ID>", fp);
	esc(fp, number);
	/* 380 a commercial invoice, 381 a credit note (UNTDID 1001). */
	fprintf(fp, "</ram:ID><ram:TypeCode>%s</ram:TypeCode><ram:IssueDateTime>",
		inv->kind == DOC_CREDIT_NOTE ? "381" : "380");
	date102(fp, inv->date);
	fputs("</ram:IssueDateTime>\n", fp);
	note(fp, business ? "B2B" : "B2C", "BAR");
	/* The French rules want the PMD and PMT notes on every invoice and
	 * credit note (BR-FR-05): the model says what is due, or why nothing is. */
	note(fp, inv->penalty_note, "PMD");
	note(fp, inv->indemnity_note, "PMT");
	note(fp, inv->escompte_note, "AAB");
	note(fp, inv->guarantee_note, "AAI"); /* general information (UNTDID 4451) */
	fputs("</rsm:ExchangedDocument>\n<rsm:SupplyChainTradeTransaction>\n", fp);

	for (size_t i = 0; i < inv->nlines; i++) {
		const struct invoice_line *l = &inv->lines[i];
		fprintf(fp, "<ram:IncludedSupplyChainTradeLineItem>"
			    "<ram:AssociatedDocumentLineDocument><ram:LineID>%zu</ram:LineID></ram:AssociatedDocumentLineDocument>"
			    "<ram:SpecifiedTradeProduct>", i + 1);
		if (l->ref) {
			fputs("<ram:SellerAssignedID>", fp);
			esc(fp, l->ref);
			fputs("</ram:SellerAssignedID>", fp);
		}
		fputs("<ram:Name>", fp);
		esc(fp, l->description);
		fputs("</ram:Name></ram:SpecifiedTradeProduct><ram:SpecifiedLineTradeAgreement>", fp);
		/* A discounted line: its gross price (BT-148) and the discount per
		 * unit (BT-147), so that net = gross - discount exactly. */
		if (l->gross_price != l->net_price)
			fprintf(fp, "<ram:GrossPriceProductTradePrice><ram:ChargeAmount>%s</ram:ChargeAmount>"
				    "<ram:AppliedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator>"
				    "<ram:ActualAmount>%s</ram:ActualAmount></ram:AppliedTradeAllowanceCharge></ram:GrossPriceProductTradePrice>",
				num_format_dot(l->gross_price, SCALE_PRICE, 4, a, sizeof a),
				num_format_dot(l->gross_price - l->net_price, SCALE_PRICE, 4, b, sizeof b));
		fprintf(fp, "<ram:NetPriceProductTradePrice><ram:ChargeAmount>%s</ram:ChargeAmount>"
			    "</ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>"
			    "<ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode=\"C62\">%s</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>"
			    "<ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode>"
			    "<ram:CategoryCode>%s</ram:CategoryCode>%s</ram:ApplicableTradeTax>"
			    "<ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>%s</ram:LineTotalAmount>"
			    "</ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>"
			    "</ram:IncludedSupplyChainTradeLineItem>\n",
			num_format_dot(l->net_price, SCALE_PRICE, 4, a, sizeof a), num_format_dot(l->qty, SCALE_QTY, 3, b, sizeof b),
			category(l->tax), rate_element(l->tax ? l->tax->category : VAT_OUTSIDE_SCOPE, l->tax ? l->tax->rate : 0, c, sizeof c),
			amount(l->amount, d, sizeof d));
	}

	fputs("<ram:ApplicableHeaderTradeAgreement>\n<ram:SellerTradeParty><ram:Name>", fp);
	esc(fp, co->name);
	fputs("</ram:Name><ram:Description>", fp);
	fprintf(fp, "%s au capital de %s EUR - ", co->legal_form, amount(co->share_capital, a, sizeof a));
	esc(fp, co->rcs);
	fprintf(fp, "</ram:Description><ram:SpecifiedLegalOrganization><ram:ID schemeID=\"0002\">%s</ram:ID>"
		    "</ram:SpecifiedLegalOrganization>", co->siren);
	address(fp, co->zip, co->street, co->city, co->country);
	/* The seller's electronic address: its SIREN in the reform's directory. */
	fprintf(fp, "<ram:URIUniversalCommunication><ram:URIID schemeID=\"0225\">%s</ram:URIID></ram:URIUniversalCommunication>", co->siren);
	/* Out of VAT's scope, no VAT identifier is stated (BR-O-02). */
	int outside = 0;
	for (size_t i = 0; i < inv->totals.nrates; i++)
		outside |= inv->totals.rates[i].category == VAT_OUTSIDE_SCOPE;
	if (!outside && co->vat_number) {
		fputs("<ram:SpecifiedTaxRegistration><ram:ID schemeID=\"VA\">", fp);
		compact(fp, co->vat_number);
		fputs("</ram:ID></ram:SpecifiedTaxRegistration>", fp);
	}
	fputs("</ram:SellerTradeParty>\n<ram:BuyerTradeParty><ram:Name>", fp);
	esc(fp, buyer ? buyer->name : "");
	fputs("</ram:Name>", fp);
	if (buyer && buyer->siren)
		fprintf(fp, "<ram:SpecifiedLegalOrganization><ram:ID schemeID=\"0002\">%s</ram:ID></ram:SpecifiedLegalOrganization>",
			buyer->siren);
	address(fp, buyer ? buyer->zip : NULL, buyer ? buyer->street : NULL, buyer ? buyer->city : NULL,
		buyer ? buyer->country : NULL);
	if (buyer && buyer->siren)
		fprintf(fp, "<ram:URIUniversalCommunication><ram:URIID schemeID=\"0225\">%s</ram:URIID></ram:URIUniversalCommunication>",
			buyer->siren);
	else if (buyer && buyer->email) {
		fputs("<ram:URIUniversalCommunication><ram:URIID schemeID=\"EM\">", fp);
		esc(fp, buyer->email);
		fputs("</ram:URIID></ram:URIUniversalCommunication>", fp);
	}
	if (buyer && buyer->vat_number && !outside) {
		fputs("<ram:SpecifiedTaxRegistration><ram:ID schemeID=\"VA\">", fp);
		compact(fp, buyer->vat_number);
		fputs("</ram:ID></ram:SpecifiedTaxRegistration>", fp);
	}
	fputs("</ram:BuyerTradeParty>\n", fp);
	/* BT-14 */
	fputs("<ram:SellerOrderReferencedDocument><ram:IssuerAssignedID>", fp);
	esc(fp, inv->order->ref);
	fputs("</ram:IssuerAssignedID></ram:SellerOrderReferencedDocument>", fp);
	if (inv->order->customer_ref) { /* BT-13 */
		fputs("<ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>", fp);
		esc(fp, inv->order->customer_ref);
		fputs("</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>", fp);
	}
	fputs("</ram:ApplicableHeaderTradeAgreement>\n<ram:ApplicableHeaderTradeDelivery>", fp);
	/* BG-13, deliver to: where the goods go or the service is done, the
	 * order's delivery address when it is not the buyer's (décret
	 * 2022-1299), its name BT-70 and its address BG-15, whose country
	 * address() always states (BR-57); else the buyer (it also keeps the
	 * element from being empty when nothing has shipped yet). */
	if (inv->ships_elsewhere) {
		const struct address *to = &inv->ship_to;
		fputs("<ram:ShipToTradeParty><ram:Name>", fp);
		esc(fp, to->name ? to->name : "");
		fputs("</ram:Name>", fp);
		address(fp, to->zip, to->street, to->city, to->country);
		fputs("</ram:ShipToTradeParty>", fp);
	} else if (buyer) {
		fputs("<ram:ShipToTradeParty><ram:Name>", fp);
		esc(fp, buyer->name);
		fputs("</ram:Name>", fp);
		address(fp, buyer->zip, buyer->street, buyer->city, buyer->country);
		fputs("</ram:ShipToTradeParty>", fp);
	}
	if (inv->delivered != DATE_NONE) { /* BT-72: only a delivery that happened */
		fputs("<ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime>", fp);
		date102(fp, inv->delivered);
		fputs("</ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent>", fp);
	}
	fputs("</ram:ApplicableHeaderTradeDelivery>\n", fp);

	fprintf(fp, "<ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>%s</ram:InvoiceCurrencyCode>\n", cfg->currency);
	if (co->iban) {
		fputs("<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode>"
		      "<ram:PayeePartyCreditorFinancialAccount><ram:IBANID>", fp);
		compact(fp, co->iban);
		fputs("</ram:IBANID></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>\n", fp);
	}
	const struct totals *t = &inv->totals;
	for (size_t i = 0; i < t->nrates; i++) {
		const struct tax_total *r = &t->rates[i];
		fprintf(fp, "<ram:ApplicableTradeTax><ram:CalculatedAmount>%s</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>",
			amount(r->amount, a, sizeof a));
		/* BT-120: why there is no VAT, for every category but S and Z. */
		if (r->category != VAT_STANDARD && r->category != VAT_ZERO && r->tax && r->tax->mention) {
			fputs("<ram:ExemptionReason>", fp);
			esc(fp, r->tax->mention);
			fputs("</ram:ExemptionReason>", fp);
		}
		fprintf(fp, "<ram:BasisAmount>%s</ram:BasisAmount><ram:CategoryCode>%s</ram:CategoryCode>",
			amount(r->base, b, sizeof b), vat_category_code(r->category));
		/* BT-8, the VAT point date code: the field the French rules
		 * (XP Z12-012 annex A) give the option for VAT on debits, with
		 * UNTDID 2475 code 5, the invoice's date, VAT being due when
		 * invoiced. In CII it sits in every BG-23, the same in each; it
		 * excludes a VAT point date BT-7, never sent here (BR-CO-03). The
		 * schema orders it after the category code and before the rate.
		 * Without the option nothing is sent: BT-8 is optional (0..1)
		 * and no BR-FR rule asks for it. */
		if (inv->debits_note)
			fputs("<ram:DueDateTypeCode>5</ram:DueDateTypeCode>", fp);
		fprintf(fp, "%s</ram:ApplicableTradeTax>\n", rate_element(r->category, r->rate, c, sizeof c));
	}
	fputs("<ram:SpecifiedTradePaymentTerms><ram:Description>", fp);
	esc(fp, inv->term);
	if (inv->escompte) { /* BT-20 says what the PDF's terms say, the escompte's day included */
		fputs(". ", fp);
		esc(fp, inv->escompte_note);
	}
	fputs("</ram:Description><ram:DueDateDateTime>", fp);
	date102(fp, inv->due);
	fputs("</ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>\n", fp);
	fprintf(fp, "<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>%s</ram:LineTotalAmount>"
		    "<ram:TaxBasisTotalAmount>%s</ram:TaxBasisTotalAmount>", amount(t->untaxed, a, sizeof a), a);
	fprintf(fp, "<ram:TaxTotalAmount currencyID=\"%s\">%s</ram:TaxTotalAmount>", cfg->currency, amount(t->tax, b, sizeof b));
	fprintf(fp, "<ram:GrandTotalAmount>%s</ram:GrandTotalAmount><ram:DuePayableAmount>%s</ram:DuePayableAmount>"
		    "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>\n", amount(t->total, c, sizeof c), c);
	if (inv->kind == DOC_CREDIT_NOTE) { /* BG-3: the invoice it corrects (BT-25, BT-26) */
		fputs("<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>", fp);
		esc(fp, inv->corrects);
		fputs("</ram:IssuerAssignedID><ram:FormattedIssueDateTime>", fp);
		qdate102(fp, inv->corrects_date);
		fputs("</ram:FormattedIssueDateTime></ram:InvoiceReferencedDocument>\n", fp);
	}
	fputs("</ram:ApplicableHeaderTradeSettlement>\n</rsm:SupplyChainTradeTransaction>\n</rsm:CrossIndustryInvoice>\n", fp);
	fclose(fp);
	return buf;
}

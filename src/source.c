/*
 * source: the header names each tool writes (see include/source.h).
 *
 * Every name here is taken from the tool's own sources or documentation,
 * as its export writes it; the test cases holding each tool's real header
 * cite where it comes from (tests/cases/<tool>-*\/about).
 *  - Odoo 17: field labels (string=) and technical names of res.partner,
 *    product.template, crm.lead, mail.activity, sale.order(.line) and
 *    account.payment, in English and French; the import-compatible export
 *    ("id", "partner_id/id": external ids).
 *  - Dolibarr: the labels of its export profiles (htdocs/core/modules/
 *    modules_*.php, langs/fr_FR), as in the French interface.
 *  - Google Contacts: the columns of its "Google CSV" export.
 *  - Outlook: the columns of its CSV export, in English and in French.
 */
#include "source.h"

#include <string.h>

#include "text.h"

struct source_alias {
	enum input_file file;
	int col;
	const char *names;
};

static const struct source_alias odoo[] = {
	{ IN_CUSTOMERS, SP_CODE, "internal reference|reference interne" },
	{ IN_CUSTOMERS, SP_XID, "id|external id|id externe" },
	{ IN_CUSTOMERS, SP_NAME, "display name|display_name|nom affiche|complete name" },
	{ IN_CUSTOMERS, SP_SIREN, "company id|company_registry|registre du commerce|numero d identification de l entreprise" },
	{ IN_CUSTOMERS, SP_VAT, "tax id|numero d identification fiscale" },
	{ IN_CUSTOMERS, SP_COUNTRY, "country_id|country_id/code" },
	{ IN_CUSTOMERS, SP_TERM, "customer payment terms|property_payment_term_id|conditions de paiement client" },
	{ IN_SUPPLIERS, SP_TERM, "vendor payment terms|property_supplier_payment_term_id|conditions de paiement fournisseur" },
	{ IN_PRODUCTS, PR_CODE, "internal reference|default_code|reference interne" },
	{ IN_PRODUCTS, PR_XID, "id|external id|id externe" },
	{ IN_PRODUCTS, PR_PRICE, "sales price|list_price" },
	{ IN_PRODUCTS, PR_TAX, "customer taxes|taxes_id|taxes a la vente" },
	{ IN_PRODUCTS, PR_COST, "standard_price" },
	{ IN_PRODUCTS, PR_ON_HAND, "quantity on hand|qty_available|quantite en main" },
	{ IN_PRODUCTS, PR_INCOMING, "incoming_qty|forecasted incoming" },
	{ IN_PRODUCTS, PR_SUPPLIER, "seller_ids|seller_ids/partner_id|vendors" },
	{ IN_PRODUCTS, PR_SUPPLIER_MIN, "min_qty|seller_ids/min_qty" },
	{ IN_PRODUCTS, PR_SUPPLIER_CODE, "seller_ids/product_code|vendors/vendor product code|code du produit du fournisseur" },
	{ IN_PRODUCTS, PR_LEAD_DAYS, "delay|seller_ids/delay|delivery lead time|delai de livraison" },
	{ IN_PRODUCTS, PR_REORDER_MIN, "product_min_qty" },
	{ IN_PRODUCTS, PR_REORDER_MAX, "product_max_qty" },
	{ IN_PRODUCTS, PR_REORDER_MULTIPLE, "qty_multiple|multiple quantity" },
	{ IN_PRODUCTS, PR_ROUTE, "routes|route_ids|itineraires" },
	{ IN_PRODUCTS, PR_INVOICE_POLICY, "invoicing policy|invoice_policy" },
	{ IN_PRODUCTS, PR_TYPE, "product type|detailed_type|type de produit" },
	{ IN_CONTACTS, CT_CARD_ID, "id|external id|id externe" },
	{ IN_CONTACTS, CT_CIVILITY, "title|titre" },
	{ IN_CONTACTS, CT_LAST_NAME, "contact name|contact_name|nom du contact" },
	{ IN_CONTACTS, CT_COMPANY, "company name|partner_name|nom de la societe" },
	{ IN_CONTACTS, CT_JOB_TITLE, "job position|function|poste" },
	{ IN_CONTACTS, CT_EMAIL, "email_from" },
	{ IN_CONTACTS, CT_COUNTRY, "country_id" },
	{ IN_CONTACTS, CT_INTEREST, "opportunity|name|opportunite" },
	{ IN_CONTACTS, CT_EXPECTED_REVENUE, "expected revenue|expected_revenue|revenu espere" },
	{ IN_CONTACTS, CT_SALESPERSON, "user_id|salesperson|vendeur" },
	{ IN_CONTACTS, CT_SOURCE, "source_id" },
	{ IN_CONTACTS, CT_MEDIUM, "medium_id" },
	{ IN_CONTACTS, CT_CAMPAIGN, "campaign_id" },
	{ IN_CONTACTS, CT_NOTES, "internal notes|description|notes internes" },
	{ IN_CONTACTS, CT_TEAM, "sales team|team_id|equipe commerciale" },
	{ IN_ACTIVITIES, AC_LEAD_NAME, "document name|res_name|nom du document" },
	{ IN_ACTIVITIES, AC_TYPE, "activity|activity type|activity_type_id|activite|type d activite" },
	{ IN_ACTIVITIES, AC_DUE_DATE, "due date|date_deadline|date d echeance" },
	{ IN_ACTIVITIES, AC_USER, "assigned to|user_id|assigne a" },
	{ IN_ACTIVITIES, AC_NOTE, "note" },
	{ IN_ORDER_LINES, OL_ORDER_REF, "order reference|order_id|reference de la commande|reference commande" },
	{ IN_ORDER_LINES, OL_CUSTOMER, "order_partner_id|partner_id|partner_id/id|order_partner_id/id" },
	{ IN_ORDER_LINES, OL_ORDER_DATE, "date_order|order date" },
	{ IN_ORDER_LINES, OL_SALESPERSON, "salesman_id|user_id" },
	{ IN_ORDER_LINES, OL_STATE, "order status|statut de la commande" },
	{ IN_ORDER_LINES, OL_PRODUCT, "product_id|product_id/id" },
	{ IN_ORDER_LINES, OL_DESCRIPTION, "name" },
	{ IN_ORDER_LINES, OL_QTY, "product_uom_qty" },
	{ IN_ORDER_LINES, OL_UNIT_PRICE, "price_unit" },
	{ IN_ORDER_LINES, OL_TAX, "tax_id" },
	{ IN_ORDER_LINES, OL_QTY_DELIVERED, "qty_delivered|delivery quantity|delivered quantity" },
	{ IN_ORDER_LINES, OL_PAYMENT_TERM, "payment_term_id" },
	{ IN_ORDER_LINES, OL_LEAD, "opportunity_id|opportunity_id/id" },
	{ IN_ORDER_LINES, OL_CUSTOMER_REF, "client_order_ref|customer reference|reference client" },
	{ IN_PAYMENTS, PA_REF, "number|name|numero" },
	{ IN_PAYMENTS, PA_INVOICE, "reference|memo|payment reference|communication|ref|reference du paiement" },
	{ IN_PAYMENTS, PA_CUSTOMER, "partner_id|customer/vendor|client/fournisseur|partner_id/id" },
	{ IN_PAYMENTS, PA_METHOD, "journal|journal_id|payment method|payment_method_id|methode de paiement" },
	{ IN_RECEIPTS, RC_PURCHASE_ORDER, "origin|source document|document d origine" },
	{ IN_RECEIPTS, RC_QTY, "quantity_done|qty_done" },
	{ IN_RECEIPTS, RC_DATE, "date_done|effective date|date effective" },
};

static const struct source_alias dolibarr[] = {
	{ IN_CUSTOMERS, SP_CODE, "code client|ref. client|ref client" },
	{ IN_CUSTOMERS, SP_NAME, "raison sociale|nom du tiers|tiers|nom" },
	{ IN_CUSTOMERS, SP_SIREN, "id professionnel 1|id. prof. 1|prof id 1|id. prof. 1 (siren)|id. prof. 2 (siret)|siren" },
	{ IN_CUSTOMERS, SP_VAT, "num tva|numero tva|n tva intracommunautaire" },
	{ IN_CUSTOMERS, SP_TERM, "conditions de reglement|conditions de paiement" },
	{ IN_SUPPLIERS, SP_CODE, "code fournisseur|ref. fournisseur" },
	{ IN_PRODUCTS, PR_CODE, "ref. produit|ref produit|ref." },
	{ IN_PRODUCTS, PR_NAME, "libelle|libelle produit" },
	{ IN_PRODUCTS, PR_PRICE, "prix de vente ht|prix vente ht|pu ht" },
	{ IN_PRODUCTS, PR_TAX, "taux tva|taux de tva|tva" },
	{ IN_PRODUCTS, PR_COST, "prix de revient|pmp|cout" },
	{ IN_PRODUCTS, PR_ON_HAND, "stock reel|stock physique" },
	{ IN_PRODUCTS, PR_REORDER_MIN, "limite stock pour alerte|seuil d alerte" },
	{ IN_PRODUCTS, PR_REORDER_MAX, "stock desire|stock optimal" },
	{ IN_PRODUCTS, PR_TYPE, "type|nature de produit" },
	{ IN_CONTACTS, CT_CIVILITY, "code civilite|civilite" },
	{ IN_CONTACTS, CT_LAST_NAME, "nom" },
	{ IN_CONTACTS, CT_COMPANY, "tiers|nom du tiers|raison sociale" },
	{ IN_CONTACTS, CT_JOB_TITLE, "poste|fonction" },
	{ IN_CONTACTS, CT_PHONE, "tel pro|telephone pro" },
	{ IN_CONTACTS, CT_MOBILE, "tel portable|telephone portable" },
	{ IN_CONTACTS, CT_SIREN, "id professionnel 1|id. prof. 1|prof id 1" },
	{ IN_CONTACTS, CT_VAT, "num tva|numero tva" },
	{ IN_ORDER_LINES, OL_ORDER_REF, "ref.|ref commande|ref. commande" },
	{ IN_ORDER_LINES, OL_CUSTOMER, "raison sociale|tiers|nom du tiers|code client" },
	{ IN_ORDER_LINES, OL_ORDER_DATE, "date commande|date de commande" },
	{ IN_ORDER_LINES, OL_STATE, "statut|etat" },
	{ IN_ORDER_LINES, OL_PRODUCT, "ref. produit|ref produit|reference produit" },
	{ IN_ORDER_LINES, OL_DESCRIPTION, "description de la ligne|libelle ligne|description ligne" },
	{ IN_ORDER_LINES, OL_QTY, "quantite pour la ligne|qte pour la ligne|quantite ligne" },
	{ IN_ORDER_LINES, OL_UNIT_PRICE, "prix unitaire ht|pu ht ligne|prix unitaire ht ligne" },
	{ IN_ORDER_LINES, OL_DISCOUNT, "remise ligne|remise pour la ligne" },
	{ IN_ORDER_LINES, OL_TAX, "taux tva ligne|taux de tva|tva ligne" },
	{ IN_ORDER_LINES, OL_CUSTOMER_REF, "ref. client|ref client" },
	{ IN_PAYMENTS, PA_REF, "ref. paiement|ref paiement|ref." },
	{ IN_PAYMENTS, PA_INVOICE, "ref. facture|ref facture|facture" },
	{ IN_PAYMENTS, PA_CUSTOMER, "tiers|raison sociale" },
	{ IN_PAYMENTS, PA_METHOD, "mode de reglement|type de paiement" },
};

static const struct source_alias google[] = {
	{ IN_CONTACTS, CT_CIVILITY, "name prefix" },
	{ IN_CONTACTS, CT_FIRST_NAME, "first name|given name" },
	{ IN_CONTACTS, CT_LAST_NAME, "last name|family name" },
	{ IN_CONTACTS, CT_COMPANY, "organization name|organization 1 - name" },
	{ IN_CONTACTS, CT_JOB_TITLE, "organization title|organization 1 - title" },
	{ IN_CONTACTS, CT_EMAIL, "e-mail 1 - value" },
	{ IN_CONTACTS, CT_PHONE, "phone 1 - value" },
	{ IN_CONTACTS, CT_MOBILE, "phone 2 - value" },
	{ IN_CONTACTS, CT_STREET, "address 1 - street" },
	{ IN_CONTACTS, CT_ZIP, "address 1 - postal code" },
	{ IN_CONTACTS, CT_CITY, "address 1 - city" },
	{ IN_CONTACTS, CT_COUNTRY, "address 1 - country" },
	{ IN_CONTACTS, CT_NOTES, "notes" },
};

static const struct source_alias outlook[] = {
	{ IN_CONTACTS, CT_CIVILITY, "title|titre" },
	{ IN_CONTACTS, CT_FIRST_NAME, "first name|prenom" },
	{ IN_CONTACTS, CT_LAST_NAME, "last name|nom" },
	{ IN_CONTACTS, CT_COMPANY, "company|societe" },
	/* Outlook in French calls both the civility and the job title "Titre". */
	{ IN_CONTACTS, CT_JOB_TITLE, "job title|titre" },
	{ IN_CONTACTS, CT_EMAIL, "e-mail address|adresse de messagerie" },
	{ IN_CONTACTS, CT_PHONE, "business phone|telephone (bureau)|primary phone" },
	{ IN_CONTACTS, CT_MOBILE, "mobile phone|tel. mobile" },
	{ IN_CONTACTS, CT_STREET, "business street|rue (bureau)" },
	{ IN_CONTACTS, CT_ZIP, "business postal code|code postal (bureau)" },
	{ IN_CONTACTS, CT_CITY, "business city|ville (bureau)" },
	{ IN_CONTACTS, CT_COUNTRY, "business country/region|pays/region (bureau)" },
	{ IN_CONTACTS, CT_NOTES, "notes" },
};

#define N(a) (sizeof a / sizeof *a)

static const struct profile {
	const char *name;
	const struct source_alias *aliases;
	size_t n;
} profiles[SOURCE_COUNT] = {
	[SOURCE_AUTO] = { "auto", NULL, 0 },
	[SOURCE_NATIVE] = { "native", NULL, 0 },
	[SOURCE_ODOO] = { "odoo", odoo, N(odoo) },
	[SOURCE_DOLIBARR] = { "dolibarr", dolibarr, N(dolibarr) },
	[SOURCE_GOOGLE] = { "google", google, N(google) },
	[SOURCE_OUTLOOK] = { "outlook", outlook, N(outlook) },
};

const char *source_name(enum source s)
{
	return s < SOURCE_COUNT ? profiles[s].name : "?";
}

const char *source_names(void)
{
	return "odoo|dolibarr|google|outlook|native";
}

int source_parse(const char *name, enum source *out)
{
	for (int s = 0; s < SOURCE_COUNT; s++)
		if (str_ieq(name, profiles[s].name)) {
			*out = (enum source)s;
			return 0;
		}
	return -1;
}

const char *source_aliases(enum source s, enum input_file f, size_t col)
{
	if (s >= SOURCE_COUNT)
		return NULL;
	const struct profile *p = &profiles[s];
	for (size_t i = 0; i < p->n; i++)
		if (p->aliases[i].file == f && (size_t)p->aliases[i].col == col)
			return p->aliases[i].names;
	/* Suppliers are exported as customers are, their code and terms aside. */
	return f == IN_SUPPLIERS ? source_aliases(s, IN_CUSTOMERS, col) : NULL;
}

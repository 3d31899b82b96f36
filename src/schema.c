/*
 * schema: the input files' columns (see include/schema.h).
 *
 * Aliases are what real exports call a column: our canonical names, the
 * French labels a firm types in Excel, and Odoo's export labels and field
 * names (crm.lead, sale.order.line, product.product, res.partner,
 * account.payment, mail.activity). They are compared after header_key(),
 * so case, accents, spaces and punctuation do not matter.
 */
#include "schema.h"

/* Synonyms are written as header_key() leaves them: lower case, no accents,
 * no spaces or punctuation ("Rendez-vous" is matched by "rendezvous"). */
static const char *const activity_types[] = {
	"email|mail|courriel", "call|appel|phone|phonecall|telephone", "meeting|rendezvous|rdv|reunion|rencontre",
	"todo|tache|afaire", "note|commentaire", "stage|etape|stagechange", "won|gagne|gagnee", "lost|perdu|perdue", NULL,
};
static const char *const order_states[] = {
	"quotation|draft|devis|brouillon", "sent|envoye|devisenvoye|quotationsent",
	"sale|saleorder|salesorder|commande|bondecommande|confirmed|confirme|confirmee|commandeclient",
	"cancel|cancelled|canceled|annule|annulee", NULL,
};
static const char *const routes[] = { "stock|maketostock|mts|buy|achat", "mto|maketoorder|surcommande", NULL };
static const char *const product_types[] = {
	"goods|good|product|bien|biens|consu|stockable|storableproduct|consumable|consommable|produitstockable|article",
	"service|services|prestation", NULL,
};
/* A lead's priority, 0 to 3, as a number or as Odoo's labels (crm.lead). */
static const char *const priorities[] = {
	"0|low|faible|normal|normale", "1|medium|moyenne|moyen", "2|high|haute|elevee|eleve", "3|veryhigh|treshaute|treseleve",
	NULL,
};
static const char *const policies[] = {
	"ordered|order|quantitescommandees|commande|commandees|orderedquantities|quantitecommandee",
	"delivered|delivery|quantiteslivrees|livre|livrees|livraison|deliveredquantities|quantitelivree", NULL,
};

#define N(a) (sizeof a / sizeof *a)

static const struct column_spec partner_cols[] = {
	[SP_CODE] = { "code", "reference|ref|internal reference|ref interne|id|code client|code fournisseur", COL_TEXT, COL_REQUIRED | COL_KEY, 0, 0 },
	[SP_NAME] = { "name", "nom|raison sociale|societe|company|display name|display_name|nom du tiers|tiers", COL_TEXT, COL_REQUIRED, 0, 0 },
	[SP_STREET] = { "street", "adresse|rue|address|street1", COL_TEXT, 0, 0, 0 },
	[SP_ZIP] = { "zip", "code postal|cp|postal code|zip code", COL_TEXT, 0, 0, 0 },
	[SP_CITY] = { "city", "ville|localite|commune", COL_TEXT, 0, 0, 0 },
	[SP_COUNTRY] = { "country", "pays|country_id|country code", COL_TEXT, 0, 0, 0 },
	[SP_EMAIL] = { "email", "e-mail|courriel|adresse e-mail|mail|email_from", COL_TEXT, 0, 0, 0 },
	[SP_PHONE] = { "phone", "telephone|tel|phone number", COL_TEXT, 0, 0, 0 },
	[SP_SIREN] = { "siren", "company id|company_registry|numero siren|n siren|siret|id professionnel 1|id. prof. 1|prof id 1", COL_TEXT, 0, 0, 0 },
	[SP_VAT] = { "vat_number", "vat|tax id|numero de tva|n tva|tva intracommunautaire|tva intracom|num tva|numero tva", COL_TEXT, 0, 0, 0 },
	[SP_TERM] = { "payment_term", "conditions de paiement|payment terms|property_payment_term_id|delai de paiement", COL_TEXT, 0, 0, 0 },
};

static const struct column_spec product_cols[] = {
	[PR_CODE] = { "code", "internal reference|default_code|reference|ref|code article|ref article", COL_TEXT, COL_REQUIRED | COL_KEY, 0, 0 },
	[PR_NAME] = { "name", "nom|designation|libelle|product|produit|article", COL_TEXT, COL_REQUIRED, 0, 0 },
	[PR_PRICE] = { "unit_price", "sales price|list_price|prix de vente|prix unitaire|prix|pu ht|prix ht", COL_PRICE, COL_REQUIRED | COL_NONNEG, 0, 0 },
	[PR_TAX] = { "tax", "customer taxes|taxes_id|taxes|tva|taxe", COL_TEXT, 0, 0, 0 },
	[PR_COST] = { "cost", "standard_price|cout|prix de revient|cout unitaire", COL_PRICE, COL_NONNEG, 0, 0 },
	[PR_ON_HAND] = { "on_hand", "quantity on hand|qty_available|stock|en stock|quantite en stock|qte en stock", COL_QTY, 0, 0, 0 },
	[PR_INCOMING] = { "incoming", "incoming_qty|entrant|a recevoir|quantite entrante", COL_QTY, COL_NONNEG, 0, 0 },
	[PR_SUPPLIER] = { "supplier", "vendor|fournisseur|seller_ids|code fournisseur", COL_TEXT, 0, 0, 0 },
	[PR_SUPPLIER_PRICE] = { "supplier_price", "vendor price|prix fournisseur|prix d achat|prix achat", COL_PRICE, COL_NONNEG, 0, 0 },
	[PR_SUPPLIER_MIN] = { "supplier_min_qty", "min_qty|minimal quantity|qte min fournisseur|minimum de commande", COL_QTY, COL_NONNEG, 0, 0 },
	[PR_LEAD_DAYS] = { "lead_days", "delay|delivery lead time|delai|delai jours|delai de livraison", COL_INT, COL_NONNEG, 3650, 0 },
	[PR_REORDER_MIN] = { "reorder_min", "product_min_qty|min quantity|stock min|stock minimum", COL_QTY, COL_NONNEG, 0, 0 },
	[PR_REORDER_MAX] = { "reorder_max", "product_max_qty|max quantity|stock max|stock maximum", COL_QTY, COL_NONNEG, 0, 0 },
	[PR_REORDER_MULTIPLE] = { "reorder_multiple", "qty_multiple|multiple quantity|multiple|multiple de commande", COL_QTY, COL_NONNEG, 0, 0 },
	[PR_ROUTE] = { "route", "routes|route_ids|approvisionnement", COL_ENUM, 0, 0, routes },
	[PR_INVOICE_POLICY] = { "invoice_policy", "invoicing policy|politique de facturation|facturation", COL_ENUM, 0, 0, policies },
	[PR_TYPE] = { "type", "product type|detailed_type|type d article|nature", COL_ENUM, 0, 0, product_types },
};

static const struct column_spec contact_cols[] = {
	[CT_CARD_ID] = { "card_id", "card|carte|id carte|numero de carte|n de carte|n carte|id|external id", COL_TEXT, COL_KEY, 0, 0 },
	[CT_CIVILITY] = { "civility", "civilite|title|titre|name prefix|code civilite|civilite du contact", COL_TEXT, 0, 0, 0 },
	[CT_FIRST_NAME] = { "first_name", "prenom|firstname|given name|first name", COL_TEXT, COL_ONE_OF, 0, 0 },
	[CT_LAST_NAME] = { "last_name", "nom|lastname|surname|family name|contact name|contact_name|nom du contact|last name", COL_TEXT, COL_ONE_OF, 0, 0 },
	[CT_COMPANY] = { "company", "societe|entreprise|company name|partner_name|raison sociale|organisation|organization name|organisation name", COL_TEXT, COL_ONE_OF, 0, 0 },
	[CT_LEGAL_FORM] = { "legal_form", "forme juridique|statut juridique", COL_TEXT, 0, 0, 0 },
	[CT_JOB_TITLE] = { "job_title", "fonction|poste|job position|function|organization title|job title|titre|titre du poste", COL_TEXT, 0, 0, 0 },
	[CT_PHONE] = { "phone", "telephone|tel|phone number|telephone fixe|phone 1 - value|business phone|telephone (bureau)|telephone bureau|tel. bureau|primary phone|phone pro|tel pro", COL_TEXT, 0, 0, 0 },
	[CT_MOBILE] = { "mobile", "portable|mobile phone|gsm|telephone portable|phone 2 - value|mobile phone|tel. mobile|tel mobile|telephone mobile|mobile pro", COL_TEXT, 0, 0, 0 },
	[CT_EMAIL] = { "email", "e-mail|courriel|adresse e-mail|mail|email_from|e-mail 1 - value|e-mail address|email address|adresse de messagerie|adresse mail|email 1", COL_TEXT, 0, 0, 0 },
	[CT_STREET] = { "street", "adresse|rue|address|address 1 - street|business street|rue (bureau)|adresse (bureau)", COL_TEXT, 0, 0, 0 },
	[CT_ZIP] = { "zip", "code postal|cp|postal code|zip code|address 1 - postal code|business postal code|code postal (bureau)", COL_TEXT, 0, 0, 0 },
	[CT_CITY] = { "city", "ville|localite|commune|address 1 - city|business city|ville (bureau)", COL_TEXT, 0, 0, 0 },
	[CT_COUNTRY] = { "country", "pays|country_id|address 1 - country|business country/region|pays/region (bureau)|pays/region", COL_TEXT, 0, 0, 0 },
	[CT_EVENT] = { "event", "evenement|salon|event name", COL_TEXT, 0, 0, 0 },
	[CT_MET_ON] = { "met_on", "rencontre le|date de rencontre|date|met on|date rencontre", COL_DATE, 0, 0, 0 },
	[CT_INTEREST] = { "interest", "interet|besoin|projet|opportunity|opportunite", COL_TEXT, 0, 0, 0 },
	[CT_EXPECTED_REVENUE] = { "expected_revenue", "expected revenue|revenu attendu|ca espere|montant estime|chiffre d affaires espere", COL_MONEY, COL_NONNEG, 0, 0 },
	[CT_SALESPERSON] = { "salesperson", "commercial|vendeur|user_id|responsable", COL_TEXT, 0, 0, 0 },
	[CT_PRIORITY] = { "priority", "priorite", COL_ENUM, 0, 0, priorities },
	[CT_SOURCE] = { "source", "source_id|origine", COL_TEXT, 0, 0, 0 },
	[CT_MEDIUM] = { "medium", "medium_id|support|canal", COL_TEXT, 0, 0, 0 },
	[CT_CAMPAIGN] = { "campaign", "campaign_id|campagne", COL_TEXT, 0, 0, 0 },
	[CT_NOTES] = { "notes", "note|description|remarques|commentaire|commentaires|internal notes", COL_TEXT, 0, 0, 0 },
	[CT_SIREN] = { "siren", "numero siren|n siren|siret|company id|company_registry|id professionnel 1|id. prof. 1|prof id 1", COL_TEXT, 0, 0, 0 },
	[CT_VAT] = { "vat_number", "vat|tax id|numero de tva|n tva|tva intracommunautaire|tva intracom|num tva|numero tva|n° tva", COL_TEXT, 0, 0, 0 },
	[CT_TEAM] = { "team", "sales team|team_id|equipe|equipe commerciale", COL_TEXT, 0, 0, 0 },
};

static const struct column_spec activity_cols[] = {
	[AC_LEAD] = { "lead", "lead_id|opportunity|piste|opportunite|card_id|carte|res_id", COL_TEXT, COL_REQUIRED, 0, 0 },
	[AC_DATE] = { "date", "date de l activite|activity date", COL_DATE, COL_REQUIRED, 0, 0 },
	[AC_TYPE] = { "type", "activity type|activity_type_id|type d activite|type activite", COL_ENUM, COL_REQUIRED, 0, activity_types },
	[AC_SUMMARY] = { "summary", "resume|objet|sujet|subject|note", COL_TEXT, 0, 0, 0 },
	[AC_DURATION] = { "duration_min", "duration|duree|duree min|duree minutes|minutes", COL_INT, COL_NONNEG, 100000, 0 },
	[AC_USER] = { "user", "user_id|assigned to|utilisateur|assigne a|commercial|salesperson", COL_TEXT, 0, 0, 0 },
	[AC_DUE_DATE] = { "due_date", "date_deadline|due date|echeance|date d echeance|date limite", COL_DATE, 0, 0, 0 },
	[AC_DONE] = { "done", "fait|realise|termine|state|etat", COL_BOOL, 0, 0, 0 },
	[AC_STAGE] = { "stage", "stage_id|etape", COL_TEXT, 0, 0, 0 },
	[AC_LOST_REASON] = { "lost_reason", "lost reason|lost_reason_id|motif de perte|raison de la perte|raison perte", COL_TEXT, 0, 0, 0 },
};

static const struct column_spec order_line_cols[] = {
	[OL_ORDER_REF] = { "order_ref", "order reference|order_id|order|commande|ref commande|n commande|numero de commande|reference commande|ref|ref.|reference de la commande|reference de la commande|référence de la commande", COL_TEXT, COL_REQUIRED, 0, 0 },
	[OL_CUSTOMER] = { "customer", "order_partner_id|partner_id|client|code client|raison sociale|tiers|customer/vendor|client/fournisseur", COL_TEXT, COL_REQUIRED, 0, 0 },
	[OL_ORDER_DATE] = { "order_date", "date_order|order date|date commande|date de commande|date", COL_DATE, 0, 0, 0 },
	[OL_SALESPERSON] = { "salesperson", "salesman_id|user_id|commercial|vendeur", COL_TEXT, 0, 0, 0 },
	[OL_STATE] = { "state", "status|etat|statut|order status|statut de la commande", COL_ENUM, 0, 0, order_states },
	[OL_PRODUCT] = { "product", "product_id|produit|article|code article|ref article|ref. produit|ref produit|reference produit|order lines/product|lignes de commande/produit", COL_TEXT, COL_REQUIRED, 0, 0 },
	[OL_DESCRIPTION] = { "description", "name|designation|libelle|order lines/description|lignes de commande/description", COL_TEXT, 0, 0, 0 },
	[OL_QTY] = { "qty", "quantity|product_uom_qty|quantite|qte|quantite pour la ligne|qte pour la ligne|quantite ligne|order lines/quantity|lignes de commande/quantite", COL_QTY, COL_REQUIRED | COL_POSITIVE, 0, 0 },
	[OL_UNIT_PRICE] = { "unit_price", "price_unit|unit price|prix unitaire|pu ht|prix|prix unitaire ht|pu ht ligne|prix unitaire ht ligne|order lines/unit price|lignes de commande/prix unitaire", COL_PRICE, COL_NONNEG, 0, 0 },
	[OL_DISCOUNT] = { "discount_pct", "discount|remise|remise pct|disc|remise (%)|remise ligne|remise pour la ligne|order lines/discount (%)|lignes de commande/remise (%)", COL_PERCENT, COL_NONNEG | COL_MAX100, 0, 0 },
	[OL_TAX] = { "tax", "taxes|tax_id|tva|taxe|order lines/taxes|lignes de commande/taxes", COL_TEXT, 0, 0, 0 },
	[OL_QTY_DELIVERED] = { "qty_delivered", "delivered quantity|delivery quantity|delivered|quantite livree|qte livree|livre|order lines/delivery quantity|order lines/delivered quantity|lignes de commande/quantite livree", COL_QTY, COL_NONNEG, 0, 0 },
	[OL_PAYMENT_TERM] = { "payment_term", "payment terms|payment_term_id|conditions de paiement|delai de paiement", COL_TEXT, 0, 0, 0 },
	[OL_LEAD] = { "lead", "opportunity|opportunity_id|piste|opportunite|card_id", COL_TEXT, 0, 0, 0 },
	/* The buyer's own purchase-order number (BT-13), when the export has it. */
	[OL_CUSTOMER_REF] = { "customer_ref", "client_order_ref|customer reference|reference client|votre reference|ref client|bon de commande client", COL_TEXT, 0, 0, 0 },
};

static const struct column_spec payment_cols[] = {
	[PA_REF] = { "payment_ref", "reference|ref|number|name|ref paiement|reference paiement|numero", COL_TEXT, COL_KEY, 0, 0 },
	[PA_DATE] = { "date", "payment date|date de paiement|date paiement|date de reglement", COL_DATE, COL_REQUIRED, 0, 0 },
	[PA_INVOICE] = { "invoice", "invoice_id|facture|n facture|numero de facture|communication|memo|reference|memo|payment reference", COL_TEXT, COL_ONE_OF, 0, 0 },
	[PA_CUSTOMER] = { "customer", "partner_id|partner|client|code client|customer/vendor|client/fournisseur|partenaire", COL_TEXT, COL_ONE_OF, 0, 0 },
	[PA_AMOUNT] = { "amount", "montant|amount_total|somme", COL_MONEY, COL_REQUIRED | COL_POSITIVE, 0, 0 },
	[PA_METHOD] = { "method", "payment method|payment_method_id|journal|journal_id|mode|mode de paiement|moyen de paiement|mode de reglement", COL_TEXT, 0, 0, 0 },
};

/* Goods received against crmbatch's purchase orders (the warehouse's
 * export): they close the orders' lines, which stop counting as incoming. */
static const struct column_spec receipt_cols[] = {
	[RC_PURCHASE_ORDER] = { "purchase_order", "purchase order|po|commande fournisseur|bon de commande|n commande fournisseur|origin|origine", COL_TEXT, COL_REQUIRED, 0, 0 },
	[RC_PRODUCT] = { "product", "product_id|produit|article|code article|ref article", COL_TEXT, COL_REQUIRED, 0, 0 },
	[RC_QTY] = { "qty", "quantity|quantity_done|qty_done|quantite|quantite recue|qte|qte recue", COL_QTY, COL_REQUIRED | COL_POSITIVE, 0, 0 },
	[RC_DATE] = { "date", "date_done|date de reception|reception|date reception", COL_DATE, 0, 0, 0 },
};

static const struct file_schema schemas[IN_FILE_COUNT] = {
	{ IN_SUPPLIERS, "suppliers.csv", partner_cols, N(partner_cols) },
	{ IN_CUSTOMERS, "customers.csv", partner_cols, N(partner_cols) },
	{ IN_PRODUCTS, "products.csv", product_cols, N(product_cols) },
	{ IN_CONTACTS, "contacts.csv", contact_cols, N(contact_cols) },
	{ IN_ACTIVITIES, "activities.csv", activity_cols, N(activity_cols) },
	{ IN_ORDER_LINES, "order_lines.csv", order_line_cols, N(order_line_cols) },
	{ IN_PAYMENTS, "payments.csv", payment_cols, N(payment_cols) },
	{ IN_RECEIPTS, "receipts.csv", receipt_cols, N(receipt_cols) },
};

const struct file_schema *schema_get(enum input_file f)
{
	return &schemas[f];
}

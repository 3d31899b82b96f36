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
/* Dolibarr writes its product type as a number (fk_product_type: 0, 1). */
static const char *const product_types[] = {
	"goods|good|product|bien|biens|consu|stockable|storableproduct|consumable|consommable|produitstockable|article|0",
	"service|services|prestation|1", NULL,
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
	[SP_CODE] = { "code", "reference|ref|ref interne|code client|code fournisseur|code tiers", COL_TEXT, COL_ONE_OF | COL_KEY, 0, 0 },
	[SP_NAME] = { "name", "nom|raison sociale|societe|company|entreprise|nom du tiers", COL_TEXT, COL_REQUIRED, 0, 0 },
	[SP_STREET] = { "street", "adresse|rue|address|street1", COL_TEXT, 0, 0, 0 },
	[SP_ZIP] = { "zip", "code postal|cp|postal code|zip code", COL_TEXT, 0, 0, 0 },
	[SP_CITY] = { "city", "ville|localite|commune", COL_TEXT, 0, 0, 0 },
	[SP_COUNTRY] = { "country", "pays|country code|code pays", COL_TEXT, 0, 0, 0 },
	[SP_EMAIL] = { "email", "e-mail|courriel|adresse e-mail|mail|adresse mail", COL_TEXT, 0, 0, 0 },
	[SP_PHONE] = { "phone", "telephone|tel|phone number", COL_TEXT, 0, 0, 0 },
	[SP_SIREN] = { "siren", "numero siren|n siren|siret|numero siret", COL_TEXT, 0, 0, 0 },
	[SP_VAT] = { "vat_number", "vat|numero de tva|n tva|tva intracommunautaire|tva intracom|numero tva", COL_TEXT, 0, 0, 0 },
	[SP_TERM] = { "payment_term", "conditions de paiement|payment terms|delai de paiement|conditions de reglement", COL_TEXT, 0, 0, 0 },
	/* An exported row's id in its tool (Odoo's "__export__.res_partner_41_..."):
	 * the code of a partner that has none, and a name other files may use. */
	[SP_XID] = { "external_id", "external id|xid", COL_TEXT, COL_ONE_OF, 0, 0 },
	/* customers.csv only (suppliers.csv has the columns before these): the
	 * customer's default delivery address, where an order that names none
	 * ships (décret 2022-1299). */
	[SP_DELIVERY_NAME] = { "delivery_name", "nom de livraison|livrer a", COL_TEXT, 0, 0, 0 },
	[SP_DELIVERY_STREET] = { "delivery_street", "rue de livraison", COL_TEXT, 0, 0, 0 },
	[SP_DELIVERY_ZIP] = { "delivery_zip", "code postal de livraison|cp de livraison", COL_TEXT, 0, 0, 0 },
	[SP_DELIVERY_CITY] = { "delivery_city", "ville de livraison", COL_TEXT, 0, 0, 0 },
	[SP_DELIVERY_COUNTRY] = { "delivery_country", "pays de livraison", COL_TEXT, 0, 0, 0 },
};

static const struct column_spec product_cols[] = {
	[PR_CODE] = { "code", "reference|ref|code article|ref article", COL_TEXT, COL_ONE_OF | COL_KEY, 0, 0 },
	[PR_NAME] = { "name", "nom|designation|libelle|product|produit|article", COL_TEXT, COL_REQUIRED, 0, 0 },
	[PR_PRICE] = { "unit_price", "prix de vente|prix unitaire|prix|pu ht|prix ht|price", COL_PRICE, COL_REQUIRED | COL_NONNEG, 0, 0 },
	[PR_TAX] = { "tax", "taxes|tva|taxe", COL_TEXT, 0, 0, 0 },
	[PR_COST] = { "cost", "cout|prix de revient|cout unitaire", COL_PRICE, COL_NONNEG, 0, 0 },
	[PR_ON_HAND] = { "on_hand", "stock|en stock|quantite en stock|qte en stock", COL_QTY, 0, 0, 0 },
	[PR_INCOMING] = { "incoming", "entrant|a recevoir|quantite entrante", COL_QTY, COL_NONNEG, 0, 0 },
	[PR_SUPPLIER] = { "supplier", "vendor|fournisseur|code fournisseur", COL_TEXT, 0, 0, 0 },
	[PR_SUPPLIER_PRICE] = { "supplier_price", "vendor price|prix fournisseur|prix d achat|prix achat", COL_PRICE, COL_NONNEG, 0, 0 },
	[PR_SUPPLIER_MIN] = { "supplier_min_qty", "qte min fournisseur|minimum de commande", COL_QTY, COL_NONNEG, 0, 0 },
	[PR_LEAD_DAYS] = { "lead_days", "delai|delai jours|delai de livraison", COL_INT, COL_NONNEG, 3650, 0 },
	[PR_REORDER_MIN] = { "reorder_min", "stock min|stock minimum", COL_QTY, COL_NONNEG, 0, 0 },
	[PR_REORDER_MAX] = { "reorder_max", "stock max|stock maximum", COL_QTY, COL_NONNEG, 0, 0 },
	[PR_REORDER_MULTIPLE] = { "reorder_multiple", "multiple|multiple de commande", COL_QTY, COL_NONNEG, 0, 0 },
	[PR_ROUTE] = { "route", "approvisionnement", COL_ENUM, 0, 0, routes },
	[PR_INVOICE_POLICY] = { "invoice_policy", "politique de facturation|facturation", COL_ENUM, 0, 0, policies },
	[PR_TYPE] = { "type", "type d article|nature", COL_ENUM, 0, 0, product_types },
	[PR_XID] = { "external_id", "external id|xid", COL_TEXT, COL_ONE_OF, 0, 0 },
	/* The supplier's own reference for the product: what its purchase
	 * orders name it by (ours when absent). */
	[PR_SUPPLIER_CODE] = { "supplier_code", "ref fournisseur|reference fournisseur|ref produit fournisseur|reference produit fournisseur|code produit fournisseur|vendor product code", COL_TEXT, 0, 0, 0 },
};

static const struct column_spec contact_cols[] = {
	[CT_CARD_ID] = { "card_id", "card|carte|id carte|numero de carte|n de carte|n carte", COL_TEXT, COL_KEY, 0, 0 },
	[CT_CIVILITY] = { "civility", "civilite|titre|civilite du contact", COL_TEXT, 0, 0, 0 },
	[CT_FIRST_NAME] = { "first_name", "prenom|firstname|first name", COL_TEXT, COL_ONE_OF, 0, 0 },
	[CT_LAST_NAME] = { "last_name", "nom|lastname|surname|last name|nom du contact", COL_TEXT, COL_ONE_OF, 0, 0 },
	[CT_COMPANY] = { "company", "societe|entreprise|company|raison sociale|organisation", COL_TEXT, COL_ONE_OF, 0, 0 },
	[CT_LEGAL_FORM] = { "legal_form", "forme juridique|statut juridique", COL_TEXT, 0, 0, 0 },
	[CT_JOB_TITLE] = { "job_title", "fonction|poste|job title|titre du poste", COL_TEXT, 0, 0, 0 },
	[CT_PHONE] = { "phone", "telephone|tel|phone number|telephone fixe|tel pro", COL_TEXT, 0, 0, 0 },
	[CT_MOBILE] = { "mobile", "portable|mobile phone|gsm|telephone portable|tel mobile|telephone mobile", COL_TEXT, 0, 0, 0 },
	[CT_EMAIL] = { "email", "e-mail|courriel|adresse e-mail|mail|adresse mail", COL_TEXT, 0, 0, 0 },
	[CT_STREET] = { "street", "adresse|rue|address", COL_TEXT, 0, 0, 0 },
	[CT_ZIP] = { "zip", "code postal|cp|postal code|zip code", COL_TEXT, 0, 0, 0 },
	[CT_CITY] = { "city", "ville|localite|commune", COL_TEXT, 0, 0, 0 },
	[CT_COUNTRY] = { "country", "pays", COL_TEXT, 0, 0, 0 },
	[CT_EVENT] = { "event", "evenement|salon|event name", COL_TEXT, 0, 0, 0 },
	[CT_MET_ON] = { "met_on", "rencontre le|date de rencontre|date|met on|date rencontre", COL_DATE, 0, 0, 0 },
	[CT_INTEREST] = { "interest", "interet|besoin|projet|opportunity|opportunite", COL_TEXT, 0, 0, 0 },
	[CT_EXPECTED_REVENUE] = { "expected_revenue", "expected revenue|revenu attendu|ca espere|montant estime|chiffre d affaires espere", COL_MONEY, COL_NONNEG, 0, 0 },
	[CT_SALESPERSON] = { "salesperson", "commercial|vendeur|responsable", COL_TEXT, 0, 0, 0 },
	[CT_PRIORITY] = { "priority", "priorite", COL_ENUM, 0, 0, priorities },
	[CT_SOURCE] = { "source", "origine", COL_TEXT, 0, 0, 0 },
	[CT_MEDIUM] = { "medium", "support|canal", COL_TEXT, 0, 0, 0 },
	[CT_CAMPAIGN] = { "campaign", "campagne", COL_TEXT, 0, 0, 0 },
	[CT_NOTES] = { "notes", "note|remarques|commentaire|commentaires", COL_TEXT, 0, 0, 0 },
	[CT_SIREN] = { "siren", "numero siren|n siren|siret|numero siret", COL_TEXT, 0, 0, 0 },
	[CT_VAT] = { "vat_number", "vat|numero de tva|n tva|tva intracommunautaire|tva intracom|numero tva", COL_TEXT, 0, 0, 0 },
	[CT_TEAM] = { "team", "equipe|equipe commerciale", COL_TEXT, 0, 0, 0 },
	/* A private address and phone, as address books keep them beside the
	 * work ones (Outlook's "Home Street", "Rue (domicile)"): used when the
	 * card has no work one, else kept in its notes. */
	[CT_HOME_STREET] = { "home_street", "home street|home address|rue domicile|adresse domicile|adresse personnelle", COL_TEXT, 0, 0, 0 },
	[CT_HOME_ZIP] = { "home_zip", "home postal code|home zip|home zipcode|home zip code|code postal domicile|cp domicile", COL_TEXT, 0, 0, 0 },
	[CT_HOME_CITY] = { "home_city", "home city|ville domicile", COL_TEXT, 0, 0, 0 },
	[CT_HOME_COUNTRY] = { "home_country", "home country|home country region|pays domicile|pays region domicile", COL_TEXT, 0, 0, 0 },
	[CT_HOME_PHONE] = { "home_phone", "home phone|telephone domicile|tel domicile|telephone personnel|private phone|telephone prive", COL_TEXT, 0, 0, 0 },
};

static const struct column_spec activity_cols[] = {
	[AC_LEAD] = { "lead", "lead_id|piste|opportunite|card_id|carte", COL_TEXT, COL_ONE_OF, 0, 0 },
	/* A planned activity may have only its due date (Odoo's mail.activity). */
	[AC_DATE] = { "date", "date de l activite|activity date", COL_DATE, 0, 0, 0 },
	[AC_TYPE] = { "type", "activity type|activity_type_id|type d activite|type activite", COL_ENUM, COL_REQUIRED, 0, activity_types },
	[AC_SUMMARY] = { "summary", "resume|objet|sujet|subject", COL_TEXT, 0, 0, 0 },
	[AC_DURATION] = { "duration_min", "duration|duree|duree min|duree minutes|minutes", COL_INT, COL_NONNEG, 100000, 0 },
	[AC_USER] = { "user", "utilisateur|assigne a|commercial|salesperson", COL_TEXT, 0, 0, 0 },
	[AC_DUE_DATE] = { "due_date", "due date|echeance|date d echeance|date limite", COL_DATE, 0, 0, 0 },
	[AC_DONE] = { "done", "fait|realise|termine|state|etat", COL_BOOL, 0, 0, 0 },
	[AC_STAGE] = { "stage", "etape", COL_TEXT, 0, 0, 0 },
	[AC_LOST_REASON] = { "lost_reason", "lost reason|motif de perte|raison de la perte|raison perte", COL_TEXT, 0, 0, 0 },
	/* The lead by its name, when the export has no card id (Odoo's
	 * "Document Name"): the opportunity, the company or the person. */
	[AC_LEAD_NAME] = { "lead_name", "lead name|nom de la piste|nom du lead", COL_TEXT, COL_ONE_OF, 0, 0 },
	/* A note beside the summary: both are kept. */
	[AC_NOTE] = { "note", "remarque|commentaire|notes", COL_TEXT, 0, 0, 0 },
};

static const struct column_spec order_line_cols[] = {
	[OL_ORDER_REF] = { "order_ref", "commande|ref commande|n commande|numero de commande|reference commande|reference de la commande|order|order reference", COL_TEXT, COL_REQUIRED, 0, 0 },
	[OL_CUSTOMER] = { "customer", "client|code client|raison sociale|tiers", COL_TEXT, COL_REQUIRED, 0, 0 },
	[OL_ORDER_DATE] = { "order_date", "order date|date commande|date de commande|date", COL_DATE, 0, 0, 0 },
	[OL_SALESPERSON] = { "salesperson", "commercial|vendeur|salesperson", COL_TEXT, 0, 0, 0 },
	[OL_STATE] = { "state", "status|etat|statut", COL_ENUM, 0, 0, order_states },
	[OL_PRODUCT] = { "product", "produit|article|code article|ref article|reference produit", COL_TEXT, COL_REQUIRED, 0, 0 },
	[OL_DESCRIPTION] = { "description", "designation|libelle", COL_TEXT, 0, 0, 0 },
	[OL_QTY] = { "qty", "quantity|quantite|qte", COL_QTY, COL_REQUIRED | COL_POSITIVE, 0, 0 },
	[OL_UNIT_PRICE] = { "unit_price", "unit price|prix unitaire|pu ht|prix|prix unitaire ht", COL_PRICE, COL_NONNEG, 0, 0 },
	[OL_DISCOUNT] = { "discount_pct", "discount|remise|remise pct", COL_PERCENT, COL_NONNEG | COL_MAX100, 0, 0 },
	[OL_TAX] = { "tax", "taxes|tva|taxe", COL_TEXT, 0, 0, 0 },
	[OL_QTY_DELIVERED] = { "qty_delivered", "delivered|quantite livree|qte livree|livre", COL_QTY, COL_NONNEG, 0, 0 },
	[OL_PAYMENT_TERM] = { "payment_term", "payment terms|conditions de paiement|delai de paiement", COL_TEXT, 0, 0, 0 },
	[OL_LEAD] = { "lead", "opportunity|piste|opportunite|card_id", COL_TEXT, 0, 0, 0 },
	/* The buyer's own purchase-order number (BT-13), when the export has it. */
	[OL_CUSTOMER_REF] = { "customer_ref", "reference client|votre reference|ref client|bon de commande client", COL_TEXT, 0, 0, 0 },
	/* The order's delivery address, when not the customer's (décret
	 * 2022-1299): an order's, as its customer or its date are. */
	[OL_DELIVERY_NAME] = { "delivery_name", "nom de livraison|livrer a", COL_TEXT, 0, 0, 0 },
	[OL_DELIVERY_STREET] = { "delivery_street", "rue de livraison", COL_TEXT, 0, 0, 0 },
	[OL_DELIVERY_ZIP] = { "delivery_zip", "code postal de livraison|cp de livraison", COL_TEXT, 0, 0, 0 },
	[OL_DELIVERY_CITY] = { "delivery_city", "ville de livraison", COL_TEXT, 0, 0, 0 },
	[OL_DELIVERY_COUNTRY] = { "delivery_country", "pays de livraison", COL_TEXT, 0, 0, 0 },
	/* What the export says the line amounts to, excluding tax and
	 * including it (Odoo's price_subtotal "Subtotal"/"Sous-total" and
	 * price_total): a line without a unit price (or discount) is priced
	 * from it, one with both must agree with it (orders.c). A bare "Total"
	 * is left out: in an order export it is the order's. */
	[OL_LINE_TOTAL] = { "line_total", "subtotal|sous-total|sous total ht|total ht|montant ht|total hors taxes|montant hors taxes|price_subtotal|line total|total ligne|total ligne ht", COL_MONEY, COL_NONNEG, 0, 0 },
	[OL_LINE_TOTAL_INCL] = { "line_total_incl", "total ttc|montant ttc|sous-total ttc|price_total|line total incl|total ligne ttc|total toutes taxes comprises", COL_MONEY, COL_NONNEG, 0, 0 },
};

static const struct column_spec payment_cols[] = {
	[PA_REF] = { "payment_ref", "reference|ref|ref paiement|reference paiement", COL_TEXT, COL_KEY, 0, 0 },
	[PA_DATE] = { "date", "payment date|date de paiement|date paiement|date de reglement", COL_DATE, COL_REQUIRED, 0, 0 },
	[PA_INVOICE] = { "invoice", "facture|n facture|numero de facture|invoice number", COL_TEXT, COL_ONE_OF, 0, 0 },
	[PA_CUSTOMER] = { "customer", "client|code client|partner|partenaire", COL_TEXT, COL_ONE_OF, 0, 0 },
	/* Negative: a refund, paid back against a credit note. */
	[PA_AMOUNT] = { "amount", "montant|somme", COL_MONEY, COL_REQUIRED, 0, 0 },
	[PA_METHOD] = { "method", "mode|mode de paiement|moyen de paiement|mode de reglement|payment method", COL_TEXT, 0, 0, 0 },
};

/* Goods received against crmbatch's purchase orders (the warehouse's
 * export): they close the orders' lines, which stop counting as incoming. */
static const struct column_spec receipt_cols[] = {
	[RC_PURCHASE_ORDER] = { "purchase_order", "purchase order|po|commande fournisseur|bon de commande|n commande fournisseur|origine", COL_TEXT, COL_REQUIRED, 0, 0 },
	[RC_PRODUCT] = { "product", "produit|article|code article|ref article", COL_TEXT, COL_REQUIRED, 0, 0 },
	[RC_QTY] = { "qty", "quantity|quantite|quantite recue|qte|qte recue", COL_QTY, COL_REQUIRED | COL_POSITIVE, 0, 0 },
	[RC_DATE] = { "date", "date de reception|reception|date reception", COL_DATE, 0, 0, 0 },
};

static const struct file_schema schemas[IN_FILE_COUNT] = {
	{ IN_SUPPLIERS, "suppliers.csv", partner_cols, SP_SUPPLIER_NCOLS },
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

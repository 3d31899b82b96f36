/* catalog: products and partners in memory (see include/catalog.h). */
#include "catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "legalid.h"
#include "xalloc.h"

void catalog_init(struct catalog *cat, const struct config *cfg)
{
	memset(cat, 0, sizeof *cat);
	cat->cfg = cfg;
	cat->product_index = keyset_new();
	cat->customer_index = keyset_new();
	cat->supplier_index = keyset_new();
}

/* A copy of s in the catalog's strings (a malloc'ed copy of each of a
 * million short texts costs more than the texts), NULL when s is absent
 * or empty. */
static const char *keep(struct catalog *cat, const char *s)
{
	return s && *s ? strpool_keep(&cat->strings, s, NULL) : NULL;
}

/* keep() for a string the caller allocated, which it frees. */
static const char *keep_free(struct catalog *cat, char *s)
{
	const char *k = keep(cat, s);
	free(s);
	return k;
}

void catalog_release(struct catalog *cat)
{
	strpool_release(&cat->strings);
	free(cat->products);
	free(cat->customers);
	free(cat->suppliers);
	keyset_free(cat->product_index);
	keyset_free(cat->customer_index);
	keyset_free(cat->supplier_index);
	memset(cat, 0, sizeof *cat);
}

static struct partner *add_partner(struct catalog *cat, struct partner **v, size_t *n, size_t *cap,
				   struct keyset *index, const char *code)
{
	if (*n == *cap) {
		*cap = xgrow(*cap, 64);
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	keyset_add(index, code, (long)*n, NULL);
	struct partner *p = &(*v)[(*n)++];
	memset(p, 0, sizeof *p);
	p->code = keep(cat, code);
	return p;
}

static void fill_partner(struct catalog *cat, struct partner *p, const struct record *r)
{
	p->name = strpool_add(&cat->strings, r->text[SP_NAME]);
	p->street = keep(cat, r->text[SP_STREET]);
	p->zip = keep(cat, r->text[SP_ZIP]);
	p->city = keep(cat, r->text[SP_CITY]);
	p->country = keep(cat, r->text[SP_COUNTRY]);
	p->email = keep(cat, r->text[SP_EMAIL]);
	p->phone = keep(cat, r->text[SP_PHONE]);
	char siren[10] = "", vat[16] = "";
	if (r->text[SP_SIREN])
		legalid_siren(r->text[SP_SIREN], siren, NULL);
	if (r->text[SP_VAT])
		legalid_vat(r->text[SP_VAT], vat, sizeof vat);
	p->siren = keep(cat, siren);
	p->vat_number = keep(cat, vat);
	p->payment_term = keep(cat, r->text[SP_TERM]);
	/* A partner file lists firms; a SIREN or VAT number makes it certain. */
	p->is_business = 1;
}

static int on_supplier(void *ctx, const struct record *r)
{
	struct catalog *cat = ctx;
	fill_partner(cat, add_partner(cat, &cat->suppliers, &cat->nsuppliers, &cat->suppliers_cap, cat->supplier_index,
				      r->text[SP_CODE]), r);
	return 0;
}

static int on_customer(void *ctx, const struct record *r)
{
	struct catalog *cat = ctx;
	struct partner *p = add_partner(cat, &cat->customers, &cat->ncustomers, &cat->customers_cap,
					cat->customer_index, r->text[SP_CODE]);
	fill_partner(cat, p, r);
	p->delivery = (struct address){
		.name = keep(cat, r->text[SP_DELIVERY_NAME]),
		.street = keep(cat, r->text[SP_DELIVERY_STREET]),
		.zip = keep(cat, r->text[SP_DELIVERY_ZIP]),
		.city = keep(cat, r->text[SP_DELIVERY_CITY]),
		.country = keep(cat, r->text[SP_DELIVERY_COUNTRY]),
	};
	return 0;
}

/* A card that is ordered for is a customer with the card's values, as
 * its lead has them (card.h): one normalisation for both. */
static int on_contact(void *ctx, const struct record *r)
{
	struct catalog *cat = ctx;
	if (!r->text[CT_CARD_ID] || keyset_get(cat->customer_index, r->text[CT_CARD_ID], NULL))
		return 0; /* a card without id cannot be ordered for; a customer code wins */
	struct partner *p = add_partner(cat, &cat->customers, &cat->ncustomers, &cat->customers_cap,
					cat->customer_index, r->text[CT_CARD_ID]);
	struct card c;
	card_normalize(r, &c, NULL, NULL); /* the leads stage reports what it left empty */
	char *who = card_person(&c);
	p->civility = keep(cat, c.civility);
	if (*c.company) {
		p->name = r->text[CT_LEGAL_FORM] ? keep_free(cat, xasprintf("%s %s", c.company, r->text[CT_LEGAL_FORM]))
						 : keep(cat, c.company);
		p->contact = keep_free(cat, who);
		p->is_business = 1;
	} else {
		p->name = keep_free(cat, who); /* NULL: a card with neither company nor person */
	}
	p->street = keep(cat, c.street);
	p->zip = keep(cat, c.zip);
	p->city = keep(cat, c.city);
	p->country = keep(cat, c.country);
	p->email = keep(cat, c.email);
	p->phone = keep(cat, *c.phone ? c.phone : c.mobile);
	p->siren = keep(cat, c.siren);
	p->vat_number = keep(cat, c.vat);
	/* A person with a SIREN works on their own account: a professional. */
	if (p->siren)
		p->is_business = 1;
	card_release(&c);
	return 0;
}

static int on_product(void *ctx, const struct record *r)
{
	struct catalog *cat = ctx;
	if (cat->nproducts == cat->products_cap) {
		cat->products_cap = xgrow(cat->products_cap, 256);
		cat->products = xrealloc(cat->products, cat->products_cap * sizeof *cat->products);
	}
	keyset_add(cat->product_index, r->text[PR_CODE], (long)cat->nproducts, NULL);
	struct product *p = &cat->products[cat->nproducts++];
	p->code = strpool_add(&cat->strings, r->text[PR_CODE]);
	p->name = strpool_add(&cat->strings, r->text[PR_NAME]);
	p->unit_price = r->num[PR_PRICE];
	p->tax = r->text[PR_TAX] ? config_tax(cat->cfg, r->text[PR_TAX]) : &cat->cfg->taxes[cat->cfg->default_tax];
	p->cost = r->num[PR_COST];
	p->on_hand = r->num[PR_ON_HAND];
	p->incoming = r->num[PR_INCOMING];
	p->supplier = keep(cat, r->text[PR_SUPPLIER]);
	p->supplier_code = r->text[PR_SUPPLIER_CODE] ? keep(cat, r->text[PR_SUPPLIER_CODE]) : NULL;
	if (!p->supplier_code)
		p->supplier_code = p->code;
	p->supplier_price = r->num[PR_SUPPLIER_PRICE];
	p->supplier_min_qty = r->num[PR_SUPPLIER_MIN];
	p->lead_days = (int)r->num[PR_LEAD_DAYS];
	p->reorder_min = r->num[PR_REORDER_MIN];
	p->reorder_max = r->num[PR_REORDER_MAX];
	p->reorder_multiple = r->num[PR_REORDER_MULTIPLE];
	p->route = (enum product_route)r->num[PR_ROUTE];
	p->invoice_policy = (enum invoice_policy)r->num[PR_INVOICE_POLICY];
	p->type = (enum product_type)r->num[PR_TYPE];
	return 0;
}

void catalog_attach(struct catalog *cat, struct ingest *in)
{
	ingest_add_sink(in, IN_SUPPLIERS, on_supplier, cat);
	ingest_add_sink(in, IN_CUSTOMERS, on_customer, cat);
	ingest_add_sink(in, IN_PRODUCTS, on_product, cat);
	ingest_add_sink(in, IN_CONTACTS, on_contact, cat);
}

const struct product *catalog_product(const struct catalog *cat, const char *code)
{
	long i;
	return keyset_get(cat->product_index, code, &i) ? &cat->products[i] : NULL;
}

const struct partner *catalog_customer(const struct catalog *cat, const char *code)
{
	long i;
	return keyset_get(cat->customer_index, code, &i) ? &cat->customers[i] : NULL;
}

const struct partner *catalog_supplier(const struct catalog *cat, const char *code)
{
	long i;
	return keyset_get(cat->supplier_index, code, &i) ? &cat->suppliers[i] : NULL;
}

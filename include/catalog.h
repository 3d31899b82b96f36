/*
 * catalog: the products and partners of the day, kept in memory for the
 * stages that price, stock, deliver and invoice. Filled from the ingestion
 * of products.csv, suppliers.csv, customers.csv and contacts.csv (a business
 * card is a customer too: its card_id is the customer code on an order).
 */
#ifndef CRMBATCH_CATALOG_H
#define CRMBATCH_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "strpool.h"
#include "ingest.h"
#include "keyset.h"
#include "schema.h"

struct product {
	const char *code, *name;   /* in the catalog's strings, as every text below */
	int64_t unit_price;        /* 1/10000 */
	const struct tax *tax;     /* the product's, else the config's default */
	int64_t cost;              /* 1/10000 */
	int64_t on_hand, incoming; /* 1/1000 */
	const char *supplier;      /* supplier code, or NULL */
	const char *supplier_code; /* the supplier's reference for it: ours (code) when absent */
	int64_t supplier_price;    /* 1/10000, 0 when absent (then cost) */
	int64_t supplier_min_qty;  /* 1/1000 */
	int lead_days;
	int64_t reorder_min, reorder_max, reorder_multiple; /* 1/1000 */
	enum product_route route;
	enum invoice_policy invoice_policy;
	enum product_type type;
};

/* A postal address where goods go (décret 2022-1299: the delivery
 * address, when not the billing one; EN 16931 BG-13/BG-15). Any field
 * may be NULL; one that says anything has its city (validate). */
struct address {
	const char *name, *street, *zip, *city, *country;
};

struct partner {
	const char *code;  /* in the catalog's strings, as every text below */
	const char *name;  /* the company, or the person for a private customer */
	const char *contact; /* the person at a company ("M. Jean Hubert"), or NULL */
	const char *civility; /* of the person (contact, else name): "M.", "Mme", as typed, or NULL */
	const char *street, *zip, *city, *country, *email, *phone;
	const char *siren, *vat_number, *payment_term;
	int is_business;   /* a company: business-to-business mentions apply */
	struct address delivery; /* customers.csv's default delivery address: all NULL when none */
};

struct catalog {
	const struct config *cfg;
	struct product *products;
	size_t nproducts, products_cap;
	struct partner *customers, *suppliers;
	size_t ncustomers, customers_cap, nsuppliers, suppliers_cap;
	struct keyset *product_index, *customer_index, *supplier_index; /* code -> index */
	struct strpool strings;    /* every text of the products and partners */
};

void catalog_init(struct catalog *cat, const struct config *cfg);
void catalog_release(struct catalog *cat);
/* Adds the catalog's sinks to the ingestion. */
void catalog_attach(struct catalog *cat, struct ingest *in);

/* Lookups by code; NULL when unknown. Valid until catalog_release. */
const struct product *catalog_product(const struct catalog *cat, const char *code);
const struct partner *catalog_customer(const struct catalog *cat, const char *code);
const struct partner *catalog_supplier(const struct catalog *cat, const char *code);

#endif

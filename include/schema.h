/*
 * schema: what each input file holds — its columns, their canonical names
 * and aliases (French labels, Odoo export labels and technical names),
 * their types and ranges. Data, not code: the validator walks these tables.
 */
#ifndef CRMBATCH_SCHEMA_H
#define CRMBATCH_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

enum col_type {
	COL_TEXT,
	COL_INT,      /* whole number */
	COL_QTY,      /* quantity, 3 decimals */
	COL_PRICE,    /* unit price, 4 decimals */
	COL_MONEY,    /* amount, 2 decimals */
	COL_PERCENT,  /* percentage, kept to 2 decimals */
	COL_DATE,
	COL_BOOL,     /* yes/no, oui/non, true/false, 1/0, x */
	COL_ENUM,     /* one of enum_values (num = index) */
};

enum col_flags {
	COL_REQUIRED = 1 << 0,  /* the column must exist and every row fill it */
	COL_ONE_OF = 1 << 1,    /* at least one column so flagged must be filled */
	COL_POSITIVE = 1 << 2,  /* > 0 */
	COL_NONNEG = 1 << 3,    /* >= 0 */
	COL_MAX100 = 1 << 4,    /* <= 100 (percentages) */
	COL_KEY = 1 << 5,       /* unique within the file */
};

struct column_spec {
	const char *name;          /* canonical name, as in the README */
	const char *aliases;       /* '|'-separated; compared by header_key() */
	enum col_type type;
	unsigned flags;
	int64_t max;               /* COL_INT upper bound when non-zero */
	const char *const *enum_values; /* COL_ENUM: NULL-terminated; each entry '|'-separated synonyms */
};

enum input_file {
	IN_SUPPLIERS,
	IN_CUSTOMERS,
	IN_PRODUCTS,
	IN_CONTACTS,
	IN_ACTIVITIES,
	IN_ORDER_LINES,
	IN_PAYMENTS,
	IN_RECEIPTS,
	IN_FILE_COUNT
};

struct file_schema {
	enum input_file id;
	const char *filename;      /* "contacts.csv" */
	const struct column_spec *cols;
	size_t ncols;
};

/* The schemas, in the order the batch reads the files (each file's
 * references point only to files read before it). */
const struct file_schema *schema_get(enum input_file f);

/* Column indexes of each file, in the order of its table. */
enum { SP_CODE, SP_NAME, SP_STREET, SP_ZIP, SP_CITY, SP_COUNTRY, SP_EMAIL, SP_PHONE,
       SP_SIREN, SP_VAT, SP_TERM, SP_XID,  /* suppliers and customers alike */
       SP_SUPPLIER_NCOLS,
       /* customers.csv only: the customer's default delivery address */
       SP_DELIVERY_NAME = SP_SUPPLIER_NCOLS, SP_DELIVERY_STREET, SP_DELIVERY_ZIP, SP_DELIVERY_CITY,
       SP_DELIVERY_COUNTRY, SP_NCOLS };
enum { PR_CODE, PR_NAME, PR_PRICE, PR_TAX, PR_COST, PR_ON_HAND, PR_INCOMING, PR_SUPPLIER,
       PR_SUPPLIER_PRICE, PR_SUPPLIER_MIN, PR_LEAD_DAYS, PR_REORDER_MIN, PR_REORDER_MAX,
       PR_REORDER_MULTIPLE, PR_ROUTE, PR_INVOICE_POLICY, PR_TYPE, PR_XID, PR_SUPPLIER_CODE, PR_NCOLS };
enum { CT_CARD_ID, CT_CIVILITY, CT_FIRST_NAME, CT_LAST_NAME, CT_COMPANY, CT_LEGAL_FORM,
       CT_JOB_TITLE, CT_PHONE, CT_MOBILE, CT_EMAIL, CT_STREET, CT_ZIP, CT_CITY, CT_COUNTRY,
       CT_EVENT, CT_MET_ON, CT_INTEREST, CT_EXPECTED_REVENUE, CT_SALESPERSON, CT_PRIORITY,
       CT_SOURCE, CT_MEDIUM, CT_CAMPAIGN, CT_NOTES, CT_SIREN, CT_VAT, CT_TEAM,
       CT_HOME_STREET, CT_HOME_ZIP, CT_HOME_CITY, CT_HOME_COUNTRY, CT_HOME_PHONE, CT_NCOLS };
enum { AC_LEAD, AC_DATE, AC_TYPE, AC_SUMMARY, AC_DURATION, AC_USER, AC_DUE_DATE, AC_DONE,
       AC_STAGE, AC_LOST_REASON, AC_LEAD_NAME, AC_NOTE, AC_NCOLS };
enum { OL_ORDER_REF, OL_CUSTOMER, OL_ORDER_DATE, OL_SALESPERSON, OL_STATE, OL_PRODUCT,
       OL_DESCRIPTION, OL_QTY, OL_UNIT_PRICE, OL_DISCOUNT, OL_TAX, OL_QTY_DELIVERED,
       OL_PAYMENT_TERM, OL_LEAD, OL_CUSTOMER_REF, OL_DELIVERY_NAME, OL_DELIVERY_STREET,
       OL_DELIVERY_ZIP, OL_DELIVERY_CITY, OL_DELIVERY_COUNTRY, OL_LINE_TOTAL, OL_LINE_TOTAL_INCL, OL_NCOLS };
enum { PA_REF, PA_DATE, PA_INVOICE, PA_CUSTOMER, PA_AMOUNT, PA_METHOD, PA_NCOLS };
enum { RC_PURCHASE_ORDER, RC_PRODUCT, RC_QTY, RC_DATE, RC_NCOLS };

/* Values of the enumerated columns (index = the number stored). */
enum activity_type { ACT_EMAIL, ACT_CALL, ACT_MEETING, ACT_TODO, ACT_NOTE, ACT_STAGE, ACT_WON, ACT_LOST };
enum order_state { ORDER_QUOTATION, ORDER_SENT, ORDER_SALE, ORDER_CANCEL };
enum product_route { ROUTE_STOCK, ROUTE_MTO };
enum invoice_policy { POLICY_ORDERED, POLICY_DELIVERED };
enum product_type { TYPE_GOODS, TYPE_SERVICE };

#define MAX_COLUMNS 32
_Static_assert(CT_NCOLS <= MAX_COLUMNS && OL_NCOLS <= MAX_COLUMNS, "a file has at most MAX_COLUMNS columns");

#endif

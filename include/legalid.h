/*
 * legalid: the legal identifiers of a French firm, checked one way
 * everywhere (the config's company, partner files, business cards): the
 * SIREN (9 digits) or SIRET (14) with their Luhn key, and the intra-EU
 * VAT number. Spaces and dots between digits are allowed, as people type
 * them; the results are the compact forms documents carry.
 */
#ifndef CRMBATCH_LEGALID_H
#define CRMBATCH_LEGALID_H

#include <stddef.h>

/* A SIREN or SIRET: 0 and its 9 SIREN digits in siren[10] (and the 14
 * digits in siret[15], "" for a SIREN; siret may be NULL), or -1. */
int legalid_siren(const char *s, char siren[10], char siret[15]);

/* An intra-EU VAT number: two letters then 2 to 13 letters or digits;
 * 0 and its compact upper-case form in out (at least 16 bytes), or -1. */
int legalid_vat(const char *s, char *out, size_t size);

#endif

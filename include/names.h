/*
 * names: how people, firms and places are written once normalised.
 *
 * Business cards are typed in a hurry: "HUBERT", "monsieur", "SAINT-MALO".
 * Documents and leads show "Hubert", "M.", "Saint-Malo"; particles stay
 * lower case inside a name ("de la Tour", "d'Artagnan"), compound names keep
 * each part capitalised ("Jean-Pierre", "Le Gall"), accents survive
 * ("ÉLODIE" -> "Élodie").
 */
#ifndef CRMBATCH_NAMES_H
#define CRMBATCH_NAMES_H

#include <stddef.h>

/* "M", "M.", "Mr", "Monsieur" -> "M."; "Mme", "Madame", "Mlle",
 * "Mademoiselle", "Mrs", "Ms" -> "Mme"; anything else as typed (trimmed);
 * NULL when s is NULL or blank. Returns a static string or s. */
const char *civility_normalize(const char *s);

/* The name with each word capitalised as above into out (UTF-8). Returns out. */
char *name_case(const char *s, char *out, size_t size);

#endif

/*
 * docset: named sets of directive documents (issue #14), e.g. "every
 * Thông báo of Ban Chỉ đạo Trung ương", reported on as one part of the
 * statistics report (seed 004's Part II).
 *
 * A set is either a rule — an issuer and/or a kind, both matched when
 * both are given — that takes in every document matching it, today's and
 * tomorrow's, or an explicit list of documents. The issuer of a document
 * is the last part of its symbol: "TB/BCĐTW" → "BCĐTW", "NQ-CP" → "CP",
 * "CT-TTg" → "TTg". Matching ignores case and diacritics (util/text.h).
 * No I/O: the store keeps the sets and resolves them with these rules.
 */
#ifndef GIAMSAT_DOCSET_H
#define GIAMSAT_DOCSET_H

#include <stdbool.h>

/** The issuer part of a document symbol, newly allocated ("" when symbol is NULL or empty). */
char *docset_issuer(const char *symbol);

/**
 * Whether a document of kind and symbol (either may be NULL) matches the
 * rule issuer / kind (NULL = any). A rule with neither matches nothing.
 */
bool docset_matches(const char *rule_issuer, const char *rule_kind, const char *kind,
                    const char *symbol);

#endif

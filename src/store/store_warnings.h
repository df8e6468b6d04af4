/*
 * store_warnings: the early warnings' settings (issue #15) as an
 * administrator leaves them: core/warning.h's defaults, with the rules
 * changed since (schema 14, table warning_rule) in their place.
 *
 * Same contracts as the other store modules: 0 or a negative err kind with the message in
 * *e (Vietnamese where a person reads it); a write opens and commits its
 * own transaction with its audit line and rolls back on any failure.
 */
#ifndef GIAMSAT_STORE_WARNINGS_H
#define GIAMSAT_STORE_WARNINGS_H

#include "core/warning.h"
#include "store_auth.h"

/** The settings in force: warning_defaults() with every stored rule in its place. */
int store_warning_settings(struct db *db, struct warning_settings *out, struct err *e);

/**
 * Set rule r to s, audited as a (action "warning_rule.set", before and
 * after as JSON). ERR_INVALID, naming the field in Vietnamese, for days
 * outside 1..366 (due_soon, no_report) or a threshold outside 0..100
 * (unit_rate); nothing is written then.
 */
int store_warning_rule_set(struct db *db, enum warning_rule r, const struct warning_rule_setting *s,
                           const struct audit_entry *a, struct err *e);

#endif

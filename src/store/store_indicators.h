/*
 * store_indicators: indicators (chỉ tiêu) with their measurements, for
 * status and history (issue #5), and the writes a person makes to them: a
 * measurement, a baseline.
 *
 * Same contracts as store.h: functions return 0 or a negative err kind
 * with the message in *e (in Vietnamese where a user reads it: "không có
 * chỉ tiêu mã '99'"); functions that write open and commit their own
 * transaction, with the audit line in it, and roll back on any failure;
 * returned structs are owned by the caller and freed as their comment
 * says. Measurements are append-only (schema 7): nothing here changes or
 * removes one.
 */
#ifndef GIAMSAT_STORE_INDICATORS_H
#define GIAMSAT_STORE_INDICATORS_H

#include "core/indicator.h"
#include "store.h"

#include <stddef.h>

/**
 * Every indicator with its measurements (by date, then entry order), by
 * source document (dated ones first, by date), then import order. *out is
 * newly allocated (NULL when *n is 0); free with indicators_free().
 */
int store_indicator_list(struct db *db, struct indicator **out, size_t *n, struct err *e);

/**
 * The id of the indicator with this code ("11.1", "KH2025.4"). `document`
 * (may be NULL) narrows it to one source document, named as
 * store_find_document() reads it; it is needed only when several documents
 * use the code. ERR_NOT_FOUND when no indicator has the code, ERR_INVALID
 * when several do and no document says which.
 */
int store_indicator_find(struct db *db, const char *code, const char *document, long *id,
                         struct err *e);

/** One indicator with its measurements into *out (zeroed first); ERR_NOT_FOUND. */
int store_indicator_load(struct db *db, long id, struct indicator *out, struct err *e);

/**
 * Append measurement m (m->id is ignored) to indicator `indicator_id`, with
 * the audit line a (action and entity are set here: "measurement.add" on
 * "measurement"; may be NULL) in one transaction. m must be checked first
 * (indicator_check()); m->text, m->entered_via are required, m->source may
 * be NULL. *id receives the new measurement's id.
 */
int store_measurement_add(struct db *db, long indicator_id, const struct measurement *m,
                          const struct audit_entry *a, long *id, struct err *e);

/**
 * Set the baseline of an indicator (value v as of date on), audited as
 * "indicator.baseline" with the old and new baseline, in one transaction.
 * ERR_NOT_FOUND for an unknown id.
 */
int store_indicator_set_baseline(struct db *db, long indicator_id, double v, struct date on,
                                 const struct audit_entry *a, struct err *e);

#endif

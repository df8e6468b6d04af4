/*
 * store_indicators: indicators (chỉ tiêu) with their measurements, for
 * status and history (issue #5), and the writes a person makes to them: a
 * measurement, a baseline.
 *
 * Same contracts as the other store modules: functions return 0 or a negative err kind
 * with the message in *e (in Vietnamese where a user reads it: "không có
 * chỉ tiêu mã '99'"); functions that write open and commit their own
 * transaction, with the audit line in it, and roll back on any failure;
 * returned structs are owned by the caller and freed as their comment
 * says. Measurements are append-only (schema 7): nothing here changes or
 * removes one. A measurement table (import/import.h) is written in one
 * transaction, row by row through the same reader and checker as a
 * measurement a person enters (core/measure_entry.h).
 */
#ifndef GIAMSAT_STORE_INDICATORS_H
#define GIAMSAT_STORE_INDICATORS_H

#include "core/indicator.h"
#include "core/measure_entry.h"
#include "store_auth.h"
#include "store_progress.h"

#include <stdbool.h>
#include <stddef.h>


/**
 * Every indicator with its measurements (by date, then entry order), by
 * source document (dated ones first, by date), then import order. *out is
 * newly allocated (NULL when *n is 0); free with indicators_free(). Opens
 * no transaction of its own: inside a caller's read transaction it reads
 * that transaction's snapshot (store_load_snapshot() relies on it).
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

/**
 * The baselines ever set on indicator `indicator_id`, newest first, as the
 * audit log keeps them (action "indicator.baseline" on entity "indicator"
 * with this id): who (actor), when (at, UTC), the baseline before and
 * after, each as store_indicator_set_baseline() wrote it ("40
 * (2024-12-31)"; before is "" when there was none). *out is newly
 * allocated (NULL when *n is 0); free with audit_views_free().
 */
int store_indicator_baseline_history(struct db *db, long indicator_id, struct audit_view **out,
                                     size_t *n, struct err *e);

/* How store_measurements_import() writes a table. */
struct measure_import_options {
    const char *file;     /* the file's name, for the import log (import_run); NULL: no log */
    const char *actor;    /* entered_by of every measurement: "cli", a username */
    const char *document; /* the document of rows with a blank Văn bản cell, or NULL */
    struct date today;    /* measurements dated later are refused */
    bool dry_run;         /* check and write everything, then roll back */
    bool allow_partial;   /* keep the good rows when some are refused */
    /*
     * When set (with file), one audit line for the batch, on its import_run
     * (entity and entity_id are set here); its after, when NULL, becomes
     * the summary ("6 dòng; 5 số đo đã ghi; 1 trùng; 0 bị từ chối").
     */
    const struct audit_entry *audit;
};

/**
 * Append the measurements of table t (borrowed) in one transaction, with
 * entered_via "import", the import run, the line and the row as written.
 * Each row names its indicator by code (Mã chỉ tiêu), narrowed by its
 * Văn bản cell when several documents use the code; its date is a day
 * (dd/mm/yyyy, yyyy-mm-dd) or a period read as its last day ("Tháng
 * 12/2025", "Quý IV/2025", "Năm 2025"); its value, unit, bloc and source
 * go through measure_entry_prepare() with reg and opt->today.
 *
 * A row that names no single indicator or that measure_entry_prepare()
 * refuses is rejected with its line and a Vietnamese reason that opens
 * with the column to fix ("cột 'Giá trị': ..."). A row identical to a
 * stored measurement (same indicator, date, unit, bloc, value as written
 * and source; an earlier row of the same table counts) is skipped and
 * counted in sum->duplicates, so importing a file twice adds nothing.
 * Nothing is written (not even the import run and its audit line) when
 * opt->dry_run, when no row adds a measurement, or when a row was
 * rejected and not opt->allow_partial. Rejections are not errors: the return is 0 and
 * sum->rejects lists them; sum->added counts the measurements written
 * (or that would be). Errors are storage failures. *sum must be zeroed;
 * free it with progress_summary_release() (completions and reopenings
 * stay 0).
 */
int store_measurements_import(struct db *db, const struct registry *reg,
                              const struct measure_table *t,
                              const struct measure_import_options *opt,
                              struct progress_summary *sum, struct err *e);

#endif

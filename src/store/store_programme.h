/*
 * store_programme: reading the snapshot that counting works on
 * (core/programme.h, with the indicators in the same read transaction),
 * the generations and stamps that say where a snapshot stands, the
 * indicators with a target as the database counts them, and the progress
 * reports read back as timelines.
 *
 * Contracts shared by every function here (and by the other store
 * modules):
 *  - return 0, or a negative err kind with the message in *e;
 *  - functions that write open and commit their own transaction, and roll
 *    it back on any failure, so the database is left exactly as it was;
 *  - returned structs are owned by the caller and freed with the matching
 *    *_release()/free function named in the comment.
 */
#ifndef GIAMSAT_STORE_PROGRAMME_H
#define GIAMSAT_STORE_PROGRAMME_H

#include "core/date.h"
#include "core/programme.h"
#include "db.h"

#include <stddef.h>

/* ---- progress reports, read back -------------------------------------------- */

/* One stored report, for timelines. */
struct progress_view {
    long id;
    long task_id;
    char *unit;          /* canonical */
    char *kind;          /* "progress", "done", "reopen" */
    struct date reported_on, completed_on;
    int percent;         /* -1 when absent */
    char *result, *next, *issues, *output, *attachment, *source, *entered_at;
    char *entered_by;  /* store_progress_recent() only: the account that entered it, or "" */
    char *import_file; /* store_progress_recent() only: the file it came from, or NULL */
};

/**
 * Reports of a task (task_id > 0) or of every task (0), by task, report
 * date and entry order. Free with progress_views_free().
 */
int store_progress_list(struct db *db, long task_id, struct progress_view **out, size_t *n,
                        struct err *e);

/**
 * At most `limit` reports entered after report id `after` (0: from the
 * first), of task task_id (0: of every task), in entry order (by id): how
 * another system follows the reports as they come, a page at a time,
 * passing the last id it got. Each page is a seek into the table, however
 * large. *out is newly allocated (free with progress_views_free()).
 */
int store_progress_after(struct db *db, long task_id, long after, size_t limit,
                         struct progress_view **out, size_t *n, struct err *e);
/** How many reports task task_id (0: every task) has, into *n. */
int store_progress_count(struct db *db, long task_id, long *n, struct err *e);

/**
 * The latest `limit` reports of a task (task_id > 0), oldest first as in
 * store_progress_list(), and in *total how many it has: a task of hundreds
 * of units shows a page of its history, not all of it. These views also
 * say who entered each report (entered_by, import_file). *out is newly
 * allocated (free with progress_views_free()).
 */
int store_progress_recent(struct db *db, long task_id, size_t limit, struct progress_view **out,
                          size_t *n, size_t *total, struct err *e);
void progress_views_free(struct progress_view *v, size_t n);

/* ---- the snapshot --------------------------------------------------------------- */

/**
 * Load the snapshot that counting works on (core/programme.h): every task
 * with its documents, live assignments and their progress events. *p must
 * be PROGRAMME_INIT; free with programme_release(). At national size this
 * reads millions of events: a request serves it from the server's cache
 * (web/report_cache.h) or loads only its tasks (store_load_tasks()).
 */
int store_load_programme(struct db *db, struct programme *p, struct err *e);

#define STORE_LOAD_TASKS_MAX 10000 /* ids one store_load_tasks() call takes */

/**
 * store_load_programme() narrowed to the tasks ids[0..n) (any order; ids
 * that name no task are left out), or every task when ids is NULL. The
 * documents and agencies are all loaded, so every index stays valid and a
 * task's status is the same as in the whole snapshot; each task, its
 * documents, assignments and events are read through indexes. The same
 * contract as store_load_programme(); ERR_INVALID for more than
 * STORE_LOAD_TASKS_MAX ids.
 */
int store_load_tasks(struct db *db, const long *ids, size_t n, struct programme *p,
                     struct err *e);

/**
 * The data generation: a number that every committed change to the
 * programme's tables (tasks, documents, units and their aliases and
 * groups, assignments, progress reports, indicators), by any connection
 * or process, makes larger (schema 5's triggers). Equal generations mean
 * equal snapshots, so a cache keyed by it is never stale. One read of a
 * one-row table, on a statement kept prepared on db.
 */
int store_data_generation(struct db *db, long *generation, struct err *e);

/*
 * Where a snapshot stands. The structure generation moves with every
 * change the data generation counts but a new progress report (schema 13),
 * so two stamps of equal structure differ only by the reports after
 * last_report: reports are append-only and their ids only grow.
 */
struct store_stamp {
    long generation; /* store_data_generation() */
    long structure;  /* the structure generation */
    long last_report; /* the largest progress report id, 0 when none */
};

/**
 * The data and structure generations into stamp (last_report is left as
 * it is): one read of a one-row table, on a statement kept prepared on db.
 */
int store_data_stamp(struct db *db, struct store_stamp *stamp, struct err *e);

/**
 * In one read transaction: the stamp of the database and the progress
 * reports with an id above after (by ascending id) into *out and *n (free
 * *out with free(); NULL when none). stamp->last_report is the largest id
 * read, or after. When stamp->structure differs from the structure the
 * caller's snapshot was read at, the reports are not enough (something
 * else changed too): load the snapshot again. Assumes no transaction is
 * open on db; on failure nothing is left allocated.
 */
int store_load_reports_after(struct db *db, long after, struct store_stamp *stamp,
                             struct prog_new_event **out, size_t *n, struct err *e);

struct indicator; /* core/indicator.h */

/* How many indicators of one monitoring agency have a target, as the database counts them. */
struct indicator_target_count {
    long agency_id; /* 0: no monitoring agency */
    long n;
};

/*
 * The indicators that have a target, counted by the database apart from
 * the indicator board (the board's "indicators.stored" check,
 * core/indicator_board.h): rows whose target text is not blank once the
 * '$' markup, the spaces and the trailing full stops are dropped, which is
 * when target_parse() reads no target (TARGET_NONE) in every text the
 * importers store.
 */
struct indicator_target_counts {
    long total;
    struct indicator_target_count *by_agency; /* by ascending agency_id; NULL when none */
    size_t n_agencies;
};

#define INDICATOR_TARGET_COUNTS_INIT { 0, NULL, 0 }

/**
 * Count the indicators with a target per monitoring agency into *out
 * (INDICATOR_TARGET_COUNTS_INIT or released; free with
 * indicator_target_counts_release()). Opens no transaction: inside a
 * caller's read transaction it counts that transaction's snapshot.
 */
int store_indicator_target_counts(struct db *db, struct indicator_target_counts *out,
                                  struct err *e);
/** The count for one monitoring agency (0 when it has none), or with agency_id 0 the total. */
long indicator_target_counts_of(const struct indicator_target_counts *c, long agency_id);
void indicator_target_counts_release(struct indicator_target_counts *c);

/**
 * store_load_programme() and store_data_stamp() in one read transaction,
 * with the largest progress report id, so *stamp is exactly where *p
 * stands; with
 * indicators not NULL, store_indicator_list() (store_indicators.h) into
 * *indicators and *n_indicators in the same transaction, so they hold
 * the measurements of that generation, never a later write's, and with
 * counted not NULL too, store_indicator_target_counts() of the very same
 * rows into *counted. On failure nothing is left allocated (*p released,
 * *indicators NULL, *counted empty). Assumes no transaction is open on db.
 */
int store_load_snapshot(struct db *db, struct programme *p, struct store_stamp *stamp,
                        struct indicator **indicators, size_t *n_indicators,
                        struct indicator_target_counts *counted, struct err *e);

#endif

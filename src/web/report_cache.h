/*
 * report_cache: the programme snapshot and the statistics reports built
 * from it, shared by the server's threads so that a request reads them
 * instead of loading thousands of rows and counting again.
 *
 * A snapshot holds the indicators with their measurements next to the
 * programme, and every report its indicator board (the indicators of its
 * scope evaluated as of its date), so the report's indicator section is
 * as fresh as its tasks: a measurement or a baseline moves the generation
 * like any write (schema 5's triggers on indicator and measurement).
 *
 * Freshness. Every entry is keyed by the data generation of the database
 * (store_data_generation(): a counter that every committed write to the
 * programme's tables moves forward, by the server or by the command line).
 * A request reads the current generation first (one small query) and
 * only ever gets a snapshot of that generation or a later one, so a
 * write committed before the request began is always seen. Entries of
 * older generations are dropped as soon as a newer snapshot is loaded.
 *
 * Sharing. A snapshot and a report are immutable once published and read
 * by many threads at a time: never write into them (the pages copy the
 * struct programme and struct report headers into their own structs;
 * those copies share the arrays and are read-only too). Each is reference
 * counted: a request holds its references until its arena is freed (the
 * *_for_req() functions), so eviction never frees what a request reads.
 *
 * Bounds and locking. At most max_reports reports are kept (least
 * recently used evicted) and one current snapshot. One mutex guards the
 * table and the counts (held for lookups only); a second one serialises
 * loading and building, so many requests that miss at once (after a
 * write) wait for one build instead of each loading the programme. A
 * snapshot whose last reference goes is freed after the lock is released,
 * and the freed memory handed back to the system (malloc_trim), so the
 * server holds one snapshot, plus one being built, however many writes.
 */
#ifndef GIAMSAT_REPORT_CACHE_H
#define GIAMSAT_REPORT_CACHE_H

#include "core/indicator_board.h"
#include "core/programme.h"
#include "core/report.h"
#include "http.h"
#include "store/store.h"

#include <stdbool.h>
#include <stddef.h>

#define REPORT_CACHE_SIZE 32 /* reports kept by the server */

struct report_cache;

/* The programme at one data generation. Read-only; fields after counted are private. */
struct cached_snapshot {
    long generation;
    struct programme prog;
    /* store_indicator_list(), read in prog's read transaction: of its very generation */
    struct indicator *indicators;
    size_t n_indicators;
    /* The indicators with a target per monitoring agency, counted by the database in the
     * same transaction (store_indicator_target_counts()): every report's board checks its
     * own count against it ("indicators.stored"). */
    struct indicator_target_counts counted;
    int refs; /* one while current, plus one per holder (a request, a report built on it) */
};

/* A built report over a snapshot. Read-only; fields after board are private. */
struct cached_report {
    struct cached_snapshot *snap; /* read-only for holders, like everything here */
    struct report rep;            /* rep.prog is &snap->prog */
    /* The indicators of rep's scope (all, or those rep.opt.agency monitors) as of
     * rep's date: a view borrowing snap->indicators (indicator_board_build_view()),
     * released here, never by a holder; its expected_counted is snap->counted's
     * count for the same scope. */
    struct indicator_board board;
    long generation; /* the key: generation and options (indexes into snap->prog) */
    struct report_options opt;
    char *json; /* json_report_compact(&rep, &board) and "\n", built on first use, or NULL */
    size_t json_len;
    unsigned long used; /* the cache's clock at the last hit, for LRU eviction */
    int refs;           /* one while in the table, plus one per holder */
};

/** An empty cache keeping up to max_reports reports. Free with report_cache_free(). */
struct report_cache *report_cache_new(size_t max_reports);
/** Free the cache and everything no request still holds; accepts NULL. No request may run. */
void report_cache_free(struct report_cache *c);

/**
 * The snapshot of db's current data generation (or a later one), loaded
 * from db on a miss (store_load_snapshot(): the programme, the generation,
 * the indicators and the database's count of those with a target in one
 * read transaction). *out is referenced: give it
 * back with report_cache_snapshot_put(). db must have no open transaction.
 * Errors: ERR_STORAGE from the database.
 */
int report_cache_snapshot(struct report_cache *c, struct db *db, struct cached_snapshot **out,
                          struct err *e);
/** Drop one reference to s; accepts NULL. */
void report_cache_snapshot_put(struct report_cache *c, struct cached_snapshot *s);

/**
 * The report of opt over s->prog (opt->document and opt->agency are
 * indexes into s->prog, or PROG_NONE), built with report_build() and its
 * indicator board on a miss. *out is referenced: give it back with
 * report_cache_report_put(). Errors: report_build()'s (ERR_INVALID,
 * ERR_INTERNAL when the report does not reconcile), and ERR_INTERNAL when
 * the board's counts do not (indicator_board_reconcile(), with the
 * snapshot's database count of the scope's indicators with a target as
 * the board's expected_counted); a failed build is not kept and *out is
 * NULL.
 */
int report_cache_report(struct report_cache *c, struct cached_snapshot *s,
                        const struct report_options *opt, struct cached_report **out,
                        struct err *e);
/** Drop one reference to r; accepts NULL. */
void report_cache_report_put(struct report_cache *c, struct cached_report *r);

/**
 * The text json_report_compact() writes for r and its board and a final
 * newline (the JSON value of `giamsat report --format json`, on one line:
 * the body of GET /api/v1/report), built on first use. Borrowed: valid
 * while r is held. *len receives its length.
 */
const char *report_cache_json(struct report_cache *c, struct cached_report *r, size_t *len);

/* ---- for a request: the application's cache, released with the request's arena ---- */

/** report_cache_snapshot() of the request's application; the reference ends with rq. */
int report_cache_snapshot_for_req(struct req *rq, struct db *db, struct cached_snapshot **out,
                                  struct err *e);
/** report_cache_report() of the request's application; the reference ends with rq. */
int report_cache_report_for_req(struct req *rq, struct cached_snapshot *s,
                                const struct report_options *opt, struct cached_report **out,
                                struct err *e);

#endif

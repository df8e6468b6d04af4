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
 * older generations are dropped as soon as a newer snapshot is made.
 *
 * Following writes. When only progress reports were written since the
 * current snapshot (its structure generation is still the database's),
 * the next snapshot is derived from it (programme_derive()): the reports
 * after the last one it holds are read by id and inserted into their
 * assignments' event lists, and everything else is shared with the
 * loaded snapshot it grew from (its root, held by a reference). Reports
 * stay computed from the events, so a derived snapshot counts exactly as
 * one loaded at the same generation. Any other write (an import, a rule
 * or unit edit, a measurement) loads the snapshot again, and so does a
 * derived one that has copied too many event lists (REPORT_CACHE_COMPACT).
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
 * server holds one loaded snapshot and the derived one current (plus one
 * being built, and those requests still hold), however many writes.
 *
 * Warnings. A report as of a date keeps the early warnings computed from it
 * and the report a month earlier (core/warning.h) under the rules they were
 * computed with (report_cache_warnings()), so the dashboard, a unit's page,
 * /warnings and /api/v1/warnings filter one list instead of walking the
 * programme per view. The rules (table warning_rule) do not move the data
 * generation, so the rules themselves are the list's key beside the report:
 * a request that reads other rules builds a new list, which replaces the
 * kept one (holders of the old one keep it until they let it go). At most
 * REPORT_CACHE_WARNINGS reports keep a list (the least recently used one
 * lets it go first), and a list is freed outside the locks, as a snapshot.
 */
#ifndef GIAMSAT_REPORT_CACHE_H
#define GIAMSAT_REPORT_CACHE_H

#include "core/indicator_board.h"
#include "core/programme.h"
#include "core/report.h"
#include "core/report_notes.h"
#include "core/warning.h"
#include "http.h"
#include "store/store_programme.h"

#include <stdbool.h>
#include <stddef.h>

#define REPORT_CACHE_SIZE 32 /* reports kept by the server */
/* Reports that keep their warnings at most (a list is ~100 MB at L: half a million warnings). */
#define REPORT_CACHE_WARNINGS 4
/* A derived snapshot is loaded again instead once it owns more event lists than this. */
#define REPORT_CACHE_COMPACT(n_assignments) (4096 + (n_assignments) / 16)

struct report_cache;

/* The programme at one data generation. Read-only; fields after counted are private. */
struct cached_snapshot {
    struct store_stamp stamp; /* where prog stands: its generation is the cache's key */
    struct programme prog;
    /* store_indicator_list(), read in prog's read transaction: of its very generation
     * (a derived snapshot shares its root's: a measurement is not a report) */
    struct indicator *indicators;
    size_t n_indicators;
    /* The indicators with a target per monitoring agency, counted by the database in the
     * same transaction (store_indicator_target_counts()): every report's board checks its
     * own count against it ("indicators.stored"). */
    struct indicator_target_counts counted;
    int refs; /* one while current, plus one per holder (a request, a report, a derived one) */
    struct cached_snapshot *root; /* derived: the loaded snapshot it borrows from; else NULL */
};

/* The texts a report is rendered to once and then served to every request that asks. */
enum cached_body {
    CACHED_JSON,      /* report_cache_json() */
    CACHED_DASHBOARD, /* the dashboard's content (page_dashboard.c) */
    CACHED_UNIT_OPTIONS, /* the task list's choice of lead unit, none chosen (page_tasks.c) */
    N_CACHED_BODIES
};

/*
 * The warnings of a report (every unit's, every rule's) under the rules set. Read-only.
 * It indexes and borrows from the reports it was built from: hold them as long as it.
 */
struct cached_warnings {
    struct warning_settings set; /* the key, beside the report that keeps it */
    struct warning_list list;    /* warnings_build(..., PROG_NONE, -1, ...) */
    int refs;                    /* one while its report keeps it, plus one per holder */
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
    /* The texts made from rep alone, each built on first use (report_cache_body()), or NULL */
    char *body[N_CACHED_BODIES];
    size_t body_len[N_CACHED_BODIES];
    /* The latest report_cache_warnings() of rep, or NULL */
    struct cached_warnings *warnings;
    unsigned long used; /* the cache's clock at the last hit, for LRU eviction */
    int refs;           /* one while in the table, plus one per holder */
};

/** An empty cache keeping up to max_reports reports. Free with report_cache_free(). */
struct report_cache *report_cache_new(size_t max_reports);
/**
 * Load the snapshot again once a derived one would own more than
 * max_changed event lists (0: REPORT_CACHE_COMPACT of its assignments).
 * Call before the cache is shared; tests use it to reach the reload.
 */
void report_cache_set_compact(struct report_cache *c, size_t max_changed);
/** Free the cache and everything no request still holds; accepts NULL. No request may run. */
void report_cache_free(struct report_cache *c);

/**
 * The snapshot of db's current data generation (or a later one), made
 * on a miss: derived from the current one when only reports were written
 * since (store_load_reports_after()), else loaded (store_load_snapshot():
 * the programme, its stamp, the indicators and the database's count of
 * those with a target in one read transaction). *out is referenced: give it
 * back with report_cache_snapshot_put(). db must have no open transaction.
 * Errors: ERR_STORAGE from the database.
 */
int report_cache_snapshot(struct report_cache *c, struct db *db, struct cached_snapshot **out,
                          struct err *e);
/** Drop one reference to s; accepts NULL. */
void report_cache_snapshot_put(struct report_cache *c, struct cached_snapshot *s);

/**
 * After a write on db: when it changed more than progress reports (an
 * import, a rule or unit edit: the structure generation moved), load the
 * snapshot now, so that the request that wrote waits for the load and the
 * next readers find it made. A write of reports only is left to the next
 * reader, which derives one snapshot for all the reports written since.
 * Errors: ERR_STORAGE (the write itself is committed; only the load failed).
 */
int report_cache_settle(struct report_cache *c, struct db *db, struct err *e);

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
 * The text json_report_compact() writes for r, its board and the extras x
 * (the notes of r: borrowed, read only when the text is built) and a final
 * newline (the JSON value of `giamsat report --format json`, on one line:
 * the body of GET /api/v1/report), built on first use. Borrowed: valid
 * while r is held. *len receives its length.
 */
const char *report_cache_json(struct report_cache *c, struct cached_report *r,
                              const struct report_extras *x, size_t *len);

/*
 * Renders the text of one enum cached_body from r (and nothing else: the
 * text is served to every request for r); ctx is the caller's. Returns a
 * malloc'd string and its length in *len.
 */
typedef char *report_render_fn(const struct cached_report *r, void *ctx, size_t *len);

/**
 * The text `which` of r, rendered by render(r, ctx, len) on first use and
 * kept with r, so that many requests for the same report render it once.
 * Borrowed: valid while r is held. *len receives its length.
 */
const char *report_cache_body(struct report_cache *c, struct cached_report *r,
                              enum cached_body which, report_render_fn *render, void *ctx,
                              size_t *len);

/**
 * The warnings of now (a report of every unit, agency PROG_NONE) with
 * month_ago (the report of the same snapshot as of a month earlier, as
 * warnings_build() compares them) under the rules set: the list kept with
 * now when it was built under the same rules, else built (warnings_build()
 * for every unit and rule) and kept in its place. Referenced: give it back
 * with report_cache_warnings_put(), and hold now and month_ago until then
 * (the list indexes their programme and board). Never fails.
 */
struct cached_warnings *report_cache_warnings(struct report_cache *c, struct cached_report *now,
                                              const struct cached_report *month_ago,
                                              const struct warning_settings *set);
/** Drop one reference to w; accepts NULL. */
void report_cache_warnings_put(struct report_cache *c, struct cached_warnings *w);

#endif

/*
 * indicator_board: every indicator with its parsed target and its status
 * as of one date, and the counts leaders read off it — per status, per
 * monitoring agency, per horizon, per group (lĩnh vực: Chính phủ số, Kinh
 * tế số...) — with the share of green indicators. Core layer: no I/O; the
 * store supplies the indicators, front-ends and the report show the board.
 *
 * Counted indicators: those with a target. A heading that only groups
 * sub-indicators ("11", target empty) is listed but not counted, so the
 * counts add up to the number of targets someone has to meet.
 */
#ifndef GIAMSAT_INDICATOR_BOARD_H
#define GIAMSAT_INDICATOR_BOARD_H

#include "indicator.h"
#include "report.h"
#include "util/err.h"

#include <stdbool.h>
#include <stddef.h>

struct indicator_board {
    /* The indicators: owned when owns_x (indicator_board_build()); for a view
     * (indicator_board_build_view()) an array of the board's own holding
     * shallow copies of the caller's indicators, whose strings and
     * measurements stay the caller's. */
    struct indicator *x;
    struct target *t;           /* t[i]: x[i]'s target, parsed */
    struct indicator_result *r; /* r[i]: x[i]'s status as of as_of */
    size_t n;
    struct date as_of;
    bool owns_x; /* indicator_board_release() frees x's indicators too */
    /*
     * The number of indicators of the board's scope that have a target, as
     * counted apart from the board: by the database, in the read that gave
     * the indicators (store_indicator_target_counts(), scoped by the same
     * agency). -1 (as built) when unknown; the caller sets it after building
     * the board, and indicator_board_checks() then checks the board's own
     * count against it ("indicators.stored").
     */
    long expected_counted;
};

#define INDICATOR_BOARD_INIT { .expected_counted = -1 }

/* Counts over a set of indicators. */
struct indicator_tally {
    char *label;          /* "Bộ Khoa học và Công nghệ", "Đến năm 2030", "Chính phủ số" (owned) */
    long agency_id;       /* TALLY_AGENCY: the agency, 0 when not resolved */
    int horizon;          /* TALLY_HORIZON: the year, 0 when unknown */
    size_t total;         /* counted indicators */
    size_t count[4];      /* by enum indicator_status */
    long green_pct;       /* count[IND_GREEN] / total, whole percent rounded half up; 0 when none */
};

enum indicator_tally_by { TALLY_AGENCY, TALLY_HORIZON, TALLY_FIELD };

/**
 * Take ownership of x[0..n) (as store_indicator_list() returns them), parse
 * every target and evaluate every indicator as a whole as of as_of;
 * expected_counted is -1. *b must be INDICATOR_BOARD_INIT or released. Free
 * with indicator_board_release().
 */
void indicator_board_build(struct indicator_board *b, struct indicator *x, size_t n,
                           struct date as_of);

/**
 * A board over indicators the caller keeps (a shared snapshot, a list it
 * frees itself): x[0..n) are borrowed, never freed by the board, and must
 * outlive it. With agency_id (0: every indicator) only the indicators that
 * agency monitors are on the board: the indicator section of a report
 * scoped to one unit, the same on the command line and the server. *b must
 * be INDICATOR_BOARD_INIT or released. Free with indicator_board_release(),
 * which frees only what the board allocated.
 */
void indicator_board_build_view(struct indicator_board *b, const struct indicator *x, size_t n,
                                struct date as_of, long agency_id);

/** Free b's targets and results, and its indicators when it owns them (owns_x). */
void indicator_board_release(struct indicator_board *b);

/* Which indicators a list keeps (the page, the API): a zero field keeps all. */
struct indicator_filter {
    int horizon;       /* 0: any */
    long agency_id;    /* the monitoring agency; 0: any */
    const char *field; /* NULL: any */
    int status;        /* -1: any, else an enum indicator_status */
};
#define INDICATOR_FILTER_ALL { 0, 0, NULL, -1 }

/** Whether b's i-th indicator passes f. */
bool indicator_board_keeps(const struct indicator_board *b, size_t i,
                           const struct indicator_filter *f);

/** True when x[i] is counted (it has a target). */
bool indicator_board_counted(const struct indicator_board *b, size_t i);

/** The index of the indicator with this id, or -1. */
long indicator_board_find(const struct indicator_board *b, long id);

/** Counts over every counted indicator into *all (label "Tổng số"; free its label). */
void indicator_board_total(const struct indicator_board *b, struct indicator_tally *all);

/**
 * Counts per agency (in the order agencies first appear; indicators with
 * no monitoring agency under "Chưa xác định cơ quan theo dõi"), per horizon
 * (ascending; "Đến năm 2030") or per group (in order of appearance;
 * "Chưa phân nhóm" for none). *out is newly allocated (NULL when *n is 0);
 * free with indicator_tallies_free().
 */
void indicator_board_tally(const struct indicator_board *b, enum indicator_tally_by by,
                           struct indicator_tally **out, size_t *n);
void indicator_tallies_free(struct indicator_tally *v, size_t n);

/**
 * The per-agency tally for agency_id into *out (zeroed first; free its
 * label). Returns false (and *out empty) when the agency monitors no
 * counted indicator.
 */
bool indicator_board_agency(const struct indicator_board *b, long agency_id,
                            struct indicator_tally *out);

/*
 * Checks of the board's counts, at most: statuses, per horizon, per agency,
 * per group, and the database's count when known. An array of this size
 * holds indicator_board_checks()'s output.
 */
#define INDICATOR_BOARD_CHECKS 5

/** How many checks indicator_board_checks() writes: 5 when b->expected_counted is known, else 4. */
size_t indicator_board_n_checks(const struct indicator_board *b);

/**
 * The reconciliation of b's counts into out[0..indicator_board_n_checks(b))
 * (out has room for INDICATOR_BOARD_CHECKS): the number of counted
 * indicators against the sum of the four statuses, and against the sums
 * per horizon, per monitoring agency and per group; then, when
 * b->expected_counted is known, the number the database counted (total)
 * against the board's (sum). The first four hold by construction, so only
 * a bug in the tallies breaks them; the last is counted apart (SQL over
 * the stored target texts against the parsed targets) and fails when an
 * indicator with a target is lost between the database and the board, or
 * its target is read as none. Keys (stable, as core/report.h names its
 * checks): "indicators", "indicators.by_horizon", "indicators.by_agency",
 * "indicators.by_field", "indicators.stored"; key and label are static
 * strings. Returns how many do not add up (0: reconciled). Front-ends
 * refuse a report when it is not 0, as they do when report_build() fails.
 */
size_t indicator_board_checks(const struct indicator_board *b, struct report_check *out);

/**
 * Check b's counts (indicator_board_checks()). Returns 0, or ERR_INTERNAL
 * with *e naming the first check that does not add up (its label and key)
 * and its two numbers, as report_build() does for the tasks.
 */
int indicator_board_reconcile(const struct indicator_board *b, struct err *e);

#endif

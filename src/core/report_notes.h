/*
 * report_notes: what units say and when they last said it, as of the
 * report's date (issue #14), computed on a built report (core/report.h)
 * without I/O:
 *
 * - issues raised: the latest "vướng mắc, kiến nghị" of each assignment
 *   the report counts and that is not done as of D (a done one's obstacle
 *   is behind it), in the programme's task order;
 * - stale assignments (`report --stale-after N`).
 *
 * Stale rule (docs/COUNTING.md §4): an assignment the report counts and that is
 * not done as of D (in progress, recurring or overdue) is stale when its
 * latest progress report dated on or before D is more than N days old
 * (D − date > N: exactly N days is not stale, N + 1 is). An assignment
 * never reported counts from the date of its task's earliest document,
 * the day it was assigned; with no dated document it is always listed
 * (days = -1: nothing says it is fresh).
 */
#ifndef GIAMSAT_REPORT_NOTES_H
#define GIAMSAT_REPORT_NOTES_H

#include "report.h"
#include "report_compare.h"

#include <stddef.h>

/* Default of --stale-after. */
#define REPORT_STALE_DAYS 45

struct report_stale {
    size_t assignment; /* index into r->prog->assignments */
    struct date last;  /* latest report on or before D; DATE_NONE: never reported */
    struct date since; /* what the age counts from: last, else the assignment date (may be unset) */
    long days;         /* D − since, or -1 when since is unset */
};

/**
 * The stale assignments of r (scope and filters as r's), the oldest first
 * (never-dated ones first of all), then in the programme's assignment
 * order. Returns a newly allocated array of *n items (free with free(); NULL when
 * none). after_days must be >= 0.
 */
struct report_stale *report_stale_build(const struct report *r, long after_days, size_t *n);

/* The latest issues of an assignment on or before D, as the store reads them. */
struct report_issue {
    long assignment_id; /* database id */
    size_t assignment;  /* index into r->prog->assignments: set by report_issues_select() */
    struct date on;     /* the report's date */
    char *text;         /* owned */
};

/**
 * Keep, of v[0..n) (each the latest report with issues of its assignment
 * dated on or before r's date), those of assignments r counts that are not
 * done as of its date, in task order then lead-cell order, compacted at
 * the front of v; the texts of the others are freed. Returns how many are
 * kept.
 */
size_t report_issues_select(const struct report *r, struct report_issue *v, size_t n);

/** Free v[0..n) and their texts. Accepts NULL. */
void report_issues_free(struct report_issue *v, size_t n);

/*
 * The units' table of the report (seed 004, "Các đơn vị có nhiệm vụ quá
 * hạn và nhiệm vụ có thời hạn D2"): the units of r->by_agency with an
 * assignment overdue or in progress due by D2, grouped by khối in the order
 * Đảng, Quốc hội, bộ/ngành (the Government's ministries and agencies),
 * đoàn thể, địa phương, khác; within a khối, more overdue first, then more
 * due by D2, then by name (Vietnamese order). Returns a newly allocated
 * array of *n indexes into r->by_agency (free with free(); NULL when none).
 */
size_t *report_unit_table(const struct report *r, size_t *n);

/* One part of the report on a document set (seed 004's Part II). */
struct report_part {
    const char *name;            /* the set's name; borrowed */
    const struct report *report; /* the report of the set's documents (opt.documents) */
};

/*
 * What a report may carry besides its own sections (NULL / 0 members:
 * absent). Everything borrowed. The JSON form and the laid-out document
 * show the same extras.
 */
struct request_summary;

struct report_extras {
    const struct report_compare *compare; /* --compare D0 */
    const struct report_part *sets;       /* --set NAME ... */
    size_t n_sets;
    bool notes;                        /* issues and stale below are computed */
    const struct report_issue *issues; /* report_issues_select()'s */
    size_t n_issues;
    const struct report_stale *stale; /* report_stale_build()'s */
    size_t n_stale;
    long stale_after; /* the N of --stale-after */
    const struct request_summary *requests; /* requests for explanation (core/request.h), or NULL */
    /*
     * The lists of each overdue and due task (annexes II and III) are sent
     * apart from the document (a Word report to sign: the spreadsheet holds
     * them): the laid-out report leaves them out and says they are attached.
     * The JSON form ignores it.
     */
    bool lists_apart;
};

/* The notes of one report as computed together (store_report_notes()); owned. */
struct report_notes {
    struct report_issue *issues;
    size_t n_issues;
    struct report_stale *stale;
    size_t n_stale;
    long stale_after;
};

#define REPORT_NOTES_INIT                                                                          \
    {                                                                                              \
        NULL, 0, NULL, 0, REPORT_STALE_DAYS                                                        \
    }

/** Point x's notes at n's (x->notes set); n must outlive x. */
void report_notes_extras(const struct report_notes *n, struct report_extras *x);

/** Free what n holds and reset it to REPORT_NOTES_INIT. */
void report_notes_release(struct report_notes *n);

#endif

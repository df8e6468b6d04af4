/*
 * report: the statistics report as of a date (issue #3, the shape of
 * seed 004), computed from a programme snapshot without I/O.
 *
 * Sections: the headline counts of tasks and assignments; counts per
 * directive document; overdue tasks; tasks in progress due by a date;
 * counts per unit with a ranking by on-time completion among assignments
 * due (core/rank.h); counts per field.
 * report_build() also checks that every total equals the sum of its parts
 * and fails when one does not: a report that does not add up is never
 * produced silently.
 *
 * Scope: tasks whose earliest document is dated after the as-of date are
 * not yet assigned and do not appear.
 *
 * Counting (DOMAIN.md): a task is done when all its considered
 * assignments are done, on the latest of their completion dates. Groups
 * and repeats are not counted; repeats are tallied in repeats_not_counted.
 * A task is attributed to its earliest document in by_document (or to the
 * filter document, or to its earliest among the filter documents), so
 * by_document partitions the total.
 *
 * The report borrows the programme: keep it alive until report_release().
 */
#ifndef GIAMSAT_REPORT_H
#define GIAMSAT_REPORT_H

#include "programme.h"
#include "status.h"
#include "util/err.h"

#include <stdbool.h>
#include <stddef.h>

/**
 * Whether task t exists as of as_of: from the date of its earliest
 * document on (a task with no dated document always does). The scope rule
 * of every count, so that any past report can be reproduced.
 */
bool report_task_exists(const struct programme *p, const struct prog_task *t, struct date as_of);

/**
 * The bucket of task ti as of as_of by the report's rule: every assignment
 * replayed to the date, the task done when all are, on the latest
 * completion date. N_BUCKETS for a group and for a task that does not
 * exist yet. states, when not NULL, has room for the task's assignments and
 * receives each one's replayed state, in the task's order.
 */
enum bucket report_task_bucket(const struct programme *p, size_t ti, struct date as_of,
                               struct assignment_state *states);

struct report_options {
    struct date as_of;  /* required */
    struct date due_by; /* unset: 31 December of as_of's year */
    size_t document;    /* only tasks of this document; PROG_NONE = all */
    size_t agency;      /* only this unit's assignments; PROG_NONE = all */
    /* Only tasks of any of these documents (indexes, borrowed, n_documents of them; a
     * union: `--document A --document B`, a document set). Overrides document when
     * n_documents > 0. A task is attributed to the earliest of them it names. */
    const size_t *documents;
    size_t n_documents;
};

/* A counted task as of the date. */
struct report_task {
    size_t task;              /* index into prog->tasks */
    enum bucket bucket;
    struct date completed_on; /* set when done */
    size_t units_total;       /* assignments considered */
    size_t units_not_done;
    size_t *not_done;         /* agency indexes of the units not done */
    bool undated;             /* open, deadline has no date: "chưa xác định thời hạn" */
};

struct report_document_row {
    size_t document; /* PROG_NONE: tasks linked to no document */
    struct bucket_counts tasks;
    long repeats;    /* repeated tasks in this document, not counted */
};

struct report_field_row {
    const char *field; /* borrowed from a task; "" when the task has none */
    struct bucket_counts tasks;
    long repeats;      /* repeated tasks in this field, not counted */
};

struct report_agency_row {
    size_t agency;
    struct bucket_counts assignments;
    long total;       /* assignments of this unit */
    long due_by;      /* in progress (dated) with due <= due_by */
    long on_time_pct; /* done_on_time / total, whole percent rounded half up */
    long due;         /* due as of the date: done + overdue (core/rank.h) */
    long rank;        /* by core/rank.h: 1 = best; ties share a rank; 0 = nothing due */
};

/* One line of the reconciliation block: a total and the sum of its parts. */
struct report_check {
    const char *key;   /* stable: "tasks", "done", "assignments", "overdue", "by_document.overdue", ... */
    const char *label; /* Vietnamese, for the rendered report */
    long total;
    long sum;
};

struct report {
    struct report_options opt; /* due_by filled in */
    const struct programme *prog;

    struct bucket_counts tasks;       /* counted tasks */
    struct bucket_counts assignments; /* assignments of counted tasks */
    long repeats_not_counted;
    long no_due_date; /* open tasks whose deadline has no date */
    long n_units;     /* distinct units with an assignment */

    struct report_task *items; /* every counted task, programme order */
    size_t n_items;
    size_t *overdue;  /* indexes into items, by due date */
    size_t n_overdue;
    size_t *due_soon; /* in progress, due <= due_by, by due date */
    size_t n_due_soon;

    struct report_document_row *by_document; /* document date order */
    size_t n_by_document;
    struct report_agency_row *by_agency; /* units with overdue first */
    size_t n_by_agency;
    size_t *ranking;                     /* indexes into by_agency, best first (core/rank.h) */
    size_t n_ranked;                     /* the first n_ranked of ranking have a rank */
    struct report_field_row *by_field;   /* first-appearance order */
    size_t n_by_field;

    /* Per assignment of prog (same index): its bucket, or N_BUCKETS when
     * the assignment is not counted (group, repeat, filtered out). */
    enum bucket *assignment_bucket;

    struct report_check *checks;
    size_t n_checks;
    bool reconciled;
};

#define REPORT_INIT { 0 }

/**
 * Compute the report. *out must be REPORT_INIT; on success it owns its
 * arrays (free with report_release()). Errors: ERR_INVALID when as_of is
 * unset or due_by precedes as_of; ERR_INTERNAL, naming the first sum that
 * does not reconcile, when a check fails (*out is still filled, so the
 * caller may show the block).
 */
int report_build(const struct programme *p, const struct report_options *opt,
                 struct report *out, struct err *e);

/* Why a task listed is or is not counted (docs/COUNTING.md "Bảng thuật ngữ"). */
enum report_exclusion {
    REPORT_COUNTED,     /* one of the report's tasks */
    REPORT_GROUP,       /* a group of sub-tasks: its sub-tasks are counted */
    REPORT_REPEAT,      /* repeats an earlier task: not counted twice */
    REPORT_OUT_OF_SCOPE /* not assigned yet as of the date, or outside the report's filter */
};

/**
 * Why task ti of r->prog is or is not counted in r: the one definition
 * the task list, a unit's page and the report share.
 */
enum report_exclusion report_task_exclusion(const struct report *r, size_t ti);

/** Free what report_build() allocated; accepts a REPORT_INIT report. */
void report_release(struct report *r);

/**
 * The document a task of r is counted under in r->by_document: the first of
 * its documents the report is filtered on, else its first; PROG_NONE for a
 * task linked to no document.
 */
size_t report_primary_document(const struct report *r, const struct prog_task *t);

/** The name of a by_document row ("Không ghi văn bản" for PROG_NONE). */
const char *report_document_name(const struct report *r, const struct report_document_row *row);

/** The field label of a row ("Chưa phân lĩnh vực" for ""). */
const char *report_field_label(const struct report_field_row *row);

#endif

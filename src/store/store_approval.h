/*
 * store_approval: approval of progress reports (schema 16, core/approval.h
 * for the states): which units require their leader's approval, the
 * append-only review steps of each report, and which reports the
 * statistics count.
 *
 * Same contracts as the other store modules: 0 or a negative err kind with the message in
 * *e (Vietnamese: a person reads it); a write opens and commits its own
 * transaction with its audit line and rolls back on any failure.
 */
#ifndef GIAMSAT_STORE_APPROVAL_H
#define GIAMSAT_STORE_APPROVAL_H

#include "core/access.h"
#include "core/approval.h"
#include "store_auth.h"

#include <stdbool.h>
#include <stddef.h>

/**
 * Require (or stop requiring) the approval of unit agency_id's leader for
 * the reports its focal points enter from now on, audited
 * ("approval.require"). Reports entered before keep what they needed.
 */
int store_approval_require(struct db *db, long agency_id, bool required,
                           const struct audit_entry *a, struct err *e);
/** Whether unit agency_id requires approval (false when never set). */
int store_approval_required(struct db *db, long agency_id, bool *required, struct err *e);

/** The counting rule in force (COUNT_SUBMITTED until an office sets one). */
int store_count_policy(struct db *db, enum count_policy *p, struct err *e);
/** Set the counting rule, audited ("count_policy.set"). */
int store_count_policy_set(struct db *db, enum count_policy p, const struct audit_entry *a,
                           struct err *e);

/* Who takes a review step, for the permission check. */
struct reviewer {
    enum role role;
    long agency_id; /* the reviewer's unit, 0 for the office */
    bool operator;  /* the command line: whoever holds the database file acts for the
                     * leader or the office, audited as "cli" */
};

/**
 * Append a review step, dated on, to report report_id, audited
 * ("progress.approve", ".reject", ".accept", ".return"). A reject or a
 * return needs a comment. ERR_NOT_FOUND for no such report; ERR_FORBIDDEN
 * when who may not take the step on that unit's report
 * (access_can_review()); ERR_CONFLICT when the step may not follow
 * (approval_refusal()'s reason).
 */
int store_review_add(struct db *db, long report_id, enum review_step step, struct date on,
                     const char *comment, const struct reviewer *who, const struct audit_entry *a,
                     struct err *e);

/* One report with its review, as the review lists show it. */
struct review_view {
    long report_id, task_id, agency_id;
    char *unit, *task_name, *kind; /* kind: "progress", "done", "reopen" */
    struct date reported_on;
    bool needs_approval;
    enum report_state state; /* now */
    struct review *steps;    /* in the order taken */
    char **comments, **by;   /* per step */
    size_t n_steps;
};

/**
 * The reports under review of unit agency_id (0: every unit) in state
 * `state` now (-1: any): those that need approval, have a review step or
 * are completions (the office may accept any completion), newest first,
 * at most limit (0: no limit). *out is newly allocated: free with
 * review_views_free().
 */
int store_review_list(struct db *db, long agency_id, int state, size_t limit,
                      struct review_view **out, size_t *n, struct err *e);
/** One report's review; ERR_NOT_FOUND when there is no such report. */
int store_review_get(struct db *db, long report_id, struct review_view *out, struct err *e);
/**
 * The state now of each report ids[0..n) into states[0..n): an enum
 * report_state, or -1 for a report that needed no approval and has no
 * review step (submitted as entered, what most reports are).
 */
int store_review_states(struct db *db, const long *ids, size_t n, int *states, struct err *e);
void review_view_release(struct review_view *v);
void review_views_free(struct review_view *v, size_t n);

#endif

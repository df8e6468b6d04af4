/*
 * store_requests: requests for explanation and their steps (schema 15,
 * core/request.h for the lifecycle). Both tables are append-only: a
 * request is never changed, a step never undone; what happened is the
 * sequence of steps.
 *
 * Same contracts as the other store modules: 0 or a negative err kind with the message in
 * *e (Vietnamese: a person reads it); a write opens and commits its own
 * transaction with its audit line and rolls back on any failure.
 */
#ifndef GIAMSAT_STORE_REQUESTS_H
#define GIAMSAT_STORE_REQUESTS_H

#include "core/request.h"
#include "store_auth.h"

#include <stddef.h>

/* A new request: about task_id or indicator_id (exactly one of them). */
struct request_input {
    long task_id, indicator_id;
    long agency_id;
    const char *content; /* required */
    const char *number;  /* the letter's number, or NULL */
    struct date issued_on, due;
};

/* One step as stored. */
struct request_step_view {
    struct request_step step;
    char *explanation, *remedy, *comment, *created_at, *created_by;
};

/* One request as stored, with its steps in the order taken. */
struct request_view {
    long id, task_id, indicator_id, agency_id;
    char *task_name, *indicator_code, *unit, *content, *number, *created_at, *created_by;
    struct date issued_on, due;
    struct request_step_view *steps;
    size_t n_steps;
};

/**
 * Store a request, audited ("request.add"); *id receives its id.
 * ERR_NOT_FOUND for a task or indicator that does not exist; ERR_INVALID
 * for an empty content, a deadline before the issue date, or a task the
 * unit does not lead.
 */
int store_request_add(struct db *db, const struct request_input *in, const struct audit_entry *a,
                      long *id, struct err *e);

/**
 * Append a step to request id, audited ("request.answer", "request.accept",
 * "request.return"): an answer with its explanation and remedy (required)
 * and the unit's new committed date in step->new_due; a return with its
 * comment (required). ERR_NOT_FOUND for no such request; ERR_CONFLICT when
 * the step may not follow (request_step_refusal()'s reason).
 */
int store_request_step(struct db *db, long id, const struct request_step *step,
                       const char *explanation, const char *remedy, const char *comment,
                       const struct audit_entry *a, struct err *e);

/**
 * Every request (agency_id 0) or one unit's, oldest first, with its steps.
 * Free with request_views_free().
 */
int store_request_list(struct db *db, long agency_id, struct request_view **out, size_t *n,
                       struct err *e);
void request_views_free(struct request_view *v, size_t n);

/**
 * Request id with its steps: *out receives a newly allocated view; free with
 * request_views_free(*out, 1). ERR_NOT_FOUND, in Vietnamese, when there is
 * no such request (*out NULL).
 */
int store_request_get(struct db *db, long id, struct request_view **out, struct err *e);

/** request_replay() of v's steps as of as_of. */
struct request_status request_view_status(const struct request_view *v, struct date as_of);

/**
 * The summary of every request (agency_id 0) or one unit's as of as_of,
 * for the statistics report, into *out (REQUEST_SUMMARY_INIT; free with
 * request_summary_release()).
 */
int store_request_summary(struct db *db, long agency_id, struct date as_of,
                          struct request_summary *out, struct err *e);

#endif

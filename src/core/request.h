/*
 * request: requests for explanation (yêu cầu giải trình, issue #15) and
 * their lifecycle, computed from their dated steps. Core, no I/O.
 *
 * The steering office issues a request to a unit about an overdue task or
 * a red indicator, with a response deadline. The unit answers (an
 * explanation, a remedy and a new committed date); the office accepts the
 * answer or returns it with a comment (and a new response deadline), which
 * opens another round. Steps are append-only: the state of a request as of
 * any date is replayed from the steps dated up to it, so a past state is
 * reproduced exactly.
 *
 * States as of a date D: "open" (issued, no answer in the current round,
 * response deadline not passed), "overdue" (the same past the deadline),
 * "answered" (answered, not yet accepted or returned), "accepted" (the last
 * step an acceptance). A round's answer is on time when dated on or before
 * that round's deadline.
 */
#ifndef GIAMSAT_REQUEST_H
#define GIAMSAT_REQUEST_H

#include "date.h"

#include <stdbool.h>
#include <stddef.h>

enum request_step_kind { STEP_ANSWER, STEP_ACCEPT, STEP_RETURN, N_STEP_KINDS };

enum request_state { REQ_OPEN, REQ_OVERDUE, REQ_ANSWERED, REQ_ACCEPTED, N_REQUEST_STATES };

struct request_step {
    enum request_step_kind kind;
    struct date on;      /* when it was taken */
    struct date new_due; /* an answer: the unit's new committed date; a return: the next
                          * round's response deadline (unset: the request's) */
};

/* What the steps say as of a date. */
struct request_status {
    enum request_state state;
    int round;                /* 1, then one more per return */
    struct date due;          /* the current round's response deadline */
    struct date answered_on;  /* the current round's answer, unset when none */
    bool answered_late;       /* that answer came after the round's deadline */
    long late_answers;        /* answers over all rounds that came late */
};

/** "answer", "accept", "return", and the kind whose key is key (-1: none). */
const char *request_step_key(enum request_step_kind k);
int request_step_parse(const char *key);
/** "open", "overdue", "answered", "accepted", and parsing (-1: none). */
const char *request_state_key(enum request_state s);
int request_state_parse(const char *key);
/** Vietnamese: "Đang chờ trả lời", "Quá hạn trả lời", "Đã trả lời", "Đã chấp nhận". */
const char *request_state_label(enum request_state s);

/**
 * The status as of as_of of a request issued on `issued` with response
 * deadline `due`, whose steps (in the order taken) are steps[0..n); steps
 * dated after as_of are not seen.
 */
struct request_status request_replay(struct date issued, struct date due,
                                     const struct request_step *steps, size_t n,
                                     struct date as_of);

/**
 * Whether step `next` may follow the steps seen as of its date: an answer
 * needs an open round, an acceptance or a return an answer. NULL when it
 * may, else the reason in Vietnamese (static).
 */
const char *request_step_refusal(struct date issued, struct date due,
                                 const struct request_step *steps, size_t n,
                                 const struct request_step *next);

/* One open or overdue request as the statistics report lists it (strings owned). */
struct request_summary_item {
    long id;
    char *unit;    /* canonical name */
    char *subject; /* "Nhiệm vụ: …" or "Chỉ tiêu 11.1" */
    char *content;
    struct date issued_on, due; /* due: the current round's */
    enum request_state state;   /* REQ_OPEN or REQ_OVERDUE */
};

/* The requests of a report's scope as of its date (the section "Yêu cầu giải trình"). */
struct request_summary {
    struct date as_of;
    long count[N_REQUEST_STATES];       /* requests issued by as_of, by state */
    struct request_summary_item *open;  /* the open and overdue ones, overdue first, oldest first */
    size_t n_open;
};

#define REQUEST_SUMMARY_INIT { { 0 }, { 0 }, NULL, 0 }

/** s when a request had been issued by its date, else NULL (the report leaves the section out). */
const struct request_summary *request_summary_any(const struct request_summary *s);

/** Free s's items; s is left REQUEST_SUMMARY_INIT. Accepts an empty summary. */
void request_summary_release(struct request_summary *s);

#endif

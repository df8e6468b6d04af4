/*
 * notice: what an event becomes in a user's inbox and mail (issue #15) —
 * the kinds of notification, their Vietnamese title and body, the key
 * that makes each one idempotent, the mail queue's back-off and the
 * digest's week. Core, no I/O: store_notify.c stores what these build,
 * the front-ends decide when.
 *
 * Idempotency: a notice's key is "KIND|ITEM|DATE" (notice_key()); the
 * store prefixes the user, so one user gets a given notice once however
 * often a job runs. DATE is the date the notice is about: the day a step
 * was taken, the day a warning began to hold, a deadline, the Monday of
 * a digest's week.
 */
#ifndef GIAMSAT_NOTICE_H
#define GIAMSAT_NOTICE_H

#include "date.h"

#include <stddef.h>

enum notice_kind {
    NOTICE_REQUEST,         /* a request for explanation issued to my unit */
    NOTICE_ANSWERED,        /* a unit answered a request (for the office) */
    NOTICE_RETURNED,        /* the office returned my unit's answer */
    NOTICE_DEADLINE,        /* an assignment or a request of my unit is due soon */
    NOTICE_WARNING,         /* a new early warning for my unit */
    NOTICE_REPORT_RETURNED, /* a progress report of my unit was returned */
    NOTICE_DIGEST,          /* the weekly reminder letter */
    N_NOTICE_KINDS
};

/* One notice, ready to store. All strings owned; release with notice_release(). */
struct notice {
    enum notice_kind kind;
    char *key;   /* "KIND|ITEM|DATE", see above */
    char *title; /* one line, Vietnamese */
    char *body;  /* plain text, Vietnamese, lines separated by '\n' */
    char *link;  /* a path of the web application ("/tasks/12"), or "" */
};

#define NOTICE_INIT                                                                                \
    {                                                                                              \
        NOTICE_REQUEST, NULL, NULL, NULL, NULL                                                     \
    }

/** The stored key of kind ("request", "answered", ...). */
const char *notice_kind_key(enum notice_kind kind);
/** The Vietnamese label of kind ("Yêu cầu giải trình", ...). */
const char *notice_kind_label(enum notice_kind kind);
/** The kind whose key is s, or -1. */
int notice_kind_parse(const char *s);

/**
 * Fill *n (NOTICE_INIT) for kind about item (e.g. "request:3") on date
 * on, with the title, body and link given (copied; body and link may be
 * NULL for ""). Free with notice_release().
 */
void notice_set(struct notice *n, enum notice_kind kind, const char *item, struct date on,
                const char *title, const char *body, const char *link);
void notice_release(struct notice *n);

/* What a request's notice is made of (all borrowed). */
struct notice_request {
    long id;
    const char *subject; /* "nhiệm vụ «...»" or "chỉ tiêu CODE" */
    const char *unit;    /* the unit asked */
    const char *content; /* what was asked */
    const char *text;    /* the answer's explanation or the return's comment, or NULL */
    const char *link;    /* the task's or indicator's page */
    struct date on, due; /* the step's date; the deadline now in force */
};

/**
 * The notice of a request issued (NOTICE_REQUEST), answered
 * (NOTICE_ANSWERED) or returned (NOTICE_RETURNED) into *n (NOTICE_INIT).
 * Any other kind is a BUG().
 */
void notice_of_request(struct notice *n, enum notice_kind kind, const struct notice_request *r);

/* What a warning's notice is made of (all borrowed). */
struct notice_warning {
    const char *item;    /* "task:12:overdue", unique per warning */
    const char *rule;    /* the rule's label (warning_rule_label()) */
    const char *subject; /* "nhiệm vụ «...»", "chỉ tiêu CODE" or the unit's name */
    const char *reason;  /* why it holds (Vietnamese) */
    const char *link;
    struct date since;  /* since when it holds: the notice's date */
    struct date key_on; /* the key's date instead, when set (a rule whose "since" is
                         * always the day it is computed: once a week, its Monday) */
};

/**
 * The notice of a warning that began to hold (NOTICE_WARNING) or of a
 * deadline coming near (NOTICE_DEADLINE: the due_soon rule) into *n.
 */
void notice_of_warning(struct notice *n, enum notice_kind kind, const struct notice_warning *w);

/**
 * The weekly digest of unit `unit` (agency id agency_id) for the week
 * starting on monday: the reminder letter's text as body (copied).
 */
void notice_of_digest(struct notice *n, long agency_id, const char *unit, struct date monday,
                      const char *letter);

/** Days before its deadline an open request is notified (NOTICE_DEADLINE). */
#define NOTICE_REQUEST_DAYS 3

/**
 * The notice that request r's answer is due on r->due, days_left days
 * after r->on (NOTICE_DEADLINE, keyed by the request and its deadline: a
 * new round's deadline is notified again).
 */
void notice_of_request_due(struct notice *n, const struct notice_request *r, long days_left);

/** Days a warning stays "new": older ones are not notified (the first run is not a flood). */
#define NOTICE_NEW_DAYS 7

/**
 * NULL when email looks like an address a mail server takes (one '@',
 * something on both sides, a dot in the domain, no space, control
 * character or '<>,;', at most 254 bytes), else why not (Vietnamese).
 */
const char *notice_email_check(const char *email);

/**
 * Seconds to wait before attempt `attempts` + 1 of a mail that failed
 * `attempts` (>= 1) times: 60 s doubled for each failure, at most 6 hours.
 */
long notice_backoff(int attempts);
/** A mail is given up ('failed') after this many attempts. */
#define NOTICE_MAX_ATTEMPTS 12

/** ISO weekday of d, 1 (Monday) .. 7 (Sunday); d must be set. */
int notice_weekday(struct date d);
/** The Monday of d's week; d must be set. */
struct date notice_week_start(struct date d);

#endif

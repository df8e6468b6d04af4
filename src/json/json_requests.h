/*
 * json_requests: requests for explanation as JSON (issue #15), the
 * contract of `giamsat request list --format json` and /api/v1/requests.
 * One item:
 *   {"id","task":ID|null,"task_name"|null,"indicator":"CODE"|null,"unit",
 *    "content","number"|null,"issued_on","due","state","state_label",
 *    "round","answered_on"|null,"answered_late","late_answers",
 *    "steps":[{"kind":"answer|accept|return","on","new_due"|null,
 *              "explanation"|null,"remedy"|null,"comment"|null,"by","at"}]}
 * where "due" and the state are the current round's as of the list's
 * date, and only what had happened by that date is listed (a request
 * issued later is left out, so are later steps). Functions return a newly allocated JSON text; free() it.
 */
#ifndef GIAMSAT_JSON_REQUESTS_H
#define GIAMSAT_JSON_REQUESTS_H

#include "store/store_requests.h"

/**
 * [item, ...] of v[0..n) as of as_of; with state >= 0 (an enum
 * request_state) only the requests in that state.
 */
char *json_request_list(const struct request_view *v, size_t n, struct date as_of, int state);

/** One item (as above) of v as of as_of, for GET and POST /api/v1/requests/{id}. */
char *json_request_one(const struct request_view *v, struct date as_of);

/*
 * The report's "requests" (a new reference, for json_report.c):
 *   {"as_of","total","open","overdue","answered","accepted",
 *    "waiting":[{"id","unit","subject","content","issued_on","due","state"}]}
 * where "waiting" holds the open and overdue requests, overdue first.
 */
struct json_t;
struct json_t *json_request_summary_value(const struct request_summary *s);

/*
 * A POST /api/v1/requests... body, read: the fields of `giamsat request`
 * (add: task, indicator, document, unit, due, content, number; answer:
 * explanation, remedy, new_due; return: comment, due; every step: date).
 * Strings owned (NULL when absent, null or ""); dates unset when absent.
 */
struct request_body {
    long task;
    long indicator_id; /* the pages name an indicator by id (not a JSON field), 0: none */
    char *indicator, *document, *unit, *content, *number;
    char *explanation, *remedy, *comment;
    struct date date, due, new_due;
};

#define REQUEST_BODY_INIT ((struct request_body){ 0 })

/**
 * Read body (len bytes) into *out (REQUEST_BODY_INIT), accepting only the
 * fields named in allowed (NULL-terminated). Dates are "YYYY-MM-DD" or
 * "dd/mm/yyyy". ERR_INVALID naming the field for: not a JSON object, an
 * unknown or repeated field, a value of the wrong type, too long or not a
 * date. Release *out with request_body_release() in every case.
 */
int json_request_read(const char *body, size_t len, const char *const *allowed,
                      struct request_body *out, struct err *e);
void request_body_release(struct request_body *b);

#endif

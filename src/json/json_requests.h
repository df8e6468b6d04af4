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

#endif

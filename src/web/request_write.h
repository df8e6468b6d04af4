/*
 * request_write: the writes of requests for explanation (issue #15) that
 * the API (api_requests.c) and the pages (page_requests.c) share: issuing
 * one, and taking a step (answer, accept, return) with the caller's right
 * to take it checked and a refusal audited.
 *
 * Who may do what: issuing, accepting and returning are the steering
 * office's (quản trị, giám sát: access_can_manage()); answering is only the
 * addressed unit's focal point (a don_vi user or token of that unit). The
 * routes that issue, accept and return carry R_MANAGE, so app_handle()
 * refuses others; the answer route is open to signed-in callers and the
 * unit is checked here.
 *
 * Functions return 0 or a negative err kind with a Vietnamese message in
 * *e (a person reads it on a page; the API passes it on); *field names the
 * body field at fault when one is (else NULL). Dates default to today; a
 * date after today is refused. When the database cannot be opened, rs
 * holds the 500 already and ERR_STORAGE is returned.
 */
#ifndef GIAMSAT_REQUEST_WRITE_H
#define GIAMSAT_REQUEST_WRITE_H

#include "http.h"
#include "json/json_requests.h"

/**
 * Issue the request b describes (unit, task or indicator [+ document],
 * content, due, number, date), audited as rq's caller ("request.add");
 * *id receives its id. ERR_INVALID / ERR_NOT_FOUND naming the field.
 */
int request_write_issue(struct req *rq, struct resp *rs, const struct request_body *b, long *id,
                        const char **field, struct err *e);

/**
 * Take step kind on request id with b's texts and dates (answer:
 * explanation, remedy, new_due; return: comment, due; every step: date).
 * ERR_NOT_FOUND for no such request; ERR_FORBIDDEN when the caller may not
 * take it (the refusal is audited, action "request.denied"); ERR_INVALID or
 * ERR_CONFLICT as store_request_step() says.
 */
int request_write_step(struct req *rq, struct resp *rs, long id, enum request_step_kind kind,
                       const struct request_body *b, const char **field, struct err *e);

/** Whether rq's caller may answer a request addressed to unit agency_id. */
bool request_can_answer(const struct req *rq, long agency_id);

#endif

/*
 * page_requests: requests for explanation (issue #15) on the web.
 *   GET  /requests              the list by state (overdue, open, answered,
 *                               accepted) as of a date, filtered by state and unit
 *   GET  /requests/new          the office's form to issue one (?task=ID or
 *                               ?indicator=ID, optional &unit=ID)
 *   POST /requests              issue it
 *   GET  /requests/:id          one request: facts, its dated and attributed
 *                               steps, and the forms its reader may use
 *   POST /requests/:id/answer   the addressed unit's answer
 *   POST /requests/:id/accept   the office accepts the answer
 *   POST /requests/:id/return   the office returns it with a comment
 *   GET  /requests/:id/letter   the letter "Công văn đề nghị giải trình" (DOCX)
 * Writes go through request_write.h (the API's path), forms carry CSRF and
 * show form.h's error summary. A don_vi user's list holds only its unit's.
 */
#ifndef GIAMSAT_PAGE_REQUESTS_H
#define GIAMSAT_PAGE_REQUESTS_H

#include "http.h"

/**
 * The box of a unit's page: its scorecard of answers (on time, late,
 * unanswered) and its open and overdue requests as of as_of, linked to
 * /requests?agency=ID. Nothing when the unit has had no request. A read
 * failure leaves the box out (the page is still useful without it).
 */
void page_requests_unit_box(struct req *rq, struct resp *rs, long agency_id, struct date as_of);

#endif

/*
 * report_requests: the section "Yêu cầu giải trình" (key yeu_cau, issue
 * #15) of the statistics report: how many requests for explanation are in
 * each state as of the report's date, then the open and overdue ones. The
 * caller appends it to a report_doc_build() document, as it appends the
 * comparison (report_doc.h), when it has the requests of the report's scope.
 */
#ifndef GIAMSAT_REPORT_REQUESTS_H
#define GIAMSAT_REPORT_REQUESTS_H

#include "core/request.h"
#include "rdoc.h"

/** Append the section of s to d; s is borrowed, text copied. */
void report_doc_add_requests(const struct request_summary *s, struct rdoc *d);

#endif

/*
 * page_warnings: the early warnings (issue #15) on the web. The page
 * "Cảnh báo" (GET /warnings: warnings by severity and unit as of a date,
 * filtered by rule, severity, unit and task, paged) and its export
 * (GET /warnings/export?format=csv|xlsx, the same filtered list, the file
 * named after the filter); and what the other pages and the API share:
 * the warnings as of a date under the settings in force, and the short
 * box the dashboard, a unit's page and a task's page show.
 *
 * A don_vi user sees only its own unit's warnings, whatever ?agency= says.
 */
#ifndef GIAMSAT_PAGE_WARNINGS_H
#define GIAMSAT_PAGE_WARNINGS_H

#include "http.h"
#include "core/warning.h"

#include <stdbool.h>

/* The warnings as of a date; everything is the request's (released with its arena). */
struct page_warnings {
    /* every unit's, every rule's (or those asked): the server's cached list or a copy in
     * the arena borrowing its texts; read-only */
    struct warning_list list;
    const struct programme *prog;        /* the snapshot they index: read-only */
    const struct indicator_board *board; /* the indicators they index: read-only */
    struct date as_of;
    size_t agency;     /* the unit asked (an index into prog's agencies), or PROG_NONE */
    bool unit_unknown; /* a unit was asked that the programme does not hold: list empty */
};

/**
 * The warnings as of as_of under the settings in force (store_warnings.h),
 * from the server's cached reports as of that date and a month earlier,
 * computed once per report and settings (report_cache_warnings()) and
 * filtered here.
 * agency_id: only that unit's (0: every unit; a unit the programme does
 * not hold gives an empty list and unit_unknown); rule: an enum
 * warning_rule or -1. 0, or -1 after a 500 response.
 */
int page_warnings_load(struct req *rq, struct resp *rs, struct date as_of, long agency_id, int rule,
                       struct page_warnings *out);

/**
 * A box "Cảnh báo" listing at most max of w's warnings that are about task
 * task_id (0: any) and unit agency_id (0: any), each with its severity,
 * reason and since-date, then a link "Xem tất cả N cảnh báo" to more_href
 * (a literal path and query, escaped here). Nothing when there are none.
 */
void page_warnings_box(struct buf *b, const struct page_warnings *w, long task_id, long agency_id,
                       const char *more_href, size_t max);

/**
 * Load and draw page_warnings_box() as of as_of for a page: the task's
 * (task_id), the unit's (agency_id) or, both 0, every unit's (a don_vi
 * user: its own), at most 5 lines, linked to /warnings filtered the same
 * way (and ?as_of= when the page has one). 0, or -1 after a 500 response.
 */
int page_warnings_section(struct req *rq, struct resp *rs, struct date as_of, long task_id,
                          long agency_id);

/** A link "Gửi yêu cầu giải trình" to the form for task_id or indicator_id, unit agency_id. */
void page_request_link(struct buf *b, long task_id, long indicator_id, long agency_id);

#endif

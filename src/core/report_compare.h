/*
 * report_compare: what changed since the office's previous report (issue
 * #14, "55 … trong 107 … tại thời điểm 14/11/2025"): the headline counts
 * and each unit's counts as of an earlier date D0 beside those of the
 * report, the tasks that became overdue and those completed since D0.
 * Core, no I/O.
 *
 * Both reports are of the same programme and the same scope (document,
 * unit), computed by report_build() as of D0 and as of D > D0. A task
 * "became overdue" when it is overdue as of D and was not as of D0 (in
 * progress then, or not yet assigned); it was "completed since" when it is
 * done as of D and was not as of D0. Reports count what was reported by
 * each date (DOMAIN.md: events are replayed by their report date), so a
 * completion reported after D0 counts as since D0 even when its
 * completion date is earlier: the office's previous report could not
 * have counted it.
 */
#ifndef GIAMSAT_REPORT_COMPARE_H
#define GIAMSAT_REPORT_COMPARE_H

#include "report.h"
#include "util/err.h"

#include <stddef.h>

/* A unit's assignments as of D0 and as of D. */
struct compare_agency_row {
    size_t agency; /* index into the programme's agencies */
    struct bucket_counts before, after;
    long due_by_before, due_by_after; /* in progress, due by the report's due_by */
};

struct report_compare {
    const struct report *before, *after; /* borrowed */
    struct compare_agency_row *by_agency; /* after's unit order, then units only before */
    size_t n_by_agency;
    size_t *newly_overdue;   /* indexes into after->items, by due date */
    size_t n_newly_overdue;
    size_t *completed_since; /* indexes into after->items, by completion date */
    size_t n_completed_since;
};

#define REPORT_COMPARE_INIT { 0 }

/**
 * Compare before (as of D0) with after (as of D). Both are borrowed and
 * must outlive *out. Errors: ERR_INVALID when they are of different
 * programmes or scopes, or D0 is not earlier than D (the message says
 * which, in Vietnamese, naming the dates). *out must be
 * REPORT_COMPARE_INIT; free with report_compare_release().
 */
int report_compare_build(const struct report *before, const struct report *after,
                         struct report_compare *out, struct err *e);

/** Free what report_compare_build() allocated; accepts REPORT_COMPARE_INIT. */
void report_compare_release(struct report_compare *c);

#endif

/*
 * approval: the review of progress reports (phê duyệt, issue #15) and
 * which reports the statistics count. Core, no I/O.
 *
 * A unit may require its leader (role lanh_dao_don_vi) to approve the
 * reports its staff enter before the steering office sees them as
 * submitted: such a report starts "pending" and becomes "submitted" when
 * approved, or "rejected" (back to the unit). Any submitted report may
 * then be "accepted" or "returned" by the office. Review steps are
 * append-only and dated, so a report's state as of any date is replayed
 * from the steps dated up to it, and a past report is reproduced exactly.
 *
 * The office chooses which states count (enum count_policy); the choice
 * becomes a window of dates per report, [from, until), outside which the
 * replay of an assignment's completion (status_replay()) skips it.
 */
#ifndef GIAMSAT_APPROVAL_H
#define GIAMSAT_APPROVAL_H

#include "date.h"
#include "status.h"

#include <stdbool.h>
#include <stddef.h>

enum report_state {
    REPORT_SUBMITTED, /* đã gửi: entered (and approved where approval is required) */
    REPORT_PENDING,   /* chờ lãnh đạo đơn vị duyệt */
    REPORT_REJECTED,  /* lãnh đạo đơn vị trả lại */
    REPORT_ACCEPTED,  /* Văn phòng đã chấp nhận */
    REPORT_RETURNED,  /* Văn phòng trả lại */
    N_REPORT_STATES
};

enum review_step { REVIEW_APPROVE, REVIEW_REJECT, REVIEW_ACCEPT, REVIEW_RETURN, N_REVIEW_STEPS };

/* Which reports the statistics count. */
enum count_policy {
    COUNT_SUBMITTED, /* "da_gui" (default): submitted or accepted */
    COUNT_ACCEPTED,  /* "da_chap_nhan": accepted only */
    COUNT_ALL,       /* "tat_ca": every report as entered, approval or not */
    N_COUNT_POLICIES
};

struct review {
    enum review_step step;
    struct date on;
};

/** "submitted", "pending", "rejected", "accepted", "returned"; parse: -1 when unknown. */
const char *report_state_key(enum report_state s);
int report_state_parse(const char *key);
/** Vietnamese: "Đã gửi", "Chờ lãnh đạo đơn vị duyệt", ... */
const char *report_state_label(enum report_state s);
/** "approve", "reject", "accept", "return"; parse: -1 when unknown. */
const char *review_step_key(enum review_step s);
int review_step_parse(const char *key);
/** True for the steps a unit's leader takes (approve, reject); false for the office's. */
bool review_step_by_unit(enum review_step s);
/** "da_gui", "da_chap_nhan", "tat_ca"; parse: -1 when unknown. */
const char *count_policy_key(enum count_policy p);
int count_policy_parse(const char *key);
/** The sentence the report prints: which reports its figures count. */
const char *count_policy_label(enum count_policy p);

/**
 * The state as of as_of of a report that needed approval or not, whose
 * review steps (in the order taken) are steps[0..n); steps dated after
 * as_of are not seen.
 */
enum report_state approval_state(bool needs_approval, const struct review *steps, size_t n,
                                 struct date as_of);

/**
 * Whether `step` may follow the report's state now: approve and reject
 * need a pending report, accept and return a submitted one. NULL when it
 * may, else the reason in Vietnamese (static).
 */
const char *approval_refusal(enum report_state now, enum review_step step);

/**
 * The window in which policy counts a report dated reported_on: it counts
 * as of D when from <= D and (until is unset or D < until). Sets
 * ev->windowed and the window (days, date_to_days()) only when the window
 * is not [reported_on, forever), so a report without review costs nothing.
 */
void approval_window(enum count_policy policy, bool needs_approval, const struct review *steps,
                     size_t n, struct progress_event *ev);

#endif

/*
 * page_indicators: what the Chỉ tiêu pages (page_indicators.c: the list
 * with its filters and tallies; page_indicator.c: one indicator;
 * page_indicator_form.c: its measurement and baseline forms and their
 * submissions), Tổng quan and Đơn vị share — the indicator board as of
 * the page's date, the status badge, the traffic lights, and the points
 * of a trend chart.
 *
 * Statuses are never decided here: they come from indicator_evaluate()
 * (core/indicator.h) through the board (core/indicator_board.h), so every
 * page, the command line and the API give an indicator the same status
 * and rule for the same date. Everything allocated for a request lives in
 * its arena or is released with it.
 */
#ifndef GIAMSAT_PAGE_INDICATORS_H
#define GIAMSAT_PAGE_INDICATORS_H

#include "core/indicator_board.h"
#include "http.h"
#include "render/svg.h"

#include <stddef.h>

struct audit_view; /* store/store_auth.h: one audit line, as page_baselines() lists them */

/* The statuses in the order pages show them: green, amber, red, grey. */
extern const enum indicator_status page_ind_order[4];

/**
 * Every indicator with its status as of as_of, read from the request's
 * database; released with the request's arena (read-only). NULL after a
 * 500 response.
 */
const struct indicator_board *page_board_load(struct req *rq, struct resp *rs, struct date as_of);

/**
 * Every indicator with its status as of as_of, from the server's report
 * cache (report_cache.h): the board of the unscoped report of that date —
 * the very entry page_data_load() (page_lists.h) takes for the same date,
 * so a page that loaded it reads the board without loading or counting
 * again. Held by the request (read-only). NULL after a 500 response.
 */
const struct indicator_board *page_board_cached(struct req *rq, struct resp *rs, struct date as_of);

/** The status as a heading or option writes it: "Đạt", "Đúng lộ trình", "Chậm", "Chưa đánh giá". */
const char *page_ind_heading(enum indicator_status s);

/** A status badge: <span class="badge i-KEY" data-status="KEY">Vietnamese label</span>. */
void page_ind_badge(struct buf *b, enum indicator_status s);

/**
 * The four traffic lights (id "ind-lights"): per status a link to
 * "/indicators?QUERY&status=KEY" with the count (id "ind-n-KEY"), then the
 * share of green (id "ind-share"). count[] is by enum indicator_status;
 * query (may be "") is URL-encoded without a leading '?' or trailing '&'.
 */
void page_ind_lights(struct buf *b, const size_t count[4], size_t total, const char *query);

/**
 * The values of x's measurements dated on or before as_of that belong to
 * the clause labelled `bloc` (NULL: the whole indicator) and the unit
 * unit_id (0: the indicator as a whole), as chart points in the arena;
 * judgements (no value) are left out. Returns their number.
 */
size_t page_ind_points(struct arena *a, const struct indicator *x, struct date as_of,
                       const char *bloc, long unit_id, struct svg_point **out);

/* ---- one indicator (page_indicator.c shows it, page_indicator_form.c adds to it) ---- */

/* An indicator with its target and status, released with the request's arena. */
struct ind_one {
    struct indicator x;
    struct target t;
    struct indicator_result r; /* as of as_of, the indicator as a whole */
    struct date as_of;
};

/* The measurement form's fields: as the user typed them, or the defaults. */
struct measure_form {
    const char *date, *value, *bloc, *unit, *source; /* NULL when empty */
    const char *error; /* why the last submission was refused, or NULL */
    const char *field; /* what to fix: "date", "value", "bloc", "unit", "source" */
};

/* The baseline form's fields: as the user typed them, or the current baseline. */
struct baseline_form {
    const char *value, *date; /* NULL when empty */
    const char *error;        /* why the last submission was refused, or NULL */
    const char *field;        /* what to fix: "value" or "date" */
};

/**
 * Load the indicator of the path (/indicators/:id) as of as_of. NULL after
 * a 404 (no such indicator) or 500 response.
 */
struct ind_one *page_ind_load(struct req *rq, struct resp *rs, struct date as_of);

/**
 * Write the page of o: the measurement form (filled from *form; NULL: the
 * defaults) when the user may measure, the baseline form (filled from
 * *base; NULL: the current baseline) when the user may set it, and the
 * baselines set before (from the audit log). -1 after a 500 response.
 */
int page_indicator_show(struct req *rq, struct resp *rs, const struct ind_one *o,
                        const struct measure_form *form, const struct baseline_form *base);

/** True when the signed-in user may add a measurement to x (access_can_measure()). */
bool page_may_measure(const struct req *rq, const struct indicator *x);

/**
 * The error summary ("Có lỗi", form.h) of the refused measurement m or
 * baseline base (either may be NULL): nothing when neither was refused.
 */
void page_indicator_form_errors(struct buf *b, const struct measure_form *m,
                                const struct baseline_form *base);

/** The form "Nhập số đo" of o (id "measure-form"), filled from *form. */
void page_measure_form(const struct req *rq, struct buf *b, const struct ind_one *o,
                       const struct measure_form *form);

/**
 * True when the signed-in user may set x's baseline: the steering office
 * (access_can_manage()), and only where a baseline starts the status path
 * (baseline_applies(), core/measure_entry.h).
 */
bool page_may_set_baseline(const struct req *rq, const struct ind_one *o);

/**
 * The section "Mốc cơ sở" of o (id "moc-co-so"): the baselines set before,
 * v[0..n) from store_indicator_baseline_history() (who, when, old → new),
 * for everyone; and for the steering office the form "Đặt mốc cơ sở" (id
 * "baseline-form"), filled from *form (NULL: the current baseline).
 * Nothing when there is neither.
 */
void page_baselines(struct req *rq, struct buf *b, const struct ind_one *o,
                    const struct audit_view *v, size_t n, const struct baseline_form *form);

#endif

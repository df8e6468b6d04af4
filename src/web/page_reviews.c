/*
 * page_reviews: "Duyệt báo cáo" (issue #15), the approval of progress
 * reports on the web. GET /reviews lists the reports under review — a
 * unit's leader sees its unit's reports and first those awaiting its
 * approval; the steering office sees every unit's, first the submitted
 * ones it may accept — each with the steps taken and the buttons of the
 * steps the viewer may take. POST /reviews/:id takes one step
 * (store_review_add(), which checks who may take it), then returns to the
 * list with a notice; a refused step is a page naming the reason.
 */
#include "app.h"
#include "form.h"
#include "handlers.h"
#include "page.h"
#include "store/store_approval.h"
#include "store/store_auth.h"
#include "util/strparse.h"

#include <limits.h>
#include <string.h>

#define REVIEWS_SHOWN 200 /* rows on the page, newest first */

static bool is_office(const struct req *rq)
{
    return access_can_manage(rq->who.role);
}

/* The state the page opens on: what the viewer has to do. */
static enum report_state default_state(const struct req *rq)
{
    return is_office(rq) ? REPORT_SUBMITTED : REPORT_PENDING;
}

static void state_filter(struct buf *b, int state)
{
    page_filters_begin(b);
    buf_adds(b, "<form method=\"get\" action=\"/reviews\" class=\"filters\">");
    page_select_open(b, "state", "Trạng thái");
    for (int s = 0; s < N_REPORT_STATES; s++)
        page_option(b, report_state_key((enum report_state)s),
                    report_state_label((enum report_state)s), s == state);
    buf_adds(b, "</select></div><button type=\"submit\">Xem</button></form>");
    page_filters_end(b);
}

static const char *kind_label(const char *kind)
{
    return !strcmp(kind, "done") ? "Hoàn thành" : !strcmp(kind, "reopen") ? "Mở lại" : "Tiến độ";
}

static void steps_cell(struct buf *b, const struct review_view *v)
{
    buf_adds(b, "<td data-label=\"Các bước\">");
    if (!v->n_steps)
        buf_adds(b, "—");
    for (size_t i = 0; i < v->n_steps; i++) {
        static const char *const verbs[] = { "Duyệt", "Lãnh đạo trả lại", "Chấp nhận",
                                             "Văn phòng trả lại" };
        buf_addf(b, "%s<strong>%s</strong> ", i ? "<br/>" : "", verbs[v->steps[i].step]);
        page_date(b, v->steps[i].on);
        buf_adds(b, " — ");
        page_text(b, v->by[i]);
        if (v->comments[i] && *v->comments[i]) {
            buf_adds(b, ": “");
            page_text(b, v->comments[i]);
            buf_adds(b, "”");
        }
    }
    buf_adds(b, "</td>");
}

/* One step's form: a button, and for a refusal the comment it needs. */
static void step_form(const struct req *rq, struct buf *b, long id, enum review_step step,
                      const char *label)
{
    bool refusal = step == REVIEW_REJECT || step == REVIEW_RETURN;
    if (refusal) /* folded: the reason it needs takes room only when asked for */
        buf_addf(b, "<details class=\"review-return\"><summary>%s…</summary>", label);
    buf_addf(b, "<form method=\"post\" action=\"/reviews/%ld\" class=\"review-step\">", id);
    page_csrf(rq, b);
    buf_addf(b, "<input type=\"hidden\" name=\"step\" value=\"%s\"/>", review_step_key(step));
    if (refusal)
        buf_addf(b,
                 "<label for=\"c-%ld-%d\">Lý do trả lại</label>"
                 "<input type=\"text\" id=\"c-%ld-%d\" name=\"comment\" required=\"required\""
                 " maxlength=\"1000\"/>",
                 id, (int)step, id, (int)step);
    buf_addf(b, "<button type=\"submit\"%s>%s</button></form>",
             refusal ? " class=\"secondary\"" : "", label);
    if (refusal)
        buf_adds(b, "</details>");
}

static void actions_cell(const struct req *rq, struct buf *b, const struct review_view *v)
{
    buf_adds(b, "<td data-label=\"Thao tác\" class=\"review-actions\">");
    bool leader = access_can_review(rq->who.role, true, rq->who.agency_id, v->agency_id);
    bool office = access_can_review(rq->who.role, false, rq->who.agency_id, v->agency_id);
    if (leader && v->state == REPORT_PENDING) {
        step_form(rq, b, v->report_id, REVIEW_APPROVE, "Duyệt");
        step_form(rq, b, v->report_id, REVIEW_REJECT, "Trả lại");
    } else if (office && v->state == REPORT_SUBMITTED) {
        step_form(rq, b, v->report_id, REVIEW_ACCEPT, "Chấp nhận");
        step_form(rq, b, v->report_id, REVIEW_RETURN, "Trả lại");
    } else {
        buf_adds(b, "—");
    }
    buf_adds(b, "</td>");
}

static void review_row(const struct req *rq, struct buf *b, const struct review_view *v)
{
    buf_addf(b, "<tr><td data-label=\"Số\">%ld</td><td data-label=\"Ngày báo cáo\">", v->report_id);
    page_date(b, v->reported_on);
    buf_addf(b, "</td><td data-label=\"Nhiệm vụ\"><a href=\"/tasks/%ld\">", v->task_id);
    page_text(b, v->task_name);
    buf_adds(b, "</a></td><td data-label=\"Đơn vị\">");
    page_text(b, v->unit);
    buf_addf(b, "</td><td data-label=\"Loại\">%s</td><td data-label=\"Trạng thái\">%s</td>",
             kind_label(v->kind), report_state_label(v->state));
    steps_cell(b, v);
    actions_cell(rq, b, v);
    buf_adds(b, "</tr>");
}

static void done_notice(const struct req *rq, struct buf *b)
{
    const char *done = req_query(rq, "done");
    int step = review_step_parse(req_query(rq, "step"));
    if (!done || step < 0)
        return;
    static const char *const said[] = { "Đã duyệt", "Đã trả lại cho đơn vị", "Đã chấp nhận",
                                        "Đã trả lại" };
    buf_addf(b, "<div class=\"notice\" role=\"status\"><p>%s báo cáo số ", said[step]);
    page_text(b, done);
    buf_adds(b, ".</p></div>");
}

/* ?state=: absent, what the viewer has to do; empty, every state; else one state or -2. */
static int state_of(const struct req *rq)
{
    const char *text = req_query(rq, "state");
    if (!text)
        return (int)default_state(rq);
    if (!*text)
        return -1;
    int state = report_state_parse(text);
    return state < 0 ? -2 : state;
}

static void review_table(const struct req *rq, struct buf *b, const struct review_view *v, size_t n)
{
    buf_adds(b, "<table class=\"stack\"><thead><tr><th scope=\"col\">Số</th>"
                "<th scope=\"col\">Ngày báo cáo</th><th scope=\"col\">Nhiệm vụ</th>"
                "<th scope=\"col\">Đơn vị</th><th scope=\"col\">Loại</th>"
                "<th scope=\"col\">Trạng thái</th><th scope=\"col\">Các bước</th>"
                "<th scope=\"col\" class=\"review-actions\">Thao tác</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        review_row(rq, b, &v[i]);
    buf_adds(b, "</tbody></table>");
}

int h_reviews(struct req *rq, struct resp *rs)
{
    int state = state_of(rq);
    if (state == -2)
        return page_error(rq, rs, 400, "Duyệt báo cáo", "reviews",
                          "Trường “Trạng thái” không hợp lệ: hãy chọn trong danh sách.", "/reviews",
                          "Về trang Duyệt báo cáo");
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    long unit = is_office(rq) ? 0 : rq->who.agency_id;
    struct review_view *v = NULL;
    size_t n = 0;
    enum count_policy policy;
    struct err e = ERR_INIT;
    if (store_count_policy(db, &policy, &e) ||
        store_review_list(db, unit, state, REVIEWS_SHOWN, &v, &n, &e))
        return resp_err(rq, rs, &e);
    struct buf *b = &rs->body;
    page_begin(rq, rs, "Duyệt báo cáo", "reviews");
    done_notice(rq, b);
    buf_adds(b, "<p>");
    page_text(b, count_policy_label(policy));
    buf_adds(b, is_office(rq) ? " Văn phòng chấp nhận hoặc trả lại báo cáo đã gửi; hoàn thành đã"
                                " được chấp nhận thì bị khoá (thay đổi phải nêu lý do)."
                              : " Lãnh đạo đơn vị duyệt báo cáo do đầu mối của đơn vị nhập trước"
                                " khi Văn phòng thấy báo cáo là đã gửi.");
    buf_adds(b, "</p>");
    state_filter(b, state);
    const char *which =
        state < 0 ? "cần duyệt hoặc đã duyệt"
                  : arena_printf(rq->arena, "“%s”", report_state_label((enum report_state)state));
    if (!n)
        buf_addf(b, "<p>Không có báo cáo nào %s.</p>", which);
    else
        buf_addf(b, "<p>%zu báo cáo %s%s, mới nhất trước.</p>", n, which,
                 n == REVIEWS_SHOWN ? " (chỉ hiện 200 báo cáo gần nhất)" : "");
    if (n)
        review_table(rq, b, v, n);
    page_end(rq, rs);
    review_views_free(v, n);
    return 0;
}

int h_review_step(struct req *rq, struct resp *rs)
{
    long id = 0;
    int step = review_step_parse(req_form(rq, "step"));
    if (rq->n_params < 1 || strparse_long(rq->params[0], 1, LONG_MAX, &id) || step < 0)
        return page_error(rq, rs, 400, "Duyệt báo cáo", "reviews",
                          "Yêu cầu không hợp lệ: hãy mở lại trang Duyệt báo cáo.", "/reviews",
                          "Về trang Duyệt báo cáo");
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct reviewer who = { rq->who.role, rq->who.agency_id, false };
    struct audit_entry audit = app_audit(rq, "progress.review");
    struct err e = ERR_INIT;
    if (store_review_add(db, id, (enum review_step)step, page_today(), req_form(rq, "comment"),
                         &who, &audit, &e))
        return page_error(rq, rs, http_status_of(e.kind) < 500 ? http_status_of(e.kind) : 500,
                          "Duyệt báo cáo", "reviews", e.msg, "/reviews", "Về trang Duyệt báo cáo");
    return resp_redirect(rs, arena_printf(rq->arena, "/reviews?done=%ld&step=%s", id,
                                          review_step_key((enum review_step)step)));
}

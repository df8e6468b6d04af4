/* page_requests: requests for explanation on the web; see page_requests.h. */
#include "page_requests.h"

#include "app.h"
#include "form.h"
#include "handlers.h"
#include "page.h"
#include "page_export.h"
#include "page_lists.h"
#include "request_write.h"
#include "render/request_letter.h"
#include "store/store_indicators.h"
#include "store/store_query.h"
#include "store/store_requests.h"
#include "util/strparse.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The order the list shows the states in: what needs acting on first. */
static const enum request_state state_order[N_REQUEST_STATES] = { REQ_OVERDUE, REQ_OPEN,
                                                                  REQ_ANSWERED, REQ_ACCEPTED };

static void state_badge(struct buf *b, enum request_state s)
{
    buf_addf(b, "<span class=\"badge st-%s\">", request_state_key(s));
    page_text(b, request_state_label(s));
    buf_adds(b, "</span>");
}

static void subject_link(struct buf *b, const struct request_view *v)
{
    if (v->task_id) {
        buf_addf(b, "<a href=\"/tasks/%ld\">Nhiệm vụ: ", v->task_id);
        page_text(b, v->task_name ? v->task_name : "");
    } else {
        buf_addf(b, "<a href=\"/indicators/%ld\">Chỉ tiêu ", v->indicator_id);
        page_text(b, v->indicator_code ? v->indicator_code : "");
    }
    buf_adds(b, "</a>");
}

/* The request id of the path; -1 after a 404. */
static long path_request(struct req *rq, struct resp *rs)
{
    long id = 0;
    if (rq->n_params < 1 || strparse_long(rq->params[0], 1, 1L << 50, &id))
        return resp_error(rq, rs, 404, "Không có yêu cầu giải trình này.");
    return id;
}

/* ---- the list -------------------------------------------------------------------- */

struct list_filter {
    struct date as_of;
    int state;      /* enum request_state, or -1 */
    long agency_id; /* 0: every unit */
};

static int read_list_filter(struct req *rq, struct resp *rs, struct list_filter *f)
{
    static const char *const allowed[] = { "as_of", "state", "agency", NULL };
    *f = (struct list_filter){ .state = -1 };
    if (page_params_or_400(rq, rs, allowed) || page_as_of(rq, rs, &f->as_of))
        return -1;
    const char *state = req_query_nonblank(rq, "state"), *agency = req_query_nonblank(rq, "agency");
    f->state = request_state_parse(state);
    if (state && f->state < 0)
        return resp_error(rq, rs, 400, "Trường “Trạng thái” không nhận giá trị “%s”.", state);
    if (rq->who.role == ROLE_UNIT)
        f->agency_id = rq->who.agency_id;
    else if (agency && strparse_long(agency, 1, 1L << 40, &f->agency_id))
        return resp_error(rq, rs, 400, "Trường “Đơn vị” phải là mã số một đơn vị.");
    return 0;
}

static void list_table(struct buf *b, const struct request_view *v, const struct request_status *st,
                       const size_t *idx, size_t n)
{
    buf_adds(b, "<table class=\"requests\"><thead><tr><th scope=\"col\">Số</th>"
                "<th scope=\"col\">Đơn vị</th><th scope=\"col\">Về</th>"
                "<th scope=\"col\">Nội dung</th><th scope=\"col\">Ngày gửi</th>"
                "<th scope=\"col\">Hạn trả lời</th><th scope=\"col\">Trạng thái</th>"
                "</tr></thead><tbody>");
    for (size_t k = 0; k < n; k++) {
        const struct request_view *x = &v[idx[k]];
        buf_addf(b, "<tr><td><a href=\"/requests/%ld\">%ld</a></td><td><a href=\"/units/%ld\">",
                 x->id, x->id, x->agency_id);
        page_text(b, x->unit);
        buf_adds(b, "</a></td><td>");
        subject_link(b, x);
        buf_adds(b, "</td><td>");
        page_text(b, x->content);
        buf_adds(b, "</td><td>");
        page_date(b, x->issued_on);
        buf_adds(b, "</td><td>");
        page_date(b, st[idx[k]].due);
        buf_adds(b, "</td><td>");
        state_badge(b, st[idx[k]].state);
        buf_adds(b, "</td></tr>");
    }
    buf_adds(b, "</tbody></table>");
}

static void list_filter_form(const struct req *rq, struct buf *b, const struct list_filter *f,
                             const struct request_view *v, size_t n)
{
    page_filters_begin(b);
    buf_adds(b, "<form method=\"get\" action=\"/requests\" class=\"filters\" role=\"search\">");
    page_select_open(b, "state", "Trạng thái");
    for (int i = 0; i < N_REQUEST_STATES; i++)
        page_option(b, request_state_key(state_order[i]), request_state_label(state_order[i]),
                    f->state == (int)state_order[i]);
    buf_adds(b, "</select></div>");
    if (rq->who.role != ROLE_UNIT) {
        page_select_open(b, "agency", "Đơn vị");
        for (size_t i = 0; i < n; i++) {
            bool first = true;
            for (size_t k = 0; k < i && first; k++)
                first = v[k].agency_id != v[i].agency_id;
            char id[24];
            snprintf(id, sizeof(id), "%ld", v[i].agency_id);
            if (first)
                page_option(b, id, v[i].unit, v[i].agency_id == f->agency_id);
        }
        buf_adds(b, "</select></div>");
    }
    buf_addf(b,
             "<div class=\"field\"><label for=\"f-as_of\">Tính đến ngày</label>"
             "<input type=\"text\" class=\"date\" inputmode=\"numeric\" maxlength=\"10\""
             " autocomplete=\"off\" id=\"f-as_of\" name=\"as_of\" value=\"%s\"/></div>"
             "<div class=\"field\"><button type=\"submit\">Lọc</button> <a class=\"button"
             " secondary\" href=\"/requests\">Xoá bộ lọc</a></div></form>",
             form_date_text(rq->arena, f->as_of));
    page_filters_end(b);
}

/* The sections of the list, one per state (or the one of ?state=), of the requests issued by then. */
static void state_sections(struct req *rq, struct buf *b, const struct list_filter *f,
                           const struct request_view *v, size_t n)
{
    /* st[i].state N_REQUEST_STATES: request i was not issued yet as of the date */
    struct request_status *st = arena_calloc(rq->arena, n + 1, sizeof(*st));
    size_t *idx = arena_calloc(rq->arena, n + 1, sizeof(*idx));
    for (size_t i = 0; i < n; i++) {
        st[i].state = N_REQUEST_STATES;
        if (date_cmp(v[i].issued_on, f->as_of) <= 0)
            st[i] = request_view_status(&v[i], f->as_of);
    }
    for (int s = 0; s < N_REQUEST_STATES; s++) {
        enum request_state want = state_order[s];
        if (f->state >= 0 && (int)want != f->state)
            continue;
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (st[i].state == want)
                idx[k++] = i;
        buf_addf(b, "<h2>%s (%zu)</h2>", request_state_label(want), k);
        if (k)
            list_table(b, v, st, idx, k);
        else
            buf_adds(b, "<p>Không có yêu cầu nào.</p>");
    }
}

int h_requests(struct req *rq, struct resp *rs)
{
    struct list_filter f;
    if (read_list_filter(rq, rs, &f))
        return -1;
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct request_view *all = NULL, *v = NULL;
    size_t n_all = 0, n = 0;
    struct err e = ERR_INIT;
    if (store_request_list(db, 0, &all, &n_all, &e) ||
        (f.agency_id && store_request_list(db, f.agency_id, &v, &n, &e))) {
        request_views_free(all, n_all);
        return resp_err(rq, rs, &e);
    }
    page_begin(rq, rs, "Yêu cầu giải trình", "requests");
    struct buf *b = &rs->body;
    buf_adds(b, "<p>Yêu cầu giải trình Văn phòng gửi các đơn vị về nhiệm vụ quá hạn hoặc chỉ"
                " tiêu chậm, và câu trả lời của đơn vị, tính đến ngày ");
    page_date(b, f.as_of);
    buf_adds(b, ".</p>");
    list_filter_form(rq, b, &f, all, n_all);
    state_sections(rq, b, &f, f.agency_id ? v : all, f.agency_id ? n : n_all);
    page_end(rq, rs);
    request_views_free(all, n_all);
    request_views_free(v, n);
    return 0;
}

/* ---- a unit's box ---------------------------------------------------------------- */

void page_requests_unit_box(struct req *rq, struct resp *rs, long agency_id, struct date as_of)
{
    struct db *db = app_db(rq, rs);
    struct request_view *v = NULL;
    size_t n = 0;
    struct err e = ERR_INIT;
    if (!db || store_request_list(db, agency_id, &v, &n, &e))
        return;
    long on_time = 0, late = 0, waiting = 0, overdue = 0;
    struct request_status *st = xcalloc(n + 1, sizeof(*st));
    size_t *idx = xcalloc(n + 1, sizeof(*idx)), k = 0;
    for (size_t i = 0; i < n; i++) {
        if (date_cmp(v[i].issued_on, as_of) > 0)
            continue;
        st[i] = request_view_status(&v[i], as_of);
        long answers = 0;
        for (size_t s = 0; s < v[i].n_steps; s++)
            answers += v[i].steps[s].step.kind == STEP_ANSWER &&
                       date_cmp(v[i].steps[s].step.on, as_of) <= 0;
        late += st[i].late_answers;
        on_time += answers - st[i].late_answers;
        waiting += st[i].state == REQ_OPEN || st[i].state == REQ_OVERDUE;
        overdue += st[i].state == REQ_OVERDUE;
        if (st[i].state == REQ_OPEN || st[i].state == REQ_OVERDUE)
            idx[k++] = i;
    }
    struct buf *b = &rs->body;
    if (n) {
        buf_addf(b,
                 "<section aria-labelledby=\"unit-requests-h\"><h2 id=\"unit-requests-h\">"
                 "Yêu cầu giải trình</h2><p class=\"scorecard\">Trả lời đúng hạn: <strong>%ld"
                 "</strong>; trả lời muộn: <strong>%ld</strong>; chưa trả lời: <strong>%ld"
                 "</strong> (quá hạn trả lời: %ld).</p>",
                 on_time, late, waiting, overdue);
        if (k)
            list_table(b, v, st, idx, k);
        buf_addf(b,
                 "<p><a href=\"/requests?agency=%ld\">Mọi yêu cầu giải trình của đơn vị"
                 "</a></p></section>",
                 agency_id);
    }
    free(st);
    free(idx);
    request_views_free(v, n);
}

/* ---- one request ----------------------------------------------------------------- */

/* A form of the request page and what was typed in it (NULL: a fresh form). */
struct step_form {
    struct form f;
    const char *which; /* "answer", "accept", "return", or NULL */
};

static void step_item(struct buf *b, const struct request_step_view *s)
{
    static const char *const verbs[N_STEP_KINDS] = { "trả lời", "chấp nhận câu trả lời",
                                                     "trả lại, đề nghị giải trình thêm" };
    buf_adds(b, "<li><strong>");
    page_date(b, s->step.on);
    buf_adds(b, "</strong> — ");
    page_text(b, s->created_by ? s->created_by : "");
    buf_addf(b, " %s", verbs[s->step.kind]);
    buf_adds(b, "<dl class=\"facts\">");
    if (s->explanation && *s->explanation) {
        buf_adds(b, "<dt>Giải trình</dt><dd>");
        page_text(b, s->explanation);
        buf_adds(b, "</dd>");
    }
    if (s->remedy && *s->remedy) {
        buf_adds(b, "<dt>Biện pháp khắc phục</dt><dd>");
        page_text(b, s->remedy);
        buf_adds(b, "</dd>");
    }
    if (s->comment && *s->comment) {
        buf_adds(b, "<dt>Ý kiến của Văn phòng</dt><dd>");
        page_text(b, s->comment);
        buf_adds(b, "</dd>");
    }
    if (date_is_set(s->step.new_due)) {
        buf_addf(b, "<dt>%s</dt><dd>",
                 s->step.kind == STEP_ANSWER ? "Ngày hoàn thành mới cam kết" : "Hạn trả lời mới");
        page_date(b, s->step.new_due);
        buf_adds(b, "</dd>");
    }
    buf_adds(b, "<dt>Ghi lúc</dt><dd>");
    page_local_time(b, s->created_at ? s->created_at : "");
    buf_adds(b, "</dd></dl></li>");
}

static void request_facts(struct buf *b, const struct request_view *v,
                          const struct request_status *st)
{
    buf_addf(b, "<dl class=\"facts\"><dt>Đơn vị</dt><dd><a href=\"/units/%ld\">", v->agency_id);
    page_text(b, v->unit);
    buf_adds(b, "</a></dd><dt>Về</dt><dd>");
    subject_link(b, v);
    buf_adds(b, "</dd><dt>Nội dung</dt><dd>");
    page_text(b, v->content);
    buf_adds(b, "</dd><dt>Số công văn</dt><dd>");
    page_text(b, v->number ? v->number : "—");
    buf_adds(b, "</dd><dt>Ngày gửi</dt><dd>");
    page_date(b, v->issued_on);
    buf_adds(b, "</dd><dt>Hạn trả lời</dt><dd>");
    page_date(b, st->due);
    if (st->round > 1)
        buf_addf(b, " (lần giải trình thứ %d)", st->round);
    buf_adds(b, "</dd><dt>Trạng thái</dt><dd>");
    state_badge(b, st->state);
    buf_addf(b, "</dd><dt>Câu trả lời muộn</dt><dd>%ld</dd></dl>", st->late_answers);
}

/* The value a field shows: what was typed in form `which` when it is the one re-shown. */
static const char *typed(const struct req *rq, const struct step_form *sf, const char *which,
                         const char *name)
{
    return sf && sf->which && !strcmp(sf->which, which) ? req_form(rq, name) : NULL;
}

static void answer_form(const struct req *rq, struct buf *b, long id, const struct step_form *sf)
{
    struct form empty;
    form_init(&empty, "ans");
    const struct form *f = sf && sf->which && !strcmp(sf->which, "answer") ? &sf->f : &empty;
    buf_addf(b,
             "<h2>Trả lời yêu cầu giải trình</h2><form method=\"post\""
             " action=\"/requests/%ld/answer\" class=\"stack\">",
             id);
    page_csrf(rq, b);
    form_textarea(b, f,
                  &(struct form_field){ .name = "explanation",
                                        .label = "Giải trình (nguyên nhân)",
                                        .value = typed(rq, sf, "answer", "explanation"),
                                        .required = true });
    form_textarea(b, f,
                  &(struct form_field){ .name = "remedy",
                                        .label = "Biện pháp khắc phục",
                                        .value = typed(rq, sf, "answer", "remedy"),
                                        .required = true });
    form_date(b, f,
              &(struct form_field){ .name = "new_due",
                                    .label = "Ngày hoàn thành mới đơn vị cam kết",
                                    .value = typed(rq, sf, "answer", "new_due"),
                                    .required = true });
    form_raw(b, "<button type=\"submit\">Gửi trả lời</button></form>");
}

static void office_forms(const struct req *rq, struct buf *b, long id, const struct step_form *sf)
{
    struct form empty;
    form_init(&empty, "ret");
    const struct form *f = sf && sf->which && !strcmp(sf->which, "return") ? &sf->f : &empty;
    buf_addf(b,
             "<h2>Đánh giá câu trả lời</h2><form method=\"post\""
             " action=\"/requests/%ld/accept\" class=\"step-form\">",
             id);
    page_csrf(rq, b);
    buf_addf(b,
             "<button type=\"submit\">Chấp nhận câu trả lời</button></form>"
             "<form method=\"post\" action=\"/requests/%ld/return\" class=\"stack\">",
             id);
    page_csrf(rq, b);
    form_textarea(b, f,
                  &(struct form_field){ .name = "comment",
                                        .label = "Ý kiến của Văn phòng",
                                        .value = typed(rq, sf, "return", "comment"),
                                        .required = true });
    form_date(b, f,
              &(struct form_field){ .name = "due",
                                    .label = "Hạn trả lời mới",
                                    .hint = "Để trống: giữ hạn cũ.",
                                    .value = typed(rq, sf, "return", "due") });
    form_raw(b, "<button type=\"submit\" class=\"secondary\">Trả lại, đề nghị giải trình thêm"
                "</button></form>");
}

static const char *saved_text(const char *saved)
{
    static const struct {
        const char *key, *text;
    } notes[] = { { "issue", "Đã gửi yêu cầu giải trình." },
                  { "answer", "Đã ghi câu trả lời." },
                  { "accept", "Đã chấp nhận câu trả lời." },
                  { "return", "Đã trả lại câu trả lời, đề nghị giải trình thêm." } };
    for (size_t i = 0; saved && i < sizeof(notes) / sizeof(*notes); i++)
        if (!strcmp(saved, notes[i].key))
            return notes[i].text;
    return NULL;
}

static int show_request(struct req *rq, struct resp *rs, long id, const struct step_form *sf)
{
    struct db *db = app_db(rq, rs);
    struct request_view *v = NULL;
    struct err e = ERR_INIT;
    if (!db)
        return -1;
    if (store_request_get(db, id, &v, &e))
        return resp_err(rq, rs, &e);
    struct request_status st = request_view_status(v, page_today());
    struct form none;
    form_init(&none, "rq");
    form_page_begin(rq, rs, arena_printf(rq->arena, "Yêu cầu giải trình số %ld", id), "requests",
                    sf ? &sf->f : &none);
    struct buf *b = &rs->body;
    form_error_summary(b, sf ? &sf->f : &none);
    const char *note = saved_text(req_query(rq, "saved"));
    if (note)
        buf_addf(b, "<p class=\"notice\" role=\"status\">%s</p>", note);
    request_facts(b, v, &st);
    buf_addf(b,
             "<p><a href=\"/requests/%ld/letter\">Tải công văn đề nghị giải trình (DOCX)</a>"
             "</p><h2>Các bước</h2><ol class=\"steps\"><li><strong>",
             id);
    page_date(b, v->issued_on);
    buf_adds(b, "</strong> — ");
    page_text(b, v->created_by ? v->created_by : "");
    buf_adds(b, " gửi yêu cầu, hạn trả lời ");
    page_date(b, v->due);
    buf_adds(b, "</li>");
    for (size_t i = 0; i < v->n_steps; i++)
        step_item(b, &v->steps[i]);
    buf_adds(b, "</ol>");
    bool waiting = st.state == REQ_OPEN || st.state == REQ_OVERDUE;
    if (waiting && request_can_answer(rq, v->agency_id))
        answer_form(rq, b, id, sf);
    if (st.state == REQ_ANSWERED && access_can_manage(rq->who.role))
        office_forms(rq, b, id, sf);
    page_end(rq, rs);
    request_views_free(v, 1);
    return 0;
}

int h_request(struct req *rq, struct resp *rs)
{
    static const char *const allowed[] = { "saved", NULL };
    long id = path_request(rq, rs);
    if (id < 0 || page_params_or_400(rq, rs, allowed))
        return -1;
    return show_request(rq, rs, id, NULL);
}

/* Record that field is blank when it must not be (when). */
static void required_text(struct form *f, bool when, const char *field, const char *text,
                          const char *msg)
{
    if (when && (!text || text_is_blank(text)))
        form_error(f, field, msg);
}

/* Take step kind from the posted form; re-show the page with the errors (422). */
static int post_step(struct req *rq, struct resp *rs, enum request_step_kind kind,
                     const char *prefix)
{
    long id = path_request(rq, rs);
    if (id < 0)
        return -1;
    struct step_form sf = { .which = request_step_key(kind) };
    form_init(&sf.f, prefix);
    struct request_body body = REQUEST_BODY_INIT;
    const char *field = NULL;
    struct err e = ERR_INIT;
    if (kind == STEP_ANSWER)
        form_date_read(&sf.f, rq->arena, "new_due", "Ngày hoàn thành mới", req_form(rq, "new_due"),
                       &body.new_due);
    if (kind == STEP_RETURN)
        form_date_read(&sf.f, rq->arena, "due", "Hạn trả lời mới", req_form(rq, "due"), &body.due);
    /* The body's strings are borrowed from the request here: body is not released. */
    body.explanation = (char *)req_form(rq, "explanation");
    body.remedy = (char *)req_form(rq, "remedy");
    body.comment = (char *)req_form(rq, "comment");
    required_text(&sf.f, kind == STEP_ANSWER, "explanation", body.explanation,
                  "Cần phần giải trình (nguyên nhân)");
    required_text(&sf.f, kind == STEP_ANSWER, "remedy", body.remedy, "Cần biện pháp khắc phục");
    required_text(&sf.f, kind == STEP_RETURN, "comment", body.comment, "Cần ý kiến của Văn phòng");
    if (!form_has_errors(&sf.f) && !request_write_step(rq, rs, id, kind, &body, &field, &e))
        return resp_redirect(
            rs, arena_printf(rq->arena, "/requests/%ld?saved=%s", id, request_step_key(kind)));
    if (e.kind == ERR_FORBIDDEN || e.kind == ERR_NOT_FOUND || e.kind == ERR_STORAGE ||
        e.kind == ERR_INTERNAL || e.kind == ERR_BUSY)
        return resp_err(rq, rs, &e);
    if (e.kind)
        form_error(&sf.f, kind == STEP_ACCEPT ? NULL : field, arena_printf(rq->arena, "%s", e.msg));
    rs->status = 422;
    return show_request(rq, rs, id, &sf);
}

int h_request_answer(struct req *rq, struct resp *rs)
{
    return post_step(rq, rs, STEP_ANSWER, "ans");
}

int h_request_accept(struct req *rq, struct resp *rs)
{
    return post_step(rq, rs, STEP_ACCEPT, "acc");
}

int h_request_return(struct req *rq, struct resp *rs)
{
    return post_step(rq, rs, STEP_RETURN, "ret");
}

/* ---- issuing --------------------------------------------------------------------- */

/* The task or indicator a new request is about (?task= / ?indicator=, or the form's). */
struct issue_subject {
    long task_id, indicator_id;
    const char *label;  /* "Nhiệm vụ: …" or "Chỉ tiêu …" (arena) */
    const char **units; /* the units it may go to: the task's lead units, the monitor */
    size_t n_units;
};

static int read_subject(struct req *rq, struct resp *rs, const char *task, const char *ind,
                        struct issue_subject *out)
{
    struct db *db = app_db(rq, rs);
    struct err e = ERR_INIT;
    *out = (struct issue_subject){ 0 };
    if (!db)
        return -1;
    if ((task && strparse_long(task, 1, 1L << 50, &out->task_id)) ||
        (ind && strparse_long(ind, 1, 1L << 50, &out->indicator_id)) ||
        !out->task_id == !out->indicator_id)
        return resp_error(rq, rs, 400,
                          "Cần chọn một nhiệm vụ (task) hoặc một chỉ tiêu"
                          " (indicator) để gửi yêu cầu giải trình.");
    if (out->task_id) {
        struct task_view tv;
        if (store_task(db, out->task_id, &tv, &e))
            return resp_err(rq, rs, &e);
        out->label = arena_printf(rq->arena, "Nhiệm vụ: %s", tv.name);
        out->units = arena_calloc(rq->arena, tv.lead.n + 1, sizeof(char *));
        for (size_t i = 0; i < tv.lead.n; i++)
            out->units[out->n_units++] = arena_strdup(rq->arena, tv.lead.items[i]);
        task_view_release(&tv);
        return 0;
    }
    struct indicator x = { 0 };
    if (store_indicator_load(db, out->indicator_id, &x, &e))
        return resp_err(rq, rs, &e);
    out->label = arena_printf(rq->arena, "Chỉ tiêu %s: %s", x.code, x.name);
    out->units = arena_calloc(rq->arena, 2, sizeof(char *));
    if (x.agency && *x.agency)
        out->units[out->n_units++] = arena_strdup(rq->arena, x.agency);
    indicator_release(&x);
    return 0;
}

/* Whether unit `name` is the one chosen: by name (a form sent back), or by id (?unit=ID). */
static bool is_chosen(struct req *rq, struct resp *rs, const char *chosen, const char *name)
{
    long id = 0;
    if (!chosen || !strcmp(chosen, name))
        return chosen != NULL;
    const struct registry *reg =
        strparse_long(chosen, 1, 1L << 40, &id) ? NULL : app_registry(rq, rs);
    return reg && registry_unit_id(reg, name) == id;
}

static void issue_page(struct req *rq, struct resp *rs, const struct issue_subject *s,
                       const struct form *f, bool posted)
{
    form_page_begin(rq, rs, "Gửi yêu cầu giải trình", "requests", f);
    struct buf *b = &rs->body;
    form_error_summary(b, f);
    buf_adds(b, "<p>Về: ");
    page_text(b, s->label);
    buf_adds(b, "</p><form method=\"post\" action=\"/requests\" class=\"stack\">");
    page_csrf(rq, b);
    if (s->task_id)
        buf_addf(b, "<input type=\"hidden\" name=\"task\" value=\"%ld\"/>", s->task_id);
    else
        buf_addf(b, "<input type=\"hidden\" name=\"indicator\" value=\"%ld\"/>", s->indicator_id);
    const char *unit = posted ? req_form(rq, "unit") : req_query(rq, "unit");
    form_select_open(
        b, f,
        &(struct form_field){ .name = "unit", .label = "Đơn vị được yêu cầu", .required = true });
    for (size_t i = 0; i < s->n_units; i++)
        form_option(b, s->units[i], s->units[i], is_chosen(rq, rs, unit, s->units[i]));
    form_select_close(b);
    form_textarea(b, f,
                  &(struct form_field){ .name = "content",
                                        .label = "Nội dung đề nghị giải trình",
                                        .value = posted ? req_form(rq, "content") : NULL,
                                        .required = true });
    form_date(b, f,
              &(struct form_field){
                  .name = "due",
                  .label = "Hạn trả lời",
                  .required = true,
                  .value = posted ? req_form(rq, "due")
                                  : form_date_text(rq->arena, date_add_days(page_today(), 7)) });
    form_input(b, f, "text",
               &(struct form_field){ .name = "number",
                                     .label = "Số công văn",
                                     .hint = "Không bắt buộc. Ví dụ: 125/VP-GS",
                                     .value = posted ? req_form(rq, "number") : NULL,
                                     .raw_attrs = " maxlength=\"100\"" });
    form_raw(b, "<button type=\"submit\">Gửi yêu cầu giải trình</button></form>");
    page_end(rq, rs);
}

int h_request_new(struct req *rq, struct resp *rs)
{
    static const char *const allowed[] = { "task", "indicator", "unit", NULL };
    struct issue_subject s;
    struct form f;
    form_init(&f, "rq");
    if (page_params_or_400(rq, rs, allowed) ||
        read_subject(rq, rs, req_query_nonblank(rq, "task"), req_query_nonblank(rq, "indicator"),
                     &s))
        return -1;
    issue_page(rq, rs, &s, &f, false);
    return 0;
}

int h_request_add(struct req *rq, struct resp *rs)
{
    struct issue_subject s;
    struct form f;
    form_init(&f, "rq");
    if (read_subject(rq, rs, req_form(rq, "task"), req_form(rq, "indicator"), &s))
        return -1;
    struct request_body body = { .task = s.task_id, .indicator_id = s.indicator_id };
    form_date_read(&f, rq->arena, "due", "Hạn trả lời", req_form(rq, "due"), &body.due);
    /* The body's strings are borrowed from the request here: body is not released. */
    body.unit = (char *)req_form(rq, "unit");
    body.content = (char *)req_form(rq, "content");
    body.number = (char *)req_form(rq, "number");
    required_text(&f, true, "content", body.content, "Cần nội dung đề nghị giải trình");
    if (body.number && strlen(body.number) > 100)
        form_error(&f, "number", "Số công văn dài quá 100 ký tự");
    const char *field = NULL;
    struct err e = ERR_INIT;
    long id = 0;
    if (!form_has_errors(&f) && !request_write_issue(rq, rs, &body, &id, &field, &e))
        return resp_redirect(rs, arena_printf(rq->arena, "/requests/%ld?saved=issue", id));
    if (e.kind == ERR_STORAGE || e.kind == ERR_INTERNAL || e.kind == ERR_BUSY)
        return resp_err(rq, rs, &e);
    if (e.kind)
        form_error(&f,
                   field && strcmp(field, "task") && strcmp(field, "indicator") &&
                           strcmp(field, "date")
                       ? field
                       : NULL,
                   arena_printf(rq->arena, "%s", e.msg));
    rs->status = 422;
    issue_page(rq, rs, &s, &f, true);
    return 0;
}

/* ---- the letter ------------------------------------------------------------------ */

/* The letter's texts of request v (borrowed from v, the subject in a). */
static struct request_letter request_letter_of(struct arena *a, const struct request_view *v)
{
    const char *subject =
        v->task_id ? arena_printf(a, "nhiệm vụ “%s”", v->task_name ? v->task_name : "")
                   : arena_printf(a, "chỉ tiêu %s", v->indicator_code ? v->indicator_code : "");
    return (struct request_letter){ v->id,     v->unit,      subject, v->content,
                                    v->number, v->issued_on, v->due };
}

int h_request_letter(struct req *rq, struct resp *rs)
{
    long id = path_request(rq, rs);
    struct db *db = id < 0 ? NULL : app_db(rq, rs);
    static const char *const none[] = { NULL };
    if (!db || page_params_or_400(rq, rs, none))
        return -1;
    struct request_view *v = NULL;
    struct err e = ERR_INIT;
    if (store_request_get(db, id, &v, &e))
        return resp_err(rq, rs, &e);
    struct rdoc d = RDOC_INIT;
    struct request_letter l = request_letter_of(rq->arena, v);
    request_letter_build(&l, &d);
    const char *part = arena_printf(rq->arena, "số %ld", id);
    int ret = page_export_send(rq, rs, &d, NULL, "docx", "cong-van-giai-trinh",
                               "công văn giải trình", &part, 1);
    rdoc_release(&d);
    request_views_free(v, 1);
    return ret;
}

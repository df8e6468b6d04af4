/*
 * page_task: the page of one task (GET /tasks/:id) — its text, documents,
 * lead and coordinating units with the units each group expression
 * became, the deadline as written and as read, each assignment's status
 * as of the page's date, the timeline of progress reports, and the form
 * to add one (page_task_form.c) for a user who may report for one of its
 * lead units.
 */
#include "handlers.h"

#include "page_task.h"

#include "app.h"
#include "page.h"
#include "form.h"
#include "page_lists.h"
#include "page_warnings.h"
#include "store/store_approval.h"
#include "store/store_programme.h"
#include "store/store_query.h"
#include "util/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- facts --------------------------------------------------------------------------- */

static void fact(struct buf *b, const char *term, const char *value)
{
    buf_addf(b, "<dt>%s</dt><dd>", term);
    page_text(b, value && *value ? value : "—");
    buf_adds(b, "</dd>");
}

/* " (ghi là “text”)" when a party was written otherwise than its canonical name. */
static void written_as(struct buf *b, const struct party_view *p, const char *what)
{
    char *a = text_fold(p->text), *c = text_fold(p->resolved);
    bool same = !strcmp(a, c);
    free(a);
    free(c);
    if (same && !*what)
        return;
    buf_addf(b, " <span class=\"hint\">(%s%s", what, same || !*what ? "" : ", ");
    if (!same) {
        buf_adds(b, "ghi là “");
        page_text(b, p->text);
        buf_adds(b, "”");
    }
    buf_adds(b, ")</span>");
}

/* A unit named in a cell: its canonical name, what it was written as, and its successor. */
static void party_agency(const struct req *rq, struct buf *b, const struct party_view *p)
{
    const struct registry *reg = rq->registry;
    page_text(b, p->resolved);
    written_as(b, p, "");
    long idx = registry_find_agency(reg, p->resolved);
    if (idx >= 0 && reg->agencies[idx].successor) {
        buf_adds(b, " – nay là ");
        page_text(b, reg->agencies[idx].successor);
    }
}

/* A group expression and, in the lead cell, the units it became. */
static void party_group(struct buf *b, const struct party_view *p)
{
    buf_adds(b, "<strong>");
    page_text(b, p->resolved);
    buf_adds(b, "</strong>");
    written_as(b, p, "nhóm đơn vị");
    if (strcmp(p->role, "lead"))
        return;
    if (!p->members.n) {
        buf_adds(b, ": chưa xác định đơn vị thành viên");
        return;
    }
    buf_addf(b, "<details><summary>Gồm %zu đơn vị</summary><ul class=\"members\">", p->members.n);
    for (size_t i = 0; i < p->members.n; i++) {
        buf_adds(b, "<li>");
        page_text(b, p->members.items[i]);
        buf_adds(b, "</li>");
    }
    buf_adds(b, "</ul></details>");
}

static void parties(const struct req *rq, struct buf *b, const struct task_view *t,
                    const char *role, const char *term)
{
    size_t n = 0;
    buf_addf(b, "<dt>%s</dt><dd><ul class=\"parties\">", term);
    for (size_t i = 0; i < t->n_parties; i++) {
        const struct party_view *p = &t->parties[i];
        if (strcmp(p->role, role))
            continue;
        n++;
        buf_adds(b, "<li>");
        if (p->is_group && p->resolved) {
            party_group(b, p);
        } else if (p->resolved) {
            party_agency(rq, b, p);
        } else {
            page_text(b, p->text);
            buf_adds(b, " <span class=\"hint\">(chưa xác định được đơn vị)</span>");
        }
        buf_adds(b, "</li>");
    }
    if (!n)
        buf_adds(b, "<li>—</li>");
    buf_adds(b, "</ul></dd>");
}

static void documents(const struct req *rq, struct buf *b, const struct page_data *pd,
                      const struct prog_task *t)
{
    buf_adds(b, "<dt>Văn bản giao</dt><dd>");
    for (size_t i = 0; i < t->n_documents; i++) {
        const struct prog_document *d = &pd->prog.documents[t->documents[i]];
        buf_addf(b, "%s<a href=\"/documents/%ld", i ? "; " : "", d->id);
        page_attr(b, page_as_of_query(rq, pd));
        buf_adds(b, "\">");
        page_text(b, d->name);
        buf_adds(b, "</a>");
    }
    buf_adds(b, t->n_documents ? "</dd>" : "—</dd>");
}

static void deadline(struct buf *b, const struct task_view *tv, const struct prog_task *t)
{
    fact(b, "Thời hạn (như văn bản)", tv->deadline_text);
    buf_adds(b, "<dt>Thời hạn (đã xác định)</dt><dd>");
    if (date_is_set(t->due))
        page_date(b, t->due);
    else if (t->deadline_kind == DEADLINE_RECURRING)
        buf_adds(b, "thường xuyên (không có hạn cụ thể)");
    else
        buf_adds(b, "chưa xác định thời hạn – cần người có thẩm quyền đặt ngày");
    if (tv->due_by_person) {
        buf_adds(b, " <span class=\"hint\">(do người có thẩm quyền đặt");
        if (*tv->due_note) {
            buf_adds(b, ": ");
            page_text(b, tv->due_note);
        }
        buf_adds(b, ")</span>");
    }
    buf_adds(b, "</dd>");
}

/* For the steering office: set (or clear) the due date a deadline phrase did not give. */
static void due_form(struct req *rq, struct buf *b, const struct task_view *tv,
                     const struct progress_form *form)
{
    if (!access_can_manage(rq->who.role))
        return;
    struct form none;
    form_init(&none, "due");
    bool refused = !strcmp(form->errors.prefix, "due");
    const struct form *f = refused ? &form->errors : &none;
    const char *due = refused ? form->due
                      : tv->due_by_person ? form_date_text(rq->arena, tv->due)
                                          : NULL;
    buf_addf(b, "<details%s><summary>Đặt thời hạn</summary><form method=\"post\""
                " action=\"/tasks/%ld/due\">",
             refused || tv->due_by_person || !date_is_set(tv->due) ? " open=\"open\"" : "",
             tv->id);
    page_csrf(rq, b);
    form_date(b, f, &(struct form_field){ .name = "due", .label = "Thời hạn hoàn thành",
                                          .hint = "Để trống để bỏ thời hạn đã đặt và dùng lại"
                                                  " thời hạn ghi trong văn bản.",
                                          .value = due });
    form_input(b, f, "text",
               &(struct form_field){ .name = "due_note", .label = "Căn cứ",
                                     .value = refused ? form->due_note : tv->due_note,
                                     .raw_attrs = " maxlength=\"300\"" });
    buf_adds(b, "<button type=\"submit\">Lưu thời hạn</button></form></details>");
}

static void task_link(const struct req *rq, struct buf *b, const struct page_data *pd, long id)
{
    size_t ti = programme_find_task(&pd->prog, id);
    buf_addf(b, "<a href=\"/tasks/%ld", id);
    page_attr(b, page_as_of_query(rq, pd));
    buf_adds(b, "\">");
    if (ti != PROG_NONE && *pd->prog.tasks[ti].tt) {
        buf_adds(b, "TT ");
        page_text(b, pd->prog.tasks[ti].tt);
        buf_adds(b, " – ");
    }
    page_text(b, ti != PROG_NONE ? pd->prog.tasks[ti].name : "nhiệm vụ");
    buf_adds(b, "</a>");
}

static void relatives(const struct req *rq, struct buf *b, const struct page_data *pd,
                      const struct task_view *tv)
{
    if (tv->parent_id) {
        buf_adds(b, "<dt>Thuộc nhiệm vụ</dt><dd>");
        task_link(rq, b, pd, tv->parent_id);
        buf_adds(b, "</dd>");
    }
    if (tv->repeat_of_id) {
        buf_adds(b, "<dt>Nhắc lại nhiệm vụ</dt><dd>");
        task_link(rq, b, pd, tv->repeat_of_id);
        buf_adds(b, " <span class=\"hint\">(không tính lại trong thống kê)</span></dd>");
    }
    if (tv->n_children) {
        buf_adds(b, "<dt>Nhiệm vụ con</dt><dd><ul>");
        for (size_t i = 0; i < tv->n_children; i++) {
            buf_adds(b, "<li>");
            task_link(rq, b, pd, tv->children[i]);
            buf_adds(b, "</li>");
        }
        buf_adds(b, "</ul></dd>");
    }
}

static void facts(const struct req *rq, struct buf *b, const struct page_data *pd, size_t ti,
                  const struct task_view *tv)
{
    const struct prog_task *t = &pd->prog.tasks[ti];
    buf_adds(b, "<dl class=\"facts\">");
    fact(b, "Nội dung nhiệm vụ", tv->name);
    fact(b, "TT", tv->tt);
    fact(b, "Mã", tv->code);
    fact(b, "Lĩnh vực", tv->field);
    documents(rq, b, pd, t);
    parties(rq, b, tv, "lead", "Cơ quan chủ trì");
    parties(rq, b, tv, "coord", "Cơ quan phối hợp");
    fact(b, "Kết quả, sản phẩm", tv->output);
    deadline(b, tv, t);
    relatives(rq, b, pd, tv);
    buf_adds(b, "</dl>");
}

/* ---- status ------------------------------------------------------------------------ */

static void task_status(struct buf *b, const struct page_data *pd, size_t ti)
{
    const struct report_task *it = page_item(pd, ti);
    struct task_row row = page_task_row(pd, ti, PROG_NONE);
    buf_adds(b, "<p class=\"status\">Tình trạng đến ngày ");
    page_date(b, pd->as_of);
    buf_adds(b, ": ");
    page_row_status(b, pd, &row);
    if (it && it->units_not_done && it->units_not_done < it->units_total)
        buf_addf(b, " (%zu/%zu đơn vị chưa hoàn thành)", it->units_not_done, it->units_total);
    if (it && it->bucket <= BUCKET_DONE_LATE) {
        buf_adds(b, ", hoàn thành ngày ");
        page_date(b, it->completed_on);
    }
    buf_adds(b, ".</p>");
}

static void assignments(const struct req *rq, struct buf *b, const struct page_data *pd, size_t ti)
{
    const struct prog_task *t = &pd->prog.tasks[ti];
    buf_adds(b, "<h2 id=\"don-vi\">Tình trạng của từng đơn vị chủ trì</h2>");
    if (!t->n_assignments) {
        buf_adds(b, "<p>Nhiệm vụ chưa có đơn vị chủ trì.</p>");
        return;
    }
    buf_adds(b, "<table><thead><tr><th scope=\"col\">Đơn vị</th><th scope=\"col\">Tình trạng"
                "</th><th scope=\"col\">Ngày hoàn thành</th><th scope=\"col\">Báo cáo gần nhất"
                "</th></tr></thead><tbody>");
    for (size_t i = 0; i < t->n_assignments; i++) {
        const struct prog_assignment *a = &pd->prog.assignments[t->assignments[i]];
        struct assignment_state st = status_replay(a->events, a->n_events, pd->as_of);
        enum bucket bk = status_bucket(t->deadline_kind, t->due, &st, pd->as_of);
        buf_addf(b, "<tr><td><a href=\"/units/%ld", pd->prog.agencies[a->agency].id);
        page_attr(b, page_as_of_query(rq, pd));
        buf_adds(b, "\">");
        page_text(b, pd->prog.agencies[a->agency].name);
        buf_adds(b, "</a></td><td>");
        page_badge(b, bk);
        buf_adds(b, "</td><td>");
        if (st.completed)
            page_date(b, st.completed_on);
        else
            buf_adds(b, "—");
        buf_adds(b, "</td><td>");
        page_last_report(b, status_last_report(a->events, a->n_events, pd->as_of), pd->as_of);
        buf_adds(b, "</td></tr>");
    }
    buf_adds(b, "</tbody></table>");
}

/* ---- timeline ---------------------------------------------------------------------- */

static const char *kind_label(const char *kind)
{
    if (!strcmp(kind, "done"))
        return "Hoàn thành";
    if (!strcmp(kind, "reopen"))
        return "Mở lại";
    return "Báo cáo tiến độ";
}

/* The last path component of an imported file's name ("tien_do_mau.csv"). */
static const char *file_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/*
 * " (ghi lúc 14:05 07/12/2026)": when a report was entered, stored in UTC
 * ("2026-12-07T07:05:00Z"), in Vietnam's time (UTC+7, no daylight saving).
 */
static void local_time(struct buf *b, const char *utc)
{
    int y, mo, d, h, mi;
    if (!utc || sscanf(utc, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5)
        return;
    struct date day = { y, mo, d };
    h += 7;
    if (h >= 24) {
        h -= 24;
        day = date_add_days(day, 1);
    }
    char dmy[DATE_ISO_LEN];
    date_dmy(day, dmy);
    buf_addf(b, " <span class=\"hint\">(ghi lúc %02d:%02d ngày %s)</span>", h, mi, dmy);
}

/*
 * Who entered a report and how: the account (from the audit log), or for
 * an import the file, and the channel ("trên trang web", "qua API",
 * "dòng lệnh"). An account named "cli" is the command line's.
 */
static void entered_by(struct buf *b, const struct progress_view *v)
{
    const char *who = v->entered_by && *v->entered_by && strcmp(v->entered_by, "cli")
                          ? v->entered_by
                          : NULL;
    buf_adds(b, "<dt>Người nhập</dt><dd class=\"entered-by\">");
    if (!strcmp(v->source, "import")) {
        buf_adds(b, "nhập từ tệp");
        if (v->import_file && *v->import_file) {
            buf_adds(b, " ");
            page_text(b, file_base(v->import_file));
        }
        if (who) {
            buf_adds(b, " (");
            page_text(b, who);
            buf_adds(b, ")");
        }
    } else if (who) {
        page_text(b, who);
        buf_adds(b, !strcmp(v->source, "api") ? ", qua API" : !strcmp(v->source, "web")
                                                                  ? ", trên trang web"
                                                                  : "");
    } else {
        buf_adds(b, !strcmp(v->source, "api")   ? "hệ thống khác (API)"
                    : !strcmp(v->source, "web") ? "trên trang web"
                                                : "dòng lệnh");
    }
    local_time(b, v->entered_at);
    buf_adds(b, "</dd>");
}

/* Where the report stands in its review (core/approval.h), when it has one. */
static void review_fact(const struct req *rq, struct buf *b, const struct progress_view *v,
                        int state)
{
    if (state < 0)
        return;
    buf_addf(b, "<dt>Duyệt</dt><dd>%s", report_state_label((enum report_state)state));
    bool office = access_can_manage(rq->who.role), leader = rq->who.role == ROLE_UNIT_LEADER;
    if ((office && state == REPORT_SUBMITTED) || (leader && state == REPORT_PENDING))
        buf_addf(b, " (<a href=\"/reviews?state=%s\">Duyệt báo cáo số %ld</a>)",
                 report_state_key((enum report_state)state), v->id);
    buf_adds(b, "</dd>");
}

static void report_entry(const struct req *rq, struct buf *b, const struct progress_view *v,
                         int state)
{
    buf_adds(b, "<li><h3>");
    page_date(b, v->reported_on);
    buf_adds(b, " – ");
    page_text(b, v->unit);
    buf_addf(b, " – %s", kind_label(v->kind));
    if (date_is_set(v->completed_on)) {
        buf_adds(b, " ngày ");
        page_date(b, v->completed_on);
    }
    buf_adds(b, "</h3><dl class=\"facts\">");
    if (*v->result)
        fact(b, "Kết quả", v->result);
    if (*v->next)
        fact(b, "Dự kiến kỳ tới", v->next);
    if (*v->issues)
        fact(b, "Vướng mắc, kiến nghị", v->issues);
    if (*v->output)
        fact(b, "Văn bản kết quả", v->output);
    if (v->percent >= 0)
        buf_addf(b, "<dt>Tiến độ</dt><dd>%d%%</dd>", v->percent);
    entered_by(b, v);
    review_fact(rq, b, v, state);
    buf_adds(b, "</dl></li>");
}

#define TIMELINE_SIZE 50 /* latest reports a task page shows unless ?reports=all */

static void timeline_more(const struct req *rq, struct buf *b, long task_id, size_t n,
                          size_t total)
{
    buf_addf(b, "<p class=\"more\">Đang hiện %zu báo cáo gần nhất trong tổng số %zu. "
                "<a href=\"/tasks/%ld?reports=all", n, total, task_id);
    const char *as_of = req_query_nonblank(rq, "as_of");
    if (as_of) {
        buf_adds(b, "&amp;as_of=");
        page_attr(b, as_of);
    }
    buf_addf(b, "#bao-cao\">Xem tất cả %zu báo cáo</a></p>", total);
}

/* The task's reports, newest first (the store gives them oldest first). */
static void timeline(const struct req *rq, struct buf *b, long task_id,
                     const struct progress_view *v, const int *states, size_t n, size_t total)
{
    buf_adds(b, "<h2 id=\"bao-cao\">Báo cáo tiến độ</h2>");
    if (!n)
        buf_adds(b, "<p>Chưa có báo cáo tiến độ.</p>");
    if (total > n)
        timeline_more(rq, b, task_id, n, total);
    if (n) {
        buf_adds(b, "<p class=\"hint\">Báo cáo mới nhất ở trên.</p><ol class=\"timeline\""
                    " reversed=\"reversed\">");
        for (size_t i = n; i-- > 0;)
            report_entry(rq, b, &v[i], states[i]);
        buf_adds(b, "</ol>");
    }
}

/* ---- the page ---------------------------------------------------------------------- */

static void saved_notice(const struct req *rq, struct buf *b)
{
    const char *saved = req_query(rq, "saved");
    if (!saved)
        return;
    buf_addf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>",
             !strcmp(saved, "1")        ? "Đã ghi báo cáo tiến độ."
             : !strcmp(saved, "due")    ? "Đã lưu thời hạn."
             : !strcmp(saved, "reopen") ? "Đã mở lại nhiệm vụ; đơn vị tiếp tục báo cáo tiến độ."
                                        : "Báo cáo giống hệt đã có trước đó, không ghi lại.");
}

#define HEADING_CHARS 120 /* a longer name is cut at a word for the heading */

/*
 * The page's heading: the task's name, cut at a word boundary after at
 * most HEADING_CHARS characters with "…" when longer (the whole name is
 * the first of the facts below it).
 */
static const char *task_heading(struct req *rq, const struct prog_task *t)
{
    if (!*t->name)
        return arena_printf(rq->arena, "Nhiệm vụ số %ld", t->id);
    size_t chars = 0, cut = 0, space = 0;
    const char *p = t->name;
    for (; *p && chars < HEADING_CHARS; p++) {
        if (((unsigned char)*p & 0xC0) == 0x80)
            continue; /* a continuation byte: not a new character */
        if (*p == ' ')
            space = (size_t)(p - t->name);
        chars++;
    }
    while (((unsigned char)*p & 0xC0) == 0x80)
        p++; /* the rest of the last character counted */
    if (!*p)
        return t->name;
    cut = space ? space : (size_t)(p - t->name);
    return arena_printf(rq->arena, "%.*s…", (int)cut, t->name);
}

/* The office's link to ask the units of an overdue task for an explanation. */
static void request_action(const struct req *rq, struct buf *b, const struct page_data *pd,
                           size_t ti)
{
    const struct report_task *it = page_item(pd, ti);
    if (!access_can_manage(rq->who.role) || !it || it->bucket != BUCKET_OVERDUE)
        return;
    buf_adds(b, "<p>");
    page_request_link(b, pd->prog.tasks[ti].id, 0, 0);
    buf_adds(b, "</p>");
}

/* ---- the view: everything the page shows, read before anything is written ---------- */

struct task_page {
    const struct page_data *pd;
    size_t ti;                      /* the task, an index of pd->prog */
    const char *heading;            /* the name, cut (arena) */
    struct task_view tv;            /* facts, parties, due date (store_task()) */
    struct progress_view *reports;  /* the latest reports, oldest first */
    int *review;                    /* per report: its review's state, or -1 (arena) */
    size_t n_reports, total_reports; /* shown, and how many there are */
    size_t *units;                  /* the units the user may report for (arena) */
    size_t n_units;
    const struct progress_form *form; /* the forms as typed, with their refusals */
};

static void task_page_release_cb(void *p)
{
    struct task_page *v = p;
    task_view_release(&v->tv);
    progress_views_free(v->reports, v->n_reports);
}

/* Fill *v (released with the request) for task ti; 0, or an error kind in e. */
static int task_page_fill(struct req *rq, struct task_page *v, const struct page_data *pd,
                          size_t ti, const struct progress_form *form, struct err *e)
{
    const struct prog_task *t = &pd->prog.tasks[ti];
    const char *all = req_query(rq, "reports");
    size_t limit = all && !strcmp(all, "all") ? SIZE_MAX : TIMELINE_SIZE;
    *v = (struct task_page){ .pd = pd, .ti = ti, .heading = task_heading(rq, t), .form = form };
    if (store_task(rq->db, t->id, &v->tv, e))
        return e->kind;
    arena_defer(rq->arena, task_page_release_cb, v);
    if (store_progress_recent(rq->db, t->id, limit, &v->reports, &v->n_reports,
                              &v->total_reports, e))
        return e->kind;
    long *ids = arena_calloc(rq->arena, v->n_reports + 1, sizeof(*ids));
    v->review = arena_calloc(rq->arena, v->n_reports + 1, sizeof(*v->review));
    for (size_t i = 0; i < v->n_reports; i++)
        ids[i] = v->reports[i].id;
    if (store_review_states(rq->db, ids, v->n_reports, v->review, e))
        return e->kind;
    v->units = page_report_units(rq, pd, ti, &v->n_units);
    return 0;
}

static int task_page_render(struct req *rq, struct resp *rs, const struct task_page *v)
{
    const struct page_data *pd = v->pd;
    form_page_begin(rq, rs, v->heading, "tasks", &v->form->errors);
    struct buf *b = &rs->body;
    form_error_summary(b, &v->form->errors);
    page_progress_confirm(rq, b, pd, v->ti, v->form);
    saved_notice(rq, b);
    page_as_of_form(rq, b, pd->as_of, NULL);
    task_status(b, pd, v->ti);
    if (page_warnings_section(rq, rs, pd->as_of, pd->prog.tasks[v->ti].id, 0))
        return -1;
    request_action(rq, b, pd, v->ti);
    facts(rq, b, pd, v->ti, &v->tv);
    due_form(rq, b, &v->tv, v->form);
    assignments(rq, b, pd, v->ti);
    timeline(rq, b, pd->prog.tasks[v->ti].id, v->reports, v->review, v->n_reports,
             v->total_reports);
    if (v->n_units)
        page_progress_form(rq, b, pd, v->ti, v->units, v->n_units, v->form);
    page_end(rq, rs);
    return 0;
}

int page_task_show(struct req *rq, struct resp *rs, const struct page_data *pd, size_t ti,
                   const struct progress_form *form)
{
    struct task_page *v = arena_calloc(rq->arena, 1, sizeof(*v));
    struct err e = ERR_INIT;
    if (task_page_fill(rq, v, pd, ti, form, &e))
        return resp_err(rq, rs, &e);
    return task_page_render(rq, rs, v);
}

int h_task(struct req *rq, struct resp *rs)
{
    static const char *const allowed[] = { "as_of", "saved", "reports", NULL };
    if (page_params_or_400(rq, rs, allowed))
        return -1;
    const char *reports = req_query(rq, "reports");
    if (reports && strcmp(reports, "all"))
        return resp_error(rq, rs, 400, "Tham số 'reports' chỉ nhận giá trị 'all'.");
    struct page_data *pd = NULL;
    size_t ti = page_task_of_request(rq, rs, &pd);
    if (ti == PROG_NONE)
        return -1;
    char today[DATE_ISO_LEN];
    date_iso(page_today(), today);
    struct progress_form form = { .unit_id = rq->who.agency_id,
                                  .date = arena_strdup(rq->arena, today) };
    form_init(&form.errors, "p");
    return page_task_show(rq, rs, pd, ti, &form);
}

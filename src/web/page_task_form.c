/*
 * page_task_form: the progress form of a task page and its submission,
 * POST /tasks/:id/progress (app.c has checked the CSRF token).
 *
 * A submission becomes one progress-table row, exactly as `giamsat
 * progress add` builds it, and store_progress_add() reads, checks and
 * appends it together with its audit line in one transaction. Who may
 * write is checked here first, against the unit the form names: a user
 * who may not report for it gets 403, nothing is written but an audit
 * line of the refusal. A row the store rejects re-renders the page with
 * the reason (422) and with what the user typed.
 */
#include "handlers.h"

#include "app.h"
#include "page.h"
#include "page_lists.h"
#include "core/batch.h"
#include "store/store.h"
#include "util/strparse.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <limits.h>
#include <string.h>

/* ---- the form ---------------------------------------------------------------------- */

size_t *page_report_units(struct req *rq, const struct page_data *pd, size_t ti, size_t *n)
{
    const struct prog_task *t = &pd->prog.tasks[ti];
    size_t *out = arena_calloc(rq->arena, t->n_assignments + 1, sizeof(size_t));
    *n = 0;
    if (t->is_group)
        return out; /* reports go to its sub-tasks */
    for (size_t i = 0; i < t->n_assignments; i++) {
        size_t a = pd->prog.assignments[t->assignments[i]].agency;
        if (access_can_report(rq->who.role, rq->who.agency_id, pd->prog.agencies[a].id))
            out[(*n)++] = a;
    }
    return out;
}

static void input(struct buf *b, const char *type, const char *name, const char *label,
                  const char *value, const char *extra)
{
    buf_addf(b,
             "<div class=\"field\"><label for=\"p-%s\">%s</label><input type=\"%s\""
             " id=\"p-%s\" name=\"%s\"%s value=\"",
             name, label, type, name, name, extra);
    page_attr(b, value ? value : "");
    buf_adds(b, "\"/></div>");
}

static void textarea(struct buf *b, const char *name, const char *label, const char *value)
{
    buf_addf(b,
             "<div class=\"field\"><label for=\"p-%s\">%s</label><textarea id=\"p-%s\""
             " name=\"%s\" rows=\"3\">",
             name, label, name, name);
    page_text(b, value ? value : "");
    buf_adds(b, "</textarea></div>");
}

static void unit_select(struct buf *b, const struct page_data *pd, const size_t *units, size_t n,
                        long chosen)
{
    buf_adds(b, "<div class=\"field\"><label for=\"p-unit\">Đơn vị báo cáo</label>"
                "<select id=\"p-unit\" name=\"unit\">");
    for (size_t i = 0; i < n; i++) {
        const struct prog_agency *a = &pd->prog.agencies[units[i]];
        buf_addf(b, "<option value=\"%ld\"%s>", a->id,
                 a->id == chosen ? " selected=\"selected\"" : "");
        page_text(b, a->name);
        buf_adds(b, "</option>");
    }
    buf_adds(b, "</select></div>");
}

static void completion_fields(struct buf *b, const struct progress_form *f)
{
    buf_addf(b,
             "<fieldset><legend>Hoàn thành nhiệm vụ</legend><div class=\"field\">"
             "<input type=\"checkbox\" id=\"p-done\" name=\"done\" value=\"1\"%s/>"
             " <label for=\"p-done\">Đơn vị đã hoàn thành nhiệm vụ</label></div>",
             f->done ? " checked=\"checked\"" : "");
    input(b, "date", "completed_on", "Ngày hoàn thành (để trống: ngày báo cáo)", f->completed_on,
          "");
    input(b, "text", "output", "Văn bản kết quả (số, ký hiệu, ngày ban hành)", f->output, "");
    buf_adds(b, "</fieldset>");
}

void page_progress_form(const struct req *rq, struct buf *b, const struct page_data *pd, size_t ti,
                        const size_t *units, size_t n_units, const struct progress_form *form)
{
    buf_adds(b, "<h2 id=\"them-bao-cao\">Thêm báo cáo tiến độ hoặc ghi nhận hoàn thành</h2>");
    if (form->error) {
        buf_adds(b, "<div class=\"error-summary\" role=\"alert\"><p>Chưa ghi được báo cáo: ");
        page_text(b, form->error);
        buf_adds(b, "</p></div>");
    }
    buf_addf(b, "<form method=\"post\" action=\"/tasks/%ld/progress\" class=\"progress\">",
             pd->prog.tasks[ti].id);
    page_csrf(rq, b);
    unit_select(b, pd, units, n_units, form->unit_id);
    input(b, "date", "date", "Ngày báo cáo", form->date, " required=\"required\"");
    textarea(b, "result", "Kết quả thực hiện đến ngày báo cáo", form->result);
    textarea(b, "next", "Dự kiến kết quả kỳ tới", form->next);
    textarea(b, "issues", "Vướng mắc, kiến nghị", form->issues);
    input(b, "number", "percent", "Tiến độ (%, không bắt buộc)", form->percent,
          " min=\"0\" max=\"100\"");
    completion_fields(b, form);
    buf_adds(b, "<button type=\"submit\">Ghi báo cáo</button></form>");
}

/* ---- the submission ---------------------------------------------------------------- */

static const char *form_value(const struct req *rq, const char *key)
{
    const char *v = req_form(rq, key);
    return v && !text_is_blank(v) ? v : NULL;
}

static struct progress_form form_from_request(const struct req *rq)
{
    struct progress_form f = { 0 };
    const char *unit = form_value(rq, "unit");
    if (!unit || strparse_long(unit, 1, 1L << 50, &f.unit_id))
        f.unit_id = 0;
    f.date = form_value(rq, "date");
    f.result = form_value(rq, "result");
    f.next = form_value(rq, "next");
    f.issues = form_value(rq, "issues");
    f.percent = form_value(rq, "percent");
    f.completed_on = form_value(rq, "completed_on");
    f.output = form_value(rq, "output");
    f.done = form_value(rq, "done") != NULL;
    return f;
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* The form as a row of a progress table (the batch owns the copies). */
static void row_from_form(const struct progress_form *f, long task_id, const char *unit,
                          struct progress_row *row)
{
    row->task_id = xasprintf("%ld", task_id);
    row->unit = xstrdup(unit);
    row->reported_on = dup_or_null(f->date);
    row->done = f->done ? xstrdup("có") : NULL;
    row->completed_on = dup_or_null(f->completed_on);
    row->output = dup_or_null(f->output);
    row->result = dup_or_null(f->result);
    row->next = dup_or_null(f->next);
    row->issues = dup_or_null(f->issues);
    row->percent = dup_or_null(f->percent);
}

/* 403 for a unit the user may not report for; the refusal alone is written, to the audit log. */
static int refuse(struct req *rq, struct resp *rs, long task_id, long unit_id)
{
    struct audit_entry a = app_audit(rq, "progress.denied");
    a.entity = "task";
    a.entity_id = task_id;
    a.after = arena_printf(rq->arena, "{\"task\":%ld,\"unit_id\":%ld,\"source\":\"web\"}", task_id,
                           unit_id);
    struct err e = ERR_INIT;
    if (app_audit_refusal(rq, &a, &e))
        return resp_err(rq, rs, &e);
    return resp_error(rq, rs, 403,
                      "tài khoản này không được báo cáo tiến độ cho đơn vị đã chọn"
                      " ở nhiệm vụ này");
}

/*
 * Append the report. 0 with a 303 response when written (or a duplicate),
 * 0 with form->error set when the store rejected it, -1 after a 500.
 */
static int add_report(struct req *rq, struct resp *rs, long task_id, const char *unit,
                      struct progress_form *form)
{
    struct batch b = BATCH_INIT;
    struct progress_summary sum = { 0 };
    struct err e = ERR_INIT;
    struct audit_entry audit = app_audit(rq, "progress.add");
    struct progress_options opt = { .source = "web", .today = page_today(), .audit = &audit };
    row_from_form(form, task_id, unit, batch_add_progress(&b, 0));
    int ret = store_progress_add(rq->db, rq->registry, &b, &opt, &sum, &e);
    if (ret)
        ret = resp_err(rq, rs, &e);
    else if (sum.n_rejects)
        form->error = arena_strdup(rq->arena, sum.rejects[0].reason);
    else
        resp_redirect(
            rs, arena_printf(rq->arena, "/tasks/%ld?saved=%d#bao-cao", task_id, sum.added ? 1 : 2));
    progress_summary_release(&sum);
    batch_release(&b);
    return ret;
}

static bool contains(const size_t *units, size_t n, size_t agency)
{
    for (size_t i = 0; i < n; i++)
        if (units[i] == agency)
            return true;
    return false;
}

int h_task_progress(struct req *rq, struct resp *rs)
{
    struct page_data *pd = page_data_load(rq, rs);
    if (!pd)
        return -1;
    size_t ti = page_task_of_path(rq, rs, pd);
    if (ti == PROG_NONE)
        return -1;
    long task_id = pd->prog.tasks[ti].id;
    struct progress_form form = form_from_request(rq);
    size_t n_units = 0, agency = programme_find_agency(&pd->prog, form.unit_id);
    size_t *units = page_report_units(rq, pd, ti, &n_units);
    const struct principal *w = &rq->who;
    if (!access_can_report(w->role, w->agency_id, form.unit_id) ||
        (!n_units && !access_can_manage(w->role)))
        return refuse(rq, rs, task_id, form.unit_id);
    if (agency == PROG_NONE || !contains(units, n_units, agency))
        form.error = "đơn vị đã chọn không chủ trì nhiệm vụ này";
    else if (form.completed_on && !form.done)
        form.error = "ngày hoàn thành chỉ ghi khi đánh dấu “Đơn vị đã hoàn thành nhiệm vụ”";
    else if (add_report(rq, rs, task_id, pd->prog.agencies[agency].name, &form))
        return -1;
    if (!form.error)
        return 0;
    rs->status = 422;
    return page_task_show(rq, rs, pd, ti, &form);
}

/* POST /tasks/:id/due (steering office): the due date a person decides, audited. */
int h_task_due(struct req *rq, struct resp *rs)
{
    long id = 0;
    struct date due = DATE_NONE;
    const char *text = req_form(rq, "due"), *note = req_form(rq, "due_note");
    if (strparse_long(rq->params[0], 1, LONG_MAX, &id))
        return resp_error(rq, rs, 404, "no such task");
    if (text && *text && date_parse_user(text, &due))
        return resp_error(rq, rs, 400, "'due' must be a date (yyyy-mm-dd or dd/mm/yyyy)");
    if (note && strlen(note) > 300)
        return resp_error(rq, rs, 400, "'due_note' is longer than 300 characters");
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct audit_entry a = app_audit(rq, "task.due");
    struct err e = ERR_INIT;
    if (store_task_set_due(db, id, due, note, &a, &e))
        return resp_err(rq, rs, &e);
    return resp_redirect(rs, arena_printf(rq->arena, "/tasks/%ld?saved=due", id));
}

/*
 * page_task_post: the submission of a task page's forms: POST
 * /tasks/:id/progress (the progress form and the form "Mở lại", drawn by
 * page_task_form.c) and POST /tasks/:id/due (app.c has checked the CSRF
 * token).
 *
 * A submission becomes one progress-table row, exactly as `giamsat
 * progress add` builds it, and store_progress_add() reads, checks and
 * appends it together with its audit line in one transaction. Who may
 * write is checked here first, against the unit the form names: a user
 * who may not report for it gets 403, nothing is written but an audit
 * line of the refusal.
 *
 * The form is then checked (form.h): a report must say something (a
 * result, next steps, issues, a percentage, or a completion); a completion
 * cites its output document — number/symbol and date of issue, stored as
 * the output "Số 12/BC-BNV ngày 20/12/2025"; a reopening (action=reopen,
 * only where the unit's completion is recorded) gives its reason; dates
 * are dd/mm/yyyy (or yyyy-mm-dd) and not in the future. Refusals, and rows
 * the store rejects, re-render the page (422) with the error summary on
 * top, each message beside its field and what the user typed. A valid
 * completion or reopening is not written at once: the page comes back
 * with a confirmation panel whose button posts the same fields with
 * confirm=1 (no JavaScript needed).
 */
#include "handlers.h"

#include "page_task.h"

#include "app.h"
#include "page.h"
#include "page_lists.h"
#include "core/batch.h"
#include "store/store_auth.h"
#include "store/store_edit.h"
#include "store/store_progress.h"
#include "util/strparse.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* ---- the submission ---------------------------------------------------------------- */

static const char *form_value(const struct req *rq, const char *key)
{
    const char *v = req_form(rq, key);
    return v && !text_is_blank(v) ? v : NULL;
}

static struct progress_form form_from_request(const struct req *rq)
{
    struct progress_form f = { 0 };
    const char *unit = form_value(rq, "unit"), *action = form_value(rq, "action");
    if (!unit || strparse_long(unit, 1, 1L << 50, &f.unit_id))
        f.unit_id = 0;
    f.reopen = action && !strcmp(action, "reopen");
    form_init(&f.errors, f.reopen ? "r" : "p");
    f.date = form_value(rq, "date");
    f.result = form_value(rq, f.reopen ? "reason" : "result");
    f.confirm = form_value(rq, "confirm") != NULL;
    if (f.reopen)
        return f;
    f.next = form_value(rq, "next");
    f.issues = form_value(rq, "issues");
    f.percent = form_value(rq, "percent");
    f.completed_on = form_value(rq, "completed_on");
    f.output_number = form_value(rq, "output_number");
    f.output_date = form_value(rq, "output_date");
    f.done = form_value(rq, "done") != NULL;
    return f;
}

/* The report date: given, a date, not after today. */
static void check_date(struct arena *a, struct progress_form *f, struct date *on)
{
    const char *what = f->reopen ? "Ngày mở lại" : "Ngày báo cáo";
    if (!f->date) {
        form_error(&f->errors, "date",
                   arena_printf(a, "Nhập %s", f->reopen ? "ngày mở lại" : "ngày báo cáo"));
        return;
    }
    if (form_date_read(&f->errors, a, "date", what, f->date, on))
        return;
    if (date_cmp(*on, page_today()) > 0)
        form_error(&f->errors, "date",
                   arena_printf(a, "%s không được sau hôm nay (%s)", what,
                                form_date_text(a, page_today())));
}

/* The completion date: only with a completion, a date, not after the report date. */
static void check_completed_on(struct arena *a, struct progress_form *f, struct date on)
{
    struct date done_on = DATE_NONE;
    struct form *e = &f->errors;
    if (f->completed_on && !f->done)
        form_error(e, "completed_on",
                   "Ngày hoàn thành chỉ ghi khi đánh dấu “Đơn vị đã hoàn thành"
                   " nhiệm vụ”");
    else if (!form_date_read(e, a, "completed_on", "Ngày hoàn thành", f->completed_on, &done_on) &&
             date_is_set(done_on) && date_is_set(on) && date_cmp(done_on, on) > 0)
        form_error(e, "completed_on", "Ngày hoàn thành không được sau ngày báo cáo");
}

/*
 * The output document's fields as typed: its length, its date (not after the
 * report). A completion's output is required by check_lacks(); one given
 * beside a progress report needs both parts too, as an output is cited.
 */
static void check_output(struct arena *a, struct progress_form *f, struct date on)
{
    struct date issued = DATE_NONE;
    struct form *e = &f->errors;
    if (f->output_number && strlen(f->output_number) > 300)
        form_error(e, "output_number", "Số, ký hiệu văn bản dài quá 300 ký tự");
    if (f->output_date &&
        !form_date_read(e, a, "output_date", "Ngày ban hành", f->output_date, &issued) &&
        date_is_set(on) && date_cmp(issued, on) > 0)
        form_error(e, "output_date", "Ngày ban hành không được sau ngày báo cáo");
    if (f->done || (!f->output_number && !f->output_date))
        return;
    if (!f->output_number)
        form_error(e, "output_number", progress_lack_message(PROGRESS_LACKS_OUTPUT_NUMBER));
    if (!f->output_date)
        form_error(e, "output_date", progress_lack_message(PROGRESS_LACKS_OUTPUT_DATE));
}

/* The form's fields as the row the rules of an entered report read (core/progress.h). */
static struct progress_row entered_row(struct arena *a, const struct progress_form *f)
{
    struct date issued = DATE_NONE;
    if (f->output_date)
        date_parse_user(f->output_date, &issued);
    const char *output =
        f->output_number || date_is_set(issued)
            ? page_progress_output(a, f->output_number ? f->output_number : "", issued)
            : NULL;
    return (struct progress_row){ .done = f->reopen ? "mở lại"
                                          : f->done ? "có"
                                                    : NULL,
                                  .result = (char *)f->result,
                                  .next = (char *)f->next,
                                  .issues = (char *)f->issues,
                                  .percent = (char *)f->percent,
                                  .output = (char *)output };
}

/* What the report lacks by the rules the API and the command line share, beside its field. */
static void check_lacks(struct arena *a, struct progress_form *f)
{
    static const struct {
        enum progress_lack lack;
        const char *field;
    } fields[] = {
        { PROGRESS_LACKS_OUTPUT_NUMBER, "output_number" },
        { PROGRESS_LACKS_OUTPUT_DATE, "output_date" },
        { PROGRESS_LACKS_CONTENT, "result" },
        { PROGRESS_LACKS_REASON, "reason" },
    };
    struct progress_row row = entered_row(a, f);
    unsigned lacks = progress_entry_lacks(&row);
    for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++)
        if (lacks & fields[i].lack)
            form_error(&f->errors, fields[i].field, progress_lack_message(fields[i].lack));
}

/* Every refusal of the form itself, before the store reads the row. */
static void check_form(struct req *rq, struct progress_form *f, const struct page_data *pd,
                       size_t ti, size_t agency)
{
    struct arena *a = rq->arena;
    struct date on = DATE_NONE;
    long percent = 0;
    if (f->reopen &&
        !page_task_unit_completed(pd, ti, agency)) /* not in the form's list: no link */
        form_error(&f->errors, NULL,
                   "Nhiệm vụ của đơn vị này chưa được ghi nhận hoàn thành,"
                   " không cần mở lại");
    check_date(a, f, &on);
    if (!f->reopen) {
        if (f->percent && strparse_long(f->percent, 0, 100, &percent))
            form_error(&f->errors, "percent", "Tiến độ phải là một số nguyên từ 0 đến 100");
        check_completed_on(a, f, on);
        check_output(a, f, on);
    }
    check_lacks(a, f);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* The form as a row of a progress table (the batch owns the copies). */
static void row_from_form(struct arena *a, const struct progress_form *f, long task_id,
                          const char *unit, struct progress_row *row)
{
    struct date issued = DATE_NONE;
    if (f->output_date)
        date_parse_user(f->output_date, &issued);
    row->task_id = xasprintf("%ld", task_id);
    row->unit = xstrdup(unit);
    row->reported_on = dup_or_null(f->date);
    row->done = f->reopen ? xstrdup("mở lại") : f->done ? xstrdup("có") : NULL;
    row->completed_on = dup_or_null(f->completed_on);
    row->output = dup_or_null(page_progress_output(a, f->output_number, issued));
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
 * 0 with an error in form->errors when the store rejected it, -1 after a 500.
 */
static int add_report(struct req *rq, struct resp *rs, long task_id, const char *unit,
                      struct progress_form *form)
{
    struct batch b = BATCH_INIT;
    struct progress_summary sum = { 0 };
    struct err e = ERR_INIT;
    struct audit_entry audit = app_audit(rq, "progress.add");
    struct progress_options opt = { .source = "web", .today = page_today(), .audit = &audit,
                                    .staff_entry = rq->who.role == ROLE_UNIT };
    row_from_form(rq->arena, form, task_id, unit, batch_add_progress(&b, 0));
    int ret = store_progress_add(rq->db, rq->registry, &b, &opt, &sum, &e);
    if (ret)
        ret = resp_err(rq, rs, &e);
    else if (sum.n_rejects)
        form_error(&form->errors, NULL, arena_strdup(rq->arena, sum.rejects[0].reason));
    else
        resp_redirect(rs, arena_printf(rq->arena, "/tasks/%ld?saved=%s#bao-cao", task_id,
                                       !sum.added     ? "2"
                                       : form->reopen ? "reopen"
                                                      : "1"));
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
    struct page_data *pd = NULL;
    size_t ti = page_task_of_request(rq, rs, &pd);
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
        form_error(&form.errors, n_units ? "unit" : NULL,
                   "Đơn vị đã chọn không chủ trì nhiệm vụ này");
    else
        check_form(rq, &form, pd, ti, agency);
    if (form_has_errors(&form.errors)) {
        rs->status = 422;
        return page_task_show(rq, rs, pd, ti, &form);
    }
    if ((form.done || form.reopen) && !form.confirm) {
        form.confirming = true; /* nothing is written before the user confirms */
        return page_task_show(rq, rs, pd, ti, &form);
    }
    if (add_report(rq, rs, task_id, pd->prog.agencies[agency].name, &form))
        return -1;
    if (!form_has_errors(&form.errors))
        return 0;
    rs->status = 422;
    return page_task_show(rq, rs, pd, ti, &form);
}

/* POST /tasks/:id/due (steering office): the due date a person decides, audited. */
int h_task_due(struct req *rq, struct resp *rs)
{
    long id = 0;
    struct date due = DATE_NONE;
    if (strparse_long(rq->params[0], 1, LONG_MAX, &id))
        return resp_error(rq, rs, 404, "Không có nhiệm vụ này");
    struct progress_form form = { .unit_id = rq->who.agency_id,
                                  .due = req_form(rq, "due"),
                                  .due_note = req_form(rq, "due_note") };
    form_init(&form.errors, "due");
    form_date_read(&form.errors, rq->arena, "due", "Thời hạn", form.due, &due);
    if (form.due_note && strlen(form.due_note) > 300)
        form_error(&form.errors, "due_note", "Căn cứ dài quá 300 ký tự");
    if (form_has_errors(&form.errors)) {
        struct page_data *pd = page_data_load(rq, rs);
        size_t ti = pd ? page_task_of_path(rq, rs, pd) : PROG_NONE;
        if (ti == PROG_NONE)
            return -1;
        rs->status = 422;
        return page_task_show(rq, rs, pd, ti, &form);
    }
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct audit_entry a = app_audit(rq, "task.due");
    struct err e = ERR_INIT;
    if (store_task_set_due(db, id, due, form.due_note, &a, &e))
        return resp_err(rq, rs, &e);
    return resp_redirect(rs, arena_printf(rq->arena, "/tasks/%ld?saved=due", id));
}

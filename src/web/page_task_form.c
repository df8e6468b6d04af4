/*
 * page_task_form: drawing the progress form, the form "Mở lại" and the
 * confirmation panel of a task page; see page_task_form.h. The
 * submission (POST /tasks/:id/progress, /tasks/:id/due) is
 * page_task_post.c.
 */
#include "page_task_form.h"

#include "app.h"
#include "page.h"
#include "page_lists.h"
#include "core/batch.h"
#include "util/strparse.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
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

/* The assignment of task ti to agency (a programme index), or NULL. */
static const struct prog_assignment *assignment_of(const struct page_data *pd, size_t ti,
                                                   size_t agency)
{
    const struct prog_task *t = &pd->prog.tasks[ti];
    for (size_t i = 0; i < t->n_assignments; i++)
        if (pd->prog.assignments[t->assignments[i]].agency == agency)
            return &pd->prog.assignments[t->assignments[i]];
    return NULL;
}

/* True when the unit's latest state on the task, today, is completed (reopening applies). */
bool page_task_unit_completed(const struct page_data *pd, size_t ti, size_t agency)
{
    const struct prog_assignment *a = assignment_of(pd, ti, agency);
    return a && status_replay(a->events, a->n_events, page_today()).completed;
}

static void unit_select(struct buf *b, const struct form *f, const struct page_data *pd,
                        const size_t *units, size_t n, long chosen)
{
    const struct form_field fd = { .name = "unit", .label = "Đơn vị báo cáo" };
    form_select_open(b, f, &fd);
    for (size_t i = 0; i < n; i++) {
        const struct prog_agency *a = &pd->prog.agencies[units[i]];
        char id[32];
        snprintf(id, sizeof(id), "%ld", a->id);
        form_option(b, id, a->name, a->id == chosen);
    }
    form_select_close(b);
}

static void completion_fields(struct buf *b, const struct form *f, const struct progress_form *v)
{
    form_raw(b, "<fieldset><legend>Hoàn thành nhiệm vụ</legend>");
    form_checkbox(b, f, &(struct form_field){ .name = "done",
                                              .label = "Đơn vị đã hoàn thành nhiệm vụ" },
                  v->done);
    form_date(b, f, &(struct form_field){ .name = "completed_on",
                                          .label = "Ngày hoàn thành (để trống: ngày báo cáo)",
                                          .value = v->completed_on });
    form_raw(b, "<fieldset class=\"output\"><legend>Văn bản kết quả (bắt buộc khi hoàn thành)"
                "</legend>");
    form_input(b, f, "text",
               &(struct form_field){ .name = "output_number",
                                     .label = "Số, ký hiệu văn bản",
                                     .hint = "Ví dụ: 12/BC-BNV hoặc Quyết định số 12/QĐ-BNV",
                                     .value = v->output_number,
                                     .raw_attrs = " maxlength=\"300\"" });
    form_date(b, f, &(struct form_field){ .name = "output_date", .label = "Ngày ban hành",
                                          .value = v->output_date });
    form_raw(b, "</fieldset></fieldset>");
}

/* The units of units[0..n) whose task is completed today: the ones a reopening applies to. */
static size_t completed_units(const struct page_data *pd, size_t ti, const size_t *units,
                              size_t n, size_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (page_task_unit_completed(pd, ti, units[i]))
            out[k++] = units[i];
    return k;
}

/* "Mở lại": for a unit whose completion was recorded, a dated report with its reason. */
static void reopen_form(const struct req *rq, struct buf *b, const struct page_data *pd,
                        size_t ti, const size_t *units, size_t n_units,
                        const struct progress_form *form)
{
    size_t *done = arena_calloc(rq->arena, n_units + 1, sizeof(size_t));
    size_t n = completed_units(pd, ti, units, n_units, done);
    if (!n)
        return;
    struct form none;
    form_init(&none, "r");
    const struct form *f = form->reopen ? &form->errors : &none;
    buf_adds(b, "<h2 id=\"mo-lai\">Mở lại nhiệm vụ đã ghi nhận hoàn thành</h2><p class=\"hint\">"
                "Dùng khi ghi nhận hoàn thành bị nhầm hoặc nhiệm vụ phải thực hiện tiếp. Việc mở"
                " lại được ghi thành một báo cáo kèm lý do; các báo cáo trước vẫn được giữ.</p>");
    buf_addf(b, "<form method=\"post\" action=\"/tasks/%ld/progress\" class=\"progress\""
                " id=\"reopen-form\">",
             pd->prog.tasks[ti].id);
    page_csrf(rq, b);
    form_hidden(b, "action", "reopen");
    unit_select(b, f, pd, done, n, form->reopen ? form->unit_id : rq->who.agency_id);
    form_date(b, f, &(struct form_field){ .name = "date", .label = "Ngày mở lại",
                                          .value = form->reopen ? form->date
                                                                : form_date_text(rq->arena,
                                                                                 page_today()),
                                          .required = true });
    form_textarea(b, f, &(struct form_field){ .name = "reason", .label = "Lý do mở lại",
                                              .value = form->reopen ? form->result : NULL });
    buf_adds(b, "<button type=\"submit\" class=\"secondary\">Mở lại</button></form>");
}

void page_progress_form(const struct req *rq, struct buf *b, const struct page_data *pd, size_t ti,
                        const size_t *units, size_t n_units, const struct progress_form *form)
{
    struct form none;
    form_init(&none, "p");
    bool mine = !strcmp(form->errors.prefix, "p"); /* else another form was submitted */
    const struct form *f = mine ? &form->errors : &none;
    const struct progress_form *v = form;
    struct progress_form blank = { .unit_id = form->unit_id,
                                   .date = form_date_text(rq->arena, page_today()) };
    if (!mine)
        v = &blank;
    buf_adds(b, "<h2 id=\"them-bao-cao\">Thêm báo cáo tiến độ hoặc ghi nhận hoàn thành</h2>");
    buf_addf(b, "<form method=\"post\" action=\"/tasks/%ld/progress\" class=\"progress\""
                " id=\"progress-form\">",
             pd->prog.tasks[ti].id);
    page_csrf(rq, b);
    unit_select(b, f, pd, units, n_units, v->unit_id);
    form_date(b, f, &(struct form_field){ .name = "date", .label = "Ngày báo cáo",
                                          .value = v->date, .required = true });
    form_textarea(b, f, &(struct form_field){ .name = "result",
                                              .label = "Kết quả thực hiện đến ngày báo cáo",
                                              .value = v->result });
    form_textarea(b, f, &(struct form_field){ .name = "next", .label = "Dự kiến kết quả kỳ tới",
                                              .value = v->next });
    form_textarea(b, f, &(struct form_field){ .name = "issues", .label = "Vướng mắc, kiến nghị",
                                              .value = v->issues });
    form_input(b, f, "number",
               &(struct form_field){ .name = "percent", .label = "Tiến độ (%, không bắt buộc)",
                                     .value = v->percent,
                                     .raw_attrs = " min=\"0\" max=\"100\"" });
    completion_fields(b, f, v);
    buf_adds(b, "<button type=\"submit\">Ghi báo cáo</button></form>");
    reopen_form(rq, b, pd, ti, units, n_units, form);
}

/* ---- the confirmation ---------------------------------------------------------------- */

/* The output document as a completion cites it (core/progress.h), in the request's arena. */
const char *page_progress_output(struct arena *a, const char *number, struct date issued)
{
    char *cite = progress_output_cite(number, issued);
    const char *copy = cite ? arena_strdup(a, cite) : NULL;
    free(cite);
    return copy;
}

static void confirm_fact(struct buf *b, const char *term, const char *value)
{
    if (!value)
        return;
    buf_adds(b, "<dt>");
    page_text(b, term);
    buf_adds(b, "</dt><dd>");
    page_text(b, value);
    buf_adds(b, "</dd>");
}

/* The fields as submitted, hidden, so "Xác nhận" posts them again with confirm=1. */
static void hidden_copies(struct buf *b, const struct progress_form *v)
{
    char unit[32];
    snprintf(unit, sizeof(unit), "%ld", v->unit_id);
    form_hidden(b, "unit", unit);
    form_hidden(b, "date", v->date);
    form_hidden(b, v->reopen ? "reason" : "result", v->result);
    form_hidden(b, "next", v->next);
    form_hidden(b, "issues", v->issues);
    form_hidden(b, "percent", v->percent);
    form_hidden(b, "done", v->done ? "1" : NULL);
    form_hidden(b, "completed_on", v->completed_on);
    form_hidden(b, "output_number", v->output_number);
    form_hidden(b, "output_date", v->output_date);
    form_hidden(b, "action", v->reopen ? "reopen" : NULL);
    form_hidden(b, "confirm", "1");
}

void page_progress_confirm(struct req *rq, struct buf *b, const struct page_data *pd, size_t ti,
                           const struct progress_form *v)
{
    if (!v->confirming)
        return;
    size_t agency = programme_find_agency(&pd->prog, v->unit_id);
    struct date issued = DATE_NONE;
    if (v->output_date)
        date_parse_user(v->output_date, &issued);
    buf_addf(b, "<div class=\"confirm-panel\" role=\"region\" tabindex=\"-1\""
                " autofocus=\"autofocus\" aria-labelledby=\"xac-nhan\"><h2 id=\"xac-nhan\">%s</h2>"
                "<p>Kiểm tra lại trước khi ghi. Sau khi ghi, ",
             v->reopen ? "Xác nhận mở lại nhiệm vụ" : "Xác nhận ghi nhận hoàn thành");
    buf_adds(b, v->reopen ? "nhiệm vụ của đơn vị trở lại trạng thái đang thực hiện.</p>"
                          : "nhiệm vụ của đơn vị được tính là đã hoàn thành; nếu nhầm, chỉ có thể"
                            " sửa bằng cách mở lại kèm lý do.</p>");
    buf_adds(b, "<dl class=\"facts\">");
    confirm_fact(b, "Đơn vị", agency != PROG_NONE ? pd->prog.agencies[agency].name : NULL);
    confirm_fact(b, "Ngày báo cáo", v->date);
    if (v->reopen) {
        confirm_fact(b, "Lý do mở lại", v->result);
    } else {
        confirm_fact(b, "Ngày hoàn thành", v->completed_on ? v->completed_on : v->date);
        confirm_fact(b, "Văn bản kết quả", page_progress_output(rq->arena, v->output_number, issued));
        confirm_fact(b, "Kết quả", v->result);
        confirm_fact(b, "Dự kiến kỳ tới", v->next);
        confirm_fact(b, "Vướng mắc, kiến nghị", v->issues);
        confirm_fact(b, "Tiến độ (%)", v->percent);
    }
    buf_addf(b, "</dl><form method=\"post\" action=\"/tasks/%ld/progress\" id=\"confirm-form\">",
             pd->prog.tasks[ti].id);
    page_csrf(rq, b);
    hidden_copies(b, v);
    buf_addf(b, "<button type=\"submit\">Xác nhận</button> <a href=\"#%s\">Quay lại sửa</a>"
                "</form></div>",
             v->reopen ? "mo-lai" : "them-bao-cao");
}


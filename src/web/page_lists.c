/* page_lists: the snapshot, task rows and table pieces the list pages share; see page_lists.h. */
#include "page_lists.h"

#include "app.h"
#include "core/docref.h"
#include "page.h"
#include "report_cache.h"
#include "render/report_doc.h"
#include "util/strparse.h"

#include <stdlib.h>
#include <string.h>

#define LEAD_NAMES_MAX 5 /* more lead units than this are written "N đơn vị", as the report does */

/* ---- the snapshot and its report ------------------------------------------------- */

struct page_data *page_data_load(struct req *rq, struct resp *rs)
{
    struct page_data *pd = arena_alloc(rq->arena, sizeof(*pd));
    if (page_as_of(rq, rs, &pd->as_of))
        return NULL;
    pd->as_of_given = req_query_nonblank(rq, "as_of") != NULL;
    struct db *db = app_db(rq, rs);
    if (!db)
        return NULL;
    struct err e = ERR_INIT;
    struct report_options opt = { .as_of = pd->as_of, .document = PROG_NONE, .agency = PROG_NONE };
    struct cached_snapshot *snap = NULL;
    struct cached_report *cr = NULL;
    if (app_snapshot(rq, db, &snap, &e) ||
        app_report(rq, snap, &opt, &cr, &e)) {
        err_prefix(&e, "cannot compute the statistics");
        resp_err(rq, rs, &e);
        return NULL;
    }
    /* Shallow copies of the shared, read-only cache entries, held until the request ends. */
    pd->prog = snap->prog;
    pd->rep = cr->rep;
    pd->cached = cr;
    pd->item_of = arena_calloc(rq->arena, pd->prog.n_tasks + 1, sizeof(size_t));
    for (size_t i = 0; i < pd->prog.n_tasks; i++)
        pd->item_of[i] = PROG_NONE;
    for (size_t k = 0; k < pd->rep.n_items; k++)
        pd->item_of[pd->rep.items[k].task] = k;
    return pd;
}

const struct report_task *page_item(const struct page_data *pd, size_t ti)
{
    size_t k = pd->item_of[ti];
    return k == PROG_NONE ? NULL : &pd->rep.items[k];
}

struct task_row page_task_row(const struct page_data *pd, size_t ti, size_t agency)
{
    struct task_row row = { ti, N_BUCKETS };
    if (agency == PROG_NONE) {
        const struct report_task *it = page_item(pd, ti);
        if (it)
            row.bucket = it->bucket;
        return row;
    }
    const struct prog_task *t = &pd->prog.tasks[ti];
    for (size_t i = 0; i < t->n_assignments; i++)
        if (pd->prog.assignments[t->assignments[i]].agency == agency)
            return page_assignment_row(pd, t->assignments[i]);
    row.for_unit = true;
    row.assignment = PROG_NONE;
    return row;
}

struct task_row page_assignment_row(const struct page_data *pd, size_t ai)
{
    return (struct task_row){ .task = pd->prog.assignments[ai].task,
                              .bucket = pd->rep.assignment_bucket[ai],
                              .for_unit = true,
                              .assignment = ai };
}

int page_params_or_400(struct req *rq, struct resp *rs, const char *const *allowed)
{
    for (size_t i = 0; i < rq->n_query; i++) {
        bool known = false;
        for (size_t k = 0; allowed[k] && !known; k++)
            known = !strcmp(rq->query[i].key, allowed[k]);
        if (!known)
            return resp_error(rq, rs, 400, "Địa chỉ có trường không dùng được ở trang này: “%s”.", rq->query[i].key);
    }
    return 0;
}

size_t page_task_of_path(struct req *rq, struct resp *rs, const struct page_data *pd)
{
    long id = 0;
    size_t ti = PROG_NONE;
    if (rq->n_params && !strparse_long(rq->params[0], 1, 1L << 50, &id))
        ti = programme_find_task(&pd->prog, id);
    if (ti == PROG_NONE)
        resp_error(rq, rs, 404, "Không có nhiệm vụ mã số %s.", rq->n_params ? rq->params[0] : "?");
    return ti;
}

size_t page_task_of_request(struct req *rq, struct resp *rs, struct page_data **pd)
{
    *pd = page_data_load(rq, rs);
    return *pd ? page_task_of_path(rq, rs, *pd) : PROG_NONE;
}

const char *page_as_of_query(const struct req *rq, const struct page_data *pd)
{
    if (!pd->as_of_given)
        return "";
    char iso[DATE_ISO_LEN];
    date_iso(pd->as_of, iso);
    return arena_printf(rq->arena, "?as_of=%s", iso);
}

/* ---- cells ------------------------------------------------------------------------ */

char *page_lead_text(const struct page_data *pd, size_t ti)
{
    const struct report_task *it = page_item(pd, ti);
    if (it)
        return report_lead_text(&pd->rep, it);
    const struct prog_task *t = &pd->prog.tasks[ti];
    struct buf b = BUF_INIT;
    if (t->n_assignments > LEAD_NAMES_MAX)
        buf_addf(&b, "%zu đơn vị", t->n_assignments);
    for (size_t i = 0; i < t->n_assignments && t->n_assignments <= LEAD_NAMES_MAX; i++)
        buf_addf(&b, "%s%s", i ? ", " : "",
                 pd->prog.agencies[pd->prog.assignments[t->assignments[i]].agency].name);
    if (!t->n_assignments)
        buf_adds(&b, "—");
    return buf_take(&b);
}

void page_deadline(struct buf *b, const struct prog_task *t)
{
    if (date_is_set(t->due))
        page_date(b, t->due);
    else if (t->deadline_kind == DEADLINE_RECURRING)
        buf_adds(b, "Thường xuyên");
    else
        buf_adds(b, "Chưa xác định thời hạn");
}

void page_row_status(struct buf *b, const struct page_data *pd, const struct task_row *row)
{
    const struct prog_task *t = &pd->prog.tasks[row->task];
    if (row->bucket < N_BUCKETS) {
        page_badge(b, row->bucket);
        const struct report_task *it = page_item(pd, row->task);
        if (it && it->undated)
            buf_adds(b, " <span class=\"hint\">chưa xác định thời hạn</span>");
    } else if (t->is_group) {
        buf_adds(b, "Nhóm nhiệm vụ (tính theo nhiệm vụ con)");
    } else if (t->repeat_of_id) {
        buf_adds(b, "Nhắc lại nhiệm vụ trước (không tính lại)");
    } else {
        buf_adds(b, "—");
    }
}

void page_bucket_heads(struct buf *b)
{
    for (int k = 0; k < N_BUCKETS; k++)
        buf_addf(b, "<th scope=\"col\" class=\"num\">%s</th>", bucket_label((enum bucket)k));
}

void page_bucket_cells(struct buf *b, const struct bucket_counts *c)
{
    for (int k = 0; k < N_BUCKETS; k++)
        buf_addf(b, "<td class=\"num\">%ld</td>", c->n[k]);
}

/* ---- the task table --------------------------------------------------------------- */

void page_document_ref(struct buf *b, const struct prog_document *d)
{
    struct docref r = DOCREF_INIT;
    struct err e = ERR_INIT;
    buf_addf(b, "<a href=\"/documents/%ld\" title=\"", d->id);
    page_attr(b, d->name);
    buf_adds(b, "\">");
    if (docref_parse(d->name, &r, &e) == 0 && r.number) {
        page_text(b, r.number);
        if (r.symbol) {
            buf_addch(b, r.sep);
            page_text(b, r.symbol);
        }
    } else {
        page_text(b, d->name);
    }
    buf_adds(b, "</a>");
    docref_release(&r);
}

static void task_tr(const struct req *rq, struct buf *b, const struct page_data *pd,
                    const struct task_row *row)
{
    const struct prog_task *t = &pd->prog.tasks[row->task];
    buf_adds(b, "<tr><td>");
    page_text(b, t->tt);
    buf_addf(b, "</td><td><a href=\"/tasks/%ld", t->id);
    page_attr(b, page_as_of_query(rq, pd));
    buf_adds(b, "\">");
    page_text(b, t->name);
    buf_adds(b, "</a></td><td class=\"docref\">");
    for (size_t i = 0; i < t->n_documents; i++) {
        buf_adds(b, i ? "; " : "");
        page_document_ref(b, &pd->prog.documents[t->documents[i]]);
    }
    if (!t->n_documents)
        buf_adds(b, "—");
    buf_adds(b, "</td><td>");
    char *lead = page_lead_text(pd, row->task);
    page_text(b, lead);
    free(lead);
    buf_adds(b, "</td><td>");
    page_deadline(b, t);
    buf_adds(b, "</td><td>");
    page_row_status(b, pd, row);
    if (row->for_unit) {
        /* computed for the rows drawn only: a unit may have thousands */
        const struct prog_assignment *a =
            row->assignment == PROG_NONE ? NULL : &pd->prog.assignments[row->assignment];
        buf_adds(b, "</td><td>");
        page_last_report(b, a ? status_last_report(a->events, a->n_events, pd->as_of) : DATE_NONE,
                         pd->as_of);
    }
    buf_adds(b, "</td></tr>");
}

void page_last_report(struct buf *b, struct date last, struct date as_of)
{
    if (!date_is_set(last)) {
        buf_adds(b, "<span class=\"stale\">chưa báo cáo</span>");
        return;
    }
    page_date(b, last);
    long days = date_to_days(as_of) - date_to_days(last);
    if (days >= 60)
        buf_addf(b, " <span class=\"stale\">(%ld tháng trước)</span>", days / 30);
    else if (days > 0)
        buf_addf(b, " (%ld ngày trước)", days);
}

void page_task_table(const struct req *rq, struct buf *b, const struct page_data *pd,
                     const struct task_row *rows, size_t n, const char *caption)
{
    if (n == 0) {
        buf_adds(b, "<p>Không có nhiệm vụ nào.</p>");
        return;
    }
    buf_adds(b, "<table class=\"tasks\">");
    if (caption) {
        buf_adds(b, "<caption>");
        page_text(b, caption);
        buf_adds(b, "</caption>");
    }
    buf_adds(b, "<thead><tr><th scope=\"col\">TT</th><th scope=\"col\">Nhiệm vụ</th>"
                "<th scope=\"col\">Văn bản</th><th scope=\"col\">Cơ quan chủ trì</th><th scope=\"col\">Thời hạn</th>"
                "<th scope=\"col\">Tình trạng</th>");
    if (rows[0].for_unit)
        buf_adds(b, "<th scope=\"col\">Báo cáo gần nhất</th>");
    buf_adds(b, "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        task_tr(rq, b, pd, &rows[i]);
    buf_adds(b, "</tbody></table>");
}

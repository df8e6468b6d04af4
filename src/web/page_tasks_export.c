/*
 * page_tasks_export: GET /tasks/export?format=csv|xlsx&<the filters of
 * /tasks> — the same filtered list as an rdoc table (render/rdoc.h),
 * rendered by csv_render() or xlsx_write() and sent as an attachment.
 * The status and completion date of a row are the task's, or with a
 * lead-unit filter that unit's, as on the page. The file is named after
 * the filter ("nhiem-vu-bo-cong-an-qua-han.xlsx"). page_export_send() (page_export.h)
 * sends any such rdoc the same way (the warnings list uses it).
 */
#include "handlers.h"

#include "page.h"
#include "page_export.h"
#include "page_lists.h"
#include "export/docx.h"
#include "export/xlsx.h"
#include "render/csv.h"
#include "render/report_doc.h"
#include "store/store_pages.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const export_cols[] = {
    "ID",
    "TT",
    "Nhiệm vụ",
    "Lĩnh vực",
    "Văn bản",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Kết quả",
    "Thời hạn (như văn bản)",
    "Hạn",
    "Tình trạng",
    "Ngày hoàn thành",
    "Đơn vị chưa hoàn thành",
    NULL,
};

static char *documents_text(const struct programme *p, const struct prog_task *t)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < t->n_documents; i++)
        buf_addf(&b, "%s%s", i ? "; " : "", p->documents[t->documents[i]].name);
    return buf_take(&b);
}

/* The completion date a row shows: the task's, or with a unit filter that unit's. */
static struct date row_completed_on(const struct page_data *pd, const struct task_row *row,
                                    size_t agency)
{
    if (row->bucket != BUCKET_DONE_ON_TIME && row->bucket != BUCKET_DONE_LATE)
        return DATE_NONE;
    const struct prog_task *t = &pd->prog.tasks[row->task];
    if (agency == PROG_NONE)
        return page_item(pd, row->task)->completed_on;
    for (size_t i = 0; i < t->n_assignments; i++) {
        const struct prog_assignment *a = &pd->prog.assignments[t->assignments[i]];
        if (a->agency == agency)
            return status_replay(a->events, a->n_events, pd->as_of).completed_on;
    }
    return DATE_NONE;
}

static void export_row(struct rtable *tb, const struct page_data *pd, const struct task_row *row,
                       const struct task_cells *cells, size_t agency)
{
    const struct prog_task *t = &pd->prog.tasks[row->task];
    const struct report_task *it = page_item(pd, row->task);
    rtable_row(tb);
    rtable_int(tb, 0, t->id);
    rtable_text(tb, 1, xstrdup(t->tt));
    rtable_text(tb, 2, xstrdup(t->name));
    rtable_text(tb, 3, xstrdup(t->field));
    rtable_text(tb, 4, documents_text(&pd->prog, t));
    rtable_text(tb, 5, page_lead_text(pd, row->task));
    rtable_text(tb, 6, xstrdup(cells ? cells->coord_text : ""));
    rtable_text(tb, 7, xstrdup(cells ? cells->output : ""));
    rtable_text(tb, 8, xstrdup(t->deadline_text));
    if (date_is_set(t->due))
        rtable_date(tb, 9, t->due);
    rtable_text(tb, 10, xstrdup(row->bucket < N_BUCKETS ? bucket_label(row->bucket) : ""));
    struct date done = row_completed_on(pd, row, agency);
    if (date_is_set(done))
        rtable_date(tb, 11, done);
    rtable_text(tb, 12,
                it && agency == PROG_NONE ? report_not_done_text(&pd->rep, it) : xstrdup(""));
}

static int cmp_cells(const void *key, const void *elem)
{
    long id = *(const long *)key, other = ((const struct task_cells *)elem)->id;
    return (id > other) - (id < other);
}

static int export_doc(struct req *rq, struct resp *rs, const struct page_data *pd,
                      const struct task_query *q, const struct task_row *rows, size_t n,
                      struct rdoc *d)
{
    struct task_cells *cells = NULL;
    size_t n_cells = 0;
    struct err e = ERR_INIT;
    if (store_task_cells(rq->db, &cells, &n_cells, &e))
        return resp_err(rq, rs, &e);
    char dmy[DATE_ISO_LEN];
    date_dmy(pd->as_of, dmy);
    char *sub = xasprintf("(Tình trạng tính đến ngày %s; %zu nhiệm vụ)", dmy, n);
    rdoc_set_title(d, "DANH SÁCH NHIỆM VỤ", sub);
    free(sub);
    struct rsection *s = rdoc_add_section(d, "nhiem_vu", "Danh sách nhiệm vụ", "Nhiệm vụ");
    struct rtable *tb = rsection_table(s, export_cols);
    for (size_t i = 0; i < n; i++) {
        long id = pd->prog.tasks[rows[i].task].id;
        export_row(tb, pd, &rows[i], bsearch(&id, cells, n_cells, sizeof(*cells), cmp_cells),
                   q->agency);
    }
    task_cells_free(cells, n_cells);
    return 0;
}

/* ---- the file's name ---------------------------------------------------------------- */

/* Status filter values as they read in a file name (ASCII, Vietnamese). */
static const struct {
    const char *key, *slug, *label;
} status_names[] = {
    { "overdue", "qua-han", "quá hạn" },
    { "in_progress", "dang-thuc-hien", "đang thực hiện" },
    { "recurring", "thuong-xuyen", "thường xuyên" },
    { "in_progress_on_time", "trong-han", "trong hạn" },
    { "done", "da-hoan-thanh", "đã hoàn thành" },
    { "done_on_time", "hoan-thanh-dung-han", "hoàn thành đúng hạn" },
    { "done_late", "hoan-thanh-qua-han", "hoàn thành quá hạn" },
};

/* Append s to the ASCII name: folded (no diacritics, lower case), every run of other
   characters one '-'. At most 100 bytes in all. */
static void add_slug(struct buf *name, const char *s)
{
    char *folded = text_fold(s);
    bool dash = true;
    for (const char *p = folded; *p && name->len < 100; p++) {
        bool keep = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');
        if (keep && dash)
            buf_addch(name, '-');
        if (keep)
            buf_addch(name, *p);
        dash = !keep;
    }
    free(folded);
}

/* Append s to the UTF-8 name of filename* (RFC 8187): attr-chars as they are, the rest %XX. */
static void add_ext(struct buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("!#$&+-.^_`|~", *p))
            buf_addch(b, (char)*p);
        else
            buf_addf(b, "%%%02X", *p);
    }
}

/*
 * The Content-Disposition of an export named base (ASCII) / vi_base (Vietnamese) and
 * the filter's values parts[0..n): ASCII in filename= and Vietnamese in filename*=
 * ("nhiem-vu-bo-cong-an-qua-han.xlsx", "nhiệm vụ - Bộ Công an - quá hạn.xlsx"). In
 * the arena.
 */
static const char *disposition(struct req *rq, const char *base, const char *vi_base,
                               const char *const *parts, size_t n, const char *format)
{
    struct buf ascii = BUF_INIT, vi = BUF_INIT, out = BUF_INIT;
    buf_adds(&ascii, base);
    buf_adds(&vi, vi_base);
    for (size_t i = 0; i < n; i++) {
        add_slug(&ascii, parts[i]);
        buf_addf(&vi, " - %s", parts[i]);
    }
    buf_addf(&out, "attachment; filename=\"%s.%s\"; filename*=UTF-8''", ascii.data, format);
    add_ext(&out, vi.data);
    buf_addf(&out, ".%s", format);
    const char *ret = arena_strdup(rq->arena, out.data);
    buf_release(&ascii);
    buf_release(&vi);
    buf_release(&out);
    return ret;
}

/* The filter's values of the task list, in the order they name the file. */
static size_t task_filter_parts(struct req *rq, const struct page_data *pd,
                                const struct task_query *q, const char **parts)
{
    size_t n = 0;
    if (q->q && *q->q)
        parts[n++] = q->q;
    if (q->document != PROG_NONE)
        parts[n++] = pd->prog.documents[q->document].name;
    if (q->agency != PROG_NONE)
        parts[n++] = pd->prog.agencies[q->agency].name;
    if (q->kind)
        parts[n++] = q->kind;
    if (q->field)
        parts[n++] = q->field;
    const char *status = req_query(rq, "status");
    for (size_t i = 0; status && i < sizeof(status_names) / sizeof(*status_names); i++)
        if (!strcmp(status, status_names[i].key))
            parts[n++] = status_names[i].label;
    return n;
}

/* xlsx_write() and docx_write() need a path: write a temporary file and read it back. */
static int send_binary(struct req *rq, struct resp *rs, const struct rdoc *d,
                       int (*write)(const struct rdoc *, const char *, struct err *),
                       const char *type)
{
    char path[] = "/tmp/giamsat-export-XXXXXX";
    FILE *f = NULL;
    struct err e = ERR_INIT;
    int ret = -1, fd = mkstemp(path);
    if (fd < 0)
        return resp_error(rq, rs, 500, "không tạo được tệp tạm");
    close(fd);
    if (write(d, path, &e)) {
        resp_err(rq, rs, &e);
        goto cleanup;
    }
    f = fopen(path, "rb");
    char chunk[8192];
    for (size_t got = f ? fread(chunk, 1, sizeof(chunk), f) : 0; got > 0;
         got = fread(chunk, 1, sizeof(chunk), f))
        buf_add(&rs->body, chunk, got);
    if (!f || ferror(f) || !buf_ok(&rs->body)) {
        resp_error(rq, rs, 500, "không đọc lại được tệp đã tạo");
        goto cleanup;
    }
    rs->content_type = type;
    ret = 0;
cleanup:
    if (f)
        fclose(f);
    unlink(path);
    return ret;
}

int page_export_send(struct req *rq, struct resp *rs, const struct rdoc *d, const char *section,
                     const char *format, const char *base, const char *vi_base,
                     const char *const *parts, size_t n_parts)
{
    int ret;
    if (!strcmp(format, "csv")) {
        csv_render(d, section, &rs->body);
        rs->content_type = "text/csv; charset=utf-8";
        ret = buf_ok(&rs->body) ? 0 : resp_error(rq, rs, 500, "Danh sách quá lớn để tải về.");
    } else if (!strcmp(format, "docx")) {
        ret = send_binary(rq, rs, d, docx_write,
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    } else {
        ret = send_binary(rq, rs, d, xlsx_write,
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
    if (!ret)
        resp_header(rs, "Content-Disposition",
                    disposition(rq, base, vi_base, parts, n_parts, format));
    return ret;
}

int h_tasks_export(struct req *rq, struct resp *rs)
{
    static const char *const allowed[] = { PAGE_LIST_PARAMS, "format", NULL };
    const char *format = req_query(rq, "format");
    struct page_data *pd = NULL;
    struct task_query q;
    struct rdoc d = RDOC_INIT;
    size_t n = 0;
    int ret = -1;
    if (page_params_or_400(rq, rs, allowed))
        return -1;
    if (!format || (strcmp(format, "csv") && strcmp(format, "xlsx")))
        return resp_error(rq, rs, 400, "Trường “Định dạng tệp” chỉ nhận csv hoặc xlsx.");
    struct task_row *rows = page_filtered_rows(rq, rs, &pd, &q, &n);
    if (!rows || export_doc(rq, rs, pd, &q, rows, n, &d))
        goto cleanup;
    const char *parts[6] = { 0 };
    size_t n_parts = task_filter_parts(rq, pd, &q, parts);
    ret = page_export_send(rq, rs, &d, "nhiem_vu", format, "nhiem-vu", "nhiệm vụ", parts,
                           n_parts);
cleanup:
    rdoc_release(&d);
    return ret;
}

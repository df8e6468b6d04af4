/*
 * page_report: Báo cáo — the statistics report of a chosen date in the
 * page (the HTML fragment of its rdoc), its filters, and its downloads in
 * every format of `giamsat report`; see page_report.h.
 */
#include "page_report.h"

#include "app.h"
#include "handlers.h"
#include "page.h"
#include "report_cache.h"
#include "export/docx.h"
#include "export/xlsx.h"
#include "json/json_report.h"
#include "render/csv.h"
#include "render/html.h"
#include "render/md.h"
#include "render/report_doc.h"
#include "store/store_docsets.h"
#include "store/store_frame.h"
#include "store/store_query.h"
#include "store/store_requests.h"
#include "util/collate.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- building the report ------------------------------------------------------ */

/* The unit named by the user, as a snapshot index: registry name, then its successor. */
static int find_agency(const struct req *rq, const struct programme *p, const char *name,
                       size_t *out, struct err *e)
{
    const struct registry *reg = rq->registry;
    long id = registry_unit_id(reg, name);
    size_t i = id ? programme_find_agency(p, id) : PROG_NONE;
    if (i == PROG_NONE)
        return err_set(e, ERR_NOT_FOUND, "không có đơn vị nào tên “%s”", name);
    *out = i;
    return 0;
}

static int find_document(struct db *db, const struct programme *p, const char *text, size_t *out,
                         struct err *e)
{
    long id = 0;
    if (store_find_document(db, text, &id, e))
        return e->kind;
    *out = programme_find_document(p, id);
    if (*out == PROG_NONE)
        return err_set(e, ERR_NOT_FOUND, "no document matches '%s'", text);
    return 0;
}

int page_report_load(struct req *rq, struct db *db, const struct page_report_scope *scope,
                     struct page_report **out, struct err *e)
{
    /* Zeroed: prog is PROGRAMME_INIT and rep REPORT_INIT until the cache fills them. */
    struct page_report *pr = arena_alloc(rq->arena, sizeof(*pr));
    *out = pr;
    struct cached_snapshot *snap = NULL;
    struct cached_report *cr = NULL;
    if (app_snapshot(rq, db, &snap, e))
        return e->kind;
    /* Shallow copies of the shared, read-only cache entries, held until the request ends. */
    pr->prog = snap->prog;
    pr->loaded = true;
    struct report_options o = { scope->as_of, scope->due_by, PROG_NONE, PROG_NONE };
    if ((scope->document && find_document(db, &pr->prog, scope->document, &o.document, e)) ||
        (scope->agency && find_agency(rq, &pr->prog, scope->agency, &o.agency, e)) ||
        app_report(rq, snap, &o, &cr, e))
        return e->kind;
    pr->rep = cr->rep;
    pr->board = &cr->board;
    pr->cached = cr;
    return 0;
}

/* as_of (default today), due_by, document, agency; -1 after a 400 response. */
static int read_scope(struct req *rq, struct resp *rs, struct page_report_scope *s)
{
    *s = (struct page_report_scope){ DATE_NONE, DATE_NONE, NULL, NULL };
    if (page_as_of(rq, rs, &s->as_of) || req_date_or_400(rq, rs, "due_by", DATE_NONE, &s->due_by))
        return -1;
    s->document = req_query_nonblank(rq, "document");
    s->agency = req_query_nonblank(rq, "agency");
    return 0;
}

/* ---- formats -------------------------------------------------------------------- */

typedef int report_write_cb(const struct rdoc *d, const char *path, struct err *e);

static const struct format {
    const char *key;        /* ?format= and the file extension */
    const char *type;       /* Content-Type */
    const char *label;      /* the download link */
    report_write_cb *write; /* writers that need a path; NULL for text */
} formats[] = {
    { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (.xlsx)",
      xlsx_write },
    { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Word (.docx)", docx_write },
    { "html", "text/html; charset=utf-8", "Trang in (.html)", NULL },
    { "csv", "text/csv; charset=utf-8", "Bảng số liệu (.csv)", NULL },
    { "md", "text/markdown; charset=utf-8", "Markdown (.md)", NULL },
    { "json", "application/json; charset=utf-8", "JSON (.json)", NULL },
};
#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

static const struct format *find_format(const char *key)
{
    for (size_t i = 0; key && i < N_FORMATS; i++)
        if (!strcmp(formats[i].key, key))
            return &formats[i];
    return NULL;
}

/* Append the whole file at path to out. */
static int read_file(const char *path, struct buf *out, struct err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(e, ERR_STORAGE, "cannot read '%s'", path);
    char chunk[16384];
    for (;;) {
        size_t n = fread(chunk, 1, sizeof(chunk), f);
        buf_add(out, chunk, n);
        if (n < sizeof(chunk))
            break;
    }
    bool failed = ferror(f) != 0;
    fclose(f);
    return failed ? err_set(e, ERR_STORAGE, "cannot read '%s'", path) : 0;
}

/* The writers of xlsx and docx need a path: a private temporary file, read back, removed. */
static int render_binary(const struct rdoc *d, const struct format *f, struct buf *out,
                         struct err *e)
{
    char path[64];
    snprintf(path, sizeof(path), "/tmp/giamsat-XXXXXX.%s", f->key);
    int fd = mkstemps(path, (int)strlen(f->key) + 1);
    if (fd < 0)
        return err_set(e, ERR_STORAGE, "cannot create a temporary file");
    close(fd);
    int ret = f->write(d, path, e);
    if (!ret)
        ret = read_file(path, out, e);
    unlink(path);
    return ret;
}

/* d in format f (not json), into out. */
static int render_doc(const struct rdoc *d, const struct format *f, struct buf *out, struct err *e)
{
    if (f->write)
        return render_binary(d, f, out, e);
    if (!strcmp(f->key, "md"))
        md_render(d, out);
    else if (!strcmp(f->key, "html"))
        html_render(d, out);
    else
        csv_render(d, NULL, out);
    return 0;
}

/* Pages (docx, html) are in the installation's administrative frame (`giamsat frame`). */
static int frame_report(struct db *db, const struct page_report *pr, const struct format *f,
                        struct rdoc *d, struct err *e)
{
    if (strcmp(f->key, "docx") && strcmp(f->key, "html"))
        return 0;
    struct frame_settings fs = FRAME_SETTINGS_INIT;
    int ret = store_frame_get(db, &fs, e);
    if (!ret)
        rdoc_set_frame(d, &fs, pr->rep.opt.as_of, "BÁO CÁO");
    frame_settings_release(&fs);
    return ret;
}

/* The requests for explanation of pr's scope as of its date (issue #15), into *s. */
static int load_requests(struct db *db, const struct page_report *pr, struct request_summary *s,
                         struct err *e)
{
    size_t a = pr->rep.opt.agency;
    return store_request_summary(db, a == PROG_NONE ? 0 : pr->rep.prog->agencies[a].id,
                                 pr->rep.opt.as_of, s, e);
}

/* The report, its indicator board and the extras x (its notes) in format f, into out. */
static int render_report(struct db *db, const struct page_report *pr,
                         const struct report_extras *x, const struct format *f, struct buf *out,
                         struct err *e)
{
    if (!strcmp(f->key, "json")) {
        char *js = json_report_with(&pr->rep, pr->board, x);
        buf_adds(out, js);
        buf_addch(out, '\n');
        free(js);
        return 0;
    }
    struct rdoc d = RDOC_INIT;
    report_doc_build_with(&pr->rep, pr->board, x, &d);
    int ret = frame_report(db, pr, f, &d, e);
    if (!ret)
        ret = render_doc(&d, f, out, e);
    rdoc_release(&d);
    return ret;
}

int h_report_download(struct req *rq, struct resp *rs)
{
    const struct format *f = find_format(req_query(rq, "format"));
    if (!f)
        return resp_error(rq, rs, 400,
                          "Trường “Định dạng tệp” chỉ nhận: xlsx, docx, html, csv, md hoặc json.");
    struct page_report_scope sc;
    struct db *db = NULL;
    if (read_scope(rq, rs, &sc))
        return -1;
    db = app_db(rq, rs);
    if (!db)
        return -1;
    struct page_report *pr;
    struct err e = ERR_INIT;
    struct report_notes notes = REPORT_NOTES_INIT;
    struct report_extras x = { NULL };
    struct request_summary rqs = REQUEST_SUMMARY_INIT;
    int ret = page_report_load(rq, db, &sc, &pr, &e) ||
              store_report_notes(db, &pr->rep, REPORT_STALE_DAYS, &notes, &e) ||
              load_requests(db, pr, &rqs, &e);
    if (!ret) {
        report_notes_extras(&notes, &x);
        x.requests = request_summary_any(&rqs);
        x.lists_apart = !strcmp(f->key, "docx"); /* as `giamsat report`: annexes II, III in xlsx */
        ret = render_report(db, pr, &x, f, &rs->body, &e);
    }
    request_summary_release(&rqs);
    report_notes_release(&notes);
    if (ret)
        return resp_err(rq, rs, &e);
    if (!buf_ok(&rs->body))
        return resp_error(rq, rs, 500, "Báo cáo dạng %s quá lớn.", f->key);
    char iso[DATE_ISO_LEN];
    date_iso(sc.as_of, iso);
    rs->content_type = f->type;
    resp_header(rs, "Content-Disposition",
                arena_printf(rq->arena, "attachment; filename=\"thong-ke-%s.%s\"", iso, f->key));
    return 0;
}

/* ---- the page ------------------------------------------------------------------- */

/* What the form shows: the choices and what is chosen. */
struct report_form {
    const struct page_report_scope *scope;
    const struct page_report *pr;
    struct document_view *docs;
    size_t n_docs;
    bool built; /* pr->rep holds the report of scope */
};

static void date_field(struct buf *b, const char *name, const char *label, struct date d)
{
    char dmy[DATE_ISO_LEN];
    date_dmy(d, dmy);
    buf_addf(b, "<div class=\"field\"><label for=\"%s\">", name);
    page_text(b, label);
    buf_addf(b, "</label><p class=\"hint\" id=\"%s-hint\">Ví dụ: 24/12/2025</p><input type=\"text\""
                " class=\"date\" inputmode=\"numeric\" maxlength=\"10\" autocomplete=\"off\""
                " id=\"%s\" name=\"%s\" aria-describedby=\"%s-hint\" value=\"%s\"/></div>",
             name, name, name, name, dmy);
}

static void document_select(struct buf *b, const struct report_form *f)
{
    const struct report *r = &f->pr->rep;
    buf_adds(b, "<div class=\"field\"><label for=\"document\">Văn bản chỉ đạo</label>"
                "<select id=\"document\" name=\"document\">");
    page_option(b, "", "Tất cả văn bản", !f->scope->document);
    for (size_t i = 0; i < f->n_docs; i++) {
        const struct document_view *v = &f->docs[i];
        bool sel = f->built && r->opt.document != PROG_NONE
                       ? f->pr->prog.documents[r->opt.document].id == v->id
                       : f->scope->document && !strcmp(f->scope->document, v->name);
        page_option(b, v->name, v->name, sel);
    }
    buf_adds(b, "</select></div>");
}

static int name_cmp(const void *a, const void *b)
{
    return collate_vi(*(const char *const *)a, *(const char *const *)b);
}

/* The units that lead at least one task, in Vietnamese order. */
static void agency_select(struct buf *b, const struct report_form *f)
{
    const struct programme *p = &f->pr->prog;
    const char *chosen = f->scope->agency;
    if (f->built && f->pr->rep.opt.agency != PROG_NONE)
        chosen = p->agencies[f->pr->rep.opt.agency].name;
    bool *has = xcalloc(p->n_agencies + 1, sizeof(*has));
    const char **names = xcalloc(p->n_agencies + 1, sizeof(*names));
    size_t n = 0;
    for (size_t i = 0; i < p->n_assignments; i++)
        has[p->assignments[i].agency] = true;
    for (size_t i = 0; i < p->n_agencies; i++)
        if (has[i])
            names[n++] = p->agencies[i].name;
    qsort(names, n, sizeof(*names), name_cmp);
    buf_adds(b, "<div class=\"field\"><label for=\"agency\">Cơ quan chủ trì</label>"
                "<select id=\"agency\" name=\"agency\">");
    page_option(b, "", "Tất cả đơn vị", !chosen);
    for (size_t i = 0; i < n; i++)
        page_option(b, names[i], names[i], chosen && !strcmp(chosen, names[i]));
    buf_adds(b, "</select></div>");
    free(names);
    free(has);
}

static void form(struct buf *b, const struct report_form *f)
{
    struct date due_by = f->scope->due_by;
    if (!date_is_set(due_by) && date_is_set(f->scope->as_of))
        due_by = date_year_end(f->scope->as_of);
    page_filters_begin(b);
    buf_adds(b, "<form method=\"get\" action=\"/report\" class=\"filters\">");
    date_field(b, "as_of", "Số liệu tính đến ngày", f->scope->as_of);
    date_field(b, "due_by", "Nhiệm vụ có thời hạn đến ngày", due_by);
    document_select(b, f);
    agency_select(b, f);
    buf_adds(b, "<div><button type=\"submit\">Xem báo cáo</button></div></form>");
    page_filters_end(b);
}

/* The query of the report shown, for the download links ("as_of=...&due_by=..."). */
static void scope_query(struct buf *q, const struct report *r, const struct report_form *f)
{
    char as_of[DATE_ISO_LEN], due_by[DATE_ISO_LEN];
    date_iso(r->opt.as_of, as_of);
    date_iso(r->opt.due_by, due_by);
    buf_addf(q, "as_of=%s&due_by=%s", as_of, due_by);
    if (r->opt.document != PROG_NONE) {
        buf_adds(q, "&document=");
        http_encode(q, f->pr->prog.documents[r->opt.document].name);
    }
    if (r->opt.agency != PROG_NONE) {
        buf_adds(q, "&agency=");
        http_encode(q, f->pr->prog.agencies[r->opt.agency].name);
    }
}

static void downloads(struct buf *b, const struct report_form *f)
{
    struct buf q = BUF_INIT;
    scope_query(&q, &f->pr->rep, f);
    buf_adds(b, "<div class=\"downloads\"><h2>Tải báo cáo</h2><ul>");
    for (size_t i = 0; i < N_FORMATS; i++) {
        buf_addf(b, "<li><a href=\"/report/download?format=%s&amp;", formats[i].key);
        page_attr(b, q.data);
        buf_adds(b, "\">");
        page_text(b, formats[i].label);
        buf_adds(b, "</a></li>");
    }
    buf_adds(b, "</ul><p class=\"hint\">Để in trên khổ A4, dùng chức năng In của trình duyệt"
                " (Ctrl+P): trang in chỉ gồm nội dung báo cáo.</p></div>");
    buf_release(&q);
}

static void error_summary(struct buf *b, const struct err *e)
{
    buf_adds(b, "<div class=\"error-summary\" role=\"alert\"><p>Không lập được báo cáo: ");
    page_text(b, e->msg);
    buf_adds(b, "</p></div>");
}

int h_report(struct req *rq, struct resp *rs)
{
    struct page_report_scope sc;
    if (read_scope(rq, rs, &sc))
        return -1;
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct report_form f = { .scope = &sc };
    struct err e = ERR_INIT;
    struct page_report *pr;
    int ret = page_report_load(rq, db, &sc, &pr, &e);
    f.pr = pr;
    f.built = ret == 0;
    /* A report that does not reconcile, or a failing database, is an error, never a page. */
    struct report_notes notes = REPORT_NOTES_INIT;
    if ((ret && ret != ERR_INVALID && ret != ERR_NOT_FOUND) ||
        (f.built && store_report_notes(db, &pr->rep, REPORT_STALE_DAYS, &notes, &e)) ||
        store_documents(db, &f.docs, &f.n_docs, &e)) {
        report_notes_release(&notes);
        return resp_err(rq, rs, &e);
    }
    page_begin(rq, rs, "Báo cáo thống kê", "report");
    form(&rs->body, &f);
    if (f.built) {
        struct rdoc d = RDOC_INIT;
        struct report_extras x = { NULL };
        downloads(&rs->body, &f);
        report_notes_extras(&notes, &x);
        struct request_summary rqs = REQUEST_SUMMARY_INIT;
        if (!load_requests(db, pr, &rqs, &e))
            x.requests = request_summary_any(&rqs);
        report_doc_build_with(&pr->rep, pr->board, &x, &d);
        request_summary_release(&rqs);
        html_toc(&d, 2, &rs->body);
        html_render_fragment(&d, 2, &rs->body);
        rdoc_release(&d);
    } else {
        rs->status = http_status_of(e.kind);
        error_summary(&rs->body, &e);
    }
    page_end(rq, rs);
    report_notes_release(&notes);
    document_views_free(f.docs, f.n_docs);
    return 0;
}

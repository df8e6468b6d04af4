/*
 * page_import: Nhập dữ liệu — upload a file, see the dry run, confirm.
 *
 * POST /import takes three steps, told apart by the "step" field:
 *   check    (multipart/form-data, the CSRF token in the action's query):
 *            read the upload, run the import with dry_run, show the
 *            summary, every unresolved name and every rejected row, and
 *            keep the bytes in the upload table for the confirmation;
 *   confirm  the uploader imports the kept bytes for real, in one
 *            transaction with its audit line (import_options.audit);
 * The file may be a task table, a programme, a plan, a progress table or
 * a measurement table (Bảng số đo chỉ tiêu, store_measurements_import()).
 * A name an import could not resolve is mapped to a unit on /admin
 * (POST /admin/aliases, page_groups.c). Imports resolve names with a registry loaded from the database for the
 * request, so aliases added since the server started count.
 */
#include "handlers.h"

#include "app.h"
#include "core/resolve.h"
#include "import/import.h"
#include "json/json_out.h"
#include "json/json_report.h"
#include "import_review.h"
#include "multipart.h"
#include "page.h"
#include "store/store_admin.h"
#include "store/store_auth.h"
#include "store/store_import.h"
#include "store/store_indicators.h"
#include "store/store_progress.h"
#include "util/strparse.h"
#include "util/text.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What to import: a file's bytes and how to read them. */
struct import_job {
    const char *name;     /* the file's name, for messages and the import log */
    const char *format;   /* NULL: detect from the content */
    const char *document; /* overrides the file's source document, or NULL */
    const char *data;
    size_t len;
    bool allow_partial; /* keep the good rows when some are rejected */
    /* Progress tables: what the user says about them (import_progress_hints()). */
    const char *unit; /* the reporting unit: a focal point's own, or the one chosen; NULL: the column */
    const char *date; /* the report date, or NULL: the table's */
    /* The confirm step: the rows the user ticked (import_review.h). */
    size_t *accept, *complete, *link;
    size_t n_accept, n_complete, n_link;
    bool allow_duplicates; /* create tasks equal to stored ones anyway */
    bool link_repeats;     /* link every exact repeat (--link-repeats), ticked or not */
};

/* A file read and resolved, and what storing it did or would do. */
struct import_result {
    struct batch b;
    struct measure_table mt;      /* measurement tables (b.format "measurements") */
    struct resolved_task *rt;     /* task imports; NULL for progress and measurement tables */
    struct import_summary sum;    /* task imports */
    struct import_summary resolved; /* sum as resolve_batch() made it, before any store */
    struct progress_summary psum; /* progress and measurement tables */
};

static const struct {
    const char *key, *label;
} formats[] = {
    { "auto", "Tự nhận dạng theo nội dung" },
    { "program", "Chương trình hành động (bảng nhiệm vụ Phụ lục II)" },
    { "indicators", "Bảng chỉ tiêu (Phụ lục I)" },
    { "plan", "Kế hoạch trình bày theo gạch đầu dòng" },
    { "table", "Bảng nhiệm vụ CSV, XLSX hoặc DOCX" },
    { "progress", "Bảng báo cáo tiến độ CSV, XLSX hoặc DOCX" },
    { "measurements", "Bảng số đo chỉ tiêu CSV, XLSX hoặc DOCX" },
};
#define N_FORMATS (sizeof(formats) / sizeof(*formats))

/* The Vietnamese name of an import format ("table" -> "Bảng nhiệm vụ ..."). */
static const char *format_label(const char *key)
{
    for (size_t i = 1; key && i < N_FORMATS; i++)
        if (!strcmp(key, formats[i].key))
            return formats[i].label;
    return key ? key : "";
}

/* ---- shared pieces ------------------------------------------------------------------- */


static void result_free_cb(void *p)
{
    struct import_result *x = p;
    resolved_free(x->rt, x->b.n_tasks);
    import_summary_release(&x->sum);
    batch_release(&x->b);
    measure_table_release(&x->mt);
    progress_summary_release(&x->psum);
}

static bool is_measure_table(const struct import_result *x)
{
    return x->b.format && !strcmp(x->b.format, "measurements");
}

/* Progress and measurement tables are appended row by row, with a progress_summary. */
static bool is_appended(const struct import_result *x)
{
    return x->b.n_progress || is_measure_table(x);
}

static struct audit_entry audit_of(const struct req *rq, const char *action)
{
    struct audit_entry a = app_audit(rq, action);
    a.entity = "import_run";
    return a;
}

/* A page with an error summary (status, title, message) and a way back. */
static int error_page(struct req *rq, struct resp *rs, int status, const char *title,
                      const char *msg, const char *back)
{
    return page_error(rq, rs, status, title, "import", msg, back, "Quay lại");
}

/* ---- the upload form ----------------------------------------------------------------- */

/*
 * Who reports in a progress table: a focal point reports for its own unit,
 * always; the steering office may name the unit, or leave it to the table.
 */
static void unit_field(const struct req *rq, const struct registry *reg, struct buf *b)
{
    if (role_is_unit(rq->who.role)) {
            buf_adds(b, "<div class=\"field\"><span class=\"label\">Đơn vị báo cáo</span><p>");
        page_text(b, rq->who.agency ? rq->who.agency : "");
        buf_adds(b, " (tài khoản đơn vị nhập bảng báo cáo tiến độ của đơn vị mình)</p></div>");
        return;
    }
    buf_adds(b, "<div class=\"field\"><label for=\"unit\">Đơn vị báo cáo (bảng tiến độ)</label>"
                "<p class=\"hint\" id=\"unit-hint\">Đơn vị gửi bảng. Để trống nếu bảng có cột"
                " Đơn vị ghi đơn vị báo cáo từng dòng.</p><select id=\"unit\" name=\"unit\""
                " aria-describedby=\"unit-hint\"><option value=\"\">— Theo cột Đơn vị trong tệp"
                " —</option>");
    for (size_t i = 0; reg && i < reg->n_agencies; i++)
        if (!reg->agencies[i].successor)
            page_option(b, reg->agencies[i].name, reg->agencies[i].name, false);
    buf_adds(b, "</select></div>");
}

/* The report date field, and the end of the upload form. */
static void date_field(struct buf *b)
{
    buf_adds(b, "<div class=\"field\"><label for=\"date\">Ngày báo cáo (bảng tiến độ, không"
                " bắt buộc)</label><p class=\"hint\" id=\"date-hint\">Dạng ngày/tháng/năm, ví"
                " dụ 10/5/2025. Để trống nếu bảng có cột Ngày báo cáo hoặc tiêu đề cột ghi ngày"
                " (“Kết quả (đến ngày 10/5/2025)”).</p><input id=\"date\" name=\"date\""
                " inputmode=\"numeric\" aria-describedby=\"date-hint\"/></div>"
                "<button type=\"submit\">Kiểm tra (chạy thử, chưa ghi)</button></form>");
}

static void upload_form(const struct req *rq, const struct registry *reg, struct buf *b)
{
    /* The token is a field of the upload, not in the action: it must not show in the
       address bar (app.c reads it from the multipart body). */
    buf_adds(b, "<form method=\"post\" enctype=\"multipart/form-data\" action=\"/import\">");
    page_csrf(rq, b);
    buf_adds(b, "<input type=\"hidden\" name=\"step\" value=\"check\"/>"
                "<div class=\"field\"><label for=\"file\">Tệp dữ liệu</label>"
                "<p class=\"hint\" id=\"file-hint\">Bảng CSV (UTF-8), XLSX hoặc bảng trong tệp"
                " Word DOCX (nhiệm vụ, báo cáo tiến độ, số đo chỉ tiêu); văn bản chương trình, kế"
                " hoạch dạng TXT (UTF-8) hoặc DOCX.</p><input type=\"file\" id=\"file\""
                " name=\"file\" required=\"required\" aria-describedby=\"file-hint\"/></div>");
    if (role_is_unit(rq->who.role)) {
        unit_field(rq, reg, b);
        date_field(b);
        return;
    }
    buf_adds(b, "<div class=\"field\"><label for=\"format\">Loại dữ liệu</label>"
                "<select id=\"format\" name=\"format\">");
    for (size_t i = 0; i < N_FORMATS; i++)
        buf_addf(b, "<option value=\"%s\">%s</option>", formats[i].key, formats[i].label);
    buf_adds(b, "</select></div><div class=\"field\"><label for=\"document\">Văn bản giao"
                " (không bắt buộc)</label><p class=\"hint\" id=\"document-hint\">Ví dụ: Nghị"
                " quyết 71/NQ-CP ngày 01/4/2025. Để trống nếu tệp đã ghi văn bản.</p>"
                "<input id=\"document\" name=\"document\" aria-describedby=\"document-hint\"/>"
                "</div>");
    unit_field(rq, reg, b);
    date_field(b);
}

static void form_page(struct req *rq, struct resp *rs, const struct registry *reg,
                      const char *error)
{
    struct buf *b = &rs->body;
    buf_reset(b);
    page_begin(rq, rs, "Nhập dữ liệu", "import");
    if (error) {
        buf_adds(b, "<div class=\"error-summary\" role=\"alert\"><h2>Không đọc được tệp</h2><p>");
        page_text(b, error);
        buf_adds(b, "</p><p>Cơ sở dữ liệu không thay đổi.</p></div>");
    }
    buf_adds(b, "<p>Tải tệp lên để kiểm tra trước: hệ thống chạy thử, cho biết số nhiệm vụ,"
                " tên đơn vị chưa xác định và các dòng bị từ chối. Dữ liệu chỉ được ghi khi"
                " bạn xác nhận. Nhập lại cùng một tệp không tạo bản ghi trùng.</p>");
    upload_form(rq, reg, b);
    if (access_can_admin(rq->who.role))
        buf_adds(b, "<p><a href=\"/admin/aliases\">Tên đơn vị chưa xác định</a> · ");
    else if (access_can_manage(rq->who.role))
        buf_adds(b, "<p>");
    if (access_can_manage(rq->who.role))
        buf_adds(b, "<a href=\"/admin/audit\">Nhật ký thao tác</a></p>");
    page_end(rq, rs);
}

int h_import_form(struct req *rq, struct resp *rs)
{
    struct db *db = app_db(rq, rs);
    struct registry *reg = db ? app_registry_load(rq, rs, db) : NULL;
    if (!reg)
        return -1;
    form_page(rq, rs, reg, NULL);
    return 0;
}

/* ---- running an import --------------------------------------------------------------- */

/* Read the job's bytes and resolve them; on failure a 422 page with the importer's message. */
static struct import_result *read_job(struct req *rq, struct resp *rs, const struct registry *reg,
                                      const struct import_job *job)
{
    struct import_result *x = arena_calloc(rq->arena, 1, sizeof(*x));
    x->b = (struct batch)BATCH_INIT;
    x->mt = (struct measure_table)MEASURE_TABLE_INIT;
    struct err e = ERR_INIT;
    if (import_read_all(job->data, job->len, job->name, job->format, &x->b, &x->mt, &e)) {
        rs->status = 422;
        form_page(rq, rs, reg, e.msg);
        return NULL;
    }
    arena_defer(rq->arena, result_free_cb, x);
    if (role_is_unit(rq->who.role) && !x->b.n_progress) {
        error_page(rq, rs, 403, "Nhập dữ liệu",
                   "Tài khoản đơn vị chỉ nhập bảng báo cáo tiến độ của đơn vị mình; tệp này"
                   " không phải bảng báo cáo tiến độ. Bảng nhiệm vụ, chương trình, số đo chỉ"
                   " tiêu do Văn phòng Ban Chỉ đạo nhập.",
                   "/import");
        return NULL;
    }
    if (x->b.n_progress &&
        import_progress_hints(&x->b, job->name, job->date, job->unit, reg, &e)) {
        rs->status = 422;
        form_page(rq, rs, reg, e.msg);
        return NULL;
    }
    if (!is_appended(x))
        x->rt = resolve_batch(reg, &x->b, &x->resolved);
    x->sum = x->resolved;
    return x;
}

static size_t n_rejected(const struct import_result *x)
{
    return is_appended(x) ? x->psum.n_rejects : x->b.n_rejects;
}

/* Store a measurement table: a dry run, or for real with the audit line a. */
static int store_measures(struct req *rq, struct db *db, const struct registry *reg,
                          const struct import_job *job, struct import_result *x,
                          const struct audit_entry *a, struct err *e)
{
    struct measure_import_options mo = {
        .file = job->name,
        .actor = rq->who.name,
        .document = job->document,
        .today = page_today(),
        .dry_run = a == NULL,
        .allow_partial = job->allow_partial,
        .audit = a,
    };
    progress_summary_release(&x->psum);
    x->psum = (struct progress_summary){ 0 };
    return store_measurements_import(db, reg, &x->mt, &mo, &x->psum, e);
}

/* Store x: a dry run, or for real with the audit line a (a != NULL). */
static int store_job(struct req *rq, struct db *db, const struct registry *reg,
                     const struct import_job *job, struct import_result *x,
                     const struct audit_entry *a, struct err *e)
{
    if (is_measure_table(x))
        return store_measures(rq, db, reg, job, x, a, e);
    if (x->b.n_progress) {
        struct audit_entry each = audit_of(rq, "progress.import");
        struct progress_options po = { job->name, "import",           page_today(),
                                       a == NULL, job->allow_partial, a ? &each : NULL, a };
        po.staff_entry = rq->who.role == ROLE_UNIT;
        po.accept_lines = job->accept;
        po.n_accept_lines = job->n_accept;
        po.complete_lines = job->complete;
        po.n_complete_lines = job->n_complete;
        progress_summary_release(&x->psum);
        x->psum = (struct progress_summary){ 0 };
        return store_progress_add(db, reg, &x->b, &po, &x->psum, e);
    }
    struct import_options io = { job->name, a == NULL, job->document, a };
    io.allow_duplicates = job->allow_duplicates;
    io.link_repeats = job->link_repeats;
    io.link_lines = job->link;
    io.n_link_lines = job->n_link;
    /* A confirm stores twice (a dry run, then for real): each starts from the resolved counts. */
    import_summary_release(&x->sum);
    x->sum = x->resolved;
    return store_import(db, reg, &x->b, x->rt, &io, &x->sum, e);
}

/* ---- the summary --------------------------------------------------------------------- */

static void fact(struct buf *b, const char *key, const char *label, size_t n)
{
    buf_addf(b, "<dt>%s</dt><dd data-key=\"%s\">%zu</dd>", label, key, n);
}

static void unresolved_table(struct buf *b, const struct import_result *x)
{
    buf_adds(b, "<h2>Tên đơn vị chưa xác định</h2>");
    size_t rows = 0;
    for (size_t i = 0; i < x->b.n_tasks; i++)
        for (size_t k = 0; k < x->rt[i].lead.n + x->rt[i].coord.n; k++) {
            bool lead = k < x->rt[i].lead.n;
            const struct party *p =
                lead ? &x->rt[i].lead.items[k] : &x->rt[i].coord.items[k - x->rt[i].lead.n];
            if (p->kind != PARTY_UNRESOLVED)
                continue;
            if (rows++ == 0)
                buf_adds(b, "<table class=\"unresolved\"><thead><tr><th class=\"num\">Dòng</th>"
                            "<th>Tên như trong tệp</th><th>Vai trò</th></tr></thead><tbody>");
            buf_addf(b, "<tr><td class=\"num\">%zu</td><td>", x->b.tasks[i].line);
            page_text(b, p->text);
            buf_addf(b, "</td><td>%s</td></tr>", lead ? "chủ trì" : "phối hợp");
        }
    buf_adds(b, rows ? "</tbody></table>" : "<p>Không có.</p>");
}

static void reject_row(struct buf *b, size_t line, const char *reason, bool suggested)
{
    buf_addf(b, "<tr><td class=\"num\">%zu</td><td>", line);
    page_text(b, reason);
    if (suggested)
        buf_adds(b, " <em>(có gợi ý ở bảng “Tên gần giống nhiệm vụ đã có”)</em>");
    buf_adds(b, "</td></tr>");
}

static void rejected_table(struct buf *b, const struct import_result *x)
{
    buf_adds(b, "<h2>Dòng bị từ chối</h2>");
    size_t n = n_rejected(x);
    if (!n) {
        buf_adds(b, "<p>Không có.</p>");
        return;
    }
    buf_adds(b, "<div class=\"table-wrap\"><table class=\"rejected\"><thead><tr>"
                "<th class=\"num\">Dòng</th><th>Lý do</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        if (is_appended(x))
            reject_row(b, x->psum.rejects[i].line, x->psum.rejects[i].reason,
                       review_has_suggestion(&x->psum, x->psum.rejects[i].line));
        else
            reject_row(b, x->b.rejects[i].line, x->b.rejects[i].reason, false);
    }
    buf_adds(b, "</tbody></table></div>");
}

/* One figure of a summary: its data-key (what tests and scripts read), label and value. */
struct fact_item {
    const char *key, *label;
    size_t n;
};

static void facts(struct buf *b, const struct fact_item *v, size_t n)
{
    buf_adds(b, "<dl class=\"facts summary\">");
    for (size_t i = 0; i < n; i++)
        fact(b, v[i].key, v[i].label, v[i].n);
    buf_adds(b, "</dl>");
}

#define N_ITEMS(v) (sizeof(v) / sizeof(*(v)))

static void progress_summary_view(struct buf *b, const struct import_result *x, bool ticks)
{
    const struct progress_summary *s = &x->psum;
    const struct fact_item v[] = {
        { "rows", "Số dòng báo cáo", s->rows },
        { "added", "Báo cáo hợp lệ", s->added },
        { "completions", "Trong đó hoàn thành", s->completions },
        { "reopenings", "Mở lại", s->reopenings },
        { "duplicates", "Trùng báo cáo đã có (bỏ qua)", s->duplicates },
        { "skipped_headings", "Dòng tiêu đề, phần, mục, nhóm (bỏ qua)", s->skipped_headings },
        { "matched_by_tt", "Tên không khớp, nhận theo số thứ tự (TT) trong mục",
          s->matched_by_tt },
        { "suggestions", "Tên gần giống (cần chọn)", s->n_suggestions },
        { "completions_proposed", "Kết quả ghi đã hoàn thành (cần chọn)",
          s->completions_proposed },
        { "warnings", "Cần xem lại", s->n_warnings },
        { "rejected", "Dòng bị từ chối", s->n_rejects },
    };
    facts(b, v, N_ITEMS(v));
    review_progress(b, s, ticks);
    rejected_table(b, x);
}

static void measure_summary_view(struct buf *b, const struct import_result *x)
{
    const struct fact_item v[] = {
        { "rows", "Số dòng", x->psum.rows },
        { "added", "Số đo hợp lệ", x->psum.added },
        { "duplicates", "Trùng số đo đã có (bỏ qua)", x->psum.duplicates },
        { "rejected", "Dòng bị từ chối", x->psum.n_rejects },
    };
    facts(b, v, N_ITEMS(v));
    rejected_table(b, x);
}

static void summary(struct buf *b, const struct import_result *x, bool ticks)
{
    if (is_measure_table(x)) {
        measure_summary_view(b, x);
        return;
    }
    if (x->b.n_progress) {
        progress_summary_view(b, x, ticks);
        return;
    }
    const struct import_summary *s = &x->sum;
    const struct fact_item v[] = {
        { "tasks", "Nhiệm vụ", s->tasks },
        { "subtasks", "Nhiệm vụ con", s->subtasks },
        { "groups", "Nhóm nhiệm vụ (không tính)", s->groups },
        { "counted", "Nhiệm vụ được tính", s->counted },
        { "indicators", "Chỉ tiêu", s->indicators },
        { "documents", "Văn bản", s->documents },
        { "agencies_resolved", "Tên đơn vị đã xác định", s->agencies_resolved },
        { "groups_expanded", "Nhóm đơn vị đã mở rộng", s->groups_expanded },
        { "no_due_date", "Chưa xác định thời hạn", s->no_due_date },
        { "unresolved", "Tên đơn vị chưa xác định", s->unresolved },
        { "duplicates", "Trùng tên nhiệm vụ đã có", s->n_dups },
        { "repeats", "Có thể là nhắc lại", s->n_repeats },
        { "rejected", "Dòng bị từ chối", x->b.n_rejects },
    };
    facts(b, v, N_ITEMS(v));
    review_tasks(b, s, ticks);
    unresolved_table(b, x);
    rejected_table(b, x);
}

static void hidden(struct buf *b, const char *name, const char *value)
{
    if (!value)
        return;
    buf_addf(b, "<input type=\"hidden\" name=\"%s\" value=\"", name);
    page_attr(b, value);
    buf_adds(b, "\"/>");
}

/* The confirm form opens before the summary: its tables hold the ticks. */
static void confirm_open(const struct req *rq, struct buf *b, const struct import_job *job,
                         long upload_id)
{
    buf_adds(b, "<form method=\"post\" action=\"/import\" class=\"confirm\">");
    page_csrf(rq, b);
    buf_addf(b,
             "<input type=\"hidden\" name=\"step\" value=\"confirm\"/>"
             "<input type=\"hidden\" name=\"upload\" value=\"%ld\"/>",
             upload_id);
    if (!role_is_unit(rq->who.role))
        hidden(b, "unit", job->unit);
    hidden(b, "date", job->date);
}

static void confirm_close(struct buf *b, const struct import_result *x)
{
    size_t rejected = n_rejected(x);
    if (rejected)
        buf_addf(b,
                 "<div class=\"field\"><input type=\"checkbox\" id=\"allow_partial\""
                 " name=\"allow_partial\" value=\"1\"/> <label for=\"allow_partial\">Cho phép"
                 " nhập một phần (bỏ qua %zu dòng bị từ chối)</label></div>",
                 rejected);
    size_t exact = 0;
    for (size_t i = 0; !is_appended(x) && i < x->sum.n_repeats; i++)
        exact += x->sum.repeats[i].exact;
    if (exact)
        buf_addf(b,
                 "<div class=\"field\"><input type=\"checkbox\" id=\"link_repeats\""
                 " name=\"link_repeats\" value=\"1\"/> <label for=\"link_repeats\">Ghi cả %zu"
                 " nhiệm vụ trùng tên với nhiệm vụ của văn bản trước là nhắc lại</label></div>",
                 exact);
    if (!is_appended(x) && x->sum.n_dups)
        buf_addf(b,
                 "<div class=\"field\"><input type=\"checkbox\" id=\"allow_duplicates\""
                 " name=\"allow_duplicates\" value=\"1\"/> <label for=\"allow_duplicates\">Vẫn"
                 " tạo nhiệm vụ mới cho %zu dòng trùng tên (không đánh dấu nhắc lại)</label>"
                 "</div>",
                 x->sum.n_dups);
    buf_adds(b, "<button type=\"submit\">Xác nhận nhập</button></form>");
}

/* The summary page of a dry run (upload_id > 0: with the confirm form) or of an import. */
static void summary_page(struct req *rq, struct resp *rs, const struct import_job *job,
                         const struct import_result *x, long upload_id, const char *notice)
{
    struct buf *b = &rs->body;
    buf_reset(b);
    page_begin(rq, rs, upload_id ? "Kiểm tra tệp nhập" : "Đã nhập dữ liệu", "import");
    if (notice) {
        buf_adds(b, "<div class=\"notice\" role=\"status\"><p>");
        page_text(b, notice);
        buf_adds(b, "</p></div>");
    }
    buf_adds(b, "<p>Tệp <strong>");
    page_text(b, job->name);
    buf_adds(b, "</strong> (");
    page_text(b, format_label(x->b.format));
    if (x->b.n_progress && job->unit) {
        buf_adds(b, ", đơn vị báo cáo: ");
        page_text(b, job->unit);
    }
    if (upload_id)
        buf_adds(b, "). Chạy thử: chưa ghi gì vào cơ sở dữ liệu.</p>");
    else if (is_measure_table(x) && !x->psum.written)
        buf_adds(b, "). Không có số đo mới: không ghi gì vào cơ sở dữ liệu.</p>");
    else
        buf_adds(b, "). Đã ghi vào cơ sở dữ liệu.</p>");
    if (upload_id)
        confirm_open(rq, b, job, upload_id);
    summary(b, x, upload_id != 0);
    if (upload_id)
        confirm_close(b, x);
    buf_adds(b, "<p><a href=\"/import\">Nhập tệp khác</a></p>");
    page_end(rq, rs);
}

/* ---- step 1: check ------------------------------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/'), *back = strrchr(path, '\\');
    const char *s = slash > back ? slash : back;
    s = s ? s + 1 : path;
    return *s ? s : "upload";
}

/* The format a form names into *out (NULL: detect it); -1 when there is no such format. */
static int parse_format(const char *v, const char **out)
{
    *out = NULL;
    if (!v || !*v || !strcmp(v, "auto"))
        return 0;
    for (size_t i = 1; i < N_FORMATS; i++)
        if (!strcmp(v, formats[i].key)) {
            *out = formats[i].key;
            return 0;
        }
    return -1;
}

/*
 * The reporting unit and date of a progress table. A focal point always
 * reports for its own unit, whatever the form says; blank fields are none.
 */
static void job_hints(const struct req *rq, struct import_job *job, const char *unit,
                      const char *date)
{
    if (role_is_unit(rq->who.role))
        job->unit = rq->who.agency ? rq->who.agency : ""; /* none: refused as no unit */
    else if (unit && !text_is_blank(unit))
        job->unit = unit;
    if (date && !text_is_blank(date))
        job->date = date;
}

/* The job an upload describes; -1 after a 400 response. */
static int job_from_upload(struct req *rq, struct resp *rs, struct import_job *job)
{
    struct multipart_part *parts;
    size_t n;
    struct err e = ERR_INIT;
    if (multipart_parse(rq->arena, rq->content_type, rq->body, rq->body_len, &parts, &n, &e))
        return resp_err(rq, rs, &e);
    const struct multipart_part *file = multipart_find(parts, n, "file");
    if (!file || !file->filename || (!*file->filename && !file->len))
        return error_page(rq, rs, 400, "Nhập dữ liệu", "Hãy chọn tệp cần nhập (trường 'file').",
                          "/import");
    const char *format, *doc, *unit, *date;
    if (multipart_text(rq->arena, parts, n, "format", &format, &e) ||
        multipart_text(rq->arena, parts, n, "document", &doc, &e) ||
        multipart_text(rq->arena, parts, n, "unit", &unit, &e) ||
        multipart_text(rq->arena, parts, n, "date", &date, &e))
        return error_page(rq, rs, 400, "Nhập dữ liệu", e.msg, "/import");
    *job = (struct import_job){ .name = base_name(file->filename),
                                .data = file->data,
                                .len = file->len };
    if (parse_format(format, &job->format))
        return error_page(rq, rs, 400, "Nhập dữ liệu", "Loại dữ liệu không hợp lệ.", "/import");
    if (doc && !text_is_blank(doc))
        job->document = doc;
    job_hints(rq, job, unit, date);
    return 0;
}

static int keep_upload(struct req *rq, struct resp *rs, struct db *db, const struct import_job *job,
                       long *id)
{
    struct upload_record u = { 0,
                               (char *)job->name,
                               (char *)job->format,
                               (char *)job->document,
                               (char *)job->data,
                               job->len,
                               rq->who.user_id,
                               0 };
    struct err e = ERR_INIT;
    if (store_upload_add(db, &u, (long)time(NULL), id, &e))
        return resp_err(rq, rs, &e);
    return 0;
}

static int import_check(struct req *rq, struct resp *rs)
{
    struct import_job job;
    struct db *db = app_db(rq, rs);
    if (!db || job_from_upload(rq, rs, &job))
        return -1;
    struct registry *reg = app_registry_load(rq, rs, db);
    struct import_result *x = reg ? read_job(rq, rs, reg, &job) : NULL;
    if (!x)
        return -1;
    struct err e = ERR_INIT;
    long id = 0;
    if (store_job(rq, db, reg, &job, x, NULL, &e))
        return resp_err(rq, rs, &e);
    if (keep_upload(rq, rs, db, &job, &id))
        return -1;
    summary_page(rq, rs, &job, x, id, NULL);
    return 0;
}

/* ---- step 2: confirm ----------------------------------------------------------------- */

static void upload_free_cb(void *p)
{
    upload_record_release(p);
}

/* The upload the form names, if it is the caller's; NULL after an error response. */
static struct upload_record *find_upload(struct req *rq, struct resp *rs, struct db *db)
{
    long id = 0;
    const char *v = req_form(rq, "upload");
    if (!v || strparse_long(v, 1, LONG_MAX, &id)) {
        error_page(rq, rs, 400, "Nhập dữ liệu", "Thiếu mã tệp tải lên ('upload').", "/import");
        return NULL;
    }
    struct upload_record *u = arena_calloc(rq->arena, 1, sizeof(*u));
    struct err e = ERR_INIT;
    if (store_upload_get(db, id, rq->who.user_id, (long)time(NULL), u, &e)) {
        if (http_status_of(e.kind) >= 500)
            resp_err(rq, rs, &e);
        else
            error_page(rq, rs, http_status_of(e.kind), "Nhập dữ liệu", e.msg, "/import");
        return NULL;
    }
    arena_defer(rq->arena, upload_free_cb, u);
    return u;
}

/* The after text of the import's audit line: the summary as JSON. */
static const char *summary_text(struct req *rq, const struct import_result *x)
{
    char *js = is_appended(x) ? json_progress_summary(&x->psum)
                              : json_import_summary(&x->sum, &x->b, x->rt);
    char *out = arena_strdup(rq->arena, js);
    free(js);
    return out;
}

/* Why a confirmed import still writes nothing (rows rejected, duplicates), or NULL. */
static const char *confirm_refusal(const struct import_job *job, const struct import_result *x)
{
    if (n_rejected(x) && !job->allow_partial)
        return "Có dòng bị từ chối nên chưa ghi gì. Sửa tệp rồi tải lên lại, chọn gợi ý ở các"
               " dòng có gợi ý, hoặc chọn \"Cho phép nhập một phần\" để bỏ qua các dòng đó.";
    if (!is_appended(x) && x->sum.n_dups && !job->allow_duplicates)
        return "Có nhiệm vụ trùng tên với nhiệm vụ đã có của cùng văn bản nên chưa ghi gì. Đánh"
               " dấu \"Nhắc lại\" ở các dòng đó, hoặc chọn \"Vẫn tạo nhiệm vụ mới\".";
    return NULL;
}

static int import_confirm(struct req *rq, struct resp *rs)
{
    struct db *db = app_db(rq, rs);
    struct upload_record *u = db ? find_upload(rq, rs, db) : NULL;
    struct registry *reg = u ? app_registry_load(rq, rs, db) : NULL;
    if (!reg)
        return -1;
    struct import_job job = { .name = u->name,
                              .format = u->format,
                              .document = u->document,
                              .data = u->bytes,
                              .len = u->len,
                              .allow_partial = req_form(rq, "allow_partial") != NULL,
                              .allow_duplicates = req_form(rq, "allow_duplicates") != NULL,
                              .link_repeats = req_form(rq, "link_repeats") != NULL };
    job_hints(rq, &job, req_form(rq, "unit"), req_form(rq, "date"));
    job.n_accept = review_ticked(rq, "accept", &job.accept);
    job.n_complete = review_ticked(rq, "complete", &job.complete);
    job.n_link = review_ticked(rq, "link", &job.link);
    struct import_result *x = read_job(rq, rs, reg, &job);
    struct err e = ERR_INIT;
    if (!x || store_job(rq, db, reg, &job, x, NULL, &e))
        return x ? resp_err(rq, rs, &e) : -1;
    const char *refusal = confirm_refusal(&job, x);
    if (refusal) {
        rs->status = 422;
        summary_page(rq, rs, &job, x, u->id, refusal);
        return -1;
    }
    struct audit_entry a = audit_of(rq, "import");
    a.after = summary_text(rq, x);
    if (store_job(rq, db, reg, &job, x, &a, &e))
        return resp_err(rq, rs, &e);
    /* Another import may have committed between the check and the write: the write's own
     * summary decides, and a refused write keeps the upload for another try. */
    refusal = confirm_refusal(&job, x);
    if (refusal) {
        rs->status = 409;
        summary_page(rq, rs, &job, x, u->id, refusal);
        return -1;
    }
    if (store_upload_drop(db, u->id, &e))
        return resp_err(rq, rs, &e);
    summary_page(rq, rs, &job, x, 0, NULL);
    return 0;
}

/* ---- the route ----------------------------------------------------------------------- */

int h_import(struct req *rq, struct resp *rs)
{
    if (!rq->who.user_id)
        return resp_error(rq, rs, 403, "Nhập dữ liệu qua trang cần một tài khoản đã đăng nhập (mã truy cập API không dùng được ở đây).");
    if (!strncmp(rq->content_type, "multipart/form-data", 19))
        return import_check(rq, rs);
    const char *step = req_form(rq, "step");
    if (step && !strcmp(step, "confirm"))
        return import_confirm(rq, rs);
    return error_page(rq, rs, 400, "Nhập dữ liệu",
                      "Yêu cầu không hợp lệ: tải tệp lên bằng biểu mẫu nhập dữ liệu.", "/import");
}

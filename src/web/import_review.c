/*
 * import_review: the decisions of an import's dry run, as tables with tick
 * boxes; see import_review.h.
 */
#include "import_review.h"
#include "store/store_progress.h"

#include "core/similar.h"
#include "page.h"
#include "util/strparse.h"

#include <limits.h>
#include <string.h>

/* A score as people read it: "0,91". */
static void score(struct buf *b, double v)
{
    long hundredths = (long)(v * 100 + 0.5);
    buf_addf(b, "%ld,%02ld", hundredths / 100, hundredths % 100);
}

/*
 * One kind of decision: the form field of its tick, the tick's label, and
 * what the result page says of a row taken or not.
 */
struct decision {
    const char *field, *label, *taken, *not_taken;
};

static const struct decision accept_suggestion = { "accept", "Nhận gợi ý", "Đã nhận",
                                                   "Không nhận (bị từ chối)" };
static const struct decision complete_row = { "complete", "Ghi hoàn thành", "Đã ghi hoàn thành",
                                              "Chỉ ghi tiến độ" };
static const struct decision link_repeat = { "link", "Ghi là nhắc lại", "Đã ghi nhắc lại",
                                             "Không" };

/*
 * A review row's opening: in a dry run its tick box (checked when the row
 * was taken), on the result page what became of it; then its line.
 */
static void row_open(struct buf *b, const char *cls, bool ticks, const struct decision *d,
                     size_t line, bool taken)
{
    buf_addf(b, "<tr%s>", cls);
    if (ticks)
        buf_addf(b,
                 "<td class=\"tick\"><input type=\"checkbox\" id=\"%s-%zu\" name=\"%s\""
                 " value=\"%zu\"%s/><label class=\"visually-hidden\" for=\"%s-%zu\">%s dòng %zu"
                 "</label></td>",
                 d->field, line, d->field, line, taken ? " checked=\"checked\"" : "", d->field,
                 line, d->label, line);
    else
        buf_addf(b, "<td>%s</td>", taken ? d->taken : d->not_taken);
    buf_addf(b, "<td class=\"num\">%zu</td>", line);
}

/* A link to task id, its code and its name. */
static void task_cell(struct buf *b, long id, const char *code, const char *name)
{
    buf_addf(b, "<td><a href=\"/tasks/%ld\">", id);
    if (code && *code) {
        buf_adds(b, "Mã ");
        page_text(b, code);
    } else {
        buf_addf(b, "Số %ld", id);
    }
    buf_adds(b, "</a>");
    if (name && *name) {
        buf_adds(b, ": ");
        page_text(b, name);
    }
    buf_adds(b, "</td>");
}

static void text_cell(struct buf *b, const char *s)
{
    buf_adds(b, "<td>");
    page_text(b, s ? s : "");
    buf_adds(b, "</td>");
}

/*
 * The opening of a review table: its heading, what to do (in a dry run)
 * and its header row, whose first cell is the tick's column — "Kết quả"
 * (what became of the row) on the result page.
 */
static void table_open(struct buf *b, const char *cls, const char *title, const char *hint,
                       const char *const *heads, bool ticks)
{
    buf_addf(b, "<h2>%s</h2>", title);
    if (ticks)
        buf_addf(b, "<p class=\"hint\">%s</p>", hint);
    buf_addf(b, "<div class=\"table-wrap\"><table class=\"%s\"><thead><tr>", cls);
    for (size_t i = 0; heads[i]; i++)
        buf_addf(b, "<th%s>%s</th>", i == 1 ? " class=\"num\"" : "",
                 i == 0 && !ticks ? "Kết quả" : heads[i]);
    buf_adds(b, "</tr></thead><tbody>");
}

static void table_close(struct buf *b)
{
    buf_adds(b, "</tbody></table></div>");
}

static void suggestions(struct buf *b, const struct progress_summary *s, bool ticks)
{
    static const char *const heads[] = { "Nhận", "Dòng", "Tên trong tệp", "Nhiệm vụ gợi ý",
                                         "Độ giống", "Kế tiếp", NULL };
    if (!s->n_suggestions)
        return;
    table_open(b, "suggestions", "Tên gần giống nhiệm vụ đã có",
               "Tên trong tệp không trùng tên nhiệm vụ nào; hệ thống gợi ý nhiệm vụ gần giống"
               " nhất. Đánh dấu “Nhận” ở dòng đúng là nhiệm vụ đó; dòng không đánh dấu bị từ"
               " chối. “Kế tiếp” là độ giống của nhiệm vụ đứng thứ hai.",
               heads, ticks);
    for (size_t i = 0; i < s->n_suggestions; i++) {
        const struct progress_suggestion *g = &s->suggestions[i];
        row_open(b, similar_accepts(g->score, g->runner_up) ? " class=\"ahead\"" : "", ticks,
                 &accept_suggestion, g->line, g->accepted);
        text_cell(b, g->name);
        task_cell(b, g->task, g->code, g->task_name);
        buf_adds(b, "<td class=\"num\">");
        score(b, g->score);
        buf_adds(b, "</td><td class=\"num\">");
        score(b, g->runner_up);
        buf_adds(b, "</td></tr>");
    }
    table_close(b);
}

static void completions(struct buf *b, const struct progress_summary *s, bool ticks)
{
    static const char *const heads[] = { "Ghi hoàn thành", "Dòng", "Nhiệm vụ",
                                         "Văn bản kết quả nêu trong tệp", NULL };
    if (!s->n_proposals)
        return;
    table_open(b, "completions", "Kết quả ghi là đã hoàn thành",
               "Cột Kết quả viết “Đã hoàn thành” hoặc “Đã ban hành …” nhưng tệp không có cột"
               " Hoàn thành. Đánh dấu để ghi nhận hoàn thành vào ngày báo cáo; không đánh dấu"
               " thì chỉ ghi là báo cáo tiến độ.",
               heads, ticks);
    for (size_t i = 0; i < s->n_proposals; i++) {
        const struct progress_completion *p = &s->proposals[i];
        row_open(b, "", ticks, &complete_row, p->line, p->accepted);
        task_cell(b, p->task, NULL, NULL);
        text_cell(b, p->output ? p->output : "(không nêu văn bản)");
        buf_adds(b, "</tr>");
    }
    table_close(b);
}

static void warnings(struct buf *b, const struct progress_summary *s)
{
    if (!s->n_warnings)
        return;
    buf_adds(b, "<h2>Cần xem lại</h2><ul class=\"warnings\">");
    for (size_t i = 0; i < s->n_warnings; i++) {
        buf_addf(b, "<li>Dòng %zu: ", s->warnings[i].line);
        page_text(b, s->warnings[i].reason);
        buf_adds(b, "</li>");
    }
    buf_adds(b, "</ul>");
}

/* The rows that report nothing, folded: a reader checks them only when a count looks wrong. */
static void skipped(struct buf *b, const struct progress_summary *s)
{
    if (!s->n_skipped)
        return;
    buf_addf(b,
             "<details class=\"skipped\"><summary>Dòng bỏ qua: tiêu đề, phần, mục, nhóm hoặc"
             " dòng không ghi kết quả (%zu)</summary><div class=\"table-wrap\"><table"
             " class=\"skipped\"><thead><tr><th class=\"num\">Dòng</th><th>Nội dung</th></tr>"
             "</thead><tbody>",
             s->n_skipped);
    for (size_t i = 0; i < s->n_skipped; i++) {
        buf_addf(b, "<tr><td class=\"num\">%zu</td>", s->skipped[i].line);
        text_cell(b, s->skipped[i].reason);
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody></table></div></details>");
}

/* Names that matched nothing, taken for their TT's task: listed so a wrong one is seen. */
static void tt_matches(struct buf *b, const struct progress_summary *s)
{
    if (!s->matched_by_tt)
        return;
    buf_adds(b, "<h2>Nhận theo số thứ tự (TT) trong mục</h2><p class=\"hint\">Tên trong tệp"
                " không khớp nhiệm vụ nào, nhưng số thứ tự của mục này khớp với chương trình,"
                " nên dòng được ghi cho nhiệm vụ có cùng TT. Nếu sai, sửa tên trong tệp rồi tải"
                " lên lại.</p><div class=\"table-wrap\"><table class=\"tt-matches\"><thead>"
                "<tr><th class=\"num\">Dòng</th><th>Tên trong tệp</th><th>Nhiệm vụ</th></tr>"
                "</thead><tbody>");
    for (size_t i = 0; i < s->matched_by_tt; i++) {
        buf_addf(b, "<tr><td class=\"num\">%zu</td>", s->tt_matches[i].line);
        text_cell(b, s->tt_matches[i].name);
        task_cell(b, s->tt_matches[i].task, NULL, NULL);
        buf_adds(b, "</tr>");
    }
    table_close(b);
}

void review_progress(struct buf *b, const struct progress_summary *s, bool ticks)
{
    skipped(b, s);
    tt_matches(b, s);
    suggestions(b, s, ticks);
    completions(b, s, ticks);
    warnings(b, s);
}

bool review_has_suggestion(const struct progress_summary *s, size_t line)
{
    for (size_t i = 0; i < s->n_suggestions; i++)
        if (s->suggestions[i].line == line)
            return true;
    return false;
}

static void repeat_rows(struct buf *b, const struct task_repeat *v, size_t n, bool ticks)
{
    for (size_t i = 0; i < n; i++) {
        row_open(b, "", ticks, &link_repeat, v[i].line, v[i].linked);
        text_cell(b, v[i].name);
        task_cell(b, v[i].task, v[i].code, v[i].task_name);
        buf_adds(b, "<td class=\"num\">");
        if (v[i].exact)
            buf_adds(b, "Trùng tên");
        else
            score(b, v[i].score);
        buf_adds(b, "</td></tr>");
    }
}

void review_tasks(struct buf *b, const struct import_summary *s, bool ticks)
{
    static const char *const heads[] = { "Nhắc lại", "Dòng", "Tên trong tệp",
                                         "Nhiệm vụ đã có", "Độ giống", NULL };
    if (s->n_dups) {
        table_open(b, "duplicates", "Trùng tên với nhiệm vụ đã có của cùng văn bản",
                   "Các dòng này có tên trùng (sau khi chuẩn hóa chữ hoa, dấu, dấu câu) với"
                   " nhiệm vụ đã có, nên chưa ghi gì. Đánh dấu “Nhắc lại” nếu đó là nhiệm vụ"
                   " nhắc lại, hoặc chọn “Vẫn tạo nhiệm vụ mới” bên dưới.",
                   heads, ticks);
        repeat_rows(b, s->dups, s->n_dups, ticks);
        table_close(b);
    }
    if (s->n_repeats) {
        table_open(b, "repeats", "Có thể là nhiệm vụ nhắc lại",
                   "Nhiệm vụ của văn bản này trùng hoặc gần giống nhiệm vụ của văn bản trước."
                   " Đánh dấu “Nhắc lại” để ghi nhận: nhiệm vụ nhắc lại không được tính hai lần"
                   " trong thống kê.",
                   heads, ticks);
        repeat_rows(b, s->repeats, s->n_repeats, ticks);
        table_close(b);
    }
}

size_t review_ticked(struct req *rq, const char *key, size_t **out)
{
    size_t n = 0;
    *out = NULL;
    for (size_t i = 0; i < rq->n_form; i++) {
        long line;
        if (strcmp(rq->form[i].key, key) || strparse_long(rq->form[i].value, 1, LONG_MAX, &line))
            continue;
        if (!*out)
            *out = arena_calloc(rq->arena, rq->n_form, sizeof(size_t));
        (*out)[n++] = (size_t)line;
    }
    return n;
}

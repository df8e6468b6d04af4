/* report_parts: document sets, issues raised and stale assignments; see report_parts.h. */
#include "report_parts.h"

#include "report_doc.h"
#include "report_words.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <stdlib.h>

/* ---- a document set ---------------------------------------------------------------- */

static void set_part(const struct report_part *part, size_t k, struct rdoc *d)
{
    const struct report *r = part->report;
    char due_by[DATE_ISO_LEN];
    date_dmy(r->opt.due_by, due_by);
    char *key = xasprintf("nhom_%zu", k), *sheet = xasprintf("Nhóm văn bản %zu", k);
    char *title = xasprintf("Nhóm văn bản: %s", part->name);
    struct rsection *s = rdoc_add_section(d, key, title, sheet);
    rsection_paragraph(s, xstrdup("1. Tổng hợp kết quả"), 0);
    rsection_paragraph(s, report_words_set_summary(r), 0);
    for (size_t i = 0; i < r->n_by_document; i++)
        report_words_document(r, &r->by_document[i], i + 1, s);
    rsection_paragraph(
        s, xasprintf("2. Nhiệm vụ quá hạn chưa hoàn thành (%zu nhiệm vụ)", r->n_overdue), 0);
    report_doc_task_table(r, d, s, r->overdue, r->n_overdue);
    rsection_paragraph(s,
                       xasprintf("3. Nhiệm vụ đang thực hiện có thời hạn đến ngày %s (%zu"
                                 " nhiệm vụ)",
                                 due_by, r->n_due_soon),
                       0);
    report_doc_task_table(r, d, s, r->due_soon, r->n_due_soon);
    rsection_paragraph(s,
                       xasprintf("4. Các đơn vị có nhiệm vụ quá hạn và nhiệm vụ có thời hạn"
                                 " đến ngày %s",
                                 due_by),
                       0);
    report_words_unit_table(r, s);
    free(title);
    free(sheet);
    free(key);
}

/* ---- what units say, and who has not said anything lately ------------------------- */

/* Cells 1 and 2 of a row: the task ("id. name") and the unit of assignment ai. */
static void assignment_cells(struct rtable *t, const struct programme *p, size_t ai)
{
    const struct prog_assignment *a = &p->assignments[ai];
    rtable_text(t, 1, xasprintf("%ld. %s", p->tasks[a->task].id, p->tasks[a->task].name));
    rtable_text(t, 2, xstrdup(p->agencies[a->agency].name));
}

static void section_issues(const struct report *r, const struct report_extras *x, struct rdoc *d)
{
    static const char *const cols[] = {
        "STT", "Nhiệm vụ", "Đơn vị", "Ngày báo cáo", "Vướng mắc, kiến nghị", NULL
    };
    char as_of[DATE_ISO_LEN];
    date_dmy(r->opt.as_of, as_of);
    struct rsection *s = rdoc_add_section(d, "y_kien",
                                          "Khó khăn, vướng mắc và kiến nghị của"
                                          " các đơn vị",
                                          "Kiến nghị");
    rsection_paragraph(s,
                       xasprintf("Có %zu ý kiến: vướng mắc, kiến nghị nêu trong báo cáo tiến"
                                 " độ mới nhất có nội dung này của mỗi giao việc chưa hoàn"
                                 " thành, đến ngày %s.",
                                 x->n_issues, as_of),
                       0);
    if (!x->n_issues)
        return;
    struct rtable *t = rsection_table(s, cols);
    for (size_t i = 0; i < x->n_issues; i++) {
        rtable_row(t);
        rtable_int(t, 0, (long)i + 1);
        assignment_cells(t, r->prog, x->issues[i].assignment);
        rtable_date(t, 3, x->issues[i].on);
        rtable_text(t, 4, xstrdup(x->issues[i].text));
    }
}

static void section_stale(const struct report *r, const struct report_extras *x, struct rdoc *d)
{
    static const char *const cols[] = { "STT",          "Nhiệm vụ", "Đơn vị", "Báo cáo gần nhất",
                                        "Tính từ ngày", "Số ngày",  NULL };
    char *title = xasprintf("Giao việc chưa được báo cáo quá %ld ngày", x->stale_after);
    struct rsection *s = rdoc_add_section(d, "chua_bao_cao", title, "Chưa báo cáo");
    rsection_paragraph(s,
                       xasprintf("Có %zu giao việc chưa hoàn thành mà báo cáo tiến độ gần nhất"
                                 " đã quá %ld ngày; giao việc chưa từng được báo cáo tính từ"
                                 " ngày của văn bản giao.",
                                 x->n_stale, x->stale_after),
                       0);
    free(title);
    if (!x->n_stale)
        return;
    struct rtable *t = rsection_table(s, cols);
    for (size_t i = 0; i < x->n_stale; i++) {
        const struct report_stale *st = &x->stale[i];
        rtable_row(t);
        rtable_int(t, 0, (long)i + 1);
        assignment_cells(t, r->prog, st->assignment);
        if (date_is_set(st->last))
            rtable_date(t, 3, st->last);
        else
            rtable_text(t, 3, xstrdup("chưa báo cáo"));
        if (date_is_set(st->since))
            rtable_date(t, 4, st->since);
        if (st->days >= 0)
            rtable_int(t, 5, st->days);
    }
}

void report_parts_add(const struct report *r, const struct report_extras *x, struct rdoc *d)
{
    for (size_t k = 0; k < x->n_sets; k++)
        set_part(&x->sets[k], k + 1, d);
    if (!x->notes)
        return;
    section_issues(r, x, d);
    section_stale(r, x, d);
}

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

/* One unit's stale assignments, for the section's table. */
struct stale_unit {
    size_t agency;
    long n, never; /* stale assignments, of which never reported */
    long days;     /* the oldest's age, -1 when unknown */
};

static int stale_unit_cmp(const void *a, const void *b)
{
    const struct stale_unit *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    if (x->days != y->days)
        return x->days < y->days ? 1 : -1;
    return (x->agency > y->agency) - (x->agency < y->agency);
}

/* The stale assignments grouped by unit, most first; *n receives how many units. */
static struct stale_unit *stale_by_unit(const struct report *r, const struct report_extras *x,
                                        size_t *n)
{
    size_t n_agencies = r->prog->n_agencies;
    struct stale_unit *u = xcalloc(n_agencies + 1, sizeof(*u));
    for (size_t k = 0; k < n_agencies; k++)
        u[k] = (struct stale_unit){ k, 0, 0, -1 };
    for (size_t i = 0; i < x->n_stale; i++) {
        const struct report_stale *st = &x->stale[i];
        struct stale_unit *e = &u[r->prog->assignments[st->assignment].agency];
        e->n++;
        e->never += !date_is_set(st->last);
        if (st->days > e->days)
            e->days = st->days;
    }
    qsort(u, n_agencies, sizeof(*u), stale_unit_cmp);
    *n = 0;
    while (*n < n_agencies && u[*n].n)
        (*n)++;
    return u;
}

/*
 * The units whose assignments have gone unreported, one row per unit: a
 * list of every assignment would run to thousands of rows in a national
 * programme (the JSON's "stale" keeps each one).
 */
static void section_stale(const struct report *r, const struct report_extras *x, struct rdoc *d)
{
    static const char *const cols[] = { "STT", "Đơn vị", "Số giao việc quá hạn báo cáo",
                                        "Trong đó chưa từng báo cáo", "Lâu nhất (ngày)", NULL };
    char *title = xasprintf("Giao việc chưa được báo cáo quá %ld ngày", x->stale_after);
    struct rsection *s = rdoc_add_section(d, "chua_bao_cao", title, "Chưa báo cáo");
    size_t n_units = 0;
    struct stale_unit *u = stale_by_unit(r, x, &n_units);
    rsection_paragraph(s,
                       xasprintf("Có %zu giao việc chưa hoàn thành của %zu đơn vị mà báo cáo tiến"
                                 " độ gần nhất đã quá %ld ngày; giao việc chưa từng được báo cáo"
                                 " tính từ ngày của văn bản giao. Danh sách từng giao việc có"
                                 " trong bản JSON của báo cáo (mục \"stale\").",
                                 x->n_stale, n_units, x->stale_after),
                       0);
    free(title);
    if (n_units) {
        struct rtable *t = rsection_table(s, cols);
        for (size_t i = 0; i < n_units; i++) {
            rtable_row(t);
            rtable_int(t, 0, (long)i + 1);
            rtable_text(t, 1, xstrdup(r->prog->agencies[u[i].agency].name));
            rtable_int(t, 2, u[i].n);
            rtable_int(t, 3, u[i].never);
            if (u[i].days >= 0)
                rtable_int(t, 4, u[i].days);
        }
    }
    free(u);
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

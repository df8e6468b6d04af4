/* report_doc: the statistics report laid out for rendering; see report_doc.h. */
#include "report_doc.h"

#include "core/figures.h"
#include "core/rank.h"
#include "report_parts.h"
#include "report_requests.h"
#include "report_words.h"
#include "core/registry.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <stdbool.h>
#include <stdlib.h>

/* More lead units than this are summarised as "N đơn vị". */
#define LEAD_NAMES_MAX 5

static char *dmy(struct date d)
{
    char s[DATE_ISO_LEN];
    date_dmy(d, s);
    return xstrdup(s);
}

static long done_of(const struct bucket_counts *c)
{
    return c->n[BUCKET_DONE_ON_TIME] + c->n[BUCKET_DONE_LATE];
}

static long open_of(const struct bucket_counts *c)
{
    return c->n[BUCKET_IN_PROGRESS] + c->n[BUCKET_RECURRING];
}

/* ---- I. Tổng hợp chung ---------------------------------------------------------- */

/* Open tasks whose deadline names no date: counted in progress, named so a person sets one. */
static void undated_tasks(const struct report *r, struct rsection *s)
{
    if (!r->no_due_date)
        return;
    rsection_paragraph(s,
                       xasprintf("Có %ld nhiệm vụ đang thực hiện chưa xác định thời hạn (thời"
                                 " hạn không ghi ngày cụ thể), được tính là đang thực hiện"
                                 " trong hạn cho đến khi có thời hạn:",
                                 r->no_due_date),
                       0);
    for (size_t i = 0; i < r->n_items; i++) {
        const struct prog_task *t = &r->prog->tasks[r->items[i].task];
        if (r->items[i].undated)
            rsection_item(s, xasprintf("%s (thời hạn: %s)", t->name, t->deadline_text), 0);
    }
}

/* pct < 0: the share of total rounded half up (a sub-row); else the headline's share. */
static void headline_row(struct rtable *t, const char *label, long n, long total, long assigned,
                         long pct)
{
    rtable_row(t);
    rtable_text(t, 0, xstrdup(label));
    rtable_int(t, 1, n);
    rtable_percent(t, 2, pct < 0 ? percent_round(n, total) : pct);
    rtable_int(t, 3, assigned);
}

static void section_summary(const struct report *r, struct rdoc *d)
{
    struct rsection *s =
        rdoc_add_section(d, "tong_hop", "I. Tổng hợp chung", "Tổng hợp chung");
    rsection_paragraph(s, report_words_summary(r), 0);
    rsection_paragraph(s, report_words_focus(r), 0);
    report_words_concentration(r, s);
    undated_tasks(r, s);
    static const char *const cols[] = { "Nội dung", "Số nhiệm vụ", "Tỷ lệ",
                                        "Số lượt giao đơn vị", NULL };
    struct rtable *t = rsection_table(s, cols);
    const struct bucket_counts *c = &r->tasks, *a = &r->assignments;
    long total = bucket_total(c);
    long parts[3] = { done_of(c), open_of(c), c->n[BUCKET_OVERDUE] }, pct[3];
    figures_percents(parts, 3, pct); /* the headline's three shares sum to 100 */
    headline_row(t, "Tổng số nhiệm vụ", total, total, bucket_total(a), -1);
    headline_row(t, "Đã hoàn thành", done_of(c), total, done_of(a), pct[0]);
    headline_row(t, "- Hoàn thành đúng hạn", c->n[0], total, a->n[0], -1);
    headline_row(t, "- Hoàn thành quá hạn", c->n[1], total, a->n[1], -1);
    headline_row(t, "Đang thực hiện đúng hạn", open_of(c), total, open_of(a), pct[1]);
    headline_row(t, "- Đang thực hiện trong hạn", c->n[2], total, a->n[2], -1);
    headline_row(t, "- Thường xuyên", c->n[3], total, a->n[3], -1);
    headline_row(t, "Quá hạn chưa hoàn thành", c->n[4], total, a->n[4], pct[2]);
}

/* ---- II. and VI.: counts per document / per field -------------------------------- */

static const char *const count_cols[] = {
    "STT", "", "Tổng số", "Hoàn thành đúng hạn", "Hoàn thành quá hạn",
    "Đang thực hiện trong hạn", "Thường xuyên", "Quá hạn chưa hoàn thành",
    "Tỷ lệ hoàn thành", NULL,
};

static void count_row(struct rtable *t, long stt, char *label, const struct bucket_counts *c)
{
    rtable_row(t);
    if (stt)
        rtable_int(t, 0, stt);
    rtable_text(t, 1, label);
    rtable_int(t, 2, bucket_total(c));
    for (int b = 0; b < N_BUCKETS; b++)
        rtable_int(t, 3 + (size_t)b, c->n[b]);
    rtable_percent(t, 8, percent_round(done_of(c), bucket_total(c)));
}

static struct rtable *count_table(struct rsection *s, const char *label)
{
    const char *cols[sizeof(count_cols) / sizeof(*count_cols)];
    for (size_t i = 0; i < sizeof(cols) / sizeof(*cols); i++)
        cols[i] = count_cols[i];
    cols[1] = label;
    return rsection_table(s, cols);
}

static void section_documents(const struct report *r, struct rdoc *d)
{
    struct rsection *s =
        rdoc_add_section(d, "van_ban", "II. Kết quả theo văn bản chỉ đạo", "Theo văn bản");
    for (size_t i = 0; i < r->n_by_document; i++)
        report_words_document(r, &r->by_document[i], i + 1, s);
    struct rtable *t = count_table(s, "Văn bản");
    for (size_t i = 0; i < r->n_by_document; i++)
        count_row(t, (long)i + 1, xstrdup(report_document_name(r, &r->by_document[i])),
                  &r->by_document[i].tasks);
    count_row(t, 0, xstrdup("Tổng cộng"), &r->tasks);
    t->has_total_row = true;
}

static void section_fields(const struct report *r, struct rdoc *d)
{
    struct rsection *s =
        rdoc_add_section(d, "linh_vuc", "VI. Kết quả theo lĩnh vực", "Theo lĩnh vực");
    struct rtable *t = count_table(s, "Lĩnh vực");
    for (size_t i = 0; i < r->n_by_field; i++)
        count_row(t, (long)i + 1, xstrdup(report_field_label(&r->by_field[i])),
                  &r->by_field[i].tasks);
    count_row(t, 0, xstrdup("Tổng cộng"), &r->tasks);
    t->has_total_row = true;
}

/* ---- III. and IV.: lists of tasks ------------------------------------------------- */

char *report_not_done_text(const struct report *r, const struct report_task *it)
{
    struct buf b = BUF_INIT;
    if (it->units_not_done == it->units_total && it->units_total > LEAD_NAMES_MAX) {
        buf_addf(&b, "Tất cả %zu đơn vị", it->units_total);
        return buf_take(&b);
    }
    for (size_t i = 0; i < it->units_not_done; i++)
        buf_addf(&b, "%s%s", i ? ", " : "", r->prog->agencies[it->not_done[i]].name);
    return buf_take(&b);
}

char *report_lead_text(const struct report *r, const struct report_task *it)
{
    const struct programme *p = r->prog;
    const struct prog_task *t = &p->tasks[it->task];
    struct buf b = BUF_INIT;
    if (it->units_total > LEAD_NAMES_MAX) {
        if (t->lead_text && *t->lead_text)
            buf_addf(&b, "%s: ", t->lead_text);
        buf_addf(&b, "%zu đơn vị", it->units_total);
    } else {
        size_t k = 0;
        for (size_t i = 0; i < t->n_assignments; i++)
            if (r->assignment_bucket[t->assignments[i]] != N_BUCKETS)
                buf_addf(&b, "%s%s", k++ ? ", " : "",
                         p->agencies[p->assignments[t->assignments[i]].agency].name);
    }
    if (it->units_total == 0)
        buf_adds(&b, "(chưa xác định đơn vị chủ trì)");
    else if (it->units_not_done < it->units_total && it->units_not_done > 0)
        buf_addf(&b, " (%zu/%zu đơn vị chưa hoàn thành)", it->units_not_done, it->units_total);
    return buf_take(&b);
}

static char *documents_text(const struct report *r, const struct prog_task *t)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < t->n_documents; i++)
        buf_addf(&b, "%s%s", i ? "; " : "", r->prog->documents[t->documents[i]].name);
    return buf_take(&b);
}

static void task_row(struct rdoc *d, struct rtable *t, const struct report *r, size_t k,
                     const struct report_task *it)
{
    const struct prog_task *task = &r->prog->tasks[it->task];
    rtable_row(t);
    rtable_int(t, 0, (long)k);
    rtable_text(t, 1, xstrdup(task->name));
    rtable_text(t, 2, documents_text(r, task));
    rtable_text(t, 3, report_lead_text(r, it));
    if (date_is_set(task->due))
        rtable_date(t, 4, task->due);
    rtable_text(t, 5, xstrdup(task->deadline_text));
    /* The footnote names the units not done when only some are (as seed 004 does); a cell
     * lists at most LEAD_NAMES_MAX names, more are counted there and named once, in it. */
    bool some = it->units_not_done && it->units_not_done < it->units_total;
    bool many = some && it->units_not_done > LEAD_NAMES_MAX;
    rtable_text(t, 6, many ? xasprintf("%zu/%zu đơn vị", it->units_not_done, it->units_total)
                           : report_not_done_text(r, it));
    if (some) {
        char *names = report_not_done_text(r, it);
        char *note = xasprintf("Đơn vị chưa hoàn thành: %s.", names);
        rtable_footnote(t, many ? 6 : 3, rdoc_add_footnote(d, note));
        free(note);
        free(names);
    }
}

static void task_section(const struct report *r, struct rdoc *d, struct rsection *s,
                         const size_t *idx, size_t n)
{
    static const char *const cols[] = { "STT",      "Nhiệm vụ",         "Văn bản",
                                        "Cơ quan chủ trì", "Thời hạn", "Thời hạn (như văn bản)",
                                        "Đơn vị chưa hoàn thành", NULL };
    if (n == 0) {
        rsection_paragraph(s, xstrdup("Không có nhiệm vụ."), 0);
        return;
    }
    struct rtable *t = rsection_table(s, cols);
    for (size_t i = 0; i < n; i++)
        task_row(d, t, r, i + 1, &r->items[idx[i]]);
}

/*
 * III. and IV. in the body: how many tasks, per document, and where the list
 * of each is (annexes II and III). Listed one by one, the demo's 358 tasks
 * take 35 landscape pages; the office's report summarises them (seed 004).
 */

/* Overdue by more than this many days: the column an office reads first. */
#define LONG_OVERDUE_DAYS 90

/* One document's row of a summary: its tasks, units not done, long overdue. */
struct list_row {
    long tasks, units, long_overdue;
};

/* Days from a task's due date to the report's date; 0 without a due date. */
static long days_late(const struct report *r, const struct report_task *it)
{
    struct date due = r->prog->tasks[it->task].due;
    return date_is_set(due) ? date_to_days(r->opt.as_of) - date_to_days(due) : 0;
}

static void list_row_add(struct list_row *row, const struct list_row *add)
{
    row->tasks += add->tasks;
    row->units += add->units;
    row->long_overdue += add->long_overdue;
}

/* The rows of items[idx[0..n)] per row of r->by_document (same order), and their total. */
static struct list_row *list_rows(const struct report *r, const size_t *idx, size_t n,
                                  struct list_row *total)
{
    struct list_row *rows = xcalloc(r->n_by_document + 1, sizeof(*rows));
    *total = (struct list_row){ 0, 0, 0 };
    for (size_t i = 0; i < n; i++) {
        const struct report_task *it = &r->items[idx[i]];
        size_t doc = report_primary_document(r, &r->prog->tasks[it->task]);
        size_t k = 0;
        while (k < r->n_by_document && r->by_document[k].document != doc)
            k++;
        struct list_row add = { 1, (long)it->units_not_done, days_late(r, it) > LONG_OVERDUE_DAYS };
        list_row_add(&rows[k], &add);
        list_row_add(total, &add);
    }
    return rows;
}

static void list_row_cells(struct rtable *t, long stt, char *label, const struct list_row *row,
                           bool overdue)
{
    rtable_row(t);
    if (stt)
        rtable_int(t, 0, stt);
    rtable_text(t, 1, label);
    rtable_int(t, 2, row->tasks);
    if (overdue)
        rtable_int(t, 3, row->long_overdue);
    rtable_int(t, overdue ? 4 : 3, row->units);
}

/* The per-document table of the tasks items[idx[0..n)]: overdue ones or due ones. */
static void list_summary(const struct report *r, struct rsection *s, const size_t *idx, size_t n,
                         bool overdue)
{
    static const char *const overdue_cols[] = { "STT", "Văn bản", "Số nhiệm vụ quá hạn",
                                                "Trong đó: quá hạn trên 90 ngày",
                                                "Số lượt giao đơn vị chưa hoàn thành", NULL };
    static const char *const due_cols[] = { "STT", "Văn bản", "Số nhiệm vụ",
                                            "Số lượt giao đơn vị chưa hoàn thành", NULL };
    struct list_row total;
    struct list_row *rows = list_rows(r, idx, n, &total);
    struct rtable *t = rsection_table(s, overdue ? overdue_cols : due_cols);
    long stt = 0;
    for (size_t k = 0; k < r->n_by_document; k++)
        if (rows[k].tasks)
            list_row_cells(t, ++stt, xstrdup(report_document_name(r, &r->by_document[k])),
                           &rows[k], overdue);
    list_row_cells(t, 0, xstrdup("Tổng cộng"), &total, overdue);
    t->has_total_row = true;
    free(rows);
}

/* Where the list of each task is: annex `annex`, in the document or sent with it. */
static void list_pointer(struct rsection *s, const char *annex, bool apart)
{
    rsection_paragraph(s,
                       xasprintf("Danh sách từng nhiệm vụ (tên nhiệm vụ, văn bản giao, cơ quan"
                                 " chủ trì, thời hạn, đơn vị chưa hoàn thành) tại Phụ lục %s%s;"
                                 " số nhiệm vụ của từng đơn vị: xem mục V.",
                                 annex, apart ? " kèm theo báo cáo" : ""),
                       0);
}

static void section_overdue(const struct report *r, bool apart, struct rdoc *d)
{
    struct rsection *s =
        rdoc_add_section(d, "qua_han", "III. Nhiệm vụ quá hạn chưa hoàn thành", "Quá hạn");
    rsection_paragraph(s, xasprintf("Có %zu nhiệm vụ đang thực hiện quá hạn.", r->n_overdue), 0);
    if (!r->n_overdue)
        return;
    list_summary(r, s, r->overdue, r->n_overdue, true);
    list_pointer(s, "II", apart);
}

static void section_due_soon(const struct report *r, bool apart, struct rdoc *d)
{
    char *due_by = dmy(r->opt.due_by);
    char *title = xasprintf("IV. Nhiệm vụ đang thực hiện có thời hạn đến ngày %s", due_by);
    struct rsection *s = rdoc_add_section(d, "sap_den_han", title, "Sắp đến hạn");
    rsection_paragraph(s,
                       xasprintf("Có %zu nhiệm vụ đang thực hiện có thời hạn đến ngày %s.",
                                 r->n_due_soon, due_by),
                       0);
    if (r->n_due_soon) {
        list_summary(r, s, r->due_soon, r->n_due_soon, false);
        list_pointer(s, "III", apart);
    }
    free(title);
    free(due_by);
}

/* Annexes II and III: every overdue task, every task due by D2, one row each. */
static void section_lists(const struct report *r, struct rdoc *d)
{
    struct rsection *s = rdoc_add_section(d, "phu_luc_qua_han",
                                          "Phụ lục II. Danh sách nhiệm vụ quá hạn chưa hoàn"
                                          " thành",
                                          "Phụ lục II (quá hạn)");
    s->annex = true;
    rsection_paragraph(s, xasprintf("Có %zu nhiệm vụ đang thực hiện quá hạn.", r->n_overdue), 0);
    task_section(r, d, s, r->overdue, r->n_overdue);
    char *due_by = dmy(r->opt.due_by);
    char *title = xasprintf("Phụ lục III. Danh sách nhiệm vụ đang thực hiện có thời hạn đến"
                            " ngày %s",
                            due_by);
    s = rdoc_add_section(d, "phu_luc_sap_den_han", title, "Phụ lục III (đến hạn)");
    s->annex = true;
    rsection_paragraph(s,
                       xasprintf("Có %zu nhiệm vụ đang thực hiện có thời hạn đến ngày %s.",
                                 r->n_due_soon, due_by),
                       0);
    task_section(r, d, s, r->due_soon, r->n_due_soon);
    free(title);
    free(due_by);
}

/* ---- V. Theo đơn vị ----------------------------------------------------------------- */

static void agency_row(struct rtable *t, const struct report *r, size_t k,
                       const struct report_agency_row *row)
{
    const struct bucket_counts *c = &row->assignments;
    rtable_row(t);
    rtable_int(t, 0, (long)k);
    rtable_text(t, 1, xstrdup(r->prog->agencies[row->agency].name));
    rtable_text(t, 2, xstrdup(agency_kind_label(r->prog->agencies[row->agency].kind)));
    rtable_int(t, 3, c->n[BUCKET_OVERDUE]);
    rtable_int(t, 4, c->n[BUCKET_DONE_ON_TIME]);
    rtable_int(t, 5, c->n[BUCKET_DONE_LATE]);
    rtable_int(t, 6, c->n[BUCKET_IN_PROGRESS]);
    rtable_int(t, 7, row->due_by);
    rtable_int(t, 8, c->n[BUCKET_RECURRING]);
    rtable_int(t, 9, row->total);
    rtable_percent(t, 10, row->on_time_pct);
    if (row->rank)
        rtable_int(t, 11, row->rank);
    else
        rtable_text(t, 11, xstrdup("chưa có nhiệm vụ đến hạn"));
}

static void ranking_table(const struct report *r, struct rsection *s)
{
    static const char *const cols[] = { "Hạng",
                                        "Đơn vị",
                                        COUNT_LABEL_DUE_RATE,
                                        BUCKET_LABEL_DONE_ON_TIME,
                                        COUNT_LABEL_DUE,
                                        BUCKET_LABEL_OVERDUE,
                                        COUNT_LABEL_ASSIGNMENTS,
                                        NULL };
    rsection_paragraph(s, xasprintf("Xếp hạng: %s", rank_rule_text), 0);
    struct rtable *t = rsection_table(s, cols);
    for (size_t k = 0; k < r->n_ranked; k++) {
        const struct report_agency_row *row = &r->by_agency[r->ranking[k]];
        rtable_row(t);
        rtable_int(t, 0, row->rank);
        rtable_text(t, 1, xstrdup(r->prog->agencies[row->agency].name));
        rtable_percent(t, 2, percent_round(row->assignments.n[BUCKET_DONE_ON_TIME], row->due));
        rtable_int(t, 3, row->assignments.n[BUCKET_DONE_ON_TIME]);
        rtable_int(t, 4, row->due);
        rtable_int(t, 5, row->assignments.n[BUCKET_OVERDUE]);
        rtable_int(t, 6, row->total);
    }
    if (r->n_ranked < r->n_by_agency)
        rsection_paragraph(s,
                           xasprintf("%zu đơn vị chưa có nhiệm vụ đến hạn, không xếp hạng.",
                                     r->n_by_agency - r->n_ranked),
                           0);
}

static void section_agencies(const struct report *r, struct rdoc *d)
{
    struct rsection *s = rdoc_add_section(d, "don_vi", "V. Kết quả theo đơn vị", "Theo đơn vị");
    /* Before the table, which may end a page: not a line alone on the next one. */
    rsection_paragraph(s,
                       xstrdup("Kết quả đầy đủ của từng đơn vị và bảng xếp hạng: xem Phụ lục I."),
                       0);
    report_words_unit_table(r, s);
}

/* The annex: every unit's nine counts, then the ranking. */
static void section_annex(const struct report *r, struct rdoc *d)
{
    char *due_by = dmy(r->opt.due_by);
    char *due_col = xasprintf("trong đó: có thời hạn đến %s", due_by);
    const char *cols[] = { "STT", "Đơn vị", "Khối", "Quá hạn chưa hoàn thành",
                           "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện trong hạn",
                           due_col, "Thường xuyên", "Tổng số", COUNT_LABEL_ON_TIME_RATE, "Hạng", NULL };
    struct rsection *s = rdoc_add_section(d, "phu_luc_don_vi",
                                          "Phụ lục I. Kết quả và xếp hạng theo đơn vị",
                                          "Phụ lục I (đơn vị)");
    s->annex = true;
    rsection_paragraph(s,
                       xasprintf("%ld đơn vị có nhiệm vụ; đơn vị có nhiệm vụ quá hạn xếp trước."
                                 " Mỗi nhiệm vụ giao cho nhiều đơn vị được tính cho từng đơn vị.",
                                 r->n_units),
                       0);
    struct rtable *t = rsection_table(s, cols);
    for (size_t i = 0; i < r->n_by_agency; i++)
        agency_row(t, r, i + 1, &r->by_agency[i]);
    ranking_table(r, s);
    free(due_col);
    free(due_by);
}

/* ---- VII. Chỉ tiêu ------------------------------------------------------------------ */

/* The breakdowns of the indicator section, in the order the section shows them. */
static const struct ind_breakdown {
    enum indicator_tally_by by;
    const char *heading; /* the paragraph above its table */
    const char *column;  /* its label column */
} ind_breakdowns[] = {
    { TALLY_HORIZON, "Theo thời hạn của mục tiêu:", "Thời hạn" },
    { TALLY_AGENCY, "Theo cơ quan chủ trì theo dõi:", "Cơ quan chủ trì theo dõi" },
    { TALLY_FIELD, "Theo lĩnh vực:", "Lĩnh vực" },
};
#define N_BREAKDOWNS (sizeof(ind_breakdowns) / sizeof(*ind_breakdowns))

/* Status columns in the order an office reads them: green first, grey last. */
static const enum indicator_status status_order[] = { IND_GREEN, IND_AMBER, IND_RED, IND_GREY };

/* The counts of the indicator section, computed once for its tables and its checks. */
struct ind_counts {
    struct indicator_tally all;
    struct indicator_tally *rows[N_BREAKDOWNS];
    size_t n_rows[N_BREAKDOWNS];
    size_t not_counted; /* headings that only group sub-indicators */
};

static void ind_counts_build(const struct indicator_board *b, struct ind_counts *c)
{
    indicator_board_total(b, &c->all);
    for (size_t k = 0; k < N_BREAKDOWNS; k++)
        indicator_board_tally(b, ind_breakdowns[k].by, &c->rows[k], &c->n_rows[k]);
    c->not_counted = 0;
    for (size_t i = 0; i < b->n; i++)
        c->not_counted += !indicator_board_counted(b, i);
}

static void ind_counts_release(struct ind_counts *c)
{
    free(c->all.label);
    for (size_t k = 0; k < N_BREAKDOWNS; k++)
        indicator_tallies_free(c->rows[k], c->n_rows[k]);
}

/* The name of the unit the report is filtered on, or NULL. */
static const char *filter_unit(const struct report *r)
{
    return r->opt.agency == PROG_NONE ? NULL : r->prog->agencies[r->opt.agency].name;
}

static char *ind_headline(const struct report *r, const struct indicator_board *b,
                          const struct ind_counts *c)
{
    const struct indicator_tally *a = &c->all;
    const char *unit = filter_unit(r);
    char *as_of = dmy(b->as_of);
    struct buf s = BUF_INIT;
    if (!a->total && unit)
        buf_addf(&s, "Tính đến ngày %s, %s không chủ trì theo dõi chỉ tiêu nào", as_of, unit);
    else if (!a->total)
        buf_addf(&s, "Tính đến ngày %s, chưa có chỉ tiêu nào có mục tiêu", as_of);
    else
        buf_addf(&s, "Tính đến ngày %s, có %zu chỉ tiêu có mục tiêu", as_of, a->total);
    if (a->total && unit)
        buf_addf(&s, " do %s chủ trì theo dõi", unit);
    if (c->not_counted)
        buf_addf(&s, " (không tính %zu mục chỉ nêu nhóm các chỉ tiêu thành phần)", c->not_counted);
    if (a->total)
        buf_addf(&s,
                 "; trong đó: %zu chỉ tiêu đạt (chiếm %ld%%), %zu chỉ tiêu đúng lộ trình, %zu chỉ"
                 " tiêu chậm, %zu chỉ tiêu chưa đánh giá",
                 a->count[IND_GREEN], a->green_pct, a->count[IND_AMBER], a->count[IND_RED],
                 a->count[IND_GREY]);
    buf_addch(&s, '.');
    free(as_of);
    return buf_take(&s);
}

/* How a status is decided, once, so that no reader has to guess (COUNTING.md §7). */
static const char ind_legend[] =
    "Trạng thái tính theo số liệu mới nhất có ngày đo đến ngày báo cáo: đạt là giá trị đáp ứng"
    " mục tiêu; đúng lộ trình là chưa đạt nhưng bằng hoặc vượt lộ trình từ mốc cơ sở đến mục"
    " tiêu; chậm là thấp hơn lộ trình, hoặc đã quá năm đích mà chưa đạt; chưa đánh giá là chưa"
    " có số liệu, hoặc mục tiêu định tính chưa có đánh giá.";
static const char ind_legend_rows[] =
    " Căn cứ đánh giá của từng chỉ tiêu được nêu trong bảng cuối mục.";

static void tally_row(struct rtable *t, long stt, const char *label,
                      const struct indicator_tally *y)
{
    rtable_row(t);
    if (stt)
        rtable_int(t, 0, stt);
    rtable_text(t, 1, xstrdup(label));
    rtable_int(t, 2, (long)y->total);
    for (size_t k = 0; k < 4; k++)
        rtable_int(t, 3 + k, (long)y->count[status_order[k]]);
    rtable_percent(t, 7, y->green_pct);
}

static void tally_table(struct rsection *s, const struct ind_breakdown *bd,
                        const struct indicator_tally *rows, size_t n,
                        const struct indicator_tally *all)
{
    const char *cols[] = { "STT",           "",          "Tổng số", "Đạt", "Đúng lộ trình", "Chậm",
                           "Chưa đánh giá", "Tỷ lệ đạt", NULL };
    cols[1] = bd->column;
    rsection_paragraph(s, xstrdup(bd->heading), 0);
    struct rtable *t = rsection_table(s, cols);
    for (size_t i = 0; i < n; i++)
        tally_row(t, (long)i + 1, rows[i].label, &rows[i]);
    tally_row(t, 0, "Tổng cộng", all);
    t->has_total_row = true;
}

static void measurement_text(struct buf *b, const struct measurement *m)
{
    char on[DATE_ISO_LEN];
    date_dmy(m->on, on);
    buf_addf(b, "%s (%s)", m->text, on);
}

/* "82% (31/12/2025)"; per scale or bloc when the target has several; "" when none yet. */
static char *latest_text(const struct indicator_result *res)
{
    struct buf b = BUF_INIT;
    if (res->n_parts <= 1 || !res->latest) {
        if (res->latest)
            measurement_text(&b, res->latest);
        return buf_take(&b);
    }
    for (size_t i = 0; i < res->n_parts; i++) {
        const struct indicator_part *p = &res->parts[i];
        buf_adds(&b, i ? "; " : "");
        if (p->clause && p->clause->label)
            buf_addf(&b, "%s: ", p->clause->label);
        if (p->latest)
            measurement_text(&b, p->latest);
        else
            buf_adds(&b, "chưa có số liệu");
    }
    return buf_take(&b);
}

/* Indicator i of b has a row in the items table: all counted ones, or with apart
 * (a Word report) the evaluated ones, the others named by code (grey_codes()). */
static bool item_row(const struct indicator_board *b, size_t i, bool apart)
{
    return indicator_board_counted(b, i) && (!apart || b->r[i].status != IND_GREY);
}

static size_t item_rows(const struct indicator_board *b, bool apart)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n; i++)
        n += item_row(b, i, apart);
    return n;
}

static void items_table(const struct indicator_board *b, bool apart, struct rsection *s)
{
    static const char *const cols[] = {
        "Mã",         "Chỉ tiêu",        "Đơn vị tính", "Mục tiêu", "Giá trị mới nhất",
        "Trạng thái", "Căn cứ đánh giá", NULL
    };
    if (!item_rows(b, apart))
        return;
    rsection_paragraph(s,
                       xstrdup(apart ? "Kết quả từng chỉ tiêu đã đánh giá:"
                                     : "Kết quả từng chỉ tiêu:"),
                       0);
    struct rtable *t = rsection_table(s, cols);
    for (size_t i = 0; i < b->n; i++) {
        if (!item_row(b, i, apart))
            continue;
        const struct indicator *x = &b->x[i];
        rtable_row(t);
        rtable_text(t, 0, xstrdup(x->code));
        rtable_text(t, 1, xstrdup(x->name));
        rtable_text(t, 2, xstrdup(x->unit));
        rtable_text(t, 3, xstrdup(x->target_text));
        rtable_text(t, 4, latest_text(&b->r[i]));
        rtable_text(t, 5, xstrdup(indicator_status_label(b->r[i].status)));
        rtable_text(t, 6, xstrdup(b->r[i].rule));
    }
}

/* In a Word report, the indicators not evaluated yet, by code: one line, not a page each. */
static void grey_codes(const struct indicator_board *b, const struct ind_counts *c,
                       struct rsection *s)
{
    if (!c->all.count[IND_GREY])
        return;
    struct buf t = BUF_INIT;
    buf_addf(&t, "Các chỉ tiêu chưa đánh giá (%zu chỉ tiêu), theo mã: ", c->all.count[IND_GREY]);
    size_t k = 0;
    for (size_t i = 0; i < b->n; i++)
        if (indicator_board_counted(b, i) && b->r[i].status == IND_GREY)
            buf_addf(&t, "%s%s", k++ ? ", " : "", b->x[i].code);
    buf_addch(&t, '.');
    rsection_paragraph(s, buf_take(&t), 0);
}

static void section_indicators(const struct report *r, const struct indicator_board *b,
                               const struct ind_counts *c, bool apart, struct rdoc *d)
{
    struct rsection *s =
        rdoc_add_section(d, "chi_tieu", "VII. Kết quả thực hiện các chỉ tiêu", "Chỉ tiêu");
    rsection_paragraph(s, ind_headline(r, b, c), 0);
    if (!c->all.total)
        return;
    rsection_paragraph(s,
                       item_rows(b, apart) ? xasprintf("%s%s", ind_legend, ind_legend_rows)
                                           : xstrdup(ind_legend),
                       0);
    if (apart)
        grey_codes(b, c, s);
    for (size_t k = 0; k < N_BREAKDOWNS; k++)
        tally_table(s, &ind_breakdowns[k], c->rows[k], c->n_rows[k], &c->all);
    items_table(b, apart, s);
}

/* ---- VII./VIII. Đối soát ------------------------------------------------------------ */

static void check_row(struct rtable *t, const struct report_check *c)
{
    rtable_row(t);
    rtable_text(t, 0, xstrdup(c->label));
    rtable_int(t, 1, c->total);
    rtable_int(t, 2, c->sum);
    rtable_text(t, 3, xstrdup(c->total == c->sum ? "Khớp" : "Không khớp"));
}

/* The report's checks, then the indicator section's (ind[0..n_ind), none without a board). */
static void section_checks(const struct report *r, const struct report_check *ind, size_t n_ind,
                           struct rdoc *d)
{
    static const char *const cols[] = { "Kiểm tra", "Tổng", "Tổng các phần", "Kết quả", NULL };
    bool reconciled = r->reconciled;
    for (size_t i = 0; i < n_ind; i++)
        reconciled &= ind[i].total == ind[i].sum;
    struct rsection *s = rdoc_add_section(
        d, "doi_soat", ind ? "VIII. Đối soát số liệu" : "VII. Đối soát số liệu", "Đối soát");
    rsection_paragraph(s,
                       xstrdup(reconciled ? "Mọi tổng số đều bằng tổng các phần cấu thành."
                                          : "CẢNH BÁO: có tổng số không khớp với các phần."),
                       0);
    rsection_paragraph(s, xstrdup(count_policy_label(r->prog->count_policy)), 0);
    struct rtable *t = rsection_table(s, cols);
    for (size_t i = 0; i < r->n_checks; i++)
        check_row(t, &r->checks[i]);
    for (size_t i = 0; i < n_ind; i++)
        check_row(t, &ind[i]);
}

static char *subtitle(const struct report *r)
{
    char *as_of = dmy(r->opt.as_of);
    struct buf b = BUF_INIT;
    buf_addf(&b, "(Cập nhật ngày %s", as_of);
    if (r->opt.document != PROG_NONE && !r->opt.n_documents)
        buf_addf(&b, "; văn bản: %s", r->prog->documents[r->opt.document].name);
    for (size_t i = 0; i < r->opt.n_documents; i++)
        buf_addf(&b, "%s%s", i ? "; " : "; văn bản: ",
                 r->prog->documents[r->opt.documents[i]].name);
    if (r->opt.agency != PROG_NONE)
        buf_addf(&b, "; đơn vị: %s", r->prog->agencies[r->opt.agency].name);
    buf_addch(&b, ')');
    free(as_of);
    return buf_take(&b);
}

/* ---- so với báo cáo trước (--compare) ------------------------------------------------- */

/* One headline figure: as of D0, as of D, and the change with its sign. */
static void compare_row(struct rtable *t, const char *label, long before, long after)
{
    rtable_row(t);
    rtable_text(t, 0, xstrdup(label));
    rtable_int(t, 1, before);
    rtable_int(t, 2, after);
    rtable_text(t, 3, after == before ? xstrdup("0") : xasprintf("%+ld", after - before));
}

void report_doc_add_compare(const struct report_compare *c, struct rdoc *d)
{
    const struct report *b = c->before, *a = c->after;
    char *d0 = dmy(b->opt.as_of), *d1 = dmy(a->opt.as_of);
    char *title = xasprintf("So với số liệu ngày %s", d0);
    char *col_before = xasprintf("Ngày %s", d0), *col_after = xasprintf("Ngày %s", d1);
    const char *const cols[] = { "Số liệu", col_before, col_after, "Thay đổi", NULL };
    struct rsection *s = rdoc_add_section(d, "so_sanh", title, "So sánh");
    struct rtable *t = rsection_table(s, cols);
    compare_row(t, "Tổng số nhiệm vụ", bucket_total(&b->tasks), bucket_total(&a->tasks));
    compare_row(t, "Đã hoàn thành", done_of(&b->tasks), done_of(&a->tasks));
    compare_row(t, "Hoàn thành đúng hạn", b->tasks.n[BUCKET_DONE_ON_TIME],
                a->tasks.n[BUCKET_DONE_ON_TIME]);
    compare_row(t, "Hoàn thành quá hạn", b->tasks.n[BUCKET_DONE_LATE],
                a->tasks.n[BUCKET_DONE_LATE]);
    compare_row(t, "Đang thực hiện quá hạn", b->tasks.n[BUCKET_OVERDUE],
                a->tasks.n[BUCKET_OVERDUE]);
    rsection_paragraph(s, xasprintf("Có %zu nhiệm vụ trở thành quá hạn từ sau ngày %s.",
                                    c->n_newly_overdue, d0), 0);
    task_section(a, d, s, c->newly_overdue, c->n_newly_overdue);
    rsection_paragraph(s, xasprintf("Có %zu nhiệm vụ được báo cáo hoàn thành từ sau ngày %s.",
                                    c->n_completed_since, d0), 0);
    task_section(a, d, s, c->completed_since, c->n_completed_since);
    free(col_before);
    free(col_after);
    free(title);
    free(d0);
    free(d1);
}

void report_doc_task_table(const struct report *r, struct rdoc *d, struct rsection *s,
                           const size_t *idx, size_t n)
{
    task_section(r, d, s, idx, n);
}

void report_doc_build(const struct report *r, const struct indicator_board *b, struct rdoc *d)
{
    report_doc_build_with(r, b, NULL, d);
}

void report_doc_build_with(const struct report *r, const struct indicator_board *b,
                           const struct report_extras *x, struct rdoc *d)
{
    char *sub = subtitle(r);
    rdoc_set_title(d, "THỐNG KÊ NHIỆM VỤ THỰC HIỆN CỦA CÁC CƠ QUAN", sub);
    free(sub);
    section_summary(r, d);
    section_documents(r, d);
    bool apart = x && x->lists_apart;
    section_overdue(r, apart, d);
    section_due_soon(r, apart, d);
    section_agencies(r, d);
    section_fields(r, d);
    if (!b) {
        section_checks(r, NULL, 0, d);
    } else {
        struct ind_counts c;
        struct report_check checks[INDICATOR_BOARD_CHECKS];
        ind_counts_build(b, &c);
        section_indicators(r, b, &c, apart, d);
        indicator_board_checks(b, checks);
        section_checks(r, checks, indicator_board_n_checks(b), d);
        ind_counts_release(&c);
    }
    if (x && x->compare)
        report_doc_add_compare(x->compare, d);
    if (x)
        report_parts_add(r, x, d);
    if (x && x->requests)
        report_doc_add_requests(x->requests, d); /* issue #15: render/report_requests.h */
    section_annex(r, d);
    if (!apart)
        section_lists(r, d);
}

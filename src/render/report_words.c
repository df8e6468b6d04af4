/* report_words: the report's sentences as the office writes them; see report_words.h. */
#include "report_words.h"

#include "core/figures.h"
#include "core/registry.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <stdbool.h>
#include <stdlib.h>

/* The most fields a concentration sentence names. */
#define CONCENTRATION_MAX 3

static long done_of(const struct bucket_counts *c)
{
    return c->n[BUCKET_DONE_ON_TIME] + c->n[BUCKET_DONE_LATE];
}

static long open_of(const struct bucket_counts *c)
{
    return c->n[BUCKET_IN_PROGRESS] + c->n[BUCKET_RECURRING];
}

/* Appenders: a count as the office writes it in running text, and a plain figure. */
static void add_count(struct buf *b, long n)
{
    char s[FIGURES_LEN];
    figures_count(n, s);
    buf_adds(b, s);
}

static void add_num(struct buf *b, long n)
{
    char s[FIGURES_LEN];
    figures_thousands(n, s);
    buf_adds(b, s);
}

static void add_date(struct buf *b, struct date d)
{
    char s[DATE_ISO_LEN];
    date_dmy(d, s);
    buf_adds(b, s);
}

/* ---- I. Tổng hợp chung ---------------------------------------------------------- */

/* Whether every counted task was assigned in the year of the report's date. */
static bool all_this_year(const struct report *r)
{
    const struct programme *p = r->prog;
    for (size_t i = 0; i < r->n_items; i++) {
        const struct prog_task *t = &p->tasks[r->items[i].task];
        if (!t->n_documents || !date_is_set(p->documents[t->documents[0]].date) ||
            p->documents[t->documents[0]].date.y != r->opt.as_of.y)
            return false;
    }
    return r->n_items > 0;
}

char *report_words_summary(const struct report *r)
{
    const struct bucket_counts *c = &r->tasks;
    long parts[3] = { done_of(c), open_of(c), c->n[BUCKET_OVERDUE] }, pct[3];
    figures_percents(parts, 3, pct);
    struct buf b = BUF_INIT;
    buf_addf(&b, "Theo số liệu trên hệ thống, tổng số nhiệm vụ %s đến ngày ",
             all_this_year(r) ? "giao từ đầu năm" : "được giao");
    add_date(&b, r->opt.as_of);
    buf_adds(&b, " là ");
    add_num(&b, bucket_total(c));
    if (r->repeats_not_counted) {
        buf_adds(&b, " (không tính ");
        add_count(&b, r->repeats_not_counted);
        buf_adds(&b, " nhiệm vụ nhắc lại nhiệm vụ đã giao)");
    }
    buf_adds(&b, ", trong đó: ");
    add_count(&b, parts[0]);
    buf_addf(&b, " nhiệm vụ đã hoàn thành (chiếm %ld%%), gồm ", pct[0]);
    add_count(&b, c->n[BUCKET_DONE_ON_TIME]);
    buf_adds(&b, " hoàn thành đúng hạn, ");
    add_count(&b, c->n[BUCKET_DONE_LATE]);
    buf_adds(&b, " hoàn thành quá hạn; đang thực hiện đúng hạn ");
    add_count(&b, parts[1]);
    buf_addf(&b, " nhiệm vụ (chiếm %ld%%), gồm ", pct[1]);
    add_count(&b, c->n[BUCKET_IN_PROGRESS]);
    buf_adds(&b, " nhiệm vụ đang thực hiện trong hạn và ");
    add_count(&b, c->n[BUCKET_RECURRING]);
    buf_adds(&b, " nhiệm vụ thường xuyên; quá hạn chưa hoàn thành ");
    add_count(&b, parts[2]);
    buf_addf(&b, " nhiệm vụ (chiếm %ld%%).", pct[2]);
    return buf_take(&b);
}

char *report_words_focus(const struct report *r)
{
    long overdue = r->tasks.n[BUCKET_OVERDUE];
    struct buf b = BUF_INIT;
    buf_adds(&b, "Trọng tâm từ nay đến ngày ");
    add_date(&b, r->opt.due_by);
    buf_adds(&b, " là hoàn thành ");
    add_count(&b, (long)r->n_due_soon + overdue);
    buf_adds(&b, " nhiệm vụ (");
    add_num(&b, (long)r->n_due_soon);
    buf_adds(&b, " nhiệm vụ có thời hạn đến ngày ");
    add_date(&b, r->opt.due_by);
    buf_adds(&b, "; ");
    add_num(&b, overdue);
    buf_adds(&b, " nhiệm vụ đang thực hiện quá hạn).");
    return buf_take(&b);
}

char *report_words_set_summary(const struct report *r)
{
    const struct bucket_counts *c = &r->tasks;
    long total = bucket_total(c), done = done_of(c);
    struct buf b = BUF_INIT;
    buf_addf(&b, "Tỷ lệ hoàn thành đạt %ld%% (", percent_round(done, total));
    add_num(&b, done);
    buf_addch(&b, '/');
    add_num(&b, total);
    buf_adds(&b, "). Tổng số đã giao ");
    add_num(&b, total + r->repeats_not_counted);
    buf_adds(&b, " nhiệm vụ cho ");
    add_num(&b, r->n_units);
    buf_adds(&b, " đơn vị");
    if (r->repeats_not_counted) {
        buf_adds(&b, ", trong đó có ");
        add_count(&b, r->repeats_not_counted);
        buf_adds(&b, " nhiệm vụ nhắc lại các nhiệm vụ đã giao tại các văn bản trước");
    }
    buf_adds(&b, ". Trong ");
    add_num(&b, total);
    buf_adds(&b, " nhiệm vụ có: ");
    add_count(&b, done);
    buf_adds(&b, " nhiệm vụ đã hoàn thành (");
    add_num(&b, c->n[BUCKET_DONE_ON_TIME]);
    buf_adds(&b, " hoàn thành đúng hạn; ");
    add_num(&b, c->n[BUCKET_DONE_LATE]);
    buf_adds(&b, " hoàn thành quá hạn); ");
    add_count(&b, open_of(c));
    buf_adds(&b, " nhiệm vụ đang thực hiện đúng hạn (");
    add_num(&b, c->n[BUCKET_IN_PROGRESS]);
    buf_adds(&b, " nhiệm vụ đang thực hiện trong hạn; ");
    add_num(&b, c->n[BUCKET_RECURRING]);
    buf_adds(&b, " nhiệm vụ thường xuyên); ");
    add_count(&b, c->n[BUCKET_OVERDUE]);
    buf_addf(&b, " nhiệm vụ đang thực hiện quá hạn (%ld%%).",
             percent_round(c->n[BUCKET_OVERDUE], total));
    return buf_take(&b);
}

/* ---- concentration -------------------------------------------------------------- */

/*
 * One sentence on where the tasks not done (overdue ones only with overdue_only) of the
 * fields that have a name concentrate; NULL when there are none. what names them.
 */
static char *concentration(const struct report *r, const char *what, bool overdue_only)
{
    long *counts = xcalloc(r->n_by_field + 1, sizeof(long)), total = 0;
    size_t *top = xcalloc(CONCENTRATION_MAX, sizeof(size_t)), n_named = 0;
    for (size_t i = 0; i < r->n_by_field; i++) {
        const struct bucket_counts *c = &r->by_field[i].tasks;
        if (*r->by_field[i].field)
            counts[i] = c->n[BUCKET_OVERDUE] + (overdue_only ? 0 : open_of(c));
        total += counts[i];
        n_named += counts[i] > 0;
    }
    char *text = NULL;
    size_t k = figures_concentration(counts, r->n_by_field, CONCENTRATION_MAX, top);
    struct buf b = BUF_INIT;
    if (total && k) {
        long held = 0;
        for (size_t i = 0; i < k; i++)
            held += counts[top[i]];
        buf_adds(&b, "Trong ");
        add_num(&b, total);
        buf_addf(&b, " nhiệm vụ %s có lĩnh vực, ", what);
        add_num(&b, held);
        buf_adds(&b, " nhiệm vụ tập trung ở ");
        if (k > 1)
            buf_addf(&b, "%zu lĩnh vực: ", k);
        else
            buf_adds(&b, "lĩnh vực ");
        for (size_t i = 0; i < k; i++) {
            buf_addf(&b, "%s%s (", i ? (i + 1 == k ? " và " : ", ") : "",
                     r->by_field[top[i]].field);
            add_num(&b, counts[top[i]]);
            buf_addch(&b, ')');
        }
        buf_addch(&b, '.');
        text = buf_take(&b);
    } else if (total) {
        buf_addf(&b,
                 "Các nhiệm vụ %s phân tán ở %zu lĩnh vực: không có %d lĩnh vực nào"
                 " chiếm từ một nửa trở lên.",
                 what, n_named, CONCENTRATION_MAX);
        text = buf_take(&b);
    }
    buf_release(&b);
    free(counts);
    free(top);
    return text;
}

void report_words_concentration(const struct report *r, struct rsection *s)
{
    char *open = concentration(r, "chưa hoàn thành", false);
    char *late = concentration(r, "quá hạn chưa hoàn thành", true);
    if (open)
        rsection_paragraph(s, open, 0);
    if (late)
        rsection_paragraph(s, late, 0);
}

/* ---- a paragraph per document --------------------------------------------------- */

static char *document_lead(const struct report *r, const struct report_document_row *row)
{
    const struct prog_document *doc =
        row->document == PROG_NONE ? NULL : &r->prog->documents[row->document];
    struct buf b = BUF_INIT;
    if (doc && doc->meeting && *doc->meeting) {
        buf_addf(&b, "Tại %s", doc->meeting);
        if (date_is_set(doc->meeting_date)) {
            buf_adds(&b, ", ngày ");
            add_date(&b, doc->meeting_date);
        }
        buf_adds(&b, ", đã giao ");
    } else {
        buf_adds(&b, doc ? "Văn bản đã giao " : "Đã giao ");
    }
    add_count(&b, bucket_total(&row->tasks));
    buf_adds(&b, " nhiệm vụ");
    if (row->repeats) {
        buf_adds(&b, " (ngoài ra ");
        add_count(&b, row->repeats);
        buf_adds(&b, " nhiệm vụ nhắc lại nhiệm vụ đã giao, không tính)");
    }
    buf_addch(&b, '.');
    return buf_take(&b);
}

static char *document_counts(const struct bucket_counts *c)
{
    long total = bucket_total(c);
    struct buf b = BUF_INIT;
    buf_adds(&b, "Hiện đã có ");
    add_count(&b, done_of(c));
    buf_addch(&b, '/');
    add_num(&b, total);
    buf_adds(&b, " nhiệm vụ hoàn thành (");
    add_num(&b, c->n[BUCKET_DONE_ON_TIME]);
    buf_adds(&b, " đúng hạn; ");
    add_num(&b, c->n[BUCKET_DONE_LATE]);
    buf_adds(&b, " quá hạn); ");
    add_count(&b, c->n[BUCKET_IN_PROGRESS]);
    buf_adds(&b, " nhiệm vụ đang thực hiện trong hạn; ");
    add_count(&b, c->n[BUCKET_RECURRING]);
    buf_adds(&b, " nhiệm vụ thường xuyên; ");
    add_count(&b, c->n[BUCKET_OVERDUE]);
    buf_addch(&b, '/');
    add_num(&b, total);
    buf_adds(&b, " nhiệm vụ đang thực hiện quá hạn.");
    return buf_take(&b);
}

void report_words_document(const struct report *r, const struct report_document_row *row, size_t k,
                           struct rsection *s)
{
    const struct prog_document *doc =
        row->document == PROG_NONE ? NULL : &r->prog->documents[row->document];
    rsection_item(s, xasprintf("(%zu) %s", k, report_document_name(r, row)), 0);
    rsection_paragraph(s, document_lead(r, row), 0);
    if (doc && doc->summary && *doc->summary)
        rsection_paragraph(s, xstrdup(doc->summary), 0);
    rsection_paragraph(s, document_counts(&row->tasks), 0);
}

/* ---- the units' table ------------------------------------------------------------- */

void report_words_unit_table(const struct report *r, struct rsection *s)
{
    size_t n;
    size_t *rows = report_unit_table(r, &n);
    char due_by[DATE_ISO_LEN];
    date_dmy(r->opt.due_by, due_by);
    if (!n) {
        rsection_paragraph(s,
                           xasprintf("Không có đơn vị nào có nhiệm vụ quá hạn hoặc nhiệm vụ"
                                     " có thời hạn đến ngày %s.",
                                     due_by),
                           0);
        return;
    }
    char *due_col = xasprintf("Số nhiệm vụ đang thực hiện có thời hạn đến ngày %s", due_by);
    const char *cols[] = { "STT", "Đơn vị", "Số nhiệm vụ quá hạn", due_col, "Khối", NULL };
    rsection_paragraph(s,
                       xasprintf("Các đơn vị có nhiệm vụ quá hạn và nhiệm vụ có thời hạn đến"
                                 " ngày %s (%zu đơn vị), theo khối: Đảng, Quốc hội, bộ/ngành,"
                                 " đoàn thể, địa phương.",
                                 due_by, n),
                       0);
    struct rtable *t = rsection_table(s, cols);
    for (size_t i = 0; i < n; i++) {
        const struct report_agency_row *row = &r->by_agency[rows[i]];
        const struct prog_agency *a = &r->prog->agencies[row->agency];
        rtable_row(t);
        rtable_int(t, 0, (long)i + 1);
        rtable_text(t, 1, xstrdup(a->name));
        rtable_int(t, 2, row->assignments.n[BUCKET_OVERDUE]);
        rtable_int(t, 3, row->due_by);
        rtable_text(t, 4, xstrdup(agency_kind_label(a->kind)));
    }
    free(due_col);
    free(rows);
}

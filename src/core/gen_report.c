/*
 * gen_report: the generated progress reports; see gen.h
 * gen_next_reports(). Each assignment of a counted task takes its exact
 * share of the total (gen_share(), by a weight of its own), and its
 * reports follow a timeline drawn from a stream of its own, so the rows
 * do not depend on how they are cut into batches.
 */
#include "gen.h"

#include "gen_internal.h"

#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const progress_texts[] = {
    "Đang xây dựng dự thảo",
    "Đã trình xin ý kiến các bộ, ngành",
    "Đang tổng hợp, tiếp thu ý kiến góp ý",
    "Đang triển khai theo kế hoạch",
    "Đã hoàn thiện hồ sơ, chuẩn bị trình",
    "Đang khảo sát, đánh giá thực trạng",
    "Đã tổ chức hội thảo lấy ý kiến chuyên gia",
    "Đang phối hợp với các cơ quan liên quan",
};
static const char *const next_texts[] = {
    "Hoàn thiện dự thảo, trình cấp có thẩm quyền",
    "Tiếp tục triển khai theo kế hoạch",
    "Tổ chức lấy ý kiến rộng rãi",
    "Báo cáo kết quả với Ban Chỉ đạo",
};
static const char *const issue_texts[] = {
    "Vướng mắc về kinh phí thực hiện",
    "Chờ ý kiến thẩm định của Bộ Tư pháp",
    "Thiếu nhân lực chuyên môn",
};

/* An assignment's weight in the sharing of the reports: 0 for a unit that never reports. */
static uint64_t report_weight(const struct gen *g, uint64_t ordinal)
{
    uint64_t h = gen_mix(g->o.seed ^ 0x5ca1ab1eULL, ordinal);
    return h % 1000 < 150 ? 0 : 1 + (h >> 20) % 8;
}

static void weigh(struct gen *g)
{
    uint64_t ordinal = 0;
    for (size_t i = 0; i < g->n_tasks; i++)
        for (size_t k = 0; g->tasks[i].counted && k < g->tasks[i].n; k++)
            g->w_sum += report_weight(g, ordinal++);
    g->weighed = true;
}

/* The plan of one assignment's reports. */
struct timeline {
    struct date date[MAX_REPORTS_PER_ASSIGNMENT];
    enum progress_kind kind[MAX_REPORTS_PER_ASSIGNMENT];
    size_t n;
};

/* n increasing dates in [lo, hi] (hi - lo + 1 >= n), one in each of n equal slots. */
static void spread_dates(struct gen_rng *rng, struct date lo, long days, struct timeline *tl)
{
    for (size_t j = 0; j < tl->n; j++) {
        long a = (long)j * days / (long)tl->n, z = (long)(j + 1) * days / (long)tl->n - 1;
        tl->date[j] = date_add_days(lo, gen_rng_range(rng, a, z));
    }
}

/* Dates and kinds: progress, then done; some reopened (and done again). */
static void plan_timeline(struct gen_rng *rng, const struct gen_task *t, struct date doc,
                          struct date until, struct timeline *tl)
{
    struct date lo = date_add_days(doc, 1);
    long days = date_to_days(until) - date_to_days(lo) + 1;
    unsigned done_p = t->kind == DEADLINE_DATE ? 700 : t->kind == DEADLINE_RECURRING ? 150 : 300;
    bool done = gen_rng_chance(rng, done_p);
    for (size_t j = 0; j < tl->n; j++)
        tl->kind[j] = PROGRESS_UPDATE;
    if (done) {
        /* A finished task stops reporting: its reports end somewhere in the span. */
        long end = (days - 1) * gen_rng_range(rng, 35, 100) / 100 + 1;
        if (end >= (long)tl->n)
            days = end;
    }
    spread_dates(rng, lo, days, tl);
    if (!done)
        return;
    size_t n = tl->n;
    tl->kind[n - 1] = PROGRESS_DONE;
    if (n >= 2 && gen_rng_chance(rng, 150)) {
        bool again = n >= 3 && gen_rng_chance(rng, 600);
        tl->kind[n - (again ? 3 : 2)] = PROGRESS_DONE;
        tl->kind[n - (again ? 2 : 1)] = PROGRESS_REOPEN;
    }
}

/* The completion date of the report j: on time (by the due date) mostly, else late. */
static struct date completion(struct gen *g, struct gen_rng *rng, const struct gen_task *t,
                              const struct timeline *tl, size_t j)
{
    struct date doc = g->docs[t->doc].date;
    long lo = j ? date_to_days(tl->date[j - 1]) + 1 : date_to_days(doc);
    long hi = date_to_days(tl->date[j]);
    bool on_time = gen_rng_chance(rng, 700);
    if (date_is_set(t->due)) {
        long due = date_to_days(t->due);
        if (on_time && due >= lo)
            hi = due < hi ? due : hi;
        else if (due + 1 <= hi)
            lo = due + 1 > lo ? due + 1 : lo;
    }
    return date_add_days(doc, gen_rng_range(rng, lo, hi) - date_to_days(doc));
}

static char *date_cell(struct gen_rng *rng, struct date d)
{
    char s[DATE_ISO_LEN];
    if (gen_rng_chance(rng, 500))
        date_iso(d, s);
    else
        date_dmy(d, s);
    return xstrdup(s);
}

static void fill_done(struct gen *g, struct gen_rng *rng, const struct gen_task *t,
                      const struct timeline *tl, size_t j, struct progress_row *row)
{
    struct date on = completion(g, rng, t, tl, j);
    bool local = g->docs[t->doc].province >= 0;
    row->done = xstrdup("có");
    if (date_cmp(on, tl->date[j]) != 0 || gen_rng_chance(rng, 500))
        row->completed_on = date_cell(rng, on);
    row->output = xasprintf("Quyết định số %ld/%s ngày %02d/%02d/%d", gen_rng_range(rng, 1, 2999),
                            local ? "QĐ-UBND" : "QĐ-TTg", on.d, on.m, on.y);
    row->result = xstrdup("Hoàn thành nhiệm vụ, đã có văn bản kết quả");
    row->percent = xstrdup("100");
    g->counts.completions++;
    if (date_is_set(t->due) && date_cmp(on, t->due) > 0)
        g->counts.late++;
    else
        g->counts.on_time++;
}

static void fill_progress(struct gen_rng *rng, const struct timeline *tl, size_t j,
                          struct progress_row *row)
{
    row->result = xstrdup(progress_texts[gen_rng_below(rng, N_OF(progress_texts))]);
    if (gen_rng_chance(rng, 500))
        row->next = xstrdup(next_texts[gen_rng_below(rng, N_OF(next_texts))]);
    if (gen_rng_chance(rng, 100))
        row->issues = xstrdup(issue_texts[gen_rng_below(rng, N_OF(issue_texts))]);
    if (gen_rng_chance(rng, 800)) {
        long pct = 10 + 80 * (long)(j + 1) / (long)(tl->n + 1) + gen_rng_range(rng, -5, 5);
        row->percent = xasprintf("%ld", pct < 0 ? 0 : pct > 95 ? 95 : pct);
    }
}

/* The rows of one assignment (task t, unit idx): n reports along its timeline. */
static void emit_assignment(struct gen *g, const struct gen_task *t, size_t unit, size_t n,
                            uint64_t ordinal, struct batch *b)
{
    if (n == 0)
        return;
    struct gen_rng rng;
    gen_rng_seed(&rng, gen_mix(g->o.seed, ordinal));
    struct timeline tl = { .n = n };
    plan_timeline(&rng, t, g->docs[t->doc].date, g->o.until, &tl);
    for (size_t j = 0; j < n; j++) {
        struct progress_row *row = batch_add_progress(b, b->n_progress + 1);
        row->task_code = xstrdup(t->code);
        row->unit = xstrdup(gen_agency_name(g, unit));
        row->reported_on = date_cell(&rng, tl.date[j]);
        if (tl.kind[j] == PROGRESS_DONE) {
            fill_done(g, &rng, t, &tl, j, row);
        } else if (tl.kind[j] == PROGRESS_REOPEN) {
            row->done = xstrdup("mở lại");
            row->result = xstrdup("Mở lại: cơ quan giám sát đề nghị bổ sung kết quả");
            row->issues = xstrdup("Kết quả chưa đáp ứng yêu cầu");
            g->counts.reopenings++;
        } else {
            fill_progress(&rng, &tl, j, row);
        }
        g->counts.reports++;
    }
}

/*
 * How many reports the next assignment takes: its exact share of the
 * total plus what earlier ones could not hold (*wanted), within what its
 * days hold (the return). *w is its weight.
 */
static size_t next_share(struct gen *g, const struct gen_task *t, uint64_t *w, uint64_t *wanted)
{
    *w = report_weight(g, g->rep_ordinal);
    *wanted = g->carry;
    if (g->w_sum)
        *wanted += gen_share(g->o.n_reports, g->w_before, g->w_before + *w, g->w_sum);
    long days = date_to_days(g->o.until) - date_to_days(g->docs[t->doc].date);
    uint64_t cap = days < 0 ? 0 : (uint64_t)days;
    if (cap > MAX_REPORTS_PER_ASSIGNMENT)
        cap = MAX_REPORTS_PER_ASSIGNMENT;
    return (size_t)(*wanted < cap ? *wanted : cap);
}

size_t gen_next_reports(struct gen *g, struct batch *b, size_t max)
{
    if (!g->weighed)
        weigh(g);
    b->format = "progress";
    b->progress_dated = true;
    b->progress_has_unit = true;
    while (g->rep_task < g->n_tasks) {
        const struct gen_task *t = &g->tasks[g->rep_task];
        if (!t->counted || g->rep_k >= t->n) {
            g->rep_task++;
            g->rep_k = 0;
            continue;
        }
        uint64_t w, wanted;
        size_t n = next_share(g, t, &w, &wanted);
        if (b->n_progress && b->n_progress + n > max)
            break;
        g->carry = wanted - n;
        emit_assignment(g, t, g->units[t->first + g->rep_k], n, g->rep_ordinal, b);
        g->w_before += w;
        g->rep_ordinal++;
        g->rep_k++;
    }
    return b->n_progress;
}

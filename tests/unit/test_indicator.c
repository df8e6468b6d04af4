/*
 * The status of an indicator as of a date, and the rule that explains it:
 * every edge of issue #5 as a table row (target, baseline, measurements,
 * date -> status and words of the rule); then reading typed values and
 * the checks before a measurement is stored.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/indicator.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_ITEMS(a) (sizeof(a) / sizeof(*(a)))

static struct date D(const char *iso)
{
    struct date d = DATE_NONE;
    if (iso && date_parse_iso(iso, &d))
        fail_msg("bad fixture date '%s'", iso);
    return d;
}

/*
 * A measurement in a fixture: "2025-12-31=82", "2025-12-31=đạt",
 * "2025-12-31@khối bộ=90" (a bloc or scale), "2025-12-31#7=50" (unit 7).
 */
static void add_measure(struct indicator *x, const char *spec)
{
    struct measurement *m = indicator_add_measurement(x);
    char date[11];
    memcpy(date, spec, 10);
    date[10] = '\0';
    m->on = D(date);
    m->id = (long)x->n_m;
    const char *p = spec + 10, *eq = strchr(spec, '=');
    if (*p == '@')
        m->bloc = xstrndup(p + 1, (size_t)(eq - p - 1));
    if (*p == '#')
        m->unit_id = p[1] - '0';
    struct measure_reading r;
    char *reason = NULL;
    if (measure_read(eq + 1, &r, &reason))
        fail_msg("fixture '%s': %s", spec, reason);
    m->has_value = r.has_value;
    m->value = r.value;
    m->judgement = r.judgement;
    m->text = xstrdup(eq + 1);
}

struct status_case {
    const char *what;
    const char *target, *unit;
    int horizon;
    const char *baseline; /* "2024-12-31=40" or NULL */
    const char *measures[4];
    const char *as_of;
    enum indicator_status want;
    const char *rule; /* words the rule must contain */
};

static const struct status_case cases[] = {
    /* exactly on the target, and the rule of issue #5 word for word */
    { "on target", "≥ 80", "%", 2030, NULL, { "2025-12-31=80" }, "2026-01-15", IND_GREEN,
      "Giá trị 80% (31/12/2025) ≥ mục tiêu 80%: đạt" },
    { "above", "≥ 80", "%", 2030, NULL, { "2025-12-31=82%" }, "2026-01-15", IND_GREEN,
      "Giá trị 82% (31/12/2025) ≥ mục tiêu 80%: đạt" },
    { "strictly above: 60 is not > 60", "> 60", "%", 2030, "2024-12-31=50", { "2026-12-31=60" },
      "2027-01-01", IND_AMBER, "Giá trị 60% (31/12/2026) ≤ mục tiêu 60%" },
    { "decimal comma", "$> 0,7$", "HDI", 2030, NULL, { "2025-12-31=0,72" }, "2026-01-01",
      IND_GREEN, "Giá trị 0,72 (31/12/2025) > mục tiêu 0,7: đạt" },
    { "bare figure reached", "90", "%", 2030, NULL, { "2029-12-31=90" }, "2030-01-01", IND_GREEN,
      "≥ mục tiêu 90%: đạt" },
    /* missing data */
    { "no measurement", "≥ 80", "%", 2030, NULL, { NULL }, "2026-01-15", IND_GREY,
      "Chưa có số liệu đến ngày 15/01/2026" },
    { "only later measurements", "≥ 80", "%", 2030, NULL, { "2026-06-30=90" }, "2026-01-15",
      IND_GREY, "Chưa có số liệu" },
    { "the latest on or before D", "≥ 80", "%", 2030, NULL,
      { "2025-06-30=85", "2025-12-31=60", "2026-06-30=90" }, "2026-01-15", IND_RED,
      "Giá trị 60% (31/12/2025) < mục tiêu 80%; lộ trình từ 85% (30/06/2025, số đo đầu tiên) "
      "đến 80% (31/12/2030) cần 80% vào ngày đo: chậm" },
    { "a correction on the same date wins", "≥ 80", "%", 2030, NULL,
      { "2025-12-31=60", "2025-12-31=81" }, "2026-01-15", IND_GREEN, "Giá trị 81%" },
    /* the straight path from the baseline */
    { "above the path", "≥ 80", "%", 2030, "2024-12-31=40", { "2026-12-31=60" }, "2027-01-15",
      IND_AMBER,
      "lộ trình từ 40% (31/12/2024, mốc cơ sở) đến 80% (31/12/2030) cần 53,327% vào ngày đo: "
      "đúng lộ trình" },
    { "below the path", "≥ 80", "%", 2030, "2024-12-31=40", { "2026-12-31=50" }, "2027-01-15",
      IND_RED, "cần 53,327% vào ngày đo: chậm" },
    { "exactly on the path", "≥ 80", "%", 2030, "2024-12-31=40", { "2027-12-31=60" },
      "2028-01-01", IND_AMBER, "cần 59,991% vào ngày đo" },
    { "first measurement as the baseline", "≥ 80", "%", 2030, NULL,
      { "2024-12-31=40", "2027-12-31=55" }, "2028-01-01", IND_RED,
      "lộ trình từ 40% (31/12/2024, số đo đầu tiên)" },
    { "a single measurement is its own baseline", "≥ 80", "%", 2030, NULL, { "2025-12-31=40" },
      "2026-01-01", IND_AMBER, "đúng lộ trình" },
    /* past the horizon */
    { "past the horizon unmet", "≥ 80", "%", 2025, NULL, { "2025-12-31=79" }, "2026-01-01",
      IND_RED, "Giá trị 79% (31/12/2025) < mục tiêu 80%, đã quá năm đích 2025: chậm" },
    { "on the last day of the horizon", "≥ 80", "%", 2025, "2024-12-31=60", { "2025-12-31=79" },
      "2025-12-31", IND_RED, "cần 80% vào ngày đo: chậm" },
    { "past the horizon but met", "≥ 80", "%", 2025, NULL, { "2025-12-31=80" }, "2027-01-01",
      IND_GREEN, "đạt" },
    /* ranks: smaller is better */
    { "rank reached", "≤ 10", "Thứ bậc", 2030, NULL, { "2029-12-31=thứ 9" }, "2030-01-01",
      IND_GREEN, "Xếp thứ 9 (31/12/2029) ≤ mục tiêu thứ 10: đạt" },
    { "rank exactly", "≤ 10", "Thứ bậc", 2030, NULL, { "2029-12-31=10" }, "2030-01-01",
      IND_GREEN, "≤ mục tiêu thứ 10: đạt" },
    { "rank on the path", "≤ 10", "Thứ bậc", 2030, "2024-12-31=20", { "2027-12-31=15" },
      "2028-01-01", IND_AMBER, "Xếp thứ 15 (31/12/2027) > mục tiêu thứ 10" },
    { "rank below the path", "≤ 10", "Thứ bậc", 2030, "2024-12-31=20", { "2027-12-31=16" },
      "2028-01-01", IND_RED, "cần thứ 15,002 vào ngày đo: chậm" },
    { "rank gained from the target words", "tăng 04 bậc theo đánh giá của ITU (xếp thứ 63)",
      "Thứ bậc", 2025, NULL, { "2025-06-30=65" }, "2025-07-01", IND_AMBER,
      "lộ trình từ thứ 67 (31/12/2024, mốc trong mục tiêu)" },
    { "rank gained too slowly", "tăng 04 bậc theo đánh giá của ITU (xếp thứ 63)", "Thứ bậc", 2025,
      NULL, { "2025-06-30=66" }, "2025-07-01", IND_RED, "chậm" },
    /* ranges */
    { "inside the range", "40 - 50", "Tổ chức", 2030, NULL, { "2029-12-31=45" }, "2030-01-01",
      IND_GREEN, "Giá trị 45 (31/12/2029) trong khoảng mục tiêu 40 - 50: đạt" },
    { "at the low end", "40 - 50", "Tổ chức", 2030, NULL, { "2029-12-31=40" }, "2030-01-01",
      IND_GREEN, "trong khoảng" },
    { "beyond the range", "40 - 50", "Tổ chức", 2030, NULL, { "2029-12-31=55" }, "2030-01-01",
      IND_GREEN, "Giá trị 55 (31/12/2029) vượt mục tiêu 40 - 50: đạt" },
    { "below the range", "16 - 18", "%/năm", 2030, "2024-12-31=10", { "2027-12-31=12" },
      "2028-01-01", IND_RED, "Giá trị 12%/năm (31/12/2027) < mục tiêu 16 - 18%/năm" },
    /* two targets on two scales: both must be met */
    { "two scales met", "≤ 3 Đông Nam Á; ≤ 50 Thế giới", "Thứ bậc", 2030, NULL,
      { "2029-12-31@Đông Nam Á=2", "2029-12-31@Thế giới=45" }, "2030-01-01", IND_GREEN,
      "[Đông Nam Á] Xếp thứ 2 (31/12/2029) ≤ mục tiêu thứ 3: đạt; [Thế giới] Xếp thứ 45 "
      "(31/12/2029) ≤ mục tiêu thứ 50: đạt. Phải đạt cả 2 thang đo: đạt" },
    { "one scale missed", "≤ 3 Đông Nam Á; ≤ 50 Thế giới", "Thứ bậc", 2030, NULL,
      { "2030-12-31@Đông Nam Á=4", "2030-12-31@Thế giới=45" }, "2031-01-01", IND_RED,
      "[Đông Nam Á] Xếp thứ 4 (31/12/2030) > mục tiêu thứ 3, đã quá năm đích 2030: chậm" },
    { "one scale not measured", "≤ 3 Đông Nam Á; ≤ 50 Thế giới", "Thứ bậc", 2030, NULL,
      { "2029-12-31@Đông Nam Á=2" }, "2030-01-01", IND_GREY,
      "[Thế giới] Chưa có số liệu đến ngày 01/01/2030" },
    { "scales take no unlabelled value", "≤ 3 Đông Nam Á; ≤ 50 Thế giới", "Thứ bậc", 2030, NULL,
      { "2029-12-31=2" }, "2030-01-01", IND_GREY, "Chưa có số liệu" },
    /* a floor and a stretch */
    { "floor met, stretch not", "tối thiểu 50%, phấn đấu đạt 70%", NULL, 2025, NULL,
      { "2025-12-31=55%" }, "2026-01-01", IND_GREEN,
      "Giá trị 55% (31/12/2025) ≥ mức tối thiểu 50%, chưa đạt mức phấn đấu 70%: đạt" },
    { "floor and stretch met", "tối thiểu 50%, phấn đấu đạt 70%", NULL, 2025, NULL,
      { "2025-12-31=72%" }, "2026-01-01", IND_GREEN, "đạt cả mức phấn đấu 70%: đạt" },
    { "floor not yet met", "tối thiểu 50%, phấn đấu đạt 70%", NULL, 2025, "2024-12-31=30",
      { "2025-06-30=45" }, "2025-07-01", IND_AMBER,
      "Giá trị 45% (30/06/2025) < mức tối thiểu 50% (mức phấn đấu 70%)" },
    /* a breakdown: every bloc separately */
    { "one bloc green, one red", "80%, trong đó khối bộ đạt tối thiểu 85%, khối địa phương đạt "
                                 "tối thiểu 70%",
      NULL, 2025, NULL,
      { "2025-12-31=82", "2025-12-31@khối bộ=90", "2025-12-31@khối địa phương=60" }, "2026-01-15",
      IND_RED,
      "[Chung] Giá trị 82% (31/12/2025) ≥ mục tiêu 80%: đạt; [khối bộ] Giá trị 90% (31/12/2025) "
      "≥ mục tiêu 85%: đạt; [khối địa phương] Giá trị 60% (31/12/2025) < mục tiêu 70%, đã quá "
      "năm đích 2025: chậm. Phải đạt ở mọi khối: chậm" },
    { "every bloc green", "80%, trong đó khối bộ đạt tối thiểu 85%, khối địa phương đạt tối "
                          "thiểu 70%",
      NULL, 2025, NULL,
      { "2025-12-31=82", "2025-12-31@khối bộ=90", "2025-12-31@khối địa phương=71" }, "2026-01-15",
      IND_GREEN, "Phải đạt ở mọi khối: đạt" },
    { "a bloc on track keeps amber", "80%, trong đó khối bộ đạt tối thiểu 85%, khối địa phương "
                                     "đạt tối thiểu 70%",
      NULL, 2025, NULL,
      { "2025-06-30=82", "2025-06-30@khối bộ=90", "2025-06-30@khối địa phương=60" }, "2025-07-01",
      IND_AMBER, "Phải đạt ở mọi khối: đúng lộ trình" },
    /* a text target waits for a person's judgement */
    { "text waiting", "Đạt mức tiên tiến ở nhiều lĩnh vực quan trọng", "Thứ bậc", 2030, NULL,
      { NULL }, "2026-01-01", IND_GREY, "Mục tiêu định tính: chờ người theo dõi đánh giá" },
    { "text judged met", "Đạt mức tiên tiến ở nhiều lĩnh vực quan trọng", "Thứ bậc", 2030, NULL,
      { "2025-12-31=đạt" }, "2026-01-01", IND_GREEN, "Đánh giá 'đạt' (31/12/2025): đạt" },
    { "text judged not met", "Đạt mức tiên tiến ở nhiều lĩnh vực quan trọng", "Thứ bậc", 2030,
      NULL, { "2025-12-31=đạt", "2026-06-30=chưa đạt" }, "2026-07-01", IND_RED,
      "Đánh giá 'chưa đạt' (30/06/2026): chưa đạt" },
    { "text judged on track", "Cấp phép thí điểm dịch vụ vệ tinh tầm thấp", NULL, 2025, NULL,
      { "2025-06-30=đúng lộ trình" }, "2025-07-01", IND_AMBER, "đúng lộ trình" },
    { "on track is no longer enough past the horizon",
      "Cấp phép thí điểm dịch vụ vệ tinh tầm thấp", NULL, 2025, NULL,
      { "2025-06-30=đúng lộ trình" }, "2026-01-01", IND_RED, "đã quá năm đích 2025" },
    { "a judgement stands in for a figure", "≥ 80", "%", 2030, NULL, { "2025-12-31=có" },
      "2026-01-01", IND_GREEN, "Đánh giá 'đạt'" },
    /* a heading over sub-indicators, a starting point written in the target */
    { "heading", "", "", 2030, NULL, { NULL }, "2026-01-01", IND_GREY, "Chỉ tiêu nhóm" },
    { "from-to target", "từ 1,8 MW (năm 2024) lên 2,1 MW (năm 2025)/1 triệu dân", NULL, 2025,
      NULL, { "2025-03-31=1,9" }, "2025-04-01", IND_AMBER,
      "lộ trình từ 1,8 MW/1 triệu dân (31/12/2024, mốc trong mục tiêu)" },
    /* a unit's own measurements do not count for the whole */
    { "unit measurements apart", "≥ 80", "%", 2030, NULL, { "2025-12-31#7=90" }, "2026-01-01",
      IND_GREY, "Chưa có số liệu" },
};

static void run_case(const struct status_case *c, long unit_id, struct indicator_result *res,
                     struct indicator *x, struct target *t)
{
    memset(x, 0, sizeof(*x));
    x->code = xstrdup("T");
    x->unit = xstrdup(c->unit ? c->unit : "");
    x->target_text = xstrdup(c->target);
    x->horizon = c->horizon;
    if (c->baseline) {
        char date[11];
        memcpy(date, c->baseline, 10);
        date[10] = '\0';
        x->has_baseline = true;
        x->baseline_on = D(date);
        struct measure_reading r;
        char *reason = NULL;
        assert_int_equal(measure_read(c->baseline + 11, &r, &reason), 0);
        x->baseline = r.value;
    }
    for (size_t i = 0; i < N_ITEMS(c->measures) && c->measures[i]; i++)
        add_measure(x, c->measures[i]);
    target_parse(t, x->target_text, x->unit);
    indicator_evaluate(x, t, D(c->as_of), unit_id, res);
}

static void test_status(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct indicator x;
        struct target t;
        struct indicator_result r;
        run_case(&cases[i], 0, &r, &x, &t);
        if (r.status != cases[i].want || !strstr(r.rule, cases[i].rule))
            fail_msg("%s: %s '%s', want %s with '%s'", cases[i].what,
                     indicator_status_key(r.status), r.rule, indicator_status_key(cases[i].want),
                     cases[i].rule);
        indicator_result_release(&r);
        target_release(&t);
        indicator_release(&x);
    }
}

static const struct status_case *find_case(const char *what)
{
    for (size_t i = 0; i < N_ITEMS(cases); i++)
        if (!strcmp(cases[i].what, what))
            return &cases[i];
    fail_msg("no case '%s'", what);
    return NULL;
}

/* The parts of a breakdown, the headline measurement, a unit's own status. */
static void test_parts(void **state)
{
    (void)state;
    struct indicator x;
    struct target t;
    struct indicator_result r;
    run_case(find_case("one bloc green, one red"), 0, &r, &x, &t);
    assert_int_equal(r.n_parts, 3);
    assert_int_equal(r.parts[0].status, IND_GREEN);
    assert_int_equal(r.parts[1].status, IND_GREEN);
    assert_int_equal(r.parts[2].status, IND_RED);
    assert_string_equal(r.parts[2].clause->label, "khối địa phương");
    assert_ptr_equal(r.latest, r.parts[0].latest); /* the whole clause's measurement */
    indicator_result_release(&r);
    target_release(&t);
    indicator_release(&x);

    run_case(find_case("unit measurements apart"), 7, &r, &x, &t); /* unit 7's own */
    assert_int_equal(r.status, IND_GREEN);
    assert_true(r.latest && r.latest->value == 90);
    indicator_result_release(&r);
    target_release(&t);
    indicator_release(&x);
}

/*
 * The per-unit breakdown as of a date: the units measured up to it, in order of first
 * appearance, each with its own status, count and latest; a unit measured only after the
 * date is not listed (review: the page listed it as a grey row, the API did not).
 */
static void test_units(void **state)
{
    (void)state;
    struct indicator x = { 0 };
    struct target t = TARGET_INIT;
    x.code = xstrdup("11.1");
    x.unit = xstrdup("%");
    x.target_text = xstrdup("≥ 80");
    x.horizon = 2030;
    add_measure(&x, "2025-06-30#5=70");
    add_measure(&x, "2025-06-30=75");      /* the whole: no unit */
    add_measure(&x, "2025-09-30#3=85");
    add_measure(&x, "2025-12-31#5=82");
    add_measure(&x, "2026-03-31#8=90");    /* unit 8: only after the date */
    x.m[0].unit_name = xstrdup("Bộ Nội vụ");
    x.m[2].unit_name = xstrdup("Bộ Công an");
    x.m[3].unit_name = xstrdup("Bộ Nội vụ");
    x.m[4].unit_name = xstrdup("Bộ Tài chính");
    target_parse(&t, x.target_text, x.unit);

    struct indicator_unit *u = NULL;
    size_t n = 0;
    indicator_units(&x, &t, D("2025-12-31"), &u, &n);
    assert_int_equal(n, 2);
    assert_int_equal(u[0].unit_id, 5);
    assert_string_equal(u[0].unit, "Bộ Nội vụ");
    assert_int_equal(u[0].n_measurements, 2);
    assert_int_equal(u[0].r.status, IND_GREEN);
    assert_ptr_equal(u[0].r.latest, &x.m[3]);
    assert_int_equal(u[1].unit_id, 3);
    assert_int_equal(u[1].n_measurements, 1);
    assert_int_equal(u[1].r.status, IND_GREEN);
    indicator_units_free(u, n);

    /* Earlier: unit 5's first value alone, unit 3 not yet measured. */
    indicator_units(&x, &t, D("2025-07-01"), &u, &n);
    assert_int_equal(n, 1);
    assert_int_equal(u[0].unit_id, 5);
    assert_int_equal(u[0].n_measurements, 1);
    assert_ptr_equal(u[0].r.latest, &x.m[0]);
    indicator_units_free(u, n);
    indicator_units(&x, &t, D("2025-01-01"), &u, &n);
    assert_int_equal(n, 0);
    assert_null(u);
    indicator_units_free(u, n);

    /* What a report of a date counts: the measurements dated on or before it. */
    assert_int_equal(indicator_count_until(&x, D("2025-01-01")), 0);
    assert_int_equal(indicator_count_until(&x, D("2025-06-30")), 2);
    assert_int_equal(indicator_count_until(&x, D("2025-12-31")), 4);
    assert_int_equal(indicator_count_until(&x, D("2026-12-31")), 5);
    target_release(&t);
    indicator_release(&x);
}

/* ---- reading values ------------------------------------------------------------------ */

static const struct {
    const char *text;
    int ok;
    double value;
    enum judgement j;
    bool percent, rank;
} reads[] = {
    { "82%", 1, 82, JUDGE_NONE, true, false },
    { "82 %", 1, 82, JUDGE_NONE, true, false },
    { "0,72", 1, 0.72, JUDGE_NONE, false, false },
    { "0.72", 1, 0.72, JUDGE_NONE, false, false },
    { "81.400", 1, 81400, JUDGE_NONE, false, false },
    { " 12 ", 1, 12, JUDGE_NONE, false, false },
    { "-2,5", 1, -2.5, JUDGE_NONE, false, false },
    { "thứ 5", 1, 5, JUDGE_NONE, false, true },
    { "Hạng 12", 1, 12, JUDGE_NONE, false, true },
    { "xếp thứ 3", 1, 3, JUDGE_NONE, false, true },
    { "đạt", 1, 0, JUDGE_MET, false, false },
    { "Đạt", 1, 0, JUDGE_MET, false, false },
    { "có", 1, 0, JUDGE_MET, false, false },
    { "chưa đạt", 1, 0, JUDGE_NOT_MET, false, false },
    { "không", 1, 0, JUDGE_NOT_MET, false, false },
    { "đúng lộ trình", 1, 0, JUDGE_ON_TRACK, false, false },
    { "12abc", 0, 0, JUDGE_NONE, false, false },
    { "", 0, 0, JUDGE_NONE, false, false },
    { "thứ", 0, 0, JUDGE_NONE, false, false },
    { "thứ -3", 0, 0, JUDGE_NONE, false, false },
    { "1,2,3", 0, 0, JUDGE_NONE, false, false },
    { "82%%", 0, 0, JUDGE_NONE, false, false },
    { "gần đạt", 0, 0, JUDGE_NONE, false, false },
};

static void test_read(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ITEMS(reads); i++) {
        struct measure_reading r;
        char *reason = NULL;
        int ret = measure_read(reads[i].text, &r, &reason);
        if ((ret == 0) != reads[i].ok)
            fail_msg("'%s': %s", reads[i].text, ret ? reason : "accepted");
        if (ret) {
            assert_non_null(strstr(reason, "không đọc được giá trị"));
            free(reason);
            continue;
        }
        assert_int_equal(r.judgement, reads[i].j);
        assert_int_equal(r.has_value, reads[i].j == JUDGE_NONE);
        if (r.has_value && r.value != reads[i].value)
            fail_msg("'%s': %g, want %g", reads[i].text, r.value, reads[i].value);
        assert_int_equal(r.percent, reads[i].percent);
        assert_int_equal(r.rank, reads[i].rank);
    }
}

/* ---- checks before storing ----------------------------------------------------------------- */

static const struct {
    const char *target, *unit, *value, *part, *date;
    const char *field;  /* NULL: accepted */
    const char *reason; /* words of the reason, or the label the part names */
} checks[] = {
    { "≥ 80", "%", "82%", NULL, "2025-12-31", NULL, NULL },
    { "≥ 80", "%", "82", NULL, "2026-01-15", NULL, NULL },
    { "≥ 80", "%", "82", NULL, "2026-01-16", "date", "trong tương lai" },
    { "≥ 80", "%", "120%", NULL, "2025-12-31", "value", "từ 0 đến 100%" },
    { "≥ 80", "%", "-1", NULL, "2025-12-31", "value", "từ 0 đến 100%" },
    { "≥ 5", "Doanh nghiệp", "5%", NULL, "2025-12-31", "value", "tính bằng 'Doanh nghiệp'" },
    { "≥ 5", "Doanh nghiệp", "thứ 5", NULL, "2025-12-31", "value", "không phải một xếp hạng" },
    { "≥ 5", "Doanh nghiệp", "-5", NULL, "2025-12-31", "value", "không thể âm" },
    { "10", "%/năm", "-2,5", NULL, "2025-12-31", NULL, NULL }, /* a rate may fall */
    { "10", "%/năm", "150%", NULL, "2025-12-31", NULL, NULL },
    { "≤ 10", "Thứ bậc", "0", NULL, "2025-12-31", "value", "số nguyên từ 1" },
    { "≤ 10", "Thứ bậc", "2,5", NULL, "2025-12-31", "value", "số nguyên từ 1" },
    { "≤ 10", "Thứ bậc", "thứ 9", NULL, "2025-12-31", NULL, NULL },
    { "Đạt mức tiên tiến", "Thứ bậc", "80", NULL, "2025-12-31", "value", "định tính" },
    { "Đạt mức tiên tiến", "Thứ bậc", "đạt", NULL, "2025-12-31", NULL, NULL },
    { "", "", "80", NULL, "2025-12-31", "value", "là nhóm" },
    { "≤ 3 Đông Nam Á; ≤ 50 Thế giới", "Thứ bậc", "4", NULL, "2025-12-31", "part",
      "từng thang đo hay khối (Đông Nam Á, Thế giới)" },
    { "≤ 3 Đông Nam Á; ≤ 50 Thế giới", "Thứ bậc", "4", "the gioi", "2025-12-31", NULL,
      "Thế giới" },
    { "≤ 3 Đông Nam Á; ≤ 50 Thế giới", "Thứ bậc", "4", "Châu Á", "2025-12-31", "part",
      "không có thang đo hay khối 'Châu Á' (có: Đông Nam Á, Thế giới)" },
    { "80%, trong đó khối bộ đạt tối thiểu 85%", NULL, "90", "bộ", "2025-12-31", NULL, "khối bộ" },
    { "80%, trong đó khối bộ đạt tối thiểu 85%", NULL, "90", NULL, "2025-12-31", NULL, NULL },
    { "≥ 80", "%", "82", "khối bộ", "2025-12-31", "part", "không chia theo thang đo hay khối" },
    { "≤ 3 Đông Nam Á", "Thứ bậc", "2", NULL, "2025-12-31", NULL, NULL },
};

static void test_check(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ITEMS(checks); i++) {
        struct indicator x = { .code = "X" };
        x.unit = (char *)checks[i].unit;
        x.target_text = (char *)checks[i].target;
        struct target t;
        target_parse(&t, checks[i].target, checks[i].unit);
        struct measure_reading r;
        char *reason = NULL;
        const char *field = NULL, *label = NULL;
        assert_int_equal(measure_read(checks[i].value, &r, &reason), 0);
        int ret = indicator_check(&x, &t, &r, checks[i].part, D(checks[i].date), D("2026-01-15"),
                                  &label, &reason, &field);
        if (!checks[i].field && ret)
            fail_msg("case %zu refused: %s", i, reason);
        if (checks[i].field && (!ret || strcmp(field, checks[i].field) ||
                                !strstr(reason, checks[i].reason)))
            fail_msg("case %zu: want %s '%s', got %s '%s'", i, checks[i].field, checks[i].reason,
                     field ? field : "-", reason ? reason : "(accepted)");
        if (!checks[i].field && checks[i].reason)
            assert_string_equal(label, checks[i].reason);
        free(reason);
        target_release(&t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status),
        cmocka_unit_test(test_parts),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

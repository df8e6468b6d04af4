/*
 * The indicator board: statuses of every indicator on one date and the
 * counts leaders read (per agency, horizon and group, share of green);
 * headings without a target are not counted. Then measure_entry, the one
 * reading of a measurement as typed that the command line, the pages, the
 * API and the import share, the check of a baseline the command line and
 * the page share, and who may enter one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/access.h"
#include "core/indicator_board.h"
#include "core/measure_entry.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static struct date D(const char *iso)
{
    struct date d = DATE_NONE;
    if (date_parse_iso(iso, &d))
        fail_msg("bad fixture date '%s'", iso);
    return d;
}

struct fixture {
    const char *code, *target, *unit, *agency, *field;
    long agency_id;
    int horizon;
    const char *value; /* one measurement on 2025-12-31, or NULL */
};

/* Status on 2026-01-15: green, red (past 2025 unmet), grey, amber/red by path. */
static const struct fixture fixtures[] = {
    { "11", "", "", "", "", 0, 2030, NULL }, /* a heading: listed, not counted */
    { "11.1", "≥ 80", "%", "Bộ Khoa học và Công nghệ", "", 11, 2030, "82%" },
    { "11.2", "90", "%", "Văn phòng Chính phủ", "", 15, 2030, NULL },
    { "12", "≥ 80", "%", "Ngân hàng Nhà nước Việt Nam", "", 17, 2030, "85" },
    { "KH2025.2", "80%", "%", "", "Chính phủ số", 0, 2025, "70%" },
    { "KH2025.4", "20,5% GDP", "% GDP", "", "Kinh tế số", 0, 2025, "21" },
    { "KH2025.3", "70%", "%", "", "Chính phủ số", 0, 2025, "75%" },
    { "36", "≥ 50", "%", "Bộ Khoa học và Công nghệ", "", 11, 2045, NULL },
};

#define N_FIXTURES (sizeof(fixtures) / sizeof(*fixtures))

/* The fixtures as store_indicator_list() would give them (free with indicators_free()). */
static struct indicator *indicators_from_fixtures(void)
{
    struct indicator *x = xcalloc(N_FIXTURES, sizeof(*x));
    for (size_t i = 0; i < N_FIXTURES; i++) {
        const struct fixture *f = &fixtures[i];
        x[i].id = (long)i + 1;
        x[i].code = xstrdup(f->code);
        x[i].name = xstrdup(f->code);
        x[i].unit = xstrdup(f->unit);
        x[i].target_text = xstrdup(f->target);
        x[i].agency = xstrdup(f->agency);
        x[i].field = xstrdup(f->field);
        x[i].agency_id = f->agency_id;
        x[i].horizon = f->horizon;
        if (!f->value)
            continue;
        struct measurement *m = indicator_add_measurement(&x[i]);
        struct measure_reading r;
        char *reason = NULL;
        if (measure_read(f->value, &r, &reason))
            fail_msg("%s: %s", f->code, reason);
        m->id = 1;
        m->on = D("2025-12-31");
        m->has_value = true;
        m->value = r.value;
        m->text = xstrdup(f->value);
        m->source = xstrdup("");
    }
    return x;
}

static void board_from_fixtures(struct indicator_board *b)
{
    indicator_board_build(b, indicators_from_fixtures(), N_FIXTURES, D("2026-01-15"));
    assert_true(b->owns_x);
}

static void test_statuses_and_total(void **state)
{
    (void)state;
    struct indicator_board b = INDICATOR_BOARD_INIT;
    board_from_fixtures(&b);
    enum indicator_status want[] = { IND_GREY,  IND_GREEN, IND_GREY,  IND_GREEN,
                                     IND_RED,   IND_GREEN, IND_GREEN, IND_GREY };
    for (size_t i = 0; i < N_FIXTURES; i++)
        assert_int_equal(b.r[i].status, want[i]);
    assert_false(indicator_board_counted(&b, 0));
    assert_true(indicator_board_counted(&b, 1));

    struct indicator_tally all;
    indicator_board_total(&b, &all);
    assert_int_equal(all.total, 7); /* the heading "11" is not counted */
    assert_int_equal(all.count[IND_GREEN], 4);
    assert_int_equal(all.count[IND_RED], 1);
    assert_int_equal(all.count[IND_GREY], 2);
    assert_int_equal(all.count[IND_AMBER], 0);
    assert_int_equal(all.green_pct, 57); /* 4/7 = 57.1% */
    free(all.label);
    struct report_check checks[INDICATOR_BOARD_CHECKS];
    assert_int_equal(indicator_board_checks(&b, checks), 0);
    assert_string_equal(checks[2].key, "indicators.by_agency");
    assert_int_equal(checks[2].total, 7);
    assert_int_equal(checks[2].sum, 7);
    struct err e = ERR_INIT;
    assert_int_equal(indicator_board_reconcile(&b, &e), 0);
    assert_int_equal(indicator_board_find(&b, 4), 3);
    assert_int_equal(indicator_board_find(&b, 99), -1);
    indicator_board_release(&b);
}

static void test_tallies(void **state)
{
    (void)state;
    struct indicator_board b = INDICATOR_BOARD_INIT;
    board_from_fixtures(&b);
    struct indicator_tally *t;
    size_t n;

    indicator_board_tally(&b, TALLY_HORIZON, &t, &n);
    assert_int_equal(n, 3);
    assert_string_equal(t[0].label, "Đến năm 2025");
    assert_int_equal(t[0].total, 3);
    assert_int_equal(t[0].count[IND_GREEN], 2);
    assert_int_equal(t[0].green_pct, 67);
    assert_int_equal(t[1].horizon, 2030);
    assert_int_equal(t[1].total, 3);
    assert_int_equal(t[2].horizon, 2045);
    assert_int_equal(t[2].green_pct, 0);
    indicator_tallies_free(t, n);

    indicator_board_tally(&b, TALLY_AGENCY, &t, &n);
    assert_int_equal(n, 4); /* KH&CN, VPCP, NHNN, none */
    assert_string_equal(t[0].label, "Bộ Khoa học và Công nghệ");
    assert_int_equal(t[0].total, 2);
    assert_int_equal(t[0].count[IND_GREEN], 1);
    assert_int_equal(t[0].green_pct, 50);
    assert_string_equal(t[3].label, "Chưa xác định cơ quan theo dõi");
    assert_int_equal(t[3].total, 3);
    size_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += t[i].total;
    assert_int_equal(sum, 7);
    indicator_tallies_free(t, n);

    indicator_board_tally(&b, TALLY_FIELD, &t, &n);
    assert_int_equal(n, 3);
    assert_string_equal(t[0].label, "Chưa phân nhóm");
    assert_string_equal(t[1].label, "Chính phủ số");
    assert_int_equal(t[1].total, 2);
    assert_int_equal(t[1].count[IND_RED], 1);
    assert_string_equal(t[2].label, "Kinh tế số");
    indicator_tallies_free(t, n);

    struct indicator_tally one;
    assert_true(indicator_board_agency(&b, 17, &one));
    assert_int_equal(one.total, 1);
    assert_int_equal(one.green_pct, 100);
    free(one.label);
    assert_false(indicator_board_agency(&b, 2, &one));
    assert_false(indicator_board_agency(&b, 0, &one));
    indicator_board_release(&b);
}

/*
 * A view borrows the caller's indicators (a shared snapshot): its release leaves them whole
 * (ASan: no double free, no use after free), and an agency scopes it as a report for one
 * unit is scoped, on the command line and in the server's cache alike.
 */
static void test_view(void **state)
{
    (void)state;
    struct indicator *x = indicators_from_fixtures();
    struct indicator_board all = INDICATOR_BOARD_INIT, khcn = INDICATOR_BOARD_INIT,
                           none = INDICATOR_BOARD_INIT;
    indicator_board_build_view(&all, x, N_FIXTURES, D("2026-01-15"), 0);
    indicator_board_build_view(&khcn, x, N_FIXTURES, D("2026-01-15"), 11);
    indicator_board_build_view(&none, x, N_FIXTURES, D("2026-01-15"), 999);
    assert_false(all.owns_x);
    assert_int_equal(all.n, N_FIXTURES);
    assert_ptr_equal(all.x[1].m, x[1].m); /* borrowed, not copied */
    assert_int_equal(all.r[1].status, IND_GREEN);
    assert_ptr_equal(all.r[1].latest, &x[1].m[0]);
    assert_int_equal(khcn.n, 2);
    assert_string_equal(khcn.x[0].code, "11.1");
    assert_string_equal(khcn.x[1].code, "36");
    struct indicator_tally t;
    indicator_board_total(&khcn, &t);
    assert_int_equal(t.total, 2);
    assert_int_equal(t.count[IND_GREEN], 1);
    free(t.label);
    struct report_check checks[INDICATOR_BOARD_CHECKS];
    assert_int_equal(indicator_board_checks(&khcn, checks), 0);
    assert_int_equal(none.n, 0);
    indicator_board_release(&khcn);
    indicator_board_release(&all);
    indicator_board_release(&none);
    /* The caller's indicators are still whole after every view is gone. */
    assert_string_equal(x[1].code, "11.1");
    assert_int_equal(x[1].n_m, 1);
    assert_string_equal(x[1].m[0].text, "82%");
    indicators_free(x, N_FIXTURES);
}

/*
 * The check counted apart: the database's number of indicators with a target against the
 * board's. Unknown (-1, as built), it is left out; equal, it adds up; when the database
 * counts one the board does not (here a target text of markup only, "$ $", which the
 * parser reads as a heading, as a bare trim(target_text) <> '' would count it) the board
 * does not reconcile, and reconcile names the check, while the four sums still add up.
 */
static void test_stored_count(void **state)
{
    (void)state;
    struct indicator *x = indicators_from_fixtures();
    free(x[0].target_text);
    x[0].target_text = xstrdup("$ $"); /* heading "11", its target cell holding markup only */
    struct indicator_board b = INDICATOR_BOARD_INIT;
    assert_int_equal(b.expected_counted, -1);
    indicator_board_build(&b, x, N_FIXTURES, D("2026-01-15"));
    assert_int_equal(b.expected_counted, -1);
    assert_false(indicator_board_counted(&b, 0));
    struct report_check checks[INDICATOR_BOARD_CHECKS];
    assert_int_equal(indicator_board_n_checks(&b), INDICATOR_BOARD_CHECKS - 1);
    assert_int_equal(indicator_board_checks(&b, checks), 0);

    b.expected_counted = 7;
    assert_int_equal(indicator_board_n_checks(&b), INDICATOR_BOARD_CHECKS);
    assert_int_equal(indicator_board_checks(&b, checks), 0);
    assert_string_equal(checks[4].key, "indicators.stored");
    assert_string_equal(checks[4].label,
                        "Số chỉ tiêu có mục tiêu trong cơ sở dữ liệu = tổng số chỉ tiêu được tính");
    assert_int_equal(checks[4].total, 7);
    assert_int_equal(checks[4].sum, 7);
    struct err e = ERR_INIT;
    assert_int_equal(indicator_board_reconcile(&b, &e), 0);

    b.expected_counted = 8;
    assert_int_equal(indicator_board_checks(&b, checks), 1);
    for (size_t i = 0; i + 1 < INDICATOR_BOARD_CHECKS; i++)
        assert_int_equal(checks[i].total, checks[i].sum);
    assert_int_equal(checks[4].total, 8);
    assert_int_equal(checks[4].sum, 7);
    assert_int_equal(indicator_board_reconcile(&b, &e), ERR_INTERNAL);
    assert_int_equal(e.kind, ERR_INTERNAL);
    assert_non_null(strstr(e.msg, "(indicators.stored)"));
    assert_non_null(strstr(e.msg, "8 != 7"));
    indicator_board_release(&b);
    assert_int_equal(b.expected_counted, -1); /* released: as INDICATOR_BOARD_INIT */

    /* A view for one agency is checked against that agency's count. */
    x = indicators_from_fixtures();
    indicator_board_build_view(&b, x, N_FIXTURES, D("2026-01-15"), 11);
    assert_int_equal(b.expected_counted, -1);
    b.expected_counted = 2;
    assert_int_equal(indicator_board_checks(&b, checks), 0);
    b.expected_counted = 0;
    assert_int_equal(indicator_board_checks(&b, checks), 1);
    e = (struct err)ERR_INIT;
    assert_int_equal(indicator_board_reconcile(&b, &e), ERR_INTERNAL);
    assert_non_null(strstr(e.msg, "0 != 2"));
    indicator_board_release(&b);
    indicators_free(x, N_FIXTURES);
}

/* One registry agency, so a unit named in a measurement can resolve. */
static void registry_with_one(struct registry *reg)
{
    struct agency a = { 0 };
    a.id = 7;
    a.name = xstrdup("Bộ Nội vụ");
    a.kind = xstrdup("bo_nganh");
    a.tags = xstrdup("");
    a.note = xstrdup("");
    registry_add_agency(reg, &a);
    struct err e = ERR_INIT;
    if (registry_build_index(reg, &e))
        fail_msg("%s", e.msg);
}

static int prepare(const struct registry *reg, const char *target, const char *unit_col,
                   struct measure_input in, struct measurement *m, const char **field)
{
    struct indicator x = { 0 };
    x.code = xstrdup("T");
    x.unit = xstrdup(unit_col);
    x.target_text = xstrdup(target);
    struct target t = TARGET_INIT;
    target_parse(&t, target, unit_col);
    char *reason = NULL;
    memset(m, 0, sizeof(*m));
    int ret = measure_entry_prepare(reg, &x, &t, &in, D("2025-12-24"), m, &reason, field);
    free(reason);
    target_release(&t);
    indicator_release(&x);
    return ret;
}

static void test_measure_entry(void **state)
{
    (void)state;
    struct registry reg = REGISTRY_INIT;
    registry_with_one(&reg);
    struct measurement m;
    const char *field = NULL;
    const char *blocs = "80%, trong đó khối bộ đạt tối thiểu 85%, khối địa phương đạt tối thiểu 70%";

    struct measure_input in = { " 82 % ", NULL, NULL, "Báo cáo 12/2025", D("2025-12-01") };
    assert_int_equal(prepare(&reg, "≥ 80", "%", in, &m, &field), 0);
    assert_true(m.has_value);
    assert_true(m.value == 82);
    assert_string_equal(m.text, "82 %");
    assert_string_equal(m.source, "Báo cáo 12/2025");
    assert_null(m.bloc);
    measurement_release(&m);

    /* a per-unit figure, and a bloc named through the unit field */
    in = (struct measure_input){ "90%", "Bộ Nội vụ", NULL, NULL, D("2025-12-01") };
    assert_int_equal(prepare(&reg, blocs, "%", in, &m, &field), 0);
    assert_int_equal(m.unit_id, 7);
    assert_string_equal(m.source, "");
    measurement_release(&m);
    in = (struct measure_input){ "90%", "khối bộ", NULL, NULL, D("2025-12-01") };
    assert_int_equal(prepare(&reg, blocs, "%", in, &m, &field), 0);
    assert_int_equal(m.unit_id, 0);
    assert_non_null(m.bloc);
    measurement_release(&m);

    /* each refusal names the field to fix; a text too long is refused, not cut */
    char long_value[MEASURE_VALUE_MAX + 2], long_source[MEASURE_SOURCE_MAX + 2];
    memset(long_value, '8', sizeof(long_value) - 1);
    long_value[sizeof(long_value) - 1] = '\0';
    memset(long_source, 'x', sizeof(long_source) - 1);
    long_source[sizeof(long_source) - 1] = '\0';
    struct {
        struct measure_input in;
        const char *target, *want;
    } bad[] = {
        { { "", NULL, NULL, NULL, D("2025-12-01") }, "≥ 80", "value" },
        { { "abc", NULL, NULL, NULL, D("2025-12-01") }, "≥ 80", "value" },
        { { "82", NULL, NULL, NULL, DATE_NONE }, "≥ 80", "date" },
        { { "82", NULL, NULL, NULL, D("2025-12-25") }, "≥ 80", "date" },
        { { "82", "Nowhere", NULL, NULL, D("2025-12-01") }, "≥ 80", "unit" },
        { { "82", NULL, "khối tỉnh", NULL, D("2025-12-01") }, blocs, "bloc" },
        { { "82", NULL, NULL, NULL, D("2025-12-01") }, "≤ 3 Đông Nam Á; ≤ 50 Thế giới", "unit" },
        { { long_value, NULL, NULL, NULL, D("2025-12-01") }, "≥ 80", "value" },
        { { "82", NULL, NULL, long_source, D("2025-12-01") }, "≥ 80", "source" },
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        assert_int_equal(prepare(&reg, bad[i].target, "%", bad[i].in, &m, &field), -1);
        assert_string_equal(field, bad[i].want);
        measurement_release(&m);
    }
    registry_release(&reg);
}

/* baseline_check() on an indicator T with target `target` in unit column `unit_col`. */
static int check_baseline(const char *target, const char *unit_col, const char *value,
                          const char *on, double *v, const char **field)
{
    struct indicator x = { 0 };
    x.code = xstrdup("T");
    x.unit = xstrdup(unit_col);
    x.target_text = xstrdup(target);
    struct target t = TARGET_INIT;
    target_parse(&t, target, unit_col);
    char *reason = NULL;
    *field = NULL;
    int ret =
        baseline_check(&x, &t, value, on ? D(on) : DATE_NONE, D("2025-12-24"), v, &reason, field);
    if (ret)
        assert_non_null(reason);
    else
        assert_null(reason);
    free(reason);
    target_release(&t);
    indicator_release(&x);
    return ret;
}

static void test_baseline_check(void **state)
{
    (void)state;
    double v = 0;
    const char *field = NULL;
    const char *blocs =
        "80%, trong đó khối bộ đạt tối thiểu 85%, khối địa phương đạt tối thiểu 70%";

    /* a number as typed, with a percent for a unit in %, a decimal comma, a rank */
    assert_int_equal(check_baseline("≥ 80", "%", "40%", "2024-12-31", &v, &field), 0);
    assert_true(v == 40);
    assert_int_equal(check_baseline("≥ 80", "%", "45,5", "2025-12-24", &v, &field), 0);
    assert_true(v == 45.5);
    assert_int_equal(check_baseline("≥ 1.000", "Doanh nghiệp", "81.400", "2024-12-31", &v, &field),
                     0);
    assert_true(v == 81400);
    assert_int_equal(check_baseline("≤ 30", "Thứ bậc", "thứ 67", "2024-12-31", &v, &field), 0);
    assert_true(v == 67);
    /* a target with a whole clause and blocs: the baseline is the whole's */
    assert_int_equal(check_baseline(blocs, "%", "60", "2024-12-31", &v, &field), 0);
    assert_true(v == 60);

    /* each refusal names the field to fix, and leaves *v alone */
    v = -1;
    struct {
        const char *target, *unit, *value, *on, *want;
    } bad[] = {
        { "≥ 80", "%", NULL, "2024-12-31", "value" },
        { "≥ 80", "%", "  ", "2024-12-31", "value" },
        { "≥ 80", "%", "bốn mươi", "2024-12-31", "value" },
        { "≥ 80", "%", "đạt", "2024-12-31", "value" }, /* a judgement, not a number */
        { "≥ 80", "%", "đúng lộ trình", "2024-12-31", "value" },
        { "≥ 80", "%", "140%", "2024-12-31", "value" },
        { "≥ 80", "%", "-5", "2024-12-31", "value" },
        { "≥ 1.000", "Doanh nghiệp", "40%", "2024-12-31", "value" }, /* a percent on a count */
        { "≥ 80", "%", "thứ 5", "2024-12-31", "value" },             /* a rank on a share */
        { "≤ 30", "Thứ bậc", "2,5", "2024-12-31", "value" },
        { "≥ 80", "%", "40", NULL, "date" },
        { "≥ 80", "%", "40", "2025-12-25", "date" },       /* after today */
        { "Hoàn thành", "", "40", "2024-12-31", "value" }, /* a text target has no path */
        { "", "", "40", "2024-12-31", "value" },           /* a heading */
        { "≤ 3 Đông Nam Á; ≤ 50 Thế giới", "Thứ bậc", "5", "2024-12-31", "value" }, /* scales */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        assert_int_equal(
            check_baseline(bad[i].target, bad[i].unit, bad[i].value, bad[i].on, &v, &field), -1);
        assert_string_equal(field, bad[i].want);
        assert_true(v == -1);
    }

    /* where a baseline starts the path */
    struct target t = TARGET_INIT;
    target_parse(&t, "≤ 3 Đông Nam Á; ≤ 50 Thế giới", "Thứ bậc");
    assert_false(baseline_applies(&t));
    target_release(&t);
    t = (struct target)TARGET_INIT;
    target_parse(&t, blocs, "%");
    assert_true(baseline_applies(&t));
    target_release(&t);
}

static void test_who_may_measure(void **state)
{
    (void)state;
    assert_true(access_can_measure(ROLE_ADMIN, 0, 11));
    assert_true(access_can_measure(ROLE_MONITOR, 0, 0));
    assert_true(access_can_measure(ROLE_UNIT, 11, 11));
    assert_false(access_can_measure(ROLE_UNIT, 7, 11));
    assert_false(access_can_measure(ROLE_UNIT, 0, 0)); /* no agency: the steering office's */
    assert_false(access_can_measure(ROLE_VIEWER, 11, 11));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_statuses_and_total),
        cmocka_unit_test(test_tallies),
        cmocka_unit_test(test_view),
        cmocka_unit_test(test_stored_count),
        cmocka_unit_test(test_measure_entry),
        cmocka_unit_test(test_baseline_check),
        cmocka_unit_test(test_who_may_measure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

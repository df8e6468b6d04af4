/*
 * cmd_indicators: `giamsat indicators` (every indicator with its status as
 * of a date) and `giamsat measure add|list|baseline` (issue #5).
 *
 * A refused measurement names the option to fix and writes nothing.
 */
#include "cli.h"

#include "core/indicator_board.h"
#include "core/measure_entry.h"
#include "json/json_indicators.h"
#include "render/csv.h"
#include "store/store_auth.h"
#include "store/store_indicators.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parse options; 1 when --help was printed, 0 to go on, <0 on error. */
static int parse(struct cli *c, int argc, char **argv, struct opt *opts, const char *cmd)
{
    const char *pos[1];
    int n_pos;
    bool help;
    if (args_parse(argc, argv, opts, pos, 0, &n_pos, &help, &c->err))
        return c->err.kind;
    if (help) {
        cli_usage(cmd);
        return 1;
    }
    return 0;
}

static int need(struct cli *c, const struct opt *opts, const char *name, const char *what)
{
    if (opt_value(opts, name))
        return 0;
    return err_set(&c->err, ERR_INVALID, "thiếu %s (%s)", name, what);
}

/* ---- giamsat indicators ------------------------------------------------------- */

static int board_load(struct cli *c, struct indicator_board *b, struct date as_of)
{
    struct indicator *x = NULL;
    size_t n = 0;
    if (store_indicator_list(c->db, &x, &n, &c->err))
        return c->err.kind;
    indicator_board_build(b, x, n, as_of);
    return 0;
}

/* "82% (31/12/2025)", "đạt (30/06/2025)" or "-". */
static void latest_text(const struct measurement *m, struct buf *out)
{
    char d[DATE_ISO_LEN];
    if (!m) {
        buf_adds(out, "-");
        return;
    }
    date_dmy(m->on, d);
    buf_addf(out, "%s (%s)", m->text, d);
}

static void print_table(const struct indicator_board *b)
{
    size_t count[4] = { 0 };
    char d[DATE_ISO_LEN];
    for (size_t i = 0; i < b->n; i++)
        count[b->r[i].status]++;
    date_dmy(b->as_of, d);
    printf("Chỉ tiêu tính đến ngày %s: %zu chỉ tiêu; %zu đạt, %zu đúng lộ trình, %zu chậm,"
           " %zu chưa đánh giá\n",
           d, b->n, count[IND_GREEN], count[IND_AMBER], count[IND_RED], count[IND_GREY]);
    for (size_t i = 0; i < b->n; i++) {
        struct buf latest = BUF_INIT;
        latest_text(b->r[i].latest, &latest);
        printf("%s\t%s\t%s\t%s\t%s\n\t%s\n", b->x[i].code, indicator_status_label(b->r[i].status),
               latest.data, b->x[i].target_text, b->x[i].name, b->r[i].rule);
        buf_release(&latest);
    }
}

static void csv_indicator(struct buf *out, const struct indicator *x,
                          const struct indicator_result *r)
{
    char date[DATE_ISO_LEN] = "", horizon[16] = "";
    const struct measurement *m = r->latest;
    if (m)
        date_iso(m->on, date);
    if (x->horizon)
        snprintf(horizon, sizeof(horizon), "%d", x->horizon);
    const char *cells[] = { x->code, x->name, x->unit,          x->target_text,
                            horizon, date,    m ? m->text : "", indicator_status_key(r->status),
                            r->rule };
    csv_row(out, cells, sizeof(cells) / sizeof(*cells));
}

static void print_csv(const struct indicator_board *b)
{
    struct buf out = BUF_INIT;
    const char *head[] = { "code",   "name",        "unit",         "target_text", "horizon",
                           "latest_date", "latest_value", "status",     "rule" };
    csv_row(&out, head, sizeof(head) / sizeof(*head));
    for (size_t i = 0; i < b->n; i++)
        csv_indicator(&out, &b->x[i], &b->r[i]);
    fwrite(out.data, 1, out.len, stdout);
    buf_release(&out);
}

static void print_board(const struct indicator_board *b, const char *format)
{
    if (format && !strcmp(format, "json")) {
        char *js = json_indicator_list(b->x, b->t, b->r, b->n, b->as_of);
        printf("%s\n", js);
        free(js);
    } else if (format && !strcmp(format, "csv")) {
        print_csv(b);
    } else {
        print_table(b);
    }
}

int cmd_indicators(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--as-of", true, NULL },
                          { "--format", true, NULL },
                          { NULL, false, NULL } };
    int ret = parse(c, argc, argv, opts, "indicators");
    if (ret)
        return ret > 0 ? 0 : ret;
    const char *format = opt_value(opts, "--format"), *as_of = opt_value(opts, "--as-of");
    if (format && strcmp(format, "table") && strcmp(format, "json") && strcmp(format, "csv"))
        return err_set(&c->err, ERR_INVALID, "unknown format '%s' (use table, json or csv)",
                       format);
    struct indicator_board b = INDICATOR_BOARD_INIT;
    struct date on = cli_today();
    ret = (as_of && cli_parse_date(as_of, "--as-of", &on, &c->err)) || cli_open_existing(c) ||
          board_load(c, &b, on);
    if (!ret)
        print_board(&b, format);
    indicator_board_release(&b);
    return ret ? c->err.kind : 0;
}

/* ---- giamsat measure ---------------------------------------------------------------- */

/* The indicator an option names, loaded with its measurements and target. */
static int load_named(struct cli *c, const struct opt *opts, struct indicator *x, struct target *t)
{
    long id;
    if (store_indicator_find(c->db, opt_value(opts, "--indicator"), opt_value(opts, "--document"),
                             &id, &c->err) ||
        store_indicator_load(c->db, id, x, &c->err)) {
        err_prefix(&c->err, "--indicator");
        return c->err.kind;
    }
    target_parse(t, x->target_text, x->unit);
    return 0;
}

static int refused(struct cli *c, const char *field, char *reason)
{
    err_set(&c->err, ERR_INVALID, "--%s: %s", field, reason);
    free(reason);
    return ERR_INVALID;
}

/* Read and check the measurement the options describe into *m. */
static int measure_from_opts(struct cli *c, const struct opt *opts, const struct indicator *x,
                             const struct target *t, struct measurement *m)
{
    struct measure_input in = { opt_value(opts, "--value"), opt_value(opts, "--unit"),
                                opt_value(opts, "--bloc"), opt_value(opts, "--source"), m->on };
    char *reason = NULL;
    const char *field = NULL;
    if (measure_entry_prepare(&c->reg, x, t, &in, cli_today(), m, &reason, &field))
        return refused(c, field, reason);
    m->entered_via = xstrdup("cli");
    return 0;
}

static void print_added(struct indicator *x, const struct target *t, long id,
                        const struct measurement *m, bool json)
{
    struct indicator_result r;
    indicator_evaluate(x, t, cli_today(), m->unit_id, &r);
    if (json) {
        char *js = json_measurement_added(x, id, m->on, &r);
        printf("%s\n", js);
        free(js);
    } else {
        printf("Đã ghi số đo số %ld cho chỉ tiêu %s%s%s\nTrạng thái: %s. %s\n", id, x->code,
               m->unit_name ? " của " : "", m->unit_name ? m->unit_name : "",
               indicator_status_label(r.status), r.rule);
    }
    indicator_result_release(&r);
}

static int measure_add(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = {
        { "--indicator", true, NULL }, { "--date", true, NULL },  { "--value", true, NULL },
        { "--unit", true, NULL },      { "--bloc", true, NULL },  { "--source", true, NULL },
        { "--document", true, NULL },  { "--json", false, NULL }, { NULL, false, NULL },
    };
    int ret = parse(c, argc, argv, opts, "measure");
    if (ret)
        return ret > 0 ? 0 : ret;
    struct indicator x = { 0 };
    struct target t = TARGET_INIT;
    struct measurement m = { 0 };
    long id = 0;
    struct audit_entry a = { "cli", 0, 0, "measurement.add", "measurement", 0, NULL, NULL, "" };
    ret = need(c, opts, "--indicator", "mã chỉ tiêu, ví dụ 11.1") ||
          need(c, opts, "--date", "ngày đo, dd/mm/yyyy") ||
          need(c, opts, "--value", "giá trị: 82%, 0,72, thứ 5, đạt...") ||
          cli_parse_date(opt_value(opts, "--date"), "--date", &m.on, &c->err) ||
          cli_open_existing(c) || load_named(c, opts, &x, &t) ||
          measure_from_opts(c, opts, &x, &t, &m) ||
          store_measurement_add(c->db, x.id, &m, &a, &id, &c->err);
    if (!ret) {
        m.id = id;
        *indicator_add_measurement(&x) = m;
        memset(&m, 0, sizeof(m));
        print_added(&x, &t, id, &x.m[x.n_m - 1], opt_value(opts, "--json"));
    }
    measurement_release(&m);
    target_release(&t);
    indicator_release(&x);
    return ret ? c->err.kind : 0;
}

static void print_history(const struct indicator *x)
{
    printf("Chỉ tiêu %s: %s (mục tiêu %s)\n", x->code, x->name, x->target_text);
    for (size_t i = 0; i < x->n_m; i++) {
        const struct measurement *m = &x->m[i];
        char d[DATE_ISO_LEN];
        date_dmy(m->on, d);
        printf("%ld\t%s\t%s\t%s\t%s\t%s\n", m->id, d, m->text,
               m->bloc        ? m->bloc
               : m->unit_name ? m->unit_name
                              : "-",
               m->source, m->entered_at);
    }
}

static int measure_list(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--indicator", true, NULL },
                          { "--document", true, NULL },
                          { "--format", true, NULL },
                          { NULL, false, NULL } };
    int ret = parse(c, argc, argv, opts, "measure");
    if (ret)
        return ret > 0 ? 0 : ret;
    const char *format = opt_value(opts, "--format");
    if (format && strcmp(format, "table") && strcmp(format, "json"))
        return err_set(&c->err, ERR_INVALID, "unknown format '%s' (use table or json)", format);
    struct indicator x = { 0 };
    struct target t = TARGET_INIT;
    ret = need(c, opts, "--indicator", "mã chỉ tiêu, ví dụ 11.1") || cli_open_existing(c) ||
          load_named(c, opts, &x, &t);
    if (!ret && format && !strcmp(format, "json")) {
        char *js = json_measurements(&x);
        printf("%s\n", js);
        free(js);
    } else if (!ret) {
        print_history(&x);
    }
    target_release(&t);
    indicator_release(&x);
    return ret ? c->err.kind : 0;
}

/* Read and check the baseline the options give for x (baseline_check(), as the page does). */
static int baseline_from_opts(struct cli *c, const struct opt *opts, const struct indicator *x,
                              const struct target *t, struct date on, double *v)
{
    char *reason = NULL;
    const char *field = NULL;
    if (baseline_check(x, t, opt_value(opts, "--value"), on, cli_today(), v, &reason, &field))
        return refused(c, field, reason);
    return 0;
}

static int measure_baseline(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--indicator", true, NULL },
                          { "--date", true, NULL },
                          { "--value", true, NULL },
                          { "--document", true, NULL },
                          { NULL, false, NULL } };
    int ret = parse(c, argc, argv, opts, "measure");
    if (ret)
        return ret > 0 ? 0 : ret;
    struct indicator x = { 0 };
    struct target t = TARGET_INIT;
    struct date on;
    double v = 0;
    struct audit_entry a = { "cli", 0, 0, "indicator.baseline", "indicator", 0, NULL, NULL, "" };
    ret = need(c, opts, "--indicator", "mã chỉ tiêu") || need(c, opts, "--date", "ngày của mốc") ||
          need(c, opts, "--value", "giá trị của mốc") ||
          cli_parse_date(opt_value(opts, "--date"), "--date", &on, &c->err) ||
          cli_open_existing(c) || load_named(c, opts, &x, &t) ||
          baseline_from_opts(c, opts, &x, &t, on, &v) ||
          store_indicator_set_baseline(c->db, x.id, v, on, &a, &c->err);
    if (!ret)
        printf("Đã đặt mốc cơ sở của chỉ tiêu %s: %s (%s)\n", x.code, opt_value(opts, "--value"),
               opt_value(opts, "--date"));
    target_release(&t);
    indicator_release(&x);
    return ret ? c->err.kind : 0;
}

int cmd_measure(struct cli *c, int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "add"))
        return measure_add(c, argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "list"))
        return measure_list(c, argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "baseline"))
        return measure_baseline(c, argc - 1, argv + 1);
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
        return cli_usage("measure");
    return err_set(&c->err, ERR_INVALID, "use 'measure add', 'measure list' or 'measure baseline'");
}

/*
 * cmd_approval: `giamsat approval` — the approval of progress reports
 * (issue #15): which units require their leader's approval, the review
 * steps of a report (approve, reject, accept, return), the list of
 * reports under review, and which reports the statistics count. Writes go
 * through store_approval.h, one transaction each, audited as "cli".
 */
#include "cli.h"

#include "json/json_approval.h"
#include "store/store_approval.h"
#include "store/store_auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int approval_require(struct cli *c, const struct opt *opts, const char *unit)
{
    bool on = opt_value(opts, "--on"), off = opt_value(opts, "--off");
    if (!unit || on == off)
        return err_set(&c->err, ERR_INVALID, "approval require UNIT needs --on or --off");
    long agency_id = registry_unit_id(&c->reg, unit);
    if (!agency_id)
        return err_set(&c->err, ERR_NOT_FOUND, "no unit named '%s'", unit);
    struct audit_entry a = { .actor = "cli", .client = "" };
    if (store_approval_require(c->db, agency_id, on, &a, &c->err))
        return c->err.kind;
    printf(on ? "Báo cáo của đầu mối '%s' từ nay cần lãnh đạo đơn vị duyệt\n"
              : "Báo cáo của '%s' từ nay không cần lãnh đạo đơn vị duyệt\n",
           unit);
    return 0;
}

static int approval_counting(struct cli *c, const char *key)
{
    enum count_policy p = COUNT_SUBMITTED;
    if (key) {
        int v = count_policy_parse(key);
        if (v < 0)
            return err_set(&c->err, ERR_INVALID,
                           "unknown counting rule '%s' (da_gui, da_chap_nhan or tat_ca)", key);
        struct audit_entry a = { .actor = "cli", .client = "" };
        if (store_count_policy_set(c->db, (enum count_policy)v, &a, &c->err))
            return c->err.kind;
    }
    if (store_count_policy(c->db, &p, &c->err))
        return c->err.kind;
    printf("%s\t%s\n", count_policy_key(p), count_policy_label(p));
    return 0;
}

static int approval_step(struct cli *c, const struct opt *opts, const char *id_text,
                         enum review_step step)
{
    long id;
    struct date on = cli_today();
    const char *date = opt_value(opts, "--date");
    if (cli_parse_id(id_text, &id, &c->err) ||
        (date && cli_parse_date(date, "--date", &on, &c->err)))
        return c->err.kind;
    struct reviewer who = { ROLE_ADMIN, 0, true };
    struct audit_entry a = { .actor = "cli", .client = "" };
    if (store_review_add(c->db, id, step, on, opt_value(opts, "--comment"), &who, &a, &c->err))
        return c->err.kind;
    printf("Đã ghi bước “%s” của báo cáo số %ld\n", review_step_key(step), id);
    return 0;
}

/* What `approval list` reads of its options. */
struct list_opts {
    int state; /* an enum report_state, or -1 */
    bool json;
    long agency_id; /* 0: every unit */
};

static int read_list_opts(struct cli *c, const struct opt *opts, struct list_opts *o)
{
    const char *unit = opt_value(opts, "--unit"), *state = opt_value(opts, "--state");
    const char *format = opt_value(opts, "--format");
    *o = (struct list_opts){ state ? report_state_parse(state) : -1,
                             format && !strcmp(format, "json"), 0 };
    if (state && o->state < 0)
        return err_set(&c->err, ERR_INVALID,
                       "--state must be submitted, pending, rejected, accepted or returned,"
                       " not '%s'",
                       state);
    if (format && strcmp(format, "json") && strcmp(format, "table"))
        return err_set(&c->err, ERR_INVALID, "unknown format '%s' (use table or json)", format);
    o->agency_id = unit ? registry_unit_id(&c->reg, unit) : 0;
    if (unit && !o->agency_id)
        return err_set(&c->err, ERR_NOT_FOUND, "--unit: no unit named '%s'", unit);
    return 0;
}

static void print_table(const struct review_view *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char d[DATE_ISO_LEN];
        date_dmy(v[i].reported_on, d);
        printf("%ld\t%s\t%s\tnhiệm vụ %ld\t%s\t%s\n", v[i].report_id, d, v[i].kind, v[i].task_id,
               v[i].unit, report_state_label(v[i].state));
    }
}

static int approval_list(struct cli *c, const struct opt *opts)
{
    struct list_opts o;
    struct review_view *v = NULL;
    size_t n = 0;
    enum count_policy p;
    if (read_list_opts(c, opts, &o) || store_count_policy(c->db, &p, &c->err) ||
        store_review_list(c->db, o.agency_id, o.state, 0, &v, &n, &c->err))
        return c->err.kind;
    if (o.json) {
        char *js = json_review_list(v, n, p);
        printf("%s\n", js);
        free(js);
    } else {
        print_table(v, n);
    }
    review_views_free(v, n);
    return 0;
}

int cmd_approval(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--on", false, NULL },     { "--off", false, NULL },
                          { "--comment", true, NULL }, { "--date", true, NULL },
                          { "--unit", true, NULL },    { "--state", true, NULL },
                          { "--format", true, NULL },  { NULL, false, NULL } };
    const char *pos[2];
    int n_pos;
    bool help;
    if (args_parse(argc, argv, opts, pos, 2, &n_pos, &help, &c->err))
        return c->err.kind;
    if (help || n_pos == 0)
        return cli_usage("approval");
    if (cli_open_existing(c))
        return c->err.kind;
    const char *verb = pos[0], *arg = n_pos > 1 ? pos[1] : NULL;
    if (!strcmp(verb, "require"))
        return approval_require(c, opts, arg);
    if (!strcmp(verb, "counting"))
        return approval_counting(c, arg);
    if (!strcmp(verb, "list") && !arg)
        return approval_list(c, opts);
    int step = review_step_parse(verb);
    if (step >= 0)
        return approval_step(c, opts, arg, (enum review_step)step);
    return err_set(&c->err, ERR_INVALID,
                   "unknown approval command '%s' (require, counting, list, approve, reject,"
                   " accept, return)",
                   verb);
}

/*
 * cmd_request: `giamsat request` — requests for explanation (issue #15):
 * add, answer, accept, return, list, letter (the DOCX letter). Writes go through store_requests.h
 * (one transaction each, audited as "cli"); dates default to today.
 */
#include "cli.h"

#include "export/docx.h"
#include "json/json_requests.h"
#include "render/request_letter.h"
#include "store/store_auth.h"
#include "store/store_indicators.h"
#include "store/store_requests.h"
#include "util/strparse.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct audit_entry cli_audit(const char *action)
{
    return (struct audit_entry){ .actor = "cli", .action = action, .client = "" };
}

/* --date D, else today. */
static int step_date(struct cli *c, const struct opt *opts, struct date *on)
{
    const char *text = opt_value(opts, "--date");
    *on = cli_today();
    return text ? cli_parse_date(text, "--date", on, &c->err) : 0;
}

static int read_id(struct cli *c, const char *text, long *id)
{
    if (!text || strparse_long(text, 1, 1L << 50, id))
        return err_set(&c->err, ERR_INVALID, "the request's id must be a number, not '%s'",
                       text ? text : "");
    return 0;
}

static int read_subject(struct cli *c, const struct opt *opts, struct request_input *in)
{
    const char *task = opt_value(opts, "--task"), *ind = opt_value(opts, "--indicator");
    if (!task == !ind)
        return err_set(&c->err, ERR_INVALID, "give --task ID or --indicator CODE (one of them)");
    if (task && strparse_long(task, 1, 1L << 50, &in->task_id))
        return err_set(&c->err, ERR_INVALID, "--task must be a task id, not '%s'", task);
    if (ind && store_indicator_find(c->db, ind, opt_value(opts, "--document"), &in->indicator_id,
                                    &c->err)) {
        err_prefix(&c->err, "--indicator");
        return c->err.kind;
    }
    return 0;
}

static int request_add(struct cli *c, const struct opt *opts)
{
    struct request_input in = { .content = opt_value(opts, "--content"),
                                .number = opt_value(opts, "--number") };
    const char *unit = opt_value(opts, "--unit"), *due = opt_value(opts, "--due");
    if (!unit || !due || !in.content)
        return err_set(&c->err, ERR_INVALID, "request add needs --unit, --due and --content");
    if (read_subject(c, opts, &in) || step_date(c, opts, &in.issued_on) ||
        cli_parse_date(due, "--due", &in.due, &c->err))
        return c->err.kind;
    in.agency_id = registry_unit_id(&c->reg, unit);
    if (!in.agency_id)
        return err_set(&c->err, ERR_NOT_FOUND, "--unit: no unit named '%s'", unit);
    struct audit_entry a = cli_audit("request.add");
    long id = 0;
    if (store_request_add(c->db, &in, &a, &id, &c->err))
        return c->err.kind;
    if (opt_value(opts, "--json"))
        printf("{\"id\": %ld}\n", id);
    else
        printf("Đã ghi yêu cầu giải trình số %ld\n", id);
    return 0;
}

static int request_step(struct cli *c, const struct opt *opts, const char *id_text,
                        enum request_step_kind kind)
{
    long id;
    struct request_step step = { kind, DATE_NONE, DATE_NONE };
    const char *new_due = opt_value(opts, kind == STEP_ANSWER ? "--new-due" : "--due");
    if (read_id(c, id_text, &id) || step_date(c, opts, &step.on) ||
        (new_due && cli_parse_date(new_due, kind == STEP_ANSWER ? "--new-due" : "--due",
                                   &step.new_due, &c->err)))
        return c->err.kind;
    static const char *const actions[N_STEP_KINDS] = { "request.answer", "request.accept",
                                                       "request.return" };
    struct audit_entry a = cli_audit(actions[kind]);
    if (store_request_step(c->db, id, &step, opt_value(opts, "--explanation"),
                           opt_value(opts, "--remedy"), opt_value(opts, "--comment"), &a,
                           &c->err))
        return c->err.kind;
    printf("Đã ghi bước “%s” của yêu cầu giải trình số %ld\n", request_step_key(kind), id);
    return 0;
}

/* What `request list` reads of its options. */
struct list_opts {
    int state; /* an enum request_state, or -1 */
    bool json;
    struct date as_of;
    long agency_id; /* 0: every unit */
};

static int read_list_opts(struct cli *c, const struct opt *opts, struct list_opts *o)
{
    const char *state = opt_value(opts, "--state"), *unit = opt_value(opts, "--unit");
    const char *format = opt_value(opts, "--format"), *as_of = opt_value(opts, "--as-of");
    *o = (struct list_opts){ request_state_parse(state), format && !strcmp(format, "json"),
                             cli_today(), 0 };
    if (state && o->state < 0)
        return err_set(&c->err, ERR_INVALID,
                       "--state must be open, overdue, answered or accepted, not '%s'", state);
    if (format && strcmp(format, "json") && strcmp(format, "table"))
        return err_set(&c->err, ERR_INVALID, "unknown format '%s' (use table or json)", format);
    if (as_of && cli_parse_date(as_of, "--as-of", &o->as_of, &c->err))
        return c->err.kind;
    o->agency_id = unit ? registry_unit_id(&c->reg, unit) : 0;
    if (unit && !o->agency_id)
        return err_set(&c->err, ERR_NOT_FOUND, "--unit: no unit named '%s'", unit);
    return 0;
}

static void print_table(const struct request_view *v, size_t n, const struct list_opts *o)
{
    for (size_t i = 0; i < n; i++) {
        if (date_cmp(v[i].issued_on, o->as_of) > 0)
            continue;
        struct request_status st = request_view_status(&v[i], o->as_of);
        if (o->state >= 0 && (int)st.state != o->state)
            continue;
        char due[DATE_ISO_LEN];
        date_dmy(st.due, due);
        printf("%ld\t%s\thạn %s\t%s\t%s\n", v[i].id, request_state_label(st.state), due,
               v[i].unit, v[i].content);
    }
}

static int request_list(struct cli *c, const struct opt *opts)
{
    struct list_opts o;
    if (read_list_opts(c, opts, &o))
        return c->err.kind;
    struct request_view *v = NULL;
    size_t n = 0;
    if (store_request_list(c->db, o.agency_id, &v, &n, &c->err))
        return c->err.kind;
    if (o.json) {
        char *js = json_request_list(v, n, o.as_of, o.state);
        printf("%s\n", js);
        free(js);
    } else {
        print_table(v, n, &o);
    }
    request_views_free(v, n);
    return 0;
}

/* `request letter ID -o F.docx`: the letter "Công văn đề nghị giải trình" as DOCX. */
static int request_letter(struct cli *c, const struct opt *opts, const char *id_text)
{
    long id;
    const char *path = opt_value(opts, "-o");
    if (read_id(c, id_text, &id))
        return c->err.kind;
    if (!path)
        return err_set(&c->err, ERR_INVALID, "request letter needs -o FILE.docx");
    struct request_view *v = NULL;
    if (store_request_get(c->db, id, &v, &c->err))
        return c->err.kind;
    char *subject = v->task_id ? xasprintf("nhiệm vụ “%s”", v->task_name ? v->task_name : "")
                               : xasprintf("chỉ tiêu %s", v->indicator_code ? v->indicator_code : "");
    struct request_letter l = { v->id, v->unit, subject, v->content, v->number, v->issued_on, v->due };
    struct rdoc d = RDOC_INIT;
    request_letter_build(&l, &d);
    int ret = docx_write(&d, path, &c->err);
    rdoc_release(&d);
    free(subject);
    request_views_free(v, 1);
    return ret;
}

int cmd_request(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--task", true, NULL },        { "--indicator", true, NULL },
                          { "--document", true, NULL },    { "--unit", true, NULL },
                          { "--due", true, NULL },         { "--content", true, NULL },
                          { "--number", true, NULL },      { "--date", true, NULL },
                          { "--explanation", true, NULL }, { "--remedy", true, NULL },
                          { "--new-due", true, NULL },     { "--comment", true, NULL },
                          { "--state", true, NULL },       { "--as-of", true, NULL },
                          { "--format", true, NULL },      { "--json", false, NULL },
                          { "-o", true, NULL },
                          { NULL, false, NULL } };
    const char *pos[2];
    int n_pos;
    bool help;
    if (args_parse(argc, argv, opts, pos, 2, &n_pos, &help, &c->err))
        return c->err.kind;
    if (help || n_pos == 0)
        return cli_usage("request");
    if (cli_open_existing(c))
        return c->err.kind;
    const char *verb = pos[0], *id = n_pos > 1 ? pos[1] : NULL;
    if (!strcmp(verb, "add") && n_pos == 1)
        return request_add(c, opts);
    if (!strcmp(verb, "list") && n_pos == 1)
        return request_list(c, opts);
    if (!strcmp(verb, "answer"))
        return request_step(c, opts, id, STEP_ANSWER);
    if (!strcmp(verb, "accept"))
        return request_step(c, opts, id, STEP_ACCEPT);
    if (!strcmp(verb, "return"))
        return request_step(c, opts, id, STEP_RETURN);
    if (!strcmp(verb, "letter"))
        return request_letter(c, opts, id);
    return err_set(&c->err, ERR_INVALID, "unknown request command '%s' (add, answer, accept,"
                   " return, list, letter)", verb);
}

/* cmd_list: init, tasks, task, agencies and documents. */
#include "cli.h"

#include "core/registry.h"
#include "core/report.h"
#include "core/status.h"
#include "json/json_out.h"
#include "render/csv.h"
#include "store/store_programme.h"
#include "store/store_query.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parse options; returns 1 when --help was printed, 0 to go on, <0 on error. */
static int parse(struct cli *c, int argc, char **argv, struct opt *opts, const char **pos,
                 int max_pos, int *n_pos, const char *cmd)
{
    bool help;
    if (args_parse(argc, argv, opts, pos, max_pos, n_pos, &help, &c->err))
        return c->err.kind;
    if (help) {
        cli_usage(cmd);
        return 1;
    }
    return strcmp(cmd, "init") ? cli_open_existing(c) : cli_open(c);
}

static int check_format(struct cli *c, const char *fmt, const char *allowed)
{
    if (!fmt)
        return 0;
    char *list = xasprintf("|%s|", allowed), *want = xasprintf("|%s|", fmt);
    bool ok = strstr(list, want) != NULL;
    free(list);
    free(want);
    return ok ? 0 : err_set(&c->err, ERR_INVALID, "unknown format '%s' (use %s)", fmt, allowed);
}

int cmd_init(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { NULL, false, NULL } };
    const char *pos[1];
    int n_pos, ret = parse(c, argc, argv, opts, pos, 0, &n_pos, "init");
    if (ret)
        return ret > 0 ? 0 : ret;
    struct store_counts k;
    if (store_counts(c->db, &k, &c->err))
        return c->err.kind;
    printf("Cơ sở dữ liệu '%s': %ld đơn vị, %ld nhóm đơn vị, %ld văn bản, %ld nhiệm vụ\n",
           db_display_name(c->db_path), k.agencies, k.groups, k.documents, k.tasks);
    return 0;
}

static char *joined(const struct strvec *v)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < v->n; i++)
        buf_addf(&b, "%s%s", i ? "; " : "", v->items[i]);
    return buf_take(&b);
}

static void print_tasks_csv(const struct task_view *t, size_t n)
{
    const char *head[] = { "id", "tt", "name", "field", "documents", "lead", "coordinating",
                           "output", "deadline_text", "due", "recurring" };
    struct buf out = BUF_INIT;
    csv_row(&out, head, 11);
    for (size_t i = 0; i < n; i++) {
        char id[24], due[DATE_ISO_LEN];
        snprintf(id, sizeof(id), "%ld", t[i].id);
        date_iso(t[i].due, due);
        char *docs = joined(&t[i].documents), *lead = joined(&t[i].lead),
             *coord = joined(&t[i].coordinating);
        const char *row[] = { id,    t[i].tt,     t[i].name,   t[i].field,  docs,
                              lead,  coord,       t[i].output, t[i].deadline_text, due,
                              strcmp(t[i].deadline_kind, "recurring") == 0 ? "true" : "false" };
        csv_row(&out, row, 11);
        free(docs);
        free(lead);
        free(coord);
    }
    fwrite(out.data, 1, out.len, stdout);
    buf_release(&out);
}

static void print_tasks_table(const struct task_view *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char due[DATE_ISO_LEN];
        date_iso(t[i].due, due);
        printf("%5ld  %-8s %-10s %.*s\n", t[i].id, t[i].tt, *due ? due : t[i].deadline_kind,
               text_prefix_len(t[i].name, 90), t[i].name);
    }
    printf("%zu nhiệm vụ\n", n);
}

/*
 * Keep in t[0..*n) the tasks whose status as of as_of passes mask: the
 * filter of the task page and the API (core/status.h), on the report's
 * task status (report_task_bucket()). Released views are the others.
 */
static int keep_status(struct cli *c, struct task_view *t, size_t *n, unsigned mask,
                       struct date as_of)
{
    struct programme p = PROGRAMME_INIT;
    if (store_load_programme(c->db, &p, &c->err))
        return c->err.kind;
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        size_t ti = programme_find_task(&p, t[i].id);
        enum bucket b = ti == PROG_NONE ? N_BUCKETS : report_task_bucket(&p, ti, as_of, NULL);
        if (status_filter_keeps(mask, b))
            t[kept++] = t[i];
        else
            task_view_release(&t[i]);
    }
    *n = kept;
    programme_release(&p);
    return 0;
}

/* --status KEY [--as-of D] into *mask and *as_of (default today); 0 or an error kind. */
static int status_option(struct cli *c, const struct opt *opts, unsigned *mask,
                         struct date *as_of)
{
    const char *key = opt_value(opts, "--status"), *date = opt_value(opts, "--as-of");
    *mask = status_filter_parse(key);
    *as_of = cli_today();
    if (key && !*mask)
        return err_set(&c->err, ERR_INVALID, "--status must be one of %s", status_filter_keys());
    if (date && !key)
        return err_set(&c->err, ERR_INVALID, "--as-of goes with --status");
    return date ? cli_parse_date(date, "--as-of", as_of, &c->err) : 0;
}

int cmd_tasks(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--agency", true, NULL }, { "--document", true, NULL },
                          { "--field", true, NULL },  { "--search", true, NULL },
                          { "--status", true, NULL }, { "--as-of", true, NULL },
                          { "--format", true, NULL }, { NULL, false, NULL } };
    const char *pos[1];
    int n_pos, ret = parse(c, argc, argv, opts, pos, 0, &n_pos, "tasks");
    if (ret)
        return ret > 0 ? 0 : ret;
    const char *fmt = opt_value(opts, "--format");
    unsigned mask;
    struct date as_of;
    if (check_format(c, fmt, "table|json|csv") || status_option(c, opts, &mask, &as_of))
        return c->err.kind;
    struct task_filter f = { opt_value(opts, "--agency"), opt_value(opts, "--document"),
                             opt_value(opts, "--field"), opt_value(opts, "--search") };
    struct task_view *t;
    size_t n;
    if (store_tasks(c->db, &c->reg, &f, &t, &n, &c->err))
        return c->err.kind;
    if (mask && keep_status(c, t, &n, mask, as_of)) {
        task_views_free(t, n);
        return c->err.kind;
    }
    if (fmt && strcmp(fmt, "json") == 0) {
        char *js = json_tasks(t, n);
        printf("%s\n", js);
        free(js);
    } else if (fmt && strcmp(fmt, "csv") == 0) {
        print_tasks_csv(t, n);
    } else {
        print_tasks_table(t, n);
    }
    task_views_free(t, n);
    return 0;
}

static void print_task_text(const struct task_view *t)
{
    char due[DATE_ISO_LEN];
    date_iso(t->due, due);
    printf("Nhiệm vụ %ld (TT %s)%s\n%s\n", t->id, t->tt, t->is_group ? " - nhóm, không tính" : "",
           t->name);
    printf("Lĩnh vực: %s\n", t->field);
    for (size_t i = 0; i < t->documents.n; i++)
        printf("Văn bản: %s\n", t->documents.items[i]);
    printf("Cơ quan chủ trì (như văn bản): %s\n", t->lead_text);
    for (size_t i = 0; i < t->n_parties; i++) {
        const struct party_view *p = &t->parties[i];
        printf("  %s '%s' -> %s", strcmp(p->role, "lead") == 0 ? "chủ trì" : "phối hợp",
               p->text, p->resolved ? p->resolved : "CHƯA XÁC ĐỊNH");
        if (p->is_group && strcmp(p->role, "lead") == 0) {
            printf(" = %zu đơn vị:", p->members.n);
            for (size_t k = 0; k < p->members.n; k++)
                printf("%s %s", k ? "," : "", p->members.items[k]);
        }
        putchar('\n');
    }
    printf("Giao cho %zu đơn vị chủ trì\n", t->lead.n);
    printf("Cơ quan phối hợp (như văn bản): %s\n", t->coord_text);
    printf("Kết quả: %s\n", t->output);
    printf("Thời hạn: %s -> %s\n", t->deadline_text,
           *due ? due : strcmp(t->deadline_kind, "recurring") == 0 ? "thường xuyên"
                                                                   : "chưa xác định thời hạn");
}

int cmd_task(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--format", true, NULL }, { NULL, false, NULL } };
    const char *pos[1];
    int n_pos, ret = parse(c, argc, argv, opts, pos, 1, &n_pos, "task");
    if (ret)
        return ret > 0 ? 0 : ret;
    const char *fmt = opt_value(opts, "--format");
    if (check_format(c, fmt, "text|json"))
        return c->err.kind;
    long id = 0;
    if (n_pos != 1)
        return err_set(&c->err, ERR_INVALID, "give a task id (giamsat task ID)");
    if (cli_parse_id(pos[0], &id, &c->err))
        return c->err.kind;
    struct task_view t;
    if (store_task(c->db, id, &t, &c->err))
        return c->err.kind;
    if (fmt && strcmp(fmt, "json") == 0) {
        char *js = json_task(&t);
        printf("%s\n", js);
        free(js);
    } else {
        print_task_text(&t);
    }
    task_view_release(&t);
    return 0;
}

int cmd_agencies(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--format", true, NULL }, { NULL, false, NULL } };
    const char *pos[1];
    int n_pos, ret = parse(c, argc, argv, opts, pos, 0, &n_pos, "agencies");
    if (ret)
        return ret > 0 ? 0 : ret;
    const char *fmt = opt_value(opts, "--format");
    if (check_format(c, fmt, "table|json"))
        return c->err.kind;
    struct agency_view *a;
    size_t n;
    if (store_agencies(c->db, &a, &n, &c->err))
        return c->err.kind;
    if (fmt && strcmp(fmt, "json") == 0) {
        char *js = json_agencies(a, n);
        printf("%s\n", js);
        free(js);
    } else {
        for (size_t i = 0; i < n; i++)
            printf("%-60s %-11s %4ld%s%s\n", a[i].name, agency_kind_label(a[i].kind),
                   a[i].lead_tasks, a[i].successor ? "  -> " : "",
                   a[i].successor ? a[i].successor : "");
    }
    agency_views_free(a, n);
    return 0;
}

int cmd_documents(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--format", true, NULL }, { NULL, false, NULL } };
    const char *pos[1];
    int n_pos, ret = parse(c, argc, argv, opts, pos, 0, &n_pos, "documents");
    if (ret)
        return ret > 0 ? 0 : ret;
    const char *fmt = opt_value(opts, "--format");
    if (check_format(c, fmt, "table|json"))
        return c->err.kind;
    struct document_view *d;
    size_t n;
    if (store_documents(c->db, &d, &n, &c->err))
        return c->err.kind;
    if (fmt && strcmp(fmt, "json") == 0) {
        char *js = json_documents(d, n);
        printf("%s\n", js);
        free(js);
    } else {
        for (size_t i = 0; i < n; i++)
            printf("%5ld  %-70s %4ld nhiệm vụ\n", d[i].id, d[i].name, d[i].tasks);
    }
    document_views_free(d, n);
    return 0;
}

/*
 * cmd_progress: `giamsat progress add|list`, and the storing of progress
 * tables that `giamsat import` reads (import_progress_batch()).
 */
#include "cli.h"

#include "json/json_report.h"
#include "store/store_programme.h"
#include "store/store_progress.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_rejects(const struct progress_summary *s, const char *name)
{
    for (size_t i = 0; i < s->n_warnings; i++)
        fprintf(stderr, "%s dòng %zu: cảnh báo: %s\n", name, s->warnings[i].line,
                s->warnings[i].reason);
    for (size_t i = 0; i < s->n_rejects; i++) {
        if (s->rejects[i].line)
            fprintf(stderr, "%s dòng %zu: bị từ chối: %s\n", name, s->rejects[i].line,
                    s->rejects[i].reason);
        else
            fprintf(stderr, "bị từ chối: %s\n", s->rejects[i].reason);
    }
}

static void print_progress_summary(const struct progress_summary *s)
{
    printf("%s: %zu dòng; %zu báo cáo %s (%zu hoàn thành, %zu mở lại); %zu trùng, bỏ qua;"
           " %zu bị từ chối\n",
           s->written ? "Đã ghi" : "Không ghi gì (chạy thử hoặc có dòng bị từ chối)", s->rows,
           s->added, s->written ? "đã ghi" : "hợp lệ", s->completions, s->reopenings,
           s->duplicates, s->n_rejects);
}

/* Store b's progress rows; 1 when rows were rejected and nothing written. */
int import_progress_batch(struct cli *c, const struct batch *b, const char *name,
                          bool dry_run, bool allow_partial, bool json,
                          const struct progress_confirm *confirm)
{
    struct progress_options opt = { name, "import", cli_today(), dry_run, allow_partial };
    opt.accept_suggestions = confirm->suggestions;
    opt.accept_completions = confirm->completions;
    struct progress_summary sum = { 0 };
    int ret = store_progress_add(c->db, &c->reg, b, &opt, &sum, &c->err);
    if (!ret) {
        if (json) {
            char *js = json_progress_summary(&sum);
            printf("%s\n", js);
            free(js);
        } else {
            print_progress_summary(&sum);
        }
        print_rejects(&sum, name);
        if (sum.n_rejects && !allow_partial) {
            fprintf(stderr, "giamsat import: %zu row(s) rejected in '%s': nothing was written"
                            " (fix them, or use --allow-partial)\n",
                    sum.n_rejects, name);
            ret = 1;
        }
    }
    progress_summary_release(&sum);
    return ret;
}

static char *dup_opt(const struct opt *opts, const char *name)
{
    const char *v = opt_value(opts, name);
    return v ? xstrdup(v) : NULL;
}

/* One row from the options, as if it were a line of a progress table. */
static int row_from_opts(const struct opt *opts, struct progress_row *row, struct err *e)
{
    bool done = opt_value(opts, "--done"), reopen = opt_value(opts, "--reopen");
    if (!opt_value(opts, "--task") && !opt_value(opts, "--code"))
        return err_set(e, ERR_INVALID, "which task? (--task ID or --code MÃ)");
    if (!opt_value(opts, "--unit"))
        return err_set(e, ERR_INVALID, "which unit reports? (--unit UNIT)");
    if (!opt_value(opts, "--date"))
        return err_set(e, ERR_INVALID, "the report needs a date (--date D)");
    if (done && reopen)
        return err_set(e, ERR_INVALID, "--done and --reopen cannot go together");
    if (opt_value(opts, "--completed-on") && !done)
        return err_set(e, ERR_INVALID, "--completed-on needs --done");
    row->task_id = dup_opt(opts, "--task");
    row->task_code = dup_opt(opts, "--code");
    row->document = dup_opt(opts, "--document");
    row->unit = dup_opt(opts, "--unit");
    row->reported_on = dup_opt(opts, "--date");
    row->done = done ? xstrdup("có") : reopen ? xstrdup("mở lại") : NULL;
    row->completed_on = dup_opt(opts, "--completed-on");
    row->output = dup_opt(opts, "--output");
    row->result = dup_opt(opts, "--result");
    row->next = dup_opt(opts, "--next");
    row->issues = dup_opt(opts, "--issues");
    row->percent = dup_opt(opts, "--percent");
    row->attachment = dup_opt(opts, "--attachment");
    return 0;
}

/* The row of the options, refused as the web form and the API refuse it (core/progress.h). */
static int entered_row(const struct opt *opts, struct progress_row *row, struct err *e)
{
    if (row_from_opts(opts, row, e))
        return e->kind;
    char *lacks = progress_lacks_reason(progress_entry_lacks(row));
    int ret = lacks ? err_set(e, ERR_INVALID, "báo cáo chưa được ghi: %s", lacks) : 0;
    free(lacks);
    return ret;
}

static int progress_add(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = {
        { "--task", true, NULL },    { "--code", true, NULL },         { "--document", true, NULL },
        { "--unit", true, NULL },    { "--date", true, NULL },         { "--done", false, NULL },
        { "--reopen", false, NULL }, { "--completed-on", true, NULL }, { "--output", true, NULL },
        { "--result", true, NULL },  { "--next", true, NULL },         { "--issues", true, NULL },
        { "--percent", true, NULL }, { "--attachment", true, NULL },   { "--dry-run", false, NULL },
        { "--json", false, NULL },   { NULL, false, NULL },
    };
    const char *pos[1];
    int n_pos;
    bool help;
    if (args_parse(argc, argv, opts, pos, 0, &n_pos, &help, &c->err))
        return c->err.kind;
    if (help)
        return cli_usage("progress");
    struct batch b = BATCH_INIT;
    int ret = entered_row(opts, batch_add_progress(&b, 0), &c->err);
    struct progress_options opt = { NULL, "cli", cli_today(), opt_value(opts, "--dry-run"),
                                    false };
    struct progress_summary sum = { 0 };
    if (!ret)
        ret = cli_open_existing(c);
    if (!ret)
        ret = store_progress_add(c->db, &c->reg, &b, &opt, &sum, &c->err);
    if (!ret && sum.n_rejects)
        ret = err_set(&c->err, ERR_INVALID, "%s", sum.rejects[0].reason);
    if (!ret && opt_value(opts, "--json")) {
        char *js = json_progress_summary(&sum);
        printf("%s\n", js);
        free(js);
    } else if (!ret && !sum.added) {
        printf("Báo cáo này đã có (số %ld), không ghi lại\n", sum.duplicate_id);
    } else if (!ret && sum.written) {
        printf("Đã ghi báo cáo số %ld\n", sum.last_id);
    } else if (!ret) {
        printf("Báo cáo hợp lệ (chạy thử, không ghi)\n");
    }
    progress_summary_release(&sum);
    batch_release(&b);
    return ret;
}

static void print_timeline(const struct progress_view *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char rep[DATE_ISO_LEN], done[DATE_ISO_LEN];
        date_dmy(v[i].reported_on, rep);
        date_dmy(v[i].completed_on, done);
        printf("%ld\tnhiệm vụ %ld\t%s\t%s\t%s%s\n", v[i].id, v[i].task_id, rep, v[i].unit,
               !strcmp(v[i].kind, "done")     ? "hoàn thành ngày "
               : !strcmp(v[i].kind, "reopen") ? "mở lại"
                                              : "báo cáo tiến độ",
               done);
        if (*v[i].result)
            printf("\t%s\n", v[i].result);
    }
}

static int progress_list(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--task", true, NULL }, { "--format", true, NULL },
                          { NULL, false, NULL } };
    const char *pos[1];
    int n_pos;
    bool help;
    if (args_parse(argc, argv, opts, pos, 0, &n_pos, &help, &c->err))
        return c->err.kind;
    if (help)
        return cli_usage("progress");
    const char *task = opt_value(opts, "--task");
    long id = 0;
    if (task && cli_parse_id(task, &id, &c->err))
        return c->err.kind;
    const char *format = opt_value(opts, "--format");
    if (format && strcmp(format, "json") && strcmp(format, "table"))
        return err_set(&c->err, ERR_INVALID, "unknown format '%s' (use table or json)", format);
    struct progress_view *v = NULL;
    size_t n = 0;
    int ret = cli_open_existing(c);
    if (!ret)
        ret = store_progress_list(c->db, id, &v, &n, &c->err);
    if (!ret && format && !strcmp(format, "json")) {
        char *js = json_progress_list(v, n);
        printf("%s\n", js);
        free(js);
    } else if (!ret) {
        print_timeline(v, n);
    }
    progress_views_free(v, n);
    return ret;
}

int cmd_progress(struct cli *c, int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "add"))
        return progress_add(c, argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "list"))
        return progress_list(c, argc - 1, argv + 1);
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
        return cli_usage("progress");
    return err_set(&c->err, ERR_INVALID, "use 'progress add' or 'progress list'");
}

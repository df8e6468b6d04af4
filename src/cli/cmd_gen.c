/*
 * cmd_gen: `giamsat gen --tasks N --reports N [--units N] [--seed S]
 * [--until D]` — a generated programme (core/gen.h) written through the
 * store exactly as imports write: task batches with store_import(), then
 * progress batches with store_progress_add(), each a transaction of its
 * own so memory stays bounded. Any row the store refuses (a rejected
 * report, an unresolved unit, a duplicate) stops the command with an
 * error: the generator promises none.
 */
#include "cli.h"

#include "core/gen.h"
#include "core/gen_units.h"
#include "store/store_import.h"
#include "store/store_progress.h"
#include "store/store_query.h"
#include "store/store_registry.h"
#include "util/strparse.h"
#include "util/xalloc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Task rows per store_import() and report rows per store_progress_add(). */
#define TASK_CHUNK 5000
#define REPORT_CHUNK 100000
/* Runs at least this big say how far they are on stderr. */
#define LOUD_TASKS 2000
#define LOUD_REPORTS 200000

struct gen_run {
    struct cli *c;
    struct gen *g;
    char *label; /* import_run.file of every batch: "giamsat gen --seed S" */
    bool loud;   /* progress lines on stderr */
    struct timespec t0;
    size_t n_tasks, n_reports; /* asked for */
};

static double elapsed(const struct gen_run *run)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - run->t0.tv_sec) + (double)(t.tv_nsec - run->t0.tv_nsec) / 1e9;
}

static int parse_size(const struct opt *opts, const char *name, long min, long *out, struct err *e)
{
    const char *v = opt_value(opts, name);
    if (!v)
        return 0;
    if (strparse_long(v, min, 100000000L, out))
        return err_set(e, ERR_INVALID, "%s '%s' is not a number from %ld to 100000000", name, v,
                       min);
    return 0;
}

/* The options, checked: sizes, seed, and the last day (not after today). */
static int read_options(struct cli *c, const struct opt *opts, struct gen_options *o, long *units)
{
    long tasks = 0, reports = 0, seed = 1;
    *units = 0;
    if (!opt_value(opts, "--tasks"))
        return err_set(&c->err, ERR_INVALID, "how many tasks? (--tasks N)");
    if (parse_size(opts, "--tasks", 1, &tasks, &c->err) ||
        parse_size(opts, "--reports", 0, &reports, &c->err) ||
        parse_size(opts, "--units", 0, units, &c->err))
        return c->err.kind;
    const char *s = opt_value(opts, "--seed");
    if (s && strparse_long(s, 0, LONG_MAX, &seed))
        return err_set(&c->err, ERR_INVALID, "--seed '%s' is not a non-negative number", s);
    struct date today = cli_today(), until = today;
    const char *u = opt_value(opts, "--until");
    if (u && cli_parse_date(u, "--until", &until, &c->err))
        return c->err.kind;
    if (date_is_set(today) && date_cmp(until, today) > 0)
        return err_set(&c->err, ERR_INVALID,
                       "--until '%s' is after today: reports cannot be"
                       " dated in the future",
                       u);
    *o = (struct gen_options){ (uint64_t)seed, (size_t)tasks, (size_t)reports, until };
    return 0;
}

/* The generated communes the registry lacks, written and loaded. */
static int add_units(struct cli *c, long units)
{
    struct registry extra = REGISTRY_INIT;
    size_t added = 0;
    int ret = 0;
    if (gen_units(&c->reg, (size_t)units, &extra))
        ret = store_seed_registry(c->db, &extra, &added, &c->err);
    registry_release(&extra);
    if (!ret && added) {
        registry_release(&c->reg);
        ret = store_load_registry(c->db, &c->reg, &c->err);
    }
    return ret;
}

/* What the store said about a task batch that the generator promised would not happen. */
static int task_refusal(struct cli *c, const struct batch *b, const struct import_summary *sum)
{
    if (b->n_rejects)
        return err_set(&c->err, ERR_INTERNAL, "generated task rejected (line %zu): %s",
                       b->rejects[0].line, b->rejects[0].reason);
    if (sum->unresolved)
        return err_set(&c->err, ERR_INTERNAL, "%zu generated unit names not resolved",
                       sum->unresolved);
    if (sum->n_dups || !sum->written)
        return err_set(&c->err, ERR_INTERNAL, "generated tasks not written (%zu duplicates)",
                       sum->n_dups);
    return 0;
}

static int write_tasks(struct gen_run *run)
{
    struct cli *c = run->c;
    int ret = 0;
    size_t done = 0;
    for (;;) {
        struct batch b = BATCH_INIT;
        struct resolved_task *rt = NULL;
        struct import_summary sum = { 0 };
        size_t n = gen_next_tasks(run->g, &b, TASK_CHUNK, &rt, &sum);
        if (n) {
            struct import_options io = { .file = run->label };
            ret = store_import(c->db, &c->reg, &b, rt, &io, &sum, &c->err);
            if (!ret)
                ret = task_refusal(c, &b, &sum);
        }
        import_summary_release(&sum);
        resolved_free(rt, b.n_tasks);
        batch_release(&b);
        done += n;
        if (n && run->loud)
            fprintf(stderr, "gen: %zu/%zu nhiệm vụ (%.1f s)\n", done, run->n_tasks, elapsed(run));
        if (!n || ret)
            return ret;
    }
}

static int report_refusal(struct cli *c, const struct progress_summary *s)
{
    if (s->n_rejects)
        return err_set(&c->err, ERR_INTERNAL,
                       "%zu generated report(s) rejected, first (row %zu):"
                       " %s",
                       s->n_rejects, s->rejects[0].line, s->rejects[0].reason);
    if (!s->written || s->added != s->rows)
        return err_set(&c->err, ERR_INTERNAL,
                       "generated reports not all written (%zu of %zu,"
                       " %zu duplicates)",
                       s->added, s->rows, s->duplicates);
    return 0;
}

static int write_reports(struct gen_run *run)
{
    struct cli *c = run->c;
    struct progress_options po = { run->label, "import", cli_today(), false, false };
    int ret = 0;
    size_t done = 0;
    for (;;) {
        struct batch b = BATCH_INIT;
        size_t n = gen_next_reports(run->g, &b, REPORT_CHUNK);
        struct progress_summary sum = { 0 };
        if (n)
            ret = store_progress_add(c->db, &c->reg, &b, &po, &sum, &c->err);
        if (n && !ret)
            ret = report_refusal(c, &sum);
        progress_summary_release(&sum);
        batch_release(&b);
        done += n;
        if (n && run->loud)
            fprintf(stderr, "gen: %zu/%zu báo cáo (%.1f s)\n", done, run->n_reports, elapsed(run));
        if (!n || ret)
            return ret;
    }
}

static void print_summary(const struct gen_run *run)
{
    struct gen_counts k;
    gen_counts(run->g, &k);
    printf("Đã sinh: %zu nhiệm vụ (%zu văn bản, %zu nhóm, %zu nhiệm vụ con, %zu nhắc lại,"
           " %zu thường xuyên, %zu nhiều đơn vị, %zu giao cho nhóm), %zu giao việc,"
           " %zu báo cáo (%zu hoàn thành: %zu đúng hạn, %zu quá hạn; %zu mở lại); %.1f s\n",
           k.tasks, k.documents, k.groups, k.subtasks, k.repeats, k.recurring, k.multi_unit,
           k.group_led, k.assignments, k.reports, k.completions, k.on_time, k.late, k.reopenings,
           elapsed(run));
    if (k.reports < run->n_reports)
        fprintf(stderr, "gen: chỉ %zu/%zu báo cáo: các giao việc không đủ ngày để nhận thêm\n",
                k.reports, run->n_reports);
}

/* A generated programme goes into a database without tasks: codes and reports assume it. */
static int check_empty(struct cli *c)
{
    struct store_counts n;
    if (store_counts(c->db, &n, &c->err))
        return c->err.kind;
    if (n.tasks)
        return err_set(&c->err, ERR_CONFLICT,
                       "'%s' already holds %ld tasks: generate into a"
                       " new database",
                       db_display_name(c->db_path), n.tasks);
    return 0;
}

int cmd_gen(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--tasks", true, NULL }, { "--reports", true, NULL },
                          { "--units", true, NULL }, { "--seed", true, NULL },
                          { "--until", true, NULL }, { NULL, false, NULL } };
    const char *pos[1];
    int n_pos;
    bool help;
    struct gen_options o;
    long units;
    if (args_parse(argc, argv, opts, pos, 0, &n_pos, &help, &c->err))
        return c->err.kind;
    if (help)
        return cli_usage("gen");
    if (read_options(c, opts, &o, &units))
        return c->err.kind;
    struct gen_run run = { c,          NULL,
                           NULL,       o.n_tasks >= LOUD_TASKS || o.n_reports >= LOUD_REPORTS,
                           { 0, 0 },   o.n_tasks,
                           o.n_reports };
    clock_gettime(CLOCK_MONOTONIC, &run.t0);
    int ret = cli_open(c);
    if (!ret)
        ret = check_empty(c);
    if (!ret && units)
        ret = add_units(c, units);
    if (!ret) {
        run.label = xasprintf("giamsat gen --seed %llu", (unsigned long long)o.seed);
        run.g = gen_new(&c->reg, &o);
        ret = write_tasks(&run);
    }
    if (!ret)
        ret = write_reports(&run);
    if (!ret)
        print_summary(&run);
    gen_free(run.g);
    free(run.label);
    return ret;
}

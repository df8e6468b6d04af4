/*
 * cmd_import: `giamsat import FILE ...` (task tables, programmes, plans,
 * progress tables, measurement tables) and `giamsat demo`.
 */
#include "cli.h"

#include "core/embedded.h"
#include "core/resolve.h"
#include "import/import.h"
#include "json/json_out.h"
#include "json/json_report.h"
#include "store/store_auth.h"
#include "store/store_import.h"
#include "store/store_indicators.h"
#include "store/store_progress.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_text_summary(const struct import_summary *s, const struct batch *b,
                               const struct resolved_task *rt, bool dry_run)
{
    printf("%s: %zu nhiệm vụ, %zu nhiệm vụ con, %zu nhóm, %zu được tính; %zu chỉ tiêu;"
           " %zu văn bản; %zu tên đơn vị đã xác định; %zu nhóm đã mở rộng;"
           " %zu chưa xác định thời hạn\n",
           dry_run ? "Chạy thử (không ghi)" : "Đã nhập", s->tasks, s->subtasks, s->groups,
           s->counted, s->indicators, s->documents, s->agencies_resolved, s->groups_expanded,
           s->no_due_date);
    for (size_t i = 0; i < b->n_tasks; i++)
        for (size_t k = 0; k < rt[i].lead.n + rt[i].coord.n; k++) {
            const struct party *p = k < rt[i].lead.n ? &rt[i].lead.items[k]
                                                     : &rt[i].coord.items[k - rt[i].lead.n];
            if (p->kind == PARTY_UNRESOLVED)
                fprintf(stderr, "dòng %zu: không xác định được đơn vị '%s'\n", b->tasks[i].line,
                        p->text);
        }
    for (size_t i = 0; i < b->n_rejects; i++)
        fprintf(stderr, "dòng %zu: bị từ chối: %s\n", b->rejects[i].line, b->rejects[i].reason);
}

/* One duplicate or repeat, on one line of stderr. */
static void print_repeat(const char *file, const struct task_repeat *r, const char *what)
{
    fprintf(stderr, "%s dòng %zu: %s nhiệm vụ số %ld%s%s%s (độ giống %.2f%s): %.*s\n", file,
            r->line, what, r->task, r->code ? " (mã " : "", r->code ? r->code : "",
            r->code ? ")" : "", r->score, r->linked ? ", đã ghi là nhắc lại" : "",
            text_prefix_len(r->task_name, 100), r->task_name);
}

/*
 * The new tasks that duplicate or repeat stored ones: duplicates always
 * (they stop the import), repeats one by one in a dry run and as a count
 * otherwise, so that a routine import says what it proposes in one line.
 */
static void print_repeats(const struct import_summary *s, const char *file, bool dry_run)
{
    size_t exact = 0, linked = 0;
    for (size_t i = 0; i < s->n_dups; i++)
        print_repeat(file, &s->dups[i], "trùng tên với");
    for (size_t i = 0; i < s->n_repeats; i++) {
        exact += s->repeats[i].exact;
        linked += s->repeats[i].linked;
        if (dry_run)
            print_repeat(file, &s->repeats[i], s->repeats[i].exact ? "nhắc lại" : "gần giống");
    }
    if (s->n_repeats && !dry_run)
        fprintf(stderr, "%s: %zu nhiệm vụ có thể nhắc lại nhiệm vụ của văn bản trước (%zu trùng"
                        " tên, %zu gần giống), %zu đã ghi là nhắc lại; xem từng nhiệm vụ với"
                        " --dry-run%s\n",
                file, s->n_repeats, exact, s->n_repeats - exact, linked,
                linked ? "" : ", ghi là nhắc lại với --link-repeats");
    if (!s->near_checked)
        fprintf(stderr, "%s: nhiều nhiệm vụ mới, không dò tên gần giống (chỉ dò tên trùng)\n",
                file);
}

/* 1 with the reason on stderr when the import wrote nothing because of its rows; else 0. */
static int import_refusal(const struct import_summary *s, const struct batch *b, const char *name,
                          bool partial_ok, bool allow_duplicates)
{
    if (b->n_rejects && !partial_ok) {
        fprintf(stderr, "giamsat import: %zu row(s) rejected in '%s': nothing was written"
                        " (fix them, or use --allow-partial)\n",
                b->n_rejects, name);
        return 1;
    }
    if (s->n_dups && !allow_duplicates) {
        fprintf(stderr, "giamsat import: %zu task(s) in '%s' have the name of a task already"
                        " stored for the same document (line %zu first): nothing was written"
                        " (import them as new tasks with --allow-duplicates)\n",
                s->n_dups, name, s->dups[0].line);
        return 1;
    }
    return 0;
}

/* "Đã ghi", "Chạy thử (không ghi)", ... : what became of a measurement table. */
static const char *measure_outcome(const struct progress_summary *s, bool dry_run, bool partial_ok)
{
    if (s->written)
        return "Đã ghi";
    if (dry_run)
        return "Chạy thử (không ghi)";
    if (s->n_rejects && !partial_ok)
        return "Không ghi gì (có dòng bị từ chối)";
    return "Không có số đo mới, không ghi gì";
}

static void print_measure_summary(const struct progress_summary *s, const char *name,
                                  const struct opt *opts)
{
    bool dry_run = opt_value(opts, "--dry-run"), partial_ok = opt_value(opts, "--allow-partial");
    if (opt_value(opts, "--json")) {
        char *js = json_progress_summary(s);
        printf("%s\n", js);
        free(js);
    } else {
        printf("%s: %zu dòng; %zu số đo %s; %zu trùng số đo đã có, bỏ qua; %zu bị từ chối\n",
               measure_outcome(s, dry_run, partial_ok), s->rows, s->added,
               s->written ? "đã ghi" : "hợp lệ", s->duplicates, s->n_rejects);
    }
    for (size_t i = 0; i < s->n_rejects; i++)
        fprintf(stderr, "%s dòng %zu: bị từ chối: %s\n", name, s->rejects[i].line,
                s->rejects[i].reason);
}

/* Store a measurement table (or dry-run it); 1 when rows were rejected and nothing written. */
static int import_measure_table(struct cli *c, const struct measure_table *mt, const char *name,
                                const struct opt *opts)
{
    bool partial_ok = opt_value(opts, "--allow-partial") != NULL;
    struct audit_entry a = { "cli", 0, 0, "import", "import_run", 0, NULL, NULL, "" };
    struct measure_import_options mo = {
        .file = name,
        .actor = "cli",
        .document = opt_value(opts, "--document"),
        .today = cli_today(),
        .dry_run = opt_value(opts, "--dry-run") != NULL,
        .allow_partial = partial_ok,
        .audit = &a,
    };
    struct progress_summary sum = { 0 };
    int ret = store_measurements_import(c->db, &c->reg, mt, &mo, &sum, &c->err);
    if (!ret)
        print_measure_summary(&sum, name, opts);
    if (!ret && sum.n_rejects && !partial_ok) {
        fprintf(stderr,
                "giamsat import: %zu row(s) rejected in '%s': nothing was written"
                " (fix them, or use --allow-partial)\n",
                sum.n_rejects, name);
        ret = 1;
    }
    progress_summary_release(&sum);
    return ret;
}

/* Read, resolve, store (or dry-run) and report one file's bytes. */
static int import_bytes(struct cli *c, const char *data, size_t len, const char *name,
                        struct opt *opts)
{
    struct batch b = BATCH_INIT;
    struct measure_table mt = MEASURE_TABLE_INIT;
    if (import_read_all(data, len, name, opt_value(opts, "--format"), &b, &mt, &c->err))
        return c->err.kind;
    if (!strcmp(b.format, "measurements")) {
        int ret = import_measure_table(c, &mt, name, opts);
        measure_table_release(&mt);
        return ret;
    }
    if (b.n_progress && import_progress_hints(&b, name, opt_value(opts, "--date"),
                                              opt_value(opts, "--unit"), &c->reg, &c->err)) {
        batch_release(&b);
        return c->err.kind;
    }
    if (b.n_progress) {
        struct progress_confirm confirm = { opt_value(opts, "--accept-suggestions") != NULL,
                                            opt_value(opts, "--accept-completions") != NULL };
        int ret = import_progress_batch(c, &b, name, opt_value(opts, "--dry-run") != NULL,
                                        opt_value(opts, "--allow-partial") != NULL,
                                        opt_value(opts, "--json") != NULL, &confirm);
        batch_release(&b);
        return ret;
    }
    struct import_summary sum = { 0 };
    struct resolved_task *rt = resolve_batch(&c->reg, &b, &sum);
    bool partial_ok = opt_value(opts, "--allow-partial") != NULL;
    bool rejected = b.n_rejects > 0;
    struct import_options io = {
        .file = name,
        .dry_run = opt_value(opts, "--dry-run") || (rejected && !partial_ok),
        .document = opt_value(opts, "--document"),
        .allow_duplicates = opt_value(opts, "--allow-duplicates") != NULL,
        .link_repeats = opt_value(opts, "--link-repeats") != NULL,
    };
    int ret = store_import(c->db, &c->reg, &b, rt, &io, &sum, &c->err);
    if (!ret) {
        if (opt_value(opts, "--json")) {
            char *js = json_import_summary(&sum, &b, rt);
            printf("%s\n", js);
            free(js);
        } else {
            print_text_summary(&sum, &b, rt, io.dry_run);
            print_repeats(&sum, name, io.dry_run);
        }
        ret = import_refusal(&sum, &b, name, partial_ok, io.allow_duplicates);
    }
    import_summary_release(&sum);
    resolved_free(rt, b.n_tasks);
    batch_release(&b);
    return ret;
}

int cmd_import(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--format", true, NULL },   { "--document", true, NULL },
                          { "--dry-run", false, NULL }, { "--allow-partial", false, NULL },
                          { "--json", false, NULL },    { "--unit", true, NULL },
                          { "--date", true, NULL },     { "--accept-suggestions", false, NULL },
                          { "--accept-completions", false, NULL },
                          { "--link-repeats", false, NULL },
                          { "--allow-duplicates", false, NULL },
                          { NULL, false, NULL } };
    const char *pos[1];
    int n_pos;
    bool help;
    if (args_parse(argc, argv, opts, pos, 1, &n_pos, &help, &c->err))
        return c->err.kind;
    if (help)
        return cli_usage("import");
    if (n_pos != 1)
        return err_set(&c->err, ERR_INVALID, "which file? (giamsat import FILE)");
    char *data;
    size_t len;
    if (cli_read_file(pos[0], &data, &len, &c->err))
        return c->err.kind;
    int ret = cli_open(c);
    if (!ret)
        ret = import_bytes(c, data, len, pos[0], opts);
    free(data);
    return ret;
}

/* The shipped programme data, imported from the copies compiled into the binary. */
static const struct {
    const char *file;
    const char *format;
} demo_files[] = {
    { "data/seeds/001_523cb3a39135c550.txt", "program" },
    { "data/seeds/002_d7ea618fb136404a.txt", "plan" },
    /* A few example progress reports, marked "(Số liệu mẫu)", so the dashboard is not empty. */
    { "data/demo/tien_do_mau.csv", "progress" },
};

int cmd_demo(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--format", true, NULL }, { NULL, false, NULL } };
    const char *pos[1];
    int n_pos;
    bool help;
    if (args_parse(argc, argv, opts, pos, 0, &n_pos, &help, &c->err))
        return c->err.kind;
    if (help)
        return cli_usage("demo");
    int ret = cli_open(c);
    for (size_t i = 0; i < sizeof(demo_files) / sizeof(*demo_files) && !ret; i++) {
        const struct embedded_file *f = embedded_find(demo_files[i].file);
        if (!f)
            return err_set(&c->err, ERR_INTERNAL, "'%s' is not built in", demo_files[i].file);
        opts[0].value = demo_files[i].format;
        ret = import_bytes(c, f->data, f->len, demo_files[i].file, opts);
    }
    return ret;
}

/*
 * cmd_report: `giamsat report` (the statistics report as of a date, in
 * every format, with its indicator section), `giamsat remind` (reminder
 * letters per unit) and `giamsat warnings` (early warnings as of a date);
 * cli_reminders_visit() and cli_warnings_visit() lend both to the
 * notifications (cmd_notify.c).
 */
#include "cli.h"

#include "core/indicator_board.h"
#include "core/remind.h"
#include "core/report.h"
#include "core/report_compare.h"
#include "core/report_notes.h"
#include "core/warning.h"
#include "export/docx.h"
#include "export/xlsx.h"
#include "json/json_report.h"
#include "json/json_warnings.h"
#include "render/csv.h"
#include "render/html.h"
#include "render/md.h"
#include "render/remind_doc.h"
#include "render/report_doc.h"
#include "store/store_auth.h"
#include "store/store_programme.h"
#include "store/store_query.h"
#include "store/store_requests.h"
#include "store/store_docsets.h"
#include "store/store_warnings.h"
#include "util/buf.h"
#include "util/strparse.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reports are large but bounded: a cap keeps a runaway bug from filling the disk. */
#define RENDER_MAX ((size_t)512 << 20)

/* ---- scope: dates, document and unit ------------------------------------------ */

struct scope {
    struct date as_of, due_by;
    long document_id, agency_id; /* 0 = all */
    long *document_ids;          /* --document given more than once: every one (owned) */
    size_t n_document_ids;
    size_t *documents;           /* their programme indexes, once loaded (owned) */
};

static void scope_release(struct scope *s)
{
    free(s->document_ids);
    free(s->documents);
}

/* The programme indexes of document ids[0..n), newly allocated (every id is loaded). */
static size_t *document_indexes(const struct programme *p, const long *ids, size_t n)
{
    size_t *v = xcalloc(n ? n : 1, sizeof(*v));
    for (size_t i = 0; i < n; i++)
        v[i] = programme_find_document(p, ids[i]);
    return v;
}

/* Every --document named (a union), each resolved to its id. */
static int read_documents(struct cli *c, const struct strvec *refs, struct scope *s)
{
    if (refs->n < 2)
        return 0;
    s->document_ids = xcalloc(refs->n, sizeof(long));
    for (size_t i = 0; i < refs->n; i++) {
        long id;
        if (store_find_document(c->db, refs->items[i], &id, &c->err))
            return c->err.kind;
        bool seen = false;
        for (size_t k = 0; k < s->n_document_ids; k++)
            seen |= s->document_ids[k] == id;
        if (!seen)
            s->document_ids[s->n_document_ids++] = id;
    }
    return 0;
}

static int read_scope(struct cli *c, const struct opt *opts, const struct strvec *docs,
                      struct scope *s)
{
    const char *as_of = opt_value(opts, "--as-of"), *due_by = opt_value(opts, "--due-by");
    *s = (struct scope){ DATE_NONE, DATE_NONE, 0, 0, NULL, 0, NULL };
    if (!as_of)
        return err_set(&c->err, ERR_INVALID, "the report needs a date (--as-of D)");
    if (cli_parse_date(as_of, "--as-of", &s->as_of, &c->err) ||
        (due_by && cli_parse_date(due_by, "--due-by", &s->due_by, &c->err)))
        return c->err.kind;
    const char *doc = opt_value(opts, "--document"), *agency = opt_value(opts, "--agency");
    if (docs && docs->n > 1 ? read_documents(c, docs, s)
                            : doc && store_find_document(c->db, doc, &s->document_id, &c->err))
        return c->err.kind;
    if (agency) {
        s->agency_id = registry_unit_id(&c->reg, agency);
        if (!s->agency_id)
            return err_set(&c->err, ERR_NOT_FOUND, "no unit named '%s'", agency);
    }
    return 0;
}

/* The indicators a report's board borrows (indicator_board_build_view()): freed after it. */
struct board_src {
    struct indicator *x;
    size_t n;
    struct indicator_target_counts counted; /* by the database, in the same read */
};

/*
 * Load the programme and compute the report of scope s. With src (the report, not the
 * reminders), the indicators and the database's count of those with a target are read in
 * the programme's read transaction (store_load_snapshot()), as the server's cache reads
 * them: the board and the count it is checked against see the same rows.
 */
static int build_report(struct cli *c, struct scope *s, struct programme *p, struct report *r,
                        struct board_src *src)
{
    struct store_stamp stamp;
    if (store_load_snapshot(c->db, p, &stamp, src ? &src->x : NULL, src ? &src->n : NULL,
                            src ? &src->counted : NULL, &c->err))
        return c->err.kind;
    struct report_options o = { s->as_of, s->due_by, PROG_NONE, PROG_NONE, NULL, 0 };
    if (s->n_document_ids) {
        s->documents = document_indexes(p, s->document_ids, s->n_document_ids);
        o.documents = s->documents;
        o.n_documents = s->n_document_ids;
    }
    if (s->document_id)
        o.document = programme_find_document(p, s->document_id);
    if (s->agency_id)
        o.agency = programme_find_agency(p, s->agency_id);
    return report_build(p, &o, r, &c->err);
}

/*
 * The indicator board of r's scope as of its date over src's indicators: every indicator,
 * or with a unit filter the ones that unit monitors (the same view the server's report
 * cache builds), expecting as many counted indicators as the database counted for that
 * scope. A board whose counts do not add up stops the report, as a report that does not
 * reconcile does.
 */
static int build_board(struct cli *c, const struct report *r, const struct board_src *src,
                       struct indicator_board *b)
{
    long agency_id = r->opt.agency == PROG_NONE ? 0 : r->prog->agencies[r->opt.agency].id;
    indicator_board_build_view(b, src->x, src->n, r->opt.as_of, agency_id);
    b->expected_counted = indicator_target_counts_of(&src->counted, agency_id);
    return indicator_board_reconcile(b, &c->err);
}

/* ---- output -------------------------------------------------------------------- */

static bool is_binary(const char *format)
{
    return !strcmp(format, "xlsx") || !strcmp(format, "docx");
}

/* Binary formats are written by libraries that need a path: stdout goes through a temp file. */
static int write_binary(struct cli *c, const struct rdoc *d, const char *format,
                        const char *path)
{
    bool to_stdout = !path || !strcmp(path, "-");
    if (to_stdout && isatty(STDOUT_FILENO))
        return err_set(&c->err, ERR_INVALID, "%s is binary: write it to a file with -o FILE",
                       format);
    char tmp[] = "/tmp/giamsat-XXXXXX";
    const char *target = path;
    if (to_stdout) {
        int fd = mkstemp(tmp);
        if (fd < 0)
            return err_set(&c->err, ERR_STORAGE, "cannot create a temporary file");
        close(fd);
        target = tmp;
    }
    int ret = !strcmp(format, "xlsx") ? xlsx_write(d, target, &c->err)
                                      : docx_write(d, target, &c->err);
    if (!ret && to_stdout) {
        char *data = NULL;
        size_t len = 0;
        ret = cli_read_file(tmp, &data, &len, &c->err);
        if (!ret)
            ret = cli_write_output(NULL, data, len, &c->err);
        free(data);
    }
    if (to_stdout)
        unlink(tmp);
    return ret;
}

static int write_text(struct cli *c, const struct rdoc *d, const char *format,
                      const char *section, const char *path)
{
    struct buf b;
    buf_init(&b, RENDER_MAX);
    if (!strcmp(format, "md"))
        md_render(d, &b);
    else if (!strcmp(format, "html"))
        html_render(d, &b);
    else
        csv_render(d, section, &b);
    int ret = buf_ok(&b) ? cli_write_output(path, b.data, b.len, &c->err)
                         : err_set(&c->err, ERR_INTERNAL, "the %s output is too large", format);
    buf_release(&b);
    return ret;
}

/*
 * Render d in format (md, html, csv, xlsx, docx) to path or stdout; with
 * section, only that section (a view sharing d's storage: not released).
 */
static int write_doc(struct cli *c, const struct rdoc *d, const char *format,
                     const char *section, const char *path)
{
    struct rdoc view = *d;
    if (section) {
        size_t i = 0;
        while (i < d->n_sections && strcmp(d->sections[i].key, section))
            i++;
        if (i == d->n_sections)
            return err_set(&c->err, ERR_INVALID, "no section '%s' in the report", section);
        view.sections = &d->sections[i];
        view.n_sections = 1;
    }
    if (is_binary(format))
        return write_binary(c, &view, format, path);
    return write_text(c, &view, format, section, path);
}

static int check_format(struct cli *c, const char *format, const char *const *allowed)
{
    for (size_t i = 0; allowed[i]; i++)
        if (!strcmp(format, allowed[i]))
            return 0;
    return err_set(&c->err, ERR_INVALID, "unknown format '%s'", format);
}

/* Write a JSON text (taking ownership) and a final newline to path or stdout. */
static int write_json(struct cli *c, char *js, const char *path)
{
    size_t len = strlen(js);
    js[len] = '\n'; /* the NUL's place: cli_write_output takes a length */
    int ret = cli_write_output(path, js, len + 1, &c->err);
    free(js);
    return ret;
}

/* ---- report -------------------------------------------------------------------- */

/*
 * The frame of a docx or html report (core/frame.h): the stored settings with this
 * report's overrides, dated as of the report; with --annex none, the title under
 * "PHỤ LỤC". Other formats have no page: nothing to do.
 */
static int frame_report(struct cli *c, const struct opt *opts, const char *format,
                        struct date as_of, struct rdoc *d)
{
    if (strcmp(format, "docx") && strcmp(format, "html"))
        return 0;
    if (opt_value(opts, "--annex") || opt_value(opts, "--no-frame")) {
        rdoc_set_kind(d, "PHỤ LỤC");
        return 0;
    }
    struct frame_settings fs = FRAME_SETTINGS_INIT;
    int ret = cli_report_frame(c, opts, &fs);
    if (!ret)
        rdoc_set_frame(d, &fs, as_of, "BÁO CÁO");
    frame_settings_release(&fs);
    return ret;
}

/* The report in the format, section and output file opts name (and, for pages, its frame). */
static int emit_report(struct cli *c, const struct report *r, const struct indicator_board *b,
                       const struct report_extras *x, const struct opt *opts)
{
    const char *format = opt_value(opts, "--format") ? opt_value(opts, "--format") : "md";
    const char *section = opt_value(opts, "--section");
    const char *path = opt_value(opts, "-o") ? opt_value(opts, "-o") : opt_value(opts, "--output");
    if (!strcmp(format, "json")) {
        if (section)
            return err_set(&c->err, ERR_INVALID, "--section does not apply to --format json");
        return write_json(c, json_report_with(r, b, x), path);
    }
    struct rdoc d = RDOC_INIT;
    report_doc_build_with(r, b, x, &d);
    int ret = frame_report(c, opts, format, r->opt.as_of, &d);
    if (!ret)
        ret = write_doc(c, &d, format, section, path);
    rdoc_release(&d);
    return ret;
}

/*
 * With --compare D0: the report of the same programme and scope as of D0 (its due_by
 * the report's, so the "due by" columns count the same thing) into *before, and the
 * comparison into *cmp. 0 without the option (nothing built).
 */
static int build_compare(struct cli *c, const char *d0_text, const struct report *r,
                         struct report *before, struct report_compare *cmp, bool *built)
{
    *built = false;
    if (!d0_text)
        return 0;
    struct report_options o = r->opt;
    if (cli_parse_date(d0_text, "--compare", &o.as_of, &c->err) ||
        report_build(r->prog, &o, before, &c->err) ||
        report_compare_build(before, r, cmp, &c->err))
        return c->err.kind;
    *built = true;
    return 0;
}

/* What a report carries besides its sections: the document sets, issues and stale flags. */
struct report_more {
    struct report_part *parts; /* one per --set */
    struct report *reports;    /* their reports */
    size_t **documents;        /* their documents' programme indexes */
    size_t n_sets;
    struct report_notes notes;
};

/* The report of set name over r's programme and scope, into part k of m. */
static int build_set(struct cli *c, const char *name, const struct report *r,
                     struct report_more *m, size_t k)
{
    struct docset_view v = { 0 };
    if (store_docset_find(c->db, name, &v, &c->err))
        return c->err.kind;
    struct report_options o = r->opt;
    m->documents[k] = document_indexes(r->prog, v.documents, v.n_documents);
    o.documents = m->documents[k];
    o.n_documents = v.n_documents;
    o.document = PROG_NONE;
    int ret = report_build(r->prog, &o, &m->reports[k], &c->err);
    docset_view_release(&v);
    m->parts[k] = (struct report_part){ name, &m->reports[k] };
    m->n_sets = k + 1;
    return ret;
}

static int build_more(struct cli *c, const struct strvec *sets, long stale_after,
                      const struct report *r, struct report_more *m)
{
    m->parts = xcalloc(sets->n + 1, sizeof(*m->parts));
    m->reports = xcalloc(sets->n + 1, sizeof(*m->reports));
    m->documents = xcalloc(sets->n + 1, sizeof(*m->documents));
    for (size_t k = 0; k < sets->n; k++)
        if (build_set(c, sets->items[k], r, m, k))
            return c->err.kind;
    return store_report_notes(c->db, r, stale_after, &m->notes, &c->err);
}

static void report_more_release(struct report_more *m)
{
    for (size_t k = 0; k < m->n_sets; k++) {
        report_release(&m->reports[k]);
        free(m->documents[k]);
    }
    free(m->parts);
    free(m->reports);
    free(m->documents);
    report_notes_release(&m->notes);
}

static int read_stale_after(struct cli *c, const char *text, long *days)
{
    *days = REPORT_STALE_DAYS;
    if (text && strparse_long(text, 0, 3660, days))
        return err_set(&c->err, ERR_INVALID,
                       "--stale-after needs a number of days (0-3660), e.g. --stale-after 45");
    return 0;
}

/* Everything one `giamsat report` computes, released together. */
struct report_job {
    struct scope s;
    struct programme p;
    struct report r, before;
    struct indicator_board b;
    struct board_src src;
    struct report_compare cmp;
    bool compared;
    struct report_more more;
    struct request_summary requests; /* the requests for explanation of the scope (issue #15) */
};

static void report_job_release(struct report_job *j)
{
    report_more_release(&j->more);
    request_summary_release(&j->requests);
    report_compare_release(&j->cmp);
    report_release(&j->before);
    indicator_board_release(&j->b);
    indicators_free(j->src.x, j->src.n);
    indicator_target_counts_release(&j->src.counted);
    report_release(&j->r);
    programme_release(&j->p);
    scope_release(&j->s);
}

static int run_report(struct cli *c, const struct opt *opts, const struct strvec *docs,
                      const struct strvec *sets, long stale_after, struct report_job *j)
{
    if (read_scope(c, opts, docs, &j->s) || build_report(c, &j->s, &j->p, &j->r, &j->src) ||
        build_board(c, &j->r, &j->src, &j->b) ||
        build_compare(c, opt_value(opts, "--compare"), &j->r, &j->before, &j->cmp,
                      &j->compared) ||
        build_more(c, sets, stale_after, &j->r, &j->more) ||
        store_request_summary(c->db,
                              j->r.opt.agency == PROG_NONE ? 0 : j->p.agencies[j->r.opt.agency].id,
                              j->r.opt.as_of, &j->requests, &c->err))
        return c->err.kind;
    struct report_extras x = { j->compared ? &j->cmp : NULL, j->more.parts, j->more.n_sets };
    report_notes_extras(&j->more.notes, &x);
    /* The Word report to sign points to annexes II and III, sent as the xlsx (issue #14). */
    const char *format = opt_value(opts, "--format");
    x.lists_apart = format && !strcmp(format, "docx") && !opt_value(opts, "--lists");
    x.requests = request_summary_any(&j->requests);
    return emit_report(c, &j->r, &j->b, &x, opts);
}

int cmd_report(struct cli *c, int argc, char **argv)
{
    static const char *const formats[] = { "json", "md", "html", "csv", "xlsx", "docx", NULL };
    struct strvec docs = STRVEC_INIT, sets = STRVEC_INIT;
    struct opt opts[] = { { "--as-of", true, NULL },          { "--due-by", true, NULL },
                          { "--document", true, NULL, &docs }, { "--agency", true, NULL },
                          { "--format", true, NULL },          { "--section", true, NULL },
                          { "-o", true, NULL },                { "--output", true, NULL },
                          { "--compare", true, NULL },         { "--set", true, NULL, &sets },
                          { "--stale-after", true, NULL },     { "--annex", false, NULL },
                          { "--no-frame", false, NULL },       { "--issuer", true, NULL },
                          { "--number", true, NULL },          { "--place", true, NULL },
                          { "--signer", true, NULL },          { "--recipients", true, NULL },
                          { "--lists", false, NULL },          { NULL, false, NULL } };
    const char *pos[1];
    int n_pos;
    bool help;
    long stale_after = 0;
    int ret = args_parse(argc, argv, opts, pos, 0, &n_pos, &help, &c->err);
    const char *format = opt_value(opts, "--format") ? opt_value(opts, "--format") : "md";
    if (!ret && help)
        ret = cli_usage("report");
    else if (!ret && (check_format(c, format, formats) ||
                      read_stale_after(c, opt_value(opts, "--stale-after"), &stale_after) ||
                      cli_open_existing(c)))
        ret = c->err.kind;
    else if (!ret) {
        struct report_job j = { .compared = false };
        j.more = (struct report_more){ .notes = REPORT_NOTES_INIT };
        j.p = (struct programme)PROGRAMME_INIT;
        j.r = j.before = (struct report)REPORT_INIT;
        j.b = (struct indicator_board)INDICATOR_BOARD_INIT;
        j.src = (struct board_src){ NULL, 0, INDICATOR_TARGET_COUNTS_INIT };
        j.cmp = (struct report_compare)REPORT_COMPARE_INIT;
        j.requests = (struct request_summary)REQUEST_SUMMARY_INIT;
        ret = run_report(c, opts, &docs, &sets, stale_after, &j);
        report_job_release(&j);
    }
    strvec_release(&docs);
    strvec_release(&sets);
    return ret;
}

/* ---- remind -------------------------------------------------------------------- */

static int emit_reminders(struct cli *c, const struct reminders *rm, const char *format,
                          const char *path)
{
    if (!strcmp(format, "json")) {
        return write_json(c, json_reminders(rm), path);
    }
    struct rdoc d = RDOC_INIT;
    remind_doc_build(rm, &d);
    int ret = !strcmp(format, "docx") ? write_binary(c, &d, format, path)
                                      : write_doc(c, &d, "md", NULL, path);
    rdoc_release(&d);
    return ret;
}

static int read_within(struct cli *c, const char *text, long *days)
{
    if (!text || strparse_long(text, 0, 3660, days))
        return err_set(&c->err, ERR_INVALID,
                       "--within needs a number of days (0-3660), e.g. --within 14");
    return 0;
}

int cmd_remind(struct cli *c, int argc, char **argv)
{
    static const char *const formats[] = { "text", "json", "docx", "md", NULL };
    struct opt opts[] = { { "--as-of", true, NULL }, { "--within", true, NULL },
                          { "--agency", true, NULL }, { "--format", true, NULL },
                          { "-o", true, NULL },      { "--send", false, NULL },
                          { "--smtp-config", true, NULL }, { NULL, false, NULL } };
    const char *pos[1];
    int n_pos;
    bool help;
    if (args_parse(argc, argv, opts, pos, 0, &n_pos, &help, &c->err))
        return c->err.kind;
    if (help)
        return cli_usage("remind");
    if (opt_value(opts, "--send"))
        return notify_remind_send(c, opt_value(opts, "--as-of"), opt_value(opts, "--within"),
                                  opt_value(opts, "--smtp-config"));
    const char *format = opt_value(opts, "--format") ? opt_value(opts, "--format") : "text";
    long within = 0;
    if (check_format(c, format, formats) || read_within(c, opt_value(opts, "--within"), &within) ||
        cli_open_existing(c))
        return c->err.kind;
    struct scope s;
    struct programme p = PROGRAMME_INIT;
    struct report r = REPORT_INIT;
    struct reminders rm = REMINDERS_INIT;
    int ret = read_scope(c, opts, NULL, &s);
    if (!ret)
        ret = build_report(c, &s, &p, &r, NULL);
    if (!ret)
        remind_build(&r, within, &rm);
    if (!ret)
        ret = emit_reminders(c, &rm, format, opt_value(opts, "-o"));
    reminders_release(&rm);
    report_release(&r);
    programme_release(&p);
    return ret;
}

int cli_reminders_visit(struct cli *c, struct date as_of, long within, cli_reminders_cb cb,
                        void *arg)
{
    struct scope s = { as_of, DATE_NONE, 0, 0 };
    struct programme p = PROGRAMME_INIT;
    struct report r = REPORT_INIT;
    struct reminders rm = REMINDERS_INIT;
    int ret = build_report(c, &s, &p, &r, NULL);
    if (!ret) {
        remind_build(&r, within, &rm);
        ret = cb(c, &rm, arg);
    }
    reminders_release(&rm);
    report_release(&r);
    programme_release(&p);
    return ret;
}

/* ---- warnings ------------------------------------------------------------------- */

/* The warnings as a table (rdoc): md for "table", csv for "csv". */
static int emit_warning_table(struct cli *c, const struct warning_list *l,
                              const struct programme *p, const struct indicator_board *b,
                              const char *format, const char *path)
{
    static const char *const cols[] = { "Mức", "Cảnh báo", "Đơn vị", "Nhiệm vụ / chỉ tiêu",
                                        "Từ ngày", "Lý do", NULL };
    struct rdoc d = RDOC_INIT;
    char as_of[DATE_ISO_LEN];
    date_dmy(b->as_of, as_of);
    char *sub = xasprintf("(Tính đến ngày %s: %zu cảnh báo)", as_of, l->n);
    rdoc_set_title(&d, "CẢNH BÁO SỚM", sub);
    free(sub);
    struct rtable *t = rsection_table(rdoc_add_section(&d, "canh_bao", "Cảnh báo", "Cảnh báo"),
                                      cols);
    for (size_t i = 0; i < l->n; i++) {
        const struct warning *w = &l->v[i];
        rtable_row(t);
        rtable_text(t, 0, xstrdup(warning_severity_label(w->severity)));
        rtable_text(t, 1, xstrdup(warning_rule_label(w->rule)));
        rtable_text(t, 2, xstrdup(w->unit));
        rtable_text(t, 3, w->task != PROG_NONE ? xasprintf("%ld. %s", p->tasks[w->task].id,
                                                           p->tasks[w->task].name)
                          : w->indicator >= 0  ? xasprintf("Chỉ tiêu %s", b->x[w->indicator].code)
                                               : xstrdup(""));
        rtable_date(t, 4, w->since);
        rtable_text(t, 5, xstrdup(w->reason));
    }
    int ret = write_text(c, &d, !strcmp(format, "csv") ? "csv" : "md", NULL, path);
    rdoc_release(&d);
    return ret;
}

/*
 * The inputs of the warnings as of s->as_of: the report of every unit (a unit filter
 * keeps the unit's warnings, not a narrower count), the same a month earlier, and the
 * indicator boards of both dates.
 */
struct warning_src {
    struct programme p;
    struct report now, month_ago;
    struct indicator_board board, board_month_ago;
    struct board_src ind;
};

static int build_warning_src(struct cli *c, struct date as_of, struct warning_src *w)
{
    struct scope all = { as_of, DATE_NONE, 0, 0, NULL, 0, NULL };
    if (build_report(c, &all, &w->p, &w->now, &w->ind) || build_board(c, &w->now, &w->ind, &w->board))
        return c->err.kind;
    struct report_options o = w->now.opt;
    o.as_of = date_add_months(as_of, -1);
    o.due_by = DATE_NONE;
    if (report_build(&w->p, &o, &w->month_ago, &c->err))
        return c->err.kind;
    indicator_board_build_view(&w->board_month_ago, w->ind.x, w->ind.n, o.as_of, 0);
    return 0;
}

static void warning_src_init(struct warning_src *w)
{
    *w = (struct warning_src){ .p = PROGRAMME_INIT };
    w->now = w->month_ago = (struct report)REPORT_INIT;
    w->board = w->board_month_ago = (struct indicator_board)INDICATOR_BOARD_INIT;
    w->ind = (struct board_src){ NULL, 0, INDICATOR_TARGET_COUNTS_INIT };
}

static void warning_src_release(struct warning_src *w)
{
    indicator_board_release(&w->board_month_ago);
    indicator_board_release(&w->board);
    indicators_free(w->ind.x, w->ind.n);
    indicator_target_counts_release(&w->ind.counted);
    report_release(&w->month_ago);
    report_release(&w->now);
    programme_release(&w->p);
}

static int read_warning_filter(struct cli *c, const struct opt *opts, const struct programme *p,
                               size_t *agency, int *rule)
{
    const char *unit = opt_value(opts, "--agency"), *key = opt_value(opts, "--rule");
    *agency = PROG_NONE;
    *rule = key ? warning_rule_parse(key) : -1;
    if (key && *rule < 0)
        return err_set(&c->err, ERR_INVALID,
                       "--rule: unknown rule '%s' (overdue, due_soon, no_report, indicator_red,"
                       " indicator_worse, unit_rate)", key);
    if (!unit)
        return 0;
    long id = registry_unit_id(&c->reg, unit);
    *agency = id ? programme_find_agency(p, id) : PROG_NONE;
    if (*agency == PROG_NONE)
        return err_set(&c->err, ERR_NOT_FOUND, "--agency: no unit named '%s'", unit);
    return 0;
}

/* `warnings rules`: each rule's setting in force, as a table or JSON. */
static int list_rules(struct cli *c, const char *format)
{
    struct warning_settings s;
    if (store_warning_settings(c->db, &s, &c->err))
        return c->err.kind;
    bool json = format && !strcmp(format, "json");
    printf(json ? "[\n" : "%-16s %-5s %-11s %5s %9s  %s\n", "quy tắc", "bật", "mức", "ngày",
           "ngưỡng %", "tên");
    for (int r = 0; r < N_WARNING_RULES; r++) {
        const struct warning_rule_setting *w = &s.rule[r];
        if (json)
            printf("  {\"rule\": \"%s\", \"enabled\": %s, \"severity\": \"%s\", \"days\": %ld,"
                   " \"threshold\": %ld}%s\n",
                   warning_rule_key((enum warning_rule)r), w->enabled ? "true" : "false",
                   warning_severity_key(w->severity), w->days, w->threshold,
                   r + 1 < N_WARNING_RULES ? "," : "");
        else
            printf("%-16s %-5s %-11s %5ld %9ld  %s\n", warning_rule_key((enum warning_rule)r),
                   w->enabled ? "có" : "không", warning_severity_key(w->severity), w->days,
                   w->threshold, warning_rule_label((enum warning_rule)r));
    }
    if (json)
        printf("]\n");
    return 0;
}

static int read_long_opt(struct cli *c, const struct opt *opts, const char *name, long *v)
{
    const char *text = opt_value(opts, name);
    if (text && strparse_long(text, -1000000, 1000000, v))
        return err_set(&c->err, ERR_INVALID, "%s needs a whole number, not '%s'", name, text);
    return 0;
}

/* `warnings set RULE [--on|--off] [--severity S] [--days N] [--threshold P]`. */
static int set_rule(struct cli *c, const char *key, const struct opt *opts)
{
    int r = warning_rule_parse(key);
    if (r < 0)
        return err_set(&c->err, ERR_INVALID, "unknown rule '%s'", key ? key : "");
    struct warning_settings s;
    if (store_warning_settings(c->db, &s, &c->err))
        return c->err.kind;
    struct warning_rule_setting w = s.rule[r];
    const char *sev = opt_value(opts, "--severity");
    if (opt_value(opts, "--on") && opt_value(opts, "--off"))
        return err_set(&c->err, ERR_INVALID, "--on and --off together");
    w.enabled = opt_value(opts, "--off") ? false : opt_value(opts, "--on") ? true : w.enabled;
    if (sev) {
        int k = -1;
        for (int i = 0; i < N_WARNING_SEVERITIES; i++)
            if (!strcmp(sev, warning_severity_key((enum warning_severity)i)))
                k = i;
        if (k < 0)
            return err_set(&c->err, ERR_INVALID, "--severity must be cao, trung_binh or thap");
        w.severity = (enum warning_severity)k;
    }
    if (read_long_opt(c, opts, "--days", &w.days) ||
        read_long_opt(c, opts, "--threshold", &w.threshold))
        return c->err.kind;
    struct audit_entry a = { .actor = "cli", .action = "warning_rule.set", .client = "" };
    return store_warning_rule_set(c->db, (enum warning_rule)r, &w, &a, &c->err);
}

static int list_warnings(struct cli *c, const struct opt *opts, const char *format)
{
    const char *as_of_text = opt_value(opts, "--as-of");
    struct date as_of = cli_today();
    if (as_of_text && cli_parse_date(as_of_text, "--as-of", &as_of, &c->err))
        return c->err.kind;
    struct warning_src w;
    warning_src_init(&w);
    struct warning_list l = WARNING_LIST_INIT;
    struct warning_settings set;
    size_t agency;
    int rule;
    int ret = store_warning_settings(c->db, &set, &c->err) || build_warning_src(c, as_of, &w) ||
              read_warning_filter(c, opts, &w.p, &agency, &rule);
    if (!ret) {
        struct warning_input in = { &w.now, &w.month_ago, &w.board, &w.board_month_ago };
        warnings_build(&in, &set, agency, rule, &l);
        ret = !strcmp(format, "json")
                  ? write_json(c, json_warning_list(&l, &w.p, &w.board), opt_value(opts, "-o"))
                  : emit_warning_table(c, &l, &w.p, &w.board, format, opt_value(opts, "-o"));
    }
    warning_list_release(&l);
    warning_src_release(&w);
    return ret ? c->err.kind : 0;
}

int cli_warnings_visit(struct cli *c, struct date as_of, cli_warnings_cb cb, void *arg)
{
    struct warning_src w;
    warning_src_init(&w);
    struct warning_list l = WARNING_LIST_INIT;
    struct warning_settings set;
    int ret = store_warning_settings(c->db, &set, &c->err) || build_warning_src(c, as_of, &w);
    if (!ret) {
        struct warning_input in = { &w.now, &w.month_ago, &w.board, &w.board_month_ago };
        warnings_build(&in, &set, PROG_NONE, -1, &l);
        ret = cb(c, &l, &w.p, &w.board, arg);
    }
    warning_list_release(&l);
    warning_src_release(&w);
    return ret ? c->err.kind : 0;
}

int cmd_warnings(struct cli *c, int argc, char **argv)
{
    static const char *const formats[] = { "table", "json", "csv", NULL };
    struct opt opts[] = { { "--as-of", true, NULL },   { "--agency", true, NULL },
                          { "--rule", true, NULL },    { "--format", true, NULL },
                          { "-o", true, NULL },        { "--on", false, NULL },
                          { "--off", false, NULL },    { "--severity", true, NULL },
                          { "--days", true, NULL },    { "--threshold", true, NULL },
                          { NULL, false, NULL } };
    const char *pos[2];
    int n_pos;
    bool help;
    if (args_parse(argc, argv, opts, pos, 2, &n_pos, &help, &c->err))
        return c->err.kind;
    if (help)
        return cli_usage("warnings");
    const char *format = opt_value(opts, "--format") ? opt_value(opts, "--format") : "table";
    if (check_format(c, format, formats) || cli_open_existing(c))
        return c->err.kind;
    if (n_pos == 0)
        return list_warnings(c, opts, format);
    if (!strcmp(pos[0], "rules") && n_pos == 1)
        return list_rules(c, format);
    if (!strcmp(pos[0], "set") && n_pos == 2)
        return set_rule(c, pos[1], opts);
    return err_set(&c->err, ERR_INVALID, "unknown warnings command '%s' (rules, set RULE)",
                   pos[0]);
}

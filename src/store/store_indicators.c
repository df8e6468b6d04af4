/* store_indicators: indicators, measurements and baselines; see store_indicators.h. */
#include "store_auth.h"
#include "store_indicators.h"
#include "store_progress.h"
#include "store_query.h"

#include "core/deadline.h"
#include "core/measure_entry.h"
#include "db_internal.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INDICATOR_SELECT                                                                           \
    "SELECT i.id, i.code, i.parent_code, i.name, i.unit, i.target_text, i.horizon,"                \
    " COALESCE(a.name, i.agency_text), d.name, i.field, i.agency_id, i.baseline_value,"            \
    " i.baseline_date FROM indicator i LEFT JOIN agency a ON a.id = i.agency_id"                   \
    " LEFT JOIN document d ON d.id = i.document_id"

#define MEASUREMENT_SELECT                                                                         \
    "SELECT m.id, m.indicator_id, m.measured_on, m.value, m.judgement, m.unit_id, a.name,"         \
    " m.bloc, m.original, m.source, m.entered_via, m.entered_by, m.entered_at"                     \
    " FROM measurement m LEFT JOIN agency a ON a.id = m.unit_id"

static char *col_dup_or_null(struct stmt *st, int col)
{
    return stmt_is_null(st, col) ? NULL : db_col_dup(st, col);
}

static void read_indicator(struct stmt *st, struct indicator *x)
{
    memset(x, 0, sizeof(*x));
    x->id = stmt_int(st, 0);
    x->code = db_col_dup(st, 1);
    x->parent_code = col_dup_or_null(st, 2);
    x->name = db_col_dup(st, 3);
    x->unit = db_col_dup(st, 4);
    x->target_text = db_col_dup(st, 5);
    x->horizon = (int)stmt_int(st, 6);
    x->agency = db_col_dup(st, 7);
    x->document = col_dup_or_null(st, 8);
    x->field = db_col_dup(st, 9);
    x->agency_id = stmt_int(st, 10);
    x->has_baseline = !stmt_is_null(st, 11);
    x->baseline = stmt_double(st, 11);
    x->baseline_on = db_col_date(st, 12);
    x->has_baseline = x->has_baseline && date_is_set(x->baseline_on);
}

static void read_measurement(struct stmt *st, struct measurement *m)
{
    m->id = stmt_int(st, 0);
    m->on = db_col_date(st, 2);
    m->has_value = !stmt_is_null(st, 3);
    m->value = stmt_double(st, 3);
    m->judgement = judgement_parse(db_col_text(st, 4));
    m->unit_id = stmt_int(st, 5);
    m->unit_name = col_dup_or_null(st, 6);
    m->bloc = col_dup_or_null(st, 7);
    m->text = db_col_dup(st, 8);
    m->source = db_col_dup(st, 9);
    m->entered_via = db_col_dup(st, 10);
    m->entered_by = db_col_dup(st, 11);
    m->entered_at = db_col_dup(st, 12);
}

static int read_indicators(struct db *db, struct stmt *st, struct indicator **out, size_t *n,
                           struct err *e)
{
    size_t cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        ALLOC_GROW(*out, *n + 1, cap);
        read_indicator(st, &(*out)[(*n)++]);
    }
    return rc == DB_DONE ? 0 : db_error(db, "cannot read the indicators", e);
}

/* Attach the measurements st yields (ordered by indicator) to x[0..n). */
static int read_measurements(struct db *db, struct stmt *st, struct indicator *x, size_t n,
                             struct err *e)
{
    struct indicator *owner = NULL;
    int rc;
    while (db_row(st, &rc)) {
        long id = stmt_int(st, 1);
        for (size_t i = 0; (!owner || owner->id != id) && i < n; i++)
            owner = &x[i];
        if (owner && owner->id == id)
            read_measurement(st, indicator_add_measurement(owner));
    }
    return rc == DB_DONE ? 0 : db_error(db, "cannot read the measurements", e);
}

int store_indicator_list(struct db *db, struct indicator **out, size_t *n, struct err *e)
{
    struct stmt *st = NULL, *ms = NULL;
    *out = NULL;
    *n = 0;
    int ret = db_prepare(
        db, INDICATOR_SELECT " ORDER BY d.date IS NULL, d.date, i.document_id, i.id", &st, e);
    if (!ret)
        ret = read_indicators(db, st, out, n, e);
    if (!ret)
        ret = db_prepare(db, MEASUREMENT_SELECT " ORDER BY m.indicator_id, m.measured_on, m.id",
                         &ms, e);
    if (!ret)
        ret = read_measurements(db, ms, *out, *n, e);
    stmt_finalize(st);
    stmt_finalize(ms);
    if (ret) {
        indicators_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return ret;
}

int store_indicator_load(struct db *db, long id, struct indicator *out, struct err *e)
{
    struct stmt *st = NULL, *ms = NULL;
    struct indicator *x = NULL;
    size_t n = 0;
    memset(out, 0, sizeof(*out));
    int ret = db_prepare(db, INDICATOR_SELECT " WHERE i.id = ?", &st, e);
    if (!ret) {
        stmt_bind_int(st, 1, id);
        ret = read_indicators(db, st, &x, &n, e);
    }
    if (!ret && n == 0)
        ret = err_set(e, ERR_NOT_FOUND, "không có chỉ tiêu số %ld", id);
    if (!ret)
        ret = db_prepare(
            db, MEASUREMENT_SELECT " WHERE m.indicator_id = ? ORDER BY m.measured_on, m.id", &ms,
            e);
    if (!ret) {
        stmt_bind_int(ms, 1, id);
        ret = read_measurements(db, ms, x, n, e);
    }
    stmt_finalize(st);
    stmt_finalize(ms);
    if (!ret) {
        *out = x[0];
        free(x);
    } else {
        indicators_free(x, n);
    }
    return ret;
}

/* ---- finding an indicator by code ------------------------------------------------ */

static int count_code(struct db *db, const char *code, long document, long *id, int *n,
                      struct err *e)
{
    struct stmt *st;
    if (db_prepare(db,
                   "SELECT id FROM indicator WHERE code = ? AND (? = 0 OR document_id = ?)"
                   " ORDER BY id",
                   &st, e))
        return e->kind;
    db_bind_text(st, 1, code);
    stmt_bind_int(st, 2, document);
    stmt_bind_int(st, 3, document);
    int rc;
    *n = 0;
    while (db_row(st, &rc)) {
        if (!*n)
            *id = stmt_int(st, 0);
        (*n)++;
    }
    stmt_finalize(st);
    return rc == DB_DONE ? 0 : db_error(db, "cannot read the indicators", e);
}

int store_indicator_find(struct db *db, const char *code, const char *document, long *id,
                         struct err *e)
{
    long doc = 0;
    int n = 0;
    *id = 0;
    if (document && store_find_document(db, document, &doc, e))
        return e->kind;
    if (count_code(db, code, doc, id, &n, e))
        return e->kind;
    if (n == 0)
        return err_set(e, ERR_NOT_FOUND, "không có chỉ tiêu mã '%s'%s", code,
                       document ? " trong văn bản này" : "");
    if (n > 1)
        return err_set(e, ERR_INVALID,
                       "mã chỉ tiêu '%s' có ở %d văn bản: ghi thêm văn bản (--document)", code, n);
    return 0;
}

/* ---- writes ------------------------------------------------------------------------- */

static int finish(struct db *db, int ret, struct err *e)
{
    if (!ret)
        ret = db_commit(db, e);
    if (ret)
        db_rollback(db);
    return ret;
}

/* Where an imported measurement came from; all zero for one entered by hand. */
struct measure_origin {
    long run_id;          /* import_run, 0 = none */
    size_t line;          /* line of the file, 0 = none */
    const char *row_text; /* the row as written, or NULL */
};

static void bind_measurement(struct stmt *st, long indicator_id, const struct measurement *m,
                             const char *actor, const char *iso, const char *at)
{
    stmt_bind_int(st, 1, indicator_id);
    db_bind_text(st, 2, iso);
    if (m->has_value)
        stmt_bind_double(st, 3, m->value);
    db_bind_text(st, 4, m->has_value ? NULL : judgement_key(m->judgement));
    if (m->unit_id)
        stmt_bind_int(st, 5, m->unit_id);
    db_bind_text(st, 6, m->bloc);
    db_bind_text(st, 7, m->text);
    db_bind_text(st, 8, m->source ? m->source : "");
    db_bind_text(st, 9, m->entered_via);
    db_bind_text(st, 10, actor);
    db_bind_text(st, 11, at);
}

/* Insert m; *id receives its id. Assumes the caller holds the write transaction. */
static int insert_measurement(struct db *db, long indicator_id, const struct measurement *m,
                              const char *actor, const struct measure_origin *o, long *id,
                              struct err *e)
{
    char iso[DATE_ISO_LEN], at[DB_TS_LEN];
    struct stmt *st = NULL;
    date_iso(m->on, iso);
    db_timestamp(at);
    int ret = db_prepare(db,
                         "INSERT INTO measurement (indicator_id, measured_on, value, judgement,"
                         " unit_id, bloc, original, source, entered_via, entered_by, entered_at,"
                         " import_id, source_line, row_text)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         &st, e);
    if (!ret) {
        bind_measurement(st, indicator_id, m, actor, iso, at);
        if (o && o->run_id)
            stmt_bind_int(st, 12, o->run_id);
        if (o && o->line)
            stmt_bind_int(st, 13, (long)o->line);
        db_bind_text(st, 14, o ? o->row_text : NULL);
        ret = db_step_done(db, st, e);
        *id = ret ? 0 : db_last_id(db);
    }
    stmt_finalize(st);
    return ret;
}

/* "2025-12-31: 82% [khối bộ] (nguồn: ...)": the audit line's after. */
static char *measurement_summary(const struct measurement *m, const char *iso)
{
    struct buf b = BUF_INIT;
    buf_addf(&b, "%s: %s", iso, m->text);
    if (m->bloc)
        buf_addf(&b, " [%s]", m->bloc);
    if (m->unit_name)
        buf_addf(&b, " [%s]", m->unit_name);
    if (m->source && *m->source)
        buf_addf(&b, " (nguồn: %s)", m->source);
    return buf_take(&b);
}

static int audit_measurement(struct db *db, const struct audit_entry *a, long id,
                             const struct measurement *m, const char *iso, struct err *e)
{
    struct audit_entry line = *a;
    char *after = measurement_summary(m, iso);
    line.action = "measurement.add";
    line.entity = "measurement";
    line.entity_id = id;
    line.after = after;
    int ret = store_audit(db, &line, e);
    free(after);
    return ret;
}

int store_measurement_add(struct db *db, long indicator_id, const struct measurement *m,
                          const struct audit_entry *a, long *id, struct err *e)
{
    char iso[DATE_ISO_LEN];
    date_iso(m->on, iso);
    *id = 0;
    int ret = db_begin(db, e);
    if (!ret)
        ret = insert_measurement(db, indicator_id, m, a && a->actor ? a->actor : "", NULL, id, e);
    if (!ret && a)
        ret = audit_measurement(db, a, *id, m, iso, e);
    if (ret)
        *id = 0;
    return finish(db, ret, e);
}

/* "40 (2024-12-31)", or NULL when the indicator has no baseline. */
static int current_baseline(struct db *db, long id, char **text, struct err *e)
{
    struct stmt *st;
    *text = NULL;
    if (db_prepare(db, "SELECT baseline_value, baseline_date FROM indicator WHERE id = ?", &st, e))
        return e->kind;
    stmt_bind_int(st, 1, id);
    int rc = stmt_step(st);
    if (rc == DB_ROW && !stmt_is_null(st, 0))
        *text = xasprintf("%.15g (%s)", stmt_double(st, 0), db_col_text(st, 1));
    stmt_finalize(st);
    if (rc == DB_DONE)
        return err_set(e, ERR_NOT_FOUND, "không có chỉ tiêu số %ld", id);
    return rc == DB_ROW ? 0 : db_error(db, "cannot read the indicator", e);
}

int store_indicator_set_baseline(struct db *db, long indicator_id, double v, struct date on,
                                 const struct audit_entry *a, struct err *e)
{
    char iso[DATE_ISO_LEN];
    char *before = NULL, *after = NULL;
    struct stmt *st = NULL;
    date_iso(on, iso);
    int ret = db_begin(db, e);
    if (!ret)
        ret = current_baseline(db, indicator_id, &before, e);
    if (!ret)
        ret = db_prepare(
            db, "UPDATE indicator SET baseline_value = ?, baseline_date = ? WHERE id = ?", &st, e);
    if (!ret) {
        stmt_bind_double(st, 1, v);
        db_bind_text(st, 2, iso);
        stmt_bind_int(st, 3, indicator_id);
        ret = db_step_done(db, st, e);
    }
    stmt_finalize(st);
    if (!ret && a) {
        struct audit_entry line = *a;
        after = xasprintf("%.15g (%s)", v, iso);
        line.action = "indicator.baseline";
        line.entity = "indicator";
        line.entity_id = indicator_id;
        line.before = before;
        line.after = after;
        ret = store_audit(db, &line, e);
    }
    free(before);
    free(after);
    return finish(db, ret, e);
}

int store_indicator_baseline_history(struct db *db, long indicator_id, struct audit_view **out,
                                     size_t *n, struct err *e)
{
    struct stmt *st;
    *out = NULL;
    *n = 0;
    if (db_prepare(db,
                   "SELECT id, at, actor, action, entity, entity_id, before, after, client, ''"
                   " FROM audit_log WHERE action = 'indicator.baseline' AND entity = 'indicator'"
                   " AND entity_id = ? ORDER BY id DESC",
                   &st, e))
        return e->kind;
    stmt_bind_int(st, 1, indicator_id);
    return db_read_audit_rows(db, st, out, n, "cannot read the baselines of the indicator", e);
}

/* ---- importing a measurement table ------------------------------------------------ */

struct mimport {
    struct db *db;
    const struct registry *reg;
    const struct measure_table *t;
    const struct measure_import_options *opt;
    struct progress_summary *sum;
    struct err *e;
    long run_id;          /* import_run, 0 without a file */
    struct indicator x;   /* the indicator the last row named (x.id 0: none yet) */
    struct target target; /* x's target, parsed */
};

/* What a column is called when the table lacks it. */
static const char *const field_names[N_MEASURE_FIELDS] = {
    [MF_CODE] = "Mã chỉ tiêu", [MF_DOCUMENT] = "Văn bản", [MF_DATE] = "Ngày đo",
    [MF_VALUE] = "Giá trị",    [MF_UNIT] = "Đơn vị",      [MF_BLOC] = "Khối / Thang đo",
    [MF_SOURCE] = "Nguồn",
};

/* Reject the row: "cột 'Giá trị': <why>"; takes ownership of why. */
static void reject_at(struct mimport *c, const struct measure_row *row, enum measure_field f,
                      char *why)
{
    char *reason = c->t->header[f]
                       ? xasprintf("cột '%s': %s", c->t->header[f], why)
                       : xasprintf("cột %s (không có trong tệp): %s", field_names[f], why);
    free(why);
    ALLOC_GROW(c->sum->rejects, c->sum->n_rejects + 1, c->sum->cap_rejects);
    c->sum->rejects[c->sum->n_rejects++] = (struct progress_reject){ row->line, reason };
}

/* The document the row's Văn bản cell names into *doc (0: none); 1 when the row was rejected. */
static int row_document(struct mimport *c, const struct measure_row *row, long *doc)
{
    const char *text = row->cell[MF_DOCUMENT] ? row->cell[MF_DOCUMENT] : c->opt->document;
    struct err fe = ERR_INIT;
    *doc = 0;
    if (!text || !store_find_document(c->db, text, doc, &fe))
        return 0;
    /* A cell naming no single document rejects the row; --document, or storage, fails. */
    if ((fe.kind != ERR_NOT_FOUND && fe.kind != ERR_INVALID) || !row->cell[MF_DOCUMENT])
        return err_set(c->e, fe.kind, "%s", fe.msg);
    reject_at(c, row, MF_DOCUMENT,
              fe.kind == ERR_NOT_FOUND
                  ? xasprintf("không có văn bản '%s'", text)
                  : xasprintf("'%s' khớp với nhiều văn bản: ghi số, ký hiệu và ngày", text));
    return 1;
}

/* Load into c->x the indicator the row names; 1 when the row was rejected. */
static int row_indicator(struct mimport *c, const struct measure_row *row)
{
    const char *code = row->cell[MF_CODE];
    long doc = 0, id = 0;
    int n = 0, ret;
    if (!code) {
        reject_at(c, row, MF_CODE, xstrdup("thiếu mã chỉ tiêu"));
        return 1;
    }
    ret = row_document(c, row, &doc);
    if (!ret)
        ret = count_code(c->db, code, doc, &id, &n, c->e);
    if (ret)
        return ret;
    if (n != 1) {
        reject_at(
            c, row, MF_CODE,
            n == 0 ? xasprintf("không có chỉ tiêu mã '%s'%s", code, doc ? " trong văn bản đó" : "")
                   : xasprintf("mã chỉ tiêu '%s' có ở %d văn bản: ghi văn bản ở cột Văn bản", code,
                               n));
        return 1;
    }
    if (c->x.id == id)
        return 0;
    indicator_release(&c->x);
    target_release(&c->target);
    if (store_indicator_load(c->db, id, &c->x, c->e))
        return c->e->kind;
    target_parse(&c->target, c->x.target_text, c->x.unit);
    return 0;
}


static enum measure_field field_column(const struct mimport *c, const struct measure_row *row,
                                       const char *field)
{
    if (!strcmp(field, "date"))
        return MF_DATE;
    if (!strcmp(field, "bloc"))
        return MF_BLOC;
    if (!strcmp(field, "source"))
        return MF_SOURCE;
    if (!strcmp(field, "unit"))
        return !row->cell[MF_UNIT] && c->t->header[MF_BLOC] ? MF_BLOC : MF_UNIT;
    return MF_VALUE;
}

/* Read and check the row into *m; 1 when the row was rejected. */
static int row_measurement(struct mimport *c, const struct measure_row *row, struct measurement *m)
{
    struct measure_input in = { row->cell[MF_VALUE], row->cell[MF_UNIT], row->cell[MF_BLOC],
                                row->cell[MF_SOURCE], DATE_NONE };
    const char *day = row->cell[MF_DATE], *field = NULL;
    char *reason = NULL;
    if (day && deadline_read_day(day, &in.on)) {
        reject_at(c, row, MF_DATE,
                  xasprintf("không đọc được ngày đo '%s' (dd/mm/yyyy, hoặc Tháng 12/2025, Quý"
                            " IV/2025, Năm 2025)",
                            day));
        return 1;
    }
    if (measure_entry_prepare(c->reg, &c->x, &c->target, &in, c->opt->today, m, &reason, &field)) {
        reject_at(c, row, field_column(c, row, field), reason);
        return 1;
    }
    m->entered_via = xstrdup("import");
    m->entered_by = xstrdup(c->opt->actor ? c->opt->actor : "");
    return 0;
}

/* Whether a measurement identical to m is stored for c->x (this transaction's rows count). */
static int is_stored(struct mimport *c, const struct measurement *m, bool *dup)
{
    char iso[DATE_ISO_LEN];
    struct stmt *st;
    date_iso(m->on, iso);
    if (db_prepare(c->db,
                   "SELECT 1 FROM measurement WHERE indicator_id = ? AND measured_on = ?"
                   " AND coalesce(unit_id, 0) = ? AND coalesce(bloc, '') = ? AND original = ?"
                   " AND source = ? LIMIT 1",
                   &st, c->e))
        return c->e->kind;
    stmt_bind_int(st, 1, c->x.id);
    db_bind_text(st, 2, iso);
    stmt_bind_int(st, 3, m->unit_id);
    db_bind_text(st, 4, m->bloc ? m->bloc : "");
    db_bind_text(st, 5, m->text);
    db_bind_text(st, 6, m->source ? m->source : "");
    int rc = stmt_step(st);
    stmt_finalize(st);
    *dup = rc == DB_ROW;
    return rc == DB_ROW || rc == DB_DONE ? 0 : db_error(c->db, "cannot read", c->e);
}

static int import_row(struct mimport *c, const struct measure_row *row)
{
    struct measurement m = { 0 };
    struct measure_origin o = { c->run_id, row->line, row->written };
    bool dup = false;
    long id = 0;
    int ret = row_indicator(c, row);
    if (!ret)
        ret = row_measurement(c, row, &m);
    if (!ret)
        ret = is_stored(c, &m, &dup);
    if (!ret && !dup)
        ret = insert_measurement(c->db, c->x.id, &m, m.entered_by, &o, &id, c->e);
    if (!ret) {
        c->sum->duplicates += dup;
        c->sum->added += !dup;
        c->sum->last_id = dup ? c->sum->last_id : id;
    }
    measurement_release(&m);
    return ret < 0 ? ret : 0;
}

static int start_run(struct mimport *c)
{
    if (!c->opt->file)
        return 0;
    return db_import_run(c->db, c->opt->file, "measurements", &c->run_id, c->e);
}

/* The batch's audit line, on its import run, after the rows. */
static int audit_run(struct mimport *c)
{
    if (!c->opt->audit || !c->run_id)
        return 0;
    struct audit_entry line = *c->opt->audit;
    char *summary = xasprintf("%zu dòng; %zu số đo đã ghi; %zu trùng; %zu bị từ chối", c->sum->rows,
                              c->sum->added, c->sum->duplicates, c->sum->n_rejects);
    line.entity = "import_run";
    line.entity_id = c->run_id;
    if (!line.after)
        line.after = summary;
    int ret = store_audit(c->db, &line, c->e);
    free(summary);
    return ret;
}

int store_measurements_import(struct db *db, const struct registry *reg,
                              const struct measure_table *t,
                              const struct measure_import_options *opt,
                              struct progress_summary *sum, struct err *e)
{
    struct mimport c = { db, reg, t, opt, sum, e, 0, { 0 }, TARGET_INIT };
    sum->rows = t->n;
    int ret = db_begin(db, e);
    if (!ret)
        ret = start_run(&c);
    for (size_t i = 0; i < t->n && !ret; i++)
        ret = import_row(&c, &t->rows[i]);
    if (!ret)
        ret = audit_run(&c);
    /* Nothing new (a file imported again): no import run, no audit line either. */
    bool keep = !opt->dry_run && sum->added && (sum->n_rejects == 0 || opt->allow_partial);
    if (!ret && keep)
        ret = db_commit(db, e);
    else
        db_rollback(db);
    sum->written = !ret && keep;
    if (!sum->written)
        sum->last_id = 0; /* rolled back: no such measurement */
    indicator_release(&c.x);
    target_release(&c.target);
    return ret;
}

/*
 * store_import: writing one resolved batch in one transaction; see store_import.h.
 *
 * Identity: a document by its reference key (kind + number + date, see
 * core/docref.h); a task by "<document key>#<code>" (or "#name:<fold key>"
 * when the row has no code); an indicator by document + code. Re-importing
 * the same file therefore finds every row already there and changes
 * nothing; a changed cell is updated and its old value kept in
 * task_history.
 */
#include "store_import.h"

#include "db_internal.h"
#include "store_auth.h"
#include "store_repeats.h"

#include "core/target.h"

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct import_ctx {
    struct db *db;
    const struct registry *r;
    const struct batch *b;
    long run_id;
    long source_doc;    /* 0 when the file names no document */
    char *source_key;   /* ref key of the source document, or "" */
    long *task_ids;     /* per batch task */
    bool *created;      /* per batch task: this import made it */
    long *doc_ids;      /* distinct documents touched */
    size_t n_docs, cap_docs;
    struct err *e;
};

static char *ltoa_dup(long v)
{
    return xasprintf("%ld", v);
}

static void note_doc(struct import_ctx *c, long id)
{
    for (size_t i = 0; i < c->n_docs; i++)
        if (c->doc_ids[i] == id)
            return;
    ALLOC_GROW(c->doc_ids, c->n_docs + 1, c->cap_docs);
    c->doc_ids[c->n_docs++] = id;
}

/* ---- documents ----------------------------------------------------------- */

/* What identifies and names a document: a numbered reference or a title. */
struct doc_identity {
    char *key, *name, *name_key;
    const char *kind, *number, *symbol, *original;
    char iso[DATE_ISO_LEN];
};

static void doc_identity_init(struct doc_identity *d, const struct docref *ref, const char *title)
{
    bool numbered = ref && ref->kind;
    *d = (struct doc_identity){ .iso = "" };
    if (numbered) {
        d->key = docref_key(ref);
        d->name = docref_name(ref);
        date_iso(ref->date, d->iso);
    } else {
        char *fold_title = text_fold(title);
        d->key = xasprintf("title|%s", fold_title);
        d->name = xstrdup(title);
        free(fold_title);
    }
    d->name_key = text_fold(d->name);
    d->kind = numbered ? ref->kind : "Kế hoạch";
    d->number = ref ? ref->number : NULL;
    d->symbol = ref ? ref->symbol : NULL;
    d->original = ref && ref->original ? ref->original : title;
}

static void doc_identity_release(struct doc_identity *d)
{
    free(d->key);
    free(d->name);
    free(d->name_key);
}

static int insert_document(struct import_ctx *c, const struct doc_identity *d, long *id)
{
    const char *args[] = { d->key,    d->name,   d->name_key, d->kind,
                           d->number, d->symbol, *d->iso ? d->iso : NULL, d->original };
    int ret = db_run(c->db,
                     "INSERT INTO document (ref_key, name, name_key, kind, number, symbol, date,"
                     " original) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     args, 8, c->e);
    *id = db_last_id(c->db);
    return ret;
}

/* A later mention that carries the symbol completes the name. */
static int complete_document(struct import_ctx *c, const struct doc_identity *d, long id)
{
    if (!d->symbol)
        return 0;
    char *sid = ltoa_dup(id);
    const char *args[] = { d->name, d->name_key, d->symbol, sid };
    int ret = db_run(c->db,
                     "UPDATE document SET name = ?, name_key = ?, symbol = ? WHERE id = ?"
                     " AND symbol IS NULL",
                     args, 4, c->e);
    free(sid);
    return ret;
}

static int mention_document(struct import_ctx *c, const struct doc_identity *d, long id)
{
    char *sid = ltoa_dup(id);
    const char *args[] = { sid, d->original };
    int ret = db_run(c->db, "INSERT INTO document_mention VALUES (?, ?) ON CONFLICT DO NOTHING", args, 2, c->e);
    free(sid);
    note_doc(c, id);
    return ret;
}

static int upsert_document(struct import_ctx *c, const struct docref *ref, const char *title,
                           long *id, char **key_out)
{
    struct doc_identity d;
    doc_identity_init(&d, ref, title);
    int ret = db_query_id(c->db, "SELECT id FROM document WHERE ref_key = ?", d.key, id, c->e);
    if (!ret)
        ret = *id ? complete_document(c, &d, *id) : insert_document(c, &d, id);
    if (!ret)
        ret = mention_document(c, &d, *id);
    if (key_out && !ret) {
        *key_out = d.key;
        d.key = NULL;
    }
    doc_identity_release(&d);
    return ret;
}

/* ---- tasks --------------------------------------------------------------- */

static char *origin_key(const struct import_ctx *c, const struct batch_task *t)
{
    if (t->code)
        return xasprintf("%s#%s", c->source_key, t->code);
    char *k = text_fold(t->name);
    char *key = xasprintf("%s#name:%s", c->source_key, k);
    free(k);
    return key;
}

static const char *const task_cols[] = { "tt", "name", "field", "lead_text", "coord_text",
                                         "output", "deadline_text", "documents_text" };
#define N_TASK_COLS 8

static void task_values(const struct batch_task *t, const char *vals[N_TASK_COLS])
{
    vals[0] = t->tt ? t->tt : "";
    vals[1] = t->name;
    vals[2] = t->field ? t->field : "";
    vals[3] = t->lead ? t->lead : "";
    vals[4] = t->coord ? t->coord : "";
    vals[5] = t->output ? t->output : "";
    vals[6] = t->deadline ? t->deadline : "";
    vals[7] = t->documents;
}

/* Compare stored columns with the batch and keep the old value of each change. */
static int update_changed(struct import_ctx *c, long id, const struct batch_task *t)
{
    const char *vals[N_TASK_COLS];
    task_values(t, vals);
    int ret = 0;
    char *sid = ltoa_dup(id), *srun = ltoa_dup(c->run_id);
    for (int i = 0; i < N_TASK_COLS && !ret; i++) {
        char *sql = xasprintf("SELECT %s FROM task WHERE id = ?", task_cols[i]);
        struct stmt *st;
        ret = db_prepare_cached(c->db, sql, &st, c->e);
        free(sql);
        if (ret)
            break;
        stmt_bind_int(st, 1, id);
        char *old = stmt_step(st) == DB_ROW && !stmt_is_null(st, 0)
                        ? db_col_dup(st, 0)
                        : NULL;
        db_finish_cached(c->db, st);
        bool same = (!old && !vals[i]) || (old && vals[i] && strcmp(old, vals[i]) == 0);
        if (!same) {
            const char *h[] = { sid, srun, task_cols[i], old, vals[i] };
            ret = db_run(c->db, "INSERT INTO task_history (task_id, import_id, field, before, after)"
                             " VALUES (?, ?, ?, ?, ?)", h, 5, c->e);
            char *upd = xasprintf("UPDATE task SET %s = ?, updated_import_id = ? WHERE id = ?",
                                  task_cols[i]);
            const char *u[] = { vals[i], srun, sid };
            if (!ret)
                ret = db_run(c->db, upd, u, 3, c->e);
            free(upd);
        }
        free(old);
    }
    free(sid);
    free(srun);
    return ret;
}

static int insert_task(struct import_ctx *c, const char *key, const struct batch_task *t,
                       const struct resolved_task *rt, long *id)
{
    const char *vals[N_TASK_COLS];
    task_values(t, vals);
    char *name_key = text_match_key(t->name);
    char due[DATE_ISO_LEN];
    date_iso(rt->deadline.due, due);
    char *sline = xasprintf("%zu", t->line), *srun = ltoa_dup(c->run_id);
    const char *args[] = { key,     t->code, vals[0], vals[1], name_key, vals[2], vals[3],
                           vals[4], vals[5], vals[6], *due ? due : NULL,
                           deadline_kind_name(rt->deadline.kind), vals[7], sline, srun,
                           t->is_group ? "1" : "0", t->parent_code, t->repeat_code };
    static const char sql[] =
        "INSERT INTO task (origin_key, code, tt, name, name_key, field, lead_text, coord_text,"
        " output, deadline_text, due, deadline_kind, documents_text, source_line, import_id,"
        " is_group, parent_code, repeat_code)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    struct stmt *st;
    int ret = db_prepare_cached(c->db, sql, &st, c->e);
    if (!ret) {
        for (int i = 0; i < 18; i++)
            db_bind_text(st, i + 1, args[i]);
        ret = db_step_done(c->db, st, c->e);
        db_finish_cached(c->db, st);
    }
    *id = db_last_id(c->db);
    free(name_key);
    free(sline);
    free(srun);
    return ret;
}

/* Derived columns follow the cells: refresh them on every import. */
static int refresh_derived(struct import_ctx *c, long id, const struct batch_task *t,
                           const struct resolved_task *rt)
{
    char due[DATE_ISO_LEN];
    date_iso(rt->deadline.due, due);
    char *name_key = text_match_key(t->name), *sid = ltoa_dup(id);
    /* Search covers what a reader sees of the task: text, units, output, field. */
    char *all = xasprintf("%s | %s | %s | %s | %s", t->name, t->lead ? t->lead : "",
                          t->coord ? t->coord : "", t->output ? t->output : "",
                          t->field ? t->field : "");
    char *search_key = text_fold(all);
    const char *args[] = { name_key, search_key, *due ? due : NULL,
                           deadline_kind_name(rt->deadline.kind), t->is_group ? "1" : "0", sid };
    int ret = db_run(c->db,
                  "UPDATE task SET name_key = ?, search_key = ?, due = ?, deadline_kind = ?,"
                  " is_group = ? WHERE id = ?",
                  args, 6, c->e);
    free(all);
    free(search_key);
    free(name_key);
    free(sid);
    return ret;
}

static long resolve_code(struct import_ctx *c, const char *code)
{
    if (!code)
        return 0;
    long p = batch_find_task(c->b, code);
    if (p >= 0)
        return c->task_ids[p];
    char *key = xasprintf("%s#%s", c->source_key, code);
    long id = 0;
    db_query_id(c->db, "SELECT id FROM task WHERE origin_key = ?", key, &id, c->e);
    free(key);
    return id;
}

static int link_task(struct import_ctx *c, long id, const struct batch_task *t)
{
    long parent = t->parent >= 0 ? c->task_ids[t->parent] : resolve_code(c, t->parent_code);
    long repeat = resolve_code(c, t->repeat_code);
    struct stmt *st;
    if (db_prepare_cached(c->db, "UPDATE task SET parent_id = ?, repeat_of_id = ? WHERE id = ?", &st,
                   c->e))
        return c->e->kind;
    if (parent)
        stmt_bind_int(st, 1, parent);
    if (repeat)
        stmt_bind_int(st, 2, repeat);
    stmt_bind_int(st, 3, id);
    int ret = db_step_done(c->db, st, c->e);
    db_finish_cached(c->db, st);
    if (!ret && parent) {
        char *sp = ltoa_dup(parent);
        const char *a[] = { sp };
        ret = db_run(c->db, "UPDATE task SET is_group = 1 WHERE id = ?", a, 1, c->e);
        free(sp);
    }
    return ret;
}

static int write_documents(struct import_ctx *c, long id, const struct batch_task *t)
{
    char *sid = ltoa_dup(id);
    int ret = 0;
    if (c->source_doc) {
        char *sd = ltoa_dup(c->source_doc);
        const char *a[] = { sid, sd };
        ret = db_run(c->db, "INSERT INTO task_document VALUES (?, ?) ON CONFLICT DO NOTHING", a, 2, c->e);
        free(sd);
    }
    struct docref *refs = NULL;
    size_t n = 0;
    if (!ret && t->documents)
        ret = docref_parse_list(t->documents, &refs, &n, c->e);
    for (size_t i = 0; i < n && !ret; i++) {
        long doc;
        ret = upsert_document(c, &refs[i], NULL, &doc, NULL);
        char *sd = ltoa_dup(doc);
        const char *a[] = { sid, sd };
        if (!ret)
            ret = db_run(c->db, "INSERT INTO task_document VALUES (?, ?) ON CONFLICT DO NOTHING", a, 2, c->e);
        free(sd);
    }
    for (size_t i = 0; i < n; i++)
        docref_release(&refs[i]);
    free(refs);
    free(sid);
    return ret;
}

static int write_parties(struct import_ctx *c, long id, const char *role, const struct parties *p)
{
    struct stmt *st;
    if (db_prepare_cached(c->db,
                   "INSERT INTO task_party (task_id, role, position, text, agency_id, group_id)"
                   " VALUES (?, ?, ?, ?, ?, ?)",
                   &st, c->e))
        return c->e->kind;
    int ret = 0;
    for (size_t i = 0; i < p->n && !ret; i++) {
        const struct party *x = &p->items[i];
        stmt_reset(st);
        stmt_bind_int(st, 1, id);
        db_bind_text(st, 2, role);
        stmt_bind_int(st, 3, (long)i);
        db_bind_text(st, 4, x->text);
        if (x->kind == PARTY_AGENCY)
            stmt_bind_int(st, 5, c->r->agencies[x->idx].id);
        if (x->kind == PARTY_GROUP)
            stmt_bind_int(st, 6, c->r->groups[x->idx].id);
        ret = db_step_done(c->db, st, c->e);
    }
    db_finish_cached(c->db, st);
    return ret;
}

static int write_assignments(struct import_ctx *c, long id, const struct resolved_task *rt)
{
    struct stmt *st;
    if (db_prepare_cached(c->db,
                   "INSERT INTO assignment (task_id, agency_id, via_group_id, named_as)"
                   " VALUES (?, ?, ?, ?) ON CONFLICT (task_id, agency_id) DO UPDATE SET"
                   " removed_import_id = NULL, via_group_id = excluded.via_group_id,"
                   " named_as = excluded.named_as",
                   &st, c->e))
        return c->e->kind;
    int ret = 0;
    for (size_t i = 0; i < rt->n_assign && !ret; i++) {
        const struct assignment_plan *a = &rt->assign[i];
        stmt_reset(st);
        stmt_bind_int(st, 1, id);
        stmt_bind_int(st, 2, c->r->agencies[a->agency].id);
        if (a->via_group >= 0)
            stmt_bind_int(st, 3, c->r->groups[a->via_group].id);
        db_bind_text(st, 4, a->named_as);
        ret = db_step_done(c->db, st, c->e);
    }
    db_finish_cached(c->db, st);
    return ret;
}

static int clear_task_links(struct import_ctx *c, long id)
{
    char *sid = ltoa_dup(id);
    const char *a[] = { sid };
    int ret = db_run(c->db, "DELETE FROM task_party WHERE task_id = ?", a, 1, c->e);
    if (!ret)
        ret = db_run(c->db,
                     /* NOT EXISTS, not NOT IN: the index on progress_report answers
                      * it, where NOT IN would list every report for every row. */
                     "DELETE FROM assignment WHERE task_id = ? AND NOT EXISTS (SELECT 1 FROM"
                     " progress_report p WHERE p.assignment_id = assignment.id)",
                     a, 1, c->e);
    char *run = ltoa_dup(c->run_id);
    const char *b[] = { run, sid };
    if (!ret)
        ret = db_run(c->db, "UPDATE assignment SET removed_import_id = ? WHERE task_id = ?", b, 2,
                     c->e);
    free(run);
    free(sid);
    return ret;
}

static int store_task_row(struct import_ctx *c, size_t i, const struct resolved_task *rt)
{
    const struct batch_task *t = &c->b->tasks[i];
    char *key = origin_key(c, t);
    long id = 0;
    int ret = db_query_id(c->db, "SELECT id FROM task WHERE origin_key = ?", key, &id, c->e);
    c->created[i] = !ret && !id;
    if (!ret)
        ret = id ? update_changed(c, id, t) : insert_task(c, key, t, rt, &id);
    free(key);
    c->task_ids[i] = id;
    if (!ret)
        ret = refresh_derived(c, id, t, rt);
    if (!ret)
        ret = link_task(c, id, t);
    if (!ret)
        ret = write_documents(c, id, t);
    if (!ret)
        ret = clear_task_links(c, id);
    if (!ret)
        ret = write_parties(c, id, "lead", &rt->lead);
    if (!ret)
        ret = write_parties(c, id, "coord", &rt->coord);
    if (!ret)
        ret = write_assignments(c, id, rt);
    if (ret)
        err_prefix(c->e, "line %zu", t->line);
    return ret;
}

/* ---- indicators ---------------------------------------------------------- */

/*
 * Whether target_parse() reads text as a target (not a heading without
 * one): stored with the indicator, so the reconciliation counts them in
 * SQL with the indicator list's own reading of a target.
 */
static bool has_target(const char *text, const char *unit)
{
    struct target t = TARGET_INIT;
    target_parse(&t, text, unit);
    bool yes = t.kind != TARGET_NONE;
    target_release(&t);
    return yes;
}

/* The values of store_indicator()'s upsert: x of document doc (0: none), monitored by agency. */
static void bind_indicator(struct stmt *st, long doc, const struct batch_indicator *x, long agency)
{
    if (doc)
        stmt_bind_int(st, 1, doc);
    const char *vals[] = { x->code, x->parent_code, x->name, x->unit, x->target };
    for (int i = 0; i < 5; i++)
        db_bind_text(st, i + 2, vals[i] ? vals[i] : (i == 1 ? NULL : ""));
    if (x->horizon)
        stmt_bind_int(st, 7, x->horizon);
    db_bind_text(st, 8, x->agency ? x->agency : "");
    if (agency)
        stmt_bind_int(st, 9, agency);
    stmt_bind_int(st, 10, (long)x->line);
    db_bind_text(st, 11, x->field ? x->field : "");
    stmt_bind_int(st, 12, has_target(x->target ? x->target : "", x->unit ? x->unit : ""));
}

static int store_indicator(struct import_ctx *c, const struct batch_indicator *x)
{
    struct parties p = PARTIES_INIT;
    registry_split(c->r, x->agency ? x->agency : "", &p);
    long agency = 0;
    for (size_t i = 0; i < p.n && !agency; i++)
        if (p.items[i].kind == PARTY_AGENCY)
            agency = c->r->agencies[registry_active(c->r, p.items[i].idx)].id;
    parties_release(&p);
    struct stmt *st;
    if (db_prepare_cached(c->db,
                   "INSERT INTO indicator (document_id, code, parent_code, name, unit,"
                   " target_text, horizon, agency_text, agency_id, source_line, field, has_target)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                   " ON CONFLICT (document_id, code) DO UPDATE SET name = excluded.name,"
                   " unit = excluded.unit, target_text = excluded.target_text,"
                   " has_target = excluded.has_target,"
                   " horizon = excluded.horizon, agency_text = excluded.agency_text,"
                   " agency_id = excluded.agency_id, field = excluded.field",
                   &st, c->e))
        return c->e->kind;
    bind_indicator(st, c->source_doc, x, agency);
    int ret = db_step_done(c->db, st, c->e);
    db_finish_cached(c->db, st);
    return ret;
}

/* ---- the import ---------------------------------------------------------- */

static int start_run(struct import_ctx *c, const struct import_options *opt)
{
    return db_import_run(c->db, opt->file, c->b->format ? c->b->format : "", &c->run_id, c->e);
}

static int source_document(struct import_ctx *c, const struct import_options *opt)
{
    c->source_key = xstrdup("");
    if (opt->document) {
        struct docref ref;
        if (docref_parse(opt->document, &ref, c->e) == 0) {
            free(c->source_key);
            c->source_key = NULL;
            int ret = upsert_document(c, &ref, NULL, &c->source_doc, &c->source_key);
            docref_release(&ref);
            return ret;
        }
        /* Not a numbered reference: a titled document ("Kế hoạch ..."). */
        err_clear(c->e);
        free(c->source_key);
        c->source_key = NULL;
        return upsert_document(c, NULL, opt->document, &c->source_doc, &c->source_key);
    }
    if (!c->b->document.kind && !c->b->document_title)
        return 0;
    free(c->source_key);
    c->source_key = NULL;
    return upsert_document(c, c->b->document.kind ? &c->b->document : NULL,
                           c->b->document_title, &c->source_doc, &c->source_key);
}

/* The audit line of an import, on its import_run row, inside the import's transaction. */
static int audit_run(struct db *db, const struct audit_entry *a, long run_id, struct err *e)
{
    struct audit_entry line = *a;
    line.entity = "import_run";
    line.entity_id = run_id;
    return store_audit(db, &line, e);
}

/* The batch's tasks and indicators, then what its new tasks repeat. */
static int store_rows(struct import_ctx *c, const struct resolved_task *rt,
                      const struct import_options *opt, struct import_summary *sum)
{
    const struct batch *b = c->b;
    int ret = 0;
    for (size_t i = 0; i < b->n_tasks && !ret; i++)
        ret = store_task_row(c, i, &rt[i]);
    for (size_t i = 0; i < b->n_indicators && !ret; i++)
        ret = store_indicator(c, &b->indicators[i]);
    if (!ret)
        ret = store_find_repeats(c->db, c->run_id, b, c->task_ids, c->created, opt, sum, c->e);
    return ret;
}

int store_import(struct db *db, const struct registry *r, const struct batch *b,
                 const struct resolved_task *rt, const struct import_options *opt,
                 struct import_summary *sum, struct err *e)
{
    struct import_ctx c = { .db = db, .r = r, .b = b, .e = e };
    c.task_ids = xcalloc(b->n_tasks + 1, sizeof(long));
    c.created = xcalloc(b->n_tasks + 1, sizeof(bool));
    int ret = db_begin(db, e);
    if (!ret)
        ret = start_run(&c, opt);
    if (!ret && opt->audit)
        ret = audit_run(db, opt->audit, c.run_id, e);
    if (!ret)
        ret = source_document(&c, opt);
    if (!ret)
        ret = store_rows(&c, rt, opt, sum);
    sum->documents = c.n_docs;
    bool refused = sum->n_dups && !opt->allow_duplicates;
    if (!ret && !opt->dry_run && !refused)
        ret = db_commit(db, e);
    else
        db_rollback(db);
    sum->written = !ret && !opt->dry_run && !refused;
    free(c.created);
    free(c.task_ids);
    free(c.doc_ids);
    free(c.source_key);
    return ret;
}

/* store_docsets: document sets and a document's report fields; see store_docsets.h. */
#include "store_auth.h"
#include "store_docsets.h"

#include "core/docset.h"
#include "db_internal.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading ------------------------------------------------------------------- */

static void view_push(struct docset_view *v, size_t *cap, long id, const char *name)
{
    size_t cap_names = *cap;
    ALLOC_GROW(v->documents, v->n_documents + 1, *cap);
    ALLOC_GROW(v->names, v->n_documents + 1, cap_names);
    v->documents[v->n_documents] = id;
    v->names[v->n_documents++] = xstrdup(name);
}

/* The documents of v: its explicit members, or every document its rule matches. */
static int resolve(struct db *db, struct docset_view *v, struct err *e)
{
    bool rule = v->issuer || v->kind;
    struct stmt *st;
    if (db_prepare(db,
                   rule ? "SELECT id, name, kind, symbol FROM document"
                          " ORDER BY date IS NULL, date, id"
                        : "SELECT d.id, d.name, d.kind, d.symbol FROM document_set_member m"
                          " JOIN document d ON d.id = m.document_id WHERE m.set_id = ?"
                          " ORDER BY d.date IS NULL, d.date, d.id",
                   &st, e))
        return e->kind;
    if (!rule)
        stmt_bind_int(st, 1, v->id);
    size_t cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        const char *kind = stmt_is_null(st, 2) ? NULL : db_col_text(st, 2);
        const char *symbol = stmt_is_null(st, 3) ? NULL : db_col_text(st, 3);
        if (!rule || docset_matches(v->issuer, v->kind, kind, symbol))
            view_push(v, &cap, stmt_int(st, 0), db_col_text(st, 1));
    }
    stmt_finalize(st);
    return rc == DB_DONE ? 0 : db_error(db, "cannot read a document set", e);
}

static char *col_or_null(struct stmt *st, int col)
{
    return stmt_is_null(st, col) ? NULL : db_col_dup(st, col);
}

/* Sets named name (NULL: all), by name, resolved. */
static int read_sets(struct db *db, const char *name, struct docset_view **out, size_t *n,
                     struct err *e)
{
    struct stmt *st;
    *out = NULL;
    *n = 0;
    if (db_prepare(db,
                   name ? "SELECT id, name, issuer, kind FROM document_set WHERE lower(name) = lower(?)"
                        : "SELECT id, name, issuer, kind FROM document_set ORDER BY lower(name)",
                   &st, e))
        return e->kind;
    if (name)
        db_bind_text(st, 1, name);
    size_t cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        ALLOC_GROW(*out, *n + 1, cap);
        (*out)[(*n)++] = (struct docset_view){ stmt_int(st, 0),
                                               db_col_dup(st, 1),
                                               col_or_null(st, 2),
                                               col_or_null(st, 3),
                                               NULL,
                                               NULL,
                                               0 };
    }
    stmt_finalize(st);
    int ret = rc == DB_DONE ? 0 : db_error(db, "cannot read the document sets", e);
    for (size_t i = 0; !ret && i < *n; i++)
        ret = resolve(db, &(*out)[i], e);
    if (ret) {
        docset_views_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return ret;
}

int store_docsets(struct db *db, struct docset_view **out, size_t *n, struct err *e)
{
    return read_sets(db, NULL, out, n, e);
}

int store_docset_find(struct db *db, const char *name, struct docset_view *out, struct err *e)
{
    struct docset_view *v;
    size_t n;
    if (read_sets(db, name, &v, &n, e))
        return e->kind;
    if (!n)
        return err_set(e, ERR_NOT_FOUND, "không có nhóm văn bản nào tên “%s”", name);
    *out = v[0];
    free(v);
    return 0;
}

void docset_view_release(struct docset_view *v)
{
    free(v->name);
    free(v->issuer);
    free(v->kind);
    for (size_t i = 0; i < v->n_documents; i++)
        free(v->names[i]);
    free(v->names);
    free(v->documents);
    *v = (struct docset_view){ 0 };
}

void docset_views_free(struct docset_view *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        docset_view_release(&v[i]);
    free(v);
}

/* ---- writing ------------------------------------------------------------------- */

static int check_spec(const struct docset_spec *s, struct err *e)
{
    bool rule = (s->issuer && *s->issuer) || (s->kind && *s->kind);
    if (!s->name || text_is_blank(s->name))
        return err_set(e, ERR_INVALID, "the set needs a name");
    if (rule == (s->n_documents > 0))
        return err_set(e, ERR_INVALID,
                       "a set is either a rule (--issuer and/or --kind) or a list (--document)");
    return 0;
}

static int insert_members(struct db *db, long set_id, const struct docset_spec *s, struct err *e)
{
    int ret = 0;
    for (size_t i = 0; !ret && i < s->n_documents; i++) {
        char sid[24], did[24];
        snprintf(sid, sizeof(sid), "%ld", set_id);
        snprintf(did, sizeof(did), "%ld", s->documents[i]);
        const char *args[] = { sid, did };
        ret = db_run(db,
                     "INSERT INTO document_set_member (set_id, document_id)"
                     " VALUES (?, ?) ON CONFLICT DO NOTHING",
                     args, 2, e);
    }
    return ret;
}

/* The set as written in the audit log: its name and what it holds today. */
static char *set_text(const struct docset_view *v)
{
    struct buf b = BUF_INIT;
    buf_addf(&b, "%s:", v->name);
    if (v->issuer)
        buf_addf(&b, " cơ quan ban hành %s", v->issuer);
    if (v->kind)
        buf_addf(&b, " loại %s", v->kind);
    buf_addf(&b, " (%zu văn bản)", v->n_documents);
    return buf_take(&b);
}

/* Append the audit line of a change to entity id (a may be NULL: nothing audited). */
static int audit_change(struct db *db, const struct audit_entry *a, const char *action,
                        const char *entity, long id, const char *before, const char *after,
                        struct err *e)
{
    if (!a)
        return 0;
    struct audit_entry line = *a;
    line.action = action;
    line.entity = entity;
    line.entity_id = id;
    line.before = before;
    line.after = after;
    return store_audit(db, &line, e);
}

static int audit_set(struct db *db, const struct audit_entry *a, const struct docset_view *v,
                     bool added, struct err *e)
{
    char *text = set_text(v);
    int ret = audit_change(db, a, added ? "document_set.add" : "document_set.remove",
                           "document_set", v->id, added ? NULL : text, added ? text : NULL, e);
    free(text);
    return ret;
}

static int add_in_tx(struct db *db, const struct docset_spec *s, const struct audit_entry *a,
                     struct err *e)
{
    char ts[DB_TS_LEN];
    db_timestamp(ts);
    char *name = text_trim(s->name);
    const char *args[] = { name, s->issuer && *s->issuer ? s->issuer : NULL,
                           s->kind && *s->kind ? s->kind : NULL, ts, a ? a->actor : "cli" };
    long id = 0;
    int ret = db_query_id(db, "SELECT id FROM document_set WHERE lower(name) = lower(?)", name, &id, e);
    if (!ret && id)
        ret = err_set(e, ERR_CONFLICT, "a document set named '%s' exists", name);
    if (!ret)
        ret = db_run(db,
                     "INSERT INTO document_set (name, issuer, kind, created_at, created_by)"
                     " VALUES (?, ?, ?, ?, ?)",
                     args, 5, e);
    if (!ret)
        ret = insert_members(db, db_last_id(db), s, e);
    struct docset_view v = { 0 };
    if (!ret)
        ret = store_docset_find(db, name, &v, e);
    if (!ret && v.n_documents == 0)
        ret = err_set(e, ERR_INVALID, "no document matches the set '%s'", name);
    if (!ret)
        ret = audit_set(db, a, &v, true, e);
    docset_view_release(&v);
    free(name);
    return ret;
}

int store_docset_add(struct db *db, const struct docset_spec *s, const struct audit_entry *a,
                     struct err *e)
{
    if (check_spec(s, e) || db_begin(db, e))
        return e->kind;
    int ret = add_in_tx(db, s, a, e);
    if (!ret)
        ret = db_commit(db, e);
    if (ret)
        db_rollback(db);
    return ret;
}

int store_docset_remove(struct db *db, const char *name, const struct audit_entry *a, struct err *e)
{
    if (db_begin(db, e))
        return e->kind;
    struct docset_view v = { 0 };
    int ret = store_docset_find(db, name, &v, e);
    char id[24];
    snprintf(id, sizeof(id), "%ld", v.id);
    const char *args[] = { id };
    if (!ret)
        ret = db_run(db, "DELETE FROM document_set_member WHERE set_id = ?", args, 1, e) ||
              db_run(db, "DELETE FROM document_set WHERE id = ?", args, 1, e);
    if (!ret)
        ret = audit_set(db, a, &v, false, e);
    if (!ret)
        ret = db_commit(db, e);
    if (ret)
        db_rollback(db);
    docset_view_release(&v);
    return ret ? e->kind : 0;
}

/* ---- a document's report fields ------------------------------------------------ */

static int set_field(struct db *db, const char *column, const char *value, const char *id,
                     struct err *e)
{
    if (!value)
        return 0;
    char *sql = xasprintf("UPDATE document SET %s = ? WHERE id = ?", column);
    const char *args[] = { *value ? value : NULL, id };
    int ret = db_run(db, sql, args, 2, e);
    free(sql);
    return ret;
}

static char *info_text(struct db *db, const char *id)
{
    char *text = NULL;
    struct stmt *st;
    struct err ignored = ERR_INIT;
    if (db_prepare(db,
                   "SELECT coalesce(meeting, ''), coalesce(meeting_date, ''),"
                   " coalesce(summary, '') FROM document WHERE id = ?",
                   &st, &ignored))
        return NULL;
    db_bind_text(st, 1, id);
    if (stmt_step(st) == DB_ROW)
        text = xasprintf("Phiên họp: %s; ngày: %s; tóm tắt: %s", db_col_text(st, 0),
                         db_col_text(st, 1), db_col_text(st, 2));
    stmt_finalize(st);
    return text;
}

int store_document_set_info(struct db *db, long doc_id, const struct document_info *in,
                            const struct audit_entry *a, struct err *e)
{
    char id[24];
    snprintf(id, sizeof(id), "%ld", doc_id);
    if (db_begin(db, e))
        return e->kind;
    char *before = info_text(db, id), *after = NULL;
    int ret = before ? 0 : err_set(e, ERR_NOT_FOUND, "no document with id %ld", doc_id);
    if (!ret)
        ret = set_field(db, "meeting", in->meeting, id, e) ||
              set_field(db, "meeting_date", in->meeting_date, id, e) ||
              set_field(db, "summary", in->summary, id, e);
    if (!ret) {
        after = info_text(db, id);
        ret = audit_change(db, a, "document.set", "document", doc_id, before, after, e);
    }
    if (!ret)
        ret = db_commit(db, e);
    if (ret)
        db_rollback(db);
    free(before);
    free(after);
    return ret ? e->kind : 0;
}

/* ---- vướng mắc, kiến nghị ------------------------------------------------------ */

int store_issues_raised(struct db *db, struct date as_of, struct report_issue **out, size_t *n,
                        struct err *e)
{
    char d[DATE_ISO_LEN];
    date_iso(as_of, d);
    *out = NULL;
    *n = 0;
    struct stmt *st;
    /* One pass over the reports with issues: per assignment the latest by date, then by
     * entry. */
    if (db_prepare(db,
                   "SELECT assignment_id, reported_on, issues FROM (SELECT assignment_id,"
                   " reported_on, issues, row_number() OVER (PARTITION BY assignment_id"
                   " ORDER BY reported_on DESC, id DESC) AS latest FROM progress_report"
                   " WHERE trim(issues) <> '' AND reported_on <= ?1) AS r"
                   " WHERE latest = 1 ORDER BY assignment_id",
                   &st, e))
        return e->kind;
    db_bind_text(st, 1, d);
    size_t cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        ALLOC_GROW(*out, *n + 1, cap);
        struct report_issue *r = &(*out)[(*n)++];
        r->assignment_id = stmt_int(st, 0);
        r->on = DATE_NONE;
        date_parse_iso(db_col_text(st, 1), &r->on);
        r->text = db_col_dup(st, 2);
    }
    stmt_finalize(st);
    if (rc == DB_DONE)
        return 0;
    report_issues_free(*out, *n);
    *out = NULL;
    *n = 0;
    return db_error(db, "cannot read the progress reports", e);
}

int store_report_notes(struct db *db, const struct report *r, long stale_after,
                       struct report_notes *out, struct err *e)
{
    out->stale_after = stale_after;
    if (store_issues_raised(db, r->opt.as_of, &out->issues, &out->n_issues, e))
        return e->kind;
    out->n_issues = report_issues_select(r, out->issues, out->n_issues);
    out->stale = report_stale_build(r, stale_after, &out->n_stale);
    return 0;
}

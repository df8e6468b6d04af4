/*
 * store_admin: uploads and registry edits; see
 * store_admin.h.
 *
 * An import and its audit line commit together although store_import()
 * and store_progress_add() own their transaction: before calling them we
 * arm a TEMP trigger on this connection that appends the audit line when
 * the import inserts its import_run row, inside the import's own
 * transaction (so a rolled-back import leaves no line, and the line names
 * the run). TEMP objects are private to the connection and dropped again
 * at once.
 */
#include "store_admin.h"

#include "db_internal.h"
#include "store_auth.h"

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static int finish_tx(struct db *db, int ret, struct err *e)
{
    if (!ret)
        ret = db_commit(db, e);
    if (ret)
        db_rollback(db);
    return ret;
}

/* ---- uploads ------------------------------------------------------------------------- */

static int purge_uploads(struct db *db, long now, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db, "DELETE FROM upload WHERE created_at < ?", &st, e))
        return e->kind;
    stmt_bind_int(st, 1, now - UPLOAD_MAX_AGE_S);
    int ret = db_step_done(db, st, e);
    stmt_finalize(st);
    return ret;
}

static int insert_upload(struct db *db, const struct upload_record *u, long now, long *id,
                         struct err *e)
{
    struct stmt *st;
    if (db_prepare(db,
                   "INSERT INTO upload (name, format, document, bytes, created_by, created_at)"
                   " VALUES (?, ?, ?, ?, ?, ?)",
                   &st, e))
        return e->kind;
    db_bind_text(st, 1, u->name ? u->name : "");
    db_bind_text(st, 2, u->format);
    db_bind_text(st, 3, u->document);
    stmt_bind_blob(st, 4, u->len ? u->bytes : "", u->len);
    stmt_bind_int(st, 5, u->created_by);
    stmt_bind_int(st, 6, now);
    int ret = db_step_done(db, st, e);
    stmt_finalize(st);
    *id = db_last_id(db);
    return ret;
}

int store_upload_add(struct db *db, const struct upload_record *u, long now, long *id,
                     struct err *e)
{
    if (db_begin(db, e))
        return e->kind;
    int ret = purge_uploads(db, now, e);
    if (!ret)
        ret = insert_upload(db, u, now, id, e);
    return finish_tx(db, ret, e);
}

static void read_upload(struct stmt *st, struct upload_record *u)
{
    *u = (struct upload_record){ .id = stmt_int(st, 0) };
    u->name = db_col_dup(st, 1);
    u->format = stmt_is_null(st, 2) ? NULL : db_col_dup(st, 2);
    u->document = stmt_is_null(st, 3) ? NULL : db_col_dup(st, 3);
    const void *blob = stmt_blob(st, 4, &u->len);
    u->bytes = xmalloc(u->len + 1);
    if (u->len)
        memcpy(u->bytes, blob, u->len);
    u->bytes[u->len] = '\0';
    u->created_by = stmt_int(st, 5);
    u->created_at = stmt_int(st, 6);
}

int store_upload_get(struct db *db, long id, long user_id, long now, struct upload_record *out,
                     struct err *e)
{
    struct stmt *st;
    if (db_prepare(db,
                   "SELECT id, name, format, document, bytes, created_by, created_at FROM upload"
                   " WHERE id = ? AND created_at >= ?",
                   &st, e))
        return e->kind;
    stmt_bind_int(st, 1, id);
    stmt_bind_int(st, 2, now - UPLOAD_MAX_AGE_S);
    int rc = stmt_step(st);
    if (rc == DB_ROW)
        read_upload(st, out);
    stmt_finalize(st);
    if (rc == DB_DONE)
        return err_set(e, ERR_NOT_FOUND, "no upload %ld (it is older than a day, or imported)", id);
    if (rc != DB_ROW)
        return db_error(db, "cannot read the upload", e);
    if (out->created_by != user_id) {
        upload_record_release(out);
        return err_set(e, ERR_FORBIDDEN, "upload %ld belongs to another user", id);
    }
    return 0;
}

int store_upload_drop(struct db *db, long id, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db, "DELETE FROM upload WHERE id = ?", &st, e))
        return e->kind;
    stmt_bind_int(st, 1, id);
    int ret = db_step_done(db, st, e);
    stmt_finalize(st);
    return ret;
}

void upload_record_release(struct upload_record *u)
{
    free(u->name);
    free(u->format);
    free(u->document);
    free(u->bytes);
    *u = (struct upload_record){ 0 };
}


/* ---- unresolved names ----------------------------------------------------------------- */

int store_unresolved(struct db *db, struct unresolved_view **out, size_t *n, struct err *e)
{
    struct stmt *st;
    *out = NULL;
    *n = 0;
    if (db_prepare(db,
                   "SELECT p.text, p.task_id, t.tt, coalesce(t.source_line, 0), p.role = 'lead'"
                   " FROM task_party p JOIN task t ON t.id = p.task_id"
                   " WHERE p.agency_id IS NULL AND p.group_id IS NULL"
                   " ORDER BY p.text, p.task_id, p.role, p.position",
                   &st, e))
        return e->kind;
    size_t cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        ALLOC_GROW(*out, *n + 1, cap);
        struct unresolved_view *v = &(*out)[(*n)++];
        v->text = db_col_dup(st, 0);
        v->task_id = stmt_int(st, 1);
        v->tt = db_col_dup(st, 2);
        v->line = stmt_int(st, 3);
        v->lead = (int)stmt_int(st, 4) != 0;
    }
    stmt_finalize(st);
    return rc == DB_DONE ? 0 : db_error(db, "cannot read unresolved names", e);
}

void unresolved_views_free(struct unresolved_view *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].text);
        free(v[i].tt);
    }
    free(v);
}

int store_agency_name(struct db *db, long id, char **name, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db, "SELECT name FROM agency WHERE id = ?", &st, e))
        return e->kind;
    stmt_bind_int(st, 1, id);
    int rc = stmt_step(st);
    *name = rc == DB_ROW ? db_col_dup(st, 0) : NULL;
    stmt_finalize(st);
    if (rc == DB_DONE)
        return err_set(e, ERR_NOT_FOUND, "no unit %ld", id);
    return rc == DB_ROW ? 0 : db_error(db, "cannot read the unit", e);
}

/* ---- aliases -------------------------------------------------------------------------- */

/* The first column of sql (binding key, then id) as a new string, or NULL when no row. */
static int name_where(struct db *db, const char *sql, const char *key, long id, char **out,
                      struct err *e)
{
    struct stmt *st;
    *out = NULL;
    if (db_prepare(db, sql, &st, e))
        return e->kind;
    db_bind_text(st, 1, key);
    stmt_bind_int(st, 2, id);
    int rc = stmt_step(st);
    if (rc == DB_ROW)
        *out = db_col_dup(st, 0);
    stmt_finalize(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : db_error(db, "cannot read names", e);
}

/* The name of a group whose name or alias folds to key, or NULL. */
static int group_named(struct db *db, const char *key, char **out, struct err *e)
{
    struct stmt *st;
    *out = NULL;
    if (db_prepare(db,
                   "SELECT g.name, g.name FROM agency_group g UNION ALL"
                   " SELECT g.name, a.alias FROM group_alias a JOIN agency_group g"
                   " ON g.id = a.group_id",
                   &st, e))
        return e->kind;
    int rc;
    while (!*out && db_row(st, &rc)) {
        char *k = text_fold(db_col_text(st, 1));
        if (!strcmp(k, key))
            *out = db_col_dup(st, 0);
        free(k);
    }
    stmt_finalize(st);
    return *out || rc == DB_DONE ? 0 : db_error(db, "cannot read groups", e);
}

/* ERR_CONFLICT when key names another agency or a group. */
static int alias_free_for(struct db *db, const char *alias, const char *key, long agency_id,
                          struct err *e)
{
    char *other = NULL;
    int ret = name_where(db, "SELECT name FROM agency WHERE name_key = ? AND id <> ?", key,
                         agency_id, &other, e);
    if (!ret && !other)
        ret = name_where(db,
                         "SELECT a.name FROM agency_alias x JOIN agency a ON a.id = x.agency_id"
                         " WHERE x.alias_key = ? AND x.agency_id <> ?",
                         key, agency_id, &other, e);
    if (!ret && !other)
        ret = group_named(db, key, &other, e);
    if (!ret && other)
        ret = err_set(e, ERR_CONFLICT, "the name '%s' already belongs to '%s'", alias, other);
    free(other);
    return ret;
}

static int insert_alias(struct db *db, long agency_id, const char *alias, const char *key,
                        struct err *e)
{
    char *known = NULL;
    int ret = name_where(db,
                         "SELECT name FROM agency WHERE name_key = ?1 AND id = ?2 UNION ALL"
                         " SELECT alias FROM agency_alias WHERE alias_key = ?1 AND agency_id = ?2",
                         key, agency_id, &known, e);
    if (ret || known) {
        free(known);
        return ret;
    }
    struct stmt *st;
    if (db_prepare(db, "INSERT INTO agency_alias (agency_id, alias, alias_key) VALUES (?, ?, ?)",
                   &st, e))
        return e->kind;
    stmt_bind_int(st, 1, agency_id);
    db_bind_text(st, 2, alias);
    db_bind_text(st, 3, key);
    ret = db_step_done(db, st, e);
    stmt_finalize(st);
    return ret;
}

/* One unresolved party to link: its primary key and text. */
struct party_ref {
    long task_id;
    char *role;
    long position;
    char *text;
};

static int matching_parties(struct db *db, const char *key, struct party_ref **out, size_t *n,
                            struct err *e)
{
    struct stmt *st;
    if (db_prepare(db,
                   "SELECT task_id, role, position, text FROM task_party"
                   " WHERE agency_id IS NULL AND group_id IS NULL",
                   &st, e))
        return e->kind;
    size_t cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        char *k = text_fold(db_col_text(st, 3));
        if (!strcmp(k, key)) {
            ALLOC_GROW(*out, *n + 1, cap);
            (*out)[(*n)++] = (struct party_ref){ stmt_int(st, 0), db_col_dup(st, 1),
                                                 stmt_int(st, 2), db_col_dup(st, 3) };
        }
        free(k);
    }
    stmt_finalize(st);
    return rc == DB_DONE ? 0 : db_error(db, "cannot read task parties", e);
}

static int link_party(struct db *db, const struct party_ref *p, long agency_id, long active_id,
                      struct err *e)
{
    struct stmt *st;
    if (db_prepare(db,
                   "UPDATE task_party SET agency_id = ? WHERE task_id = ? AND role = ?"
                   " AND position = ?",
                   &st, e))
        return e->kind;
    stmt_bind_int(st, 1, agency_id);
    stmt_bind_int(st, 2, p->task_id);
    db_bind_text(st, 3, p->role);
    stmt_bind_int(st, 4, p->position);
    int ret = db_step_done(db, st, e);
    stmt_finalize(st);
    if (ret || strcmp(p->role, "lead") != 0)
        return ret;
    if (db_prepare(db,
                   "INSERT INTO assignment (task_id, agency_id, via_group_id, named_as)"
                   " VALUES (?, ?, NULL, ?) ON CONFLICT (task_id, agency_id) DO UPDATE SET"
                   " removed_import_id = NULL WHERE assignment.removed_import_id IS NOT NULL",
                   &st, e))
        return e->kind;
    stmt_bind_int(st, 1, p->task_id);
    stmt_bind_int(st, 2, active_id);
    db_bind_text(st, 3, p->text);
    ret = db_step_done(db, st, e);
    stmt_finalize(st);
    return ret;
}

static int relink(struct db *db, const char *key, long agency_id, long active_id, size_t *n_linked,
                  struct err *e)
{
    struct party_ref *refs = NULL;
    size_t n = 0;
    int ret = matching_parties(db, key, &refs, &n, e);
    for (size_t i = 0; i < n && !ret; i++)
        ret = link_party(db, &refs[i], agency_id, active_id, e);
    for (size_t i = 0; i < n; i++) {
        free(refs[i].role);
        free(refs[i].text);
    }
    free(refs);
    *n_linked = ret ? 0 : n;
    return ret;
}

/* The alias line of the audit log: what was added to whom, and what it linked. */
static int audit_alias(struct db *db, const struct audit_entry *a, long agency_id,
                       const char *alias, const char *name, size_t n_linked, struct err *e)
{
    struct audit_entry line = *a;
    char *after = xasprintf("alias: %s; unit: %s; linked: %zu", alias, name, n_linked);
    line.entity = "agency";
    line.entity_id = agency_id;
    line.after = after;
    int ret = store_audit(db, &line, e);
    free(after);
    return ret;
}

int store_alias_add(struct db *db, long agency_id, long active_id, const char *alias,
                    const struct audit_entry *a, size_t *n_linked, struct err *e)
{
    *n_linked = 0;
    if (text_is_blank(alias))
        return err_set(e, ERR_INVALID, "the alias is empty");
    char *name = NULL, *clean = text_clean(alias, false), *key = text_fold(clean);
    int ret = db_begin(db, e);
    if (!ret)
        ret = store_agency_name(db, agency_id, &name, e);
    if (!ret)
        ret = alias_free_for(db, clean, key, agency_id, e);
    if (!ret)
        ret = insert_alias(db, agency_id, clean, key, e);
    if (!ret)
        ret = relink(db, key, agency_id, active_id, n_linked, e);
    if (!ret)
        ret = audit_alias(db, a, agency_id, clean, name, *n_linked, e);
    free(name);
    free(clean);
    free(key);
    return finish_tx(db, ret, e);
}

/* ---- group rules ---------------------------------------------------------------------- */

/* The run that marks assignments a rule change takes away (they keep their reports). */
static int registry_run(struct db *db, const char *group, long *run_id, struct err *e)
{
    char *file = xasprintf("quy tắc nhóm: %s", group);
    int ret = db_import_run(db, file, "registry", run_id, e);
    free(file);
    return ret;
}

/* Give every task led by group g an assignment to each of its members (reviving removed ones). */
static int add_members(struct db *db, long g, const long *ids, size_t n, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db,
                   "INSERT INTO assignment (task_id, agency_id, via_group_id, named_as)"
                   " SELECT p.task_id, ?1, ?2, p.text FROM task_party p WHERE p.role = 'lead'"
                   " AND p.group_id = ?2 ON CONFLICT (task_id, agency_id) DO UPDATE SET"
                   " removed_import_id = NULL",
                   &st, e))
        return e->kind;
    int ret = 0;
    for (size_t i = 0; i < n && !ret; i++) {
        stmt_reset(st);
        stmt_bind_int(st, 1, ids[i]);
        stmt_bind_int(st, 2, g);
        ret = db_step_done(db, st, e);
    }
    stmt_finalize(st);
    return ret;
}

/*
 * Take away the assignments that came through group g to units no longer
 * in it (keep_ids), unless the task names the unit itself: deleted when
 * they have no report, marked removed (with their history) otherwise.
 */
static int drop_members(struct db *db, long g, const char *keep_ids, long run_id, struct err *e)
{
    char *where = xasprintf("via_group_id = %ld AND agency_id NOT IN (%s) AND agency_id NOT IN"
                            " (SELECT agency_id FROM task_party p WHERE p.task_id ="
                            " assignment.task_id AND p.role = 'lead' AND p.agency_id IS NOT NULL)"
                            " AND removed_import_id IS NULL",
                            g, *keep_ids ? keep_ids : "0");
    char *del = xasprintf("DELETE FROM assignment WHERE %s AND id NOT IN"
                          " (SELECT assignment_id FROM progress_report)",
                          where);
    char *mark = xasprintf("UPDATE assignment SET removed_import_id = %ld WHERE %s", run_id, where);
    int ret = db_exec(db, del, e);
    if (!ret)
        ret = db_exec(db, mark, e);
    free(where);
    free(del);
    free(mark);
    return ret;
}

/* The database ids of g's members under its current rule, and the same as "1,2,3". */
static long *rule_members(const struct registry *r, size_t g, size_t *n, struct buf *csv)
{
    size_t *members = NULL;
    registry_expand(r, g, &members, n);
    long *ids = xcalloc(*n + 1, sizeof(long));
    for (size_t i = 0; i < *n; i++) {
        ids[i] = r->agencies[members[i]].id;
        buf_addf(csv, "%s%ld", i ? "," : "", ids[i]);
    }
    free(members);
    return ids;
}

/* The writes of a rule change, inside the caller's transaction. */
static int apply_rule(struct db *db, const struct registry *r, size_t g, const char *before,
                      const struct audit_entry *a, struct err *e)
{
    const struct agency_group *grp = &r->groups[g];
    struct buf keep = BUF_INIT;
    size_t n = 0;
    long *ids = rule_members(r, g, &n, &keep), run_id = 0;
    char *sid = xasprintf("%ld", grp->id);
    const char *args[] = { grp->rule, sid };
    int ret = db_run(db, "UPDATE agency_group SET rule = ? WHERE id = ?", args, 2, e);
    if (!ret)
        ret = registry_run(db, grp->name, &run_id, e);
    if (!ret)
        ret = add_members(db, grp->id, ids, n, e);
    if (!ret)
        ret = drop_members(db, grp->id, keep.data, run_id, e);
    if (!ret && a) {
        struct audit_entry line = *a;
        line.entity = "agency_group";
        line.entity_id = grp->id;
        line.before = before;
        line.after = grp->rule;
        ret = store_audit(db, &line, e);
    }
    free(sid);
    free(ids);
    buf_release(&keep);
    return ret;
}

int store_group_set_rule(struct db *db, struct registry *r, long group_id, const char *rule,
                         const struct audit_entry *a, struct err *e)
{
    size_t g = 0;
    while (g < r->n_groups && r->groups[g].id != group_id)
        g++;
    if (g == r->n_groups)
        return err_set(e, ERR_NOT_FOUND, "no group %ld", group_id);
    char *before = r->groups[g].rule;
    r->groups[g].rule = text_clean(rule, false);
    int ret = registry_check_rule(r, &r->groups[g], e);
    if (!ret)
        ret = db_begin(db, e);
    if (!ret)
        ret = apply_rule(db, r, g, before, a, e);
    if (!ret)
        ret = db_commit(db, e);
    else
        db_rollback(db);
    free(before);
    return ret;
}

/*
 * store_auth: users, sessions, API tokens and the audit log; see store_auth.h.
 *
 * Every change to a user or a token commits together with its audit
 * line. Sessions and tokens are looked up by the digest of their secret
 * (util/crypto.h); the secret itself is never stored.
 */
#include "store_auth.h"

#include "db_internal.h"

#include "core/access.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* ---- audit ---------------------------------------------------------------------- */

int store_audit(struct db *db, const struct audit_entry *a, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db,
                   "INSERT INTO audit_log (at, actor, user_id, token_id, action, entity,"
                   " entity_id, before, after, client) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   &st, e))
        return e->kind;
    char at[DB_TS_LEN];
    db_timestamp(at);
    db_bind_text(st, 1, at);
    db_bind_text(st, 2, a->actor ? a->actor : "");
    if (a->user_id)
        stmt_bind_int(st, 3, a->user_id);
    if (a->token_id)
        stmt_bind_int(st, 4, a->token_id);
    db_bind_text(st, 5, a->action);
    db_bind_text(st, 6, a->entity ? a->entity : "");
    if (a->entity_id)
        stmt_bind_int(st, 7, a->entity_id);
    db_bind_text(st, 8, a->before);
    db_bind_text(st, 9, a->after);
    db_bind_text(st, 10, a->client ? a->client : "");
    int ret = db_step_done(db, st, e);
    stmt_finalize(st);
    return ret;
}

int store_audit_alone(struct db *db, const struct audit_entry *a, struct err *e)
{
    if (db_begin(db, e))
        return e->kind;
    int ret = store_audit(db, a, e);
    if (!ret)
        ret = db_commit(db, e);
    if (ret)
        db_rollback(db);
    return ret;
}

int store_audit_finish(struct db *db, int ret, const struct audit_entry *a, const char *entity,
                       long entity_id, const char *before, const char *after, struct err *e)
{
    if (!ret && a) {
        struct audit_entry line = *a;
        line.entity = entity;
        line.entity_id = entity_id;
        line.before = before;
        line.after = after;
        ret = store_audit(db, &line, e);
    }
    if (!ret)
        ret = db_commit(db, e);
    if (ret)
        db_rollback(db);
    return ret;
}

int db_read_audit_rows(struct db *db, struct stmt *st, struct audit_view **out, size_t *n,
                       const char *what, struct err *e)
{
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    while (db_row(st, &rc)) {
        ALLOC_GROW(*out, *n + 1, cap);
        struct audit_view *v = &(*out)[(*n)++];
        *v = (struct audit_view){ .id = stmt_int(st, 0) };
        v->at = db_col_dup(st, 1);
        v->actor = db_col_dup(st, 2);
        v->action = db_col_dup(st, 3);
        v->entity = db_col_dup(st, 4);
        v->entity_id = stmt_int(st, 5);
        v->before = db_col_dup(st, 6);
        v->after = db_col_dup(st, 7);
        v->client = db_col_dup(st, 8);
        v->role = db_col_dup(st, 9);
    }
    stmt_finalize(st);
    if (rc == DB_DONE)
        return 0;
    audit_views_free(*out, *n);
    *out = NULL;
    *n = 0;
    return db_error(db, what, e);
}

int store_audit_list(struct db *db, long limit, const char *action, struct audit_view **out,
                     size_t *n, struct err *e)
{
    struct stmt *st;
    *out = NULL;
    *n = 0;
    if (db_prepare(db,
                   "SELECT a.id, a.at, a.actor, a.action, a.entity, coalesce(a.entity_id, 0),"
                   " a.before, a.after, a.client, coalesce(u.role, '') FROM audit_log a"
                   " LEFT JOIN app_user u ON u.id = a.user_id"
                   " WHERE CAST(?2 AS TEXT) IS NULL OR a.action = ?2 ORDER BY a.id DESC LIMIT ?1",
                   &st, e))
        return e->kind;
    stmt_bind_int(st, 1, limit);
    if (action)
        db_bind_text(st, 2, action);
    return db_read_audit_rows(db, st, out, n, "cannot read the audit log", e);
}

void audit_views_free(struct audit_view *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].at);
        free(v[i].actor);
        free(v[i].action);
        free(v[i].entity);
        free(v[i].before);
        free(v[i].after);
        free(v[i].client);
        free(v[i].role);
    }
    free(v);
}

/* The audit line a for entity_id, inside the caller's transaction; nothing when a is NULL. */
static int audited(struct db *db, const struct audit_entry *a, long entity_id, struct err *e)
{
    if (!a)
        return 0;
    struct audit_entry line = *a;
    line.entity_id = entity_id;
    return store_audit(db, &line, e);
}

static int finish_tx(struct db *db, int ret, struct err *e)
{
    if (!ret)
        ret = db_commit(db, e);
    if (ret)
        db_rollback(db);
    return ret;
}

/* ---- users ---------------------------------------------------------------------- */

#define USER_COLS                                                                                  \
    "u.id, u.username, u.display_name, u.password_hash, u.role, coalesce(u.agency_id, 0),"       \
    " coalesce(a.name, ''), u.active"
#define USER_FROM " FROM app_user u LEFT JOIN agency a ON a.id = u.agency_id"

static void read_user(struct stmt *st, struct user_record *u)
{
    *u = (struct user_record){ .id = stmt_int(st, 0) };
    u->username = db_col_dup(st, 1);
    u->display = db_col_dup(st, 2);
    u->password_hash = db_col_dup(st, 3);
    u->role = db_col_dup(st, 4);
    u->agency_id = stmt_int(st, 5);
    u->agency = db_col_dup(st, 6);
    u->active = (int)stmt_int(st, 7) != 0;
}

void user_record_release(struct user_record *u)
{
    free(u->username);
    free(u->display);
    free(u->password_hash);
    free(u->role);
    free(u->agency);
    free(u->csrf);
    *u = (struct user_record){ 0 };
}

void user_records_free(struct user_record *u, size_t n)
{
    for (size_t i = 0; i < n; i++)
        user_record_release(&u[i]);
    free(u);
}

static int check_role(const char *role, long agency_id, struct err *e)
{
    enum role r = role_parse(role);
    if (r == ROLE_NONE || strcmp(role, role_name(r)))
        return err_set(e, ERR_INVALID,
                       "unknown role '%s' (admin, monitor, unit_leader, unit or viewer)",
                       role ? role : "");
    return role_is_unit(r) && !agency_id ? err_set(e, ERR_INVALID, "a unit account needs its unit")
                                          : 0;
}

static int insert_user(struct db *db, const struct user_record *u, long *id, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db,
                   "INSERT INTO app_user (username, display_name, password_hash, role, agency_id,"
                   " active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)",
                   &st, e))
        return e->kind;
    char at[DB_TS_LEN];
    db_timestamp(at);
    db_bind_text(st, 1, u->username);
    db_bind_text(st, 2, u->display ? u->display : u->username);
    db_bind_text(st, 3, u->password_hash);
    db_bind_text(st, 4, u->role);
    if (u->agency_id)
        stmt_bind_int(st, 5, u->agency_id);
    db_bind_text(st, 6, at);
    int rc = stmt_step(st);
    stmt_finalize(st);
    if (rc == DB_CONSTRAINT)
        return err_set(e, ERR_CONFLICT, "the username '%s' is taken", u->username);
    if (rc != DB_DONE)
        return db_error(db, "cannot add the user", e);
    *id = db_last_id(db);
    return 0;
}

int store_user_add(struct db *db, const struct user_record *u, const struct audit_entry *a,
                   long *id, struct err *e)
{
    if (!u->username || !*u->username)
        return err_set(e, ERR_INVALID, "the username is empty");
    if (check_role(u->role, u->agency_id, e) || db_begin(db, e))
        return e->kind;
    int ret = insert_user(db, u, id, e);
    if (!ret)
        ret = audited(db, a, *id, e);
    return finish_tx(db, ret, e);
}

int store_user_update(struct db *db, long id, const char *password_hash, int active,
                      const struct audit_entry *a, struct err *e)
{
    if (db_begin(db, e))
        return e->kind;
    char *sid = xasprintf("%ld", id);
    const char *act = active < 0 ? NULL : active ? "1" : "0";
    const char *args[] = { password_hash, act, sid };
    int ret = db_run(db,
                     "UPDATE app_user SET password_hash = coalesce(?1, password_hash),"
                     " active = coalesce(?2, active) WHERE id = ?3",
                     args, 3, e);
    if (!ret && db_changes(db) == 0)
        ret = err_set(e, ERR_NOT_FOUND, "no user %ld", id);
    if (!ret && active == 0)
        ret = db_run(db, "DELETE FROM session WHERE user_id = ?", args + 2, 1, e);
    free(sid);
    if (!ret)
        ret = audited(db, a, id, e);
    return finish_tx(db, ret, e);
}

static int user_query(struct db *db, const char *where, const char *arg,
                      struct user_record **out, size_t *n, struct err *e)
{
    char *sql = xasprintf("SELECT " USER_COLS USER_FROM " %s ORDER BY lower(u.username)", where);
    struct stmt *st;
    int ret = db_prepare(db, sql, &st, e);
    free(sql);
    if (ret)
        return ret;
    if (arg)
        db_bind_text(st, 1, arg);
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    while (db_row(st, &rc)) {
        ALLOC_GROW(*out, *n + 1, cap);
        read_user(st, &(*out)[(*n)++]);
    }
    stmt_finalize(st);
    return rc == DB_DONE ? 0 : db_error(db, "cannot read users", e);
}

int store_user_find(struct db *db, const char *username, struct user_record *out, struct err *e)
{
    struct user_record *u;
    size_t n;
    if (user_query(db, "WHERE lower(u.username) = lower(?)", username, &u, &n, e))
        return e->kind;
    if (n == 0) {
        free(u);
        return err_set(e, ERR_NOT_FOUND, "no user '%s'", username);
    }
    *out = u[0]; /* usernames are unique: n == 1 */
    free(u);
    return 0;
}

int store_users(struct db *db, struct user_record **out, size_t *n, struct err *e)
{
    return user_query(db, "", NULL, out, n, e);
}

/* ---- sessions ------------------------------------------------------------------- */

static int expire_sessions(struct db *db, long now, long idle_s, long max_s, struct err *e);

int store_session_add(struct db *db, const char *digest, long user_id, const char *csrf,
                      long now, struct err *e)
{
    /* Sessions older than a day are gone whatever the timeouts: sweep them at each sign-in. */
    if (expire_sessions(db, now, 24 * 3600, 24 * 3600, e))
        return e->kind;
    struct stmt *st;
    if (db_prepare(db,
                   "INSERT INTO session (digest, user_id, csrf, created_at, seen_at)"
                   " VALUES (?, ?, ?, ?, ?)",
                   &st, e))
        return e->kind;
    db_bind_text(st, 1, digest);
    stmt_bind_int(st, 2, user_id);
    db_bind_text(st, 3, csrf);
    stmt_bind_int(st, 4, now);
    stmt_bind_int(st, 5, now);
    int ret = db_step_done(db, st, e);
    stmt_finalize(st);
    return ret;
}

static int expire_sessions(struct db *db, long now, long idle_s, long max_s, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db, "DELETE FROM session WHERE seen_at < ? OR created_at < ?", &st, e))
        return e->kind;
    stmt_bind_int(st, 1, now - idle_s);
    stmt_bind_int(st, 2, now - max_s);
    int ret = db_step_done(db, st, e);
    stmt_finalize(st);
    return ret;
}

static int session_user(struct db *db, const char *digest, long now, long idle_s, long max_s,
                        struct user_record *out, long *seen_at, struct err *e)
{
    struct stmt *st; /* kept prepared: every signed-in request runs it */
    if (db_prepare_cached(db,
                          "SELECT " USER_COLS ", s.csrf, s.seen_at" USER_FROM
                          " JOIN session s ON s.user_id = u.id WHERE s.digest = ? AND"
                          " u.active = 1 AND s.seen_at >= ? AND s.created_at >= ?",
                          &st, e))
        return e->kind;
    db_bind_text(st, 1, digest);
    stmt_bind_int(st, 2, now - idle_s);
    stmt_bind_int(st, 3, now - max_s);
    int rc = stmt_step(st);
    if (rc == DB_ROW) {
        read_user(st, out);
        out->csrf = db_col_dup(st, 8);
        *seen_at = (long)stmt_int(st, 9);
    }
    db_finish_cached(db, st);
    if (rc == DB_ROW)
        return 0;
    return rc == DB_DONE ? err_set(e, ERR_NOT_FOUND, "no such session")
                             : db_error(db, "cannot read the session", e);
}

/*
 * Reading a session writes only when its last-seen time is a minute old,
 * so the many requests of one page do not queue behind each other. The
 * UPDATE is not even started otherwise: starting one takes the database's
 * write lock, matching row or not.
 */
int store_session_find(struct db *db, const char *digest, long now, long idle_s, long max_s,
                       struct user_record *out, struct err *e)
{
    long seen_at = 0;
    if (session_user(db, digest, now, idle_s, max_s, out, &seen_at, e))
        return e->kind;
    if (seen_at >= now - 60)
        return 0;
    struct stmt *st;
    if (db_prepare(db, "UPDATE session SET seen_at = ?1 WHERE digest = ?2 AND seen_at < ?1 - 60",
                   &st, e))
        return e->kind;
    stmt_bind_int(st, 1, now);
    db_bind_text(st, 2, digest);
    int ret = db_step_done(db, st, e);
    stmt_finalize(st);
    return ret;
}

int store_session_drop(struct db *db, const char *digest, struct err *e)
{
    const char *args[] = { digest };
    return db_run(db, "DELETE FROM session WHERE digest = ?", args, 1, e);
}

/* ---- API tokens ----------------------------------------------------------------- */

int store_token_add(struct db *db, const char *digest, const char *name, const char *role,
                    long agency_id, const struct audit_entry *a, long *id, struct err *e)
{
    if (check_role(role, agency_id, e) || db_begin(db, e))
        return e->kind;
    struct stmt *st;
    int ret = db_prepare(db,
                         "INSERT INTO api_token (digest, name, role, agency_id, created_by,"
                         " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                         &st, e);
    if (!ret) {
        char at[DB_TS_LEN];
        db_timestamp(at);
        db_bind_text(st, 1, digest);
        db_bind_text(st, 2, name);
        db_bind_text(st, 3, role);
        if (agency_id)
            stmt_bind_int(st, 4, agency_id);
        if (a && a->user_id)
            stmt_bind_int(st, 5, a->user_id);
        db_bind_text(st, 6, at);
        ret = db_step_done(db, st, e);
        stmt_finalize(st);
        *id = db_last_id(db);
    }
    if (!ret)
        ret = audited(db, a, *id, e);
    return finish_tx(db, ret, e);
}

static void read_token(struct stmt *st, struct token_record *t)
{
    *t = (struct token_record){ .id = stmt_int(st, 0) };
    t->name = db_col_dup(st, 1);
    t->role = db_col_dup(st, 2);
    t->agency_id = stmt_int(st, 3);
    t->agency = db_col_dup(st, 4);
    t->created_at = db_col_dup(st, 5);
    t->revoked = (int)stmt_int(st, 6) != 0;
}

static int token_query(struct db *db, const char *where, const char *arg,
                       struct token_record **out, size_t *n, struct err *e)
{
    char *sql = xasprintf("SELECT t.id, t.name, t.role, coalesce(t.agency_id, 0),"
                          " coalesce(a.name, ''), t.created_at, t.revoked_at IS NOT NULL"
                          " FROM api_token t LEFT JOIN agency a ON a.id = t.agency_id %s"
                          " ORDER BY t.id",
                          where);
    struct stmt *st; /* kept prepared: every request with a token runs it */
    int ret = db_prepare_cached(db, sql, &st, e);
    free(sql);
    if (ret)
        return ret;
    if (arg)
        db_bind_text(st, 1, arg);
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    while (db_row(st, &rc)) {
        ALLOC_GROW(*out, *n + 1, cap);
        read_token(st, &(*out)[(*n)++]);
    }
    db_finish_cached(db, st);
    return rc == DB_DONE ? 0 : db_error(db, "cannot read tokens", e);
}

void token_record_release(struct token_record *t)
{
    free(t->name);
    free(t->role);
    free(t->agency);
    free(t->created_at);
    *t = (struct token_record){ 0 };
}

void token_records_free(struct token_record *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        token_record_release(&t[i]);
    free(t);
}

int store_token_find(struct db *db, const char *digest, struct token_record *out, struct err *e)
{
    struct token_record *t;
    size_t n;
    if (token_query(db, "WHERE t.digest = ? AND t.revoked_at IS NULL", digest, &t, &n, e))
        return e->kind;
    if (n == 0) {
        free(t);
        return err_set(e, ERR_NOT_FOUND, "no such token");
    }
    *out = t[0];
    free(t);
    return 0;
}

int store_tokens(struct db *db, struct token_record **out, size_t *n, struct err *e)
{
    return token_query(db, "", NULL, out, n, e);
}

int store_token_revoke(struct db *db, long id, const struct audit_entry *a, struct err *e)
{
    if (db_begin(db, e))
        return e->kind;
    char at[DB_TS_LEN];
    db_timestamp(at);
    char *sid = xasprintf("%ld", id);
    const char *args[] = { at, sid };
    int ret = db_run(db, "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                     args, 2, e);
    if (!ret && db_changes(db) == 0)
        ret = err_set(e, ERR_NOT_FOUND, "no live token %ld", id);
    free(sid);
    if (!ret)
        ret = audited(db, a, id, e);
    return finish_tx(db, ret, e);
}

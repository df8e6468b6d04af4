/* store_notify: the inbox, the mail queue and e-mail addresses; see store_notify.h. */
#include "store_auth.h"
#include "store_notify.h"

#include "db_internal.h"
#include "util/clock.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The accounts a notice goes to: a unit's (?1 = its id) or the office's (?1 unused). */
#define UNIT_USERS                                                                                 \
    " FROM app_user u WHERE u.active = 1 AND u.role IN ('unit', 'unit_leader') AND u.agency_id = ?1"
#define OFFICE_USERS                                                                               \
    " FROM app_user u WHERE u.active = 1 AND u.role IN ('admin', 'monitor') AND ?1 = 0"

static const char mail_footer[] =
    "\n\n--\nThư này do hệ thống giamsat gửi tự động; xem và đánh dấu đã đọc tại mục"
    " “Thông báo” của giamsat.\n";

/* Bind the shared parameters of both inserts: ?1 unit, ?2 key, ?3 ts, ?4 kind/now ... */
static int insert_for(struct db *db, const char *sql, long agency_id, const struct notice *n,
                      const char *extra, long now, size_t *added, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db, sql, &st, e))
        return e->kind;
    char ts[DB_TS_LEN];
    db_timestamp(ts);
    stmt_bind_int(st, 1, agency_id);
    db_bind_text(st, 2, n->key);
    db_bind_text(st, 3, ts);
    db_bind_text(st, 4, n->title);
    db_bind_text(st, 5, extra);
    if (now)
        stmt_bind_int(st, 6, now);
    else
        db_bind_text(st, 6, n->link);
    db_bind_text(st, 7, notice_kind_key(n->kind));
    int ret = db_step_done(db, st, e);
    db_finish_cached(db, st);
    if (!ret && added)
        *added += (size_t)db_changes(db);
    return ret;
}

static int notify_where(struct db *db, const char *users, long agency_id, const struct notice *n,
                        size_t *added, struct err *e)
{
    char *inbox = xasprintf("INSERT INTO notification (user_id, dedup, created_at,"
                            " title, body, link, kind) SELECT u.id, 'u' || u.id || '|' || ?2,"
                            " ?3, ?4, ?5, ?6, ?7%s ON CONFLICT DO NOTHING",
                            users);
    char *mail = xasprintf("INSERT INTO mail_queue (recipient, dedup, created_at,"
                           " subject, body, next_at) SELECT u.email, 'u' || u.id || '|' || ?2,"
                           " ?3, '[giamsat] ' || ?4, ?5, ?6%s"
                           " AND coalesce(u.email, '') <> '' ON CONFLICT DO NOTHING",
                           users);
    char *text = xasprintf("%s%s", n->body, mail_footer);
    int ret = insert_for(db, inbox, agency_id, n, n->body, 0, added, e);
    if (!ret)
        ret = insert_for(db, mail, agency_id, n, text, clock_now(), NULL, e);
    free(inbox);
    free(mail);
    free(text);
    return ret;
}

int store_notify(struct db *db, long agency_id, const struct notice *n, size_t *added,
                 struct err *e)
{
    return notify_where(db, agency_id ? UNIT_USERS : OFFICE_USERS, agency_id, n, added, e);
}

int store_notify_batch(struct db *db, const struct notify_target *t, size_t n, size_t *added,
                       struct err *e)
{
    int ret = db_begin(db, e);
    for (size_t i = 0; !ret && i < n; i++)
        ret = store_notify(db, t[i].agency_id, &t[i].notice, added, e);
    if (!ret)
        ret = db_commit(db, e);
    if (ret)
        db_rollback(db);
    return ret;
}

/* ---- requests and reports ---------------------------------------------------------- */

/* The subject of a request (its task or its indicator) and its link: the request's page. */
static void request_subject(struct stmt *st, long request_id, char **subject, char **link)
{
    if (stmt_int(st, 3))
        *subject = xasprintf("nhiệm vụ «%s»", db_col_text(st, 4));
    else
        *subject = xasprintf("chỉ tiêu %s", db_col_text(st, 6));
    *link = xasprintf("/requests/%ld", request_id);
}

int store_notify_request(struct db *db, long request_id, enum notice_kind kind, const char *text,
                         struct date on, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db,
                          "SELECT r.agency_id, a.name, r.content, r.task_id, t.name,"
                          " r.indicator_id, i.code, coalesce((SELECT s.new_due FROM"
                          " explanation_step s WHERE s.request_id = r.id AND s.new_due IS NOT"
                          " NULL AND s.kind = CASE WHEN ?2 = 'answered' THEN 'answer' ELSE"
                          " 'return' END ORDER BY s.id DESC LIMIT 1), r.due_on)"
                          " FROM explanation_request r JOIN agency a ON a.id = r.agency_id"
                          " LEFT JOIN task t ON t.id = r.task_id"
                          " LEFT JOIN indicator i ON i.id = r.indicator_id WHERE r.id = ?1",
                          &st, e))
        return e->kind;
    stmt_bind_int(st, 1, request_id);
    db_bind_text(st, 2, notice_kind_key(kind));
    int rc = stmt_step(st);
    if (rc != DB_ROW) {
        db_finish_cached(db, st);
        return rc == DB_DONE
                   ? err_set(e, ERR_NOT_FOUND, "không có yêu cầu giải trình số %ld", request_id)
                   : db_error(db, "reading a request", e);
    }
    char *subject, *link;
    request_subject(st, request_id, &subject, &link);
    long agency_id = stmt_int(st, 0);
    struct date due = DATE_NONE;
    date_parse_iso(db_col_text(st, 7), &due); /* a stored date: always well-formed */
    struct notice_request r = {
        request_id, subject, db_col_text(st, 1), db_col_text(st, 2), text, link, on, due
    };
    struct notice n = NOTICE_INIT;
    notice_of_request(&n, kind, &r);
    db_finish_cached(db, st);
    int ret = store_notify(db, kind == NOTICE_ANSWERED ? 0 : agency_id, &n, NULL, e);
    notice_release(&n);
    free(subject);
    free(link);
    return ret;
}

int store_notify_report_returned(struct db *db, long agency_id, long task_id, long report_id,
                                 const char *comment, struct date on, struct err *e)
{
    char item[40], link[40];
    snprintf(item, sizeof(item), "report:%ld", report_id);
    snprintf(link, sizeof(link), "/tasks/%ld", task_id);
    char *title = xasprintf("Báo cáo tiến độ nhiệm vụ số %ld bị trả lại", task_id);
    char *body = xasprintf("Báo cáo tiến độ của đơn vị về nhiệm vụ số %ld đã bị trả lại."
                           "\nÝ kiến: %s",
                           task_id, comment ? comment : "");
    struct notice n = NOTICE_INIT;
    notice_set(&n, NOTICE_REPORT_RETURNED, item, on, title, body, link);
    int ret = store_notify(db, agency_id, &n, NULL, e);
    notice_release(&n);
    free(title);
    free(body);
    return ret;
}

/* ---- the inbox --------------------------------------------------------------------- */

int store_inbox_unread(struct db *db, long user_id, long *unread, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(
            db, "SELECT count(*) FROM notification WHERE user_id = ? AND read_at IS NULL", &st, e))
        return e->kind;
    stmt_bind_int(st, 1, user_id);
    int rc = stmt_step(st);
    *unread = rc == DB_ROW ? (long)stmt_int(st, 0) : 0;
    db_finish_cached(db, st);
    return rc == DB_ROW ? 0 : db_error(db, "counting the notifications", e);
}

static void read_item(struct stmt *st, struct inbox_item *it)
{
    int kind = notice_kind_parse(db_col_text(st, 1));
    *it = (struct inbox_item){ .id = stmt_int(st, 0),
                               .kind = kind < 0 ? NOTICE_WARNING : (enum notice_kind)kind,
                               .read = !stmt_is_null(st, 6) };
    it->title = db_col_dup(st, 2);
    it->body = db_col_dup(st, 3);
    it->link = db_col_dup(st, 4);
    it->created_at = db_col_dup(st, 5);
}

int store_inbox_list(struct db *db, long user_id, size_t limit, struct inbox_item **out, size_t *n,
                     long *unread, struct err *e)
{
    *out = NULL;
    *n = 0;
    bool began;
    if (db_read_begin(db, &began, e))
        return e->kind;
    struct stmt *st = NULL;
    int ret = store_inbox_unread(db, user_id, unread, e);
    if (!ret)
        ret = db_prepare_cached(db,
                                "SELECT id, kind, title, body, link, created_at, read_at FROM"
                                " notification WHERE user_id = ? ORDER BY id DESC LIMIT ?",
                                &st, e);
    if (!ret) {
        stmt_bind_int(st, 1, user_id);
        stmt_bind_int(st, 2, (long)limit);
        size_t cap = 0;
        int rc;
        while (db_row(st, &rc)) {
            ALLOC_GROW(*out, *n + 1, cap);
            read_item(st, &(*out)[(*n)++]);
        }
        if (rc != DB_DONE)
            ret = db_error(db, "reading the notifications", e);
    }
    db_finish_cached(db, st);
    db_read_end(db, began);
    return ret;
}

void inbox_items_free(struct inbox_item *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].title);
        free(v[i].body);
        free(v[i].link);
        free(v[i].created_at);
    }
    free(v);
}

/* Whether notification id belongs to user_id: 1, 0, or < 0 on error. */
static int owns(struct db *db, long user_id, long id, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db, "SELECT 1 FROM notification WHERE id = ? AND user_id = ?", &st, e))
        return e->kind;
    stmt_bind_int(st, 1, id);
    stmt_bind_int(st, 2, user_id);
    int rc = stmt_step(st);
    db_finish_cached(db, st);
    if (rc != DB_ROW && rc != DB_DONE)
        return db_error(db, "reading a notification", e);
    return rc == DB_ROW;
}

int store_inbox_mark_read(struct db *db, long user_id, long id, long *changed, struct err *e)
{
    char ts[DB_TS_LEN], uid[24], nid[24];
    db_timestamp(ts);
    snprintf(uid, sizeof(uid), "%ld", user_id);
    snprintf(nid, sizeof(nid), "%ld", id);
    const char *args[] = { ts, uid, nid };
    long n = 0;
    int ret = db_begin(db, e);
    if (!ret && id) {
        int found = owns(db, user_id, id, e);
        ret = found < 0 ? found
              : found   ? 0
                        : err_set(e, ERR_NOT_FOUND, "không có thông báo số %ld", id);
    }
    if (!ret)
        ret = db_run(db,
                     "UPDATE notification SET read_at = ?1 WHERE user_id = ?2 AND read_at IS NULL"
                     " AND (CAST(?3 AS INTEGER) = 0 OR id = ?3)",
                     args, 3, e);
    if (!ret)
        n = (long)db_changes(db);
    if (!ret)
        ret = db_commit(db, e);
    if (ret)
        db_rollback(db);
    if (changed)
        *changed = ret ? 0 : n;
    return ret;
}

/* ---- e-mail addresses -------------------------------------------------------------- */

int store_user_set_email(struct db *db, const char *username, const char *email,
                         const struct audit_entry *a, struct err *e)
{
    const char *addr = email && *email ? email : NULL;
    const char *why = addr ? notice_email_check(addr) : NULL;
    if (why)
        return err_set(e, ERR_INVALID, "email: %s", why);
    long id = 0;
    int ret = db_begin(db, e);
    if (!ret)
        ret = db_query_id(db, "SELECT id FROM app_user WHERE lower(username) = lower(?)", username, &id, e);
    if (!ret && !id)
        ret = err_set(e, ERR_NOT_FOUND, "không có tài khoản '%s'", username);
    const char *args[] = { addr, username };
    if (!ret)
        ret = db_run(db, "UPDATE app_user SET email = ? WHERE lower(username) = lower(?)", args, 2, e);
    if (!ret && a) {
        struct audit_entry line = *a;
        line.entity = "app_user";
        line.entity_id = id;
        line.after = addr ? addr : "";
        ret = store_audit(db, &line, e);
    }
    if (!ret)
        ret = db_commit(db, e);
    if (ret)
        db_rollback(db);
    return ret;
}

int store_user_email(struct db *db, long user_id, char **email, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db, "SELECT email FROM app_user WHERE id = ?", &st, e))
        return e->kind;
    stmt_bind_int(st, 1, user_id);
    int rc = stmt_step(st);
    *email = rc == DB_ROW ? db_col_dup(st, 0) : xstrdup("");
    db_finish_cached(db, st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : db_error(db, "reading an address", e);
}

/* ---- the mail queue ---------------------------------------------------------------- */

#define MAIL_COLS                                                                                  \
    "SELECT id, recipient, subject, body, state, attempts, next_at, coalesce(last_error, ''),"     \
    " created_at, coalesce(sent_at, '') FROM mail_queue"

static void read_mail(struct stmt *st, struct mail_item *m)
{
    *m = (struct mail_item){ .id = stmt_int(st, 0),
                             .attempts = (int)stmt_int(st, 5),
                             .next_at = (long)stmt_int(st, 6) };
    m->recipient = db_col_dup(st, 1);
    m->subject = db_col_dup(st, 2);
    m->body = db_col_dup(st, 3);
    m->state = db_col_dup(st, 4);
    m->last_error = db_col_dup(st, 7);
    m->created_at = db_col_dup(st, 8);
    m->sent_at = db_col_dup(st, 9);
}

void mail_item_release(struct mail_item *m)
{
    free(m->recipient);
    free(m->subject);
    free(m->body);
    free(m->state);
    free(m->last_error);
    free(m->created_at);
    free(m->sent_at);
    *m = (struct mail_item){ 0 };
}

void mail_items_free(struct mail_item *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        mail_item_release(&v[i]);
    free(v);
}

int store_mail_list(struct db *db, struct mail_item **out, size_t *n, struct err *e)
{
    struct stmt *st;
    *out = NULL;
    *n = 0;
    if (db_prepare(db, MAIL_COLS " ORDER BY id", &st, e))
        return e->kind;
    size_t cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        ALLOC_GROW(*out, *n + 1, cap);
        read_mail(st, &(*out)[(*n)++]);
    }
    stmt_finalize(st);
    return rc == DB_DONE ? 0 : db_error(db, "reading the mail queue", e);
}

int store_mail_claim(struct db *db, long now, struct mail_item *out, bool *found, struct err *e)
{
    *found = false;
    struct stmt *st = NULL;
    int ret = db_begin(db, e);
    if (!ret)
        ret = db_prepare(db,
                         MAIL_COLS " WHERE state = 'queued' AND next_at <= ? ORDER BY id"
                                   " LIMIT 1",
                         &st, e);
    if (!ret) {
        stmt_bind_int(st, 1, now);
        int rc = stmt_step(st);
        if (rc == DB_ROW) {
            read_mail(st, out);
            *found = true;
        } else if (rc != DB_DONE) {
            ret = db_error(db, "reading the mail queue", e);
        }
    }
    stmt_finalize(st);
    if (!ret && *found) {
        char id[24];
        snprintf(id, sizeof(id), "%ld", out->id);
        const char *args[] = { id };
        ret = db_run(db,
                     "UPDATE mail_queue SET state = 'sending', attempts = attempts + 1"
                     " WHERE id = ?",
                     args, 1, e);
        out->attempts++;
    }
    if (!ret)
        ret = db_commit(db, e);
    if (ret) {
        db_rollback(db);
        if (*found)
            mail_item_release(out);
        *found = false;
    }
    return ret;
}

/* Run one UPDATE of mail id with text args (after the id) in its own transaction. */
static int mail_update(struct db *db, const char *sql, long id, const char *a2, const char *a3,
                       struct err *e)
{
    char sid[24];
    snprintf(sid, sizeof(sid), "%ld", id);
    const char *args[] = { sid, a2, a3 };
    int ret = db_begin(db, e);
    if (!ret)
        ret = db_run(db, sql, args, 3, e);
    if (!ret && db_changes(db) == 0)
        ret = err_set(e, ERR_CONFLICT, "thư số %ld không ở trạng thái này", id);
    if (!ret)
        ret = db_commit(db, e);
    if (ret)
        db_rollback(db);
    return ret;
}

int store_mail_sent(struct db *db, long id, struct err *e)
{
    char ts[DB_TS_LEN];
    db_timestamp(ts);
    return mail_update(db,
                       "UPDATE mail_queue SET state = 'sent', sent_at = ?2, last_error = NULL"
                       " WHERE id = ?1 AND state = 'sending'",
                       id, ts, NULL, e);
}

int store_mail_failed(struct db *db, long id, int attempts, long now, const char *why,
                      struct err *e)
{
    char next[24];
    snprintf(next, sizeof(next), "%ld", now + notice_backoff(attempts));
    const char *state = attempts >= NOTICE_MAX_ATTEMPTS ? "failed" : "queued";
    char *sql = xasprintf("UPDATE mail_queue SET state = '%s', next_at = ?2, last_error = ?3"
                          " WHERE id = ?1 AND state = 'sending'",
                          state);
    int ret = mail_update(db, sql, id, next, why, e);
    free(sql);
    return ret;
}

int store_mail_retry(struct db *db, long id, long now, struct err *e)
{
    char next[24];
    snprintf(next, sizeof(next), "%ld", now);
    long found = 0;
    char sid[24];
    snprintf(sid, sizeof(sid), "%ld", id);
    if (db_query_id(db, "SELECT id FROM mail_queue WHERE id = ?", sid, &found, e))
        return e->kind;
    if (!found)
        return err_set(e, ERR_NOT_FOUND, "no mail %ld in the queue", id);
    return mail_update(db,
                       "UPDATE mail_queue SET state = 'queued', next_at = ?2"
                       " WHERE id = ?1 AND state IN ('sending', 'failed')",
                       id, next, NULL, e);
}

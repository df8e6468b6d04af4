/* store_approval: approval of progress reports; see store_approval.h. */
#include "store_approval.h"
#include "store_auth.h"

#include "db_internal.h"
#include "store_notify.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a with its action set to action (a copy in *line), or NULL when a is: nothing audited */
static const struct audit_entry *as_action(const struct audit_entry *a, const char *action,
                                           struct audit_entry *line)
{
    if (!a)
        return NULL;
    *line = *a;
    line->action = action;
    return line;
}

/* ---- units that require approval ------------------------------------------------ */

int store_approval_required(struct db *db, long agency_id, bool *required, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db, "SELECT required FROM unit_approval WHERE agency_id = ?", &st, e))
        return e->kind;
    stmt_bind_int(st, 1, agency_id);
    int rc = stmt_step(st);
    *required = rc == DB_ROW && (int)stmt_int(st, 0);
    db_finish_cached(db, st);
    return rc == DB_ROW || rc == DB_DONE
               ? 0
               : db_error(db, "không đọc được quy định duyệt báo cáo", e);
}

static int agency_exists(struct db *db, long agency_id, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db, "SELECT 1 FROM agency WHERE id = ?", &st, e))
        return e->kind;
    stmt_bind_int(st, 1, agency_id);
    int rc = stmt_step(st);
    db_finish_cached(db, st);
    if (rc == DB_DONE)
        return err_set(e, ERR_NOT_FOUND, "không có đơn vị số %ld", agency_id);
    return rc == DB_ROW ? 0 : db_error(db, "không đọc được đơn vị", e);
}

int store_approval_require(struct db *db, long agency_id, bool required,
                           const struct audit_entry *a, struct err *e)
{
    bool before = false;
    int ret = db_begin(db, e);
    if (!ret)
        ret = agency_exists(db, agency_id, e) || store_approval_required(db, agency_id, &before, e);
    struct stmt *st = NULL;
    if (!ret)
        ret = db_prepare_cached(db,
                                "INSERT INTO unit_approval (agency_id, required, changed_at,"
                                " changed_by) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (agency_id)"
                                " DO UPDATE SET required = ?2, changed_at = ?3, changed_by = ?4",
                                &st, e);
    if (!ret) {
        char at[DB_TS_LEN];
        db_timestamp(at);
        stmt_bind_int(st, 1, agency_id);
        stmt_bind_int(st, 2, required);
        db_bind_text(st, 3, at);
        db_bind_text(st, 4, a ? a->actor : "cli");
        ret = db_step_done(db, st, e);
        db_finish_cached(db, st);
    }
    struct audit_entry line;
    return store_audit_finish(db, ret, as_action(a, "approval.require", &line), "agency",
                              agency_id, before ? "{\"required\":true}" : "{\"required\":false}",
                              required ? "{\"required\":true}" : "{\"required\":false}", e);
}

/* ---- the counting rule -------------------------------------------------------------- */

int store_count_policy(struct db *db, enum count_policy *p, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db, "SELECT policy FROM count_policy WHERE id = 1", &st, e))
        return e->kind;
    int rc = stmt_step(st);
    int v = rc == DB_ROW ? count_policy_parse(db_col_text(st, 0)) : -1;
    *p = v < 0 ? COUNT_SUBMITTED : (enum count_policy)v;
    db_finish_cached(db, st);
    return rc == DB_ROW || rc == DB_DONE
               ? 0
               : db_error(db, "không đọc được quy tắc tính báo cáo", e);
}

int store_count_policy_set(struct db *db, enum count_policy p, const struct audit_entry *a,
                           struct err *e)
{
    enum count_policy before = COUNT_SUBMITTED;
    int ret = db_begin(db, e);
    if (!ret)
        ret = store_count_policy(db, &before, e);
    if (!ret && before == p)
        return store_audit_finish(db, 0, NULL, NULL, 0, NULL, NULL, e); /* nothing changes */
    char at[DB_TS_LEN];
    db_timestamp(at);
    const char *args[] = { count_policy_key(p), at, a ? a->actor : "cli" };
    if (!ret)
        ret = db_run(db,
                     "UPDATE count_policy SET policy = ?1, changed_at = ?2, changed_by = ?3"
                     " WHERE id = 1",
                     args, 3, e);
    char *was = xasprintf("{\"policy\":\"%s\"}", count_policy_key(before));
    char *now = xasprintf("{\"policy\":\"%s\"}", count_policy_key(p));
    struct audit_entry line;
    ret = store_audit_finish(db, ret, as_action(a, "count_policy.set", &line), "count_policy", 1,
                             was, now, e);
    free(was);
    free(now);
    return ret;
}

/* ---- reading reviews ------------------------------------------------------------- */

static const char review_select[] =
    "SELECT r.id, t.id, a.agency_id, g.name, t.name, r.kind, r.reported_on, r.needs_approval"
    " FROM progress_report r JOIN assignment a ON a.id = r.assignment_id"
    " JOIN task t ON t.id = a.task_id JOIN agency g ON g.id = a.agency_id";

static void read_review_row(struct stmt *st, struct review_view *v)
{
    *v = (struct review_view){ 0 };
    v->report_id = stmt_int(st, 0);
    v->task_id = stmt_int(st, 1);
    v->agency_id = stmt_int(st, 2);
    v->unit = db_col_dup(st, 3);
    v->task_name = db_col_dup(st, 4);
    v->kind = db_col_dup(st, 5);
    v->reported_on = db_col_date(st, 6);
    v->needs_approval = (int)stmt_int(st, 7);
}

static int read_steps(struct db *db, struct review_view *v, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db,
                          "SELECT step, taken_on, comment, created_by FROM progress_review"
                          " WHERE report_id = ? ORDER BY id",
                          &st, e))
        return e->kind;
    stmt_bind_int(st, 1, v->report_id);
    size_t cap = 0, cap_c = 0, cap_b = 0;
    int rc;
    while (db_row(st, &rc)) {
        int step = review_step_parse(db_col_text(st, 0));
        ALLOC_GROW(v->steps, v->n_steps + 1, cap);
        ALLOC_GROW(v->comments, v->n_steps + 1, cap_c);
        ALLOC_GROW(v->by, v->n_steps + 1, cap_b);
        v->steps[v->n_steps] = (struct review){ step < 0 ? REVIEW_APPROVE : (enum review_step)step,
                                                db_col_date(st, 1) };
        v->comments[v->n_steps] = db_col_dup(st, 2);
        v->by[v->n_steps++] = db_col_dup(st, 3);
    }
    db_finish_cached(db, st);
    v->state = approval_state(v->needs_approval, v->steps, v->n_steps, DATE_NONE);
    return rc == DB_DONE ? 0 : db_error(db, "không đọc được các bước duyệt", e);
}

int store_review_get(struct db *db, long report_id, struct review_view *out, struct err *e)
{
    char *sql = xasprintf("%s WHERE r.id = ?", review_select);
    struct stmt *st;
    int ret = db_prepare(db, sql, &st, e);
    free(sql);
    if (ret)
        return ret;
    stmt_bind_int(st, 1, report_id);
    int rc = stmt_step(st);
    if (rc == DB_ROW)
        read_review_row(st, out);
    stmt_finalize(st);
    if (rc == DB_DONE)
        return err_set(e, ERR_NOT_FOUND, "không có báo cáo tiến độ số %ld", report_id);
    if (rc != DB_ROW)
        return db_error(db, "không đọc được báo cáo tiến độ", e);
    ret = read_steps(db, out, e);
    if (ret)
        review_view_release(out);
    return ret;
}

int store_review_list(struct db *db, long agency_id, int state, size_t limit,
                      struct review_view **out, size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    /* Newest first from the end of the table, until limit rows in the state are found:
     * a completion may always be accepted, so every one is under review. */
    char *sql = xasprintf("%s WHERE (r.needs_approval = 1 OR r.kind = 'done' OR EXISTS (SELECT 1"
                          " FROM progress_review v WHERE v.report_id = r.id))"
                          " AND (?1 = 0 OR a.agency_id = ?1) ORDER BY r.id DESC",
                          review_select);
    struct stmt *st;
    int ret = db_prepare(db, sql, &st, e);
    free(sql);
    if (ret)
        return ret;
    stmt_bind_int(st, 1, agency_id);
    size_t cap = 0;
    int rc;
    while (!ret && (!limit || *n < limit) && db_row(st, &rc)) {
        ALLOC_GROW(*out, *n + 1, cap);
        struct review_view *v = &(*out)[*n];
        read_review_row(st, v);
        ret = read_steps(db, v, e);
        if (!ret && state >= 0 && v->state != (enum report_state)state)
            review_view_release(v);
        else
            (*n)++;
    }
    stmt_finalize(st);
    if (!ret && rc != DB_DONE && rc != DB_ROW)
        ret = db_error(db, "không đọc được danh sách báo cáo cần duyệt", e);
    if (ret) {
        review_views_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return ret;
}

/* The index in ids[0..n) of id, or n. */
static size_t index_of(const long *ids, size_t n, long id)
{
    size_t i = 0;
    while (i < n && ids[i] != id)
        i++;
    return i;
}

/*
 * One statement for a page of reports: the ids go in as one JSON array, and
 * only reports with something to say (awaiting approval, or reviewed) come
 * back, so a programme that never uses approval reads nothing more.
 */
/* store_review_states() for at most REVIEW_STATES_CHUNK ids: one ? each. */
static int review_states_chunk(struct db *db, const long *ids, size_t n, int *states,
                               struct err *e)
{
    struct buf sql = BUF_INIT;
    buf_adds(&sql, "SELECT r.id, r.needs_approval, v.step, v.taken_on FROM progress_report r"
                   " LEFT JOIN progress_review v ON v.report_id = r.id WHERE r.id IN (");
    for (size_t i = 0; i < n; i++)
        buf_adds(&sql, i ? ", ?" : "?");
    buf_adds(&sql, ") AND (r.needs_approval = 1 OR v.id IS NOT NULL) ORDER BY r.id, v.id");
    struct stmt *st;
    int ret = db_prepare(db, sql.data, &st, e);
    buf_release(&sql);
    if (ret)
        return ret;
    for (size_t i = 0; i < n; i++)
        stmt_bind_int(st, (int)i + 1, ids[i]);
    struct review steps[N_REVIEW_STEPS];
    size_t n_steps = 0, at = n;
    bool needs = false;
    int rc;
    while (db_row(st, &rc)) {
        size_t i = index_of(ids, n, stmt_int(st, 0));
        if (i != at && at < n)
            states[at] = (int)approval_state(needs, steps, n_steps, DATE_NONE);
        if (i != at)
            n_steps = 0;
        at = i;
        needs = (int)stmt_int(st, 1);
        int step = review_step_parse(db_col_text(st, 2));
        if (step >= 0 && n_steps < N_REVIEW_STEPS)
            steps[n_steps++] = (struct review){ (enum review_step)step, db_col_date(st, 3) };
    }
    if (at < n)
        states[at] = (int)approval_state(needs, steps, n_steps, DATE_NONE);
    stmt_finalize(st);
    return rc == DB_DONE ? 0 : db_error(db, "không đọc được các bước duyệt", e);
}

/* A page of reports is a few dozen; all of a task's, thousands: far below either engine's
 * limit on parameters per statement in chunks of this many. */
#define REVIEW_STATES_CHUNK 500

int store_review_states(struct db *db, const long *ids, size_t n, int *states, struct err *e)
{
    for (size_t i = 0; i < n; i++)
        states[i] = -1;
    for (size_t at = 0; at < n; at += REVIEW_STATES_CHUNK) {
        size_t m = n - at < REVIEW_STATES_CHUNK ? n - at : REVIEW_STATES_CHUNK;
        if (review_states_chunk(db, ids + at, m, states + at, e))
            return e->kind;
    }
    return 0;
}

void review_view_release(struct review_view *v)
{
    free(v->unit);
    free(v->task_name);
    free(v->kind);
    for (size_t i = 0; i < v->n_steps; i++) {
        free(v->comments[i]);
        free(v->by[i]);
    }
    free(v->steps);
    free(v->comments);
    free(v->by);
    *v = (struct review_view){ 0 };
}

void review_views_free(struct review_view *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        review_view_release(&v[i]);
    free(v);
}

/* ---- taking a step -------------------------------------------------------------------- */

static int check_step(const struct review_view *v, enum review_step step, struct date on,
                      const char *comment, const struct reviewer *who, struct err *e)
{
    if (!who->operator&& !access_can_review(who->role, review_step_by_unit(step), who->agency_id,
                                            v->agency_id))
        return err_set(e, ERR_FORBIDDEN,
                       review_step_by_unit(step)
                           ? "chỉ lãnh đạo của '%s' được duyệt hoặc trả lại báo cáo của đơn vị"
                           : "chỉ Văn phòng (giám sát, quản trị) được chấp nhận hoặc trả lại"
                             " báo cáo của '%s'",
                       v->unit);
    const char *refusal = approval_refusal(v->state, step);
    if (refusal)
        return err_set(e, ERR_CONFLICT, "báo cáo số %ld: %s", v->report_id, refusal);
    if ((step == REVIEW_REJECT || step == REVIEW_RETURN) && text_is_blank(comment))
        return err_set(e, ERR_INVALID, "nhận xét: nêu lý do trả lại báo cáo");
    char d[DATE_ISO_LEN];
    if (date_cmp(on, v->reported_on) < 0) {
        date_dmy(v->reported_on, d);
        return err_set(e, ERR_INVALID, "ngày: không thể trước ngày báo cáo %s", d);
    }
    if (v->n_steps && date_cmp(on, v->steps[v->n_steps - 1].on) < 0) {
        date_dmy(v->steps[v->n_steps - 1].on, d);
        return err_set(e, ERR_INVALID, "ngày: không thể trước bước duyệt trước đó (%s)", d);
    }
    return 0;
}

static int insert_step(struct db *db, long report_id, enum review_step step, struct date on,
                       const char *comment, const char *actor, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db,
                          "INSERT INTO progress_review (report_id, step, taken_on, comment,"
                          " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
                          &st, e))
        return e->kind;
    char at[DB_TS_LEN];
    db_timestamp(at);
    stmt_bind_int(st, 1, report_id);
    db_bind_text(st, 2, review_step_key(step));
    db_bind_date(st, 3, on);
    db_bind_text(st, 4, comment ? comment : "");
    db_bind_text(st, 5, at);
    db_bind_text(st, 6, actor ? actor : "cli");
    int ret = db_step_done(db, st, e);
    db_finish_cached(db, st);
    return ret;
}

int store_review_add(struct db *db, long report_id, enum review_step step, struct date on,
                     const char *comment, const struct reviewer *who, const struct audit_entry *a,
                     struct err *e)
{
    struct review_view v = { 0 };
    int ret = db_begin(db, e);
    if (!ret)
        ret = store_review_get(db, report_id, &v, e);
    if (ret) {
        db_rollback(db);
        return ret;
    }
    ret = check_step(&v, step, on, comment, who, e) ||
          insert_step(db, report_id, step, on, comment, a ? a->actor : NULL, e);
    if (!ret && (step == REVIEW_REJECT || step == REVIEW_RETURN))
        ret = store_notify_report_returned(db, v.agency_id, v.task_id, report_id, comment, on, e);
    char iso[DATE_ISO_LEN], action[32];
    date_iso(on, iso);
    snprintf(action, sizeof(action), "progress.%s", review_step_key(step));
    char *before = xasprintf("{\"state\":\"%s\"}", report_state_key(v.state));
    /* the comment is kept in progress_review, append-only; the line names the step */
    char *after = xasprintf("{\"step\":\"%s\",\"on\":\"%s\"}", review_step_key(step), iso);
    struct audit_entry line;
    ret = store_audit_finish(db, ret ? (e->kind ? e->kind : ERR_STORAGE) : 0,
                             as_action(a, action, &line), "progress_report", report_id, before,
                             after, e);
    free(before);
    free(after);
    review_view_release(&v);
    return ret;
}

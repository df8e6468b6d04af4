/* store_requests: requests for explanation and their steps; see store_requests.h. */
#include "store_auth.h"
#include "store_requests.h"

#include "db_internal.h"
#include "store_notify.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* 1 when the query with one id parameter returns a row, 0 when not, < 0 on error. */
static int exists(struct db *db, const char *sql, long id, long id2, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db, sql, &st, e))
        return e->kind;
    stmt_bind_int(st, 1, id);
    if (id2)
        stmt_bind_int(st, 2, id2);
    int rc = stmt_step(st);
    db_finish_cached(db, st);
    if (rc != DB_ROW && rc != DB_DONE)
        return db_error(db, "checking a request", e);
    return rc == DB_ROW;
}

static int check_input(struct db *db, const struct request_input *in, struct err *e)
{
    if (!in->content || text_is_blank(in->content))
        return err_set(e, ERR_INVALID, "yêu cầu giải trình cần nội dung");
    if (!date_is_set(in->issued_on) || !date_is_set(in->due) ||
        date_cmp(in->due, in->issued_on) < 0)
        return err_set(e, ERR_INVALID, "hạn trả lời phải từ ngày gửi yêu cầu trở đi");
    if ((in->task_id != 0) == (in->indicator_id != 0))
        return err_set(e, ERR_INVALID, "yêu cầu giải trình nói về một nhiệm vụ hoặc một chỉ tiêu");
    int found = in->task_id ? exists(db, "SELECT 1 FROM task WHERE id = ?", in->task_id, 0, e)
                            : exists(db, "SELECT 1 FROM indicator WHERE id = ?",
                                     in->indicator_id, 0, e);
    if (found < 0)
        return found;
    if (!found)
        return err_set(e, ERR_NOT_FOUND, in->task_id ? "không có nhiệm vụ số %ld"
                                                     : "không có chỉ tiêu số %ld",
                       in->task_id ? in->task_id : in->indicator_id);
    if (!in->task_id)
        return 0;
    int leads = exists(db,
                       "SELECT 1 FROM assignment WHERE task_id = ? AND agency_id = ?"
                       " AND removed_import_id IS NULL",
                       in->task_id, in->agency_id, e);
    if (leads < 0)
        return leads;
    return leads ? 0 : err_set(e, ERR_INVALID, "đơn vị này không chủ trì nhiệm vụ số %ld",
                               in->task_id);
}

static int insert_request(struct db *db, const struct request_input *in, const char *actor,
                          struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db,
                          "INSERT INTO explanation_request (task_id, indicator_id, agency_id,"
                          " content, number, issued_on, due_on, created_at, created_by)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          &st, e))
        return e->kind;
    char ts[DB_TS_LEN];
    db_timestamp(ts);
    if (in->task_id)
        stmt_bind_int(st, 1, in->task_id);
    else
        stmt_bind_int(st, 2, in->indicator_id);
    stmt_bind_int(st, 3, in->agency_id);
    db_bind_text(st, 4, in->content);
    if (in->number && !text_is_blank(in->number))
        db_bind_text(st, 5, in->number);
    db_bind_date(st, 6, in->issued_on);
    db_bind_date(st, 7, in->due);
    db_bind_text(st, 8, ts);
    db_bind_text(st, 9, actor ? actor : "cli");
    int ret = db_step_done(db, st, e);
    db_finish_cached(db, st);
    return ret;
}

static int audit_line(struct db *db, const struct audit_entry *a, long id, const char *after,
                      struct err *e)
{
    if (!a)
        return 0;
    struct audit_entry line = *a;
    line.entity = "explanation_request";
    line.entity_id = id;
    line.after = after;
    return store_audit(db, &line, e);
}

int store_request_add(struct db *db, const struct request_input *in, const struct audit_entry *a,
                      long *id, struct err *e)
{
    char issued[DATE_ISO_LEN], due[DATE_ISO_LEN];
    date_iso(in->issued_on, issued);
    date_iso(in->due, due);
    char *after = xasprintf("{\"task\":%ld,\"indicator\":%ld,\"agency_id\":%ld,"
                            "\"issued_on\":\"%s\",\"due\":\"%s\"}",
                            in->task_id, in->indicator_id, in->agency_id, issued, due);
    int ret = db_begin(db, e);
    if (!ret)
        ret = check_input(db, in, e);
    if (!ret)
        ret = insert_request(db, in, a ? a->actor : NULL, e);
    if (!ret) {
        *id = db_last_id(db);
        ret = audit_line(db, a, *id, after, e);
    }
    if (!ret)
        ret = store_notify_request(db, *id, NOTICE_REQUEST, NULL, in->issued_on, e);
    if (!ret)
        ret = db_commit(db, e);
    if (ret)
        db_rollback(db);
    free(after);
    return ret;
}

/* ---- reading ------------------------------------------------------------------------ */

static int read_steps(struct db *db, struct request_view *v, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db,
                          "SELECT kind, taken_on, new_due, explanation, remedy, comment,"
                          " created_at, created_by FROM explanation_step WHERE request_id = ?"
                          " ORDER BY id",
                          &st, e))
        return e->kind;
    stmt_bind_int(st, 1, v->id);
    size_t cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        ALLOC_GROW(v->steps, v->n_steps + 1, cap);
        struct request_step_view *s = &v->steps[v->n_steps++];
        int kind = request_step_parse(db_col_text(st, 0));
        s->step = (struct request_step){ kind < 0 ? STEP_ANSWER : (enum request_step_kind)kind,
                                         db_col_date(st, 1), db_col_date(st, 2) };
        s->explanation = db_col_dup(st, 3);
        s->remedy = db_col_dup(st, 4);
        s->comment = db_col_dup(st, 5);
        s->created_at = db_col_dup(st, 6);
        s->created_by = db_col_dup(st, 7);
    }
    db_finish_cached(db, st);
    return rc == DB_DONE ? 0 : db_error(db, "reading a request's steps", e);
}

static const char request_select[] =
    "SELECT r.id, r.task_id, r.indicator_id, r.agency_id, t.name, i.code, a.name, r.content,"
    " r.number, r.issued_on, r.due_on, r.created_at, r.created_by"
    " FROM explanation_request r JOIN agency a ON a.id = r.agency_id"
    " LEFT JOIN task t ON t.id = r.task_id LEFT JOIN indicator i ON i.id = r.indicator_id";

static void read_request(struct stmt *st, struct request_view *v)
{
    *v = (struct request_view){ .id = stmt_int(st, 0),
                                .task_id = stmt_int(st, 1),
                                .indicator_id = stmt_int(st, 2),
                                .agency_id = stmt_int(st, 3) };
    v->task_name = db_col_dup(st, 4);
    v->indicator_code = db_col_dup(st, 5);
    v->unit = db_col_dup(st, 6);
    v->content = db_col_dup(st, 7);
    v->number = db_col_dup(st, 8);
    v->issued_on = db_col_date(st, 9);
    v->due = db_col_date(st, 10);
    v->created_at = db_col_dup(st, 11);
    v->created_by = db_col_dup(st, 12);
}

static int read_requests(struct db *db, const char *where, long arg, struct request_view **out,
                         size_t *n, struct err *e)
{
    char *sql = xasprintf("%s%s ORDER BY r.id", request_select, where);
    struct stmt *st;
    int ret = db_prepare(db, sql, &st, e);
    free(sql);
    if (ret)
        return ret;
    if (arg)
        stmt_bind_int(st, 1, arg);
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    while (db_row(st, &rc)) {
        ALLOC_GROW(*out, *n + 1, cap);
        read_request(st, &(*out)[(*n)++]);
    }
    stmt_finalize(st);
    if (rc != DB_DONE)
        return db_error(db, "reading the requests", e);
    for (size_t i = 0; i < *n; i++)
        if (read_steps(db, &(*out)[i], e))
            return e->kind;
    return 0;
}

int store_request_list(struct db *db, long agency_id, struct request_view **out, size_t *n,
                       struct err *e)
{
    bool began;
    if (db_read_begin(db, &began, e))
        return e->kind;
    int ret = read_requests(db, agency_id ? " WHERE r.agency_id = ?" : "", agency_id, out, n, e);
    db_read_end(db, began);
    return ret;
}

int store_request_get(struct db *db, long id, struct request_view **out, struct err *e)
{
    bool began;
    *out = NULL;
    if (db_read_begin(db, &began, e))
        return e->kind;
    size_t n = 0;
    int ret = read_requests(db, " WHERE r.id = ?", id, out, &n, e);
    db_read_end(db, began);
    if (!ret && !n)
        ret = err_set(e, ERR_NOT_FOUND, "không có yêu cầu giải trình số %ld", id);
    if (ret) {
        request_views_free(*out, n);
        *out = NULL;
    }
    return ret;
}

void request_views_free(struct request_view *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < v[i].n_steps; k++) {
            struct request_step_view *s = &v[i].steps[k];
            free(s->explanation);
            free(s->remedy);
            free(s->comment);
            free(s->created_at);
            free(s->created_by);
        }
        free(v[i].steps);
        free(v[i].task_name);
        free(v[i].indicator_code);
        free(v[i].unit);
        free(v[i].content);
        free(v[i].number);
        free(v[i].created_at);
        free(v[i].created_by);
    }
    free(v);
}

/* v's steps as core reads them; free() the array. */
static struct request_step *steps_of(const struct request_view *v)
{
    struct request_step *steps = xcalloc(v->n_steps + 1, sizeof(*steps));
    for (size_t k = 0; k < v->n_steps; k++)
        steps[k] = v->steps[k].step;
    return steps;
}

struct request_status request_view_status(const struct request_view *v, struct date as_of)
{
    struct request_step *steps = steps_of(v);
    struct request_status st = request_replay(v->issued_on, v->due, steps, v->n_steps, as_of);
    free(steps);
    return st;
}

/* ---- a step ------------------------------------------------------------------------- */

static int check_step_text(const struct request_step *step, const char *explanation,
                           const char *remedy, const char *comment, struct err *e)
{
    bool blank_e = !explanation || text_is_blank(explanation);
    bool blank_r = !remedy || text_is_blank(remedy);
    if (step->kind == STEP_ANSWER && (blank_e || blank_r))
        return err_set(e, ERR_INVALID, "câu trả lời cần phần giải trình và biện pháp khắc phục");
    if (step->kind == STEP_RETURN && (!comment || text_is_blank(comment)))
        return err_set(e, ERR_INVALID, "yêu cầu giải trình lại cần ý kiến của Văn phòng");
    return 0;
}

static int insert_step(struct db *db, long id, const struct request_step *step,
                       const char *explanation, const char *remedy, const char *comment,
                       const char *actor, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db,
                          "INSERT INTO explanation_step (request_id, kind, taken_on, new_due,"
                          " explanation, remedy, comment, created_at, created_by)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          &st, e))
        return e->kind;
    char ts[DB_TS_LEN];
    db_timestamp(ts);
    stmt_bind_int(st, 1, id);
    db_bind_text(st, 2, request_step_key(step->kind));
    db_bind_date(st, 3, step->on);
    db_bind_date(st, 4, step->new_due);
    db_bind_text(st, 5, explanation);
    db_bind_text(st, 6, remedy);
    db_bind_text(st, 7, comment);
    db_bind_text(st, 8, ts);
    db_bind_text(st, 9, actor ? actor : "cli");
    int ret = db_step_done(db, st, e);
    db_finish_cached(db, st);
    return ret;
}

/* The request as stored, in the write transaction, and whether step may follow. */
static int check_step(struct db *db, long id, const struct request_step *step, struct err *e)
{
    struct request_view *v = NULL;
    size_t n = 0;
    int ret = read_requests(db, " WHERE r.id = ?", id, &v, &n, e);
    if (!ret && !n)
        ret = err_set(e, ERR_NOT_FOUND, "không có yêu cầu giải trình số %ld", id);
    if (!ret) {
        struct request_step *steps = steps_of(v);
        const char *why = request_step_refusal(v->issued_on, v->due, steps, v->n_steps, step);
        if (why)
            ret = err_set(e, ERR_CONFLICT, "yêu cầu giải trình số %ld: %s", id, why);
        free(steps);
    }
    request_views_free(v, n);
    return ret;
}

int store_request_step(struct db *db, long id, const struct request_step *step,
                       const char *explanation, const char *remedy, const char *comment,
                       const struct audit_entry *a, struct err *e)
{
    if (check_step_text(step, explanation, remedy, comment, e))
        return e->kind;
    char on[DATE_ISO_LEN], due[DATE_ISO_LEN];
    date_iso(step->on, on);
    date_iso(step->new_due, due);
    char *after = xasprintf("{\"step\":\"%s\",\"on\":\"%s\",\"new_due\":\"%s\"}",
                            request_step_key(step->kind), on, due);
    int ret = db_begin(db, e);
    if (!ret)
        ret = check_step(db, id, step, e);
    if (!ret)
        ret = insert_step(db, id, step, explanation, remedy, comment, a ? a->actor : NULL, e);
    if (!ret && step->kind != STEP_ACCEPT)
        ret = store_notify_request(db, id,
                                   step->kind == STEP_ANSWER ? NOTICE_ANSWERED : NOTICE_RETURNED,
                                   step->kind == STEP_ANSWER ? explanation : comment, step->on, e);
    if (!ret)
        ret = audit_line(db, a, id, after, e);
    if (!ret)
        ret = db_commit(db, e);
    if (ret)
        db_rollback(db);
    free(after);
    return ret;
}

/* ---- the report's summary ----------------------------------------------------------- */

static void summary_add(struct request_summary *out, const struct request_view *v,
                        const struct request_status *st, size_t *cap)
{
    ALLOC_GROW(out->open, out->n_open + 1, *cap);
    struct request_summary_item *it = &out->open[out->n_open++];
    it->id = v->id;
    it->unit = xstrdup(v->unit ? v->unit : "");
    it->subject = v->task_id ? xasprintf("Nhiệm vụ: %s", v->task_name ? v->task_name : "")
                             : xasprintf("Chỉ tiêu %s", v->indicator_code ? v->indicator_code : "");
    it->content = xstrdup(v->content ? v->content : "");
    it->issued_on = v->issued_on;
    it->due = st->due;
    it->state = st->state;
}

int store_request_summary(struct db *db, long agency_id, struct date as_of,
                          struct request_summary *out, struct err *e)
{
    struct request_view *v = NULL;
    size_t n = 0, cap = 0;
    out->as_of = as_of;
    if (store_request_list(db, agency_id, &v, &n, e))
        return e->kind;
    /* Two passes: the overdue first, then the open, each oldest first. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            if (date_cmp(v[i].issued_on, as_of) > 0)
                continue;
            struct request_status st = request_view_status(&v[i], as_of);
            if (pass == 0)
                out->count[st.state]++;
            if (st.state == (pass == 0 ? REQ_OVERDUE : REQ_OPEN))
                summary_add(out, &v[i], &st, &cap);
        }
    }
    request_views_free(v, n);
    return 0;
}

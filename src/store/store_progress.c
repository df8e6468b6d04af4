/*
 * store_progress: appending progress reports in one transaction, and
 * reading them back as timelines; see store_progress.h.
 *
 * Every report keeps the row as written (column "original") next to what
 * was read from it, where it came from (source, file, line) and when it
 * was entered. The table refuses UPDATE and DELETE (see the migration).
 */
#include "store_progress.h"

#include "db_internal.h"
#include "store_approval.h"
#include "store_auth.h"
#include "store_numbering.h"
#include "store_suggest.h"

#include "core/docref.h"
#include "core/similar.h"
#include "util/buf.h"
#include "util/strparse.h"
#include "util/text.h"
#include "util/xalloc.h"

#include "util/strmap.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct progress_ctx {
    struct db *db;
    const struct registry *r;
    const struct progress_options *opt;
    struct progress_summary *sum;
    long run_id; /* 0 for the command line */
    struct err *e;
    /* "assignment|fingerprint" -> times met in this batch, so done / reopen / done stays
     * three reports. */
    struct strmap seen;
    struct numbering numbering; /* the table's TT, where it agrees with the programme's */
};

/* What the row resolved to. */
struct progress_target {
    long task_id;
    long assignment_id; /* 0 when the unit is not a lead unit */
    long agency_id;     /* the reporting unit */
    const char *unit;   /* canonical, borrowed from the registry */
    struct date document_date;
};

static void reject(struct progress_summary *sum, size_t line, char *reason)
{
    ALLOC_GROW(sum->rejects, sum->n_rejects + 1, sum->cap_rejects);
    sum->rejects[sum->n_rejects++] = (struct progress_reject){ line, reason };
}

/* ---- finding the task -------------------------------------------------------- */

/*
 * Up to two ids of the tasks matching `what` (an id, a code or a name key)
 * within the document doc_key (or any document when NULL).
 */
/*
 * The first two tasks `where` selects (?1 bound to what), narrowed to the
 * document doc_key when given. With roots, a task recorded as repeating
 * another stands for the original, so a name shared by a task and its
 * repeats ("nhắc lại") names one task: the one the statistics count.
 */
static int match_tasks(struct db *db, const char *where, bool roots, const char *what,
                       const char *doc_key, long ids[2], int *n, struct err *e)
{
    char *sql = xasprintf("SELECT %s FROM task t WHERE %s AND (CAST(?2 AS TEXT) IS NULL OR EXISTS"
                          " (SELECT 1 FROM task_document td JOIN document d ON d.id ="
                          " td.document_id WHERE td.task_id = t.id AND d.ref_key = ?2))"
                          " GROUP BY 1 ORDER BY 1 LIMIT 2",
                          roots ? "coalesce(t.repeat_of_id, t.id)" : "t.id", where);
    struct stmt *st;
    int ret = db_prepare_cached(db, sql, &st, e);
    free(sql);
    if (ret)
        return ret;
    db_bind_text(st, 1, what);
    db_bind_text(st, 2, doc_key);
    int rc;
    *n = 0;
    while (db_row(st, &rc))
        ids[(*n)++] = (long)stmt_int(st, 0);
    db_finish_cached(db, st);
    return rc == DB_DONE ? 0 : db_error(db, "cannot find the task", e);
}

/* The document key narrowing the row, or NULL; *reason when unreadable. */
static char *row_document_key(const struct progress_row *row, char **reason)
{
    if (!row->document)
        return NULL;
    struct docref ref;
    struct err e = ERR_INIT;
    if (docref_parse(row->document, &ref, &e)) {
        *reason = xasprintf("không đọc được Văn bản giao '%s'", row->document);
        return NULL;
    }
    char *key = docref_key(&ref);
    docref_release(&ref);
    return key;
}

static const char *task_label(const struct progress_row *row, const char **what)
{
    if (row->task_id) {
        *what = row->task_id;
        return "mã số";
    }
    if (row->task_code) {
        *what = row->task_code;
        return "Mã";
    }
    *what = row->task_name;
    return "Tên nhiệm vụ";
}

/* The reason when n tasks (ids) match instead of one, or NULL. */
static char *match_reason(const char *label, const char *what, const char *doc_key,
                          const long ids[2], int n)
{
    if (n == 0)
        return xasprintf("không có nhiệm vụ có %s '%.*s'%s", label,
                         text_prefix_len(what, 80), what,
                         doc_key ? " trong văn bản giao đó" : "");
    if (n > 1)
        return xasprintf("%s '%.*s' khớp với nhiều nhiệm vụ (%ld, %ld, ...): thêm cột Văn bản"
                         " giao hoặc ghi mã số nhiệm vụ",
                         label, text_prefix_len(what, 80), what, ids[0], ids[1]);
    return NULL;
}

/* The reason a name matched nothing, with the nearest tasks to choose from. */
static char *nearest_reason(const char *what, const struct task_candidate *near, size_t n,
                            bool would_accept)
{
    struct buf b = BUF_INIT;
    buf_addf(&b, "không có nhiệm vụ có Tên nhiệm vụ '%.*s'", text_prefix_len(what, 80), what);
    for (size_t i = 0; i < n; i++)
        buf_addf(&b, "%s số %ld “%.*s” (%.2f)", i ? ";" : "; gần nhất:", near[i].id,
                 text_prefix_len(near[i].name, 60), near[i].name, near[i].score);
    if (would_accept)
        buf_adds(&b, " — gợi ý đầu vượt trội: nhận bằng --accept-suggestions, hoặc đánh dấu"
                     " “Nhận” ở trang Nhập dữ liệu");
    return buf_take(&b);
}

/*
 * A name that matches no task exactly: the closest task is a suggestion,
 * recorded in the summary, and taken (ids[0], *n = 1) only when asked to
 * and well ahead of the runner-up; never silently.
 */
static int suggest(struct progress_ctx *c, const struct progress_row *row, const char *key,
                   long ids[2], int *n, char **reason)
{
    bool is_group = false;
    long idx = row->unit ? registry_lookup(c->r, row->unit, &is_group) : -1;
    long agency = idx >= 0 && !is_group ? c->r->agencies[registry_active(c->r, (size_t)idx)].id : 0;
    struct task_candidate near[NEAREST_MAX];
    size_t k = 0;
    if (store_nearest_tasks(c->db, agency, key, near, &k, c->e))
        return c->e->kind;
    if (k == 0) {
        task_candidates_release(near, k);
        return 0;
    }
    double second = k > 1 ? near[1].score : 0;
    bool ok = similar_accepts(near[0].score, second);
    /* A tick on the row is the user's choice, seen with the runner-up: it needs no lead. */
    bool take = (ok && c->opt->accept_suggestions) ||
                line_listed(c->opt->accept_lines, c->opt->n_accept_lines, row->line);
    struct progress_summary *sum = c->sum;
    ALLOC_GROW(sum->suggestions, sum->n_suggestions + 1, sum->cap_suggestions);
    sum->suggestions[sum->n_suggestions++] = (struct progress_suggestion){
        row->line, xstrdup(row->task_name), near[0].id,
        near[0].code ? xstrdup(near[0].code) : NULL, xstrdup(near[0].name), near[0].score,
        second, take };
    if (take) {
        ids[0] = near[0].id;
        *n = 1;
    } else {
        *reason = nearest_reason(row->task_name, near, k, ok);
    }
    task_candidates_release(near, k);
    return 0;
}

/* A name that matches no task, in a section numbered as the programme is: its TT's task. */
static int match_numbering(struct progress_ctx *c, const struct progress_row *row, long ids[2],
                           int *n)
{
    long id = 0;
    if (numbering_find(c->db, &c->numbering, row, &id, c->e))
        return c->e->kind;
    if (id) {
        ids[0] = id;
        *n = 1;
        struct progress_summary *s = c->sum;
        ALLOC_GROW(s->tt_matches, s->matched_by_tt + 1, s->cap_tt_matches);
        s->tt_matches[s->matched_by_tt++] =
            (struct progress_tt_match){ row->line, xstrdup(row->task_name), id };
    }
    return 0;
}

static int find_task(struct progress_ctx *c, const struct progress_row *row, long *task_id,
                     char **reason)
{
    char *doc_key = row_document_key(row, reason);
    const char *what;
    const char *label = task_label(row, &what);
    long ids[2] = { 0, 0 };
    int n = 0, ret = 0;
    if (*reason)
        return 0;
    if (!what) {
        *reason = xstrdup("dòng không ghi nhiệm vụ (Mã hoặc Tên nhiệm vụ)");
    } else if (row->task_id && strparse_long(row->task_id, 1, LONG_MAX, &ids[0])) {
        *reason = xasprintf("'%.*s' không phải mã số nhiệm vụ (một số nguyên dương)",
                            text_prefix_len(row->task_id, 40), row->task_id);
    } else if (row->task_id) {
        ret = match_tasks(c->db, "t.id = CAST(?1 AS INTEGER)", false, what, doc_key, ids, &n,
                          c->e);
    } else if (row->task_code) {
        ret = match_tasks(c->db, "t.code = ?1", false, what, doc_key, ids, &n, c->e);
    } else {
        char *key = text_match_key(what);
        ret = match_tasks(c->db, "t.name_key = ?1", true, key, doc_key, ids, &n, c->e);
        if (!ret && n == 0)
            ret = match_numbering(c, row, ids, &n);
        if (!ret && n == 0)
            ret = suggest(c, row, key, ids, &n, reason);
        free(key);
    }
    if (!ret && !*reason)
        *reason = match_reason(label, what, doc_key, ids, n);
    if (!ret && !*reason)
        *task_id = ids[0];
    free(doc_key);
    return ret;
}

/* ---- the unit and the assignment ---------------------------------------------- */

/* The task's assignment to agency_id, or 0 when it does not lead the task. */
static int assignment_of(struct progress_ctx *c, struct progress_target *t, long agency_id)
{
    struct stmt *st;
    if (db_prepare_cached(c->db,
                          "SELECT id FROM assignment WHERE task_id = ? AND agency_id = ?"
                          " AND removed_import_id IS NULL",
                          &st, c->e))
        return c->e->kind;
    stmt_bind_int(st, 1, t->task_id);
    stmt_bind_int(st, 2, agency_id);
    int rc = stmt_step(st);
    t->assignment_id = rc == DB_ROW ? (long)stmt_int(st, 0) : 0;
    t->agency_id = agency_id;
    int ret = rc == DB_ROW || rc == DB_DONE ? 0 : db_error(c->db, "cannot read", c->e);
    db_finish_cached(c->db, st);
    return ret;
}

/* The date of the earliest document that gives the task (no report may be older). */
static int first_document_date(struct progress_ctx *c, struct progress_target *t)
{
    struct stmt *st;
    if (db_prepare_cached(c->db,
                          "SELECT min(d.date) FROM task_document td JOIN document d ON d.id ="
                          " td.document_id WHERE td.task_id = ? AND d.date IS NOT NULL",
                          &st, c->e))
        return c->e->kind;
    stmt_bind_int(st, 1, t->task_id);
    if (stmt_step(st) == DB_ROW)
        date_parse_iso(db_col_text(st, 0), &t->document_date);
    db_finish_cached(c->db, st);
    return 0;
}

static int find_target(struct progress_ctx *c, const struct progress_row *row,
                       struct progress_target *t, char **reason)
{
    bool is_group = false;
    long idx = row->unit ? registry_lookup(c->r, row->unit, &is_group) : -1;
    if (!row->unit) {
        *reason = xstrdup("thiếu Đơn vị");
        return 0;
    }
    if (idx < 0 || is_group) {
        *reason = xasprintf(is_group ? "'%s' là một nhóm đơn vị: mỗi báo cáo cho một đơn vị"
                                     : "không xác định được đơn vị '%s'",
                            row->unit);
        return 0;
    }
    const struct agency *a = &c->r->agencies[registry_active(c->r, (size_t)idx)];
    t->unit = a->name;
    return assignment_of(c, t, a->id) || first_document_date(c, t) ? c->e->kind : 0;
}

/* Why the task takes no report of its own (a group, a repeat), or NULL. */
static int task_refusal(struct progress_ctx *c, long task_id, char **reason)
{
    char *tid = xasprintf("%ld", task_id);
    long is_group = 0, repeat_of = 0;
    int ret = db_query_id(c->db, "SELECT is_group FROM task WHERE id = ?", tid, &is_group, c->e);
    if (!ret)
        ret = db_query_id(c->db, "SELECT coalesce(repeat_of_id, 0) FROM task WHERE id = ?", tid,
                          &repeat_of, c->e);
    free(tid);
    if (!ret && is_group)
        *reason = xasprintf("nhiệm vụ %ld là nhóm gồm các nhiệm vụ con: báo cáo theo từng nhiệm"
                            " vụ con",
                            task_id);
    else if (!ret && repeat_of)
        *reason = xasprintf("nhiệm vụ %ld nhắc lại nhiệm vụ %ld (nhiệm vụ được tính): báo cáo"
                            " vào nhiệm vụ %ld",
                            task_id, repeat_of, repeat_of);
    return ret;
}

/* A reopening must reopen something: the assignment is completed on its date. */
static int check_reopen(struct progress_ctx *c, const struct progress_entry *en,
                        const struct progress_target *t, char **reason)
{
    struct stmt *st;
    if (db_prepare_cached(c->db,
                   "SELECT reported_on, id, kind, completed_on FROM progress_report"
                   " WHERE assignment_id = ? ORDER BY reported_on, id",
                   &st, c->e))
        return c->e->kind;
    stmt_bind_int(st, 1, t->assignment_id);
    struct progress_event *ev = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        ALLOC_GROW(ev, n + 1, cap);
        ev[n] = (struct progress_event){ DATE_NONE, stmt_int(st, 1), PROGRESS_UPDATE,
                                         DATE_NONE };
        date_parse_iso(db_col_text(st, 0), &ev[n].reported_on);
        progress_kind_parse(db_col_text(st, 2), &ev[n].kind);
        date_parse_iso(db_col_text(st, 3), &ev[n].completed_on);
        n++;
    }
    db_finish_cached(c->db, st);
    struct assignment_state s = status_replay(ev, n, en->reported_on);
    free(ev);
    if (rc != DB_DONE)
        return db_error(c->db, "cannot read the reports", c->e);
    if (!s.completed) {
        char d[DATE_ISO_LEN];
        date_dmy(en->reported_on, d);
        *reason = xasprintf("'%s' chưa hoàn thành nhiệm vụ %ld tại ngày %s: không có gì để mở lại",
                            t->unit, t->task_id, d);
    }
    return 0;
}

/*
 * What approval says of a new report (core/approval.h): whether its unit's
 * leader must approve it first, and the accepted completion it changes.
 */
struct report_lock {
    bool needs_approval;
    long accepted_id; /* the completion the office accepted that this report changes, or 0 */
};

/* The assignment's latest completion or reopening, when it is a completion the office accepted. */
static int accepted_completion(struct progress_ctx *c, long assignment_id, long *id,
                               struct date *on)
{
    struct stmt *st;
    if (db_prepare_cached(c->db,
                          "SELECT r.id, r.completed_on, EXISTS (SELECT 1 FROM progress_review v"
                          " WHERE v.report_id = r.id AND v.step = 'accept')"
                          " FROM progress_report r WHERE r.assignment_id = ?"
                          " AND r.kind IN ('done', 'reopen') ORDER BY r.reported_on DESC, r.id DESC"
                          " LIMIT 1",
                          &st, c->e))
        return c->e->kind;
    stmt_bind_int(st, 1, assignment_id);
    int rc = stmt_step(st);
    *id = 0;
    if (rc == DB_ROW && (int)stmt_int(st, 2)) {
        *id = stmt_int(st, 0);
        *on = db_col_date(st, 1);
    }
    db_finish_cached(c->db, st);
    return rc == DB_ROW || rc == DB_DONE ? 0
                                                  : db_error(c->db, "cannot read the reports", c->e);
}

/*
 * An accepted completion is locked: a completion or reopening that changes
 * it must say why (its Kết quả, the reason of a reopening). A report from a
 * unit's focal point waits for its leader when the unit requires it.
 */
static int check_lock(struct progress_ctx *c, const struct progress_row *row,
                      const struct progress_entry *en, const struct progress_target *t,
                      struct report_lock *lock, char **reason)
{
    if (c->opt->staff_entry &&
        store_approval_required(c->db, t->agency_id, &lock->needs_approval, c->e))
        return c->e->kind;
    if (en->kind == PROGRESS_UPDATE)
        return 0;
    struct date on = DATE_NONE;
    if (accepted_completion(c, t->assignment_id, &lock->accepted_id, &on))
        return c->e->kind;
    if (lock->accepted_id && text_is_blank(row->result)) {
        char d[DATE_ISO_LEN];
        date_dmy(on, d);
        *reason = xasprintf("Văn phòng đã chấp nhận hoàn thành của '%s' (ngày %s, báo cáo số %ld):"
                            " báo cáo thay đổi phải nêu lý do ở cột Kết quả",
                            t->unit, d, lock->accepted_id);
    }
    return 0;
}

/* ---- writing ------------------------------------------------------------------ */

/* The row as written, one "label: text" line per cell that was given. */
static char *row_original(const struct progress_row *row)
{
    const struct {
        const char *label;
        const char *text;
    } cells[] = {
        { "ID", row->task_id },          { "Mã", row->task_code },
        { "Tên nhiệm vụ", row->task_name }, { "Văn bản giao", row->document },
        { "Đơn vị", row->unit },         { "Ngày báo cáo", row->reported_on },
        { "Hoàn thành", row->done },     { "Ngày hoàn thành", row->completed_on },
        { "Văn bản kết quả", row->output }, { "Kết quả", row->result },
        { "Dự kiến", row->next },        { "Vướng mắc, kiến nghị", row->issues },
        { "Tiến độ", row->percent },     { "Tài liệu", row->attachment },
        { "Cơ quan chủ trì (theo bảng)", row->lead_text },
    };
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < sizeof(cells) / sizeof(*cells); i++)
        if (cells[i].text)
            buf_addf(&b, "%s: %s\n", cells[i].label, cells[i].text);
    if (row->other)
        buf_adds(&b, row->other);
    return buf_take(&b);
}

/*
 * Identity of a report's content: the same report imported twice is one.
 * The k-th identical report of an assignment within one batch gets "#k",
 * so a batch may say done, reopen, done, and importing it again adds
 * nothing.
 */
static char *fingerprint(struct progress_ctx *c, long assignment_id,
                         const struct progress_row *row, const struct progress_entry *en)
{
    char rep[DATE_ISO_LEN], done[DATE_ISO_LEN];
    date_iso(en->reported_on, rep);
    date_iso(en->completed_on, done);
    char *raw = xasprintf("%s|%s|%s|%d|%s|%s|%s|%s|%s", progress_kind_name(en->kind), rep, done,
                          en->percent, row->result ? row->result : "", row->next ? row->next : "",
                          row->issues ? row->issues : "", row->output ? row->output : "",
                          row->attachment ? row->attachment : "");
    char *key = text_fold(raw);
    free(raw);
    char *seen_key = xasprintf("%ld|%s", assignment_id, key);
    size_t k = (size_t)strmap_add(&c->seen, seen_key, 1);
    free(seen_key);
    if (k == 1)
        return key;
    char *numbered = xasprintf("%s#%zu", key, k);
    free(key);
    return numbered;
}

static void bind_output(struct stmt *st, const char *output)
{
    struct docref ref;
    struct err e = ERR_INIT;
    if (!output || docref_parse(output, &ref, &e))
        return;
    char iso[DATE_ISO_LEN];
    date_iso(ref.date, iso);
    db_bind_text(st, 9, ref.kind);
    char *num = ref.symbol ? xasprintf("%s%c%s", ref.number, ref.sep, ref.symbol)
                           : xstrdup(ref.number);
    db_bind_text(st, 10, num);
    db_bind_text(st, 11, date_is_set(ref.date) ? iso : NULL);
    free(num);
    docref_release(&ref);
}

static void bind_entry(struct stmt *st, const struct progress_entry *en)
{
    char rep[DATE_ISO_LEN], done[DATE_ISO_LEN];
    date_iso(en->reported_on, rep);
    date_iso(en->completed_on, done);
    db_bind_text(st, 2, rep);
    db_bind_text(st, 3, progress_kind_name(en->kind));
    db_bind_text(st, 4, en->kind == PROGRESS_DONE ? done : NULL);
    stmt_bind_int(st, 5, en->kind != PROGRESS_DONE || en->completed_on_given);
    if (en->percent >= 0)
        stmt_bind_int(st, 6, en->percent);
}

/*
 * Whether the assignment already has a report with this fingerprint; its
 * id goes to sum->duplicate_id, so a client that retries learns what it has.
 */
static int is_duplicate(struct progress_ctx *c, long assignment_id, const char *fp, bool *dup)
{
    struct stmt *st;
    if (db_prepare_cached(c->db,
                   "SELECT id FROM progress_report WHERE assignment_id = ? AND fingerprint = ?",
                   &st, c->e))
        return c->e->kind;
    stmt_bind_int(st, 1, assignment_id);
    db_bind_text(st, 2, fp);
    int rc = stmt_step(st);
    if (rc == DB_ROW)
        c->sum->duplicate_id = (long)stmt_int(st, 0);
    db_finish_cached(c->db, st);
    *dup = rc == DB_ROW;
    return rc == DB_ROW || rc == DB_DONE ? 0 : db_error(c->db, "cannot read", c->e);
}

/*
 * Whether the assignment's report with fingerprint fp was followed by a
 * report that changes the state the other way: a reopening after a
 * completion or a progress report, a completion after a reopening.
 */
static int overtaken(struct progress_ctx *c, long assignment_id, const char *fp, bool *yes)
{
    struct stmt *st;
    if (db_prepare_cached(c->db,
                   "SELECT 1 FROM progress_report p WHERE p.assignment_id = ?1 AND"
                   " p.fingerprint = ?2 AND EXISTS (SELECT 1 FROM progress_report r WHERE"
                   " r.assignment_id = ?1 AND r.id > p.id AND r.kind IN ('done', 'reopen') AND"
                   " r.kind <> p.kind)",
                   &st, c->e))
        return c->e->kind;
    stmt_bind_int(st, 1, assignment_id);
    db_bind_text(st, 2, fp);
    int rc = stmt_step(st);
    db_finish_cached(c->db, st);
    *yes = rc == DB_ROW;
    return rc == DB_ROW || rc == DB_DONE ? 0 : db_error(c->db, "cannot read", c->e);
}

/*
 * A report a person enters (no file) is a duplicate of an identical one
 * only while that one stands: a completion recorded again after the task
 * was reopened — the same day, with the same output — is a new report,
 * as is a reopening after a new completion. It gets the next free "#rN"
 * fingerprint (the key is unique per assignment). An imported table keeps
 * the plain rule: importing it again adds nothing, reopenings or not.
 */
static int entry_fingerprint(struct progress_ctx *c, long assignment_id, char **fp)
{
    if (c->opt->file)
        return 0;
    char *base = xstrdup(*fp);
    bool again = false;
    int ret = 0;
    for (int n = 2;; n++) {
        ret = overtaken(c, assignment_id, *fp, &again);
        if (ret || !again)
            break;
        free(*fp);
        *fp = xasprintf("%s#r%d", base, n);
    }
    free(base);
    return ret;
}

/* The audit line of an added report: a change of an accepted completion is named so. */
static int audit_added(struct progress_ctx *c, const struct report_lock *lock, long id,
                       const char *orig)
{
    if (!c->opt->audit)
        return 0;
    struct audit_entry a = *c->opt->audit;
    a.entity = "progress_report";
    if (lock->accepted_id)
        a.action = "progress.change_accepted"; /* the accepted completion's own line stays */
    a.entity_id = id;
    a.after = orig;
    return store_audit(c->db, &a, c->e);
}

static void count_added(struct progress_summary *sum, const struct progress_entry *en, long id)
{
    sum->added++;
    sum->last_id = id;
    sum->completions += en->kind == PROGRESS_DONE;
    sum->reopenings += en->kind == PROGRESS_REOPEN;
}

static int insert_report(struct progress_ctx *c, const struct progress_row *row,
                         const struct progress_entry *en, long assignment_id, const char *fp,
                         const struct report_lock *lock)
{
    struct stmt *st;
    if (db_prepare_cached(c->db,
                   "INSERT INTO progress_report (assignment_id, reported_on, kind,"
                   " completed_on, completed_on_given, percent, result, next_step, output_kind,"
                   " output_number, output_date, issues, output, attachment, original, source,"
                   " source_line, import_id, entered_at, fingerprint, needs_approval) VALUES"
                   " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                   " ?17, ?18, ?19, ?20, ?21) ON CONFLICT DO NOTHING",
                   &st, c->e))
        return c->e->kind;
    char at[DB_TS_LEN], *orig = row_original(row);
    db_timestamp(at);
    stmt_bind_int(st, 1, assignment_id);
    bind_entry(st, en);
    db_bind_text(st, 7, row->result ? row->result : "");
    db_bind_text(st, 8, row->next ? row->next : "");
    bind_output(st, row->output);
    db_bind_text(st, 12, row->issues ? row->issues : "");
    db_bind_text(st, 13, row->output ? row->output : "");
    db_bind_text(st, 14, row->attachment ? row->attachment : "");
    db_bind_text(st, 15, orig);
    db_bind_text(st, 16, c->opt->source ? c->opt->source : "cli");
    if (row->line)
        stmt_bind_int(st, 17, (long)row->line);
    if (c->run_id)
        stmt_bind_int(st, 18, c->run_id);
    db_bind_text(st, 19, at);
    db_bind_text(st, 20, fp);
    stmt_bind_int(st, 21, lock->needs_approval);
    int ret = db_step_done(c->db, st, c->e);
    bool added = !ret && db_changes(c->db) > 0;
    long id = db_last_id(c->db);
    db_finish_cached(c->db, st);
    if (added)
        ret = audit_added(c, lock, id, orig);
    free(orig);
    if (added)
        count_added(c->sum, en, id);
    else if (!ret)
        c->sum->duplicates++;
    return ret;
}

/* Read, resolve, check and append one row; a problem with the row is a reject. */
/* Read the row and find its task and assignment; a problem with the row sets *reason. */
static int resolve_row(struct progress_ctx *c, const struct progress_row *row,
                       struct progress_entry *en, struct progress_target *t, char **reason)
{
    int ret = 0;
    if (progress_read(row, en, reason))
        return 0;
    ret = find_task(c, row, &t->task_id, reason);
    if (!ret && !*reason)
        ret = task_refusal(c, t->task_id, reason);
    if (!ret && !*reason)
        ret = find_target(c, row, t, reason);
    if (!ret && !*reason) {
        struct progress_context ctx = { c->opt->today, t->document_date, t->assignment_id != 0,
                                        t->unit, t->task_id };
        progress_check(en, &ctx, reason);
    }
    return ret;
}

/* Append a resolved report unless it is already there; a reopening must reopen something. */
static int record_row(struct progress_ctx *c, const struct progress_row *row,
                      const struct progress_entry *en, const struct progress_target *t,
                      char **reason)
{
    char *fp = fingerprint(c, t->assignment_id, row, en);
    bool dup = false;
    struct report_lock lock = { false, 0 };
    int ret = entry_fingerprint(c, t->assignment_id, &fp);
    if (!ret)
        ret = is_duplicate(c, t->assignment_id, fp, &dup);
    if (!ret && dup)
        c->sum->duplicates++;
    else if (!ret && en->kind == PROGRESS_REOPEN)
        ret = check_reopen(c, en, t, reason);
    if (!ret && !dup && !*reason)
        ret = check_lock(c, row, en, t, &lock, reason);
    if (!ret && !dup && !*reason)
        ret = insert_report(c, row, en, t->assignment_id, fp, &lock);
    free(fp);
    return ret;
}

/*
 * A result that says in words the task is done: "Đã hoàn thành ...", or
 * "Đã ban hành <document>" (then *output is the document as written,
 * newly allocated, when one is named). Case and diacritics do not count.
 */
static bool says_done(const char *result, char **output)
{
    static const char *const verbs[] = { "da hoan thanh", "da ban hanh" };
    size_t *map = NULL;
    char *key = text_fold_map(result ? result : "", &map);
    bool yes = false;
    *output = NULL;
    for (size_t i = 0; i < sizeof(verbs) / sizeof(*verbs) && !yes; i++) {
        size_t n = strlen(verbs[i]);
        if (strncmp(key, verbs[i], n) || (key[n] && key[n] != ' '))
            continue;
        yes = true;
        struct docref ref;
        struct err e = ERR_INIT;
        const char *rest = result + map[n];
        while (*rest == ' ')
            rest++;
        if (*rest && docref_parse(rest, &ref, &e) == 0) {
            *output = xstrdup(rest);
            docref_release(&ref);
        }
    }
    free(key);
    free(map);
    return yes;
}

/*
 * A completion stated only in words is proposed (counted), and recorded
 * as one — completed on the report date, with the document it names —
 * only when the caller confirms it (accept_completions). Never inferred.
 */
static bool propose_completion(struct progress_ctx *c, const struct progress_row *row,
                               const struct progress_target *t, struct progress_entry *en,
                               struct progress_row *confirmed, char **output)
{
    if (en->kind != PROGRESS_UPDATE || row->done || !says_done(row->result, output))
        return false;
    struct progress_summary *sum = c->sum;
    bool take = c->opt->accept_completions ||
                line_listed(c->opt->complete_lines, c->opt->n_complete_lines, row->line);
    sum->completions_proposed++;
    ALLOC_GROW(sum->proposals, sum->n_proposals + 1, sum->cap_proposals);
    sum->proposals[sum->n_proposals++] = (struct progress_completion){
        row->line, t->task_id, *output ? xstrdup(*output) : NULL, take };
    if (!take)
        return false;
    en->kind = PROGRESS_DONE;
    en->completed_on = en->reported_on;
    en->completed_on_given = false;
    *confirmed = *row; /* borrows row's strings; only output may be this row's own */
    if (!row->output && *output)
        confirmed->output = *output;
    return true;
}

/* Whether the stored task t is led by the agency or group the party p names. */
static int leads(struct progress_ctx *c, long task_id, const struct party *p, bool *yes)
{
    struct stmt *st;
    bool group = p->kind == PARTY_GROUP;
    const char *sql = group ? "SELECT 1 FROM task_party WHERE task_id = ? AND role = 'lead'"
                              " AND group_id = ?"
                            : "SELECT 1 FROM assignment WHERE task_id = ? AND agency_id = ?"
                              " AND removed_import_id IS NULL";
    if (db_prepare_cached(c->db, sql, &st, c->e))
        return c->e->kind;
    stmt_bind_int(st, 1, task_id);
    stmt_bind_int(st, 2, group ? c->r->groups[p->idx].id
                                    : c->r->agencies[registry_active(c->r, p->idx)].id);
    int rc = stmt_step(st);
    *yes = rc == DB_ROW;
    db_finish_cached(c->db, st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : db_error(c->db, "cannot read", c->e);
}

/*
 * --unit named the reporter, so the table's "Cơ quan chủ trì" is the lead
 * as the unit copied it: every unit or group it names should lead the
 * task. One that does not is worth a look (a wrong row, an old name), not
 * a reason to refuse the report: a warning in the summary.
 */
static int check_lead(struct progress_ctx *c, const struct progress_row *row,
                      const struct progress_target *t)
{
    if (!row->lead_text || text_is_blank(row->lead_text))
        return 0;
    struct parties p = PARTIES_INIT;
    registry_split(c->r, row->lead_text, &p);
    int ret = 0;
    const char *stranger = NULL;
    for (size_t i = 0; i < p.n && !ret && !stranger; i++) {
        bool yes = false;
        if (p.items[i].kind == PARTY_UNRESOLVED)
            stranger = p.items[i].text;
        else
            ret = leads(c, t->task_id, &p.items[i], &yes);
        if (!ret && !yes && !stranger)
            stranger = p.items[i].text;
    }
    if (!ret && stranger) {
        struct progress_summary *sum = c->sum;
        ALLOC_GROW(sum->warnings, sum->n_warnings + 1, sum->cap_warnings);
        sum->warnings[sum->n_warnings++] = (struct progress_reject){
            row->line, xasprintf("Cơ quan chủ trì trong bảng ghi '%.*s', không phải cơ quan"
                                 " chủ trì của nhiệm vụ %ld",
                                 text_prefix_len(stranger, 80), stranger, t->task_id) };
    }
    parties_release(&p);
    return ret;
}

static int add_row(struct progress_ctx *c, const struct progress_row *row)
{
    struct progress_entry en;
    struct progress_target t = { 0 };
    char *reason = NULL, *output = NULL;
    int ret = resolve_row(c, row, &en, &t, &reason);
    struct progress_row confirmed = { 0 };
    bool done = !ret && !reason && propose_completion(c, row, &t, &en, &confirmed, &output);
    if (!ret && !reason)
        ret = record_row(c, done ? &confirmed : row, &en, &t, &reason);
    if (!ret && !reason)
        ret = check_lead(c, row, &t);
    free(output);
    if (reason)
        reject(c->sum, row->line, reason);
    return ret;
}

static int start_run(struct progress_ctx *c)
{
    if (!c->opt->file)
        return 0;
    int ret = db_import_run(c->db, c->opt->file, "progress", &c->run_id, c->e);
    if (!ret && c->opt->run_audit) {
        struct audit_entry line = *c->opt->run_audit;
        line.entity = "import_run";
        line.entity_id = c->run_id;
        ret = store_audit(c->db, &line, c->e);
    }
    return ret;
}

int store_progress_add(struct db *db, const struct registry *r, const struct batch *b,
                       const struct progress_options *opt, struct progress_summary *sum,
                       struct err *e)
{
    struct progress_ctx c = { db, r, opt, sum, 0, e, STRMAP_INIT, { 0 } };
    sum->rows = b->n_progress;
    sum->skipped_headings = b->skipped_headings;
    sum->skipped = xcalloc(b->n_skipped + 1, sizeof(*sum->skipped));
    for (size_t i = 0; i < b->n_skipped; i++)
        sum->skipped[i] = (struct progress_reject){ b->skipped[i].line,
                                                    xstrdup(b->skipped[i].reason) };
    sum->n_skipped = b->n_skipped;
    int ret = db_begin(db, e);
    if (!ret)
        ret = start_run(&c);
    if (!ret)
        ret = numbering_learn(db, b, &c.numbering, e);
    for (size_t i = 0; i < b->n_progress && !ret; i++)
        ret = add_row(&c, &b->progress[i]);
    bool keep = !opt->dry_run && (sum->n_rejects == 0 || opt->allow_partial);
    if (!ret && keep)
        ret = db_commit(db, e);
    else
        db_rollback(db);
    sum->written = !ret && keep;
    strmap_release(&c.seen);
    numbering_release(&c.numbering);
    return ret;
}

static void line_texts_free(struct progress_reject *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].reason);
    free(v);
}

void progress_summary_release(struct progress_summary *sum)
{
    line_texts_free(sum->rejects, sum->n_rejects);
    for (size_t i = 0; i < sum->n_suggestions; i++) {
        free(sum->suggestions[i].name);
        free(sum->suggestions[i].code);
        free(sum->suggestions[i].task_name);
    }
    free(sum->suggestions);
    for (size_t i = 0; i < sum->n_proposals; i++)
        free(sum->proposals[i].output);
    free(sum->proposals);
    line_texts_free(sum->warnings, sum->n_warnings);
    line_texts_free(sum->skipped, sum->n_skipped);
    for (size_t i = 0; i < sum->matched_by_tt; i++)
        free(sum->tt_matches[i].name);
    free(sum->tt_matches);
    *sum = (struct progress_summary){ 0 };
}

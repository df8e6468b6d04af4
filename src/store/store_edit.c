/*
 * store_edit: changes a person makes to a task after import; see store_edit.h.
 * Each change is one transaction with its history line (task_history) and
 * its audit line.
 */
#include "store_edit.h"

#include "db_internal.h"
#include "store_auth.h"

#include "util/xalloc.h"

#include <stdlib.h>

/* "2025-12-31 (note)" or "" — how a person's due date reads in the history. */
static char *due_text(struct stmt *st)
{
    if (stmt_is_null(st, 0))
        return xstrdup("");
    return xasprintf("%s%s%s%s", db_col_text(st, 0), *db_col_text(st, 1) ? " (" : "",
                     db_col_text(st, 1), *db_col_text(st, 1) ? ")" : "");
}

static int current_due(struct db *db, long task_id, char **before, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db, "SELECT due_set, due_set_note FROM task WHERE id = ?", &st, e))
        return e->kind;
    stmt_bind_int(st, 1, task_id);
    int rc = stmt_step(st);
    if (rc == DB_ROW)
        *before = due_text(st);
    stmt_finalize(st);
    if (rc == DB_DONE)
        return err_set(e, ERR_NOT_FOUND, "no task with id %ld", task_id);
    return rc == DB_ROW ? 0 : db_error(db, "cannot read the task", e);
}

static int write_due(struct db *db, long task_id, const char *iso, const char *note,
                     struct err *e)
{
    struct stmt *st;
    if (db_prepare(db, "UPDATE task SET due_set = ?, due_set_note = ? WHERE id = ?", &st, e))
        return e->kind;
    db_bind_text(st, 1, *iso ? iso : NULL);
    db_bind_text(st, 2, *iso && note ? note : "");
    stmt_bind_int(st, 3, task_id);
    int ret = db_step_done(db, st, e);
    stmt_finalize(st);
    return ret;
}

static int history(struct db *db, long task_id, const char *before, const char *after,
                   struct err *e)
{
    struct stmt *st;
    if (db_prepare(db,
                   "INSERT INTO task_history (task_id, field, before, after)"
                   " VALUES (?, 'due_set', ?, ?)",
                   &st, e))
        return e->kind;
    stmt_bind_int(st, 1, task_id);
    db_bind_text(st, 2, before);
    db_bind_text(st, 3, after);
    int ret = db_step_done(db, st, e);
    stmt_finalize(st);
    return ret;
}

int store_task_set_due(struct db *db, long task_id, struct date due, const char *note,
                       const struct audit_entry *a, struct err *e)
{
    char iso[DATE_ISO_LEN];
    date_iso(due, iso);
    char *before = NULL, *after = *iso ? xasprintf("%s%s%s%s", iso, note && *note ? " (" : "",
                                                   note ? note : "", note && *note ? ")" : "")
                                       : xstrdup("");
    int ret = db_begin(db, e);
    if (!ret)
        ret = current_due(db, task_id, &before, e);
    if (!ret)
        ret = write_due(db, task_id, iso, note, e);
    if (!ret)
        ret = history(db, task_id, before, after, e);
    ret = store_audit_finish(db, ret, a, "task", task_id, before, after, e);
    free(before);
    free(after);
    return ret;
}

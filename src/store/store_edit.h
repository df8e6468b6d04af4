/*
 * store_edit: changes a person makes to a task after import. Each change
 * is one transaction with its history line (task_history) and its audit
 * line.
 *
 * Contracts shared by every function here (and by the other store
 * modules):
 *  - return 0, or a negative err kind with the message in *e;
 *  - functions that write open and commit their own transaction, and roll
 *    it back on any failure, so the database is left exactly as it was;
 *  - returned structs are owned by the caller and freed with the matching
 *    *_release()/free function named in the comment.
 */
#ifndef GIAMSAT_STORE_EDIT_H
#define GIAMSAT_STORE_EDIT_H

#include "core/date.h"
#include "db.h"
#include "store_auth.h"

/**
 * Set (or, with an unset date, clear) the due date a person decided for
 * a task — typically one whose deadline phrase names no date — with a
 * note saying why. The phrase as written and the date parsed from it stay
 * as they are; re-imports never touch this date. One transaction with a
 * task_history line and the audit line a (may be NULL). ERR_NOT_FOUND for
 * an unknown task.
 */
int store_task_set_due(struct db *db, long task_id, struct date due, const char *note,
                       const struct audit_entry *a, struct err *e);

#endif

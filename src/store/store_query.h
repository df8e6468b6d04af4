/*
 * store_query: the read side: tasks (by filter, by id, one with its
 * parties), agencies, documents (listed, or found by a reference as a user
 * writes it) and the row counts of the main tables.
 *
 * Contracts shared by every function here (and by the other store
 * modules):
 *  - return 0, or a negative err kind with the message in *e;
 *  - functions that write open and commit their own transaction, and roll
 *    it back on any failure, so the database is left exactly as it was;
 *  - returned structs are owned by the caller and freed with the matching
 *    *_release()/free function named in the comment.
 */
#ifndef GIAMSAT_STORE_QUERY_H
#define GIAMSAT_STORE_QUERY_H

#include "core/registry.h"
#include "core/task.h"
#include "db.h"

#include <stddef.h>

/**
 * Tasks matching the filter, in import order. *out is a newly allocated
 * array; free with task_views_free().
 */
int store_tasks(struct db *db, const struct registry *r, const struct task_filter *f,
                struct task_view **out, size_t *n, struct err *e);

/**
 * The ids, ascending, of the tasks matching the filter (as store_tasks()
 * selects them): a list can be cut into a page before any task is read.
 * *ids is newly allocated (free()); *n may be 0. Errors: store_tasks()'s.
 */
int store_task_ids(struct db *db, const struct registry *r, const struct task_filter *f,
                   long **ids, size_t *n, struct err *e);

/**
 * The tasks ids[0..n) as store_tasks() reads them, by id ascending; ids
 * that name no task are left out. *out is a newly allocated array; free
 * with task_views_free(). ERR_INVALID for more than STORE_LOAD_TASKS_MAX.
 */
int store_tasks_by_id(struct db *db, const long *ids, size_t n, struct task_view **out,
                      size_t *n_out, struct err *e);

/** One task with its parties and group expansions; ERR_NOT_FOUND if no such id. */
int store_task(struct db *db, long id, struct task_view *out, struct err *e);

/** All agencies, Vietnamese alphabetical order. Free with agency_views_free(). */
int store_agencies(struct db *db, struct agency_view **out, size_t *n, struct err *e);

/** All documents by date. Free with document_views_free(). */
int store_documents(struct db *db, struct document_view **out, size_t *n, struct err *e);

/**
 * The document a user names: a reference in any written form ("Công điện
 * số 103 ngày 30/6/2025" = "Công điện 103/CĐ-TTg ngày 30/6/2025"), or
 * words of its name. ERR_NOT_FOUND when none matches, ERR_INVALID when
 * the words match several (the message lists two).
 */
int store_find_document(struct db *db, const char *text, long *id, struct err *e);

/** Count rows of the main tables, for the summary after `init`. */
int store_counts(struct db *db, struct store_counts *c, struct err *e);

#endif

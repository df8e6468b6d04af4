/*
 * store: reading and writing the programme in the database (above db.h).
 *
 * Contracts shared by every function here:
 *  - return 0, or a negative err kind with the message in *e;
 *  - functions that write open and commit their own transaction, and roll
 *    it back on any failure, so the database is left exactly as it was;
 *  - returned structs are owned by the caller and freed with the matching
 *    *_release()/free function named in the comment.
 */
#ifndef GIAMSAT_STORE_H
#define GIAMSAT_STORE_H

#include "core/batch.h"
#include "core/registry.h"
#include "core/resolve.h"
#include "core/task.h"
#include "db.h"

#include <stdbool.h>

/* ---- registry -------------------------------------------------------------- */

/**
 * Write the agencies and groups of r that the database lacks (matched by
 * canonical name), with their aliases and successor links. Existing rows
 * are left as they are: an administrator may have edited them.
 * *n_added receives the number of agencies and groups added.
 */
int store_seed_registry(struct db *db, const struct registry *r, size_t *n_added, struct err *e);

/** Load the registry from the database into *r (REGISTRY_INIT) and index it. */
int store_load_registry(struct db *db, struct registry *r, struct err *e);

/* ---- import ---------------------------------------------------------------- */

struct import_options {
    const char *file;     /* for the import log */
    bool dry_run;         /* compute everything, then roll back */
    const char *document; /* a reference that overrides the batch's source document */
};

/**
 * Store a batch in one transaction: its documents, tasks (matched on
 * document + code, or name when there is no code, so a re-import adds no
 * duplicates; changed cells are updated and the old value kept in
 * task_history), parties, assignments and indicators. sum->documents is
 * filled here. With dry_run, everything is written and then rolled back.
 */
int store_import(struct db *db, const struct registry *r, const struct batch *b,
                 const struct resolved_task *rt, const struct import_options *opt,
                 struct import_summary *sum, struct err *e);

/* ---- queries ---------------------------------------------------------------- */

/**
 * Tasks matching the filter, in import order. *out is a newly allocated
 * array; free with task_views_free().
 */
int store_tasks(struct db *db, const struct registry *r, const struct task_filter *f,
                struct task_view **out, size_t *n, struct err *e);

/** One task with its parties and group expansions; ERR_NOT_FOUND if no such id. */
int store_task(struct db *db, long id, struct task_view *out, struct err *e);

/** All agencies, Vietnamese alphabetical order. Free with agency_views_free(). */
int store_agencies(struct db *db, struct agency_view **out, size_t *n, struct err *e);

/** All documents by date. Free with document_views_free(). */
int store_documents(struct db *db, struct document_view **out, size_t *n, struct err *e);

/** Count rows of the main tables, for the summary after `init`. */
int store_counts(struct db *db, struct store_counts *c, struct err *e);

#endif

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
#include "core/programme.h"
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

/* ---- progress reports ------------------------------------------------------- */

struct progress_options {
    const char *file;    /* for the import log; NULL for the command line */
    const char *source;  /* "cli", "import", "web", "api" */
    struct date today;   /* reports dated later are rejected */
    bool dry_run;        /* check and write everything, then roll back */
    bool allow_partial;  /* keep the good rows when some are rejected */
};

struct progress_reject {
    size_t line;  /* 0 for the command line */
    char *reason; /* owned */
};

struct progress_summary {
    size_t rows;       /* rows read */
    size_t added;      /* reports written */
    size_t duplicates; /* identical to a report already stored: skipped */
    size_t completions;
    size_t reopenings;
    bool written;      /* committed (not a dry run, nothing rejected or allow_partial) */
    long last_id;      /* id of the last report added, 0 when none */
    struct progress_reject *rejects;
    size_t n_rejects, cap_rejects;
};

/**
 * Append the progress rows of b (b->progress) in one transaction. Each
 * row names its task by id, Mã or name (narrowed by its Văn bản giao
 * cell when several match) and its unit by name, alias or abbreviation.
 * A row is rejected, with its line and the reason, when it cannot be read
 * (progress_read), names no single known task, names a group of
 * sub-tasks, names a unit that is not a lead unit of the task, or fails
 * progress_check(). A report identical to one already stored is skipped.
 * Nothing is written when opt->dry_run, or when a row was rejected and
 * not opt->allow_partial. Rejections are not errors: the return is 0 and
 * sum->rejects lists them. Free sum with progress_summary_release().
 */
int store_progress_add(struct db *db, const struct registry *r, const struct batch *b,
                       const struct progress_options *opt, struct progress_summary *sum,
                       struct err *e);
void progress_summary_release(struct progress_summary *sum);

/* One stored report, for timelines. */
struct progress_view {
    long id;
    long task_id;
    char *unit;          /* canonical */
    char *kind;          /* "progress", "done", "reopen" */
    struct date reported_on, completed_on;
    int percent;         /* -1 when absent */
    char *result, *next, *issues, *output, *attachment, *source, *entered_at;
};

/**
 * Reports of a task (task_id > 0) or of every task (0), by task, report
 * date and entry order. Free with progress_views_free().
 */
int store_progress_list(struct db *db, long task_id, struct progress_view **out, size_t *n,
                        struct err *e);
void progress_views_free(struct progress_view *v, size_t n);

/**
 * Load the snapshot that counting works on (core/programme.h): every task
 * with its documents, live assignments and their progress events. *p must
 * be PROGRAMME_INIT; free with programme_release().
 */
int store_load_programme(struct db *db, struct programme *p, struct err *e);

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

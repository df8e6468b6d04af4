/*
 * store_progress: appending the progress reports of a batch
 * (b->progress) in one transaction, each row matched to its task and
 * unit, with the rows rejected, skipped, suggested or proposed as a
 * completion listed in a summary. Reading the reports back is
 * store_programme.h's.
 *
 * Contracts shared by every function here (and by the other store
 * modules):
 *  - return 0, or a negative err kind with the message in *e;
 *  - functions that write open and commit their own transaction, and roll
 *    it back on any failure, so the database is left exactly as it was;
 *  - returned structs are owned by the caller and freed with the matching
 *    *_release()/free function named in the comment.
 */
#ifndef GIAMSAT_STORE_PROGRESS_H
#define GIAMSAT_STORE_PROGRESS_H

#include "core/batch.h"
#include "core/date.h"
#include "core/registry.h"
#include "db.h"
#include "store_auth.h"

#include <stdbool.h>
#include <stddef.h>

struct progress_options {
    const char *file;    /* for the import log; NULL for the command line */
    const char *source;  /* "cli", "import", "web", "api" */
    struct date today;   /* reports dated later are rejected */
    bool dry_run;        /* check and write everything, then roll back */
    bool allow_partial;  /* keep the good rows when some are rejected */
    const struct audit_entry *audit;     /* when set, each added report is audited */
    const struct audit_entry *run_audit; /* when set (with file), the import_run is audited */
    bool accept_suggestions; /* take a near name's task when well ahead (core/similar.h) */
    bool accept_completions; /* record a completion the result states in words */
    const size_t *accept_lines; /* rows whose suggestion is confirmed, ahead or not (the web's ticks) */
    size_t n_accept_lines;
    const size_t *complete_lines; /* rows whose proposed completion is confirmed */
    size_t n_complete_lines;
    bool staff_entry; /* entered by a unit's focal point (role don_vi): where the unit
                       * requires it, its leader approves the report (core/approval.h) */
};

/* A row whose name matched no task, taken for its TT's task (store_numbering.c). */
struct progress_tt_match {
    size_t line;
    char *name; /* the name as written; owned */
    long task;  /* the task its TT names in its section */
};

/* A result that says in words the task is done, with no Hoàn thành column. */
struct progress_completion {
    size_t line;
    long task;      /* the task the row reports on */
    char *output;   /* the document the result names ("Nghị định số ..."), or NULL; owned */
    bool accepted;  /* recorded as a completion (accept_completions, or its line confirmed) */
};

/* A row whose task name matched none exactly, and the task it came closest to. */
struct progress_suggestion {
    size_t line;
    char *name;      /* the name as written; owned */
    long task;       /* the closest task */
    char *code;      /* its code, or NULL; owned */
    char *task_name; /* its name; owned */
    double score, runner_up; /* similarity of the closest and of the next (0 when none) */
    bool accepted;   /* taken (--accept-suggestions and well ahead) */
};

struct progress_reject {
    size_t line;  /* 0 for the command line */
    char *reason; /* owned */
};

struct progress_summary {
    size_t rows;       /* rows read */
    size_t added;      /* reports written */
    size_t duplicates; /* identical to a report already stored: skipped */
    size_t skipped_headings; /* table rows that report nothing (headings, groups): skipped */
    size_t completions_proposed; /* results that say "Đã hoàn thành" with no done column */
    size_t matched_by_tt; /* names that matched no task, taken by their TT (store_numbering.c) */
    struct progress_tt_match *tt_matches; /* those rows */
    size_t cap_tt_matches;
    size_t completions;
    size_t reopenings;
    bool written;      /* committed (not a dry run, nothing rejected or allow_partial) */
    long last_id;      /* id of the last report added, 0 when none */
    long duplicate_id; /* id of the stored report the last duplicate matched, 0 when none */
    struct progress_reject *rejects;
    size_t n_rejects, cap_rejects;
    struct progress_suggestion *suggestions;
    size_t n_suggestions, cap_suggestions;
    struct progress_completion *proposals; /* completions_proposed of them */
    size_t n_proposals, cap_proposals;
    struct progress_reject *skipped;  /* the rows that report nothing (b->skipped), copied */
    size_t n_skipped;
    struct progress_reject *warnings; /* accepted rows worth a look: a copied lead that differs */
    size_t n_warnings, cap_warnings;
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

#endif

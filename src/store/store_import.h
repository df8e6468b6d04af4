/*
 * store_import: writing one resolved batch (core/resolve.h) in one
 * transaction: its documents, tasks, parties, assignments and indicators,
 * with the duplicates and repeats of stored tasks found on the way
 * (store_repeats.h).
 *
 * Contracts shared by every function here (and by the other store
 * modules):
 *  - return 0, or a negative err kind with the message in *e;
 *  - functions that write open and commit their own transaction, and roll
 *    it back on any failure, so the database is left exactly as it was;
 *  - returned structs are owned by the caller and freed with the matching
 *    *_release()/free function named in the comment.
 */
#ifndef GIAMSAT_STORE_IMPORT_H
#define GIAMSAT_STORE_IMPORT_H

#include "core/batch.h"
#include "core/registry.h"
#include "core/resolve.h"
#include "db.h"
#include "store_auth.h"

#include <stdbool.h>
#include <stddef.h>

struct import_options {
    const char *file;     /* for the import log */
    bool dry_run;         /* compute everything, then roll back */
    const char *document; /* a reference that overrides the batch's source document */
    const struct audit_entry *audit; /* when set, the import_run is audited in the same transaction */
    bool allow_duplicates; /* create tasks equal to stored tasks of the same document */
    bool link_repeats;     /* record every exact repeat (sum->repeats) as one */
    const size_t *link_lines; /* rows whose proposed repeat, exact or close, is confirmed */
    size_t n_link_lines;
};

/**
 * Store a batch in one transaction: its documents, tasks (matched on
 * document + code, or name when there is no code, so a re-import adds no
 * duplicates; changed cells are updated and the old value kept in
 * task_history), parties, assignments and indicators. sum->documents is
 * filled here. With dry_run, everything is written and then rolled back.
 *
 * Every task the import creates is compared with the tasks stored before
 * it (store_repeats.c): one whose match key equals a stored task of the
 * same document, or that names no document, is a duplicate (sum->dups);
 * one of another document that equals a stored task, or comes within
 * SIMILAR_ACCEPT of one, is a proposed repeat (sum->repeats), linked as
 * "nhắc lại" (and then not counted) only when opt->link_repeats takes the
 * exact ones or opt->link_lines names its row. Duplicates refuse the
 * import unless opt->allow_duplicates: it is rolled back like a dry run
 * and sum->written stays false; the return is still 0, the caller tells
 * the user. sum->written is true when the import committed. Free the
 * lists with import_summary_release().
 */
int store_import(struct db *db, const struct registry *r, const struct batch *b,
                 const struct resolved_task *rt, const struct import_options *opt,
                 struct import_summary *sum, struct err *e);

#endif

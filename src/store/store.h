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

/* One line of the audit log: who, what, before and after. */
struct audit_entry {
    const char *actor;  /* username, "token:NAME" or "cli" */
    long user_id;       /* 0 = none */
    long token_id;      /* 0 = none */
    const char *action; /* "progress.add", "user.create", "token.create", "import", "login" ... */
    const char *entity; /* "progress_report", "app_user", "api_token", "import_run" ... */
    long entity_id;
    const char *before; /* text (JSON) or NULL */
    const char *after;
    const char *client; /* address, or "" */
};

/* ---- import ---------------------------------------------------------------- */

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

/* ---- audit ------------------------------------------------------------------- */


/**
 * Append to the audit log. Assumes the caller holds the write transaction
 * that made the change, so the change and its audit line commit together.
 */
int store_audit(struct db *db, const struct audit_entry *a, struct err *e);

/** Append one audit line in a transaction of its own (for events that change nothing else). */
int store_audit_alone(struct db *db, const struct audit_entry *a, struct err *e);

/* One audit line as stored. */
struct audit_view {
    long id;
    char *at, *actor, *action, *entity, *before, *after, *client;
    char *role; /* the acting user's role ("admin", ...) as it is now; "" for none */
    long entity_id;
};

/**
 * The latest `limit` audit lines, newest first; only those of `action` when
 * it is not NULL. Free with audit_views_free().
 */
int store_audit_list(struct db *db, long limit, const char *action, struct audit_view **out,
                     size_t *n, struct err *e);
void audit_views_free(struct audit_view *v, size_t n);

/* ---- accounts, sessions, API tokens ---------------------------------------------- */

struct user_record {
    long id;
    char *username;
    char *display;
    char *password_hash;
    char *role;     /* "admin", "monitor", "unit", "viewer" */
    long agency_id; /* 0 = none */
    char *agency;   /* canonical name, or "" */
    bool active;
    char *csrf;     /* store_session_find() only */
};

void user_record_release(struct user_record *u);
void user_records_free(struct user_record *u, size_t n);

/**
 * Add a user (u->id is ignored) and its audit line in one transaction;
 * *id receives the new id. ERR_CONFLICT when the username is taken,
 * ERR_INVALID for an unknown role or a unit role without a unit.
 */
int store_user_add(struct db *db, const struct user_record *u, const struct audit_entry *a,
                   long *id, struct err *e);
/** Set a user's password hash and/or active flag (NULL / -1 = unchanged), audited. */
int store_user_update(struct db *db, long id, const char *password_hash, int active,
                      const struct audit_entry *a, struct err *e);
/** The user with this username (any case); ERR_NOT_FOUND. */
int store_user_find(struct db *db, const char *username, struct user_record *out, struct err *e);
/** All users by username. */
int store_users(struct db *db, struct user_record **out, size_t *n, struct err *e);

/** Record a session (digest of its token) for user_id at unix time now. */
int store_session_add(struct db *db, const char *digest, long user_id, const char *csrf,
                      long now, struct err *e);
/**
 * The active user of a live session: not idle more than idle_s, not older
 * than max_s; refreshes its last-seen time (at most once a minute).
 * ERR_NOT_FOUND when there is none. Expired sessions are swept by
 * store_session_add().
 */
int store_session_find(struct db *db, const char *digest, long now, long idle_s, long max_s,
                       struct user_record *out, struct err *e);
int store_session_drop(struct db *db, const char *digest, struct err *e);

struct token_record {
    long id;
    char *name;
    char *role;
    long agency_id;
    char *agency;
    char *created_at;
    bool revoked;
};

void token_record_release(struct token_record *t);
void token_records_free(struct token_record *t, size_t n);
/** Add a token (by the digest of its secret), audited; *id receives its id. */
int store_token_add(struct db *db, const char *digest, const char *name, const char *role,
                    long agency_id, const struct audit_entry *a, long *id, struct err *e);
/** The live (not revoked) token with this digest; ERR_NOT_FOUND. */
int store_token_find(struct db *db, const char *digest, struct token_record *out, struct err *e);
int store_tokens(struct db *db, struct token_record **out, size_t *n, struct err *e);
int store_token_revoke(struct db *db, long id, const struct audit_entry *a, struct err *e);

/* ---- progress reports ------------------------------------------------------- */

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

/* One stored report, for timelines. */
struct progress_view {
    long id;
    long task_id;
    char *unit;          /* canonical */
    char *kind;          /* "progress", "done", "reopen" */
    struct date reported_on, completed_on;
    int percent;         /* -1 when absent */
    char *result, *next, *issues, *output, *attachment, *source, *entered_at;
    char *entered_by;  /* store_progress_recent() only: the account that entered it, or "" */
    char *import_file; /* store_progress_recent() only: the file it came from, or NULL */
};

/**
 * Reports of a task (task_id > 0) or of every task (0), by task, report
 * date and entry order. Free with progress_views_free().
 */
int store_progress_list(struct db *db, long task_id, struct progress_view **out, size_t *n,
                        struct err *e);

/**
 * At most `limit` reports entered after report id `after` (0: from the
 * first), of task task_id (0: of every task), in entry order (by id): how
 * another system follows the reports as they come, a page at a time,
 * passing the last id it got. Each page is a seek into the table, however
 * large. *out is newly allocated (free with progress_views_free()).
 */
int store_progress_after(struct db *db, long task_id, long after, size_t limit,
                         struct progress_view **out, size_t *n, struct err *e);
/** How many reports task task_id (0: every task) has, into *n. */
int store_progress_count(struct db *db, long task_id, long *n, struct err *e);

/**
 * The latest `limit` reports of a task (task_id > 0), oldest first as in
 * store_progress_list(), and in *total how many it has: a task of hundreds
 * of units shows a page of its history, not all of it. These views also
 * say who entered each report (entered_by, import_file). *out is newly
 * allocated (free with progress_views_free()).
 */
int store_progress_recent(struct db *db, long task_id, size_t limit, struct progress_view **out,
                          size_t *n, size_t *total, struct err *e);
void progress_views_free(struct progress_view *v, size_t n);

/**
 * Load the snapshot that counting works on (core/programme.h): every task
 * with its documents, live assignments and their progress events. *p must
 * be PROGRAMME_INIT; free with programme_release(). At national size this
 * reads millions of events: a request serves it from the server's cache
 * (web/report_cache.h) or loads only its tasks (store_load_tasks()).
 */
int store_load_programme(struct db *db, struct programme *p, struct err *e);

#define STORE_LOAD_TASKS_MAX 10000 /* ids one store_load_tasks() call takes */

/**
 * store_load_programme() narrowed to the tasks ids[0..n) (any order; ids
 * that name no task are left out), or every task when ids is NULL. The
 * documents and agencies are all loaded, so every index stays valid and a
 * task's status is the same as in the whole snapshot; each task, its
 * documents, assignments and events are read through indexes. The same
 * contract as store_load_programme(); ERR_INVALID for more than
 * STORE_LOAD_TASKS_MAX ids.
 */
int store_load_tasks(struct db *db, const long *ids, size_t n, struct programme *p,
                     struct err *e);

/**
 * The data generation: a number that every committed change to the
 * programme's tables (tasks, documents, units and their aliases and
 * groups, assignments, progress reports, indicators), by any connection
 * or process, makes larger (schema 5's triggers). Equal generations mean
 * equal snapshots, so a cache keyed by it is never stale. One read of a
 * one-row table, on a statement kept prepared on db.
 */
int store_data_generation(struct db *db, long *generation, struct err *e);

/*
 * Where a snapshot stands. The structure generation moves with every
 * change the data generation counts but a new progress report (schema 13),
 * so two stamps of equal structure differ only by the reports after
 * last_report: reports are append-only and their ids only grow.
 */
struct store_stamp {
    long generation; /* store_data_generation() */
    long structure;  /* the structure generation */
    long last_report; /* the largest progress report id, 0 when none */
};

/**
 * The data and structure generations into stamp (last_report is left as
 * it is): one read of a one-row table, on a statement kept prepared on db.
 */
int store_data_stamp(struct db *db, struct store_stamp *stamp, struct err *e);

/**
 * In one read transaction: the stamp of the database and the progress
 * reports with an id above after (by ascending id) into *out and *n (free
 * *out with free(); NULL when none). stamp->last_report is the largest id
 * read, or after. When stamp->structure differs from the structure the
 * caller's snapshot was read at, the reports are not enough (something
 * else changed too): load the snapshot again. Assumes no transaction is
 * open on db; on failure nothing is left allocated.
 */
int store_load_reports_after(struct db *db, long after, struct store_stamp *stamp,
                             struct prog_new_event **out, size_t *n, struct err *e);

struct indicator; /* core/indicator.h */

/* How many indicators of one monitoring agency have a target, as the database counts them. */
struct indicator_target_count {
    long agency_id; /* 0: no monitoring agency */
    long n;
};

/*
 * The indicators that have a target, counted by the database apart from
 * the indicator board (the board's "indicators.stored" check,
 * core/indicator_board.h): rows whose target text is not blank once the
 * '$' markup, the spaces and the trailing full stops are dropped, which is
 * when target_parse() reads no target (TARGET_NONE) in every text the
 * importers store.
 */
struct indicator_target_counts {
    long total;
    struct indicator_target_count *by_agency; /* by ascending agency_id; NULL when none */
    size_t n_agencies;
};

#define INDICATOR_TARGET_COUNTS_INIT { 0, NULL, 0 }

/**
 * Count the indicators with a target per monitoring agency into *out
 * (INDICATOR_TARGET_COUNTS_INIT or released; free with
 * indicator_target_counts_release()). Opens no transaction: inside a
 * caller's read transaction it counts that transaction's snapshot.
 */
int store_indicator_target_counts(struct db *db, struct indicator_target_counts *out,
                                  struct err *e);
/** The count for one monitoring agency (0 when it has none), or with agency_id 0 the total. */
long indicator_target_counts_of(const struct indicator_target_counts *c, long agency_id);
void indicator_target_counts_release(struct indicator_target_counts *c);

/**
 * store_load_programme() and store_data_stamp() in one read transaction,
 * with the largest progress report id, so *stamp is exactly where *p
 * stands; with
 * indicators not NULL, store_indicator_list() (store_indicators.h) into
 * *indicators and *n_indicators in the same transaction, so they hold
 * the measurements of that generation, never a later write's, and with
 * counted not NULL too, store_indicator_target_counts() of the very same
 * rows into *counted. On failure nothing is left allocated (*p released,
 * *indicators NULL, *counted empty). Assumes no transaction is open on db.
 */
int store_load_snapshot(struct db *db, struct programme *p, struct store_stamp *stamp,
                        struct indicator **indicators, size_t *n_indicators,
                        struct indicator_target_counts *counted, struct err *e);

/* ---- edits ------------------------------------------------------------------------ */

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

/* ---- queries ---------------------------------------------------------------- */

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

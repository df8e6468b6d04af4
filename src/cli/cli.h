/*
 * cli: the `giamsat` command line. main() finds the command in the table
 * of commands.c and calls its cmd_* function; only this layer prints,
 * chooses exit codes and reads files.
 *
 * Adding a command: write `int cmd_x(struct cli *c, int argc, char **argv)`
 * in a cmd_*.c file, declare it here, add one row to commands[] in
 * commands.c (name, function, usage), and add a test in tests/cli/.
 */
#ifndef GIAMSAT_CLI_H
#define GIAMSAT_CLI_H

#include "core/batch.h"
#include "core/date.h"
#include "core/frame.h"
#include "core/registry.h"
#include "store/db.h"
#include "util/err.h"
#include "util/strvec.h"

#include <stdbool.h>
#include <stddef.h>

struct cli {
    const char *db_path; /* --db, default "giamsat.db" */
    struct db *db;       /* opened by cli_open() */
    struct registry reg; /* loaded by cli_open() */
    struct err err;      /* the error main() prints */
};

/* ---- options ------------------------------------------------------------- */

struct opt {
    const char *name;  /* "--format" */
    bool has_arg;
    const char *value; /* set by args_parse(): the argument, or "" for a flag (the first one) */
    struct strvec *all; /* when set, the option may repeat: every value is pushed here */
};

/**
 * Parse argv[1..argc) against opts (terminated by a NULL name). Positional
 * arguments are collected into pos (at most max_pos). "--help" sets *help.
 * Unknown options, missing arguments and an option with a value given
 * twice (the second would silently replace the first) are ERR_INVALID,
 * but for an option with an `all` vector, which collects every value.
 */
int args_parse(int argc, char **argv, struct opt *opts, const char **pos, int max_pos,
               int *n_pos, bool *help, struct err *e);
/** The value of option name, or NULL when not given. */
const char *opt_value(const struct opt *opts, const char *name);

/** Open the database (creating and seeding the registry when new) and load the registry. */
int cli_open(struct cli *c);
/**
 * cli_open() for commands that read or add to an existing programme: a
 * missing database file is ERR_NOT_FOUND (a mistyped --db must not answer
 * with an empty report).
 */
int cli_open_existing(struct cli *c);
/** Print a usage line for cmd and return 0. */
int cli_usage(const char *cmd);
/** Read a whole file into memory (newly allocated, NUL-terminated). */
int cli_read_file(const char *path, char **data, size_t *len, struct err *e);

/** A positive id from text; ERR_INVALID naming the text otherwise. */
int cli_parse_id(const char *text, long *id, struct err *e);
/** A date as users type it (dd/mm/yyyy or yyyy-mm-dd); ERR_INVALID naming opt otherwise. */
int cli_parse_date(const char *text, const char *opt, struct date *out, struct err *e);
/**
 * Today's local date; GIAMSAT_TODAY=YYYY-MM-DD in the environment fixes
 * it (tests replay a past week with it).
 */
struct date cli_today(void);
/** Write len bytes to path, or to stdout when path is NULL or "-". */
int cli_write_output(const char *path, const char *data, size_t len, struct err *e);

/* What the user confirmed for a progress table (--accept-suggestions, --accept-completions). */
struct progress_confirm {
    bool suggestions; /* take a near name's task when well ahead */
    bool completions; /* record completions the results state in words */
};

/**
 * The administrative frame of one report into *out (FRAME_SETTINGS_INIT):
 * the database's settings (`giamsat frame`), each replaced by its option
 * in opts when given (--issuer, --number, --place, --signer, --recipients).
 * ERR_INVALID naming the field for a bad value; storage errors.
 */
int cli_report_frame(struct cli *c, const struct opt *opts, struct frame_settings *out);

/** Store the progress rows of b (a progress table); 1 when rows were rejected. */
int import_progress_batch(struct cli *c, const struct batch *b, const char *name, bool dry_run,
                          bool allow_partial, bool json, const struct progress_confirm *confirm);

/* ---- what the notifications borrow of the reports (cmd_report.c) ---------------- */

struct reminders;
struct warning_list;
struct programme;
struct indicator_board;
typedef int (*cli_reminders_cb)(struct cli *c, const struct reminders *rm, void *arg);
typedef int (*cli_warnings_cb)(struct cli *c, const struct warning_list *l,
                               const struct programme *p, const struct indicator_board *b,
                               void *arg);
/**
 * Build the reminders (remind_build()) of every unit as of as_of, due
 * within `within` days, and hand them to cb; everything is released after
 * cb returns. 0 or the error (in c->err) of the build or of cb.
 */
int cli_reminders_visit(struct cli *c, struct date as_of, long within, cli_reminders_cb cb,
                        void *arg);
/** The same for the early warnings of every unit as of as_of (`giamsat warnings`). */
int cli_warnings_visit(struct cli *c, struct date as_of, cli_warnings_cb cb, void *arg);

/* ---- notifications (cmd_notify.c, docs/NOTIFY.md) ------------------------------- */

/* What one delivery run did. */
struct notify_counts {
    size_t sent, failed;
    bool no_config;        /* no SMTP configuration where none was asked for: nothing tried */
    char first_error[ERR_MSG_MAX]; /* the first failure's reason, "" when none */
};

/**
 * Today's notices: every early warning that began within NOTICE_NEW_DAYS
 * (due_soon as "approaching deadline") and every open request whose
 * answer is due within NOTICE_REQUEST_DAYS, for its unit's accounts, in
 * one transaction; idempotent. *added grows by the new inbox rows.
 */
int notify_daily(struct cli *c, struct date today, size_t *added);
/**
 * The weekly digest of every unit with work to remind (`giamsat remind`
 * as of as_of, within days), keyed by the Monday of as_of's week:
 * idempotent per unit and week.
 */
int notify_digests(struct cli *c, struct date as_of, long within, size_t *added);
/** The SMTP configuration's path: given, else $GIAMSAT_SMTP_CONFIG, else the default. */
const char *notify_config_path(const char *given);
/**
 * Deliver the due mail of the queue once (store_notify.h's states),
 * stopping after 3 failures. No configuration file at the default path
 * (none given) is not an error: out->no_config, nothing sent.
 */
int notify_deliver(struct cli *c, const char *config, struct notify_counts *out);
/** `giamsat remind --send`: notify_digests() then notify_deliver(); 1 when a mail failed. */
int notify_remind_send(struct cli *c, const char *as_of, const char *within, const char *config);

/* The notifications' schedule in `giamsat serve`. */
struct notify_schedule {
    const char *db_path;
    const char *smtp_config; /* NULL: notify_config_path()'s choice */
    int digest_day;          /* ISO weekday of the digest, 1 (Monday) .. 7 */
    long within;             /* the digest's horizon, days */
    long every_s;            /* seconds between two runs */
};
struct notify_thread;
/** Start a thread (with its own connection) that runs the jobs every s->every_s seconds. */
int notify_thread_start(const struct notify_schedule *s, struct notify_thread **out,
                        struct err *e);
/** Stop it (waiting for a run in progress) and free it; accepts NULL. */
void notify_thread_stop(struct notify_thread *t);

int cmd_init(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_tasks(struct cli *c, int argc, char **argv);
int cmd_task(struct cli *c, int argc, char **argv);
int cmd_agencies(struct cli *c, int argc, char **argv);
int cmd_documents(struct cli *c, int argc, char **argv);
int cmd_document(struct cli *c, int argc, char **argv);
int cmd_sets(struct cli *c, int argc, char **argv);
int cmd_demo(struct cli *c, int argc, char **argv);
int cmd_gen(struct cli *c, int argc, char **argv);
int cmd_progress(struct cli *c, int argc, char **argv);
int cmd_report(struct cli *c, int argc, char **argv);
int cmd_frame(struct cli *c, int argc, char **argv);
int cmd_remind(struct cli *c, int argc, char **argv);
int cmd_warnings(struct cli *c, int argc, char **argv);
int cmd_request(struct cli *c, int argc, char **argv);
int cmd_approval(struct cli *c, int argc, char **argv);
int cmd_serve(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);
int cmd_token(struct cli *c, int argc, char **argv);
int cmd_indicators(struct cli *c, int argc, char **argv);
int cmd_measure(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_restore(struct cli *c, int argc, char **argv);
int cmd_migrate(struct cli *c, int argc, char **argv);
int cmd_mail(struct cli *c, int argc, char **argv);

#endif

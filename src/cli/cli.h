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

/** Store the progress rows of b (a progress table); 1 when rows were rejected. */
int import_progress_batch(struct cli *c, const struct batch *b, const char *name, bool dry_run,
                          bool allow_partial, bool json, const struct progress_confirm *confirm);

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

#endif

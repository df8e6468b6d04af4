/*
 * cmd_migrate: `giamsat migrate --from SOURCE --to DEST` copies a whole
 * database from one engine to another (a SQLite file into PostgreSQL, or
 * PostgreSQL into a new SQLite file): store/db_copy.h. The destination
 * must be empty; a SQLite file this command created is removed again
 * when the copy fails, so a failure leaves the destination as it was.
 */
#include "cli.h"

#include "store/db_copy.h"

#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* A SQLite file the failed copy created, with its WAL companions. */
static void remove_new_file(const char *path)
{
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(*suffixes); i++) {
        char *p = xasprintf("%s%s", path, suffixes[i]);
        unlink(p);
        free(p);
    }
}

static void print_summary(const char *from, const char *to, const struct db_copy_summary *s)
{
    printf("Copied '%s' to '%s':\n", db_display_name(from), db_display_name(to));
    for (size_t i = 0; i < s->n; i++)
        printf("  %-22s %8ld\n", s->t[i].table, s->t[i].rows);
    printf("%zu tables, %ld rows; row counts verified on both sides\n", s->n, s->total);
}

/* The two targets; ERR_INVALID or ERR_NOT_FOUND for what cannot be a migration. */
static int check_targets(const char *from, const char *to, struct err *e)
{
    if (!from || !to || !*from || !*to)
        return err_set(e, ERR_INVALID, "use 'giamsat migrate --from SOURCE --to DEST'");
    if (db_is_file(from) == db_is_file(to))
        return err_set(e, ERR_INVALID,
                       "--from and --to must name different engines: a SQLite file and a"
                       " postgresql:// URI");
    /* Opening creates a missing file: a mistyped source must not copy an empty database. */
    if (db_is_file(from) && access(from, F_OK) != 0)
        return err_set(e, ERR_NOT_FOUND, "no database '%s'", from);
    return 0;
}

int cmd_migrate(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--from", true, NULL, NULL },
                          { "--to", true, NULL, NULL },
                          { NULL, false, NULL, NULL } };
    bool help;
    int n_pos;
    if (args_parse(argc, argv, opts, NULL, 0, &n_pos, &help, &c->err))
        return c->err.kind;
    if (help)
        return cli_usage("migrate");
    const char *from = opt_value(opts, "--from"), *to = opt_value(opts, "--to");
    if (check_targets(from, to, &c->err))
        return c->err.kind;
    bool new_file = db_is_file(to) && access(to, F_OK) != 0;
    struct db *src = NULL, *dst = NULL;
    struct db_copy_summary sum;
    int ret = db_open(from, &src, &c->err);
    if (!ret)
        ret = db_open(to, &dst, &c->err);
    if (!ret)
        ret = db_copy(src, dst, &sum, &c->err);
    db_close(dst);
    db_close(src);
    if (ret && new_file)
        remove_new_file(to);
    if (!ret)
        print_summary(from, to, &sum);
    return ret;
}

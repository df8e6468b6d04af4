/*
 * db_backup: copies of a live database (SQLite's online backup API) and
 * restoring one; see db.h.
 */
#include "db_internal.h"
#include "driver_sqlite.h"

#include <sqlite3.h>

#include "util/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The tables without which a file is not a giamsat database. */
static const char *const required_tables[] = { "task", "assignment", "progress_report",
                                               "audit_log", "agency", "document" };

/*
 * Copy every page of from into to in one step: one read transaction on
 * from, so the copy is a single consistent moment even while others write
 * (WAL lets them go on). A lock on to is waited for as db_open() waits.
 */
static int copy_pages(sqlite3 *to, sqlite3 *from, struct err *e)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    if (!b)
        return err_set(e, ERR_STORAGE, "cannot start the copy: %s", sqlite3_errmsg(to));
    int rc;
    for (int waited = 0; (rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED;
         waited += 100) {
        if (waited >= DB_BUSY_WAIT_MS)
            break;
        sqlite3_sleep(100);
    }
    sqlite3_backup_finish(b);
    if (rc == SQLITE_DONE)
        return 0;
    return err_set(e, rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? ERR_BUSY : ERR_STORAGE,
                   "cannot copy the database: %s", sqlite3_errstr(rc));
}

/* PRAGMA integrity_check of conn; "ok" or the first problem into e. */
static int check_integrity(sqlite3 *conn, const char *what, struct err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(conn, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
        return err_set(e, ERR_INVALID, "%s is not a SQLite database: %s", what,
                       sqlite3_errmsg(conn));
    int rc = sqlite3_step(st);
    const char *r = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    int ret = 0;
    if (!r)
        ret = err_set(e, ERR_INVALID, "%s is not a SQLite database: %s", what,
                      sqlite3_errmsg(conn));
    else if (strcmp(r, "ok"))
        ret = err_set(e, ERR_INVALID, "%s fails its integrity check: %s", what, r);
    sqlite3_finalize(st);
    return ret;
}

static int count_rows(sqlite3 *conn, const char *table, long *n)
{
    char sql[96];
    sqlite3_stmt *st;
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
    *n = 0;
    if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return 0;
}

/* What a copy holds, for the message that says it is good. */
static void read_info(sqlite3 *conn, struct db_copy_info *info)
{
    sqlite3_stmt *st;
    count_rows(conn, "task", &info->tasks);
    count_rows(conn, "progress_report", &info->reports);
    count_rows(conn, "audit_log", &info->audit_lines);
    info->schema = 0;
    if (sqlite3_prepare_v2(conn, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            info->schema = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
}

/* A file is a giamsat database this build can migrate: schema known, tables there. */
static int check_giamsat(sqlite3 *conn, const char *path, struct db_copy_info *info,
                         struct err *e)
{
    char *quoted = xasprintf("'%s'", path);
    int ret = check_integrity(conn, quoted, e);
    free(quoted);
    if (ret)
        return ret;
    read_info(conn, info);
    if (info->schema < 1 || info->schema > db_schema_version())
        return err_set(e, ERR_INVALID,
                       "'%s' is not a giamsat database of a schema this version can migrate"
                       " (schema %d; this one knows 1 to %d)",
                       path, info->schema, db_schema_version());
    for (size_t i = 0; i < sizeof(required_tables) / sizeof(*required_tables); i++) {
        sqlite3_stmt *st;
        int found = 0;
        if (sqlite3_prepare_v2(conn, "SELECT 1 FROM sqlite_master WHERE type = 'table'"
                                     " AND name = ?", -1, &st, NULL) == SQLITE_OK) {
            sqlite3_bind_text(st, 1, required_tables[i], -1, SQLITE_STATIC);
            found = sqlite3_step(st) == SQLITE_ROW;
            sqlite3_finalize(st);
        }
        if (!found)
            return err_set(e, ERR_INVALID, "'%s' is not a giamsat database (no table '%s')",
                           path, required_tables[i]);
    }
    return 0;
}

/* Copies are SQLite's: a PostgreSQL deployment backs up with its own tools (docs/DEPLOY.md). */
static sqlite3 *sqlite_only(struct db *db, struct err *e)
{
    sqlite3 *conn = driver_sqlite_conn(db);
    if (!conn)
        err_set(e, ERR_INVALID, "backup and restore copy SQLite databases; on PostgreSQL use"
                                " pg_dump and pg_restore (docs/DEPLOY.md)");
    return conn;
}

int db_backup(struct db *db, const char *path, struct db_copy_info *info, struct err *e)
{
    sqlite3 *conn = sqlite_only(db, e);
    if (!conn)
        return e->kind;
    if (access(path, F_OK) == 0)
        return err_set(e, ERR_CONFLICT, "'%s' already exists: choose a new file name", path);
    /* Written under a temporary name and linked into place only once checked. */
    char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
    sqlite3 *to = NULL;
    int ret = 0;
    if (sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        ret = err_set(e, ERR_STORAGE, "cannot create '%s': %s", tmp,
                      to ? sqlite3_errmsg(to) : "out of memory");
    if (!ret)
        ret = copy_pages(to, conn, e);
    /* The copy stands alone: one file, no -wal beside it. */
    if (!ret && sqlite3_exec(to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
        ret = err_set(e, ERR_STORAGE, "cannot finish '%s': %s", tmp, sqlite3_errmsg(to));
    if (!ret)
        ret = check_giamsat(to, tmp, info, e);
    sqlite3_close(to);
    if (!ret && link(tmp, path) != 0)
        ret = err_set(e, errno == EEXIST ? ERR_CONFLICT : ERR_STORAGE, "cannot write '%s': %s",
                      path, strerror(errno));
    unlink(tmp);
    free(tmp);
    return ret;
}

int db_check_copy(const char *path, struct db_copy_info *info, struct err *e)
{
    sqlite3 *from = NULL;
    if (access(path, R_OK) != 0)
        return err_set(e, ERR_NOT_FOUND, "cannot read '%s': %s", path, strerror(errno));
    int ret = 0;
    if (sqlite3_open_v2(path, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        ret = err_set(e, ERR_INVALID, "cannot open '%s': %s", path,
                      from ? sqlite3_errmsg(from) : "out of memory");
    if (!ret)
        ret = check_giamsat(from, path, info, e);
    sqlite3_close(from);
    return ret;
}

int db_restore(struct db *db, const char *path, struct db_copy_info *info, struct err *e)
{
    sqlite3 *conn = sqlite_only(db, e);
    if (!conn || db_check_copy(path, info, e))
        return e->kind;
    sqlite3 *from = NULL;
    int ret = 0;
    if (sqlite3_open_v2(path, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        ret = err_set(e, ERR_STORAGE, "cannot open '%s'", path);
    if (!ret)
        ret = copy_pages(conn, from, e);
    sqlite3_close(from);
    if (!ret)
        ret = driver_sqlite_migrate(db, e);
    if (!ret)
        ret = check_integrity(conn, "the restored database", e);
    if (!ret)
        read_info(conn, info);
    return ret;
}

/*
 * testdb: what the unit tests that use a database share — a file in a
 * temporary folder, SQL run on a connection of its own (as another process
 * would), removing the file and its WAL, and storing the shipped registry.
 * Header-only (each test is one program); include after cmocka.h.
 */
#ifndef GIAMSAT_TESTDB_H
#define GIAMSAT_TESTDB_H

#include "core/embedded.h"
#include "core/registry.h"
#include "store/store_registry.h"

#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

/** Run sql on a connection of its own to the database at path; fails the test on error. */
static inline void testdb_exec(const char *path, const char *sql)
{
    sqlite3 *conn = NULL;
    char *msg = NULL;
    assert_int_equal(sqlite3_open(path, &conn), SQLITE_OK);
    sqlite3_busy_timeout(conn, 5000);
    if (sqlite3_exec(conn, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
    sqlite3_close(conn);
}

/** Remove the database at path, its WAL and shared-memory files, and the folder dir. */
static inline void testdb_remove(const char *path, const char *dir)
{
    char side[256];
    unlink(path);
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
    rmdir(dir);
}

/**
 * Parse the shipped registry into *reg (REGISTRY_INIT) and store its
 * agencies in db when they are not there yet; returns how many were added.
 */
static inline size_t testdb_seed_registry(struct db *db, struct registry *reg)
{
    struct err e = ERR_INIT;
    const struct embedded_file *a = embedded_find("data/agencies.tsv");
    const struct embedded_file *g = embedded_find("data/groups.tsv");
    size_t n_added = 0;
    assert_non_null(a);
    assert_non_null(g);
    assert_int_equal(registry_parse_tsv(reg, a->data, g->data, &e), 0);
    assert_int_equal(registry_build_index(reg, &e), 0);
    assert_int_equal(store_seed_registry(db, reg, &n_added, &e), 0);
    return n_added;
}

/** The next connection opened gets SQLITE_TRACE_STMT calls of cb (sqlite3_auto_extension). */
typedef int testdb_trace_cb(unsigned type, void *ctx, void *p, void *x);
static testdb_trace_cb *testdb_trace;

static inline int testdb_trace_connection(sqlite3 *conn, const char **msg,
                                          const struct sqlite3_api_routines *api)
{
    (void)msg;
    (void)api;
    sqlite3_trace_v2(conn, SQLITE_TRACE_STMT, testdb_trace, NULL);
    return SQLITE_OK;
}

/** db_open(path) with cb tracing that one connection's statements. */
static inline int testdb_open_traced(const char *path, testdb_trace_cb *cb, struct db **db,
                                     struct err *e)
{
    testdb_trace = cb;
    assert_int_equal(sqlite3_auto_extension((void (*)(void))testdb_trace_connection), SQLITE_OK);
    int ret = db_open(path, db, e);
    sqlite3_reset_auto_extension();
    return ret;
}

#endif

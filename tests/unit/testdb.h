/*
 * testdb: what the unit tests that use a database share — a fresh database
 * (a file in a temporary folder, or with GIAMSAT_TEST_PG a PostgreSQL
 * database of its own), SQL run on a connection of its own (as another
 * process would), removing the database, and storing the shipped registry.
 * Header-only (each test is one program); include after cmocka.h.
 *
 * GIAMSAT_TEST_PG is the URI of a cluster's database (what scripts/pg_tmp.sh
 * start prints; `make pg-tests` runs the database unit tests so): each
 * testdb_make() then creates a database in that cluster, and testdb_remove()
 * drops it. What only SQLite has (statement tracing) is testdb_is_pg()'s
 * to skip.
 */
#ifndef GIAMSAT_TESTDB_H
#define GIAMSAT_TESTDB_H

#include "core/embedded.h"
#include "core/registry.h"
#include "store/db_internal.h"
#include "store/store_registry.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/** Whether the tests run on PostgreSQL (GIAMSAT_TEST_PG set). */
static inline bool testdb_is_pg(void)
{
    const char *pg = getenv("GIAMSAT_TEST_PG");
    return pg && *pg;
}

/* SQL on the cluster's own database (GIAMSAT_TEST_PG); fails the test on error. */
static inline void testdb_cluster_exec(const char *sql)
{
    PGconn *conn = PQconnectdb(getenv("GIAMSAT_TEST_PG"));
    if (PQstatus(conn) != CONNECTION_OK)
        fail_msg("GIAMSAT_TEST_PG: %s", PQerrorMessage(conn));
    PGresult *r = PQexec(conn, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        fail_msg("%s: %s", sql, PQerrorMessage(conn));
    PQclear(r);
    PQfinish(conn);
}

/* The path of a postgresql:// URI: its '/' after the host (the database name follows). */
static inline const char *testdb_uri_path(const char *uri)
{
    const char *p = strstr(uri, "://");
    p = p ? strchr(p + 3, '/') : NULL;
    if (!p)
        fail_msg("not a postgresql:// URI with a database: %s", uri);
    return p;
}

/* The database name of a testdb_make() target on PostgreSQL: its path, without '?...'. */
static inline void testdb_pg_name(const char *target, char *name, size_t size)
{
    const char *path = testdb_uri_path(target);
    size_t n = strcspn(path + 1, "?");
    snprintf(name, size, "%.*s", (int)n, path + 1);
}

/**
 * Make the target of a fresh database named name into out (size bytes): the
 * path dir/name.db, or on PostgreSQL the URI of a new database of the cluster
 * (the cluster's URI with its database replaced).
 */
static inline void testdb_make(char *out, size_t size, const char *dir, const char *name)
{
    if (!testdb_is_pg()) {
        snprintf(out, size, "%s/%s.db", dir, name);
        return;
    }
    const char *cluster = getenv("GIAMSAT_TEST_PG");
    const char *path = testdb_uri_path(cluster);
    char db[64], sql[128];
    snprintf(db, sizeof(db), "unit_%ld_%s", (long)getpid(), name);
    snprintf(sql, sizeof(sql), "CREATE DATABASE %s", db);
    testdb_cluster_exec(sql);
    const char *query = strchr(path, '?');
    snprintf(out, size, "%.*s/%s%s", (int)(path - cluster), cluster, db, query ? query : "");
}

/** Run sql on a connection of its own to the database at target; fails the test on error. */
static inline void testdb_exec(const char *target, const char *sql)
{
    struct db *conn = NULL;
    struct err e = ERR_INIT;
    if (db_open(target, &conn, &e) || db_exec(conn, sql, &e))
        fail_msg("%s: %s", sql, e.msg);
    db_close(conn);
}

/** The first column of the first row of sql (0 when none), read on a connection of its own. */
static inline long testdb_query_id(const char *target, const char *sql)
{
    struct db *conn = NULL;
    struct err e = ERR_INIT;
    long id = 0;
    if (db_open(target, &conn, &e) || db_query_id(conn, sql, NULL, &id, &e))
        fail_msg("%s: %s", sql, e.msg);
    db_close(conn);
    return id;
}

/**
 * Remove the database at target (with the WAL and shared-memory files of a
 * SQLite file) and the folder dir (none when NULL; kept while not empty).
 * Every connection to the database must be closed.
 */
static inline void testdb_remove(const char *target, const char *dir)
{
    if (testdb_is_pg()) {
        char name[64], sql[128];
        testdb_pg_name(target, name, sizeof(name));
        snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", name);
        testdb_cluster_exec(sql);
        if (dir)
            rmdir(dir);
        return;
    }
    char side[300];
    unlink(target);
    snprintf(side, sizeof(side), "%s-wal", target);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", target);
    unlink(side);
    if (dir)
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

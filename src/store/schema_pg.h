/*
 * schema_pg: giamsat's schema in PostgreSQL's dialect (issue #16), for the
 * PostgreSQL backend of the store. Plain data: no libpq here, so it builds on
 * every machine and tests/pg/dump_schema.c can print it.
 *
 * pg_migrations[] is PostgreSQL's counterpart of the SQLite migrations array
 * of db.c, numbered with SQLite's schema versions (PRAGMA user_version). The
 * first entry, version 19, creates in one go the whole schema SQLite has at
 * version 19: the same tables, columns (in the same order), constraints,
 * defaults, indexes and foreign keys, the append-only triggers, the data and
 * structure generation triggers and the rows migrations 1-19 insert.
 *
 * THE RULE: every new SQLite migration gets its PostgreSQL counterpart here,
 * with the same version number, in the same commit. tests/pg/schema-compare.sh
 * (`make pg-schema-test`) fails when the two schemas differ.
 *
 * Contract for the backend that applies them (PostgreSQL 15 or later):
 *  - versions are strictly increasing; a database at version v (its
 *    schema_version row; a database without that table is empty, version 0)
 *    gets every entry whose version is above v, each in one transaction, in
 *    order; a database above the last entry was written by a newer giamsat;
 *  - each entry's sql is one or more statements separated by ';' (send it
 *    with PQexec, which takes several; it has no parameters) and leaves
 *    schema_version at the entry's version: the first creates the table with
 *    its one row, every later one ends with UPDATE schema_version SET version;
 *  - the first entry refuses (SQLSTATE P0001) a database whose collation is
 *    not C or C.UTF-8 under libc: text must compare bytewise, as SQLite's
 *    BINARY does (scripts/pg_tmp.sh makes such a cluster);
 *  - the append-only triggers raise SQLSTATE 23000 (integrity constraint
 *    violation, SQLite's SQLITE_CONSTRAINT_TRIGGER) with SQLite's RAISE
 *    message as the primary message (PG_DIAG_MESSAGE_PRIMARY);
 *  - a transaction that changes rows of a generation-tracked table moves
 *    data_generation.n by one (and .structure where SQLite's trigger moves
 *    it), however many rows and statements (SQLite adds one per row: only
 *    equality and order of generations mean anything), and notifies the
 *    channel giamsat_generation with payload 'data' or 'structure' at
 *    commit; a listener reads data_generation for the values. The counter row is
 *    locked by every writing transaction until it ends, so writers queue as
 *    they do on SQLite; write in READ COMMITTED (under REPEATABLE READ or
 *    SERIALIZABLE a second writer fails with SQLSTATE 40001 and must retry).
 */
#ifndef GIAMSAT_STORE_SCHEMA_PG_H
#define GIAMSAT_STORE_SCHEMA_PG_H

#include <stddef.h>

/** One step of the PostgreSQL schema: the SQL taking a database to version. */
struct pg_migration {
    int version;     /* SQLite's schema version this step reaches */
    const char *sql; /* statements separated by ';', static */
};

/** The steps in order of version; pg_n_migrations entries. */
extern const struct pg_migration pg_migrations[];
extern const size_t pg_n_migrations;

#endif

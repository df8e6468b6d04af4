/*
 * schema_sqlite: giamsat's SQLite schema, as the migrations that build it.
 * sqlite_migrations[i] takes a database from schema version i to i + 1
 * (PRAGMA user_version); driver_sqlite.c applies the ones a file lacks,
 * each in its own transaction.
 *
 * Never edit a migration that has shipped: append a new one, and give it
 * its PostgreSQL counterpart (schema_pg.h) with the same version number.
 * Migrations 10 and 20 call giamsat_match_key() and giamsat_has_target(),
 * SQL functions the SQLite driver registers for them; the queries of the
 * store never do (a value core computes is stored when it is written).
 */
#ifndef GIAMSAT_SCHEMA_SQLITE_H
#define GIAMSAT_SCHEMA_SQLITE_H

extern const char *const sqlite_migrations[];
extern const int sqlite_n_migrations;

#endif

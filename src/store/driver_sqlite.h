/*
 * driver_sqlite: the SQLite driver (db_driver.h's db_driver_sqlite), and
 * the one thing it lends outside itself: the connection and its migrations, for
 * db_backup.c, whose online copies are SQLite's own.
 */
#ifndef GIAMSAT_DRIVER_SQLITE_H
#define GIAMSAT_DRIVER_SQLITE_H

#include "db_driver.h"

struct sqlite3;

/** db's SQLite connection, or NULL when db is not on SQLite. Borrowed. */
struct sqlite3 *driver_sqlite_conn(struct db *db);

/** Apply the migrations db lacks, each in its own transaction (opening does it first). */
int driver_sqlite_migrate(struct db *db, struct err *e);

#endif

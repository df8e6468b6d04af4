/*
 * dbpool: the server's database connections, kept open between requests.
 *
 * Opening a connection costs a file open, the WAL and foreign-key pragmas,
 * the schema check and, on the first query, parsing the schema: more than
 * most requests spend on their own queries. The pool hands each request an
 * idle connection (or opens one) and takes it back when the request ends,
 * so a connection is used by one request at a time and no two threads
 * ever share one.
 *
 * A connection comes back with no transaction open (db_pool_put() rolls
 * back whatever a failed handler left, and closes a connection that still
 * has a statement open rather than keep it: db_is_idle()), so each request
 * starts from the latest committed data, whoever wrote it: the server or
 * another process (WAL). Thread-safe (one mutex). At most max_idle
 * connections are kept; more are closed on return. A connection given back
 * lost (db_is_lost(): the database server restarted or failed over) is
 * closed with every idle one, so that only the request that met the loss
 * fails; the next ones open new connections.
 */
#ifndef GIAMSAT_DBPOOL_H
#define GIAMSAT_DBPOOL_H

#include "store/db.h"

#include <stddef.h>

struct db_pool;

/** A pool of connections to the database at path (copied). Free with db_pool_free(). */
struct db_pool *db_pool_new(const char *path, size_t max_idle);
/** Close every idle connection and free the pool; accepts NULL. Every connection must be back. */
void db_pool_free(struct db_pool *p);

/**
 * An idle connection, or a newly opened one. *out is owned by the caller
 * until db_pool_put(). Errors: db_open()'s (ERR_STORAGE).
 */
int db_pool_get(struct db_pool *p, struct db **out, struct err *e);
/** Give db back (rolling back any open transaction); accepts NULL. */
void db_pool_put(struct db_pool *p, struct db *db);

#endif

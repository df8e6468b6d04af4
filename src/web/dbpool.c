/* dbpool: reused database connections for the server's threads; see dbpool.h. */
#include "dbpool.h"

#include "util/xalloc.h"

#include <pthread.h>
#include <stdlib.h>

struct db_pool {
    pthread_mutex_t lock; /* guards idle and n_idle */
    char *path;
    struct db **idle; /* max_idle slots; idle[0..n_idle) are open and unused */
    size_t n_idle;
    size_t max_idle;
};

struct db_pool *db_pool_new(const char *path, size_t max_idle)
{
    struct db_pool *p = xcalloc(1, sizeof(*p));
    pthread_mutex_init(&p->lock, NULL);
    p->path = xstrdup(path);
    p->max_idle = max_idle;
    p->idle = xcalloc(max_idle + 1, sizeof(*p->idle));
    return p;
}

void db_pool_free(struct db_pool *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_idle; i++)
        db_close(p->idle[i]);
    pthread_mutex_destroy(&p->lock);
    free(p->idle);
    free(p->path);
    free(p);
}

/*
 * Close every idle connection: one was found lost (the database server restarted or
 * failed over), and those opened with it would each fail a request of their own.
 */
static void drop_idle(struct db_pool *p)
{
    pthread_mutex_lock(&p->lock);
    while (p->n_idle)
        db_close(p->idle[--p->n_idle]);
    pthread_mutex_unlock(&p->lock);
}

int db_pool_get(struct db_pool *p, struct db **out, struct err *e)
{
    struct db *db = NULL;
    pthread_mutex_lock(&p->lock);
    if (p->n_idle)
        db = p->idle[--p->n_idle];
    pthread_mutex_unlock(&p->lock);
    if (db) {
        *out = db;
        return 0;
    }
    if (db_open(p->path, out, e))
        return e->kind;
    if (db_tune_for_server(*out, e)) {
        db_close(*out);
        *out = NULL;
        return e->kind;
    }
    return 0;
}

void db_pool_put(struct db_pool *p, struct db *db)
{
    if (!db)
        return;
    if (db_is_lost(db)) {
        drop_idle(p);
        db_close(db);
        return;
    }
    db_rollback(db);
    pthread_mutex_lock(&p->lock);
    /* A leftover statement would pin an old snapshot of the data: never reuse that one. */
    if (p->n_idle < p->max_idle && db_is_idle(db)) {
        p->idle[p->n_idle++] = db;
        db = NULL;
    }
    pthread_mutex_unlock(&p->lock);
    db_close(db);
}

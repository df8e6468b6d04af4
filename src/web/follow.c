/* follow: the report cache kept warm after writes made elsewhere; see follow.h. */
#include "follow.h"

#include "app.h"
#include "report_cache.h"

#include "store/db.h"
#include "store/store_programme.h"
#include "util/xalloc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct follower {
    struct web_app *app;
    struct db *db; /* the follower's own connection: it waits on it */
    pthread_t th;
    atomic_bool stop;
};

/* Load the snapshot of the database's generation into the cache, if it is not there. */
static void warm(struct follower *f)
{
    struct err e = ERR_INIT;
    struct cached_snapshot *s = NULL;
    if (report_cache_snapshot(f->app->cache, f->db, &s, &e))
        fprintf(stderr, "giamsat: follow: %s\n", e.msg); /* requests load it themselves */
    report_cache_snapshot_put(f->app->cache, s);
}

/*
 * Open the follower's connection anew after it was lost (the database server restarted
 * or failed over); false, after a poll period's pause, while the server cannot be reached.
 */
static bool reopen(struct follower *f)
{
    struct err e = ERR_INIT;
    struct db *db = NULL;
    if (db_open(f->app->db_path, &db, &e)) {
        nanosleep(&(struct timespec){ FOLLOW_POLL_MS / 1000, FOLLOW_POLL_MS % 1000 * 1000000L },
                  NULL);
        return false;
    }
    db_close(f->db);
    f->db = db;
    fprintf(stderr, "giamsat: follow: connected to the database again\n");
    return true;
}

static void *follow_main(void *arg)
{
    struct follower *f = arg;
    long seen = -1;
    while (!atomic_load(&f->stop)) {
        if (db_is_lost(f->db) && !reopen(f))
            continue;
        db_wait_change(f->db, FOLLOW_POLL_MS);
        long g = -1;
        struct err e = ERR_INIT;
        if (atomic_load(&f->stop) || store_data_generation(f->db, &g, &e))
            continue;
        if (g != seen)
            warm(f);
        seen = g;
    }
    return NULL;
}

int follow_start(struct web_app *app, struct follower **out, struct err *e)
{
    struct follower *f = xcalloc(1, sizeof(*f));
    f->app = app;
    *out = NULL;
    if (db_open(app->db_path, &f->db, e)) {
        free(f);
        return e->kind;
    }
    if (pthread_create(&f->th, NULL, follow_main, f)) {
        db_close(f->db);
        free(f);
        return err_set(e, ERR_STORAGE, "cannot start the thread that follows the database");
    }
    *out = f;
    return 0;
}

void follow_stop(struct follower *f)
{
    if (!f)
        return;
    atomic_store(&f->stop, true);
    pthread_join(f->th, NULL);
    db_close(f->db);
    free(f);
}

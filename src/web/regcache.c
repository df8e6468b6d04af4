/* regcache: the shared, reloadable agency registry; see regcache.h. */
#include "regcache.h"

#include "store/store_registry.h"
#include "util/xalloc.h"

#include <pthread.h>
#include <stdlib.h>

struct regcache_ref {
    struct registry reg;
    long generation;
    long readers; /* references handed out, plus one while it is the current one */
};

struct regcache {
    pthread_mutex_t lock;
    struct regcache_ref *current;
};

static struct regcache_ref *ref_new(struct registry *reg, long gen)
{
    struct regcache_ref *r = xcalloc(1, sizeof(*r));
    r->reg = *reg;
    *reg = (struct registry)REGISTRY_INIT;
    r->generation = gen;
    r->readers = 1;
    return r;
}

/* Drop one reader; the caller holds the lock. */
static void unref(struct regcache_ref *r)
{
    if (--r->readers == 0) {
        registry_release(&r->reg);
        free(r);
    }
}

struct regcache *regcache_new(struct registry *initial, long gen)
{
    struct regcache *c = xcalloc(1, sizeof(*c));
    pthread_mutex_init(&c->lock, NULL);
    c->current = ref_new(initial, gen);
    return c;
}

void regcache_free(struct regcache *c)
{
    if (!c)
        return;
    unref(c->current);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

/* Take a reference to the current registry if it is at least generation gen. */
static struct regcache_ref *take_if_fresh(struct regcache *c, long gen)
{
    struct regcache_ref *r = NULL;
    pthread_mutex_lock(&c->lock);
    if (c->current->generation >= gen) {
        r = c->current;
        r->readers++;
    }
    pthread_mutex_unlock(&c->lock);
    return r;
}

struct regcache_ref *regcache_get(struct regcache *c, struct db *db, long gen, struct err *e)
{
    struct regcache_ref *r = take_if_fresh(c, gen);
    if (r)
        return r;
    /* Load outside the lock: readers of the old copy are not held up. */
    struct registry fresh = REGISTRY_INIT;
    if (store_load_registry(db, &fresh, e)) {
        registry_release(&fresh);
        return NULL;
    }
    struct regcache_ref *loaded = ref_new(&fresh, gen);
    pthread_mutex_lock(&c->lock);
    if (c->current->generation < gen) {
        unref(c->current);
        c->current = loaded;
        loaded = NULL;
    }
    r = c->current;
    r->readers++;
    if (loaded)
        unref(loaded);
    pthread_mutex_unlock(&c->lock);
    return r;
}

const struct registry *regcache_registry(const struct regcache_ref *ref)
{
    return &ref->reg;
}

void regcache_put(struct regcache *c, struct regcache_ref *ref)
{
    pthread_mutex_lock(&c->lock);
    unref(ref);
    pthread_mutex_unlock(&c->lock);
}

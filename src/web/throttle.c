/* throttle: bounded counting of failed sign-ins; see throttle.h. */
#include "throttle.h"

#include "util/xalloc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THROTTLE_SLOTS 1024
#define THROTTLE_KEY 128

struct slot {
    char key[THROTTLE_KEY]; /* "" = free */
    int failures;
    long since; /* first failure of the current window */
};

struct throttle {
    pthread_mutex_t lock;
    struct slot slots[THROTTLE_SLOTS];
};

struct throttle *throttle_new(void)
{
    struct throttle *t = xcalloc(1, sizeof(*t));
    pthread_mutex_init(&t->lock, NULL);
    return t;
}

void throttle_free(struct throttle *t)
{
    if (!t)
        return;
    pthread_mutex_destroy(&t->lock);
    free(t);
}

/* The slot of key, or NULL; caller holds the lock. */
static struct slot *find(struct throttle *t, const char *key)
{
    for (size_t i = 0; i < THROTTLE_SLOTS; i++)
        if (t->slots[i].key[0] && !strncmp(t->slots[i].key, key, THROTTLE_KEY - 1))
            return &t->slots[i];
    return NULL;
}

/* A slot for key: its own, a free one, or the oldest; caller holds the lock. */
static struct slot *claim(struct throttle *t, const char *key)
{
    struct slot *s = find(t, key), *oldest = &t->slots[0];
    for (size_t i = 0; !s && i < THROTTLE_SLOTS; i++) {
        if (!t->slots[i].key[0])
            s = &t->slots[i];
        else if (t->slots[i].since < oldest->since)
            oldest = &t->slots[i];
    }
    if (!s) {
        s = oldest;
        s->key[0] = '\0';
    }
    if (!s->key[0]) {
        snprintf(s->key, sizeof(s->key), "%s", key);
        s->failures = 0;
    }
    return s;
}

bool throttle_allow(struct throttle *t, const char *key, long now)
{
    pthread_mutex_lock(&t->lock);
    struct slot *s = find(t, key);
    bool ok = !s || s->failures < THROTTLE_MAX || now - s->since >= THROTTLE_WINDOW;
    pthread_mutex_unlock(&t->lock);
    return ok;
}

void throttle_fail(struct throttle *t, const char *key, long now)
{
    pthread_mutex_lock(&t->lock);
    struct slot *s = claim(t, key);
    if (s->failures == 0 || now - s->since >= THROTTLE_WINDOW) {
        s->failures = 0;
        s->since = now;
    }
    s->failures++;
    pthread_mutex_unlock(&t->lock);
}

void throttle_reset(struct throttle *t, const char *key)
{
    pthread_mutex_lock(&t->lock);
    struct slot *s = find(t, key);
    if (s)
        memset(s, 0, sizeof(*s));
    pthread_mutex_unlock(&t->lock);
}

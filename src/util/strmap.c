/* strmap: string -> count, open addressing; see strmap.h. */
#include "strmap.h"

#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* The slot holding key, or the empty slot where it belongs. */
static struct strmap_slot *find(const struct strmap *m, const char *key)
{
    size_t i = (size_t)hash(key) & (m->cap - 1);
    while (m->slots[i].key && strcmp(m->slots[i].key, key))
        i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}

static void grow(struct strmap *m)
{
    struct strmap old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->slots = xcalloc(m->cap, sizeof(*m->slots));
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].key)
            *find(m, old.slots[i].key) = old.slots[i];
    free(old.slots);
}

long strmap_add(struct strmap *m, const char *key, long delta)
{
    if (2 * (m->n + 1) > m->cap)
        grow(m);
    struct strmap_slot *s = find(m, key);
    if (!s->key) {
        s->key = xstrdup(key);
        m->n++;
    }
    s->value += delta;
    return s->value;
}

long strmap_get(const struct strmap *m, const char *key)
{
    if (!m->cap)
        return 0;
    const struct strmap_slot *s = find(m, key);
    return s->key ? s->value : 0;
}

void strmap_release(struct strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    *m = (struct strmap)STRMAP_INIT;
}

/* strvec: owned string arrays; see strvec.h. */
#include "strvec.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

void strvec_push(struct strvec *v, const char *s)
{
    strvec_push_take(v, xstrdup(s));
}

void strvec_push_take(struct strvec *v, char *s)
{
    ALLOC_GROW(v->items, v->n + 1, v->cap);
    v->items[v->n++] = s;
}

long strvec_find(const struct strvec *v, const char *s)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->items[i], s) == 0)
            return (long)i;
    return -1;
}

void strvec_release(struct strvec *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->items[i]);
    free(v->items);
    v->items = NULL;
    v->n = v->cap = 0;
}

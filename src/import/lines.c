/* lines: text split into lines and tab cells; see lines.h. */
#include "lines.h"

#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

void lines_split(struct lines *l, const char *text, size_t len)
{
    size_t cap = 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != '\n')
            continue;
        size_t end = i;
        if (end > start && text[end - 1] == '\r')
            end--;
        ALLOC_GROW(l->items, l->n + 1, cap);
        l->items[l->n++] = xstrndup(text + start, end - start);
        start = i + 1;
    }
}

void lines_release(struct lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

char **lines_cells(const char *line, size_t *n, char **storage)
{
    char *copy = xstrdup(line);
    size_t count = 1;
    for (const char *p = copy; *p; p++)
        count += *p == '\t';
    char **cells = xcalloc(count, sizeof(*cells));
    size_t k = 0;
    for (char *p = copy;; p++) {
        cells[k++] = p;
        p = strchr(p, '\t');
        if (!p)
            break;
        *p = '\0';
    }
    *n = k;
    *storage = copy;
    return cells;
}

long lines_find(const struct lines *l, size_t from, const char *key)
{
    for (size_t i = from; i < l->n; i++) {
        char *k = text_fold(l->items[i]);
        int same = strcmp(k, key) == 0;
        free(k);
        if (same)
            return (long)i;
    }
    return -1;
}

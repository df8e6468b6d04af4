/* header: columns recognised by their header text; see header.h. */
#include "header.h"

#include "util/text.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

char *header_key(const char *cell)
{
    char *key = text_fold(cell);
    char *w = key;
    for (const char *r = key; *r; r++)
        if (isalnum((unsigned char)*r))
            *w++ = *r;
    *w = '\0';
    return key;
}

static bool key_matches(const char *spec, const char *key)
{
    size_t len = strlen(spec);
    if (len && spec[len - 1] == '*')
        return strncmp(spec, key, len - 1) == 0;
    return strcmp(spec, key) == 0;
}

/*
 * Rules are tried in their order, each against the cells not yet taken,
 * so a specific rule ("ketquathuchien") wins over a general one
 * ("ketqua") wherever the columns stand.
 */
size_t header_map(const struct sheet_row *row, const struct header_spec *specs, size_t n_specs,
                  long *cols, size_t n_cols)
{
    size_t found = 0;
    char **keys = xcalloc(row->n + 1, sizeof(char *));
    bool *taken = xcalloc(row->n + 1, sizeof(bool));
    for (size_t c = 0; c < n_cols; c++)
        cols[c] = -1;
    for (size_t i = 0; i < row->n; i++)
        keys[i] = header_key(row->cells[i]);
    for (size_t h = 0; h < n_specs; h++) {
        int c = specs[h].col;
        for (size_t i = 0; i < row->n && cols[c] < 0; i++) {
            if (taken[i] || !key_matches(specs[h].key, keys[i]))
                continue;
            cols[c] = (long)i;
            taken[i] = true;
            found++;
        }
    }
    for (size_t i = 0; i < row->n; i++)
        free(keys[i]);
    free(keys);
    free(taken);
    return found;
}

char *header_cell(const struct sheet_row *row, const long *cols, int c)
{
    if (cols[c] < 0 || (size_t)cols[c] >= row->n)
        return NULL;
    char *clean = text_clean(row->cells[cols[c]], false);
    if (*clean)
        return clean;
    free(clean);
    return NULL;
}

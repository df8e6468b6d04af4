/* embedded: lookup in the compiled-in data files; see embedded.h. */
#include "embedded.h"

#include <string.h>

const struct embedded_file *embedded_find(const char *suffix)
{
    size_t n = strlen(suffix);
    for (const struct embedded_file *f = embedded_files; f->path; f++) {
        size_t len = strlen(f->path);
        if (len >= n && strcmp(f->path + len - n, suffix) == 0)
            return f;
    }
    return NULL;
}

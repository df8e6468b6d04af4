/*
 * embedded: data files compiled into the binary (the agency registry, the
 * group rules and the seed documents), so that giamsat never reads the
 * source tree or ../shared at run time.
 */
#ifndef GIAMSAT_EMBEDDED_H
#define GIAMSAT_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
    const char *path; /* as in the source tree: "data/agencies.tsv" */
    const char *data; /* NUL-terminated for convenience */
    size_t len;       /* bytes, without the terminating NUL */
};

/** Terminated by an entry whose path is NULL. */
extern const struct embedded_file embedded_files[];

/** The file whose path ends with `suffix`, or NULL. Borrowed, static. */
const struct embedded_file *embedded_find(const char *suffix);

#endif

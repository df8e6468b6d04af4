/*
 * lines: a text file as an array of lines, for the importers of the
 * real documents (seeds 001 and 002), which are plain UTF-8 text.
 *
 * lines_split() copies the text; line i (0-based) is file line i + 1.
 * Trailing "\r" is removed. lines_release() frees everything.
 */
#ifndef GIAMSAT_LINES_H
#define GIAMSAT_LINES_H

#include <stddef.h>

struct lines {
    char **items;
    size_t n;
};

#define LINES_INIT { NULL, 0 }

void lines_split(struct lines *l, const char *text, size_t len);
void lines_release(struct lines *l);

/** Split line at tabs: a newly allocated array of *n borrowed pointers into a copy
 *  kept in *storage (free both with free()). */
char **lines_cells(const char *line, size_t *n, char **storage);

/** First line index >= from whose fold key equals `key`, or -1. */
long lines_find(const struct lines *l, size_t from, const char *key);

#endif

/*
 * arena: a bump allocator for one unit of work (one HTTP request). Every
 * allocation lives until arena_free(), which also runs the destructors
 * registered with arena_defer() (for a statement, a temporary file, a
 * struct with its own free function), last registered first.
 *
 * Allocation failure aborts, as xmalloc does. Not thread-safe: one arena
 * belongs to one request, handled by one thread.
 */
#ifndef GIAMSAT_ARENA_H
#define GIAMSAT_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/** A new, empty arena; free with arena_free(). */
struct arena *arena_new(void);
/** Free every block and run the deferred destructors; accepts NULL. */
void arena_free(struct arena *a);

/** size bytes, zeroed, aligned for any type; valid until arena_free(). */
void *arena_alloc(struct arena *a, size_t size);
/** n * size bytes, zeroed; aborts on overflow. */
void *arena_calloc(struct arena *a, size_t n, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Run fn(p) when the arena is freed. */
void arena_defer(struct arena *a, void (*fn)(void *), void *p);

#endif

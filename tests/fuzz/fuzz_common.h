/*
 * fuzz_common: what the libFuzzer targets of tests/fuzz/ share.
 *
 * Every target is one LLVMFuzzerTestOneInput() over a library entry point
 * that reads untrusted text (a cell, a file, a request). The input is
 * copied into a malloc'd, NUL-terminated buffer of exactly its size so
 * that AddressSanitizer sees any read past its end, and everything the
 * call allocates is released before returning (libFuzzer's leak check
 * runs after each input).
 *
 * The only state kept between inputs is read-only and built once: the
 * shipped agency registry (data/agencies.tsv, data/groups.tsv, compiled in).
 */
#ifndef GIAMSAT_FUZZ_COMMON_H
#define GIAMSAT_FUZZ_COMMON_H

#include "core/embedded.h"
#include "core/registry.h"
#include "util/err.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* data[0..size) as a NUL-terminated string (it may hold other NULs: C code stops at the first). */
static inline char *fuzz_str(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/*
 * Split the input at the first '\n': *head becomes a copy of the bytes before it, and
 * the rest (after it) is returned through *tail / *tail_len, borrowed. Without a '\n'
 * the head is empty and the tail is the whole input.
 */
static inline char *fuzz_head(const uint8_t *data, size_t size, const uint8_t **tail,
                              size_t *tail_len)
{
    const uint8_t *nl = memchr(data, '\n', size);
    if (!nl) {
        *tail = data;
        *tail_len = size;
        return fuzz_str(data, 0);
    }
    *tail = nl + 1;
    *tail_len = size - (size_t)(nl + 1 - data);
    return fuzz_str(data, (size_t)(nl - data));
}

/* The shipped registry, built on first use and kept (read-only) until exit. */
static inline const struct registry *fuzz_registry(void)
{
    static struct registry reg = REGISTRY_INIT;
    static int built;
    if (built)
        return &reg;
    struct err e = ERR_INIT;
    const struct embedded_file *a = embedded_find("data/agencies.tsv");
    const struct embedded_file *g = embedded_find("data/groups.tsv");
    if (!a || !g || registry_parse_tsv(&reg, a->data, g->data, &e) ||
        registry_build_index(&reg, &e)) {
        fprintf(stderr, "fuzz: cannot build the registry: %s\n", e.msg);
        abort();
    }
    built = 1;
    return &reg;
}

#endif

/*
 * shipped_registry: the registry of data/agencies.tsv and data/groups.tsv,
 * as compiled into the binary, for unit tests that need real units: the
 * file-level `reg`, filled by the group setup shipped_setup() and freed by
 * shipped_teardown() (cmocka_run_group_tests(tests, shipped_setup,
 * shipped_teardown)), or any registry with shipped_registry().
 */
#ifndef GIAMSAT_TEST_SHIPPED_REGISTRY_H
#define GIAMSAT_TEST_SHIPPED_REGISTRY_H

#include "core/embedded.h"
#include "core/registry.h"

/* Fill *r (REGISTRY_INIT) with the shipped registry, indexed when asked; 0, or -1. */
static inline int shipped_registry(struct registry *r, bool index)
{
    struct err e = ERR_INIT;
    const struct embedded_file *a = embedded_find("data/agencies.tsv");
    const struct embedded_file *g = embedded_find("data/groups.tsv");
    if (!a || !g || registry_parse_tsv(r, a->data, g->data, &e))
        return -1;
    return index && registry_build_index(r, &e) ? -1 : 0;
}

static struct registry reg = REGISTRY_INIT;

static int shipped_setup(void **state)
{
    (void)state;
    return shipped_registry(&reg, true);
}

static int shipped_teardown(void **state)
{
    (void)state;
    registry_release(&reg);
    return 0;
}

#endif

/*
 * store_registry: the registry (core/registry.h) in the database: the
 * agencies and groups with their aliases and successor links, seeded from
 * the registry files and loaded back for resolving names.
 *
 * Contracts shared by every function here (and by the other store
 * modules):
 *  - return 0, or a negative err kind with the message in *e;
 *  - functions that write open and commit their own transaction, and roll
 *    it back on any failure, so the database is left exactly as it was;
 *  - returned structs are owned by the caller and freed with the matching
 *    *_release()/free function named in the comment.
 */
#ifndef GIAMSAT_STORE_REGISTRY_H
#define GIAMSAT_STORE_REGISTRY_H

#include "core/registry.h"
#include "db.h"

#include <stddef.h>

/**
 * Write the agencies and groups of r that the database lacks (matched by
 * canonical name), with their aliases and successor links. Existing rows
 * are left as they are: an administrator may have edited them.
 * *n_added receives the number of agencies and groups added.
 */
int store_seed_registry(struct db *db, const struct registry *r, size_t *n_added, struct err *e);

/** Load the registry from the database into *r (REGISTRY_INIT) and index it. */
int store_load_registry(struct db *db, struct registry *r, struct err *e);

#endif

/*
 * regcache: the agency registry the server's requests share, reloaded
 * from the database when the structure generation has moved (an alias or
 * a group rule edited on the admin page, or an import by the command line;
 * not a progress report, which never changes it: store_data_stamp()), so
 * every request resolves unit names with the registry as it is now.
 *
 * A request takes a counted reference; a reload replaces the shared copy
 * and the old one is freed when its last reader lets go. Thread-safe.
 */
#ifndef GIAMSAT_REGCACHE_H
#define GIAMSAT_REGCACHE_H

#include "core/registry.h"
#include "store/db.h"

struct regcache;
struct regcache_ref;

/** A cache holding *initial* (taken over; structure generation gen). Free with regcache_free(). */
struct regcache *regcache_new(struct registry *initial, long gen);
void regcache_free(struct regcache *c);

/**
 * The registry as of structure generation gen (read by the caller from db), loaded
 * from db when the shared one is older. Returns a reference to release
 * with regcache_put(), or NULL with *e set when loading fails.
 */
struct regcache_ref *regcache_get(struct regcache *c, struct db *db, long gen, struct err *e);
/** The registry of a reference (borrowed; valid until regcache_put()). */
const struct registry *regcache_registry(const struct regcache_ref *ref);
void regcache_put(struct regcache *c, struct regcache_ref *ref);

#endif

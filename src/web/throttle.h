/*
 * throttle: slows down password guessing. Failed sign-ins are counted per
 * key (the account name, and separately the client address); a key with
 * THROTTLE_MAX failures within THROTTLE_WINDOW seconds is refused until
 * the window has passed. Thread-safe (one mutex); a fixed table, the
 * oldest entry evicted when full, so memory stays bounded under attack.
 */
#ifndef GIAMSAT_THROTTLE_H
#define GIAMSAT_THROTTLE_H

#include <stdbool.h>

#define THROTTLE_MAX 5
#define THROTTLE_WINDOW (15 * 60)

struct throttle;

/** A new, empty throttle; free with throttle_free() (accepts NULL). */
struct throttle *throttle_new(void);
void throttle_free(struct throttle *t);
/** True when key may try to sign in at unix time now. */
bool throttle_allow(struct throttle *t, const char *key, long now);
/** Record a failed attempt for key at unix time now. */
void throttle_fail(struct throttle *t, const char *key, long now);
/** Forget key's failures (after a success). */
void throttle_reset(struct throttle *t, const char *key);

#endif

/*
 * follow: the server's report cache follows the writes made elsewhere,
 * so the first request after them does not pay for loading the programme.
 *
 * Several `giamsat serve` may share one PostgreSQL database (and the
 * command line writes beside any server). Every request already checks
 * the data generation before it uses the cache (report_cache.h), so no
 * answer is ever stale; what the follower adds is speed: a thread with a
 * connection of its own waits for a commit (PostgreSQL's notification on
 * giamsat_generation, or a poll every FOLLOW_POLL_MS on SQLite) and, when
 * the generation moved, loads the new snapshot into the cache at once.
 */
#ifndef GIAMSAT_FOLLOW_H
#define GIAMSAT_FOLLOW_H

#include "util/err.h"

#define FOLLOW_POLL_MS 1000 /* longest wait between two looks at the generation */

struct web_app;
struct follower;

/**
 * Start following app's database into app->cache (app outlives the
 * follower). Errors: ERR_STORAGE when its connection cannot be opened or
 * the thread cannot start; nothing is left running then.
 */
int follow_start(struct web_app *app, struct follower **out, struct err *e);
/** Stop the thread (within FOLLOW_POLL_MS) and free it; accepts NULL. */
void follow_stop(struct follower *f);

#endif

/*
 * store_auth: users, sessions, API tokens and the audit log (who, what,
 * before and after). Every change to a user or a token commits together
 * with its audit line; struct audit_entry is how every writing module is
 * told the line to append.
 *
 * Contracts shared by every function here (and by the other store
 * modules):
 *  - return 0, or a negative err kind with the message in *e;
 *  - functions that write open and commit their own transaction, and roll
 *    it back on any failure, so the database is left exactly as it was;
 *  - returned structs are owned by the caller and freed with the matching
 *    *_release()/free function named in the comment.
 */
#ifndef GIAMSAT_STORE_AUTH_H
#define GIAMSAT_STORE_AUTH_H

#include "db.h"

#include <stdbool.h>
#include <stddef.h>

/* One line of the audit log: who, what, before and after. */
struct audit_entry {
    const char *actor;  /* username, "token:NAME" or "cli" */
    long user_id;       /* 0 = none */
    long token_id;      /* 0 = none */
    const char *action; /* "progress.add", "user.create", "token.create", "import", "login" ... */
    const char *entity; /* "progress_report", "app_user", "api_token", "import_run" ... */
    long entity_id;
    const char *before; /* text (JSON) or NULL */
    const char *after;
    const char *client; /* address, or "" */
};

/* ---- audit ------------------------------------------------------------------- */

/**
 * Append to the audit log. Assumes the caller holds the write transaction
 * that made the change, so the change and its audit line commit together.
 */
int store_audit(struct db *db, const struct audit_entry *a, struct err *e);

/**
 * End the write transaction the caller began (db_begin()) whose work so far
 * returned ret: when ret is 0 and a is set, append a's audit line for
 * entity (id entity_id, 0 for none) with before and after (JSON, text or
 * NULL), then commit; on any failure roll back. Returns ret, or the
 * audit's or the commit's error.
 */
int store_audit_finish(struct db *db, int ret, const struct audit_entry *a, const char *entity,
                       long entity_id, const char *before, const char *after, struct err *e);

/** Append one audit line in a transaction of its own (for events that change nothing else). */
int store_audit_alone(struct db *db, const struct audit_entry *a, struct err *e);

/* One audit line as stored. */
struct audit_view {
    long id;
    char *at, *actor, *action, *entity, *before, *after, *client;
    char *role; /* the acting user's role ("admin", ...) as it is now; "" for none */
    long entity_id;
};

/**
 * The latest `limit` audit lines, newest first; only those of `action` when
 * it is not NULL. Free with audit_views_free().
 */
int store_audit_list(struct db *db, long limit, const char *action, struct audit_view **out,
                     size_t *n, struct err *e);
void audit_views_free(struct audit_view *v, size_t n);

/* ---- accounts, sessions, API tokens ---------------------------------------------- */

struct user_record {
    long id;
    char *username;
    char *display;
    char *password_hash;
    char *role;     /* "admin", "monitor", "unit", "viewer" */
    long agency_id; /* 0 = none */
    char *agency;   /* canonical name, or "" */
    bool active;
    char *csrf;     /* store_session_find() only */
};

void user_record_release(struct user_record *u);
void user_records_free(struct user_record *u, size_t n);

/**
 * Add a user (u->id is ignored) and its audit line in one transaction;
 * *id receives the new id. ERR_CONFLICT when the username is taken,
 * ERR_INVALID for an unknown role or a unit role without a unit.
 */
int store_user_add(struct db *db, const struct user_record *u, const struct audit_entry *a,
                   long *id, struct err *e);
/** Set a user's password hash and/or active flag (NULL / -1 = unchanged), audited. */
int store_user_update(struct db *db, long id, const char *password_hash, int active,
                      const struct audit_entry *a, struct err *e);
/** The user with this username (any case); ERR_NOT_FOUND. */
int store_user_find(struct db *db, const char *username, struct user_record *out, struct err *e);
/** All users by username. */
int store_users(struct db *db, struct user_record **out, size_t *n, struct err *e);

/** Record a session (digest of its token) for user_id at unix time now. */
int store_session_add(struct db *db, const char *digest, long user_id, const char *csrf,
                      long now, struct err *e);
/**
 * The active user of a live session: not idle more than idle_s, not older
 * than max_s; refreshes its last-seen time (at most once a minute).
 * ERR_NOT_FOUND when there is none. Expired sessions are swept by
 * store_session_add().
 */
int store_session_find(struct db *db, const char *digest, long now, long idle_s, long max_s,
                       struct user_record *out, struct err *e);
int store_session_drop(struct db *db, const char *digest, struct err *e);

struct token_record {
    long id;
    char *name;
    char *role;
    long agency_id;
    char *agency;
    char *created_at;
    bool revoked;
};

void token_record_release(struct token_record *t);
void token_records_free(struct token_record *t, size_t n);
/** Add a token (by the digest of its secret), audited; *id receives its id. */
int store_token_add(struct db *db, const char *digest, const char *name, const char *role,
                    long agency_id, const struct audit_entry *a, long *id, struct err *e);
/** The live (not revoked) token with this digest; ERR_NOT_FOUND. */
int store_token_find(struct db *db, const char *digest, struct token_record *out, struct err *e);
int store_tokens(struct db *db, struct token_record **out, size_t *n, struct err *e);
int store_token_revoke(struct db *db, long id, const struct audit_entry *a, struct err *e);

#endif

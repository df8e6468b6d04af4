/*
 * store_notify: the in-app inbox and the mail queue (issue #15, schema
 * 16), and users' e-mail addresses. core/notice.h builds what is stored.
 *
 * Recipients: a unit's notice goes to every active account of that unit
 * (role don_vi); an office notice to every active quan_tri and giam_sat
 * account. Each recipient gets one inbox row and, when the account has an
 * e-mail address, one queued mail, both keyed "u<user id>|<notice key>"
 * and inserted OR IGNORE: storing the same notice again adds nothing.
 *
 * The mail queue (docs/NOTIFY.md): a mail is claimed ('queued' ->
 * 'sending', attempts + 1) in a transaction of its own before it is
 * handed to the SMTP server, and marked 'sent' in another after the
 * server accepted it; a failure puts it back to 'queued' with next_at
 * moved by notice_backoff(), or 'failed' after NOTICE_MAX_ATTEMPTS. A
 * mail left 'sending' (a crash between the two) is never picked again by
 * itself: at most once; `giamsat mail retry ID` queues it again.
 *
 * Contracts as the other store modules: 0 or a negative err kind with the message in *e.
 */
#ifndef GIAMSAT_STORE_NOTIFY_H
#define GIAMSAT_STORE_NOTIFY_H

#include "core/notice.h"
#include "store_auth.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- writing notices ------------------------------------------------------------- */

/**
 * Store notice n for the accounts of unit agency_id (or, with agency_id
 * 0, for the office's accounts). Assumes the caller holds a write
 * transaction (the write that causes the notice). *added (may be NULL)
 * grows by the number of inbox rows that are new.
 */
int store_notify(struct db *db, long agency_id, const struct notice *n, size_t *added,
                 struct err *e);

/**
 * The notice of a step of request request_id (kind NOTICE_REQUEST for
 * its issue, NOTICE_ANSWERED, NOTICE_RETURNED) taken on `on`: read from
 * the stored request and its steps, for the unit asked (issue, return)
 * or the office (answer). text: the answer's explanation or the return's
 * comment (NULL for an issue). Assumes the caller holds the transaction
 * that wrote the step.
 */
int store_notify_request(struct db *db, long request_id, enum notice_kind kind, const char *text,
                         struct date on, struct err *e);

/**
 * A progress report of unit agency_id on task task_id was returned (the
 * approval feature calls this in its own transaction): a notice for the
 * unit, keyed by report_id, with the reviewer's comment.
 */
int store_notify_report_returned(struct db *db, long agency_id, long task_id, long report_id,
                                 const char *comment, struct date on, struct err *e);

/* A notice for a unit (agency_id) or, with agency_id 0, for the office. */
struct notify_target {
    long agency_id;
    struct notice notice;
};

/** store_notify() of t[0..n) in one transaction of its own; *added as store_notify(). */
int store_notify_batch(struct db *db, const struct notify_target *t, size_t n, size_t *added,
                       struct err *e);

/* ---- the inbox --------------------------------------------------------------------- */

struct inbox_item {
    long id;
    enum notice_kind kind;
    char *title, *body, *link;
    char *created_at; /* "YYYY-MM-DDTHH:MM:SSZ" */
    bool read;
};

/**
 * The newest `limit` notifications of user_id, newest first, into a newly
 * allocated *out; free with inbox_items_free(). *unread: how many of all
 * (not only the listed) are unread.
 */
int store_inbox_list(struct db *db, long user_id, size_t limit, struct inbox_item **out, size_t *n,
                     long *unread, struct err *e);
void inbox_items_free(struct inbox_item *v, size_t n);
/** How many notifications of user_id are unread. */
int store_inbox_unread(struct db *db, long user_id, long *unread, struct err *e);
/**
 * Mark notification id of user_id read (id 0: all of them); *changed
 * (may be NULL) receives how many were unread. ERR_NOT_FOUND when id is
 * not one of user_id's notifications.
 */
int store_inbox_mark_read(struct db *db, long user_id, long id, long *changed, struct err *e);

/* ---- e-mail addresses -------------------------------------------------------------- */

/**
 * Set (or, with email NULL or "", clear) the e-mail address of the
 * account `username`, audited ("user.email"). ERR_INVALID for an address
 * that is not one (notice_email_check()); ERR_NOT_FOUND for no account.
 */
int store_user_set_email(struct db *db, const char *username, const char *email,
                         const struct audit_entry *a, struct err *e);
/** The e-mail address of user_id, newly allocated ("" when none). */
int store_user_email(struct db *db, long user_id, char **email, struct err *e);

/* ---- the mail queue ---------------------------------------------------------------- */

struct mail_item {
    long id;
    char *recipient, *subject, *body;
    char *state; /* "queued", "sending", "sent", "failed" */
    int attempts;
    long next_at;     /* Unix seconds: not tried before then */
    char *last_error; /* "" when none */
    char *created_at, *sent_at;
};

/** Every mail, oldest first; free with mail_items_free(). */
int store_mail_list(struct db *db, struct mail_item **out, size_t *n, struct err *e);
void mail_items_free(struct mail_item *v, size_t n);
void mail_item_release(struct mail_item *m);
/**
 * Claim the oldest queued mail whose next_at <= now: 'sending', attempts
 * + 1, committed before this returns. *found false when none is due (out
 * untouched); else *out is filled (release with mail_item_release()).
 */
int store_mail_claim(struct db *db, long now, struct mail_item *out, bool *found, struct err *e);
/** A claimed mail was accepted by the server: 'sent'. */
int store_mail_sent(struct db *db, long id, struct err *e);
/**
 * A claimed mail's attempt failed (why: the reason): back to 'queued' for
 * now + notice_backoff(attempts), or 'failed' after NOTICE_MAX_ATTEMPTS.
 */
int store_mail_failed(struct db *db, long id, int attempts, long now, const char *why,
                      struct err *e);
/**
 * Queue mail id again ('sending' or 'failed' -> 'queued', due now), for an
 * operator who checked it was not delivered. ERR_NOT_FOUND; ERR_CONFLICT
 * for a mail queued already or sent.
 */
int store_mail_retry(struct db *db, long id, long now, struct err *e);

#endif

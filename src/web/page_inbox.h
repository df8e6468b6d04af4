/*
 * page_inbox: Thông báo (/inbox, issue #15) — the signed-in user's
 * notifications, newest first, read or not, each linking to its item;
 * marking one or all read (POST, CSRF); the user's own e-mail address
 * ("Tài khoản của tôi"), which notifications are mailed to; and
 * GET /api/v1/notifications, the same list as JSON (json_notify.h).
 * Handlers are declared in handlers.h.
 */
#ifndef GIAMSAT_PAGE_INBOX_H
#define GIAMSAT_PAGE_INBOX_H

#include "http.h"

/**
 * The header's link to the inbox with the unread count, for a signed-in
 * user whose request holds its database connection (rq->db, opened when
 * the session was checked); nothing otherwise, or when the count cannot
 * be read.
 */
void page_inbox_link(const struct req *rq, struct buf *b);

#endif

/*
 * json_notify: a user's notifications as JSON (GET /api/v1/notifications):
 *   {"unread": N,
 *    "items": [{"id", "kind": "request|answered|returned|deadline|warning|
 *               report_returned|digest", "kind_label", "title", "body",
 *               "link", "created_at", "read": true|false}, ...]}
 * newest first. Returns a newly allocated JSON text; free() it.
 */
#ifndef GIAMSAT_JSON_NOTIFY_H
#define GIAMSAT_JSON_NOTIFY_H

#include "store/store_notify.h"

char *json_notifications(const struct inbox_item *v, size_t n, long unread);

#endif

/* json_notify: notifications as JSON; see json_notify.h. */
#include "json_notify.h"

#include "json_internal.h"

char *json_notifications(const struct inbox_item *v, size_t n, long unread)
{
    json_t *root = json_object(), *items = json_array();
    json_object_set_new(root, "unread", json_integer(unread));
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(v[i].id));
        json_object_set_new(o, "kind", json_string(notice_kind_key(v[i].kind)));
        json_object_set_new(o, "kind_label", json_string(notice_kind_label(v[i].kind)));
        json_object_set_new(o, "title", json_string(v[i].title));
        json_object_set_new(o, "body", json_string(v[i].body));
        json_object_set_new(o, "link", json_string(v[i].link));
        json_object_set_new(o, "created_at", json_string(v[i].created_at));
        json_object_set_new(o, "read", json_boolean(v[i].read));
        json_array_append_new(items, o);
    }
    json_object_set_new(root, "items", items);
    return json_dump_take(root);
}

/* json_internal: shared jansson helpers; see json_internal.h. */
#include "json_internal.h"

#include "util/buf.h"
#include "util/xalloc.h"

#include <stdlib.h>

static int append(const char *text, size_t size, void *data)
{
    buf_add(data, text, size);
    return 0;
}

/* Through a callback into our buffer: a report of tens of MB is written once, not copied. */
static char *dump_take(json_t *root, size_t flags)
{
    struct buf out = BUF_INIT;
    if (!root || json_dump_callback(root, append, &out,
                                    flags | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))) {
        buf_release(&out);
        buf_adds(&out, "null");
    }
    json_decref(root);
    return buf_take(&out);
}

char *json_dump_take(json_t *root)
{
    return dump_take(root, JSON_INDENT(2));
}

char *json_dump_compact_take(json_t *root)
{
    return dump_take(root, JSON_COMPACT);
}

json_t *json_strings(const struct strvec *v)
{
    json_t *a = json_array();
    for (size_t i = 0; i < v->n; i++)
        json_array_append_new(a, json_string(v->items[i]));
    return a;
}

json_t *json_date(struct date d)
{
    char iso[DATE_ISO_LEN];
    date_iso(d, iso);
    return *iso ? json_string(iso) : json_null();
}

json_t *json_score(double v)
{
    return json_real((double)(long)(v * 1000 + 0.5) / 1000);
}

/* json_internal: shared jansson helpers; see json_internal.h. */
#include "json_internal.h"

#include "util/xalloc.h"

#include <stdlib.h>

static char *dump_take(json_t *root, size_t flags)
{
    char *s = json_dumps(root, flags | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(root);
    char *copy = xstrdup(s ? s : "null");
    free(s);
    return copy;
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

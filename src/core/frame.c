/* frame: the settings of a report's administrative frame; see frame.h. */
#include "frame.h"

#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const key_names[N_FRAME_KEYS] = { "issuer", "number", "place", "signer",
                                                     "recipients" };
static const char *const key_labels[N_FRAME_KEYS] = { "Cơ quan ban hành", "Số, ký hiệu", "Địa danh",
                                                      "Người ký", "Nơi nhận" };

const char *frame_key_name(enum frame_key k)
{
    ASSERT(k < N_FRAME_KEYS);
    return key_names[k];
}

const char *frame_key_label(enum frame_key k)
{
    ASSERT(k < N_FRAME_KEYS);
    return key_labels[k];
}

int frame_key_parse(const char *name)
{
    for (int k = 0; name && k < N_FRAME_KEYS; k++)
        if (!strcmp(name, key_names[k]))
            return k;
    return -1;
}

int frame_settings_set(struct frame_settings *s, enum frame_key k, const char *value, struct err *e)
{
    ASSERT(k < N_FRAME_KEYS);
    if (value && strlen(value) > FRAME_VALUE_MAX)
        return err_set(e, ERR_INVALID, "Trường “%s” dài quá %d ký tự", frame_key_label(k),
                       FRAME_VALUE_MAX);
    if (value && strpbrk(value, "\r\n"))
        return err_set(e, ERR_INVALID,
                       "Trường “%s” phải là một dòng (các phần cách nhau bằng “ / ” hoặc “;”)",
                       frame_key_label(k));
    free(s->v[k]);
    s->v[k] = value ? text_trim(value) : NULL;
    return 0;
}

void frame_settings_merge(struct frame_settings *s, const struct frame_settings *over)
{
    for (int k = 0; k < N_FRAME_KEYS; k++) {
        if (!over->v[k])
            continue;
        free(s->v[k]);
        s->v[k] = xstrdup(over->v[k]);
    }
}

void frame_split(enum frame_key k, const char *value, struct strvec *out)
{
    const char *sep = k == FRAME_RECIPIENTS                    ? ";"
                      : k == FRAME_ISSUER || k == FRAME_SIGNER ? " / "
                                                               : NULL;
    const char *p = value;
    while (p && *p) {
        const char *end = sep ? strstr(p, sep) : NULL;
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *part = xstrndup(p, len), *trimmed = text_trim(part);
        if (*trimmed)
            strvec_push_take(out, trimmed);
        else
            free(trimmed);
        free(part);
        p = end ? end + strlen(sep) : NULL;
    }
}

void frame_settings_release(struct frame_settings *s)
{
    for (int k = 0; k < N_FRAME_KEYS; k++)
        FREE_AND_NULL(s->v[k]);
}

/*
 * Fuzz target: the multipart/form-data parser (web/multipart.h), as the import upload
 * uses it. The first line of the input is the Content-Type header value, the rest the
 * body. A parse that succeeds is checked against the contract: at most
 * MULTIPART_MAX_PARTS parts, every name non-empty, every part's data inside the body;
 * multipart_text() then reads each part as a form field.
 */
#include "fuzz_common.h"

#include "util/text.h"
#include "web/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *rest;
    size_t rest_len;
    char *ct = fuzz_head(data, size, &rest, &rest_len);
    /* an exactly sized copy of the body, so ASan sees a read past its end */
    char *body = malloc(rest_len ? rest_len : 1);
    if (!body)
        abort();
    if (rest_len)
        memcpy(body, rest, rest_len);

    struct arena *a = arena_new();
    struct err e = ERR_INIT;
    const char *boundary;
    (void)multipart_boundary(a, ct, &boundary, &e);
    struct multipart_part *parts = NULL;
    size_t n = 0;
    err_clear(&e);
    if (multipart_parse(a, ct, body, rest_len, &parts, &n, &e) == 0) {
        if (n > MULTIPART_MAX_PARTS)
            abort();
        for (size_t i = 0; i < n; i++) {
            const struct multipart_part *p = &parts[i];
            if (!p->name || !*p->name || !p->content_type)
                abort();
            if (p->data < body || p->len > rest_len ||
                (size_t)(p->data - body) > rest_len - p->len)
                abort(); /* data borrowed from inside the body */
            if (multipart_find(parts, n, p->name) > p)
                abort(); /* the first part of that name */
            /* A field's text is whole and valid, or refused naming the field: never emptied. */
            const char *t = NULL;
            struct err te = ERR_INIT;
            if (multipart_text(a, parts, n, p->name, &t, &te) == 0) {
                if (!t || !text_is_utf8(t, strlen(t), NULL))
                    abort();
            } else if (t || !strstr(te.msg, p->name)) {
                abort();
            }
        }
    } else if (!e.msg[0]) {
        abort(); /* a refusal says why */
    }
    arena_free(a);
    free(body);
    free(ct);
    return 0;
}

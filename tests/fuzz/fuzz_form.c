/*
 * Fuzz target: the query string and the urlencoded form parser (web/http.h). The first
 * line of the input is the request target ("/tasks?page=2&q=..."), the second the
 * Cookie header, the rest the body of a POST form. Every decoded key and value must be
 * valid UTF-8 without NUL, and survive http_encode() then http_decode() unchanged; the
 * typed getters and req_cookie() read what was parsed.
 */
#include "fuzz_common.h"

#include "util/text.h"
#include "web/http.h"

static void check_pairs(struct arena *a, const struct kv *kv, size_t n)
{
    if (n > HTTP_MAX_PARAMS)
        abort();
    for (size_t i = 0; i < n; i++) {
        const char *s[2] = { kv[i].key, kv[i].value };
        for (int k = 0; k < 2; k++) {
            if (!s[k] || !text_is_utf8(s[k], strlen(s[k]), NULL))
                abort();
            struct buf b = BUF_INIT;
            http_encode(&b, s[k]);
            const char *back = http_decode(a, b.data ? b.data : "", b.len, false);
            if (!back || strcmp(back, s[k]))
                abort(); /* encode then decode is the identity */
            buf_release(&b);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *rest, *body;
    size_t rest_len, body_len;
    char *target = fuzz_head(data, size, &rest, &rest_len);
    char *cookie = fuzz_head(rest, rest_len, &body, &body_len);
    char *form = fuzz_str(body, body_len);

    struct arena *a = arena_new();
    struct req rq;
    req_init(&rq, a, "POST", target);
    rq.cookie = cookie;
    req_parse_form(&rq, form, body_len);
    if (!rq.path || !text_is_utf8(rq.path, strlen(rq.path), NULL))
        abort();
    check_pairs(a, rq.query, rq.n_query);
    check_pairs(a, rq.form, rq.n_form);

    for (size_t i = 0; i < rq.n_query; i++) {
        struct resp rs;
        resp_init(&rs);
        long v;
        struct date d;
        (void)req_long_or_400(&rq, &rs, rq.query[i].key, 0, 1000, 0, &v);
        (void)req_date_or_400(&rq, &rs, rq.query[i].key, DATE_NONE, &d);
        (void)req_query_nonblank(&rq, rq.query[i].key);
        resp_release(&rs);
    }
    for (size_t i = 0; i < rq.n_form; i++)
        (void)req_form(&rq, rq.form[i].key);
    (void)req_cookie(&rq, "gs_session");
    (void)req_cookie(&rq, "");
    (void)req_wants_json(&rq);

    arena_free(a);
    free(form);
    free(cookie);
    free(target);
    return 0;
}

/* multipart: multipart/form-data bodies; see multipart.h. */
#include "multipart.h"

#include "util/text.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* A read-only view of bytes: the cursor the functions below advance. */
struct span {
    const char *p;
    size_t len;
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

static void skip_spaces(struct span *s)
{
    while (s->len && is_space(*s->p)) {
        s->p++;
        s->len--;
    }
}

/* True (and s advanced past it) when s starts with lit, ignoring ASCII case. */
static bool eat_ci(struct span *s, const char *lit)
{
    size_t n = strlen(lit);
    if (s->len < n || strncasecmp(s->p, lit, n) != 0)
        return false;
    s->p += n;
    s->len -= n;
    return true;
}

static bool eat_ch(struct span *s, char c)
{
    if (!s->len || *s->p != c)
        return false;
    s->p++;
    s->len--;
    return true;
}

/* ---- header parameters: `; key=value` or `; key="quoted \" value"` ------------------- */

static bool is_token_char(char c)
{
    return c > 32 && c < 127 && !strchr("()<>@,;:\\\"/[]?={}", c);
}

/* A token or quoted string at s, unescaped into the arena; NULL when there is neither. */
static char *param_value(struct arena *a, struct span *s)
{
    if (!eat_ch(s, '"')) {
        size_t n = 0;
        while (n < s->len && is_token_char(s->p[n]))
            n++;
        char *v = n ? arena_strndup(a, s->p, n) : NULL;
        s->p += n;
        s->len -= n;
        return v;
    }
    char *out = arena_alloc(a, s->len + 1), *w = out;
    while (s->len && *s->p != '"') {
        if (*s->p == '\\' && s->len > 1) {
            s->p++;
            s->len--;
        }
        *w++ = *s->p++;
        s->len--;
    }
    *w = '\0';
    return eat_ch(s, '"') ? out : NULL;
}

/*
 * The value of parameter `key` in the parameter list at s (after the
 * media or disposition type), or NULL when absent or malformed.
 */
static const char *param_find(struct arena *a, struct span s, const char *key)
{
    for (;;) {
        skip_spaces(&s);
        if (!eat_ch(&s, ';'))
            return NULL;
        skip_spaces(&s);
        size_t n = 0;
        while (n < s.len && is_token_char(s.p[n]))
            n++;
        bool match = n == strlen(key) && strncasecmp(s.p, key, n) == 0;
        s.p += n;
        s.len -= n;
        skip_spaces(&s);
        if (!eat_ch(&s, '='))
            return NULL;
        skip_spaces(&s);
        char *v = param_value(a, &s);
        if (!v || match)
            return v;
    }
}

/* ---- boundary ----------------------------------------------------------------------- */

static bool is_bchar(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c && strchr("'()+_,-./:=? ", c));
}

int multipart_boundary(struct arena *a, const char *content_type, const char **out, struct err *e)
{
    struct span s = { content_type ? content_type : "", 0 };
    s.len = strlen(s.p);
    skip_spaces(&s);
    if (!eat_ci(&s, "multipart/form-data") || (s.len && *s.p != ';' && !is_space(*s.p)))
        return err_set(e, ERR_INVALID, "the request is not multipart/form-data");
    const char *b = param_find(a, s, "boundary");
    size_t n = b ? strlen(b) : 0;
    if (n == 0)
        return err_set(e, ERR_INVALID, "the multipart body has no boundary");
    if (n > MULTIPART_MAX_BOUNDARY || b[n - 1] == ' ')
        return err_set(e, ERR_INVALID, "the multipart boundary is not valid");
    for (size_t i = 0; i < n; i++)
        if (!is_bchar(b[i]))
            return err_set(e, ERR_INVALID, "the multipart boundary is not valid");
    *out = b;
    return 0;
}

/* ---- part headers ------------------------------------------------------------------- */

/* What the header block of one part says. */
struct part_head {
    const char *name, *filename, *content_type;
};

/* A name or filename as text: invalid UTF-8 never reaches a handler. */
static const char *utf8_or(const char *s, const char *fallback)
{
    return s && text_is_utf8(s, strlen(s), NULL) ? s : fallback;
}

static int disposition(struct arena *a, struct span v, struct part_head *h, struct err *e)
{
    skip_spaces(&v);
    if (!eat_ci(&v, "form-data"))
        return err_set(e, ERR_INVALID, "a multipart part is not form-data");
    h->name = utf8_or(param_find(a, v, "name"), NULL);
    const char *file = param_find(a, v, "filename");
    if (file)
        h->filename = utf8_or(file, "upload");
    if (!h->name || !*h->name)
        return err_set(e, ERR_INVALID, "a multipart part has no field name");
    return 0;
}

/* One "Name: value" line (without its CRLF). */
static int header_line(struct arena *a, struct span line, struct part_head *h, struct err *e)
{
    const char *colon = memchr(line.p, ':', line.len);
    if (!colon || colon == line.p)
        return err_set(e, ERR_INVALID, "a multipart header line is malformed");
    struct span name = { line.p, (size_t)(colon - line.p) };
    struct span value = { colon + 1, line.len - name.len - 1 };
    skip_spaces(&value);
    if (name.len == 19 && eat_ci(&name, "content-disposition"))
        return disposition(a, value, h, e);
    if (name.len == 12 && eat_ci(&name, "content-type")) {
        while (value.len && is_space(value.p[value.len - 1]))
            value.len--;
        h->content_type = utf8_or(arena_strndup(a, value.p, value.len), "");
    }
    return 0;
}

/* The header block at *s up to and including its blank line; s is left at the data. */
static int part_headers(struct arena *a, struct span *s, struct part_head *h, struct err *e)
{
    *h = (struct part_head){ NULL, NULL, "" };
    size_t used = 0;
    for (;;) {
        size_t limit = s->len < MULTIPART_MAX_HEADER - used ? s->len : MULTIPART_MAX_HEADER - used;
        const char *crlf = memmem(s->p, limit, "\r\n", 2);
        if (!crlf)
            return err_set(e, ERR_INVALID,
                           s->len > limit ? "the headers of a multipart part are too long"
                                          : "a multipart header line does not end with CRLF");
        struct span line = { s->p, (size_t)(crlf - s->p) };
        used += line.len + 2;
        s->p += line.len + 2;
        s->len -= line.len + 2;
        if (line.len == 0)
            break;
        if (memchr(line.p, '\n', line.len))
            return err_set(e, ERR_INVALID, "a multipart header line does not end with CRLF");
        if (header_line(a, line, h, e))
            return e->kind;
    }
    return h->name ? 0 : err_set(e, ERR_INVALID, "a multipart part has no Content-Disposition");
}

/* ---- framing ------------------------------------------------------------------------ */

/*
 * After a delimiter: "--" closes the body (*closed); otherwise optional
 * padding and CRLF open the next part.
 */
static int after_delimiter(struct span *s, bool *closed, struct err *e)
{
    *closed = s->len >= 2 && s->p[0] == '-' && s->p[1] == '-';
    if (*closed)
        return 0;
    skip_spaces(s);
    if (!eat_ch(s, '\r') || !eat_ch(s, '\n'))
        return err_set(e, ERR_INVALID, "a multipart delimiter line does not end with CRLF");
    return 0;
}

/* Position s just after the first delimiter ("--B" at the start, or after CRLF). */
static int first_delimiter(struct span *s, const char *delim, struct err *e)
{
    size_t n = strlen(delim);
    const char *at = NULL;
    if (s->len >= n - 2 && memcmp(s->p, delim + 2, n - 2) == 0) {
        at = s->p;
        n -= 2;
    } else {
        at = memmem(s->p, s->len, delim, n);
    }
    if (!at)
        return err_set(e, ERR_INVALID, "the multipart body has no opening boundary");
    s->len -= (size_t)(at - s->p) + n;
    s->p = at + n;
    return 0;
}

/* One part: headers, then data up to the next CRLF delimiter; s is left after it. */
static int one_part(struct arena *a, struct span *s, const char *delim, struct multipart_part *out,
                    struct err *e)
{
    struct part_head h;
    if (part_headers(a, s, &h, e))
        return e->kind;
    size_t n = strlen(delim);
    const char *end = memmem(s->p, s->len, delim, n);
    if (!end)
        return err_set(e, ERR_INVALID, "the multipart body is truncated (no closing boundary)");
    *out =
        (struct multipart_part){ h.name, h.filename, h.content_type, s->p, (size_t)(end - s->p) };
    s->len -= out->len + n;
    s->p = end + n;
    return 0;
}

int multipart_parse(struct arena *a, const char *content_type, const char *body, size_t len,
                    struct multipart_part **parts, size_t *n, struct err *e)
{
    const char *boundary;
    *parts = NULL;
    *n = 0;
    if (multipart_boundary(a, content_type, &boundary, e))
        return e->kind;
    const char *delim = arena_printf(a, "\r\n--%s", boundary);
    struct span s = { body, len };
    struct multipart_part *out = arena_calloc(a, MULTIPART_MAX_PARTS, sizeof(*out));
    size_t count = 0;
    bool closed = false;
    if (first_delimiter(&s, delim, e) || after_delimiter(&s, &closed, e))
        return e->kind;
    while (!closed) {
        if (count == MULTIPART_MAX_PARTS)
            return err_set(e, ERR_INVALID, "the multipart body has more than %d parts",
                           MULTIPART_MAX_PARTS);
        if (one_part(a, &s, delim, &out[count], e) || after_delimiter(&s, &closed, e))
            return e->kind;
        count++;
    }
    *parts = out;
    *n = count;
    return 0;
}

const struct multipart_part *multipart_find(const struct multipart_part *parts, size_t n,
                                            const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(parts[i].name, name))
            return &parts[i];
    return NULL;
}

int multipart_text(struct arena *a, const struct multipart_part *parts, size_t n,
                   const char *name, const char **out, struct err *e)
{
    const struct multipart_part *p = multipart_find(parts, n, name);
    *out = NULL;
    if (!p)
        return 0;
    /* Refused, never emptied: nothing typed into a form is silently lost. */
    if (memchr(p->data, '\0', p->len) || !text_is_utf8(p->data, p->len, NULL))
        return err_set(e, ERR_INVALID,
                       "trường '%s' có ký tự không hợp lệ (NUL hoặc không phải UTF-8); không có"
                       " gì được lưu",
                       name);
    *out = arena_strndup(a, p->data, p->len);
    return 0;
}

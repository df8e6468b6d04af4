/* http: requests and responses independent of the server library; see http.h. */
#include "http.h"

#include "util/strparse.h"
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *http_decode(struct arena *a, const char *s, size_t len, bool form)
{
    char *out = arena_alloc(a, len + 1), *w = out;
    for (size_t i = 0; i < len; i++) {
        int hi = i + 2 < len && s[i] == '%' ? hex(s[i + 1]) : -1;
        int lo = hi >= 0 ? hex(s[i + 2]) : -1;
        if (s[i] == '%' && hi >= 0 && lo >= 0) {
            *w++ = (char)(hi * 16 + lo);
            i += 2;
        } else {
            *w++ = form && s[i] == '+' ? ' ' : s[i];
        }
    }
    *w = '\0';
    size_t n = (size_t)(w - out);
    return memchr(out, '\0', n) || !text_is_utf8(out, n, NULL) ? NULL : out;
}

static bool is_unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~';
}

/* Encoded in chunks on the stack, one append each: pages encode many Vietnamese names. */
void http_encode(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    char out[256];
    size_t n = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (n > sizeof(out) - 3) {
            buf_add(b, out, n);
            n = 0;
        }
        if (is_unreserved(c)) {
            out[n++] = (char)c;
        } else {
            out[n++] = '%';
            out[n++] = hex[c >> 4];
            out[n++] = hex[c & 15];
        }
    }
    buf_add(b, out, n);
}

/*
 * Decode one field of a query or form into *out. Text holding a NUL or
 * not UTF-8 is never handed on (nor emptied): the request is marked bad,
 * naming the field, and app_handle() refuses it whole.
 */
static void decode_field(struct req *rq, const char *s, size_t len, const char *name,
                         const char **out)
{
    *out = http_decode(rq->arena, s, len, true);
    if (*out)
        return;
    *out = "";
    if (!rq->bad_field)
        rq->bad_field = name ? name : "(tên trường)";
}

/* Split "a=1&b=2" into kv (decoded); more than HTTP_MAX_PARAMS fields marks the request bad. */
static size_t parse_pairs(struct req *rq, const char *s, size_t len, struct kv *out)
{
    size_t n = 0;
    const char *end = s + len;
    while (s < end) {
        const char *amp = memchr(s, '&', (size_t)(end - s));
        const char *stop = amp ? amp : end;
        const char *eq = memchr(s, '=', (size_t)(stop - s));
        if (stop > s && n == HTTP_MAX_PARAMS) {
            rq->too_many_fields = true;
            break;
        }
        if (stop > s) {
            const char *kend = eq ? eq : stop;
            decode_field(rq, s, (size_t)(kend - s), NULL, &out[n].key);
            out[n].value = "";
            if (eq)
                decode_field(rq, eq + 1, (size_t)(stop - eq - 1), out[n].key, &out[n].value);
            n++;
        }
        s = stop + 1;
    }
    return n;
}

void req_init(struct req *rq, struct arena *a, const char *method, const char *target)
{
    *rq = (struct req){ .arena = a, .method = method, .body = "", .content_type = "",
                        .cookie = "", .authorization = "", .client = "" };
    const char *q = strchr(target, '?');
    size_t path_len = q ? (size_t)(q - target) : strlen(target);
    rq->path = http_decode(a, target, path_len, false);
    if (!rq->path) {
        rq->path = "";
        rq->bad_field = "(đường dẫn)";
    }
    if (q)
        rq->n_query = parse_pairs(rq, q + 1, strlen(q + 1), rq->query);
}

void req_parse_form(struct req *rq, const char *body, size_t len)
{
    rq->n_form = parse_pairs(rq, body, len, rq->form);
}

static const char *find(const struct kv *kv, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(kv[i].key, key))
            return kv[i].value;
    return NULL;
}

const char *req_query(const struct req *rq, const char *key)
{
    return find(rq->query, rq->n_query, key);
}

const char *req_form(const struct req *rq, const char *key)
{
    return find(rq->form, rq->n_form, key);
}

const char *req_query_nonblank(const struct req *rq, const char *key)
{
    const char *v = req_query(rq, key);
    return v && !text_is_blank(v) ? v : NULL;
}

const char *req_cookie(const struct req *rq, const char *name)
{
    size_t len = strlen(name);
    for (const char *p = rq->cookie; *p;) {
        while (*p == ' ' || *p == ';')
            p++;
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n > len && !strncmp(p, name, len) && p[len] == '=')
            return arena_strndup(rq->arena, p + len + 1, n - len - 1);
        p += n;
    }
    return NULL;
}

void resp_init(struct resp *rs)
{
    *rs = (struct resp){ .status = 200, .content_type = "text/html; charset=utf-8" };
    buf_init(&rs->body, HTTP_BODY_MAX);
}

void resp_release(struct resp *rs)
{
    buf_release(&rs->body);
}

void resp_shared(struct resp *rs, const char *data, size_t len)
{
    buf_reset(&rs->body);
    rs->shared = data;
    rs->shared_len = len;
}

void resp_header(struct resp *rs, const char *key, const char *value)
{
    ASSERT(rs->n_headers < HTTP_MAX_HEADERS);
    rs->headers[rs->n_headers++] = (struct kv){ key, value };
}

bool req_wants_json(const struct req *rq)
{
    return !strncmp(rq->path, "/api/", 5);
}

int http_status_of(enum err_kind kind)
{
    switch (kind) {
    case ERR_OK:
        return 200;
    case ERR_INVALID:
        return 400;
    case ERR_NOT_FOUND:
        return 404;
    case ERR_CONFLICT:
        return 409;
    case ERR_FORBIDDEN:
        return 403;
    case ERR_BUSY:
        return 503;
    case ERR_STORAGE:
    case ERR_INTERNAL:
        break;
    }
    return 500;
}

/* The body of an error: JSON for the API, a short page otherwise. */
static void error_body(const struct req *rq, struct resp *rs, const char *msg)
{
    buf_reset(&rs->body);
    if (req_wants_json(rq)) {
        rs->content_type = "application/json";
        buf_adds(&rs->body, "{\"error\":{\"status\":");
        buf_addf(&rs->body, "%d,\"message\":\"", rs->status);
        for (const char *p = msg; *p; p++) {
            unsigned char c = (unsigned char)*p;
            if (c == '"' || c == '\\')
                buf_addf(&rs->body, "\\%c", c);
            else if (c < 0x20)
                buf_addf(&rs->body, "\\u%04x", c);
            else
                buf_addch(&rs->body, (char)c);
        }
        buf_adds(&rs->body, "\"}}\n");
        return;
    }
    rs->content_type = HTTP_ERROR_TEXT_TYPE;
    buf_addf(&rs->body, "%d: %s\n", rs->status, msg);
    rs->error = rq->arena ? arena_strdup(rq->arena, msg) : NULL;
}

int resp_error(struct req *rq, struct resp *rs, int status, const char *fmt, ...)
{
    char msg[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    text_drop_partial(msg);
    rs->status = status;
    rs->shared = NULL;
    error_body(rq, rs, msg);
    return -1;
}

/*
 * What failed inside the server (the database, a library) is for its
 * operator: the detail goes to the log, escaped, and the client gets a
 * plain answer that names no file, table or query.
 */
int resp_err(struct req *rq, struct resp *rs, const struct err *e)
{
    int status = http_status_of(e->kind);
    if (status < 500)
        return resp_error(rq, rs, status, "%s", e->msg);
    struct buf line = BUF_INIT;
    text_escape_log(&line, e->msg);
    fprintf(stderr, "giamsat: %s %s: %s\n", rq->method, rq->path, line.data);
    buf_release(&line);
    if (status == 503) {
        resp_header(rs, "Retry-After", "30");
        return resp_error(rq, rs, 503, "hệ thống đang bận ghi dữ liệu khác; không có gì được"
                                       " ghi, vui lòng gửi lại sau ít phút");
    }
    return resp_error(rq, rs, status, "lỗi máy chủ; không có gì được ghi (chi tiết trong nhật"
                                      " ký máy chủ)");
}

int resp_redirect(struct resp *rs, const char *location)
{
    rs->status = 303;
    resp_header(rs, "Location", location);
    return 0;
}

/* The Vietnamese names of the query fields pages read, for their 400 answers. */
static const struct {
    const char *key, *label;
} field_labels[] = {
    { "page", "Trang" },
    { "as_of", "Số liệu tính đến ngày" },
    { "due_from", "Hạn từ ngày" },
    { "due_to", "Hạn đến ngày" },
    { "due_by", "Hạn đến ngày" },
    { "horizon", "Số ngày sắp đến hạn" },
    { "agency", "Đơn vị" },
    { "document", "Văn bản" },
    { "status", "Tình trạng" },
    { "kind", "Loại đơn vị" },
    { "sort", "Sắp xếp" },
    { "format", "Định dạng tệp" },
    { "field", "Lĩnh vực" },
    { "q", "Từ khóa" },
    { "action", "Thao tác" },
    { "result", "Kết quả thực hiện" },
    { "issues", "Vướng mắc, kiến nghị" },
    { "date", "Ngày báo cáo" },
    { "unit", "Đơn vị" },
    { "percent", "Tiến độ (%)" },
    { "alias", "Tên gọi khác" },
    { "rule", "Quy tắc" },
    { "username", "Tên đăng nhập" },
    { "display", "Họ và tên" },
    { "name", "Tên" },
};

const char *http_field_label(const char *key)
{
    for (size_t i = 0; i < sizeof(field_labels) / sizeof(*field_labels); i++)
        if (!strcmp(key, field_labels[i].key))
            return field_labels[i].label;
    return key;
}

int req_long_or_400(struct req *rq, struct resp *rs, const char *key, long min, long max,
                    long dflt, long *out)
{
    const char *v = req_query(rq, key);
    if (!v || !*v) {
        *out = dflt;
        return 0;
    }
    if (strparse_long(v, min, max, out) == 0)
        return 0;
    if (!req_wants_json(rq))
        return resp_error(rq, rs, 400, "Trường “%s” phải là một số từ %ld đến %ld.",
                          http_field_label(key), min, max);
    return resp_error(rq, rs, 400, "parameter '%s' must be a number from %ld to %ld", key, min,
                      max);
}

int req_date_or_400(struct req *rq, struct resp *rs, const char *key, struct date dflt,
                    struct date *out)
{
    const char *v = req_query(rq, key);
    if (!v || !*v) {
        *out = dflt;
        return 0;
    }
    if (date_parse_user(v, out) == 0)
        return 0;
    if (!req_wants_json(rq))
        return resp_error(rq, rs, 400, "Trường “%s” phải là một ngày dạng dd/mm/yyyy.",
                          http_field_label(key));
    return resp_error(rq, rs, 400, "parameter '%s' must be a date (yyyy-mm-dd or dd/mm/yyyy)",
                      key);
}

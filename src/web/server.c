/* server: the libmicrohttpd adapter; see server.h. */
#include "server.h"

#include "routes.h"
#include "util/xalloc.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct server {
    struct MHD_Daemon *daemon;
    struct web_app *app;
};

/* One connection's request, from its first callback to "completed". */
struct conn_ctx {
    struct arena *arena;
    struct buf body;
    size_t body_max;
    bool too_large;
    struct timespec started;
};

static const char *header(struct MHD_Connection *c, const char *name)
{
    const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
    return v ? v : "";
}

static const char *client_address(struct MHD_Connection *c, struct arena *a)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char text[INET6_ADDRSTRLEN] = "";
    if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, text,
                  sizeof(text));
    else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, text,
                  sizeof(text));
    return arena_strdup(a, text);
}

/* The full target (path + "?" + raw query) as MHD does not keep it. */
static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    (void)kind;
    struct buf *b = cls;
    buf_addch(b, b->len ? '&' : '?');
    http_encode(b, key);
    if (value) {
        buf_addch(b, '=');
        http_encode(b, value);
    }
    return MHD_YES;
}

static void build_req(struct MHD_Connection *c, struct conn_ctx *ctx, const char *url,
                      const char *method, struct req *rq)
{
    struct buf query = BUF_INIT;
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg, &query);
    char *target = arena_printf(ctx->arena, "%s%s", url, query.data);
    buf_release(&query);
    req_init(rq, ctx->arena, arena_strdup(ctx->arena, method), target);
    rq->content_type = arena_strdup(ctx->arena, header(c, "Content-Type"));
    rq->cookie = arena_strdup(ctx->arena, header(c, "Cookie"));
    rq->authorization = arena_strdup(ctx->arena, header(c, "Authorization"));
    rq->client = client_address(c, ctx->arena);
    rq->body = arena_strndup(ctx->arena, ctx->body.data, ctx->body.len);
    rq->body_len = ctx->body.len;
    if (!strncmp(rq->content_type, "application/x-www-form-urlencoded", 33))
        req_parse_form(rq, rq->body, rq->body_len);
}

static enum MHD_Result send_resp(struct MHD_Connection *c, struct resp *rs)
{
    size_t len = rs->body.len;
    /* A shared body outlives the response: the request's arena holds it until on_completed. */
    struct MHD_Response *r =
        rs->shared ? MHD_create_response_from_buffer(rs->shared_len, (void *)rs->shared,
                                                     MHD_RESPMEM_PERSISTENT)
                   : MHD_create_response_from_buffer(len, buf_take(&rs->body),
                                                     MHD_RESPMEM_MUST_FREE);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", rs->content_type);
    for (size_t i = 0; i < rs->n_headers; i++)
        MHD_add_response_header(r, rs->headers[i].key, rs->headers[i].value);
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)rs->status, r);
    MHD_destroy_response(r);
    return ret;
}

static long elapsed_ms(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

static enum MHD_Result respond(struct server *s, struct MHD_Connection *c,
                               struct conn_ctx *ctx, const char *url, const char *method)
{
    struct req rq;
    struct resp rs;
    build_req(c, ctx, url, method, &rq);
    resp_init(&rs);
    if (ctx->too_large)
        resp_error(&rq, &rs, 413, "the request is larger than %zu bytes", ctx->body_max);
    else
        app_handle(s->app, &rq, &rs);
    if (!buf_ok(&rs.body))
        resp_error(&rq, &rs, 500, "the response is too large");
    fprintf(stderr, "%s %s %d %ldms\n", method, rq.path, rs.status, elapsed_ms(&ctx->started));
    enum MHD_Result ret = send_resp(c, &rs);
    resp_release(&rs);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    struct conn_ctx *ctx = *con_cls;
    if (!ctx) {
        ctx = xcalloc(1, sizeof(*ctx));
        ctx->arena = arena_new();
        ctx->body_max = route_body_max(method, url);
        buf_init(&ctx->body, ctx->body_max);
        clock_gettime(CLOCK_MONOTONIC, &ctx->started);
        *con_cls = ctx;
        return MHD_YES;
    }
    if (*upload_size) {
        if (ctx->body.len + *upload_size > ctx->body_max)
            ctx->too_large = true;
        else
            buf_add(&ctx->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    return respond(cls, c, ctx, url, method);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
    (void)cls, (void)c, (void)why;
    struct conn_ctx *ctx = *con_cls;
    if (!ctx)
        return;
    buf_release(&ctx->body);
    arena_free(ctx->arena);
    free(ctx);
    *con_cls = NULL;
}

int server_start(struct web_app *app, const struct server_options *opt, struct server **out,
                 struct err *e)
{
    struct sockaddr_in addr = { .sin_family = AF_INET };
    const char *listen = opt->listen ? opt->listen : "127.0.0.1";
    int port = opt->port ? opt->port : 8080;
    if (inet_pton(AF_INET, listen, &addr.sin_addr) != 1)
        return err_set(e, ERR_INVALID, "'%s' is not an IPv4 address to listen on", listen);
    if (port < 1 || port > 65535)
        return err_set(e, ERR_INVALID, "port %d is out of range (1-65535)", port);
    addr.sin_port = htons((uint16_t)port);
    struct server *s = xcalloc(1, sizeof(*s));
    s->app = app;
    s->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL,
        on_request, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(opt->threads > 0 ? opt->threads : SERVER_THREADS),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)30, MHD_OPTION_CONNECTION_LIMIT, (unsigned)256, MHD_OPTION_END);
    if (!s->daemon) {
        free(s);
        return err_set(e, ERR_STORAGE, "cannot listen on %s:%d (is the port in use?)", listen,
                       port);
    }
    *out = s;
    return 0;
}

void server_stop(struct server *s)
{
    if (!s)
        return;
    MHD_stop_daemon(s->daemon);
    free(s);
}

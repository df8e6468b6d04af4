/* server: the libmicrohttpd adapter; see server.h. */
#include "server.h"

#include "page_status.h"
#include "routes.h"
#include "util/xalloc.h"

#include "util/text.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

struct server {
    struct MHD_Daemon *daemon;
    struct web_app *app;
    struct server_options opt;
    struct in_addr trusted_proxy; /* s_addr 0 when none */
    pthread_mutex_t lock;         /* guards in_flight */
    pthread_cond_t idle;          /* signalled when in_flight drops to 0 */
    int in_flight;                /* requests begun and not yet answered in full */
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

static const struct sockaddr *peer(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return ci ? ci->client_addr : NULL;
}

static const char *peer_address(const struct sockaddr *sa, struct arena *a)
{
    char text[INET6_ADDRSTRLEN] = "";
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, text, sizeof(text));
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, text, sizeof(text));
    return arena_strdup(a, text);
}

/*
 * The last address of X-Forwarded-For (the one the trusted proxy itself
 * saw; earlier ones are the client's to forge), or NULL when it is not a
 * plain address.
 */
static const char *forwarded_for(struct MHD_Connection *c, struct arena *a)
{
    const char *xff = header(c, "X-Forwarded-For");
    const char *last = strrchr(xff, ',');
    char *addr = text_trim(last ? last + 1 : xff);
    unsigned char bin[sizeof(struct in6_addr)];
    const char *out = NULL;
    if (inet_pton(AF_INET, addr, bin) == 1 || inet_pton(AF_INET6, addr, bin) == 1)
        out = arena_strdup(a, addr);
    free(addr);
    return out;
}

/*
 * Who is asking, and over what: behind the configured reverse proxy the
 * client is the one it forwards for and HTTPS is what it says; from any
 * other address such headers are the client's own words and are ignored.
 */
static void client_of(struct server *s, struct MHD_Connection *c, struct req *rq,
                      struct arena *a)
{
    const struct sockaddr *sa = peer(c);
    rq->client = peer_address(sa, a);
    /* A proxy is configured by its IPv4 address. */
    if (!s->trusted_proxy.s_addr || !sa || sa->sa_family != AF_INET ||
        ((const struct sockaddr_in *)sa)->sin_addr.s_addr != s->trusted_proxy.s_addr)
        return;
    const char *fwd = forwarded_for(c, a);
    if (fwd)
        rq->client = fwd;
    rq->https = strcasecmp(header(c, "X-Forwarded-Proto"), "https") == 0;
}

/*
 * MHD's unescaping is turned off (keep_raw below), so url and arguments
 * arrive as sent and http.c alone decodes them: a decoded NUL or invalid
 * UTF-8 is then refused instead of silently cutting the text short.
 */
static size_t keep_raw(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls, (void)c;
    return strlen(s);
}

/* The full target (path + "?" + raw query) as MHD does not keep it. */
static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    (void)kind;
    struct buf *b = cls;
    buf_addch(b, b->len ? '&' : '?');
    buf_adds(b, key);
    if (value) {
        buf_addch(b, '=');
        buf_adds(b, value);
    }
    return MHD_YES;
}

static void build_req(struct server *s, struct MHD_Connection *c, struct conn_ctx *ctx,
                      const char *url, const char *method, struct req *rq)
{
    struct buf query = BUF_INIT;
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg, &query);
    char *target = arena_printf(ctx->arena, "%s%s", url, query.data);
    buf_release(&query);
    req_init(rq, ctx->arena, arena_strdup(ctx->arena, method), target);
    rq->content_type = arena_strdup(ctx->arena, header(c, "Content-Type"));
    rq->cookie = arena_strdup(ctx->arena, header(c, "Cookie"));
    rq->authorization = arena_strdup(ctx->arena, header(c, "Authorization"));
    client_of(s, c, rq, ctx->arena);
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

/* One log line per request; every field escaped, so no request can write a line of its own. */
static void log_request(const char *method, const char *raw_url, const struct req *rq,
                        int status, long ms)
{
    struct buf line = BUF_INIT;
    text_escape_log(&line, method);
    buf_addch(&line, ' ');
    text_escape_log(&line, rq->bad_field ? raw_url : rq->path);
    buf_addf(&line, " %d %ldms", status, ms);
    if (rq->client && *rq->client) {
        buf_addch(&line, ' ');
        text_escape_log(&line, rq->client);
    }
    fprintf(stderr, "%s\n", line.data);
    buf_release(&line);
}

static enum MHD_Result respond(struct server *s, struct MHD_Connection *c,
                               struct conn_ctx *ctx, const char *url, const char *method)
{
    struct req rq;
    struct resp rs;
    build_req(s, c, ctx, url, method, &rq);
    resp_init(&rs);
    if (ctx->too_large)
        resp_error(&rq, &rs, 413, req_wants_json(&rq) ? "the request is larger than %zu bytes"
                                                      : "Yêu cầu lớn hơn %zu byte; không có gì"
                                                        " được lưu.",
                   ctx->body_max);
    else
        app_handle(s->app, &rq, &rs);
    if (!buf_ok(&rs.body))
        resp_error(&rq, &rs, 500, "the response is too large");
    page_status_finish(&rq, &rs); /* what was refused here, before or after app_handle() */
    log_request(method, url, &rq, rs.status, elapsed_ms(&ctx->started));
    enum MHD_Result ret = send_resp(c, &rs);
    resp_release(&rs);
    return ret;
}

static void in_flight_add(struct server *s, int delta)
{
    pthread_mutex_lock(&s->lock);
    s->in_flight += delta;
    if (s->in_flight == 0)
        pthread_cond_broadcast(&s->idle);
    pthread_mutex_unlock(&s->lock);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    struct server *s = cls;
    struct conn_ctx *ctx = *con_cls;
    if (!ctx) {
        ctx = xcalloc(1, sizeof(*ctx));
        ctx->arena = arena_new();
        ctx->body_max = route_body_max(method, url);
        buf_init(&ctx->body, ctx->body_max);
        clock_gettime(CLOCK_MONOTONIC, &ctx->started);
        *con_cls = ctx;
        in_flight_add(s, 1);
        return MHD_YES;
    }
    if (*upload_size) {
        /* A body trickled in slower than the request deadline: drop the connection. */
        if (elapsed_ms(&ctx->started) > 1000L * s->opt.request_timeout_s)
            return MHD_NO;
        if (ctx->body.len + *upload_size > ctx->body_max)
            ctx->too_large = true;
        else
            buf_add(&ctx->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    return respond(s, c, ctx, url, method);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
    (void)c, (void)why;
    struct conn_ctx *ctx = *con_cls;
    if (!ctx)
        return;
    buf_release(&ctx->body);
    arena_free(ctx->arena);
    free(ctx);
    *con_cls = NULL;
    in_flight_add(cls, -1);
}

void server_options_default(struct server_options *o)
{
    *o = (struct server_options){ "127.0.0.1",
                                  8080,
                                  SERVER_THREADS,
                                  SERVER_PER_ADDRESS,
                                  SERVER_IDLE_TIMEOUT,
                                  SERVER_REQUEST_TIMEOUT,
                                  SERVER_DRAIN_TIMEOUT,
                                  NULL };
}

static int check_options(struct server *s, const struct server_options *opt,
                         struct sockaddr_in *addr, struct err *e)
{
    if (inet_pton(AF_INET, opt->listen, &addr->sin_addr) != 1)
        return err_set(e, ERR_INVALID, "'%s' is not an IPv4 address to listen on", opt->listen);
    if (opt->port < 1 || opt->port > 65535)
        return err_set(e, ERR_INVALID, "port %d is out of range (1-65535)", opt->port);
    if (opt->trusted_proxy && inet_pton(AF_INET, opt->trusted_proxy, &s->trusted_proxy) != 1)
        return err_set(e, ERR_INVALID, "--trusted-proxy '%s' is not an IPv4 address",
                       opt->trusted_proxy);
    addr->sin_port = htons((uint16_t)opt->port);
    return 0;
}

int server_start(struct web_app *app, const struct server_options *opt, struct server **out,
                 struct err *e)
{
    struct sockaddr_in addr = { .sin_family = AF_INET };
    struct server *s = xcalloc(1, sizeof(*s));
    s->app = app;
    s->opt = *opt;
    if (check_options(s, opt, &addr, e)) {
        free(s);
        return e->kind;
    }
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->idle, NULL);
    /* MHD_USE_ITC: server_stop() quiesces the daemon (stops listening) before it drains. */
    s->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, (uint16_t)opt->port,
        NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)opt->threads, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, s, MHD_OPTION_UNESCAPE_CALLBACK, keep_raw, NULL,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)opt->idle_timeout_s,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVER_CONNECTIONS,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)opt->per_address, MHD_OPTION_END);
    if (!s->daemon) {
        pthread_cond_destroy(&s->idle);
        pthread_mutex_destroy(&s->lock);
        free(s);
        return err_set(e, ERR_STORAGE, "cannot listen on %s:%d (is the port in use?)",
                       opt->listen, opt->port);
    }
    *out = s;
    return 0;
}

/* Wait until no request is in flight, or drain_s seconds have passed. */
static void drain(struct server *s)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += s->opt.drain_timeout_s;
    pthread_mutex_lock(&s->lock);
    while (s->in_flight > 0)
        if (pthread_cond_timedwait(&s->idle, &s->lock, &until))
            break;
    int left = s->in_flight;
    pthread_mutex_unlock(&s->lock);
    if (left)
        fprintf(stderr, "giamsat: %d request(s) still in flight after %ds; stopping anyway\n",
                left, s->opt.drain_timeout_s);
}

void server_stop(struct server *s)
{
    if (!s)
        return;
    MHD_socket listen_fd = MHD_quiesce_daemon(s->daemon);
    if (listen_fd != MHD_INVALID_SOCKET)
        close(listen_fd);
    drain(s);
    MHD_stop_daemon(s->daemon);
    pthread_cond_destroy(&s->idle);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

/*
 * server: the HTTP server, by GNU libmicrohttpd with its thread pool (the
 * only module that includes microhttpd.h). It turns each request into a
 * struct req, lets app_handle() answer it, sends the struct resp, and
 * logs one line per request (method, path, status, milliseconds) to
 * stderr.
 *
 * Request bodies are capped per route (routes.h); a larger body is
 * answered 413 without being read into memory. Connections are limited in
 * all and per client address, and timed out when silent or slow.
 *
 * Behind a reverse proxy (server_options.trusted_proxy), requests from
 * that address take the client from X-Forwarded-For and HTTPS from
 * X-Forwarded-Proto (so the session cookie is Secure); from any other
 * address those headers are ignored.
 */
#ifndef GIAMSAT_SERVER_H
#define GIAMSAT_SERVER_H

#include "app.h"

/*
 * Thread pool size: measured with wrk on 2 cores (docs/PERFORMANCE.md), 8
 * threads serve the cached API report at the lowest p99; 4 and 16 queue more.
 */
#define SERVER_THREADS 8

#define SERVER_STR_(x) #x
#define SERVER_STR(x) SERVER_STR_(x) /* a limit as text, for help */

/* Limits, shown by `giamsat serve --help` (cli/commands.c) and docs/SECURITY.md. */
#define SERVER_CONNECTIONS 512    /* open connections in all */
#define SERVER_PER_ADDRESS 32     /* open connections from one client address */
#define SERVER_IDLE_TIMEOUT 30    /* seconds a connection may send nothing */
#define SERVER_REQUEST_TIMEOUT 60 /* seconds to receive a request's body */
#define SERVER_DRAIN_TIMEOUT 30   /* seconds server_stop() waits for requests in flight */

struct server_options {
    const char *listen;        /* IPv4 address, default "127.0.0.1" */
    int port;                  /* default 8080 */
    int threads;               /* thread pool size, default SERVER_THREADS */
    int per_address;           /* connections per client address */
    int idle_timeout_s;        /* a silent connection is closed after this */
    int request_timeout_s;     /* a body still arriving after this is dropped */
    int drain_timeout_s;       /* server_stop() waits this long at most */
    const char *trusted_proxy; /* IPv4 address of the reverse proxy, or NULL */
};

/** The defaults above, into o. */
void server_options_default(struct server_options *o);

struct server;

/** Start serving app (borrowed; must outlive the server). ERR_INVALID/ERR_STORAGE on failure. */
int server_start(struct web_app *app, const struct server_options *opt, struct server **out,
                 struct err *e);
/**
 * Stop accepting, let the requests in flight finish (so no write is
 * lost), and free the server. Accepts NULL.
 */
void server_stop(struct server *s);

#endif

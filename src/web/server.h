/*
 * server: the HTTP server, by GNU libmicrohttpd with its thread pool (the
 * only module that includes microhttpd.h). It turns each request into a
 * struct req, lets app_handle() answer it, sends the struct resp, and
 * logs one line per request (method, path, status, milliseconds) to
 * stderr.
 *
 * Request bodies are capped per route (routes.h); a larger body is
 * answered 413 without being read into memory.
 */
#ifndef GIAMSAT_SERVER_H
#define GIAMSAT_SERVER_H

#include "app.h"

/*
 * Thread pool size: measured with wrk on 2 cores (docs/PERFORMANCE.md), 8
 * threads serve the cached API report at the lowest p99; 4 and 16 queue more.
 */
#define SERVER_THREADS 8

struct server_options {
    const char *listen; /* IPv4 address, default "127.0.0.1" */
    int port;           /* default 8080 */
    int threads;        /* thread pool size, default SERVER_THREADS */
};

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

/*
 * mhd-ceiling: the bare libmicrohttpd ceiling for `make bench-scale`.
 *
 *   mhd-ceiling PORT BYTES [THREADS]
 *
 * Serves BYTES bytes of 'x' with 200 OK and text/html to every request on
 * 127.0.0.1:PORT, from a thread pool of THREADS (default 8, giamsat serve's
 * default), until SIGTERM or SIGINT. No database, no routing, no rendering:
 * what wrk measures against it is what the machine, loopback and
 * libmicrohttpd allow for a response of that size, so a giamsat route's
 * throughput can be read as a ratio of it measured in the same run.
 * Exits 0 on a signal, 1 when the daemon cannot start, 2 on bad usage.
 *
 * Benchmark-only code: it is not linked into giamsat.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *data,
                              size_t *size, void **state)
{
    (void)url, (void)method, (void)version, (void)data, (void)size, (void)state;
    struct MHD_Response *r = cls;
    return MHD_queue_response(conn, MHD_HTTP_OK, r);
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: mhd-ceiling PORT BYTES [THREADS]\n");
        return 2;
    }
    int port = atoi(argv[1]);
    long bytes = atol(argv[2]);
    int threads = argc == 4 ? atoi(argv[3]) : 8;
    if (port <= 0 || port > 65535 || bytes < 0 || bytes > (64L << 20) || threads <= 0) {
        fprintf(stderr, "mhd-ceiling: bad PORT, BYTES or THREADS\n");
        return 2;
    }
    char *body = malloc((size_t)bytes + 1);
    if (!body)
        return 1;
    memset(body, 'x', (size_t)bytes);
    struct MHD_Response *r =
        MHD_create_response_from_buffer((size_t)bytes, body, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    /* The flags and pool giamsat serve uses (src/web/server.c), on loopback only. */
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL, answer,
        r, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)threads, MHD_OPTION_CONNECTION_LIMIT, 1024u, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "mhd-ceiling: cannot listen on port %d\n", port);
        return 1;
    }
    while (!stop)
        pause();
    MHD_stop_daemon(d);
    MHD_destroy_response(r);
    free(body);
    return 0;
}

/*
 * cmd_serve: `giamsat serve` (the web application) and `giamsat user`
 * (accounts, for the first administrator and for scripts).
 */
#include "cli.h"

#include "store/store_auth.h"
#include "store/store_notify.h"
#include "util/crypto.h"
#include "util/strparse.h"
#include "util/xalloc.h"
#include "web/follow.h"
#include "web/server.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Block the stop signals in every thread, so only sigwait() below sees them. */
static void block_stop_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, set, NULL);
}

/* One numeric option into *out when given; the message names it and its range. */
static int serve_number(struct cli *c, const struct opt *opts, const char *name, long min,
                        long max, int *out)
{
    const char *v = opt_value(opts, name);
    long n = 0;
    if (!v)
        return 0;
    if (strparse_long(v, min, max, &n))
        return err_set(&c->err, ERR_INVALID, "%s must be a number from %ld to %ld", name, min,
                       max);
    *out = (int)n;
    return 0;
}

static int serve_options(struct cli *c, const struct opt *opts, struct server_options *so)
{
    server_options_default(so);
    if (opt_value(opts, "--listen"))
        so->listen = opt_value(opts, "--listen");
    so->trusted_proxy = opt_value(opts, "--trusted-proxy");
    if (serve_number(c, opts, "--port", 1, 65535, &so->port) ||
        serve_number(c, opts, "--threads", 1, 64, &so->threads) ||
        serve_number(c, opts, "--per-address", 1, SERVER_CONNECTIONS, &so->per_address) ||
        serve_number(c, opts, "--idle-timeout", 1, 3600, &so->idle_timeout_s) ||
        serve_number(c, opts, "--request-timeout", 1, 3600, &so->request_timeout_s))
        return c->err.kind;
    return 0;
}

/* --smtp-config, --notify-every S (0: no schedule), --digest-day N (1 = Monday). */
static int notify_options(struct cli *c, const struct opt *opts, struct notify_schedule *ns)
{
    int every = 300, day = 1;
    *ns = (struct notify_schedule){ c->db_path, opt_value(opts, "--smtp-config"), 1, 14, 300 };
    if (serve_number(c, opts, "--notify-every", 0, 86400, &every) ||
        serve_number(c, opts, "--digest-day", 1, 7, &day))
        return c->err.kind;
    ns->every_s = every;
    ns->digest_day = day;
    return 0;
}

int cmd_serve(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--listen", true, NULL },          { "--port", true, NULL },
                          { "--threads", true, NULL },         { "--secure-cookie", false, NULL },
                          { "--per-address", true, NULL },     { "--idle-timeout", true, NULL },
                          { "--request-timeout", true, NULL }, { "--trusted-proxy", true, NULL },
                          { "--smtp-config", true, NULL },     { "--notify-every", true, NULL },
                          { "--digest-day", true, NULL },      { NULL, false, NULL } };
    const char *pos[1];
    int n_pos;
    bool help;
    struct server_options so;
    if (args_parse(argc, argv, opts, pos, 0, &n_pos, &help, &c->err))
        return c->err.kind;
    if (help)
        return cli_usage("serve");
    if (serve_options(c, opts, &so) || cli_open_existing(c))
        return c->err.kind;
    struct web_app app;
    if (app_init(&app, c->db_path, &c->err))
        return c->err.kind;
    app.secure_cookie = opt_value(opts, "--secure-cookie") != NULL;
    sigset_t set;
    block_stop_signals(&set);
    struct server *s = NULL;
    struct notify_thread *nt = NULL;
    struct follower *fw = NULL;
    struct notify_schedule ns;
    int ret = notify_options(c, opts, &ns);
    if (!ret)
        ret = server_start(&app, &so, &s, &c->err);
    if (!ret && ns.every_s)
        ret = notify_thread_start(&ns, &nt, &c->err);
    if (!ret)
        ret = follow_start(&app, &fw, &c->err);
    if (!ret) {
        printf("giamsat đang chạy tại http://%s:%d/ (Ctrl+C để dừng)\n", so.listen, so.port);
        fflush(stdout);
        int sig = 0;
        sigwait(&set, &sig);
        fprintf(stderr, "giamsat: stopping (signal %d), finishing requests in flight\n", sig);
        follow_stop(fw);
        notify_thread_stop(nt);
        server_stop(s);
        fprintf(stderr, "giamsat: stopped\n");
    } else {
        notify_thread_stop(nt);
        if (s)
            server_stop(s);
    }
    app_release(&app);
    return ret;
}

/* ---- user and token ------------------------------------------------------------- */

/* The unit an account or token writes for, by any of its names. */
static int unit_id(struct cli *c, const char *unit, long *id)
{
    *id = 0;
    if (!unit)
        return 0;
    *id = registry_unit_id(&c->reg, unit);
    return *id ? 0 : err_set(&c->err, ERR_NOT_FOUND, "no unit named '%s'", unit);
}

/* The stored role name of --role (English or Vietnamese form). */
static int role_of(struct cli *c, const char *text, const char **out)
{
    enum role r = role_parse(text ? text : "xem");
    if (r == ROLE_NONE)
        return err_set(&c->err, ERR_INVALID,
                       "unknown role '%s' (quan_tri, giam_sat, lanh_dao_don_vi, don_vi or xem)", text);
    *out = role_name(r);
    return 0;
}

/* The first line of standard input when it is not a terminal, or NULL (then one is made). */
static char *password_from_stdin(void)
{
    if (isatty(STDIN_FILENO))
        return NULL;
    char line[512];
    if (!fgets(line, sizeof(line), stdin))
        return NULL;
    line[strcspn(line, "\r\n")] = '\0';
    return line[0] ? xstrdup(line) : NULL;
}

static int user_add(struct cli *c, const char *username, const struct opt *opts)
{
    struct user_record u = { .username = (char *)username,
                             .display = (char *)opt_value(opts, "--name") };
    const char *role = NULL;
    if (role_of(c, opt_value(opts, "--role"), &role) ||
        unit_id(c, opt_value(opts, "--unit"), &u.agency_id))
        return c->err.kind;
    u.role = (char *)role;
    char *given = opt_value(opts, "--password") ? xstrdup(opt_value(opts, "--password"))
                                                 : password_from_stdin();
    char *password = given ? given : crypto_password_new(14);
    if (!crypto_init(&c->err))
        u.password_hash = crypto_password_hash(password, &c->err);
    struct audit_entry a = { "cli", 0, 0, "user.create", "app_user", 0, NULL, role, "" };
    long id = 0;
    int ret = u.password_hash ? store_user_add(c->db, &u, &a, &id, &c->err) : c->err.kind;
    if (!ret && !given)
        printf("Đã tạo tài khoản '%s' (%s). Mật khẩu (chỉ hiện một lần): %s\n", username,
               role_label(role_parse(role)), password);
    else if (!ret)
        printf("Đã tạo tài khoản '%s' (%s)\n", username, role_label(role_parse(role)));
    free(u.password_hash);
    free(password);
    return ret;
}

/* `user set LOGIN --email ADDRESS`: the address notifications are mailed to. */
static int user_set(struct cli *c, const char *username, const struct opt *opts)
{
    const char *email = opt_value(opts, "--email");
    if (!email)
        return err_set(&c->err, ERR_INVALID, "use 'giamsat user set LOGIN --email ADDRESS'");
    struct audit_entry a = { .actor = "cli", .action = "user.email", .client = "" };
    if (cli_open_existing(c) || store_user_set_email(c->db, username, email, &a, &c->err))
        return c->err.kind;
    printf(*email ? "Đã ghi địa chỉ thư của '%s'\n" : "Đã xoá địa chỉ thư của '%s'\n", username);
    return 0;
}

int cmd_user(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--role", true, NULL },       { "--unit", true, NULL },
                          { "--name", true, NULL },       { "--password", true, NULL },
                          { "--if-missing", false, NULL }, { "--email", true, NULL },
                          { NULL, false, NULL } };
    const char *pos[2];
    int n_pos;
    bool help;
    if (args_parse(argc, argv, opts, pos, 2, &n_pos, &help, &c->err))
        return c->err.kind;
    if (!help && n_pos == 2 && !strcmp(pos[0], "set"))
        return user_set(c, pos[1], opts);
    if (help || n_pos != 2 || strcmp(pos[0], "add"))
        return help ? cli_usage("user")
                    : err_set(&c->err, ERR_INVALID, "use 'giamsat user add LOGIN --role ROLE'");
    if (cli_open_existing(c))
        return c->err.kind;
    struct user_record existing = { 0 };
    struct err ignored = ERR_INIT;
    if (opt_value(opts, "--if-missing") &&
        store_user_find(c->db, pos[1], &existing, &ignored) == 0) {
        printf("Tài khoản '%s' đã có.\n", pos[1]);
        user_record_release(&existing);
        return 0;
    }
    return user_add(c, pos[1], opts);
}

int cmd_token(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--role", true, NULL }, { "--unit", true, NULL },
                          { "--name", true, NULL }, { NULL, false, NULL } };
    const char *pos[2];
    int n_pos;
    bool help;
    if (args_parse(argc, argv, opts, pos, 2, &n_pos, &help, &c->err))
        return c->err.kind;
    if (help || n_pos < 1 || strcmp(pos[0], "add"))
        return help ? cli_usage("token")
                    : err_set(&c->err, ERR_INVALID, "use 'giamsat token add --role ROLE'");
    const char *name = opt_value(opts, "--name") ? opt_value(opts, "--name")
                       : n_pos == 2                ? pos[1]
                                                   : "api";
    const char *role = NULL;
    long agency_id = 0;
    if (role_of(c, opt_value(opts, "--role"), &role) || cli_open_existing(c) ||
        crypto_init(&c->err) || unit_id(c, opt_value(opts, "--unit"), &agency_id))
        return c->err.kind;
    char token[CRYPTO_TOKEN_LEN], digest[CRYPTO_DIGEST_LEN];
    crypto_token(token);
    crypto_digest(token, digest);
    struct audit_entry a = { "cli", 0, 0, "token.create", "api_token", 0, NULL, name, "" };
    long id = 0;
    if (store_token_add(c->db, digest, name, role, agency_id, &a, &id, &c->err))
        return c->err.kind;
    printf("%s\n", token);
    fprintf(stderr, "Mã truy cập API '%s' (%s) — chỉ hiện một lần; gửi kèm"
                    " \"Authorization: Bearer <mã>\"\n",
            name, role_label(role_parse(role)));
    return 0;
}

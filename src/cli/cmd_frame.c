/*
 * cmd_frame: `giamsat frame` (the administrative frame the installation's
 * reports are issued in: show it, or set it, audited) and the frame of one
 * report (the stored settings with the report's --issuer ... overrides).
 */
#include "cli.h"

#include "store/store_auth.h"
#include "store/store_frame.h"

#include <stdio.h>
#include <string.h>

/* The options that name a setting: "--issuer" ... in enum frame_key order. */
static const char *const frame_opts[N_FRAME_KEYS] = { "--issuer", "--number", "--place", "--signer",
                                                      "--recipients" };

/* The settings given as options into *out (set keys only). */
static int read_overrides(struct cli *c, const struct opt *opts, struct frame_settings *out)
{
    for (int k = 0; k < N_FRAME_KEYS; k++) {
        const char *v = opt_value(opts, frame_opts[k]);
        if (v && frame_settings_set(out, (enum frame_key)k, v, &c->err))
            return c->err.kind;
    }
    return 0;
}

int cli_report_frame(struct cli *c, const struct opt *opts, struct frame_settings *out)
{
    struct frame_settings over = FRAME_SETTINGS_INIT;
    int ret = store_frame_get(c->db, out, &c->err);
    if (!ret)
        ret = read_overrides(c, opts, &over);
    if (!ret)
        frame_settings_merge(out, &over);
    frame_settings_release(&over);
    return ret;
}

static void show(const struct frame_settings *s)
{
    for (int k = 0; k < N_FRAME_KEYS; k++) {
        const char *v = s->v[k];
        printf("%-10s  %s: %s\n", frame_key_name((enum frame_key)k),
               frame_key_label((enum frame_key)k), v && *v ? v : "(chưa đặt)");
    }
}

/* `frame set`: store the settings given (at least one), audited. */
static int frame_set(struct cli *c, const struct opt *opts)
{
    struct frame_settings s = FRAME_SETTINGS_INIT;
    int ret = read_overrides(c, opts, &s);
    bool any = false;
    for (int k = 0; k < N_FRAME_KEYS; k++)
        any |= s.v[k] != NULL;
    if (!ret && !any)
        ret = err_set(&c->err, ERR_INVALID,
                      "frame set needs at least one of --issuer --number --place --signer"
                      " --recipients");
    struct audit_entry a = { .actor = "cli", .action = "report_frame.set", .client = "" };
    if (!ret)
        ret = store_frame_set(c->db, &s, &a, &c->err);
    frame_settings_release(&s);
    return ret;
}

int cmd_frame(struct cli *c, int argc, char **argv)
{
    struct opt opts[N_FRAME_KEYS + 1] = { { NULL, false, NULL } };
    for (int k = 0; k < N_FRAME_KEYS; k++)
        opts[k] = (struct opt){ frame_opts[k], true, NULL };
    const char *pos[1] = { NULL };
    int n_pos;
    bool help;
    if (args_parse(argc, argv, opts, pos, 1, &n_pos, &help, &c->err))
        return c->err.kind;
    if (help)
        return cli_usage("frame");
    bool set = n_pos == 1 && !strcmp(pos[0], "set");
    if (n_pos && !set && strcmp(pos[0], "show"))
        return err_set(&c->err, ERR_INVALID, "unknown frame command '%s' (show or set)", pos[0]);
    if (cli_open_existing(c))
        return c->err.kind;
    struct frame_settings s = FRAME_SETTINGS_INIT;
    int ret = set ? frame_set(c, opts) : 0;
    if (!ret)
        ret = store_frame_get(c->db, &s, &c->err);
    if (!ret)
        show(&s);
    frame_settings_release(&s);
    return ret;
}

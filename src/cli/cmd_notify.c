/*
 * cmd_notify: the notifications' jobs (issue #15) and the commands that
 * run them — `giamsat mail queue|send|retry`, `giamsat remind --send` —
 * and the thread of `giamsat serve` that runs them on a schedule
 * (cli.h notify_*), and `giamsat mail notify` that runs the schedule's
 * notices once. What an event says is core/notice.h; where it is
 * kept, store_notify.h; how it is sent, export/smtp.h.
 */
#include "cli.h"

#include "core/notice.h"
#include "core/remind.h"
#include "core/warning.h"
#include "export/smtp.h"
#include "render/md.h"
#include "render/remind_doc.h"
#include "store/store_notify.h"
#include "store/store_requests.h"
#include "util/clock.h"
#include "util/strparse.h"
#include "util/xalloc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- collecting notices ------------------------------------------------------------- */

struct targets {
    struct notify_target *v;
    size_t n, cap;
};

static struct notice *targets_add(struct targets *t, long agency_id)
{
    ALLOC_GROW(t->v, t->n + 1, t->cap);
    t->v[t->n] = (struct notify_target){ agency_id, NOTICE_INIT };
    return &t->v[t->n++].notice;
}

static void targets_release(struct targets *t)
{
    for (size_t i = 0; i < t->n; i++)
        notice_release(&t->v[i].notice);
    free(t->v);
    *t = (struct targets){ 0 };
}

/* What a warning is about: its item key, subject and link (newly allocated). */
static void warning_subject(const struct warning *w, const struct programme *p,
                            const struct indicator_board *b, char **item, char **subject,
                            char **link)
{
    const char *rule = warning_rule_key(w->rule);
    if (w->task != PROG_NONE) {
        const struct prog_task *t = &p->tasks[w->task];
        long unit = w->agency != PROG_NONE ? p->agencies[w->agency].id : 0;
        *item = xasprintf("task:%ld:%ld:%s", t->id, unit, rule);
        *subject = xasprintf("nhiệm vụ «%s»", t->name);
        *link = xasprintf("/tasks/%ld", t->id);
    } else if (w->indicator >= 0) {
        const struct indicator *x = &b->x[w->indicator];
        *item = xasprintf("indicator:%ld:%s", x->id, rule);
        *subject = xasprintf("chỉ tiêu %s", x->code);
        *link = xasprintf("/indicators/%ld", x->id);
    } else {
        long unit = p->agencies[w->agency].id;
        *item = xasprintf("unit:%ld:%s", unit, rule);
        *subject = xstrdup(p->agencies[w->agency].name);
        *link = xasprintf("/units/%ld", unit);
    }
}

struct daily {
    struct date today;
    struct targets t;
};

/* The warnings that began within NOTICE_NEW_DAYS, each for its unit. */
static int warnings_cb(struct cli *c, const struct warning_list *l, const struct programme *p,
                       const struct indicator_board *b, void *arg)
{
    (void)c;
    struct daily *d = arg;
    long today = date_to_days(d->today);
    for (size_t i = 0; i < l->n; i++) {
        const struct warning *w = &l->v[i];
        if (w->agency == PROG_NONE || !date_is_set(w->since) ||
            today - date_to_days(w->since) > NOTICE_NEW_DAYS || date_cmp(w->since, d->today) > 0)
            continue;
        char *item, *subject, *link;
        warning_subject(w, p, b, &item, &subject, &link);
        /* These two hold "since" the day they are computed: notify them once a week. */
        bool weekly = w->rule == WARN_UNIT_RATE || w->rule == WARN_INDICATOR_WORSE;
        struct notice_warning nw = { item,
                                     warning_rule_label(w->rule),
                                     subject,
                                     w->reason,
                                     link,
                                     w->since,
                                     weekly ? notice_week_start(w->since) : DATE_NONE };
        notice_of_warning(targets_add(&d->t, p->agencies[w->agency].id),
                          w->rule == WARN_DUE_SOON ? NOTICE_DEADLINE : NOTICE_WARNING, &nw);
        free(item);
        free(subject);
        free(link);
    }
    return 0;
}

/* The open requests whose answer is due within NOTICE_REQUEST_DAYS, for the unit asked. */
static int request_deadlines(struct cli *c, struct daily *d)
{
    struct request_view *v = NULL;
    size_t n = 0;
    if (store_request_list(c->db, 0, &v, &n, &c->err))
        return c->err.kind;
    for (size_t i = 0; i < n; i++) {
        if (date_cmp(v[i].issued_on, d->today) > 0)
            continue;
        struct request_status st = request_view_status(&v[i], d->today);
        long left = date_to_days(st.due) - date_to_days(d->today);
        if (st.state != REQ_OPEN || left < 0 || left > NOTICE_REQUEST_DAYS)
            continue;
        char *subject = v[i].task_id ? xasprintf("nhiệm vụ «%s»", v[i].task_name)
                                     : xasprintf("chỉ tiêu %s", v[i].indicator_code);
        char *link = v[i].task_id ? xasprintf("/tasks/%ld", v[i].task_id)
                                  : xasprintf("/indicators/%ld", v[i].indicator_id);
        struct notice_request r = { v[i].id, subject, v[i].unit, v[i].content,
                                    NULL,    link,    d->today,  st.due };
        notice_of_request_due(targets_add(&d->t, v[i].agency_id), &r, left);
        free(subject);
        free(link);
    }
    request_views_free(v, n);
    return 0;
}

int notify_daily(struct cli *c, struct date today, size_t *added)
{
    struct daily d = { today, { 0 } };
    int ret = cli_warnings_visit(c, today, warnings_cb, &d);
    if (!ret)
        ret = request_deadlines(c, &d);
    if (!ret)
        ret = store_notify_batch(c->db, d.t.v, d.t.n, added, &c->err);
    targets_release(&d.t);
    return ret;
}

struct digests {
    struct date monday;
    struct targets t;
};

/* One letter per unit (the unit's section of `giamsat remind`), as Markdown text. */
static int digests_cb(struct cli *c, const struct reminders *rm, void *arg)
{
    struct digests *d = arg;
    for (size_t i = 0; i < rm->n_units; i++) {
        struct reminders one = *rm;
        one.units = &rm->units[i];
        one.n_units = 1;
        struct rdoc doc = RDOC_INIT;
        struct buf text = BUF_INIT;
        remind_doc_build(&one, &doc);
        md_render(&doc, &text);
        const struct prog_agency *a = &rm->report->prog->agencies[rm->units[i].agency];
        notice_of_digest(targets_add(&d->t, a->id), a->id, a->name, d->monday, text.data);
        buf_release(&text);
        rdoc_release(&doc);
    }
    (void)c;
    return 0;
}

int notify_digests(struct cli *c, struct date as_of, long within, size_t *added)
{
    struct digests d = { notice_week_start(as_of), { 0 } };
    int ret = cli_reminders_visit(c, as_of, within, digests_cb, &d);
    if (!ret)
        ret = store_notify_batch(c->db, d.t.v, d.t.n, added, &c->err);
    targets_release(&d.t);
    return ret;
}

/* ---- delivering the mail queue ------------------------------------------------------ */

/* The digits of created_at ("2026-01-05T08:00:00Z" -> 20260105080000): the Message-ID's stamp. */
static long stamp_of(const char *created_at)
{
    long v = 0;
    for (const char *p = created_at; *p && v < 100000000000000L; p++)
        if (*p >= '0' && *p <= '9')
            v = v * 10 + (*p - '0');
    return v;
}

/* Try one claimed mail: 'sent', or back to the queue with its back-off. */
static int deliver_one(struct cli *c, const struct smtp_config *cfg, struct mail_item *m,
                       struct notify_counts *out)
{
    long now = clock_now();
    char *msg =
        smtp_message(cfg, m->recipient, m->subject, m->body, m->id, stamp_of(m->created_at), now);
    struct err why = ERR_INIT;
    int sent = smtp_send(cfg, m->recipient, msg, &why);
    free(msg);
    if (!sent) {
        out->sent++;
        return store_mail_sent(c->db, m->id, &c->err);
    }
    out->failed++;
    if (!out->first_error[0])
        snprintf(out->first_error, sizeof(out->first_error), "%s", why.msg);
    return store_mail_failed(c->db, m->id, m->attempts, now, why.msg, &c->err);
}

const char *notify_config_path(const char *given)
{
    const char *env = getenv("GIAMSAT_SMTP_CONFIG");
    return given ? given : env && *env ? env : SMTP_CONFIG_DEFAULT;
}

int notify_deliver(struct cli *c, const char *config, struct notify_counts *out)
{
    struct smtp_config cfg = SMTP_CONFIG_INIT;
    const char *path = notify_config_path(config);
    *out = (struct notify_counts){ 0 };
    if (smtp_config_load(path, &cfg, &c->err)) {
        /* No file where none was asked for: mail is not set up, it waits in the queue. */
        bool asked = config || getenv("GIAMSAT_SMTP_CONFIG");
        if (c->err.kind == ERR_NOT_FOUND && !asked) {
            c->err = (struct err)ERR_INIT;
            out->no_config = true;
            return 0;
        }
        return c->err.kind;
    }
    int ret = 0;
    /* A server that is down fails every mail: stop after a few failures in one run. */
    while (!ret && out->failed < 3) {
        struct mail_item m;
        bool found = false;
        ret = store_mail_claim(c->db, clock_now(), &m, &found, &c->err);
        if (ret || !found)
            break;
        ret = deliver_one(c, &cfg, &m, out);
        mail_item_release(&m);
    }
    smtp_config_release(&cfg);
    return ret;
}

/* ---- commands ----------------------------------------------------------------------- */

static void print_deliver(const struct notify_counts *n, const char *config)
{
    if (n->no_config)
        printf("Chưa cấu hình máy chủ thư (%s): thư vẫn chờ trong hàng đợi\n",
               notify_config_path(config));
    else
        printf("Đã gửi %zu thư, %zu thư lỗi (sẽ thử lại)%s%s\n", n->sent, n->failed,
               n->failed ? ": " : "", n->first_error);
}

static int mail_queue(struct cli *c)
{
    struct mail_item *v = NULL;
    size_t n = 0;
    if (store_mail_list(c->db, &v, &n, &c->err))
        return c->err.kind;
    for (size_t i = 0; i < n; i++) {
        char next[32] = "";
        time_t t = (time_t)v[i].next_at;
        struct tm tm;
        if (!strcmp(v[i].state, "queued") && gmtime_r(&t, &tm))
            strftime(next, sizeof(next), "%Y-%m-%dT%H:%M:%SZ", &tm);
        printf("%ld\t%s\t%d\t%s\t%s\t%s\t%s\n", v[i].id, v[i].state, v[i].attempts,
               *next           ? next
               : *v[i].sent_at ? v[i].sent_at
                               : "-",
               v[i].recipient, v[i].subject, v[i].last_error);
    }
    mail_items_free(v, n);
    return 0;
}

static int mail_send(struct cli *c, const char *config)
{
    struct notify_counts n;
    if (notify_deliver(c, config, &n))
        return c->err.kind;
    print_deliver(&n, config);
    return n.failed ? 1 : 0;
}

static int mail_retry(struct cli *c, const char *id_text)
{
    long id = 0;
    if (cli_parse_id(id_text, &id, &c->err) || store_mail_retry(c->db, id, clock_now(), &c->err))
        return c->err.kind;
    printf("Thư số %ld sẽ được gửi lại ở lần gửi tới\n", id);
    return 0;
}

/* `mail notify [--as-of D]`: the schedule's run once (without the digest), for cron. */
static int mail_notify(struct cli *c, const struct opt *opts)
{
    const char *text = opt_value(opts, "--as-of");
    struct date today = cli_today();
    size_t added = 0;
    struct notify_counts n;
    if ((text && cli_parse_date(text, "--as-of", &today, &c->err)) ||
        notify_daily(c, today, &added) || notify_deliver(c, opt_value(opts, "--smtp-config"), &n))
        return c->err.kind;
    printf("%zu thông báo mới (cảnh báo, sắp đến hạn)\n", added);
    print_deliver(&n, opt_value(opts, "--smtp-config"));
    return n.failed ? 1 : 0;
}

int cmd_mail(struct cli *c, int argc, char **argv)
{
    struct opt opts[] = { { "--smtp-config", true, NULL },
                          { "--as-of", true, NULL },
                          { NULL, false, NULL } };
    const char *pos[2];
    int n_pos;
    bool help;
    if (args_parse(argc, argv, opts, pos, 2, &n_pos, &help, &c->err))
        return c->err.kind;
    if (help || n_pos == 0)
        return cli_usage("mail");
    if (cli_open_existing(c))
        return c->err.kind;
    if (!strcmp(pos[0], "queue") && n_pos == 1)
        return mail_queue(c);
    if (!strcmp(pos[0], "send") && n_pos == 1)
        return mail_send(c, opt_value(opts, "--smtp-config"));
    if (!strcmp(pos[0], "notify") && n_pos == 1)
        return mail_notify(c, opts);
    if (!strcmp(pos[0], "retry") && n_pos == 2)
        return mail_retry(c, pos[1]);
    return err_set(&c->err, ERR_INVALID, "unknown mail command (queue, send, notify, retry ID)");
}

int notify_remind_send(struct cli *c, const char *as_of_text, const char *within_text,
                       const char *config)
{
    struct date as_of = cli_today();
    long within = 14;
    if ((as_of_text && cli_parse_date(as_of_text, "--as-of", &as_of, &c->err)) ||
        (within_text && strparse_long(within_text, 0, 3660, &within) &&
         err_set(&c->err, ERR_INVALID, "--within needs a number of days (0-3660)")))
        return c->err.kind;
    if (cli_open_existing(c))
        return c->err.kind;
    size_t added = 0;
    struct notify_counts n;
    if (notify_digests(c, as_of, within, &added) || notify_deliver(c, config, &n))
        return c->err.kind;
    printf("Thư đôn đốc tuần từ ngày %02d/%02d/%04d: %zu thông báo mới\n",
           notice_week_start(as_of).d, notice_week_start(as_of).m, notice_week_start(as_of).y,
           added);
    print_deliver(&n, config);
    return n.failed ? 1 : 0;
}

/* ---- the schedule of `giamsat serve` ----------------------------------------------- */

struct notify_thread {
    pthread_t th;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
    struct notify_schedule s;
    struct cli c; /* a connection of the thread's own */
};

/* Log a failed job and clear the error: the next run tries again. */
static void log_failure(struct cli *c, const char *job)
{
    fprintf(stderr, "giamsat serve: notifications (%s): %s\n", job, c->err.msg);
    c->err = (struct err)ERR_INIT;
}

/* One run: today's notices, the digest on its weekday, then the mail queue. */
static void notify_run(struct notify_thread *t)
{
    struct date today = cli_today();
    size_t added = 0;
    struct notify_counts n;
    if (notify_daily(&t->c, today, &added))
        log_failure(&t->c, "warnings");
    if (notice_weekday(today) == t->s.digest_day &&
        notify_digests(&t->c, today, t->s.within, &added))
        log_failure(&t->c, "digest");
    if (notify_deliver(&t->c, t->s.smtp_config, &n))
        log_failure(&t->c, "mail");
    else if (n.failed)
        fprintf(stderr, "giamsat serve: %zu mail(s) not sent, retried later: %s\n", n.failed,
                n.first_error);
}

static void *notify_main(void *arg)
{
    struct notify_thread *t = arg;
    pthread_mutex_lock(&t->lock);
    while (!t->stop) {
        pthread_mutex_unlock(&t->lock);
        notify_run(t);
        pthread_mutex_lock(&t->lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += t->s.every_s;
        while (!t->stop && pthread_cond_timedwait(&t->wake, &t->lock, &until) == 0)
            ;
    }
    pthread_mutex_unlock(&t->lock);
    return NULL;
}

int notify_thread_start(const struct notify_schedule *s, struct notify_thread **out, struct err *e)
{
    struct notify_thread *t = xcalloc(1, sizeof(*t));
    t->s = *s;
    t->c = (struct cli){ .db_path = s->db_path, .err = ERR_INIT, .reg = REGISTRY_INIT };
    if (cli_open_existing(&t->c)) {
        *e = t->c.err;
        registry_release(&t->c.reg);
        db_close(t->c.db);
        free(t);
        return e->kind;
    }
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->wake, NULL);
    if (pthread_create(&t->th, NULL, notify_main, t)) {
        *out = NULL;
        t->stop = true; /* nothing to join */
        notify_thread_stop(t);
        return err_set(e, ERR_INTERNAL, "cannot start the notifications' thread");
    }
    *out = t;
    return 0;
}

void notify_thread_stop(struct notify_thread *t)
{
    if (!t)
        return;
    pthread_mutex_lock(&t->lock);
    bool running = !t->stop;
    t->stop = true;
    pthread_cond_signal(&t->wake);
    pthread_mutex_unlock(&t->lock);
    if (running)
        pthread_join(t->th, NULL);
    pthread_cond_destroy(&t->wake);
    pthread_mutex_destroy(&t->lock);
    registry_release(&t->c.reg);
    db_close(t->c.db);
    free(t);
}

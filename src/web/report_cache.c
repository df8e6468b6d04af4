/* report_cache: shared, generation-keyed snapshots and reports; see report_cache.h. */
#include "report_cache.h"

#include "json/json_report.h"
#include "render/report_doc.h"
#include "store/store_programme.h"
#include "util/xalloc.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__ /* defined by the headers above */
#include <malloc.h>
#endif

struct report_cache {
    pthread_mutex_t lock;  /* guards everything below and every refs and body field */
    pthread_mutex_t build; /* held while loading a snapshot or building a report or its JSON */
    struct cached_snapshot *current; /* the latest snapshot loaded, or NULL */
    struct cached_report **reports;  /* reports[0..n_reports) */
    size_t n_reports;
    size_t max_reports;
    unsigned long clock; /* counts hits, for LRU */
    size_t compact;      /* report_cache_set_compact(), or 0 */
    /* Snapshots no one holds any more, freed by bury() outside both locks. */
    struct cached_snapshot **dead;
    size_t n_dead, cap_dead;
    /* The same for warning lists (half a million warnings at L). */
    struct cached_warnings **dead_warnings;
    size_t n_dead_warnings, cap_dead_warnings;
};

struct report_cache *report_cache_new(size_t max_reports)
{
    struct report_cache *c = xcalloc(1, sizeof(*c));
    pthread_mutex_init(&c->lock, NULL);
    pthread_mutex_init(&c->build, NULL);
    c->max_reports = max_reports ? max_reports : 1;
    c->reports = xcalloc(c->max_reports + 1, sizeof(*c->reports));
    return c;
}

void report_cache_set_compact(struct report_cache *c, size_t max_changed)
{
    c->compact = max_changed;
}

/* ---- references (caller holds c->lock) -------------------------------------------- */

/* A derived snapshot's indicators are its root's: only the root frees them. */
static void snapshot_free(struct cached_snapshot *s)
{
    programme_release(&s->prog);
    if (!s->root) {
        indicators_free(s->indicators, s->n_indicators);
        indicator_target_counts_release(&s->counted);
    }
    free(s);
}

/*
 * Drop a reference; the last one queues s for bury() to free, and drops a
 * derived snapshot's reference to its root (freed in the same bury() when
 * it was the last: nothing reads either any more).
 */
static void snapshot_unref(struct report_cache *c, struct cached_snapshot *s)
{
    if (!s || --s->refs > 0)
        return;
    ALLOC_GROW(c->dead, c->n_dead + 1, c->cap_dead);
    c->dead[c->n_dead++] = s;
    snapshot_unref(c, s->root);
}

/* Drop a reference to w; the last one queues it for bury() to free. */
static void warnings_unref(struct report_cache *c, struct cached_warnings *w)
{
    if (!w || --w->refs > 0)
        return;
    ALLOC_GROW(c->dead_warnings, c->n_dead_warnings + 1, c->cap_dead_warnings);
    c->dead_warnings[c->n_dead_warnings++] = w;
}

static void warnings_free(struct cached_warnings *w)
{
    warning_list_release(&w->list);
    free(w);
}

static void report_unref(struct report_cache *c, struct cached_report *r)
{
    if (!r || --r->refs > 0)
        return;
    warnings_unref(c, r->warnings);
    report_release(&r->rep);
    indicator_board_release(&r->board);
    snapshot_unref(c, r->snap);
    for (int i = 0; i < N_CACHED_BODIES; i++)
        free(r->body[i]);
    free(r);
}

/*
 * Free the snapshots no one holds, outside both locks: freeing a national
 * programme takes long enough to stall every lookup, and under c->build
 * the next report to be built would wait for it. The programme's many
 * small blocks were allocated and are freed by the server's threads, each
 * with its own malloc arena, and glibc keeps freed arena memory for reuse:
 * malloc_trim() hands it back, so the server's RSS stays one snapshot
 * (plus one being built) across writes instead of growing by one per write.
 */
static void bury(struct report_cache *c)
{
    pthread_mutex_lock(&c->lock);
    struct cached_snapshot **dead = c->dead;
    size_t n = c->n_dead;
    c->dead = NULL;
    c->n_dead = c->cap_dead = 0;
    struct cached_warnings **dead_w = c->dead_warnings;
    size_t n_w = c->n_dead_warnings;
    c->dead_warnings = NULL;
    c->n_dead_warnings = c->cap_dead_warnings = 0;
    pthread_mutex_unlock(&c->lock);
    for (size_t i = 0; i < n; i++)
        snapshot_free(dead[i]);
    free(dead);
    for (size_t i = 0; i < n_w; i++)
        warnings_free(dead_w[i]);
    free(dead_w);
#ifdef __GLIBC__
    if (n || n_w)
        malloc_trim(0);
#endif
}

/* Take reports[i] out of the table. */
static void drop_report(struct report_cache *c, size_t i)
{
    struct cached_report *r = c->reports[i];
    c->reports[i] = c->reports[--c->n_reports];
    report_unref(c, r);
}

/* Drop every report older than generation: they can never be asked for again. */
static void drop_older(struct report_cache *c, long generation)
{
    for (size_t i = c->n_reports; i-- > 0;)
        if (c->reports[i]->generation < generation)
            drop_report(c, i);
}

void report_cache_free(struct report_cache *c)
{
    if (!c)
        return;
    while (c->n_reports)
        drop_report(c, c->n_reports - 1);
    snapshot_unref(c, c->current);
    for (size_t i = 0; i < c->n_dead; i++)
        snapshot_free(c->dead[i]);
    free(c->dead);
    for (size_t i = 0; i < c->n_dead_warnings; i++)
        warnings_free(c->dead_warnings[i]);
    free(c->dead_warnings);
    pthread_mutex_destroy(&c->lock);
    pthread_mutex_destroy(&c->build);
    free(c->reports);
    free(c);
}

/* ---- snapshots ------------------------------------------------------------------- */

/* The current snapshot when it is at least generation, referenced; else NULL. */
static struct cached_snapshot *current_at_least(struct report_cache *c, long generation)
{
    pthread_mutex_lock(&c->lock);
    struct cached_snapshot *s = c->current;
    if (s && s->stamp.generation >= generation)
        s->refs++;
    else
        s = NULL;
    pthread_mutex_unlock(&c->lock);
    return s;
}

/* Make s (one reference: the caller's) current unless a later one already is; *out = s. */
static void publish(struct report_cache *c, struct cached_snapshot *s, struct cached_snapshot **out)
{
    pthread_mutex_lock(&c->lock);
    if (!c->current || c->current->stamp.generation < s->stamp.generation) {
        s->refs++; /* the cache's */
        snapshot_unref(c, c->current);
        c->current = s;
        drop_older(c, s->stamp.generation);
    }
    pthread_mutex_unlock(&c->lock);
    *out = s;
}

/* Load db's snapshot and publish it. Holds c->build. */
static int load_snapshot(struct report_cache *c, struct db *db, struct cached_snapshot **out,
                         struct err *e)
{
    struct cached_snapshot *s = xcalloc(1, sizeof(*s));
    /* One read transaction: the indicators and their count are exactly those of the generation. */
    if (store_load_snapshot(db, &s->prog, &s->stamp, &s->indicators, &s->n_indicators,
                            &s->counted, e)) {
        free(s);
        return e->kind;
    }
    s->refs = 1;
    publish(c, s, out);
    return 0;
}

/* The snapshot `from` grown by the reports ev[0..n), standing at stamp. */
static struct cached_snapshot *derive(struct report_cache *c, struct cached_snapshot *from,
                                      const struct prog_new_event *ev, size_t n,
                                      const struct store_stamp *stamp)
{
    struct cached_snapshot *root = from->root ? from->root : from;
    struct cached_snapshot *s = xcalloc(1, sizeof(*s));
    programme_derive(&from->prog, ev, n, &s->prog);
    s->stamp = *stamp;
    s->indicators = root->indicators;
    s->n_indicators = root->n_indicators;
    s->counted = root->counted;
    s->refs = 1;
    pthread_mutex_lock(&c->lock);
    root->refs++; /* the derived one's */
    s->root = root;
    pthread_mutex_unlock(&c->lock);
    return s;
}

/*
 * Follow db from `from` (referenced by the caller) by the reports written
 * since, or load it again when more than reports changed or the derived
 * snapshot would copy too many event lists. Holds c->build.
 */
static int follow_snapshot(struct report_cache *c, struct db *db, struct cached_snapshot *from,
                           struct cached_snapshot **out, struct err *e)
{
    struct store_stamp stamp;
    struct prog_new_event *ev = NULL;
    size_t n = 0;
    if (store_load_reports_after(db, from->stamp.last_report, &stamp, &ev, &n, e))
        return e->kind;
    size_t bound = c->compact ? c->compact : REPORT_CACHE_COMPACT(from->prog.n_assignments);
    if (stamp.structure != from->stamp.structure || from->prog.n_changed + n > bound) {
        free(ev);
        return load_snapshot(c, db, out, e);
    }
    struct cached_snapshot *s = derive(c, from, ev, n, &stamp);
    free(ev);
    publish(c, s, out);
    return 0;
}

/* The current snapshot, referenced, or NULL. */
static struct cached_snapshot *current_ref(struct report_cache *c)
{
    pthread_mutex_lock(&c->lock);
    struct cached_snapshot *s = c->current;
    if (s)
        s->refs++;
    pthread_mutex_unlock(&c->lock);
    return s;
}

/* A snapshot of generation `now` or later: followed from the current one when it can. */
static int refresh(struct report_cache *c, struct db *db, const struct store_stamp *now,
                   struct cached_snapshot **out, struct err *e)
{
    struct cached_snapshot *from = current_ref(c);
    int ret = from && from->stamp.structure == now->structure
                  ? follow_snapshot(c, db, from, out, e)
                  : load_snapshot(c, db, out, e);
    pthread_mutex_lock(&c->lock);
    snapshot_unref(c, from); /* freed by the caller's bury(), outside c->build */
    pthread_mutex_unlock(&c->lock);
    return ret;
}

int report_cache_snapshot(struct report_cache *c, struct db *db, struct cached_snapshot **out,
                          struct err *e)
{
    struct store_stamp now;
    *out = NULL;
    if (store_data_stamp(db, &now, e))
        return e->kind;
    *out = current_at_least(c, now.generation);
    if (*out)
        return 0;
    pthread_mutex_lock(&c->build);
    /* Another thread may have made it while this one waited. */
    *out = current_at_least(c, now.generation);
    int ret = *out ? 0 : refresh(c, db, &now, out, e);
    pthread_mutex_unlock(&c->build);
    bury(c);
    return ret;
}

int report_cache_settle(struct report_cache *c, struct db *db, struct err *e)
{
    struct store_stamp now;
    if (store_data_stamp(db, &now, e))
        return e->kind;
    pthread_mutex_lock(&c->lock);
    /* No snapshot yet: nothing is kept fresh, and the first reader will load one. */
    bool moved = c->current && c->current->stamp.structure != now.structure;
    pthread_mutex_unlock(&c->lock);
    if (!moved)
        return 0;
    struct cached_snapshot *s = NULL;
    int ret = report_cache_snapshot(c, db, &s, e);
    report_cache_snapshot_put(c, s);
    return ret;
}

void report_cache_snapshot_put(struct report_cache *c, struct cached_snapshot *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&c->lock);
    snapshot_unref(c, s);
    pthread_mutex_unlock(&c->lock);
    bury(c);
}

/* ---- reports --------------------------------------------------------------------- */

static bool same_date(struct date a, struct date b)
{
    return a.y == b.y && a.m == b.m && a.d == b.d;
}

static bool same_key(const struct cached_report *r, long generation, const struct report_options *o)
{
    return r->generation == generation && same_date(r->opt.as_of, o->as_of) &&
           same_date(r->opt.due_by, o->due_by) && r->opt.document == o->document &&
           r->opt.agency == o->agency;
}

/* The report of (s, o) in the table, referenced; else NULL. */
static struct cached_report *find_report(struct report_cache *c, const struct cached_snapshot *s,
                                         const struct report_options *o)
{
    struct cached_report *hit = NULL;
    pthread_mutex_lock(&c->lock);
    for (size_t i = 0; i < c->n_reports && !hit; i++)
        if (c->reports[i]->snap == s && same_key(c->reports[i], s->stamp.generation, o))
            hit = c->reports[i];
    if (hit) {
        hit->refs++;
        hit->used = ++c->clock;
    }
    pthread_mutex_unlock(&c->lock);
    return hit;
}

/* Put r in the table, evicting the least recently used report when full. */
static void insert_report(struct report_cache *c, struct cached_report *r)
{
    pthread_mutex_lock(&c->lock);
    if (c->current && r->generation < c->current->stamp.generation) {
        pthread_mutex_unlock(&c->lock);
        return; /* already outdated: only its holder keeps it */
    }
    if (c->n_reports == c->max_reports) {
        size_t lru = 0;
        for (size_t i = 1; i < c->n_reports; i++)
            if (c->reports[i]->used < c->reports[lru]->used)
                lru = i;
        drop_report(c, lru);
    }
    r->refs++;
    r->used = ++c->clock;
    c->reports[c->n_reports++] = r;
    pthread_mutex_unlock(&c->lock);
}

/*
 * The board of o's scope over s's indicators as of o's date: a view borrowing them, expecting
 * as many counted indicators as the database counted for the same scope.
 */
static void board_build(const struct cached_snapshot *s, const struct report_options *o,
                        struct indicator_board *b)
{
    long agency_id = o->agency == PROG_NONE ? 0 : s->prog.agencies[o->agency].id;
    indicator_board_build_view(b, s->indicators, s->n_indicators, o->as_of, agency_id);
    b->expected_counted = indicator_target_counts_of(&s->counted, agency_id);
}

/* Build the report of (s, o) and keep it. Holds c->build. */
static int build_report(struct report_cache *c, struct cached_snapshot *s,
                        const struct report_options *o, struct cached_report **out, struct err *e)
{
    struct cached_report *r = xcalloc(1, sizeof(*r));
    int ret = report_build(&s->prog, o, &r->rep, e);
    if (!ret) {
        board_build(s, o, &r->board);
        ret = indicator_board_reconcile(&r->board, e);
    }
    if (ret) {
        report_release(&r->rep);
        indicator_board_release(&r->board);
        free(r);
        return e->kind;
    }
    r->generation = s->stamp.generation;
    r->opt = *o;
    r->refs = 1; /* the caller's */
    pthread_mutex_lock(&c->lock);
    s->refs++; /* the report's */
    r->snap = s;
    pthread_mutex_unlock(&c->lock);
    insert_report(c, r);
    *out = r;
    return 0;
}

int report_cache_report(struct report_cache *c, struct cached_snapshot *s,
                        const struct report_options *opt, struct cached_report **out, struct err *e)
{
    *out = find_report(c, s, opt);
    if (*out)
        return 0;
    pthread_mutex_lock(&c->build);
    *out = find_report(c, s, opt);
    int ret = *out ? 0 : build_report(c, s, opt, out, e);
    pthread_mutex_unlock(&c->build);
    bury(c);
    return ret;
}

void report_cache_report_put(struct report_cache *c, struct cached_report *r)
{
    if (!r)
        return;
    pthread_mutex_lock(&c->lock);
    report_unref(c, r);
    pthread_mutex_unlock(&c->lock);
    bury(c);
}

static const char *body_of(struct report_cache *c, struct cached_report *r,
                           enum cached_body which, size_t *len)
{
    pthread_mutex_lock(&c->lock);
    const char *text = r->body[which];
    *len = r->body_len[which];
    pthread_mutex_unlock(&c->lock);
    return text;
}

const char *report_cache_body(struct report_cache *c, struct cached_report *r,
                              enum cached_body which, report_render_fn *render, void *ctx,
                              size_t *len)
{
    const char *text = body_of(c, r, which, len);
    if (text)
        return text;
    pthread_mutex_lock(&c->build);
    text = body_of(c, r, which, len);
    if (!text) {
        char *built = render(r, ctx, len);
        pthread_mutex_lock(&c->lock);
        r->body[which] = built;
        r->body_len[which] = *len;
        pthread_mutex_unlock(&c->lock);
        text = built;
    }
    pthread_mutex_unlock(&c->build);
    return text;
}

static char *render_json(const struct cached_report *r, void *ctx, size_t *len)
{
    /* The final newline appended in place: a national report is tens of MB. */
    char *built = json_report_compact(&r->rep, &r->board, ctx);
    *len = strlen(built) + 1;
    built = xreallocarray(built, *len + 1, 1);
    built[*len - 1] = '\n';
    built[*len] = '\0';
    return built;
}

const char *report_cache_json(struct report_cache *c, struct cached_report *r,
                              const struct report_extras *x, size_t *len)
{
    return report_cache_body(c, r, CACHED_JSON, render_json, (void *)x, len);
}

/* ---- warnings -------------------------------------------------------------------- */

static bool same_settings(const struct warning_settings *a, const struct warning_settings *b)
{
    for (int i = 0; i < N_WARNING_RULES; i++) {
        const struct warning_rule_setting *x = &a->rule[i], *y = &b->rule[i];
        if (x->enabled != y->enabled || x->severity != y->severity || x->days != y->days ||
            x->threshold != y->threshold)
            return false;
    }
    return true;
}

/*
 * Keep at most REPORT_CACHE_WARNINGS lists in the table: drop those of the least recently used
 * reports but `keep` (their holders keep them; a request for one builds it again).
 */
static void keep_warnings_bound(struct report_cache *c, const struct cached_report *keep)
{
    for (;;) {
        size_t n = 0, lru = SIZE_MAX;
        for (size_t i = 0; i < c->n_reports; i++) {
            const struct cached_report *r = c->reports[i];
            if (!r->warnings)
                continue;
            n++;
            if (r != keep && (lru == SIZE_MAX || r->used < c->reports[lru]->used))
                lru = i;
        }
        if (n <= REPORT_CACHE_WARNINGS || lru == SIZE_MAX)
            return;
        warnings_unref(c, c->reports[lru]->warnings);
        c->reports[lru]->warnings = NULL;
    }
}

/* r's warnings when built under set, referenced; else NULL. */
static struct cached_warnings *find_warnings(struct report_cache *c, struct cached_report *r,
                                             const struct warning_settings *set)
{
    pthread_mutex_lock(&c->lock);
    struct cached_warnings *w = r->warnings;
    if (w && same_settings(&w->set, set))
        w->refs++;
    else
        w = NULL;
    pthread_mutex_unlock(&c->lock);
    return w;
}

struct cached_warnings *report_cache_warnings(struct report_cache *c, struct cached_report *now,
                                              const struct cached_report *month_ago,
                                              const struct warning_settings *set)
{
    struct cached_warnings *w = find_warnings(c, now, set);
    if (w)
        return w;
    pthread_mutex_lock(&c->build);
    w = find_warnings(c, now, set);
    if (!w) {
        w = xcalloc(1, sizeof(*w));
        w->set = *set;
        w->list = (struct warning_list)WARNING_LIST_INIT;
        struct warning_input in = { &now->rep, &month_ago->rep, &now->board, &month_ago->board };
        warnings_build(&in, set, PROG_NONE, -1, &w->list);
        w->refs = 2; /* the report's and the caller's */
        pthread_mutex_lock(&c->lock);
        warnings_unref(c, now->warnings); /* built under other rules: their holders keep it */
        now->warnings = w;
        keep_warnings_bound(c, now);
        pthread_mutex_unlock(&c->lock);
    }
    pthread_mutex_unlock(&c->build);
    bury(c);
    return w;
}

void report_cache_warnings_put(struct report_cache *c, struct cached_warnings *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&c->lock);
    warnings_unref(c, w);
    pthread_mutex_unlock(&c->lock);
    bury(c);
}
